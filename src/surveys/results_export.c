/*
 * results_export.c - the results and the paired change as CSV and XLSX
 * (/surveys/{id}/results.csv, .xlsx; /surveys/paired.csv, .xlsx): the same
 * reads, group and permissions as the pages (results_access.c), one read
 * transaction each, through the core writers (CSV cells formula-safe, XLSX
 * text never a formula). The same rules as the pages: no internal
 * section, no name, no breakdown of fewer than 5, and free text only for
 * those who may read it.
 */
#include <stdlib.h>
#include <string.h>

#include "core/acyear.h"
#include "core/arena.h"
#include "core/csv.h"
#include "core/xlsx.h"
#include "http/request.h"
#include "surveys/chart.h"
#include "surveys/pages.h"
#include "surveys/results.h"

/* A sheet of text cells; the columns in nums are whole numbers ("" empty). */
struct sheet {
	const char *const *heads;
	size_t ncols;
	unsigned nums; /* bit k: column k is a whole number */
	unsigned reals; /* bit k: column k is a number with two places (a mean) */
	const char **cells;
	size_t nrows, cap;
};

static void add_row(struct arena *a, struct sheet *s, const char *const *row)
{
	if (s->nrows == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		const char **c = arena_alloc(a, cap * s->ncols * sizeof(*c));
		if (s->nrows)
			memcpy(c, s->cells, s->nrows * s->ncols * sizeof(*c));
		s->cells = c;
		s->cap = cap;
	}
	for (size_t k = 0; k < s->ncols; k++)
		s->cells[s->nrows * s->ncols + k] = row[k] ? row[k] : "";
	s->nrows++;
}

/* A cell's text as a number ("+1.20", "-0.75"), or false (words). */
static bool real_of(const char *text, double *v)
{
	char *end;
	if (!*text)
		return false;
	*v = strtod(text, &end);
	return !*end;
}

static enum err write_sheet(struct req *rq, struct resp *rs, bool xlsx, const char *filename, const char *name,
			    const struct sheet *s)
{
	const char *disposition = arena_printf(rq->arena, "attachment; filename=\"%s.%s\"", filename, xlsx ? "xlsx" : "csv");
	if (!xlsx) {
		struct csv_writer c = resp_csv(rs, disposition);
		csv_row(&c, s->heads, s->ncols);
		for (size_t i = 0; i < s->nrows; i++) {
			const char *const *row = &s->cells[i * s->ncols];
			double v;
			for (size_t k = 0; k < s->ncols; k++)
				if ((s->reals >> k & 1) && real_of(row[k], &v))
					csv_cell_number(&c, v, 2);
				else
					csv_cell(&c, row[k]);
			csv_row_end(&c);
		}
		return ERR_OK;
	}
	struct xlsx_writer x = resp_xlsx(rs, disposition, name);
	xlsx_header(&x, s->heads, s->ncols);
	for (size_t i = 0; i < s->nrows; i++) {
		const char *const *row = &s->cells[i * s->ncols];
		for (size_t k = 0; k < s->ncols; k++) {
			double v;
			if ((s->nums >> k & 1) && *row[k])
				xlsx_cell_int(&x, strtoll(row[k], NULL, 10));
			else if ((s->reals >> k & 1) && real_of(row[k], &v))
				xlsx_cell_real(&x, v);
			else
				xlsx_cell(&x, *row[k] ? row[k] : NULL);
		}
		xlsx_row_end(&x);
	}
	return xlsx_finish(&x);
}

/* "2026-27": a year in a file's name. */
static const char *year_file(struct arena *a, int year)
{
	char code[8];
	acyear_code(year, code);
	code[4] = '-';
	return arena_strdup(a, code);
}

/* "-ncp24-06-sw4-activity-12": the group in a file's name. */
static const char *group_file(struct arena *a, const struct survey_group *g)
{
	const char *s = "";
	if (g->ncp_code && g->project_id)
		s = arena_printf(a, "%s-%s", s, g->ncp_code);
	if (g->hub_code)
		s = arena_printf(a, "%s-%s", s, g->hub_code);
	if (g->activity_id)
		s = arena_printf(a, "%s-activity-%lld", s, (long long)g->activity_id);
	char *out = arena_strdup(a, s);
	for (char *p = out; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return out;
}

/* ---- the results ---- */

static const char *const RESULT_HEADS[] = {"Section", "Question key", "Question", "Answer", "People", "Share", "Value"};
#define RESULT_COLS 7
#define NUM(n) arena_printf(a, "%lld", (long long)(n))

static void question_rows(struct arena *a, struct sheet *s, const struct survey_results *r,
			  const struct survey_qresult *x)
{
	const struct survey_question *q = x->q;
	const char *sec = x->section, *key = q->key, *text = q->text;
	if (!survey_qresult_shown(r, x)) {
		const char *row[RESULT_COLS] = {sec, key, text,
						arena_printf(a, "Not shown: fewer than %d answered", SURVEY_MIN_GROUP),
						NUM(x->answered), "", ""};
		add_row(a, s, row);
		return;
	}
	const char *answered[RESULT_COLS] = {sec, key, text, "Answered", NUM(x->answered), "", ""};
	add_row(a, s, answered);
	if (q->type == SQ_NUMBER) {
		const char *rows[3][RESULT_COLS] = {
			{sec, key, text, "Mean", "", "", survey_mean_text(a, x->sum, x->answered)},
			{sec, key, text, "Lowest", "", "", NUM(x->min)},
			{sec, key, text, "Highest", "", "", NUM(x->max)},
		};
		for (int i = 0; i < 3; i++)
			add_row(a, s, rows[i]);
		return;
	}
	if (q->type == SQ_TEXT) {
		for (size_t i = 0; r->reader.free_text && i < x->ntexts; i++) {
			const char *row[RESULT_COLS] = {sec, key, text, x->texts[i], "", "", ""};
			add_row(a, s, row);
		}
		return;
	}
	size_t n = q->type == SQ_AGREE5 ? 5 : q->noptions;
	for (size_t i = 0; i < n; i++) {
		int64_t c = 0;
		for (size_t k = 0; k < x->ncounts; k++)
			if (x->counts[k].num == (int64_t)i + 1)
				c = x->counts[k].n;
		const char *row[RESULT_COLS] = {sec, key, text, survey_option_words(q, (int64_t)i + 1), NUM(c),
						survey_share(a, c, x->answered), ""};
		add_row(a, s, row);
	}
}

static enum err results_export(struct req *rq, struct resp *rs, bool xlsx)
{
	struct survey_results r;
	bool done;
	enum err e = survey_results_load(rq, rs, &r, "surveys_results_export_read", &done);
	if (e || done)
		return e;
	struct arena *a = rq->arena;
	struct sheet s = {.heads = RESULT_HEADS, .ncols = RESULT_COLS, .nums = 1u << 4, .reals = 1u << 6};
	const char *top[][RESULT_COLS] = {
		{"Survey", "", r.t.title, surveys_caption(a, &r.t), "", "", ""},
		{"Who it covers", "", survey_group_words(a, &r.g), "", "", "", ""},
		{"Completion", "", "Invited", "", NUM(r.invited), "", ""},
		{"Completion", "", "Completed", "", NUM(r.completed), survey_share(a, r.completed, r.invited), ""},
	};
	for (size_t i = 0; i < sizeof(top) / sizeof(top[0]); i++)
		add_row(a, &s, top[i]);
	for (size_t i = 0; i < r.nq; i++)
		question_rows(a, &s, &r, &r.q[i]);
	return write_sheet(rq, rs, xlsx,
			   arena_printf(a, "survey-results-%s-%s%s", survey_kind_key(r.t.kind), year_file(a, r.t.year),
					group_file(a, &r.g)),
			   "Survey results", &s);
}

enum err surveys_results_csv(struct req *rq, struct resp *rs)
{
	return results_export(rq, rs, false);
}

enum err surveys_results_xlsx(struct req *rq, struct resp *rs)
{
	return results_export(rq, rs, true);
}

/* ---- the paired change ---- */

static const char *const PAIRED_HEADS[] = {"Question key", "Question", "Pairs", "Mean before", "Mean after",
					   "Mean change", "Moved up", "Stayed", "Moved down"};
#define PAIRED_COLS 9

static enum err paired_export(struct req *rq, struct resp *rs, bool xlsx)
{
	struct survey_paired p;
	bool done;
	enum err e = survey_paired_load(rq, rs, &p, "surveys_paired_export_read", &done);
	if (e || done)
		return e;
	struct arena *a = rq->arena;
	/* pairs, moved up, stayed, moved down are whole numbers; the means numbers to two places */
	struct sheet s = {.heads = PAIRED_HEADS, .ncols = PAIRED_COLS, .nums = (1u << 2) | (1u << 6) | (1u << 7) | (1u << 8), .reals = 7u << 3};
	for (size_t i = 0; i < p.nrows; i++) {
		struct survey_change c = survey_change_of(&p.rows[i].sums);
		const char *row[PAIRED_COLS] = {p.rows[i].key, p.rows[i].text, NUM(c.pairs)};
		if (c.suppressed)
			row[3] = arena_printf(a, "Not shown: fewer than %d pairs", SURVEY_MIN_GROUP);
		else {
			row[3] = survey_decimal(a, c.before, false);
			row[4] = survey_decimal(a, c.after, false);
			row[5] = survey_decimal(a, c.change, false);
			row[6] = NUM(c.up);
			row[7] = NUM(c.same);
			row[8] = NUM(c.down);
		}
		add_row(a, &s, row);
	}
	return write_sheet(rq, rs, xlsx,
			   arena_printf(a, "survey-paired-change-%s%s", year_file(a, p.year), group_file(a, &p.g)),
			   "Paired change", &s);
}

enum err surveys_paired_csv(struct req *rq, struct resp *rs)
{
	return paired_export(rq, rs, false);
}

enum err surveys_paired_xlsx(struct req *rq, struct resp *rs)
{
	return paired_export(rq, rs, true);
}
