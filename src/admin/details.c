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

enum { D_SCHOOL, D_JOB, D_COUNT };
static const struct form_field details_fields[D_COUNT] = {
	[D_SCHOOL] = PERSON_SCHOOL_FIELD,
	[D_JOB] = PERSON_JOB_FIELD,
};
static void details_prepare(struct form_page *fp)
{
	person_edit_allowed(fp->ctx, false);
}

static void details_prefill(struct form_page *fp)
{
	struct person_edit *pe = fp->ctx;
	const struct person_details *d = &pe->s.details;
	/* as the picker shows a school, so that they see which it is */
	form_set(&fp->d, D_SCHOOL, d->school_urn && d->school_name[0]
					   ? arena_printf(fp->rq->arena, "%s (URN %s)", d->school_name, d->school_urn)
					   : d->school_urn);
	form_set(&fp->d, D_JOB, pe->s.details.job_title);
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

/* The form's write: the school's URN checked against the register, then
 * the change and its audit line. */
static enum err details_write(struct db *db, struct form_page *fp)
{
	struct person_edit *pe = fp->ctx;
	struct req *rq = fp->rq;
	const char *urn, *job = fp->d.values[D_JOB].text ? fp->d.values[D_JOB].text : "";
	enum err e = person_school_read(db, rq, &fp->d, D_SCHOOL, &urn);
	if (e || fp->d.nerrors)
		return e;
	const char *what = changes(rq->arena, &pe->s.details, urn, job);
	if (!what[0])
		return session_flash_note(rq, "Nothing was changed");
	if ((e = person_details_set(db, pe->s.id, urn, job)) ||
	    (e = audit(db, rq, rq->session->person_id, "person_details_changed",
		       arena_printf(rq->arena, "person:%lld", (long long)pe->s.id), what)))
		return e;
	return session_flash(rq, arena_printf(rq->arena, "%s's school and job title have been saved", pe->s.person.name));
}

static const struct form_page details_page = {
	.title = "School and job title", .button = "Save", .form = FORM(details_fields),
	.prepare = details_prepare, .prefill = details_prefill, .write = details_write,
};

enum err admin_person_details(struct req *rq, struct resp *rs)
{
	struct person_edit pe;
	return form_page_get(rs, person_edit_page(rq, &pe, &details_page, "/details"));
}

enum err admin_person_details_post(struct req *rq, struct resp *rs)
{
	struct person_edit pe;
	return form_page_post(rs, person_edit_page(rq, &pe, &details_page, "/details"));
}
