/*
 * attempt.h - an attempt at proving who one is (a password, a code), shared
 * by sign-in (pages_signin.c), set-up (pages_setup.c) and the account's
 * security pages (pages_account.c): the per-address rate limit, the
 * per-account lock, and the password check that keeps argon2id outside any
 * transaction (attempt.c). The page files depend on it, never on each other.
 */
#ifndef MH_ACCOUNTS_ATTEMPT_H
#define MH_ACCOUNTS_ATTEMPT_H

#include <sodium.h>
#include <stdbool.h>
#include <stdint.h>

#include "auth/token.h"
#include "core/err.h"

struct arena;
struct db;
struct person;
struct req;
struct resp;

struct attempt {
	struct req *rq;
	struct resp *rs;
	const char *email, *secret; /* secret: the password, or the code */
	const char *error;          /* set when refused: the message to show */
	const char *wrong;          /* the message for a wrong password (NULL: sign-in's, and the
				     * failure is audited as sign_in_failed, else password_check_failed) */
	bool second_factor_next, done;
	int64_t retry_after;        /* > 0: throttled (429) */
	/* password_step: run in the recording transaction when the password
	 * is right (and the account not locked) */
	enum err (*accepted)(struct db *db, struct attempt *a, const struct person *p);
	const char *new_password;   /* when set, hashed into new_hash if the password is right */
	char new_hash[crypto_pwhash_STRBYTES];
	char device_token[TOKEN_LEN + 1]; /* set by device_trust: a new trusted-device cookie to send */
};

/* Clears an attempt's outputs (error, retry_after, second_factor_next):
 * first thing in each transaction that sets them, since db_transact may
 * run it again and an earlier run's refusal must not reach the page. */
void attempt_start(struct attempt *a);

/* Counts an attempt from the visitor's address; false (and a->error set)
 * when there have been too many: then nothing else is looked at. Each
 * attempt counts as a failure until address_forgive says it succeeded. */
enum err address_allows(struct db *db, struct attempt *a, const char *action, bool *ok);

/* The attempt address_allows counted for action succeeded (a right password
 * or code): only failures count against an address, so that a whole school
 * signing in from one address is never refused. In the transaction that
 * learns of the success, once. */
enum err address_forgive(struct db *db, const struct attempt *a, const char *action);

/* One failure more for p (a wrong password or code). At the limit
 * (LOCK_AFTER_FAILURES), the lock, an email to the owner, and a->error
 * says so. The lock backs off: LOCK_SECONDS, doubled for each lock of the
 * last 24 hours, at most LOCK_MAX_SECONDS. */
enum err count_failure(struct db *db, struct attempt *a, const struct person *p);

/* After a complete sign-in of person_id (both factors): this device is
 * trusted for them from now on (docs/OPERATIONS.md, "Sign-in locks"): a
 * new one gets a token in a->device_token, for device_cookie to send once
 * the transaction has committed. */
enum err device_trust(struct db *db, struct attempt *a, int64_t person_id);

/* Sends the cookie of a device newly trusted by device_trust, if any. */
void device_cookie(struct attempt *a);

/* The message for an attempt on an account locked until locked_until. */
const char *locked_message(struct arena *a, int64_t locked_until);

/* The status of a refused request: 400, or 429 with Retry-After when
 * retry_after > 0 (throttled). */
void refused_status(const struct req *rq, struct resp *rs, int64_t retry_after);

/* refused_status for an attempt. */
void attempt_refused(struct resp *rs, const struct attempt *a);

/* Checks a->secret as the password of the person with address a->email:
 * rate-limited per address; a wrong one counted toward the lock of that
 * address on devices not trusted for it, or of the trusted device itself
 * (the same for an address nobody holds: a lock never tells whether an
 * account exists; the owner of a real one is emailed); audited; when right, runs a->accepted in the same
 * transaction as the outcome. a->error says why not. */
enum err password_step(struct attempt *a);

#endif
