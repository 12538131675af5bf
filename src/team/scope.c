/* scope.c - see scope.h. */
#include "team/scope.h"

#include "auth/session.h"
#include "core/acyear.h"
#include "core/clock.h"
#include "http/request.h"
#include "team/queries.h"

bool team_may(const struct req *rq, enum capability cap, int64_t hub_id)
{
	const struct session *s = rq->session;
	struct perm_target t = {.hub_ids = &hub_id, .nhubs = 1};
	return s && perm_allows(s->grants, s->ngrants, s->person_id, cap, &t);
}

bool team_may_person(const struct req *rq, const struct team_person *p)
{
	if (team_may(rq, CAP_DESIGNATIONS_MANAGE, 0))
		return true; /* national: hub 0 is in no hub's scope */
	for (size_t i = 0; i < p->nroles; i++)
		if (team_role(p->roles[i].role) && team_may(rq, CAP_DESIGNATIONS_MANAGE, p->roles[i].hub_id))
			return true;
	return false;
}

bool team_role(enum role r)
{
	return r == ROLE_MHL || r == ROLE_AMHL || r == ROLE_HUB_MANAGER || r == ROLE_LLME;
}

int team_year_now(void)
{
	char today[11];
	int year = 2000;
	clock_today(today);
	acyear_of_date(today, &year);
	return year;
}
