/* demo_queries.c - see demo_queries.h. */
#include "surveys/demo_queries.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/rows.h"
#include "demo/demo.h"

#define NOT_CANCELLED "a.status <> 'cancelled'"
static const char SQL_ACTIVITIES[] =
	"SELECT a.id, a.first_year, a.last_year FROM activities a WHERE " NOT_CANCELLED " ORDER BY a.id";
static const char SQL_LEADS[] = "SELECT l.activity_id, l.person_id FROM activity_leads l JOIN activities a "
				"ON a.id = l.activity_id WHERE " NOT_CANCELLED " ORDER BY l.activity_id, l.person_id";
static const char SQL_PARTICIPANTS[] =
	"SELECT p.activity_id, p.person_id, p.joined_on, p.left_on FROM activity_participants p JOIN activities a "
	"ON a.id = p.activity_id WHERE " NOT_CANCELLED " ORDER BY p.activity_id, p.person_id";
static const char SQL_TEMPLATE[] =
	"INSERT INTO survey_templates (project_id, year, kind, title, status, content, created_by, created_at, "
	"updated_by, updated_at) VALUES (NULL, $1, $2, $3, $4, $5, $6, $7, $6, $8) RETURNING id";
static const char SQL_INVITES[] =
	"INSERT INTO survey_invites (template_id, activity_id, person_id, token_hash, token_sealed, invited_by, "
	"invited_at, started_at, completed_at, answers) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
static const char SQL_VALUES[] =
	"INSERT INTO survey_values (invite_id, question_key, value_num, value_text) VALUES ($1, $2, $3, $4)";
static const char SQL_INVITE_IDS[] = "SELECT id FROM survey_invites WHERE template_id = $1 ORDER BY id";
#define LOADED "'survey_invites', 'survey_values'"
/* the indexes of the two tables but the unique ones (built once after the rows), and on PostgreSQL their
 * foreign keys (checked once): what to run to set each aside, and to put it back */
static const char SQL_SET_ASIDE_SQLITE[] =
	"SELECT 'DROP INDEX ' || name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
	"AND tbl_name IN (" LOADED ") ORDER BY name";
static const char SQL_SET_ASIDE_PG[] =
	"SELECT format('DROP INDEX %s', indexrelid::regclass), pg_get_indexdef(indexrelid), 0 FROM pg_index "
	"WHERE indrelid::regclass::text IN (" LOADED ") AND NOT indisprimary AND NOT indisunique "
	"UNION ALL SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname), "
	"format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid)), 1 "
	"FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text IN (" LOADED ") ORDER BY 3, 1";

/* The academic year of a day "YYYY-MM-DD" (September on), 0 for none. */
static int year_of(const char *day)
{
	if (!day || strlen(day) < 7)
		return 0;
	int y = atoi(day), m = atoi(day + 5);
	return m >= 9 ? y : y - 1;
}

/* The activity of id among acts (by id), walking on from *k. */
static struct survdemo_activity *owner(struct survdemo_activity *acts, size_t n, size_t *k, int64_t id)
{
	while (*k < n && acts[*k].id < id)
		(*k)++;
	return *k < n && acts[*k].id == id ? &acts[*k] : NULL;
}

enum err survdemo_activities(struct db *db, struct arena *a, struct survdemo_activity **acts, size_t *nacts,
			     int64_t **leads, size_t *nleads, struct survdemo_participant **parts, size_t *nparts)
{
	*acts = NULL;
	*leads = NULL;
	*parts = NULL;
	*nacts = *nleads = *nparts = 0;
	struct db_stmt *st = db_prepare(db, SQL_ACTIVITIES);
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		*acts = arena_room(a, *acts, *nacts, &cap, sizeof(**acts));
		(*acts)[(*nacts)++] = (struct survdemo_activity){.id = db_col_int(st, 0),
								 .first_year = (int)db_col_int(st, 1),
								 .last_year = (int)db_col_int(st, 2)};
	}
	if (rc < 0)
		return (enum err)rc;
	if (!(st = db_prepare(db, SQL_LEADS)))
		return ERR_DB;
	size_t k = 0;
	cap = 0;
	struct survdemo_activity *x;
	while ((rc = db_step(st)) == 1) {
		if (!(x = owner(*acts, *nacts, &k, db_col_int(st, 0))))
			continue;
		*leads = arena_room(a, *leads, *nleads, &cap, sizeof(**leads));
		if (!x->nleads++)
			x->lead0 = *nleads;
		(*leads)[(*nleads)++] = db_col_int(st, 1);
	}
	if (rc < 0)
		return (enum err)rc;
	if (!(st = db_prepare(db, SQL_PARTICIPANTS)))
		return ERR_DB;
	k = 0;
	cap = 0;
	while ((rc = db_step(st)) == 1) {
		if (!(x = owner(*acts, *nacts, &k, db_col_int(st, 0))))
			continue;
		*parts = arena_room(a, *parts, *nparts, &cap, sizeof(**parts));
		if (!x->nparts++)
			x->part0 = *nparts;
		(*parts)[(*nparts)++] = (struct survdemo_participant){
			.person_id = db_col_int(st, 1), .joined = year_of(db_col_text(st, 2)),
			.left = db_col_is_null(st, 3) ? 0 : year_of(db_col_text(st, 3))};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err survdemo_template_add(struct db *db, int year, const char *kind, const char *title, const char *status,
			       const char *content, int64_t by, int64_t created_at, int64_t updated_at, int64_t *id)
{
	return db_number(db_query(db, SQL_TEMPLATE, DB_I(year), DB_S(kind), DB_S(title), DB_S(status), DB_S(content),
				  by ? DB_I(by) : DB_NULL, DB_I(created_at), DB_I(updated_at)),
			 id);
}

enum err survdemo_invites_insert(struct db *db, const struct demo_rows *rows)
{
	if (rows->cols != SURVDEMO_INVITE_COLUMNS)
		return ERR_SYSTEM;
	return db_insert_many(db, SQL_INVITES, rows->v, rows->n, rows->cols);
}

enum err survdemo_values_insert(struct db *db, const struct demo_rows *rows)
{
	if (rows->cols != SURVDEMO_VALUE_COLUMNS)
		return ERR_SYSTEM;
	return db_insert_many(db, SQL_VALUES, rows->v, rows->n, rows->cols);
}

enum err survdemo_invite_ids(struct db *db, int64_t template_id, int64_t *out, size_t n)
{
	return db_ids_of(db_query(db, SQL_INVITE_IDS, DB_I(template_id)), out, n);
}

enum err survdemo_load_begin(struct db *db, struct arena *a, struct demo_aside *l)
{
	return demo_aside_begin(db, a, strcmp(db_dialect(db), "sqlite") ? SQL_SET_ASIDE_PG : SQL_SET_ASIDE_SQLITE, l);
}
