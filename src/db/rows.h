/*
 * rows.h - reading a statement's rows into structs in the request's arena.
 *
 * The queries files of a capability read rows the same way: each row by a
 * small function into the next element of an array that grows in the
 * arena; one row or none; one number. These are those loops, once.
 */
#ifndef MH_DB_ROWS_H
#define MH_DB_ROWS_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"

/* Reads the current row's columns into el (an element of the array). */
typedef void db_row_fn(struct arena *a, struct db_stmt *st, void *el);

/* A column's text copied into a, or NULL when it is SQL NULL (db_col_text
 * reads NULL as ""). */
const char *db_col_text_or_null(struct arena *a, struct db_stmt *st, int col);

/* Every row of st (NULL: a failed db_query, ERR_DB), each read by row()
 * into the next element of *out (size bytes each; *out NULL when none). */
enum err db_rows(struct db_stmt *st, struct arena *a, void **out, size_t *n,
                 size_t size, db_row_fn *row);

/* The one row of st read by row() into out: ERR_NOT_FOUND when none. */
enum err db_one(struct db_stmt *st, struct arena *a, void *out, db_row_fn *row);

/* The first column of the one row of st, as a number: ERR_NOT_FOUND when
 * there is no row (*out 0). */
enum err db_number(struct db_stmt *st, int64_t *out);

/* The first column of every row of sql (no parameters) as numbers, into
 * out: exactly n rows, or ERR_CONFLICT (the ids of rows just written in
 * bulk, read back in their order). */
enum err db_ids(struct db *db, const char *sql, int64_t *out, size_t n);
/* The same of a statement with parameters (db_query's; NULL: ERR_DB). */
enum err db_ids_of(struct db_stmt *st, int64_t *out, size_t n);

#endif
