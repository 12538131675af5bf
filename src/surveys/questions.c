/*
 * questions.c - a survey template's questions: added to a section,
 * changed, removed (form_pages). Once the survey is open a question's key,
 * type, whether it must be answered and its number of options are fixed
 * (answers are stored by them), and so is a number question's range; its
 * wording may still be corrected. A number question's lowest and highest
 * answers are asked inside its type's radio (a conditional reveal).
 */
#include <string.h>

#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "html/form.h"
#include "html/html.h"
#include "http/request.h"
#include "surveys/pages.h"

enum { F_KEY, F_TYPE, F_LOWEST, F_HIGHEST, F_TEXT, F_HINT, F_REQUIRED, F_OPTIONS, F_COUNT };
static const struct govuk_option yes_no[] = {{"yes", "Yes"}, {"no", "No, it is optional"}};

static const char *check_key(const char *value, const void *ctx)
{
	(void)ctx;
	return survey_key_problem(value);
}

static const struct form_field question_fields[F_COUNT] = {
	[F_KEY] = {"key", FORM_TEXT, "Key", .required = true, .max_chars = SURVEY_KEY_MAX, .check = check_key,
		   .hint = "Lower-case letters, numbers and hyphens, for example confidence-fractions. Answers are kept by "
			   "it: give a summer question the same key as its autumn one to see how answers changed.",
		   .missing = "Enter a key for the question", .spellcheck_off = true, .autocomplete = "off",
		   .input_class = "govuk-input--width-20"},
	[F_TYPE] = {"type", FORM_CHOICE, "Type of answer", .required = true, .options = survey_qtypes,
		    .noptions = SQ_TYPES, .missing = "Select the type of answer", .invalid = "Select the type of answer"},
	[F_LOWEST] = {"lowest", FORM_NUMBER, "Lowest number people can answer (optional)", .min = 0,
		      .max = SURVEY_NUMBER_MAX, .revealed_by = "type", .revealed_for = "number",
		      .hint = "Leave blank for 0", .input_class = "govuk-input--width-10",
		      .inputmode = "numeric", .invalid = "Enter the lowest number as a whole number, like 0",
		      .outside = "Enter a lowest number from 0 to 1,000,000"},
	[F_HIGHEST] = {"highest", FORM_NUMBER, "Highest number people can answer (optional)", .min = 0,
		       .max = SURVEY_NUMBER_MAX, .revealed_by = "type", .revealed_for = "number",
		       .hint = "For example 60 for years of teaching. Leave blank for 1,000,000",
		       .input_class = "govuk-input--width-10", .inputmode = "numeric",
		       .invalid = "Enter the highest number as a whole number, like 60",
		       .outside = "Enter a highest number from 0 to 1,000,000"},
	[F_TEXT] = {"text", FORM_TEXTAREA, "Question", .required = true, .max_chars = SURVEY_TEXT_MAX,
		    .hint = "As people will read it, for example: I feel confident teaching fractions",
		    .missing = "Enter the question"},
	[F_HINT] = {"hint", FORM_TEXT, "Hint (optional)", .max_chars = SURVEY_HINT_MAX,
		    .hint = "Shown under the question, to help people answer it"},
	[F_REQUIRED] = {"required", FORM_CHOICE, "Must people answer it?", .required = true, .options = yes_no,
			.noptions = 2, .missing = "Select whether people must answer it", .small = true},
	[F_OPTIONS] = {"options", FORM_TEXTAREA, "Options (single and multiple choice only)",
		       .max_chars = SURVEY_OPTIONS_MAX * (SURVEY_OPTION_MAX + 1),
		       .hint = "One on each line, in the order people see them. An agreement question always has the "
			       "5-point scale from Strongly disagree to Strongly agree."},
};

static void question_prepare(struct form_page *fp)
{
	struct survey_edit *ed = fp->ctx;
	struct arena *a = fp->rq->arena;
	bool adding = ed->question < 0;
	if (!surveys_edit_prepare(fp, !adding))
		return;
	fp->title = adding ? "Add a question" : "Change a question";
	fp->action = adding ? surveys_href(a, ed->id, arena_printf(a, "sections/%s/questions/new", ed->section_key))
			    : surveys_href(a, ed->id, arena_printf(a, "questions/%s", ed->question_key));
	fp->button = adding ? "Add question" : "Save";
	if (ed->t.status == SURVEY_OPEN) {
		const struct survey_question *q = &ed->c.sections[ed->section].questions[ed->question];
		struct form_field *f = arena_alloc(a, sizeof(question_fields));
		memcpy(f, question_fields, sizeof(question_fields));
		f[F_KEY].off = f[F_TYPE].off = f[F_REQUIRED].off = f[F_LOWEST].off = f[F_HIGHEST].off = true;
		f[F_OPTIONS].off = !survey_qtype_has_options(q->type);
		if (!f[F_OPTIONS].off) {
			f[F_OPTIONS].label = "Options";
			f[F_OPTIONS].hint = arena_printf(a, "One on each line: correct their wording, keeping %zu options in "
							    "this order",
							 q->noptions);
		}
		fp->form = (struct form){f, F_COUNT};
	}
}

static void question_prefill(struct form_page *fp)
{
	struct survey_edit *ed = fp->ctx;
	if (ed->question < 0) {
		form_set(&fp->d, F_REQUIRED, "yes");
		return;
	}
	const struct survey_question *q = &ed->c.sections[ed->section].questions[ed->question];
	form_set(&fp->d, F_KEY, q->key);
	form_set(&fp->d, F_TYPE, survey_qtype_key(q->type));
	form_set(&fp->d, F_TEXT, q->text);
	form_set(&fp->d, F_HINT, q->hint);
	form_set(&fp->d, F_REQUIRED, q->required ? "yes" : "no");
	form_set(&fp->d, F_OPTIONS, survey_options_text(fp->rq->arena, q));
	long lo, hi;
	if (q->type == SQ_NUMBER && survey_number_range(q, &lo, &hi)) {
		form_set(&fp->d, F_LOWEST, arena_printf(fp->rq->arena, "%ld", lo));
		form_set(&fp->d, F_HIGHEST, arena_printf(fp->rq->arena, "%ld", hi));
	}
}

static void question_intro(struct html *w, struct form_page *fp)
{
	struct survey_edit *ed = fp->ctx;
	struct arena *a = fp->rq->arena;
	const struct survey_section *s = &ed->c.sections[ed->section];
	H_RAW(w, "<p class=\"govuk-body\">");
	html_text(w, arena_printf(a, "In the section ‘%s’%s.", s->title,
				  s->internal ? ", which is internal: its answers are never reported" : ""));
	H_RAW(w, "</p>\n");
	if (ed->t.status == SURVEY_OPEN && ed->question >= 0) {
		const struct survey_question *q = &s->questions[ed->question];
		H_RAW(w, "<p class=\"govuk-body\">");
		html_text(w, arena_printf(a, "The survey is open, so its key (%s), its type (%s)%s and whether it must be "
					     "answered stay as they are.",
					  q->key, survey_qtype_name(q->type),
					  q->type == SQ_NUMBER
						  ? arena_printf(a, ", its range (%s)", survey_range_words(a, q))
						  : ""));
		H_RAW(w, "</p>\n");
	}
}

static enum err question_write(struct db *db, struct form_page *fp)
{
	struct survey_edit *ed = fp->ctx;
	struct arena *a = fp->rq->arena;
	const struct form_value *v = fp->d.values;
	bool adding = ed->question < 0;
	struct survey_question q = {0};
	if (!adding)
		q = ed->c.sections[ed->section].questions[ed->question];
	if (ed->t.status == SURVEY_DRAFT) {
		q.key = v[F_KEY].text;
		survey_qtype_from_key(v[F_TYPE].text, &q.type);
		q.required = !strcmp(v[F_REQUIRED].text, "yes");
		const char *taken = survey_key_taken(&ed->c, q.key, adding ? NULL : ed->question_key);
		if (taken)
			form_fail(&fp->d, F_KEY, taken);
		/* the range: a number question's, blank ends at 0 and SURVEY_NUMBER_MAX; none when both are blank */
		q.lowest = q.highest = 0;
		const struct form_value *lo = &v[F_LOWEST], *hi = &v[F_HIGHEST];
		bool has_lo = lo->text && *lo->text, has_hi = hi->text && *hi->text;
		if (q.type == SQ_NUMBER && (has_lo || has_hi) && !lo->error && !hi->error) {
			q.lowest = has_lo ? (long)lo->number : 0;
			q.highest = has_hi ? (long)hi->number : SURVEY_NUMBER_MAX;
			const char *problem = survey_range_problem(q.lowest, q.highest);
			if (problem)
				form_fail(&fp->d, has_hi ? F_HIGHEST : F_LOWEST, problem);
		}
	}
	q.text = v[F_TEXT].text;
	q.hint = v[F_HINT].text && *v[F_HINT].text ? v[F_HINT].text : NULL;
	size_t was = q.noptions;
	const char *problem = survey_options_read(a, q.type, v[F_OPTIONS].text, &q.options, &q.noptions);
	if (problem)
		form_fail(&fp->d, F_OPTIONS, problem);
	else if (ed->t.status == SURVEY_OPEN && q.noptions != was)
		form_fail(&fp->d, F_OPTIONS,
			  arena_printf(a, "Enter %zu options: the survey is open, so only their wording can change", was));
	if (adding && ed->c.sections[ed->section].nquestions >= SURVEY_QUESTIONS_MAX)
		form_fail(&fp->d, F_TEXT, "A section can have at most 60 questions");
	if (fp->d.nerrors)
		return ERR_OK;
	const char *detail = arena_printf(a, "question %s (%s) in section %s: %s", q.key, survey_qtype_key(q.type),
					  ed->c.sections[ed->section].key, q.text);
	if (adding) {
		survey_question_add(a, &ed->c, (size_t)ed->section, &q);
		enum err e = surveys_edit_save(db, ed);
	if (e || (e = audit(db, fp->rq, fp->rq->session->person_id, "survey_question_added", surveys_subject(a, ed->id),
			    detail)))
		return e;
	return session_flash(fp->rq, "Question added");
	}
	survey_question_set(a, &ed->c, (size_t)ed->section, (size_t)ed->question, &q);
	enum err e = surveys_edit_save(db, ed);
	if (e || (e = audit(db, fp->rq, fp->rq->session->person_id, "survey_question_changed", surveys_subject(a, ed->id),
			    detail)))
		return e;
	return session_flash(fp->rq, "Question changed");
}

static const struct form_page question_page = {
	.name = "surveys_question", .form = FORM(question_fields), .load = surveys_edit_load,
	.prepare = question_prepare, .prefill = question_prefill, .intro = question_intro, .write = question_write,
	.refuse = surveys_edit_refuse,
};

enum err surveys_question_new(struct req *rq, struct resp *rs)
{
	struct survey_edit ed;
	surveys_edit_of(rq, &ed, &question_page);
	return form_page_get(rs, &ed.fp);
}

enum err surveys_question_new_post(struct req *rq, struct resp *rs)
{
	struct survey_edit ed;
	surveys_edit_of(rq, &ed, &question_page);
	return form_page_post(rs, &ed.fp);
}

enum err surveys_question_edit(struct req *rq, struct resp *rs)
{
	struct survey_edit ed;
	surveys_edit_of(rq, &ed, &question_page);
	return form_page_get(rs, &ed.fp);
}

enum err surveys_question_edit_post(struct req *rq, struct resp *rs)
{
	struct survey_edit ed;
	surveys_edit_of(rq, &ed, &question_page);
	return form_page_post(rs, &ed.fp);
}

/* ---- removed ---- */

static void remove_prepare(struct form_page *fp)
{
	struct survey_edit *ed = fp->ctx;
	if (!surveys_edit_prepare(fp, false))
		return;
	fp->title = "Remove this question?";
	fp->button = "Remove question";
	fp->button_variant = "warning";
	fp->action = surveys_href(fp->rq->arena, ed->id, arena_printf(fp->rq->arena, "questions/%s/remove", ed->question_key));
}

static void remove_intro(struct html *w, struct form_page *fp)
{
	struct survey_edit *ed = fp->ctx;
	H_RAW(w, "<div class=\"govuk-inset-text\">");
	html_text(w, ed->c.sections[ed->section].questions[ed->question].text);
	H_RAW(w, "</div>\n");
}

static enum err remove_write(struct db *db, struct form_page *fp)
{
	struct survey_edit *ed = fp->ctx;
	struct arena *a = fp->rq->arena;
	const struct survey_question q = ed->c.sections[ed->section].questions[ed->question];
	const char *skey = ed->c.sections[ed->section].key;
	survey_question_remove(a, &ed->c, (size_t)ed->section, (size_t)ed->question);
	enum err e = surveys_edit_save(db, ed);
	if (e || (e = audit(db, fp->rq, fp->rq->session->person_id, "survey_question_removed", surveys_subject(a, ed->id),
			    arena_printf(a, "question %s in section %s: %s", q.key, skey, q.text))))
		return e;
	return session_flash(fp->rq, "Question removed");
}

static const struct form_page remove_page = {
	.name = "surveys_question_remove", .load = surveys_edit_load, .prepare = remove_prepare, .intro = remove_intro,
	.write = remove_write, .refuse = surveys_edit_refuse,
};

enum err surveys_question_remove(struct req *rq, struct resp *rs)
{
	struct survey_edit ed;
	surveys_edit_of(rq, &ed, &remove_page);
	return form_page_get(rs, &ed.fp);
}

enum err surveys_question_remove_post(struct req *rq, struct resp *rs)
{
	struct survey_edit ed;
	surveys_edit_of(rq, &ed, &remove_page);
	return form_page_post(rs, &ed.fp);
}
