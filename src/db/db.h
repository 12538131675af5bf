/*
 * db.h - the portable database interface. The only database header a
 * capability includes; sqlite3.h and libpq-fe.h stay in src/db/.
 *
 * Two backends behind one interface: SQLite (embedded, the default) and
 * PostgreSQL (several processes on one server). SQL is written once in the
 * portable subset (docs/ARCHITECTURE.md): placeholders $1..$n, integer Unix
 * times, TEXT dates, RETURNING and ON CONFLICT; DDL is per dialect in the
 * migrations. Statements are prepared once per connection: db_prepare
 * caches by the address of the SQL text, so pass a string constant (or a
 * string that outlives the connection).
 *
 * Lifetimes: a struct db is one connection, used by one thread (the worker
 * thread that opened it). A struct db_stmt belongs to its connection (until
 * it closes or, on PostgreSQL, is re-established at a later transaction);
 * column values are valid until the next db_step/db_prepare of that
 * statement. A connection caches any number of statements.
 *
 * Errors: ERR_DB (the statement failed), ERR_UNAVAILABLE (the server cannot
 * be reached; the next call tries to reconnect), ERR_BUSY (a serialization
 * failure or deadlock: run the whole transaction again, see db_transact).
 */
#ifndef MH_DB_H
#define MH_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct db;
struct db_stmt;

enum db_backend { DB_SQLITE, DB_POSTGRES };

/* DB_READ: a consistent snapshot, no writes. DB_WRITE: the write lock at
 * once on SQLite (BEGIN IMMEDIATE), SERIALIZABLE on PostgreSQL, so that
 * rules such as "the last place at an event" hold across processes. */
enum db_txn { DB_READ, DB_WRITE };

/* Opens a connection: to the SQLite file at target (created if absent; WAL,
 * foreign keys, busy timeout), or to the PostgreSQL server that the libpq
 * connection string or URI target names. On failure returns an error and
 * writes a message (without any password) to msg. */
enum err db_open(enum db_backend backend, const char *target, struct db **out, char *msg,
		 size_t msglen);

struct config;

/* Opens the database a configuration names: PostgreSQL when --postgres is
 * set, else the SQLite file of --db. */
enum err db_open_config(const struct config *cfg, struct db **out, char *msg, size_t msglen);

/* A name for the configured database for logs: the SQLite path, or
 * "postgresql" (never the connection string, which may hold a password). */
const char *db_config_name(const struct config *cfg);

/* Closes the connection and finalises its statements. NULL is a no-op. */
void db_close(struct db *db);

/* "sqlite" or "postgresql": selects per-dialect DDL. */
const char *db_dialect(const struct db *db);

/* true if the connection to the server is lost (requests get 503 until a
 * later call reconnects). Always false for SQLite. */
bool db_is_down(struct db *db);

/* Runs SQL without parameters, ignoring any rows (DDL; may hold several
 * statements). */
enum err db_exec(struct db *db, const char *sql);

/* Transactions (see enum db_txn). A COMMIT that fails is rolled back. */
enum err db_begin(struct db *db, enum db_txn kind);
enum err db_commit(struct db *db);
void db_rollback(struct db *db);

/* Runs fn(db, ctx) in one transaction of the given kind and commits it; on
 * any error rolls back. A transaction that fails with ERR_BUSY is run again,
 * up to a few times with a short random back-off, so fn must have no effect
 * outside the database before it returns (and must set every output it
 * has afresh each time it runs). name is the transaction's name in logs,
 * the access log line and /metrics; db_transact names it after fn, as
 * Taler names its transactions: the body of one request's reads or writes
 * is one function, hubs_lookup_read, grant_write ... */
enum err db_transact_named(struct db *db, enum db_txn kind, const char *name,
			   enum err (*fn)(struct db *db, void *ctx), void *ctx);
#define db_transact(db, kind, fn, ...) db_transact_named((db), (kind), #fn, (fn), __VA_ARGS__)

/* The transactions run on this connection since db_txn_mark: their names,
 * comma-separated ("" if none; "unnamed" for one begun with db_begin; at
 * most DB_TXN_NAMES_MAX bytes, then "...").
 * The HTTP layer marks before each handler and logs the names with the
 * request, so "one read transaction per request" can be seen and tested. */
#define DB_TXN_NAMES_MAX 240
void db_txn_mark(struct db *db);
const char *db_txn_names(const struct db *db);

/* The statements run on this connection since db_txn_mark (each
 * db_prepare, db_run or query is one run of a statement, however many rows
 * it reads). Logged with the names, so that two requests that must do the
 * same work (a known and an unknown address) can be seen to. */
int64_t db_txn_statements(const struct db *db);

/* The prepared statement for sql (prepared on first use on this
 * connection, then reset and reused). NULL on error (logged). */
struct db_stmt *db_prepare(struct db *db, const char *sql);

/* The most parameters a statement may have, on either backend: a
 * many-row INSERT (the GIAS import's batches) has thousands. libpq drops
 * the connection when a statement's parameter description is longer than
 * 30000 bytes (4 a parameter); SQLite takes 32766. */
#define DB_MAX_PARAMS 7000

/* Parameters, numbered from 1 like $1. Values are copied. */
enum err db_bind_text(struct db_stmt *st, int idx, const char *s);
enum err db_bind_int(struct db_stmt *st, int idx, int64_t v);
enum err db_bind_null(struct db_stmt *st, int idx);

/* 1: a row is ready; 0: done; < 0: an enum err (logged). */
int db_step(struct db_stmt *st);

/* Runs a statement expected to produce no rows: returns ERR_OK or an error. */
enum err db_step_done(struct db_stmt *st);

/* A parameter value for db_run, made with DB_I, DB_S or DB_NULL. */
struct db_value {
	enum db_value_kind { DB_VALUE_NULL, DB_VALUE_INT, DB_VALUE_TEXT } kind;
	union {
		int64_t i;
		const char *s;
	};
};

/* DB_I(v): any integer, converted to int64_t by the compiler (a pointer or
 * a floating-point value does not compile). DB_S(s): text, a NULL pointer
 * is SQL NULL. DB_NULL: NULL. */
struct db_not_an_integer {
	char unused;
};
#define DB_I(v)                                                                                   \
	((struct db_value){.kind = DB_VALUE_INT,                                                   \
			   .i = _Generic((v), float: (struct db_not_an_integer){0},                 \
					 double: (struct db_not_an_integer){0},                     \
					 long double: (struct db_not_an_integer){0}, default: (v))})
#define DB_S(v) ((struct db_value){.kind = DB_VALUE_TEXT, .s = (v)})
#define DB_NULL ((struct db_value){.kind = DB_VALUE_NULL})

/* db_run(db, sql, DB_I(id), DB_S(hash), ...): prepares sql (cached like
 * db_prepare), binds the values to $1, $2, ... in order and runs it,
 * expecting no rows. ERR_OK, or the error of the prepare, a bind or the
 * step (logged). */
#define db_run(db, sql, ...)                                                                      \
	db_run_values((db), (sql), (const struct db_value[]){__VA_ARGS__},                         \
		      sizeof((const struct db_value[]){__VA_ARGS__}) / sizeof(struct db_value))
enum err db_run_values(struct db *db, const char *sql, const struct db_value *values, size_t n);

/* db_query(db, sql, DB_I(id), ...): db_prepare with the values bound to
 * $1, $2, ... in order, ready for db_step; NULL on error (logged). */
#define db_query(db, sql, ...)                                                                    \
	db_query_values((db), (sql), (const struct db_value[]){__VA_ARGS__},                       \
			sizeof((const struct db_value[]){__VA_ARGS__}) / sizeof(struct db_value))
struct db_stmt *db_query_values(struct db *db, const char *sql, const struct db_value *values, size_t n);

/* db_send(db, sql, DB_I(id), ...): db_run, except that the statement may
 * still be running on the server when it returns (PostgreSQL: it is sent
 * and not waited for; SQLite runs it), so the caller can make the next one
 * meanwhile: bulk writes (the GIAS import) overlap their reading with the
 * server's work. Its error, if it fails there, is returned by the next call
 * on the connection that talks to the server (db_send, db_run, db_prepare,
 * db_step, db_commit ...) or by db_wait; db_rollback and db_close discard
 * it. One statement at most is outstanding. */
#define db_send(db, sql, ...)                                                                     \
	db_send_values((db), (sql), (const struct db_value[]){__VA_ARGS__},                        \
		       sizeof((const struct db_value[]){__VA_ARGS__}) / sizeof(struct db_value))
enum err db_send_values(struct db *db, const char *sql, const struct db_value *values, size_t n);

/* The many-row form of a statement: head, then "($1, ..., $ncols),
 * ($ncols+1, ...)" for nrows rows, then tail; malloc'd, to keep as long as
 * the process (statements are cached by the address of their text). */
char *db_sql_rows(const char *head, size_t ncols, size_t nrows, const char *tail);

/* Inserts nrows new rows (values: nrows * ncols, a row after another)
 * through insert_sql, a plain "INSERT INTO t (c1, ..., cn) VALUES ($1,
 * ..., $n)" (nothing after VALUES' list): on SQLite that statement, row by
 * row; on PostgreSQL one "COPY t (c1, ..., cn) FROM STDIN" of them all,
 * several times faster for thousands of rows (the server inserts them in
 * bulk), sent and not waited for, as db_send sends (its error comes with
 * the next call). The rows must be new: a key already there fails the
 * whole statement. */
enum err db_insert_many(struct db *db, const char *insert_sql, const struct db_value *values, size_t nrows,
			size_t ncols);

/* Waits for a statement db_send sent; returns its error (ERR_OK if none). */
enum err db_wait(struct db *db);

/* Columns of the current row, numbered from 0. Text NULL reads as "". */
const char *db_col_text(struct db_stmt *st, int col);
int64_t db_col_int(struct db_stmt *st, int col);
bool db_col_is_null(struct db_stmt *st, int col);
int db_col_count(struct db_stmt *st);
const char *db_col_name(struct db_stmt *st, int col);

#endif
