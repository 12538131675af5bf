/*
 * parts_view.c - the form's three parts as a reader meets them (view.h):
 * planning (the schedule, each outcome as tailored with its national text
 * and kind, the methods, who agreed), progress (what the registers say,
 * then the dated entries, newest first) and impact (per outcome). The
 * form's page and its print page both show them; neither reads QA notes.
 */
#include "activities/rates.h"
#include "core/arena.h"
#include "core/workdays.h"
#include "happi/view.h"
#include "html/govuk.h"
#include "html/html.h"
#include "http/request.h"
#include "surveys/results.h"

/* Text kept as typed: its lines as lines. */
static void text_block(struct html *w, const char *s)
{
	if (!s || !*s) {
		H_RAW(w, "<p class=\"govuk-body govuk-hint\">Not written yet</p>\n");
		return;
	}
	H_RAW(w, "<p class=\"govuk-body mh-pre-line\">");
	html_text(w, s);
	H_RAW(w, "</p>\n");
}

static void planning(struct html *w, const struct happi_view *v)
{
	struct arena *a = v->rq->arena;
	const struct happi_content *c = &v->c;
	H_RAW(w, "<hr class=\"govuk-section-break govuk-section-break--l govuk-section-break--visible\">\n"
		 "<h2 class=\"govuk-heading-l\">Planning</h2>\n<h3 class=\"govuk-heading-m\">Schedule of intended "
		 "activity</h3>\n");
	text_block(w, c->schedule);
	H_RAW(w, "<h3 class=\"govuk-heading-m\">Outcomes in this activity</h3>\n");
	if (!c->noutcomes && v->ncp_code)
		H_RAW(w, "<p class=\"govuk-body\">Its NCP has no expected outcomes yet.</p>\n");
	else if (!c->noutcomes)
		H_RAW(w, "<p class=\"govuk-body\">This activity has no NCP, so it states outcomes of its own: none yet. "
			 "Its leads add them when they write the planning.</p>\n");
	for (size_t i = 0; i < c->noutcomes; i++) {
		const struct happi_outcome_entry *e = &c->outcomes[i];
		H_RAW(w, "<h4 class=\"govuk-heading-s\">");
		html_text(w, arena_printf(a, "%zu. %s", i + 1, happi_outcome_name(e->kind)));
		if (e->id < 0) { /* the activity's own: the outcome itself */
			H_RAW(w, "</h4>\n<p class=\"govuk-body govuk-hint\">This activity's own outcome</p>\n");
			text_block(w, e->local);
			continue;
		}
		H_RAW(w, "</h4>\n<div class=\"govuk-inset-text\">");
		html_text(w, e->national);
		H_RAW(w, "</div>\n");
		text_block(w, e->local);
	}
	govuk_summary_begin(w);
	const char *methods = happi_options_text(a, happi_methods, HAPPI_METHODS, c->methods, c->nmethods);
	if (c->methods_other)
		methods = arena_printf(a, "%s (%s)", methods, c->methods_other);
	govuk_summary_row(w, "Local data-collection methods", *methods ? methods : "Not chosen yet");
	const char *agreed = happi_options_text(a, happi_agreers, HAPPI_AGREERS, c->agreed, c->nagreed);
	govuk_summary_row(w, "Agreed with", *agreed ? agreed : "Not agreed yet");
	govuk_summary_end(w);
}

static void progress(struct html *w, const struct happi_view *v)
{
	struct arena *ar = v->rq->arena;
	const struct activity *a = &v->a;
	H_RAW(w, "<hr class=\"govuk-section-break govuk-section-break--l govuk-section-break--visible\">\n"
		 "<h2 class=\"govuk-heading-l\">Progress</h2>\n");
	struct mark_counts mc = {a->n_present, a->n_late, a->n_absent, a->n_apologies};
	struct rates r = rates_of(&mc);
	govuk_summary_begin(w);
	govuk_summary_row(w, "Sessions held",
			  a->planned_sessions ? arena_printf(ar, "%lld of %lld planned", (long long)a->n_sessions_held,
							     (long long)a->planned_sessions)
					      : arena_printf(ar, "%lld", (long long)a->n_sessions_held));
	govuk_summary_row(w, "Attendance rate", rates_text(ar, &r, false));
	govuk_summary_row(w, "Commitment rate", rates_text(ar, &r, true));
	govuk_summary_end(w);
	if (!v->c.nprogress)
		H_RAW(w, "<p class=\"govuk-body\">No progress updates yet: they are added once the planning is "
			 "agreed.</p>\n");
	for (size_t i = v->c.nprogress; i-- > 0;) {
		H_RAW(w, "<h3 class=\"govuk-heading-s\">");
		html_text(w, day_words(v->rq->arena, v->c.progress[i].day));
		H_RAW(w, "</h3>\n");
		text_block(w, v->c.progress[i].text);
	}
}

/* The participants' survey results for this activity, as evidence of
 * impact: only those the reader may see (page.c reads them). */
static void survey_links(struct html *w, const struct happi_view *v)
{
	struct arena *a = v->rq->arena;
	if (!v->nsurveys)
		return;
	H_RAW(w, "<h3 class=\"govuk-heading-s\">Survey results for this activity</h3>\n<ul class=\"govuk-list\">\n");
	for (size_t i = 0; i < v->nsurveys; i++) {
		H_RAW(w, "<li><a class=\"govuk-link\"");
		H_ATTR(w, "href", arena_printf(a, "/surveys/%lld/results?activity=%lld", (long long)v->surveys[i].id,
					       (long long)v->id));
		H_RAW(w, ">");
		html_text(w, arena_printf(a, "%s: %s", survey_kind_name(v->surveys[i].kind), v->surveys[i].title));
		H_RAW(w, "</a></li>\n");
	}
	H_RAW(w, "</ul>\n");
}

static void impact(struct html *w, const struct happi_view *v)
{
	struct arena *a = v->rq->arena;
	H_RAW(w, "<hr class=\"govuk-section-break govuk-section-break--l govuk-section-break--visible\">\n"
		 "<h2 class=\"govuk-heading-l\">Impact</h2>\n");
	survey_links(w, v);
	if (v->f.status < HAPPI_PLANNING_AGREED) {
		H_RAW(w, "<p class=\"govuk-body\">The impact on each outcome is written at the end of the year, once the "
			 "planning is agreed.</p>\n");
		return;
	}
	if (!v->c.noutcomes)
		H_RAW(w, "<p class=\"govuk-body\">No outcomes were planned.</p>\n");
	for (size_t i = 0; i < v->c.noutcomes; i++) {
		const struct happi_outcome_entry *e = &v->c.outcomes[i];
		H_RAW(w, "<h3 class=\"govuk-heading-m\">");
		html_text(w, arena_printf(a, "%zu. %s", i + 1, e->id < 0 ? e->local : e->national ? e->national : ""));
		H_RAW(w, "</h3>\n");
		govuk_summary_begin(w);
		govuk_summary_row(w, "Evidence", e->evidence ? e->evidence : "Not written yet");
		govuk_summary_row(w, "Judgement",
				  e->judgement ? happi_option_text(happi_judgements, HAPPI_JUDGEMENTS, e->judgement)
					       : "Not made yet");
		govuk_summary_row(w, "Analysis", e->analysis ? e->analysis : "Not written yet");
		govuk_summary_row(w, "Next steps", e->next_steps ? e->next_steps : "Not written yet");
		govuk_summary_end(w);
	}
}

void happi_parts_render(struct html *w, const struct happi_view *v)
{
	H_RAW(w, "<div class=\"mh-happi\">\n");
	planning(w, v);
	progress(w, v);
	impact(w, v);
	H_RAW(w, "</div>\n");
}
