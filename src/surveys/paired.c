/*
 * paired.c - the paired change of a year (/surveys/paired?year=): for
 * every person who completed both the autumn and the summer survey of the
 * same activity, the change on each agreement-scale question asked in
 * both, summed in SQL per question and summarised by survey_change_of
 * (rules.h): pairs, mean change, how many moved up, stayed and moved
 * down; fewer than 5 pairs, or 1 to 4 people in the same activities who
 * answered in only one of the two surveys, only the number of pairs and
 * why. Never a mean before or after: each survey's results less them
 * would tell what the people in only one survey answered. Each cell a
 * number (or "Not shown") with a note's marker: why, in one numbered note
 * a question below the table, so the table stays narrow on a phone; the
 * rules behind "How paired change is counted". The page then lists the
 * year's surveys, each linking to its results and its completion.
 */
#include <string.h>

#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "surveys/pages.h"
#include "surveys/results.h"

static void numeric(struct html *w, const char *text)
{
	H_RAW(w, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">");
	html_text(w, text);
	H_RAW(w, "</td>");
}

const char *survey_change_not_shown(struct arena *a, const struct survey_change *c)
{
	if (!c->by_single)
		return arena_printf(a, "Not shown: fewer than %d pairs", SURVEY_MIN_GROUP);
	if (c->single == 1)
		return "Not shown: 1 person answered this in only one of the two surveys, and comparing with each "
		       "survey's results would tell their answer";
	return arena_printf(a, "Not shown: %zu people answered this in only one of the two surveys, and comparing "
			       "with each survey's results would tell their answers", c->single);
}

/* The pairs held back from a change (c->held), and why. */
static const char *held_words(struct arena *a, const struct survey_change *c)
{
	return arena_printf(a, "%zu more %s not counted here: in their activities %zu %s only one of the two "
			       "surveys, and comparing the change with each survey's results would tell %s.",
			    c->held, c->held == 1 ? "pair is" : "pairs are", c->single,
			    c->single == 1 ? "person answered" : "people answered", c->single == 1 ? "their answer" : "their answers");
}

/* A footnote marker: a link to note n below the table. */
static void marker(struct html *w, struct arena *a, size_t n)
{
	H_RAW(w, " <sup><a class=\"govuk-link\"");
	H_ATTR(w, "href", arena_printf(a, "#paired-note-%zu", n));
	H_RAW(w, "><span class=\"govuk-visually-hidden\">note </span>");
	html_text(w, arena_printf(a, "%zu", n));
	H_RAW(w, "</a></sup>");
}

static void change_table(struct html *w, struct arena *a, const struct survey_paired *p)
{
	/* one heading names the table and its box (no caption: a caption is as
	 * wide as the table, cut off on a phone where the table scrolls); the
	 * table scrolls in its own named box when a phone is narrower than it,
	 * in GOV.UK's smaller text there (.mh-figures, assets/app.scss). Each
	 * cell is short, a number (with a note's marker): the mean change first
	 * after the question, the rest (why a change is not shown, pairs not
	 * counted) in numbered notes below the table, one for each question
	 * that has any. */
	enum survey_wider wider = survey_wider_of(&p->reader, &p->g);
	const char **notes = arena_alloc(a, (p->nrows + 1) * sizeof(*notes));
	const char **noted = arena_alloc(a, (p->nrows + 1) * sizeof(*noted));
	size_t nnotes = 0;
	H_RAW(w, "<h2 class=\"govuk-heading-m\" id=\"change-heading\">Change from autumn to summer</h2>\n"
		 "<div class=\"mh-figures\">\n");
	govuk_table_begin_named(w, "change-heading");
	govuk_table_head_begin(w);
	govuk_table_head(w, "Question", false);
	govuk_table_head(w, "Mean change", true);
	govuk_table_head(w, "Pairs", true);
	govuk_table_head(w, "Moved up", true);
	govuk_table_head(w, "Stayed", true);
	govuk_table_head(w, "Moved down", true);
	govuk_table_head_end(w);
	for (size_t i = 0; i < p->nrows; i++) {
		const struct survey_paired_row *row = &p->rows[i];
		struct survey_change c = survey_change_of(&row->sums);
		const char *note = "";
		if (c.suppressed)
			note = arena_printf(a, "%s.", survey_change_not_shown(a, &c));
		if (row->left_out)
			note = arena_printf(a, "%s%s%s", note, *note ? " " : "", survey_not_counted_words(a, row->left_out, wider, "pair", "paired change", "paired change counts"));
		if (c.held && !c.suppressed)
			note = arena_printf(a, "%s%s%s", note, *note ? " " : "", held_words(a, &c));
		size_t n = 0;
		if (*note) {
			notes[nnotes] = note;
			noted[nnotes] = row->text;
			n = ++nnotes;
		}
		govuk_table_row_begin(w);
		H_RAW(w, "<th scope=\"row\" class=\"govuk-table__header\">");
		html_text(w, row->text);
		H_RAW(w, "</th>");
		if (c.suppressed) {
			H_RAW(w, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">Not shown");
			marker(w, a, n);
			H_RAW(w, "</td>");
		} else
			numeric(w, survey_decimal(a, c.change, true));
		H_RAW(w, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">");
		html_text(w, arena_thousands(a, (long long)c.pairs));
		if (n && (row->left_out || (c.held && !c.suppressed)))
			marker(w, a, n);
		H_RAW(w, "</td>");
		if (c.suppressed)
			H_RAW(w, "<td class=\"govuk-table__cell\" colspan=\"3\"></td>");
		else {
			numeric(w, arena_thousands(a, (long long)c.up));
			numeric(w, arena_thousands(a, (long long)c.same));
			numeric(w, arena_thousands(a, (long long)c.down));
		}
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
	H_RAW(w, "</div>\n");
	if (!nnotes)
		return;
	H_RAW(w, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
		 "<h3 class=\"govuk-heading-s\">Notes</h3>\n<ol class=\"govuk-list govuk-list--number govuk-body-s\">\n");
	for (size_t i = 0; i < nnotes; i++) {
		H_RAW(w, "<li");
		H_ATTR(w, "id", arena_printf(a, "paired-note-%zu", i + 1));
		H_RAW(w, "><strong>");
		html_text(w, noted[i]);
		H_RAW(w, ":</strong> ");
		html_text(w, notes[i]);
		H_RAW(w, "</li>\n");
	}
	H_RAW(w, "</ol>\n</div></div>\n");
}

static void surveys_of_year(struct html *w, struct arena *a, const struct survey_paired *p)
{
	H_RAW(w, "<h2 class=\"govuk-heading-m\">Results of each survey</h2>\n");
	if (!p->ntemplates) {
		H_RAW(w, "<p class=\"govuk-body\">There are no surveys this year yet.</p>\n");
		return;
	}
	H_RAW(w, "<ul class=\"govuk-list\">\n");
	for (size_t i = 0; i < p->ntemplates; i++) {
		const struct survey_template *t = &p->templates[i];
		H_RAW(w, "<li><a class=\"govuk-link\"");
		H_ATTR(w, "href", arena_printf(a, "%s%s", surveys_href(a, t->id, "results"), survey_group_query(a, &p->g, true)));
		H_RAW(w, ">");
		html_text(w, arena_printf(a, "Results: %s", t->title));
		H_RAW(w, "</a> | <a class=\"govuk-link\"");
		H_ATTR(w, "href", arena_printf(a, "%s%s", surveys_href(a, t->id, "completion"), survey_group_query(a, &p->g, true)));
		H_RAW(w, ">Completion<span class=\"govuk-visually-hidden\"> of the ");
		html_text(w, t->title);
		H_RAW(w, "</span></a> <span class=\"govuk-hint govuk-body-s govuk-!-display-block\">");
		html_text(w, survey_results_caption(a, t));
		H_RAW(w, "</span></li>\n");
	}
	H_RAW(w, "</ul>\n");
}

enum err surveys_paired(struct req *rq, struct resp *rs)
{
	struct survey_paired p;
	bool done;
	enum err e = survey_paired_page_load(rq, rs, &p, "surveys_paired_read", &done);
	if (e || done)
		return e;
	struct arena *a = rq->arena;
	char year[8], before[8], after[8];
	acyear_code(p.year, year);
	acyear_code(p.year - 1, before);
	acyear_code(p.year + 1, after);
	const char *q = survey_group_query(a, &p.g, false);
	struct html w = resp_html(rs);
	const struct crumb crumbs[] = {{"Home", "/"}};
	page_begin(&w, &(struct page){.title = arena_printf(a, "Survey results and paired change %s", year),
				      .heading = "Survey results and paired change", .caption = year, .crumbs = crumbs,
				      .ncrumbs = 1, .banner = session_banner(rq), .full_width = true,
				      .errors = survey_filter_errors(a, &p.g), .nerrors = p.g.nbad});
	H_RAW(&w, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (p.g.nbad) { /* filters not understood (a 400): the form again, nothing read */
		survey_filter_form(&w, a, "/surveys/paired", p.year, &p.g, &p.reader);
		H_RAW(&w, "</div></div>\n");
		page_end(&w);
		return ERR_OK;
	}
	H_RAW(&w, "<p class=\"govuk-body\">Paired change follows the same people through the year: how their answers "
		  "to agreement questions moved from the autumn survey to the summer survey.</p>\n");
	govuk_details_begin(&w, "How paired change is counted", false);
	H_RAW(&w, "<p class=\"govuk-body\">A pair is one person who completed both the autumn survey (the baseline) "
		  "and the summer survey of the same activity. The change is on the scale of 1 (strongly disagree) to 5 "
		  "(strongly agree): a mean change of +0.50 is half a step towards agreeing. Paired change is counted "
		  "once both surveys have closed. "
		  "It shows the change only, never the answers before or after, and uses no names.</p>\n"
		  "<p class=\"govuk-body\">To keep answers anonymous:</p>\n"
		  "<ul class=\"govuk-list govuk-list--bullet\">\n"
		  "<li>fewer than 5 pairs are not shown</li>\n"
		  "<li>where 1 to 4 people in an activity answered a question in only one of the two surveys, that "
		  "activity's pairs are not counted, as comparing the change with each survey's results would tell those "
		  "people's answers</li>\n"
		  "<li>pairs from a small activity, or from an activity counted together with a small one, are not "
		  "counted in a narrower group where comparing it with wider results would tell them</li>\n"
		  "</ul>\n"
		  "<p class=\"govuk-body\">The notes below the table say, for each question, how many pairs are not "
		  "counted and why.</p>\n");
	govuk_details_end(&w);
	H_RAW(&w, "<nav class=\"govuk-body\" aria-label=\"Other years\"><a class=\"govuk-link\"");
	H_ATTR(&w, "href", arena_printf(a, "/surveys/paired?year=%d%s", p.year - 1, q));
	H_RAW(&w, ">");
	html_text(&w, arena_printf(a, "%s", before));
	H_RAW(&w, "</a> | <a class=\"govuk-link\"");
	H_ATTR(&w, "href", arena_printf(a, "/surveys/paired?year=%d%s", p.year + 1, q));
	H_RAW(&w, ">");
	html_text(&w, arena_printf(a, "%s", after));
	H_RAW(&w, "</a></nav>\n");
	survey_filter_form(&w, a, "/surveys/paired", p.year, &p.g, &p.reader);
	H_RAW(&w, "<h2 class=\"govuk-heading-m\">Paired change</h2>\n");
	govuk_summary_begin(&w);
	govuk_summary_row(&w, "Who it covers", survey_group_words(a, &p.g));
	govuk_summary_row(&w, "People who completed both surveys", arena_thousands(a, p.people));
	govuk_summary_end(&w);
	H_RAW(&w, "</div></div>\n");
	if (!p.nrows)
		H_RAW(&w, "<p class=\"govuk-body\">No agreement question is asked in both the autumn and the summer survey "
			  "this year (a question is paired by its key).</p>\n");
	else {
		H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
		H_ATTR(&w, "href", arena_printf(a, "/surveys/paired.csv?year=%d%s", p.year, q));
		H_RAW(&w, " download>Download as CSV</a> | <a class=\"govuk-link\"");
		H_ATTR(&w, "href", arena_printf(a, "/surveys/paired.xlsx?year=%d%s", p.year, q));
		H_RAW(&w, " download>Download as Excel (XLSX)</a></p>\n");
		change_table(&w, a, &p);
	}
	H_RAW(&w, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	surveys_of_year(&w, a, &p);
	H_RAW(&w, "</div></div>\n");
	page_end(&w);
	return ERR_OK;
}
