/* queries.c - see queries.h. All SQL of the catalogue lives here. */
#include "catalogue/queries.h"

#include <string.h>

#include "core/arena.h"
#include "core/util.h"
#include "db/db.h"

static const char SQL_HUBS[] =
	"SELECT h.code, h.name, r.name, h.id FROM hubs h JOIN regions r ON r.id = h.region_id "
	"ORDER BY r.name, h.code";
static const char SQL_HUB[] =
	"SELECT h.code, h.name, r.name, h.id FROM hubs h JOIN regions r ON r.id = h.region_id "
	"WHERE h.code = $1";
static const char SQL_YEARS[] =
	"SELECT y.code FROM academic_years y "
	"WHERE EXISTS (SELECT 1 FROM projects p WHERE p.academic_year_id = y.id) "
	"ORDER BY y.starts_on DESC";
#define PROJECT_COLUMNS                                                                           \
	"SELECT p.code, p.title, p.kind, y.code, p.develops_llmes, pp.phase "                     \
	"FROM projects p JOIN academic_years y ON y.id = p.academic_year_id "                     \
	"JOIN project_phases pp ON pp.project_id = p.id "
#define PHASE_ORDER \
	"CASE pp.phase WHEN 'Primary' THEN 1 WHEN 'Secondary' THEN 2 ELSE 3 END"
static const char SQL_PROJECTS[] =
	PROJECT_COLUMNS
	"WHERE ($1 = 0 OR y.code IN ($2, $3, $4, $5, $6, $7, $8, $9)) "
	"AND ($10 = 0 OR p.kind IN ($11, $12, $13, $14)) "
	"AND ($15 = 0 OR EXISTS (SELECT 1 FROM project_phases f "
	"WHERE f.project_id = p.id AND f.phase IN ($16, $17, $18))) "
	"ORDER BY y.starts_on DESC, p.code, " PHASE_ORDER;
static const char SQL_PROJECT[] = PROJECT_COLUMNS "WHERE p.code = $1 ORDER BY " PHASE_ORDER;
static const char SQL_PROJECT_IDS[] = "SELECT id, code FROM projects ORDER BY code";

static void read_hub(struct db_stmt *st, struct arena *a, struct hub *h)
{
	h->code = arena_strdup(a, db_col_text(st, 0));
	h->name = arena_strdup(a, db_col_text(st, 1));
	h->region = arena_strdup(a, db_col_text(st, 2));
	h->id = db_col_int(st, 3);
}

enum err catalogue_hubs(struct db *db, struct arena *a, struct hub **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, SQL_HUBS);
	if (!st)
		return ERR_DB;
	size_t cap = 64, k = 0;
	struct hub *hubs = arena_alloc(a, cap * sizeof(*hubs));
	int rc;
	while ((rc = db_step(st)) == 1) {
		if (k == cap)
			hubs = arena_grow(a, hubs, k, cap *= 2, sizeof(*hubs));
		read_hub(st, a, &hubs[k++]);
	}
	*out = hubs;
	*n = k;
	return rc < 0 ? ERR_DB : ERR_OK;
}

enum err catalogue_hub(struct db *db, struct arena *a, const char *code, struct hub *out)
{
	struct db_stmt *st = db_prepare(db, SQL_HUB);
	if (!st || db_bind_text(st, 1, code))
		return ERR_DB;
	int rc = db_step(st);
	if (rc == 1) {
		read_hub(st, a, out);
		rc = db_step(st) < 0 ? -1 : 1;
	}
	return rc < 0 ? ERR_DB : rc == 0 ? ERR_NOT_FOUND : ERR_OK;
}

enum err catalogue_years(struct db *db, struct arena *a, const char ***out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, SQL_YEARS);
	if (!st)
		return ERR_DB;
	size_t cap = 16, k = 0;
	const char **years = arena_alloc(a, cap * sizeof(*years));
	int rc;
	while ((rc = db_step(st)) == 1 && k < cap)
		years[k++] = arena_strdup(a, db_col_text(st, 0));
	*out = years;
	*n = k;
	return rc < 0 ? ERR_DB : ERR_OK;
}

/* Reads joined (project, phase) rows into projects, one per code. */
static enum err read_projects(struct db_stmt *st, struct arena *a, struct project **out, size_t *n)
{
	size_t cap = 64, k = 0;
	struct project *ps = arena_alloc(a, cap * sizeof(*ps));
	int rc;
	while ((rc = db_step(st)) == 1) {
		const char *code = db_col_text(st, 0);
		struct project *p = k ? &ps[k - 1] : NULL;
		if (!p || strcmp(p->code, code)) {
			if (k == cap)
				ps = arena_grow(a, ps, k, cap *= 2, sizeof(*ps));
			p = &ps[k++];
			p->code = arena_strdup(a, code);
			p->title = arena_strdup(a, db_col_text(st, 1));
			p->kind = arena_strdup(a, db_col_text(st, 2));
			p->year = arena_strdup(a, db_col_text(st, 3));
			p->develops_llmes = db_col_int(st, 4) != 0;
		}
		if (p->nphases < ARRAY_LEN(p->phases))
			p->phases[p->nphases++] = arena_strdup(a, db_col_text(st, 5));
	}
	*out = ps;
	*n = k;
	return rc < 0 ? ERR_DB : ERR_OK;
}

static enum err bind_list(struct db_stmt *st, int flag_idx, const char *const *v, size_t n, size_t slots)
{
	if (db_bind_int(st, flag_idx, n > 0))
		return ERR_DB;
	for (size_t i = 0; i < slots; i++)
		if ((i < n ? db_bind_text(st, flag_idx + 1 + (int)i, v[i])
			   : db_bind_null(st, flag_idx + 1 + (int)i)))
			return ERR_DB;
	return ERR_OK;
}

enum err catalogue_projects(struct db *db, struct arena *a, const struct project_filter *f,
			    struct project **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, SQL_PROJECTS);
	if (!st || bind_list(st, 1, f->years, f->nyears, FILTER_MAX_YEARS) ||
	    bind_list(st, 10, f->kinds, f->nkinds, 4) || bind_list(st, 15, f->phases, f->nphases, 3))
		return ERR_DB;
	return read_projects(st, a, out, n);
}

enum err catalogue_project(struct db *db, struct arena *a, const char *code, struct project *out)
{
	struct db_stmt *st = db_prepare(db, SQL_PROJECT);
	if (!st || db_bind_text(st, 1, code))
		return ERR_DB;
	struct project *ps;
	size_t n;
	enum err e = read_projects(st, a, &ps, &n);
	if (!e && n == 0)
		e = ERR_NOT_FOUND;
	if (!e)
		*out = ps[0];
	return e;
}

enum err hubs_lookup_read(struct db *db, void *ctx)
{
	struct hubs_lookup *l = ctx;
	enum err e = l->code ? catalogue_hub(db, l->a, l->code, &l->hub) : ERR_OK;
	if (e || l->only)
		return e;
	return catalogue_hubs(db, l->a, &l->hubs, &l->nhubs);
}

enum err project_lookup_read(struct db *db, void *ctx)
{
	struct project_lookup *l = ctx;
	return catalogue_project(db, l->a, l->code, &l->project);
}

enum err catalogue_project_ids(struct db *db, struct arena *a, struct project_id **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, SQL_PROJECT_IDS);
	if (!st)
		return ERR_DB;
	size_t cap = 64, k = 0;
	struct project_id *ps = arena_alloc(a, cap * sizeof(*ps));
	int rc;
	while ((rc = db_step(st)) == 1) {
		if (k == cap)
			ps = arena_grow(a, ps, k, cap *= 2, sizeof(*ps));
		ps[k++] = (struct project_id){db_col_int(st, 0), arena_strdup(a, db_col_text(st, 1))};
	}
	*out = ps;
	*n = k;
	return rc < 0 ? ERR_DB : ERR_OK;
}
