/* activity_queries.c - see activity_queries.h and activities.h (activity_read). */
#include <stdio.h>
#include <string.h>

#include "activities/activity_queries.h"
#include "auth/perm.h"
#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "db/db.h"
#include "db/rows.h"

static const char SQL_ACTIVITY[] =
	"SELECT a.id, COALESCE(a.project_id, 0), p.code, p.title, a.kind, a.cohort, a.cohort_label, "
	"COALESCE(a.lead_hub_id, 0), h.code, h.name, COALESCE(a.region_id, 0), r.name, a.first_year, a.last_year, "
	"COALESCE(a.continues_id, 0), c.title, COALESCE((SELECT min(n.id) FROM activities n WHERE n.continues_id = a.id), 0), "
	"a.title, COALESCE(a.mhlm_link_id, 0), l.name, a.format, COALESCE(a.planned_sessions, 0), COALESCE(a.capacity, 0), "
	"a.capacity_of, a.status, a.cancel_reason, COALESCE(a.cancelled_at, 0), a.created_by, a.created_at, a.updated_at, "
	"a.n_schools, a.n_participants, a.n_sessions, a.n_sessions_held, a.n_present, a.n_late, a.n_absent, a.n_apologies, "
	"COALESCE((SELECT ap.id FROM activity_participants ap WHERE ap.activity_id = a.id AND ap.person_id = $2), 0) "
	"FROM activities a LEFT JOIN projects p ON p.id = a.project_id LEFT JOIN hubs h ON h.id = a.lead_hub_id "
	"LEFT JOIN regions r ON r.id = a.region_id LEFT JOIN activities c ON c.id = a.continues_id "
	"LEFT JOIN people l ON l.id = a.mhlm_link_id WHERE a.id = $1";
static const char SQL_PHASES[] =
	"SELECT phase FROM activity_phases WHERE activity_id = $1 "
	"ORDER BY CASE phase WHEN 'Primary' THEN 0 WHEN 'Secondary' THEN 1 ELSE 2 END";
static const char SQL_HUBS[] =
	"SELECT ah.hub_id, h.code, h.name, ah.role, ah.n_schools, ah.n_participants FROM activity_hubs ah "
	"JOIN hubs h ON h.id = ah.hub_id WHERE ah.activity_id = $1 "
	"ORDER BY CASE ah.role WHEN 'lead' THEN 0 WHEN 'partner' THEN 1 ELSE 2 END, h.name";
static const char SQL_LEADS[] =
	"SELECT l.person_id, p.name, p.email, l.role, pd.state, sd.state FROM activity_leads l "
	"JOIN people p ON p.id = l.person_id "
	"LEFT JOIN llme_accreditations pd ON pd.person_id = l.person_id AND pd.accreditation = 'pd_lead' "
	"LEFT JOIN llme_accreditations sd ON sd.person_id = l.person_id AND sd.accreditation = 'sd_lead' "
	"WHERE l.activity_id = $1 ORDER BY p.name, p.id";
static const char SQL_SCHOOL_TAKES_PART[] = "SELECT 1 FROM activity_schools WHERE activity_id = $1 AND urn = $2";

static const char SQL_YEAR_LOADED[] =
	"SELECT COALESCE(max(CAST(substr(y.code, 1, 4) AS INTEGER)), 0) FROM academic_years y "
	"WHERE CAST(substr(y.code, 1, 4) AS INTEGER) <= $1 AND EXISTS (SELECT 1 FROM projects p WHERE p.academic_year_id = y.id)";
static const char SQL_NCPS[] =
	"SELECT p.id, p.code, p.title, p.kind, "
	"CASE WHEN EXISTS (SELECT 1 FROM project_phases ph WHERE ph.project_id = p.id AND ph.phase = 'Primary') THEN 1 ELSE 0 END, "
	"CASE WHEN EXISTS (SELECT 1 FROM project_phases ph WHERE ph.project_id = p.id AND ph.phase = 'Secondary') THEN 1 ELSE 0 END, "
	"CASE WHEN EXISTS (SELECT 1 FROM project_phases ph WHERE ph.project_id = p.id AND ph.phase = 'Post-16') THEN 1 ELSE 0 END "
	"FROM projects p JOIN academic_years y ON y.id = p.academic_year_id WHERE y.code = $1 ORDER BY p.id";
static const char SQL_HUBS_ALL[] = "SELECT id, code, name FROM hubs ORDER BY name";
static const char SQL_HUB_BY_CODE[] = "SELECT id, code, name FROM hubs WHERE code = $1";
static const char SQL_HUB_LLMES[] =
	"SELECT p.id, p.email, p.name, pd.state FROM people p "
	"LEFT JOIN llme_accreditations pd ON pd.person_id = p.id AND pd.accreditation = 'pd_lead' "
	"WHERE p.active = 1 AND p.id IN (SELECT person_id FROM role_grants WHERE hub_id = $1 AND role = 'llme') "
	"ORDER BY p.name, p.id";
static const char SQL_HUB_LEADERS[] =
	"SELECT p.id, p.email, p.name FROM people p WHERE p.active = 1 AND p.id IN "
	"(SELECT person_id FROM role_grants WHERE hub_id = $1 AND role IN ('mhl', 'amhl', 'hub_manager')) "
	"ORDER BY p.name, p.id";

static const char SQL_INSERT[] =
	"INSERT INTO activities (project_id, kind, cohort, cohort_label, lead_hub_id, region_id, first_year, last_year, "
	"continues_id, title, mhlm_link_id, format, planned_sessions, capacity, capacity_of, status, created_by, "
	"created_at, updated_at) VALUES ($1, $2, $3, $4, $5, (SELECT region_id FROM hubs WHERE id = $5 AND $3 = 'regional'), "
	"$6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17) RETURNING id";
static const char SQL_UPDATE[] =
	"UPDATE activities SET first_year = $2, last_year = $3, title = $4, mhlm_link_id = $5, format = $6, "
	"planned_sessions = $7, capacity = $8, capacity_of = $9, status = $10, cohort_label = $11, updated_at = $12 "
	"WHERE id = $1";
static const char SQL_PHASES_CLEAR[] = "DELETE FROM activity_phases WHERE activity_id = $1";
static const char SQL_PHASE_ADD[] = "INSERT INTO activity_phases (activity_id, phase) VALUES ($1, $2)";
static const char SQL_LEADS_CLEAR[] = "DELETE FROM activity_leads WHERE activity_id = $1";
static const char SQL_LEAD_ADD[] =
	"INSERT INTO activity_leads (activity_id, person_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
static const char SQL_CANCEL[] =
	"UPDATE activities SET status = 'cancelled', cancel_reason = $2, cancelled_at = $3, cancelled_by = $4, "
	"updated_at = $3 WHERE id = $1 AND status <> 'cancelled' RETURNING id";

static void activity_row(struct arena *a, struct db_stmt *st, struct activity *x)
{
	int c = 0;
	*x = (struct activity){0};
	x->id = db_col_int(st, c++);
	x->project_id = db_col_int(st, c++);
	x->project_code = db_col_text_or_null(a, st, c++);
	x->project_title = db_col_text_or_null(a, st, c++);
	x->kind = db_col_text_or_null(a, st, c++);
	x->cohort = db_col_text_or_null(a, st, c++);
	x->cohort_label = db_col_text_or_null(a, st, c++);
	x->lead_hub_id = db_col_int(st, c++);
	x->lead_hub_code = db_col_text_or_null(a, st, c++);
	x->lead_hub_name = db_col_text_or_null(a, st, c++);
	x->region_id = db_col_int(st, c++);
	x->region_name = db_col_text_or_null(a, st, c++);
	x->first_year = (int)db_col_int(st, c++);
	x->last_year = (int)db_col_int(st, c++);
	x->continues_id = db_col_int(st, c++);
	x->continues_title = db_col_text_or_null(a, st, c++);
	x->continued_by = db_col_int(st, c++);
	x->title = db_col_text_or_null(a, st, c++);
	x->mhlm_link_id = db_col_int(st, c++);
	x->mhlm_link_name = db_col_text_or_null(a, st, c++);
	x->format = db_col_text_or_null(a, st, c++);
	x->planned_sessions = db_col_int(st, c++);
	x->capacity = db_col_int(st, c++);
	x->capacity_of = db_col_text_or_null(a, st, c++);
	x->status = db_col_text_or_null(a, st, c++);
	x->cancel_reason = db_col_text_or_null(a, st, c++);
	x->cancelled_at = db_col_int(st, c++);
	x->created_by = db_col_int(st, c++);
	x->created_at = db_col_int(st, c++);
	x->updated_at = db_col_int(st, c++);
	x->n_schools = db_col_int(st, c++);
	x->n_participants = db_col_int(st, c++);
	x->n_sessions = db_col_int(st, c++);
	x->n_sessions_held = db_col_int(st, c++);
	x->n_present = db_col_int(st, c++);
	x->n_late = db_col_int(st, c++);
	x->n_absent = db_col_int(st, c++);
	x->n_apologies = db_col_int(st, c++);
	x->own_participant_id = db_col_int(st, c++);
}

static void phase_row(struct arena *a, struct db_stmt *st, void *el)
{
	*(const char **)el = arena_strdup(a, db_col_text(st, 0));
}

static void hub_row(struct arena *a, struct db_stmt *st, void *el)
{
	*(struct activity_hub *)el = (struct activity_hub){
		db_col_int(st, 0), arena_strdup(a, db_col_text(st, 1)), arena_strdup(a, db_col_text(st, 2)),
		arena_strdup(a, db_col_text(st, 3)), db_col_int(st, 4), db_col_int(st, 5)};
}

static void lead_row(struct arena *a, struct db_stmt *st, void *el)
{
	*(struct activity_lead *)el = (struct activity_lead){
		db_col_int(st, 0), arena_strdup(a, db_col_text(st, 1)), arena_strdup(a, db_col_text(st, 2)),
		arena_strdup(a, db_col_text(st, 3)), db_col_text_or_null(a, st, 4), db_col_text_or_null(a, st, 5)};
}

enum err activity_read(struct db *db, struct arena *a, int64_t id, const struct session *s, struct activity *out)
{
	int64_t self = s ? s->person_id : 0;
	struct db_stmt *st = db_query(db, SQL_ACTIVITY, DB_I(id), DB_I(self));
	int rc = st ? db_step(st) : ERR_DB;
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_NOT_FOUND;
	activity_row(a, st, out);
	if ((rc = db_step(st)) < 0)
		return (enum err)rc;
	enum err e;
	if ((e = db_rows(db_query(db, SQL_PHASES, DB_I(id)), a, (void **)&out->phases, &out->nphases,
			 sizeof(*out->phases), phase_row)) ||
	    (e = db_rows(db_query(db, SQL_HUBS, DB_I(id)), a, (void **)&out->hubs, &out->nhubs, sizeof(*out->hubs),
			 hub_row)) ||
	    (e = db_rows(db_query(db, SQL_LEADS, DB_I(id)), a, (void **)&out->leads, &out->nleads,
			 sizeof(*out->leads), lead_row)))
		return e;
	/* the reader's schools that take part (a headteacher's) */
	for (size_t i = 0; s && i < s->ngrants; i++) {
		const char *urn = s->grants[i].school_urn;
		if (!urn)
			continue;
		if (!(st = db_query(db, SQL_SCHOOL_TAKES_PART, DB_I(id), DB_S(urn))) || (rc = db_step(st)) < 0)
			return ERR_DB;
		if (rc == 1) {
			out->reader_urns = arena_grow(a, out->reader_urns, out->nreader_urns, out->nreader_urns + 1,
						      sizeof(*out->reader_urns));
			out->reader_urns[out->nreader_urns++] = urn;
			if (db_step(st) < 0)
				return ERR_DB;
		}
	}
	return ERR_OK;
}

static void ncp_row(struct arena *a, struct db_stmt *st, void *el)
{
	static const char *const phases[] = {"Primary", "Secondary", "Post-16"};
	const char *list = "";
	for (int i = 0; i < 3; i++)
		if (db_col_int(st, 4 + i))
			list = arena_printf(a, "%s%s%s", list, list[0] ? ";" : "", phases[i]);
	*(struct activity_option *)el = (struct activity_option){
		.id = db_col_int(st, 0), .code = arena_strdup(a, db_col_text(st, 1)), .name = arena_strdup(a, db_col_text(st, 2)),
		.kind = arena_strdup(a, db_col_text(st, 3)), .phases = list};
}

enum err activity_ncps(struct db *db, struct arena *a, int year, int *loaded, struct activity_option **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = db_query(db, SQL_YEAR_LOADED, DB_I(year));
	int rc = st ? db_step(st) : ERR_DB;
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_DB;
	*loaded = (int)db_col_int(st, 0);
	if (db_step(st) < 0)
		return ERR_DB;
	if (!*loaded)
		return ERR_OK;
	char code[8];
	acyear_code(*loaded, code);
	return db_rows(db_query(db, SQL_NCPS, DB_S(code)), a, (void **)out, n, sizeof(**out), ncp_row);
}

static void hub_option_row(struct arena *a, struct db_stmt *st, void *el)
{
	*(struct activity_option *)el = (struct activity_option){
		.id = db_col_int(st, 0), .code = arena_strdup(a, db_col_text(st, 1)), .name = arena_strdup(a, db_col_text(st, 2))};
}

enum err activity_hubs_all(struct db *db, struct arena *a, struct activity_option **out, size_t *n)
{
	return db_rows(db_prepare(db, SQL_HUBS_ALL), a, (void **)out, n, sizeof(**out), hub_option_row);
}

enum err activity_hub_by_code(struct db *db, struct arena *a, const char *code, struct activity_option *out)
{
	struct db_stmt *st = db_query(db, SQL_HUB_BY_CODE, DB_S(code));
	int rc = st ? db_step(st) : ERR_DB;
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_NOT_FOUND;
	hub_option_row(a, st, out);
	return db_step(st) < 0 ? ERR_DB : ERR_OK;
}

static void llme_row(struct arena *a, struct db_stmt *st, void *el)
{
	const char *pd = db_col_is_null(st, 3) ? NULL : db_col_text(st, 3);
	*(struct activity_option *)el = (struct activity_option){
		.id = db_col_int(st, 0), .code = arena_strdup(a, db_col_text(st, 1)), .name = arena_strdup(a, db_col_text(st, 2)),
		.note = !pd ? "has not started the PD Lead Programme"
		    : strcmp(pd, "accredited") ? "is working towards PD Lead accreditation" : NULL};
}

enum err activity_hub_llmes(struct db *db, struct arena *a, int64_t hub_id, struct activity_option **out, size_t *n)
{
	return db_rows(db_query(db, SQL_HUB_LLMES, DB_I(hub_id)), a, (void **)out, n, sizeof(**out), llme_row);
}

enum err activity_hub_leaders(struct db *db, struct arena *a, int64_t hub_id, struct activity_option **out, size_t *n)
{
	return db_rows(db_query(db, SQL_HUB_LEADERS, DB_I(hub_id)), a, (void **)out, n, sizeof(**out), hub_option_row);
}

static struct db_value id_or_null(int64_t v)
{
	return v ? DB_I(v) : DB_NULL;
}

/* Its phases and leads, replacing any. */
static enum err phases_and_leads(struct db *db, int64_t id, const struct activity_fields *f)
{
	enum err e;
	if ((e = db_run(db, SQL_PHASES_CLEAR, DB_I(id))) || (e = db_run(db, SQL_LEADS_CLEAR, DB_I(id))))
		return e;
	for (size_t i = 0; i < f->nphases; i++)
		if ((e = db_run(db, SQL_PHASE_ADD, DB_I(id), DB_S(f->phases[i]))))
			return e;
	const char *role = strcmp(f->cohort, "none") ? "cohort_lead" : "lead";
	for (size_t i = 0; i < f->nleads; i++)
		if ((e = db_run(db, SQL_LEAD_ADD, DB_I(id), DB_I(f->leads[i]), DB_S(role))))
			return e;
	return ERR_OK;
}

enum err activity_create(struct db *db, const struct activity_fields *f, int64_t by, int64_t now, int64_t *id)
{
	struct db_stmt *st = db_query(db, SQL_INSERT, id_or_null(f->project_id), DB_S(f->kind), DB_S(f->cohort),
				      DB_S(f->cohort_label), id_or_null(f->lead_hub_id), DB_I(f->first_year),
				      DB_I(f->last_year), id_or_null(f->continues_id), DB_S(f->title),
				      id_or_null(f->mhlm_link_id), DB_S(f->format), id_or_null(f->planned_sessions),
				      id_or_null(f->capacity), DB_S(f->capacity_of), DB_S(f->status), DB_I(by), DB_I(now));
	int rc = st ? db_step(st) : ERR_DB;
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_DB;
	*id = db_col_int(st, 0);
	if ((rc = db_step(st)) < 0)
		return (enum err)rc;
	return phases_and_leads(db, *id, f);
}

enum err activity_update(struct db *db, int64_t id, const struct activity_fields *f, int64_t now)
{
	enum err e = db_run(db, SQL_UPDATE, DB_I(id), DB_I(f->first_year), DB_I(f->last_year), DB_S(f->title),
			    id_or_null(f->mhlm_link_id), DB_S(f->format), id_or_null(f->planned_sessions),
			    id_or_null(f->capacity), DB_S(f->capacity_of), DB_S(f->status), DB_S(f->cohort_label), DB_I(now));
	return e ? e : phases_and_leads(db, id, f);
}

enum err activity_cancel(struct db *db, int64_t id, const char *reason, int64_t by, int64_t now)
{
	struct db_stmt *st = db_query(db, SQL_CANCEL, DB_I(id), DB_S(reason), DB_I(now), DB_I(by));
	int rc = st ? db_step(st) : ERR_DB;
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_NOT_FOUND;
	return db_step(st) < 0 ? ERR_DB : ERR_OK;
}
