/* list_queries.c - see list_queries.h. */
#include <string.h>

#include "activities/list_queries.h"
#include "core/arena.h"
#include "db/db.h"
#include "db/rows.h"

/* A hub's activities in year $2: one row an activity (activity_hubs' key
 * is (activity_id, hub_id)), so a LIMIT never cuts one. $3: only the NCPs
 * $4..$19 (a project-scoped reader's). */
#define PROJECT_SLOTS "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19"
#define HUB_SCOPE                                                                                        \
	"ah.hub_id = $1 AND a.first_year <= $2 AND a.last_year >= $2 AND ($3 = 0 OR a.project_id IN (" \
	PROJECT_SLOTS ")) "
#define HUB_FROM                                                                                         \
	"FROM activity_hubs ah JOIN activities a ON a.id = ah.activity_id "                              \
	"LEFT JOIN projects p ON p.id = a.project_id LEFT JOIN hubs h ON h.id = a.lead_hub_id WHERE " HUB_SCOPE
/* The filter: each list is a flag (0: any) and fixed slots. */
#define HUB_FILTER                                                                                          \
	"AND ($20 = 0 OR p.code IN ($21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32) "           \
	"OR ($33 = 1 AND a.project_id IS NULL)) "                                                           \
	"AND ($34 = 0 OR a.kind IN ($35, $36, $37, $38)) "                                                  \
	"AND ($39 = 0 OR EXISTS (SELECT 1 FROM activity_phases f WHERE f.activity_id = a.id "               \
	"AND f.phase IN ($40, $41, $42))) "                                                                 \
	"AND ($43 = 0 OR EXISTS (SELECT 1 FROM activity_leads l WHERE l.activity_id = a.id "                \
	"AND l.person_id IN ($44, $45, $46, $47, $48, $49, $50, $51))) "                                    \
	"AND ($52 = 0 OR a.status IN ($53, $54, $55, $56, $57)) "
#define COLS                                                                                                \
	"a.id, a.title, a.kind, p.code, p.title, a.status, a.format, a.cohort, h.code, h.name, a.first_year, " \
	"a.last_year, a.n_schools, a.n_participants, a.n_sessions, a.n_sessions_held"
#define HUB_ORDER "ORDER BY p.code IS NULL, p.code, a.title, a.id "

/* A page and, on each row, how many there are in all (a page past the
 * last has no rows to say it: then SQL_HUB_COUNT). */
static const char SQL_HUB_COUNT[] = "SELECT count(*) " HUB_FROM HUB_FILTER;
static const char SQL_HUB_PAGE[] =
	"SELECT " COLS ", ah.role, count(*) OVER () " HUB_FROM HUB_FILTER HUB_ORDER "LIMIT $58 OFFSET $59";
static const char SQL_HUB_ALL[] = "SELECT " COLS ", ah.role " HUB_FROM HUB_FILTER HUB_ORDER;

static const char SQL_HUB_YEARS[] =
	"SELECT COALESCE(min(a.first_year), 0), COALESCE(max(a.last_year), 0), "
	"COALESCE(max(CASE WHEN a.project_id IS NULL AND a.first_year <= $2 AND a.last_year >= $2 THEN 1 ELSE 0 END), 0) "
	"FROM activity_hubs ah JOIN activities a ON a.id = ah.activity_id "
	"WHERE ah.hub_id = $1 AND ($3 = 0 OR a.project_id IN (" PROJECT_SLOTS "))";
static const char SQL_HUB_NCPS[] =
	"SELECT p.id, p.code, p.title FROM projects p WHERE p.id IN (SELECT a.project_id "
	"FROM activity_hubs ah JOIN activities a ON a.id = ah.activity_id WHERE " HUB_SCOPE ") "
	"OR p.code IN ($20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31) ORDER BY p.code";
/* One IN over a UNION, the year's activities first: "pe.id IN (...) OR
 * pe.id IN (...)" read every person on PostgreSQL (a filter, not a join:
 * 42 ms of the page's 50 under the bench's load at national size), and
 * joining the leads before the year read all of activity_leads. */
static const char SQL_HUB_LEADS[] =
	"SELECT pe.id, pe.email, pe.name FROM people pe WHERE pe.id IN (SELECT l.person_id FROM activity_leads l "
	"WHERE l.activity_id IN (SELECT a.id FROM activity_hubs ah JOIN activities a ON a.id = ah.activity_id "
	"WHERE " HUB_SCOPE ") UNION SELECT l.person_id FROM activity_leads l "
	"JOIN activity_hubs ah ON ah.activity_id = l.activity_id "
	"WHERE ah.hub_id = $1 AND l.person_id IN ($20, $21, $22, $23, $24, $25, $26, $27)) ORDER BY pe.name, pe.id";

/* A person's own: one row an activity, whatever their parts in it. */
#define OWN_FROM                                                                                            \
	"FROM activities a LEFT JOIN projects p ON p.id = a.project_id LEFT JOIN hubs h ON h.id = a.lead_hub_id " \
	"WHERE a.id IN (SELECT activity_id FROM activity_leads WHERE person_id = $1) OR a.mhlm_link_id = $1 "     \
	"OR a.id IN (SELECT activity_id FROM activity_participants WHERE person_id = $1) "
#define OWN_COLS                                                                                            \
	"SELECT " COLS ", NULL, "                                                                               \
	"CASE WHEN EXISTS (SELECT 1 FROM activity_leads l WHERE l.activity_id = a.id AND l.person_id = $1) "    \
	"THEN 1 ELSE 0 END, CASE WHEN a.mhlm_link_id = $1 THEN 1 ELSE 0 END, "                                  \
	"CASE WHEN EXISTS (SELECT 1 FROM activity_participants ap WHERE ap.activity_id = a.id "                 \
	"AND ap.person_id = $1) THEN 1 ELSE 0 END "
#define OWN_ORDER "ORDER BY a.last_year DESC, a.title, a.id "
static const char SQL_OWN_COUNT[] = "SELECT count(*) " OWN_FROM;
static const char SQL_OWN_PAGE[] = OWN_COLS OWN_FROM OWN_ORDER "LIMIT $2 OFFSET $3";
static const char SQL_OWN_ALL[] = OWN_COLS OWN_FROM OWN_ORDER;

/* An NCP's runs: every hub's (a national cohort's first). */
#define PROJECT_FROM                                                                                        \
	"FROM activities a LEFT JOIN projects p ON p.id = a.project_id LEFT JOIN hubs h ON h.id = a.lead_hub_id " \
	"WHERE a.project_id = $1 "
#define PROJECT_ORDER "ORDER BY COALESCE(h.name, ''), a.title, a.id "
static const char SQL_PROJECT_COUNT[] = "SELECT count(*) " PROJECT_FROM;
static const char SQL_PROJECT_PAGE[] = "SELECT " COLS ", NULL " PROJECT_FROM PROJECT_ORDER "LIMIT $2 OFFSET $3";
static const char SQL_PROJECT_ALL[] = "SELECT " COLS ", NULL " PROJECT_FROM PROJECT_ORDER;

/* The leads and phases of up to 50 activities. */
#define ID_SLOTS                                                                                                  \
	"$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, " \
	"$24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38, $39, $40, $41, $42, $43, $44, "   \
	"$45, $46, $47, $48, $49, $50"
#define EXTRA_SLOTS 50
static const char SQL_EXTRAS[] =
	"SELECT l.activity_id, 0, pe.name, pe.id FROM activity_leads l JOIN people pe ON pe.id = l.person_id "
	"WHERE l.activity_id IN (" ID_SLOTS ") "
	"UNION ALL SELECT ph.activity_id, 1, ph.phase, 0 FROM activity_phases ph WHERE ph.activity_id IN (" ID_SLOTS ") "
	"ORDER BY 1, 2, 3, 4";

static const char SQL_PROJECT_BY_CODE[] = "SELECT id, code, title FROM projects WHERE code = $1";
static const char SQL_PROJECTS_OF[] =
	"SELECT id, code, title FROM projects "
	"WHERE id IN ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) ORDER BY code";

/* ---- binding ---- */

static enum err bind_texts(struct db_stmt *st, int first, const char *const *v, size_t n, size_t slots)
{
	for (size_t i = 0; i < slots; i++)
		if (i < n ? db_bind_text(st, first + (int)i, v[i]) : db_bind_null(st, first + (int)i))
			return ERR_DB;
	return ERR_OK;
}

static enum err bind_ints(struct db_stmt *st, int first, const int64_t *v, size_t n, size_t slots)
{
	for (size_t i = 0; i < slots; i++)
		if (i < n ? db_bind_int(st, first + (int)i, v[i]) : db_bind_null(st, first + (int)i))
			return ERR_DB;
	return ERR_OK;
}

/* $1..$19: the hub, the year and the reader's NCPs. */
static enum err bind_scope(struct db_stmt *st, int64_t hub_id, const struct activity_filter *f)
{
	if (!st || db_bind_int(st, 1, hub_id) || db_bind_int(st, 2, f->year) || db_bind_int(st, 3, f->restricted))
		return ERR_DB;
	return bind_ints(st, 4, f->projects, f->nprojects, ACTIVITIES_FILTER_PROJECTS);
}

/* $20..$57: the filter. */
static enum err bind_filter(struct db_stmt *st, const struct activity_filter *f)
{
	if (db_bind_int(st, 20, f->nncps > 0 || f->local) || bind_texts(st, 21, f->ncps, f->nncps, ACTIVITIES_FILTER_NCPS) ||
	    db_bind_int(st, 33, f->local) || db_bind_int(st, 34, f->nkinds > 0) || bind_texts(st, 35, f->kinds, f->nkinds, 4) ||
	    db_bind_int(st, 39, f->nphases > 0) || bind_texts(st, 40, f->phases, f->nphases, 3) ||
	    db_bind_int(st, 43, f->nleads > 0) || bind_ints(st, 44, f->leads, f->nleads, ACTIVITIES_FILTER_LEADS) ||
	    db_bind_int(st, 52, f->nstatuses > 0) || bind_texts(st, 53, f->statuses, f->nstatuses, 5))
		return ERR_DB;
	return ERR_OK;
}

/* ---- reading rows ---- */

/* COLS, then the hub's role (or NULL), then, in a person's own list, their
 * three parts, or, when total is not NULL, the count of all of them. */
static enum err list_rows(struct db_stmt *st, struct arena *a, bool own, struct activity_list_row **out, size_t *n,
			  int64_t *total)
{
	*out = NULL;
	*n = 0;
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		if (*n == cap)
			*out = arena_grow(a, *out, *n, cap = cap ? cap * 2 : 64, sizeof(**out));
		int c = 0;
		struct activity_list_row *r = &(*out)[(*n)++];
		r->id = db_col_int(st, c++);
		r->title = arena_strdup(a, db_col_text(st, c++));
		r->kind = arena_strdup(a, db_col_text(st, c++));
		r->project_code = db_col_text_or_null(a, st, c++);
		r->project_title = db_col_text_or_null(a, st, c++);
		r->status = arena_strdup(a, db_col_text(st, c++));
		r->format = arena_strdup(a, db_col_text(st, c++));
		r->cohort = arena_strdup(a, db_col_text(st, c++));
		r->lead_hub_code = db_col_text_or_null(a, st, c++);
		r->lead_hub_name = db_col_text_or_null(a, st, c++);
		r->first_year = (int)db_col_int(st, c++);
		r->last_year = (int)db_col_int(st, c++);
		r->n_schools = db_col_int(st, c++);
		r->n_participants = db_col_int(st, c++);
		r->n_sessions = db_col_int(st, c++);
		r->n_sessions_held = db_col_int(st, c++);
		r->hub_role = db_col_text_or_null(a, st, c++);
		if (own) {
			r->leads_it = db_col_int(st, c++) != 0;
			r->links_it = db_col_int(st, c++) != 0;
			r->takes_part = db_col_int(st, c++) != 0;
		}
		if (total)
			*total = db_col_int(st, c);
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

static int64_t offset_of(long page, long size)
{
	return (int64_t)(page - 1) * size;
}

enum err activity_list_hub(struct db *db, struct arena *a, int64_t hub_id, const struct activity_filter *f, long page,
			   long size, struct activity_list_row **out, size_t *n, int64_t *total)
{
	struct db_stmt *st = db_prepare(db, page ? SQL_HUB_PAGE : SQL_HUB_ALL);
	enum err e = bind_scope(st, hub_id, f);
	if (e || (e = bind_filter(st, f)))
		return e;
	if (page && (db_bind_int(st, 58, size) || db_bind_int(st, 59, offset_of(page, size))))
		return ERR_DB;
	*total = 0;
	if ((e = list_rows(st, a, false, out, n, page ? total : NULL)))
		return e;
	if (!page)
		*total = (int64_t)*n;
	if (!page || *n)
		return ERR_OK;
	/* no rows: none match, or a page past the last */
	st = db_prepare(db, SQL_HUB_COUNT);
	if ((e = bind_scope(st, hub_id, f)) || (e = bind_filter(st, f)))
		return e;
	return db_number(st, total);
}

enum err activity_list_own(struct db *db, struct arena *a, int64_t person_id, long page, long size,
			   struct activity_list_row **out, size_t *n, int64_t *total)
{
	enum err e = db_number(db_query(db, SQL_OWN_COUNT, DB_I(person_id)), total);
	if (e)
		return e;
	struct db_stmt *st = page ? db_query(db, SQL_OWN_PAGE, DB_I(person_id), DB_I(size), DB_I(offset_of(page, size)))
				  : db_query(db, SQL_OWN_ALL, DB_I(person_id));
	return list_rows(st, a, true, out, n, NULL);
}

enum err activity_list_project(struct db *db, struct arena *a, int64_t project_id, long page, long size,
			       struct activity_list_row **out, size_t *n, int64_t *total)
{
	enum err e = db_number(db_query(db, SQL_PROJECT_COUNT, DB_I(project_id)), total);
	if (e)
		return e;
	struct db_stmt *st = page ? db_query(db, SQL_PROJECT_PAGE, DB_I(project_id), DB_I(size),
					     DB_I(offset_of(page, size)))
				  : db_query(db, SQL_PROJECT_ALL, DB_I(project_id));
	return list_rows(st, a, false, out, n, NULL);
}

/* ---- the filter's values ---- */

static enum err facet_rows(struct db_stmt *st, struct arena *a, struct activity_facet **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		if (*n == cap)
			*out = arena_grow(a, *out, *n, cap = cap ? cap * 2 : 32, sizeof(**out));
		(*out)[(*n)++] = (struct activity_facet){db_col_int(st, 0), arena_strdup(a, db_col_text(st, 1)),
							 arena_strdup(a, db_col_text(st, 2))};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err activity_list_facets(struct db *db, struct arena *a, int64_t hub_id, const struct activity_filter *f,
			      struct activity_facets *out)
{
	*out = (struct activity_facets){0};
	struct db_stmt *st = db_prepare(db, SQL_HUB_YEARS);
	enum err e = bind_scope(st, hub_id, f);
	if (e)
		return e;
	int rc = db_step(st);
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_DB;
	out->first_year = (int)db_col_int(st, 0);
	out->last_year = (int)db_col_int(st, 1);
	out->any_local = db_col_int(st, 2) != 0;
	if (db_step(st) < 0)
		return ERR_DB;
	st = db_prepare(db, SQL_HUB_NCPS);
	if ((e = bind_scope(st, hub_id, f)) || (e = bind_texts(st, 20, f->ncps, f->nncps, ACTIVITIES_FILTER_NCPS)) ||
	    (e = facet_rows(st, a, &out->ncps, &out->nncps)))
		return e;
	st = db_prepare(db, SQL_HUB_LEADS);
	if ((e = bind_scope(st, hub_id, f)) || (e = bind_ints(st, 20, f->leads, f->nleads, ACTIVITIES_FILTER_LEADS)))
		return e;
	return facet_rows(st, a, &out->leads, &out->nleads);
}

/* ---- leads and phases ---- */

static int phase_rank(const char *p)
{
	return !strcmp(p, "Primary") ? 0 : !strcmp(p, "Secondary") ? 1 : 2;
}

static void add_text(struct arena *a, const char ***list, size_t *n, const char *v)
{
	*list = arena_grow(a, *list, *n, *n + 1, sizeof(**list));
	(*list)[(*n)++] = arena_strdup(a, v);
}

enum err activity_list_extras(struct db *db, struct arena *a, struct activity_list_row *rows, size_t n)
{
	for (size_t from = 0; from < n; from += EXTRA_SLOTS) {
		size_t k = n - from < EXTRA_SLOTS ? n - from : EXTRA_SLOTS;
		struct db_stmt *st = db_prepare(db, SQL_EXTRAS);
		if (!st)
			return ERR_DB;
		for (size_t i = 0; i < EXTRA_SLOTS; i++)
			if (i < k ? db_bind_int(st, (int)i + 1, rows[from + i].id) : db_bind_null(st, (int)i + 1))
				return ERR_DB;
		int rc;
		while ((rc = db_step(st)) == 1) {
			int64_t id = db_col_int(st, 0);
			struct activity_list_row *r = NULL;
			for (size_t i = 0; i < k && !r; i++)
				if (rows[from + i].id == id)
					r = &rows[from + i];
			if (!r)
				continue;
			if (db_col_int(st, 1) == 0)
				add_text(a, &r->leads, &r->nleads, db_col_text(st, 2));
			else
				add_text(a, &r->phases, &r->nphases, db_col_text(st, 2));
		}
		if (rc < 0)
			return (enum err)rc;
	}
	/* phases in the catalogue's order, not the alphabet's */
	for (size_t i = 0; i < n; i++) {
		const char **p = rows[i].phases;
		for (size_t x = 1; x < rows[i].nphases; x++)
			for (size_t y = x; y > 0 && phase_rank(p[y]) < phase_rank(p[y - 1]); y--) {
				const char *t = p[y];
				p[y] = p[y - 1];
				p[y - 1] = t;
			}
	}
	return ERR_OK;
}

/* ---- NCPs ---- */

enum err activity_project_by_code(struct db *db, struct arena *a, const char *code, struct activity_facet *out)
{
	struct activity_facet *f;
	size_t n;
	enum err e = facet_rows(db_query(db, SQL_PROJECT_BY_CODE, DB_S(code)), a, &f, &n);
	if (e)
		return e;
	if (!n)
		return ERR_NOT_FOUND;
	*out = f[0];
	return ERR_OK;
}

enum err activity_projects_of(struct db *db, struct arena *a, const int64_t *ids, size_t nids,
			      struct activity_facet **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!nids)
		return ERR_OK;
	struct db_stmt *st = db_prepare(db, SQL_PROJECTS_OF);
	if (!st || bind_ints(st, 1, ids, nids, ACTIVITIES_FILTER_PROJECTS))
		return ERR_DB;
	return facet_rows(st, a, out, n);
}
