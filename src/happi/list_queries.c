/*
 * list_queries.c - the SQL of the HAPPI form lists (list_queries.h).
 */
#include "happi/list_queries.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/rows.h"

/* a row's columns (row_of), its MHLM link's name, and its first lead's (of how many), to tell apart
 * activities of one title */
#define ROW_COLS                                                                                                 \
	"a.id, a.title, p.code, h.code, f.status, f.updated_at, f.planning_submitted_at, f.planning_agreed_at, " \
	"f.final_submitted_at, f.reviewed_at, m.name, "                                                          \
	"(SELECT min(lp.name) FROM activity_leads ll JOIN people lp ON lp.id = ll.person_id "                   \
	"WHERE ll.activity_id = a.id), (SELECT count(*) FROM activity_leads ll WHERE ll.activity_id = a.id)"
#define LINK_JOIN "LEFT JOIN people m ON m.id = a.mhlm_link_id "
#define IN_YEAR "a.first_year <= $2 AND a.last_year >= $2 AND a.status <> 'cancelled' "

static const char SQL_LED[] =
	"SELECT " ROW_COLS " FROM activity_leads l "
	"JOIN activities a ON a.id = l.activity_id LEFT JOIN projects p ON p.id = a.project_id "
	"LEFT JOIN hubs h ON h.id = a.lead_hub_id LEFT JOIN happi_forms f ON f.activity_id = a.id AND f.year = $2 " LINK_JOIN
	"WHERE l.person_id = $1 AND " IN_YEAR "ORDER BY a.title, a.id";
static const char SQL_LINKED[] =
	"SELECT " ROW_COLS " FROM activities a "
	"LEFT JOIN projects p ON p.id = a.project_id LEFT JOIN hubs h ON h.id = a.lead_hub_id "
	"LEFT JOIN happi_forms f ON f.activity_id = a.id AND f.year = $2 " LINK_JOIN "WHERE a.mhlm_link_id = $1 AND " IN_YEAR
	"ORDER BY CASE WHEN f.status IN ('planning_submitted', 'final_submitted') THEN 0 ELSE 1 END, a.title, a.id";
static const char SQL_HUB[] =
	"SELECT " ROW_COLS " FROM activities a "
	"LEFT JOIN projects p ON p.id = a.project_id LEFT JOIN hubs h ON h.id = a.lead_hub_id "
	"LEFT JOIN happi_forms f ON f.activity_id = a.id AND f.year = $2 " LINK_JOIN "WHERE a.lead_hub_id = $1 AND " IN_YEAR
	"ORDER BY a.title, a.id";
static const char SQL_HUB_LEADS[] =
	"SELECT DISTINCT l.activity_id, pe.name FROM activity_leads l JOIN activities a ON a.id = l.activity_id "
	"JOIN people pe ON pe.id = l.person_id WHERE a.lead_hub_id = $1 AND " IN_YEAR "ORDER BY l.activity_id, pe.name";
/* grouped by the ids, the names joined to the groups after (grouped by the names too, SQLite's sort
 * took twice as long; a subquery for each name, PostgreSQL scanned projects for each group) */
static const char SQL_COUNTS[] =
	"SELECT COALESCE(p.code, ''), COALESCE(p.title, 'Local activities'), h.code, h.name, c.status, c.n FROM "
	"(SELECT a.project_id, a.lead_hub_id, f.status, count(*) AS n FROM activities a "
	"LEFT JOIN happi_forms f ON f.activity_id = a.id AND f.year = $1 "
	"WHERE a.first_year <= $1 AND a.last_year >= $1 AND a.status <> 'cancelled' AND " HAPPI_ONLY_NCPS " "
	"GROUP BY a.project_id, a.lead_hub_id, f.status) c "
	"LEFT JOIN projects p ON p.id = c.project_id LEFT JOIN hubs h ON h.id = c.lead_hub_id";
static const char SQL_DUE[] = "SELECT planning_due, final_due FROM happi_due WHERE year = $1";

static void row_of(struct arena *a, struct db_stmt *st, void *el)
{
	struct happi_row *r = el;
	*r = (struct happi_row){.activity_id = db_col_int(st, 0), .title = db_col_text_or_null(a, st, 1),
				.ncp = db_col_text_or_null(a, st, 2), .hub = db_col_text_or_null(a, st, 3),
				.started = !db_col_is_null(st, 4), .updated_at = db_col_int(st, 5),
				.planning_submitted_at = db_col_int(st, 6), .planning_agreed_at = db_col_int(st, 7),
				.final_submitted_at = db_col_int(st, 8), .reviewed_at = db_col_int(st, 9),
				.mhlm_link = db_col_text_or_null(a, st, 10), .lead = db_col_text_or_null(a, st, 11),
				.nleads = db_col_int(st, 12)};
	if (r->started)
		happi_status_from_key(db_col_text(st, 4), &r->status);
}

static enum err rows(struct db *db, struct arena *a, const char *sql, int64_t id, int year, struct happi_row **out,
		     size_t *n)
{
	return db_rows(db_query(db, sql, DB_I(id), DB_I(year)), a, (void **)out, n, sizeof(**out), row_of);
}

enum err happi_rows_led(struct db *db, struct arena *a, int64_t person_id, int year, struct happi_row **out, size_t *n)
{
	return rows(db, a, SQL_LED, person_id, year, out, n);
}

enum err happi_rows_linked(struct db *db, struct arena *a, int64_t person_id, int year, struct happi_row **out,
			   size_t *n)
{
	return rows(db, a, SQL_LINKED, person_id, year, out, n);
}

enum err happi_rows_hub(struct db *db, struct arena *a, int64_t hub_id, int year, struct happi_row **out, size_t *n)
{
	return rows(db, a, SQL_HUB, hub_id, year, out, n);
}

static void lead_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct happi_lead *l = el;
	*l = (struct happi_lead){.activity_id = db_col_int(st, 0), .name = db_col_text_or_null(a, st, 1)};
}

enum err happi_hub_leads(struct db *db, struct arena *a, int64_t hub_id, int year, struct happi_lead **out, size_t *n)
{
	return db_rows(db_query(db, SQL_HUB_LEADS, DB_I(hub_id), DB_I(year)), a, (void **)out, n, sizeof(**out),
		       lead_row);
}

/* A row of SQL_COUNTS: the NCP's count and the hub's (hub NULL: none). */
struct count_row {
	struct happi_count ncp, hub;
};

static void count_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct count_row *c = el;
	bool started = !db_col_is_null(st, 4);
	enum happi_status s = HAPPI_DRAFT;
	if (started)
		happi_status_from_key(db_col_text(st, 4), &s);
	int64_t n = db_col_int(st, 5);
	c->ncp = (struct happi_count){db_col_text_or_null(a, st, 0), db_col_text_or_null(a, st, 1), started, s, n};
	c->hub = (struct happi_count){db_col_text_or_null(a, st, 2), db_col_text_or_null(a, st, 3), started, s, n};
}

/* By key (the NCP's code, the hub's name), then not started first, then the status. */
static int by_key(const struct happi_count *x, const struct happi_count *y, bool by_name)
{
	int c = strcmp(by_name ? x->name : x->group, by_name ? y->name : y->group);
	if (c)
		return c;
	if (x->started != y->started)
		return x->started ? 1 : -1;
	return (int)x->status - (int)y->status;
}
static int by_code(const void *x, const void *y)
{
	return by_key(x, y, false);
}
static int by_name(const void *x, const void *y)
{
	return by_key(x, y, true);
}

/* The counts of rows (their NCP's or their hub's), summed by group and status, sorted. */
static void summed(struct arena *a, const struct count_row *rows, size_t n, bool hub, struct happi_count **out,
		   size_t *nout)
{
	struct happi_count *c = arena_alloc(a, (n + 1) * sizeof(*c));
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!hub || rows[i].hub.group)
			c[k++] = hub ? rows[i].hub : rows[i].ncp;
	qsort(c, k, sizeof(*c), hub ? by_name : by_code);
	size_t m = 0;
	for (size_t i = 0; i < k; i++) {
		if (m && !(hub ? by_name : by_code)(&c[m - 1], &c[i]))
			c[m - 1].n += c[i].n;
		else
			c[m++] = c[i];
	}
	*out = c;
	*nout = m;
}

struct db_stmt *happi_ncps_query(struct db *db, const char *sql, int year, const struct happi_ncps *only)
{
	size_t n = only->n < HAPPI_COUNT_PROJECTS ? only->n : HAPPI_COUNT_PROJECTS;
	int64_t p[HAPPI_COUNT_PROJECTS];
	for (size_t i = 0; i < HAPPI_COUNT_PROJECTS; i++)
		p[i] = n ? only->id[i < n ? i : 0] : 0;
	return db_query(db, sql, DB_I(year), DB_I((int64_t)n), DB_I(p[0]), DB_I(p[1]), DB_I(p[2]), DB_I(p[3]), DB_I(p[4]),
			DB_I(p[5]), DB_I(p[6]), DB_I(p[7]));
}

enum err happi_counts(struct db *db, struct arena *a, int year, const struct happi_ncps *only,
		      struct happi_count **by_ncp, size_t *nncp, struct happi_count **by_hub, size_t *nhub)
{
	struct count_row *rows;
	size_t n;
	*nncp = *nhub = 0;
	enum err e = db_rows(happi_ncps_query(db, SQL_COUNTS, year, only), a, (void **)&rows, &n,
			     sizeof(*rows), count_row);
	if (e)
		return e;
	summed(a, rows, n, false, by_ncp, nncp);
	summed(a, rows, n, true, by_hub, nhub);
	return ERR_OK;
}

static void due_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct happi_due *d = el;
	d->planning = db_col_text_or_null(a, st, 0);
	d->final = db_col_text_or_null(a, st, 1);
}

enum err happi_due_read(struct db *db, struct arena *a, int year, struct happi_due *out)
{
	*out = (struct happi_due){0};
	enum err e = db_one(db_query(db, SQL_DUE, DB_I(year)), a, out, due_row);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}
