/* journey_queries.c - see journey_queries.h: the SQL of a school's journey
 * and history, the manual history and the per-NCP settings. */
#include "activities/journey_queries.h"

#include <string.h>

#include "core/acyear.h"
#include "core/arena.h"
#include "db/db.h"

/* A lineage is read URN_SLOTS URNs to a statement (fixed placeholders; an
 * unused slot is "", never a URN): one statement for a school and its
 * predecessors unless the chain is longer than that. */
#define URN_SLOTS 8
#define URN_IN "($1, $2, $3, $4, $5, $6, $7, $8)"

/* The activity's phases as JOURNEY_PHASE_* bits. */
#define PHASE_BITS(id)                                                                                   \
	"(SELECT COALESCE(SUM(CASE ph.phase WHEN 'Primary' THEN 1 WHEN 'Secondary' THEN 2 ELSE 4 END), 0) " \
	"FROM activity_phases ph WHERE ph.activity_id = " id ")"
/* A mark of one kind, its session not cancelled. */
#define MARKS(kind) "sum(CASE WHEN se.id IS NOT NULL AND m.mark = '" kind "' THEN 1 ELSE 0 END)"
/* k: each school of the lineage's participants in each activity and their
 * marks, in one grouped join rather than five subqueries a row (PostgreSQL
 * planned those afresh on every read: 2.9 ms of the page's 5 at national
 * size, 0.03 ms now its plan is kept). */
#define TALLIES                                                                                          \
	"LEFT JOIN (SELECT ap.activity_id, ap.school_urn, count(DISTINCT ap.id) AS n, "                   \
	MARKS("present") " AS present, " MARKS("late") " AS late, " MARKS("absent") " AS absent, "       \
	MARKS("apologies") " AS apologies FROM activity_schools s2 JOIN activity_participants ap "        \
	"ON ap.activity_id = s2.activity_id AND ap.school_urn = s2.urn "                                  \
	"LEFT JOIN register_marks m ON m.participant_id = ap.id "                                         \
	"LEFT JOIN activity_sessions se ON se.id = m.session_id AND se.cancelled_at IS NULL "             \
	"WHERE s2.urn IN " URN_IN " GROUP BY ap.activity_id, ap.school_urn) k "                          \
	"ON k.activity_id = s.activity_id AND k.school_urn = s.urn "

static const char SQL_SCHOOL[] =
	"SELECT s.name, s.phase, s.type, s.status, COALESCE(v.hub_id, 0), h.code, h.name "
	"FROM school_hubs v JOIN schools s ON s.urn = v.urn LEFT JOIN hubs h ON h.id = v.hub_id WHERE v.urn = $1";

static const char SQL_ROWS[] =
	"SELECT s.urn, a.id, a.title, lh.name, p.code, a.first_year, a.last_year, a.status, t.path, t.stage, "
	"COALESCE(t.engagement, 'none'), " PHASE_BITS("a.id") ", s.joined_on, s.left_on, a.kind, lh.code, sh.name, "
	"COALESCE(k.n, 0), COALESCE(k.present, 0), COALESCE(k.late, 0), COALESCE(k.absent, 0), "
	"COALESCE(k.apologies, 0) FROM activity_schools s JOIN activities a ON a.id = s.activity_id "
	"LEFT JOIN projects p ON p.id = a.project_id LEFT JOIN project_tfm t ON t.project_id = a.project_id "
	"LEFT JOIN hubs lh ON lh.id = a.lead_hub_id LEFT JOIN hubs sh ON sh.id = s.hub_id " TALLIES
	"WHERE s.urn IN " URN_IN " ORDER BY a.first_year, a.last_year, a.id, s.urn";

static const char SQL_HUBS[] =
	"SELECT h.activity_id, h.hub_id FROM activity_schools s JOIN activity_hubs h ON h.activity_id = s.activity_id "
	"WHERE s.urn IN " URN_IN " ORDER BY h.activity_id, h.hub_id";

static const char SQL_ENTRIES[] =
	"SELECT e.id, e.urn, e.academic_year, e.path, e.stage, e.source, COALESCE(pe.name, ''), e.entered_at "
	"FROM journey_entries e LEFT JOIN people pe ON pe.id = e.entered_by "
	"WHERE e.urn IN " URN_IN " ORDER BY e.academic_year, e.path, e.id";

static const char SQL_ENTRY[] =
	"SELECT e.id, e.urn, e.academic_year, e.path, e.stage, e.source, COALESCE(pe.name, ''), e.entered_at "
	"FROM journey_entries e LEFT JOIN people pe ON pe.id = e.entered_by WHERE e.urn = $1 AND e.id = $2";

static const char SQL_ENTRY_EXISTS[] =
	"SELECT 1 FROM journey_entries WHERE urn = $1 AND academic_year = $2 AND path = $3";

static const char SQL_ENTRY_ADD[] =
	"INSERT INTO journey_entries (urn, academic_year, path, stage, source, entered_by, entered_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";

static const char SQL_ENTRY_REMOVE[] = "DELETE FROM journey_entries WHERE id = $1";

/* The latest year up to $1 (its first day) whose catalogue is loaded. */
static const char SQL_CATALOGUE[] =
	"SELECT p.code, t.path, t.stage, t.engagement, y.code FROM projects p "
	"JOIN academic_years y ON y.id = p.academic_year_id JOIN project_tfm t ON t.project_id = p.id "
	"WHERE y.starts_on = (SELECT max(y2.starts_on) FROM academic_years y2 WHERE y2.starts_on <= $1 "
	"AND EXISTS (SELECT 1 FROM projects p2 WHERE p2.academic_year_id = y2.id)) ORDER BY p.id";

static const char SQL_RECRUITING[] =
	"SELECT a.id, a.title, p.code, a.first_year, a.last_year FROM activity_hubs h "
	"JOIN activities a ON a.id = h.activity_id JOIN projects p ON p.id = a.project_id "
	"WHERE h.hub_id = $1 AND h.role IN ('lead', 'partner') AND a.status = 'recruiting' AND a.last_year >= $2 "
	"AND p.code IN ($3, $4, $5, $6) ORDER BY a.first_year, a.title, a.id LIMIT 20";

#define TFM_COLUMNS                                                                                     \
	"p.id, p.code, p.title, p.kind, y.code, t.path, t.stage, COALESCE(t.engagement, 'none'), "      \
	"CASE WHEN t.project_id IS NULL THEN 0 ELSE 1 END, pe.name, COALESCE(t.changed_at, 0), "          \
	"(SELECT COALESCE(SUM(CASE ph.phase WHEN 'Primary' THEN 1 WHEN 'Secondary' THEN 2 ELSE 4 END), 0) " \
	"FROM project_phases ph WHERE ph.project_id = p.id) "                                           \
	"FROM projects p JOIN academic_years y ON y.id = p.academic_year_id "                            \
	"LEFT JOIN project_tfm t ON t.project_id = p.id LEFT JOIN people pe ON pe.id = t.changed_by "
static const char SQL_TFM_ALL[] = "SELECT " TFM_COLUMNS "ORDER BY y.starts_on DESC, p.id";
static const char SQL_TFM_ONE[] = "SELECT " TFM_COLUMNS "WHERE p.code = $1";

static const char SQL_TFM_PUT[] =
	"INSERT INTO project_tfm (project_id, path, stage, engagement, changed_by, changed_at) "
	"VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (project_id) DO UPDATE SET path = excluded.path, "
	"stage = excluded.stage, engagement = excluded.engagement, changed_by = excluded.changed_by, "
	"changed_at = excluded.changed_at";

static const char *dup(struct arena *a, struct db_stmt *st, int col)
{
	return db_col_is_null(st, col) ? NULL : arena_strdup(a, db_col_text(st, col));
}

static enum err done(int rc)
{
	return rc < 0 ? (enum err)rc : ERR_OK;
}

/* The statement sql with URNs [from, from + URN_SLOTS) of urns bound. */
static struct db_stmt *by_urns(struct db *db, const char *sql, const char *const *urns, size_t n, size_t from)
{
	struct db_stmt *st = db_prepare(db, sql);
	for (size_t k = 0; st && k < URN_SLOTS; k++)
		if (db_bind_text(st, (int)k + 1, from + k < n ? urns[from + k] : ""))
			return NULL;
	return st;
}

static enum err read_school(struct db *db, struct arena *a, struct journey_data *d)
{
	struct db_stmt *st = db_query(db, SQL_SCHOOL, DB_S(d->urn));
	if (!st)
		return ERR_DB;
	int rc = db_step(st);
	if (rc == 1) {
		d->name = dup(a, st, 0);
		d->school.phase = dup(a, st, 1);
		d->school.special = tfm_special_type(db_col_text(st, 2));
		d->school.closed = !strcmp(db_col_text(st, 3), "closed");
		d->hub_id = db_col_int(st, 4);
		d->hub_code = dup(a, st, 5);
		d->hub_name = dup(a, st, 6);
	}
	enum err e = rc < 0 ? (enum err)rc : rc == 0 ? ERR_NOT_FOUND : ERR_OK;
	while (rc == 1)
		rc = db_step(st);
	return e ? e : done(rc);
}

static enum err read_rows(struct db *db, struct arena *a, const char *const *urns, size_t nurns, struct journey_data *d)
{
	size_t cap = 16;
	d->rows = arena_alloc(a, cap * sizeof(*d->rows));
	for (size_t from = 0; from < nurns; from += URN_SLOTS) {
		struct db_stmt *st = by_urns(db, SQL_ROWS, urns, nurns, from);
		if (!st)
			return ERR_DB;
		int rc;
		while ((rc = db_step(st)) == 1) {
			if (d->nrows == cap)
				d->rows = arena_grow(a, d->rows, d->nrows, cap *= 2, sizeof(*d->rows));
			struct journey_row *r = &d->rows[d->nrows++];
			*r = (struct journey_row){0};
			struct journey_activity *j = &r->j;
			j->urn = dup(a, st, 0);
			j->activity_id = db_col_int(st, 1);
			j->title = dup(a, st, 2);
			j->hub_name = dup(a, st, 3);
			j->ncp_code = dup(a, st, 4);
			j->first_year = (int)db_col_int(st, 5);
			j->last_year = (int)db_col_int(st, 6);
			j->status = dup(a, st, 7);
			if (!tfm_path_from_key(db_col_text(st, 8), &j->tfm.path) ||
			    !tfm_stage_from_key(db_col_text(st, 9), &j->tfm.stage) ||
			    !tfm_engagement_from_key(db_col_text(st, 10), &j->tfm.engagement))
				j->tfm = (struct tfm_setting){0};
			j->phases = (unsigned)db_col_int(st, 11);
			j->joined_on = dup(a, st, 12);
			j->left_on = dup(a, st, 13);
			r->kind = dup(a, st, 14);
			r->lead_hub_code = dup(a, st, 15);
			r->school_hub_name = dup(a, st, 16);
			r->n_participants = db_col_int(st, 17);
			r->marks = (struct mark_counts){db_col_int(st, 18), db_col_int(st, 19), db_col_int(st, 20),
							db_col_int(st, 21)};
		}
		if (rc < 0)
			return (enum err)rc;
	}
	return ERR_OK;
}

/* Each row's activity's hubs. */
static enum err read_hubs(struct db *db, struct arena *a, const char *const *urns, size_t nurns, struct journey_data *d)
{
	for (size_t from = 0; from < nurns; from += URN_SLOTS) {
		struct db_stmt *st = by_urns(db, SQL_HUBS, urns, nurns, from);
		if (!st)
			return ERR_DB;
		int rc;
		while ((rc = db_step(st)) == 1) {
			int64_t activity = db_col_int(st, 0), hub = db_col_int(st, 1);
			for (size_t i = 0; i < d->nrows; i++) {
				struct journey_row *r = &d->rows[i];
				if (r->j.activity_id != activity)
					continue;
				bool have = false;
				for (size_t k = 0; k < r->nhubs && !have; k++)
					have = r->hub_ids[k] == hub;
				if (have)
					continue;
				if (!(r->nhubs & (r->nhubs - 1))) /* 0, 1, 2, 4, ...: room to double */
					r->hub_ids = arena_grow(a, r->hub_ids, r->nhubs, r->nhubs ? r->nhubs * 2 : 1,
								sizeof(*r->hub_ids));
				r->hub_ids[r->nhubs++] = hub;
			}
		}
		if (rc < 0)
			return (enum err)rc;
	}
	return ERR_OK;
}

static void read_entry(struct db_stmt *st, struct arena *a, struct journey_entry_row *r)
{
	r->id = db_col_int(st, 0);
	r->e.urn = dup(a, st, 1);
	r->e.year = (int)db_col_int(st, 2);
	if (!tfm_path_from_key(db_col_text(st, 3), &r->e.path) || !tfm_stage_from_key(db_col_text(st, 4), &r->e.stage))
		r->e.path = TFM_PATH_NONE, r->e.stage = TFM_STAGE_NONE;
	r->e.source = dup(a, st, 5);
	r->entered_by = dup(a, st, 6);
	r->entered_at = db_col_int(st, 7);
}

static enum err read_entries(struct db *db, struct arena *a, const char *const *urns, size_t nurns,
			     struct journey_data *d)
{
	size_t cap = 8;
	d->entries = arena_alloc(a, cap * sizeof(*d->entries));
	for (size_t from = 0; from < nurns; from += URN_SLOTS) {
		struct db_stmt *st = by_urns(db, SQL_ENTRIES, urns, nurns, from);
		if (!st)
			return ERR_DB;
		int rc;
		while ((rc = db_step(st)) == 1) {
			if (d->nentries == cap)
				d->entries = arena_grow(a, d->entries, d->nentries, cap *= 2, sizeof(*d->entries));
			read_entry(st, a, &d->entries[d->nentries++]);
		}
		if (rc < 0)
			return (enum err)rc;
	}
	return ERR_OK;
}

enum err journey_data_read(struct db *db, struct arena *a, const char *urn, bool with_successors,
			   struct journey_data *d)
{
	*d = (struct journey_data){.urn = urn};
	d->school.urn = urn;
	enum err e = read_school(db, a, d);
	if (e)
		return e;
	/* a closed school's successors say where its history continues */
	if ((e = school_lineage(db, a, urn, with_successors || d->school.closed, &d->line)))
		return e;
	for (size_t i = 0; i < d->line.nsuccessors && !d->school.successor_urn; i++)
		if (d->line.successors[i].depth == 1)
			d->school.successor_urn = d->line.successors[i].urn;
	size_t nsucc = with_successors ? d->line.nsuccessors : 0;
	size_t nurns = 1 + d->line.npredecessors + nsucc;
	const char **urns = arena_alloc(a, nurns * sizeof(*urns));
	d->links = arena_alloc(a, (d->line.npredecessors + 1) * sizeof(*d->links));
	urns[0] = urn;
	for (size_t i = 0; i < d->line.npredecessors; i++) {
		urns[1 + i] = d->line.predecessors[i].urn;
		d->links[d->nlinks++] = (struct journey_link){d->line.predecessors[i].urn, true};
	}
	for (size_t i = 0; i < nsucc; i++)
		urns[1 + d->line.npredecessors + i] = d->line.successors[i].urn;
	if ((e = read_rows(db, a, urns, nurns, d)) || (with_successors && (e = read_hubs(db, a, urns, nurns, d))))
		return e;
	return read_entries(db, a, urns, nurns, d);
}

enum err journey_school_read(struct db *db, struct arena *a, const char *urn, struct journey_data *d)
{
	*d = (struct journey_data){.urn = urn};
	d->school.urn = urn;
	return read_school(db, a, d);
}

void journey_input_of(struct arena *a, const struct journey_data *d, int current_year,
		      const struct journey_ncp *catalogue, size_t ncatalogue, struct journey_input *in)
{
	struct journey_activity *acts = arena_alloc(a, (d->nrows + 1) * sizeof(*acts));
	struct journey_entry *entries = arena_alloc(a, (d->nentries + 1) * sizeof(*entries));
	for (size_t i = 0; i < d->nrows; i++)
		acts[i] = d->rows[i].j;
	for (size_t i = 0; i < d->nentries; i++)
		entries[i] = d->entries[i].e;
	*in = (struct journey_input){.school = d->school, .lineage = d->links, .nlineage = d->nlinks,
				     .activities = acts, .nactivities = d->nrows, .entries = entries,
				     .nentries = d->nentries, .current_year = current_year, .catalogue = catalogue,
				     .ncatalogue = ncatalogue};
}

enum err journey_catalogue(struct db *db, struct arena *a, int year, int *loaded, struct journey_ncp **out,
			   size_t *n)
{
	char first[11], last[11];
	acyear_bounds(year, first, last);
	*loaded = 0;
	*n = 0;
	size_t cap = 16;
	*out = arena_alloc(a, cap * sizeof(**out));
	struct db_stmt *st = db_query(db, SQL_CATALOGUE, DB_S(first));
	if (!st)
		return ERR_DB;
	int rc;
	while ((rc = db_step(st)) == 1) {
		struct journey_ncp c = {.code = dup(a, st, 0)};
		if (!tfm_path_from_key(db_col_text(st, 1), &c.tfm.path) ||
		    !tfm_stage_from_key(db_col_text(st, 2), &c.tfm.stage) ||
		    !tfm_engagement_from_key(db_col_text(st, 3), &c.tfm.engagement))
			continue;
		acyear_parse(db_col_text(st, 4), loaded);
		if (*n == cap)
			*out = arena_grow(a, *out, *n, cap *= 2, sizeof(**out));
		(*out)[(*n)++] = c;
	}
	return done(rc);
}

enum err journey_recruiting(struct db *db, struct arena *a, int64_t hub_id, const char *const *codes, size_t ncodes,
			    int year, struct journey_offer **out, size_t *n)
{
	*n = 0;
	*out = arena_alloc(a, 20 * sizeof(**out));
	if (!ncodes || !hub_id)
		return ERR_OK;
	const char *c[4];
	for (size_t i = 0; i < 4; i++)
		c[i] = i < ncodes ? codes[i] : "";
	struct db_stmt *st = db_query(db, SQL_RECRUITING, DB_I(hub_id), DB_I(year), DB_S(c[0]), DB_S(c[1]), DB_S(c[2]),
				      DB_S(c[3]));
	if (!st)
		return ERR_DB;
	int rc;
	while ((rc = db_step(st)) == 1 && *n < 20)
		(*out)[(*n)++] = (struct journey_offer){db_col_int(st, 0), dup(a, st, 1), dup(a, st, 2),
							(int)db_col_int(st, 3), (int)db_col_int(st, 4)};
	while (rc == 1)
		rc = db_step(st);
	return done(rc);
}

enum err journey_entry_one(struct db *db, struct arena *a, const char *urn, int64_t id, struct journey_entry_row *out)
{
	struct db_stmt *st = db_query(db, SQL_ENTRY, DB_S(urn), DB_I(id));
	if (!st)
		return ERR_DB;
	int rc = db_step(st);
	if (rc == 1)
		read_entry(st, a, out);
	enum err e = rc < 0 ? (enum err)rc : rc == 0 ? ERR_NOT_FOUND : ERR_OK;
	while (rc == 1)
		rc = db_step(st);
	return e ? e : done(rc);
}

enum err journey_entry_exists(struct db *db, const char *urn, int year, const char *path, bool *exists)
{
	struct db_stmt *st = db_query(db, SQL_ENTRY_EXISTS, DB_S(urn), DB_I(year), DB_S(path));
	if (!st)
		return ERR_DB;
	int rc = db_step(st);
	*exists = rc == 1;
	while (rc == 1)
		rc = db_step(st);
	return done(rc);
}

enum err journey_entry_add(struct db *db, const char *urn, int year, const char *path, const char *stage,
			   const char *source, int64_t by, int64_t now, int64_t *id)
{
	struct db_stmt *st = db_query(db, SQL_ENTRY_ADD, DB_S(urn), DB_I(year), DB_S(path), DB_S(stage), DB_S(source),
				      DB_I(by), DB_I(now));
	if (!st)
		return ERR_DB;
	int rc = db_step(st);
	if (rc == 1)
		*id = db_col_int(st, 0);
	while (rc == 1)
		rc = db_step(st);
	return done(rc);
}

enum err journey_entry_remove(struct db *db, int64_t id)
{
	return db_run(db, SQL_ENTRY_REMOVE, DB_I(id));
}

static void read_tfm(struct db_stmt *st, struct arena *a, struct tfm_ncp *t)
{
	*t = (struct tfm_ncp){.project_id = db_col_int(st, 0)};
	t->code = dup(a, st, 1);
	t->title = dup(a, st, 2);
	t->kind = dup(a, st, 3);
	t->year = dup(a, st, 4);
	if (!tfm_path_from_key(db_col_text(st, 5), &t->tfm.path) || !tfm_stage_from_key(db_col_text(st, 6), &t->tfm.stage) ||
	    !tfm_engagement_from_key(db_col_text(st, 7), &t->tfm.engagement))
		t->tfm = (struct tfm_setting){0};
	t->set = db_col_int(st, 8) != 0;
	t->changed_by = dup(a, st, 9);
	t->changed_at = db_col_int(st, 10);
	unsigned bits = (unsigned)db_col_int(st, 11);
	t->phases = arena_printf(a, "%s%s%s%s%s", bits & 1 ? "Primary" : "", bits & 1 && bits & 6 ? ", " : "",
				 bits & 2 ? "Secondary" : "", bits & 2 && bits & 4 ? ", " : "", bits & 4 ? "Post-16" : "");
}

enum err tfm_ncps_all(struct db *db, struct arena *a, struct tfm_ncp **out, size_t *n)
{
	*n = 0;
	size_t cap = 64;
	*out = arena_alloc(a, cap * sizeof(**out));
	struct db_stmt *st = db_prepare(db, SQL_TFM_ALL);
	if (!st)
		return ERR_DB;
	int rc;
	while ((rc = db_step(st)) == 1) {
		if (*n == cap)
			*out = arena_grow(a, *out, *n, cap *= 2, sizeof(**out));
		read_tfm(st, a, &(*out)[(*n)++]);
	}
	return done(rc);
}

enum err tfm_ncp_by_code(struct db *db, struct arena *a, const char *code, struct tfm_ncp *out)
{
	struct db_stmt *st = db_query(db, SQL_TFM_ONE, DB_S(code));
	if (!st)
		return ERR_DB;
	int rc = db_step(st);
	if (rc == 1)
		read_tfm(st, a, out);
	enum err e = rc < 0 ? (enum err)rc : rc == 0 ? ERR_NOT_FOUND : ERR_OK;
	while (rc == 1)
		rc = db_step(st);
	return e ? e : done(rc);
}

enum err tfm_setting_put(struct db *db, int64_t project_id, const char *path, const char *stage,
			 const char *engagement, int64_t by, int64_t now)
{
	return db_run(db, SQL_TFM_PUT, DB_I(project_id), DB_S(path), DB_S(stage), DB_S(engagement), DB_I(by), DB_I(now));
}
