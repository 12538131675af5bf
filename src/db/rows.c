/*
 * rows.c - reading a statement's rows into structs in the arena (rows.h).
 */
#include "db/rows.h"

const char *db_col_text_or_null(struct arena *a, struct db_stmt *st, int col)
{
	return db_col_is_null(st, col) ? NULL : arena_strdup(a, db_col_text(st, col));
}

enum err db_rows(struct db_stmt *st, struct arena *a, void **out, size_t *n, size_t size, db_row_fn *row)
{
	*out = NULL;
	*n = 0;
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1)
		row(a, st, arena_push(a, out, n, &cap, size));
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err db_one(struct db_stmt *st, struct arena *a, void *out, db_row_fn *row)
{
	int rc = st ? db_step(st) : ERR_DB;
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_NOT_FOUND;
	row(a, st, out);
	return db_step(st) < 0 ? ERR_DB : ERR_OK;
}

enum err db_number(struct db_stmt *st, int64_t *out)
{
	*out = 0;
	int rc = st ? db_step(st) : ERR_DB;
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_NOT_FOUND;
	*out = db_col_int(st, 0);
	return db_step(st) < 0 ? ERR_DB : ERR_OK;
}

enum err db_ids(struct db *db, const char *sql, int64_t *out, size_t n)
{
	return db_ids_of(db_prepare(db, sql), out, n);
}

enum err db_ids_of(struct db_stmt *st, int64_t *out, size_t n)
{
	if (!st)
		return ERR_DB;
	size_t k = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		if (k < n)
			out[k] = db_col_int(st, 0);
		k++;
	}
	if (rc < 0)
		return (enum err)rc;
	return k == n ? ERR_OK : ERR_CONFLICT;
}
