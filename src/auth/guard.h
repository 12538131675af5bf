/*
 * guard.h - the route guard: runs before every handler (server_run) and
 * enforces the route's flags, so no handler can forget them: loads the
 * session, checks the CSRF token on every unsafe method, and sends people
 * who are not signed in to the sign-in page.
 */
#ifndef MH_AUTH_GUARD_H
#define MH_AUTH_GUARD_H

#include <stdbool.h>

struct req;
struct resp;

bool auth_guard(struct req *rq, struct resp *rs);

#endif
