/*
 * pages_signin.c - sign in (email and password, then the second factor),
 * sign out. Unknown emails get the same answer, and take the same time,
 * as wrong passwords, and are locked alike (attempt.h); a complete sign-in
 * makes the device trusted, so that others' guesses never lock it out.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "accounts/accounts.h"
#include "accounts/attempt.h"
#include "accounts/views.h"
#include "accounts/queries.h"
#include "auth/audit.h"
#include "auth/password.h"
#include "auth/perm.h"
#include "auth/ratelimit.h"
#include "auth/recovery.h"
#include "auth/sealed.h"
#include "auth/session.h"
#include "auth/token.h"
#include "auth/totp.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "db/db.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"
#include "mail/mail.h"

enum { SIGN_IN_EMAIL, SIGN_IN_PASSWORD };
static const struct form_field sign_in_fields[] = {
	[SIGN_IN_EMAIL] = {"email", FORM_EMAIL, "Email address", .required = true,
			   .missing = "Enter your email address", .autocomplete = "username"},
	[SIGN_IN_PASSWORD] = {"password", FORM_PASSWORD, "Password", .required = true,
			      .missing = "Enter your password", .autocomplete = "current-password", .spellcheck_off = true},
};
static const struct form sign_in_form = FORM(sign_in_fields);

static void sign_in_page(struct req *rq, struct resp *rs, const struct form_data *d)
{
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = "Sign in", .heading = "Sign in to Maths Hubs", .errors = d->errors,
				      .nerrors = d->nerrors, .banner = session_banner(rq)});
	H_RAW(&w, "<form method=\"post\" action=\"/sign-in\" novalidate>\n");
	govuk_csrf(&w, rq->session->csrf);
	form_fields(&w, d);
	govuk_button(&w, &(struct govuk_button){.text = "Continue"});
	H_RAW(&w, "</form>\n"
		  "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/password-reset\">I have forgotten my password</a></p>\n"
		  "<p class=\"govuk-body\">New to the service? If your hub or the national team has added you, <a class=\"govuk-link\" href=\"/sign-up\">sign up</a> first.</p>\n");
	page_end(&w);
}

enum err accounts_sign_in(struct req *rq, struct resp *rs)
{
	enum err e = session_ensure(rq, rs);
	if (e)
		return e;
	struct form_data d;
	form_empty(&sign_in_form, rq->arena, &d);
	sign_in_page(rq, rs, &d);
	return ERR_OK;
}

/* Sign-in's step (3) on a right password: the second factor comes next. */
static enum err sign_in_accepted(struct db *db, struct attempt *a, const struct person *p)
{
	/* failed_attempts is not reset here: only a second factor resets it,
	 * so a known password cannot buy unlimited guesses at the code */
	enum err e = audit(db, a->rq, p->id, "password_accepted", arena_printf(a->rq->arena, "person:%lld", (long long)p->id), "");
	if (e)
		return e;
	a->second_factor_next = factor_count(p) > 0;
	bool sent;
	if ((e = send_sign_in_code(db, a->rq, p, &sent)))
		return e;
	return session_begin(a->rq, a->rs, p->id, "password");
}

enum err accounts_sign_in_post(struct req *rq, struct resp *rs)
{
	struct form_data d;
	if (!form_read(&sign_in_form, rq->form, rq->nform, rq->arena, NULL, &d)) {
		rs->status = 400;
		sign_in_page(rq, rs, &d);
		return ERR_OK;
	}
	struct attempt a = {.rq = rq, .rs = rs, .email = email_normalise(rq->arena, d.values[SIGN_IN_EMAIL].text),
			    .secret = d.values[SIGN_IN_PASSWORD].text, .accepted = sign_in_accepted};
	enum err e = password_step(&a);
	if (e)
		return e;
	if (a.error) { /* wrong, locked or throttled: said against the address */
		attempt_refused(rs, &a);
		form_fail(&d, SIGN_IN_EMAIL, a.error);
		sign_in_page(rq, rs, &d);
		return ERR_OK;
	}
	resp_redirect(rs, 303, a.second_factor_next ? "/sign-in/code" : "/account/authenticator");
	return ERR_OK;
}

/* What the code page asks for: the way the live code went when there is
 * one, else the app, else the person's usual way ("app", "sms", "voice"
 * or "email"). */
static const char *asked_for(const struct req *rq, const struct person *p)
{
	const char *by = p->code_sent_by ? p->code_sent_by : "";
	if (p->email_code_hash && p->email_code_expires > clock_now() &&
	    (!strcmp(by, "email") || !strcmp(by, "sms") || !strcmp(by, "voice")))
		return by;
	if (p->totp_secret)
		return "app";
	if (p->email_codes && !phone_reachable(rq->cfg, p))
		return "email";
	return p->phone_by == PHONE_VOICE ? "voice" : p->phone ? "sms" : "email";
}

/* The code page for each way: its title, and its one field (the hint and
 * the message when the code is missing or wrong say where the code is). */
#define CODE_FIELD(hint_, error_)                                                                          \
	{{"code", FORM_TEXT, "Code", .hint = (hint_), .required = true, .missing = (error_), .max_chars = 64,   \
	  .autocomplete = "one-time-code", .input_class = "govuk-input--width-20", .spellcheck_off = true}}
enum { CODE };
static const struct {
	const char *way, *title;
	struct form_field field[1];
} ASKS[] = {
	{"app", "Enter a code from your authenticator app",
	 CODE_FIELD("The 6-digit code the app shows now, or one of your recovery codes",
		    "Enter the code your authenticator app shows now, or a recovery code")},
	{"sms", "Enter the code we texted you",
	 CODE_FIELD("The 6-digit code from the text message, or one of your recovery codes",
		    "Enter the code from the text message we sent, or a recovery code")},
	{"voice", "Enter the code from our phone call",
	 CODE_FIELD("The 6-digit code we read to you, or one of your recovery codes",
		    "Enter the code we read to you on the phone, or a recovery code")},
	{"email", "Enter the code we emailed you",
	 CODE_FIELD("The 6-digit code from the email, or one of your recovery codes",
		    "Enter the code from the email we sent, or a recovery code")},
};
static const struct form CODE_FORMS[] = {FORM(ASKS[0].field), FORM(ASKS[1].field), FORM(ASKS[2].field), FORM(ASKS[3].field)};

static size_t ask_index(const char *way)
{
	for (size_t i = 0; i < sizeof(ASKS) / sizeof(ASKS[0]); i++)
		if (!strcmp(ASKS[i].way, way))
			return i;
	return 0;
}

/* What the code page says of the code: sent (where), expired, or nothing
 * for the app. */
static void code_whereabouts(struct html *w, struct req *rq, const struct person *p, const char *way)
{
	bool live = p->email_code_hash && p->email_code_expires > clock_now();
	if (!strcmp(way, "app"))
		return;
	if (!live) {
		H_RAW(w, "<p class=\"govuk-body\">Your last code has expired. Ask for a new one below.</p>\n");
		return;
	}
	bool to_phone = strcmp(way, "email") != 0;
	code_sent_text(w, !strcmp(way, "voice"), to_phone ? phone_masked(rq->arena, p->phone ? p->phone : "") : p->email);
}

/* "Not received a code?": a new code by each of p's other ways. */
static void code_resend(struct html *w, struct req *rq, const struct person *p, const char *way)
{
	bool phone = phone_reachable(rq->cfg, p);
	if (!phone && !p->email_codes)
		return;
	H_RAW(w, "<h2 class=\"govuk-heading-m\">");
	if (strcmp(way, "app"))
		H_RAW(w, "Not received a code?");
	else
		H_RAW(w, "Cannot use your app?");
	H_RAW(w, "</h2>\n<p class=\"govuk-body\">Codes can take a minute to arrive. We can send a new one:</p>\n<div class=\"govuk-button-group\">\n");
	if (phone)
		govuk_button_form(w, rq->session->csrf, "/sign-in/code/send", "by", "phone", p->phone_by == PHONE_VOICE ? "Call me with a new code" : "Text me a new code");
	if (p->email_codes)
		govuk_button_form(w, rq->session->csrf, "/sign-in/code/send", "by", "email", "Email me a new code");
	H_RAW(w, "</div>\n");
}

/* The code page for p. posted: the code form was sent (its errors are
 * shown; a code is never shown back); error: the attempt's refusal, or
 * NULL. */
static void code_page(struct req *rq, struct resp *rs, const struct person *p, bool posted, const char *error)
{
	const char *way = asked_for(rq, p);
	size_t k = ask_index(way);
	struct form_data d;
	if (posted)
		form_read(&CODE_FORMS[k], rq->form, rq->nform, rq->arena, NULL, &d);
	else
		form_empty(&CODE_FORMS[k], rq->arena, &d);
	if (error)
		form_fail(&d, CODE, error);
	d.values[CODE].text = NULL;
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = ASKS[k].title, .back_href = "/sign-in", .errors = d.errors,
				      .nerrors = d.nerrors, .banner = session_banner(rq)});
	code_whereabouts(&w, rq, p, way);
	H_RAW(&w, "<form method=\"post\" action=\"/sign-in/code\" novalidate>\n");
	govuk_csrf(&w, rq->session->csrf);
	form_fields(&w, &d);
	govuk_button(&w, &(struct govuk_button){.text = "Sign in"});
	H_RAW(&w, "</form>\n");
	code_resend(&w, rq, p, way);
	page_end(&w);
}

static enum err person_so_far(struct req *rq, struct person *p)
{
	enum err e = person_read(rq->db, rq->arena, rq->session->person_id, p);
	return e == ERR_NOT_FOUND ? ERR_INVALID : e;
}

/* The code pages are for someone between password and code. A signed-in
 * session must not use them: a code would otherwise refresh its proof of
 * who they are without the password (see RF_REAUTH). */
static bool signed_in_already(struct req *rq, struct resp *rs)
{
	if (strcmp(rq->session->stage, "signed_in"))
		return false;
	resp_redirect(rs, 303, "/account");
	return true;
}

enum err accounts_sign_in_code(struct req *rq, struct resp *rs)
{
	if (signed_in_already(rq, rs))
		return ERR_OK;
	struct person p;
	enum err e = person_so_far(rq, &p);
	if (e)
		return e;
	if (!factor_count(&p)) {
		resp_redirect(rs, 303, "/account/authenticator");
		return ERR_OK;
	}
	code_page(rq, rs, &p, false, NULL);
	return ERR_OK;
}

static enum err code_step(struct db *db, void *ctx)
{
	struct attempt *a = ctx;
	attempt_start(a);
	bool ok;
	enum err e = address_allows(db, a, "second_factor", &ok);
	if (e || !ok)
		return e;
	struct person p;
	e = person_by_id(db, a->rq->arena, a->rq->session->person_id, &p);
	if (e)
		return e == ERR_NOT_FOUND ? ERR_INVALID : e;
	const char *subject = arena_printf(a->rq->arena, "person:%lld", (long long)p.id);
	if (p.locked_until > clock_now()) {
		a->error = locked_message(a->rq->arena, p.locked_until);
		return ERR_OK;
	}
	int64_t step;
	const char *how = NULL;
	if (p.totp_secret && totp_verify(p.totp_secret, a->secret, clock_now(), p.totp_last_step, &step) == ERR_OK) {
		if ((e = person_totp_used(db, p.id, step)))
			return e;
		how = "authenticator app";
	} else if (code_matches(&p, a->secret, CODE_TO_SIGN_IN)) {
		if ((e = person_code_used(db, p.id)))
			return e;
		how = !strcmp(p.code_sent_by, "sms") ? "code by text message"
		      : !strcmp(p.code_sent_by, "voice") ? "code by phone call" : "code by email";
	} else {
		/* codes made with the key are keyed; those made before, plain */
		char norm[RECOVERY_LEN + 1], h[TOKEN_HASH_LEN + 1], k[KEYED_HASH_LEN + 1];
		recovery_normalise(a->secret, norm);
		token_hash(norm, h);
		keyed_hash(norm, k);
		bool used;
		if ((e = recovery_code_use(db, p.id, k, h, &used)))
			return e;
		if (used)
			how = "recovery code";
	}
	if (!how) {
		a->error = ASKS[ask_index(asked_for(a->rq, &p))].field[CODE].missing; /* count_failure says if it locks */
		if ((e = audit(db, a->rq, p.id, "second_factor_failed", subject, "")))
			return e;
		return count_failure(db, a, &p);
	}
	if ((e = person_reset_failures(db, p.id)) || (e = address_forgive(db, a, "second_factor")) ||
	    (e = device_trust(db, a, p.id)) || (e = audit(db, a->rq, p.id, "sign_in", subject, how)))
		return e;
	return session_begin(a->rq, a->rs, p.id, "signed_in");
}

/* The code page again, 400 (or 429), with what was refused: the code
 * form's own errors (posted), or the attempt's. */
static enum err refused_code_page(struct req *rq, struct resp *rs, const struct attempt *a, bool posted)
{
	struct person p;
	enum err e = person_so_far(rq, &p);
	if (e)
		return e;
	attempt_refused(rs, a);
	code_page(rq, rs, &p, posted, a->error);
	return ERR_OK;
}

enum err accounts_sign_in_code_post(struct req *rq, struct resp *rs)
{
	if (signed_in_already(rq, rs))
		return ERR_OK;
	struct form_data d; /* the fields are the same whatever the way */
	struct attempt a = {.rq = rq, .rs = rs};
	if (!form_read(&CODE_FORMS[0], rq->form, rq->nform, rq->arena, NULL, &d))
		return refused_code_page(rq, rs, &a, true); /* no code: not a guess */
	a.secret = d.values[CODE].text;
	enum err e = db_transact(rq->db, DB_WRITE, code_step, &a);
	if (e)
		return e;
	if (a.error)
		return refused_code_page(rq, rs, &a, true);
	device_cookie(&a);
	resp_redirect(rs, 303, "/account");
	return ERR_OK;
}

/* A new code by another way, or again (a text that never came). */
static enum err code_send(struct db *db, void *ctx)
{
	struct attempt *a = ctx;
	attempt_start(a);
	bool ok;
	enum err e = address_allows(db, a, "code_sent", &ok);
	if (e || !ok)
		return e;
	struct person p;
	if ((e = person_by_id(db, a->rq->arena, a->rq->session->person_id, &p)))
		return e == ERR_NOT_FOUND ? ERR_INVALID : e;
	bool by_phone = !strcmp(a->secret, "phone");
	if (by_phone ? !phone_reachable(a->rq->cfg, &p) : !p.email_codes)
		return ERR_INVALID; /* not one of this person's ways (or not reachable now) */
	if (p.locked_until > clock_now()) {
		a->error = locked_message(a->rq->arena, p.locked_until);
		return ERR_OK;
	}
	if ((e = codes_allowed(db, a->rq, &p, &ok, &a->retry_after)))
		return e;
	if (!ok) {
		a->error = arena_printf(a->rq->arena, "We have sent you several codes already. Use the last one, or try again in %lld minutes.",
					(long long)(a->retry_after + 59) / 60);
		return ERR_OK;
	}
	a->retry_after = 0;
	if ((e = send_a_code(db, a->rq, &p, by_phone ? CODE_BY_PHONE : CODE_BY_EMAIL)))
		return e;
	return audit(db, a->rq, p.id, "code_sent", arena_printf(a->rq->arena, "person:%lld", (long long)p.id),
		     by_phone ? (p.phone_by == PHONE_VOICE ? "by phone call" : "by text message") : "by email");
}

enum err accounts_sign_in_code_send_post(struct req *rq, struct resp *rs)
{
	if (signed_in_already(rq, rs))
		return ERR_OK;
	const char *by = req_form(rq, "by");
	if (!by || (strcmp(by, "phone") && strcmp(by, "email")))
		return ERR_INVALID;
	struct attempt a = {.rq = rq, .rs = rs, .secret = by};
	enum err e = db_transact(rq->db, DB_WRITE, code_send, &a);
	if (e)
		return e;
	if (a.error)
		return refused_code_page(rq, rs, &a, false);
	resp_redirect(rs, 303, "/sign-in/code");
	return ERR_OK;
}

struct sign_out {
	struct req *rq;
	struct resp *rs;
	struct session *was; /* the session signing out (a transaction run again starts from it) */
	bool everywhere;
};

static enum err sign_out(struct db *db, void *ctx)
{
	struct sign_out *so = ctx;
	struct req *rq = so->rq;
	rq->session = so->was;
	int64_t id = rq->session->person_id;
	enum err e = ERR_OK;
	if (id)
		e = audit(db, rq, id, so->everywhere ? "signed_out_everywhere" : "signed_out", arena_printf(rq->arena, "person:%lld", (long long)id), "");
	if (e || (e = session_end(rq, so->rs, so->everywhere)))
		return e;
	/* a fresh anonymous session carries the message to the start page */
	if ((e = session_begin(rq, so->rs, 0, "anonymous")))
		return e;
	return session_flash(rq, so->everywhere ? "You have signed out, here and on every other device." : "You have signed out.");
}

enum err accounts_sign_out_post(struct req *rq, struct resp *rs)
{
	const char *all = req_form(rq, "everywhere");
	struct sign_out so = {.rq = rq, .rs = rs, .was = rq->session, .everywhere = all && !strcmp(all, "yes")};
	enum err e = db_transact(rq->db, DB_WRITE, sign_out, &so);
	if (e)
		return e;
	resp_redirect(rs, 303, "/"); /* which says so once (post/redirect/get) */
	return ERR_OK;
}
