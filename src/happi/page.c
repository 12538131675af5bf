/*
 * page.c - an activity's HAPPI form, read (/activities/{id}/happi): where
 * it is in its year (status, who saved it last, what comes next), the
 * steps the reader may take, and the form itself: planning, progress
 * (with what the registers say), impact. One read transaction.
 */
#include <string.h>

#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/workdays.h"
#include "db/db.h"
#include "happi/list_queries.h"
#include "happi/pages.h"
#include "happi/remind_queries.h"
#include "happi/view.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "surveys/results.h"

/* The form, the year's due dates and its last reminder. */
struct form_page {
	struct happi_view v;
	struct happi_due due;
	int64_t reminded_at;
	const char *reminded;
	struct survey_link surveys[2];
};

/* The year's participant surveys, when the reader may see this activity's
 * results (the impact part links to them). */
static enum err surveys_read(struct db *db, struct form_page *p)
{
	const struct happi_view *v = &p->v;
	struct survey_reader rd = survey_reader_of(v->rq->session);
	bool leads = false;
	for (size_t i = 0; i < v->a.nleads; i++)
		leads |= v->rq->session && v->a.leads[i].person_id == v->rq->session->person_id;
	if (!survey_reader_covers(&rd, v->a.project_id, v->a.lead_hub_id, leads))
		return ERR_OK;
	p->v.surveys = p->surveys;
	return survey_templates_applying(db, v->rq->arena, v->a.project_id, v->year, p->surveys, &p->v.nsurveys);
}

static enum err happi_read(struct db *db, void *ctx)
{
	struct form_page *p = ctx;
	enum err e = happi_view_load(db, &p->v);
	if (!e)
		e = happi_due_read(db, p->v.rq->arena, p->v.year, &p->due);
	if (!e)
		e = surveys_read(db, p);
	return e ? e : happi_remind_last(db, p->v.rq->arena, p->v.id, p->v.year, &p->reminded_at, &p->reminded);
}

/* "Planning by Friday 16 October 2026, final form by Friday 16 July 2027",
 * with what is late, once the national team has set them. */
static void due_row(struct html *w, const struct form_page *p)
{
	struct arena *a = p->v.rq->arena;
	if (!p->due.planning)
		return;
	char today[11];
	london_from_unix(clock_now(), today, NULL);
	const char *late = happi_overdue(p->v.f.exists, p->v.f.status, today, p->due.planning, p->due.final);
	govuk_summary_row_begin(w, "Due");
	html_text(w, arena_printf(a, "Planning by %s", day_words(a, p->due.planning)));
	H_RAW(w, "<br>");
	html_text(w, arena_printf(a, "Final form by %s", day_words(a, p->due.final)));
	if (late) {
		H_RAW(w, "<br>");
		govuk_tag(w, late, "red");
	}
	govuk_summary_row_end(w);
	if (p->reminded_at && (p->v.can.write || p->v.can.review)) {
		char day[11];
		london_from_unix(p->reminded_at, day, NULL);
		govuk_summary_row(w, "Last reminder", arena_printf(a, "%s: %s (at most one a week)", day_words(a, day),
								   happi_reminder_words(p->reminded)));
	}
}

/* What the reader may do next, as buttons and links. */
static void steps(struct html *w, const struct happi_view *v)
{
	struct arena *a = v->rq->arena;
	const struct session *s = v->rq->session;
	struct happi_actor me = {.writer = v->can.write, .reviewer = v->can.review,
				 .submitted_it = v->f.submitted_by == s->person_id};
	enum happi_status to;
	const char *version = arena_printf(a, "%lld", (long long)v->f.version);
	H_RAW(w, "<div class=\"govuk-button-group\">\n");
	static const struct {
		enum happi_part part;
		const char *text;
	} parts[] = {{HAPPI_PLANNING, "Write the planning"}, {HAPPI_PROGRESS, "Add a progress update"},
		     {HAPPI_IMPACT, "Write the impact"}};
	size_t shown = 0;
	for (size_t i = 0; v->can.write && i < sizeof(parts) / sizeof(parts[0]); i++)
		if (happi_part_open(v->f.status, parts[i].part) && ++shown)
			govuk_button(w, &(struct govuk_button){
						.text = parts[i].text,
						.href = happi_href(v, arena_printf(a, "/%s", happi_part_key(parts[i].part))),
						.variant = i > 0 ? "secondary" : NULL});
	static const struct {
		enum happi_action action;
		const char *text;
	} moves[] = {{HAPPI_SUBMIT_PLANNING, "Submit the planning"}, {HAPPI_AGREE, "Agree the planning"},
		     {HAPPI_SUBMIT_FINAL, "Submit the final form"}, {HAPPI_REVIEW, "Mark as reviewed"}};
	for (size_t i = 0; v->f.exists && i < sizeof(moves) / sizeof(moves[0]); i++)
		if (!happi_step(v->f.status, moves[i].action, &me, false, &to) && ++shown)
			govuk_button_form(w, s->csrf, happi_href(v, arena_printf(a, "/%s", happi_action_path(moves[i].action))),
					  "version", version, moves[i].text);
	if (v->f.exists && !happi_step(v->f.status, HAPPI_RETURN, &me, true, &to) && ++shown) {
		H_RAW(w, "<a class=\"govuk-link\"");
		H_ATTR(w, "href", happi_href(v, "/return"));
		H_RAW(w, ">Return it with comments</a>\n");
	}
	H_RAW(w, "</div>\n");
	/* nothing to do: say who has the next move */
	bool waiting = v->f.status == HAPPI_PLANNING_SUBMITTED || v->f.status == HAPPI_FINAL_SUBMITTED;
	if (!shown && v->f.exists && waiting && v->can.write)
		H_RAW(w, "<p class=\"govuk-body\">It is with the MHLM link, to agree or review it, or return it with "
			 "comments. You will see their decision here.</p>\n");
	else if (!shown && v->f.exists && v->f.status == HAPPI_REVIEWED)
		H_RAW(w, "<p class=\"govuk-body\">This year's form is complete.</p>\n");
}

enum err happi_page(struct req *rq, struct resp *rs)
{
	struct form_page p = {.v = {.rq = rq, .id = req_param_id(rq, "id")}};
	if (!p.v.id)
		return happi_not_found(rs);
	enum err e = db_transact_named(rq->db, DB_READ, "happi_read", happi_read, &p);
	if (e == ERR_NOT_FOUND)
		return happi_not_found(rs);
	if (e)
		return e;
	const struct happi_view *v = &p.v;
	struct arena *a = rq->arena;
	struct html w = resp_html(rs);
	happi_page_begin(&w, v, "HAPPI form", NULL, 0);
	char year[8];
	acyear_code(v->year, year);
	H_RAW(&w, "<h2 class=\"govuk-heading-l\">");
	html_text(&w, arena_printf(a, "HAPPI form, %s", year));
	H_RAW(&w, "</h2>\n<p class=\"govuk-body\">The Hub Activity Plan, Progress and Impact: planned with the MHLM "
		  "link at the start, updated during the year, and its impact reported at the end.</p>\n");
	govuk_summary_begin(&w);
	govuk_summary_row_begin(&w, "Status");
	govuk_tag(&w, v->f.exists ? happi_status_name(v->f.status) : "Not started", happi_status_colour(v->f.status));
	govuk_summary_row_end(&w);
	if (v->f.exists)
		govuk_summary_row(&w, "Last saved",
				  arena_printf(a, "%s by %s (version %lld)", london_when(a, v->f.updated_at), v->f.updated_by,
					       (long long)v->f.version));
	govuk_summary_row(&w, "MHLM link", v->a.mhlm_link_name ? v->a.mhlm_link_name : "None assigned yet");
	due_row(&w, &p);
	govuk_summary_end(&w);
	steps(&w, v);
	if (v->can.qa) {
		H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
		H_ATTR(&w, "href", happi_href(v, "/qa"));
		H_RAW(&w, ">Quality assurance notes</a> (internal: not shown to its LLMEs)</p>\n");
	}
	if (v->f.exists && v->f.version > 1) {
		H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
		H_ATTR(&w, "href", happi_href(v, "/versions"));
		H_RAW(&w, ">");
		html_text(&w, arena_printf(a, "Every version (%lld), and what changed", (long long)v->f.version));
		H_RAW(&w, "</a></p>\n");
	}
	H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
	H_ATTR(&w, "href", happi_href(v, "/print"));
	H_RAW(&w, ">A print-friendly page of the whole form</a> (for reporting: without the quality assurance "
		  "notes)</p>\n");
	happi_parts_render(&w, v);
	page_end(&w);
	return ERR_OK;
}
