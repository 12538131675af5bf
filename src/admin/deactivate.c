/*
 * deactivate.c - /admin/people/{id}/deactivate (a confirm page, with the
 * reason) and /admin/people/{id}/reactivate. A deactivated person cannot
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
static const struct form reason_form = FORM(reason_fields);

struct deactivation {
	struct req *rq;
	struct person_subject s;
	struct person_access may;
	struct form_data d;
};

static void render(struct resp *rs, struct deactivation *v)
{
	struct req *rq = v->rq;
	struct html w = resp_html(rs);
	const char *name = v->s.person.name;
	page_begin(&w, &(struct page){.title = arena_printf(rq->arena, "Deactivate %s?", name),
				      .back_href = person_href(rq, v->s.id, NULL), .errors = v->d.errors,
				      .nerrors = v->d.nerrors});
	H_RAW(&w, "<p class=\"govuk-body\">If you deactivate them:</p>\n<ul class=\"govuk-list govuk-list--bullet\">"
		  "<li>they are signed out at once and cannot sign in</li>"
		  "<li>links and codes we have emailed them stop working</li>"
		  "<li>their roles, designations and history are kept, and so is their email address</li>"
		  "<li>they no longer count in their hub&#39;s team</li></ul>\n"
		  "<p class=\"govuk-body\">You can reactivate them later from their page.</p>\n<form method=\"post\" novalidate");
	H_ATTR(&w, "action", person_href(rq, v->s.id, "/deactivate"));
	H_RAW(&w, ">\n");
	govuk_csrf(&w, rq->session->csrf);
	form_fields(&w, &v->d);
	H_RAW(&w, "<div class=\"govuk-button-group\">");
	govuk_button(&w, &(struct govuk_button){.text = arena_printf(rq->arena, "Deactivate %s", name), .variant = "warning",
						.prevent_double_click = true});
	H_RAW(&w, "<a class=\"govuk-link\"");
	H_ATTR(&w, "href", person_href(rq, v->s.id, NULL));
	H_RAW(&w, ">Cancel</a></div>\n</form>\n");
	page_end(&w);
}

/* Refused: someone they may not deactivate, or themselves. */
static enum err refuse(struct resp *rs, const struct person_access *may)
{
	if (may->self)
		return resp_error_page(rs, 403, "You cannot deactivate yourself",
				       "Ask your hub's leadership team or the national team.", "/account", "Go to your account");
	return person_refused(rs, may->read ? PERSON_NOT_ALL_YOURS : PERSON_NOT_YOURS);
}

enum err admin_person_deactivate(struct req *rq, struct resp *rs)
{
	struct deactivation v = {.rq = rq, .s = {.rq = rq, .id = person_param(rq)}};
	if (!v.s.id)
		return ERR_NOT_FOUND;
	enum err e = db_transact(rq->db, DB_READ, person_subject_read, &v.s);
	if (e)
		return e == ERR_NOT_FOUND ? person_not_found(rs) : e;
	v.may = person_access_of(rq->session, v.s.id, v.s.grants, v.s.ngrants);
	if (!v.may.account || v.may.self)
		return refuse(rs, &v.may);
	if (!v.s.person.active) { /* nothing to confirm: their page says so and offers to reactivate */
		resp_redirect(rs, 303, person_href(rq, v.s.id, NULL));
		return ERR_OK;
	}
	form_empty(&reason_form, rq->arena, &v.d);
	render(rs, &v);
	return ERR_OK;
}

/* The write of either form: the person and who may change them, then
 * (with the reason, to deactivate) the change, its audit line and the
 * confirmation. Already so: nothing is written but the confirmation. */
static enum err change(struct db *db, struct deactivation *v, bool deactivate)
{
	struct req *rq = v->rq;
	v->may = (struct person_access){0};
	enum err e = person_subject_load(db, &v->s);
	if (e)
		return e;
	v->may = person_access_of(rq->session, v->s.id, v->s.grants, v->s.ngrants);
	if (!v->may.account || v->may.self)
		return ERR_OK;
	const char *name = v->s.person.name, *subject = arena_printf(rq->arena, "person:%lld", (long long)v->s.id);
	if (deactivate) {
		if (!form_read(&reason_form, rq->form, rq->nform, rq->arena, NULL, &v->d))
			return ERR_OK;
		if (!v->s.person.active)
			return session_flash(rq, arena_printf(rq->arena, "%s had already been deactivated", name));
		if ((e = person_deactivate(db, v->s.id, rq->session->person_id, clock_now())) ||
		    (e = audit(db, rq, rq->session->person_id, "person_deactivated", subject, v->d.values[0].text)))
			return e;
		return session_flash(rq, arena_printf(rq->arena, "%s has been deactivated. They cannot sign in.", name));
	}
	if (v->s.person.active)
		return session_flash(rq, arena_printf(rq->arena, "%s is already active", name));
	if ((e = person_reactivate(db, v->s.id)) || (e = audit(db, rq, rq->session->person_id, "person_reactivated", subject, "")))
		return e;
	return session_flash(rq, arena_printf(rq->arena, "%s has been reactivated. They can sign in again.", name));
}

static enum err deactivate_write(struct db *db, void *ctx)
{
	return change(db, ctx, true);
}

static enum err reactivate_write(struct db *db, void *ctx)
{
	return change(db, ctx, false);
}

enum err admin_person_deactivate_post(struct req *rq, struct resp *rs)
{
	struct deactivation v = {.rq = rq, .s = {.rq = rq, .id = person_param(rq)}};
	if (!v.s.id)
		return ERR_NOT_FOUND;
	enum err e = db_transact(rq->db, DB_WRITE, deactivate_write, &v);
	if (e)
		return e == ERR_NOT_FOUND ? person_not_found(rs) : e;
	if (!v.may.account || v.may.self)
		return refuse(rs, &v.may);
	if (v.d.nerrors) {
		rs->status = 400;
		render(rs, &v);
		return ERR_OK;
	}
	resp_redirect(rs, 303, person_href(rq, v.s.id, NULL));
	return ERR_OK;
}

enum err admin_person_reactivate_post(struct req *rq, struct resp *rs)
{
	struct deactivation v = {.rq = rq, .s = {.rq = rq, .id = person_param(rq)}};
	if (!v.s.id)
		return ERR_NOT_FOUND;
	enum err e = db_transact(rq->db, DB_WRITE, reactivate_write, &v);
	if (e)
		return e == ERR_NOT_FOUND ? person_not_found(rs) : e;
	if (!v.may.account || v.may.self)
		return refuse(rs, &v.may);
	resp_redirect(rs, 303, person_href(rq, v.s.id, NULL));
	return ERR_OK;
}
