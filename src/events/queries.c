/* queries.c - see queries.h. All SQL of the events capability lives here. */
#include "events/queries.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/acyear.h"
#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "db/rows.h"
#include "events/join.h"

/* The event_audience rows that match person P (an integer), whose id as
 * text is T, with designations of academic year Y: (kind, value) pairs.
 * The one definition of "invited": an event is open to P when one of its
 * audience rows is among them. An NCP's LLME community ('community')
 * matches nobody until activities say who leads what. */
#define AUDIENCE_OF_SQL(P, T, Y)                                                                           \
	"SELECT 'person' AS kind, CAST(" T " AS TEXT) AS value "                                           \
	"UNION ALL SELECT 'role', g.role FROM role_grants g WHERE g.person_id = " P " "                     \
	"UNION ALL SELECT 'hub', hh.code FROM role_grants g JOIN hubs hh ON hh.id = g.hub_id WHERE g.person_id = " P " " \
	"UNION ALL SELECT 'designation', d.designation FROM llme_designations d WHERE d.person_id = " P     \
	" AND d.academic_year = " Y " "                                                                     \
	"UNION ALL SELECT 'phase', g.phase FROM role_grants g WHERE g.person_id = " P " AND g.phase IS NOT NULL " \
	"UNION ALL SELECT 'phase', CASE s.phase WHEN '16 plus' THEN 'Post-16' ELSE s.phase END "           \
	"FROM people pp JOIN schools s ON s.urn = pp.school_urn WHERE pp.id = " P
/* The events open to P (ids), found through the audience index. */
#define OPEN_EVENTS_SQL(P, T, Y)                                                                           \
	"SELECT a.event_id FROM (" AUDIENCE_OF_SQL(P, T, Y) ") k "                                          \
	"JOIN event_audience a ON a.kind = k.kind AND a.value = k.value"
/* Whether event E is open to P: a look-up of each of P's rows in E's. */
#define OPEN_TO_SQL(E, P, T, Y)                                                                            \
	"EXISTS (SELECT 1 FROM (" AUDIENCE_OF_SQL(P, T, Y) ") k "                                           \
	"JOIN event_audience a ON a.event_id = " E " AND a.kind = k.kind AND a.value = k.value)"
/* Whether e is one of P's events: answered by them, or open to them and
 * not cancelled. */
#define MINE_SQL(P, T, Y)                                                                                  \
	"(e.id IN (SELECT x.event_id FROM event_answers x WHERE x.person_id = " P ") OR "                   \
	"(e.cancelled_at IS NULL AND e.id IN (" OPEN_EVENTS_SQL(P, T, Y) ")))"

#define EVENT_COLS                                                                                        \
	"e.id, e.title, e.description, e.kind, e.format, e.venue, e.address, e.meeting_url, "              \
	"COALESCE(e.capacity, 0), e.counts_funded_days, COALESCE(e.hub_id, 0), COALESCE(e.project_id, 0), " \
	"h.name, p.code, e.first_day, e.last_day, COALESCE(e.confirm_by, 0), e.holidays_known, e.created_by, " \
	"COALESCE(e.cancelled_at, 0), e.cancel_reason, e.sequence, "                                      \
	"e.n_confirmed, e.n_waiting, e.n_apologies, "  /* the tallies migration 0015's triggers keep */   \
	"COALESCE((SELECT MIN(d.starts) FROM event_days d WHERE d.event_id = e.id AND d.day = e.first_day), '00:00'), " \
	"e.n_offered "
#define EVENT_FROM " FROM events e LEFT JOIN hubs h ON h.id = e.hub_id LEFT JOIN projects p ON p.id = e.project_id "
#define EVENT_NCOLS 27

static const char SQL_HOLIDAYS[] =
	"SELECT day FROM bank_holidays WHERE division = 'england-and-wales' ORDER BY day";
static const char SQL_EVENT[] =
	"SELECT " EVENT_COLS ", ans.answer, ans.reason, "
	"CASE WHEN " OPEN_TO_SQL("e.id", "$2", "$3", "$4") " THEN 1 ELSE 0 END, "
	"CASE WHEN ans.answer = 'waiting' THEN (SELECT count(*) FROM event_answers w WHERE w.event_id = e.id "
	"AND w.answer = 'waiting' AND (w.answered_at < ans.answered_at OR (w.answered_at = ans.answered_at "
	"AND w.person_id <= ans.person_id))) ELSE 0 END, COALESCE(ans.offered_until, 0)"
	EVENT_FROM "LEFT JOIN event_answers ans ON ans.event_id = e.id AND ans.person_id = $2 WHERE e.id = $1";
static const char SQL_DAYS[] = "SELECT day, starts, ends FROM event_days WHERE event_id = $1 ORDER BY day";
static const char SQL_PROJECTS[] =
	"SELECT p.code, p.id FROM event_projects ep JOIN projects p ON p.id = ep.project_id WHERE ep.event_id = $1 ORDER BY p.code";
static const char SQL_AUDIENCE[] =
	"SELECT a.kind, a.value, CASE WHEN a.kind = 'person' THEN (SELECT pp.name || ' (' || pp.email || ')' FROM people pp "
	"WHERE pp.id = CAST(a.value AS BIGINT)) END FROM event_audience a WHERE a.event_id = $1 ORDER BY a.kind, a.value";
static const char SQL_OF_PERSON_UPCOMING[] =
	"SELECT " EVENT_COLS ", ans.answer, ans.reason, 1, 0" EVENT_FROM
	"LEFT JOIN event_answers ans ON ans.event_id = e.id AND ans.person_id = $1 "
	"WHERE e.last_day >= $4 AND " MINE_SQL("$1", "$2", "$3") " ORDER BY e.first_day, e.id LIMIT 500";
static const char SQL_OF_PERSON_PAST[] =
	"SELECT " EVENT_COLS ", ans.answer, ans.reason, 1, 0" EVENT_FROM
	"LEFT JOIN event_answers ans ON ans.event_id = e.id AND ans.person_id = $1 "
	"WHERE e.last_day < $4 AND e.first_day >= $5 AND e.first_day <= $6 AND " MINE_SQL("$1", "$2", "$3")
	" ORDER BY e.first_day DESC, e.id DESC LIMIT 500";
static const char SQL_OPEN_TO[] = "SELECT CASE WHEN " OPEN_TO_SQL("$1", "$2", "$3", "$4") " THEN 1 ELSE 0 END";
/* organised: $1 = 1 for everything; hubs $2..$9, projects $10..$17 (0 unused slots) */
static const char SQL_ORGANISED[] =
	"SELECT " EVENT_COLS ", NULL, NULL, 0, 0" EVENT_FROM
	"WHERE $1 = 1 OR e.hub_id IN ($2, $3, $4, $5, $6, $7, $8, $9) OR e.project_id IN ($10, $11, $12, $13, $14, $15, $16, $17) "
	"ORDER BY e.first_day DESC, e.id DESC LIMIT 500";
static const char SQL_ANSWERS[] =
	"SELECT a.person_id, pp.name, pp.email, a.answer, a.reason, a.set_reason, a.answered_at, "
	"CASE WHEN a.set_by IS NULL THEN 0 ELSE 1 END FROM event_answers a JOIN people pp ON pp.id = a.person_id "
	"WHERE a.event_id = $1 ORDER BY CASE a.answer WHEN 'confirmed' THEN 1 WHEN 'waiting' THEN 2 ELSE 3 END, "
	"CASE WHEN a.answer = 'waiting' THEN a.answered_at ELSE 0 END, pp.name, a.person_id";
static const char SQL_ANSWER_SET[] =
	"INSERT INTO event_answers (event_id, person_id, answer, reason, answered_at, set_by, set_reason) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id, person_id) DO UPDATE SET answer = excluded.answer, "
	"reason = excluded.reason, answered_at = excluded.answered_at, offered_until = NULL, set_by = excluded.set_by, "
	"set_reason = excluded.set_reason RETURNING (SELECT e.format FROM events e WHERE e.id = $1)";
static const char SQL_ANSWER_REMOVE[] =
	"DELETE FROM event_answers WHERE event_id = $1 AND person_id = $2 RETURNING person_id";
static const char SQL_NEXT_WAITING[] =
	"SELECT person_id FROM event_answers WHERE event_id = $1 AND answer = 'waiting' "
	"ORDER BY answered_at, person_id LIMIT 1";
static const char SQL_COUNT[] =
	"SELECT CASE CAST($2 AS TEXT) WHEN 'confirmed' THEN n_confirmed WHEN 'waiting' THEN n_waiting "
	"WHEN 'apologies' THEN n_apologies ELSE 0 END FROM events WHERE id = $1";
static const char SQL_PERSON_BY_EMAIL[] = "SELECT id, name FROM people WHERE email = $1 AND active = 1";
static const char SQL_PERSON[] = "SELECT email, name FROM people WHERE id = $1";
static const char SQL_PROJECTS_OF_YEAR[] =
	"SELECT p.id, p.code, p.title FROM projects p JOIN academic_years y ON y.id = p.academic_year_id "
	"WHERE y.code = $1 ORDER BY p.code";
static const char SQL_HUBS[] = "SELECT id, code, name FROM hubs ORDER BY name";
static const char SQL_EVENT_INSERT[] =
	"INSERT INTO events (title, description, kind, format, venue, address, meeting_url, capacity, counts_funded_days, "
	"hub_id, project_id, first_day, last_day, confirm_by, holidays_known, created_by, created_at, updated_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17) RETURNING id";
static const char SQL_EVENT_UPDATE[] =
	"UPDATE events SET title = $2, description = $3, kind = $4, format = $5, venue = $6, address = $7, "
	"meeting_url = $8, capacity = $9, counts_funded_days = $10, first_day = $11, last_day = $12, confirm_by = $13, "
	"holidays_known = $14, updated_at = $15, sequence = sequence + 1 WHERE id = $1";
static const char SQL_DAYS_DELETE[] = "DELETE FROM event_days WHERE event_id = $1";
static const char SQL_DAY_INSERT[] = "INSERT INTO event_days (event_id, day, starts, ends) VALUES ($1, $2, $3, $4)";
static const char SQL_PROJECTS_DELETE[] = "DELETE FROM event_projects WHERE event_id = $1";
static const char SQL_PROJECT_INSERT[] = "INSERT INTO event_projects (event_id, project_id) VALUES ($1, $2)";
static const char SQL_AUDIENCE_DELETE[] = "DELETE FROM event_audience WHERE event_id = $1";
static const char SQL_AUDIENCE_INSERT[] =
	"INSERT INTO event_audience (event_id, kind, value) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
static const char SQL_CANCEL[] =
	"UPDATE events SET cancelled_at = $2, cancelled_by = $3, cancel_reason = $4, updated_at = $2, "
	"sequence = sequence + 1 WHERE id = $1 AND cancelled_at IS NULL";
static const char SQL_HOLIDAY_ADD[] =
	"INSERT INTO bank_holidays (day, division, title) VALUES ($1, 'england-and-wales', $2) "
	"ON CONFLICT (division, day) DO NOTHING RETURNING day";
static const char SQL_TO_RELOCK[] =
	"SELECT id, first_day, COALESCE(confirm_by, 0), holidays_known FROM events "
	"WHERE format = 'face_to_face' AND first_day > $1 ORDER BY id";
static const char SQL_RELOCK[] = "UPDATE events SET confirm_by = $2, holidays_known = $3 WHERE id = $1";

#define query db_query

/* The first day's start as a Unix time. */
static int64_t start_of(const char *day, const char *hhmm)
{
	int64_t t = 0;
	if (!london_to_unix(day, atoi(hhmm), atoi(hhmm + 3), 0, &t))
		return 0;
	return t;
}

/* An event's row (EVENT_COLS, then answer, reason, eligible, waiting place). */
static void event_row(struct arena *a, struct db_stmt *st, struct event *e)
{
	*e = (struct event){
		.id = db_col_int(st, 0), .title = db_col_text_or_null(a, st, 1), .description = db_col_text_or_null(a,
		st, 2),
		.kind = db_col_text_or_null(a, st, 3), .format = db_col_text_or_null(a, st, 4),
		.venue = db_col_text_or_null(a, st, 5),
		.address = db_col_text_or_null(a, st, 6), .meeting_url = db_col_text_or_null(a, st, 7),
		.capacity = db_col_int(st, 8),
		.funded = db_col_int(st, 9) != 0, .hub_id = db_col_int(st, 10), .project_id = db_col_int(st, 11),
		.hub_name = db_col_text_or_null(a, st, 12), .project_code = db_col_text_or_null(a, st, 13),
		.first_day = db_col_text_or_null(a, st, 14), .last_day = db_col_text_or_null(a, st, 15),
		.confirm_by = db_col_int(st, 16), .holidays_known = db_col_int(st, 17) != 0,
		.created_by = db_col_int(st, 18), .cancelled_at = db_col_int(st, 19),
		.cancel_reason = db_col_text_or_null(a, st, 20), .sequence = db_col_int(st, 21),
		.nconfirmed = db_col_int(st, 22), .nwaiting = db_col_int(st, 23), .napologies = db_col_int(st, 24),
		.answer = db_col_text_or_null(a, st, EVENT_NCOLS), .reason = db_col_text_or_null(a, st,
		EVENT_NCOLS + 1),
		.eligible = db_col_int(st, EVENT_NCOLS + 2) != 0, .waiting_place = db_col_int(st, EVENT_NCOLS + 3),
	};
	e->starts_at = start_of(e->first_day, db_col_text(st, 25));
	e->noffered = db_col_int(st, 26);
}

enum err events_holidays(struct db *db, struct arena *a, struct workdays_holidays *h)
{
	struct db_stmt *st = db_prepare(db, SQL_HOLIDAYS);
	if (!st)
		return ERR_DB;
	const char **days = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		days = arena_room(a, days, n, &cap, sizeof(*days));
		days[n++] = arena_strdup(a, db_col_text(st, 0));
	}
	if (rc < 0)
		return (enum err)rc;
	*h = (struct workdays_holidays){days, n, n ? atoi(days[0]) : 0, n ? atoi(days[n - 1]) : 0};
	return ERR_OK;
}

enum err event_read(struct db *db, struct arena *a, int64_t id, int64_t person_id, struct event *e)
{
	char ptext[24];
	snprintf(ptext, sizeof(ptext), "%lld", (long long)person_id);
	int year = 0;
	char today[11];
	london_from_unix(clock_now(), today, NULL);
	acyear_of_date(today, &year);
	struct db_stmt *st = query(db, SQL_EVENT, DB_I(id), DB_I(person_id), DB_S(ptext), DB_I(year));
	int rc = st ? db_step(st) : ERR_DB;
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_NOT_FOUND;
	event_row(a, st, e);
	e->offered_until = db_col_int(st, EVENT_NCOLS + 4);
	if ((rc = db_step(st)) < 0)
		return (enum err)rc;
	if (!(st = query(db, SQL_DAYS, DB_I(id))))
		return ERR_DB;
	while ((rc = db_step(st)) == 1 && e->ndays < EVENTS_MAX_DAYS)
		e->days[e->ndays++] = (struct event_day){arena_strdup(a, db_col_text(st, 0)),
							 arena_strdup(a, db_col_text(st, 1)), arena_strdup(a, db_col_text(st, 2))};
	if (rc == 1)
		rc = db_step(st) < 0 ? ERR_DB : 0;
	if (rc < 0 || !(st = query(db, SQL_PROJECTS, DB_I(id))))
		return rc < 0 ? (enum err)rc : ERR_DB;
	size_t cap = 0, cap2 = 0;
	while ((rc = db_step(st)) == 1) {
		e->projects = arena_room(a, e->projects, e->nprojects, &cap, sizeof(*e->projects));
		e->project_ids = arena_room(a, e->project_ids, e->nprojects, &cap2, sizeof(*e->project_ids));
		e->project_ids[e->nprojects] = db_col_int(st, 1);
		e->projects[e->nprojects++] = arena_strdup(a, db_col_text(st, 0));
	}
	if (rc < 0 || !(st = query(db, SQL_AUDIENCE, DB_I(id))))
		return rc < 0 ? (enum err)rc : ERR_DB;
	cap = 0;
	while ((rc = db_step(st)) == 1) {
		e->audience = arena_room(a, e->audience, e->naudience, &cap, sizeof(*e->audience));
		e->audience[e->naudience++] = (struct event_audience){arena_strdup(a, db_col_text(st, 0)),
								      arena_strdup(a, db_col_text(st, 1)),
								      db_col_text_or_null(a, st, 2)};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

/* The rows of a list statement. */
static enum err rows(struct db_stmt *st, struct arena *a, struct event **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		*out = arena_room(a, *out, *n, &cap, sizeof(**out));
		event_row(a, st, &(*out)[(*n)++]);
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err events_of_person(struct db *db, struct arena *a, int64_t person_id, const char *today, int academic_year,
			  struct event **out, size_t *n)
{
	char ptext[24];
	snprintf(ptext, sizeof(ptext), "%lld", (long long)person_id);
	return rows(query(db, SQL_OF_PERSON_UPCOMING, DB_I(person_id), DB_S(ptext), DB_I(academic_year), DB_S(today)), a,
		    out, n);
}

enum err events_past_of_person(struct db *db, struct arena *a, int64_t person_id, const char *today,
			       int academic_year, const char *from, const char *to, struct event **out, size_t *n)
{
	char ptext[24];
	snprintf(ptext, sizeof(ptext), "%lld", (long long)person_id);
	return rows(query(db, SQL_OF_PERSON_PAST, DB_I(person_id), DB_S(ptext), DB_I(academic_year), DB_S(today),
			  DB_S(from), DB_S(to)),
		    a, out, n);
}

enum err event_open_to(struct db *db, int64_t id, int64_t person_id, int academic_year, bool *yes)
{
	char ptext[24];
	snprintf(ptext, sizeof(ptext), "%lld", (long long)person_id);
	struct db_stmt *st = query(db, SQL_OPEN_TO, DB_I(id), DB_I(person_id), DB_S(ptext), DB_I(academic_year));
	int rc = st ? db_step(st) : ERR_DB;
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_DB;
	*yes = db_col_int(st, 0) != 0;
	return db_step(st) < 0 ? ERR_DB : ERR_OK;
}

enum err events_organised(struct db *db, struct arena *a, bool national, const int64_t *hubs, size_t nhubs,
			  const int64_t *projects, size_t nprojects, struct event **out, size_t *n)
{
	struct db_value v[17] = {DB_I(national ? 1 : 0)};
	for (size_t i = 0; i < 8; i++) {
		v[1 + i] = DB_I(i < nhubs ? hubs[i] : 0);
		v[9 + i] = DB_I(i < nprojects ? projects[i] : 0);
	}
	return rows(db_query_values(db, SQL_ORGANISED, v, 17), a, out, n);
}

enum err event_answers(struct db *db, struct arena *a, int64_t id, struct event_answer **out, size_t *n)
{
	struct db_stmt *st = query(db, SQL_ANSWERS, DB_I(id));
	*out = NULL;
	*n = 0;
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		*out = arena_room(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct event_answer){
			.person_id = db_col_int(st, 0), .name = db_col_text_or_null(a, st, 1),
			.email = db_col_text_or_null(a, st, 2),
			.answer = db_col_text_or_null(a, st, 3), .reason = db_col_text_or_null(a, st, 4),
			.set_reason = db_col_text_or_null(a, st, 5),
			.answered_at = db_col_int(st, 6), .set_by_organiser = db_col_int(st, 7) != 0};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err event_answer_set(struct db *db, int64_t id, int64_t person_id, const char *answer, const char *reason,
			  int64_t now, int64_t set_by, const char *set_reason)
{
	struct db_stmt *st = query(db, SQL_ANSWER_SET, DB_I(id), DB_I(person_id), DB_S(answer),
				   DB_S(reason && reason[0] ? reason : NULL), DB_I(now), set_by ? DB_I(set_by) : DB_NULL,
				   DB_S(set_reason));
	int rc = st ? db_step(st) : ERR_DB;
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_DB;
	bool online = !strcmp(db_col_text(st, 0), "online");
	if ((rc = db_step(st)) < 0)
		return (enum err)rc;
	/* confirmed for an online event: their joining link (join.h) */
	return online && !strcmp(answer, "confirmed") ? events_join_ensure(db, id, person_id, now) : ERR_OK;
}

enum err event_answer_remove(struct db *db, int64_t id, int64_t person_id, bool *removed)
{
	struct db_stmt *st = query(db, SQL_ANSWER_REMOVE, DB_I(id), DB_I(person_id));
	int rc = st ? db_step(st) : ERR_DB;
	if (rc < 0)
		return (enum err)rc;
	*removed = rc == 1;
	return rc == 1 && db_step(st) < 0 ? ERR_DB : ERR_OK;
}

/* One integer from a statement (0 when no row). */
static enum err one_int(struct db_stmt *st, int64_t *out)
{
	int rc = st ? db_step(st) : ERR_DB;
	*out = 0;
	if (rc < 0)
		return (enum err)rc;
	if (rc == 1) {
		*out = db_col_int(st, 0);
		if ((rc = db_step(st)) < 0)
			return (enum err)rc;
	}
	return ERR_OK;
}

enum err event_next_waiting(struct db *db, int64_t id, int64_t *person_id)
{
	return one_int(query(db, SQL_NEXT_WAITING, DB_I(id)), person_id);
}

enum err event_count(struct db *db, int64_t id, const char *answer, int64_t *n)
{
	return one_int(query(db, SQL_COUNT, DB_I(id), DB_S(answer)), n);
}

enum err events_person_by_email(struct db *db, struct arena *a, const char *email, int64_t *id, const char **name)
{
	struct db_stmt *st = query(db, SQL_PERSON_BY_EMAIL, DB_S(email));
	int rc = st ? db_step(st) : ERR_DB;
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_NOT_FOUND;
	*id = db_col_int(st, 0);
	*name = arena_strdup(a, db_col_text(st, 1));
	return db_step(st) < 0 ? ERR_DB : ERR_OK;
}

enum err events_person(struct db *db, struct arena *a, int64_t id, const char **email, const char **name)
{
	struct db_stmt *st = query(db, SQL_PERSON, DB_I(id));
	int rc = st ? db_step(st) : ERR_DB;
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_NOT_FOUND;
	*email = arena_strdup(a, db_col_text(st, 0));
	*name = arena_strdup(a, db_col_text(st, 1));
	return db_step(st) < 0 ? ERR_DB : ERR_OK;
}

static enum err options(struct db_stmt *st, struct arena *a, struct events_option **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		*out = arena_room(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct events_option){db_col_int(st, 0), arena_strdup(a, db_col_text(st, 1)),
							arena_strdup(a, db_col_text(st, 2))};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err events_projects_of_year(struct db *db, struct arena *a, const char *year_code, struct events_option **out, size_t *n)
{
	return options(query(db, SQL_PROJECTS_OF_YEAR, DB_S(year_code)), a, out, n);
}

enum err events_hubs(struct db *db, struct arena *a, struct events_option **out, size_t *n)
{
	return options(query(db, SQL_HUBS), a, out, n);
}

enum err event_save(struct db *db, struct event *e, int64_t now)
{
	enum err err;
	struct db_value cap = e->capacity ? DB_I(e->capacity) : DB_NULL, lock = e->confirm_by ? DB_I(e->confirm_by) : DB_NULL;
	if (!e->id) {
		struct db_stmt *st = query(db, SQL_EVENT_INSERT, DB_S(e->title), DB_S(e->description), DB_S(e->kind),
					   DB_S(e->format), DB_S(e->venue), DB_S(e->address), DB_S(e->meeting_url), cap,
					   DB_I(e->funded ? 1 : 0), e->hub_id ? DB_I(e->hub_id) : DB_NULL,
					   e->project_id ? DB_I(e->project_id) : DB_NULL, DB_S(e->first_day), DB_S(e->last_day),
					   lock, DB_I(e->holidays_known ? 1 : 0), DB_I(e->created_by), DB_I(now));
		if ((err = one_int(st, &e->id)))
			return err;
		if (!e->id)
			return ERR_DB;
	} else if ((err = db_run(db, SQL_EVENT_UPDATE, DB_I(e->id), DB_S(e->title), DB_S(e->description), DB_S(e->kind),
				 DB_S(e->format), DB_S(e->venue), DB_S(e->address), DB_S(e->meeting_url), cap,
				 DB_I(e->funded ? 1 : 0), DB_S(e->first_day), DB_S(e->last_day), lock,
				 DB_I(e->holidays_known ? 1 : 0), DB_I(now))) ||
		   (err = db_run(db, SQL_DAYS_DELETE, DB_I(e->id))) || (err = db_run(db, SQL_PROJECTS_DELETE, DB_I(e->id))) ||
		   (err = db_run(db, SQL_AUDIENCE_DELETE, DB_I(e->id)))) {
		return err;
	}
	for (size_t i = 0; i < e->ndays; i++)
		if ((err = db_run(db, SQL_DAY_INSERT, DB_I(e->id), DB_S(e->days[i].day), DB_S(e->days[i].starts),
				  DB_S(e->days[i].ends))))
			return err;
	for (size_t i = 0; i < e->nprojects; i++)
		if ((err = db_run(db, SQL_PROJECT_INSERT, DB_I(e->id), DB_I(e->project_ids[i]))))
			return err;
	for (size_t i = 0; i < e->naudience; i++)
		if ((err = db_run(db, SQL_AUDIENCE_INSERT, DB_I(e->id), DB_S(e->audience[i].kind), DB_S(e->audience[i].value))))
			return err;
	/* people confirmed before it was made online get their joining links */
	return strcmp(e->format, "online") ? ERR_OK : events_join_links_ensure(db, e->id, now);
}

enum err event_cancel(struct db *db, int64_t id, int64_t by, const char *reason, int64_t now)
{
	return db_run(db, SQL_CANCEL, DB_I(id), DB_I(now), DB_I(by), DB_S(reason));
}

enum err events_holidays_add(struct db *db, const char *const *days, const char *const *titles, size_t n, int *added)
{
	*added = 0;
	for (size_t i = 0; i < n; i++) {
		struct db_stmt *st = query(db, SQL_HOLIDAY_ADD, DB_S(days[i]), DB_S(titles[i]));
		int rc = st ? db_step(st) : ERR_DB;
		if (rc < 0)
			return (enum err)rc;
		if (rc == 1) {
			(*added)++;
			if ((rc = db_step(st)) < 0)
				return (enum err)rc;
		}
	}
	return ERR_OK;
}

enum err events_relock(struct db *db, struct arena *a, const char *today, int *changed)
{
	struct workdays_holidays h;
	enum err err = events_holidays(db, a, &h);
	*changed = 0;
	struct db_stmt *st = err ? NULL : query(db, SQL_TO_RELOCK, DB_S(today));
	if (!st)
		return err ? err : ERR_DB;
	struct pending {
		int64_t id, lock;
		bool known;
	} *todo = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		int64_t lock;
		char day[11];
		bool known;
		if (!workdays_lock(db_col_text(st, 1), &h, &lock, day, &known))
			continue;
		if (lock != db_col_int(st, 2) || known != (db_col_int(st, 3) != 0)) {
			todo = arena_room(a, todo, n, &cap, sizeof(*todo));
			todo[n++] = (struct pending){db_col_int(st, 0), lock, known};
		}
	}
	if (rc < 0)
		return (enum err)rc;
	for (size_t i = 0; i < n; i++)
		if ((err = db_run(db, SQL_RELOCK, DB_I(todo[i].id), DB_I(todo[i].lock), DB_I(todo[i].known ? 1 : 0))))
			return err;
	*changed = (int)n;
	return ERR_OK;
}

/* ---- email, offers, reminders and calendar feeds (notify.c, offer.c, jobs.c, calendar.c) ---- */

static const char SQL_PLACES_HELD[] = "SELECT n_confirmed + n_offered FROM events WHERE id = $1";
static const char SQL_NEXT_UNOFFERED[] =
	"SELECT person_id FROM event_answers WHERE event_id = $1 AND answer = 'waiting' AND offered_until IS NULL "
	"ORDER BY answered_at, person_id LIMIT 1";
static const char SQL_OFFER[] =
	"UPDATE event_answers SET offered_until = $3 WHERE event_id = $1 AND person_id = $2 AND answer = 'waiting'";
static const char SQL_OFFER_OF[] =
	"SELECT COALESCE(offered_until, 0) FROM event_answers WHERE event_id = $1 AND person_id = $2 AND answer = 'waiting'";
static const char SQL_REMINDERS_DUE[] =
	"SELECT a.event_id, a.person_id, e.first_day FROM event_answers a JOIN events e ON e.id = a.event_id "
	"WHERE a.answer = 'confirmed' AND a.reminded_at IS NULL AND e.cancelled_at IS NULL AND e.first_day > $1 "
	"AND e.first_day <= $2 ORDER BY e.first_day, a.event_id, a.person_id LIMIT 500";
static const char SQL_REMINDER_CLAIM[] =
	"UPDATE event_answers SET reminded_at = $3 WHERE event_id = $1 AND person_id = $2 AND answer = 'confirmed' "
	"AND reminded_at IS NULL RETURNING person_id";
static const char SQL_OFFERS_LAPSED[] =
	"SELECT event_id, person_id, '' FROM event_answers WHERE answer = 'waiting' AND offered_until > 0 "
	"AND offered_until <= $1 ORDER BY offered_until, event_id, person_id LIMIT 500";
static const char SQL_OFFER_LAPSE[] =
	"UPDATE event_answers SET offered_until = 0 WHERE event_id = $1 AND person_id = $2 AND answer = 'waiting' "
	"AND offered_until > 0 AND offered_until <= $3 RETURNING person_id";
static const char SQL_FEED_PERSON[] =
	"SELECT f.person_id FROM calendar_feeds f JOIN people p ON p.id = f.person_id WHERE f.token_hash = $1 AND p.active = 1";
static const char SQL_FEED_OF[] = "SELECT created_at FROM calendar_feeds WHERE person_id = $1";
static const char SQL_FEED_RESET[] =
	"INSERT INTO calendar_feeds (person_id, token_hash, created_at) VALUES ($1, $2, $3) "
	"ON CONFLICT (person_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at";
static const char SQL_CONFIRMED_OF[] =
	"SELECT " EVENT_COLS ", ans.answer, ans.reason, 1, 0" EVENT_FROM
	"JOIN event_answers ans ON ans.event_id = e.id AND ans.person_id = $1 "
	"WHERE ans.answer = 'confirmed' AND e.cancelled_at IS NULL AND e.last_day >= $2 ORDER BY e.first_day, e.id LIMIT 500";

enum err event_places_held(struct db *db, int64_t id, int64_t *n)
{
	return one_int(query(db, SQL_PLACES_HELD, DB_I(id)), n);
}

enum err event_next_unoffered(struct db *db, int64_t id, int64_t *person_id)
{
	return one_int(query(db, SQL_NEXT_UNOFFERED, DB_I(id)), person_id);
}

enum err event_offer(struct db *db, int64_t id, int64_t person_id, int64_t until)
{
	return db_run(db, SQL_OFFER, DB_I(id), DB_I(person_id), DB_I(until));
}

enum err event_offer_of(struct db *db, int64_t id, int64_t person_id, int64_t *until)
{
	return one_int(query(db, SQL_OFFER_OF, DB_I(id), DB_I(person_id)), until);
}

static enum err dues(struct db_stmt *st, struct arena *a, struct event_due **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		*out = arena_room(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct event_due){db_col_int(st, 0), db_col_int(st, 1), arena_strdup(a, db_col_text(st, 2))};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err events_reminders_due(struct db *db, struct arena *a, const char *today, const char *to,
			      struct event_due **out, size_t *n)
{
	return dues(query(db, SQL_REMINDERS_DUE, DB_S(today), DB_S(to)), a, out, n);
}

/* Runs a claiming statement: *claimed whether it returned a row. */
static enum err claim(struct db_stmt *st, bool *claimed)
{
	int64_t got;
	enum err e = one_int(st, &got);
	*claimed = !e && got;
	return e;
}

enum err event_reminder_claim(struct db *db, int64_t id, int64_t person_id, int64_t now, bool *claimed)
{
	return claim(query(db, SQL_REMINDER_CLAIM, DB_I(id), DB_I(person_id), DB_I(now)), claimed);
}

enum err events_offers_lapsed(struct db *db, struct arena *a, int64_t now, struct event_due **out, size_t *n)
{
	return dues(query(db, SQL_OFFERS_LAPSED, DB_I(now)), a, out, n);
}

enum err event_offer_lapse(struct db *db, int64_t id, int64_t person_id, int64_t now, bool *claimed)
{
	return claim(query(db, SQL_OFFER_LAPSE, DB_I(id), DB_I(person_id), DB_I(now)), claimed);
}

enum err calendar_feed_person(struct db *db, const char *hash, int64_t *person_id)
{
	return one_int(query(db, SQL_FEED_PERSON, DB_S(hash)), person_id);
}

enum err calendar_feed_of(struct db *db, int64_t person_id, int64_t *created_at)
{
	return one_int(query(db, SQL_FEED_OF, DB_I(person_id)), created_at);
}

enum err calendar_feed_reset(struct db *db, int64_t person_id, const char *hash, int64_t now)
{
	return db_run(db, SQL_FEED_RESET, DB_I(person_id), DB_S(hash), DB_I(now));
}

enum err events_confirmed_of(struct db *db, struct arena *a, int64_t person_id, const char *since,
			     struct event **out, size_t *n)
{
	enum err e = rows(query(db, SQL_CONFIRMED_OF, DB_I(person_id), DB_S(since)), a, out, n);
	return e ? e : events_days_of(db, a, *out, *n);
}

/* ---- requirements, their clean-up, funded days and the API (part 2) ---- */

static const char SQL_REQ_OWN[] =
	"SELECT dietary, access FROM event_requirements WHERE event_id = $1 AND person_id = $2";
static const char SQL_REQ_SET[] =
	"INSERT INTO event_requirements (event_id, person_id, dietary, access, updated_at, delete_after) "
	"VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id, person_id) DO UPDATE SET dietary = excluded.dietary, "
	"access = excluded.access, updated_at = excluded.updated_at, delete_after = excluded.delete_after";
static const char SQL_REQ_REMOVE[] = "DELETE FROM event_requirements WHERE event_id = $1 AND person_id = $2";
/* only of the people confirmed now: someone who has left keeps nothing shown */
static const char SQL_REQS[] =
	"SELECT r.person_id, pp.name, pp.email, r.dietary, r.access, r.updated_at FROM event_requirements r "
	"JOIN people pp ON pp.id = r.person_id JOIN event_answers a ON a.event_id = r.event_id AND a.person_id = r.person_id "
	"AND a.answer = 'confirmed' WHERE r.event_id = $1 ORDER BY pp.name, r.person_id";
static const char SQL_REQ_DUE[] =
	"SELECT e.id, e.title, count(*) FROM event_requirements r JOIN events e ON e.id = r.event_id "
	"WHERE e.last_day < $1 GROUP BY e.id, e.title ORDER BY e.id";
static const char SQL_REQ_PURGE[] = "DELETE FROM event_requirements WHERE event_id = $1";
/* the funded days: attendance at events that count, present or late, in a year */
#define FUNDED_JOINS                                                                                       \
	" JOIN events e ON e.id = at.event_id AND e.counts_funded_days = 1 AND e.cancelled_at IS NULL "      \
	"LEFT JOIN event_projects ep ON ep.event_id = e.id LEFT JOIN projects p ON p.id = ep.project_id "
#define FUNDED_WHERE " WHERE at.status IN ('present', 'late') AND at.day >= $2 AND at.day <= $3 "
static const char SQL_FUNDED_PERSON[] =
	"SELECT at.person_id, NULL, NULL, p.code, p.title, count(DISTINCT at.day) FROM event_attendance at" FUNDED_JOINS
	FUNDED_WHERE "AND at.person_id = $1 GROUP BY at.person_id, p.code, p.title ORDER BY p.code";
/* the hub's LLMEs: $1 the hub */
#define HUB_LLMES "(SELECT g.person_id FROM role_grants g WHERE g.role = 'llme' AND g.hub_id = $1)"
static const char SQL_FUNDED_HUB[] =
	"SELECT at.person_id, pp.name, pp.email, p.code, p.title, count(DISTINCT at.day) FROM event_attendance at "
	"JOIN people pp ON pp.id = at.person_id AND pp.active = 1" FUNDED_JOINS FUNDED_WHERE "AND at.person_id IN " HUB_LLMES
	" GROUP BY at.person_id, pp.name, pp.email, p.code, p.title "
	"UNION ALL SELECT pp.id, pp.name, pp.email, NULL, NULL, 0 FROM people pp WHERE pp.active = 1 AND pp.id IN " HUB_LLMES
	" AND NOT EXISTS (SELECT 1 FROM event_attendance at" FUNDED_JOINS FUNDED_WHERE "AND at.person_id = pp.id) "
	"ORDER BY 2, 1, 4";
static const char SQL_HUB_BY_CODE[] = "SELECT id, name FROM hubs WHERE code = $1";
/* the API's lists: $1 person, $2 as text, $3 academic year */
#define API_MINE_WHERE MINE_SQL("$1", "$2", "$3")
static const char SQL_API_UPCOMING[] =
	"SELECT " EVENT_COLS ", ans.answer, ans.reason, 1, 0" EVENT_FROM
	"LEFT JOIN event_answers ans ON ans.event_id = e.id AND ans.person_id = $1 "
	"WHERE e.last_day >= $4 AND " API_MINE_WHERE " ORDER BY e.first_day, e.id LIMIT $5 OFFSET $6";
static const char SQL_API_PAST[] =
	"SELECT " EVENT_COLS ", ans.answer, ans.reason, 1, 0" EVENT_FROM
	"LEFT JOIN event_answers ans ON ans.event_id = e.id AND ans.person_id = $1 "
	"WHERE e.last_day < $4 AND " API_MINE_WHERE " ORDER BY e.first_day DESC, e.id DESC LIMIT $5 OFFSET $6";
static const char SQL_API_UPCOMING_COUNT[] =
	"SELECT count(*) FROM events e LEFT JOIN event_answers ans ON ans.event_id = e.id AND ans.person_id = $1 "
	"WHERE e.last_day >= $4 AND " API_MINE_WHERE;
static const char SQL_API_PAST_COUNT[] =
	"SELECT count(*) FROM events e LEFT JOIN event_answers ans ON ans.event_id = e.id AND ans.person_id = $1 "
	"WHERE e.last_day < $4 AND " API_MINE_WHERE;
/* all they can see: $4 = 1 for everything; hubs $5..$12, NCPs $13..$20 (0: unused) */
#define API_ALL_WHERE                                                                                      \
	"($4 = 1 OR e.hub_id IN ($5, $6, $7, $8, $9, $10, $11, $12) "                                      \
	"OR e.project_id IN ($13, $14, $15, $16, $17, $18, $19, $20) OR " API_MINE_WHERE ")"
static const char SQL_API_ALL[] =
	"SELECT " EVENT_COLS ", ans.answer, ans.reason, CASE WHEN " OPEN_TO_SQL("e.id", "$1", "$2", "$3")
	" THEN 1 ELSE 0 END, 0" EVENT_FROM "LEFT JOIN event_answers ans ON ans.event_id = e.id AND ans.person_id = $1 "
	"WHERE " API_ALL_WHERE " ORDER BY e.first_day DESC, e.id DESC LIMIT $21 OFFSET $22";
static const char SQL_API_ALL_COUNT[] =
	"SELECT count(*) FROM events e LEFT JOIN event_answers ans ON ans.event_id = e.id AND ans.person_id = $1 "
	"WHERE " API_ALL_WHERE;

enum err event_requirement_own(struct db *db, struct arena *a, int64_t id, int64_t person_id, const char **dietary,
			       const char **access)
{
	struct db_stmt *st = query(db, SQL_REQ_OWN, DB_I(id), DB_I(person_id));
	int rc = st ? db_step(st) : ERR_DB;
	*dietary = *access = "";
	if (rc < 0)
		return (enum err)rc;
	if (rc == 1) {
		*dietary = arena_strdup(a, db_col_text(st, 0));
		*access = arena_strdup(a, db_col_text(st, 1));
		if ((rc = db_step(st)) < 0)
			return (enum err)rc;
	}
	return ERR_OK;
}

enum err event_requirement_set(struct db *db, int64_t id, int64_t person_id, const char *dietary, const char *access,
			       int64_t now, const char *delete_after)
{
	if (!dietary[0] && !access[0])
		return event_requirement_remove(db, id, person_id);
	return db_run(db, SQL_REQ_SET, DB_I(id), DB_I(person_id), DB_S(dietary), DB_S(access), DB_I(now),
		      DB_S(delete_after));
}

enum err event_requirement_remove(struct db *db, int64_t id, int64_t person_id)
{
	return db_run(db, SQL_REQ_REMOVE, DB_I(id), DB_I(person_id));
}

enum err event_requirements(struct db *db, struct arena *a, int64_t id, struct event_requirement **out, size_t *n)
{
	struct db_stmt *st = query(db, SQL_REQS, DB_I(id));
	*out = NULL;
	*n = 0;
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		*out = arena_room(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct event_requirement){
			.person_id = db_col_int(st, 0), .name = db_col_text_or_null(a, st, 1),
			.email = db_col_text_or_null(a, st, 2),
			.dietary = db_col_text_or_null(a, st, 3), .access = db_col_text_or_null(a, st, 4),
			.updated_at = db_col_int(st, 5)};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err events_requirements_purge(struct db *db, struct arena *a, const char *cutoff, struct event_purged **out,
				   size_t *n)
{
	struct db_stmt *st = query(db, SQL_REQ_DUE, DB_S(cutoff));
	*out = NULL;
	*n = 0;
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		*out = arena_room(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct event_purged){db_col_int(st, 0), db_col_int(st, 2), db_col_text_or_null(a, st,
		1)};
	}
	if (rc < 0)
		return (enum err)rc;
	for (size_t i = 0; i < *n; i++) {
		enum err e = db_run(db, SQL_REQ_PURGE, DB_I((*out)[i].event_id));
		if (e)
			return e;
	}
	return ERR_OK;
}

static enum err tallies(struct db_stmt *st, struct arena *a, struct events_tally **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		*out = arena_room(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct events_tally){
			.person_id = db_col_int(st, 0), .name = db_col_text_or_null(a, st, 1),
			.email = db_col_text_or_null(a, st, 2),
			.project_code = db_col_text_or_null(a, st, 3), .project_title = db_col_text_or_null(a, st, 4),
			.days = db_col_int(st, 5)};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err funded_days_of_person(struct db *db, struct arena *a, int64_t person_id, const char *first,
			       const char *last, struct events_tally **out, size_t *n)
{
	return tallies(query(db, SQL_FUNDED_PERSON, DB_I(person_id), DB_S(first), DB_S(last)), a, out, n);
}

enum err funded_days_of_hub(struct db *db, struct arena *a, int64_t hub_id, const char *first, const char *last,
			    struct events_tally **out, size_t *n)
{
	return tallies(query(db, SQL_FUNDED_HUB, DB_I(hub_id), DB_S(first), DB_S(last)), a, out, n);
}

enum err events_hub_by_code(struct db *db, struct arena *a, const char *code, int64_t *id, const char **name)
{
	struct db_stmt *st = query(db, SQL_HUB_BY_CODE, DB_S(code));
	int rc = st ? db_step(st) : ERR_DB;
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_NOT_FOUND;
	*id = db_col_int(st, 0);
	*name = arena_strdup(a, db_col_text(st, 1));
	return db_step(st) < 0 ? ERR_DB : ERR_OK;
}

enum err events_api_mine(struct db *db, struct arena *a, int64_t person_id, bool past, const char *today,
			 int academic_year, int64_t offset, int64_t limit, struct events_page *out)
{
	char ptext[24];
	snprintf(ptext, sizeof(ptext), "%lld", (long long)person_id);
	enum err e = rows(query(db, past ? SQL_API_PAST : SQL_API_UPCOMING, DB_I(person_id), DB_S(ptext),
				DB_I(academic_year), DB_S(today), DB_I(limit), DB_I(offset)),
			  a, &out->events, &out->n);
	if (e)
		return e;
	return one_int(query(db, past ? SQL_API_PAST_COUNT : SQL_API_UPCOMING_COUNT, DB_I(person_id), DB_S(ptext),
			     DB_I(academic_year), DB_S(today)),
		       &out->total);
}

enum err events_api_all(struct db *db, struct arena *a, int64_t person_id, int academic_year, bool national,
			const int64_t *hubs, size_t nhubs, const int64_t *projects, size_t nprojects, int64_t offset,
			int64_t limit, struct events_page *out)
{
	char ptext[24];
	snprintf(ptext, sizeof(ptext), "%lld", (long long)person_id);
	struct db_value v[22] = {DB_I(person_id), DB_S(ptext), DB_I(academic_year), DB_I(national ? 1 : 0)};
	for (size_t i = 0; i < 8; i++) {
		v[4 + i] = DB_I(i < nhubs ? hubs[i] : 0);
		v[12 + i] = DB_I(i < nprojects ? projects[i] : 0);
	}
	v[20] = DB_I(limit);
	v[21] = DB_I(offset);
	enum err e = rows(db_query_values(db, SQL_API_ALL, v, 22), a, &out->events, &out->n);
	if (e)
		return e;
	return one_int(db_query_values(db, SQL_API_ALL_COUNT, v, 20), &out->total);
}

enum err events_days_of(struct db *db, struct arena *a, struct event *events, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct event *e = &events[i];
		struct db_stmt *st = query(db, SQL_DAYS, DB_I(e->id));
		if (!st)
			return ERR_DB;
		int rc;
		e->ndays = 0;
		while ((rc = db_step(st)) == 1)
			if (e->ndays < EVENTS_MAX_DAYS)
				e->days[e->ndays++] = (struct event_day){arena_strdup(a, db_col_text(st, 0)),
									 arena_strdup(a, db_col_text(st, 1)),
									 arena_strdup(a, db_col_text(st, 2))};
		if (rc < 0 || !(st = query(db, SQL_PROJECTS, DB_I(e->id))))
			return rc < 0 ? (enum err)rc : ERR_DB;
		size_t cap = 0, cap2 = 0;
		e->nprojects = 0;
		while ((rc = db_step(st)) == 1) {
			e->projects = arena_room(a, e->projects, e->nprojects, &cap, sizeof(*e->projects));
			e->project_ids = arena_room(a, e->project_ids, e->nprojects, &cap2, sizeof(*e->project_ids));
			e->project_ids[e->nprojects] = db_col_int(st, 1);
			e->projects[e->nprojects++] = arena_strdup(a, db_col_text(st, 0));
		}
		if (rc < 0)
			return (enum err)rc;
	}
	return ERR_OK;
}

/* The key of the advisory lock of an event's answers (PostgreSQL): the
 * first of its two numbers, the event's id the second (an id past 2^31
 * shares a lock with another: more waiting, never less safety). */
#define ANSWERS_LOCK_KEY 701013

enum err events_answers_lock(struct db *db, int64_t id, bool lock)
{
	if (strcmp(db_dialect(db), "postgresql"))
		return ERR_OK; /* SQLite: a write transaction holds the database's write lock */
	char sql[96];
	snprintf(sql, sizeof(sql), "SELECT pg_advisory_%s(%d, %d)", lock ? "lock" : "unlock", ANSWERS_LOCK_KEY,
		 (int)(id & 0x7fffffff));
	return db_exec(db, sql);
}

/* ---- joining links, attendance and registers ---- */

static const char SQL_JOIN_TOKEN_OF[] =
	"SELECT created_at, token_hash FROM event_join_tokens WHERE event_id = $1 AND person_id = $2";
static const char SQL_JOIN_TOKEN_INSERT[] =
	"INSERT INTO event_join_tokens (token_hash, event_id, person_id, created_at) "
	"SELECT $1, e.id, $3, $4 FROM events e WHERE e.id = $2 AND e.format = 'online' ON CONFLICT DO NOTHING";
static const char SQL_JOIN_TOKEN_REHASH[] =
	"UPDATE event_join_tokens SET token_hash = $3 WHERE event_id = $1 AND person_id = $2";
static const char SQL_JOIN_BY_HASH[] = "SELECT event_id, person_id FROM event_join_tokens WHERE token_hash = $1";
static const char SQL_JOIN_USED[] = "UPDATE event_join_tokens SET last_used_at = $2 WHERE token_hash = $1";
static const char SQL_CONFIRMED_PEOPLE[] =
	"SELECT a.person_id FROM event_answers a WHERE a.event_id = $1 AND a.answer = 'confirmed' ORDER BY a.person_id";
static const char SQL_ATTENDEES[] =
	"SELECT pp.id, pp.name, pp.email, s.name, a.answer FROM people pp "
	"LEFT JOIN event_answers a ON a.event_id = $1 AND a.person_id = pp.id LEFT JOIN schools s ON s.urn = pp.school_urn "
	"WHERE a.person_id IS NOT NULL OR pp.id IN (SELECT m.person_id FROM event_attendance m WHERE m.event_id = $1) "
	"ORDER BY pp.name, pp.id";
static const char SQL_MARKS[] =
	"SELECT m.person_id, m.day, m.status, m.source, m.note, r.name, COALESCE(m.minutes, -1) FROM event_attendance m "
	"LEFT JOIN people r ON r.id = m.recorded_by WHERE m.event_id = $1 AND ($2 = '' OR m.day = $2) "
	"ORDER BY m.day, m.person_id";
static const char SQL_MARK_SET[] =
	"INSERT INTO event_attendance (event_id, person_id, day, status, minutes, source, note, recorded_by, recorded_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (event_id, person_id, day) DO UPDATE SET "
	"status = excluded.status, minutes = excluded.minutes, source = excluded.source, note = excluded.note, "
	"recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at";
static const char SQL_MARK_LINK[] =
	"INSERT INTO event_attendance (event_id, person_id, day, status, source, recorded_at) "
	"VALUES ($1, $2, $3, 'present', 'link', $4) ON CONFLICT (event_id, person_id, day) DO UPDATE SET "
	"status = 'present', source = 'link', recorded_by = NULL, recorded_at = excluded.recorded_at "
	"WHERE event_attendance.status IN ('absent', 'apologies') RETURNING person_id";

enum err event_join_token_of(struct db *db, int64_t event_id, int64_t person_id, bool *found, int64_t *created_at,
			     char hash[65])
{
	struct db_stmt *st = query(db, SQL_JOIN_TOKEN_OF, DB_I(event_id), DB_I(person_id));
	int rc = st ? db_step(st) : ERR_DB;
	*found = rc == 1;
	if (rc < 0)
		return (enum err)rc;
	if (rc == 1) {
		*created_at = db_col_int(st, 0);
		snprintf(hash, 65, "%s", db_col_text(st, 1));
		if ((rc = db_step(st)) < 0)
			return (enum err)rc;
	}
	return ERR_OK;
}

enum err event_join_token_insert(struct db *db, const char *hash, int64_t event_id, int64_t person_id, int64_t now)
{
	return db_run(db, SQL_JOIN_TOKEN_INSERT, DB_S(hash), DB_I(event_id), DB_I(person_id), DB_I(now));
}

enum err event_join_token_rehash(struct db *db, int64_t event_id, int64_t person_id, const char *hash)
{
	return db_run(db, SQL_JOIN_TOKEN_REHASH, DB_I(event_id), DB_I(person_id), DB_S(hash));
}

enum err event_join_by_hash(struct db *db, const char *hash, int64_t *event_id, int64_t *person_id)
{
	struct db_stmt *st = query(db, SQL_JOIN_BY_HASH, DB_S(hash));
	int rc = st ? db_step(st) : ERR_DB;
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_NOT_FOUND;
	*event_id = db_col_int(st, 0);
	*person_id = db_col_int(st, 1);
	return db_step(st) < 0 ? ERR_DB : ERR_OK;
}

enum err event_join_used(struct db *db, const char *hash, int64_t now)
{
	return db_run(db, SQL_JOIN_USED, DB_S(hash), DB_I(now));
}

enum err event_confirmed_people(struct db *db, struct arena *a, int64_t event_id, int64_t **ids, size_t *n)
{
	struct db_stmt *st = query(db, SQL_CONFIRMED_PEOPLE, DB_I(event_id));
	*ids = NULL;
	*n = 0;
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		*ids = arena_room(a, *ids, *n, &cap, sizeof(**ids));
		(*ids)[(*n)++] = db_col_int(st, 0);
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err event_attendees(struct db *db, struct arena *a, int64_t event_id, struct event_attendee **out, size_t *n)
{
	struct db_stmt *st = query(db, SQL_ATTENDEES, DB_I(event_id));
	*out = NULL;
	*n = 0;
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		*out = arena_room(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct event_attendee){
			.person_id = db_col_int(st, 0), .name = db_col_text_or_null(a, st, 1),
			.email = db_col_text_or_null(a, st, 2),
			.school = db_col_text_or_null(a, st, 3), .answer = db_col_text_or_null(a, st, 4)};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err event_marks(struct db *db, struct arena *a, int64_t event_id, const char *day, struct event_mark **out,
		     size_t *n)
{
	struct db_stmt *st = query(db, SQL_MARKS, DB_I(event_id), DB_S(day ? day : ""));
	*out = NULL;
	*n = 0;
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		*out = arena_room(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct event_mark){
			.person_id = db_col_int(st, 0), .day = db_col_text_or_null(a, st, 1),
			.status = db_col_text_or_null(a, st, 2),
			.source = db_col_text_or_null(a, st, 3), .note = db_col_text_or_null(a, st, 4),
			.recorded_by = db_col_text_or_null(a, st, 5),
			.minutes = db_col_int(st, 6)};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err event_mark_set(struct db *db, int64_t event_id, int64_t person_id, const char *day, const char *status,
			int64_t minutes, const char *source, const char *note, int64_t by, int64_t now)
{
	return db_run(db, SQL_MARK_SET, DB_I(event_id), DB_I(person_id), DB_S(day), DB_S(status),
		      minutes >= 0 ? DB_I(minutes) : DB_NULL, DB_S(source), DB_S(note && note[0] ? note : NULL),
		      by ? DB_I(by) : DB_NULL, DB_I(now));
}

enum err event_mark_link(struct db *db, int64_t event_id, int64_t person_id, const char *day, int64_t now,
			 bool *changed)
{
	struct db_stmt *st = query(db, SQL_MARK_LINK, DB_I(event_id), DB_I(person_id), DB_S(day), DB_I(now));
	int rc = st ? db_step(st) : ERR_DB;
	if (rc < 0)
		return (enum err)rc;
	*changed = rc == 1;
	return rc == 1 && db_step(st) < 0 ? ERR_DB : ERR_OK;
}
