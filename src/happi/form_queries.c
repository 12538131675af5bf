/*
 * form_queries.c - the SQL of HAPPI forms and their versions
 * (form_queries.h).
 */
#include "happi/form_queries.h"
#include "happi/judgement_queries.h"

#include "core/arena.h"
#include "db/db.h"
#include "db/rows.h"

static const char SQL_FORM[] =
	"SELECT f.status, f.version, f.content, f.submitted_by, f.planning_submitted_at, f.planning_agreed_at, "
	"f.final_submitted_at, f.reviewed_at, p.name, f.updated_at FROM happi_forms f "
	"JOIN people p ON p.id = f.updated_by WHERE f.activity_id = $1 AND f.year = $2";
static const char SQL_CREATE[] =
	"INSERT INTO happi_forms (activity_id, year, status, version, content, updated_by, updated_at) "
	"VALUES ($1, $2, $3, 1, $4, $5, $6) ON CONFLICT (activity_id, year) DO NOTHING RETURNING version";
/* the times of the steps are set when they are made, and kept */
static const char SQL_UPDATE[] =
	"UPDATE happi_forms SET version = version + 1, status = $4, content = $5, updated_by = $6, updated_at = $7, "
	"submitted_by = CASE WHEN $8 IN ('submit_planning', 'submit_final') THEN $6 ELSE submitted_by END, "
	"planning_submitted_at = CASE WHEN $8 = 'submit_planning' THEN $7 ELSE planning_submitted_at END, "
	"planning_agreed_at = CASE WHEN $8 = 'agree' THEN $7 ELSE planning_agreed_at END, "
	"final_submitted_at = CASE WHEN $8 = 'submit_final' THEN $7 ELSE final_submitted_at END, "
	"reviewed_at = CASE WHEN $8 = 'review' THEN $7 ELSE reviewed_at END "
	"WHERE activity_id = $1 AND year = $2 AND version = $3 RETURNING version";
static const char SQL_VERSION_ADD[] =
	"INSERT INTO happi_versions (activity_id, year, version, action, status, comment, content, saved_by, saved_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
static const char SQL_VERSIONS[] =
	"SELECT v.version, v.action, v.status, v.comment, NULL, p.name, v.saved_at FROM happi_versions v "
	"JOIN people p ON p.id = v.saved_by WHERE v.activity_id = $1 AND v.year = $2 ORDER BY v.version DESC";
static const char SQL_VERSION[] =
	"SELECT v.version, v.action, v.status, v.comment, v.content, p.name, v.saved_at FROM happi_versions v "
	"JOIN people p ON p.id = v.saved_by WHERE v.activity_id = $1 AND v.year = $2 AND v.version = $3";
static const char SQL_LAST_RETURN[] =
	"SELECT v.comment, p.name, v.saved_at FROM happi_versions v JOIN people p ON p.id = v.saved_by "
	"WHERE v.activity_id = $1 AND v.year = $2 AND v.action = 'return' ORDER BY v.version DESC LIMIT 1";

static void form_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct happi_form *f = el;
	f->exists = true;
	happi_status_from_key(db_col_text(st, 0), &f->status);
	f->version = db_col_int(st, 1);
	f->content = db_col_text_or_null(a, st, 2);
	f->submitted_by = db_col_int(st, 3);
	f->planning_submitted_at = db_col_int(st, 4);
	f->planning_agreed_at = db_col_int(st, 5);
	f->final_submitted_at = db_col_int(st, 6);
	f->reviewed_at = db_col_int(st, 7);
	f->updated_by = db_col_text_or_null(a, st, 8);
	f->updated_at = db_col_int(st, 9);
}

enum err happi_form_read(struct db *db, struct arena *a, int64_t activity_id, int year, struct happi_form *out)
{
	*out = (struct happi_form){.activity_id = activity_id, .year = year, .status = HAPPI_DRAFT};
	enum err e = db_one(db_query(db, SQL_FORM, DB_I(activity_id), DB_I(year)), a, out, form_row);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err happi_form_save(struct db *db, const struct happi_save *s, int64_t *version)
{
	const char *status = happi_status_key(s->to), *action = happi_action_key(s->action);
	enum err e = s->base_version
			     ? db_number(db_query(db, SQL_UPDATE, DB_I(s->activity_id), DB_I(s->year), DB_I(s->base_version),
						  DB_S(status), DB_S(s->content), DB_I(s->by), DB_I(s->now), DB_S(action)),
					 version)
			     : db_number(db_query(db, SQL_CREATE, DB_I(s->activity_id), DB_I(s->year), DB_S(status),
						  DB_S(s->content), DB_I(s->by), DB_I(s->now)),
					 version);
	if (e == ERR_NOT_FOUND)
		return ERR_CONFLICT; /* not at base_version (or made meanwhile): nothing written */
	if (e)
		return e;
	e = db_run(db, SQL_VERSION_ADD, DB_I(s->activity_id), DB_I(s->year), DB_I(*version), DB_S(action), DB_S(status),
		   s->comment && *s->comment ? DB_S(s->comment) : DB_NULL, DB_S(s->content), DB_I(s->by), DB_I(s->now));
	return e ? e : happi_judgements_sync(db, s->activity_id, s->year, s->content);
}

static void version_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct happi_version *v = el;
	*v = (struct happi_version){.version = db_col_int(st, 0), .comment = db_col_text_or_null(a, st, 3),
				    .content = db_col_text_or_null(a, st, 4), .saved_by = db_col_text_or_null(a, st, 5),
				    .saved_at = db_col_int(st, 6)};
	happi_action_from_key(db_col_text(st, 1), &v->action);
	happi_status_from_key(db_col_text(st, 2), &v->status);
}

enum err happi_versions_list(struct db *db, struct arena *a, int64_t activity_id, int year, struct happi_version **out,
			     size_t *n)
{
	return db_rows(db_query(db, SQL_VERSIONS, DB_I(activity_id), DB_I(year)), a, (void **)out, n, sizeof(**out),
		       version_row);
}

enum err happi_version_read(struct db *db, struct arena *a, int64_t activity_id, int year, int64_t version,
			    struct happi_version *out)
{
	return db_one(db_query(db, SQL_VERSION, DB_I(activity_id), DB_I(year), DB_I(version)), a, out, version_row);
}

static void return_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct happi_return *r = el;
	*r = (struct happi_return){.exists = true, .comment = db_col_text_or_null(a, st, 0),
				   .by = db_col_text_or_null(a, st, 1), .at = db_col_int(st, 2)};
}

enum err happi_last_return(struct db *db, struct arena *a, int64_t activity_id, int year, struct happi_return *out)
{
	*out = (struct happi_return){0};
	enum err e = db_one(db_query(db, SQL_LAST_RETURN, DB_I(activity_id), DB_I(year)), a, out, return_row);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}
