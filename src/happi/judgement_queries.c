/*
 * judgement_queries.c - the SQL of the forms' judgements
 * (judgement_queries.h).
 */
#include "happi/judgement_queries.h"

#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/rows.h"
#include "happi/list_queries.h"

static const char SQL_CLEAR[] = "DELETE FROM happi_judgements WHERE activity_id = $1 AND year = $2";
static const char SQL_ADD[] =
	"INSERT INTO happi_judgements (activity_id, year, position, kind, judgement) VALUES ($1, $2, $3, $4, $5)";
static const char SQL_FORMS[] = "SELECT activity_id, year, content FROM happi_forms ORDER BY activity_id, year";
static const char SQL_COUNTS[] =
	"SELECT j.kind, j.judgement, count(*) FROM happi_judgements j "
	"JOIN happi_forms f ON f.activity_id = j.activity_id AND f.year = j.year JOIN activities a ON a.id = j.activity_id "
	"WHERE j.year = $1 AND f.status IN ('final_submitted', 'reviewed') AND a.status <> 'cancelled' "
	"AND " HAPPI_ONLY_NCPS " GROUP BY j.kind, j.judgement";
static const char SQL_FORMS_DONE[] =
	"SELECT count(*) FROM happi_forms f JOIN activities a ON a.id = f.activity_id WHERE f.year = $1 "
	"AND f.status IN ('final_submitted', 'reviewed') AND a.status <> 'cancelled' AND " HAPPI_ONLY_NCPS;

static enum err sync_parsed(struct db *db, int64_t activity_id, int year, const struct happi_content *c)
{
	enum err e = db_run(db, SQL_CLEAR, DB_I(activity_id), DB_I(year));
	for (size_t i = 0; !e && i < c->noutcomes; i++) {
		const struct happi_outcome_entry *o = &c->outcomes[i];
		bool known = false;
		for (size_t k = 0; o->judgement && k < HAPPI_JUDGEMENTS; k++)
			known |= !strcmp(o->judgement, happi_judgements[k].value);
		if (known)
			e = db_run(db, SQL_ADD, DB_I(activity_id), DB_I(year), DB_I((int64_t)i + 1),
				   DB_S(happi_outcome_key(o->kind)), DB_S(o->judgement));
	}
	return e;
}

enum err happi_judgements_sync(struct db *db, int64_t activity_id, int year, const char *content)
{
	struct arena *a = arena_new();
	struct happi_content c;
	happi_content_parse(a, content, &c); /* not a form's JSON: no outcomes, so no rows */
	enum err e = sync_parsed(db, activity_id, year, &c);
	arena_free(a);
	return e;
}

struct form_row {
	int64_t activity_id;
	int year;
	const char *content;
};

static void form_of(struct arena *a, struct db_stmt *st, void *el)
{
	struct form_row *f = el;
	*f = (struct form_row){db_col_int(st, 0), (int)db_col_int(st, 1), arena_strdup(a, db_col_text(st, 2))};
}

enum err happi_judgements_load(struct db *db)
{
	struct arena *a = arena_new();
	struct form_row *forms;
	size_t n;
	enum err e = db_rows(db_query(db, SQL_FORMS), a, (void **)&forms, &n, sizeof(*forms), form_of);
	for (size_t i = 0; !e && i < n; i++)
		e = happi_judgements_sync(db, forms[i].activity_id, forms[i].year, forms[i].content);
	arena_free(a);
	return e;
}

enum err happi_lens_counts_read(struct db *db, int year, const struct happi_ncps *only, struct happi_lens_counts *out)
{
	*out = (struct happi_lens_counts){0};
	struct db_stmt *st = happi_ncps_query(db, SQL_COUNTS, year, only);
	if (!st)
		return ERR_DB;
	int rc;
	while ((rc = db_step(st)) == 1) {
		enum happi_outcome_kind kind;
		if (!happi_outcome_from_key(db_col_text(st, 0), &kind))
			continue;
		for (size_t k = 0; k < HAPPI_JUDGEMENTS; k++)
			if (!strcmp(db_col_text(st, 1), happi_judgements[k].value))
				out->n[kind][k] = db_col_int(st, 2);
	}
	if (rc < 0)
		return (enum err)rc;
	enum err e = db_number(happi_ncps_query(db, SQL_FORMS_DONE, year, only), &out->forms);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}
