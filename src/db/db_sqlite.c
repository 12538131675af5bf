/*
 * db_sqlite.c - the SQLite backend (db_impl.h).
 *
 * One connection per thread (SQLITE_OPEN_NOMUTEX). Statements are cached by
 * the address of their SQL text (stmt_cache.h, no limit); "$n" placeholders
 * are rewritten to SQLite's "?n" once, at prepare time. BEGIN, COMMIT and
 * ROLLBACK are prepared once too (every request runs them: parsing them
 * each time was a tenth of /healthz).
 *
 * Under a rush of writes from several threads (the confirm rush), SQLite's
 * automatic checkpoint runs after every commit once the WAL holds 1,000
 * pages, and while readers keep the WAL from starting over that is every
 * commit, each with two fdatasync (wal_hook() tries once per 1,000 new
 * pages a connection sees instead, after every commit again only past
 * 4,000, so the WAL stays bounded). SQLite's own busy handler stays: its
 * sleeps of a millisecond and more leave the write lock to one thread at a
 * time; waits of microseconds, tried, had the threads take it in turns,
 * each transaction then starting with an empty page cache (twice the CPU
 * per confirmation, PERFORMANCE.md).
 */
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/util.h"
#include "db/db_impl.h"
#include "db/stmt_cache.h"

struct sq_stmt {
	struct db_stmt base;
	sqlite3_stmt *st;
};

enum { TX_BEGIN_READ, TX_BEGIN_WRITE, TX_COMMIT, TX_ROLLBACK, TX_COUNT };
static const char *const tx_sql[TX_COUNT] = {"BEGIN DEFERRED", "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK"};

struct sq_db {
	struct db base;
	sqlite3 *h;
	struct stmt_cache cache; /* struct sq_stmt * by the address of its SQL */
	sqlite3_stmt *tx[TX_COUNT];
	int ckpt_frames; /* the WAL's size (pages) when this connection last checkpointed it */
};

/* The WAL's size in pages at which a checkpoint is tried (SQLite's default). */
#define CKPT_PAGES 1000
/* How long a connection waits for another's lock before giving up (ms). */
#define BUSY_MS 5000

static const struct db_ops sqlite_ops;

static struct sq_db *SQ(struct db *db)
{
	return (struct sq_db *)db;
}

static struct sq_stmt *ST(struct db_stmt *st)
{
	return (struct sq_stmt *)st;
}

static enum err fail(struct sq_db *db, const char *what)
{
	int rc = sqlite3_errcode(db->h);
	log_msg("error", "sqlite: %s: %s", what, sqlite3_errmsg(db->h));
	return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED ? ERR_BUSY : ERR_DB;
}

static void finalize(void *v)
{
	struct sq_stmt *s = v;
	sqlite3_finalize(s->st);
	free(s);
}

static void sq_close(struct db *d)
{
	struct sq_db *db = SQ(d);
	stmt_cache_clear(&db->cache, finalize);
	stmt_cache_free(&db->cache);
	for (int i = 0; i < TX_COUNT; i++)
		sqlite3_finalize(db->tx[i]);
	sqlite3_close(db->h);
	free(db);
}

/* Before SQLite's first use: no memory statistics (nothing reads them),
 * whose upkeep takes one mutex for the whole process on every allocation
 * of every connection, which the worker threads queued for. */
static void sqlite_configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* After each commit, with the WAL's size in pages: a passive checkpoint
 * when the WAL has grown by CKPT_PAGES since this connection's last. SQLite's
 * own hook tries one after every commit once the WAL holds CKPT_PAGES, and
 * under a steady stream of commits it seldom catches up with the last one
 * (the readers of older pages), so that was every commit, two fdatasync
 * each. The WAL starts over only once a checkpoint has caught up: past 4
 * times CKPT_PAGES every commit tries again, as SQLite's hook does, so the
 * WAL stays bounded. A passive checkpoint never waits for a lock: a
 * writer is never held up by it, and SQLITE_BUSY (another connection's
 * checkpoint) is no error here. */
static int wal_hook(void *ctx, sqlite3 *h, const char *name, int frames)
{
	struct sq_db *db = ctx;
	if (frames < db->ckpt_frames) /* the WAL started over */
		db->ckpt_frames = 0;
	if (frames >= CKPT_PAGES && (frames - db->ckpt_frames >= CKPT_PAGES || frames >= 4 * CKPT_PAGES)) {
		db->ckpt_frames = frames;
		(void)sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	}
	return SQLITE_OK;
}

enum err db_sqlite_open(const char *path, struct db **out, char *msg, size_t msglen)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, sqlite_configure);
	struct sq_db *db = xmalloc(sizeof(*db));
	memset(db, 0, sizeof(*db));
	db->base.ops = &sqlite_ops;
	int rc = sqlite3_open_v2(path, &db->h,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(msg, msglen, "cannot open database %s: %s", path,
			 db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
		sq_close(&db->base);
		return ERR_DB;
	}
	sqlite3_busy_timeout(db->h, BUSY_MS);
	sqlite3_wal_hook(db->h, wal_hook, db);
	sqlite3_extended_result_codes(db->h, 1);
	/* temp_store: the temporary b-trees of a GROUP BY or a materialised
	 * CTE in memory, not in files created and unlinked per statement */
	static const char pragmas[] = "PRAGMA journal_mode=WAL;"
				      "PRAGMA foreign_keys=ON;"
				      "PRAGMA synchronous=NORMAL;"
				      "PRAGMA temp_store=MEMORY;"
				      "PRAGMA mmap_size=1073741824;";
	char *e = NULL;
	if (sqlite3_exec(db->h, pragmas, NULL, NULL, &e) != SQLITE_OK) {
		snprintf(msg, msglen, "cannot configure database %s: %s", path, e ? e : "?");
		sqlite3_free(e);
		sq_close(&db->base);
		return ERR_DB;
	}
	for (int i = 0; i < TX_COUNT; i++) {
		if (sqlite3_prepare_v3(db->h, tx_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &db->tx[i], NULL) != SQLITE_OK) {
			snprintf(msg, msglen, "cannot prepare %s on %s: %s", tx_sql[i], path, sqlite3_errmsg(db->h));
			sq_close(&db->base);
			return ERR_DB;
		}
	}
	*out = &db->base;
	return ERR_OK;
}

static enum err sq_exec(struct db *d, const char *sql)
{
	struct sq_db *db = SQ(d);
	char *e = NULL;
	if (sqlite3_exec(db->h, sql, NULL, NULL, &e) != SQLITE_OK) {
		enum err r = fail(db, e ? e : "exec");
		sqlite3_free(e);
		return r;
	}
	return ERR_OK;
}

/* Runs one of the prepared transaction statements. */
static enum err tx_run(struct sq_db *db, int which)
{
	int rc = sqlite3_step(db->tx[which]);
	enum err e = rc == SQLITE_DONE ? ERR_OK : fail(db, tx_sql[which]);
	sqlite3_reset(db->tx[which]);
	return e;
}

static enum err sq_begin(struct db *db, enum db_txn kind)
{
	return tx_run(SQ(db), kind == DB_WRITE ? TX_BEGIN_WRITE : TX_BEGIN_READ);
}

static enum err sq_commit(struct db *db)
{
	return tx_run(SQ(db), TX_COMMIT);
}

static void sq_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(SQ(db)->h))
		(void)tx_run(SQ(db), TX_ROLLBACK);
}

static struct db_stmt *sq_prepare(struct db *d, const char *sql)
{
	struct sq_db *db = SQ(d);
	struct sq_stmt *s = stmt_cache_get(&db->cache, sql);
	if (s) {
		sqlite3_reset(s->st);
		sqlite3_clear_bindings(s->st);
		return &s->base;
	}
	char *text = db_rewrite_placeholders(sql);
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v3(db->h, text, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	free(text);
	if (rc != SQLITE_OK) {
		fail(db, "prepare");
		log_msg("error", "sqlite: in statement: %.200s", sql);
		return NULL;
	}
	s = xmalloc(sizeof(*s));
	s->base.db = d;
	s->st = st;
	stmt_cache_put(&db->cache, sql, s);
	return &s->base;
}

static enum err sq_bind_text(struct db_stmt *s, int idx, const char *v)
{
	if (sqlite3_bind_text(ST(s)->st, idx, v, -1, SQLITE_TRANSIENT) != SQLITE_OK)
		return fail(SQ(s->db), "bind");
	return ERR_OK;
}

static enum err sq_bind_int(struct db_stmt *s, int idx, int64_t v)
{
	if (sqlite3_bind_int64(ST(s)->st, idx, v) != SQLITE_OK)
		return fail(SQ(s->db), "bind");
	return ERR_OK;
}

static enum err sq_bind_null(struct db_stmt *s, int idx)
{
	if (sqlite3_bind_null(ST(s)->st, idx) != SQLITE_OK)
		return fail(SQ(s->db), "bind");
	return ERR_OK;
}

static int sq_step(struct db_stmt *s)
{
	int rc = sqlite3_step(ST(s)->st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	enum err e = fail(SQ(s->db), "step");
	sqlite3_reset(ST(s)->st);
	return e;
}

static const char *sq_col_text(struct db_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(ST(s)->st, col);
	return t ? (const char *)t : "";
}

static bool sq_col_is_null(struct db_stmt *s, int col)
{
	return sqlite3_column_type(ST(s)->st, col) == SQLITE_NULL;
}

static int sq_col_count(struct db_stmt *s)
{
	return sqlite3_column_count(ST(s)->st);
}

static const char *sq_col_name(struct db_stmt *s, int col)
{
	const char *n = sqlite3_column_name(ST(s)->st, col);
	return n ? n : "";
}

static bool sq_is_down(struct db *db)
{
	(void)db;
	return false;
}

static const struct db_ops sqlite_ops = {
	.dialect = "sqlite",
	.close = sq_close,
	.exec = sq_exec,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.prepare = sq_prepare,
	.bind_text = sq_bind_text,
	.bind_int = sq_bind_int,
	.bind_null = sq_bind_null,
	.step = sq_step,
	.col_text = sq_col_text,
	.col_is_null = sq_col_is_null,
	.col_count = sq_col_count,
	.col_name = sq_col_name,
	.is_down = sq_is_down,
};

char *db_rewrite_placeholders(const char *sql)
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
