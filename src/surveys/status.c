/*
 * status.c - a survey template opened (from a draft: its keys and types
 * are then fixed) and closed (then read-only): a page each that says what
 * follows, and its button (form_pages).
 */
#include <string.h>

#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "html/govuk.h"
#include "html/html.h"
#include "http/request.h"
#include "surveys/invite_queries.h"
#include "surveys/pages.h"
#include "surveys/results.h"

static void open_prepare(struct form_page *fp)
{
	struct survey_edit *ed = fp->ctx;
	struct arena *a = fp->rq->arena;
	if (!surveys_edit_prepare(fp, false))
		return;
	fp->title = "Open this survey?";
	fp->button = "Open the survey";
	fp->action = surveys_href(a, ed->id, "open");
	size_t empty = 0;
	for (size_t i = 0; i < ed->c.nsections; i++)
		empty += !ed->c.sections[i].nquestions;
	if (!survey_question_count(&ed->c) || empty) {
		fp->outcome = FORM_PAGE_BLOCKED;
		fp->title = "This survey is not ready to open";
		fp->blocked = !ed->c.nsections ? "Add a section and its questions before opening the survey."
					       : "Every section needs at least one question before the survey opens: add "
						 "questions, or remove the empty sections.";
	}
}

static void open_intro(struct html *w, struct form_page *fp)
{
	(void)fp;
	H_RAW(w, "<p class=\"govuk-body\">Once it is open:</p>\n<ul class=\"govuk-list govuk-list--bullet\">"
		 "<li>sections and questions can no longer be added or removed</li>"
		 "<li>each question's key, type, whether it must be answered and number of options are fixed</li>"
		 "<li>you can still correct the wording of titles, questions, hints and options</li>"
		 "<li>it cannot go back to being a draft</li></ul>\n");
}

static enum err open_write(struct db *db, struct form_page *fp)
{
	struct survey_edit *ed = fp->ctx;
	struct req *rq = fp->rq;
	int64_t me = rq->session->person_id;
	enum err e = survey_template_set_status(db, ed->id, SURVEY_OPEN, me, clock_now());
	if (e || (e = audit(db, rq, me, "survey_template_opened", surveys_subject(rq->arena, ed->id),
			    surveys_caption(rq->arena, &ed->t))))
		return e;
	return session_flash(rq, "Survey opened: its questions' keys and types are now fixed");
}

static const struct form_page open_page = {
	.name = "surveys_open", .load = surveys_edit_load, .prepare = open_prepare, .intro = open_intro,
	.write = open_write, .refuse = surveys_edit_refuse,
};

/* The close page's template, and who it stops: invited and not completed
 * in any activity, and of them those part-way through. */
struct closing {
	struct survey_edit ed; /* first: fp's ctx */
	int64_t waiting, started;
};

static enum err close_load(struct db *db, struct form_page *fp)
{
	struct closing *c = fp->ctx;
	enum err e = surveys_edit_load(db, fp);
	if (e || c->ed.t.status != SURVEY_OPEN)
		return e;
	return survey_outstanding(db, c->ed.id, &c->waiting, &c->started);
}

static void close_prepare(struct form_page *fp)
{
	struct survey_edit *ed = fp->ctx;
	if (!surveys_edit_prepare(fp, true))
		return;
	if (ed->t.status != SURVEY_OPEN) {
		fp->outcome = FORM_PAGE_BLOCKED;
		fp->title = "This survey is not open";
		fp->blocked = "Only an open survey can be closed. A draft is opened first.";
		return;
	}
	fp->title = "Close this survey?";
	fp->button = "Close the survey";
	fp->button_variant = "warning";
	fp->action = surveys_href(fp->rq->arena, ed->id, "close");
}

static const char *people(struct arena *a, int64_t n)
{
	return n == 1 ? "1 person" : arena_printf(a, "%s people", arena_thousands(a, n));
}

static void close_intro(struct html *w, struct form_page *fp)
{
	const struct closing *c = fp->ctx;
	struct arena *a = fp->rq->arena;
	H_RAW(w, "<p class=\"govuk-body\">Closing the survey:</p>\n<ul class=\"govuk-list govuk-list--bullet\">"
		 "<li>ends answering: nobody can answer it or finish it after it closes, and answers saved part-way are "
		 "never counted</li>"
		 "<li>releases its results to those who read them (without names, and no breakdown of fewer than 5 "
		 "answers)</li>"
		 "<li>cannot be undone: it cannot be opened again, and its questions can no longer be changed</li></ul>\n");
	if (!c->waiting) {
		H_RAW(w, "<p class=\"govuk-body\">Nobody who was invited, in any activity, is still to complete it.</p>\n");
		return;
	}
	const char *text = arena_printf(a, "%s invited, across all activities, %s not completed it.",
					people(a, c->waiting), c->waiting == 1 ? "has" : "have");
	if (c->started)
		text = arena_printf(a, "%s %s of them %s answers saved part-way, which will not be counted.", text,
				    arena_thousands(a, c->started), c->started == 1 ? "has" : "have");
	govuk_warning_text(w, arena_printf(a, "%s Once it closes, none of them can answer it.", text));
}

static enum err close_write(struct db *db, struct form_page *fp)
{
	struct survey_edit *ed = fp->ctx;
	struct req *rq = fp->rq;
	int64_t me = rq->session->person_id;
	enum err e = survey_template_set_status(db, ed->id, SURVEY_CLOSED, me, clock_now());
	/* its results counted once: a closed survey never changes (counted.c) */
	if (!e)
		e = survey_counts_write(db, rq->arena, ed->id);
	if (e || (e = audit(db, rq, me, "survey_template_closed", surveys_subject(rq->arena, ed->id),
			    surveys_caption(rq->arena, &ed->t))))
		return e;
	return session_flash(rq, "Survey closed");
}

static const struct form_page close_page = {
	.name = "surveys_close", .load = close_load, .prepare = close_prepare, .intro = close_intro,
	.write = close_write, .refuse = surveys_edit_refuse,
};

enum err surveys_open(struct req *rq, struct resp *rs)
{
	struct survey_edit ed;
	surveys_edit_of(rq, &ed, &open_page);
	return form_page_get(rs, &ed.fp);
}

enum err surveys_open_post(struct req *rq, struct resp *rs)
{
	struct survey_edit ed;
	surveys_edit_of(rq, &ed, &open_page);
	return form_page_post(rs, &ed.fp);
}

enum err surveys_close(struct req *rq, struct resp *rs)
{
	struct closing c = {0};
	surveys_edit_of(rq, &c.ed, &close_page);
	return form_page_get(rs, &c.ed.fp);
}

enum err surveys_close_post(struct req *rq, struct resp *rs)
{
	struct closing c = {0};
	surveys_edit_of(rq, &c.ed, &close_page);
	return form_page_post(rs, &c.ed.fp);
}
