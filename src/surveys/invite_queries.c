/*
 * invite_queries.c - the SQL of survey invites and answers (invite_queries.h).
 */
#include "surveys/invite_queries.h"

#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/rows.h"

static const char SQL_APPLICABLE[] =
	"SELECT id, kind, title, status FROM survey_templates WHERE year = $1 AND status IN ('open', 'closed') "
	"AND (project_id = $2 OR project_id IS NULL) "
	"ORDER BY CASE kind WHEN 'autumn' THEN 1 WHEN 'summer' THEN 2 ELSE 3 END, "
	"CASE WHEN project_id IS NULL THEN 1 ELSE 0 END";
static const char SQL_COMPLETION[] =
	"SELECT COUNT(*), COALESCE(SUM(CASE WHEN i.completed_at IS NOT NULL THEN 1 ELSE 0 END), 0) "
	"FROM survey_invites i WHERE i.template_id = $1 AND i.activity_id = $2 AND " SURVEY_STILL_INVITED;
static const char SQL_OUTSTANDING[] =
	"SELECT COALESCE(SUM(CASE WHEN i.completed_at IS NULL THEN 1 ELSE 0 END), 0), "
	"COALESCE(SUM(CASE WHEN i.completed_at IS NULL AND i.started_at IS NOT NULL THEN 1 ELSE 0 END), 0) "
	"FROM survey_invites i WHERE i.template_id = $1 AND " SURVEY_STILL_INVITED;
static const char SQL_UNINVITED_PARTICIPANTS[] =
	"SELECT p.id, p.name, p.email FROM activity_participants ap JOIN people p ON p.id = ap.person_id "
	"WHERE ap.activity_id = $2 AND ap.left_on IS NULL AND p.active = 1 AND NOT EXISTS (SELECT 1 FROM "
	"survey_invites i WHERE i.template_id = $1 AND i.activity_id = $2 AND i.person_id = p.id) ORDER BY p.id";
static const char SQL_UNINVITED_LEADS[] =
	"SELECT p.id, p.name, p.email FROM activity_leads l JOIN people p ON p.id = l.person_id "
	"WHERE l.activity_id = $2 AND p.active = 1 AND NOT EXISTS (SELECT 1 FROM "
	"survey_invites i WHERE i.template_id = $1 AND i.activity_id = $2 AND i.person_id = p.id) ORDER BY p.id";
static const char SQL_INVITE_ADD[] =
	"INSERT INTO survey_invites (template_id, activity_id, person_id, token_hash, token_sealed, invited_by, "
	"invited_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (template_id, activity_id, person_id) DO NOTHING "
	"RETURNING id";
static const char SQL_NOT_COMPLETED[] =
	"SELECT p.name, s.name, i.started_at, i.reminders, i.last_reminded_at, i.invited_at FROM survey_invites i "
	"JOIN people p ON p.id = i.person_id "
	"LEFT JOIN activity_participants ap ON ap.activity_id = i.activity_id AND ap.person_id = i.person_id "
	"LEFT JOIN schools s ON s.urn = COALESCE(ap.school_urn, p.school_urn) "
	"WHERE i.template_id = $1 AND i.activity_id = $2 AND i.completed_at IS NULL AND ap.left_on IS NULL "
	"ORDER BY p.name, p.id";
static const char SQL_REMIND_DUE[] =
	"SELECT p.id, i.id, p.name, p.email, i.token_sealed FROM survey_invites i JOIN people p ON p.id = i.person_id "
	"WHERE i.template_id = $1 AND i.activity_id = $2 AND i.completed_at IS NULL AND p.active = 1 "
	"AND NOT EXISTS (SELECT 1 FROM activity_participants ap WHERE ap.activity_id = i.activity_id "
	"AND ap.person_id = i.person_id AND ap.left_on IS NOT NULL) "
	"AND COALESCE(i.last_reminded_at, i.invited_at) <= $3 ORDER BY p.id";
/* gone: left the activity, or the account closed (SQL_REMIND_DUE's conditions, turned round) */
#define REMIND_GONE                                                                                                    \
	"(p.active <> 1 OR EXISTS (SELECT 1 FROM activity_participants ap WHERE ap.activity_id = i.activity_id "     \
	"AND ap.person_id = i.person_id AND ap.left_on IS NOT NULL))"
static const char SQL_REMIND_NONE[] =
	"SELECT count(*), COALESCE(SUM(CASE WHEN i.completed_at IS NOT NULL THEN 1 ELSE 0 END), 0), "
	"COALESCE(SUM(CASE WHEN i.completed_at IS NULL AND " REMIND_GONE " THEN 1 ELSE 0 END), 0), "
	"COALESCE(MIN(CASE WHEN i.completed_at IS NULL AND NOT " REMIND_GONE
	" THEN COALESCE(i.last_reminded_at, i.invited_at) END), 0) "
	"FROM survey_invites i JOIN people p ON p.id = i.person_id WHERE i.template_id = $1 AND i.activity_id = $2";
static const char SQL_REMIND_CLAIM[] =
	"UPDATE survey_invites SET reminders = reminders + 1, last_reminded_at = $2 WHERE id = $1 "
	"AND completed_at IS NULL AND COALESCE(last_reminded_at, invited_at) <= $3 RETURNING id";
static const char SQL_BY_HASH[] =
	"SELECT i.id, i.template_id, i.activity_id, i.person_id, i.started_at, i.completed_at, i.answers, t.title, "
	"t.content, a.title, t.kind, t.status FROM survey_invites i JOIN survey_templates t ON t.id = i.template_id "
	"JOIN activities a ON a.id = i.activity_id WHERE i.token_hash = $1";
static const char SQL_SAVE[] =
	"UPDATE survey_invites SET answers = $2, started_at = COALESCE(started_at, $3) WHERE id = $1 "
	"AND completed_at IS NULL RETURNING id";
static const char SQL_VALUES_CLEAR[] = "DELETE FROM survey_values WHERE invite_id = $1";
static const char SQL_VALUE_ADD[] =
	"INSERT INTO survey_values (invite_id, question_key, value_num, value_text) VALUES ($1, $2, $3, $4)";
static const char SQL_COMPLETE[] =
	"UPDATE survey_invites SET completed_at = $2 WHERE id = $1 AND completed_at IS NULL RETURNING id";
static const char SQL_OF_PERSON[] =
	"SELECT i.id, t.title, a.title, i.token_sealed, i.started_at, i.template_id, i.activity_id FROM survey_invites i "
	"JOIN survey_templates t ON t.id = i.template_id JOIN activities a ON a.id = i.activity_id "
	"WHERE i.person_id = $1 AND i.completed_at IS NULL AND t.status = 'open' ORDER BY i.invited_at, i.id";

static void applies_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct survey_applies *t = el;
	*t = (struct survey_applies){.id = db_col_int(st, 0), .title = db_col_text_or_null(a, st, 2),
				     .closed = !strcmp(db_col_text(st, 3), "closed")};
	survey_kind_from_key(db_col_text(st, 1), &t->kind);
}

enum err survey_applicable(struct db *db, struct arena *a, int64_t project_id, int year, struct survey_applies **out,
			   size_t *n)
{
	struct survey_applies *all;
	size_t m;
	enum err e = db_rows(db_query(db, SQL_APPLICABLE, DB_I(year), project_id ? DB_I(project_id) : DB_NULL), a,
			     (void **)&all, &m, sizeof(*all), applies_row);
	*out = NULL;
	*n = 0;
	if (e || !m)
		return e;
	/* the NCP's own comes first in each kind */
	*out = arena_alloc(a, m * sizeof(**out));
	for (size_t i = 0; i < m; i++)
		if (!*n || (*out)[*n - 1].kind != all[i].kind)
			(*out)[(*n)++] = all[i];
	return ERR_OK;
}

static void counts_row(struct arena *a, struct db_stmt *st, void *el)
{
	(void)a;
	int64_t *c = el;
	c[0] = db_col_int(st, 0);
	c[1] = db_col_int(st, 1);
}

enum err survey_completion(struct db *db, int64_t template_id, int64_t activity_id, int64_t *invited,
			   int64_t *completed)
{
	int64_t c[2] = {0, 0};
	enum err e = db_one(db_query(db, SQL_COMPLETION, DB_I(template_id), DB_I(activity_id)), NULL, c, counts_row);
	*invited = c[0];
	*completed = c[1];
	return e;
}

enum err survey_outstanding(struct db *db, int64_t template_id, int64_t *waiting, int64_t *started)
{
	int64_t c[2] = {0, 0};
	enum err e = db_one(db_query(db, SQL_OUTSTANDING, DB_I(template_id)), NULL, c, counts_row);
	*waiting = c[0];
	*started = c[1];
	return e;
}

static void recipient_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct survey_recipient *r = el;
	*r = (struct survey_recipient){.person_id = db_col_int(st, 0), .name = db_col_text_or_null(a, st, 1),
				       .email = db_col_text_or_null(a, st, 2)};
}

enum err survey_uninvited(struct db *db, struct arena *a, int64_t template_id, int64_t activity_id, bool leads,
			  struct survey_recipient **out, size_t *n)
{
	return db_rows(db_query(db, leads ? SQL_UNINVITED_LEADS : SQL_UNINVITED_PARTICIPANTS, DB_I(template_id),
				DB_I(activity_id)),
		       a, (void **)out, n, sizeof(**out), recipient_row);
}

enum err survey_invite_add(struct db *db, int64_t template_id, int64_t activity_id, int64_t person_id,
			   const char *token_hash, const char *token_sealed, int64_t by, int64_t now, int64_t *id)
{
	enum err e = db_number(db_query(db, SQL_INVITE_ADD, DB_I(template_id), DB_I(activity_id), DB_I(person_id),
					DB_S(token_hash), DB_S(token_sealed), DB_I(by), DB_I(now)),
			       id);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static void waiting_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct survey_waiting *w = el;
	*w = (struct survey_waiting){.name = db_col_text_or_null(a, st, 0), .school = db_col_text_or_null(a, st, 1),
				     .started = !db_col_is_null(st, 2), .reminders = db_col_int(st, 3),
				     .last_reminded_at = db_col_int(st, 4), .invited_at = db_col_int(st, 5)};
}

enum err survey_not_completed(struct db *db, struct arena *a, int64_t template_id, int64_t activity_id,
			      struct survey_waiting **out, size_t *n)
{
	return db_rows(db_query(db, SQL_NOT_COMPLETED, DB_I(template_id), DB_I(activity_id)), a, (void **)out, n,
		       sizeof(**out), waiting_row);
}

static void due_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct survey_recipient *r = el;
	*r = (struct survey_recipient){.person_id = db_col_int(st, 0), .invite_id = db_col_int(st, 1),
				       .name = db_col_text_or_null(a, st, 2), .email = db_col_text_or_null(a, st, 3),
				       .token_sealed = db_col_text_or_null(a, st, 4)};
}

enum err survey_remind_due(struct db *db, struct arena *a, int64_t template_id, int64_t activity_id, int64_t before,
			   struct survey_recipient **out, size_t *n)
{
	return db_rows(db_query(db, SQL_REMIND_DUE, DB_I(template_id), DB_I(activity_id), DB_I(before)), a,
		       (void **)out, n, sizeof(**out), due_row);
}

static void none_row(struct arena *a, struct db_stmt *st, void *el)
{
	(void)a;
	struct survey_remind_none *r = el;
	*r = (struct survey_remind_none){db_col_int(st, 0), db_col_int(st, 1), db_col_int(st, 2), db_col_int(st, 3)};
}

enum err survey_remind_none(struct db *db, int64_t template_id, int64_t activity_id, struct survey_remind_none *out)
{
	*out = (struct survey_remind_none){0};
	return db_one(db_query(db, SQL_REMIND_NONE, DB_I(template_id), DB_I(activity_id)), NULL, out, none_row);
}

enum err survey_remind_claim(struct db *db, int64_t invite_id, int64_t now, int64_t before, bool *claimed)
{
	int64_t id;
	enum err e = db_number(db_query(db, SQL_REMIND_CLAIM, DB_I(invite_id), DB_I(now), DB_I(before)), &id);
	*claimed = e == ERR_OK;
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static void invite_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct survey_invite *i = el;
	*i = (struct survey_invite){.id = db_col_int(st, 0), .template_id = db_col_int(st, 1),
				    .activity_id = db_col_int(st, 2), .person_id = db_col_int(st, 3),
				    .started_at = db_col_int(st, 4), .completed_at = db_col_int(st, 5),
				    .answers = db_col_text_or_null(a, st, 6), .title = db_col_text_or_null(a, st, 7),
				    .content = db_col_text_or_null(a, st, 8),
				    .activity_title = db_col_text_or_null(a, st, 9)};
	survey_kind_from_key(db_col_text(st, 10), &i->kind);
	survey_status_from_key(db_col_text(st, 11), &i->status);
}

enum err survey_invite_by_hash(struct db *db, struct arena *a, const char *token_hash, struct survey_invite *out)
{
	*out = (struct survey_invite){0};
	return db_one(db_query(db, SQL_BY_HASH, DB_S(token_hash)), a, out, invite_row);
}

enum err survey_answers_save(struct db *db, int64_t invite_id, const char *answers, const struct survey_value *v,
			     size_t nv, int64_t now)
{
	int64_t id;
	enum err e = db_number(db_query(db, SQL_SAVE, DB_I(invite_id), DB_S(answers), DB_I(now)), &id);
	if (e)
		return e == ERR_NOT_FOUND ? ERR_CONFLICT : e;
	if ((e = db_run(db, SQL_VALUES_CLEAR, DB_I(invite_id))))
		return e;
	for (size_t i = 0; !e && i < nv; i++)
		e = db_run(db, SQL_VALUE_ADD, DB_I(invite_id), DB_S(v[i].key), v[i].has_num ? DB_I(v[i].num) : DB_NULL,
			   v[i].has_num ? DB_NULL : DB_S(v[i].text));
	return e;
}

enum err survey_invite_complete(struct db *db, int64_t invite_id, int64_t now)
{
	int64_t id;
	enum err e = db_number(db_query(db, SQL_COMPLETE, DB_I(invite_id), DB_I(now)), &id);
	return e == ERR_NOT_FOUND ? ERR_CONFLICT : e;
}

static void mine_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct survey_mine *m = el;
	*m = (struct survey_mine){.id = db_col_int(st, 0), .title = db_col_text_or_null(a, st, 1),
				  .activity_title = db_col_text_or_null(a, st, 2),
				  .token_sealed = db_col_text_or_null(a, st, 3), .started = !db_col_is_null(st, 4),
				  .template_id = db_col_int(st, 5), .activity_id = db_col_int(st, 6)};
}

enum err survey_invites_of_person(struct db *db, struct arena *a, int64_t person_id, struct survey_mine **out,
				  size_t *n)
{
	return db_rows(db_query(db, SQL_OF_PERSON, DB_I(person_id)), a, (void **)out, n, sizeof(**out), mine_row);
}
