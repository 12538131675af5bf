/*
 * unit_db.h - a database helper for unit tests (header only; include it
 * after cmocka.h): the single integer a query returns.
 */
#ifndef MH_UNIT_DB_H
#define MH_UNIT_DB_H

#include <stdint.h>

#include "db/db.h"

/* The single integer a query returns (the statement is run to its end). */
static inline int64_t query_int(struct db *db, const char *sql)
{
	struct db_stmt *st = db_prepare(db, sql);
	assert_non_null(st);
	assert_int_equal(db_step(st), 1);
	int64_t v = db_col_int(st, 0);
	assert_int_equal(db_step(st), 0);
	return v;
}

#endif
