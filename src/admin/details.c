/*
 * details.c - /admin/people/{id}/details: a person's school (by its URN,
 * which must be in the register of schools) and job title, changed by the
 * national team or the leadership of a hub the person has a role in
 * (person.h), and audited.
 */
#include <string.h>

#include "admin/admin.h"
#include "admin/person.h"
#include "admin/queries.h"
#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "db/db.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"
#include "registry/registry.h"

enum { D_SCHOOL, D_JOB, D_COUNT };
static const struct form_field details_fields[D_COUNT] = {
	[D_SCHOOL] = {"school", FORM_SCHOOL, "School (optional)", .autocomplete = "off",
		      .hint = FORM_SCHOOL_HINT ". Leave it empty if they do not work in a school.",
		      .invalid = "Choose their school from the list, or enter its 6-digit URN"},
	[D_JOB] = {"job-title", FORM_TEXT, "Job title (optional)", .max_chars = 200,
		   .hint = "For example, Head of maths or Year 4 teacher"},
};
static const struct form details_form = FORM(details_fields);

struct details_edit {
	struct req *rq;
	struct person_subject s;
	struct person_access may;
	struct form_data d;
};

static void render(struct resp *rs, struct details_edit *v)
{
	struct req *rq = v->rq;
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = "School and job title", .caption = v->s.person.name,
				      .back_href = person_href(rq, v->s.id, NULL), .errors = v->d.errors,
				      .nerrors = v->d.nerrors, .banner = session_banner(rq)});
	H_RAW(&w, "<form method=\"post\" novalidate");
	H_ATTR(&w, "action", person_href(rq, v->s.id, "/details"));
	H_RAW(&w, ">\n");
	govuk_csrf(&w, rq->session->csrf);
	form_fields(&w, &v->d);
	H_RAW(&w, "<div class=\"govuk-button-group\">");
	govuk_button(&w, &(struct govuk_button){.text = "Save", .prevent_double_click = true});
	H_RAW(&w, "<a class=\"govuk-link\"");
	H_ATTR(&w, "href", person_href(rq, v->s.id, NULL));
	H_RAW(&w, ">Cancel</a></div>\n</form>\n");
	page_end(&w);
}

enum err admin_person_details(struct req *rq, struct resp *rs)
{
	struct details_edit v = {.rq = rq, .s = {.rq = rq, .id = person_param(rq)}};
	if (!v.s.id)
		return ERR_NOT_FOUND;
	enum err e = db_transact(rq->db, DB_READ, person_subject_read, &v.s);
	if (e)
		return e == ERR_NOT_FOUND ? person_not_found(rs) : e;
	v.may = person_access_of(rq->session, v.s.id, v.s.grants, v.s.ngrants);
	if (!v.may.edit)
		return person_refused(rs, PERSON_NOT_YOURS);
	form_empty(&details_form, rq->arena, &v.d);
	form_set(&v.d, D_SCHOOL, v.s.details.school_urn);
	form_set(&v.d, D_JOB, v.s.details.job_title);
	render(rs, &v);
	return ERR_OK;
}

/* What changed, for the audit log ("" if nothing). */
static const char *changes(struct arena *a, const struct person_details *was, const char *urn, const char *job)
{
	const char *old_urn = was->school_urn ? was->school_urn : "none", *new_urn = urn ? urn : "none";
	bool school = strcmp(old_urn, new_urn), title = strcmp(was->job_title, job);
	return arena_printf(a, "%s%s%s%s%s", school ? arena_printf(a, "school %s (was %s)", new_urn, old_urn) : "",
			    school && title ? "; " : "", title ? "job title \"" : "", title ? job : "",
			    title ? arena_printf(a, "\" (was \"%s\")", was->job_title) : "");
}

/* The form's write: the person and who may change them, the form, the
 * school's URN checked against the register, then the change and its
 * audit line. */
static enum err details_write(struct db *db, void *ctx)
{
	struct details_edit *v = ctx;
	struct req *rq = v->rq;
	v->may = (struct person_access){0};
	enum err e = person_subject_load(db, &v->s);
	if (e)
		return e;
	v->may = person_access_of(rq->session, v->s.id, v->s.grants, v->s.ngrants);
	if (!v->may.edit || !form_read(&details_form, rq->form, rq->nform, rq->arena, NULL, &v->d))
		return ERR_OK;
	/* the school search's choice ("Name (URN 100000), Town") or a URN typed: its URN */
	const char *urn = v->d.values[D_SCHOOL].text && v->d.values[D_SCHOOL].text[0]
				  ? arena_printf(v->rq->arena, "%06lld", (long long)v->d.values[D_SCHOOL].number)
				  : NULL;
	const char *job = v->d.values[D_JOB].text ? v->d.values[D_JOB].text : "";
	if (urn && (e = school_exists(db, urn)) && e != ERR_NOT_FOUND)
		return e;
	if (urn && e == ERR_NOT_FOUND) {
		form_fail(&v->d, D_SCHOOL, "There is no school with this URN. Check it in Get Information about Schools");
		return ERR_OK;
	}
	const char *what = changes(rq->arena, &v->s.details, urn, job);
	if (!what[0])
		return session_flash(rq, "Nothing was changed");
	if ((e = person_details_set(db, v->s.id, urn, job)) ||
	    (e = audit(db, rq, rq->session->person_id, "person_details_changed",
		       arena_printf(rq->arena, "person:%lld", (long long)v->s.id), what)))
		return e;
	return session_flash(rq, arena_printf(rq->arena, "%s's school and job title have been saved", v->s.person.name));
}

enum err admin_person_details_post(struct req *rq, struct resp *rs)
{
	struct details_edit v = {.rq = rq, .s = {.rq = rq, .id = person_param(rq)}};
	if (!v.s.id)
		return ERR_NOT_FOUND;
	enum err e = db_transact(rq->db, DB_WRITE, details_write, &v);
	if (e)
		return e == ERR_NOT_FOUND ? person_not_found(rs) : e;
	if (!v.may.edit)
		return person_refused(rs, PERSON_NOT_YOURS);
	if (v.d.nerrors) {
		rs->status = 400;
		render(rs, &v);
		return ERR_OK;
	}
	resp_redirect(rs, 303, person_href(rq, v.s.id, NULL));
	return ERR_OK;
}
