/*
 * access.c - who may do what with an activity's HAPPI form (view.h). The
 * handbook: the LLME writes it "with an assigned link from their Maths Hub
 * Leadership and Management Team" (the activity's MHLM link), who reviews
 * it; the NCP's Project Lead is consulted, and national reporting reads it.
 */
#include "auth/perm.h"
#include "auth/session.h"
#include "happi/view.h"

struct happi_access happi_access_of(const struct session *s, const struct activity *a,
				    const struct activity_access *acc)
{
	struct happi_access h = {0};
	if (!s || !s->person_id)
		return h;
	bool lead = false;
	for (size_t i = 0; i < a->nleads; i++)
		lead |= a->leads[i].person_id == s->person_id;
	bool link = a->mhlm_link_id && a->mhlm_link_id == s->person_id;
	/* the national team, and the NCP's own national roles (its Project Lead) */
	bool national = a->project_id && perm_allows(s->grants, s->ngrants, s->person_id, CAP_ACTIVITIES_READ,
						     &(struct perm_target){.project_id = a->project_id});
	if (!a->project_id)
		national = perm_scope(s->grants, s->ngrants, CAP_ACTIVITIES_READ) == SCOPE_NATIONAL;
	h.write = lead || acc->manage;
	h.review = link || acc->manage;
	h.read = h.write || h.review || acc->run || (national && acc->see);
	h.qa = h.review || (national && acc->see);
	return h;
}
