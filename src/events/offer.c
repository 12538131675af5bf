/*
 * offer.c - /events/{id}/offer: a person on the waiting list who has been
 * offered a place (notify.h: events_place_freed) accepts it before the
 * offer ends; after that it has passed to the next person waiting
 * (jobs.c). Accepting is one write transaction that checks the offer is
 * still theirs and the event still open; audited and emailed with the
 * invitation (.ics).
 */
#include <string.h>

#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/workdays.h"
#include "db/db.h"
#include "events/notify.h"
#include "events/pages.h"
#include "events/queries.h"
#include "events/rules.h"
#include "events/views.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"

struct offer {
	struct req *rq;
	int64_t id, until, now;
	struct event e;
	bool accepted; /* the write: the place is theirs now */
};

static enum err offer_read(struct db *db, void *ctx)
{
	struct offer *o = ctx;
	enum err e = event_read(db, o->rq->arena, o->id, o->rq->session->person_id, &o->e);
	return e ? e : event_offer_of(db, o->id, o->rq->session->person_id, &o->until);
}

/* Whether the offer is open: theirs, not ended, the event still taking answers. */
static bool offer_open(const struct offer *o)
{
	return o->until > o->now && event_window_at(&o->e, o->now) == EVENT_OPEN;
}

static void render(struct resp *rs, struct offer *o, int status)
{
	struct req *rq = o->rq;
	struct arena *a = rq->arena;
	rs->status = status;
	struct html w = resp_html(rs);
	bool open = offer_open(o);
	const struct govuk_error err = {"accept", "The offer of this place has ended: it has been offered to the next person waiting"};
	page_begin(&w, &(struct page){.title = open ? "A place is offered to you" : "This offer has ended", .nav = "/events",
				      .crumbs = (const struct crumb[]){{"Your events", "/events"}, {o->e.title, events_href(rq, o->id, NULL)}},
				      .ncrumbs = 2, .caption = o->e.title, .errors = status == 400 ? &err : NULL,
				      .nerrors = status == 400 ? 1 : 0, .banner = session_banner(rq)});
	H_RAW(&w, "<p class=\"govuk-body\">");
	html_text(&w, events_when(a, &o->e));
	H_RAW(&w, "</p>\n");
	if (!open) {
		H_RAW(&w, "<p class=\"govuk-body\">");
		html_text(&w, o->e.answer && !strcmp(o->e.answer, "confirmed")
				      ? "You have a confirmed place at this event."
				      : "There is no place offered to you now. If you are on the waiting list, you keep your place on it.");
		H_RAW(&w, "</p>\n<p class=\"govuk-body\"><a class=\"govuk-link\"");
		H_ATTR(&w, "href", events_href(rq, o->id, NULL));
		H_RAW(&w, ">Go to the event</a></p>\n");
		page_end(&w);
		return;
	}
	char day[11], hhmm[6], words[32];
	london_from_unix(o->until, day, hhmm);
	workdays_format_day(day, words);
	H_RAW(&w, "<p class=\"govuk-body\">A place has come free and you are next on the waiting list. <strong>");
	html_textf(&w, "Accept it by %s at %s", words, hhmm);
	H_RAW(&w, "</strong> (UK time), or it is offered to the next person waiting.</p>\n");
	if (!strcmp(o->e.format, "face_to_face"))
		govuk_warning_text(&w, "Do not travel unless you have confirmed.");
	H_RAW(&w, "<form method=\"post\" novalidate");
	H_ATTR(&w, "action", events_href(rq, o->id, "/offer"));
	H_RAW(&w, ">");
	govuk_csrf(&w, rq->session->csrf);
	H_RAW(&w, "<div class=\"govuk-button-group\" id=\"accept\">");
	govuk_button(&w, &(struct govuk_button){.text = "Accept the place", .prevent_double_click = true});
	H_RAW(&w, "<a class=\"govuk-link\"");
	H_ATTR(&w, "href", arena_printf(a, "%s#apologies", events_href(rq, o->id, NULL)));
	H_RAW(&w, ">I cannot come</a></div></form>\n");
	page_end(&w);
}

enum err events_offer(struct req *rq, struct resp *rs)
{
	struct offer o = {.rq = rq, .id = events_param(rq), .now = clock_now()};
	if (!o.id)
		return events_not_found(rs);
	enum err e = db_transact(rq->db, DB_READ, offer_read, &o);
	if (e == ERR_NOT_FOUND || (!e && !o.e.answer))
		return events_not_found(rs);
	if (e)
		return e;
	render(rs, &o, 200);
	return ERR_OK;
}

static enum err accept_write(struct db *db, void *ctx)
{
	struct offer *o = ctx;
	struct req *rq = o->rq;
	o->accepted = false;
	enum err e = offer_read(db, o);
	if (e || !o->e.answer)
		return e;
	/* sent again (a second tap, the back button, another tab): the place is theirs already */
	if (!strcmp(o->e.answer, "confirmed") && event_window_at(&o->e, o->now) != EVENT_CANCELLED) {
		o->accepted = true;
		return session_flash(rq, "You have already accepted the place: it is confirmed");
	}
	if (!offer_open(o))
		return ERR_OK;
	int64_t me = rq->session->person_id;
	if ((e = event_answer_set(db, o->id, me, "confirmed", NULL, o->now, 0, NULL)) ||
	    (e = audit(db, rq, me, "event_offer_accepted", arena_printf(rq->arena, "event:%lld", (long long)o->id), o->e.title)) ||
	    (e = events_notify(db, rq->cfg, rq->arena, &o->e, me, EVENTS_TOLD_PLACE, NULL, false, 0)))
		return e;
	o->accepted = true;
	return session_flash(rq, "You have accepted the place: it is confirmed. We have emailed you the details");
}

enum err events_offer_post(struct req *rq, struct resp *rs)
{
	struct offer o = {.rq = rq, .id = events_param(rq), .now = clock_now()};
	if (!o.id)
		return events_not_found(rs);
	enum err e = db_transact(rq->db, DB_WRITE, accept_write, &o);
	if (e == ERR_NOT_FOUND || (!e && !o.e.answer))
		return events_not_found(rs);
	if (e)
		return e;
	if (!o.accepted) {
		render(rs, &o, 400);
		return ERR_OK;
	}
	resp_redirect(rs, 303, events_href(rq, o.id, NULL));
	return ERR_OK;
}
