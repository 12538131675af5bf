/* notify.c - see notify.h. Plain-text emails, each with its .ics where the
 * person's calendar has to change (ics.h). */
#include "events/notify.h"

#include <string.h>

#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/workdays.h"
#include "events/ics.h"
#include "events/join.h"
#include "events/rules.h"
#include "events/views.h"
#include "http/request.h"
#include "mail/mail.h"

/* "Tuesday 3 March 2026 at 14:30" (Europe/London). */
enum err events_notify(struct db *db, const struct config *cfg, struct arena *a, const struct event *e,
		       int64_t person_id, enum events_told what, const char *reason, bool had_place, int64_t until)
{
	const char *email, *name;
	enum err err = events_person(db, a, person_id, &email, &name);
	if (err)
		return err;
	bool f2f = !strcmp(e->format, "face_to_face");
	const char *when = events_when(a, e);
	const char *page = arena_printf(a, "%s/events/%lld", cfg->base_url, (long long)e->id);
	/* with a place at an online event: their own joining link, never the meeting's address */
	const char *join = NULL;
	bool placed = what == EVENTS_TOLD_CONFIRMED || what == EVENTS_TOLD_PLACE || what == EVENTS_TOLD_CHANGED ||
		      what == EVENTS_TOLD_REMINDER || (what == EVENTS_TOLD_SET && e->answer && !strcmp(e->answer, "confirmed"));
	if (!f2f && placed && !e->cancelled_at &&
	    (err = events_join_link(db, a, cfg->base_url, e->id, person_id, clock_now(), &join)))
		return err;
	const char *where = f2f    ? arena_printf(a, "%s, %s", e->venue ? e->venue : "", e->address ? e->address : "")
			    : join ? arena_printf(a, "Online, with your own joining link:\n%s\n" EVENTS_JOIN_ADVICE "\n\nThe event's page:", join)
				   : "Online: use your own joining link, on the event's page";
	const char *subject = NULL, *body = NULL;
	enum ics_method ics = ICS_PUBLISH; /* none */
	switch (what) {
	case EVENTS_TOLD_CONFIRMED:
	case EVENTS_TOLD_PLACE:
		subject = arena_printf(a, "%s: %s", what == EVENTS_TOLD_PLACE ? "You have accepted a place" : "You have confirmed", e->title);
		body = arena_printf(a, "Hello %s,\n\n%s\n\n%s\nWhen: %s\nWhere: %s\n%s\n\n%sThe invitation attached adds it to your calendar.\n",
				    name, what == EVENTS_TOLD_PLACE ? "You accepted the place offered to you, so your place is confirmed. If you can no longer come, send your apologies on the event's page."
								    : "Your place is confirmed.",
				    e->title, when, where, page,
				    f2f ? arena_printf(a, "You can change your answer until the end of %s.\n", events_deadline_day(a, e)) : "");
		ics = ICS_REQUEST;
		break;
	case EVENTS_TOLD_WAITING:
		subject = arena_printf(a, "You are on the waiting list: %s", e->title);
		body = arena_printf(a, "Hello %s,\n\n%s is full, so you are on its waiting list. If a place comes free before "
				       "the end of %s, it is offered to the first person waiting and we will email you.\n\n"
				       "Do not travel unless you have confirmed.\n",
				    name, e->title, events_deadline_day(a, e));
		break;
	case EVENTS_TOLD_APOLOGIES:
		subject = arena_printf(a, "Apologies received: %s", e->title);
		body = arena_printf(a, "Hello %s,\n\nWe have your apologies for %s (%s).%s\n", name, e->title, when,
				    had_place ? "\nYour place has been given up; the cancellation attached removes it from your calendar." : "");
		ics = had_place ? ICS_CANCEL : ICS_PUBLISH;
		break;
	case EVENTS_TOLD_SET:
		subject = arena_printf(a, "Your answer has been changed: %s", e->title);
		body = arena_printf(a, "Hello %s,\n\nAn organiser of %s (%s) has changed your answer to: %s.\nTheir reason: %s\n%s",
				    name, e->title, when, events_answer_name(e->answer), reason ? reason : "",
				    placed ? arena_printf(a, "\nWhen: %s\nWhere: %s\n%s\n\nThe invitation attached adds it to your calendar.\n",
							  when, where, page)
					   : "");
		ics = placed ? ICS_REQUEST : had_place ? ICS_CANCEL : ICS_PUBLISH;
		break;
	case EVENTS_TOLD_REMOVED:
		subject = arena_printf(a, "Your place has been removed: %s", e->title);
		body = arena_printf(a, "Hello %s,\n\nAn organiser of %s (%s) has removed your answer.\nTheir reason: %s\n\n"
				       "Do not travel unless you have confirmed.\n", name, e->title, when, reason ? reason : "");
		ics = had_place ? ICS_CANCEL : ICS_PUBLISH;
		break;
	case EVENTS_TOLD_CANCELLED:
		subject = arena_printf(a, "Cancelled: %s", e->title);
		body = arena_printf(a, "Hello %s,\n\n%s (%s) has been cancelled.\nThe reason: %s\n", name, e->title, when,
				    reason ? reason : "");
		ics = had_place ? ICS_CANCEL : ICS_PUBLISH;
		break;
	case EVENTS_TOLD_OFFER:
		subject = arena_printf(a, "A place is offered to you: %s", e->title);
		body = arena_printf(a, "Hello %s,\n\nA place has come free at %s (%s) and you are next on the waiting list.\n\n"
				       "The place is yours if you accept it by %s (UK time):\n%s/offer\n\n"
				       "If you do not accept it by then, it is offered to the next person waiting. "
				       "Do not travel unless you have confirmed.\n",
				    name, e->title, when, london_when(a, until), page);
		break;
	case EVENTS_TOLD_CHANGED:
		subject = arena_printf(a, "Changed: %s", e->title);
		body = arena_printf(a, "Hello %s,\n\nThe details of %s, which you have confirmed, have changed.\n\nWhen: %s\n"
				       "Where: %s\n%s\n\nThe invitation attached updates your calendar.\n",
				    name, e->title, when, where, page);
		ics = ICS_REQUEST;
		break;
	case EVENTS_TOLD_REMINDER:
		subject = arena_printf(a, "Reminder: %s", e->title);
		body = arena_printf(a, "Hello %s,\n\nA reminder that you have confirmed your place at %s.\n\nWhen: %s\nWhere: %s\n%s\n\n"
				       "%sIf you can no longer come, tell the organisers.\n",
				    name, e->title, when, where, page,
				    f2f ? "Check your travel and any requirements you gave. " : "Join with your own link. ");
		break;
	}
	if (ics == ICS_PUBLISH)
		return mail_queue(db, email, subject, body, NULL);
	struct ics_person p = {email, name};
	struct mail_attachment att = {
		ics == ICS_CANCEL ? "cancel.ics" : "invitation.ics",
		ics == ICS_CANCEL ? "text/calendar; method=CANCEL; charset=UTF-8" : "text/calendar; method=REQUEST; charset=UTF-8",
		events_ics(a, cfg, e, ics, &p, join)};
	return mail_queue_attach(db, email, subject, body, NULL, &att);
}

enum err events_place_freed(struct db *db, const struct config *cfg, const struct req *rq, struct arena *a,
			    const struct event *e, int64_t now)
{
	if (!e->capacity || event_window_at(e, now) != EVENT_OPEN)
		return ERR_OK;
	int64_t taken, next;
	enum err err = event_places_held(db, e->id, &taken);
	while (!err && taken < e->capacity) {
		if ((err = event_next_unoffered(db, e->id, &next)) || !next)
			break;
		int64_t until = now + EVENTS_OFFER_SECONDS, closes = event_closes_at(e);
		if (until > closes)
			until = closes;
		if ((err = event_offer(db, e->id, next, until)) ||
		    (err = audit(db, rq, rq && rq->session ? rq->session->person_id : 0, "event_place_offered",
				 arena_printf(a, "event:%lld", (long long)e->id),
				 arena_printf(a, "person:%lld until %lld", (long long)next, (long long)until))) ||
		    (err = events_notify(db, cfg, a, e, next, EVENTS_TOLD_OFFER, NULL, false, until)))
			break;
		taken++;
	}
	return err;
}

enum err events_changed(struct db *db, const struct config *cfg, const struct req *rq, struct arena *a, int64_t id,
			int64_t now)
{
	struct event e;
	struct event_answer *answers;
	size_t n;
	enum err err = event_read(db, a, id, 0, &e);
	if (err || (err = event_answers(db, a, id, &answers, &n)))
		return err;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(answers[i].answer, "confirmed") &&
		    (err = events_notify(db, cfg, a, &e, answers[i].person_id, EVENTS_TOLD_CHANGED, NULL, true, 0)))
			return err;
	return events_place_freed(db, cfg, rq, a, &e, now);
}
