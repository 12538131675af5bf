/*
 * home.c - the activities' part of a signed-in person's home page: the
 * sessions of the next 14 days of the activities they lead or take part in,
 * each with when, where and a link to it. Read in the home page's one read
 * transaction (module.h, struct home_part), as the events' part is.
 */
#include "activities/sessions.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "html/html.h"

/* How far ahead the home page looks. */
#define NEXT_DAYS 14

struct home_sessions {
	struct next_session *list;
	size_t n;
};

enum err activities_home_read(struct db *db, struct req *rq, void **out)
{
	struct home_sessions *h = arena_alloc(rq->arena, sizeof(*h));
	*h = (struct home_sessions){0};
	*out = h;
	int64_t now = clock_now();
	return sessions_next(db, rq->arena, rq->session->person_id, now, now + NEXT_DAYS * 86400, &h->list, &h->n);
}

void activities_home_render(struct html *w, struct req *rq, const void *data)
{
	const struct home_sessions *h = data;
	if (!h->n)
		return;
	H_RAW(w, "<div class=\"govuk-inset-text\" id=\"next-sessions\"><h2 class=\"govuk-heading-m\">");
	html_text(w, h->n == 1 ? "Your next session" : "Your next sessions");
	H_RAW(w, "</h2>\n<ul class=\"govuk-list govuk-list--spaced\">");
	for (size_t i = 0; i < h->n; i++) {
		const struct next_session *s = &h->list[i];
		struct activity_session as = {.starts_at = s->starts_at, .ends_at = s->ends_at, .format = s->format,
					      .venue = s->venue};
		H_RAW(w, "<li><a class=\"govuk-link\"");
		H_ATTR(w, "href", sessions_href(rq, s->id, NULL));
		H_RAW(w, ">");
		html_text(w, s->title);
		H_RAW(w, "</a><br><span class=\"govuk-body-s\">");
		html_text(w, session_when(rq->arena, &as));
		H_RAW(w, ". ");
		html_text(w, session_where(rq->arena, &as));
		html_text(w, s->leads ? ". You lead it." : ".");
		H_RAW(w, "</span></li>");
	}
	H_RAW(w, "</ul></div>\n");
}
