/*
 * list_queries.c - the SQL of the HAPPI form lists (list_queries.h).
 */
#include "happi/list_queries.h"

#include "core/arena.h"
#include "db/db.h"
#include "db/rows.h"

/* a row's columns (row_of), and its MHLM link's name */
#define ROW_COLS                                                                                                 \
	"a.id, a.title, p.code, h.code, f.status, f.updated_at, f.planning_submitted_at, f.planning_agreed_at, " \
	"f.final_submitted_at, f.reviewed_at, m.name"
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
static const char SQL_BY_NCP[] =
	"SELECT COALESCE(p.code, ''), COALESCE(p.title, 'Local activities'), f.status, count(*) FROM activities a "
	"LEFT JOIN projects p ON p.id = a.project_id LEFT JOIN happi_forms f ON f.activity_id = a.id AND f.year = $1 "
	"WHERE a.first_year <= $1 AND a.last_year >= $1 AND a.status <> 'cancelled' AND ($2 = 0 OR a.project_id = $2) "
	"GROUP BY 1, 2, 3 ORDER BY 1, 3";
static const char SQL_BY_HUB[] =
	"SELECT h.code, h.name, f.status, count(*) FROM activities a JOIN hubs h ON h.id = a.lead_hub_id "
	"LEFT JOIN happi_forms f ON f.activity_id = a.id AND f.year = $1 "
	"WHERE a.first_year <= $1 AND a.last_year >= $1 AND a.status <> 'cancelled' AND ($2 = 0 OR a.project_id = $2) "
	"GROUP BY 1, 2, 3 ORDER BY 2, 3";
static const char SQL_DUE[] = "SELECT planning_due, final_due FROM happi_due WHERE year = $1";

static void row_of(struct arena *a, struct db_stmt *st, void *el)
{
	struct happi_row *r = el;
	*r = (struct happi_row){.activity_id = db_col_int(st, 0), .title = db_col_text_or_null(a, st, 1),
				.ncp = db_col_text_or_null(a, st, 2), .hub = db_col_text_or_null(a, st, 3),
				.started = !db_col_is_null(st, 4), .updated_at = db_col_int(st, 5),
				.planning_submitted_at = db_col_int(st, 6), .planning_agreed_at = db_col_int(st, 7),
				.final_submitted_at = db_col_int(st, 8), .reviewed_at = db_col_int(st, 9),
				.mhlm_link = db_col_text_or_null(a, st, 10)};
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

static void count_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct happi_count *c = el;
	*c = (struct happi_count){.group = db_col_text_or_null(a, st, 0), .name = db_col_text_or_null(a, st, 1),
				  .started = !db_col_is_null(st, 2), .n = db_col_int(st, 3)};
	if (c->started)
		happi_status_from_key(db_col_text(st, 2), &c->status);
}

enum err happi_counts(struct db *db, struct arena *a, int year, bool by_hub, int64_t project_id,
		      struct happi_count **out, size_t *n)
{
	return db_rows(db_query(db, by_hub ? SQL_BY_HUB : SQL_BY_NCP, DB_I(year), DB_I(project_id)), a, (void **)out, n,
		       sizeof(**out), count_row);
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
