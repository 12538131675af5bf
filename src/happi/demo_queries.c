/* demo_queries.c - see demo_queries.h. */
#include "happi/demo_queries.h"

#include <string.h>

#include "core/acyear.h"
#include "core/arena.h"
#include "db/db.h"
#include "db/rows.h"
#include "demo/demo.h"

static const char SQL_NCPS[] =
	"SELECT p.id, y.code, p.code, p.title, p.kind, p.sktm, p.develops_llmes FROM projects p "
	"JOIN academic_years y ON y.id = p.academic_year_id ORDER BY p.id";
/* the activities a form is made for: linked to an NCP, not cancelled */
#define LINKED "a.project_id IS NOT NULL AND a.status <> 'cancelled'"
static const char SQL_ACTIVITIES[] =
	"SELECT a.id, a.project_id, a.lead_hub_id, a.mhlm_link_id, a.first_year, a.last_year, a.n_schools, "
	"a.n_participants, a.kind FROM activities a WHERE " LINKED " ORDER BY a.id";
static const char SQL_LEADS[] =
	"SELECT l.activity_id, l.person_id FROM activity_leads l JOIN activities a ON a.id = l.activity_id "
	"WHERE " LINKED " ORDER BY l.activity_id, l.person_id";
static const char SQL_SESSIONS[] =
	"SELECT s.activity_id, s.starts_at, s.ends_at, s.purpose FROM activity_sessions s "
	"JOIN activities a ON a.id = s.activity_id WHERE " LINKED " AND s.cancelled_at IS NULL "
	"ORDER BY s.activity_id, s.starts_at, s.id";

static const char SQL_OUTCOMES[] =
	"INSERT INTO ncp_outcomes (project_id, kind, position, text, created_by, created_at, updated_by, updated_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
static const char SQL_DUE[] =
	"INSERT INTO happi_due (year, planning_due, final_due, set_by, set_at) VALUES ($1, $2, $3, $4, $5)";
static const char SQL_FORMS[] =
	"INSERT INTO happi_forms (activity_id, year, status, version, content, submitted_by, planning_submitted_at, "
	"planning_agreed_at, final_submitted_at, reviewed_at, updated_by, updated_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
static const char SQL_VERSIONS[] =
	"INSERT INTO happi_versions (activity_id, year, version, action, status, comment, content, saved_by, saved_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
static const char SQL_QA[] =
	"INSERT INTO happi_qa_notes (activity_id, year, kind, mechanism, visited_on, body, written_by, written_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
static const char SQL_JUDGEMENTS[] =
	"INSERT INTO happi_judgements (activity_id, year, position, kind, judgement) VALUES ($1, $2, $3, $4, $5)";
static const char SQL_OUTCOME_IDS[] = "SELECT id FROM ncp_outcomes ORDER BY id";

static const char *const single[HAPPIDEMO_NTABLES] = {
	[HAPPIDEMO_OUTCOMES] = SQL_OUTCOMES, [HAPPIDEMO_DUE] = SQL_DUE, [HAPPIDEMO_FORMS] = SQL_FORMS,
	[HAPPIDEMO_VERSIONS] = SQL_VERSIONS, [HAPPIDEMO_QA] = SQL_QA, [HAPPIDEMO_JUDGEMENTS] = SQL_JUDGEMENTS};
static const size_t columns[HAPPIDEMO_NTABLES] = {
	[HAPPIDEMO_OUTCOMES] = HAPPIDEMO_OUTCOME_COLUMNS, [HAPPIDEMO_DUE] = HAPPIDEMO_DUE_COLUMNS,
	[HAPPIDEMO_FORMS] = HAPPIDEMO_FORM_COLUMNS, [HAPPIDEMO_VERSIONS] = HAPPIDEMO_VERSION_COLUMNS,
	[HAPPIDEMO_QA] = HAPPIDEMO_QA_COLUMNS, [HAPPIDEMO_JUDGEMENTS] = HAPPIDEMO_JUDGEMENT_COLUMNS};

enum err happidemo_insert(struct db *db, enum happidemo_table t, const struct demo_rows *rows)
{
	if ((size_t)t >= HAPPIDEMO_NTABLES || rows->cols != columns[t])
		return ERR_SYSTEM;
	return db_insert_many(db, single[t], rows->v, rows->n, columns[t]);
}

enum err happidemo_ncps(struct db *db, struct arena *a, struct happidemo_ncp **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = db_prepare(db, SQL_NCPS);
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		int y;
		if (!acyear_parse(db_col_text(st, 1), &y))
			continue;
		*out = arena_room(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct happidemo_ncp){
			.id = db_col_int(st, 0), .year = y, .code = arena_strdup(a, db_col_text(st, 2)),
			.title = arena_strdup(a, db_col_text(st, 3)), .kind = arena_strdup(a, db_col_text(st, 4)),
			.sktm = db_col_int(st, 5) != 0, .develops_llmes = db_col_int(st, 6) != 0};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

/* The kinds are few: one copy each. */
static const char *kind_of(struct arena *a, const char *k, const char **seen, size_t *nseen)
{
	for (size_t i = 0; i < *nseen; i++)
		if (!strcmp(seen[i], k))
			return seen[i];
	const char *s = arena_strdup(a, k);
	if (*nseen < 8)
		seen[(*nseen)++] = s;
	return s;
}

/* The activity of id among acts (by id), walking on from *k: leads and
 * sessions come in the activities' order. NULL: none (not one of them). */
static struct happidemo_activity *owner(struct happidemo_activity *acts, size_t n, size_t *k, int64_t id)
{
	while (*k < n && acts[*k].id < id)
		(*k)++;
	return *k < n && acts[*k].id == id ? &acts[*k] : NULL;
}

enum err happidemo_activities(struct db *db, struct arena *a, struct happidemo_activity **out, size_t *n,
			      int64_t **leads, size_t *nleads, struct happidemo_session **sessions, size_t *nsessions)
{
	*out = NULL;
	*leads = NULL;
	*sessions = NULL;
	*n = *nleads = *nsessions = 0;
	struct db_stmt *st = db_prepare(db, SQL_ACTIVITIES);
	if (!st)
		return ERR_DB;
	const char *kinds[8];
	size_t nkinds = 0, cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		*out = arena_room(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct happidemo_activity){
			.id = db_col_int(st, 0), .project_id = db_col_int(st, 1), .hub_id = db_col_int(st, 2),
			.link = db_col_is_null(st, 3) ? 0 : db_col_int(st, 3), .first_year = (int)db_col_int(st, 4),
			.last_year = (int)db_col_int(st, 5), .schools = db_col_int(st, 6),
			.participants = db_col_int(st, 7), .kind = kind_of(a, db_col_text(st, 8), kinds, &nkinds)};
	}
	if (rc < 0)
		return (enum err)rc;
	if (!(st = db_prepare(db, SQL_LEADS)))
		return ERR_DB;
	size_t k = 0;
	cap = 0;
	struct happidemo_activity *x;
	while ((rc = db_step(st)) == 1) {
		if (!(x = owner(*out, *n, &k, db_col_int(st, 0))))
			continue;
		*leads = arena_room(a, *leads, *nleads, &cap, sizeof(**leads));
		if (!x->nleads++)
			x->lead0 = *nleads;
		(*leads)[(*nleads)++] = db_col_int(st, 1);
	}
	if (rc < 0)
		return (enum err)rc;
	if (!(st = db_prepare(db, SQL_SESSIONS)))
		return ERR_DB;
	k = 0;
	cap = 0;
	while ((rc = db_step(st)) == 1) {
		if (!(x = owner(*out, *n, &k, db_col_int(st, 0))))
			continue;
		*sessions = arena_room(a, *sessions, *nsessions, &cap, sizeof(**sessions));
		if (!x->nsessions++)
			x->session0 = *nsessions;
		(*sessions)[(*nsessions)++] = (struct happidemo_session){
			db_col_int(st, 1), db_col_int(st, 2),
			db_col_is_null(st, 3) ? NULL : arena_strdup(a, db_col_text(st, 3))};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

static const char SQL_SET_ASIDE_PG[] =
	"SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname), "
	"format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) "
	"FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text IN "
	"('happi_forms', 'happi_versions', 'happi_qa_notes') ORDER BY conrelid::regclass::text, conname";

enum err happidemo_load_begin(struct db *db, struct arena *a, struct demo_aside *l)
{
	return demo_aside_begin(db, a, strcmp(db_dialect(db), "sqlite") ? SQL_SET_ASIDE_PG : NULL, l);
}

enum err happidemo_outcome_ids(struct db *db, int64_t *out, size_t n)
{
	return db_ids(db, SQL_OUTCOME_IDS, out, n);
}
