/*
 * results_queries.c - the SQL of survey results and paired change
 * (results.h), in the caller's transaction. Everything is counted and
 * summed here, both engines (no FILTER clauses: SUM(CASE ...)); only
 * completed invites count; only the question keys the caller names (the
 * non-internal sections' questions) are ever read. The group's filters are
 * $2 NCP, $3 lead hub, $4 activity, $5 an LLME's own activities (0: none);
 * the keys "a,b,c" are matched whole (keys are letters, digits, hyphens).
 */
#include <string.h>

#include "core/acyear.h"
#include "core/arena.h"
#include "db/db.h"
#include "db/rows.h"
#include "surveys/invite_queries.h"
#include "surveys/results.h"

#define GROUP SURVEY_IN_GROUP
#define KEYS "AND ',' || $6 || ',' LIKE '%,' || v.question_key || ',%' "
/* $7: "activity:key,...", the answers left out (their block reaches beyond the group; "" none) */
#define SHOWN "AND ($7 = '' OR ',' || $7 || ',' NOT LIKE '%,' || CAST(a.id AS TEXT) || ':' || v.question_key || ',%') "
#define VALUES_OF                                                                                                      \
	"FROM survey_values v JOIN survey_invites i ON i.id = v.invite_id JOIN activities a ON a.id = i.activity_id "  \
	"WHERE i.template_id = $1 AND i.completed_at IS NOT NULL AND " GROUP KEYS

static const char SQL_COMPLETION[] =
	"SELECT count(*), COALESCE(SUM(CASE WHEN i.completed_at IS NOT NULL THEN 1 ELSE 0 END), 0) "
	"FROM survey_invites i JOIN activities a ON a.id = i.activity_id WHERE i.template_id = $1 AND "
	SURVEY_STILL_INVITED " AND " GROUP;
/* A closed template's sums (migration 0027), counted once from its
 * completed invites' values: $1 the template, or 0 for every closed one.
 * The one SQL of the close, the demo data and the migration's backfill. */
#define SUMS_OF                                                                                                        \
	"FROM survey_invites i JOIN survey_values v ON v.invite_id = i.id "                                            \
	"WHERE i.template_id IN (SELECT t.id FROM survey_templates t WHERE t.status = 'closed' AND ($1 = 0 OR t.id = $1)) " \
	"AND i.completed_at IS NOT NULL "
static const char SQL_SUM_UNITS[] =
	"INSERT INTO survey_sum_units (template_id, activity_id, question_key, n, total) "
	"SELECT i.template_id, i.activity_id, v.question_key, count(DISTINCT v.invite_id), COALESCE(SUM(v.value_num), 0) "
	SUMS_OF "GROUP BY i.template_id, i.activity_id, v.question_key";
static const char SQL_SUM_COUNTS[] =
	"INSERT INTO survey_sum_counts (template_id, activity_id, question_key, value_num, n) "
	"SELECT i.template_id, i.activity_id, v.question_key, v.value_num, count(DISTINCT v.invite_id) "
	SUMS_OF "AND v.value_num IS NOT NULL GROUP BY i.template_id, i.activity_id, v.question_key, v.value_num";

/* Every activity's answers to each key (its sums), and whether it is in
 * the group: the units the blocks are made of (rules.h). */
static const char SQL_UNITS[] =
	"SELECT a.id, COALESCE(a.project_id, 0), COALESCE(a.lead_hub_id, 0), v.question_key, v.n, v.total, "
	"CASE WHEN " GROUP "THEN 1 ELSE 0 END "
	"FROM survey_sum_units v JOIN activities a ON a.id = v.activity_id WHERE v.template_id = $1 " KEYS;
static const char SQL_COUNTS[] = "SELECT v.question_key, v.value_num, SUM(v.n) "
				 "FROM survey_sum_counts v JOIN activities a ON a.id = v.activity_id "
				 "WHERE v.template_id = $1 AND " GROUP KEYS SHOWN
				 "GROUP BY v.question_key, v.value_num ORDER BY v.question_key, v.value_num";
/* the first $8 texts of each key in their order ($8 0: all), and how many */
static const char SQL_TEXTS[] =
	"SELECT x.question_key, x.value_text, x.total FROM (SELECT v.question_key, v.value_text, "
	"ROW_NUMBER() OVER (PARTITION BY v.question_key ORDER BY v.value_text) AS place, "
	"count(*) OVER (PARTITION BY v.question_key) AS total " VALUES_OF SHOWN
	"AND v.value_text IS NOT NULL) x WHERE $8 = 0 OR x.place <= $8 ORDER BY x.question_key, x.value_text";

/* The pairs: the same person's completed autumn and summer invites of the
 * same activity in year $1 (and, for the sums, their answers to the same
 * key, both on the scale), of closed surveys: counted into
 * survey_pair_units, survey_pair_singles and survey_pair_people (migration
 * 0028) whenever one of the year's autumn or summer surveys closes
 * (survey_pairs_write), and read from there for any group. */
#define PAIRS_FROM                                                                                                     \
	"FROM survey_invites ia JOIN survey_templates ta ON ta.id = ia.template_id "                                  \
	"JOIN survey_invites ib ON ib.activity_id = ia.activity_id AND ib.person_id = ia.person_id "                  \
	"JOIN survey_templates tb ON tb.id = ib.template_id "
#define PAIRS_WHERE                                                                                                    \
	"WHERE ta.year = $1 AND ta.kind = 'autumn' AND tb.year = $1 AND tb.kind = 'summer' "                          \
	"AND ta.status = 'closed' AND tb.status = 'closed' "                                                          \
	"AND ia.completed_at IS NOT NULL AND ib.completed_at IS NOT NULL "
/* Each activity's sums of each key: pairs, change, up, down (never the
 * sums before and after) */
static const char SQL_PAIR_UNITS_WRITE[] =
	"INSERT INTO survey_pair_units (year, autumn_id, summer_id, activity_id, question_key, pairs, change_sum, up, down) "
	"SELECT ta.year, ta.id, tb.id, ia.activity_id, va.question_key, count(*), SUM(vb.value_num - va.value_num), "
	"SUM(CASE WHEN vb.value_num > va.value_num THEN 1 ELSE 0 END), SUM(CASE WHEN vb.value_num < va.value_num THEN 1 ELSE 0 END) "
	PAIRS_FROM "JOIN survey_values va ON va.invite_id = ia.id "
	"JOIN survey_values vb ON vb.invite_id = ib.id AND vb.question_key = va.question_key " PAIRS_WHERE
	"AND va.value_num BETWEEN 1 AND 5 AND vb.value_num BETWEEN 1 AND 5 "
	"GROUP BY ta.year, ta.id, tb.id, ia.activity_id, va.question_key";
/* Each activity's answers to each key in only one of the two surveys: an
 * answer in a completed invite of a closed autumn or summer survey of the
 * year with no pair, that is no answer on the scale to the same key by the
 * same person in the other survey of the same activity (an answer off the
 * scale pairs with none). What the summer results less the autumn results
 * less the change would tell. */
static const char SQL_PAIR_SINGLES_WRITE[] =
	"INSERT INTO survey_pair_singles (year, template_id, activity_id, question_key, n) "
	"WITH ans AS (SELECT t.year, t.id AS template_id, t.kind, i.activity_id, i.person_id, v.question_key, "
	"v.invite_id, v.value_num FROM survey_values v JOIN survey_invites i ON i.id = v.invite_id "
	"JOIN survey_templates t ON t.id = i.template_id WHERE t.year = $1 AND t.kind IN ('autumn', 'summer') "
	"AND t.status = 'closed' AND i.completed_at IS NOT NULL AND v.value_num IS NOT NULL), "
	/* each person's answers on the scale, once: what an answer of the other survey pairs with */
	"scale AS (SELECT DISTINCT kind, activity_id, person_id, question_key FROM ans WHERE value_num BETWEEN 1 AND 5) "
	/* an answer with none of those (a join that finds nothing: one plan on both engines, never a
	 * subquery a row) */
	"SELECT a.year, a.template_id, a.activity_id, a.question_key, count(DISTINCT a.invite_id) FROM ans a "
	"LEFT JOIN scale o ON o.activity_id = a.activity_id AND o.person_id = a.person_id "
	"AND o.question_key = a.question_key AND o.kind <> a.kind AND a.value_num BETWEEN 1 AND 5 "
	"WHERE o.activity_id IS NULL GROUP BY a.year, a.template_id, a.activity_id, a.question_key";
static const char SQL_PAIR_PEOPLE_WRITE[] =
	"INSERT INTO survey_pair_people (year, autumn_id, summer_id, activity_id, n) "
	"SELECT ta.year, ta.id, tb.id, ia.activity_id, count(*) " PAIRS_FROM PAIRS_WHERE
	"GROUP BY ta.year, ta.id, tb.id, ia.activity_id";
static const char *const SQL_PAIRS_FORGET[] = {
	"DELETE FROM survey_pair_units WHERE year = $1",
	"DELETE FROM survey_pair_singles WHERE year = $1",
	"DELETE FROM survey_pair_people WHERE year = $1",
};
/* Of the kept rows, those whose surveys are (still) closed */
#define CLOSED(t) "EXISTS (SELECT 1 FROM survey_templates c WHERE c.id = " t " AND c.status = 'closed') "
#define PAIR_KEYS "AND ',' || $6 || ',' LIKE '%,' || u.question_key || ',%' "
/* Each activity's sums of each key of $6, and whether it is in the group (the units) */
static const char SQL_PAIRED[] =
	"SELECT a.id, COALESCE(a.project_id, 0), COALESCE(a.lead_hub_id, 0), u.question_key, SUM(u.pairs), "
	"SUM(u.change_sum), SUM(u.up), SUM(u.down), MAX(CASE WHEN " GROUP "THEN 1 ELSE 0 END) "
	"FROM survey_pair_units u JOIN activities a ON a.id = u.activity_id WHERE u.year = $1 "
	"AND " CLOSED("u.autumn_id") "AND " CLOSED("u.summer_id") PAIR_KEYS
	"GROUP BY a.id, a.project_id, a.lead_hub_id, u.question_key";
/* Each activity's (in the group) answers to each key of $6 in only one of the two surveys */
static const char SQL_PAIRED_SINGLE[] =
	"SELECT a.id, u.question_key, SUM(u.n) FROM survey_pair_singles u JOIN activities a ON a.id = u.activity_id "
	"WHERE u.year = $1 AND " CLOSED("u.template_id") "AND " GROUP PAIR_KEYS "GROUP BY a.id, u.question_key";
static const char SQL_PAIRED_PEOPLE[] =
	"SELECT COALESCE(SUM(u.n), 0) FROM survey_pair_people u JOIN activities a ON a.id = u.activity_id "
	"WHERE u.year = $1 AND " CLOSED("u.autumn_id") "AND " CLOSED("u.summer_id") "AND " GROUP;
/* Each activity's answers to each key in each closed autumn and summer
 * survey of year $1: SQL_UNITS for every such template at once (their sums,
 * counted at close), so the change's blocks can be made of the results'
 * blocks. */
static const char SQL_PAIRED_RESULTS_UNITS[] =
	"SELECT v.template_id, a.id, COALESCE(a.project_id, 0), COALESCE(a.lead_hub_id, 0), v.question_key, v.n, "
	"CASE WHEN " GROUP "THEN 1 ELSE 0 END FROM survey_sum_units v JOIN activities a ON a.id = v.activity_id "
	"WHERE v.template_id IN (SELECT t.id FROM survey_templates t WHERE t.year = $1 "
	"AND t.kind IN ('autumn', 'summer') AND t.status = 'closed') " KEYS;

/* ---- the whole programme's, counted at close (migration 0028, counted.c) ---- */

/* $2: the reported keys, "a,b,c" */
#define REPORTED(k) "AND ',' || $2 || ',' LIKE '%,' || " k " || ',%' "
static const char SQL_TOTAL_UNITS_WRITE[] =
	"INSERT INTO survey_total_units (template_id, question_key, n, total) "
	"SELECT v.template_id, v.question_key, SUM(v.n), SUM(v.total) FROM survey_sum_units v "
	"WHERE v.template_id = $1 " REPORTED("v.question_key") "GROUP BY v.template_id, v.question_key";
static const char SQL_TOTAL_COUNTS_WRITE[] =
	"INSERT INTO survey_total_counts (template_id, question_key, value_num, n) "
	"SELECT v.template_id, v.question_key, v.value_num, SUM(v.n) FROM survey_sum_counts v "
	"WHERE v.template_id = $1 " REPORTED("v.question_key") "GROUP BY v.template_id, v.question_key, v.value_num";
/* $2 the text questions' keys, $3 how many of each */
static const char SQL_TOTAL_TEXTS_WRITE[] =
	"INSERT INTO survey_total_texts (template_id, question_key, place, value_text) "
	"SELECT x.template_id, x.question_key, x.place, x.value_text FROM (SELECT i.template_id, v.question_key, v.value_text, "
	"ROW_NUMBER() OVER (PARTITION BY v.question_key ORDER BY v.value_text) AS place "
	"FROM survey_values v JOIN survey_invites i ON i.id = v.invite_id WHERE i.template_id = $1 "
	"AND i.completed_at IS NOT NULL AND v.value_text IS NOT NULL " REPORTED("v.question_key") ") x WHERE x.place <= $3";
static const char *const SQL_TOTALS_FORGET[] = {
	"DELETE FROM survey_total_units WHERE template_id = $1",
	"DELETE FROM survey_total_counts WHERE template_id = $1",
	"DELETE FROM survey_total_texts WHERE template_id = $1",
};
static const char SQL_TOTAL_UNITS[] = "SELECT question_key, n, total FROM survey_total_units WHERE template_id = $1";
static const char SQL_TOTAL_COUNTS[] = "SELECT question_key, value_num, n FROM survey_total_counts WHERE template_id = $1 "
				       "ORDER BY question_key, value_num";
static const char SQL_TOTAL_TEXTS[] =
	"SELECT t.question_key, t.value_text, u.n FROM survey_total_texts t JOIN survey_total_units u "
	"ON u.template_id = t.template_id AND u.question_key = t.question_key "
	"WHERE t.template_id = $1 AND t.place <= $2 ORDER BY t.question_key, t.place";
static const char SQL_PAIRED_YEAR[] = "SELECT templates, keys, people FROM survey_paired_years WHERE year = $1";
static const char SQL_PAIRED_TOTALS[] =
	"SELECT question_key, pairs, change_sum, up, down, held, single, left_out FROM survey_paired_totals WHERE year = $1";
static const char SQL_PAIRED_FORGET_TOTALS[] = "DELETE FROM survey_paired_totals WHERE year = $1";
static const char SQL_PAIRED_FORGET_YEAR[] = "DELETE FROM survey_paired_years WHERE year = $1";
static const char SQL_PAIRED_YEAR_WRITE[] =
	"INSERT INTO survey_paired_years (year, templates, keys, people) VALUES ($1, $2, $3, $4)";
static const char SQL_PAIRED_TOTAL_WRITE[] =
	"INSERT INTO survey_paired_totals (year, question_key, pairs, change_sum, up, down, held, single, left_out) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

static const char SQL_NCP[] = "SELECT code, title, id FROM projects WHERE lower(code) = lower($1) ORDER BY id DESC";
static const char SQL_ACTIVITY[] =
	"SELECT COALESCE(a.lead_hub_id, 0), COALESCE(a.project_id, 0), a.title, "
	"CASE WHEN EXISTS (SELECT 1 FROM activity_leads l WHERE l.activity_id = a.id AND l.person_id = $2) "
	"THEN 1 ELSE 0 END FROM activities a WHERE a.id = $1";
static const char SQL_APPLYING[] =
	"SELECT id, kind, title FROM survey_templates WHERE year = $1 AND kind IN ('autumn', 'summer') "
	"AND (project_id IS NULL OR project_id = $2) "
	"ORDER BY CASE kind WHEN 'autumn' THEN 1 ELSE 2 END, CASE WHEN project_id IS NULL THEN 1 ELSE 0 END";
static const char SQL_HUBS[] = "SELECT code, name, id FROM hubs ORDER BY name";
static const char SQL_NCPS[] = "SELECT p.code, p.title, p.id FROM projects p JOIN academic_years y "
			       "ON y.id = p.academic_year_id WHERE y.code = $1 ORDER BY p.code";

static void choice_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct survey_choice *c = el;
	*c = (struct survey_choice){.code = db_col_text_or_null(a, st, 0), .name = db_col_text_or_null(a, st, 1),
				    .id = db_col_int(st, 2)};
}

#define FILTER(f) DB_S((f)->projects), DB_S((f)->hubs), DB_I((f)->activity_id), DB_I((f)->lead_person)

struct completion {
	int64_t invited, completed;
};

static void completion_row(struct arena *a, struct db_stmt *st, void *el)
{
	(void)a;
	struct completion *c = el;
	*c = (struct completion){db_col_int(st, 0), db_col_int(st, 1)};
}

enum err survey_sums_write(struct db *db, int64_t template_id)
{
	enum err e = db_run(db, SQL_SUM_UNITS, DB_I(template_id));
	return e ? e : db_run(db, SQL_SUM_COUNTS, DB_I(template_id));
}

enum err survey_sums_forget(struct db *db, int64_t template_id)
{
	enum err e = db_run(db, "DELETE FROM survey_sum_units WHERE template_id = $1", DB_I(template_id));
	return e ? e : db_run(db, "DELETE FROM survey_sum_counts WHERE template_id = $1", DB_I(template_id));
}

enum err survey_sums_backfill(struct db *db)
{
	return survey_sums_write(db, 0);
}

enum err survey_results_completion(struct db *db, struct arena *a, const struct survey_filter *f, int64_t *invited,
				   int64_t *completed)
{
	struct completion c = {0};
	enum err e = db_one(db_query(db, SQL_COMPLETION, DB_I(f->template_id), FILTER(f)), a, &c, completion_row);
	*invited = c.invited;
	*completed = c.completed;
	return e;
}

static void unit_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct survey_unit_row *u = el;
	*u = (struct survey_unit_row){.u = {.activity = db_col_int(st, 0), .ncp = db_col_int(st, 1),
					    .hub = db_col_int(st, 2), .key = db_col_text_or_null(a, st, 3),
					    .n = db_col_int(st, 4), .in_group = db_col_int(st, 6) != 0},
				      .sum = db_col_int(st, 5)};
}

enum err survey_results_units(struct db *db, struct arena *a, const struct survey_filter *f,
			      struct survey_unit_row **out, size_t *n)
{
	return db_rows(db_query(db, SQL_UNITS, DB_I(f->template_id), FILTER(f), DB_S(f->keys)), a, (void **)out, n,
		       sizeof(**out), unit_row);
}

static void count_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct survey_count *c = el;
	*c = (struct survey_count){.key = db_col_text_or_null(a, st, 0), .num = db_col_int(st, 1), .n = db_col_int(st, 2)};
}

enum err survey_results_counts(struct db *db, struct arena *a, const struct survey_filter *f,
			       struct survey_count **out, size_t *n)
{
	return db_rows(db_query(db, SQL_COUNTS, DB_I(f->template_id), FILTER(f), DB_S(f->keys), DB_S(f->left_out)), a,
		       (void **)out, n,
		       sizeof(**out), count_row);
}

static void text_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct survey_text *t = el;
	*t = (struct survey_text){.key = db_col_text_or_null(a, st, 0), .text = db_col_text_or_null(a, st, 1),
				  .all = db_col_int(st, 2)};
}

enum err survey_results_texts(struct db *db, struct arena *a, const struct survey_filter *f, size_t limit,
			      struct survey_text **out, size_t *n)
{
	return db_rows(db_query(db, SQL_TEXTS, DB_I(f->template_id), FILTER(f), DB_S(f->keys), DB_S(f->left_out),
				DB_I((int64_t)limit)),
		       a,
		       (void **)out, n,
		       sizeof(**out), text_row);
}

static void paired_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct survey_paired_unit *p = el;
	*p = (struct survey_paired_unit){.u = {.activity = db_col_int(st, 0), .ncp = db_col_int(st, 1),
					       .hub = db_col_int(st, 2), .key = db_col_text_or_null(a, st, 3),
					       .n = db_col_int(st, 4), .in_group = db_col_int(st, 8) != 0},
					 .sums = {.pairs = db_col_int(st, 4), .change = db_col_int(st, 5),
						  .up = db_col_int(st, 6), .down = db_col_int(st, 7)}};
}

enum err survey_paired_units(struct db *db, struct arena *a, int year, const struct survey_filter *f,
			     struct survey_paired_unit **out, size_t *n)
{
	return db_rows(db_query(db, SQL_PAIRED, DB_I(year), FILTER(f), DB_S(f->keys)), a, (void **)out, n, sizeof(**out),
		       paired_row);
}

static void single_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct survey_paired_single *x = el;
	*x = (struct survey_paired_single){.activity = db_col_int(st, 0), .key = db_col_text_or_null(a, st, 1),
					   .n = db_col_int(st, 2)};
}

static void paired_total_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct survey_paired_row *r = el;
	*r = (struct survey_paired_row){.key = db_col_text_or_null(a, st, 0),
					.sums = {.pairs = db_col_int(st, 1), .change = db_col_int(st, 2),
						 .up = db_col_int(st, 3), .down = db_col_int(st, 4), .held = db_col_int(st, 5),
						 .single = db_col_int(st, 6)},
					.left_out = db_col_int(st, 7)};
}

enum err survey_paired_singles(struct db *db, struct arena *a, int year, const struct survey_filter *f,
			       struct survey_paired_single **out, size_t *n)
{
	return db_rows(db_query(db, SQL_PAIRED_SINGLE, DB_I(year), FILTER(f), DB_S(f->keys)), a, (void **)out, n,
		       sizeof(**out), single_row);
}

static void results_unit_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct survey_results_unit *u = el;
	*u = (struct survey_results_unit){.template_id = db_col_int(st, 0),
					  .u = {.activity = db_col_int(st, 1), .ncp = db_col_int(st, 2),
						.hub = db_col_int(st, 3), .key = db_col_text_or_null(a, st, 4),
						.n = db_col_int(st, 5), .in_group = db_col_int(st, 6) != 0}};
}

enum err survey_paired_results_units(struct db *db, struct arena *a, int year, const struct survey_filter *f,
				     struct survey_results_unit **out, size_t *n)
{
	return db_rows(db_query(db, SQL_PAIRED_RESULTS_UNITS, DB_I(year), FILTER(f), DB_S(f->keys)), a, (void **)out,
		       n, sizeof(**out), results_unit_row);
}

enum err survey_paired_people(struct db *db, int year, const struct survey_filter *f, int64_t *n)
{
	return db_number(db_query(db, SQL_PAIRED_PEOPLE, DB_I(year), FILTER(f)), n);
}

bool survey_filter_whole(const struct survey_filter *f)
{
	return !*f->projects && !*f->hubs && !f->activity_id && !f->lead_person;
}

enum err survey_totals_write(struct db *db, int64_t template_id, const char *keys, const char *text_keys)
{
	enum err e = ERR_OK;
	for (size_t i = 0; !e && i < sizeof(SQL_TOTALS_FORGET) / sizeof(*SQL_TOTALS_FORGET); i++)
		e = db_run(db, SQL_TOTALS_FORGET[i], DB_I(template_id));
	if (!e)
		e = db_run(db, SQL_TOTAL_UNITS_WRITE, DB_I(template_id), DB_S(keys));
	if (!e)
		e = db_run(db, SQL_TOTAL_COUNTS_WRITE, DB_I(template_id), DB_S(keys));
	if (!e && *text_keys)
		e = db_run(db, SQL_TOTAL_TEXTS_WRITE, DB_I(template_id), DB_S(text_keys), DB_I(SURVEY_TEXTS_SHOWN));
	return e;
}

static void total_unit_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct survey_unit_row *u = el;
	*u = (struct survey_unit_row){.u = {.key = db_col_text_or_null(a, st, 0), .n = db_col_int(st, 1), .in_group = true,
					    .shown = true},
				      .sum = db_col_int(st, 2)};
}

enum err survey_totals_units(struct db *db, struct arena *a, int64_t template_id, struct survey_unit_row **out,
			     size_t *n)
{
	return db_rows(db_query(db, SQL_TOTAL_UNITS, DB_I(template_id)), a, (void **)out, n, sizeof(**out),
		       total_unit_row);
}

enum err survey_totals_counts(struct db *db, struct arena *a, int64_t template_id, struct survey_count **out,
			      size_t *n)
{
	return db_rows(db_query(db, SQL_TOTAL_COUNTS, DB_I(template_id)), a, (void **)out, n, sizeof(**out), count_row);
}

enum err survey_totals_texts(struct db *db, struct arena *a, int64_t template_id, size_t limit,
			     struct survey_text **out, size_t *n)
{
	return db_rows(db_query(db, SQL_TOTAL_TEXTS, DB_I(template_id), DB_I((int64_t)limit)), a, (void **)out, n,
		       sizeof(**out), text_row);
}

struct paired_year {
	const char *templates, *keys;
	int64_t people;
};

static void paired_year_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct paired_year *y = el;
	*y = (struct paired_year){db_col_text_or_null(a, st, 0), db_col_text_or_null(a, st, 1), db_col_int(st, 2)};
}

enum err survey_paired_totals_read(struct db *db, struct arena *a, int year, const char **templates,
				   const char **keys, int64_t *people, struct survey_paired_row **rows, size_t *n)
{
	struct paired_year y = {0};
	enum err e = db_one(db_query(db, SQL_PAIRED_YEAR, DB_I(year)), a, &y, paired_year_row);
	*templates = y.templates;
	*keys = y.keys;
	*people = y.people;
	return e ? e : db_rows(db_query(db, SQL_PAIRED_TOTALS, DB_I(year)), a, (void **)rows, n, sizeof(**rows),
			       paired_total_row);
}

enum err survey_pairs_write(struct db *db, int year)
{
	enum err e = ERR_OK;
	for (size_t i = 0; !e && i < sizeof(SQL_PAIRS_FORGET) / sizeof(*SQL_PAIRS_FORGET); i++)
		e = db_run(db, SQL_PAIRS_FORGET[i], DB_I(year));
	if (!e)
		e = db_run(db, SQL_PAIR_UNITS_WRITE, DB_I(year));
	if (!e)
		e = db_run(db, SQL_PAIR_SINGLES_WRITE, DB_I(year));
	return e ? e : db_run(db, SQL_PAIR_PEOPLE_WRITE, DB_I(year));
}

enum err survey_paired_totals_write(struct db *db, const struct survey_paired *p, const char *templates,
				    const char *keys)
{
	enum err e = db_run(db, SQL_PAIRED_FORGET_TOTALS, DB_I(p->year));
	if (!e)
		e = db_run(db, SQL_PAIRED_FORGET_YEAR, DB_I(p->year));
	if (!e)
		e = db_run(db, SQL_PAIRED_YEAR_WRITE, DB_I(p->year), DB_S(templates), DB_S(keys), DB_I(p->people));
	for (size_t i = 0; !e && i < p->nrows; i++) {
		const struct survey_paired_row *r = &p->rows[i];
		e = db_run(db, SQL_PAIRED_TOTAL_WRITE, DB_I(p->year), DB_S(r->key), DB_I(r->sums.pairs), DB_I(r->sums.change),
			   DB_I(r->sums.up), DB_I(r->sums.down), DB_I(r->sums.held), DB_I(r->sums.single),
			   DB_I(r->left_out));
	}
	return e;
}

enum err survey_ncp_find(struct db *db, struct arena *a, const char *code, struct survey_choice *out)
{
	struct survey_choice *all;
	size_t n;
	enum err e = db_rows(db_query(db, SQL_NCP, DB_S(code)), a, (void **)&all, &n, sizeof(*all), choice_row);
	if (!e && !n)
		e = ERR_NOT_FOUND;
	if (!e)
		*out = all[0];
	return e;
}

static void activity_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct survey_activity *x = el;
	*x = (struct survey_activity){.lead_hub_id = db_col_int(st, 0), .project_id = db_col_int(st, 1),
				      .title = db_col_text_or_null(a, st, 2), .led_by = db_col_int(st, 3) != 0};
}

enum err survey_activity_find(struct db *db, struct arena *a, int64_t id, int64_t person,
			      struct survey_activity *out)
{
	*out = (struct survey_activity){0};
	return db_one(db_query(db, SQL_ACTIVITY, DB_I(id), DB_I(person)), a, out, activity_row);
}

enum err survey_hubs_all(struct db *db, struct arena *a, struct survey_choice **out, size_t *n)
{
	return db_rows(db_query(db, SQL_HUBS), a, (void **)out, n, sizeof(**out), choice_row);
}

enum err survey_ncps_of_year(struct db *db, struct arena *a, int year, struct survey_choice **out, size_t *n)
{
	char code[8];
	acyear_code(year, code);
	return db_rows(db_query(db, SQL_NCPS, DB_S(code)), a, (void **)out, n, sizeof(**out), choice_row);
}

static void link_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct survey_link *l = el;
	*l = (struct survey_link){.id = db_col_int(st, 0), .title = db_col_text_or_null(a, st, 2)};
	survey_kind_from_key(db_col_text(st, 1), &l->kind);
}

enum err survey_templates_applying(struct db *db, struct arena *a, int64_t project_id, int year,
				   struct survey_link out[2], size_t *n)
{
	struct survey_link *all;
	size_t nall;
	*n = 0;
	enum err e = db_rows(db_query(db, SQL_APPLYING, DB_I(year), DB_I(project_id)), a, (void **)&all, &nall,
			     sizeof(*all), link_row);
	/* the NCP's own comes before the default of its kind: the first of each kind */
	for (size_t i = 0; !e && i < nall && *n < 2; i++)
		if (!*n || out[*n - 1].kind != all[i].kind)
			out[(*n)++] = all[i];
	return e;
}
