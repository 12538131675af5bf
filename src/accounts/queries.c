/* queries.c - the accounts capability's SQL. */
#include "accounts/queries.h"

#include <string.h>

#include "auth/sealed.h"
#include "auth/token.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/log.h"
#include "db/db.h"

static const char SQL_BY_EMAIL[] =
	"SELECT id, name, email, active, password_hash, totp_secret, totp_last_step, failed_attempts, locked_until, "
	"email_codes, email_code_hash, email_code_expires, phone, phone_pending, phone_channel, phone_pending_channel, code_channel "
	"FROM people WHERE email = $1";
static const char SQL_BY_ID[] =
	"SELECT id, name, email, active, password_hash, totp_secret, totp_last_step, failed_attempts, locked_until, "
	"email_codes, email_code_hash, email_code_expires, phone, phone_pending, phone_channel, phone_pending_channel, code_channel "
	"FROM people WHERE id = $1";
static const char SQL_LINK[] =
	"SELECT person_id, purpose, expires_at, used_at FROM one_time_links WHERE token_hash = $1";
static const char SQL_NEW_LINK[] =
	"INSERT INTO one_time_links (token_hash, person_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)";
static const char SQL_INSERT[] = "INSERT INTO people (email, name, created_at) VALUES ($1, $2, $3) RETURNING id";

static enum err read_person(struct db_stmt *st, struct arena *a, struct person *p)
{
	int rc = db_step(st);
	if (rc < 0)
		return (enum err)rc;
	if (rc == 0)
		return ERR_NOT_FOUND;
	p->id = db_col_int(st, 0);
	p->name = arena_strdup(a, db_col_text(st, 1));
	p->email = arena_strdup(a, db_col_text(st, 2));
	p->active = db_col_int(st, 3) == 1;
	p->password_hash = db_col_is_null(st, 4) ? NULL : arena_strdup(a, db_col_text(st, 4));
	p->totp_secret = NULL;
	if (!db_col_is_null(st, 5) &&
	    unseal(a, db_col_text(st, 5), arena_printf(a, "totp:%lld", (long long)p->id), &p->totp_secret)) {
		/* fail closed: never treat the person as having no app */
		log_msg("error", "the authenticator secret of person %lld cannot be opened: is --secret-key-file the deployment's key?",
			(long long)p->id);
		return ERR_SYSTEM;
	}
	p->totp_last_step = db_col_int(st, 6);
	p->failed_attempts = db_col_int(st, 7);
	p->locked_until = db_col_int(st, 8);
	p->email_codes = db_col_int(st, 9) == 1;
	p->email_code_hash = db_col_is_null(st, 10) ? NULL : arena_strdup(a, db_col_text(st, 10));
	p->email_code_expires = db_col_int(st, 11);
	p->phone = db_col_is_null(st, 12) ? NULL : arena_strdup(a, db_col_text(st, 12));
	p->phone_pending = db_col_is_null(st, 13) ? NULL : arena_strdup(a, db_col_text(st, 13));
	p->phone_by = !strcmp(db_col_text(st, 14), "voice") ? PHONE_VOICE : PHONE_SMS;
	p->phone_pending_by = !strcmp(db_col_text(st, 15), "voice") ? PHONE_VOICE : PHONE_SMS;
	p->code_sent_by = arena_strdup(a, db_col_text(st, 16));
	db_step(st);
	return ERR_OK;
}

enum err person_by_email(struct db *db, struct arena *a, const char *email, struct person *p)
{
	struct db_stmt *st = db_prepare(db, SQL_BY_EMAIL);
	if (!st || db_bind_text(st, 1, email))
		return ERR_DB;
	return read_person(st, a, p);
}

enum err person_by_id(struct db *db, struct arena *a, int64_t id, struct person *p)
{
	struct db_stmt *st = db_prepare(db, SQL_BY_ID);
	if (!st || db_bind_int(st, 1, id))
		return ERR_DB;
	return read_person(st, a, p);
}

struct person_read {
	struct arena *a;
	int64_t id;
	struct person *p;
};

/* The body of person_read's transaction (the access log names it). */
static enum err person_read_one(struct db *db, void *ctx)
{
	struct person_read *r = ctx;
	return person_by_id(db, r->a, r->id, r->p);
}

enum err person_read(struct db *db, struct arena *a, int64_t id, struct person *p)
{
	return db_transact(db, DB_READ, person_read_one, &(struct person_read){a, id, p});
}

enum err link_lookup(struct db *db, struct arena *a, const char *hash, struct link *l)
{
	struct db_stmt *st = db_prepare(db, SQL_LINK);
	if (!st || db_bind_text(st, 1, hash))
		return ERR_DB;
	int rc = db_step(st);
	if (rc < 0)
		return (enum err)rc;
	if (rc == 0)
		return ERR_NOT_FOUND;
	l->person_id = db_col_int(st, 0);
	l->purpose = arena_strdup(a, db_col_text(st, 1));
	l->expires_at = db_col_int(st, 2);
	l->used = !db_col_is_null(st, 3);
	db_step(st);
	return ERR_OK;
}

char *email_normalise(struct arena *a, const char *email)
{
	char *d = arena_strdup(a, email ? email : "");
	for (char *p = d; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return d;
}

bool email_plausible(const char *s)
{
	const char *at = strchr(s, '@');
	return at && at != s && strchr(at, '.') && !strchr(at + 1, '@') && !strpbrk(s, " \t<>\"\r\n,;") &&
	       strlen(s) <= 254;
}

enum err person_insert(struct db *db, const char *email, const char *name, int64_t *id)
{
	struct db_stmt *st = db_prepare(db, SQL_INSERT);
	if (!st || db_bind_text(st, 1, email) || db_bind_text(st, 2, name) || db_bind_int(st, 3, clock_now()))
		return ERR_DB;
	int rc = db_step(st);
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_DB;
	*id = db_col_int(st, 0);
	db_step(st);
	return ERR_OK;
}

const char *phone_normalise(struct arena *a, const char *typed, bool landline_ok)
{
	char digits[32];
	size_t n = 0;
	bool plus = false;
	for (const char *p = typed ? typed : ""; *p; p++) {
		if (*p == '+' && n == 0 && !plus)
			plus = true;
		else if (*p >= '0' && *p <= '9' && n + 1 < sizeof(digits))
			digits[n++] = *p;
		else if (*p != ' ' && *p != '-' && *p != '(' && *p != ')')
			return NULL;
	}
	digits[n] = '\0';
	const char *national; /* after the 0 or the 44 */
	if (plus && !strncmp(digits, "44", 2))
		national = digits + 2;
	else if (!plus && digits[0] == '0')
		national = digits + 1;
	else
		return NULL;
	size_t len = strlen(national);
	/* mobiles are 071-075 and 077-079 (070 is personal numbering, 076 pagers) */
	bool mobile = national[0] == '7' && len == 10 && national[1] != '0' && national[1] != '6';
	/* geographic (01, 02: 9 or 10 digits after the 0) and 03 numbers */
	bool landline = ((national[0] == '1' && (len == 9 || len == 10)) || ((national[0] == '2' || national[0] == '3') && len == 10));
	if (!mobile && !(landline_ok && landline))
		return NULL;
	return arena_printf(a, "+44%s", national);
}

const char *phone_masked(struct arena *a, const char *e164)
{
	size_t n = strlen(e164);
	/* +44 then the national number: "07*** ***123", "01*** ***123" */
	return n < 8 || strncmp(e164, "+44", 3) ? "your phone" : arena_printf(a, "0%c*** ***%s", e164[3], e164 + n - 3);
}

enum err link_create(struct db *db, int64_t person_id, const char *purpose, int64_t lifetime, char token[TOKEN_LEN + 1])
{
	char hash[TOKEN_HASH_LEN + 1];
	token_new(token);
	token_hash(token, hash);
	int64_t now = clock_now();
	return db_run(db, SQL_NEW_LINK, DB_S(hash), DB_I(person_id), DB_S(purpose), DB_I(now), DB_I(now + lifetime));
}
