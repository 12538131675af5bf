/* queries.h - the demo capability's own SQL (queries.c): whether a
 * database is empty enough for demo data, and the row that says it holds
 * some (migration 0012). Each runs in the caller's transaction. */
#ifndef MH_DEMO_QUERIES_H
#define MH_DEMO_QUERIES_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

struct db;

/* How many people and schools the database holds, and whether it holds
 * demo data already. */
enum err demo_contents(struct db *db, int64_t *people, int64_t *schools, bool *demo);

/* Records that the database holds demo data of scale ("small",
 * "national") and seed, made in academic year year at made_at. */
enum err demo_mark(struct db *db, const char *scale, int64_t seed, int year, int64_t made_at);

/* Whether the database holds demo data. */
enum err demo_marked(struct db *db, bool *demo);

#endif
