/*
 * removals.c - the confirmation pages of removing one of an LLME's records:
 * /admin/people/{id}/designations/{designation}/remove (a designation of
 * one academic year, in one hub) and /admin/people/{id}/accreditations/
 * {which}/remove (PD Lead or SD Lead, reached from its form's "Not
 * started"). GET asks "Are you sure ...?" with what would be removed (and a
 * warning when the designation is the last that makes them an active LLME
 * of its hub this year); POST removes it, audits it and answers 303 to
 * their page with a success banner. A second POST (another tab) says it had
 * gone; a GET of what is gone goes back to their page, which shows it gone.
 * Form pages whose subject is a team member (pages.h), with no fields.
 */
#include <stdlib.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/url.h"
#include "db/db.h"
#include "html/govuk.h"
#include "http/request.h"
#include "team/pages.h"
#include "team/scope.h"
#include "team/views.h"

static const char *year_code(struct req *rq, int year)
{
	char code[8];
	acyear_code(year, code);
	return arena_strdup(rq->arena, code);
}

static const char *hub_text(struct req *rq, const struct team_designation *d)
{
	return arena_printf(rq->arena, "%s (%s)", d->hub_name, d->hub_code);
}

/* ---- a designation ---- */

struct designation_removal {
	int64_t id;                        /* from the path; 0: not a number */
	const struct team_designation *d;  /* theirs with that id, or NULL */
	bool last_active;                  /* the only one of its hub this year: they would no longer be active there */
};

static void designation_prepare(struct team_edit *e)
{
	struct req *rq = e->rq;
	struct designation_removal *r = e->ctx;
	e->fp.form = (struct form){NULL, 0};
	e->fp.title = "Remove a designation";
	if (!team_may_person(rq, &e->p)) { /* before looking: whether it exists is not theirs to know */
		e->fp.outcome = EDIT_REFUSED;
		return;
	}
	r->d = NULL;
	for (size_t i = 0; i < e->p.ndesignations; i++)
		if (e->p.designations[i].id == r->id)
			r->d = &e->p.designations[i];
	if (!r->d) { /* removed already: a POST says so (write); a GET goes back to their page */
		if (!e->fp.posted)
			e->fp.outcome = FORM_PAGE_DONE;
		return;
	}
	if (!team_may(rq, CAP_DESIGNATIONS_MANAGE, r->d->hub_id)) {
		e->fp.outcome = EDIT_REFUSED;
		return;
	}
	size_t same = 0; /* their designations of its hub and year, itself included */
	for (size_t i = 0; i < e->p.ndesignations; i++)
		same += e->p.designations[i].hub_id == r->d->hub_id && e->p.designations[i].year == r->d->year;
	r->last_active = e->p.active && r->d->year == team_year_now() && same == 1;
	e->fp.caption = NULL;
	e->fp.title = arena_printf(rq->arena, "Are you sure you want to remove %s's %s designation for %s?", e->p.name,
				   team_designation_name(r->d->key), year_code(rq, r->d->year));
	e->fp.button = "Remove designation";
	e->fp.button_variant = "warning";
	e->fp.action = url_path(rq->arena, "/admin/people/", arena_printf(rq->arena, "%lld", (long long)e->p.id), "/designations/",
				arena_printf(rq->arena, "%lld", (long long)r->id), "/remove");
}

static void designation_intro(struct html *w, struct team_edit *e)
{
	struct req *rq = e->rq;
	const struct designation_removal *r = e->ctx;
	govuk_summary_begin(w);
	govuk_summary_row(w, "Name", e->p.name);
	govuk_summary_row(w, "Designation", team_designation_name(r->d->key));
	govuk_summary_row(w, "Hub", hub_text(rq, r->d));
	govuk_summary_row(w, "Academic year", year_code(rq, r->d->year));
	govuk_summary_end(w);
	if (r->last_active)
		govuk_warning_text(w, arena_printf(rq->arena, "This is %s's only designation in %s this year. Once it is removed, they "
							  "will not count as an active LLME there in %s.",
						   e->p.name, hub_text(rq, r->d), year_code(rq, r->d->year)));
	H_RAW(w, "<p class=\"govuk-body\">The removal is recorded in the audit log. You can give the designation again later.</p>\n");
}

static enum err designation_write(struct db *db, struct team_edit *e)
{
	struct req *rq = e->rq;
	const struct designation_removal *r = e->ctx;
	if (!r->d) /* a second click, another tab: their page as it is now says so */
		return session_flash_note(rq, "That designation had already been removed");
	const char *code = year_code(rq, r->d->year);
	enum err err;
	if ((err = designation_delete(db, r->d->id, e->p.id)) ||
	    (err = audit(db, rq, rq->session->person_id, "designation_removed", team_subject(e),
			 arena_printf(rq->arena, "%s %s %s", r->d->key, code, r->d->hub_code))))
		return err;
	return session_flash(rq, arena_printf(rq->arena, "%s is no longer a %s in %s for %s", e->p.name,
					      team_designation_name(r->d->key), r->d->hub_code, code));
}

static void designation_init(struct req *rq, struct team_edit *e, struct designation_removal *r)
{
	char *end;
	long long id = strtoll(req_param(rq, "designation"), &end, 10);
	*r = (struct designation_removal){.id = *end || id <= 0 ? 0 : id};
	*e = (struct team_edit){.rq = rq, .p = {.id = r->id ? team_person_param(rq) : 0}, .ctx = r,
				.prepare = designation_prepare, .intro = designation_intro, .write = designation_write};
}

enum err team_designation_remove_page(struct req *rq, struct resp *rs)
{
	struct team_edit e;
	struct designation_removal r;
	designation_init(rq, &e, &r);
	return team_edit_get(rs, &e);
}

enum err team_designation_remove(struct req *rq, struct resp *rs)
{
	struct team_edit e;
	struct designation_removal r;
	designation_init(rq, &e, &r);
	return team_edit_post(rs, &e);
}

/* ---- an accreditation ---- */

struct accreditation_removal {
	const struct team_term *term;          /* NULL: the path names none */
	const struct team_accreditation *held; /* theirs, or NULL */
};

static void accreditation_prepare(struct team_edit *e)
{
	struct req *rq = e->rq;
	struct accreditation_removal *r = e->ctx;
	const char *which = req_param(rq, "which");
	e->fp.form = (struct form){NULL, 0};
	e->fp.title = "Remove an accreditation";
	r->term = team_accreditation_of(which);
	r->held = NULL;
	if (!r->term) {
		e->fp.outcome = EDIT_MISSING;
		e->missing = "There is no such accreditation: PD Lead and SD Lead are the two.";
		return;
	}
	if (!team_may_person(rq, &e->p)) {
		e->fp.outcome = EDIT_REFUSED;
		return;
	}
	for (size_t i = 0; i < e->p.nacc; i++)
		if (!strcmp(e->p.acc[i].key, r->term->key))
			r->held = &e->p.acc[i];
	if (!r->held) {
		if (!e->fp.posted)
			e->fp.outcome = FORM_PAGE_DONE;
		return;
	}
	e->fp.caption = NULL;
	e->fp.title = arena_printf(rq->arena, "Are you sure you want to remove %s's %s accreditation?", e->p.name,
				   team_accreditation_short(r->term->key));
	e->fp.button = "Remove accreditation";
	e->fp.button_variant = "warning";
	e->fp.action = url_path(rq->arena, "/admin/people/", arena_printf(rq->arena, "%lld", (long long)e->p.id),
				"/accreditations/", which, "/remove");
}

static void accreditation_intro(struct html *w, struct team_edit *e)
{
	const struct accreditation_removal *r = e->ctx;
	govuk_summary_begin(w);
	govuk_summary_row(w, "Name", e->p.name);
	govuk_summary_row(w, r->term->name, team_accreditation_text(e->rq, r->held, true));
	govuk_summary_end(w);
	H_RAW(w, "<p class=\"govuk-body\">Their page will show it as not started. The removal is recorded in the audit log.</p>\n");
}

static enum err accreditation_write(struct db *db, struct team_edit *e)
{
	struct req *rq = e->rq;
	const struct accreditation_removal *r = e->ctx;
	const char *label = team_accreditation_short(r->term->key);
	if (!r->held)
		return session_flash_note(rq, arena_printf(rq->arena, "%s's %s had already been removed", e->p.name, label));
	enum err err;
	if ((err = accreditation_delete(db, e->p.id, r->term->key)) ||
	    (err = audit(db, rq, rq->session->person_id, "accreditation_removed", team_subject(e), r->term->key)))
		return err;
	return session_flash(rq, arena_printf(rq->arena, "%s: %s removed", e->p.name, label));
}

static void accreditation_init(struct req *rq, struct team_edit *e, struct accreditation_removal *r)
{
	*r = (struct accreditation_removal){0};
	*e = (struct team_edit){.rq = rq, .p = {.id = team_person_param(rq)}, .ctx = r, .prepare = accreditation_prepare,
				.intro = accreditation_intro, .write = accreditation_write};
}

enum err team_accreditation_remove_page(struct req *rq, struct resp *rs)
{
	struct team_edit e;
	struct accreditation_removal r;
	accreditation_init(rq, &e, &r);
	return team_edit_get(rs, &e);
}

enum err team_accreditation_remove(struct req *rq, struct resp *rs)
{
	struct team_edit e;
	struct accreditation_removal r;
	accreditation_init(rq, &e, &r);
	return team_edit_post(rs, &e);
}
