/* continue_queries.c - see continue_queries.h. */
#include <stdio.h>
#include <string.h>

#include "activities/activity_queries.h"
#include "activities/continue_queries.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "db/db.h"
#include "db/rows.h"

static const char SQL_NCP_OF_CODE[] = "SELECT id, title, kind FROM projects WHERE code = $1";
static const char SQL_CARRIED_SCHOOLS[] =
	"SELECT count(*) FROM activity_schools WHERE activity_id = $1 AND left_on IS NULL";
static const char SQL_CARRIED_PEOPLE[] =
	"SELECT count(*) FROM activity_participants ap WHERE ap.activity_id = $1 AND ap.left_on IS NULL "
	"AND (ap.school_urn IS NULL OR EXISTS (SELECT 1 FROM activity_schools s WHERE s.activity_id = $1 "
	"AND s.urn = ap.school_urn AND s.left_on IS NULL))";
static const char SQL_PARTNERS[] =
	"INSERT INTO activity_hubs (activity_id, hub_id, role) SELECT $1, hub_id, 'partner' FROM activity_hubs "
	"WHERE activity_id = $2 AND role = 'partner' ON CONFLICT (activity_id, hub_id) DO NOTHING";
static const char SQL_SCHOOLS[] =
	"INSERT INTO activity_schools (activity_id, urn, hub_id, joined_on, added_by, added_at) "
	"SELECT $1, s.urn, COALESCE((SELECT sh.hub_id FROM school_hubs sh WHERE sh.urn = s.urn), s.hub_id), $3, $4, $5 "
	"FROM activity_schools s WHERE s.activity_id = $2 AND s.left_on IS NULL ORDER BY s.urn";
static const char SQL_PEOPLE[] =
	"INSERT INTO activity_participants (activity_id, person_id, school_urn, hub_id, role, joined_on, added_by, added_at) "
	"SELECT $1, ap.person_id, ap.school_urn, COALESCE(ns.hub_id, ap.hub_id), ap.role, $3, $4, $5 "
	"FROM activity_participants ap LEFT JOIN activity_schools ns ON ns.activity_id = $1 AND ns.urn = ap.school_urn "
	"WHERE ap.activity_id = $2 AND ap.left_on IS NULL AND (ap.school_urn IS NULL OR ns.urn IS NOT NULL) ORDER BY ap.id";
static const char SQL_SUPPORT[] =
	"INSERT INTO targeted_support (activity_id, urn, level, agreed_half_days, focus) "
	"SELECT $1, t.urn, t.level, t.agreed_half_days, t.focus FROM targeted_support t "
	"WHERE t.activity_id = $2 AND EXISTS (SELECT 1 FROM activity_schools s WHERE s.activity_id = $1 AND s.urn = t.urn)";
static const char SQL_SUPPORT_LEVEL[] =
	"INSERT INTO support_levels (activity_id, from_on, level, reason, set_by, set_at) "
	"SELECT activity_id, $2, level, 'Continued from the year before', $3, $4 FROM targeted_support WHERE activity_id = $1";

enum err activity_next_read(struct db *db, struct arena *a, const struct activity *act, struct activity_next *out)
{
	*out = (struct activity_next){.year = act->last_year + 1, .project_id = act->project_id,
				      .project_code = act->project_code, .project_title = act->project_title};
	const char *code = act->project_code;
	/* NCP24-09: the number is what follows "NCPyy-" */
	if (code && !strncmp(code, "NCP", 3) && code[3] >= '0' && code[3] <= '9' && code[4] >= '0' && code[4] <= '9' &&
	    code[5] == '-') {
		const char *next = arena_printf(a, "NCP%02d-%s", out->year % 100, code + 6);
		struct db_stmt *st = db_query(db, SQL_NCP_OF_CODE, DB_S(next));
		int rc = st ? db_step(st) : ERR_DB;
		if (rc < 0)
			return (enum err)rc;
		if (rc == 1 && !strcmp(db_col_text(st, 2), act->kind)) {
			out->project_id = db_col_int(st, 0);
			out->project_code = next;
			out->project_title = arena_strdup(a, db_col_text(st, 1));
			out->next_ncp = true;
		}
		if (rc == 1 && db_step(st) < 0)
			return ERR_DB;
	}
	enum err e = db_number(db_query(db, SQL_CARRIED_SCHOOLS, DB_I(act->id)), &out->n_schools);
	return e ? e : db_number(db_query(db, SQL_CARRIED_PEOPLE, DB_I(act->id)), &out->n_participants);
}

enum err activity_continue(struct db *db, struct arena *a, const struct activity *act, const struct activity_next *nx,
			   bool carry, int64_t by, int64_t now, int64_t *id)
{
	int64_t *leads = arena_alloc(a, (act->nleads + 1) * sizeof(*leads));
	for (size_t i = 0; i < act->nleads; i++)
		leads[i] = act->leads[i].person_id;
	bool ncp_title = act->project_title && !strcmp(act->title, act->project_title);
	struct activity_fields f = {
		.project_id = nx->project_id, .kind = act->kind, .cohort = act->cohort, .cohort_label = act->cohort_label,
		.lead_hub_id = act->lead_hub_id, .first_year = nx->year, .last_year = nx->year, .continues_id = act->id,
		.title = ncp_title ? nx->project_title : act->title, .mhlm_link_id = act->mhlm_link_id, .format = act->format,
		.planned_sessions = act->planned_sessions, .capacity = act->capacity, .capacity_of = act->capacity_of,
		.status = "planned", .phases = act->phases, .nphases = act->nphases, .leads = leads, .nleads = act->nleads};
	enum err e = activity_create(db, &f, by, now, id);
	if (e || (e = db_run(db, SQL_PARTNERS, DB_I(*id), DB_I(act->id))) || !carry)
		return e;
	char first[11], last[11];
	acyear_bounds(nx->year, first, last);
	if ((e = db_run(db, SQL_SCHOOLS, DB_I(*id), DB_I(act->id), DB_S(first), DB_I(by), DB_I(now))) ||
	    (e = db_run(db, SQL_PEOPLE, DB_I(*id), DB_I(act->id), DB_S(first), DB_I(by), DB_I(now))) ||
	    (e = db_run(db, SQL_SUPPORT, DB_I(*id), DB_I(act->id))))
		return e;
	return db_run(db, SQL_SUPPORT_LEVEL, DB_I(*id), DB_S(first), DB_I(by), DB_I(now));
}
