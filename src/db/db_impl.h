/*
 * db_impl.h - what a database backend provides (private to src/db/).
 *
 * db.c implements db.h by calling through the connection's ops; each
 * backend (db_sqlite.c, db_postgres.c) embeds struct db and struct db_stmt
 * at the start of its own structures.
 */
#ifndef MH_DB_IMPL_H
#define MH_DB_IMPL_H

#include "db/db.h"

struct db_ops {
	const char *dialect;
	void (*close)(struct db *db);
	enum err (*exec)(struct db *db, const char *sql);
	enum err (*begin)(struct db *db, enum db_txn kind);
	enum err (*commit)(struct db *db);
	void (*rollback)(struct db *db);
	struct db_stmt *(*prepare)(struct db *db, const char *sql);
	enum err (*bind_text)(struct db_stmt *st, int idx, const char *s);
	enum err (*bind_int)(struct db_stmt *st, int idx, int64_t v);
	enum err (*bind_null)(struct db_stmt *st, int idx);
	int (*step)(struct db_stmt *st);
	/* db_send: runs the bound statement, or sends it and returns at once;
	 * NULL: the statement is run (step) */
	enum err (*send)(struct db_stmt *st);
	/* db_insert_many in bulk, or NULL: the insert row by row */
	enum err (*insert_many)(struct db *db, const char *insert_sql, const struct db_value *values, size_t nrows,
				size_t ncols);
	/* waits for a statement sent and returns its error; NULL: none ever waits */
	enum err (*wait)(struct db *db);
	const char *(*col_text)(struct db_stmt *st, int col);
	bool (*col_is_null)(struct db_stmt *st, int col);
	int (*col_count)(struct db_stmt *st);
	const char *(*col_name)(struct db_stmt *st, int col);
	bool (*is_down)(struct db *db);
};

struct db {
	const struct db_ops *ops;
	char txn_names[DB_TXN_NAMES_MAX + 4]; /* since db_txn_mark (db_transact_named) */
	size_t txn_len;
	bool in_transact; /* inside db_transact_named, which has noted the name */
	int64_t statements; /* db_prepare calls (statements run) since db_txn_mark */
};

struct db_stmt {
	struct db *db;
};

enum err db_sqlite_open(const char *path, struct db **out, char *msg, size_t msglen);
enum err db_postgres_open(const char *conninfo, struct db **out, char *msg, size_t msglen);

/* "$12" -> "?12" outside quoted strings and identifiers (SQLite). */
char *db_rewrite_placeholders(const char *sql);

#endif
