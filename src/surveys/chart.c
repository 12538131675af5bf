/* chart.c - see chart.h. */
#include "surveys/chart.h"

#include <string.h>

#include "core/arena.h"
#include "core/percent.h"
#include "core/utf8.h"
#include "html/govuk.h"
#include "html/html.h"
#include "surveys/rules.h"

/* The layout, in CSS pixels: a row is the option's words above its bar.
 * The bars' widths are shares of the chart's width (it is as wide as the
 * page's column), the text stays at its size: on a phone the words are
 * as large as the page's own. */
enum {
	ROW = 48,      /* one option */
	BAR_TOP = 22,  /* the bar, below its words */
	BAR_HIGH = 18, /* its height */
	LABEL_MAX = 40 /* bytes of an option's words in the chart, so they fit a phone (the table has them all) */
};
#define BAR_SPAN 60.0 /* % of the width the longest bar (everyone) takes, leaving room for its numbers */

const char *survey_share(struct arena *a, int64_t n, int64_t answered)
{
	return percent_text(a, n, answered, "0%");
}

static void svg(struct html *w, struct arena *a, const struct survey_chart *c)
{
	H_RAW(w, "<svg class=\"mh-chart__bars\" xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" role=\"img\"");
	H_ATTR(w, "height", arena_printf(a, "%zu", c->n * ROW + 4));
	H_ATTR(w, "aria-labelledby", arena_printf(a, "%s-caption", c->id));
	H_ATTR(w, "aria-describedby", arena_printf(a, "%s-sum", c->id));
	H_RAW(w, ">\n");
	for (size_t i = 0; i < c->n; i++) {
		const struct survey_bar *b = &c->bars[i];
		double pc = c->answered > 0 ? (double)b->n * 100.0 / (double)c->answered : 0;
		if (pc > 100)
			pc = 100;
		double width = pc * BAR_SPAN / 100.0;
		size_t y = i * ROW;
		const char *label = b->label ? b->label : "";
		size_t keep = utf8_cut(label, LABEL_MAX);
		if (keep < strlen(label)) /* at a word's end when there is one */
			for (size_t k = keep; k > LABEL_MAX / 2; k--)
				if (label[k] == ' ') {
					keep = k;
					break;
				}
		H_RAW(w, "<text class=\"mh-chart__label\" x=\"0\"");
		H_ATTR(w, "y", arena_printf(a, "%zu", y + 16));
		H_RAW(w, ">");
		html_textn(w, label, keep);
		if (keep < strlen(label))
			H_RAW(w, "\xE2\x80\xA6"); /* ... */
		H_RAW(w, "</text><rect class=\"mh-chart__bar\" x=\"0\"");
		H_ATTR(w, "y", arena_printf(a, "%zu", y + BAR_TOP));
		H_ATTR(w, "width", arena_printf(a, "%.2f%%", b->n > 0 && width < 0.5 ? 0.5 : width));
		H_ATTR(w, "height", arena_printf(a, "%d", BAR_HIGH));
		H_RAW(w, "/><text class=\"mh-chart__value\"");
		H_ATTR(w, "x", arena_printf(a, "%.2f%%", width + 1.5));
		H_ATTR(w, "y", arena_printf(a, "%zu", y + BAR_TOP + 14));
		H_RAW(w, ">");
		html_text(w, arena_printf(a, "%s (%s)", arena_thousands(a, b->n), survey_share(a, b->n, c->answered)));
		H_RAW(w, "</text>\n");
	}
	H_RAW(w, "</svg>\n");
}

static void numeric(struct html *w, const char *text)
{
	H_RAW(w, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">");
	html_text(w, text);
	H_RAW(w, "</td>");
}

static void table(struct html *w, struct arena *a, const struct survey_chart *c)
{
	govuk_table_begin(w, arena_printf(a, "The numbers: %s", c->caption), true, NULL, 0);
	govuk_table_head_begin(w);
	govuk_table_head(w, "Answer", false);
	govuk_table_head(w, "People", true);
	govuk_table_head(w, "Share", true);
	govuk_table_head_end(w);
	for (size_t i = 0; i < c->n; i++) {
		govuk_table_row_begin(w);
		govuk_table_cell(w, c->bars[i].label ? c->bars[i].label : "");
		numeric(w, arena_thousands(a, c->bars[i].n));
		numeric(w, survey_share(a, c->bars[i].n, c->answered));
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
}

const char *survey_too_few_words(struct arena *a, int64_t n)
{
	return arena_printf(a, "%s: fewer than %d, so the answers are not shown, to keep them anonymous.",
			    n == 1 ? "1 person answered" : arena_printf(a, "%lld people answered", (long long)n),
			    SURVEY_MIN_GROUP);
}

const char *survey_left_out_words(struct arena *a, int64_t answered, int64_t n, enum survey_wider wider)
{
	if (n <= 0)
		return NULL;
	if (survey_suppressed(answered + n)) /* the group itself is the small one */
		return survey_too_few_words(a, answered + n);
	return survey_not_counted_words(a, n, wider, "answer", "results", "results count");
}

const char *survey_not_counted_words(struct arena *a, int64_t n, enum survey_wider wider, const char *noun,
				     const char *report, const char *counts)
{
	const char *count = n == 1 ? arena_printf(a, "1 %s is", noun) : arena_printf(a, "%lld %ss are", (long long)n, noun);
	const char *them = n == 1 ? "it" : "them";
	switch (wider) {
	case WIDER_HUB:
		return arena_printf(a, "%s not counted here: they are counted together with other activities of your hub, "
				       "so that no group of fewer than %d can be told apart. Your hub's leadership sees "
				       "%s in the hub's %s.",
				    count, SURVEY_MIN_GROUP, them, report);
	case WIDER_NATIONAL:
		return arena_printf(a, "%s not counted here: they are counted together with activities beyond these, so "
				       "that no group of fewer than %d can be told apart. The national team's %s %s.",
				    count, SURVEY_MIN_GROUP, counts, them);
	default:
		return arena_printf(a, "%s not counted here, to protect a group of fewer than %d elsewhere. Wider results "
				       "count %s.",
				    count, SURVEY_MIN_GROUP, them);
	}
}

void survey_chart(struct html *w, struct arena *a, const struct survey_chart *c)
{
	const char *left = survey_left_out_words(a, c->answered, c->left_out, c->wider);
	H_RAW(w, "<div class=\"mh-chart\">\n<h3 class=\"govuk-heading-s\"");
	H_ATTR(w, "id", arena_printf(a, "%s-caption", c->id));
	H_RAW(w, ">");
	html_text(w, c->caption);
	H_RAW(w, "</h3>\n<p class=\"govuk-body-s govuk-hint\"");
	H_ATTR(w, "id", arena_printf(a, "%s-sum", c->id));
	H_RAW(w, ">");
	if (survey_suppressed(c->answered)) {
		/* with answers left out: the group's own count too few (left says
		 * so), or none shown here (left says why), or a few shown and the
		 * rest left out (both) */
		bool both = left && c->answered && !survey_suppressed(c->answered + c->left_out);
		if (!left || both)
			html_text(w, survey_too_few_words(a, c->answered));
		if (both)
			H_RAW(w, " ");
		if (left)
			html_text(w, left);
		H_RAW(w, "</p>\n</div>\n");
		return;
	}
	html_text(w, arena_printf(a, "%s people answered; %sthe numbers are in the table below the chart.",
				  arena_thousands(a, c->answered),
				  c->several ? "each could choose more than one answer, so the shares add up to more than "
					       "100%; "
					     : ""));
	H_RAW(w, "</p>\n");
	svg(w, a, c);
	table(w, a, c);
	if (left) {
		H_RAW(w, "<p class=\"govuk-body-s govuk-hint\">");
		html_text(w, left);
		H_RAW(w, "</p>\n");
	}
	H_RAW(w, "</div>\n");
}
