/* queries.c - see queries.h. All SQL of the catalogue lives here. */
#include "catalogue/queries.h"

#include <pthread.h>
#include <string.h>

#include "catalogue/ncp_file.h"
#include "core/acyear.h"
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

/* ---- loading a year's catalogue ---- */

static const char SQL_YEAR_ENSURE[] =
	"INSERT INTO academic_years (code, starts_on, ends_on) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING";
static const char SQL_PROJECT_OF_CODE[] =
	"SELECT p.id, y.code, p.title, p.kind, p.develops_llmes FROM projects p "
	"JOIN academic_years y ON y.id = p.academic_year_id WHERE p.code = $1";
static const char SQL_PROJECT_PHASES[] =
	"SELECT pp.phase FROM project_phases pp WHERE pp.project_id = $1 ORDER BY " PHASE_ORDER;
static const char SQL_PROJECT_INSERT[] =
	"INSERT INTO projects (code, academic_year_id, title, kind, develops_llmes) "
	"VALUES ($1, (SELECT id FROM academic_years WHERE code = $2), $3, $4, $5) RETURNING id";
static const char SQL_PROJECT_UPDATE[] =
	"UPDATE projects SET title = $2, kind = $3, develops_llmes = $4 WHERE id = $1";
static const char SQL_PHASES_CLEAR[] = "DELETE FROM project_phases WHERE project_id = $1";
static const char SQL_PHASE_INSERT[] = "INSERT INTO project_phases (project_id, phase) VALUES ($1, $2)";
static const char SQL_YEAR_PROJECTS[] =
	"SELECT p.id, p.code FROM projects p JOIN academic_years y ON y.id = p.academic_year_id "
	"WHERE y.code = $1 ORDER BY p.code";
static const char SQL_PROJECT_DELETE[] = "DELETE FROM projects WHERE id = $1";
/* Every foreign key to projects (one column each), but project_phases' */
static const char SQL_REFS_SQLITE[] =
	"SELECT m.name, f.\"from\" FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f "
	"WHERE m.type = 'table' AND f.\"table\" = 'projects' AND m.name <> 'project_phases' "
	"AND upper(f.on_delete) <> 'CASCADE' ORDER BY 1, 2";
static const char SQL_REFS_POSTGRESQL[] =
	"SELECT r.relname, a.attname FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid "
	"JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
	"WHERE c.contype = 'f' AND c.confrelid = 'projects'::regclass AND r.relname <> 'project_phases' "
	"AND c.confdeltype <> 'c' ORDER BY 1, 2";

/* The setting (project_tfm) of the NCP numbered $1 ("08" of "NCP26-08")
 * of the latest year before $2 (its first day) that has one so numbered;
 * path, stage and engagement NULL when that NCP has no setting row. */
static const char SQL_TFM_EARLIER[] =
	"SELECT t.path, t.stage, t.engagement FROM projects p JOIN academic_years y ON y.id = p.academic_year_id "
	"LEFT JOIN project_tfm t ON t.project_id = p.id WHERE substr(p.code, 1, 3) = 'NCP' "
	"AND substr(p.code, 6, 1) = '-' AND substr(p.code, 7) = $1 AND y.starts_on < $2 "
	"ORDER BY y.starts_on DESC LIMIT 1";
static const char SQL_TFM_SET[] =
	"INSERT INTO project_tfm (project_id, path, stage, engagement, changed_at) "
	"SELECT id, $2, $3, $4, $5 FROM projects WHERE code = $1 ON CONFLICT (project_id) DO NOTHING";

static const char SQL_YEAR_SKTM[] =
	"UPDATE projects SET sktm = CASE WHEN kind = 'Programme' AND title LIKE 'Specialist Knowledge for Teaching "
	"Mathematics%' THEN 1 ELSE 0 END WHERE academic_year_id = (SELECT id FROM academic_years WHERE code = $1)";

enum err catalogue_year_sktm(struct db *db, int year)
{
	char code[8];
	acyear_code(year, code);
	return db_run(db, SQL_YEAR_SKTM, DB_S(code));
}

enum err catalogue_year_ensure(struct db *db, int year)
{
	char code[8], first[11], last[11];
	acyear_code(year, code);
	acyear_bounds(year, first, last);
	return db_run(db, SQL_YEAR_ENSURE, DB_S(code), DB_S(first), DB_S(last));
}

static enum err put_phases(struct db *db, int64_t id, const struct ncp_row *row)
{
	enum err e = ERR_OK;
	for (size_t i = 0; !e && i < row->nphases; i++)
		e = db_run(db, SQL_PHASE_INSERT, DB_I(id), DB_S(row->phases[i]));
	return e;
}

enum err catalogue_project_put(struct db *db, struct arena *a, const struct ncp_row *row, const char *year,
			       enum ncp_outcome *out, const char **was)
{
	*was = "";
	struct db_stmt *st = db_prepare(db, SQL_PROJECT_OF_CODE);
	if (!st || db_bind_text(st, 1, row->code))
		return ERR_DB;
	int rc = db_step(st);
	if (rc < 0)
		return ERR_DB;
	if (rc == 0) {
		st = db_prepare(db, SQL_PROJECT_INSERT);
		if (!st || db_bind_text(st, 1, row->code) || db_bind_text(st, 2, year) || db_bind_text(st, 3, row->title) ||
		    db_bind_text(st, 4, row->kind) || db_bind_int(st, 5, row->develops_llmes) || db_step(st) != 1)
			return ERR_DB;
		int64_t id = db_col_int(st, 0);
		if (db_step(st) != 0)
			return ERR_DB;
		*out = NCP_ADDED;
		return put_phases(db, id, row);
	}
	int64_t id = db_col_int(st, 0);
	bool other_year = strcmp(db_col_text(st, 1), year) != 0;
	const char *title = arena_strdup(a, db_col_text(st, 2)), *kind = arena_strdup(a, db_col_text(st, 3));
	bool llmes = db_col_int(st, 4) != 0;
	if (db_step(st) != 0)
		return ERR_DB;
	if (other_year)
		return ERR_CONFLICT;
	const char *had = "", *mine = "";
	st = db_prepare(db, SQL_PROJECT_PHASES);
	if (!st || db_bind_int(st, 1, id))
		return ERR_DB;
	while ((rc = db_step(st)) == 1)
		had = arena_printf(a, "%s%s%s", had, had[0] ? ", " : "", db_col_text(st, 0));
	for (size_t i = 0; i < row->nphases; i++)
		mine = arena_printf(a, "%s%s%s", mine, i ? ", " : "", row->phases[i]);
	bool same_phases = !strcmp(had, mine);
	if (rc < 0)
		return ERR_DB;
	const char *diff = "";
	if (strcmp(title, row->title))
		diff = arena_printf(a, "title \"%s\"", title);
	if (strcmp(kind, row->kind))
		diff = arena_printf(a, "%s%skind %s", diff, diff[0] ? "; " : "", kind);
	if (llmes != row->develops_llmes)
		diff = arena_printf(a, "%s%sdevelops_llmes %s", diff, diff[0] ? "; " : "", llmes ? "yes" : "no");
	if (!same_phases)
		diff = arena_printf(a, "%s%sphases %s", diff, diff[0] ? "; " : "", had);
	*out = diff[0] ? NCP_CHANGED : NCP_UNCHANGED;
	*was = diff;
	if (!diff[0])
		return ERR_OK;
	enum err e = db_run(db, SQL_PROJECT_UPDATE, DB_I(id), DB_S(row->title), DB_S(row->kind), DB_I(row->develops_llmes));
	if (!e && !same_phases && !(e = db_run(db, SQL_PHASES_CLEAR, DB_I(id))))
		e = put_phases(db, id, row);
	return e;
}

enum err catalogue_year_projects(struct db *db, struct arena *a, const char *year, struct project_id **out,
				 size_t *n)
{
	struct db_stmt *st = db_prepare(db, SQL_YEAR_PROJECTS);
	if (!st || db_bind_text(st, 1, year))
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

/* SQL made from the schema's names is prepared like any other (db_prepare
 * caches by the address of its text), so each text is kept for the life
 * of the process, once: a few foreign keys' worth. */
#define HELD_SQL_MAX 64
static const char *held_sql(const char *sql)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	static char *held[HELD_SQL_MAX];
	static size_t n;
	const char *found = NULL;
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < n && !found; i++)
		if (!strcmp(held[i], sql))
			found = held[i];
	if (!found && n < HELD_SQL_MAX)
		found = held[n++] = xstrdup(sql);
	pthread_mutex_unlock(&lock);
	return found;
}

/* name as an SQL identifier: "name", its quotes doubled. */
static const char *quoted(struct arena *a, const char *name)
{
	size_t n = strlen(name), k = 0;
	char *q = arena_alloc(a, 2 * n + 3);
	q[k++] = '"';
	for (size_t i = 0; i < n; i++) {
		if (name[i] == '"')
			q[k++] = '"';
		q[k++] = name[i];
	}
	q[k++] = '"';
	q[k] = '\0';
	return q;
}

enum err catalogue_project_refs(struct db *db, struct arena *a, int64_t id, const char **what)
{
	*what = NULL;
	struct db_stmt *st = db_prepare(db, strcmp(db_dialect(db), "postgresql") ? SQL_REFS_SQLITE : SQL_REFS_POSTGRESQL);
	if (!st)
		return ERR_DB;
	const char *tables[32], *cols[32];
	size_t n = 0;
	int rc;
	while ((rc = db_step(st)) == 1)
		if (n < ARRAY_LEN(tables)) {
			tables[n] = arena_strdup(a, db_col_text(st, 0));
			cols[n++] = arena_strdup(a, db_col_text(st, 1));
		}
	if (rc < 0)
		return ERR_DB;
	const char *said = "";
	for (size_t i = 0; i < n; i++) {
		const char *sql = held_sql(arena_printf(a, "SELECT count(*) FROM %s WHERE %s = $1", quoted(a, tables[i]),
						       quoted(a, cols[i])));
		if (!sql || !(st = db_prepare(db, sql)) || db_bind_int(st, 1, id) || db_step(st) != 1)
			return ERR_DB;
		int64_t count = db_col_int(st, 0);
		if (db_step(st) != 0)
			return ERR_DB;
		if (count)
			said = arena_printf(a, "%s%s%lld %s of %s%s%s", said, said[0] ? ", " : "", (long long)count,
					    said[0] ? "" : count == 1 ? "row" : "rows", tables[i],
					    strcmp(cols[i], "project_id") ? " " : "", strcmp(cols[i], "project_id") ? cols[i] : "");
	}
	*what = said[0] ? said : NULL;
	return ERR_OK;
}

enum err catalogue_project_delete(struct db *db, int64_t id)
{
	return db_run(db, SQL_PROJECT_DELETE, DB_I(id));
}

enum err catalogue_tfm_inherit(struct db *db, struct arena *a, const char *code, int year, bool *found,
			       const char **path, const char **stage, const char **engagement)
{
	*found = false;
	*path = *stage = *engagement = NULL;
	const char *dash = strchr(code, '-');
	if (strncmp(code, "NCP", 3) || !dash || dash - code != 5)
		return ERR_OK;
	char first[11], last[11];
	acyear_bounds(year, first, last);
	struct db_stmt *st = db_query(db, SQL_TFM_EARLIER, DB_S(dash + 1), DB_S(first));
	if (!st)
		return ERR_DB;
	int rc = db_step(st);
	if (rc == 1) {
		*found = true;
		*path = db_col_is_null(st, 0) ? NULL : arena_strdup(a, db_col_text(st, 0));
		*stage = db_col_is_null(st, 1) ? NULL : arena_strdup(a, db_col_text(st, 1));
		*engagement = db_col_is_null(st, 2) ? NULL : arena_strdup(a, db_col_text(st, 2));
	}
	while (rc == 1)
		rc = db_step(st);
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err catalogue_tfm_set(struct db *db, const char *code, const char *path, const char *stage,
			   const char *engagement, int64_t now)
{
	return db_run(db, SQL_TFM_SET, DB_S(code), DB_S(path), DB_S(stage), DB_S(engagement), DB_I(now));
}
