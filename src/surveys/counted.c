/*
 * counted.c - a closed survey counted once (results.h, migrations 0027
 * and 0028): at close, each activity's sums of each key (the units the
 * blocks of every group's results are made of) and the whole programme's
 * results; and, when an autumn or summer survey closes, its year's paired
 * change of the whole programme, worked out as the page would
 * (paired_work.c) and kept. A closed survey never changes (answering is
 * refused after), so the national team's pages read a few rows instead of
 * every answer. Also the demo data's closed years, migration 0028's
 * backfill and `mathshubs recount-surveys`.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/config.h"
#include "core/arena.h"
#include "db/db.h"
#include "db/rows.h"
#include "surveys/results.h"

static const char SQL_CLOSED[] = "SELECT id FROM survey_templates WHERE status = 'closed' ORDER BY id";
static const char SQL_PAIRED_YEARS[] = "SELECT DISTINCT year FROM survey_templates WHERE status = 'closed' "
				       "AND kind IN ('autumn', 'summer') ORDER BY year";
/* everything counted, for a recount: each activity's sums (0027), the whole programme's (0028) */
static const char *const SQL_FORGET_ALL[] = {
	"DELETE FROM survey_sum_units",  "DELETE FROM survey_sum_counts",   "DELETE FROM survey_total_units",
	"DELETE FROM survey_total_counts", "DELETE FROM survey_total_texts", "DELETE FROM survey_paired_totals",
	"DELETE FROM survey_paired_years",  "DELETE FROM survey_pair_units",   "DELETE FROM survey_pair_singles",
	"DELETE FROM survey_pair_people",
};

/* The whole programme's results of one closed template: of its reported keys. */
static enum err totals_of(struct db *db, struct arena *a, const struct survey_template *t)
{
	struct survey_content c;
	if (!survey_content_parse(a, t->content, &c))
		return ERR_DB;
	return survey_totals_write(db, t->id, survey_keys_of(a, &c, false, false), survey_keys_of(a, &c, false, true));
}

enum err survey_counts_write(struct db *db, struct arena *a, int64_t template_id)
{
	struct survey_template t;
	enum err e = survey_template_read(db, a, template_id, &t);
	if (e)
		return e;
	if (t.status != SURVEY_CLOSED)
		return ERR_INVALID;
	if ((e = survey_sums_forget(db, template_id)) || (e = survey_sums_write(db, template_id)) ||
	    (e = totals_of(db, a, &t)))
		return e;
	return t.kind == SURVEY_LLME ? ERR_OK : survey_paired_count(db, a, t.year);
}

static void id_row(struct arena *a, struct db_stmt *st, void *el)
{
	(void)a;
	*(int64_t *)el = db_col_int(st, 0);
}

enum err survey_counts_all(struct db *db, struct arena *a)
{
	int64_t *ids, *years;
	size_t n, ny;
	enum err e = db_rows(db_query(db, SQL_CLOSED), a, (void **)&ids, &n, sizeof(*ids), id_row);
	for (size_t i = 0; !e && i < n; i++) {
		struct survey_template t;
		if (!(e = survey_template_read(db, a, ids[i], &t)))
			e = totals_of(db, a, &t);
	}
	if (!e)
		e = db_rows(db_query(db, SQL_PAIRED_YEARS), a, (void **)&years, &ny, sizeof(*years), id_row);
	for (size_t i = 0; !e && i < ny; i++)
		e = survey_paired_count(db, a, (int)years[i]);
	return e;
}

enum err survey_counts_backfill(struct db *db)
{
	struct arena *a = arena_new();
	enum err e = survey_counts_all(db, a);
	arena_free(a);
	return e;
}

struct recount {
	struct arena *a;
	int64_t closed;
};

static enum err recount_write(struct db *db, void *ctx)
{
	struct recount *r = ctx;
	enum err e = ERR_OK;
	for (size_t i = 0; !e && i < sizeof(SQL_FORGET_ALL) / sizeof(*SQL_FORGET_ALL); i++)
		e = db_run(db, SQL_FORGET_ALL[i]);
	if (!e)
		e = db_number(db_query(db, "SELECT count(*) FROM survey_templates WHERE status = 'closed'"), &r->closed);
	if (!e)
		e = survey_sums_write(db, 0);
	return e ? e : survey_counts_all(db, r->a);
}

int survey_recount_command(int argc, char **argv)
{
	struct recount r = {.a = arena_new()};
	int rc = cli_write("recount-surveys", argc, argv, recount_write, &r);
	arena_free(r.a);
	if (rc)
		return rc;
	printf("surveys: %lld closed survey%s counted again\n", (long long)r.closed, r.closed == 1 ? "" : "s");
	return 0;
}
