/* session_queries.c - see session_queries.h. */
#include "activities/session_queries.h"

#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/rows.h"

#define SESSION_COLS                                                                                         \
	"s.id, s.activity_id, s.starts_at, s.ends_at, s.format, s.venue, s.address, s.online_url, s.purpose, "   \
	"s.half_days, COALESCE(s.cancelled_at, 0), s.cancel_reason, COALESCE(s.register_taken_at, 0), t.name, " \
	"s.register_source, "                                                                                  \
	"(SELECT count(*) FROM register_marks m WHERE m.session_id = s.id AND m.mark = 'present'), "           \
	"(SELECT count(*) FROM register_marks m WHERE m.session_id = s.id AND m.mark = 'late'), "              \
	"(SELECT count(*) FROM register_marks m WHERE m.session_id = s.id AND m.mark = 'absent'), "            \
	"(SELECT count(*) FROM register_marks m WHERE m.session_id = s.id AND m.mark = 'apologies') "          \
	"FROM activity_sessions s LEFT JOIN people t ON t.id = s.register_taken_by "

static const char SQL_SESSION[] = "SELECT " SESSION_COLS "WHERE s.id = $1";
static const char SQL_SESSIONS_OF[] = "SELECT " SESSION_COLS "WHERE s.activity_id = $1 ORDER BY s.starts_at, s.id";

#define PERSON_COLS                                                                                      \
	"ap.id, ap.person_id, COALESCE(ap.hub_id, 0), p.name, p.email, ap.role, ap.school_urn, sc.name, " \
	"ap.joined_on, ap.left_on "
static const char SQL_REGISTER_PEOPLE[] =
	"SELECT " PERSON_COLS ", m.mark, m.source, m.note, rb.name FROM activity_participants ap "
	"JOIN people p ON p.id = ap.person_id LEFT JOIN schools sc ON sc.urn = ap.school_urn "
	"LEFT JOIN register_marks m ON m.session_id = $2 AND m.participant_id = ap.id "
	"LEFT JOIN people rb ON rb.id = m.recorded_by "
	"WHERE ap.activity_id = $1 AND (ap.left_on IS NULL OR ap.left_on > $3 OR m.mark IS NOT NULL) "
	"ORDER BY p.name, ap.id";
static const char SQL_PEOPLE_ALL[] =
	"SELECT " PERSON_COLS ", NULL, NULL, NULL, NULL FROM activity_participants ap "
	"JOIN people p ON p.id = ap.person_id LEFT JOIN schools sc ON sc.urn = ap.school_urn "
	"WHERE ap.activity_id = $1 ORDER BY p.name, ap.id";
static const char SQL_MARKS_ALL[] =
	"SELECT m.session_id, m.participant_id, m.mark, m.source, m.recorded_at FROM register_marks m "
	"JOIN activity_sessions s ON s.id = m.session_id WHERE s.activity_id = $1";
static const char SQL_LEFT_ON[] = "SELECT left_on FROM activity_participants WHERE id = $1";
static const char SQL_MARK_OF[] = "SELECT mark, source FROM register_marks WHERE session_id = $1 AND participant_id = $2";
static const char SQL_SCHOOL_LINKS[] =
	"SELECT l.urn, l.link_urn, l.link_name FROM school_links l WHERE l.urn IN "
	"(SELECT school_urn FROM activity_participants WHERE activity_id = $1 AND school_urn IS NOT NULL) "
	"UNION SELECT l.link_urn, l.urn, COALESCE(s.name, '') FROM school_links l LEFT JOIN schools s ON s.urn = l.urn "
	"WHERE l.link_urn IN (SELECT school_urn FROM activity_participants WHERE activity_id = $1 AND school_urn IS NOT NULL)";

static const char SQL_INSERT[] =
	"INSERT INTO activity_sessions (activity_id, starts_at, ends_at, format, venue, address, online_url, purpose, "
	"half_days, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) "
	"RETURNING id";
static const char SQL_UPDATE[] =
	"UPDATE activity_sessions SET starts_at = $2, ends_at = $3, format = $4, venue = $5, address = $6, "
	"online_url = $7, purpose = $8, half_days = $9, updated_at = $10 WHERE id = $1 AND cancelled_at IS NULL "
	"RETURNING id";
static const char SQL_CANCEL[] =
	"UPDATE activity_sessions SET cancelled_at = $3, cancelled_by = $4, cancel_reason = $2, updated_at = $3 "
	"WHERE id = $1 AND cancelled_at IS NULL RETURNING id";
static const char SQL_MARK_SET[] =
	"INSERT INTO register_marks (session_id, participant_id, mark, source, note, recorded_by, recorded_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (session_id, participant_id) DO UPDATE SET "
	"mark = excluded.mark, source = excluded.source, note = excluded.note, recorded_by = excluded.recorded_by, "
	"recorded_at = excluded.recorded_at";
static const char SQL_TAKEN[] =
	"UPDATE activity_sessions SET register_taken_at = $2, register_taken_by = $3, register_source = $4, "
	"updated_at = $2 WHERE id = $1";
static const char SQL_NEXT[] =
	"SELECT s.id, s.activity_id, a.title, s.starts_at, s.ends_at, s.format, s.venue, w.leads FROM "
	"(SELECT activity_id, 1 AS leads FROM activity_leads WHERE person_id = $1 "
	"UNION SELECT activity_id, 0 FROM activity_participants WHERE person_id = $1 AND left_on IS NULL "
	"AND activity_id NOT IN (SELECT activity_id FROM activity_leads WHERE person_id = $1)) w "
	"JOIN activity_sessions s ON s.activity_id = w.activity_id JOIN activities a ON a.id = s.activity_id "
	"WHERE s.cancelled_at IS NULL AND a.status <> 'cancelled' AND s.ends_at > $2 AND s.starts_at < $3 "
	"ORDER BY s.starts_at, s.id LIMIT 20";

static void session_row(struct arena *a, struct db_stmt *st, void *el)
{
	*(struct activity_session *)el = (struct activity_session){
		.id = db_col_int(st, 0), .activity_id = db_col_int(st, 1), .starts_at = db_col_int(st, 2),
		.ends_at = db_col_int(st, 3), .format = arena_strdup(a, db_col_text(st, 4)),
		.venue = db_col_text_or_null(a, st, 5),
		.address = db_col_text_or_null(a, st, 6), .online_url = db_col_text_or_null(a, st, 7),
		.purpose = arena_strdup(a, db_col_text(st, 8)), .half_days = (int)db_col_int(st, 9),
		.cancelled_at = db_col_int(st, 10), .cancel_reason = db_col_text_or_null(a, st, 11),
		.register_taken_at = db_col_int(st, 12), .register_taken_by = db_col_text_or_null(a, st, 13),
		.register_source = db_col_text_or_null(a, st, 14), .n_present = (long)db_col_int(st, 15),
		.n_late = (long)db_col_int(st, 16), .n_absent = (long)db_col_int(st, 17),
		.n_apologies = (long)db_col_int(st, 18)};
}

enum err activity_session_read(struct db *db, struct arena *a, int64_t id, struct activity_session *out)
{
	struct activity_session *rows;
	size_t n;
	enum err e = db_rows(db_query(db, SQL_SESSION, DB_I(id)), a, (void **)&rows, &n, sizeof(*rows), session_row);
	if (e)
		return e;
	if (!n)
		return ERR_NOT_FOUND;
	*out = rows[0];
	return ERR_OK;
}

enum err activity_sessions_of(struct db *db, struct arena *a, int64_t activity_id, struct activity_session **out,
			      size_t *n)
{
	return db_rows(db_query(db, SQL_SESSIONS_OF, DB_I(activity_id)), a, (void **)out, n, sizeof(**out), session_row);
}

static void person_row(struct arena *a, struct db_stmt *st, void *el)
{
	*(struct session_person *)el = (struct session_person){
		.participant_id = db_col_int(st, 0), .person_id = db_col_int(st, 1), .hub_id = db_col_int(st, 2),
		.name = arena_strdup(a, db_col_text(st, 3)), .email = arena_strdup(a, db_col_text(st, 4)),
		.role = arena_strdup(a, db_col_text(st, 5)), .school_urn = db_col_text_or_null(a, st, 6),
		.school_name = db_col_text_or_null(a, st, 7), .joined_on = arena_strdup(a, db_col_text(st, 8)),
		.left_on = db_col_text_or_null(a, st, 9), .mark = db_col_text_or_null(a, st, 10),
		.source = db_col_text_or_null(a, st, 11),
		.note = db_col_text_or_null(a, st, 12), .recorded_by = db_col_text_or_null(a, st, 13)};
}

enum err session_register_people(struct db *db, struct arena *a, int64_t activity_id, int64_t session_id,
				 const char *day, struct session_person **out, size_t *n)
{
	return db_rows(db_query(db, SQL_REGISTER_PEOPLE, DB_I(activity_id), DB_I(session_id), DB_S(day)), a,
		       (void **)out, n, sizeof(**out), person_row);
}

enum err activity_people_all(struct db *db, struct arena *a, int64_t activity_id, struct session_person **out,
			     size_t *n)
{
	return db_rows(db_query(db, SQL_PEOPLE_ALL, DB_I(activity_id)), a, (void **)out, n, sizeof(**out), person_row);
}

static void mark_row(struct arena *a, struct db_stmt *st, void *el)
{
	*(struct activity_mark *)el = (struct activity_mark){
		.session_id = db_col_int(st, 0), .participant_id = db_col_int(st, 1),
		.mark = arena_strdup(a, db_col_text(st, 2)), .source = arena_strdup(a, db_col_text(st, 3)),
		.recorded_at = db_col_int(st, 4)};
}

enum err activity_marks_all(struct db *db, struct arena *a, int64_t activity_id, struct activity_mark **out, size_t *n)
{
	return db_rows(db_query(db, SQL_MARKS_ALL, DB_I(activity_id)), a, (void **)out, n, sizeof(**out), mark_row);
}

enum err session_mark_of(struct db *db, struct arena *a, int64_t session_id, int64_t participant_id, const char **mark,
			 const char **source)
{
	*mark = *source = NULL;
	struct db_stmt *st = db_query(db, SQL_MARK_OF, DB_I(session_id), DB_I(participant_id));
	int rc = st ? db_step(st) : ERR_DB;
	if (rc == 1) {
		*mark = arena_strdup(a, db_col_text(st, 0));
		*source = arena_strdup(a, db_col_text(st, 1));
		rc = db_step(st);
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err session_participant_left_on(struct db *db, struct arena *a, int64_t participant_id, const char **left_on)
{
	*left_on = NULL;
	struct db_stmt *st = db_query(db, SQL_LEFT_ON, DB_I(participant_id));
	int rc = st ? db_step(st) : ERR_DB;
	if (rc == 1) {
		*left_on = db_col_is_null(st, 0) ? NULL : arena_strdup(a, db_col_text(st, 0));
		rc = db_step(st);
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

static void link_row(struct arena *a, struct db_stmt *st, void *el)
{
	*(struct session_school_link *)el = (struct session_school_link){
		arena_strdup(a, db_col_text(st, 0)), arena_strdup(a, db_col_text(st, 1)), arena_strdup(a, db_col_text(st, 2))};
}

enum err activity_school_links(struct db *db, struct arena *a, int64_t activity_id, struct session_school_link **out,
			       size_t *n)
{
	return db_rows(db_query(db, SQL_SCHOOL_LINKS, DB_I(activity_id)), a, (void **)out, n, sizeof(**out), link_row);
}

static struct db_value text_or_db_null(const char *s)
{
	return s ? DB_S(s) : DB_NULL;
}

/* A statement that returns one row, or none (ERR_NOT_FOUND); *id its first column. */
static enum err one_row(struct db_stmt *st, int64_t *id)
{
	int rc = st ? db_step(st) : ERR_DB;
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_NOT_FOUND;
	if (id)
		*id = db_col_int(st, 0);
	return db_step(st) < 0 ? ERR_DB : ERR_OK;
}

enum err activity_session_create(struct db *db, int64_t activity_id, const struct session_fields *f, int64_t by,
				 int64_t now, int64_t *id)
{
	enum err e = one_row(db_query(db, SQL_INSERT, DB_I(activity_id), DB_I(f->starts_at), DB_I(f->ends_at),
				      DB_S(f->format), text_or_db_null(f->venue), text_or_db_null(f->address),
				      text_or_db_null(f->online_url), DB_S(f->purpose ? f->purpose : ""),
				      DB_I(f->half_days), DB_I(by), DB_I(now)),
			     id);
	return e == ERR_NOT_FOUND ? ERR_DB : e;
}

enum err activity_session_update(struct db *db, int64_t id, const struct session_fields *f, int64_t now)
{
	return one_row(db_query(db, SQL_UPDATE, DB_I(id), DB_I(f->starts_at), DB_I(f->ends_at), DB_S(f->format),
				text_or_db_null(f->venue), text_or_db_null(f->address), text_or_db_null(f->online_url),
				DB_S(f->purpose ? f->purpose : ""), DB_I(f->half_days), DB_I(now)),
		       NULL);
}

enum err activity_session_cancel(struct db *db, int64_t id, const char *reason, int64_t by, int64_t now)
{
	return one_row(db_query(db, SQL_CANCEL, DB_I(id), DB_S(reason), DB_I(now), DB_I(by)), NULL);
}

enum err session_mark_set(struct db *db, int64_t session_id, int64_t participant_id, const char *mark,
			  const char *source, const char *note, int64_t by, int64_t now)
{
	return db_run(db, SQL_MARK_SET, DB_I(session_id), DB_I(participant_id), DB_S(mark), DB_S(source),
		      text_or_db_null(note), by ? DB_I(by) : DB_NULL, DB_I(now));
}

enum err session_register_taken(struct db *db, int64_t session_id, const char *source, int64_t by, int64_t now)
{
	return db_run(db, SQL_TAKEN, DB_I(session_id), DB_I(now), DB_I(by), DB_S(source));
}

static void next_row(struct arena *a, struct db_stmt *st, void *el)
{
	*(struct next_session *)el = (struct next_session){
		.id = db_col_int(st, 0), .activity_id = db_col_int(st, 1), .title = arena_strdup(a, db_col_text(st, 2)),
		.starts_at = db_col_int(st, 3), .ends_at = db_col_int(st, 4), .format = arena_strdup(a, db_col_text(st, 5)),
		.venue = db_col_text_or_null(a, st, 6), .leads = db_col_int(st, 7) != 0};
}

enum err sessions_next(struct db *db, struct arena *a, int64_t person_id, int64_t from, int64_t to,
		       struct next_session **out, size_t *n)
{
	return db_rows(db_query(db, SQL_NEXT, DB_I(person_id), DB_I(from), DB_I(to)), a, (void **)out, n, sizeof(**out),
		       next_row);
}
