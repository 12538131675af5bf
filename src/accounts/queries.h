/* queries.h - the accounts capability's database access (its SQL is in queries.c). */
#ifndef MH_ACCOUNTS_QUERIES_H
#define MH_ACCOUNTS_QUERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "accounts/accounts.h"
#include "auth/recovery.h"
#include "auth/token.h"
#include "mail/mail.h"

struct arena;
struct config;
struct req;

struct person {
	int64_t id;
	const char *name, *email;
	bool active;
	const char *password_hash; /* NULL until set */
	const char *totp_secret;   /* NULL until an authenticator is set up */
	int64_t totp_last_step, failed_attempts, locked_until;
	/* Second factors: any of the app (totp_secret), codes by email and a
	 * phone (codes by text or call); at least one once set up. */
	bool email_codes;          /* codes by email */
	const char *phone;         /* codes by text or call to this number, or NULL */
	enum phone_channel phone_by;
	const char *phone_pending; /* a number being confirmed, or NULL */
	enum phone_channel phone_pending_by;
	const char *email_code_hash; /* the live one-time code (hashed), or NULL */
	int64_t email_code_expires;  /* (sent by email, text or call) */
	const char *code_sent_by;    /* "email", "sms" or "voice": where it went */
};

struct link {
	int64_t person_id;
	const char *purpose;
	int64_t expires_at;
	bool used;
};

/* A new one-time link for person_id ("setup", "signup" or "reset"),
 * working for lifetime seconds: its token (for the emailed link) into
 * token; the database keeps only its hash. */
enum err link_create(struct db *db, int64_t person_id, const char *purpose, int64_t lifetime, char token[TOKEN_LEN + 1]);

/* link_create when keep is true; otherwise the same work (a new token,
 * hashed; the same statement with the same values) writes nothing and the
 * token is for nobody. For an answer that must do the same work whether
 * or not the address is held (/sign-up, /password-reset). person_id may be
 * 0 when keep is false. */
enum err link_create_if(struct db *db, bool keep, int64_t person_id, const char *purpose, int64_t lifetime,
			char token[TOKEN_LEN + 1]);

/* Tri-state lookups: ERR_OK, ERR_NOT_FOUND, or an error. */
enum err person_by_email(struct db *db, struct arena *a, const char *email, struct person *p);
enum err person_by_id(struct db *db, struct arena *a, int64_t id, struct person *p);
enum err link_lookup(struct db *db, struct arena *a, const char *token_hash, struct link *l);
/* person_by_id in a named read transaction of its own (person_read_one),
 * outside any other; ERR_NOT_FOUND when there is no such person. */
enum err person_read(struct db *db, struct arena *a, int64_t id, struct person *p);

/* A person's email address as the programme keys it: lower case (ASCII),
 * in a. NULL gives "". */
char *email_normalise(struct arena *a, const char *email);

/* A plausible address: local@domain.tld, no spaces or tabs, quotes, angle
 * brackets, commas or semicolons, at most 254 bytes. */
bool email_plausible(const char *email);

/* Adds a person (email already normalised); their id into *id. */
enum err person_insert(struct db *db, const char *email, const char *name, int64_t *id);

/* ---- a person's password, lock and second factors ----
 * Each changes the one row of person id in the caller's transaction and
 * returns the database's error as it came (ERR_OK when no row matched). */

/* A new password (hash: argon2id's): failed attempts and any lock cleared. */
enum err person_set_password(struct db *db, int64_t id, const char *hash);
/* The same password hashed again at the current cost: nothing else changes. */
enum err person_rehash(struct db *db, int64_t id, const char *hash);
/* One more failed attempt counted. */
enum err person_failed_attempt(struct db *db, int64_t id);
/* Locked until the time until (seconds), the failed attempts counted afresh. */
enum err person_lock(struct db *db, int64_t id, int64_t until);
/* No failed attempts (after a sign-in). */
enum err person_reset_failures(struct db *db, int64_t id);
/* The authenticator code of TOTP step step used (none before it works
 * again), failed attempts cleared. */
enum err person_totp_used(struct db *db, int64_t id, int64_t step);
/* The authenticator app set up: its secret (sealed), and the step of the
 * code that confirmed it. */
enum err person_set_totp(struct db *db, int64_t id, const char *sealed, int64_t step);
/* The live one-time code (hashed) until expires, and where it went
 * ("email", "sms", "voice", "confirm_sms" or "confirm_voice"). */
enum err person_set_code(struct db *db, int64_t id, const char *hash, int64_t expires, const char *channel);
/* The live one-time code used up, failed attempts cleared. */
enum err person_code_used(struct db *db, int64_t id);
/* Codes by email turned on. */
enum err person_email_codes_on(struct db *db, int64_t id);
/* A number being confirmed (E.164), to be reached by text or call. */
enum err person_phone_pending(struct db *db, int64_t id, const char *phone, enum phone_channel by);
/* The number being confirmed becomes the person's phone; the code in
 * flight ends. */
enum err person_phone_confirmed(struct db *db, int64_t id);
/* A way of getting codes removed: the app; the phone (with any number being
 * confirmed); codes by email. The last two also end any code in flight. */
enum err person_remove_app(struct db *db, int64_t id);
enum err person_remove_phone(struct db *db, int64_t id);
enum err person_remove_email_codes(struct db *db, int64_t id);
/* Grants id the national administrator role at time at, for reason. */
enum err person_grant_national_admin(struct db *db, int64_t id, int64_t at, const char *reason);

/* The authenticator secrets stored unsealed (before there was a key), by
 * id: *n ids and secrets into arrays allocated in a. */
enum err totp_unsealed(struct db *db, struct arena *a, int64_t **ids, const char ***plain, size_t *n);
/* Person id's secret plain replaced by sealed (unless it changed meanwhile). */
enum err totp_reseal(struct db *db, int64_t id, const char *sealed, const char *plain);

/* ---- sessions, links, recovery codes and the audit log ---- */

/* Every session of person_id ended (all their devices sign in again). */
enum err sessions_end_all(struct db *db, int64_t person_id);
/* Every session of person_id but the one of kept_token_hash ended. */
enum err sessions_end_others(struct db *db, int64_t person_id, const char *kept_token_hash);

/* A signed-in session, as its owner sees it. */
struct account_session {
	bool this_device; /* the session of this_token_hash */
	int64_t created_at, last_seen_at;
	const char *device; /* its user agent */
};
/* An entry of the audit log about a person. */
struct account_event {
	int64_t at;
	const char *action, *ip, *detail;
};

/* A role a person holds, with what it is in: a hub, a project or a
 * school (each "" when not). */
struct account_role {
	const char *role; /* its database name ("mhl") */
	int64_t hub_id;   /* 0 when not in a hub */
	const char *hub_code, *hub_name;
	const char *project_code, *project_title;
	const char *school_urn, *school_name;
	const char *phase; /* an Assistant Maths Hub Lead's phase, or "" */
};

/* person_id's roles, in the order they were given: at most max into out,
 * *n of them, strings in a. */
enum err roles_of(struct db *db, struct arena *a, int64_t person_id, struct account_role *out, size_t max, size_t *n);

/* person_id's signed-in sessions seen after seen_after, most recent first:
 * at most max (and 20) into out, *n of them, strings in a. */
enum err sessions_of(struct db *db, struct arena *a, int64_t person_id, const char *this_token_hash, int64_t seen_after,
		     struct account_session *out, size_t max, size_t *n);
/* The audit log's latest entries about subject ("person:42"): at most max
 * (and 10) into out, *n of them, strings in a. */
enum err audit_events_of(struct db *db, struct arena *a, const char *subject, struct account_event *out, size_t max,
			 size_t *n);
/* How many times subject's account was locked after since, into *n;
 * ERR_DB when it cannot be counted. */
enum err account_locks_since(struct db *db, const char *subject, int64_t since, int64_t *n);

/* Sign-in locks (migration 0008), by key: "email:<hash>" or "device:<hash>".
 * The time the key is locked until (0: never locked), into *until. */
enum err sign_in_lock_until(struct db *db, const char *key, int64_t *until);
/* One failure more for key. At the after-th since the last lock or
 * success, the key is locked for first seconds, doubled for each lock
 * within a day, at most max; *until is then the end of the lock (else 0). */
enum err sign_in_lock_fail(struct db *db, const char *key, int after, int64_t first, int64_t max, int64_t *until);
/* A success: the key's failures forgotten (its back-off is not). */
enum err sign_in_lock_clear(struct db *db, const char *key);
/* The person the device cookie of token_hash is trusted for (0: none). */
enum err trusted_device_person(struct db *db, const char *token_hash, int64_t *person_id);
/* A device trusted for person_id from now on; its use recorded. */
enum err trusted_device_add(struct db *db, const char *token_hash, int64_t person_id);
enum err trusted_device_used(struct db *db, const char *token_hash);

/* The one-time link of token_hash used, now (unless it already was). */
enum err link_mark_used(struct db *db, const char *token_hash);
/* How many links for purpose were made for person_id after since, into
 * *n; ERR_DB when they cannot be counted. */
enum err links_sent_since(struct db *db, int64_t person_id, const char *purpose, int64_t since, int64_t *n);

/* person_id's recovery codes all removed. */
enum err recovery_codes_clear(struct db *db, int64_t person_id);
/* One more recovery code for person_id, stored as code_hash. */
enum err recovery_code_add(struct db *db, int64_t person_id, const char *code_hash);
/* How many of person_id's recovery codes are unused, into *n. */
enum err recovery_codes_unused(struct db *db, int64_t person_id, int64_t *n);
/* Uses up person_id's unused recovery code whose hash is keyed (made with
 * the key) or plain (made before there was one): *used says whether there
 * was one. */
enum err recovery_code_use(struct db *db, int64_t person_id, const char *keyed, const char *plain, bool *used);

/* ---- one-time codes and notices (codes.c) ---- */

#define CODE_SECONDS (10 * 60)

/* Where a one-time code goes. */
enum code_route {
	CODE_BY_EMAIL,         /* to the person's email address */
	CODE_BY_PHONE,         /* to their phone, by text or call as they chose */
	CODE_TO_PENDING_PHONE, /* to the number being confirmed */
};

/* A new 6-digit code for p, stored hashed for CODE_SECONDS (replacing any
 * earlier one) with where it went, and queued to go as route says, in the
 * caller's transaction. */
enum err send_a_code(struct db *db, struct req *rq, const struct person *p, enum code_route route);

#define CODES_SENT_PER_PERSON 5
#define CODES_SENT_WINDOW (15 * 60)

/* Counts a code about to be sent to p: false when CODES_SENT_PER_PERSON
 * have gone in CODES_SENT_WINDOW (texts and calls cost money, and can
 * harass). */
enum err codes_allowed(struct db *db, struct req *rq, const struct person *p, bool *ok, int64_t *retry_after);

/* Whether this deployment can reach p's phone the way p chose (its
 * gateway is configured). */
bool phone_reachable(const struct config *cfg, const struct person *p);

/* At the password step: sends the code of p's usual factor when it is not
 * the app (a reachable phone first, then email), unless codes_allowed
 * says no; *sent says whether one went. */
enum err send_sign_in_code(struct db *db, struct req *rq, const struct person *p, bool *sent);

/* What a typed code is for: each live code works only for the purpose it
 * was sent for, and only while the way it went is still the person's. */
enum code_purpose {
	CODE_TO_SIGN_IN,       /* sent by email, text or call to one of p's ways */
	CODE_TO_CONFIRM_PHONE, /* sent to the number being confirmed */
};

/* Whether typed (spaces ignored) is p's live one-time code for purpose. */
bool code_matches(const struct person *p, const char *typed, enum code_purpose purpose);

/* How many second factors p holds: the app, a phone, codes by email. */
int factor_count(const struct person *p);

/* Replaces person_id's recovery codes with RECOVERY_COUNT new ones,
 * written (shown once) to codes, stored hashed. */
enum err recovery_codes_replace(struct db *db, int64_t person_id, char codes[RECOVERY_COUNT][RECOVERY_LEN + 1]);

/* Emails p that something changed in their account's security; what is
 * the subject and first line ("Your Maths Hubs password was changed").
 * The body says what to do if it was not them. */
enum err security_notice(struct db *db, struct req *rq, const struct person *p, const char *what);

/* "+447700900123" for a UK mobile number typed loosely ("07700 900123",
 * "+44 7700 900 123"), or with landline_ok also a UK landline (01, 02 or
 * 03 numbers, which can take calls but not texts); NULL if it is not one.
 * In a. */
const char *phone_normalise(struct arena *a, const char *typed, bool landline_ok);

/* "07*** ***123": enough to recognise one's own number. In a. */
const char *phone_masked(struct arena *a, const char *e164);

#endif
