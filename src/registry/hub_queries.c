/* hub_queries.c - see school_queries.h: a hub's schools, their counts and
 * filters, a page of them or all of them (the exports). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "registry/school_queries.h"

/* The status filter, $2: '' the open schools (those proposed to close
 * too), 'all' any, else that status. */
#define STATUS_IS(p)                                                                                 \
	"(CAST(" p " AS TEXT) = 'all' OR s.status = " p " OR "                                      \
	"(CAST(" p " AS TEXT) = '' AND s.status IN ('open', 'open_proposed_to_close')))"
/* The filter: $2 status, $3 phase, $4 type group, $5 type, $6 local
 * authority; '' is any (but for the status). */
#define FILTER                                                                                     \
	STATUS_IS("$2") " AND (CAST($3 AS TEXT) = '' OR s.phase = $3) AND "                          \
	"(CAST($4 AS TEXT) = '' OR s.type_group = $4) AND (CAST($5 AS TEXT) = '' OR s.type = $5) AND " \
	"(CAST($6 AS TEXT) = '' OR s.la_code = $6)"

/* Hub $1's schools are those the school_hubs view gives it (a school's own
 * exception, else its local authority's hub), read here from the other
 * end so that the indexes on hub_areas (hub_id), schools (la_code) and
 * school_hub_overrides (hub_id) find them: its local authorities' schools
 * without an exception (a.demo: the local authority's hub is a demo
 * assignment), then the schools given it by exception. Each carries what
 * the counts and the page need: of_status, it is of the status chosen;
 * kept, the whole filter keeps it. */
#define HUB_SCHOOL(demo)                                                                             \
	"s.urn, s.name, s.phase, s.type_group, s.type, s.status, COALESCE(s.la_code, ''), " demo ", "   \
	"CASE WHEN " STATUS_IS("$2") " THEN 1 ELSE 0 END, CASE WHEN " FILTER " THEN 1 ELSE 0 END "
#define HUB_SCHOOLS                                                                                  \
	"hs (urn, name, phase, type_group, type, status, la_code, demo, of_status, kept) AS MATERIALIZED (" \
	"SELECT " HUB_SCHOOL("a.demo") "FROM hub_areas a JOIN schools s ON s.la_code = a.la_code "       \
	"WHERE a.hub_id = $1 AND NOT EXISTS (SELECT 1 FROM school_hub_overrides o WHERE o.urn = s.urn) "  \
	"UNION ALL SELECT " HUB_SCHOOL("0") "FROM school_hub_overrides o JOIN schools s ON s.urn = o.urn " \
	"WHERE o.hub_id = $1)"

static const char SQL_HUB[] =
	"SELECT h.id, h.name, r.name FROM hubs h JOIN regions r ON r.id = h.region_id WHERE h.code = $1";
/* The counts and the page, from one reading of the hub's schools (hs):
 *   kind 0, the hub's schools counted by every value a facet or a count is
 *   of (a hundred rows or so for a hub's thousands of schools), which
 *   read_counts sums into the facets and the counts: phase, type group,
 *   type, status, local authority (code and name), demo, how many, of the
 *   status chosen, kept;
 *   kind 1, the page ($7 of those the filter keeps, from $8, by name):
 *   urn, name, phase, type group, type, status, local authority (code and
 *   name), demo, then from column 13 town, postcode, trust, open and close
 *   dates.
 * (The counts were eight statements and the page a ninth, each reading
 * every school of the hub again: a hub lead's page took 12 requests a
 * second.) */
static const char SQL_SCHOOLS[] =
	"WITH " HUB_SCHOOLS ", "
	"p AS (SELECT urn, name, demo FROM hs WHERE kept = 1 ORDER BY name, urn LIMIT $7 OFFSET $8) "
	"SELECT 0, '', '', g.phase, g.type_group, g.type, g.status, g.la_code, COALESCE(l.name, ''), g.demo, g.n, "
	"g.of_status, g.kept, '', '', '', NULL, NULL FROM ("
	"SELECT phase, type_group, type, status, la_code, demo, count(*) AS n, of_status, kept FROM hs "
	"GROUP BY phase, type_group, type, status, la_code, demo, of_status, kept"
	") g LEFT JOIN local_authorities l ON l.code = g.la_code "
	"UNION ALL SELECT 1, s.urn, s.name, s.phase, s.type_group, s.type, s.status, COALESCE(s.la_code, ''), "
	"COALESCE(l.name, ''), p.demo, 1, 1, 1, s.town, s.postcode, COALESCE(t.name, ''), s.open_date, s.close_date "
	"FROM p JOIN schools s ON s.urn = p.urn LEFT JOIN local_authorities l ON l.code = s.la_code "
	"LEFT JOIN trusts t ON t.id = s.trust_id "
	"ORDER BY 1, 3, 2";

/* The statuses in the order people read them. */
static const char *const statuses[] = {"open", "open_proposed_to_close", "proposed_to_open", "closed"};

/* Binds $1 the hub and $2 to $6 the filter. */
static enum err bind_filter(struct db_stmt *st, const struct hub_schools *h)
{
	const char *v[] = {h->f.status, h->f.phase, h->f.group, h->f.type, h->f.la};
	if (db_bind_int(st, 1, h->hub_id))
		return ERR_DB;
	for (int i = 0; i < 5; i++)
		if (db_bind_text(st, 2 + i, v[i] ? v[i] : ""))
			return ERR_DB;
	return ERR_OK;
}

/* Adds count to value's facet in *v (of *n), appending it (with its label)
 * when it is not there yet. */
static void tally(struct arena *a, struct facet **v, size_t *n, const char *value, const char *label, int64_t count)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i].value, value)) {
			(*v)[i].count += count;
			return;
		}
	*v = arena_grow(a, *v, *n, *n + 1, sizeof(**v));
	(*v)[(*n)++] = (struct facet){arena_strdup(a, value), arena_strdup(a, label), count};
}

/* What the filters offer: by label (then value). */
static int by_label(const void *x, const void *y)
{
	const struct facet *a = x, *b = y;
	int c = strcmp(a->label, b->label);
	return c ? c : strcmp(a->value, b->value);
}

/* Counts: most first, then by value. */
static int by_count(const void *x, const void *y)
{
	const struct facet *a = x, *b = y;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->value, b->value);
}

/* Sorts a facet list; a facet without a label takes its value as one. */
static void finish(struct facet *v, size_t n, int (*order)(const void *, const void *))
{
	if (n)
		qsort(v, n, sizeof(*v), order);
	for (size_t i = 0; i < n; i++)
		if (!v[i].label[0])
			v[i].label = v[i].value;
}

/* Adds a group of schools (a kind 0 row of SQL_SCHOOLS) to the facets and
 * the counts. */
static void add_group(struct hub_schools *h, struct db_stmt *st, struct facet **status, size_t *nstatus)
{
	struct arena *a = h->a;
	const char *phase = db_col_text(st, 3), *group = db_col_text(st, 4), *type = db_col_text(st, 5);
	const char *la = db_col_text(st, 7), *la_name = db_col_text(st, 8);
	int64_t n = db_col_int(st, 10), of_status = db_col_int(st, 11) ? n : 0;
	tally(a, &h->phases, &h->nphases, phase, phase, of_status);
	tally(a, &h->groups, &h->ngroups, group, group, of_status);
	tally(a, &h->types, &h->ntypes, type, type, of_status);
	tally(a, &h->las, &h->nlas, la, la_name, of_status);
	tally(a, status, nstatus, db_col_text(st, 6), "", n);
	h->all += n;
	h->of_status += of_status;
	h->any_demo |= db_col_int(st, 9) != 0;
	if (db_col_int(st, 12)) {
		tally(a, &h->by_phase, &h->nby_phase, phase, phase, n);
		tally(a, &h->by_group, &h->nby_group, group, group, n);
		tally(a, &h->by_type, &h->nby_type, type, type, n);
		h->total += n;
	}
}

static const char *opt(struct db_stmt *st, struct arena *a, int col)
{
	return db_col_is_null(st, col) ? NULL : arena_strdup(a, db_col_text(st, col));
}

/* Appends a school of the page (a kind 1 row of SQL_SCHOOLS) to h->rows. */
static void add_row(struct hub_schools *h, struct db_stmt *st, size_t *cap)
{
	struct arena *a = h->a;
	if (h->n == *cap) {
		h->rows = arena_grow(a, h->rows, h->n, *cap ? *cap * 2 : 64, sizeof(*h->rows));
		*cap = *cap ? *cap * 2 : 64;
	}
	struct school_row *r = &h->rows[h->n++];
	const char **text[] = {&r->urn, &r->name, &r->phase, &r->type_group, &r->type, &r->status, &r->la_code,
			       &r->la_name};
	for (int i = 0; i < 8; i++)
		*text[i] = arena_strdup(a, db_col_text(st, 1 + i));
	r->hub_demo = db_col_int(st, 9) != 0;
	r->town = arena_strdup(a, db_col_text(st, 13));
	r->postcode = arena_strdup(a, db_col_text(st, 14));
	r->trust_name = arena_strdup(a, db_col_text(st, 15));
	r->open_date = opt(st, a, 16);
	r->close_date = opt(st, a, 17);
	r->hub_code = h->code;
	r->hub_name = h->hub_name;
	r->outside_england = false; /* each of these has a hub, so it never matters */
}

/* The facets, the counts and the page (SQL_SCHOOLS). */
static enum err read_schools(struct db *db, struct hub_schools *h)
{
	struct db_stmt *st = db_prepare(db, SQL_SCHOOLS);
	int64_t limit = h->page_size ? h->page_size : HUB_SCHOOLS_EXPORT_MAX;
	int64_t offset = h->page_size ? (h->page - 1) * h->page_size : 0;
	if (!st || bind_filter(st, h) || db_bind_int(st, 7, limit) || db_bind_int(st, 8, offset))
		return ERR_DB;
	struct facet *status = NULL;
	size_t nstatus = 0, cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		if (db_col_int(st, 0))
			add_row(h, st, &cap);
		else
			add_group(h, st, &status, &nstatus);
	}
	if (rc < 0)
		return (enum err)rc;
	finish(h->phases, h->nphases, by_label);
	finish(h->groups, h->ngroups, by_label);
	finish(h->types, h->ntypes, by_label);
	finish(h->las, h->nlas, by_label);
	finish(h->by_phase, h->nby_phase, by_count);
	finish(h->by_group, h->nby_group, by_count);
	finish(h->by_type, h->nby_type, by_count);
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		for (size_t k = 0; k < nstatus; k++)
			if (!strcmp(status[k].value, statuses[i])) {
				h->statuses = arena_grow(h->a, h->statuses, h->nstatuses, h->nstatuses + 1,
							 sizeof(*h->statuses));
				h->statuses[h->nstatuses++] =
					(struct facet){statuses[i], school_status_label(statuses[i]), status[k].count};
			}
	return ERR_OK;
}

enum err hub_schools_read(struct db *db, void *ctx)
{
	struct hub_schools *h = ctx;
	struct arena *a = h->a;
	/* everything out, afresh (a transaction may run again) */
	h->hub_id = h->all = h->of_status = h->total = 0;
	h->any_demo = false;
	h->phases = h->groups = h->types = h->statuses = h->las = NULL;
	h->by_phase = h->by_group = h->by_type = NULL;
	h->nphases = h->ngroups = h->ntypes = h->nstatuses = h->nlas = 0;
	h->nby_phase = h->nby_group = h->nby_type = 0;
	h->rows = NULL;
	h->n = 0;
	struct db_stmt *st = db_prepare(db, SQL_HUB);
	if (!st || db_bind_text(st, 1, h->code))
		return ERR_DB;
	int rc = db_step(st);
	if (rc == 1) {
		h->hub_id = db_col_int(st, 0);
		h->hub_name = arena_strdup(a, db_col_text(st, 1));
		h->hub_region = arena_strdup(a, db_col_text(st, 2));
	}
	enum err e = rc < 0 ? (enum err)rc : rc == 0 ? ERR_NOT_FOUND : ERR_OK;
	while (rc == 1)
		rc = db_step(st);
	return e ? e : read_schools(db, h);
}
