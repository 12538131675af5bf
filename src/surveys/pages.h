/*
 * pages.h - the surveys capability's handlers (module.c routes them), and
 * what the template editor's pages share (edit.c).
 */
#ifndef MH_SURVEYS_PAGES_H
#define MH_SURVEYS_PAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "form_page.h"
#include "surveys/content.h"
#include "surveys/queries.h"

struct req;
struct resp;

/* list.c: a year's templates; a new one */
enum err surveys_list(struct req *rq, struct resp *rs);
enum err surveys_new(struct req *rq, struct resp *rs);
enum err surveys_new_post(struct req *rq, struct resp *rs);
/* template.c: one template's overview and preview */
enum err surveys_template(struct req *rq, struct resp *rs);
enum err surveys_preview(struct req *rq, struct resp *rs);
/* status.c: opened, closed */
enum err surveys_open(struct req *rq, struct resp *rs);
enum err surveys_open_post(struct req *rq, struct resp *rs);
enum err surveys_close(struct req *rq, struct resp *rs);
enum err surveys_close_post(struct req *rq, struct resp *rs);
/* sections.c */
enum err surveys_section_new(struct req *rq, struct resp *rs);
enum err surveys_section_new_post(struct req *rq, struct resp *rs);
enum err surveys_section_edit(struct req *rq, struct resp *rs);
enum err surveys_section_edit_post(struct req *rq, struct resp *rs);
enum err surveys_section_remove(struct req *rq, struct resp *rs);
enum err surveys_section_remove_post(struct req *rq, struct resp *rs);
/* questions.c */
enum err surveys_question_new(struct req *rq, struct resp *rs);
enum err surveys_question_new_post(struct req *rq, struct resp *rs);
enum err surveys_question_edit(struct req *rq, struct resp *rs);
enum err surveys_question_edit_post(struct req *rq, struct resp *rs);
enum err surveys_question_remove(struct req *rq, struct resp *rs);
enum err surveys_question_remove_post(struct req *rq, struct resp *rs);
/* terms_pages.c, terms_upload.c: school term dates (the national team) */
enum err surveys_terms_list(struct req *rq, struct resp *rs);
enum err surveys_terms_default(struct req *rq, struct resp *rs);
enum err surveys_terms_la(struct req *rq, struct resp *rs);
enum err surveys_terms_upload(struct req *rq, struct resp *rs);
enum err surveys_terms_upload_post(struct req *rq, struct resp *rs);
enum err surveys_terms_confirm_post(struct req *rq, struct resp *rs);

/* ---- edit.c: shared by the pages about one template ---- */

/* Who may do what with a template: the national team any; an NCP's
 * Project Lead their NCP's (and reads the year's defaults). */
bool surveys_may_change(const struct req *rq, const struct survey_template *t);
bool surveys_may_read(const struct req *rq, const struct survey_template *t);

/* "/surveys/12", and a path under it ("/surveys/12/preview"). */
const char *surveys_href(struct arena *a, int64_t id, const char *under);
/* "Autumn participant survey 2024/25, NCP24-06" (or "..., every NCP"). */
const char *surveys_caption(struct arena *a, const struct survey_template *t);

/* A page of one form about a template (and one of its sections or
 * questions): form_page's ctx. */
struct survey_edit {
	struct form_page fp;
	int64_t id;
	const char *section_key, *question_key; /* from the path, or NULL */
	struct survey_template t;
	struct survey_content c;
	long section;           /* the section's index (of section_key, or the question's) */
	long question;          /* the question's index in it; -1: none */
};

/* What prepare can refuse: not theirs (403). */
enum { SURVEYS_REFUSED = FORM_PAGE_REFUSED };

/* Sets ed up for rq: the id, the keys of the path, fp's rq and ctx. */
void surveys_edit_of(struct req *rq, struct survey_edit *ed, const struct form_page *page);
/* load: the template and its content, the section and question of the
 * path (ERR_NOT_FOUND when any is missing). */
enum err surveys_edit_load(struct db *db, struct form_page *fp);
/* The first half of every prepare: refuses one not theirs; a closed one is
 * read-only (blocked), and so is an open one unless open_ok. Returns
 * whether the page goes on. */
bool surveys_edit_prepare(struct form_page *fp, bool open_ok);
/* refuse: 404 for a missing template, section or question; 403. */
enum err surveys_edit_refuse(struct resp *rs, struct form_page *fp);
/* Writes ed->c back (the caller audits it and flashes). */
enum err surveys_edit_save(struct db *db, struct survey_edit *ed);
/* The audit log's subject of template id: "survey:12". */
const char *surveys_subject(struct arena *a, int64_t id);

#endif
