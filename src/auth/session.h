/*
 * session.h - server-side sessions and CSRF.
 *
 * The cookie holds a random token; the database holds only its hash. A
 * session is 'anonymous' (a visitor filling in a sign-in or set-up form:
 * it carries the CSRF token), 'password' (the password is checked, the
 * second factor is not yet) or 'signed_in'. A new token is issued at every
 * change of stage (sign-in, second factor): a token set before sign-in is
 * never accepted after it (no session fixation). Idle timeout 2 hours,
 * absolute 12 hours. The cookie is HttpOnly and SameSite=Lax; when the base
 * URL is https it is also Secure with the __Host- prefix. On plain-http
 * development on loopback it is "mh_session" without Secure (documented).
 */
#ifndef MH_AUTH_SESSION_H
#define MH_AUTH_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "auth/perm.h"
#include "auth/token.h"
#include "core/err.h"

struct req;
struct resp;

#define SESSION_IDLE_SECONDS (2 * 3600)
#define SESSION_ABSOLUTE_SECONDS (12 * 3600)
/* A signed-in session's row outlives its end by this much before it is swept,
 * so a long form sent on it meanwhile still finds whose it was and is kept
 * for them (rq->lapsed, auth/kept.h): the evening's planning saved next morning. */
#define SESSION_LAPSED_SECONDS (7 * 86400)
/* Changing a second factor or the recovery codes needs a proof of who the
 * person is (sign-in, or the password again) at most this long ago. */
#define SESSION_REAUTH_SECONDS (15 * 60)

struct session {
	char token_hash[TOKEN_HASH_LEN + 1];
	char replaces[TOKEN_HASH_LEN + 1]; /* the session this one rotated out ("" if none) */
	int64_t person_id; /* 0 when anonymous */
	const char *stage; /* "anonymous", "password" or "signed_in" */
	const char *csrf;  /* the form token of this session */
	const char *name, *email;
	int64_t created_at;
	int64_t authenticated_at; /* the last proof of who they are (0: none) */
	struct grant *grants; /* the person's roles (signed in only) */
	size_t ngrants;
	/* the one-time message a form's write left for this page (NULL: none);
	 * session_load has already cleared it from the database (its secret,
	 * if any, waits for session_take_secret) */
	const char *flash;
	bool secret_waiting; /* a sealed secret waits for session_take_secret */
};

/* Loads the session named by the request's cookie into rq->session, or
 * leaves it NULL (no cookie, unknown, expired or for an inactive person).
 * A one-time message on the session is taken: read into session->flash and
 * cleared in the database (one UPDATE, only when there is one), so that it
 * is shown once; an error clearing it is returned (never shown twice). */
enum err session_load(struct req *rq);

/* Starts a new session at the given stage for person_id (0: anonymous),
 * ending the request's current one: rotation. Sets the cookie and
 * rq->session. Runs inside the caller's write transaction. */
enum err session_begin(struct req *rq, struct resp *rs, int64_t person_id, const char *stage);

/* Makes sure the visitor has a session (an anonymous one if need be), so
 * that a form can carry its CSRF token. Its own transaction. At most 200
 * new anonymous sessions an hour from one address: ERR_RATE_LIMITED (429)
 * beyond. */
enum err session_ensure(struct req *rq, struct resp *rs);

/* Ends the request's session (or, with everywhere, every session of its
 * person) and clears the cookie. Inside the caller's write transaction. */
enum err session_end(struct req *rq, struct resp *rs, bool everywhere);

/* The form token check of an unsafe request: the csrf_token field equals
 * the session's, and Origin / Sec-Fetch-Site, when sent, say same origin. */
bool session_csrf_ok(const struct req *rq);
/* The same check against the session that has just ended (rq->lapsed):
 * the form was sent from this service's page, by its person. */
bool session_lapsed_csrf_ok(const struct req *rq);

/* Records that the person has just proved who they are again (their
 * password), inside the caller's write transaction. */
enum err session_reauthenticated(struct req *rq);

struct html;

/* Leaves text, a one-time message, for the next page the session loads
 * (post/redirect/get: the page the POST redirects to shows it once), inside
 * the caller's write transaction, on rq->session (after session_begin, the
 * new session). */
enum err session_flash(struct req *rq, const char *text);

/* session_flash for what is not a success ("Nothing was changed"): shown
 * in the blue "Important" banner, not the green "Success" one. */
enum err session_flash_note(struct req *rq, const char *text);

/* session_flash, with a secret shown once with it (new recovery codes):
 * stored sealed (src/auth/sealed.c), bound to the session, until the page
 * that shows it takes it (session_take_secret; the text is taken like any
 * one-time message). ERR_SYSTEM if it cannot be sealed. */
enum err session_flash_secret(struct req *rq, const char *text, const char *secret);

/* Takes the secret session_flash_secret left on the request's session:
 * *secret is it (in rq's arena), cleared in the database in its own write
 * transaction, or NULL (none, another request took it, or it cannot be
 * unsealed here). Only the page that shows the secret calls this, so that
 * no other page (another tab, a form) can take it unseen. */
enum err session_take_secret(struct req *rq, const char **secret);

/* The request's one-time message (taken from the session by
 * session_load), for the page scaffold's success banner
 * (struct page .banner), or NULL. */
const char *session_banner(const struct req *rq);

/* Whether s is signed in and its person proved who they are within
 * SESSION_REAUTH_SECONDS. */
bool session_recently_authenticated(const struct session *s);

/* The cookie's name for this deployment. */
const char *session_cookie_name(const struct req *rq);
/* The attributes every cookie of the service carries: "; Path=/; HttpOnly;
 * SameSite=Lax", and Secure when the base URL is https. */
const char *session_cookie_attrs(const struct req *rq);

#endif
