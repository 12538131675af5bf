/* queries.h - the demo capability's own SQL (queries.c): whether a
 * database is empty enough for demo data, and the row that says it holds
 * some (migration 0012). Each runs in the caller's transaction. */
#ifndef MH_DEMO_QUERIES_H
#define MH_DEMO_QUERIES_H

#include <stdbool.h>
#include <stddef.h>
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

/* On SQLite, the foreign keys checked once at the end of the demo's
 * transaction (once: true) rather than row by row as each row is written
 * (most of the time of the bulk writes); false: row by row again. Outside
 * a transaction (SQLite ignores it inside one). PostgreSQL: nothing (its
 * parts set their own keys aside, activities' demo_queries.c). */
enum err demo_keys_checked_once(struct db *db, bool once);

/* On SQLite, a page cache large enough for the demo's writes (on: 512
 * MiB at most, used only as the pages are), or the default again (off):
 * the pages the parts change, and the keys' check reads, stay in memory
 * until the commit rather than spill into the WAL and be read back from
 * it (SQLite's default: 2 MiB). For the command's connection, around its
 * one transaction. */
enum err demo_bulk(struct db *db, bool on);

/* On SQLite, a table with a row whose foreign key finds no parent, and
 * that parent table, into table and parent ("": none, and always on
 * PostgreSQL). */
enum err demo_keys_broken(struct db *db, char *table, size_t table_len, char *parent, size_t parent_len);

/* What a part's bulk writes set aside and put back after (its indexes, on
 * PostgreSQL its foreign keys): the statements to do each, read from the
 * schema itself by a query of two columns (set aside, put back), so they
 * are the migrations' own. demo_aside_begin reads them (sql NULL: none)
 * and runs the first of each; demo_aside_end runs the second, in the
 * order read. */
struct arena;
struct demo_aside {
	const char **set_aside, **put_back;
	size_t n;
};
enum err demo_aside_begin(struct db *db, struct arena *a, const char *sql, struct demo_aside *l);
enum err demo_aside_end(struct db *db, const struct demo_aside *l);

#endif
