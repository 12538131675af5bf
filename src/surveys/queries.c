/*
 * queries.c - the SQL of survey templates (queries.h).
 */
#include "surveys/queries.h"

#include <string.h>

#include "core/acyear.h"
#include "core/arena.h"
#include "db/db.h"
#include "db/rows.h"

#define TEMPLATE_COLUMNS                                                                                               \
	"SELECT t.id, t.project_id, p.code, p.title, t.year, t.kind, t.title, t.status, t.content, pe.name, "        \
	"t.updated_at FROM survey_templates t LEFT JOIN projects p ON p.id = t.project_id "                           \
	"LEFT JOIN people pe ON pe.id = t.updated_by "

static const char SQL_OF_YEAR[] = TEMPLATE_COLUMNS
	"WHERE t.year = $1 ORDER BY CASE t.kind WHEN 'autumn' THEN 1 WHEN 'summer' THEN 2 ELSE 3 END, "
	"CASE WHEN t.project_id IS NULL THEN 0 ELSE 1 END, p.code";
static const char SQL_ONE[] = TEMPLATE_COLUMNS "WHERE t.id = $1";
static const char SQL_NCP[] =
	"SELECT p.id, p.code, p.title, y.code FROM projects p JOIN academic_years y ON y.id = p.academic_year_id "
	"WHERE p.code = $1";
static const char SQL_FIND_DEFAULT[] =
	"SELECT id FROM survey_templates WHERE project_id IS NULL AND year = $1 AND kind = $2";
static const char SQL_FIND_NCP[] = "SELECT id FROM survey_templates WHERE project_id = $1 AND year = $2 AND kind = $3";
static const char SQL_EARLIER_DEFAULT[] = TEMPLATE_COLUMNS
	"WHERE t.project_id IS NULL AND t.kind = $1 AND t.year < $2 ORDER BY t.year DESC LIMIT 1";
/* "06" of NCP24-06, in an earlier year */
static const char SQL_EARLIER_NCP[] = TEMPLATE_COLUMNS
	"WHERE t.kind = $1 AND t.year < $2 AND substr(p.code, 1, 3) = 'NCP' AND substr(p.code, 7) = $3 "
	"ORDER BY t.year DESC LIMIT 1";
static const char SQL_ADD[] =
	"INSERT INTO survey_templates (project_id, year, kind, title, status, content, created_by, created_at, "
	"updated_by, updated_at) VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7, $6, $7) RETURNING id";
static const char SQL_SAVE[] = "UPDATE survey_templates SET content = $2, updated_by = $3, updated_at = $4 WHERE id = $1";
static const char SQL_STATUS[] =
	"UPDATE survey_templates SET status = $2, updated_by = $3, updated_at = $4 WHERE id = $1";

static void template_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct survey_template *t = el;
	*t = (struct survey_template){.id = db_col_int(st, 0), .project_id = db_col_int(st, 1),
				      .project_code = db_col_text_or_null(a, st, 2),
				      .project_title = db_col_text_or_null(a, st, 3), .year = (int)db_col_int(st, 4),
				      .title = db_col_text_or_null(a, st, 6), .content = db_col_text_or_null(a, st, 8),
				      .updated_by = db_col_text_or_null(a, st, 9), .updated_at = db_col_int(st, 10)};
	survey_kind_from_key(db_col_text(st, 5), &t->kind);
	survey_status_from_key(db_col_text(st, 7), &t->status);
}

enum err survey_templates_of_year(struct db *db, struct arena *a, int year, struct survey_template **out, size_t *n)
{
	return db_rows(db_query(db, SQL_OF_YEAR, DB_I(year)), a, (void **)out, n, sizeof(**out), template_row);
}

enum err survey_template_read(struct db *db, struct arena *a, int64_t id, struct survey_template *out)
{
	*out = (struct survey_template){0};
	return db_one(db_query(db, SQL_ONE, DB_I(id)), a, out, template_row);
}

static void ncp_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct survey_ncp *p = el;
	*p = (struct survey_ncp){.id = db_col_int(st, 0), .code = db_col_text_or_null(a, st, 1),
				 .title = db_col_text_or_null(a, st, 2)};
	acyear_parse(db_col_text(st, 3), &p->year);
}

enum err survey_ncp_read(struct db *db, struct arena *a, const char *code, struct survey_ncp *out)
{
	*out = (struct survey_ncp){0};
	return db_one(db_query(db, SQL_NCP, DB_S(code)), a, out, ncp_row);
}

enum err survey_template_find(struct db *db, int64_t project_id, int year, enum survey_kind k, int64_t *id)
{
	return project_id ? db_number(db_query(db, SQL_FIND_NCP, DB_I(project_id), DB_I(year), DB_S(survey_kind_key(k))), id)
			  : db_number(db_query(db, SQL_FIND_DEFAULT, DB_I(year), DB_S(survey_kind_key(k))), id);
}

enum err survey_template_earlier(struct db *db, struct arena *a, const char *project_code, int year,
				 enum survey_kind k, struct survey_template *out)
{
	*out = (struct survey_template){0};
	if (!project_code)
		return db_one(db_query(db, SQL_EARLIER_DEFAULT, DB_S(survey_kind_key(k)), DB_I(year)), a, out, template_row);
	/* "NCP24-06": the number after the dash */
	const char *dash = strchr(project_code, '-');
	enum err e = ERR_NOT_FOUND;
	if (!strncmp(project_code, "NCP", 3) && dash && dash - project_code == 5)
		e = db_one(db_query(db, SQL_EARLIER_NCP, DB_S(survey_kind_key(k)), DB_I(year), DB_S(dash + 1)), a, out,
			   template_row);
	/* none of its own in an earlier year: the latest earlier default, as its activities answered */
	if (e == ERR_NOT_FOUND) {
		*out = (struct survey_template){0};
		e = db_one(db_query(db, SQL_EARLIER_DEFAULT, DB_S(survey_kind_key(k)), DB_I(year)), a, out, template_row);
	}
	return e;
}

enum err survey_template_add(struct db *db, int64_t project_id, int year, enum survey_kind k, const char *title,
			     const char *content, int64_t by, int64_t now, int64_t *id)
{
	return db_number(db_query(db, SQL_ADD, project_id ? DB_I(project_id) : DB_NULL, DB_I(year),
				  DB_S(survey_kind_key(k)), DB_S(title), DB_S(content), DB_I(by), DB_I(now)),
			 id);
}

enum err survey_template_save(struct db *db, int64_t id, const char *content, int64_t by, int64_t now)
{
	return db_run(db, SQL_SAVE, DB_I(id), DB_S(content), DB_I(by), DB_I(now));
}

enum err survey_template_set_status(struct db *db, int64_t id, enum survey_status s, int64_t by, int64_t now)
{
	return db_run(db, SQL_STATUS, DB_I(id), DB_S(survey_status_key(s)), DB_I(by), DB_I(now));
}
