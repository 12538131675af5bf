/*
 * signup.c - /sign-up: a person the programme has added (by their email
 * address) asks for a verification link, emailed to that address, single
 * use, for 24 hours; it leads to the same set-up as an administrator's
 * link. The page says the same thing, after the same statements, whether
 * or not the address is held, so it cannot be used to find out who has an
 * account (request_link). /password-reset
 * works the same way for a forgotten password (a link for an hour; the
 * second factor is still needed afterwards).
 */
#include <string.h>

#include "accounts/accounts.h"
#include "accounts/attempt.h"
#include "accounts/queries.h"
#include "accounts/views.h"
#include "auth/audit.h"
#include "auth/ratelimit.h"
#include "auth/session.h"
#include "auth/token.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "db/db.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"
#include "mail/mail.h"

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

enum { LINK_EMAIL };
static const struct form_field link_fields[] = {
	[LINK_EMAIL] = {"email", FORM_EMAIL, "Email address", .required = true, .missing = "Enter your email address",
			.invalid = "Enter an email address in the correct format, like name@school.org.uk", .max_chars = 254,
			.autocomplete = "email"},
};
static const struct form link_form = FORM(link_fields);

static void link_page(struct req *rq, struct resp *rs, const struct link_kind *k, const struct form_data *d)
{
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = k->title, .back_href = "/sign-in", .errors = d->errors, .nerrors = d->nerrors,
				      .banner = session_banner(rq)});
	H_RAW(&w, "<p class=\"govuk-body\">");
	html_text(&w, k->intro);
	H_RAW(&w, "</p>\n<form method=\"post\" novalidate");
	H_ATTR(&w, "action", k->action);
	H_RAW(&w, ">\n");
	govuk_csrf(&w, rq->session->csrf);
	form_fields(&w, d);
	govuk_button(&w, &(struct govuk_button){.text = k->button});
	H_RAW(&w, "</form>\n<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/sign-in\">Sign in</a> instead.</p>\n");
	page_end(&w);
}

static enum err show_form(struct req *rq, struct resp *rs, const struct link_kind *k)
{
	enum err e = session_ensure(rq, rs);
	if (e)
		return e;
	struct form_data d;
	form_empty(&link_form, rq->arena, &d);
	link_page(rq, rs, k, &d);
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

/* What asking for a link does: email a link, email a notice instead (asking
 * to sign up when signed up, or to reset before signing up), or email
 * nothing (the address is not held for an active person, or it has had
 * LINKS_PER_HOUR links in the hour). One audit row each. */
enum link_outcome { LINK_REFUSED, LINK_NOTICE, LINK_THROTTLED, LINK_SENT };

struct link_plan {
	enum link_outcome outcome;
	bool link, mail;
	const char *detail, *subject, *text; /* subject, text: a notice's, else NULL (the link's) */
};

static struct link_plan plan_link(const struct signup *s, const struct person *p, bool held, int64_t recent)
{
	struct arena *a = s->rq->arena;
	const char *base = s->rq->cfg->base_url;
	bool signup = s->kind == &SIGNUP;
	if (!held)
		return (struct link_plan){.outcome = LINK_REFUSED, .detail = "address not held for an active person"};
	if (signup && p->password_hash) /* already signed up: tell the owner, not the visitor */
		return (struct link_plan){.outcome = LINK_NOTICE, .mail = true, .detail = "already signed up",
					  .subject = "You already have a Maths Hubs account",
					  .text = arena_printf(a, "Someone asked to sign up to Maths Hubs with this email address, but you already have an account.\n\nSign in at %s/sign-in, or reset your password at %s/password-reset\n\nIf this was not you, you can ignore this email.\n", base, base)};
	if (!signup && !p->password_hash) /* not signed up yet: a reset is a sign-up */
		return (struct link_plan){.outcome = LINK_NOTICE, .mail = true, .detail = "not signed up yet",
					  .subject = "You have not signed up to Maths Hubs yet",
					  .text = arena_printf(a, "Someone asked to reset the Maths Hubs password for this email address, but you have not signed up yet.\n\nSign up at %s/sign-up\n", base)};
	if (recent >= LINKS_PER_HOUR)
		return (struct link_plan){.outcome = LINK_THROTTLED, .detail = s->kind->purpose};
	return (struct link_plan){.outcome = LINK_SENT, .link = true, .mail = true, .detail = ""};
}

/* The plan's one audit row (each action a literal, for tests/unit/test_audit.c). */
static enum err link_audit(struct db *db, const struct signup *s, const struct link_plan *plan, const char *subject)
{
	switch (plan->outcome) {
	case LINK_REFUSED:
		return audit(db, s->rq, 0, "link_refused", subject, plan->detail);
	case LINK_NOTICE:
		return audit(db, s->rq, 0, "link_notice_sent", subject, plan->detail);
	case LINK_THROTTLED:
		return audit(db, s->rq, 0, "link_throttled", subject, plan->detail);
	case LINK_SENT:
		break;
	}
	return audit(db, s->rq, 0, s->kind == &SIGNUP ? "sign_up_link_sent" : "password_reset_link_sent", subject, plan->detail);
}

/* The email that carries the link (written whether or not it is sent). */
static void link_email(const struct signup *s, const struct person *p, const char *token, struct link_plan *plan)
{
	struct arena *a = s->rq->arena;
	const char *link = arena_printf(a, "%s/set-up/%s", s->rq->cfg->base_url, token);
	const char *text = s->kind == &SIGNUP
		? arena_printf(a, "Hello %s,\n\nTo finish signing up to Maths Hubs, open this link and create your password:\n\n%s\n\nThe link works once, for 24 hours. If you did not ask to sign up, you can ignore this email.\n", p->name, link)
		: arena_printf(a, "Hello %s,\n\nTo create a new password for Maths Hubs, open this link:\n\n%s\n\nThe link works once, for an hour. You will still need your authenticator app or a recovery code to sign in.\n\nIf you did not ask for this, you can ignore this email: your password has not changed.\n", p->name, link);
	if (plan->text)
		return; /* a notice instead */
	plan->subject = s->kind == &SIGNUP ? "Confirm your email address to sign up to Maths Hubs" : "Reset your Maths Hubs password";
	plan->text = text;
}

/* The same statements run, with the same work, whatever the address (held
 * or not, signed up or not, throttled or not): the person is looked up, the
 * links of the hour counted, a token made and hashed, one INSERT for the
 * link, one audit row, one INSERT for the email. Only what those INSERTs
 * keep differs (link_create_if, mail_queue_if), so the answer does not say
 * whether the address is held, and its time differs only by the cost of the
 * two rows written for a held one; tests/http/signup.test.mjs compares the
 * statements run. */
static enum err request_link(struct db *db, void *ctx)
{
	struct signup *s = ctx;
	struct req *rq = s->rq;
	s->retry_after = 0; /* a transaction run again starts afresh */
	bool ok, first;
	enum err e = ratelimit_hit(db, s->kind->purpose, rq->client_ip, LINKS_PER_ADDRESS_PER_HOUR, 3600, &ok, &s->retry_after,
				   &first);
	if (e)
		return e;
	if (!ok) /* logged once per address and window */
		return first ? audit(db, rq, 0, "rate_limited", "", ratelimit_detail(rq->arena, s->kind->purpose, 3600))
			     : ERR_OK;
	s->retry_after = 0;
	struct person p;
	e = person_by_email(db, rq->arena, s->email, &p);
	if (e && e != ERR_NOT_FOUND)
		return e;
	bool held = !e && p.active;
	if (!held) /* nobody: the same work for an unknown person at the address typed */
		p = (struct person){.id = 0, .email = s->email, .name = s->email};
	int64_t recent;
	if ((e = links_sent_since(db, p.id, s->kind->purpose, clock_now() - 3600, &recent)))
		return e;
	struct link_plan plan = plan_link(s, &p, held, recent);
	char token[TOKEN_LEN + 1];
	if ((e = link_create_if(db, plan.link, p.id, s->kind->purpose, s->kind->lifetime, token)))
		return e;
	link_email(s, &p, token, &plan);
	const char *subject = held ? arena_printf(rq->arena, "person:%lld", (long long)p.id) : "";
	if ((e = link_audit(db, s, &plan, subject)))
		return e;
	return mail_queue_if(db, plan.mail, p.email, plan.subject, plan.text);
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
	struct form_data d;
	if (!form_read(&link_form, rq->form, rq->nform, rq->arena, NULL, &d)) {
		rs->status = 400;
		link_page(rq, rs, k, &d);
		return ERR_OK;
	}
	struct signup s = {.rq = rq, .kind = k, .email = email_normalise(rq->arena, d.values[LINK_EMAIL].text)};
	enum err e = db_transact(rq->db, DB_WRITE, request_link_said, &s);
	if (e)
		return e;
	if (s.retry_after) {
		refused_status(rq, rs, s.retry_after);
		form_fail(&d, LINK_EMAIL, arena_printf(rq->arena, "Too many requests from your network. Try again in %lld minutes.",
						       (long long)(s.retry_after + 59) / 60));
		link_page(rq, rs, k, &d);
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
