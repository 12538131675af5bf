/*
 * template.c - one survey template: its overview (/surveys/{id}: status,
 * every section and question, with the links that change them to those
 * who may) and its preview (/surveys/{id}/preview: each section as the
 * form a participant answers).
 */
#include <string.h>

#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "db/db.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "surveys/pages.h"
#include "surveys/results.h"

struct one {
	struct req *rq;
	int64_t id;
	struct survey_template t;
	struct survey_content c;
};

static enum err one_read(struct db *db, void *ctx)
{
	struct one *o = ctx;
	enum err e = survey_template_read(db, o->rq->arena, o->id, &o->t);
	if (e)
		return e;
	return survey_content_parse(o->rq->arena, o->t.content, &o->c) ? ERR_OK : ERR_DB;
}

/* Reads template {id} in one named read transaction; an answer (404, 403)
 * in *done when there is none to show. */
static enum err one_load(struct req *rq, struct resp *rs, struct one *o, const char *name, bool *done)
{
	*o = (struct one){.rq = rq, .id = req_param_id(rq, "id")};
	*done = true;
	enum err e = o->id ? db_transact_named(rq->db, DB_READ, name, one_read, o) : ERR_NOT_FOUND;
	if (e == ERR_NOT_FOUND)
		return resp_error_page(rs, 404, "Survey not found", "There is no survey template with that number.",
				       "/surveys", "Survey templates");
	if (e)
		return e;
	if (!surveys_may_read(rq, &o->t))
		return resp_error_page(rs, 403, "You cannot see this survey",
				       "An NCP's Project Lead keeps their own NCP's surveys.", "/surveys",
				       "Survey templates");
	*done = false;
	return ERR_OK;
}

static void link_with_hidden(struct html *w, const char *href, const char *text, const char *hidden)
{
	H_RAW(w, "<a class=\"govuk-link\"");
	H_ATTR(w, "href", href);
	H_RAW(w, ">");
	html_text(w, text);
	H_RAW(w, "<span class=\"govuk-visually-hidden\"> ");
	html_text(w, hidden);
	H_RAW(w, "</span></a>");
}

static void question_row(struct html *w, struct arena *a, const struct one *o, const struct survey_question *q,
			 bool change, bool structure)
{
	H_RAW(w, "<p class=\"govuk-body-s govuk-!-margin-bottom-1\">");
	long lo, hi;
	const char *type = q->type == SQ_NUMBER && survey_number_range(q, &lo, &hi)
				   ? arena_printf(a, "%s from %s", survey_qtype_name(q->type), survey_range_words(a, q))
				   : survey_qtype_name(q->type);
	html_text(w, arena_printf(a, "%s, %s. Key: %s", type, q->required ? "must be answered" : "optional", q->key));
	H_RAW(w, "</p>\n");
	if (q->hint) {
		H_RAW(w, "<p class=\"govuk-body-s govuk-hint govuk-!-margin-bottom-1\">Hint: ");
		html_text(w, q->hint);
		H_RAW(w, "</p>\n");
	}
	if (q->noptions) {
		H_RAW(w, "<ul class=\"govuk-list govuk-list--bullet govuk-!-font-size-16 govuk-!-margin-bottom-0\">");
		for (size_t k = 0; k < q->noptions; k++) {
			H_RAW(w, "<li>");
			html_text(w, q->options[k]);
			H_RAW(w, "</li>");
		}
		H_RAW(w, "</ul>\n");
	}
	H_RAW(w, "</dd>\n");
	if (change) {
		const char *hidden = arena_printf(a, "question %s", q->key);
		H_RAW(w, "<dd class=\"govuk-summary-list__actions\"><ul class=\"govuk-summary-list__actions-list\">"
			 "<li class=\"govuk-summary-list__actions-list-item\">");
		link_with_hidden(w, surveys_href(a, o->id, arena_printf(a, "questions/%s", q->key)), "Change", hidden);
		H_RAW(w, "</li>");
		if (structure) {
			H_RAW(w, "<li class=\"govuk-summary-list__actions-list-item\">");
			link_with_hidden(w, surveys_href(a, o->id, arena_printf(a, "questions/%s/remove", q->key)), "Remove",
					 hidden);
			H_RAW(w, "</li>");
		}
		H_RAW(w, "</ul></dd>\n");
	}
	H_RAW(w, "</div>\n");
}

static void section_block(struct html *w, const struct one *o, size_t i, bool change, bool structure)
{
	struct arena *a = o->rq->arena;
	const struct survey_section *s = &o->c.sections[i];
	H_RAW(w, "<h2 class=\"govuk-heading-m\">");
	html_text(w, arena_printf(a, "%zu. %s", i + 1, s->title));
	if (s->internal) {
		H_RAW(w, " ");
		govuk_tag(w, "Internal: not reported", "orange");
	}
	H_RAW(w, "</h2>\n");
	if (change) {
		H_RAW(w, "<p class=\"govuk-body-s\">");
		const char *hidden = arena_printf(a, "section %s", s->title);
		link_with_hidden(w, surveys_href(a, o->id, arena_printf(a, "sections/%s", s->key)), "Change", hidden);
		if (structure) {
			H_RAW(w, " | ");
			link_with_hidden(w, surveys_href(a, o->id, arena_printf(a, "sections/%s/remove", s->key)), "Remove",
					 hidden);
		}
		H_RAW(w, "</p>\n");
	}
	if (!s->nquestions)
		H_RAW(w, "<p class=\"govuk-body\">No questions yet.</p>\n");
	else {
		/* the row's value holds paragraphs: the row is written here, not by govuk_summary_row */
		H_RAW(w, "<dl class=\"govuk-summary-list\">\n");
		for (size_t j = 0; j < s->nquestions; j++) {
			H_RAW(w, "<div class=\"govuk-summary-list__row");
			if (!change)
				H_RAW(w, " govuk-summary-list__row--no-actions");
			H_RAW(w, "\"><dt class=\"govuk-summary-list__key\">");
			html_text(w, s->questions[j].text);
			H_RAW(w, "</dt><dd class=\"govuk-summary-list__value\">");
			question_row(w, a, o, &s->questions[j], change, structure);
		}
		H_RAW(w, "</dl>\n");
	}
	if (structure) {
		/* one per section: the section named for screen readers */
		H_RAW(w, "<a role=\"button\" draggable=\"false\" class=\"govuk-button govuk-button--secondary\" "
			 "data-module=\"govuk-button\"");
		H_ATTR(w, "href", surveys_href(a, o->id, arena_printf(a, "sections/%s/questions/new", s->key)));
		H_RAW(w, ">Add a question<span class=\"govuk-visually-hidden\"> to ");
		html_text(w, s->title);
		H_RAW(w, "</span></a>\n");
	}
}

enum err surveys_template(struct req *rq, struct resp *rs)
{
	struct one o;
	bool done;
	enum err e = one_load(rq, rs, &o, "surveys_template_read", &done);
	if (e || done)
		return e;
	struct arena *a = rq->arena;
	bool change = surveys_may_change(rq, &o.t) && o.t.status != SURVEY_CLOSED;
	bool structure = change && o.t.status == SURVEY_DRAFT;
	char year[8];
	acyear_code(o.t.year, year);
	struct html w = resp_html(rs);
	const struct crumb crumbs[] = {{"Home", "/"}, {"Survey templates", arena_printf(a, "/surveys?year=%d", o.t.year)}};
	page_begin(&w, &(struct page){.title = o.t.title, .crumbs = crumbs, .ncrumbs = 2,
				      .caption = surveys_caption(a, &o.t), .banner = session_banner(rq)});
	govuk_summary_begin(&w);
	govuk_summary_row(&w, "Survey", survey_kind_name(o.t.kind));
	govuk_summary_row(&w, "For", o.t.project_code ? arena_printf(a, "%s %s", o.t.project_code, o.t.project_title)
						     : arena_printf(a, "Every NCP of %s without its own", year));
	govuk_summary_row_begin(&w, "Status");
	govuk_tag(&w, survey_status_name(o.t.status), survey_status_colour(o.t.status));
	govuk_summary_row_end(&w);
	govuk_summary_row(&w, "Questions", arena_printf(a, "%zu in %zu section%s", survey_question_count(&o.c),
							 o.c.nsections, o.c.nsections == 1 ? "" : "s"));
	if (o.t.updated_by)
		govuk_summary_row(&w, "Last changed by", o.t.updated_by);
	govuk_summary_end(&w);
	if (o.t.status == SURVEY_OPEN && change)
		H_RAW(&w, "<p class=\"govuk-body\">The survey is open: its questions' keys and types are fixed, and nothing "
			  "can be added or removed. You can still correct the wording.</p>\n");
	else if (o.t.status == SURVEY_CLOSED)
		H_RAW(&w, "<p class=\"govuk-body\">The survey is closed: it can no longer be changed.</p>\n");
	H_RAW(&w, "<div class=\"govuk-button-group\">");
	govuk_button(&w, &(struct govuk_button){.text = "Preview", .variant = "secondary",
						.href = surveys_href(a, o.id, "preview")});
	if (survey_reader_of(rq->session).reach != REACH_NONE) {
		govuk_button(&w, &(struct govuk_button){.text = "Results", .variant = "secondary",
							.href = surveys_href(a, o.id, "results")});
		govuk_button(&w, &(struct govuk_button){.text = "Completion", .variant = "secondary",
							.href = surveys_href(a, o.id, "completion")});
	}
	/* the internal sections' answers: the national team reads them, as those answering are told */
	if (survey_reader_of(rq->session).reach == REACH_NATIONAL && survey_has_internal(&o.c))
		govuk_button(&w, &(struct govuk_button){.text = "Quality assurance answers", .variant = "secondary",
							.href = surveys_href(a, o.id, "quality-assurance")});
	if (structure)
		govuk_button(&w, &(struct govuk_button){.text = "Open the survey", .href = surveys_href(a, o.id, "open")});
	if (change && o.t.status == SURVEY_OPEN)
		govuk_button(&w, &(struct govuk_button){.text = "Close the survey", .variant = "warning",
							.href = surveys_href(a, o.id, "close")});
	H_RAW(&w, "</div>\n");
	for (size_t i = 0; i < o.c.nsections; i++)
		section_block(&w, &o, i, change, structure);
	if (!o.c.nsections)
		H_RAW(&w, "<p class=\"govuk-body\">No sections yet. Each section is one page of the survey.</p>\n");
	if (structure) {
		H_RAW(&w, "<hr class=\"govuk-section-break govuk-section-break--l govuk-section-break--visible\">\n");
		govuk_button(&w, &(struct govuk_button){.text = "Add a section", .href = surveys_href(a, o.id, "sections/new")});
	}
	page_end(&w);
	return ERR_OK;
}

enum err surveys_preview(struct req *rq, struct resp *rs)
{
	struct one o;
	bool done;
	enum err e = one_load(rq, rs, &o, "surveys_preview_read", &done);
	if (e || done)
		return e;
	struct arena *a = rq->arena;
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = arena_printf(a, "Preview: %s", o.t.title), .heading = o.t.title,
				      .back_href = surveys_href(a, o.id, NULL), .caption = "Preview"});
	H_RAW(&w, "<div class=\"govuk-inset-text\">This is how people see the survey, one page for each section. "
		  "Nothing typed here is saved.</div>\n");
	if (!o.c.nsections)
		H_RAW(&w, "<p class=\"govuk-body\">The survey has no sections yet.</p>\n");
	for (size_t i = 0; i < o.c.nsections; i++) {
		const struct survey_section *s = &o.c.sections[i];
		H_RAW(&w, "<section class=\"govuk-!-margin-bottom-9\"");
		H_ATTR(&w, "aria-labelledby", arena_printf(a, "page-%zu", i + 1));
		H_RAW(&w, "><span class=\"govuk-caption-m\">");
		html_text(&w, arena_printf(a, "Page %zu of %zu", i + 1, o.c.nsections));
		H_RAW(&w, "</span><h2 class=\"govuk-heading-l\"");
		H_ATTR(&w, "id", arena_printf(a, "page-%zu", i + 1));
		H_RAW(&w, ">");
		html_text(&w, s->title);
		H_RAW(&w, "</h2>\n");
		if (s->internal)
			govuk_warning_text(&w, "Internal: not reported. The national team reads these answers for quality "
					       "assurance only; they are never in reported results.");
		if (!s->nquestions) {
			H_RAW(&w, "<p class=\"govuk-body\">No questions yet.</p>\n</section>\n");
			continue;
		}
		struct form f = survey_section_form(a, &o.c, i);
		struct form_data d;
		form_empty(&f, a, &d);
		/* each section's fields are named by their keys, unique in the survey: one page shows them all */
		form_fields(&w, &d);
		H_RAW(&w, "</section>\n");
	}
	page_end(&w);
	return ERR_OK;
}
