/*
 * sections.c - a survey template's sections: added, changed (title, and
 * whether it is internal), removed with their questions (form_pages). Each
 * section is one page of the answer form.
 */
#include <string.h>

#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "html/form.h"
#include "html/html.h"
#include "http/request.h"
#include "surveys/pages.h"

enum { F_TITLE, F_INTERNAL, F_COUNT };
static const struct govuk_option internal_options[] = {
	{"yes", "Internal: quality assurance questions, never in reported results"},
};
static const struct form_field section_fields[F_COUNT] = {
	[F_TITLE] = {"title", FORM_TEXT, "Section title", .required = true, .max_chars = SURVEY_TITLE_MAX,
		     .hint = "The heading of its page, for example: About the Work Group", .missing = "Enter a section title"},
	[F_INTERNAL] = {"internal", FORM_CHOICES, "Reporting", .options = internal_options, .noptions = 1,
			.hint = "Its answers are read by the national team for quality assurance only, never "
				"reported or exported for reports"},
};

static void section_prepare(struct form_page *fp)
{
	struct survey_edit *ed = fp->ctx;
	struct arena *a = fp->rq->arena;
	bool adding = ed->section < 0;
	/* an open survey's section titles may be corrected; nothing added */
	if (!surveys_edit_prepare(fp, !adding))
		return;
	fp->title = adding ? "Add a section" : "Change a section";
	fp->action = adding ? surveys_href(a, ed->id, "sections/new")
			    : surveys_href(a, ed->id, arena_printf(a, "sections/%s", ed->section_key));
	fp->button = adding ? "Add section" : "Save";
	if (ed->t.status == SURVEY_OPEN) {
		/* whether it is reported stays as it was when answers began */
		struct form_field *f = arena_alloc(a, sizeof(section_fields));
		memcpy(f, section_fields, sizeof(section_fields));
		f[F_INTERNAL].off = true;
		fp->form = (struct form){f, F_COUNT};
	}
}

static void section_prefill(struct form_page *fp)
{
	struct survey_edit *ed = fp->ctx;
	if (ed->section < 0)
		return;
	const struct survey_section *s = &ed->c.sections[ed->section];
	form_set(&fp->d, F_TITLE, s->title);
	if (s->internal)
		form_set(&fp->d, F_INTERNAL, "yes");
}

static void section_intro(struct html *w, struct form_page *fp)
{
	(void)fp;
	H_RAW(w, "<p class=\"govuk-body\">Each section is one page of the survey: people can save their answers at the "
		 "end of each page and finish later.</p>\n");
}

static enum err section_write(struct db *db, struct form_page *fp)
{
	struct survey_edit *ed = fp->ctx;
	struct arena *a = fp->rq->arena;
	const char *title = fp->d.values[F_TITLE].text;
	bool internal = form_chosen(&fp->d, F_INTERNAL, "yes");
	if (ed->section < 0) {
		if (ed->c.nsections >= SURVEY_SECTIONS_MAX) {
			form_fail(&fp->d, F_TITLE, "A survey can have at most 30 sections");
			return ERR_OK;
		}
		struct survey_section s = {.key = survey_section_key(a, &ed->c, title), .title = title, .internal = internal};
		survey_section_add(a, &ed->c, &s);
		enum err e = surveys_edit_save(db, ed);
	if (e || (e = audit(db, fp->rq, fp->rq->session->person_id, "survey_section_added", surveys_subject(a, ed->id),
			    arena_printf(a, "section %s: %s%s", s.key, title, internal ? " (internal)" : ""))))
		return e;
	return session_flash(fp->rq, "Section added");
	}
	struct survey_section *copy = arena_alloc(a, (ed->c.nsections + 1) * sizeof(*copy));
	memcpy(copy, ed->c.sections, ed->c.nsections * sizeof(*copy));
	ed->c.sections = copy;
	copy[ed->section].title = title;
	if (ed->t.status == SURVEY_DRAFT)
		copy[ed->section].internal = internal;
	enum err e = surveys_edit_save(db, ed);
	if (e || (e = audit(db, fp->rq, fp->rq->session->person_id, "survey_section_changed", surveys_subject(a, ed->id),
			    arena_printf(a, "section %s: %s%s", ed->section_key, title,
					      copy[ed->section].internal ? " (internal)" : ""))))
		return e;
	return session_flash(fp->rq, "Section changed");
}

static const struct form_page section_page = {
	.name = "surveys_section", .form = FORM(section_fields), .load = surveys_edit_load, .prepare = section_prepare,
	.prefill = section_prefill, .intro = section_intro, .write = section_write, .refuse = surveys_edit_refuse,
};

enum err surveys_section_new(struct req *rq, struct resp *rs)
{
	struct survey_edit ed;
	surveys_edit_of(rq, &ed, &section_page);
	return form_page_get(rs, &ed.fp);
}

enum err surveys_section_new_post(struct req *rq, struct resp *rs)
{
	struct survey_edit ed;
	surveys_edit_of(rq, &ed, &section_page);
	return form_page_post(rs, &ed.fp);
}

enum err surveys_section_edit(struct req *rq, struct resp *rs)
{
	struct survey_edit ed;
	surveys_edit_of(rq, &ed, &section_page);
	return form_page_get(rs, &ed.fp);
}

enum err surveys_section_edit_post(struct req *rq, struct resp *rs)
{
	struct survey_edit ed;
	surveys_edit_of(rq, &ed, &section_page);
	return form_page_post(rs, &ed.fp);
}

/* ---- removed ---- */

static void remove_prepare(struct form_page *fp)
{
	struct survey_edit *ed = fp->ctx;
	if (!surveys_edit_prepare(fp, false))
		return;
	fp->title = "Remove this section?";
	fp->button = "Remove section";
	fp->button_variant = "warning";
	fp->action = surveys_href(fp->rq->arena, ed->id, arena_printf(fp->rq->arena, "sections/%s/remove", ed->section_key));
}

static void remove_intro(struct html *w, struct form_page *fp)
{
	struct survey_edit *ed = fp->ctx;
	const struct survey_section *s = &ed->c.sections[ed->section];
	H_RAW(w, "<div class=\"govuk-inset-text\">");
	html_text(w, s->title);
	H_RAW(w, "</div>\n");
	if (s->nquestions) {
		H_RAW(w, "<p class=\"govuk-body\">");
		html_text(w, arena_printf(fp->rq->arena, "Its %zu question%s %s removed with it.", s->nquestions,
					  s->nquestions == 1 ? "" : "s", s->nquestions == 1 ? "is" : "are"));
		H_RAW(w, "</p>\n");
	}
}

static enum err remove_write(struct db *db, struct form_page *fp)
{
	struct survey_edit *ed = fp->ctx;
	struct arena *a = fp->rq->arena;
	const struct survey_section s = ed->c.sections[ed->section];
	survey_section_remove(a, &ed->c, (size_t)ed->section);
	enum err e = surveys_edit_save(db, ed);
	if (e || (e = audit(db, fp->rq, fp->rq->session->person_id, "survey_section_removed", surveys_subject(a, ed->id),
			    arena_printf(a, "section %s: %s, with %zu questions", s.key, s.title, s.nquestions))))
		return e;
	return session_flash(fp->rq, "Section removed");
}

static const struct form_page remove_page = {
	.name = "surveys_section_remove", .load = surveys_edit_load, .prepare = remove_prepare, .intro = remove_intro,
	.write = remove_write, .refuse = surveys_edit_refuse,
};

enum err surveys_section_remove(struct req *rq, struct resp *rs)
{
	struct survey_edit ed;
	surveys_edit_of(rq, &ed, &remove_page);
	return form_page_get(rs, &ed.fp);
}

enum err surveys_section_remove_post(struct req *rq, struct resp *rs)
{
	struct survey_edit ed;
	surveys_edit_of(rq, &ed, &remove_page);
	return form_page_post(rs, &ed.fp);
}
