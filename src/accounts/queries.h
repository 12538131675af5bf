/* queries.h - the accounts capability's database access (its SQL is in queries.c). */
#ifndef MH_ACCOUNTS_QUERIES_H
#define MH_ACCOUNTS_QUERIES_H

#include <stdbool.h>
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
