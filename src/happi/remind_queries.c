/*
 * remind_queries.c - the SQL of the HAPPI forms' reminders
 * (remind_queries.h).
 */
#include "happi/remind_queries.h"

#include "core/arena.h"
#include "db/db.h"
#include "db/rows.h"

static const char SQL_ROWS[] =
	"SELECT a.id, f.status, CASE f.status WHEN 'planning_submitted' THEN f.planning_submitted_at "
	"WHEN 'final_submitted' THEN f.final_submitted_at ELSE 0 END FROM activities a "
	"LEFT JOIN happi_forms f ON f.activity_id = a.id AND f.year = $1 "
	"LEFT JOIN happi_reminders r ON r.activity_id = a.id AND r.year = $1 "
	"WHERE a.first_year <= $1 AND a.last_year >= $1 AND a.status <> 'cancelled' "
	"AND (f.status IS NULL OR f.status <> 'reviewed') AND (r.sent_at IS NULL OR r.sent_at <= $2) ORDER BY a.id";
/* on PostgreSQL a second process waits for the first's row, then finds it
 * too recent and returns nothing; SQLite writes one at a time */
static const char SQL_CLAIM[] =
	"INSERT INTO happi_reminders (activity_id, year, kind, sent_at) VALUES ($1, $2, $3, $4) "
	"ON CONFLICT (activity_id, year) DO UPDATE SET kind = excluded.kind, sent_at = excluded.sent_at "
	"WHERE happi_reminders.sent_at <= $5 RETURNING activity_id";
static const char SQL_ABOUT[] =
	"SELECT a.title, s.name FROM activities a LEFT JOIN happi_forms f ON f.activity_id = a.id AND f.year = $2 "
	"LEFT JOIN people s ON s.id = f.submitted_by WHERE a.id = $1";
static const char SQL_LEADS[] =
	"SELECT p.email, p.name FROM activity_leads l JOIN people p ON p.id = l.person_id "
	"WHERE l.activity_id = $1 AND p.active = 1 ORDER BY p.id";
static const char SQL_LINK[] =
	"SELECT p.email, p.name FROM activities a JOIN people p ON p.id = a.mhlm_link_id WHERE a.id = $1 AND p.active = 1 "
	"UNION SELECT p.email, p.name FROM activities a JOIN role_grants g ON g.hub_id = a.lead_hub_id AND g.role = 'mhl' "
	"JOIN people p ON p.id = g.person_id WHERE a.id = $1 AND a.mhlm_link_id IS NULL AND p.active = 1 ORDER BY 1";

static const char SQL_LAST[] = "SELECT sent_at, kind FROM happi_reminders WHERE activity_id = $1 AND year = $2";

static void row_of(struct arena *a, struct db_stmt *st, void *el)
{
	(void)a;
	struct happi_remind_row *r = el;
	*r = (struct happi_remind_row){.activity_id = db_col_int(st, 0), .started = !db_col_is_null(st, 1),
				       .submitted_at = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2)};
	if (r->started && !happi_status_from_key(db_col_text(st, 1), &r->status))
		r->started = false;
}

enum err happi_remind_rows(struct db *db, struct arena *a, int year, int64_t before, struct happi_remind_row **out,
			   size_t *n)
{
	return db_rows(db_query(db, SQL_ROWS, DB_I(year), DB_I(before)), a, (void **)out, n, sizeof(**out), row_of);
}

enum err happi_remind_claim(struct db *db, int64_t activity_id, int year, const char *kind, int64_t now,
			    int64_t before, bool *claimed)
{
	int64_t got;
	enum err e = db_number(db_query(db, SQL_CLAIM, DB_I(activity_id), DB_I(year), DB_S(kind), DB_I(now),
					DB_I(before)),
			       &got);
	*claimed = e == ERR_OK;
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static void recipient_of(struct arena *a, struct db_stmt *st, void *el)
{
	struct happi_recipient *r = el;
	*r = (struct happi_recipient){arena_strdup(a, db_col_text(st, 0)), arena_strdup(a, db_col_text(st, 1))};
}

static void about_of(struct arena *a, struct db_stmt *st, void *el)
{
	struct happi_remind_about *r = el;
	r->title = arena_strdup(a, db_col_text(st, 0));
	r->submitter = db_col_text_or_null(a, st, 1);
}

enum err happi_remind_about(struct db *db, struct arena *a, int64_t activity_id, int year, bool link,
			    struct happi_remind_about *out)
{
	*out = (struct happi_remind_about){0};
	enum err e = db_one(db_query(db, SQL_ABOUT, DB_I(activity_id), DB_I(year)), a, out, about_of);
	if (e)
		return e;
	return db_rows(db_query(db, link ? SQL_LINK : SQL_LEADS, DB_I(activity_id)), a, (void **)&out->to, &out->nto,
		       sizeof(*out->to), recipient_of);
}

struct last {
	int64_t sent_at;
	const char *kind;
};

static void last_of(struct arena *a, struct db_stmt *st, void *el)
{
	struct last *l = el;
	*l = (struct last){db_col_int(st, 0), arena_strdup(a, db_col_text(st, 1))};
}

enum err happi_remind_last(struct db *db, struct arena *a, int64_t activity_id, int year, int64_t *sent_at,
			   const char **kind)
{
	struct last l = {0};
	enum err e = db_one(db_query(db, SQL_LAST, DB_I(activity_id), DB_I(year)), a, &l, last_of);
	*sent_at = l.sent_at;
	*kind = l.kind;
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}
