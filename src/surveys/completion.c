/*
 * completion.c - a survey's completion rolled up (completion.h):
 * /surveys/{id}/completion for the reader's group, and its CSV and XLSX.
 * The group's total against the 100 % target, then a table by NCP, by
 * lead hub and (narrowed to a hub, an NCP or an LLME's own) by activity,
 * each lowest rate first so that what most needs chasing is at the top;
 * an NCP's and a hub's row opens its narrower view, an activity's its
 * page, where those who run it see who has not completed and remind them.
 * Counts only: never a name, never an answer.
 */
#include <string.h>

#include "activities/pages.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/percent.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "http/sheet.h"
#include "surveys/chart.h"
#include "surveys/completion.h"
#include "surveys/pages.h"

/* The words of a row with no NCP or no lead hub. */
#define NO_NCP "Local activities (no NCP)"
#define NO_HUB "National cohorts (no lead hub)"

/* The rate against the 100% target, rounded down (core/percent.h): "<1%"
 * rather than "under 1%" in a download's cell (brief). */
static const char *rate_words(struct arena *a, int64_t completed, int64_t invited, bool brief)
{
	return percent_progress_text(a, completed, invited, brief, "No one invited");
}

/* The group's query with one more filter: "?ncp=NCP24-06&hub=SW4". */
static const char *narrower(struct arena *a, const struct survey_rollup *r, const char *ncp, const char *hub)
{
	struct survey_group g = r->g;
	if (ncp) {
		g.ncp_code = ncp;
		g.project_id = 1; /* survey_group_query writes an NCP resolved: any id */
	}
	if (hub)
		g.hub_code = hub;
	return arena_printf(a, "%s%s", surveys_href(a, r->id, "completion"), survey_group_query(a, &g, true));
}

/* The rate next to the name, with completed of invited in the same cell
 * (three columns fit a 320 px phone: assets/app.scss .mh-figures); then how
 * many are still to complete. */
static void table_begin(struct html *w, const char *caption, const char *first)
{
	govuk_table_begin(w, caption, false, NULL, 0);
	govuk_table_head_begin(w);
	govuk_table_head(w, first, false);
	govuk_table_head(w, "Completed", true);
	govuk_table_head(w, "Not yet", true);
	govuk_table_head_end(w);
}

static void numbers(struct html *w, struct arena *a, const struct survey_rollup_row *x)
{
	H_RAW(w, "<td class=\"govuk-table__cell govuk-table__cell--numeric\"><strong>");
	html_text(w, rate_words(a, x->completed, x->invited, false));
	H_RAW(w, "</strong>");
	if (x->invited) {
		H_RAW(w, " <span class=\"mh-figures__of\">");
		html_text(w, arena_thousands(a, x->completed));
		H_RAW(w, "\xc2\xa0of\xc2\xa0"); /* no-break spaces (UTF-8): on one line */
		html_text(w, arena_thousands(a, x->invited));
		H_RAW(w, "</span>");
	}
	H_RAW(w, "</td>");
	govuk_table_cell_number(w, x->invited - x->completed);
}

static void row_head(struct html *w, const char *text, const char *href, const char *hint)
{
	H_RAW(w, "<th scope=\"row\" class=\"govuk-table__header\">");
	if (href) {
		H_RAW(w, "<a class=\"govuk-link\"");
		H_ATTR(w, "href", href);
		H_RAW(w, ">");
		html_text(w, text);
		H_RAW(w, "</a>");
	} else
		html_text(w, text);
	if (hint && *hint) {
		H_RAW(w, "<br><span class=\"govuk-body-s govuk-hint\">");
		html_text(w, hint);
		H_RAW(w, "</span>");
	}
	H_RAW(w, "</th>");
}

static void by_ncp(struct html *w, struct arena *a, const struct survey_rollup *r)
{
	table_begin(w, "By NCP", "NCP");
	for (size_t i = 0; i < r->nncps; i++) {
		const struct survey_rollup_row *x = &r->ncps[i];
		govuk_table_row_begin(w);
		if (x->code)
			row_head(w, arena_printf(a, "%s %s", x->code, x->name ? x->name : ""), narrower(a, r, x->code, NULL),
				 NULL);
		else
			row_head(w, NO_NCP, NULL, NULL);
		numbers(w, a, x);
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
}

static void by_hub(struct html *w, struct arena *a, const struct survey_rollup *r)
{
	table_begin(w, "By lead hub", "Lead hub");
	for (size_t i = 0; i < r->nhubs; i++) {
		const struct survey_rollup_row *x = &r->hubs[i];
		govuk_table_row_begin(w);
		if (x->code)
			row_head(w, arena_printf(a, "%s (%s)", x->name ? x->name : "", x->code), narrower(a, r, NULL, x->code),
				 NULL);
		else
			row_head(w, NO_HUB, NULL, NULL);
		numbers(w, a, x);
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
}

static void by_activity(struct html *w, struct req *rq, const struct survey_rollup *r)
{
	struct arena *a = rq->arena;
	table_begin(w, "By activity", "Activity");
	for (size_t i = 0; i < r->nactivities; i++) {
		const struct survey_rollup_row *x = &r->activities[i];
		/* the lead hub and NCP, where the view does not fix them */
		const char *hub = r->g.hub_id ? NULL : x->hub_code, *ncp = r->g.project_id ? NULL : x->ncp_code;
		const char *hint = arena_printf(a, "%s%s%s", hub ? hub : "", hub && ncp ? ", " : "", ncp ? ncp : "");
		govuk_table_row_begin(w);
		row_head(w, x->name ? x->name : arena_printf(a, "Activity %lld", (long long)x->id),
			 activities_href(rq, x->id, "#surveys"), hint);
		numbers(w, a, x);
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
}

enum err surveys_completion(struct req *rq, struct resp *rs)
{
	struct survey_rollup r;
	bool done;
	enum err e = survey_completion_page_load(rq, rs, &r, "surveys_completion_read", &done);
	if (e || done)
		return e;
	struct arena *a = rq->arena;
	const char *here = surveys_href(a, r.id, "completion");
	const char *q = survey_group_query(a, &r.g, true);
	struct html w = resp_html(rs);
	struct crumb crumbs[3];
	size_t ncrumbs = survey_crumbs(rq, &r.t, crumbs);
	page_begin(&w, &(struct page){.title = arena_printf(a, "Completion: %s", r.t.title), .crumbs = crumbs,
				      .ncrumbs = ncrumbs, .caption = survey_results_caption(a, &r.t),
				      .heading = arena_printf(a, "Completion: %s", r.t.title),
				      .banner = session_banner(rq), .full_width = true,
				      .errors = survey_filter_errors(a, &r.g), .nerrors = r.g.nbad});
	H_RAW(&w, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (r.g.nbad) { /* filters not understood (a 400): the form again, nothing read */
		survey_filter_form_as(&w, a, here, 0, &r.g, &r.reader, "Narrow the completion", "Show completion");
		H_RAW(&w, "</div></div>\n");
		page_end(&w);
		return ERR_OK;
	}
	H_RAW(&w, "<p class=\"govuk-body\">A survey is <strong>completed</strong> when the person has sent their "
		  "answers with their own link; answers saved part-way are not yet completed. The target is 100% of "
		  "those invited. A participant who has left the activity is not counted, unless they completed the "
		  "survey before leaving.</p>\n"
		  "<p class=\"govuk-body\">Only numbers are shown here, never names or answers. To see who has not "
		  "completed and send reminders, open the activity.</p>\n");
	survey_filter_form_as(&w, a, here, 0, &r.g, &r.reader, "Narrow the completion", "Show completion");
	govuk_summary_begin(&w);
	govuk_summary_row(&w, "Who it covers", survey_group_words(a, &r.g));
	govuk_summary_row(&w, "Invited", arena_thousands(a, r.invited));
	govuk_summary_row(&w, "Completed", arena_thousands(a, r.completed));
	govuk_summary_row(&w, "Not completed yet", arena_thousands(a, r.invited - r.completed));
	govuk_summary_row(&w, "Completion rate",
			  r.invited ? arena_printf(a, "%s (the target is 100%%)", rate_words(a, r.completed, r.invited, false))
				    : "No one invited yet");
	govuk_summary_end(&w);
	H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
	H_ATTR(&w, "href", arena_printf(a, "%s.csv%s", here, q));
	H_RAW(&w, " download>Download as CSV</a> | <a class=\"govuk-link\"");
	H_ATTR(&w, "href", arena_printf(a, "%s.xlsx%s", here, q));
	H_RAW(&w, " download>Download as Excel (XLSX)</a> | <a class=\"govuk-link\"");
	H_ATTR(&w, "href", arena_printf(a, "%s%s", surveys_href(a, r.id, "results"), q));
	H_RAW(&w, ">Results of the answers</a></p>\n");
	if (!r.invited) {
		H_RAW(&w, "<p class=\"govuk-body\">No survey links have been sent in this group yet: an activity is counted "
			  "here once its links are sent, from its page.</p>\n</div></div>\n");
		page_end(&w);
		return ERR_OK;
	}
	H_RAW(&w, "<p class=\"govuk-body\">Each table lists the lowest completion rate first, so what most needs "
		  "chasing is at the top. An activity is counted once its survey links are sent.</p>\n</div></div>\n");
	H_RAW(&w, "<div class=\"mh-figures\">\n"); /* smaller on a phone (assets/app.scss) */
	if (r.by_ncp)
		by_ncp(&w, a, &r);
	if (r.by_hub)
		by_hub(&w, a, &r);
	if (r.by_activity)
		by_activity(&w, rq, &r);
	H_RAW(&w, "</div>\n");
	page_end(&w);
	return ERR_OK;
}

/* ---- the downloads ---- */

static const char *const HEADS[] = {"Level",     "NCP",       "Lead hub", "Activity number", "Name",
				    "Invited",   "Completed", "Not yet",  "Completion rate"};
#define COLS 9
static const enum sheet_col KINDS[COLS] = {[3] = SHEET_INT, [5] = SHEET_INT, [6] = SHEET_INT, [7] = SHEET_INT,
					   [8] = SHEET_PERCENT};
#define NUM(n) arena_printf(a, "%lld", (long long)(n))

static void sheet_row(struct arena *a, struct sheet *s, const char *level, const char *ncp, const char *hub,
		      const char *number, const char *name, int64_t invited, int64_t completed)
{
	const char *row[COLS] = {level,       ncp,
				 hub,         number,
				 name,        NUM(invited),
				 NUM(completed), NUM(invited - completed),
				 rate_words(a, completed, invited, true)};
	sheet_add(a, s, row);
}

static enum err completion_export(struct req *rq, struct resp *rs, bool xlsx)
{
	struct survey_rollup r;
	bool done;
	enum err e = survey_completion_load(rq, rs, &r, "surveys_completion_export_read", &done);
	if (e || done)
		return e;
	struct arena *a = rq->arena;
	struct sheet s = {.heads = HEADS, .cols = KINDS, .ncols = COLS};
	const struct survey_group *g = &r.g;
	sheet_row(a, &s, "Total", g->project_id ? g->ncp_code : "", g->hub_code, g->activity_id ? NUM(g->activity_id) : "",
		  survey_group_words(a, g), r.invited, r.completed);
	for (size_t i = 0; r.by_ncp && i < r.nncps; i++) {
		const struct survey_rollup_row *x = &r.ncps[i];
		sheet_row(a, &s, "NCP", x->code, g->hub_code, "", x->code ? x->name : NO_NCP, x->invited, x->completed);
	}
	for (size_t i = 0; r.by_hub && i < r.nhubs; i++) {
		const struct survey_rollup_row *x = &r.hubs[i];
		sheet_row(a, &s, "Lead hub", g->project_id ? g->ncp_code : "", x->code, "", x->code ? x->name : NO_HUB,
			  x->invited, x->completed);
	}
	for (size_t i = 0; r.by_activity && i < r.nactivities; i++) {
		const struct survey_rollup_row *x = &r.activities[i];
		sheet_row(a, &s, "Activity", x->ncp_code, x->hub_code, NUM(x->id), x->name, x->invited, x->completed);
	}
	return resp_sheet(rq, rs, xlsx,
			   arena_printf(a, "survey-completion-%s-%s%s", survey_kind_key(r.t.kind), sheet_year(a, r.t.year),
					survey_group_file(a, g)),
			   "Survey completion", &s);
}

enum err surveys_completion_csv(struct req *rq, struct resp *rs)
{
	return completion_export(rq, rs, false);
}

enum err surveys_completion_xlsx(struct req *rq, struct resp *rs)
{
	return completion_export(rq, rs, true);
}
