/*
 * attempt.c - see attempt.h: an attempt at proving who one is, shared by
 * sign-in and the account's security pages: the per-address rate limit,
 * the per-account lock with its back-off and email, and the password check
 * that keeps argon2id outside any transaction.
 */
#include <sodium.h>
#include <string.h>

#include "accounts/accounts.h"
#include "accounts/attempt.h"
#include "accounts/queries.h"
#include "auth/audit.h"
#include "auth/password.h"
#include "auth/ratelimit.h"
#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "http/request.h"
#include "mail/mail.h"

static const char BAD_PASSWORD[] = "Enter a correct email address and password";

const char *locked_message(struct arena *a, int64_t locked_until)
{
	int64_t minutes = (locked_until - clock_now() + 59) / 60;
	if (minutes < 1)
		minutes = 1;
	if (minutes <= 90)
		return arena_printf(a, "Too many attempts: this account is locked for %lld minute%s. We have emailed its owner.",
				    (long long)minutes, minutes == 1 ? "" : "s");
	return arena_printf(a, "Too many attempts: this account is locked for %lld hours. We have emailed its owner.",
			    (long long)(minutes + 59) / 60);
}

/* failures from one address (one school, one hub's training room) */
#define PER_ADDRESS_ATTEMPTS 20
#define PER_ADDRESS_WINDOW (15 * 60)

enum err address_allows(struct db *db, struct attempt *a, const char *action, bool *ok)
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

enum err address_forgive(struct db *db, const struct attempt *a, const char *action)
{
	return ratelimit_forgive(db, action, a->rq->client_ip);
}

void refused_status(const struct req *rq, struct resp *rs, int64_t retry_after)
{
	rs->status = retry_after ? 429 : 400;
	if (retry_after)
		resp_header(rs, "Retry-After", arena_printf(rq->arena, "%lld", (long long)retry_after));
}

void attempt_refused(struct resp *rs, const struct attempt *a)
{
	refused_status(a->rq, rs, a->retry_after);
}

enum err count_failure(struct db *db, struct attempt *a, const struct person *p)
{
	enum err e;
	if (p->failed_attempts + 1 < LOCK_AFTER_FAILURES)
		return person_failed_attempt(db, p->id);
	/* back-off: each lock in the last day doubles the next, up to a day */
	const char *subject = arena_printf(a->rq->arena, "person:%lld", (long long)p->id);
	int64_t now = clock_now(), recent = 0;
	if ((e = account_locks_since(db, subject, now - 86400, &recent)))
		return e;
	int64_t seconds = (int64_t)LOCK_SECONDS << (recent < 7 ? recent : 7);
	if (seconds > LOCK_MAX_SECONDS)
		seconds = LOCK_MAX_SECONDS;
	if ((e = person_lock(db, p->id, now + seconds)) ||
	    (e = audit(db, a->rq, p->id, "account_locked", subject,
		       arena_printf(a->rq->arena, "too many failed attempts: locked for %lld minutes", (long long)seconds / 60))))
		return e;
	a->error = locked_message(a->rq->arena, now + seconds);
	const char *how_long = seconds <= 90 * 60 ? arena_printf(a->rq->arena, "%lld minutes", (long long)seconds / 60)
						  : arena_printf(a->rq->arena, "%lld hours", (long long)seconds / 3600);
	struct mail_html html;
	struct html w = mail_html_begin(&html);
	H_RAW(&w, "<p>");
	html_textf(&w, "Someone tried to sign in to your Maths Hubs account and failed several times, so we have locked it for %s.", how_long);
	H_RAW(&w, "</p><p>If this was you, wait and try again. If it was not, your account is still safe: nobody can sign in without your second factor (the code from your app, phone or email), but you may want to change your password.</p>");
	return mail_queue(db, p->email, arena_printf(a->rq->arena, "Your Maths Hubs account is locked for %s", how_long),
			  arena_printf(a->rq->arena,
				       "Someone tried to sign in to your Maths Hubs account and failed several times, so we have locked it for %s.\n\n"
				       "If this was you, wait and try again. If it was not, your account is still safe: nobody can sign in without your second factor (the code from your app, phone or email), but you may want to change your password.",
				       how_long),
			  &html);
}

void attempt_start(struct attempt *a)
{
	a->error = NULL;
	a->retry_after = 0;
	a->second_factor_next = false;
}

struct rehash_ctx {
	int64_t id;
	const char *hash;
};

/* The stored hash at the current cost, after a successful check. */
static enum err rehash(struct db *db, void *ctx)
{
	const struct rehash_ctx *r = ctx;
	return person_rehash(db, r->id, r->hash);
}

/* A password check runs in three parts so that argon2id (64 MiB, tens of
 * milliseconds) never runs inside a transaction holding the write lock:
 * (1) count the attempt and read the person, (2) check the password (and
 * hash a new one) with no transaction open, (3) record the outcome,
 * re-reading the person, and on success run a->accepted. */
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
	attempt_start(a);
	c->throttled = c->known = false;
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
	attempt_start(a);
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
		a->error = locked_message(a->rq->arena, p.locked_until);
		return audit(db, a->rq, p.id, "sign_in_refused", subject, "locked");
	}
	if (!c->matches || strcmp(p.password_hash, c->p.password_hash)) { /* or changed meanwhile */
		a->error = a->wrong ? a->wrong : BAD_PASSWORD; /* count_failure says if it locks */
		if ((e = audit(db, a->rq, p.id, a->wrong ? "password_check_failed" : "sign_in_failed",
			       subject, "wrong password")))
			return e;
		return count_failure(db, a, &p);
	}
	if ((e = address_forgive(db, a, "sign_in")))
		return e;
	return a->accepted(db, a, &p);
}

enum err password_step(struct attempt *a)
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
				c.p.password_hash = arena_strdup(a->rq->arena, h);
			}
		}
		if (c.matches && a->new_password && (e = password_hash(a->new_password, a->new_hash)))
			return e;
	}
	return db_transact(a->rq->db, DB_WRITE, password_record, &c);
}
