/*
 * results_export.c - the results and the paired change as CSV and XLSX
 * (/surveys/{id}/results.csv, .xlsx; /surveys/paired.csv, .xlsx): the same
 * reads, group and permissions as the pages (results_access.c), one read
 * transaction each, through the core writers (CSV cells formula-safe, XLSX
 * text never a formula). The same rules as the pages: no internal
 * section, no name, no breakdown of fewer than 5, and free text only for
 * those who may read it. Each file opens, under its column headings, with
 * heading rows (heading_rows): the year and who it covers, and the
 * results' completion (invited, completed, the rate) or the paired
 * change's people. In the workbook counts are numbers, shares and rates
 * numbers shown as percentages, means and changes numbers to two places.
 */
#include <stdlib.h>
#include <string.h>

#include "core/acyear.h"
#include "core/arena.h"
#include "core/csv.h"
#include "core/percent.h"
#include "core/xlsx.h"
#include "http/request.h"
#include "http/sheet.h"
#include "surveys/chart.h"
#include "surveys/pages.h"
#include "surveys/results.h"

const char *survey_group_file(struct arena *a, const struct survey_group *g)
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

/* ---- the heading rows ---- */

/* A row above a file's table: what the file is of, or one of its group's
 * totals. */
struct heading {
	const char *label, *value;
	enum sheet_col kind; /* the value's */
};

/* The file's heading rows, under its column headings: each its label in
 * the first column and its value in column col, of its own kind (a count
 * a number, a rate a percentage), the other cells empty. The results' and
 * the paired change's alike. */
static void heading_rows(struct arena *a, struct sheet *s, size_t col, const struct heading *h, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char **row = arena_alloc(a, s->ncols * sizeof(*row));
		enum sheet_col *kinds = arena_alloc(a, s->ncols * sizeof(*kinds));
		for (size_t k = 0; k < s->ncols; k++) {
			row[k] = "";
			kinds[k] = SHEET_TEXT;
		}
		row[0] = h[i].label;
		row[col] = h[i].value;
		kinds[col] = h[i].kind;
		sheet_add_as(a, s, row, kinds);
	}
}

static const char *year_words(struct arena *a, int year)
{
	char code[8];
	acyear_code(year, code);
	return arena_strdup(a, code);
}

/* ---- the results ---- */

/* Share: of the people who answered the question; Value: a number's mean
 * (and, in the heading rows, the completion rate) */
static const char *const RESULT_HEADS[] = {"Section", "Question key", "Question", "Question type", "Answer", "People",
					   "Share", "Value"};
#define RESULT_COLS 8
static const enum sheet_col RESULT_KINDS[RESULT_COLS] = {[5] = SHEET_INT, [6] = SHEET_PERCENT, [7] = SHEET_REAL};
#define NUM(n) arena_printf(a, "%lld", (long long)(n))

/* The question's type, and for a multiple-choice one why its shares add
 * up to more than 100% (the page's chart says it too: survey_chart). */
static const char *qtype_words(enum survey_qtype t)
{
	return t == SQ_MULTIPLE ? "Multiple choice (shares add up to more than 100%)" : survey_qtype_name(t);
}

static void question_rows(struct arena *a, struct sheet *s, const struct survey_results *r,
			  const struct survey_qresult *x)
{
	const struct survey_question *q = x->q;
	const char *sec = x->section, *key = q->key, *text = q->text, *type = qtype_words(q->type);
	/* a group's own answers too few: one row, its count; otherwise the
	 * answers left out to protect a small group elsewhere, then what is
	 * shown (nothing more when none is) */
	int64_t own = x->answered + x->left_out;
	bool small = x->left_out && survey_suppressed(own);
	if (x->left_out && !small) {
		const char *row[RESULT_COLS] = {sec, key, text, type,
						"Not counted here, to protect a small group (wider results count them)",
						NUM(x->left_out), "", ""};
		sheet_add(a, s, row);
		if (!x->answered)
			return;
	}
	if (!survey_qresult_shown(r, x)) {
		const char *why = !r->released ? "Not shown until the survey closes"
					       : arena_printf(a, "Not shown: fewer than %d answered", SURVEY_MIN_GROUP);
		const char *row[RESULT_COLS] = {sec, key, text, type, why,
						r->released ? NUM(small ? own : x->answered) : "", "", ""};
		sheet_add(a, s, row);
		return;
	}
	const char *answered[RESULT_COLS] = {sec, key, text, type, "Answered", NUM(x->answered), "", ""};
	sheet_add(a, s, answered);
	if (q->type == SQ_NUMBER) {
		/* the page's mean, to two places */
		const char *mean[RESULT_COLS] = {sec, key, text, type, "Mean", "", "", survey_mean_text(a, x->sum, x->answered)};
		sheet_add(a, s, mean);
		return;
	}
	if (q->type == SQ_TEXT) {
		for (size_t i = 0; r->reader.free_text && i < x->ntexts; i++) {
			const char *row[RESULT_COLS] = {sec, key, text, type, x->texts[i], "", "", ""};
			sheet_add(a, s, row);
		}
		return;
	}
	size_t n = q->type == SQ_AGREE5 ? 5 : q->noptions;
	for (size_t i = 0; i < n; i++) {
		int64_t c = 0;
		for (size_t k = 0; k < x->ncounts; k++)
			if (x->counts[k].num == (int64_t)i + 1)
				c = x->counts[k].n;
		const char *row[RESULT_COLS] = {sec, key, text, type, survey_option_words(q, (int64_t)i + 1), NUM(c),
						survey_share(a, c, x->answered), ""};
		sheet_add(a, s, row);
	}
}

static enum err results_export(struct req *rq, struct resp *rs, bool xlsx, bool internal)
{
	struct survey_results r;
	bool done;
	enum err e = internal ? survey_internal_load(rq, rs, &r, "surveys_quality_assurance_export_read", 0, &done)
			      : survey_results_load(rq, rs, &r, "surveys_results_export_read", 0, &done);
	if (e || done)
		return e;
	struct arena *a = rq->arena;
	struct sheet s = {.heads = RESULT_HEADS, .cols = RESULT_KINDS, .ncols = RESULT_COLS};
	/* completion as the page has it: each figure its own row, the rate a
	 * rate (never in the Share column, which is of a question's answers) */
	const struct heading top[] = {
		{"Survey", arena_printf(a, "%s (%s)", r.t.title, surveys_caption(a, &r.t)), SHEET_TEXT},
		{"Year", year_words(a, r.t.year), SHEET_TEXT},
		{"Who it covers", survey_group_words(a, &r.g), SHEET_TEXT},
		{"Invited", NUM(r.invited), SHEET_INT},
		{"Completed", NUM(r.completed), SHEET_INT},
		{"Completion rate", percent_progress_text(a, r.completed, r.invited, true, "No one invited yet"), SHEET_PERCENT},
	};
	heading_rows(a, &s, 2, top, sizeof(top) / sizeof(top[0]));
	for (size_t i = 0; i < r.nq; i++)
		question_rows(a, &s, &r, &r.q[i]);
	return resp_sheet(rq, rs, xlsx,
			   arena_printf(a, "survey-%s-%s-%s%s", internal ? "quality-assurance" : "results",
					survey_kind_key(r.t.kind), sheet_year(a, r.t.year), survey_group_file(a, &r.g)),
			   internal ? "Quality assurance" : "Survey results", &s);
}

enum err surveys_results_csv(struct req *rq, struct resp *rs)
{
	return results_export(rq, rs, false, false);
}

enum err surveys_results_xlsx(struct req *rq, struct resp *rs)
{
	return results_export(rq, rs, true, false);
}

/* the internal sections' answers (qa.c): the national team's only */
enum err surveys_quality_assurance_csv(struct req *rq, struct resp *rs)
{
	return results_export(rq, rs, false, true);
}

/* ---- the paired change ---- */

/* No mean before or after (rules.h, survey_sums): only the change. The
 * last column: the pairs the change is of, of all the group's (shown, held
 * back and left out), so a reader sees how much of the group it covers. */
static const char *const PAIRED_HEADS[] = {"Question key", "Question", "Pairs", "Mean change", "Moved up", "Stayed",
					   "Moved down", "Pairs not counted here, to protect a small group",
					   "Pairs not counted here, from activities where 1 to 4 people answered the "
					   "question in only one of the two surveys",
					   "Share of the group's pairs in the change"};
#define PAIRED_COLS 10
/* pairs, moved up, stayed, moved down are whole numbers; the change a number to two places */
static const enum sheet_col PAIRED_KINDS[PAIRED_COLS] = {SHEET_TEXT, SHEET_TEXT, SHEET_INT, SHEET_REAL, SHEET_INT,
							 SHEET_INT,  SHEET_INT,  SHEET_INT, SHEET_INT,  SHEET_PERCENT};

static enum err paired_export(struct req *rq, struct resp *rs, bool xlsx)
{
	struct survey_paired p;
	bool done;
	enum err e = survey_paired_load(rq, rs, &p, "surveys_paired_export_read", &done);
	if (e || done)
		return e;
	struct arena *a = rq->arena;
	struct sheet s = {.heads = PAIRED_HEADS, .cols = PAIRED_KINDS, .ncols = PAIRED_COLS};
	const struct heading top[] = {
		{"Year", year_words(a, p.year), SHEET_TEXT},
		{"Who it covers", survey_group_words(a, &p.g), SHEET_TEXT},
		{"People who completed both surveys", NUM(p.people), SHEET_INT},
	};
	heading_rows(a, &s, 1, top, sizeof(top) / sizeof(top[0]));
	for (size_t i = 0; i < p.nrows; i++) {
		struct survey_change c = survey_change_of(&p.rows[i].sums);
		const char *row[PAIRED_COLS] = {p.rows[i].key, p.rows[i].text, NUM(c.pairs)};
		if (c.suppressed)
			row[3] = survey_change_not_shown(a, &c);
		else {
			row[3] = survey_decimal(a, c.change, false);
			row[4] = NUM(c.up);
			row[5] = NUM(c.same);
			row[6] = NUM(c.down);
		}
		row[7] = NUM(p.rows[i].left_out);
		row[8] = NUM(c.suppressed ? 0 : c.held);
		/* c.pairs counts the held back ones too when they are why none is shown */
		int64_t all = (int64_t)(c.pairs + c.held) + p.rows[i].left_out;
		row[9] = percent_text(a, c.suppressed ? 0 : (int64_t)c.pairs, all, "");
		sheet_add(a, &s, row);
	}
	return resp_sheet(rq, rs, xlsx,
			   arena_printf(a, "survey-paired-change-%s%s", sheet_year(a, p.year), survey_group_file(a, &p.g)),
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
