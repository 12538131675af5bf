/*
 * outcome_queries.c - the SQL of an NCP's expected outcomes
 * (outcome_queries.h).
 */
#include "happi/outcome_queries.h"

#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/rows.h"

static const char SQL_NCP[] =
	"SELECT p.id, p.code, p.title, p.kind, p.sktm, p.develops_llmes, y.code FROM projects p "
	"JOIN academic_years y ON y.id = p.academic_year_id WHERE p.code = $1";
static const char SQL_OUTCOMES[] =
	"SELECT o.id, o.kind, o.position, o.text, pe.name, o.updated_at FROM ncp_outcomes o "
	"LEFT JOIN people pe ON pe.id = o.updated_by WHERE o.project_id = $1 "
	"ORDER BY CASE o.kind WHEN 'pupils' THEN 1 WHEN 'schools' THEN 2 ELSE 3 END, o.position";
/* the same number ("06" of NCP24-06) in the latest earlier year with outcomes */
static const char SQL_EARLIER[] =
	"SELECT p.id, p.code, (SELECT count(*) FROM ncp_outcomes o WHERE o.project_id = p.id) FROM projects p "
	"JOIN academic_years y ON y.id = p.academic_year_id "
	"WHERE substr(p.code, 7) = $1 AND substr(p.code, 1, 3) = 'NCP' AND y.code < $2 "
	"AND EXISTS (SELECT 1 FROM ncp_outcomes o WHERE o.project_id = p.id) ORDER BY y.code DESC LIMIT 1";
static const char SQL_NEXT_POSITION[] =
	"SELECT COALESCE(max(position), 0) + 1 FROM ncp_outcomes WHERE project_id = $1 AND kind = $2";
static const char SQL_ADD[] =
	"INSERT INTO ncp_outcomes (project_id, kind, position, text, created_by, created_at, updated_by, updated_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $5, $6) RETURNING id";
static const char SQL_KIND_OF[] = "SELECT kind FROM ncp_outcomes WHERE project_id = $1 AND id = $2";
static const char SQL_CHANGE[] =
	"UPDATE ncp_outcomes SET kind = $3, position = COALESCE($4, position), text = $5, updated_by = $6, "
	"updated_at = $7 "
	"WHERE project_id = $1 AND id = $2";
static const char SQL_REMOVE[] = "DELETE FROM ncp_outcomes WHERE project_id = $1 AND id = $2 RETURNING id";
static const char SQL_COPY[] =
	"INSERT INTO ncp_outcomes (project_id, kind, position, text, created_by, created_at, updated_by, updated_at) "
	"SELECT $1, kind, position, text, $3, $4, $3, $4 FROM ncp_outcomes WHERE project_id = $2 "
	"AND NOT EXISTS (SELECT 1 FROM ncp_outcomes WHERE project_id = $1)";
static const char SQL_COUNT[] = "SELECT count(*) FROM ncp_outcomes WHERE project_id = $1";

static void ncp_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct happi_ncp_outcomes *o = el;
	o->project_id = db_col_int(st, 0);
	o->code = db_col_text_or_null(a, st, 1);
	o->title = db_col_text_or_null(a, st, 2);
	o->ncp.kind = db_col_text_or_null(a, st, 3);
	o->ncp.sktm = db_col_int(st, 4) != 0;
	o->ncp.develops_llmes = db_col_int(st, 5) != 0;
	o->year = db_col_text_or_null(a, st, 6);
}

static void outcome_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct happi_outcome *o = el;
	*o = (struct happi_outcome){.id = db_col_int(st, 0), .position = db_col_int(st, 2),
				    .text = db_col_text_or_null(a, st, 3), .updated_by = db_col_text_or_null(a, st, 4),
				    .updated_at = db_col_int(st, 5)};
	happi_outcome_from_key(db_col_text(st, 1), &o->kind);
}

static void earlier_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct happi_ncp_outcomes *o = el;
	o->earlier_id = db_col_int(st, 0);
	o->earlier_code = db_col_text_or_null(a, st, 1);
	o->earlier_n = db_col_int(st, 2);
}

enum err happi_ncp_outcomes_read(struct db *db, struct arena *a, const char *code, struct happi_ncp_outcomes *out)
{
	*out = (struct happi_ncp_outcomes){0};
	enum err e = db_one(db_query(db, SQL_NCP, DB_S(code)), a, out, ncp_row);
	if (e || (e = db_rows(db_query(db, SQL_OUTCOMES, DB_I(out->project_id)), a, (void **)&out->outcomes, &out->n,
			      sizeof(*out->outcomes), outcome_row)))
		return e;
	for (size_t i = 0; i < out->n; i++)
		out->count[out->outcomes[i].kind]++;
	/* "NCP24-06": the number after the dash, in an earlier year */
	const char *dash = strchr(out->code, '-');
	if (strncmp(out->code, "NCP", 3) || !dash || dash - out->code != 5)
		return ERR_OK;
	e = db_one(db_query(db, SQL_EARLIER, DB_S(dash + 1), DB_S(out->year)), a, out, earlier_row);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static enum err next_position(struct db *db, int64_t project_id, enum happi_outcome_kind kind, int64_t *pos)
{
	return db_number(db_query(db, SQL_NEXT_POSITION, DB_I(project_id), DB_S(happi_outcome_key(kind))), pos);
}

enum err happi_outcome_add(struct db *db, int64_t project_id, enum happi_outcome_kind kind, const char *text,
			   int64_t by, int64_t now, int64_t *id)
{
	int64_t pos;
	enum err e = next_position(db, project_id, kind, &pos);
	if (e)
		return e;
	if (pos > 99)
		return ERR_INVALID;
	return db_number(db_query(db, SQL_ADD, DB_I(project_id), DB_S(happi_outcome_key(kind)), DB_I(pos), DB_S(text),
				  DB_I(by), DB_I(now)),
			 id);
}

struct kind_read {
	char kind[16];
};

static void kind_row(struct arena *a, struct db_stmt *st, void *el)
{
	(void)a;
	struct kind_read *k = el;
	snprintf(k->kind, sizeof(k->kind), "%s", db_col_text(st, 0));
}

enum err happi_outcome_change(struct db *db, int64_t project_id, int64_t id, enum happi_outcome_kind kind,
			      const char *text, int64_t by, int64_t now)
{
	struct kind_read was;
	enum err e = db_one(db_query(db, SQL_KIND_OF, DB_I(project_id), DB_I(id)), NULL, &was, kind_row);
	if (e)
		return e;
	int64_t pos = 0;
	if (strcmp(was.kind, happi_outcome_key(kind))) {
		if ((e = next_position(db, project_id, kind, &pos)))
			return e;
		if (pos > 99)
			return ERR_INVALID;
	}
	return db_run(db, SQL_CHANGE, DB_I(project_id), DB_I(id), DB_S(happi_outcome_key(kind)),
		      pos ? DB_I(pos) : DB_NULL, DB_S(text), DB_I(by), DB_I(now));
}

enum err happi_outcome_remove(struct db *db, int64_t project_id, int64_t id)
{
	int64_t gone;
	return db_number(db_query(db, SQL_REMOVE, DB_I(project_id), DB_I(id)), &gone);
}

enum err happi_outcomes_copy(struct db *db, int64_t project_id, int64_t from_id, int64_t by, int64_t now, int64_t *n)
{
	enum err e = db_run(db, SQL_COPY, DB_I(project_id), DB_I(from_id), DB_I(by), DB_I(now));
	return e ? e : db_number(db_query(db, SQL_COUNT, DB_I(project_id)), n);
}
