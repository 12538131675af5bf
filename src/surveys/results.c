/*
 * results.c - a survey template's results (/surveys/{id}/results), for
 * the group the filters and the reader give (results.h): completion at
 * the top, then each reported section's questions: choices and the agree
 * scale as charts with their tables (survey_chart, which keeps the
 * small-group rule), numbers as answered and mean (never a lowest or a
 * highest: those are one person's answers), free
 * text as a count and (for those who may read them) the texts, in the
 * order of their words and never with a name.
 */
#include <string.h>

#include "auth/perm.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/percent.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "surveys/chart.h"
#include "surveys/pages.h"
#include "surveys/results.h"

/* Every question's answers are of completed surveys, so fewer than five
 * completed is fewer than five answered: one rule covers both. */
static void suppressed_note(struct html *w, struct arena *a, const struct survey_qresult *x)
{
	if (x->left_out && (!x->answered || survey_suppressed(x->answered + x->left_out)))
		return; /* left_out_note has said why */
	H_RAW(w, "<p class=\"govuk-body-s govuk-hint\">");
	html_text(w, survey_too_few_words(a, x->answered));
	H_RAW(w, "</p>\n");
}

/* Answers in the group not shown: their block reaches beyond it
 * (rules.h), and shown they would tell a small group's answers by
 * difference with wider results; or the group's own answers are too few. */
static void left_out_note(struct html *w, struct arena *a, const struct survey_results *r, const struct survey_qresult *x)
{
	const char *left = survey_left_out_words(a, x->answered, x->left_out, survey_wider_of(&r->reader, &r->g));
	if (!left)
		return;
	H_RAW(w, "<p class=\"govuk-body-s govuk-hint\">");
	html_text(w, left);
	H_RAW(w, "</p>\n");
}

static void heading(struct html *w, struct arena *a, const char *id, const char *text)
{
	H_RAW(w, "<h3 class=\"govuk-heading-s\"");
	H_ATTR(w, "id", arena_printf(a, "%s-caption", id));
	H_RAW(w, ">");
	html_text(w, text);
	H_RAW(w, "</h3>\n");
}

static void chart_of(struct html *w, struct arena *a, const struct survey_results *r, const struct survey_qresult *x,
		     const char *id)
{
	const struct survey_question *q = x->q;
	size_t n = q->type == SQ_AGREE5 ? 5 : q->noptions;
	struct survey_bar *bars = arena_alloc(a, (n + 1) * sizeof(*bars));
	for (size_t i = 0; i < n; i++) {
		bars[i] = (struct survey_bar){.label = survey_option_words(q, (int64_t)i + 1)};
		for (size_t k = 0; k < x->ncounts; k++)
			if (x->counts[k].num == (int64_t)i + 1)
				bars[i].n = x->counts[k].n;
	}
	survey_chart(w, a, &(struct survey_chart){.id = id, .caption = q->text, .bars = bars, .n = n, .answered = x->answered,
						  .left_out = x->left_out, .several = q->type == SQ_MULTIPLE,
						  .wider = survey_wider_of(&r->reader, &r->g)});
}

static void number_of(struct html *w, struct arena *a, const struct survey_results *r, const struct survey_qresult *x,
		      const char *id)
{
	heading(w, a, id, x->q->text);
	left_out_note(w, a, r, x);
	if (!survey_qresult_shown(r, x)) {
		suppressed_note(w, a, x);
		return;
	}
	govuk_summary_begin(w);
	govuk_summary_row(w, "Answered", arena_thousands(a, x->answered));
	govuk_summary_row(w, "Mean", survey_mean_text(a, x->sum, x->answered));
	govuk_summary_end(w);
}

static void text_of(struct html *w, struct arena *a, const struct survey_results *r, const struct survey_qresult *x,
		    const char *id)
{
	heading(w, a, id, x->q->text);
	left_out_note(w, a, r, x);
	if (!survey_qresult_shown(r, x)) {
		suppressed_note(w, a, x);
		return;
	}
	H_RAW(w, "<p class=\"govuk-body\">");
	html_text(w, arena_printf(a, "%s people answered.", arena_thousands(a, x->answered)));
	if (!r->reader.free_text) {
		H_RAW(w, " The answers themselves are read by the activities' LLMEs and hub leadership.</p>\n");
		return;
	}
	H_RAW(w, "</p>\n");
	size_t shown = x->ntexts < SURVEY_TEXTS_SHOWN ? x->ntexts : SURVEY_TEXTS_SHOWN;
	govuk_details_begin(w, arena_printf(a, "Read the answers (%s)", arena_thousands(a, x->texts_all)), false);
	if ((int64_t)shown < x->texts_all)
		H_RAW(w, "<p class=\"govuk-body\">The first 200, in alphabetical order: the CSV download has them all.</p>\n");
	H_RAW(w, "<ul class=\"govuk-list govuk-list--bullet mh-answers\">\n");
	for (size_t i = 0; i < shown; i++) {
		H_RAW(w, "<li>");
		html_text(w, x->texts[i]);
		H_RAW(w, "</li>\n");
	}
	H_RAW(w, "</ul>\n");
	govuk_details_end(w);
}

void survey_results_summary(struct html *w, struct arena *a, const struct survey_results *r)
{
	govuk_summary_begin(w);
	govuk_summary_row(w, "Who it covers", survey_group_words(a, &r->g));
	govuk_summary_row(w, "Invited", arena_thousands(a, r->invited));
	govuk_summary_row(w, "Completed", arena_thousands(a, r->completed));
	govuk_summary_row(w, "Completion rate",
			  r->invited ? arena_printf(a, "%s (the target is 100%%)",
					      percent_progress_text(a, r->completed, r->invited, false, ""))
				     : "No one invited yet");
	govuk_summary_end(w);
}

enum err surveys_results(struct req *rq, struct resp *rs)
{
	struct survey_results r;
	bool done;
	enum err e = survey_results_page_load(rq, rs, &r, "surveys_results_read", SURVEY_TEXTS_SHOWN, &done);
	if (e || done)
		return e;
	struct arena *a = rq->arena;
	const struct session *s = rq->session;
	const char *here = surveys_href(a, r.id, "results");
	const char *q = survey_group_query(a, &r.g, true);
	struct html w = resp_html(rs);
	struct crumb crumbs[3];
	size_t ncrumbs = survey_crumbs(rq, &r.t, crumbs);
	page_begin(&w, &(struct page){.title = arena_printf(a, "Results: %s", r.t.title), .crumbs = crumbs,
				      .ncrumbs = ncrumbs, .caption = survey_results_caption(a, &r.t),
				      .heading = arena_printf(a, "Results: %s", r.t.title),
				      .banner = s ? session_banner(rq) : NULL, .errors = survey_filter_errors(a, &r.g),
				      .nerrors = r.g.nbad});
	if (r.g.nbad) { /* filters not understood (a 400): the form again, nothing read */
		survey_filter_form(&w, a, here, 0, &r.g, &r.reader);
		page_end(&w);
		return ERR_OK;
	}
	H_RAW(&w, "<p class=\"govuk-body\">Only completed surveys are counted, without names, once the survey has "
		  "closed.</p>\n");
	govuk_details_begin(&w, "How results are counted", false);
	H_RAW(&w, "<p class=\"govuk-body\">A question fewer than 5 people answered shows no breakdown, and neither "
		  "does a group in which fewer than 5 completed.</p>\n"
		  "<p class=\"govuk-body\">A small activity's answers are counted together with other activities, "
		  "usually of the same hub, so that no group of fewer than 5 can be told apart. Where comparing a "
		  "narrower group's results with wider ones would tell such a group's answers, they are not counted "
		  "in the narrower group: each question says how many.</p>\n"
		  "<p class=\"govuk-body\">Internal (quality assurance) sections are never reported.</p>\n");
	govuk_details_end(&w);
	survey_filter_form(&w, a, here, 0, &r.g, &r.reader);
	survey_results_summary(&w, a, &r);
	H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
	H_ATTR(&w, "href", arena_printf(a, "%s%s", surveys_href(a, r.id, "completion"), q));
	H_RAW(&w, ">Completion by NCP, hub and activity</a></p>\n");
	if (!r.released) {
		if (r.t.status == SURVEY_DRAFT) /* only those who keep it see a draft's page */
			H_RAW(&w, "<div class=\"govuk-inset-text\"><p class=\"govuk-body\">This survey has not been opened "
				  "yet, so no one has answered it. Its answers are shown here once it has been open and has "
				  "closed.</p>");
		else
			H_RAW(&w, "<div class=\"govuk-inset-text\"><p class=\"govuk-body\">Answers are shown once the "
				  "survey has closed. While it is open, results that change as each person finishes would "
				  "tell, beside the list of who has not yet answered, what each person said.</p>");
		if (r.t.status == SURVEY_OPEN && surveys_may_read(rq, &r.t)) {
			H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
			H_ATTR(&w, "href", surveys_href(a, r.id, "close"));
			H_RAW(&w, ">Close the survey</a> when its answering time is over.</p>");
		}
		H_RAW(&w, "</div>\n");
		page_end(&w);
		return ERR_OK;
	}
	survey_results_too_few(&w, a, &r);
	H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
	H_ATTR(&w, "href", arena_printf(a, "%s.csv%s", here, q));
	H_RAW(&w, " download>Download as CSV</a> | <a class=\"govuk-link\"");
	H_ATTR(&w, "href", arena_printf(a, "%s.xlsx%s", here, q));
	H_RAW(&w, " download>Download as Excel (XLSX)</a> | <a class=\"govuk-link\"");
	H_ATTR(&w, "href", arena_printf(a, "/surveys/paired?year=%d%s", r.t.year, survey_group_query(a, &r.g, false)));
	H_RAW(&w, ">Paired change between the autumn and summer surveys</a></p>\n");
	/* the internal sections' answers: the national team's own page, never these results */
	if (r.reader.reach == REACH_NATIONAL && survey_has_internal(&r.c)) {
		H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
		H_ATTR(&w, "href", arena_printf(a, "%s%s", surveys_href(a, r.id, "quality-assurance"), q));
		H_RAW(&w, ">Answers to the internal sections (quality assurance): the national team only</a></p>\n");
	}
	survey_results_questions(&w, a, &r);
	if (!r.nq)
		H_RAW(&w, "<p class=\"govuk-body\">The survey has no reported questions.</p>\n");
	page_end(&w);
	return ERR_OK;
}

void survey_results_too_few(struct html *w, struct arena *a, const struct survey_results *r)
{
	if (survey_suppressed(r->completed))
		govuk_warning_text(w, arena_printf(a, "%s completed the survey in this group: fewer than %d, so no answers "
						      "are broken down, to keep them anonymous.",
						   r->completed == 1 ? "1 person"
								     : arena_printf(a, "%lld people", (long long)r->completed),
						   SURVEY_MIN_GROUP));
}

void survey_results_questions(struct html *w, struct arena *a, const struct survey_results *r)
{
	const char *section = NULL;
	for (size_t i = 0; i < r->nq; i++) {
		const struct survey_qresult *x = &r->q[i];
		if (!section || strcmp(section, x->section)) {
			section = x->section;
			H_RAW(w, "<h2 class=\"govuk-heading-m govuk-!-margin-top-8\">");
			html_text(w, section);
			H_RAW(w, "</h2>\n");
		}
		const char *id = arena_printf(a, "q-%s", x->q->key);
		H_RAW(w, "<div class=\"govuk-!-margin-bottom-8\">\n");
		if (x->q->type == SQ_NUMBER)
			number_of(w, a, r, x, id);
		else if (x->q->type == SQ_TEXT)
			text_of(w, a, r, x, id);
		else
			chart_of(w, a, r, x, id);
		H_RAW(w, "</div>\n");
	}
}
