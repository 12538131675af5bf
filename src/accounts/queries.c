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
static const char SQL_NEW_LINK_IF[] =
	"INSERT INTO one_time_links (token_hash, person_id, purpose, created_at, expires_at) "
	"SELECT $1, $2, $3, $4, $5 WHERE $6 = 1";
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
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7F) /* ASCII only: see form.c's email_ok */
			return false;
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

enum err link_create_if(struct db *db, bool keep, int64_t person_id, const char *purpose, int64_t lifetime,
			char token[TOKEN_LEN + 1])
{
	char hash[TOKEN_HASH_LEN + 1];
	token_new(token);
	token_hash(token, hash);
	int64_t now = clock_now();
	return db_run(db, SQL_NEW_LINK_IF, DB_S(hash), DB_I(person_id), DB_S(purpose), DB_I(now), DB_I(now + lifetime),
		      DB_I(keep ? 1 : 0));
}

/* ---- a person's password, lock and second factors ---- */

static const char SQL_SET_PASSWORD[] =
	"UPDATE people SET password_hash = $1, failed_attempts = 0, locked_until = 0 WHERE id = $2";
static const char SQL_REHASH[] = "UPDATE people SET password_hash = $1 WHERE id = $2";
static const char SQL_FAILED[] = "UPDATE people SET failed_attempts = failed_attempts + 1 WHERE id = $1";
static const char SQL_LOCK[] = "UPDATE people SET failed_attempts = 0, locked_until = $1 WHERE id = $2";
static const char SQL_RESET_FAILURES[] = "UPDATE people SET failed_attempts = 0 WHERE id = $1";
static const char SQL_TOTP_USED[] = "UPDATE people SET totp_last_step = $1, failed_attempts = 0 WHERE id = $2";
static const char SQL_SET_TOTP[] = "UPDATE people SET totp_secret = $1, totp_last_step = $2 WHERE id = $3";
static const char SQL_SET_CODE[] =
	"UPDATE people SET email_code_hash = $1, email_code_expires = $2, code_channel = $3 WHERE id = $4";
static const char SQL_CODE_USED[] =
	"UPDATE people SET email_code_hash = NULL, email_code_expires = 0, failed_attempts = 0 WHERE id = $1";
static const char SQL_SET_EMAIL_CODES[] = "UPDATE people SET email_codes = 1 WHERE id = $1";
static const char SQL_PHONE_PENDING[] = "UPDATE people SET phone_pending = $1, phone_pending_channel = $2 WHERE id = $3";
static const char SQL_PHONE_CONFIRMED[] =
	"UPDATE people SET phone = phone_pending, phone_channel = phone_pending_channel, phone_pending = NULL, "
	"email_code_hash = NULL, email_code_expires = 0 WHERE id = $1";
/* removing a way also ends any code in flight (and a number being confirmed) */
static const char SQL_REMOVE_APP[] = "UPDATE people SET totp_secret = NULL, totp_last_step = 0 WHERE id = $1";
static const char SQL_REMOVE_PHONE[] =
	"UPDATE people SET phone = NULL, phone_pending = NULL, email_code_hash = NULL, email_code_expires = 0 WHERE id = $1";
static const char SQL_REMOVE_EMAIL_CODES[] =
	"UPDATE people SET email_codes = 0, email_code_hash = NULL, email_code_expires = 0 WHERE id = $1";
static const char SQL_GRANT_NATIONAL_ADMIN[] =
	"INSERT INTO role_grants (person_id, role, granted_at, reason) VALUES ($1, 'national_admin', $2, $3)";

enum err person_set_password(struct db *db, int64_t id, const char *hash)
{
	return db_run(db, SQL_SET_PASSWORD, DB_S(hash), DB_I(id));
}

enum err person_rehash(struct db *db, int64_t id, const char *hash)
{
	return db_run(db, SQL_REHASH, DB_S(hash), DB_I(id));
}

enum err person_failed_attempt(struct db *db, int64_t id)
{
	return db_run(db, SQL_FAILED, DB_I(id));
}

enum err person_lock(struct db *db, int64_t id, int64_t until)
{
	return db_run(db, SQL_LOCK, DB_I(until), DB_I(id));
}

enum err person_reset_failures(struct db *db, int64_t id)
{
	return db_run(db, SQL_RESET_FAILURES, DB_I(id));
}

enum err person_totp_used(struct db *db, int64_t id, int64_t step)
{
	return db_run(db, SQL_TOTP_USED, DB_I(step), DB_I(id));
}

enum err person_set_totp(struct db *db, int64_t id, const char *sealed, int64_t step)
{
	return db_run(db, SQL_SET_TOTP, DB_S(sealed), DB_I(step), DB_I(id));
}

enum err person_set_code(struct db *db, int64_t id, const char *hash, int64_t expires, const char *channel)
{
	return db_run(db, SQL_SET_CODE, DB_S(hash), DB_I(expires), DB_S(channel), DB_I(id));
}

enum err person_code_used(struct db *db, int64_t id)
{
	return db_run(db, SQL_CODE_USED, DB_I(id));
}

enum err person_email_codes_on(struct db *db, int64_t id)
{
	return db_run(db, SQL_SET_EMAIL_CODES, DB_I(id));
}

enum err person_phone_pending(struct db *db, int64_t id, const char *phone, enum phone_channel by)
{
	return db_run(db, SQL_PHONE_PENDING, DB_S(phone), DB_S(by == PHONE_VOICE ? "voice" : "sms"), DB_I(id));
}

enum err person_phone_confirmed(struct db *db, int64_t id)
{
	return db_run(db, SQL_PHONE_CONFIRMED, DB_I(id));
}

enum err person_remove_app(struct db *db, int64_t id)
{
	return db_run(db, SQL_REMOVE_APP, DB_I(id));
}

enum err person_remove_phone(struct db *db, int64_t id)
{
	return db_run(db, SQL_REMOVE_PHONE, DB_I(id));
}

enum err person_remove_email_codes(struct db *db, int64_t id)
{
	return db_run(db, SQL_REMOVE_EMAIL_CODES, DB_I(id));
}

enum err person_grant_national_admin(struct db *db, int64_t id, int64_t at, const char *reason)
{
	return db_run(db, SQL_GRANT_NATIONAL_ADMIN, DB_I(id), DB_I(at), DB_S(reason));
}

/* ---- authenticator secrets stored before there was a key ---- */

/* only the unsealed ones: at each start this reads nothing once all are sealed */
static const char SQL_TOTP_UNSEALED[] =
	"SELECT id, totp_secret FROM people WHERE totp_secret IS NOT NULL AND totp_secret NOT LIKE '" SEALED_PREFIX "%' ORDER BY id";
static const char SQL_TOTP_RESEAL[] = "UPDATE people SET totp_secret = $1 WHERE id = $2 AND totp_secret = $3";

enum err totp_unsealed(struct db *db, struct arena *a, int64_t **ids, const char ***plain, size_t *n)
{
	*n = 0;
	struct db_stmt *st = db_prepare(db, SQL_TOTP_UNSEALED);
	if (!st)
		return ERR_DB;
	size_t cap = 16;
	*ids = arena_alloc(a, cap * sizeof(**ids));
	*plain = arena_alloc(a, cap * sizeof(**plain));
	int rc;
	while ((rc = db_step(st)) == 1) {
		if (*n == cap) {
			*ids = arena_grow(a, *ids, *n, cap * 2, sizeof(**ids));
			*plain = arena_grow(a, *plain, *n, cap * 2, sizeof(**plain));
			cap *= 2;
		}
		(*ids)[*n] = db_col_int(st, 0);
		(*plain)[(*n)++] = arena_strdup(a, db_col_text(st, 1));
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err totp_reseal(struct db *db, int64_t id, const char *sealed, const char *plain)
{
	return db_run(db, SQL_TOTP_RESEAL, DB_S(sealed), DB_I(id), DB_S(plain));
}

/* ---- sessions, links, recovery codes and the audit log ---- */

static const char SQL_END_SESSIONS[] = "DELETE FROM sessions WHERE person_id = $1";
static const char SQL_END_OTHER_SESSIONS[] = "DELETE FROM sessions WHERE person_id = $1 AND token_hash <> $2";
static const char SQL_SESSIONS_OF[] =
	"SELECT token_hash, created_at, last_seen_at, user_agent FROM sessions "
	"WHERE person_id = $1 AND stage = 'signed_in' AND last_seen_at > $2 ORDER BY last_seen_at DESC LIMIT 20";
static const char SQL_EVENTS_OF[] =
	"SELECT at, action, ip, detail FROM audit_log WHERE subject = $1 ORDER BY at DESC, id DESC LIMIT 10";
static const char SQL_RECENT_LOCKS[] =
	"SELECT COUNT(*) FROM audit_log WHERE action = 'account_locked' AND subject = $1 AND at > $2";
static const char SQL_USE_LINK[] = "UPDATE one_time_links SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL";
static const char SQL_LINKS_SENT[] =
	"SELECT COUNT(*) FROM one_time_links WHERE person_id = $1 AND purpose = $2 AND created_at > $3";
static const char SQL_CLEAR_CODES[] = "DELETE FROM recovery_codes WHERE person_id = $1";
static const char SQL_ADD_CODE[] = "INSERT INTO recovery_codes (person_id, code_hash) VALUES ($1, $2)";
static const char SQL_UNUSED_CODES[] = "SELECT COUNT(*) FROM recovery_codes WHERE person_id = $1 AND used_at IS NULL";
static const char SQL_USE_CODE[] =
	"UPDATE recovery_codes SET used_at = $1 WHERE person_id = $2 AND code_hash IN ($3, $4) AND used_at IS NULL "
	"RETURNING person_id";

enum err sessions_end_all(struct db *db, int64_t person_id)
{
	return db_run(db, SQL_END_SESSIONS, DB_I(person_id));
}

enum err sessions_end_others(struct db *db, int64_t person_id, const char *kept_token_hash)
{
	return db_run(db, SQL_END_OTHER_SESSIONS, DB_I(person_id), DB_S(kept_token_hash));
}

/* A person's roles with their hub, project or school (the school's name
 * from the register, "" when it is not there). */
static const char SQL_ROLES_OF[] =
	"SELECT g.role, COALESCE(h.code, ''), COALESCE(h.name, ''), COALESCE(p.code, ''), COALESCE(p.title, ''), "
	"COALESCE(g.school_urn, ''), COALESCE(s.name, ''), COALESCE(g.phase, ''), COALESCE(g.hub_id, 0) "
	"FROM role_grants g LEFT JOIN hubs h ON h.id = g.hub_id LEFT JOIN projects p ON p.id = g.project_id "
	"LEFT JOIN schools s ON s.urn = g.school_urn WHERE g.person_id = $1 ORDER BY g.granted_at, g.id";

enum err roles_of(struct db *db, struct arena *a, int64_t person_id, struct account_role *out, size_t max, size_t *n)
{
	*n = 0;
	struct db_stmt *st = db_prepare(db, SQL_ROLES_OF);
	if (!st || db_bind_int(st, 1, person_id))
		return ERR_DB;
	int rc;
	while ((rc = db_step(st)) == 1)
		if (*n < max) {
			const char *v[8];
			for (int i = 0; i < 8; i++)
				v[i] = arena_strdup(a, db_col_text(st, i));
			out[(*n)++] = (struct account_role){.role = v[0], .hub_code = v[1], .hub_name = v[2], .project_code = v[3],
							   .project_title = v[4], .school_urn = v[5], .school_name = v[6], .phase = v[7],
							   .hub_id = db_col_int(st, 8)};
		}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err sessions_of(struct db *db, struct arena *a, int64_t person_id, const char *this_token_hash, int64_t seen_after,
		     struct account_session *out, size_t max, size_t *n)
{
	*n = 0;
	struct db_stmt *st = db_prepare(db, SQL_SESSIONS_OF);
	if (!st || db_bind_int(st, 1, person_id) || db_bind_int(st, 2, seen_after))
		return ERR_DB;
	int rc;
	while ((rc = db_step(st)) == 1 && *n < max)
		out[(*n)++] = (struct account_session){!strcmp(db_col_text(st, 0), this_token_hash), db_col_int(st, 1),
						       db_col_int(st, 2), arena_strdup(a, db_col_text(st, 3))};
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err audit_events_of(struct db *db, struct arena *a, const char *subject, struct account_event *out, size_t max,
			 size_t *n)
{
	*n = 0;
	struct db_stmt *st = db_prepare(db, SQL_EVENTS_OF);
	if (!st || db_bind_text(st, 1, subject))
		return ERR_DB;
	int rc;
	while ((rc = db_step(st)) == 1 && *n < max)
		out[(*n)++] = (struct account_event){db_col_int(st, 0), arena_strdup(a, db_col_text(st, 1)),
						     arena_strdup(a, db_col_text(st, 2)), arena_strdup(a, db_col_text(st, 3))};
	return rc < 0 ? (enum err)rc : ERR_OK;
}

/* The one row of a COUNT(*) into *n; ERR_DB if there is none (or the step
 * failed). */
/* The one row of a COUNT: the database's error as it came (ERR_BUSY stays
 * ERR_BUSY, so the transaction is run again). */
static enum err count_row(struct db_stmt *st, int64_t *n)
{
	int rc = db_step(st);
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_DB; /* a COUNT always has its row */
	*n = db_col_int(st, 0);
	rc = db_step(st);
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err account_locks_since(struct db *db, const char *subject, int64_t since, int64_t *n)
{
	struct db_stmt *st = db_prepare(db, SQL_RECENT_LOCKS);
	if (!st || db_bind_text(st, 1, subject) || db_bind_int(st, 2, since))
		return ERR_DB;
	return count_row(st, n);
}

enum err link_mark_used(struct db *db, const char *token_hash)
{
	return db_run(db, SQL_USE_LINK, DB_I(clock_now()), DB_S(token_hash));
}

enum err links_sent_since(struct db *db, int64_t person_id, const char *purpose, int64_t since, int64_t *n)
{
	struct db_stmt *st = db_prepare(db, SQL_LINKS_SENT);
	if (!st || db_bind_int(st, 1, person_id) || db_bind_text(st, 2, purpose) || db_bind_int(st, 3, since))
		return ERR_DB;
	return count_row(st, n);
}

enum err recovery_codes_clear(struct db *db, int64_t person_id)
{
	return db_run(db, SQL_CLEAR_CODES, DB_I(person_id));
}

enum err recovery_code_add(struct db *db, int64_t person_id, const char *code_hash)
{
	return db_run(db, SQL_ADD_CODE, DB_I(person_id), DB_S(code_hash));
}

enum err recovery_codes_unused(struct db *db, int64_t person_id, int64_t *n)
{
	*n = 0;
	struct db_stmt *st = db_prepare(db, SQL_UNUSED_CODES);
	int rc = !st || db_bind_int(st, 1, person_id) ? ERR_DB : db_step(st);
	if (rc == 1) {
		*n = db_col_int(st, 0);
		rc = db_step(st);
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err recovery_code_use(struct db *db, int64_t person_id, const char *keyed, const char *plain, bool *used)
{
	*used = false;
	struct db_stmt *st = db_prepare(db, SQL_USE_CODE);
	if (!st || db_bind_int(st, 1, clock_now()) || db_bind_int(st, 2, person_id) || db_bind_text(st, 3, keyed) ||
	    db_bind_text(st, 4, plain))
		return ERR_DB;
	int rc = db_step(st);
	if (rc < 0)
		return (enum err)rc;
	if (rc == 1) {
		db_step(st);
		*used = true;
	}
	return ERR_OK;
}

/* ---- sign-in locks and trusted devices (migration 0008) ---- */

static const char SQL_LOCK_UNTIL[] = "SELECT locked_until FROM sign_in_locks WHERE key = $1";
static const char SQL_LOCK_FAIL[] =
	"INSERT INTO sign_in_locks (key, failures) VALUES ($1, 1) "
	"ON CONFLICT (key) DO UPDATE SET failures = sign_in_locks.failures + 1 "
	"RETURNING failures, locks, first_lock_at";
static const char SQL_LOCK_SET[] =
	"UPDATE sign_in_locks SET failures = 0, locked_until = $1, locks = $2, first_lock_at = $3 WHERE key = $4";
static const char SQL_LOCK_CLEAR[] = "UPDATE sign_in_locks SET failures = 0 WHERE key = $1 AND failures > 0";
static const char SQL_DEVICE_PERSON[] = "SELECT person_id FROM trusted_devices WHERE token_hash = $1";
static const char SQL_DEVICE_ADD[] =
	"INSERT INTO trusted_devices (token_hash, person_id, created_at, last_used_at) VALUES ($1, $2, $3, $3)";
static const char SQL_DEVICE_USED[] = "UPDATE trusted_devices SET last_used_at = $1 WHERE token_hash = $2";

enum err sign_in_lock_until(struct db *db, const char *key, int64_t *until)
{
	*until = 0;
	struct db_stmt *st = db_prepare(db, SQL_LOCK_UNTIL);
	if (!st || db_bind_text(st, 1, key))
		return ERR_DB;
	int rc = db_step(st);
	if (rc == 1) {
		*until = db_col_int(st, 0);
		db_step(st);
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err sign_in_lock_fail(struct db *db, const char *key, int after, int64_t first, int64_t max, int64_t *until)
{
	*until = 0;
	struct db_stmt *st = db_prepare(db, SQL_LOCK_FAIL);
	if (!st || db_bind_text(st, 1, key))
		return ERR_DB;
	int rc = db_step(st);
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_DB;
	int64_t failures = db_col_int(st, 0), locks = db_col_int(st, 1), since = db_col_int(st, 2);
	db_step(st);
	if (failures < after)
		return ERR_OK;
	/* back-off: each lock within a day of the first doubles the next */
	int64_t now = clock_now();
	if (now - since >= 86400) {
		locks = 0;
		since = now;
	}
	int64_t seconds = first << (locks < 7 ? locks : 7);
	*until = now + (seconds < max ? seconds : max);
	return db_run(db, SQL_LOCK_SET, DB_I(*until), DB_I(locks + 1), DB_I(since), DB_S(key));
}

enum err sign_in_lock_clear(struct db *db, const char *key)
{
	return db_run(db, SQL_LOCK_CLEAR, DB_S(key));
}

enum err trusted_device_person(struct db *db, const char *token_hash, int64_t *person_id)
{
	*person_id = 0;
	struct db_stmt *st = db_prepare(db, SQL_DEVICE_PERSON);
	if (!st || db_bind_text(st, 1, token_hash))
		return ERR_DB;
	int rc = db_step(st);
	if (rc == 1) {
		*person_id = db_col_int(st, 0);
		db_step(st);
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err trusted_device_add(struct db *db, const char *token_hash, int64_t person_id)
{
	return db_run(db, SQL_DEVICE_ADD, DB_S(token_hash), DB_I(person_id), DB_I(clock_now()));
}

enum err trusted_device_used(struct db *db, const char *token_hash)
{
	return db_run(db, SQL_DEVICE_USED, DB_I(clock_now()), DB_S(token_hash));
}
