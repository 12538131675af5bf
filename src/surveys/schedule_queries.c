/*
 * schedule_queries.c - the SQL of scheduled survey reminders (schedule_queries.h).
 */
#include "surveys/schedule_queries.h"

#include "core/arena.h"
#include "db/db.h"
#include "db/rows.h"
#include "surveys/rules.h"

static const char SQL_PLAN_OF[] =
	"SELECT every_days, max_reminders FROM survey_reminder_plans WHERE activity_id = $1 AND template_id = $2";
static const char SQL_PLAN_SET[] =
	"INSERT INTO survey_reminder_plans (activity_id, template_id, every_days, max_reminders, set_by, set_at) "
	"VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (activity_id, template_id) DO UPDATE SET "
	"every_days = excluded.every_days, max_reminders = excluded.max_reminders, set_by = excluded.set_by, "
	"set_at = excluded.set_at";
static const char SQL_PLAN_STOP[] =
	"DELETE FROM survey_reminder_plans WHERE activity_id = $1 AND template_id = $2 RETURNING activity_id";
/* $1 now, $2 the slack, $3 the limit, $4 the last invite of the page before (0: none) */
static const char SQL_DUE[] =
	"SELECT i.id, i.template_id, i.activity_id, i.person_id, i.invited_at, i.last_reminded_at, i.reminders, "
	"pl.every_days, pl.max_reminders, s.la_code, p.name, p.email, i.token_sealed, t.title, a.title "
	"FROM survey_reminder_plans pl "
	"JOIN survey_templates t ON t.id = pl.template_id AND t.status = 'open' "
	"JOIN activities a ON a.id = pl.activity_id AND a.status <> 'cancelled' "
	"JOIN survey_invites i ON i.template_id = pl.template_id AND i.activity_id = pl.activity_id "
	"JOIN people p ON p.id = i.person_id "
	"LEFT JOIN activity_participants ap ON ap.activity_id = i.activity_id AND ap.person_id = i.person_id "
	"LEFT JOIN schools s ON s.urn = COALESCE(ap.school_urn, p.school_urn) "
	"WHERE i.completed_at IS NULL AND p.active = 1 AND ap.left_on IS NULL AND i.reminders < pl.max_reminders "
	"AND COALESCE(i.last_reminded_at, i.invited_at) <= $1 - pl.every_days * 86400 + $2 AND i.id > $4 "
	"ORDER BY i.id LIMIT $3";
static const char SQL_CLAIM[] =
	"UPDATE survey_invites SET reminders = reminders + 1, last_reminded_at = $3 WHERE id = $1 AND reminders = $2 "
	"AND completed_at IS NULL RETURNING id";

static void plan_row(struct arena *a, struct db_stmt *st, void *el)
{
	(void)a;
	struct survey_plan *p = el;
	*p = (struct survey_plan){.every_days = db_col_int(st, 0), .max_reminders = db_col_int(st, 1)};
}

enum err survey_plan_of(struct db *db, int64_t activity_id, int64_t template_id, struct survey_plan *out)
{
	*out = (struct survey_plan){0};
	enum err e = db_one(db_query(db, SQL_PLAN_OF, DB_I(activity_id), DB_I(template_id)), NULL, out, plan_row);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err survey_plan_set(struct db *db, int64_t activity_id, int64_t template_id, const struct survey_plan *p,
			 int64_t by, int64_t now)
{
	return db_run(db, SQL_PLAN_SET, DB_I(activity_id), DB_I(template_id), DB_I(p->every_days),
		      DB_I(p->max_reminders), DB_I(by), DB_I(now));
}

enum err survey_plan_stop(struct db *db, int64_t activity_id, int64_t template_id, bool *stopped)
{
	int64_t id;
	enum err e = db_number(db_query(db, SQL_PLAN_STOP, DB_I(activity_id), DB_I(template_id)), &id);
	*stopped = e == ERR_OK;
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static void due_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct survey_scheduled *r = el;
	*r = (struct survey_scheduled){
		.invite_id = db_col_int(st, 0), .template_id = db_col_int(st, 1), .activity_id = db_col_int(st, 2),
		.person_id = db_col_int(st, 3), .invited_at = db_col_int(st, 4), .last_reminded_at = db_col_int(st, 5),
		.reminders = db_col_int(st, 6), .every_days = db_col_int(st, 7), .max_reminders = db_col_int(st, 8),
		.la_code = db_col_text_or_null(a, st, 9), .name = db_col_text_or_null(a, st, 10),
		.email = db_col_text_or_null(a, st, 11), .token_sealed = db_col_text_or_null(a, st, 12),
		.survey_title = db_col_text_or_null(a, st, 13), .activity_title = db_col_text_or_null(a, st, 14)};
}

enum err survey_scheduled_due(struct db *db, struct arena *a, int64_t now, int64_t after, size_t limit,
			      struct survey_scheduled **out, size_t *n)
{
	return db_rows(db_query(db, SQL_DUE, DB_I(now), DB_I(SURVEY_SCHEDULE_SLACK), DB_I((int64_t)limit), DB_I(after)),
		       a, (void **)out, n, sizeof(**out), due_row);
}

enum err survey_scheduled_claim(struct db *db, int64_t invite_id, int64_t reminders, int64_t now, bool *claimed)
{
	int64_t id;
	enum err e = db_number(db_query(db, SQL_CLAIM, DB_I(invite_id), DB_I(reminders), DB_I(now)), &id);
	*claimed = e == ERR_OK;
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}
