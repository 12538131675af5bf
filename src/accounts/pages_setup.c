/*
 * pages_setup.c - from a set-up link to a signed-in account: create a
 * password (/set-up/{token}), set up a second factor (the authenticator
 * app at /account/authenticator, codes by email, or a phone that gets
 * codes by text or call, confirmed by a code), see the recovery codes
 * once. The same enrolment adds or replaces a factor for someone signed
 * in who has just proved who they are (pages_account.c links here).
 */
#include <ctype.h>
#include <string.h>

#include "accounts/accounts.h"
#include "accounts/attempt.h"
#include "accounts/views.h"
#include "accounts/queries.h"
#include "auth/password.h"
#include "auth/recovery.h"
#include "auth/sealed.h"
#include "auth/guard.h"
#include "auth/session.h"
#include "auth/token.h"
#include "auth/totp.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/log.h"
#include "core/url.h"
#include "db/db.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"

/* ---- the set-up link ---- */

struct setup {
	struct req *rq;
	struct resp *rs;
	char hash[TOKEN_HASH_LEN + 1];
	struct link link;
	struct person person;
	bool bad_link, has_second_factor;
	char hash_of_new[crypto_pwhash_STRBYTES]; /* the new password, hashed before the write */
};

static enum err setup_read(struct db *db, void *ctx)
{
	struct setup *s = ctx;
	enum err e = link_lookup(db, s->rq->arena, s->hash, &s->link);
	if (e == ERR_NOT_FOUND || (!e && (s->link.used || s->link.expires_at < clock_now() ||
					  (strcmp(s->link.purpose, "setup") && strcmp(s->link.purpose, "signup") &&
					   strcmp(s->link.purpose, "reset"))))) {
		s->bad_link = true;
		return ERR_OK;
	}
	if (e)
		return e;
	e = person_by_id(db, s->rq->arena, s->link.person_id, &s->person);
	if (!e && !s->person.active)
		s->bad_link = true;
	return e == ERR_NOT_FOUND ? (s->bad_link = true, ERR_OK) : e;
}

enum { SETUP_PASSWORD };
static const struct form_field setup_fields[] = {
	[SETUP_PASSWORD] = {"password", FORM_PASSWORD, "Password", .hint = NEW_PASSWORD_HINT, .required = true,
			    .missing = "Enter a password", .check = new_password_check, .autocomplete = "new-password",
			    .spellcheck_off = true},
};
static const struct form setup_form = FORM(setup_fields);

static void setup_page(struct req *rq, struct resp *rs, const struct setup *s, const struct form_data *d)
{
	struct html w = resp_html(rs);
	bool reset = !strcmp(s->link.purpose, "reset");
	page_begin(&w, &(struct page){.title = reset ? "Create a new password" : "Create a password", .errors = d->errors,
				      .nerrors = d->nerrors, .banner = session_banner(rq)});
	H_RAW(&w, "<p class=\"govuk-body\">");
	if (reset)
		H_RAW(&w, "This is the Maths Hubs account of ");
	else
		H_RAW(&w, "You are setting up the Maths Hubs account of ");
	html_text(&w, s->person.name);
	H_RAW(&w, " (");
	html_text(&w, s->person.email);
	H_RAW(&w, ").</p>\n<form method=\"post\" novalidate>\n");
	govuk_csrf(&w, rq->session->csrf);
	H_RAW(&w, "<input type=\"hidden\" name=\"username\" autocomplete=\"username\"");
	H_ATTR(&w, "value", s->person.email);
	H_RAW(&w, ">\n");
	form_fields(&w, d);
	govuk_button(&w, &(struct govuk_button){.text = "Continue"});
	H_RAW(&w, "</form>\n");
	page_end(&w);
}

static enum err bad_link_page(struct resp *rs)
{
	return resp_error_page(rs, 404, "This link has expired or has already been used",
			       "Set-up links work once, for 24 hours. Ask the person who added you to send a new one.",
			       "/", "Go to the start page");
}

enum err accounts_setup(struct req *rq, struct resp *rs)
{
	struct setup s = {.rq = rq, .rs = rs};
	token_hash(req_param(rq, "token"), s.hash);
	enum err e = db_transact(rq->db, DB_READ, setup_read, &s);
	if (e)
		return e;
	if (s.bad_link)
		return bad_link_page(rs);
	if ((e = session_ensure(rq, rs)))
		return e;
	/* The token is in the address: the service's Referrer-Policy
	 * (strict-origin-when-cross-origin) never sends a path to another site.
	 * Not "no-referrer": browsers then send "Origin: null" with the form,
	 * which the CSRF check rightly refuses. */
	struct form_data d;
	form_empty(&setup_form, rq->arena, &d);
	setup_page(rq, rs, &s, &d);
	return ERR_OK;
}

/* The write, with the password already hashed (s->hash_of_new): the link
 * is checked again, as it may have been used meanwhile. */
static enum err setup_write(struct db *db, void *ctx)
{
	struct setup *s = ctx;
	int64_t hashed_for = s->person.id;
	enum err e = setup_read(db, ctx);
	if (e || s->bad_link)
		return e;
	if (s->person.id != hashed_for)
		return ERR_CONFLICT; /* a link's person never changes */
	bool reset = !strcmp(s->link.purpose, "reset");
	if ((e = person_set_password(db, s->person.id, s->hash_of_new)) ||
	    (e = link_mark_used(db, s->hash)) ||
	    (reset && (e = sessions_end_all(db, s->person.id))) || /* every device signs in again */
	    (e = audit(db, s->rq, s->person.id, reset ? "password_reset" : "password_set",
		       arena_printf(s->rq->arena, "person:%lld", (long long)s->person.id),
		       reset ? "from an emailed reset link" : "from a set-up link")))
		return e;
	s->has_second_factor = factor_count(&s->person) > 0;
	bool sent; /* the code page says one has been sent: send it */
	if ((e = send_sign_in_code(db, s->rq, &s->person, &sent)))
		return e;
	return session_begin(s->rq, s->rs, s->person.id, "password");
}

/* The link and the password are checked in a read; the password is hashed
 * (argon2id: slow on purpose) outside any transaction, so that SQLite's
 * write lock is never held while it runs, nor the hash run again when the
 * write is retried; then one write transaction. */
enum err accounts_setup_post(struct req *rq, struct resp *rs)
{
	struct setup s = {.rq = rq, .rs = rs};
	token_hash(req_param(rq, "token"), s.hash);
	enum err e = db_transact(rq->db, DB_READ, setup_read, &s);
	if (e)
		return e;
	if (s.bad_link)
		return bad_link_page(rs);
	struct form_data d;
	if (!form_read(&setup_form, rq->form, rq->nform, rq->arena,
		       &(struct password_owner){s.person.email, s.person.name}, &d)) {
		rs->status = 400;
		setup_page(rq, rs, &s, &d);
		return ERR_OK;
	}
	if ((e = password_hash(d.values[SETUP_PASSWORD].text, s.hash_of_new)))
		return e;
	log_msg("info", "set-up: password hashed for person:%lld, outside the write transaction", (long long)s.person.id);
	e = db_transact(rq->db, DB_WRITE, setup_write, &s);
	if (e)
		return e;
	if (s.bad_link) /* used meanwhile, by another tab */
		return bad_link_page(rs);
	/* a new password never replaces the second factor: prove it next */
	resp_redirect(rs, 303, s.has_second_factor ? "/sign-in/code" : "/account/authenticator");
	return ERR_OK;
}

/* ---- who may enrol ---- */

/* Where an enrolment goes instead of going on. */
enum enrol_gate {
	ENROL_GO_ON,
	ENROL_TO_CODE,    /* between password and code, with a factor already: prove it */
	ENROL_TO_CONFIRM, /* signed in, but the last proof of who they are is old */
};

/* Who may add a second factor: someone between password and code with no
 * factor yet (their first), or someone signed in who proved who they are
 * within SESSION_REAUTH_SECONDS (adding or replacing one). *first: p has
 * no factor yet. */
static enum enrol_gate enrol_gate(const struct req *rq, const struct person *p, bool *first)
{
	int n = factor_count(p);
	*first = n == 0;
	if (strcmp(rq->session->stage, "signed_in"))
		return n ? ENROL_TO_CODE : ENROL_GO_ON;
	return session_recently_authenticated(rq->session) ? ENROL_GO_ON : ENROL_TO_CONFIRM;
}

/* Sends someone the gate stopped on: to the code page, or to enter their
 * password again and come back to back. */
static void enrol_redirect(struct req *rq, struct resp *rs, enum enrol_gate gate, const char *back)
{
	if (gate == ENROL_TO_CODE)
		resp_redirect(rs, 303, "/sign-in/code");
	else
		reauth_redirect(rq, rs, back);
}

/* ---- the authenticator app ---- */

enum { APP_CODE };
static const struct form_field app_fields[] = {
	[APP_CODE] = {"code", FORM_TEXT, "Code from the app", .required = true, .max_chars = 16,
		      .missing = "Enter the 6-digit code your authenticator app shows now", .autocomplete = "one-time-code",
		      .inputmode = "numeric", .input_class = "govuk-input--width-10", .spellcheck_off = true},
};
static const struct form app_form = FORM(app_fields);

/* How to add the app: the steps, the QR code, and the key to type instead. */
static void authenticator_steps(struct html *w, struct req *rq, const char *secret)
{
	H_RAW(w, "<ol class=\"govuk-list govuk-list--number\"><li>Open an authenticator app, for example Google Authenticator or Microsoft Authenticator.</li>"
		 "<li>Scan this QR code with the app.</li><li>Enter the 6-digit code the app shows.</li></ol>\n");
	totp_qr_write(w, totp_uri(rq->arena, "Maths Hubs", rq->session->email, secret));
	govuk_details_begin(w, "I cannot scan the QR code", false);
	H_RAW(w, "<p class=\"govuk-body\">Enter this key in your app instead:</p><p class=\"govuk-body\"><code class=\"mh-secret\" id=\"secret\">");
	for (size_t i = 0; secret[i]; i++) { /* groups of four, easier to type */
		if (i && i % 4 == 0)
			H_RAW(w, " ");
		html_textn(w, secret + i, 1);
	}
	H_RAW(w, "</code></p>");
	govuk_details_end(w);
}

/* The other ways offered to someone setting up their first: codes by
 * email, and the phone form (with what was sent to it, or NULL). */
static void first_factor_others(struct html *w, struct req *rq, const struct form_data *phone)
{
	H_RAW(w, "<h2 class=\"govuk-heading-m\">If you cannot use an authenticator app</h2>\n"
		 "<p class=\"govuk-body\">We can email you a code each time you sign in instead. This is less secure: anyone who can read your email could then sign in with your password.</p>\n"
		 "<form method=\"post\" action=\"/account/email-codes\" novalidate>\n");
	govuk_csrf(w, rq->session->csrf);
	govuk_button(w, &(struct govuk_button){.text = "Email me a code each time instead", .variant = "secondary"});
	H_RAW(w, "</form>\n");
	if (phone_offered(rq->cfg)) {
		H_RAW(w, "<p class=\"govuk-body\">Or we can send a code to your phone each time.</p>\n");
		phone_fields(w, rq, phone, "Send codes to my phone instead");
	}
}

/* The authenticator page: code_error against the app's code, or the phone
 * form as sent (first only; NULL: nothing sent). */
static void authenticator_page(struct req *rq, struct resp *rs, const char *secret, bool first, const char *code_error,
			       const struct form_data *phone)
{
	struct form_data d;
	form_empty(&app_form, rq->arena, &d);
	if (code_error)
		form_fail(&d, APP_CODE, code_error);
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = first ? "Set up your authenticator app" : "Set up a new authenticator app",
				      .errors = phone ? phone->errors : d.errors, .nerrors = phone ? phone->nerrors : d.nerrors,
				      .banner = session_banner(rq)});
	if (first)
		H_RAW(&w, "<p class=\"govuk-body\">Each time you sign in, you will also enter a code from an authenticator app on your phone, so that nobody else can sign in with your password.</p>\n");
	else
		H_RAW(&w, "<p class=\"govuk-body\">When you have set up the new app, codes from any app you used before stop working.</p>\n");
	authenticator_steps(&w, rq, secret);
	H_RAW(&w, "<form method=\"post\" action=\"/account/authenticator\" novalidate>\n");
	govuk_csrf(&w, rq->session->csrf);
	H_RAW(&w, "<input type=\"hidden\" name=\"secret\"");
	H_ATTR(&w, "value", secret);
	H_RAW(&w, ">\n");
	form_fields(&w, &d);
	govuk_button(&w, &(struct govuk_button){.text = "Continue"});
	H_RAW(&w, "</form>\n");
	if (first)
		first_factor_others(&w, rq, phone);
	else
		H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/account/second-factor\">Cancel</a></p>\n");
	page_end(&w);
}

enum err accounts_authenticator(struct req *rq, struct resp *rs)
{
	struct person p;
	enum err e = person_read(rq->db, rq->arena, rq->session->person_id, &p);
	if (e)
		return e == ERR_NOT_FOUND ? ERR_INVALID : e;
	bool first;
	enum enrol_gate gate = enrol_gate(rq, &p, &first);
	if (gate != ENROL_GO_ON) {
		enrol_redirect(rq, rs, gate, "/account/authenticator");
		return ERR_OK;
	}
	char secret[TOTP_SECRET_B32_LEN + 1];
	totp_new_secret(secret);
	authenticator_page(rq, rs, secret, first, NULL, NULL);
	return ERR_OK;
}

struct enrol {
	struct req *rq;
	struct resp *rs;
	const char *back;     /* where to return after confirming it is them */
	bool first;           /* set inside the write transaction (enrol_begin) */
	enum enrol_gate gate; /* (likewise) */
	int64_t retry_after;  /* > 0: throttled (429) */
	const char *secret, *code, *error, *phone;
	enum phone_channel by;
	bool form_ok;         /* the phone forms: what was sent is well formed (form_read) */
};

/* First thing in each enrolment's write transaction, so that the decision
 * and the write see the same person: who they are now, and enrol_gate. */
static enum err enrol_begin(struct db *db, struct enrol *en, struct person *p)
{
	/* a transaction run again starts afresh: no error of an earlier attempt */
	en->error = NULL;
	en->retry_after = 0;
	enum err e = person_by_id(db, en->rq->arena, en->rq->session->person_id, p);
	if (e)
		return e == ERR_NOT_FOUND ? ERR_INVALID : e;
	en->gate = enrol_gate(en->rq, p, &en->first);
	return ERR_OK;
}

/* Runs an enrolment's write transaction (fn starts with enrol_begin);
 * *go_on false, and the redirect made, when the gate stopped it. */
static enum err enrol_run(struct enrol *en, enum err (*fn)(struct db *, void *), bool *go_on)
{
	*go_on = false;
	enum err e = db_transact(en->rq->db, DB_WRITE, fn, en);
	if (e)
		return e;
	if (en->gate != ENROL_GO_ON)
		enrol_redirect(en->rq, en->rs, en->gate, en->back);
	else
		*go_on = true;
	return ERR_OK;
}

/* The factor is in place. The first one: new recovery codes and a new
 * session at the signed-in stage, the codes left for their one display.
 * Another: the owner is told by email. Either way the page the handler
 * redirects to (enrolled) says so once. */
static enum err finish_enrolment(struct db *db, struct enrol *en, const char *how)
{
	int64_t id = en->rq->session->person_id;
	const char *subject = arena_printf(en->rq->arena, "person:%lld", (long long)id);
	enum err e = audit(db, en->rq, id, "second_factor_added", subject, how);
	if (e)
		return e;
	if (!en->first) {
		struct person p;
		if ((e = person_by_id(db, en->rq->arena, id, &p)) ||
		    (e = security_notice(db, en->rq, &p, arena_printf(en->rq->arena, "A new way to sign in was added to your Maths Hubs account: %s", how))))
			return e;
		return session_flash(en->rq, arena_printf(en->rq->arena, "You have a new way to sign in: %s. We have emailed you to say so.", how));
	}
	char codes[RECOVERY_COUNT][RECOVERY_LEN + 1];
	if ((e = recovery_codes_replace(db, id, codes)) ||
	    (e = session_begin(en->rq, en->rs, id, "signed_in"))) /* a new token at the new privilege */
		return e;
	return recovery_codes_flash(en->rq, "Your account is set up", (const char (*)[RECOVERY_LEN + 1])codes);
}

/* After a factor is added (post/redirect/get): the recovery codes after the
 * first, how one signs in after another. */
static void enrolled(struct resp *rs, const struct enrol *en)
{
	resp_redirect(rs, 303, en->first ? "/account/recovery-codes" : "/account/second-factor");
}

static enum err enrol_write(struct db *db, void *ctx)
{
	struct enrol *en = ctx;
	struct person p;
	enum err e = enrol_begin(db, en, &p);
	if (e || en->gate != ENROL_GO_ON)
		return e;
	int64_t step = 0;
	if (totp_verify(en->secret, en->code, clock_now(), 0, &step)) {
		en->error = "Enter the 6-digit code your authenticator app shows now";
		return ERR_OK;
	}
	int64_t id = en->rq->session->person_id;
	const char *sealed = seal(en->rq->arena, en->secret, arena_printf(en->rq->arena, "totp:%lld", (long long)id));
	if (!sealed)
		return ERR_SYSTEM;
	e = person_set_totp(db, id, sealed, step);
	return e ? e : finish_enrolment(db, en, "an authenticator app");
}

enum err accounts_authenticator_post(struct req *rq, struct resp *rs)
{
	const char *secret = req_form(rq, "secret"), *code = req_form(rq, "code");
	if (!secret || strlen(secret) != TOTP_SECRET_B32_LEN)
		return ERR_INVALID;
	for (const char *p = secret; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= '2' && *p <= '7')))
			return ERR_INVALID;
	struct enrol en = {.rq = rq, .rs = rs, .back = "/account/authenticator", .secret = secret, .code = code ? code : ""};
	bool go_on;
	enum err e = enrol_run(&en, enrol_write, &go_on);
	if (e || !go_on)
		return e;
	if (en.error) {
		rs->status = 400;
		authenticator_page(rq, rs, secret, en.first, en.error, NULL);
		return ERR_OK;
	}
	enrolled(rs, &en);
	return ERR_OK;
}

static enum err email_codes_write(struct db *db, void *ctx)
{
	struct enrol *en = ctx;
	struct person p;
	enum err e = enrol_begin(db, en, &p);
	if (e || en->gate != ENROL_GO_ON)
		return e;
	e = person_email_codes_on(db, p.id);
	return e ? e : finish_enrolment(db, en, "codes by email");
}

enum err accounts_email_codes_post(struct req *rq, struct resp *rs)
{
	struct enrol en = {.rq = rq, .rs = rs, .back = "/account/second-factor"};
	bool go_on;
	enum err e = enrol_run(&en, email_codes_write, &go_on);
	if (e || !go_on)
		return e;
	enrolled(rs, &en);
	return ERR_OK;
}

/* ---- a phone: codes by text or call ---- */

/* The code that confirms a new number: its message says where it went. */
#define PHONE_CODE_FIELD(missing_)                                                                         \
	{{"code", FORM_TEXT, "Code", .required = true, .missing = (missing_), .max_chars = 16,                   \
	  .autocomplete = "one-time-code", .inputmode = "numeric", .input_class = "govuk-input--width-10",         \
	  .spellcheck_off = true}}
enum { PHONE_CODE };
static const struct form_field phone_code_fields[][1] = {
	[PHONE_SMS] = PHONE_CODE_FIELD("Enter the 6-digit code from the text message"),
	[PHONE_VOICE] = PHONE_CODE_FIELD("Enter the 6-digit code we read to you"),
};
static const struct form phone_code_forms[] = {
	[PHONE_SMS] = FORM(phone_code_fields[PHONE_SMS]),
	[PHONE_VOICE] = FORM(phone_code_fields[PHONE_VOICE]),
};

/* The code page for a new number; d: what was sent and its errors (the
 * code is never shown back). */
static void phone_code_page(struct req *rq, struct resp *rs, const char *phone, enum phone_channel by, struct form_data *d)
{
	d->values[PHONE_CODE].text = NULL;
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = by == PHONE_VOICE ? "Enter the code from our phone call" : "Enter the code we texted you",
				      .errors = d->errors, .nerrors = d->nerrors, .banner = session_banner(rq)});
	code_sent_text(&w, by == PHONE_VOICE, phone_masked(rq->arena, phone));
	H_RAW(&w, "<form method=\"post\" action=\"/account/phone/confirm\" novalidate>\n");
	govuk_csrf(&w, rq->session->csrf);
	form_fields(&w, d);
	govuk_button(&w, &(struct govuk_button){.text = "Continue"});
	H_RAW(&w, "</form>\n");
	page_end(&w);
}

/* Whether the number typed is one that can get codes the way chosen; if
 * not, en->error says why. */
static bool phone_number_ok(struct enrol *en, const char *typed)
{
	struct arena *a = en->rq->arena;
	if ((en->phone = phone_normalise(a, typed, en->by == PHONE_VOICE)))
		return true;
	en->error = en->by == PHONE_VOICE ? "Enter a UK phone number, like 07700 900 982 or 01632 960 001"
		    : phone_normalise(a, typed, true) ? "Landlines cannot get text messages: enter a UK mobile number, or choose a phone call"
		    : "Enter a UK mobile number, like 07700 900 982";
	return false;
}

/* Texts and calls cost money and can harass: at most CODES_SENT_PER_PERSON
 * codes a person per window, and the address limit too. en->code: the
 * number as typed. */
static enum err phone_start(struct db *db, void *ctx)
{
	struct enrol *en = ctx;
	struct req *rq = en->rq;
	struct person p;
	enum err e = enrol_begin(db, en, &p);
	if (e || en->gate != ENROL_GO_ON || !en->form_ok || !phone_number_ok(en, en->code))
		return e;
	struct attempt a = {.rq = rq};
	bool ok;
	if ((e = address_allows(db, &a, "code_sent", &ok)) || !ok) {
		en->error = a.error;
		en->retry_after = a.retry_after;
		return e;
	}
	if ((e = codes_allowed(db, rq, &p, &ok, &en->retry_after)))
		return e;
	if (!ok) {
		en->error = arena_printf(rq->arena, "We have sent you several codes already. Try again in %lld minutes.",
					 (long long)(en->retry_after + 59) / 60);
		return ERR_OK;
	}
	en->retry_after = 0;
	if ((e = person_phone_pending(db, p.id, en->phone, en->by)))
		return e;
	p.phone_pending = en->phone;
	p.phone_pending_by = en->by;
	return send_a_code(db, rq, &p, CODE_TO_PENDING_PHONE);
}

/* /account/second-factor again, with the phone form as sent. */
static enum err second_factor_again(struct req *rq, struct resp *rs, const struct form_data *phone)
{
	struct person p;
	enum err e = person_read(rq->db, rq->arena, rq->session->person_id, &p);
	if (!e)
		second_factor_view(rq, rs, &p, phone, NULL);
	return e == ERR_NOT_FOUND ? ERR_INVALID : e;
}

/* The page the phone form was on, again, with its errors (400, or 429). */
static enum err phone_form_again(struct enrol *en, const struct form_data *d)
{
	struct req *rq = en->rq;
	struct resp *rs = en->rs;
	refused_status(rq, rs, en->retry_after);
	if (en->first) {
		char secret[TOTP_SECRET_B32_LEN + 1];
		totp_new_secret(secret);
		authenticator_page(rq, rs, secret, true, NULL, d);
		return ERR_OK;
	}
	return second_factor_again(rq, rs, d);
}

/* The phone form is read before the write transaction, but refused only
 * after its gate (enrol_begin): someone the gate stops is sent on, never
 * shown the form again. */
enum err accounts_phone_post(struct req *rq, struct resp *rs)
{
	struct enrol en = {.rq = rq, .rs = rs, .back = "/account/second-factor"};
	struct form_data d;
	en.form_ok = form_read(phone_form(rq->cfg), rq->form, rq->nform, rq->arena, NULL, &d);
	bool voice_only = rq->cfg->voice_gateway_url[0] && !rq->cfg->sms_gateway_url[0];
	en.by = form_chosen(&d, PHONE_BY, "voice") || (voice_only && !d.values[PHONE_BY].text) ? PHONE_VOICE : PHONE_SMS;
	en.code = d.values[PHONE_NUMBER].text;
	if (en.form_ok && !(en.by == PHONE_VOICE ? rq->cfg->voice_gateway_url : rq->cfg->sms_gateway_url)[0])
		return ERR_NOT_FOUND;
	bool go_on;
	enum err e = enrol_run(&en, phone_start, &go_on);
	if (e || !go_on)
		return e;
	if (en.error)
		form_fail(&d, PHONE_NUMBER, en.error);
	if (d.nerrors)
		return phone_form_again(&en, &d);
	resp_redirect(rs, 303, "/account/phone/confirm"); /* the code is sent: asked for there */
	return ERR_OK;
}

enum err accounts_phone_confirm(struct req *rq, struct resp *rs)
{
	struct person p;
	enum err e = person_read(rq->db, rq->arena, rq->session->person_id, &p);
	if (e)
		return e == ERR_NOT_FOUND ? ERR_INVALID : e;
	if (!p.phone_pending) { /* confirmed already, or never asked */
		resp_redirect(rs, 303, factor_count(&p) ? "/account/second-factor" : "/account/authenticator");
		return ERR_OK;
	}
	struct form_data d;
	form_empty(&phone_code_forms[p.phone_pending_by], rq->arena, &d);
	phone_code_page(rq, rs, p.phone_pending, p.phone_pending_by, &d);
	return ERR_OK;
}

/* en->code: the code typed (en->form_ok: one was). */
static enum err phone_confirm(struct db *db, void *ctx)
{
	struct enrol *en = ctx;
	struct req *rq = en->rq;
	struct person p;
	enum err e = enrol_begin(db, en, &p);
	if (e || en->gate != ENROL_GO_ON)
		return e;
	if (!p.phone_pending)
		return ERR_INVALID;
	en->phone = p.phone_pending;
	en->by = p.phone_pending_by;
	if (!en->form_ok)
		return ERR_OK; /* no code: not a guess */
	/* guesses at the code: limited per address, and counted toward the lock */
	struct attempt a = {.rq = rq};
	bool ok;
	if ((e = address_allows(db, &a, "second_factor", &ok)) || !ok) {
		en->error = a.error;
		en->retry_after = a.retry_after;
		return e;
	}
	if (p.locked_until > clock_now()) {
		en->error = locked_message(rq->arena, p.locked_until);
		return ERR_OK;
	}
	if (!code_matches(&p, en->code, CODE_TO_CONFIRM_PHONE)) {
		if ((e = audit(db, rq, p.id, "second_factor_failed", arena_printf(rq->arena, "person:%lld", (long long)p.id), "confirming a phone")) ||
		    (e = count_failure(db, &a, &p)))
			return e;
		en->error = a.error ? a.error /* locked */ : phone_code_fields[en->by][PHONE_CODE].missing;
		return ERR_OK;
	}
	if ((e = person_phone_confirmed(db, p.id)) || (e = address_forgive(db, &a, "second_factor")))
		return e;
	return finish_enrolment(db, en, arena_printf(rq->arena, "codes by %s to %s", en->by == PHONE_VOICE ? "phone call" : "text message",
						     phone_masked(rq->arena, en->phone)));
}

enum err accounts_phone_confirm_post(struct req *rq, struct resp *rs)
{
	struct enrol en = {.rq = rq, .rs = rs, .back = "/account/second-factor"};
	struct form_data d; /* the field is the same whichever way the code went */
	en.form_ok = form_read(&phone_code_forms[PHONE_SMS], rq->form, rq->nform, rq->arena, NULL, &d);
	en.code = d.values[PHONE_CODE].text;
	bool go_on;
	enum err e = enrol_run(&en, phone_confirm, &go_on);
	if (e || !go_on)
		return e;
	if (en.form_ok && !en.error) {
		enrolled(rs, &en);
		return ERR_OK;
	}
	if (!en.form_ok) /* said as the way the code went */
		form_read(&phone_code_forms[en.by], rq->form, rq->nform, rq->arena, NULL, &d);
	else
		form_fail(&d, PHONE_CODE, en.error);
	refused_status(rq, rs, en.retry_after);
	phone_code_page(rq, rs, en.phone, en.by, &d);
	return ERR_OK;
}
