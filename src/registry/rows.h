/*
 * rows.h - reads rows of the columns ROW_COLUMNS names (school_queries.c)
 * into struct school_row: urn, name, phase, type, status,
 * town, postcode, la_code, la_name, trust_name, open_date, close_date,
 * hub_code, hub_name, hub_demo, outside_england, type_group.
 */
#ifndef MH_REGISTRY_ROWS_H
#define MH_REGISTRY_ROWS_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "registry/school_queries.h"

struct arena;
struct db_stmt;

/* Steps st to its end, each row a struct school_row in a. */
enum err rows_read(struct db_stmt *st, struct arena *a, struct school_row **out, size_t *n);

/* rows_read for rows with one more column, the same count on each row
 * (count(*) OVER ()): *total is it (0 when there is no row). */
enum err rows_read_counted(struct db_stmt *st, struct arena *a, struct school_row **out, size_t *n,
			   int64_t *total);

#endif
