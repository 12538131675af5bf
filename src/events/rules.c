/* rules.c - see rules.h. */
#include "events/rules.h"

#include <string.h>

#include "auth/perm.h"
#include "auth/session.h"

int64_t event_closes_at(const struct event *e)
{
	if (!strcmp(e->format, "face_to_face") && e->confirm_by && e->confirm_by < e->starts_at)
		return e->confirm_by;
	return e->starts_at;
}

enum event_window event_window_at(const struct event *e, int64_t now)
{
	if (e->cancelled_at)
		return EVENT_CANCELLED;
	if (now >= e->starts_at)
		return EVENT_STARTED;
	if (now >= event_closes_at(e))
		return EVENT_LOCKED;
	return EVENT_OPEN;
}

bool event_organiser(const struct session *s, const struct event *e)
{
	if (!s || !s->person_id)
		return false;
	int64_t hubs[1] = {e->hub_id};
	struct perm_target t = {.project_id = e->project_id, .hub_ids = hubs, .nhubs = e->hub_id ? 1 : 0};
	return perm_allows(s->grants, s->ngrants, s->person_id, CAP_EVENTS_MANAGE, &t);
}

bool events_sees_all(const struct session *s)
{
	return s && (perm_scope(s->grants, s->ngrants, CAP_TEAM_READ) == SCOPE_NATIONAL ||
		     perm_scope(s->grants, s->ngrants, CAP_EVENTS_MANAGE) == SCOPE_NATIONAL);
}

bool event_visible(const struct session *s, const struct event *e)
{
	return e->eligible || e->answer || event_organiser(s, e) || events_sees_all(s);
}

bool event_full(const struct event *e)
{
	return e->capacity > 0 && e->nconfirmed + e->noffered >= e->capacity;
}
