/*
 * lens.c - a year's impact judgements through the handbook's two lenses
 * (lens.h): a row per lens, the first with its two kinds under it; a
 * column per judgement, and the share met or exceeded of those judged
 * (leaving out "too early to say").
 */
#include "happi/lens.h"

#include "core/arena.h"
#include "core/percent.h"
#include "html/govuk.h"
#include "html/html.h"

static void row(struct html *w, struct arena *a, const char *head, const int64_t n[HAPPI_JUDGEMENTS])
{
	int64_t judged = 0;
	for (int k = 0; k < HAPPI_JUDGEMENTS; k++)
		judged += n[k];
	govuk_table_row_begin(w);
	H_RAW(w, "<th scope=\"row\" class=\"govuk-table__header\">");
	html_text(w, head);
	H_RAW(w, "</th>");
	govuk_table_cell_number(w, judged);
	for (int k = 0; k < HAPPI_JUDGEMENTS; k++)
		govuk_table_cell_number(w, n[k]);
	/* the order of happi_judgements: not met, partly met, met, exceeded, too early */
	int64_t known = judged - n[4], good = n[2] + n[3];
	govuk_table_cell(w, percent_text(a, good, known, "–"));
	govuk_table_row_end(w);
}

void happi_lens_section(struct html *w, struct arena *a, const struct happi_lens_counts *c)
{
	H_RAW(w, "<h2 class=\"govuk-heading-m\">Impact, through the handbook's two lenses</h2>\n");
	if (!c->forms) {
		H_RAW(w, "<p class=\"govuk-body\">No final form has been submitted this year yet.</p>\n");
		return;
	}
	H_RAW(w, "<p class=\"govuk-body\">");
	html_text(w, arena_printf(a, "How far each outcome was met, as its LLMEs judged it, in the %lld %s submitted at the "
				     "end of the year (final form submitted or reviewed).",
				  (long long)c->forms, c->forms == 1 ? "form" : "forms"));
	H_RAW(w, "</p>\n");
	const char *heads[HAPPI_JUDGEMENTS + 3] = {"Outcomes", "Judged"};
	for (int k = 0; k < HAPPI_JUDGEMENTS; k++)
		heads[k + 2] = happi_judgements[k].text;
	heads[HAPPI_JUDGEMENTS + 2] = "Met or exceeded";
	govuk_table_begin(w, "Impact judgements by lens", true, heads, HAPPI_JUDGEMENTS + 3);
	int64_t lens1[HAPPI_JUDGEMENTS];
	for (int k = 0; k < HAPPI_JUDGEMENTS; k++)
		lens1[k] = c->n[HAPPI_PUPILS][k] + c->n[HAPPI_SCHOOLS][k];
	row(w, a, "Lens 1: mathematics, for pupils, schools and departments", lens1);
	row(w, a, "of which for pupils", c->n[HAPPI_PUPILS]);
	row(w, a, "of which for schools or departments", c->n[HAPPI_SCHOOLS]);
	row(w, a, "Lens 2: professional learning and practice", c->n[HAPPI_PRACTICE]);
	govuk_table_end(w);
	H_RAW(w, "<p class=\"govuk-body-s\">Met or exceeded: of the outcomes judged, leaving out those too early to "
		 "say.</p>\n");
}
