/*
 * deactivate.c - /admin/people/{id}/deactivate and /admin/people/{id}/
 * reactivate: confirm pages, each with the reason for the audit log. A deactivated person cannot
 * sign in (the sign-in, set-up and sign-up pages and the session check all
 * read people.active); their sessions end at once. Nothing is deleted or
 * freed: their row, roles, designations, history and email address stay,
 * so everything that refers to them still does. Made by the national team
 * or their hub's leadership (when every role of theirs is in that hub:
 * person.h), never on one's own page; audited.
 */
#include "admin/admin.h"
#include "admin/person.h"
#include "admin/queries.h"
#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"

static const struct form_field reason_fields[] = {
	{"reason", FORM_TEXT, "Why are they leaving?", .required = true, .max_chars = 500,
	 .hint = "Recorded in the audit log, for example: moved to a school in another region",
	 .missing = "Enter why they are being deactivated"},
};
/* Deactivation: for those who may change the person's account, never on
 * one's own page; one already deactivated has nothing to confirm (their
 * page says so and offers to reactivate). */
static void deactivate_prepare(struct form_page *fp)
{
	struct person_edit *pe = fp->ctx;
	if (!person_edit_allowed(pe, true))
		return;
	if (pe->may.self)
		fp->outcome = PERSON_REFUSED_SELF;
	else if (!pe->s.person.active && !fp->posted)
		fp->outcome = FORM_PAGE_DONE;
	if (fp->outcome != FORM_PAGE_OK)
		return;
	fp->title = arena_printf(fp->rq->arena, "Deactivate %s?", pe->s.person.name);
	fp->caption = NULL;
	fp->button = arena_printf(fp->rq->arena, "Deactivate %s", pe->s.person.name);
}

static void deactivate_intro(struct html *w, struct form_page *fp)
{
	(void)fp;
	H_RAW(w, "<p class=\"govuk-body\">If you deactivate them:</p>\n<ul class=\"govuk-list govuk-list--bullet\">"
		 "<li>they are signed out at once and cannot sign in</li>"
		 "<li>links and codes we have emailed them stop working</li>"
		 "<li>their roles, designations and history are kept, and so is their email address</li>"
		 "<li>they no longer count in their hub&#39;s team</li></ul>\n"
		 "<p class=\"govuk-body\">You can reactivate them later from their page.</p>\n");
}

static enum err deactivate_write(struct db *db, struct form_page *fp)
{
	struct person_edit *pe = fp->ctx;
	struct req *rq = fp->rq;
	const char *name = pe->s.person.name;
	if (!pe->s.person.active)
		return session_flash_note(rq, arena_printf(rq->arena, "%s had already been deactivated", name));
	enum err e;
	if ((e = person_deactivate(db, pe->s.id, rq->session->person_id, clock_now())) ||
	    (e = audit(db, rq, rq->session->person_id, "person_deactivated",
		       arena_printf(rq->arena, "person:%lld", (long long)pe->s.id), fp->d.values[0].text)))
		return e;
	return session_flash(rq, arena_printf(rq->arena, "%s has been deactivated. They cannot sign in.", name));
}

static const struct form_page deactivate_page = {
	.form = FORM(reason_fields), .button_variant = "warning",
	.prepare = deactivate_prepare, .intro = deactivate_intro, .write = deactivate_write,
};

enum err admin_person_deactivate(struct req *rq, struct resp *rs)
{
	struct person_edit pe;
	return form_page_get(rs, person_edit_page(rq, &pe, &deactivate_page, "/deactivate"));
}

enum err admin_person_deactivate_post(struct req *rq, struct resp *rs)
{
	struct person_edit pe;
	return form_page_post(rs, person_edit_page(rq, &pe, &deactivate_page, "/deactivate"));
}

/* Reactivation: a confirm page with the reason, as for deactivation. */
static const struct form_field back_fields[] = {
	{"reason", FORM_TEXT, "Why are they coming back?", .required = true, .max_chars = 500,
	 .hint = "Recorded in the audit log, for example: rejoined as an LLME in September",
	 .missing = "Enter why they are being reactivated"},
};

static void reactivate_prepare(struct form_page *fp)
{
	struct person_edit *pe = fp->ctx;
	if (!person_edit_allowed(pe, true))
		return;
	if (pe->may.self)
		fp->outcome = PERSON_REFUSED_SELF;
	else if (pe->s.person.active && !fp->posted)
		fp->outcome = FORM_PAGE_DONE;
	if (fp->outcome != FORM_PAGE_OK)
		return;
	fp->title = arena_printf(fp->rq->arena, "Reactivate %s?", pe->s.person.name);
	fp->caption = NULL;
	fp->button = arena_printf(fp->rq->arena, "Reactivate %s", pe->s.person.name);
}

static void reactivate_intro(struct html *w, struct form_page *fp)
{
	(void)fp;
	H_RAW(w, "<p class=\"govuk-body\">They will be able to sign in again with their password and their ways of getting "
		 "codes, and keep the roles they had.</p>\n");
}

static enum err reactivate_write(struct db *db, struct form_page *fp)
{
	struct person_edit *pe = fp->ctx;
	struct req *rq = fp->rq;
	const char *name = pe->s.person.name;
	if (pe->s.person.active)
		return session_flash_note(rq, arena_printf(rq->arena, "%s is already active", name));
	enum err e;
	if ((e = person_reactivate(db, pe->s.id)) ||
	    (e = audit(db, rq, rq->session->person_id, "person_reactivated", arena_printf(rq->arena, "person:%lld", (long long)pe->s.id),
		       fp->d.values[0].text)))
		return e;
	return session_flash(rq, arena_printf(rq->arena, "%s has been reactivated. They can sign in again.", name));
}

static const struct form_page reactivate_page = {
	.form = FORM(back_fields), .prepare = reactivate_prepare, .intro = reactivate_intro, .write = reactivate_write,
};

enum err admin_person_reactivate(struct req *rq, struct resp *rs)
{
	struct person_edit pe;
	return form_page_get(rs, person_edit_page(rq, &pe, &reactivate_page, "/reactivate"));
}

enum err admin_person_reactivate_post(struct req *rq, struct resp *rs)
{
	struct person_edit pe;
	return form_page_post(rs, person_edit_page(rq, &pe, &reactivate_page, "/reactivate"));
}
