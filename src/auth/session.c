/* session.c - see session.h. */
#include "auth/session.h"

#include "auth/ratelimit.h"
#include "auth/sealed.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/log.h"
#include "core/util.h"
#include "db/db.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"

static const char SQL_LOAD[] =
	"SELECT s.person_id, s.stage, s.csrf_token, s.created_at, s.last_seen_at, p.name, p.email, p.active, s.authenticated_at, "
	"CASE WHEN s.flash IS NOT NULL THEN 1 ELSE 0 END, CASE WHEN s.flash_codes IS NOT NULL THEN 1 ELSE 0 END "
	"FROM sessions s LEFT JOIN people p ON p.id = s.person_id WHERE s.token_hash = $1";
static const char SQL_TOUCH[] = "UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2";
/* the one-time message, taken in a write transaction: read, then cleared,
 * so two requests at once cannot both show it; its secret (flash_codes) is
 * left for the one page that shows it (session_take_secret), so that
 * another tab's page cannot take it unseen */
static const char SQL_READ_FLASH[] = "SELECT flash FROM sessions WHERE token_hash = $1";
static const char SQL_TAKE_FLASH[] = "UPDATE sessions SET last_seen_at = $1, flash = NULL WHERE token_hash = $2";
static const char SQL_READ_SECRET[] = "SELECT flash_codes FROM sessions WHERE token_hash = $1";
static const char SQL_TAKE_SECRET[] = "UPDATE sessions SET flash_codes = NULL WHERE token_hash = $1";
static const char SQL_FLASH[] = "UPDATE sessions SET flash = $1, flash_codes = $2 WHERE token_hash = $3";
static const char SQL_INSERT[] =
	"INSERT INTO sessions (token_hash, person_id, stage, csrf_token, created_at, last_seen_at, user_agent, authenticated_at) "
	"VALUES ($1, $2, $3, $4, $5, $5, $6, $7)";
static const char SQL_REAUTHENTICATED[] = "UPDATE sessions SET authenticated_at = $1 WHERE token_hash = $2";
static const char SQL_DELETE[] = "DELETE FROM sessions WHERE token_hash = $1";
static const char SQL_DELETE_ALL[] = "DELETE FROM sessions WHERE person_id = $1";
static const char SQL_PERSON[] = "SELECT name, email FROM people WHERE id = $1";
/* ended; a signed-in one only once SESSION_LAPSED_SECONDS have passed too */
static const char SQL_PURGE_SESSIONS[] = "DELETE FROM sessions WHERE (last_seen_at < $1 OR created_at < $2) "
					 "AND (stage <> 'signed_in' OR last_seen_at < $3 OR created_at < $4)";
static const char SQL_PURGE_LIMITS[] = "DELETE FROM rate_limits WHERE window_start < $1";
static const char SQL_GRANTS[] =
	"SELECT role, COALESCE(hub_id, 0), COALESCE(project_id, 0), school_urn FROM role_grants WHERE person_id = $1";

/* The person's roles, into s (unknown role names are ignored: deny). */
static enum err load_grants(struct db *db, struct arena *a, struct session *s)
{
	struct db_stmt *st = db_prepare(db, SQL_GRANTS);
	if (!st || db_bind_int(st, 1, s->person_id))
		return ERR_DB;
	size_t cap = 8;
	s->grants = arena_alloc(a, cap * sizeof(*s->grants));
	s->ngrants = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		enum role r;
		if (!role_from_key(db_col_text(st, 0), &r))
			continue;
		if (s->ngrants == cap)
			s->grants = arena_grow(a, s->grants, s->ngrants, cap *= 2, sizeof(*s->grants));
		s->grants[s->ngrants++] = (struct grant){
			.role = r,
			.hub_id = db_col_int(st, 1),
			.project_id = db_col_int(st, 2),
			.school_urn = db_col_is_null(st, 3) ? NULL : arena_strdup(a, db_col_text(st, 3)),
		};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

const char *session_cookie_name(const struct req *rq)
{
	return str_starts(rq->cfg->base_url, "https://") ? "__Host-mh_session" : "mh_session";
}

const char *session_cookie_attrs(const struct req *rq)
{
	return str_starts(rq->cfg->base_url, "https://") ? "; Path=/; HttpOnly; SameSite=Lax; Secure"
							  : "; Path=/; HttpOnly; SameSite=Lax";
}

static enum err touch(struct db *db, void *ctx)
{
	const struct session *s = ctx;
	struct db_stmt *st = db_prepare(db, SQL_TOUCH);
	if (!st || db_bind_int(st, 1, clock_now()) || db_bind_text(st, 2, s->token_hash))
		return ERR_DB;
	return db_step_done(st);
}

/* Reads one column of the session token_hash's row (read_sql) and clears it
 * (take_sql; with timed, its $1 is the time, which it records as activity,
 * and $2 the token hash; else $1 is the token hash), inside the caller's
 * write transaction. *out is the value read, in a, or NULL when there is
 * none (another request took it: nothing is written). */
static enum err take_once(struct db *db, struct arena *a, const char *token_hash, const char *read_sql,
			  const char *take_sql, bool timed, const char **out)
{
	*out = NULL;
	struct db_stmt *st = db_prepare(db, read_sql);
	if (!st || db_bind_text(st, 1, token_hash))
		return ERR_DB;
	int rc = db_step(st);
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_OK;
	*out = db_col_is_null(st, 0) ? NULL : arena_strdup(a, db_col_text(st, 0));
	if ((rc = db_step(st)) < 0)
		return (enum err)rc;
	if (!*out)
		return ERR_OK;
	st = db_prepare(db, take_sql);
	if (!st || (timed ? db_bind_int(st, 1, clock_now()) || db_bind_text(st, 2, token_hash)
			  : db_bind_text(st, 1, token_hash)))
		return ERR_DB;
	return db_step_done(st);
}

/* Takes the session's one-time message into s->flash (SQL_TAKE_FLASH). */
static enum err take_flash(struct db *db, void *ctx)
{
	void **args = ctx;
	struct req *rq = args[0];
	struct session *s = args[1];
	return take_once(db, rq->arena, s->token_hash, SQL_READ_FLASH, SQL_TAKE_FLASH, true, &s->flash);
}

/* Takes the session's sealed secret (SQL_TAKE_SECRET). */
static enum err take_secret(struct db *db, void *ctx)
{
	void **args = ctx;
	struct req *rq = args[0];
	return take_once(db, rq->arena, rq->session->token_hash, SQL_READ_SECRET, SQL_TAKE_SECRET, false, args[1]);
}

enum err session_take_secret(struct req *rq, const char **secret)
{
	*secret = NULL;
	if (!rq->session || !rq->session->secret_waiting) /* nothing to take: no write */
		return ERR_OK;
	const char *sealed;
	enum err e = db_transact(rq->db, DB_WRITE, take_secret, (void *[]){rq, &sealed});
	/* a secret that cannot be opened here (another key) is not shown */
	if (!e && sealed && unseal(rq->arena, sealed, arena_printf(rq->arena, "flash:%s", rq->session->token_hash), secret))
		*secret = NULL;
	return e;
}

/* A session's row and, when signed in, its person's grants. */
struct session_row {
	struct req *rq;
	struct session *s;
	int64_t last_seen;
	bool active, flash;
};

static enum err session_read(struct db *db, void *ctx)
{
	struct session_row *r = ctx;
	struct session *s = r->s;
	struct arena *a = r->rq->arena;
	struct db_stmt *st = db_prepare(db, SQL_LOAD);
	int rc = !st ? ERR_DB : db_bind_text(st, 1, s->token_hash) ? ERR_DB : db_step(st);
	s->stage = NULL;
	if (rc == 1) {
		s->person_id = db_col_is_null(st, 0) ? 0 : db_col_int(st, 0);
		s->stage = arena_strdup(a, db_col_text(st, 1));
		s->csrf = arena_strdup(a, db_col_text(st, 2));
		s->created_at = db_col_int(st, 3);
		r->last_seen = db_col_int(st, 4);
		s->name = arena_strdup(a, db_col_text(st, 5));
		s->email = arena_strdup(a, db_col_text(st, 6));
		r->active = db_col_is_null(st, 7) || db_col_int(st, 7) == 1;
		s->authenticated_at = db_col_int(st, 8);
		r->flash = db_col_int(st, 9) == 1;
		s->secret_waiting = db_col_int(st, 10) == 1;
		rc = db_step(st);
		if (rc >= 0 && s->person_id && !strcmp(s->stage, "signed_in"))
			rc = load_grants(db, a, s);
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err session_load(struct req *rq)
{
	rq->session = NULL;
	const char *token = req_cookie(rq, session_cookie_name(rq));
	if (!token || strlen(token) != TOKEN_LEN)
		return ERR_OK;
	struct session *s = arena_alloc(rq->arena, sizeof(*s));
	token_hash(token, s->token_hash);
	struct session_row row = {rq, s, 0, true, false};
	enum err e = db_transact(rq->db, DB_READ, session_read, &row);
	if (e)
		return e;
	int64_t last_seen = row.last_seen;
	bool active = row.active, flash = row.flash;
	if (!s->stage)
		return ERR_OK; /* no such session */
	int64_t now = clock_now();
	if (!active || now - last_seen > SESSION_IDLE_SECONDS || now - s->created_at > SESSION_ABSOLUTE_SECONDS) {
		if (active && s->person_id && !strcmp(s->stage, "signed_in"))
			rq->lapsed = s; /* whose it was: a form that keeps text keeps it for them (auth/kept.h) */
		return ERR_OK; /* expired: treated as none; swept by session_begin now and then */
	}
	rq->session = s;
	if (flash) /* taking it records activity too */
		return db_transact(rq->db, DB_WRITE, take_flash, (void *[]){rq, s});
	if (now - last_seen >= 60) { /* at most one write a minute per session */
		/* best effort: two tabs may touch at once; never fail the request */
		if (db_transact(rq->db, DB_WRITE, touch, s) && !db_is_down(rq->db))
			log_msg("warn", "session: could not record activity");
	}
	return ERR_OK;
}

static void set_cookie(struct req *rq, struct resp *rs, const char *value, bool clear)
{
	const char *v = arena_printf(rq->arena, "%s=%s%s%s", session_cookie_name(rq), value,
				     session_cookie_attrs(rq), clear ? "; Max-Age=0" : "");
	resp_header_set(rs, "Set-Cookie", v);
}

enum err session_begin(struct req *rq, struct resp *rs, int64_t person_id, const char *stage)
{
	struct db_stmt *st;
	enum err e;
	/* rotation: the old token dies here. In a transaction run again,
	 * rq->session is the new, rolled-back one: its "replaces" is the old. */
	const char *old = rq->session ? (rq->session->replaces[0] ? rq->session->replaces : rq->session->token_hash) : NULL;
	if (old) {
		st = db_prepare(rq->db, SQL_DELETE);
		if (!st || db_bind_text(st, 1, old) || (e = db_step_done(st)))
			return ERR_DB;
	}
	if (randombytes_uniform(64) == 0) { /* now and then, sweep what has expired */
		int64_t now = clock_now();
		st = db_prepare(rq->db, SQL_PURGE_SESSIONS);
		if (!st || db_bind_int(st, 1, now - SESSION_IDLE_SECONDS) ||
		    db_bind_int(st, 2, now - SESSION_ABSOLUTE_SECONDS) ||
		    db_bind_int(st, 3, now - SESSION_IDLE_SECONDS - SESSION_LAPSED_SECONDS) ||
		    db_bind_int(st, 4, now - SESSION_ABSOLUTE_SECONDS - SESSION_LAPSED_SECONDS) || (e = db_step_done(st)))
			return ERR_DB;
		st = db_prepare(rq->db, SQL_PURGE_LIMITS);
		if (!st || db_bind_int(st, 1, now - 86400) || (e = db_step_done(st)))
			return ERR_DB;
	}
	char token[TOKEN_LEN + 1], csrf[TOKEN_LEN + 1];
	token_new(token);
	token_new(csrf);
	struct session *s = arena_alloc(rq->arena, sizeof(*s));
	token_hash(token, s->token_hash);
	if (old)
		snprintf(s->replaces, sizeof(s->replaces), "%s", old);
	s->person_id = person_id;
	s->stage = stage;
	s->csrf = arena_strdup(rq->arena, csrf);
	s->created_at = clock_now();
	/* reaching "signed_in" is a proof of who they are (password and code) */
	s->authenticated_at = !strcmp(stage, "signed_in") ? s->created_at : 0;
	s->name = s->email = "";
	/* the device name for "where you are signed in": printable ASCII only
	 * (a header may hold any bytes; PostgreSQL refuses invalid UTF-8) */
	const char *hdr = req_header(rq, "User-Agent");
	char *ua = arena_strndup(rq->arena, hdr ? hdr : "", 200);
	for (char *p = ua; *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
			*p = '?';
	st = db_prepare(rq->db, SQL_INSERT);
	if (!st || db_bind_text(st, 1, s->token_hash) ||
	    (person_id ? db_bind_int(st, 2, person_id) : db_bind_null(st, 2)) ||
	    db_bind_text(st, 3, stage) || db_bind_text(st, 4, csrf) || db_bind_int(st, 5, s->created_at) ||
	    db_bind_text(st, 6, ua) || db_bind_int(st, 7, s->authenticated_at))
		return ERR_DB;
	if ((e = db_step_done(st)))
		return e;
	if (person_id && !strcmp(stage, "signed_in") && (e = load_grants(rq->db, rq->arena, s)))
		return e;
	if (person_id) {
		st = db_prepare(rq->db, SQL_PERSON);
		if (!st || db_bind_int(st, 1, person_id))
			return ERR_DB;
		if (db_step(st) == 1) {
			s->name = arena_strdup(rq->arena, db_col_text(st, 0));
			s->email = arena_strdup(rq->arena, db_col_text(st, 1));
			db_step(st);
		}
	}
	rq->session = s;
	set_cookie(rq, rs, token, false);
	return ERR_OK;
}

/* a whole school's pupils and staff behind one address, still bounded */
#define ANONYMOUS_PER_ADDRESS_PER_HOUR 5000

static enum err begin_anonymous(struct db *db, void *ctx)
{
	void **args = ctx;
	struct req *rq = args[0];
	bool ok;
	int64_t retry;
	/* every visit to a form page without a cookie makes a row: bounded */
	enum err e = ratelimit_hit(db, "anonymous_session", rq->client_ip ? rq->client_ip : "",
				   ANONYMOUS_PER_ADDRESS_PER_HOUR, 3600, &ok, &retry, NULL);
	if (e)
		return e;
	if (!ok)
		return ERR_RATE_LIMITED;
	return session_begin(rq, args[1], 0, "anonymous");
}

enum err session_ensure(struct req *rq, struct resp *rs)
{
	if (rq->session)
		return ERR_OK;
	void *args[] = {rq, rs};
	return db_transact(rq->db, DB_WRITE, begin_anonymous, args);
}

enum err session_end(struct req *rq, struct resp *rs, bool everywhere)
{
	if (rq->session) {
		struct db_stmt *st = db_prepare(rq->db, everywhere && rq->session->person_id ? SQL_DELETE_ALL : SQL_DELETE);
		if (!st)
			return ERR_DB;
		enum err e = everywhere && rq->session->person_id ? db_bind_int(st, 1, rq->session->person_id)
								  : db_bind_text(st, 1, rq->session->token_hash);
		if (e || (e = db_step_done(st)))
			return e;
	}
	rq->session = NULL;
	set_cookie(rq, rs, "", true);
	return ERR_OK;
}

/* The form's token is session s's, and Origin / Sec-Fetch-Site, when sent, say same origin. */
static bool csrf_of(const struct req *rq, const struct session *s)
{
	const char *site = req_header(rq, "Sec-Fetch-Site");
	if (site && strcmp(site, "same-origin") && strcmp(site, "none"))
		return false;
	const char *origin = req_header(rq, "Origin");
	if (origin && strcmp(origin, rq->cfg->base_url))
		return false;
	const char *sent = req_form(rq, "csrf_token");
	return s && sent && token_equal(sent, s->csrf);
}

bool session_csrf_ok(const struct req *rq)
{
	return csrf_of(rq, rq->session);
}

bool session_lapsed_csrf_ok(const struct req *rq)
{
	return csrf_of(rq, rq->lapsed);
}

enum err session_reauthenticated(struct req *rq)
{
	struct session *s = rq->session;
	if (!s)
		return ERR_INVALID;
	int64_t now = clock_now();
	struct db_stmt *st = db_prepare(rq->db, SQL_REAUTHENTICATED);
	if (!st || db_bind_int(st, 1, now) || db_bind_text(st, 2, s->token_hash))
		return ERR_DB;
	enum err e = db_step_done(st);
	if (!e)
		s->authenticated_at = now;
	return e;
}

bool session_recently_authenticated(const struct session *s)
{
	return s && !strcmp(s->stage, "signed_in") && clock_now() - s->authenticated_at <= SESSION_REAUTH_SECONDS;
}

static enum err flash_set(struct req *rq, const char *text, const char *sealed)
{
	if (!rq->session)
		return ERR_INVALID;
	struct db_stmt *st = db_prepare(rq->db, SQL_FLASH);
	if (!st || db_bind_text(st, 1, text) || (sealed ? db_bind_text(st, 2, sealed) : db_bind_null(st, 2)) ||
	    db_bind_text(st, 3, rq->session->token_hash))
		return ERR_DB;
	return db_step_done(st);
}

enum err session_flash(struct req *rq, const char *text)
{
	return flash_set(rq, text, NULL);
}

enum err session_flash_note(struct req *rq, const char *text)
{
	return flash_set(rq, arena_printf(rq->arena, PAGE_BANNER_NOTE "%s", text), NULL);
}

enum err session_flash_secret(struct req *rq, const char *text, const char *secret)
{
	if (!rq->session)
		return ERR_INVALID;
	const char *sealed = seal(rq->arena, secret, arena_printf(rq->arena, "flash:%s", rq->session->token_hash));
	return sealed ? flash_set(rq, text, sealed) : ERR_SYSTEM;
}

const char *session_banner(const struct req *rq)
{
	return rq->session ? rq->session->flash : NULL;
}
