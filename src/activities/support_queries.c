/* support_queries.c - Targeted Support's SQL (support.h): its one school,
 * level and its history, agreed and used days, focus, cycle, and the
 * school's support across years. */
#include <string.h>

#include "activities/support.h"
#include "core/arena.h"
#include "db/db.h"
#include "db/rows.h"

static const char SQL_SUPPORT[] =
	"SELECT ts.urn, s.name, h.name, ts.level, ts.agreed_half_days, ts.focus FROM targeted_support ts "
	"LEFT JOIN schools s ON s.urn = ts.urn "
	"LEFT JOIN activity_schools x ON x.activity_id = ts.activity_id AND x.urn = ts.urn "
	"LEFT JOIN hubs h ON h.id = x.hub_id WHERE ts.activity_id = $1";
/* not set up yet: a school already taking part (added on another page) */
static const char SQL_TAKING_PART[] =
	"SELECT x.urn, s.name, h.name FROM activity_schools x LEFT JOIN schools s ON s.urn = x.urn "
	"LEFT JOIN hubs h ON h.id = x.hub_id WHERE x.activity_id = $1 ORDER BY x.added_at, x.urn LIMIT 1";
static const char SQL_DAYS[] =
	"SELECT COALESCE(SUM(CASE WHEN starts_at <= $2 THEN half_days ELSE 0 END), 0), "
	"COALESCE(SUM(CASE WHEN starts_at > $2 THEN half_days ELSE 0 END), 0) "
	"FROM activity_sessions WHERE activity_id = $1 AND cancelled_at IS NULL";
static const char SQL_LEVELS[] =
	"SELECT l.from_on, l.level, l.reason, p.name FROM support_levels l LEFT JOIN people p ON p.id = l.set_by "
	"WHERE l.activity_id = $1 ORDER BY l.from_on";
static const char SQL_CYCLE[] =
	"SELECT c.stage, c.starts_on, c.ends_on, c.notes, p.name, c.updated_at FROM support_cycle c "
	"LEFT JOIN people p ON p.id = c.updated_by WHERE c.activity_id = $1";
/* the school's Targeted Support: this activity and those that began no later */
static const char SQL_PAST[] =
	"SELECT a.id, a.title, a.status, h.name, a.first_year, a.last_year, ts.level, ts.agreed_half_days, "
	"COALESCE((SELECT SUM(s.half_days) FROM activity_sessions s WHERE s.activity_id = a.id "
	"AND s.cancelled_at IS NULL AND s.starts_at <= $3), 0) "
	"FROM targeted_support ts JOIN activities a ON a.id = ts.activity_id LEFT JOIN hubs h ON h.id = a.lead_hub_id "
	"WHERE ts.urn = $1 AND (a.id = $2 OR a.first_year <= (SELECT first_year FROM activities WHERE id = $2)) "
	"ORDER BY a.first_year DESC, a.id DESC LIMIT 50";
static const char SQL_PAST_LEVELS[] =
	"SELECT l.activity_id, l.from_on, l.level FROM support_levels l "
	"JOIN targeted_support ts ON ts.activity_id = l.activity_id WHERE ts.urn = $1 ORDER BY l.activity_id, l.from_on";

static const char SQL_CREATE[] =
	"INSERT INTO targeted_support (activity_id, urn, level, agreed_half_days, focus) VALUES ($1, $2, $3, $4, $5)";
static const char SQL_TAKES_PART[] = "SELECT 1 FROM activity_schools WHERE activity_id = $1 AND urn = $2";
static const char SQL_JOIN[] =
	"INSERT INTO activity_schools (activity_id, urn, hub_id, joined_on, added_by, added_at) "
	"VALUES ($1, $2, (SELECT hub_id FROM school_hubs WHERE urn = $2), $3, $4, $5)";
static const char SQL_UPDATE[] = "UPDATE targeted_support SET agreed_half_days = $2, focus = $3 WHERE activity_id = $1";
static const char SQL_LEVEL_ADD[] =
	"INSERT INTO support_levels (activity_id, from_on, level, reason, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_STAGE_SAVE[] =
	"INSERT INTO support_cycle (activity_id, stage, starts_on, ends_on, notes, updated_by, updated_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (activity_id, stage) DO UPDATE SET "
	"starts_on = excluded.starts_on, ends_on = excluded.ends_on, notes = excluded.notes, "
	"updated_by = excluded.updated_by, updated_at = excluded.updated_at";

static enum err levels_read(struct db *db, struct arena *a, int64_t id, struct support *out)
{
	struct db_stmt *st = db_query(db, SQL_LEVELS, DB_I(id));
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		struct support_level *l = arena_push(a, (void **)&out->levels, &out->nlevels, &cap, sizeof(*l));
		*l = (struct support_level){arena_strdup(a, db_col_text(st, 0)), arena_strdup(a, db_col_text(st, 1)),
					    arena_strdup(a, db_col_text(st, 2)), db_col_text_or_null(a, st, 3)};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

static enum err cycle_read(struct db *db, struct arena *a, int64_t id, struct support *out)
{
	struct db_stmt *st = db_query(db, SQL_CYCLE, DB_I(id));
	if (!st)
		return ERR_DB;
	int rc;
	while ((rc = db_step(st)) == 1) {
		int i = support_stage_index(db_col_text(st, 0));
		if (i < 0)
			continue;
		out->stages[i] = (struct support_stage){db_col_text_or_null(a, st, 1), db_col_text_or_null(a, st, 2),
							arena_strdup(a, db_col_text(st, 3)), db_col_text_or_null(a, st,
							4),
							db_col_int(st, 5)};
		if (!out->stages[i].updated_by_name)
			out->stages[i].updated_by_name = "";
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

static enum err history_read(struct db *db, struct arena *a, int64_t id, int64_t now, struct support *out)
{
	struct db_stmt *st = db_query(db, SQL_PAST, DB_S(out->urn), DB_I(id), DB_I(now));
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		struct support_past *p = arena_push(a, (void **)&out->past, &out->npast, &cap, sizeof(*p));
		*p = (struct support_past){.activity_id = db_col_int(st, 0), .title = arena_strdup(a, db_col_text(st, 1)),
					   .status = arena_strdup(a, db_col_text(st, 2)),
					   .hub_name = db_col_text_or_null(a, st, 3),
					   .first_year = (int)db_col_int(st, 4), .last_year = (int)db_col_int(st, 5),
					   .level = arena_strdup(a, db_col_text(st, 6)),
					   .agreed_half_days = db_col_int(st, 7), .used_half_days = db_col_int(st, 8)};
	}
	if (rc < 0)
		return (enum err)rc;
	if (!(st = db_query(db, SQL_PAST_LEVELS, DB_S(out->urn))))
		return ERR_DB;
	size_t caps[50] = {0};
	while ((rc = db_step(st)) == 1) {
		int64_t of = db_col_int(st, 0);
		for (size_t i = 0; i < out->npast && i < 50; i++) {
			struct support_past *p = &out->past[i];
			if (p->activity_id != of)
				continue;
			struct support_level *l = arena_push(a, (void **)&p->levels, &p->nlevels, &caps[i], sizeof(*l));
			*l = (struct support_level){.from_on = arena_strdup(a, db_col_text(st, 1)),
						    .level = arena_strdup(a, db_col_text(st, 2))};
		}
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err support_read(struct db *db, struct arena *a, int64_t activity_id, int64_t now, bool with_history,
		      struct support *out)
{
	*out = (struct support){0};
	struct db_stmt *st = db_query(db, SQL_SUPPORT, DB_I(activity_id));
	int rc = st ? db_step(st) : ERR_DB;
	if (rc < 0)
		return (enum err)rc;
	if (rc == 1) {
		out->set_up = true;
		out->urn = arena_strdup(a, db_col_text(st, 0));
		out->school_name = db_col_text_or_null(a, st, 1);
		out->school_hub_name = db_col_text_or_null(a, st, 2);
		out->level = arena_strdup(a, db_col_text(st, 3));
		out->agreed_half_days = db_col_int(st, 4);
		out->focus = arena_strdup(a, db_col_text(st, 5));
		if ((rc = db_step(st)) < 0) /* done: no statement left running in the transaction */
			return (enum err)rc;
	} else {
		if (!(st = db_query(db, SQL_TAKING_PART, DB_I(activity_id))) || (rc = db_step(st)) < 0)
			return rc < 0 ? (enum err)rc : ERR_DB;
		if (rc == 1) {
			out->urn = arena_strdup(a, db_col_text(st, 0));
			out->school_name = db_col_text_or_null(a, st, 1);
			out->school_hub_name = db_col_text_or_null(a, st, 2);
			if ((rc = db_step(st)) < 0)
				return (enum err)rc;
		}
		return ERR_OK;
	}
	if (!(st = db_query(db, SQL_DAYS, DB_I(activity_id), DB_I(now))) || (rc = db_step(st)) != 1)
		return rc < 0 ? (enum err)rc : ERR_DB;
	out->used_half_days = db_col_int(st, 0);
	out->planned_half_days = db_col_int(st, 1);
	if ((rc = db_step(st)) < 0)
		return (enum err)rc;
	enum err e;
	if ((e = levels_read(db, a, activity_id, out)) || (e = cycle_read(db, a, activity_id, out)))
		return e;
	return with_history ? history_read(db, a, activity_id, now, out) : ERR_OK;
}

enum err support_create(struct db *db, int64_t activity_id, const struct support_setup *s, int64_t by, int64_t now)
{
	enum err e = db_run(db, SQL_CREATE, DB_I(activity_id), DB_S(s->urn), DB_S(s->level), DB_I(s->agreed_half_days),
			    DB_S(s->focus ? s->focus : ""));
	if (e || (e = support_level_add(db, activity_id, s->began, s->level, "", by, now)))
		return e;
	/* its one school takes part, with its hub as it joins (unless it already does) */
	struct db_stmt *st = db_query(db, SQL_TAKES_PART, DB_I(activity_id), DB_S(s->urn));
	int rc = st ? db_step(st) : ERR_DB;
	if (rc < 0)
		return (enum err)rc;
	if (rc == 1)
		return db_step(st) < 0 ? ERR_DB : ERR_OK;
	return db_run(db, SQL_JOIN, DB_I(activity_id), DB_S(s->urn), DB_S(s->began), DB_I(by), DB_I(now));
}

enum err support_update(struct db *db, int64_t activity_id, int64_t agreed_half_days, const char *focus)
{
	return db_run(db, SQL_UPDATE, DB_I(activity_id), DB_I(agreed_half_days), DB_S(focus ? focus : ""));
}

enum err support_level_add(struct db *db, int64_t activity_id, const char *from_on, const char *level,
			   const char *reason, int64_t by, int64_t now)
{
	return db_run(db, SQL_LEVEL_ADD, DB_I(activity_id), DB_S(from_on), DB_S(level), DB_S(reason ? reason : ""),
		      DB_I(by), DB_I(now));
}

enum err support_stage_save(struct db *db, int64_t activity_id, const char *stage, const char *starts_on,
			    const char *ends_on, const char *notes, int64_t by, int64_t now)
{
	return db_run(db, SQL_STAGE_SAVE, DB_I(activity_id), DB_S(stage), DB_S(starts_on), DB_S(ends_on),
		      DB_S(notes ? notes : ""), DB_I(by), DB_I(now));
}
