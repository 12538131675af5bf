/* queries.h - the accounts capability's database access (its SQL is in queries.c). */
#ifndef MH_ACCOUNTS_QUERIES_H
#define MH_ACCOUNTS_QUERIES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "accounts/accounts.h"

struct arena;
struct req;

struct person {
	int64_t id;
	const char *name, *email;
	bool active;
	const char *password_hash; /* NULL until set */
	const char *totp_secret;   /* NULL until an authenticator is set up */
	int64_t totp_last_step, failed_attempts, locked_until;
	bool email_codes;          /* the second factor is a code by email */
	const char *email_code_hash; /* the code last emailed (hashed), or NULL */
	int64_t email_code_expires;      /* (the code sent by email or text) */
	const char *phone;         /* codes by text to this number, or NULL */
	const char *phone_pending; /* a number being confirmed, or NULL */
};

struct link {
	int64_t person_id;
	const char *purpose;
	int64_t expires_at;
	bool used;
};

/* Tri-state lookups: ERR_OK, ERR_NOT_FOUND, or an error. */
enum err person_by_email(struct db *db, struct arena *a, const char *email, struct person *p);
enum err person_by_id(struct db *db, struct arena *a, int64_t id, struct person *p);
enum err link_lookup(struct db *db, struct arena *a, const char *token_hash, struct link *l);

/* A person's email address as the programme keys it: lower case (ASCII),
 * in a. NULL gives "". */
char *email_normalise(struct arena *a, const char *email);

/* A plausible address: local@domain.tld, no spaces or tabs, quotes, angle
 * brackets, commas or semicolons, at most 254 bytes. */
bool email_plausible(const char *email);

/* Adds a person (email already normalised); their id into *id. */
enum err person_insert(struct db *db, const char *email, const char *name, int64_t *id);

/* For a person whose second factor is email or text: a new 6-digit code,
 * stored hashed for 10 minutes and sent (by text to to_phone when not NULL,
 * else by email), in the caller's transaction. */
enum err email_a_code(struct db *db, struct req *rq, const struct person *p);
enum err send_a_code(struct db *db, struct req *rq, const struct person *p, const char *to_phone);

/* "+447700900123" for a UK mobile number typed loosely ("07700 900123",
 * "+44 7700 900 123"); NULL if it is not one. In a. */
const char *phone_normalise(struct arena *a, const char *typed);

/* "07*** ***123": enough to recognise one's own number. In a. */
const char *phone_masked(struct arena *a, const char *e164);

/* Runs sql (no rows) binding the variadic values as fmt says, one letter a
 * parameter: 'i' int64_t, 's' const char *, 'n' NULL (no argument). */
enum err run_sql(struct db *db, const char *sql, const char *fmt, ...);

#endif
