/* hub_queries.c - see school_queries.h: a hub's schools, their counts and
 * filters, a page of them or all of them (the exports). */
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "registry/rows.h"
#include "registry/school_queries.h"

/* Hub $1's schools, as the school_hubs view assigns them (a school's own
 * exception, else its local authority's hub), written from the other end
 * so that the indexes on hub_areas (hub_id), schools (la_code) and
 * school_hub_overrides (hub_id) find them. demo: the hub is its local
 * authority's demo assignment. */
#define HUB_SCHOOLS                                                                                    \
	"WITH hs (urn, demo) AS ("                                                                   \
	"SELECT s.urn, a.demo FROM hub_areas a JOIN schools s ON s.la_code = a.la_code "             \
	"WHERE a.hub_id = $1 AND NOT EXISTS (SELECT 1 FROM school_hub_overrides o WHERE o.urn = s.urn) " \
	"UNION ALL SELECT o.urn, 0 FROM school_hub_overrides o WHERE o.hub_id = $1) "
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
/* 1 for a school of the status chosen ($2), else 0: what a facet counts. */
#define OF_STATUS "SUM(CASE WHEN " STATUS_IS("$2") " THEN 1 ELSE 0 END)"

static const char SQL_HUB[] =
	"SELECT h.id, h.name, r.name FROM hubs h JOIN regions r ON r.id = h.region_id WHERE h.code = $1";
/* What the filters offer: every value the hub's schools have, with how
 * many of the status chosen have it (statuses: how many have each). */
static const char SQL_FACETS[] =
	HUB_SCHOOLS
	"SELECT 'phase', s.phase, s.phase, " OF_STATUS " FROM hs JOIN schools s ON s.urn = hs.urn GROUP BY s.phase "
	"UNION ALL SELECT 'group', s.type_group, s.type_group, " OF_STATUS " FROM hs JOIN schools s ON s.urn = hs.urn "
	"GROUP BY s.type_group "
	"UNION ALL SELECT 'type', s.type, s.type, " OF_STATUS " FROM hs JOIN schools s ON s.urn = hs.urn GROUP BY s.type "
	"UNION ALL SELECT 'status', s.status, s.status, count(*) FROM hs JOIN schools s ON s.urn = hs.urn "
	"GROUP BY s.status "
	"UNION ALL SELECT 'la', COALESCE(s.la_code, ''), COALESCE(max(l.name), ''), " OF_STATUS " FROM hs "
	"JOIN schools s ON s.urn = hs.urn LEFT JOIN local_authorities l ON l.code = s.la_code GROUP BY s.la_code "
	"UNION ALL SELECT 'demo', '', '', count(*) FROM hs WHERE hs.demo = 1 "
	"ORDER BY 1, 3";
/* Counts by phase, by type group and by type of the schools the filter
 * keeps. */
static const char SQL_COUNTS[] =
	HUB_SCHOOLS
	"SELECT 'phase', s.phase, count(*) FROM hs JOIN schools s ON s.urn = hs.urn WHERE " FILTER " GROUP BY s.phase "
	"UNION ALL SELECT 'group', s.type_group, count(*) FROM hs JOIN schools s ON s.urn = hs.urn WHERE " FILTER
	" GROUP BY s.type_group "
	"UNION ALL SELECT 'type', s.type, count(*) FROM hs JOIN schools s ON s.urn = hs.urn WHERE " FILTER
	" GROUP BY s.type ORDER BY 1, 3 DESC, 2";
static const char SQL_PAGE[] =
	HUB_SCHOOLS
	"SELECT s.urn, s.name, s.phase, s.type, s.status, s.town, s.postcode, COALESCE(s.la_code, ''), "
	"COALESCE(l.name, ''), COALESCE(t.name, ''), s.open_date, s.close_date, h.code, h.name, hs.demo, "
	"0, " /* outside England: each of these has a hub, so it never matters */
	"s.type_group FROM hs JOIN schools s ON s.urn = hs.urn JOIN hubs h ON h.id = $1 "
	"LEFT JOIN local_authorities l ON l.code = s.la_code LEFT JOIN trusts t ON t.id = s.trust_id "
	"WHERE " FILTER " ORDER BY s.name, s.urn LIMIT $7 OFFSET $8";

/* The statuses in the order people read them. */
static const char *const statuses[] = {"open", "open_proposed_to_close", "proposed_to_open", "closed"};

static enum err bind_filter(struct db_stmt *st, const struct hub_schools *h, int last)
{
	const char *v[] = {h->f.status, h->f.phase, h->f.group, h->f.type, h->f.la};
	if (db_bind_int(st, 1, h->hub_id))
		return ERR_DB;
	for (int i = 0; i < 5 && 2 + i <= last; i++)
		if (db_bind_text(st, 2 + i, v[i] ? v[i] : ""))
			return ERR_DB;
	return ERR_OK;
}

/* Appends a facet to *v (of *n). */
static void add(struct arena *a, struct facet **v, size_t *n, const char *value, const char *label, int64_t count)
{
	*v = arena_grow(a, *v, *n, *n + 1, sizeof(**v));
	(*v)[(*n)++] = (struct facet){arena_strdup(a, value), arena_strdup(a, label[0] ? label : value), count};
}

static enum err read_facets(struct db *db, struct hub_schools *h)
{
	struct db_stmt *st = db_prepare(db, SQL_FACETS);
	if (!st || bind_filter(st, h, 2))
		return ERR_DB;
	struct facet *status = NULL;
	size_t nstatus = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		const char *kind = db_col_text(st, 0);
		const char *value = db_col_text(st, 1), *label = db_col_text(st, 2);
		int64_t count = db_col_int(st, 3);
		if (!strcmp(kind, "phase")) {
			add(h->a, &h->phases, &h->nphases, value, label, count);
			h->of_status += count;
		} else if (!strcmp(kind, "group")) {
			add(h->a, &h->groups, &h->ngroups, value, label, count);
		} else if (!strcmp(kind, "type")) {
			add(h->a, &h->types, &h->ntypes, value, label, count);
		} else if (!strcmp(kind, "status")) {
			add(h->a, &status, &nstatus, value, label, count);
			h->all += count;
		} else if (!strcmp(kind, "la")) {
			add(h->a, &h->las, &h->nlas, value, label, count);
		} else {
			h->any_demo = count > 0;
		}
	}
	if (rc < 0)
		return (enum err)rc;
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		for (size_t k = 0; k < nstatus; k++)
			if (!strcmp(status[k].value, statuses[i]))
				add(h->a, &h->statuses, &h->nstatuses, statuses[i], school_status_label(statuses[i]),
				    status[k].count);
	return ERR_OK;
}

static enum err read_counts(struct db *db, struct hub_schools *h)
{
	struct db_stmt *st = db_prepare(db, SQL_COUNTS);
	if (!st || bind_filter(st, h, 6))
		return ERR_DB;
	int rc;
	while ((rc = db_step(st)) == 1) {
		const char *kind = db_col_text(st, 0);
		const char *value = db_col_text(st, 1);
		int64_t count = db_col_int(st, 2);
		if (!strcmp(kind, "phase")) {
			add(h->a, &h->by_phase, &h->nby_phase, value, value, count);
			h->total += count;
		} else if (!strcmp(kind, "group")) {
			add(h->a, &h->by_group, &h->nby_group, value, value, count);
		} else {
			add(h->a, &h->by_type, &h->nby_type, value, value, count);
		}
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
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
	if (!e)
		e = read_facets(db, h);
	if (!e)
		e = read_counts(db, h);
	if (e || !h->total)
		return e;
	st = db_prepare(db, SQL_PAGE);
	int64_t limit = h->page_size ? h->page_size : HUB_SCHOOLS_EXPORT_MAX;
	int64_t offset = h->page_size ? (h->page - 1) * h->page_size : 0;
	if (!st || bind_filter(st, h, 6) || db_bind_int(st, 7, limit) || db_bind_int(st, 8, offset))
		return ERR_DB;
	return rows_read(st, a, &h->rows, &h->n);
}
