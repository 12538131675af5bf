/* people_queries.c - see people_queries.h. */
#include "activities/people_queries.h"

#include "core/arena.h"
#include "db/db.h"
#include "db/rows.h"

static const char SQL_SCHOOLS_PAGE[] =
	"SELECT s.urn, sc.name, sc.town, sc.postcode, COALESCE(s.hub_id, 0), h.code, h.name, s.joined_on, s.left_on, "
	"s.left_reason, (SELECT count(*) FROM activity_participants p WHERE p.activity_id = s.activity_id "
	"AND p.school_urn = s.urn AND p.left_on IS NULL) "
	"FROM activity_schools s JOIN schools sc ON sc.urn = s.urn LEFT JOIN hubs h ON h.id = s.hub_id "
	"WHERE s.activity_id = $1 AND ($2 = 0 OR s.hub_id = $2) "
	"ORDER BY s.left_on IS NOT NULL, sc.name, s.urn LIMIT $3 OFFSET $4";
static const char SQL_SCHOOLS_COUNT[] =
	"SELECT count(*) FROM activity_schools s WHERE s.activity_id = $1 AND ($2 = 0 OR s.hub_id = $2)";
static const char SQL_SCHOOL_ONE[] =
	"SELECT s.urn, sc.name, sc.town, sc.postcode, COALESCE(s.hub_id, 0), h.code, h.name, s.joined_on, s.left_on, "
	"s.left_reason, (SELECT count(*) FROM activity_participants p WHERE p.activity_id = s.activity_id "
	"AND p.school_urn = s.urn AND p.left_on IS NULL) "
	"FROM activity_schools s JOIN schools sc ON sc.urn = s.urn LEFT JOIN hubs h ON h.id = s.hub_id "
	"WHERE s.activity_id = $1 AND s.urn = $2";
static const char SQL_SCHOOLS_TAKING_PART[] =
	"SELECT s.urn, sc.name, sc.town, sc.postcode, COALESCE(s.hub_id, 0), h.code, h.name, s.joined_on, s.left_on, "
	"s.left_reason, 0 FROM activity_schools s JOIN schools sc ON sc.urn = s.urn LEFT JOIN hubs h ON h.id = s.hub_id "
	"WHERE s.activity_id = $1 AND s.left_on IS NULL ORDER BY sc.name, s.urn";
static const char SQL_HAS_SCHOOL[] = "SELECT count(*) FROM activity_schools WHERE activity_id = $1";
static const char SQL_HUB_NOW[] = "SELECT COALESCE(hub_id, 0) FROM school_hubs WHERE urn = $1";
static const char SQL_SCHOOL_ADD[] =
	"INSERT INTO activity_schools (activity_id, urn, hub_id, joined_on, added_by, added_at) "
	"VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (activity_id, urn) DO NOTHING RETURNING urn";
static const char SQL_SCHOOL_WITHDRAW[] =
	"UPDATE activity_schools SET left_on = $3, left_reason = $4 WHERE activity_id = $1 AND urn = $2 "
	"AND left_on IS NULL RETURNING urn";
static const char SQL_SCHOOL_PEOPLE_WITHDRAW[] =
	"UPDATE activity_participants SET left_on = CASE WHEN joined_on > $3 THEN joined_on ELSE $3 END "
	"WHERE activity_id = $1 AND school_urn = $2 AND left_on IS NULL RETURNING id";

#define PARTICIPANT_COLS                                                                                     \
	"p.id, p.activity_id, p.person_id, pe.name, pe.email, p.school_urn, sc.name, COALESCE(p.hub_id, 0), h.code, " \
	"h.name, p.role, p.joined_on, p.left_on, CASE WHEN pe.password_hash IS NULL THEN 0 ELSE 1 END "         \
	"FROM activity_participants p JOIN people pe ON pe.id = p.person_id LEFT JOIN schools sc ON sc.urn = p.school_urn " \
	"LEFT JOIN hubs h ON h.id = p.hub_id "
static const char SQL_PARTICIPANTS_PAGE[] =
	"SELECT " PARTICIPANT_COLS "WHERE p.activity_id = $1 AND ($2 = 0 OR p.hub_id = $2) "
	"ORDER BY p.left_on IS NOT NULL, pe.name, p.id LIMIT $3 OFFSET $4";
static const char SQL_PARTICIPANTS_COUNT[] =
	"SELECT count(*) FROM activity_participants p WHERE p.activity_id = $1 AND ($2 = 0 OR p.hub_id = $2)";
static const char SQL_PARTICIPANT_ONE[] = "SELECT " PARTICIPANT_COLS "WHERE p.id = $1";
static const char SQL_MARKS[] =
	"SELECT m.session_id, s.starts_at, m.mark FROM register_marks m JOIN activity_sessions s ON s.id = m.session_id "
	"WHERE m.participant_id = $1 ORDER BY s.starts_at, s.id LIMIT 200";
/* the hubs: $2 = 0 for any, else up to four in $3..$6 */
static const char SQL_CANDIDATES[] =
	"SELECT pe.id, pe.name, pe.email, pe.school_urn, sc.name FROM people pe "
	"JOIN activity_schools s ON s.activity_id = $1 AND s.urn = pe.school_urn AND s.left_on IS NULL "
	"JOIN schools sc ON sc.urn = pe.school_urn "
	"WHERE pe.active = 1 AND NOT EXISTS (SELECT 1 FROM activity_participants p WHERE p.activity_id = $1 "
	"AND p.person_id = pe.id) AND ($2 = 0 OR s.hub_id IN ($3, $4, $5, $6)) ORDER BY pe.name, pe.id LIMIT 500";
static const char SQL_PARTICIPANT_EXISTS[] =
	"SELECT count(*) FROM activity_participants WHERE activity_id = $1 AND person_id = $2";
static const char SQL_PARTICIPANT_ADD[] =
	"INSERT INTO activity_participants (activity_id, person_id, school_urn, hub_id, role, joined_on, added_by, "
	"added_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
static const char SQL_PARTICIPANT_SET[] =
	"UPDATE activity_participants SET role = $2, school_urn = $3, hub_id = $4 WHERE id = $1";
static const char SQL_PARTICIPANT_WITHDRAW[] =
	"UPDATE activity_participants SET left_on = $2 WHERE id = $1 AND left_on IS NULL RETURNING id";

static const char SQL_HUB_CHOICES[] = "SELECT id, code, name FROM hubs ORDER BY name";
static const char SQL_PARTNER_ADD[] =
	"INSERT INTO activity_hubs (activity_id, hub_id, role) VALUES ($1, $2, 'partner') "
	"ON CONFLICT (activity_id, hub_id) DO UPDATE SET role = 'partner' WHERE activity_hubs.role = 'participants'";
static const char SQL_PARTNER_KEEP[] =
	"UPDATE activity_hubs SET role = 'participants' WHERE activity_id = $1 AND hub_id = $2 AND role = 'partner' "
	"AND (EXISTS (SELECT 1 FROM activity_schools WHERE activity_id = $1 AND hub_id = $2) "
	"OR EXISTS (SELECT 1 FROM activity_participants WHERE activity_id = $1 AND hub_id = $2)) RETURNING hub_id";
static const char SQL_PARTNER_DELETE[] =
	"DELETE FROM activity_hubs WHERE activity_id = $1 AND hub_id = $2 AND role = 'partner' RETURNING hub_id";

/* How many rows st gives (an UPDATE ... RETURNING). */
static enum err rows_counted(struct db_stmt *st, int64_t *n)
{
	*n = 0;
	if (!st)
		return ERR_DB;
	int rc;
	while ((rc = db_step(st)) == 1)
		(*n)++;
	return rc < 0 ? (enum err)rc : ERR_OK;
}

static struct db_value id_or_null(int64_t v)
{
	return v ? DB_I(v) : DB_NULL;
}

static void school_row(struct arena *a, struct db_stmt *st, void *el)
{
	*(struct activity_school_row *)el = (struct activity_school_row){
		.urn = arena_strdup(a, db_col_text(st, 0)), .name = arena_strdup(a, db_col_text(st, 1)),
		.town = db_col_text_or_null(a, st, 2), .postcode = db_col_text_or_null(a, st, 3),
		.hub_id = db_col_int(st, 4),
		.hub_code = db_col_text_or_null(a, st, 5), .hub_name = db_col_text_or_null(a, st, 6),
		.joined_on = arena_strdup(a, db_col_text(st, 7)), .left_on = db_col_text_or_null(a, st, 8),
		.left_reason = db_col_text_or_null(a, st, 9), .n_participants = db_col_int(st, 10)};
}

enum err activity_schools_page(struct db *db, struct arena *a, int64_t id, int64_t hub_id, long page,
			       struct activity_school_row **out, size_t *n, int64_t *total)
{
	*out = NULL;
	*n = 0;
	enum err e = db_number(db_query(db, SQL_SCHOOLS_COUNT, DB_I(id), DB_I(hub_id)), total);
	if (e)
		return e;
	return db_rows(db_query(db, SQL_SCHOOLS_PAGE, DB_I(id), DB_I(hub_id), DB_I(ACTIVITY_PEOPLE_PAGE),
				DB_I((page - 1) * ACTIVITY_PEOPLE_PAGE)),
		       a, (void **)out, n, sizeof(**out), school_row);
}

enum err activity_school_one(struct db *db, struct arena *a, int64_t id, const char *urn, struct activity_school_row *out)
{
	return db_one(db_query(db, SQL_SCHOOL_ONE, DB_I(id), DB_S(urn)), a, out, school_row);
}

enum err activity_schools_taking_part(struct db *db, struct arena *a, int64_t id, struct activity_school_row **out,
				      size_t *n)
{
	return db_rows(db_query(db, SQL_SCHOOLS_TAKING_PART, DB_I(id)), a, (void **)out, n, sizeof(**out), school_row);
}

enum err activity_has_school(struct db *db, int64_t id, bool *any)
{
	int64_t n;
	enum err e = db_number(db_query(db, SQL_HAS_SCHOOL, DB_I(id)), &n);
	*any = n > 0;
	return e;
}

enum err activity_school_hub_now(struct db *db, const char *urn, int64_t *hub_id)
{
	enum err e = db_number(db_query(db, SQL_HUB_NOW, DB_S(urn)), hub_id);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err activity_school_add(struct db *db, int64_t id, const char *urn, int64_t hub_id, const char *on, int64_t by,
			     int64_t now)
{
	int64_t n;
	enum err e = rows_counted(db_query(db, SQL_SCHOOL_ADD, DB_I(id), DB_S(urn), id_or_null(hub_id), DB_S(on), DB_I(by),
					   DB_I(now)),
				  &n);
	return e ? e : n ? ERR_OK : ERR_CONFLICT;
}

enum err activity_school_withdraw(struct db *db, int64_t id, const char *urn, const char *on, const char *reason,
				  int64_t *withdrawn)
{
	int64_t n;
	enum err e = rows_counted(db_query(db, SQL_SCHOOL_WITHDRAW, DB_I(id), DB_S(urn), DB_S(on), DB_S(reason)), &n);
	if (e)
		return e;
	if (!n)
		return ERR_NOT_FOUND;
	return rows_counted(db_query(db, SQL_SCHOOL_PEOPLE_WITHDRAW, DB_I(id), DB_S(urn), DB_S(on)), withdrawn);
}

static void participant_row(struct arena *a, struct db_stmt *st, void *el)
{
	*(struct activity_participant_row *)el = (struct activity_participant_row){
		.id = db_col_int(st, 0), .activity_id = db_col_int(st, 1), .person_id = db_col_int(st, 2),
		.name = arena_strdup(a, db_col_text(st, 3)), .email = arena_strdup(a, db_col_text(st, 4)),
		.school_urn = db_col_text_or_null(a, st, 5), .school_name = db_col_text_or_null(a, st, 6),
		.hub_id = db_col_int(st, 7),
		.hub_code = db_col_text_or_null(a, st, 8), .hub_name = db_col_text_or_null(a, st, 9),
		.role = arena_strdup(a, db_col_text(st, 10)), .joined_on = arena_strdup(a, db_col_text(st, 11)),
		.left_on = db_col_text_or_null(a, st, 12), .signed_up = db_col_int(st, 13) != 0};
}

enum err activity_participants_page(struct db *db, struct arena *a, int64_t id, int64_t hub_id, long page,
				    struct activity_participant_row **out, size_t *n, int64_t *total)
{
	*out = NULL;
	*n = 0;
	enum err e = db_number(db_query(db, SQL_PARTICIPANTS_COUNT, DB_I(id), DB_I(hub_id)), total);
	if (e)
		return e;
	return db_rows(db_query(db, SQL_PARTICIPANTS_PAGE, DB_I(id), DB_I(hub_id), DB_I(ACTIVITY_PEOPLE_PAGE),
				DB_I((page - 1) * ACTIVITY_PEOPLE_PAGE)),
		       a, (void **)out, n, sizeof(**out), participant_row);
}

enum err activity_participant_one(struct db *db, struct arena *a, int64_t pid, struct activity_participant_row *out)
{
	return db_one(db_query(db, SQL_PARTICIPANT_ONE, DB_I(pid)), a, out, participant_row);
}

static void mark_row(struct arena *a, struct db_stmt *st, void *el)
{
	*(struct activity_mark_row *)el = (struct activity_mark_row){
		.session_id = db_col_int(st, 0), .starts_at = db_col_int(st, 1), .mark = arena_strdup(a, db_col_text(st, 2))};
}

enum err activity_participant_marks(struct db *db, struct arena *a, int64_t pid, struct activity_mark_row **out,
				    size_t *n)
{
	return db_rows(db_query(db, SQL_MARKS, DB_I(pid)), a, (void **)out, n, sizeof(**out), mark_row);
}

static void candidate_row(struct arena *a, struct db_stmt *st, void *el)
{
	*(struct activity_candidate *)el = (struct activity_candidate){
		.person_id = db_col_int(st, 0), .name = arena_strdup(a, db_col_text(st, 1)),
		.email = arena_strdup(a, db_col_text(st, 2)), .school_urn = arena_strdup(a, db_col_text(st, 3)),
		.school_name = arena_strdup(a, db_col_text(st, 4))};
}

enum err activity_candidates(struct db *db, struct arena *a, int64_t id, const int64_t *hubs, size_t nhubs,
			     struct activity_candidate **out, size_t *n)
{
	int64_t h[4] = {-1, -1, -1, -1};
	for (size_t i = 0; i < nhubs && i < 4; i++)
		h[i] = hubs[i];
	return db_rows(db_query(db, SQL_CANDIDATES, DB_I(id), DB_I(nhubs ? 1 : 0), DB_I(h[0]), DB_I(h[1]), DB_I(h[2]),
				DB_I(h[3])),
		       a, (void **)out, n, sizeof(**out), candidate_row);
}

enum err activity_participant_exists(struct db *db, int64_t id, int64_t person_id, bool *exists)
{
	int64_t n;
	enum err e = db_number(db_query(db, SQL_PARTICIPANT_EXISTS, DB_I(id), DB_I(person_id)), &n);
	*exists = n > 0;
	return e;
}

enum err activity_participant_add(struct db *db, int64_t id, int64_t person_id, const char *urn, int64_t hub_id,
				  const char *role, const char *on, int64_t by, int64_t now, int64_t *pid)
{
	enum err e = db_number(db_query(db, SQL_PARTICIPANT_ADD, DB_I(id), DB_I(person_id), DB_S(urn), id_or_null(hub_id),
					DB_S(role), DB_S(on), DB_I(by), DB_I(now)),
			       pid);
	return e == ERR_NOT_FOUND ? ERR_DB : e;
}

enum err activity_participant_set(struct db *db, int64_t pid, const char *role, const char *urn, int64_t hub_id)
{
	return db_run(db, SQL_PARTICIPANT_SET, DB_I(pid), DB_S(role), DB_S(urn), id_or_null(hub_id));
}

enum err activity_participant_withdraw(struct db *db, int64_t pid, const char *on)
{
	int64_t n;
	enum err e = rows_counted(db_query(db, SQL_PARTICIPANT_WITHDRAW, DB_I(pid), DB_S(on)), &n);
	return e ? e : n ? ERR_OK : ERR_NOT_FOUND;
}

static void hub_choice_row(struct arena *a, struct db_stmt *st, void *el)
{
	*(struct activity_hub_choice *)el = (struct activity_hub_choice){
		db_col_int(st, 0), arena_strdup(a, db_col_text(st, 1)), arena_strdup(a, db_col_text(st, 2))};
}

enum err activity_hub_choices(struct db *db, struct arena *a, struct activity_hub_choice **out, size_t *n)
{
	return db_rows(db_prepare(db, SQL_HUB_CHOICES), a, (void **)out, n, sizeof(**out), hub_choice_row);
}

enum err activity_partner_add(struct db *db, int64_t id, int64_t hub_id)
{
	return db_run(db, SQL_PARTNER_ADD, DB_I(id), DB_I(hub_id));
}

enum err activity_partner_remove(struct db *db, int64_t id, int64_t hub_id, bool *kept)
{
	int64_t n;
	enum err e = rows_counted(db_query(db, SQL_PARTNER_KEEP, DB_I(id), DB_I(hub_id)), &n);
	if (e)
		return e;
	*kept = n > 0;
	if (*kept)
		return ERR_OK;
	if ((e = rows_counted(db_query(db, SQL_PARTNER_DELETE, DB_I(id), DB_I(hub_id)), &n)))
		return e;
	return n ? ERR_OK : ERR_NOT_FOUND;
}
