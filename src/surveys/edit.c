/*
 * edit.c - what the pages about one survey template share (pages.h): who
 * may read and change it, its links, and the load, checks, refusals and
 * save of its form pages.
 */
#include <string.h>

#include "auth/perm.h"
#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/url.h"
#include "db/db.h"
#include "http/request.h"
#include "surveys/pages.h"

bool surveys_may_change(const struct req *rq, const struct survey_template *t)
{
	const struct session *s = rq->session;
	return s && perm_allows(s->grants, s->ngrants, s->person_id, CAP_SURVEYS_MANAGE,
				&(struct perm_target){.project_id = t->project_id});
}

bool surveys_may_read(const struct req *rq, const struct survey_template *t)
{
	const struct session *s = rq->session;
	if (!s || perm_scope(s->grants, s->ngrants, CAP_SURVEYS_MANAGE) == SCOPE_NONE)
		return false;
	return !t->project_id || surveys_may_change(rq, t);
}

const char *surveys_href(struct arena *a, int64_t id, const char *under)
{
	return arena_printf(a, "/surveys/%lld%s%s", (long long)id, under ? "/" : "", under ? under : "");
}

const char *surveys_caption(struct arena *a, const struct survey_template *t)
{
	char year[8];
	acyear_code(t->year, year);
	return arena_printf(a, "%s %s, %s", survey_kind_name(t->kind), year, t->project_code ? t->project_code : "every NCP");
}

void surveys_edit_of(struct req *rq, struct survey_edit *ed, const struct form_page *page)
{
	*ed = (struct survey_edit){.fp = *page, .id = req_param_id(rq, "id"), .section_key = req_param(rq, "key"),
				   .question_key = req_param(rq, "qkey"), .section = -1, .question = -1};
	if (!ed->id)
		ed->id = -1; /* no template has it: 404 */
	ed->fp.rq = rq;
	ed->fp.ctx = ed;
}

enum err surveys_edit_load(struct db *db, struct form_page *fp)
{
	struct survey_edit *ed = fp->ctx;
	struct arena *a = fp->rq->arena;
	ed->section = ed->question = -1;
	enum err e = survey_template_read(db, a, ed->id, &ed->t);
	if (e)
		return e;
	if (!survey_content_parse(a, ed->t.content, &ed->c))
		return ERR_DB; /* only this code writes it, always valid */
	if (ed->section_key && (ed->section = survey_section_index(&ed->c, ed->section_key)) < 0)
		return ERR_NOT_FOUND;
	if (ed->question_key) {
		size_t s, q;
		if (!survey_question_find(&ed->c, ed->question_key, &s, &q))
			return ERR_NOT_FOUND;
		ed->section = (long)s;
		ed->question = (long)q;
	}
	return ERR_OK;
}

bool surveys_edit_prepare(struct form_page *fp, bool open_ok)
{
	struct survey_edit *ed = fp->ctx;
	struct arena *a = fp->rq->arena;
	if (!surveys_may_change(fp->rq, &ed->t)) {
		fp->outcome = SURVEYS_REFUSED;
		return false;
	}
	fp->caption = surveys_caption(a, &ed->t);
	fp->back_href = surveys_href(a, ed->id, NULL);
	if (ed->t.status == SURVEY_CLOSED) {
		fp->outcome = FORM_PAGE_BLOCKED;
		fp->title = "This survey is closed";
		fp->blocked = "This survey is closed: it can no longer be changed.";
		return false;
	}
	if (ed->t.status == SURVEY_OPEN && !open_ok) {
		fp->outcome = FORM_PAGE_BLOCKED;
		fp->title = "This survey is open";
		fp->blocked = "This survey is open: people may already have answered it, so sections and questions can "
			      "no longer be added or removed. You can still correct the wording of its questions.";
		return false;
	}
	return true;
}

enum err surveys_edit_refuse(struct resp *rs, struct form_page *fp)
{
	struct survey_edit *ed = fp->ctx;
	struct arena *a = fp->rq->arena;
	if (fp->outcome == FORM_PAGE_MISSING) {
		if (!ed->t.id)
			return resp_error_page(rs, 404, "Survey not found", "There is no survey template with that number.",
					       "/surveys", "Survey templates");
		return resp_error_page(rs, 404, ed->question_key ? "Question not found" : "Section not found",
				       "It is not in this survey: it may have been removed.", surveys_href(a, ed->id, NULL),
				       "Back to the survey");
	}
	return resp_error_page(rs, 403, "You cannot change this survey",
			       "The national team keeps every survey template; an NCP's Project Lead keeps their NCP's own.",
			       "/surveys", "Survey templates");
}

enum err surveys_edit_save(struct db *db, struct survey_edit *ed)
{
	struct req *rq = ed->fp.rq;
	return survey_template_save(db, ed->id, survey_content_json(rq->arena, &ed->c), rq->session->person_id,
				    clock_now());
}

const char *surveys_subject(struct arena *a, int64_t id)
{
	return arena_printf(a, "survey:%lld", (long long)id);
}
