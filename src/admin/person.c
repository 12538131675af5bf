/* person.c - see person.h. */
#include "admin/person.h"

#include <stdlib.h>

#include "auth/perm.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/url.h"
#include "db/db.h"
#include "http/request.h"
#include "registry/registry.h"

/* Where role g sits, as perm_allows sees a record: its hub, project or
 * school; a role with none of them (national, a participant added by the
 * national team) sits where only a national scope reaches. */
static struct perm_target grant_target(const struct grant_row *g)
{
	return (struct perm_target){.school_urn = g->urn, .project_id = g->project_id,
				    .hub_ids = g->hub_id ? &g->hub_id : NULL, .nhubs = g->hub_id ? 1 : 0};
}

/* Whether s may control the account of someone holding role g: any role
 * but a hub's leadership; a leadership role only for the national team,
 * or for the hub's own Maths Hub Lead when it is an AMHL or hub manager
 * (else an AMHL could take over the MHL's account by changing its email
 * address). */
static bool leadership_ok(const struct session *s, const struct grant_row *g)
{
	if (g->role != ROLE_MHL && g->role != ROLE_AMHL && g->role != ROLE_HUB_MANAGER)
		return true;
	if (perm_scope(s->grants, s->ngrants, CAP_PEOPLE_EDIT) == SCOPE_NATIONAL)
		return true;
	for (size_t i = 0; i < s->ngrants && g->role != ROLE_MHL; i++)
		if (s->grants[i].role == ROLE_MHL && s->grants[i].hub_id == g->hub_id)
			return true;
	return false;
}

struct person_access person_access_of(const struct session *s, int64_t id, const struct grant_row *grants, size_t n)
{
	struct person_access a = {.self = s->person_id == id};
	int64_t hubs[32];
	size_t nhubs = 0;
	for (size_t i = 0; i < n && nhubs < 32; i++)
		if (grants[i].hub_id)
			hubs[nhubs++] = grants[i].hub_id;
	/* the people list's scope: national, or a role in one of the hubs */
	struct perm_target any = {.hub_ids = hubs, .nhubs = nhubs};
	a.read = perm_allows(s->grants, s->ngrants, s->person_id, CAP_PEOPLE_READ, &any);
	a.edit = a.read && perm_allows(s->grants, s->ngrants, s->person_id, CAP_PEOPLE_EDIT, &any);
	a.account = a.edit;
	for (size_t i = 0; i < n && a.account; i++) {
		struct perm_target t = grant_target(&grants[i]);
		a.account = perm_allows(s->grants, s->ngrants, s->person_id, CAP_PEOPLE_EDIT, &t);
		if (a.account && !leadership_ok(s, &grants[i]))
			a.account = false, a.leadership = true;
	}
	a.roles = a.read && perm_scope(s->grants, s->ngrants, CAP_ROLES_MANAGE) == SCOPE_NATIONAL;
	return a;
}

int64_t person_param(const struct req *rq)
{
	return req_param_id(rq, "id");
}

const char *person_href(const struct req *rq, int64_t id, const char *then)
{
	return url_path(rq->arena, "/admin/people/", arena_printf(rq->arena, "%lld", (long long)id), then ? then : "");
}

enum err person_not_found(struct resp *rs)
{
	return resp_error_page(rs, 404, "Person not found", "There is nobody with that number.", "/admin/people", "Back to people");
}

enum err person_refused(struct resp *rs, const char *message)
{
	return resp_error_page(rs, 403, "You do not have permission to do this", message, "/admin/people", "Back to people");
}

static enum err edit_load(struct db *db, struct form_page *fp)
{
	struct person_edit *pe = fp->ctx;
	struct req *rq = fp->rq;
	pe->may = (struct person_access){0};
	enum err e = pe->s.id ? person_subject_load(db, &pe->s) : ERR_NOT_FOUND;
	if (e)
		return e;
	pe->may = person_access_of(rq->session, pe->s.id, pe->s.grants, pe->s.ngrants);
	fp->caption = pe->s.person.name;
	fp->back_href = person_href(rq, pe->s.id, NULL);
	fp->action = person_href(rq, pe->s.id, pe->then);
	return ERR_OK;
}

static enum err edit_refuse(struct resp *rs, struct form_page *fp)
{
	switch (fp->outcome) {
	case PERSON_REFUSED_NOT_YOURS:
		return person_refused(rs, PERSON_NOT_YOURS);
	case PERSON_REFUSED_NOT_ALL_YOURS:
		return person_refused(rs, PERSON_NOT_ALL_YOURS);
	case PERSON_REFUSED_LEADERSHIP:
		return person_refused(rs, PERSON_LEADERSHIP);
	case PERSON_REFUSED_SELF:
		return resp_error_page(rs, 403, "You cannot deactivate yourself",
				       "Ask your hub's leadership team or the national team.", "/account", "Go to your account");
	default:
		return person_not_found(rs);
	}
}

struct form_page *person_edit_page(struct req *rq, struct person_edit *pe, const struct form_page *page, const char *then)
{
	*pe = (struct person_edit){.fp = *page, .s = {.rq = rq, .id = person_param(rq)}, .then = then};
	pe->fp.rq = rq;
	pe->fp.ctx = pe;
	pe->fp.name = "person_subject";
	pe->fp.load = edit_load;
	pe->fp.refuse = edit_refuse;
	return &pe->fp;
}

bool person_edit_allowed(struct person_edit *pe, bool account)
{
	if (account ? pe->may.account : pe->may.edit)
		return true;
	pe->fp.outcome = !account || !pe->may.read ? PERSON_REFUSED_NOT_YOURS
			 : pe->may.leadership             ? PERSON_REFUSED_LEADERSHIP
							  : PERSON_REFUSED_NOT_ALL_YOURS;
	return false;
}

enum err person_school_read(struct db *db, const struct req *rq, struct form_data *d, size_t field, const char **urn)
{
	const struct form_value *v = &d->values[field];
	*urn = NULL;
	if (!v->text || !v->text[0])
		return ERR_OK;
	if (!v->number) { /* words typed without the picker: the one school they name */
		int64_t n;
		enum err e = school_find_one(db, rq->arena, v->text, urn, &n);
		if (e || *urn)
			return e;
		form_fail(d, field, n ? arena_printf(rq->arena, "%lld schools match \u201c%s\u201d: type more of the school's name, "
								 "or its postcode or URN", (long long)n, v->text)
				      : arena_printf(rq->arena, "No school matches \u201c%s\u201d: check the spelling, or enter the "
								 "school's postcode or URN", v->text));
		return ERR_OK;
	}
	/* the school search's choice ("Name (URN 100000), Town") or a URN typed: its URN */
	*urn = arena_printf(rq->arena, "%06lld", (long long)v->number);
	enum err e = school_exists(db, *urn);
	if (e == ERR_NOT_FOUND) {
		form_fail(d, field, "There is no school with this URN. Check it in Get Information about Schools");
		*urn = NULL;
		return ERR_OK;
	}
	return e;
}
