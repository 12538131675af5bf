/*
 * attempt.c - see attempt.h: an attempt at proving who one is, shared by
 * sign-in and the account's security pages: the per-address rate limit,
 * the per-account lock with its back-off and email, and the password check
 * that keeps argon2id outside any transaction.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "accounts/accounts.h"
#include "accounts/attempt.h"
#include "accounts/queries.h"
#include "auth/audit.h"
#include "auth/password.h"
#include "auth/ratelimit.h"
#include "auth/session.h"
#include "auth/token.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/clock.h"
#include "core/util.h"
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
	bool first;
	enum err e = ratelimit_hit(db, action, a->rq->client_ip, PER_ADDRESS_ATTEMPTS, PER_ADDRESS_WINDOW, ok,
				   &a->retry_after, &first);
	if (e || *ok) {
		a->retry_after = 0;
		return e;
	}
	a->error = arena_printf(a->rq->arena, "Too many attempts from your network. Try again in %lld minutes.",
				(long long)(a->retry_after + 59) / 60);
	/* logged once per address and window */
	return first ? audit(db, a->rq, 0, "rate_limited", "", ratelimit_detail(a->rq->arena, action, PER_ADDRESS_WINDOW))
		     : ERR_OK;
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

/* Tells p's owner their account was locked for seconds: all of it
 * (wrong codes: whoever it was knows the password), or only for devices
 * not trusted for it (wrong passwords). */
static enum err lock_notice(struct db *db, struct attempt *a, const struct person *p, int64_t seconds, bool whole)
{
	const char *how_long = seconds <= 90 * 60 ? arena_printf(a->rq->arena, "%lld minutes", (long long)seconds / 60)
						  : arena_printf(a->rq->arena, "%lld hours", (long long)seconds / 3600);
	const char *what = whole ? arena_printf(a->rq->arena,
						"Someone tried to sign in to your Maths Hubs account and failed several times, so we have locked it for %s.",
						how_long)
				 : arena_printf(a->rq->arena,
						"Someone tried to sign in to your Maths Hubs account with wrong passwords several times, so for %s "
						"it cannot be signed in to from a device that has not signed in before. Devices you have signed in on still work.",
						how_long);
	static const char SAFE[] = "If this was you, wait and try again. If it was not, your account is still safe: nobody can sign in "
				   "without your second factor (the code from your app, phone or email), but you may want to change your password.";
	struct mail_html html;
	struct html w = mail_html_begin(&html);
	H_RAW(&w, "<p>");
	html_text(&w, what);
	H_RAW(&w, "</p><p>");
	html_text(&w, SAFE);
	H_RAW(&w, "</p>");
	return mail_queue(db, p->email, arena_printf(a->rq->arena, "Your Maths Hubs account is locked for %s", how_long),
			  arena_printf(a->rq->arena, "%s\n\n%s", what, SAFE), &html);
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
	return lock_notice(db, a, p, seconds, true);
}

/* ---- trusted devices and the password lock ---- */

static const char *device_cookie_name(const struct req *rq)
{
	return str_starts(rq->cfg->base_url, "https://") ? "__Host-mh_device" : "mh_device";
}

/* The hash of the request's device cookie into h; false if it has none. */
static bool device_hash(const struct req *rq, char h[TOKEN_HASH_LEN + 1])
{
	const char *t = req_cookie(rq, device_cookie_name(rq));
	if (!t || strlen(t) != TOKEN_LEN)
		return false;
	token_hash(t, h);
	return true;
}

enum err device_trust(struct db *db, struct attempt *a, int64_t person_id)
{
	char h[TOKEN_HASH_LEN + 1];
	int64_t who = 0;
	a->device_token[0] = 0;
	enum err e;
	if (device_hash(a->rq, h) && (e = trusted_device_person(db, h, &who)))
		return e;
	if (who == person_id)
		return trusted_device_used(db, h);
	token_new(a->device_token);
	token_hash(a->device_token, h);
	return trusted_device_add(db, h, person_id);
}

void device_cookie(struct attempt *a)
{
	if (!a->device_token[0])
		return;
	resp_header(a->rs, "Set-Cookie",
		    arena_printf(a->rq->arena, "%s=%s%s; Max-Age=%d", device_cookie_name(a->rq), a->device_token,
				 session_cookie_attrs(a->rq), DEVICE_TRUST_SECONDS));
}

/* The lock a password attempt counts against, into key: the device's own,
 * when it is trusted for p; otherwise the address typed, whether or not
 * anyone holds it (p NULL), so that a lock says nothing about accounts. */
static enum err lock_key(struct db *db, const struct attempt *a, const struct person *p, char *key, size_t n)
{
	char h[TOKEN_HASH_LEN + 1];
	int64_t who = 0;
	enum err e;
	if (p && device_hash(a->rq, h) && (e = trusted_device_person(db, h, &who)))
		return e;
	if (p && who == p->id) {
		snprintf(key, n, "device:%s", h);
		return ERR_OK;
	}
	token_hash(a->email, h);
	snprintf(key, n, "email:%s", h);
	return ERR_OK;
}

/* The same words whether or not the address is anyone's. */
static const char *password_locked_message(struct arena *a, int64_t until)
{
	int64_t minutes = (until - clock_now() + 59) / 60;
	if (minutes < 1)
		minutes = 1;
	const char *wait = minutes <= 90 ? arena_printf(a, "%lld minute%s", (long long)minutes, minutes == 1 ? "" : "s")
					 : arena_printf(a, "%lld hours", (long long)(minutes + 59) / 60);
	return arena_printf(a, "Too many attempts to sign in with this email address. Try again in %s, "
			       "or sign in on a device you have signed in on before.", wait);
}

/* One wrong password (or an address nobody holds) counted against key; at
 * the lock, the message, and for a real account (p) the audit entry and
 * an email to its owner. */
static enum err password_failure(struct db *db, struct attempt *a, const char *key, const struct person *p)
{
	int64_t until;
	enum err e = sign_in_lock_fail(db, key, LOCK_AFTER_FAILURES, LOCK_SECONDS, LOCK_MAX_SECONDS, &until);
	if (e || !until)
		return e;
	a->error = password_locked_message(a->rq->arena, until);
	if (!p)
		return ERR_OK;
	int64_t seconds = until - clock_now();
	const char *subject = arena_printf(a->rq->arena, "person:%lld", (long long)p->id);
	if ((e = audit(db, a->rq, p->id, "account_locked", subject,
		       arena_printf(a->rq->arena, "wrong passwords: %s locked for %lld minutes",
				    str_starts(key, "device:") ? "this trusted device" : "devices not trusted",
				    (long long)seconds / 60))))
		return e;
	return lock_notice(db, a, p, seconds, false);
}

void attempt_start(struct attempt *a)
{
	a->error = NULL;
	a->device_token[0] = 0;
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
	bool throttled, locked, known; /* (1) */
	char key[80];                /* the lock it counts against (lock_key) */
	struct person p;
	bool matches;                /* (2) */
};

static enum err password_read(struct db *db, void *ctx)
{
	struct password_check *c = ctx;
	struct attempt *a = c->a;
	attempt_start(a);
	c->throttled = c->locked = c->known = false;
	bool ok;
	enum err e = address_allows(db, a, "sign_in", &ok);
	if (e || !ok) {
		c->throttled = !e;
		return e;
	}
	e = person_by_email(db, a->rq->arena, a->email, &c->p);
	if (e && e != ERR_NOT_FOUND)
		return e;
	bool found = !e;
	c->known = found && c->p.active && c->p.password_hash;
	int64_t until;
	if ((e = lock_key(db, a, found ? &c->p : NULL, c->key, sizeof(c->key))) ||
	    (e = sign_in_lock_until(db, c->key, &until)))
		return e;
	if (until <= clock_now())
		return ERR_OK;
	c->locked = true;
	a->error = password_locked_message(a->rq->arena, until);
	return audit(db, a->rq, found ? c->p.id : 0, "sign_in_refused",
		     found ? arena_printf(a->rq->arena, "person:%lld", (long long)c->p.id) : "", "locked");
}

static enum err password_record(struct db *db, void *ctx)
{
	struct password_check *c = ctx;
	struct attempt *a = c->a;
	attempt_start(a);
	struct person p;
	enum err e = person_by_email(db, a->rq->arena, a->email, &p);
	if (e == ERR_NOT_FOUND || (!e && (!p.active || !p.password_hash))) {
		a->error = BAD_PASSWORD; /* password_failure says if it locks, as for anyone's */
		if ((e = audit(db, a->rq, 0, "sign_in_failed", "", "unknown or inactive account")))
			return e;
		return password_failure(db, a, c->key, NULL);
	}
	if (e)
		return e;
	const char *subject = arena_printf(a->rq->arena, "person:%lld", (long long)p.id);
	if (!c->known || !c->matches || strcmp(p.password_hash, c->p.password_hash)) { /* or changed meanwhile */
		a->error = a->wrong ? a->wrong : BAD_PASSWORD; /* password_failure says if it locks */
		if ((e = audit(db, a->rq, p.id, a->wrong ? "password_check_failed" : "sign_in_failed",
			       subject, "wrong password")))
			return e;
		return password_failure(db, a, c->key, &p);
	}
	/* the right password, on an account locked by wrong codes: whoever
	 * typed it knows the password, so saying so reveals nothing more */
	if (p.locked_until > clock_now()) {
		a->error = locked_message(a->rq->arena, p.locked_until);
		return audit(db, a->rq, p.id, "sign_in_refused", subject, "locked");
	}
	if ((e = sign_in_lock_clear(db, c->key)) || (e = address_forgive(db, a, "sign_in")))
		return e;
	return a->accepted(db, a, &p);
}

enum err password_step(struct attempt *a)
{
	struct password_check c = {.a = a};
	enum err e = db_transact(a->rq->db, DB_WRITE, password_read, &c);
	if (e)
		return e;
	if (c.throttled || c.locked) {
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
