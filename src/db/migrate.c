/* migrate.c - see migrate.h. */
#include "db/migrate.h"

#include <stdio.h>

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
static const char SQL_CURRENT[] = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
static const char SQL_RECORD[] =
	"INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)";

static enum err create_table(struct db *db)
{
	return db_exec(db, SQL_CREATE_TABLE_SQLITE);
}

enum err migrate_current(struct db *db, int *version)
{
	if (create_table(db))
		return ERR_DB;
	struct db_stmt *st = db_prepare(db, SQL_CURRENT);
	if (!st || db_step(st) != 1)
		return ERR_DB;
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

enum err migrate_run(struct db *db, const struct migration *list, size_t n, int *applied, char *msg,
		     size_t msglen)
{
	*applied = 0;
	int newest = n ? list[n - 1].version : 0;
	for (size_t i = 0; i < n; i++) {
		const struct migration *m = &list[i];
		/* the version is read inside the write transaction: a second process
		 * migrating at the same time waits, then sees the work done */
		if (create_table(db) || db_begin(db, DB_WRITE)) {
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
