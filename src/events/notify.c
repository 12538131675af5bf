/* notify.c - see notify.h. Plain-text emails; the .ics invitation comes with a later part. */
#include "events/notify.h"

#include <string.h>

#include "auth/audit.h"
#include "core/arena.h"
#include "core/config.h"
#include "events/rules.h"
#include "events/views.h"
#include "http/request.h"
#include "mail/mail.h"

enum err events_notify(struct db *db, struct arena *a, const struct event *e, int64_t person_id, enum events_told what,
		       const char *reason)
{
	const char *email, *name;
	enum err err = events_person(db, a, person_id, &email, &name);
	if (err)
		return err;
	bool f2f = !strcmp(e->format, "face_to_face");
	const char *when = events_when(a, e);
	const char *where = f2f ? arena_printf(a, "%s, %s", e->venue ? e->venue : "", e->address ? e->address : "")
				: "Online: use your own joining link, on the event's page";
	const char *subject = NULL, *body = NULL;
	switch (what) {
	case EVENTS_TOLD_CONFIRMED:
	case EVENTS_TOLD_PLACE:
		subject = arena_printf(a, "%s: %s", what == EVENTS_TOLD_PLACE ? "A place has come up for you" : "You have confirmed", e->title);
		body = arena_printf(a, "Hello %s,\n\n%s\n\n%s\nWhen: %s\nWhere: %s\n\n%s",
				    name, what == EVENTS_TOLD_PLACE ? "A place came free and you were first on the waiting list, so your place is confirmed. If you can no longer come, send your apologies on the event's page."
								    : "Your place is confirmed.",
				    e->title, when, where,
				    f2f ? arena_printf(a, "You can change your answer until the end of %s.\n", events_deadline_day(a, e)) : "");
		break;
	case EVENTS_TOLD_WAITING:
		subject = arena_printf(a, "You are on the waiting list: %s", e->title);
		body = arena_printf(a, "Hello %s,\n\n%s is full, so you are on its waiting list. If a place comes free before "
				       "the end of %s, it is given to the first person waiting and we will email you.\n\n"
				       "Do not travel unless you have confirmed.\n",
				    name, e->title, events_deadline_day(a, e));
		break;
	case EVENTS_TOLD_APOLOGIES:
		subject = arena_printf(a, "Apologies received: %s", e->title);
		body = arena_printf(a, "Hello %s,\n\nWe have your apologies for %s (%s).\n", name, e->title, when);
		break;
	case EVENTS_TOLD_SET:
		subject = arena_printf(a, "Your answer has been changed: %s", e->title);
		body = arena_printf(a, "Hello %s,\n\nAn organiser of %s (%s) has changed your answer to: %s.\nTheir reason: %s\n",
				    name, e->title, when, events_answer_name(e->answer), reason ? reason : "");
		break;
	case EVENTS_TOLD_REMOVED:
		subject = arena_printf(a, "Your place has been removed: %s", e->title);
		body = arena_printf(a, "Hello %s,\n\nAn organiser of %s (%s) has removed your answer.\nTheir reason: %s\n\n"
				       "Do not travel unless you have confirmed.\n", name, e->title, when, reason ? reason : "");
		break;
	case EVENTS_TOLD_CANCELLED:
		subject = arena_printf(a, "Cancelled: %s", e->title);
		body = arena_printf(a, "Hello %s,\n\n%s (%s) has been cancelled.\nThe reason: %s\n", name, e->title, when,
				    reason ? reason : "");
		break;
	}
	return mail_queue(db, email, subject, body, NULL);
}

enum err events_place_freed(struct db *db, const struct req *rq, const struct event *e, int64_t now)
{
	if (!e->capacity || event_window_at(e, now) != EVENT_OPEN)
		return ERR_OK;
	int64_t confirmed, next;
	enum err err = event_count(db, e->id, "confirmed", &confirmed);
	if (err || confirmed >= e->capacity || (err = event_next_waiting(db, e->id, &next)) || !next)
		return err;
	if ((err = event_answer_set(db, e->id, next, "confirmed", NULL, now, 0, NULL)) ||
	    (err = audit(db, rq, 0, "event_place_given", arena_printf(rq->arena, "event:%lld", (long long)e->id),
			 arena_printf(rq->arena, "person:%lld", (long long)next))))
		return err;
	return events_notify(db, rq->arena, e, next, EVENTS_TOLD_PLACE, NULL);
}
