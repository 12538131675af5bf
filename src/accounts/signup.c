/*
 * signup.c - /sign-up: a person the programme has added (by their email
 * address) asks for a verification link, emailed to that address, single
 * use, for 24 hours; it leads to the same set-up as an administrator's
 * link. The page says the same thing whether or not the address is held,
 * so it cannot be used to find out who has an account.
 */
#include <string.h>

#include "accounts/accounts.h"
#include "accounts/queries.h"
#include "auth/session.h"
#include "auth/token.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "db/db.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"
#include "mail/mail.h"

static const char SQL_LINK[] =
	"INSERT INTO one_time_links (token_hash, person_id, purpose, created_at, expires_at) VALUES ($1, $2, 'signup', $3, $4)";
static const char SQL_RECENT[] =
	"SELECT COUNT(*) FROM one_time_links WHERE person_id = $1 AND purpose = 'signup' AND created_at > $2";

#define SIGNUP_LINKS_PER_HOUR 3

static void form(struct req *rq, struct resp *rs, const char *error)
{
	struct html w = resp_html(rs);
	layout_begin(&w, &(struct page){.title = "Sign up", .has_errors = error != NULL});
	H_RAW(&w, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (error)
		govuk_error_summary(&w, &(struct govuk_error){"email", error}, 1);
	H_RAW(&w, "<h1 class=\"govuk-heading-l\">Sign up</h1>\n"
		  "<p class=\"govuk-body\">You can sign up if your hub or the national team has added you. Use the email address they hold for you: we will email you a link to create your password.</p>\n"
		  "<form method=\"post\" action=\"/sign-up\" novalidate>\n");
	govuk_csrf(&w, rq->session->csrf);
	govuk_input(&w, &(struct govuk_input){.id = "email", .label = "Email address", .type = "email",
		.error = error, .autocomplete = "email", .spellcheck_off = true});
	H_RAW(&w, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Continue</button>\n</form>\n"
		  "<p class=\"govuk-body\">Already signed up? <a class=\"govuk-link\" href=\"/sign-in\">Sign in</a>.</p>\n</div></div>\n");
	layout_end(&w);
}

enum err page_sign_up(struct req *rq, struct resp *rs)
{
	enum err e = session_ensure(rq, rs);
	if (e)
		return e;
	form(rq, rs, NULL);
	return ERR_OK;
}

struct signup {
	struct req *rq;
	const char *email;
};

static enum err request_link(struct db *db, void *ctx)
{
	struct signup *s = ctx;
	struct req *rq = s->rq;
	struct person p;
	enum err e = person_by_email(db, rq->arena, s->email, &p);
	if (e == ERR_NOT_FOUND || (!e && !p.active))
		return audit(db, rq, 0, "sign_up_refused", "", "address not held for an active person");
	if (e)
		return e;
	const char *subject = arena_printf(rq->arena, "person:%lld", (long long)p.id);
	if (p.password_hash) /* already signed up: tell the owner, not the visitor */
		return mail_queue(db, p.email, "You already have a Maths Hubs account",
				  arena_printf(rq->arena, "Someone asked to sign up to Maths Hubs with this email address, but you already have an account.\n\nSign in at %s/sign-in\n\nIf this was not you, you can ignore this email.\n", rq->cfg->base_url),
				  NULL);
	struct db_stmt *st = db_prepare(db, SQL_RECENT);
	if (!st || db_bind_int(st, 1, p.id) || db_bind_int(st, 2, clock_now() - 3600) || db_step(st) != 1)
		return ERR_DB;
	int64_t recent = db_col_int(st, 0);
	db_step(st);
	if (recent >= SIGNUP_LINKS_PER_HOUR)
		return audit(db, rq, 0, "sign_up_throttled", subject, "");
	char token[TOKEN_LEN + 1], hash[TOKEN_HASH_LEN + 1];
	token_new(token);
	token_hash(token, hash);
	int64_t now = clock_now();
	if ((e = run_sql(db, SQL_LINK, "siii", hash, p.id, now, now + SETUP_LINK_SECONDS)) ||
	    (e = audit(db, rq, 0, "sign_up_link_sent", subject, "")))
		return e;
	const char *link = arena_printf(rq->arena, "%s/set-up/%s", rq->cfg->base_url, token);
	return mail_queue(db, p.email, "Confirm your email address to sign up to Maths Hubs",
			  arena_printf(rq->arena, "Hello %s,\n\nTo finish signing up to Maths Hubs, open this link and create your password:\n\n%s\n\nThe link works once, for 24 hours. If you did not ask to sign up, you can ignore this email.\n", p.name, link),
			  NULL);
}

enum err page_sign_up_post(struct req *rq, struct resp *rs)
{
	const char *email = req_form(rq, "email");
	char *lower = arena_strdup(rq->arena, email ? email : "");
	for (char *p = lower; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	const char *at = strchr(lower, '@');
	if (!at || at == lower || !strchr(at, '.') || strlen(lower) > 254) {
		rs->status = 400;
		form(rq, rs, "Enter an email address in the correct format, like name@school.org.uk");
		return ERR_OK;
	}
	struct signup s = {.rq = rq, .email = lower};
	enum err e = db_transact(rq->db, DB_WRITE, request_link, &s);
	if (e)
		return e;
	struct html w = resp_html(rs);
	layout_begin(&w, &(struct page){.title = "Check your email"});
	H_RAW(&w, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n<h1 class=\"govuk-heading-l\">Check your email</h1>\n<p class=\"govuk-body\">If ");
	html_text(&w, lower);
	H_RAW(&w, " is held for you in the Maths Hubs Programme, we have sent a link to it. The link works once, for 24 hours.</p>\n"
		  "<p class=\"govuk-body\">If nothing arrives within a few minutes, check your spam folder, or ask your hub to check the address they hold for you.</p>\n</div></div>\n");
	layout_end(&w);
	return ERR_OK;
}
