/*
 * paired.c - the paired change of a year (/surveys/paired?year=): for
 * every person who completed both the autumn and the summer survey of the
 * same activity, the change on each agreement-scale question asked in
 * both, summed in SQL per question and summarised by survey_change_of
 * (rules.h): pairs, mean change, how many moved up, stayed and moved
 * down; fewer than 5 pairs, or 1 to 4 people in the same activities who
 * answered in only one of the two surveys, only the number of pairs and
 * why. Never a mean before or after: each survey's results less them
 * would tell what the people in only one survey answered. The page also
 * lists the year's surveys, each linking to its results and its
 * completion.
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

/* Beside a change shown: the pairs held back from it (c->held), and why
 * (the page's opening paragraph says why that matters). */
static const char *held_words(struct arena *a, const struct survey_change *c)
{
	return arena_printf(a, "%zu more not counted here (in their activities %zu %s only one of the two surveys)",
			    c->held, c->single, c->single == 1 ? "person answered" : "people answered");
}

static void change_table(struct html *w, struct arena *a, const struct survey_paired *p)
{
	/* one heading names the table and its box (no caption: a caption is as
	 * wide as the table, cut off on a phone where the table scrolls); the
	 * table scrolls in its own named box when a phone is narrower than it,
	 * in GOV.UK's smaller text there (.mh-figures, assets/app.scss) */
	H_RAW(w, "<h2 class=\"govuk-heading-m\" id=\"change-heading\">Change from autumn to summer</h2>\n"
		 "<div class=\"mh-figures\">\n");
	govuk_table_begin_named(w, "change-heading");
	govuk_table_head_begin(w);
	govuk_table_head(w, "Question", false);
	govuk_table_head(w, "Pairs", true);
	govuk_table_head(w, "Mean change", true);
	govuk_table_head(w, "Moved up", true);
	govuk_table_head(w, "Stayed", true);
	govuk_table_head(w, "Moved down", true);
	govuk_table_head_end(w);
	for (size_t i = 0; i < p->nrows; i++) {
		const struct survey_paired_row *row = &p->rows[i];
		struct survey_change c = survey_change_of(&row->sums);
		govuk_table_row_begin(w);
		H_RAW(w, "<th scope=\"row\" class=\"govuk-table__header\">");
		html_text(w, row->text);
		H_RAW(w, "<span class=\"govuk-body-s govuk-hint govuk-!-display-block govuk-!-margin-0\">");
		html_text(w, arena_printf(a, "Key: %s", row->key));
		H_RAW(w, "</span></th>");
		H_RAW(w, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">");
		html_text(w, arena_thousands(a, (long long)c.pairs));
		if (row->left_out) {
			H_RAW(w, "<span class=\"govuk-body-s govuk-hint govuk-!-display-block govuk-!-margin-0\">");
			html_text(w, arena_printf(a, "%lld not counted here, to protect a small group (wider results count them)",
						  (long long)row->left_out));
			H_RAW(w, "</span>");
		}
		if (c.held) {
			H_RAW(w, "<span class=\"govuk-body-s govuk-hint govuk-!-display-block govuk-!-margin-0\">");
			html_text(w, held_words(a, &c));
			H_RAW(w, "</span>");
		}
		H_RAW(w, "</td>");
		if (c.suppressed) {
			H_RAW(w, "<td class=\"govuk-table__cell\" colspan=\"4\">");
			html_text(w, survey_change_not_shown(a, &c));
			H_RAW(w, "</td>");
		} else {
			numeric(w, survey_decimal(a, c.change, true));
			numeric(w, arena_thousands(a, (long long)c.up));
			numeric(w, arena_thousands(a, (long long)c.same));
			numeric(w, arena_thousands(a, (long long)c.down));
		}
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
	H_RAW(w, "</div>\n");
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
		H_RAW(w, "</span></a> <span class=\"govuk-hint govuk-body-s\">");
		html_text(w, arena_printf(a, "(%s)", surveys_caption(a, t)));
		H_RAW(w, "</span></li>\n");
	}
	H_RAW(w, "</ul>\n");
}

enum err surveys_paired(struct req *rq, struct resp *rs)
{
	struct survey_paired p;
	bool done;
	enum err e = survey_paired_load(rq, rs, &p, "surveys_paired_read", &done);
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
				      .ncrumbs = 1, .banner = session_banner(rq), .full_width = true});
	H_RAW(&w, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	H_RAW(&w, "<p class=\"govuk-body\">Paired change follows the same people through the year: for everyone who "
		  "completed both the autumn survey (the baseline) and the summer survey of the same activity, how their "
		  "answer to each agreement question moved, from 1 (strongly disagree) to 5 (strongly agree). It is counted "
		  "once both surveys have closed. It shows the change only, never the answers before or after. To keep "
		  "answers anonymous, fewer than 5 pairs are not shown; the pairs of activities where 1 to 4 people "
		  "answered a question in only one of the two surveys are not counted, as comparing the change with each "
		  "survey's results would tell those people's answers; and pairs from a small activity, or from an activity "
		  "that either survey's results count together with a small one, are left out of a narrower group where "
		  "comparing with wider results would tell them. No names are used.</p>\n");
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
	surveys_of_year(&w, a, &p);
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
	page_end(&w);
	return ERR_OK;
}
