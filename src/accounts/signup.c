/*
 * signup.c - /sign-up: a person the programme has added (by their email
 * address) asks for a verification link, emailed to that address, single
 * use, for 24 hours; it leads to the same set-up as an administrator's
 * link. The page says the same thing whether or not the address is held,
 * so it cannot be used to find out who has an account. /password-reset
 * works the same way for a forgotten password (a link for an hour; the
 * second factor is still needed afterwards).
 */
#include <string.h>

#include "accounts/accounts.h"
#include "accounts/attempt.h"
#include "accounts/queries.h"
#include "auth/audit.h"
#include "auth/ratelimit.h"
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

static const char SQL_RECENT[] =
	"SELECT COUNT(*) FROM one_time_links WHERE person_id = $1 AND purpose = $2 AND created_at > $3";

#define LINKS_PER_HOUR 3

/* The two ways to ask for an emailed link: signing up (no password yet)
 * and resetting a forgotten password. */
struct link_kind {
	const char *purpose, *action, *title, *intro, *button;
	int64_t lifetime;
};

static const struct link_kind SIGNUP = {
	"signup", "/sign-up", "Sign up",
	"You can sign up if your hub or the national team has added you. Use the email address they hold for you: we will email you a link to create your password.",
	"Continue", SETUP_LINK_SECONDS};
static const struct link_kind RESET = {
	"reset", "/password-reset", "Reset your password",
	"Enter the email address of your account. We will email you a link to create a new password. You will still need your authenticator app or a recovery code to sign in.",
	"Send the link", RESET_LINK_SECONDS};

static void form(struct req *rq, struct resp *rs, const struct link_kind *k, const char *error)
{
	struct html w = resp_html(rs);
	layout_begin(&w, &(struct page){.title = k->title, .has_errors = error != NULL});
	H_RAW(&w, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (error)
		govuk_error_summary(&w, &(struct govuk_error){"email", error}, 1);
	else
		session_flash_banner(&w, rq);
	H_RAW(&w, "<h1 class=\"govuk-heading-l\">");
	html_text(&w, k->title);
	H_RAW(&w, "</h1>\n<p class=\"govuk-body\">");
	html_text(&w, k->intro);
	H_RAW(&w, "</p>\n<form method=\"post\" novalidate");
	H_ATTR(&w, "action", k->action);
	H_RAW(&w, ">\n");
	govuk_csrf(&w, rq->session->csrf);
	govuk_input(&w, &(struct govuk_input){.id = "email", .label = "Email address", .type = "email",
		.error = error, .autocomplete = "email", .spellcheck_off = true});
	H_RAW(&w, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">");
	html_text(&w, k->button);
	H_RAW(&w, "</button>\n</form>\n"
		  "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/sign-in\">Sign in</a> instead.</p>\n</div></div>\n");
	layout_end(&w);
}

static enum err show_form(struct req *rq, struct resp *rs, const struct link_kind *k)
{
	enum err e = session_ensure(rq, rs);
	if (e)
		return e;
	form(rq, rs, k, NULL);
	return ERR_OK;
}

enum err accounts_sign_up(struct req *rq, struct resp *rs)
{
	return show_form(rq, rs, &SIGNUP);
}

enum err accounts_password_reset(struct req *rq, struct resp *rs)
{
	return show_form(rq, rs, &RESET);
}

struct signup {
	struct req *rq;
	const struct link_kind *kind;
	const char *email;
	int64_t retry_after; /* > 0: too many requests from this address */
};

#define LINKS_PER_ADDRESS_PER_HOUR 10

/* Emails a link of the kind to its owner; throttled per person. */
static enum err send_link(struct db *db, struct signup *s, const struct person *p, const char *subject)
{
	struct req *rq = s->rq;
	struct db_stmt *st = db_prepare(db, SQL_RECENT);
	if (!st || db_bind_int(st, 1, p->id) || db_bind_text(st, 2, s->kind->purpose) ||
	    db_bind_int(st, 3, clock_now() - 3600) || db_step(st) != 1)
		return ERR_DB;
	int64_t recent = db_col_int(st, 0);
	db_step(st);
	if (recent >= LINKS_PER_HOUR)
		return audit(db, rq, 0, "link_throttled", subject, s->kind->purpose);
	char token[TOKEN_LEN + 1];
	enum err e;
	if ((e = link_create(db, p->id, s->kind->purpose, s->kind->lifetime, token)) ||
	    (e = audit(db, rq, 0, s->kind == &SIGNUP ? "sign_up_link_sent" : "password_reset_link_sent", subject, "")))
		return e;
	const char *link = arena_printf(rq->arena, "%s/set-up/%s", rq->cfg->base_url, token);
	if (s->kind == &SIGNUP)
		return mail_queue(db, p->email, "Confirm your email address to sign up to Maths Hubs",
				  arena_printf(rq->arena, "Hello %s,\n\nTo finish signing up to Maths Hubs, open this link and create your password:\n\n%s\n\nThe link works once, for 24 hours. If you did not ask to sign up, you can ignore this email.\n", p->name, link),
				  NULL);
	return mail_queue(db, p->email, "Reset your Maths Hubs password",
			  arena_printf(rq->arena, "Hello %s,\n\nTo create a new password for Maths Hubs, open this link:\n\n%s\n\nThe link works once, for an hour. You will still need your authenticator app or a recovery code to sign in.\n\nIf you did not ask for this, you can ignore this email: your password has not changed.\n", p->name, link),
			  NULL);
}

static enum err request_link(struct db *db, void *ctx)
{
	struct signup *s = ctx;
	struct req *rq = s->rq;
	s->retry_after = 0; /* a transaction run again starts afresh */
	bool ok;
	enum err e = ratelimit_hit(db, s->kind->purpose, rq->client_ip, LINKS_PER_ADDRESS_PER_HOUR, 3600, &ok, &s->retry_after);
	if (e)
		return e;
	if (!ok)
		return audit(db, rq, 0, "rate_limited", "", s->kind->purpose);
	s->retry_after = 0;
	struct person p;
	e = person_by_email(db, rq->arena, s->email, &p);
	if (e == ERR_NOT_FOUND || (!e && !p.active))
		return audit(db, rq, 0, "link_refused", "", "address not held for an active person");
	if (e)
		return e;
	const char *subject = arena_printf(rq->arena, "person:%lld", (long long)p.id);
	if (s->kind == &SIGNUP && p.password_hash) /* already signed up: tell the owner, not the visitor */
		return mail_queue(db, p.email, "You already have a Maths Hubs account",
				  arena_printf(rq->arena, "Someone asked to sign up to Maths Hubs with this email address, but you already have an account.\n\nSign in at %s/sign-in, or reset your password at %s/password-reset\n\nIf this was not you, you can ignore this email.\n", rq->cfg->base_url, rq->cfg->base_url),
				  NULL);
	if (s->kind == &RESET && !p.password_hash) /* not signed up yet: a reset is a sign-up */
		return mail_queue(db, p.email, "You have not signed up to Maths Hubs yet",
				  arena_printf(rq->arena, "Someone asked to reset the Maths Hubs password for this email address, but you have not signed up yet.\n\nSign up at %s/sign-up\n", rq->cfg->base_url),
				  NULL);
	return send_link(db, s, &p, subject);
}

/* request_link, then what the form's page says once after the redirect
 * (the same whatever happened, so that it tells nobody who is known). */
static enum err request_link_said(struct db *db, void *ctx)
{
	struct signup *s = ctx;
	enum err e = request_link(db, ctx);
	if (e || s->retry_after)
		return e;
	return session_flash(s->rq, arena_printf(s->rq->arena, "Check your email. If %s is the address of someone in the Maths Hubs Programme, "
							       "we have sent a link to it. The link works once. If nothing arrives within a few minutes, "
							       "check your spam folder, or ask your hub to check the address they hold for you.", s->email));
}

static enum err request_post(struct req *rq, struct resp *rs, const struct link_kind *k)
{
	const char *lower = email_normalise(rq->arena, req_form(rq, "email"));
	if (!email_plausible(lower)) {
		rs->status = 400;
		form(rq, rs, k, "Enter an email address in the correct format, like name@school.org.uk");
		return ERR_OK;
	}
	struct signup s = {.rq = rq, .kind = k, .email = lower};
	enum err e = db_transact(rq->db, DB_WRITE, request_link_said, &s);
	if (e)
		return e;
	if (s.retry_after) {
		refused_status(rq, rs, s.retry_after);
		form(rq, rs, k, arena_printf(rq->arena, "Too many requests from your network. Try again in %lld minutes.",
					     (long long)(s.retry_after + 59) / 60));
		return ERR_OK;
	}
	resp_redirect(rs, 303, k->action); /* the form again, which says to check one's email, once */
	return ERR_OK;
}

enum err accounts_sign_up_post(struct req *rq, struct resp *rs)
{
	return request_post(rq, rs, &SIGNUP);
}

enum err accounts_password_reset_post(struct req *rq, struct resp *rs)
{
	return request_post(rq, rs, &RESET);
}
