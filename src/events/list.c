/*
 * list.c - /events: a person's events in the handbook's two tabs,
 * "Eligible & Upcoming" (events open to them that they have not answered,
 * with Confirm and Apologies; then those they confirmed, are waiting for,
 * or sent apologies for) and "Past" (this academic year's and last's;
 * ?past=2023 for one earlier year, with links to each of the years before);
 * and, for organisers, the events they organise, with "Create an event".
 * One read transaction.
 */
#include <stdlib.h>
#include <string.h>

#include "auth/perm.h"
#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/workdays.h"
#include "db/db.h"
#include "events/events.h"
#include "events/funded.h"
#include "events/pages.h"
#include "events/queries.h"
#include "events/rules.h"
#include "events/views.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"

struct list_view {
	struct req *rq;
	struct event *upcoming, *past, *organised;
	size_t nupcoming, npast, norganised;
	bool organiser;
	int64_t now;
	int ayear;      /* this academic year */
	int past_year;  /* the one year the Past tab shows (?past=), or 0: this and last */
	/* an LLME's funded days this academic year */
	bool llme;
	char year[8];
	struct events_tally *funded;
	size_t nfunded;
};

static enum err events_list_read(struct db *db, void *ctx)
{
	struct list_view *v = ctx;
	struct req *rq = v->rq;
	const struct session *s = rq->session;
	char today[11], from[11], to[11], unused[11];
	int year = v->ayear;
	london_from_unix(v->now, today, NULL);
	acyear_bounds(v->past_year ? v->past_year : year - 1, from, unused);
	acyear_bounds(v->past_year ? v->past_year : year, unused, to);
	enum err e = events_of_person(db, rq->arena, s->person_id, today, year, &v->upcoming, &v->nupcoming);
	if (!e)
		e = events_past_of_person(db, rq->arena, s->person_id, today, year, from, to, &v->past, &v->npast);
	v->llme = false;
	for (size_t i = 0; i < s->ngrants; i++)
		v->llme |= s->grants[i].role == ROLE_LLME;
	if (!e && v->llme) {
		char first[11], last[11];
		acyear_bounds(year, first, last);
		acyear_code(year, v->year);
		e = funded_days_of_person(db, rq->arena, s->person_id, first, last, &v->funded, &v->nfunded);
	}
	struct perm_scope sc[16];
	size_t n = perm_scopes(s->grants, s->ngrants, s->person_id, CAP_EVENTS_MANAGE, sc, 16);
	v->organiser = n > 0;
	v->norganised = 0;
	if (e || !n)
		return e;
	bool national = false;
	int64_t hubs[8], projects[8];
	size_t nh = 0, np = 0;
	for (size_t i = 0; i < n && i < 16; i++) {
		if (sc[i].kind == SCOPE_NATIONAL)
			national = true;
		else if (sc[i].kind == SCOPE_HUB && nh < 8)
			hubs[nh++] = sc[i].id;
		else if (sc[i].kind == SCOPE_PROJECT && np < 8)
			projects[np++] = sc[i].id;
	}
	return events_organised(db, rq->arena, national, hubs, nh, projects, np, &v->organised, &v->norganised);
}

/* One event of a list: its title (a link), when, and what to do. */
static void item(struct html *w, struct list_view *v, const struct event *e, bool buttons)
{
	struct req *rq = v->rq;
	H_RAW(w, "<div class=\"govuk-summary-card\"><div class=\"govuk-summary-card__title-wrapper\">"
		 "<h3 class=\"govuk-summary-card__title\"><a class=\"govuk-link\"");
	H_ATTR(w, "href", events_href(rq, e->id, NULL));
	H_RAW(w, ">");
	html_text(w, e->title);
	H_RAW(w, "</a></h3></div><div class=\"govuk-summary-card__content\">");
	govuk_summary_begin(w);
	govuk_summary_row(w, "When", events_when(rq->arena, e));
	govuk_summary_row(w, "Kind", arena_printf(rq->arena, "%s, %s", events_term_name(events_kinds, EVENTS_NKINDS, e->kind),
						  !strcmp(e->format, "online") ? "online" : "face to face"));
	govuk_summary_row_begin(w, "Your answer");
	events_answer_tag(w, e->answer);
	if (e->cancelled_at)
		H_RAW(w, " <strong class=\"govuk-tag govuk-tag--red\">Cancelled</strong>");
	govuk_summary_row_end(w);
	enum event_window win = event_window_at(e, v->now);
	if (win == EVENT_OPEN && buttons)
		govuk_summary_row(w, "Deadline", !e->answer ? events_deadline_words(rq->arena, e)
					      : !strcmp(e->format, "face_to_face")
						  ? arena_printf(rq->arena, "Change your answer by %s", events_deadline_day(rq->arena, e))
						  : "Change your answer before it starts");
	govuk_summary_end(w);
	if (win == EVENT_OPEN && buttons && !e->answer) {
		H_RAW(w, "<div class=\"govuk-button-group\"><form method=\"post\" novalidate");
		H_ATTR(w, "action", events_href(rq, e->id, "/confirm"));
		H_RAW(w, ">");
		govuk_csrf(w, rq->session->csrf);
		govuk_button(w, &(struct govuk_button){.text = event_full(e) ? "Join the waiting list" : "Confirm",
						      .prevent_double_click = true});
		H_RAW(w, "</form><a class=\"govuk-link\"");
		H_ATTR(w, "href", arena_printf(rq->arena, "%s#apologies", events_href(rq, e->id, NULL)));
		H_RAW(w, ">Apologies<span class=\"govuk-visually-hidden\"> for ");
		html_text(w, e->title);
		H_RAW(w, "</span></a></div>");
	}
	if (win == EVENT_LOCKED && !strcmp(e->format, "face_to_face") && (!e->answer || strcmp(e->answer, "confirmed")))
		govuk_warning_text(w, "You have not confirmed: do not travel to this event.");
	H_RAW(w, "</div></div>\n");
}

static void section(struct html *w, struct list_view *v, const char *heading, const struct event *list, size_t n,
		    bool (*keep)(const struct event *, int64_t), bool buttons)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += keep(&list[i], v->now);
	if (!k)
		return;
	H_RAW(w, "<h2 class=\"govuk-heading-m\">");
	html_text(w, heading);
	H_RAW(w, "</h2>\n");
	for (size_t i = 0; i < n; i++)
		if (keep(&list[i], v->now))
			item(w, v, &list[i], buttons);
}

static bool needs_answer(const struct event *e, int64_t now)
{
	return !e->answer && event_window_at(e, now) == EVENT_OPEN;
}
static bool confirmed(const struct event *e, int64_t now)
{
	(void)now;
	return e->answer && !strcmp(e->answer, "confirmed");
}
static bool other(const struct event *e, int64_t now)
{
	return !needs_answer(e, now) && !confirmed(e, now);
}
static bool any(const struct event *e, int64_t now)
{
	(void)e;
	(void)now;
	return true;
}

/* The years the Past tab links to: the five before last. */
#define PAST_YEARS 6

static const char *year_code(struct arena *a, int y)
{
	char code[8];
	acyear_code(y, code);
	return arena_strdup(a, code);
}

/* The Past tab: the years shown, their events, and links to the others. */
static void past(struct html *w, struct list_view *v)
{
	struct arena *a = v->rq->arena;
	const char *recent = arena_printf(a, "%s and %s so far", year_code(a, v->ayear - 1), year_code(a, v->ayear));
	H_RAW(w, "<h2 class=\"govuk-heading-m\">");
	html_text(w, v->past_year ? arena_printf(a, "Past events of %s", year_code(a, v->past_year))
				  : arena_printf(a, "Past events of %s", recent));
	H_RAW(w, "</h2>\n");
	if (!v->npast)
		H_RAW(w, "<p class=\"govuk-body\">No past events.</p>\n");
	for (size_t i = 0; i < v->npast; i++)
		item(w, v, &v->past[i], false);
	H_RAW(w, "<h3 class=\"govuk-heading-s\">Other years</h3>\n<ul class=\"govuk-list\">");
	if (v->past_year) {
		H_RAW(w, "<li><a class=\"govuk-link\" href=\"/events#past\">");
		html_text(w, recent);
		H_RAW(w, "</a></li>");
	}
	for (int y = v->ayear - 2; y >= v->ayear - PAST_YEARS; y--) {
		if (y == v->past_year)
			continue;
		H_RAW(w, "<li><a class=\"govuk-link\"");
		H_ATTR(w, "href", arena_printf(a, "/events?past=%d#past", y));
		H_RAW(w, ">");
		html_text(w, year_code(a, y));
		H_RAW(w, "</a></li>");
	}
	H_RAW(w, "</ul>\n");
}

static void render(struct resp *rs, struct list_view *v)
{
	struct req *rq = v->rq;
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = "Your events", .nav = "/events", .banner = session_banner(rq)});
	H_RAW(&w, "<p class=\"govuk-body\">Please answer every event you are invited to: Confirm, or send your "
		  "apologies. For face-to-face events, confirm at least ten working days before the event. "
		  "Do not travel unless you have confirmed.</p>\n");
	static const struct govuk_tab tabs[] = {{"upcoming", "Eligible & Upcoming"}, {"past", "Past"}, {"organising", "Events you organise"}};
	govuk_tabs_begin(&w, "Events", tabs, v->organiser ? 3 : 2);
	govuk_tab_panel_begin(&w, &tabs[0], true);
	if (!v->nupcoming)
		H_RAW(&w, "<p class=\"govuk-body\">There are no events for you at the moment.</p>\n");
	section(&w, v, "Eligible: please answer", v->upcoming, v->nupcoming, needs_answer, true);
	section(&w, v, "Upcoming: you have confirmed", v->upcoming, v->nupcoming, confirmed, true);
	section(&w, v, "Other answers", v->upcoming, v->nupcoming, other, true);
	govuk_tab_panel_end(&w);
	govuk_tab_panel_begin(&w, &tabs[1], false);
	past(&w, v);
	govuk_tab_panel_end(&w);
	if (v->organiser) {
		govuk_tab_panel_begin(&w, &tabs[2], false);
		govuk_button(&w, &(struct govuk_button){.text = "Create an event", .href = "/events/new"});
		if (!v->norganised)
			H_RAW(&w, "<p class=\"govuk-body\">You have not organised any events yet.</p>\n");
		section(&w, v, "Latest first", v->organised, v->norganised, any, false);
		govuk_tab_panel_end(&w);
	}
	govuk_tabs_end(&w);
	H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/calendar\">Add your confirmed events to your calendar</a></p>\n");
	if (v->llme)
		events_funded_render(&w, rq->arena, v->year, v->funded, v->nfunded);
	page_end(&w);
}

enum err events_list(struct req *rq, struct resp *rs)
{
	struct list_view v = {.rq = rq, .now = clock_now()};
	char today[11];
	london_from_unix(v.now, today, NULL);
	acyear_of_date(today, &v.ayear);
	/* ?past=2023: one earlier year (anything else: this year and last) */
	const char *p = req_query(rq, "past");
	int y = p && strlen(p) == 4 && strspn(p, "0123456789") == 4 ? atoi(p) : 0;
	if (y >= v.ayear - PAST_YEARS && y <= v.ayear - 2)
		v.past_year = y;
	enum err e = db_transact(rq->db, DB_READ, events_list_read, &v);
	if (e)
		return e;
	render(rs, &v);
	return ERR_OK;
}
