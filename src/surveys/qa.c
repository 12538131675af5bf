/*
 * qa.c - the answers to a survey's internal sections (quality assurance),
 * /surveys/{id}/quality-assurance, for the national team only (results.h,
 * survey_internal_load): the people who answer are told the national team
 * reads them, and no one else does. The same group, small-group rule and
 * blocks as the results page, and its rendering (survey_results_summary,
 * survey_results_questions); never part of the reported results, which
 * never read an internal key. Its CSV is in results_export.c.
 */
#include "auth/session.h"
#include "core/arena.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "surveys/pages.h"
#include "surveys/results.h"

enum err surveys_quality_assurance(struct req *rq, struct resp *rs)
{
	struct survey_results r;
	bool done;
	enum err e = survey_internal_load(rq, rs, &r, "surveys_quality_assurance_read", SURVEY_TEXTS_SHOWN, &done);
	if (e || done)
		return e;
	struct arena *a = rq->arena;
	const char *here = surveys_href(a, r.id, "quality-assurance");
	const char *q = survey_group_query(a, &r.g, true);
	const char *title = arena_printf(a, "Quality assurance: %s", r.t.title);
	struct html w = resp_html(rs);
	struct crumb crumbs[3];
	size_t ncrumbs = survey_crumbs(rq, &r.t, crumbs);
	page_begin(&w, &(struct page){.title = title, .crumbs = crumbs, .ncrumbs = ncrumbs,
				      .caption = survey_results_caption(a, &r.t), .heading = title, .banner = session_banner(rq)});
	govuk_warning_text(&w, "Internal: for the national team only. These answers are never part of the survey's "
			       "reported results: do not share them outside the national team or put them in a report.");
	H_RAW(&w, "<p class=\"govuk-body\">People answering the survey are told that the national team reads these "
		  "sections to check the quality of the programme.</p>\n");
	govuk_details_begin(&w, "How these answers are counted", false);
	H_RAW(&w, "<p class=\"govuk-body\">As the results are: only completed surveys, without names, once the survey "
		  "has closed. A question fewer than 5 people answered shows no breakdown, and neither does a group in "
		  "which fewer than 5 completed. A small activity's answers are left out of a narrower group where "
		  "comparing it with a wider one would tell them.</p>\n");
	govuk_details_end(&w);
	survey_filter_form_as(&w, a, here, 0, &r.g, &r.reader, "Narrow the answers", "Show answers");
	survey_results_summary(&w, a, &r);
	H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
	H_ATTR(&w, "href", arena_printf(a, "%s%s", surveys_href(a, r.id, "results"), q));
	H_RAW(&w, ">The survey's reported results</a></p>\n");
	if (!r.released) {
		H_RAW(&w, "<div class=\"govuk-inset-text\"><p class=\"govuk-body\">Answers are shown once the survey has "
			  "closed, as its results are.</p></div>\n");
		page_end(&w);
		return ERR_OK;
	}
	if (!r.nq) {
		H_RAW(&w, "<p class=\"govuk-body\">The survey has no internal sections: everything it asks is in its "
			  "results.</p>\n");
		page_end(&w);
		return ERR_OK;
	}
	survey_results_too_few(&w, a, &r);
	H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
	H_ATTR(&w, "href", arena_printf(a, "%s.csv%s", here, q));
	H_RAW(&w, " download>Download as CSV</a></p>\n");
	survey_results_questions(&w, a, &r);
	page_end(&w);
	return ERR_OK;
}
