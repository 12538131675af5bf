/* person.c - see person.h. */
#include "admin/person.h"

#include <stdlib.h>

#include "auth/perm.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/url.h"
#include "http/request.h"

/* Where role g sits, as perm_allows sees a record: its hub, project or
 * school; a role with none of them (national, a participant added by the
 * national team) sits where only a national scope reaches. */
static struct perm_target grant_target(const struct grant_row *g)
{
	return (struct perm_target){.school_urn = g->urn, .project_id = g->project_id,
				    .hub_ids = g->hub_id ? &g->hub_id : NULL, .nhubs = g->hub_id ? 1 : 0};
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
	}
	a.roles = a.read && perm_scope(s->grants, s->ngrants, CAP_ROLES_MANAGE) == SCOPE_NATIONAL;
	return a;
}

int64_t person_param(const struct req *rq)
{
	char *end;
	long long id = strtoll(req_param(rq, "id"), &end, 10);
	return *end || id <= 0 ? 0 : (int64_t)id;
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
