/*
 * guard.h - the route guard: runs before every handler (server_run) and
 * enforces the route's flags, so no handler can forget them: loads the
 * session, checks the CSRF token on every unsafe method (an
 * RF_REFUSED_RESHOWN route's handler is told instead, rq->form_refused, and
 * shows its form again writing nothing), sends people who are not signed
 * in to the sign-in page, and asks for the password again before
 * RF_REAUTH routes when the last proof is old.
 */
#ifndef MH_AUTH_GUARD_H
#define MH_AUTH_GUARD_H

#include <stdbool.h>

struct req;
struct resp;

bool auth_guard(struct req *rq, struct resp *rs);

/* Sends a signed-in person to /account/confirm (enter your password again),
 * which returns them to back (a path under /account) afterwards. For
 * RF_REAUTH routes, and handlers that need the same proof only sometimes. */
void reauth_redirect(struct req *rq, struct resp *rs, const char *back);

#endif
