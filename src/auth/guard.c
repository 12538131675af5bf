/* guard.c - see guard.h. */
#include "auth/guard.h"

#include <string.h>

#include "auth/kept.h"
#include "auth/perm.h"
#include "auth/session.h"
#include "core/arena.h"
#include "db/db.h"
#include "http/problem.h"
#include "http/refusal.h"
#include "http/router.h"
#include "http/request.h"

void reauth_redirect(struct req *rq, struct resp *rs, const char *back)
{
	resp_redirect(rs, 303, arena_printf(rq->arena, "/account/confirm?next=%s", back));
}

bool auth_guard(struct req *rq, struct resp *rs)
{
	if (!rq->db)
		return true; /* RF_DB_OPTIONAL routes (/healthz) carry no session */
	enum err e = session_load(rq);
	if (e) {
		const struct refusal *w = refusal_of(e == ERR_UNAVAILABLE || db_is_down(rq->db) ? 503 : 500);
		resp_error_page(rs, w->status, w->title, w->detail, NULL, NULL);
		if (w->status == 503)
			resp_header(rs, "Retry-After", "30");
		return false;
	}
	const struct route *r = rq->match.route;
	bool unsafe = rq->method_bit & (RM_POST | RM_PUT | RM_PATCH | RM_DELETE);
	/* a long form sent just after its person's session ended: kept for them (auth/kept.h) */
	if (unsafe && (r->flags & RF_KEEPS_TEXT) && !rq->session && rq->lapsed && session_lapsed_csrf_ok(rq)) {
		if (kept_answer(rq, rs)) {
			const struct refusal *w = refusal_of(db_is_down(rq->db) ? 503 : 500);
			resp_error_page(rs, w->status, w->title, w->detail, NULL, NULL);
		}
		return false;
	}
	if (unsafe && !session_csrf_ok(rq)) {
		if (!(r->flags & RF_REFUSED_RESHOWN)) {
			resp_error_page(rs, 403, "This form could not be sent",
					"The page may have been open for too long, or the form came from another website. "
					"Go back, reload the page and try again.", "/", "Go to the start page");
			return false;
		}
		rq->form_refused = true; /* its handler shows the form again, writing nothing (http/router.h) */
	}
	const char *stage = rq->session ? rq->session->stage : "anonymous";
	bool signed_in = !strcmp(stage, "signed_in");
	if (((r->capability != CAP_PUBLIC) && !signed_in) ||
	    ((r->flags & RF_PASSWORD) && !strcmp(stage, "anonymous"))) {
		if (r->flags & RF_API) { /* an API client is told, not sent to a form */
			problem_send(rs, 401, "Sign in first",
				     "This is about the signed-in person: sign in to the service, then ask again with its cookie.",
				     rq->path);
			resp_header(rs, "WWW-Authenticate", "Cookie realm=\"mathshubs\"");
			return false;
		}
		resp_redirect(rs, 303, "/sign-in");
		return false;
	}
	if ((r->flags & RF_REAUTH) && !session_recently_authenticated(rq->session)) {
		reauth_redirect(rq, rs, r->pattern);
		return false;
	}
	if (r->capability > CAP_ACCOUNT &&
	    perm_scope(rq->session->grants, rq->session->ngrants, (enum capability)r->capability) == SCOPE_NONE) {
		if (r->flags & RF_API) {
			problem_send(rs, 403, "Not allowed", "Your roles in the Maths Hubs Programme do not include this.", rq->path);
			return false;
		}
		resp_error_page(rs, 403, "You do not have permission to see this page",
				"Your roles in the Maths Hubs Programme do not include this. If you think they should, "
				"ask your hub's leadership team or the national team.", "/account", "Go to your account");
		return false;
	}
	return true;
}
