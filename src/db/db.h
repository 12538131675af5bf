/*
 * db.h - the portable database interface. The only database header a
 * capability includes; sqlite3.h (and later libpq-fe.h) stay in src/db/.
 *
 * SQL is written once in the portable subset (docs/ARCHITECTURE.md):
 * placeholders $1..$n, integer Unix times, TEXT dates, RETURNING and
 * ON CONFLICT. Statements are prepared once per connection: db_prepare
 * caches by the address of the SQL text, so pass a string constant.
 *
 * Lifetimes: a struct db is one connection, used by one thread (the worker
 * thread that opened it). A struct db_stmt belongs to its connection; column
 * values are valid until the next db_step/db_prepare of that statement.
 */
#ifndef MH_DB_H
#define MH_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct db;
struct db_stmt;

enum db_txn { DB_READ, DB_WRITE };

/* Opens a connection to the SQLite database at path (created if absent)
 * with WAL, foreign keys and a busy timeout. On failure returns an error
 * and writes a message to msg. */
enum err db_open(const char *path, struct db **out, char *msg, size_t msglen);

/* Closes the connection and finalises its statements. NULL is a no-op. */
void db_close(struct db *db);

/* "sqlite" (later also "postgresql"): selects per-dialect DDL. */
const char *db_dialect(const struct db *db);

/* Runs SQL without parameters or results (DDL; may hold several statements). */
enum err db_exec(struct db *db, const char *sql);

/* Transactions. A DB_WRITE transaction takes the write lock at once
 * (BEGIN IMMEDIATE) so it never fails half-way on a lock upgrade. */
enum err db_begin(struct db *db, enum db_txn kind);
enum err db_commit(struct db *db);
void db_rollback(struct db *db);

/* The prepared statement for sql (prepared on first use on this
 * connection, then reset and reused). NULL on error (logged). */
struct db_stmt *db_prepare(struct db *db, const char *sql);

/* Parameters, numbered from 1 like $1. Text is copied. */
enum err db_bind_text(struct db_stmt *st, int idx, const char *s);
enum err db_bind_int(struct db_stmt *st, int idx, int64_t v);
enum err db_bind_null(struct db_stmt *st, int idx);

/* 1: a row is ready; 0: done; ERR_DB (< 0): failed (logged). */
int db_step(struct db_stmt *st);

/* Columns of the current row, numbered from 0. Text NULL reads as "". */
const char *db_col_text(struct db_stmt *st, int col);
int64_t db_col_int(struct db_stmt *st, int col);
bool db_col_is_null(struct db_stmt *st, int col);

/* Runs a statement expected to produce no rows: returns ERR_OK or ERR_DB. */
enum err db_step_done(struct db_stmt *st);

#endif
