/*
 * db.c - db.h over the backends' operations (db_impl.h), and what is the
 * same for every backend: opening by kind, the transaction retry loop,
 * integer columns, "no rows expected".
 */
#include "db/db.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/config.h"
#include "core/log.h"
#include "db/db_impl.h"

#define TRANSACT_ATTEMPTS 5

enum err db_open(enum db_backend backend, const char *target, struct db **out, char *msg,
		 size_t msglen)
{
	if (backend == DB_POSTGRES)
		return db_postgres_open(target, out, msg, msglen);
	return db_sqlite_open(target, out, msg, msglen);
}

enum err db_open_config(const struct config *cfg, struct db **out, char *msg, size_t msglen)
{
	if (cfg->database_url[0])
		return db_open(DB_POSTGRES, cfg->database_url, out, msg, msglen);
	return db_open(DB_SQLITE, cfg->db_path, out, msg, msglen);
}

const char *db_config_name(const struct config *cfg)
{
	return cfg->database_url[0] ? "postgresql" : cfg->db_path;
}

void db_close(struct db *db)
{
	if (db)
		db->ops->close(db);
}

const char *db_dialect(const struct db *db)
{
	return db->ops->dialect;
}

bool db_is_down(struct db *db)
{
	return db->ops->is_down(db);
}

enum err db_exec(struct db *db, const char *sql)
{
	return db->ops->exec(db, sql);
}

/* Appends name to the names since the mark. */
static void txn_note(struct db *db, const char *name)
{
	size_t n = strlen(name), sep = db->txn_len > 0;
	if (db->txn_len > DB_TXN_NAMES_MAX)
		return; /* already cut */
	if (db->txn_len + sep + n > DB_TXN_NAMES_MAX) {
		memcpy(db->txn_names + db->txn_len, "...", 4);
		db->txn_len = DB_TXN_NAMES_MAX + 1;
		return;
	}
	if (sep)
		db->txn_names[db->txn_len++] = ',';
	memcpy(db->txn_names + db->txn_len, name, n + 1);
	db->txn_len += n;
}

enum err db_begin(struct db *db, enum db_txn kind)
{
	if (!db->in_transact)
		txn_note(db, "unnamed"); /* a transaction begun by hand: still counted */
	return db->ops->begin(db, kind);
}

enum err db_commit(struct db *db)
{
	enum err e = db->ops->commit(db);
	if (e) /* a failed COMMIT (SQLite: busy) would leave the transaction open */
		db->ops->rollback(db);
	return e;
}

void db_rollback(struct db *db)
{
	db->ops->rollback(db);
}

void db_txn_mark(struct db *db)
{
	db->txn_len = 0;
	db->txn_names[0] = '\0';
	db->statements = 0;
}

int64_t db_txn_statements(const struct db *db)
{
	return db->statements;
}

const char *db_txn_names(const struct db *db)
{
	return db->txn_names;
}

enum err db_transact_named(struct db *db, enum db_txn kind, const char *name,
			   enum err (*fn)(struct db *db, void *ctx), void *ctx)
{
	enum err e = ERR_BUSY;
	txn_note(db, name);
	db->in_transact = true;
	for (int attempt = 0; attempt < TRANSACT_ATTEMPTS && e == ERR_BUSY; attempt++) {
		if (attempt) /* 1-4 ms, then up to 16 ms: let the other transaction finish */
			usleep((useconds_t)(1000u << attempt) + randombytes_uniform(1000u << attempt));
		if ((e = db_begin(db, kind)))
			continue;
		if ((e = fn(db, ctx)) == ERR_OK)
			e = db_commit(db);
		if (e)
			db_rollback(db);
	}
	db->in_transact = false;
	if (e == ERR_BUSY)
		log_msg("warn", "transaction %s abandoned after %d serialization failures", name, TRANSACT_ATTEMPTS);
	return e;
}

struct db_stmt *db_prepare(struct db *db, const char *sql)
{
	db->statements++;
	return db->ops->prepare(db, sql);
}

enum err db_bind_text(struct db_stmt *st, int idx, const char *s)
{
	return st->db->ops->bind_text(st, idx, s);
}

enum err db_bind_int(struct db_stmt *st, int idx, int64_t v)
{
	return st->db->ops->bind_int(st, idx, v);
}

enum err db_bind_null(struct db_stmt *st, int idx)
{
	return st->db->ops->bind_null(st, idx);
}

int db_step(struct db_stmt *st)
{
	return st->db->ops->step(st);
}

enum err db_step_done(struct db_stmt *st)
{
	int rc = db_step(st);
	if (rc < 0)
		return (enum err)rc;
	if (rc == 1) {
		log_msg("error", "%s: a statement returned a row where none was expected",
			st->db->ops->dialect);
		return ERR_DB;
	}
	return ERR_OK;
}

/* Binds the values to $1, $2 ... of st. */
static enum err bind_values(struct db_stmt *st, const struct db_value *values, size_t n)
{
	enum err e = ERR_OK;
	for (size_t i = 0; i < n && !e; i++) {
		int idx = (int)i + 1;
		const struct db_value *v = &values[i];
		if (v->kind == DB_VALUE_INT)
			e = db_bind_int(st, idx, v->i);
		else if (v->kind == DB_VALUE_TEXT && v->s)
			e = db_bind_text(st, idx, v->s);
		else
			e = db_bind_null(st, idx);
	}
	return e;
}

enum err db_run_values(struct db *db, const char *sql, const struct db_value *values, size_t n)
{
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return ERR_DB;
	enum err e = bind_values(st, values, n);
	return e ? e : db_step_done(st);
}

struct db_stmt *db_query_values(struct db *db, const char *sql, const struct db_value *values, size_t n)
{
	struct db_stmt *st = db_prepare(db, sql);
	return st && !bind_values(st, values, n) ? st : NULL;
}

enum err db_send_values(struct db *db, const char *sql, const struct db_value *values, size_t n)
{
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return ERR_DB;
	enum err e = bind_values(st, values, n);
	if (e)
		return e;
	return db->ops->send ? db->ops->send(st) : db_step_done(st);
}

char *db_sql_rows(const char *head, size_t ncols, size_t nrows, const char *tail)
{
	struct buf b = {0};
	buf_puts(&b, head);
	for (size_t r = 0, p = 1; r < nrows; r++) {
		buf_puts(&b, r ? ", (" : "(");
		for (size_t c = 0; c < ncols; c++, p++)
			buf_printf(&b, c ? ", $%zu" : "$%zu", p);
		buf_putc(&b, ')');
	}
	buf_puts(&b, tail);
	return buf_detach(&b, NULL);
}

/* "INSERT INTO t (c1, ...) VALUES (...)" with nothing after the list of
 * values: the form db_insert_many takes on both backends. */
static bool plain_insert(const char *sql)
{
	static const char head[] = "INSERT INTO ";
	if (strncmp(sql, head, sizeof(head) - 1))
		return false;
	const char *open = strchr(sql, '('), *close = open ? strchr(open, ')') : NULL;
	if (!close || strncmp(close, ") VALUES (", 10))
		return false;
	const char *values = close + 10, *end = strchr(values, ')');
	return end && !end[1] && !strpbrk(values, "(;");
}

enum err db_insert_many(struct db *db, const char *insert_sql, const struct db_value *values, size_t nrows,
			size_t ncols)
{
	if (!plain_insert(insert_sql)) {
		log_msg("error", "db_insert_many: not a plain INSERT ... VALUES (...): %.200s", insert_sql);
		return ERR_DB;
	}
	if (db->ops->insert_many) {
		db->statements++;
		return db->ops->insert_many(db, insert_sql, values, nrows, ncols);
	}
	enum err e = ERR_OK;
	for (size_t r = 0; r < nrows && !e; r++)
		e = db_run_values(db, insert_sql, values + r * ncols, ncols);
	return e;
}

enum err db_wait(struct db *db)
{
	return db->ops->wait ? db->ops->wait(db) : ERR_OK;
}

const char *db_col_text(struct db_stmt *st, int col)
{
	return st->db->ops->col_text(st, col);
}

int64_t db_col_int(struct db_stmt *st, int col)
{
	return strtoll(db_col_text(st, col), NULL, 10);
}

bool db_col_is_null(struct db_stmt *st, int col)
{
	return st->db->ops->col_is_null(st, col);
}

int db_col_count(struct db_stmt *st)
{
	return st->db->ops->col_count(st);
}

const char *db_col_name(struct db_stmt *st, int col)
{
	return st->db->ops->col_name(st, col);
}
