/* person_edit.c - see pages.h: the team's form pages about one person (a
 * designation, an accreditation, an AMHL's phase), as form_pages whose
 * subject is a team member. */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/url.h"
#include "db/db.h"
#include "http/request.h"
#include "team/pages.h"

int64_t team_person_param(const struct req *rq)
{
	return req_param_id(rq, "id");
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

static enum err load(struct db *db, struct form_page *fp)
{
	struct team_edit *e = fp->ctx;
	return team_person_load(db, e->rq->arena, e->p.id, &e->p);
}

/* The page's prepare, for a person now read: inactive people are not
 * changed here. */
static void prepare(struct form_page *fp)
{
	struct team_edit *e = fp->ctx;
	fp->caption = e->p.name;
	fp->back_href = person_href(e);
	e->prepare(e);
	if (fp->outcome == FORM_PAGE_OK && !e->p.active)
		fp->outcome = EDIT_INACTIVE;
}

static void prefill(struct form_page *fp)
{
	struct team_edit *e = fp->ctx;
	if (e->prefill)
		e->prefill(e);
}

static void intro(struct html *w, struct form_page *fp)
{
	struct team_edit *e = fp->ctx;
	if (e->intro)
		e->intro(w, e);
}

static enum err write(struct db *db, struct form_page *fp)
{
	struct team_edit *e = fp->ctx;
	return e->write(db, e);
}

static enum err refuse(struct resp *rs, struct form_page *fp)
{
	struct team_edit *e = fp->ctx;
	switch (fp->outcome) {
	case FORM_PAGE_MISSING:
		return resp_error_page(rs, 404, "Person not found", "There is nobody with that number.", "/admin/people", "Back to people");
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

/* The form page around e. */
static struct form_page *page_of(struct team_edit *e)
{
	e->fp.rq = e->rq;
	e->fp.name = "team_person";
	e->fp.ctx = e;
	e->fp.load = load;
	e->fp.prepare = prepare;
	e->fp.prefill = prefill;
	e->fp.intro = intro;
	e->fp.write = write;
	e->fp.refuse = refuse;
	return &e->fp;
}

enum err team_edit_get(struct resp *rs, struct team_edit *e)
{
	return e->p.id ? form_page_get(rs, page_of(e)) : ERR_NOT_FOUND;
}

enum err team_edit_post(struct resp *rs, struct team_edit *e)
{
	return e->p.id ? form_page_post(rs, page_of(e)) : ERR_NOT_FOUND;
}
