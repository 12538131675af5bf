/* areas_queries.c - see areas_queries.h. All SQL of the hub areas lives here. */
#include "registry/areas_queries.h"

#include <string.h>

#include "core/arena.h"
#include "db/db.h"

static const char SQL_HUBS[] =
	"SELECT h.id, h.code, h.name, r.name FROM hubs h JOIN regions r ON r.id = h.region_id ORDER BY r.name, h.code";
static const char SQL_REGIONS[] =
	"SELECT DISTINCT region FROM local_authorities WHERE region <> '' ORDER BY region";
static const char SQL_DEMO_LEFT[] = "SELECT count(*) FROM hub_areas WHERE demo = 1";

/* A local authority, its hub and who set it: the columns read_row reads. */
#define AREA_COLUMNS                                                                                      \
	"SELECT la.code, la.name, la.region, COALESCE(a.hub_id, 0), COALESCE(h.code, ''), COALESCE(h.name, ''), " \
	"COALESCE(a.demo, 0), COALESCE(a.changed_at, 0), COALESCE(p.name, ''), "
#define AREA_JOINS                                                                                        \
	"FROM local_authorities la LEFT JOIN hub_areas a ON a.la_code = la.code "                         \
	"LEFT JOIN hubs h ON h.id = a.hub_id LEFT JOIN people p ON p.id = a.changed_by "
/* open schools per authority */
#define OPEN_SCHOOLS                                                                                      \
	"LEFT JOIN (SELECT la_code, count(*) AS n FROM schools WHERE status IN ('open', 'open_proposed_to_close') " \
	"GROUP BY la_code) s ON s.la_code = la.code "
/* $1 a region or ''; $2 a hub's code, '' or 'none' (no hub) */
#define AREA_FILTER "($1 = '' OR la.region = $1) AND ($2 = '' OR h.code = $2 OR ($2 = 'none' AND a.la_code IS NULL))"
static const char SQL_LIST[] =
	AREA_COLUMNS "COALESCE(s.n, 0) " AREA_JOINS OPEN_SCHOOLS "WHERE " AREA_FILTER
	" ORDER BY CASE WHEN la.region = '' THEN 1 ELSE 0 END, la.region, la.name";
static const char SQL_ONE[] = AREA_COLUMNS "COALESCE(s.n, 0) " AREA_JOINS OPEN_SCHOOLS "WHERE la.code = $1";
static const char SQL_ALL[] = AREA_COLUMNS "0 " AREA_JOINS "ORDER BY la.code";
static const char SQL_ONE_EXCEPTIONS[] =
	"SELECT count(*) FROM school_hub_overrides o JOIN schools s ON s.urn = o.urn WHERE s.la_code = $1";
/* the exceptions in or out of the filtered authorities' hubs */
static const char SQL_EXCEPTIONS[] =
	"SELECT o.urn, sc.name, COALESCE(la.name, ''), oh.code, oh.name, COALESCE(h.code, ''), o.reason "
	"FROM school_hub_overrides o JOIN schools sc ON sc.urn = o.urn JOIN hubs oh ON oh.id = o.hub_id "
	"LEFT JOIN local_authorities la ON la.code = sc.la_code LEFT JOIN hub_areas a ON a.la_code = la.code "
	"LEFT JOIN hubs h ON h.id = a.hub_id "
	"WHERE ($1 = '' OR la.region = $1) AND ($2 = '' OR h.code = $2 OR oh.code = $2 OR ($2 = 'none' AND a.la_code IS NULL)) "
	"ORDER BY sc.name, o.urn";
static const char SQL_SET[] =
	"INSERT INTO hub_areas (la_code, hub_id, demo, changed_by, changed_at) VALUES ($1, $2, 0, $3, $4) "
	"ON CONFLICT (la_code) DO UPDATE SET hub_id = excluded.hub_id, demo = 0, changed_by = excluded.changed_by, "
	"changed_at = excluded.changed_at";

static const char SQL_SCHOOL[] =
	"SELECT sc.name, sc.status, COALESCE(la.code, ''), COALESCE(la.name, ''), COALESCE(sh.hub_id, 0), "
	"COALESCE(h.code, ''), COALESCE(h.name, ''), sh.overridden, COALESCE(o.reason, ''), COALESCE(p.name, ''), "
	"COALESCE(o.changed_at, 0), COALESCE(a.hub_id, 0), COALESCE(ah.code, ''), COALESCE(ah.name, ''), COALESCE(a.demo, 0) "
	"FROM schools sc JOIN school_hubs sh ON sh.urn = sc.urn LEFT JOIN hubs h ON h.id = sh.hub_id "
	"LEFT JOIN school_hub_overrides o ON o.urn = sc.urn LEFT JOIN people p ON p.id = o.changed_by "
	"LEFT JOIN local_authorities la ON la.code = sc.la_code LEFT JOIN hub_areas a ON a.la_code = sc.la_code "
	"LEFT JOIN hubs ah ON ah.id = a.hub_id WHERE sc.urn = $1";
static const char SQL_SCHOOL_SET[] =
	"INSERT INTO school_hub_overrides (urn, hub_id, reason, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5) "
	"ON CONFLICT (urn) DO UPDATE SET hub_id = excluded.hub_id, reason = excluded.reason, "
	"changed_by = excluded.changed_by, changed_at = excluded.changed_at";
static const char SQL_SCHOOL_CLEAR[] = "DELETE FROM school_hub_overrides WHERE urn = $1";

/* Room for one more element in *arr (of *n, capacity *cap). */
static void *grow(struct arena *a, void *arr, size_t n, size_t *cap, size_t size)
{
	if (!arr)
		return arena_alloc(a, (*cap = 64) * size);
	if (n < *cap)
		return arr;
	size_t more = *cap * 2;
	arr = arena_grow(a, arr, n, more, size);
	*cap = more;
	return arr;
}

static const char *col(struct db_stmt *st, struct arena *a, int i)
{
	return arena_strdup(a, db_col_text(st, i));
}

/* The one number sql (with param as $1, unless NULL) gives. */
static enum err count_of(struct db *db, const char *sql, const char *param, int64_t *out)
{
	struct db_stmt *st = db_prepare(db, sql);
	if (!st || (param && db_bind_text(st, 1, param)))
		return ERR_DB;
	int rc = db_step(st);
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_DB;
	*out = db_col_int(st, 0);
	return (rc = db_step(st)) < 0 ? (enum err)rc : ERR_OK;
}

enum err area_hubs(struct db *db, struct arena *a, struct area_hub **hubs, size_t *n)
{
	struct db_stmt *st = db_prepare(db, SQL_HUBS);
	if (!st)
		return ERR_DB;
	*hubs = NULL;
	*n = 0;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		*hubs = grow(a, *hubs, *n, &cap, sizeof(**hubs));
		(*hubs)[(*n)++] = (struct area_hub){db_col_int(st, 0), col(st, a, 1), col(st, a, 2), col(st, a, 3)};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

static void read_row(struct db_stmt *st, struct arena *a, struct area_row *r)
{
	*r = (struct area_row){
		.code = col(st, a, 0), .name = col(st, a, 1), .region = col(st, a, 2), .hub_id = db_col_int(st, 3),
		.hub_code = col(st, a, 4), .hub_name = col(st, a, 5), .demo = db_col_int(st, 6) == 1,
		.changed_at = db_col_int(st, 7), .changed_by = col(st, a, 8), .open_schools = db_col_int(st, 9)};
}

/* The rows of a prepared and bound statement of AREA_COLUMNS. */
static enum err read_rows(struct db_stmt *st, struct arena *a, struct area_row **rows, size_t *n)
{
	*rows = NULL;
	*n = 0;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		*rows = grow(a, *rows, *n, &cap, sizeof(**rows));
		read_row(st, a, &(*rows)[(*n)++]);
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

static enum err regions_read(struct db *db, struct areas_list *l)
{
	struct db_stmt *st = db_prepare(db, SQL_REGIONS);
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		l->regions = grow(l->a, l->regions, l->nregions, &cap, sizeof(*l->regions));
		l->regions[l->nregions++] = col(st, l->a, 0);
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

static enum err exceptions_read(struct db *db, struct areas_list *l)
{
	struct db_stmt *st = db_prepare(db, SQL_EXCEPTIONS);
	if (!st || db_bind_text(st, 1, l->region) || db_bind_text(st, 2, l->hub))
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		l->exceptions = grow(l->a, l->exceptions, l->nexceptions, &cap, sizeof(*l->exceptions));
		l->exceptions[l->nexceptions++] = (struct area_exception){
			.urn = col(st, l->a, 0), .school = col(st, l->a, 1), .la_name = col(st, l->a, 2),
			.hub_code = col(st, l->a, 3), .hub_name = col(st, l->a, 4), .la_hub_code = col(st, l->a, 5),
			.reason = col(st, l->a, 6)};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err areas_list_read(struct db *db, void *ctx)
{
	struct areas_list *l = ctx;
	l->nhubs = l->nregions = l->nrows = l->nexceptions = 0;
	l->regions = NULL;
	l->exceptions = NULL;
	enum err e;
	if ((e = area_hubs(db, l->a, &l->hubs, &l->nhubs)) || (e = regions_read(db, l)))
		return e;
	struct db_stmt *st = db_prepare(db, SQL_LIST);
	if (!st || db_bind_text(st, 1, l->region) || db_bind_text(st, 2, l->hub))
		return ERR_DB;
	if ((e = read_rows(st, l->a, &l->rows, &l->nrows)) || (e = exceptions_read(db, l)))
		return e;
	return count_of(db, SQL_DEMO_LEFT, NULL, &l->demo_left);
}

enum err area_one_read(struct db *db, void *ctx)
{
	struct area_one *o = ctx;
	o->nhubs = 0;
	struct db_stmt *st = db_prepare(db, SQL_ONE);
	if (!st || db_bind_text(st, 1, o->code))
		return ERR_DB;
	struct area_row *rows;
	size_t n;
	enum err e = read_rows(st, o->a, &rows, &n);
	if (e)
		return e;
	if (!n)
		return ERR_NOT_FOUND;
	o->la = rows[0];
	if ((e = count_of(db, SQL_ONE_EXCEPTIONS, o->code, &o->exceptions)))
		return e;
	return area_hubs(db, o->a, &o->hubs, &o->nhubs);
}

enum err area_all(struct db *db, struct arena *a, struct area_row **rows, size_t *n)
{
	struct db_stmt *st = db_prepare(db, SQL_ALL);
	return st ? read_rows(st, a, rows, n) : ERR_DB;
}

enum err area_set(struct db *db, const char *la_code, int64_t hub_id, int64_t actor, int64_t now)
{
	return db_run(db, SQL_SET, DB_S(la_code), DB_I(hub_id), actor ? DB_I(actor) : DB_NULL, DB_I(now));
}

/* ---- a school's hub ---- */

enum err school_hub_read(struct db *db, void *ctx)
{
	struct school_hub *s = ctx;
	s->nhubs = 0;
	struct db_stmt *st = db_prepare(db, SQL_SCHOOL);
	if (!st || db_bind_text(st, 1, s->urn))
		return ERR_DB;
	int rc = db_step(st);
	if (rc < 0)
		return (enum err)rc;
	if (rc == 0)
		return ERR_NOT_FOUND;
	struct arena *a = s->a;
	s->name = col(st, a, 0);
	s->status = col(st, a, 1);
	s->la_code = col(st, a, 2);
	s->la_name = col(st, a, 3);
	s->hub_id = db_col_int(st, 4);
	s->hub_code = col(st, a, 5);
	s->hub_name = col(st, a, 6);
	s->overridden = db_col_int(st, 7) == 1;
	s->reason = col(st, a, 8);
	s->changed_by = col(st, a, 9);
	s->changed_at = db_col_int(st, 10);
	s->la_hub_id = db_col_int(st, 11);
	s->la_hub_code = col(st, a, 12);
	s->la_hub_name = col(st, a, 13);
	s->la_demo = db_col_int(st, 14) == 1;
	if ((rc = db_step(st)) < 0)
		return (enum err)rc;
	return area_hubs(db, a, &s->hubs, &s->nhubs);
}

enum err school_hub_set(struct db *db, const char *urn, int64_t hub_id, const char *reason, int64_t actor, int64_t now)
{
	if (!hub_id)
		return db_run(db, SQL_SCHOOL_CLEAR, DB_S(urn));
	return db_run(db, SQL_SCHOOL_SET, DB_S(urn), DB_I(hub_id), DB_S(reason), actor ? DB_I(actor) : DB_NULL, DB_I(now));
}
