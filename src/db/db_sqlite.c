/*
 * db_sqlite.c - the SQLite backend of db.h.
 *
 * One connection per thread (SQLITE_OPEN_NOMUTEX). Statements are cached by
 * the address of their SQL text; "$n" placeholders are rewritten to SQLite's
 * "?n" once, at prepare time.
 */
#include "db/db.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/util.h"

#define STMT_CACHE 128

struct db_stmt {
	const char *key; /* the caller's SQL text (address is the key) */
	sqlite3_stmt *st;
	struct db *db;
};

struct db {
	sqlite3 *h;
	struct db_stmt cache[STMT_CACHE];
	size_t ncache;
};

static enum err fail(struct db *db, const char *what)
{
	log_msg("error", "sqlite: %s: %s", what, sqlite3_errmsg(db->h));
	return ERR_DB;
}

enum err db_open(const char *path, struct db **out, char *msg, size_t msglen)
{
	struct db *db = xmalloc(sizeof(*db));
	memset(db, 0, sizeof(*db));
	int rc = sqlite3_open_v2(path, &db->h,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(msg, msglen, "cannot open database %s: %s", path,
			 db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
		db_close(db);
		return ERR_DB;
	}
	sqlite3_busy_timeout(db->h, 5000);
	sqlite3_extended_result_codes(db->h, 1);
	static const char pragmas[] = "PRAGMA journal_mode=WAL;"
				      "PRAGMA foreign_keys=ON;"
				      "PRAGMA synchronous=NORMAL;";
	char *e = NULL;
	if (sqlite3_exec(db->h, pragmas, NULL, NULL, &e) != SQLITE_OK) {
		snprintf(msg, msglen, "cannot configure database %s: %s", path, e ? e : "?");
		sqlite3_free(e);
		db_close(db);
		return ERR_DB;
	}
	*out = db;
	return ERR_OK;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	for (size_t i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].st);
	sqlite3_close(db->h);
	free(db);
}

const char *db_dialect(const struct db *db)
{
	(void)db;
	return "sqlite";
}

enum err db_exec(struct db *db, const char *sql)
{
	char *e = NULL;
	if (sqlite3_exec(db->h, sql, NULL, NULL, &e) != SQLITE_OK) {
		log_msg("error", "sqlite: exec: %s", e ? e : sqlite3_errmsg(db->h));
		sqlite3_free(e);
		return ERR_DB;
	}
	return ERR_OK;
}

enum err db_begin(struct db *db, enum db_txn kind)
{
	return db_exec(db, kind == DB_WRITE ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

enum err db_commit(struct db *db)
{
	return db_exec(db, "COMMIT");
}

void db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		(void)db_exec(db, "ROLLBACK");
}

/* "$12" -> "?12" outside quoted strings and identifiers. */
static char *rewrite_placeholders(const char *sql)
{
	char *out = xstrdup(sql);
	char quote = 0;
	for (char *p = out; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
		} else if (*p == '$' && p[1] >= '0' && p[1] <= '9') {
			*p = '?';
		}
	}
	return out;
}

struct db_stmt *db_prepare(struct db *db, const char *sql)
{
	for (size_t i = 0; i < db->ncache; i++) {
		if (db->cache[i].key == sql) {
			sqlite3_reset(db->cache[i].st);
			sqlite3_clear_bindings(db->cache[i].st);
			return &db->cache[i];
		}
	}
	if (db->ncache == STMT_CACHE)
		fatal("statement cache full: raise STMT_CACHE");
	char *text = rewrite_placeholders(sql);
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v3(db->h, text, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	free(text);
	if (rc != SQLITE_OK) {
		fail(db, "prepare");
		log_msg("error", "sqlite: in statement: %.200s", sql);
		return NULL;
	}
	struct db_stmt *s = &db->cache[db->ncache++];
	s->key = sql;
	s->st = st;
	s->db = db;
	return s;
}

enum err db_bind_text(struct db_stmt *s, int idx, const char *v)
{
	if (sqlite3_bind_text(s->st, idx, v, -1, SQLITE_TRANSIENT) != SQLITE_OK)
		return fail(s->db, "bind");
	return ERR_OK;
}

enum err db_bind_int(struct db_stmt *s, int idx, int64_t v)
{
	if (sqlite3_bind_int64(s->st, idx, v) != SQLITE_OK)
		return fail(s->db, "bind");
	return ERR_OK;
}

enum err db_bind_null(struct db_stmt *s, int idx)
{
	if (sqlite3_bind_null(s->st, idx) != SQLITE_OK)
		return fail(s->db, "bind");
	return ERR_OK;
}

int db_step(struct db_stmt *s)
{
	int rc = sqlite3_step(s->st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	fail(s->db, "step");
	sqlite3_reset(s->st);
	return ERR_DB;
}

enum err db_step_done(struct db_stmt *s)
{
	int rc = db_step(s);
	if (rc < 0)
		return ERR_DB;
	if (rc == 1) {
		log_msg("error", "sqlite: statement returned a row where none was expected");
		return ERR_DB;
	}
	return ERR_OK;
}

const char *db_col_text(struct db_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s->st, col);
	return t ? (const char *)t : "";
}

int64_t db_col_int(struct db_stmt *s, int col)
{
	return sqlite3_column_int64(s->st, col);
}

bool db_col_is_null(struct db_stmt *s, int col)
{
	return sqlite3_column_type(s->st, col) == SQLITE_NULL;
}
