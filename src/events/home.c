/*
 * home.c - the events' part of a signed-in person's home page: the events
 * open to them that they have not answered yet and can still answer, each
 * with its deadline and a link to it. Read in the home page's one read
 * transaction (module.h, struct home_part).
 */
#include <string.h>

#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/workdays.h"
#include "db/db.h"
#include "events/pages.h"
#include "events/queries.h"
#include "events/rules.h"
#include "events/views.h"
#include "html/html.h"
#include "http/request.h"
#include "module.h"

struct home_events {
	int64_t now;
	struct event *list;
	size_t n;
};

enum err events_home_read(struct db *db, struct req *rq, void **out)
{
	struct home_events *h = arena_alloc(rq->arena, sizeof(*h));
	h->now = clock_now();
	char today[11];
	int year = 0;
	london_from_unix(h->now, today, NULL);
	acyear_of_date(today, &year);
	enum err e = events_of_person(db, rq->arena, rq->session->person_id, today, year, &h->list, &h->n);
	*out = h;
	return e;
}

void events_home_render(struct html *w, struct req *rq, const void *data)
{
	const struct home_events *h = data;
	size_t k = 0;
	for (size_t i = 0; i < h->n; i++)
		k += !h->list[i].answer && event_window_at(&h->list[i], h->now) == EVENT_OPEN;
	if (!k)
		return;
	H_RAW(w, "<div class=\"govuk-inset-text\" id=\"events-to-answer\"><h2 class=\"govuk-heading-m\">");
	html_text(w, k == 1 ? "An event needs your answer" : "Events that need your answer");
	H_RAW(w, "</h2>\n<ul class=\"govuk-list govuk-list--spaced\">");
	for (size_t i = 0; i < h->n; i++) {
		const struct event *e = &h->list[i];
		if (e->answer || event_window_at(e, h->now) != EVENT_OPEN)
			continue;
		H_RAW(w, "<li><a class=\"govuk-link\"");
		H_ATTR(w, "href", events_href(rq, e->id, NULL));
		H_RAW(w, ">");
		html_text(w, e->title);
		H_RAW(w, "</a><br><span class=\"govuk-body-s\">");
		html_text(w, events_when(rq->arena, e));
		H_RAW(w, ". <strong>");
		html_text(w, events_deadline_words(rq->arena, e));
		H_RAW(w, "</strong></span></li>");
	}
	H_RAW(w, "</ul>\n<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/events\">All your events</a></p></div>\n");
}
