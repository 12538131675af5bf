/*
 * pages_signin.c - sign in (email and password, then the second factor),
 * sign out, and the account page. Unknown emails get the same answer, and
 * take the same time, as wrong passwords. After LOCK_AFTER_FAILURES
 * failures an account is locked for LOCK_SECONDS and its owner is emailed.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "accounts/accounts.h"
#include "accounts/queries.h"
#include "auth/password.h"
#include "auth/perm.h"
#include "auth/ratelimit.h"
#include "auth/recovery.h"
#include "auth/session.h"
#include "auth/token.h"
#include "auth/totp.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "db/db.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"
#include "mail/mail.h"

static const char SQL_FAILED[] = "UPDATE people SET failed_attempts = failed_attempts + 1 WHERE id = $1";
static const char SQL_LOCK[] = "UPDATE people SET failed_attempts = 0, locked_until = $1 WHERE id = $2";
static const char SQL_RESET_FAILURES[] = "UPDATE people SET failed_attempts = 0 WHERE id = $1";
static const char SQL_REHASH[] = "UPDATE people SET password_hash = $1 WHERE id = $2";
static const char SQL_TOTP_USED[] = "UPDATE people SET totp_last_step = $1, failed_attempts = 0 WHERE id = $2";
static const char SQL_EMAIL_CODE[] = "UPDATE people SET email_code_hash = $1, email_code_expires = $2 WHERE id = $3";
static const char SQL_EMAIL_CODE_USED[] =
	"UPDATE people SET email_code_hash = NULL, email_code_expires = 0, failed_attempts = 0 WHERE id = $1";
static const char SQL_USE_CODE[] =
	"UPDATE recovery_codes SET used_at = $1 WHERE person_id = $2 AND code_hash = $3 AND used_at IS NULL RETURNING person_id";

static const char SQL_MY_SESSIONS[] =
	"SELECT token_hash, created_at, last_seen_at, user_agent FROM sessions "
	"WHERE person_id = $1 AND stage = 'signed_in' AND last_seen_at > $2 ORDER BY last_seen_at DESC LIMIT 20";
static const char SQL_MY_EVENTS[] =
	"SELECT at, action, ip FROM audit_log WHERE subject = $1 ORDER BY at DESC, id DESC LIMIT 10";

static const char BAD_PASSWORD[] = "Enter a correct email address and password";
static const char LOCKED[] = "Too many attempts: this account is locked for 15 minutes. We have emailed its owner.";

static void sign_in_form(struct req *rq, struct resp *rs, const char *email, const char *error)
{
	struct html w = resp_html(rs);
	layout_begin(&w, &(struct page){.title = "Sign in", .has_errors = error != NULL});
	H_RAW(&w, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (error)
		govuk_error_summary(&w, &(struct govuk_error){"email", error}, 1);
	H_RAW(&w, "<h1 class=\"govuk-heading-l\">Sign in to Maths Hubs</h1>\n<form method=\"post\" action=\"/sign-in\" novalidate>\n");
	govuk_csrf(&w, rq->session->csrf);
	govuk_input(&w, &(struct govuk_input){.id = "email", .label = "Email address", .type = "email",
		.value = email, .error = error, .autocomplete = "username", .spellcheck_off = true});
	govuk_input(&w, &(struct govuk_input){.id = "password", .label = "Password", .type = "password",
		.autocomplete = "current-password", .spellcheck_off = true});
	H_RAW(&w, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Continue</button>\n</form>\n"
		  "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/password-reset\">I have forgotten my password</a></p>\n"
		  "<p class=\"govuk-body\">New to the service? If your hub or the national team has added you, <a class=\"govuk-link\" href=\"/sign-up\">sign up</a> first.</p>\n"
		  "</div></div>\n");
	layout_end(&w);
}

enum err page_sign_in(struct req *rq, struct resp *rs)
{
	enum err e = session_ensure(rq, rs);
	if (e)
		return e;
	sign_in_form(rq, rs, NULL, NULL);
	return ERR_OK;
}

struct attempt {
	struct req *rq;
	struct resp *rs;
	const char *email, *secret; /* secret: the password, or the code */
	const char *error;
	bool second_factor_next, done;
	int64_t retry_after; /* > 0: throttled (429) */
};

#define EMAIL_CODE_SECONDS (10 * 60)

/* A new 6-digit code for someone whose second factor is email: stored
 * hashed with its expiry, and emailed (in the caller's transaction). */
enum err send_a_code(struct db *db, struct req *rq, const struct person *p, const char *to_phone)
{
	char code[8], hash[TOKEN_HASH_LEN + 1];
	snprintf(code, sizeof(code), "%06u", (unsigned)randombytes_uniform(1000000));
	token_hash(code, hash);
	enum err e = run_sql(db, SQL_EMAIL_CODE, "sii", hash, clock_now() + EMAIL_CODE_SECONDS, p->id);
	if (e)
		return e;
	if (to_phone)
		return sms_queue(db, to_phone, arena_printf(rq->arena, "Your Maths Hubs code is %s. It works once, for 10 minutes. Do not share it.", code));
	return mail_queue(db, p->email, arena_printf(rq->arena, "Your Maths Hubs sign-in code is %s", code),
			  arena_printf(rq->arena, "Your code to sign in to Maths Hubs is:\n\n%s\n\nIt works once, for 10 minutes. If you did not try to sign in, someone else knows your password: change it at %s/password-reset\n",
				       code, rq->cfg->base_url),
			  NULL);
}

enum err email_a_code(struct db *db, struct req *rq, const struct person *p)
{
	return send_a_code(db, rq, p, p->phone);
}

#define PER_ADDRESS_ATTEMPTS 20
#define PER_ADDRESS_WINDOW (15 * 60)

/* Counts an attempt from the visitor's address; false (and the error set)
 * when there have been too many: then nothing else is looked at. */
static enum err address_allows(struct db *db, struct attempt *a, const char *action, bool *ok)
{
	enum err e = ratelimit_hit(db, action, a->rq->client_ip, PER_ADDRESS_ATTEMPTS, PER_ADDRESS_WINDOW, ok,
				   &a->retry_after);
	if (e || *ok) {
		a->retry_after = 0;
		return e;
	}
	a->error = arena_printf(a->rq->arena, "Too many attempts from your network. Try again in %lld minutes.",
				(long long)(a->retry_after + 59) / 60);
	return audit(db, a->rq, 0, "rate_limited", "", action);
}

/* The status and header of a refused attempt. */
static void refused(struct resp *rs, const struct attempt *a)
{
	rs->status = a->retry_after ? 429 : 400;
	if (a->retry_after)
		resp_header(rs, "Retry-After", arena_printf(a->rq->arena, "%lld", (long long)a->retry_after));
}

/* One failure more; at the limit, the lock and an email to the owner. */
static enum err count_failure(struct db *db, struct attempt *a, const struct person *p)
{
	enum err e;
	if (p->failed_attempts + 1 < LOCK_AFTER_FAILURES)
		return run_sql(db, SQL_FAILED, "i", p->id);
	if ((e = run_sql(db, SQL_LOCK, "ii", clock_now() + LOCK_SECONDS, p->id)) ||
	    (e = audit(db, a->rq, p->id, "account_locked", arena_printf(a->rq->arena, "person:%lld", (long long)p->id), "too many failed attempts")))
		return e;
	return mail_queue(db, p->email, "Your Maths Hubs account is locked for 15 minutes",
			  "Someone tried to sign in to your Maths Hubs account and failed several times, so we have locked it for 15 minutes.\n\n"
			  "If this was you, wait 15 minutes and try again. If it was not, your account is still safe: nobody can sign in without the code from your authenticator app, but you may want to change your password.",
			  "<p>Someone tried to sign in to your Maths Hubs account and failed several times, so we have locked it for 15 minutes.</p>"
			  "<p>If this was you, wait 15 minutes and try again. If it was not, your account is still safe: nobody can sign in without the code from your authenticator app, but you may want to change your password.</p>");
}

struct rehash_ctx {
	int64_t id;
	const char *hash;
};

/* The stored hash at the current cost, after a successful check. */
static enum err rehash(struct db *db, void *ctx)
{
	const struct rehash_ctx *r = ctx;
	return run_sql(db, SQL_REHASH, "si", r->hash, r->id);
}

/* The password step runs in three parts so that argon2id (64 MiB, tens of
 * milliseconds) never runs inside a transaction holding the write lock:
 * (1) count the attempt and read the person, (2) check the password with
 * no transaction open, (3) record the outcome, re-reading the person. */
struct password_check {
	struct attempt *a;
	bool throttled, known;       /* (1) */
	struct person p;
	bool matches;                /* (2) */
};

static enum err password_read(struct db *db, void *ctx)
{
	struct password_check *c = ctx;
	struct attempt *a = c->a;
	a->error = NULL;
	bool ok;
	enum err e = address_allows(db, a, "sign_in", &ok);
	if (e || !ok) {
		c->throttled = !e;
		return e;
	}
	e = person_by_email(db, a->rq->arena, a->email, &c->p);
	c->known = !e && c->p.active && c->p.password_hash && c->p.locked_until <= clock_now();
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static enum err password_record(struct db *db, void *ctx)
{
	struct password_check *c = ctx;
	struct attempt *a = c->a;
	a->error = NULL;
	struct person p;
	enum err e = person_by_email(db, a->rq->arena, a->email, &p);
	if (e == ERR_NOT_FOUND || (!e && (!p.active || !p.password_hash))) {
		a->error = BAD_PASSWORD;
		return audit(db, a->rq, 0, "sign_in_failed", "", "unknown or inactive account");
	}
	if (e)
		return e;
	const char *subject = arena_printf(a->rq->arena, "person:%lld", (long long)p.id);
	if (p.locked_until > clock_now()) {
		a->error = LOCKED;
		return audit(db, a->rq, p.id, "sign_in_refused", subject, "locked");
	}
	if (!c->matches || strcmp(p.password_hash, c->p.password_hash)) { /* or changed meanwhile */
		a->error = p.failed_attempts + 1 >= LOCK_AFTER_FAILURES ? LOCKED : BAD_PASSWORD;
		if ((e = audit(db, a->rq, p.id, "sign_in_failed", subject, "wrong password")))
			return e;
		return count_failure(db, a, &p);
	}
	/* failed_attempts is not reset here: only a second factor resets it,
	 * so a known password cannot buy unlimited guesses at the code */
	if ((e = audit(db, a->rq, p.id, "password_accepted", subject, "")))
		return e;
	a->second_factor_next = p.totp_secret != NULL || p.email_codes || p.phone;
	if ((p.email_codes || p.phone) && (e = email_a_code(db, a->rq, &p)))
		return e;
	return session_begin(a->rq, a->rs, p.id, "password");
}

static enum err password_step(struct attempt *a)
{
	struct password_check c = {.a = a};
	enum err e = db_transact(a->rq->db, DB_WRITE, password_read, &c);
	if (e)
		return e;
	if (c.throttled) {
		password_dummy_verify(a->secret);
		return ERR_OK; /* a->error says why */
	}
	if (!c.known) {
		password_dummy_verify(a->secret); /* the same time as a real check */
	} else {
		c.matches = password_verify(c.p.password_hash, a->secret) == ERR_OK;
		if (c.matches && password_needs_rehash(c.p.password_hash)) {
			char h[crypto_pwhash_STRBYTES];
			if (password_hash(a->secret, h) == ERR_OK) {
				enum err r = db_transact(a->rq->db, DB_WRITE, rehash, &(struct rehash_ctx){c.p.id, h});
				if (r)
					return r;
			}
		}
	}
	return db_transact(a->rq->db, DB_WRITE, password_record, &c);
}

enum err page_sign_in_post(struct req *rq, struct resp *rs)
{
	const char *email = req_form(rq, "email"), *pw = req_form(rq, "password");
	struct attempt a = {.rq = rq, .rs = rs, .email = email_normalise(rq->arena, email), .secret = pw ? pw : ""};
	if (!a.email[0] || !a.secret[0]) {
		rs->status = 400;
		sign_in_form(rq, rs, email, "Enter your email address and password");
		return ERR_OK;
	}
	enum err e = password_step(&a);
	if (e)
		return e;
	if (a.error) {
		refused(rs, &a);
		sign_in_form(rq, rs, email, a.error);
		return ERR_OK;
	}
	resp_redirect(rs, 303, a.second_factor_next ? "/sign-in/code" : "/account/authenticator");
	return ERR_OK;
}

struct factor {
	bool email;
	const char *phone; /* codes by text to this number */
};

static void code_form(struct req *rq, struct resp *rs, struct factor f, const char *error)
{
	struct html w = resp_html(rs);
	bool by_email = f.email && !f.phone;
	const char *title = f.phone ? "Enter the code we texted you"
			    : by_email ? "Enter the code we emailed you" : "Enter a code from your authenticator app";
	layout_begin(&w, &(struct page){.title = title, .has_errors = error != NULL});
	H_RAW(&w, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (error)
		govuk_error_summary(&w, &(struct govuk_error){"code", error}, 1);
	H_RAW(&w, "<h1 class=\"govuk-heading-l\">");
	html_text(&w, title);
	H_RAW(&w, "</h1>\n");
	if (by_email || f.phone) {
		H_RAW(&w, "<p class=\"govuk-body\">We have sent a 6-digit code to ");
		html_text(&w, f.phone ? phone_masked(rq->arena, f.phone) : rq->session->email);
		H_RAW(&w, ". It works for 10 minutes.</p>\n");
	}
	H_RAW(&w, "<form method=\"post\" action=\"/sign-in/code\" novalidate>\n");
	govuk_csrf(&w, rq->session->csrf);
	govuk_input(&w, &(struct govuk_input){.id = "code", .label = "Code", .type = "text", .error = error,
		.hint = f.phone ? "The 6-digit code from the text message, or one of your recovery codes"
			: by_email ? "The 6-digit code from the email, or one of your recovery codes"
				 : "The 6-digit code the app shows now, or one of your recovery codes",
		.autocomplete = "one-time-code", .input_class = "govuk-input--width-20", .spellcheck_off = true});
	H_RAW(&w, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Sign in</button>\n</form>\n</div></div>\n");
	layout_end(&w);
}

/* The signed-in-so-far person's second factor. */
static enum err factor_of(struct req *rq, struct factor *out)
{
	struct person p;
	enum err e = db_begin(rq->db, DB_READ);
	if (e)
		return e;
	e = person_by_id(rq->db, rq->arena, rq->session->person_id, &p);
	db_rollback(rq->db);
	*out = (struct factor){!e && p.email_codes, !e ? p.phone : NULL};
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err page_sign_in_code(struct req *rq, struct resp *rs)
{
	struct factor f;
	enum err e = factor_of(rq, &f);
	if (e)
		return e;
	code_form(rq, rs, f, NULL);
	return ERR_OK;
}

static enum err code_step(struct db *db, void *ctx)
{
	struct attempt *a = ctx;
	a->error = NULL;
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
		a->error = LOCKED;
		return ERR_OK;
	}
	int64_t step;
	const char *how = NULL;
	char typed[TOKEN_HASH_LEN + 1];
	char digits[8] = "";
	size_t nd = 0;
	for (const char *c = a->secret; *c && nd < 7; c++) /* "123 456" is 123456 */
		if (*c != ' ')
			digits[nd++] = *c;
	digits[nd] = '\0';
	token_hash(digits, typed);
	if (p.totp_secret && totp_verify(p.totp_secret, a->secret, clock_now(), p.totp_last_step, &step) == ERR_OK) {
		if ((e = run_sql(db, SQL_TOTP_USED, "ii", step, p.id)))
			return e;
		how = "authenticator app";
	} else if ((p.email_codes || p.phone) && p.email_code_hash && p.email_code_expires > clock_now() &&
		   token_equal(typed, p.email_code_hash)) {
		if ((e = run_sql(db, SQL_EMAIL_CODE_USED, "i", p.id)))
			return e;
		how = p.phone ? "code by text message" : "code by email";
	} else {
		char norm[RECOVERY_LEN + 1], h[TOKEN_HASH_LEN + 1];
		recovery_normalise(a->secret, norm);
		token_hash(norm, h);
		struct db_stmt *st = db_prepare(db, SQL_USE_CODE);
		if (!st || db_bind_int(st, 1, clock_now()) || db_bind_int(st, 2, p.id) || db_bind_text(st, 3, h))
			return ERR_DB;
		int rc = db_step(st);
		if (rc < 0)
			return (enum err)rc;
		if (rc == 1) {
			db_step(st);
			how = "recovery code";
		}
	}
	if (!how) {
		a->error = p.failed_attempts + 1 >= LOCK_AFTER_FAILURES ? LOCKED
			   : p.phone ? "Enter the code from the text message we sent, or a recovery code"
			   : p.email_codes ? "Enter the code from the email we sent, or a recovery code"
					   : "Enter the code your authenticator app shows now, or a recovery code";
		if ((e = audit(db, a->rq, p.id, "second_factor_failed", subject, "")))
			return e;
		return count_failure(db, a, &p);
	}
	if ((e = run_sql(db, SQL_RESET_FAILURES, "i", p.id)) || (e = audit(db, a->rq, p.id, "sign_in", subject, how)))
		return e;
	return session_begin(a->rq, a->rs, p.id, "signed_in");
}

enum err page_sign_in_code_post(struct req *rq, struct resp *rs)
{
	const char *code = req_form(rq, "code");
	struct attempt a = {.rq = rq, .rs = rs, .secret = code ? code : ""};
	enum err e = db_transact(rq->db, DB_WRITE, code_step, &a);
	if (e)
		return e;
	if (a.error) {
		struct factor f;
		if ((e = factor_of(rq, &f)))
			return e;
		refused(rs, &a);
		code_form(rq, rs, f, a.error);
		return ERR_OK;
	}
	resp_redirect(rs, 303, "/account");
	return ERR_OK;
}

static enum err sign_out(struct db *db, void *ctx)
{
	struct attempt *a = ctx;
	int64_t id = a->rq->session->person_id;
	enum err e = ERR_OK;
	if (id)
		e = audit(db, a->rq, id, a->done ? "signed_out_everywhere" : "signed_out", arena_printf(a->rq->arena, "person:%lld", (long long)id), "");
	return e ? e : session_end(a->rq, a->rs, a->done);
}

enum err page_sign_out_post(struct req *rq, struct resp *rs)
{
	const char *all = req_form(rq, "everywhere");
	struct attempt a = {.rq = rq, .rs = rs, .done = all && !strcmp(all, "yes")};
	enum err e = db_transact(rq->db, DB_WRITE, sign_out, &a);
	if (e)
		return e;
	struct html w = resp_html(rs);
	layout_begin(&w, &(struct page){.title = "You have signed out"});
	H_RAW(&w, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n<h1 class=\"govuk-heading-l\">You have signed out</h1>\n");
	if (a.done)
		H_RAW(&w, "<p class=\"govuk-body\">You have also been signed out on every other device.</p>\n");
	H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/sign-in\">Sign in again</a></p>\n</div></div>\n");
	layout_end(&w);
	return ERR_OK;
}

/* A readable name for a security event of the audit log. */
static const char *event_text(const char *action)
{
	static const struct {
		const char *action, *text;
	} names[] = {
		{"sign_in", "Signed in"},
		{"sign_in_failed", "Failed sign-in"},
		{"sign_in_refused", "Sign-in refused: account locked"},
		{"second_factor_failed", "Wrong code at sign-in"},
		{"account_locked", "Account locked after failed attempts"},
		{"password_set", "Password created"},
		{"password_accepted", "Password accepted (code still needed)"},
		{"second_factor_added", "Authenticator app set up"},
		{"signed_out", "Signed out"},
		{"signed_out_everywhere", "Signed out of every device"},
		{"person_created", "Added to Maths Hubs"},
		{"role_granted", "Role given"},
		{"sign_up_link_sent", "Sign-up link emailed"},
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(names[i].action, action))
			return names[i].text;
	return action;
}

static void when_text(int64_t t, char out[32])
{
	clock_format_iso(t, 0, out);
	out[16] = '\0';
	out[10] = ' ';
}

/* The account page's sessions and recent security events; non-zero on a
 * database error. */
static int account_activity(struct req *rq, struct html *w)
{
	const struct session *s = rq->session;
	if (db_begin(rq->db, DB_READ))
		return 1;
	struct db_stmt *st = db_prepare(rq->db, SQL_MY_SESSIONS);
	if (!st || db_bind_int(st, 1, s->person_id) || db_bind_int(st, 2, clock_now() - SESSION_IDLE_SECONDS)) {
		db_rollback(rq->db);
		return 1;
	}
	static const char *const sh[] = {"Device", "Signed in (UTC)", "Last active (UTC)"};
	H_RAW(w, "<h2 class=\"govuk-heading-m\">Where you are signed in</h2>\n");
	govuk_table_begin(w, "Where you are signed in", true, sh, 3);
	int rc;
	while ((rc = db_step(st)) == 1) {
		char a[32], b[32];
		when_text(db_col_int(st, 1), a);
		when_text(db_col_int(st, 2), b);
		govuk_table_row_begin(w);
		govuk_table_cell_begin(w);
		html_text(w, db_col_text(st, 3)[0] ? db_col_text(st, 3) : "Unknown device");
		if (!strcmp(db_col_text(st, 0), s->token_hash)) {
			H_RAW(w, " ");
			govuk_tag(w, "This device", "green");
		}
		govuk_table_cell_end(w);
		govuk_table_cell(w, a);
		govuk_table_cell(w, b);
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
	if (rc >= 0) {
		st = db_prepare(rq->db, SQL_MY_EVENTS);
		rc = !st || db_bind_text(st, 1, arena_printf(rq->arena, "person:%lld", (long long)s->person_id)) ? -1 : 0;
	}
	if (rc >= 0) {
		static const char *const eh[] = {"When (UTC)", "What", "From address"};
		H_RAW(w, "<h2 class=\"govuk-heading-m\">Recent security events</h2>\n");
		govuk_table_begin(w, "Recent security events", true, eh, 3);
		while ((rc = db_step(st)) == 1) {
			char t[32];
			when_text(db_col_int(st, 0), t);
			govuk_table_row_begin(w);
			govuk_table_cell(w, t);
			govuk_table_cell(w, event_text(db_col_text(st, 1)));
			govuk_table_cell(w, db_col_text(st, 2));
			govuk_table_row_end(w);
		}
		govuk_table_end(w);
	}
	db_rollback(rq->db);
	return rc < 0;
}

enum err page_account(struct req *rq, struct resp *rs)
{
	const struct session *s = rq->session;
	struct html w = resp_html(rs);
	static const struct crumb crumbs[] = {{"Home", "/"}};
	layout_begin(&w, &(struct page){.title = "Your account", .nav = NAV_ACCOUNT, .crumbs = crumbs, .ncrumbs = 1});
	H_RAW(&w, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n<h1 class=\"govuk-heading-l\">Your account</h1>\n");
	govuk_summary_begin(&w);
	govuk_summary_row(&w, "Name", s->name);
	govuk_summary_row(&w, "Email address", s->email);
	struct factor f;
	if (factor_of(rq, &f))
		return ERR_DB;
	govuk_summary_row(&w, "Second factor", f.phone ? arena_printf(rq->arena, "A code by text message to %s", phone_masked(rq->arena, f.phone))
					      : f.email ? "A code by email" : "Authenticator app");
	govuk_summary_end(&w);
	if (s->ngrants) {
		H_RAW(&w, "<h2 class=\"govuk-heading-m\">Your roles</h2>\n<ul class=\"govuk-list\">");
		for (size_t i = 0; i < s->ngrants; i++) {
			H_RAW(&w, "<li>");
			html_text(&w, role_name(s->grants[i].role));
			H_RAW(&w, "</li>");
		}
		H_RAW(&w, "</ul>\n");
	}
	static const struct {
		enum capability cap;
		const char *href, *text;
	} tools[] = {
		{CAP_PEOPLE_READ, "/admin/people", "People and their roles"},
		{CAP_AUDIT_READ, "/admin/audit", "Audit log"},
		{CAP_MAIL_READ, "/admin/outbox", "Undelivered mail"},
	};
	bool any = false;
	for (size_t i = 0; i < sizeof(tools) / sizeof(tools[0]); i++) {
		if (perm_scope(s->grants, s->ngrants, tools[i].cap) == SCOPE_NONE)
			continue;
		if (!any)
			H_RAW(&w, "<h2 class=\"govuk-heading-m\">Manage</h2>\n<ul class=\"govuk-list\">");
		any = true;
		H_RAW(&w, "<li><a class=\"govuk-link\"");
		H_ATTR(&w, "href", tools[i].href);
		H_RAW(&w, ">");
		html_text(&w, tools[i].text);
		H_RAW(&w, "</a></li>");
	}
	if (any)
		H_RAW(&w, "</ul>\n");
	if (account_activity(rq, &w))
		return ERR_DB;
	H_RAW(&w, "<form method=\"post\" action=\"/sign-out\" novalidate>\n");
	govuk_csrf(&w, s->csrf);
	H_RAW(&w, "<div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">Sign out</button>"
		  "<button type=\"submit\" name=\"everywhere\" value=\"yes\" class=\"govuk-button govuk-button--warning\" data-module=\"govuk-button\">Sign out of every device</button></div>\n</form>\n</div></div>\n");
	layout_end(&w);
	return ERR_OK;
}
