/* person_edit.c - see pages.h: the scaffold of the team's form pages about
 * one person (a designation, an accreditation, an AMHL's phase). */
#include <stdlib.h>
#include <string.h>

#include "auth/session.h"
#include "core/arena.h"
#include "core/url.h"
#include "db/db.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"
#include "team/pages.h"

int64_t team_person_param(const struct req *rq)
{
	char *end;
	long long id = strtoll(req_param(rq, "id"), &end, 10);
	return *end || id <= 0 ? 0 : (int64_t)id;
}

static const char *person_href(const struct team_edit *e)
{
	return url_path(e->rq->arena, "/admin/people/", arena_printf(e->rq->arena, "%lld", (long long)e->p.id));
}

const char *team_subject(const struct team_edit *e)
{
	return arena_printf(e->rq->arena, "person:%lld", (long long)e->p.id);
}

struct form_field *team_fields(const struct req *rq, const struct form_field *fields, size_t n)
{
	struct form_field *f = arena_alloc(rq->arena, n * sizeof(*f));
	memcpy(f, fields, n * sizeof(*f));
	return f;
}

static void render(struct resp *rs, struct team_edit *e)
{
	struct req *rq = e->rq;
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = e->title, .caption = e->p.name, .back_href = person_href(e),
				      .errors = e->d.errors, .nerrors = e->d.nerrors});
	if (e->outcome == EDIT_BLOCKED) {
		H_RAW(&w, "<p class=\"govuk-body\">");
		html_text(&w, e->blocked);
		H_RAW(&w, "</p>\n<p class=\"govuk-body\"><a class=\"govuk-link\"");
		H_ATTR(&w, "href", person_href(e));
		H_RAW(&w, ">Back to their page</a></p>\n");
		page_end(&w);
		return;
	}
	if (e->intro)
		e->intro(&w, e);
	H_RAW(&w, "<form method=\"post\" novalidate");
	H_ATTR(&w, "action", e->action);
	H_RAW(&w, ">\n");
	govuk_csrf(&w, rq->session->csrf);
	form_fields(&w, &e->d);
	H_RAW(&w, "<div class=\"govuk-button-group\">");
	govuk_button(&w, &(struct govuk_button){.text = e->button, .prevent_double_click = true});
	H_RAW(&w, "<a class=\"govuk-link\"");
	H_ATTR(&w, "href", person_href(e));
	H_RAW(&w, ">Cancel</a></div>\n</form>\n");
	page_end(&w);
}

/* The answer for an outcome other than EDIT_OK and EDIT_BLOCKED. */
static enum err refuse(struct resp *rs, const struct team_edit *e)
{
	switch (e->outcome) {
	case EDIT_MISSING:
		return resp_error_page(rs, 404, "Page not found", e->missing, person_href(e), "Back to their page");
	case EDIT_REFUSED:
		return resp_error_page(rs, 403, "You do not have permission to do this",
				       "Their designations are managed by the leadership of the hubs they work with, and the national team.",
				       "/admin/people", "Back to people");
	default:
		return resp_error_page(rs, 409, "They have been deactivated",
				       "Reactivate them on their page before changing their designations, accreditations or phase.",
				       person_href(e), "Back to their page");
	}
}

static enum err not_found(struct resp *rs)
{
	return resp_error_page(rs, 404, "Person not found", "There is nobody with that number.", "/admin/people", "Back to people");
}

/* What prepare decides, for a person now read: inactive people are not
 * changed here. */
static void prepare(struct team_edit *e)
{
	e->outcome = EDIT_OK;
	e->prepare(e);
	if (e->outcome == EDIT_OK && !e->p.active)
		e->outcome = EDIT_INACTIVE;
}

enum err team_edit_get(struct resp *rs, struct team_edit *e)
{
	struct team_person_lookup l = {.a = e->rq->arena, .id = e->p.id};
	if (!l.id)
		return ERR_NOT_FOUND;
	enum err err = db_transact(e->rq->db, DB_READ, team_person_read, &l);
	if (err)
		return err == ERR_NOT_FOUND ? not_found(rs) : err;
	e->p = l.p;
	prepare(e);
	if (e->outcome != EDIT_OK && e->outcome != EDIT_BLOCKED)
		return refuse(rs, e);
	form_empty(&e->form, e->rq->arena, &e->d);
	if (e->outcome == EDIT_OK && e->prefill)
		e->prefill(e);
	render(rs, e);
	return ERR_OK;
}

static enum err edit_write(struct db *db, void *ctx)
{
	struct team_edit *e = ctx;
	struct req *rq = e->rq;
	enum err err = team_person_load(db, rq->arena, e->p.id, &e->p);
	if (err)
		return err;
	prepare(e);
	form_empty(&e->form, rq->arena, &e->d);
	if (e->outcome != EDIT_OK || !form_read(&e->form, rq->form, rq->nform, rq->arena, NULL, &e->d))
		return ERR_OK;
	return e->write(db, e);
}

enum err team_edit_post(struct resp *rs, struct team_edit *e)
{
	if (!e->p.id)
		return ERR_NOT_FOUND;
	enum err err = db_transact(e->rq->db, DB_WRITE, edit_write, e);
	if (err)
		return err == ERR_NOT_FOUND ? not_found(rs) : err;
	if (e->outcome != EDIT_OK && e->outcome != EDIT_BLOCKED)
		return refuse(rs, e);
	if (e->outcome == EDIT_BLOCKED || e->d.nerrors) {
		rs->status = 400;
		render(rs, e);
		return ERR_OK;
	}
	resp_redirect(rs, 303, person_href(e));
	return ERR_OK;
}
