/* migrate.c - see migrate.h. */
#include "db/migrate.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/embedded.h"
#include "core/log.h"
#include "db/db.h"

#define SCHEMA_MIGRATIONS                                                                         \
	"CREATE TABLE IF NOT EXISTS schema_migrations ("                                          \
	" version INTEGER PRIMARY KEY,"                                                           \
	" name TEXT NOT NULL,"                                                                    \
	" applied_at INTEGER NOT NULL)"
static const char SQL_CREATE_TABLE_SQLITE[] = SCHEMA_MIGRATIONS " STRICT";
/* one key for "migrating" across every process on the PostgreSQL server */
static const char SQL_LOCK_POSTGRES[] = "SELECT pg_advisory_lock(7010246101)";
static const char SQL_UNLOCK_POSTGRES[] = "SELECT pg_advisory_unlock(7010246101)";
static const char SQL_EXISTS_POSTGRES[] = "SELECT to_regclass('schema_migrations') IS NOT NULL";
static const char SQL_EXISTS_SQLITE[] =
	"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";

static bool is_postgres(struct db *db)
{
	return !strcmp(db_dialect(db), "postgresql");
}
static const char SQL_CURRENT[] = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
static const char SQL_RECORD[] =
	"INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)";

static enum err create_table(struct db *db)
{
	return db_exec(db, is_postgres(db) ? SCHEMA_MIGRATIONS : SQL_CREATE_TABLE_SQLITE);
}

enum err migrate_current(struct db *db, int *version)
{
	*version = 0;
	if (!is_postgres(db)) {
		/* a prepared look (every /healthz comes here), and the table
		 * created only when missing: harmless inside any SQLite transaction */
		struct db_stmt *q = db_prepare(db, SQL_EXISTS_SQLITE);
		int rc = q ? db_step(q) : ERR_DB;
		if (rc != 1)
			return rc < 0 ? (enum err)rc : ERR_DB;
		bool exists = db_col_int(q, 0) > 0;
		db_step(q);
		if (!exists && create_table(db))
			return ERR_DB;
	} else {
		/* a read-only transaction cannot create it: look before reading */
		struct db_stmt *q = db_prepare(db, SQL_EXISTS_POSTGRES);
		int rc = q ? db_step(q) : ERR_DB;
		if (rc != 1)
			return rc < 0 ? (enum err)rc : ERR_DB;
		bool exists = !strcmp(db_col_text(q, 0), "t");
		db_step(q);
		if (!exists)
			return ERR_OK;
	}
	struct db_stmt *st = db_prepare(db, SQL_CURRENT);
	if (!st)
		return ERR_DB;
	int rc = db_step(st);
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_DB;
	*version = (int)db_col_int(st, 0);
	db_step(st); /* finish the statement so it holds no read lock */
	return ERR_OK;
}

static enum err apply_one(struct db *db, const struct migration *m, char *msg, size_t msglen)
{
	if (m->ddl) {
		char name[256];
		snprintf(name, sizeof(name), "migrations/%s/%s", db_dialect(db), m->ddl);
		const struct embedded_file *f = embedded_find(name);
		if (!f) {
			snprintf(msg, msglen, "migration %d: %s is not in the binary", m->version, name);
			return ERR_DB;
		}
		if (db_exec(db, (const char *)f->data)) {
			snprintf(msg, msglen, "migration %d (%s) failed", m->version, m->name);
			return ERR_DB;
		}
	}
	enum err e;
	if (m->load && (e = m->load(db))) {
		snprintf(msg, msglen, "migration %d (%s) failed loading data: %s", m->version, m->name,
			 err_str(e));
		return e;
	}
	struct db_stmt *st = db_prepare(db, SQL_RECORD);
	if (!st || db_bind_int(st, 1, m->version) || db_bind_text(st, 2, m->name) ||
	    db_bind_int(st, 3, clock_now()) || db_step_done(st)) {
		snprintf(msg, msglen, "migration %d: cannot record it", m->version);
		return ERR_DB;
	}
	return ERR_OK;
}

/* Applies the migrations newer than the database, each in its own write
 * transaction. The caller holds the migration lock. */
static enum err run_locked(struct db *db, const struct migration *list, size_t n, int *applied,
			   char *msg, size_t msglen)
{
	*applied = 0;
	int newest = n ? list[n - 1].version : 0;
	for (size_t i = 0; i < n; i++) {
		const struct migration *m = &list[i];
		/* the version is read inside the write transaction: a second process
		 * migrating at the same time waits, then sees the work done */
		if (db_begin(db, DB_WRITE)) {
			snprintf(msg, msglen, "cannot start a migration transaction");
			return ERR_DB;
		}
		int cur;
		enum err e = migrate_current(db, &cur);
		if (e) {
			db_rollback(db);
			snprintf(msg, msglen, "cannot read the schema version");
			return e;
		}
		if (cur > newest) {
			db_rollback(db);
			snprintf(msg, msglen,
				 "the database is at schema version %d, newer than this binary knows (%d): "
				 "run a newer mathshubs, or restore a backup taken for this version",
				 cur, newest);
			return ERR_SCHEMA_TOO_NEW;
		}
		if (cur >= m->version) {
			db_rollback(db);
			continue;
		}
		if ((e = apply_one(db, m, msg, msglen))) {
			db_rollback(db);
			return e;
		}
		if (db_commit(db)) {
			db_rollback(db);
			snprintf(msg, msglen, "migration %d: commit failed", m->version);
			return ERR_DB;
		}
		log_msg("info", "applied migration %d (%s)", m->version, m->name);
		(*applied)++;
	}
	return ERR_OK;
}

enum err migrate_run(struct db *db, const struct migration *list, size_t n, int *applied, char *msg,
		     size_t msglen)
{
	*applied = 0;
	msg[0] = '\0';
	/* SQLite: BEGIN IMMEDIATE already serialises migrating processes.
	 * PostgreSQL: a session-level advisory lock, taken before any snapshot,
	 * so a process that waited sees what the first one migrated. */
	bool pg = is_postgres(db);
	if (pg && db_exec(db, SQL_LOCK_POSTGRES)) {
		snprintf(msg, msglen, "cannot take the migration lock");
		return ERR_UNAVAILABLE;
	}
	enum err e = create_table(db);
	if (e)
		snprintf(msg, msglen, "cannot create the schema_migrations table");
	else
		e = run_locked(db, list, n, applied, msg, msglen);
	if (pg)
		(void)db_exec(db, SQL_UNLOCK_POSTGRES);
	return e;
}
