/*
 * terms_queries.c - the SQL of school term dates (terms_queries.h).
 */
#include "surveys/terms_queries.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/embedded.h"
#include "core/log.h"
#include "core/util.h"
#include "db/db.h"
#include "db/rows.h"

static const char SQL_ADD[] =
	"INSERT INTO school_terms (la_code, name, first_day, last_day, loaded_by, loaded_at) VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_HAS_OWN[] = "SELECT COUNT(*) FROM school_terms WHERE la_code = $1";
static const char SQL_DAYS_OWN[] = "SELECT first_day, last_day FROM school_terms WHERE la_code = $1 ORDER BY first_day";
static const char SQL_DAYS_DEFAULT[] =
	"SELECT first_day, last_day FROM school_terms WHERE la_code IS NULL ORDER BY first_day";
static const char SQL_CALENDARS[] =
	"SELECT t.la_code, l.name, COUNT(*), MIN(t.first_day), MAX(t.last_day), MAX(t.loaded_at) FROM school_terms t "
	"LEFT JOIN local_authorities l ON l.code = t.la_code GROUP BY t.la_code, l.name "
	"ORDER BY CASE WHEN t.la_code IS NULL THEN 0 ELSE 1 END, l.name, t.la_code";
#define TERM_COLUMNS                                                                                                   \
	"SELECT t.name, t.first_day, t.last_day, p.name, t.loaded_at FROM school_terms t "                             \
	"LEFT JOIN people p ON p.id = t.loaded_by "
static const char SQL_TERMS_OWN[] = TERM_COLUMNS "WHERE t.la_code = $1 ORDER BY t.first_day";
static const char SQL_TERMS_DEFAULT[] = TERM_COLUMNS "WHERE t.la_code IS NULL ORDER BY t.first_day";
static const char SQL_LA[] = "SELECT name FROM local_authorities WHERE code = $1";
static const char SQL_IN_SPAN[] =
	"SELECT COUNT(*) FROM school_terms WHERE la_code = $1 AND first_day <= $3 AND last_day >= $2";
static const char SQL_REMOVE_SPAN[] = "DELETE FROM school_terms WHERE la_code = $1 AND first_day <= $3 AND last_day >= $2";

enum err survey_terms_default_load(struct db *db)
{
	const struct embedded_file *file = embedded_find(TERMS_DEFAULT_FILE);
	if (!file)
		fatal("%s is not in the binary", TERMS_DEFAULT_FILE);
	struct arena *a = arena_new();
	struct terms_file f;
	terms_file_read(a, (const char *)file->data, file->len, false, &f);
	enum err e = f.problem || f.nproblems || f.ngroups != 1 ? ERR_INVALID : ERR_OK;
	if (f.problem)
		log_msg("error", "%s: %s", TERMS_DEFAULT_FILE, f.problem);
	for (size_t i = 0; i < f.nproblems; i++)
		log_msg("error", "%s: %s", TERMS_DEFAULT_FILE, f.problems[i].msg);
	int64_t now = clock_now();
	for (size_t i = 0; !e && i < f.groups[0].n; i++) {
		const struct term_row *r = &f.groups[0].rows[i];
		e = db_run(db, SQL_ADD, DB_NULL, DB_S(r->name), DB_S(r->first), DB_S(r->last), DB_NULL, DB_I(now));
	}
	arena_free(a);
	return e;
}

static void day_row(struct arena *a, struct db_stmt *st, void *el)
{
	const char **d = el;
	d[0] = db_col_text_or_null(a, st, 0);
	d[1] = db_col_text_or_null(a, st, 1);
}

enum err survey_terms_load(struct db *db, struct arena *a, const char *la_code, struct survey_terms *t, bool *own)
{
	*t = (struct survey_terms){0};
	*own = false;
	int64_t n = 0;
	enum err e;
	if (la_code && (e = db_number(db_query(db, SQL_HAS_OWN, DB_S(la_code)), &n)))
		return e;
	*own = n > 0;
	const char *(*pairs)[2] = NULL;
	size_t np = 0;
	e = db_rows(*own ? db_query(db, SQL_DAYS_OWN, DB_S(la_code)) : db_query(db, SQL_DAYS_DEFAULT), a, (void **)&pairs,
		    &np, sizeof(*pairs), day_row);
	if (e)
		return e;
	const char **first = arena_alloc(a, (np + 1) * sizeof(*first)), **last = arena_alloc(a, (np + 1) * sizeof(*last));
	for (size_t i = 0; i < np; i++) {
		first[i] = pairs[i][0];
		last[i] = pairs[i][1];
	}
	*t = (struct survey_terms){.first = first, .last = last, .n = np};
	return ERR_OK;
}

static void calendar_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct terms_calendar *c = el;
	*c = (struct terms_calendar){.la_code = db_col_text_or_null(a, st, 0), .la_name = db_col_text_or_null(a, st, 1),
				     .terms = db_col_int(st, 2), .first = db_col_text_or_null(a, st, 3),
				     .last = db_col_text_or_null(a, st, 4), .loaded_at = db_col_int(st, 5)};
}

enum err survey_terms_calendars(struct db *db, struct arena *a, struct terms_calendar **out, size_t *n)
{
	return db_rows(db_query(db, SQL_CALENDARS), a, (void **)out, n, sizeof(**out), calendar_row);
}

static void term_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct terms_term *t = el;
	*t = (struct terms_term){.name = db_col_text_or_null(a, st, 0), .first = db_col_text_or_null(a, st, 1),
				 .last = db_col_text_or_null(a, st, 2), .loaded_by = db_col_text_or_null(a, st, 3),
				 .loaded_at = db_col_int(st, 4)};
}

enum err survey_terms_of(struct db *db, struct arena *a, const char *la_code, struct terms_term **out, size_t *n)
{
	return db_rows(la_code ? db_query(db, SQL_TERMS_OWN, DB_S(la_code)) : db_query(db, SQL_TERMS_DEFAULT), a,
		       (void **)out, n, sizeof(**out), term_row);
}

static void name_row(struct arena *a, struct db_stmt *st, void *el)
{
	*(const char **)el = db_col_text_or_null(a, st, 0);
}

enum err survey_la_name(struct db *db, struct arena *a, const char *code, const char **name)
{
	*name = NULL;
	return db_one(db_query(db, SQL_LA, DB_S(code)), a, (void *)name, name_row);
}

enum err survey_terms_in_span(struct db *db, const char *la_code, const char *first, const char *last, int64_t *n)
{
	return db_number(db_query(db, SQL_IN_SPAN, DB_S(la_code), DB_S(first), DB_S(last)), n);
}

enum err survey_terms_replace(struct db *db, const struct terms_group *g, int64_t by, int64_t now)
{
	enum err e = db_run(db, SQL_REMOVE_SPAN, DB_S(g->la_code), DB_S(g->first), DB_S(g->last));
	for (size_t i = 0; !e && i < g->n; i++) {
		const struct term_row *r = &g->rows[i];
		e = db_run(db, SQL_ADD, DB_S(g->la_code), DB_S(r->name), DB_S(r->first), DB_S(r->last), DB_I(by), DB_I(now));
	}
	return e;
}
