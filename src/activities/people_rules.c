/* people_rules.c - see people_rules.h. Pure. */
#include "activities/people_rules.h"

#include <string.h>

#include "auth/perm.h"
#include "auth/session.h"

struct activity_run_scope activity_run_scope_of(const struct session *s, const struct activity *a,
						const struct activity_access *acc)
{
	struct activity_run_scope r = {0};
	if (!acc->run || !s || !s->person_id)
		return r;
	if (acc->manage || a->mhlm_link_id == s->person_id) {
		r.any = true;
		return r;
	}
	for (size_t i = 0; i < a->nleads; i++)
		if (a->leads[i].person_id == s->person_id) {
			r.any = true;
			return r;
		}
	for (size_t i = 0; i < a->nhubs && r.nhubs < ACTIVITY_RUN_HUBS; i++) {
		if (strcmp(a->hubs[i].role, "partner"))
			continue;
		int64_t h[1] = {a->hubs[i].hub_id};
		if (perm_allows(s->grants, s->ngrants, s->person_id, CAP_ACTIVITIES_MANAGE,
				&(struct perm_target){.hub_ids = h, .nhubs = 1}))
			r.hubs[r.nhubs++] = h[0];
	}
	return r;
}

bool activity_run_covers(const struct activity_run_scope *r, int64_t hub_id)
{
	if (r->any)
		return true;
	for (size_t i = 0; hub_id && i < r->nhubs; i++)
		if (r->hubs[i] == hub_id)
			return true;
	return false;
}

bool activity_people_cover(const struct activity_access *acc, int64_t hub_id)
{
	return acc->people && (!acc->people_hub || acc->people_hub == hub_id);
}
