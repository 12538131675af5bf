/*
 * register.c - /events/{id}/register: an organiser takes the register of
 * one of the event's days on a phone (one person a row, four large radios:
 * present, late, absent, apologies given in advance; the save button stays
 * in view) and saves it in one write transaction, audited. What the
 * attendance pages share (register.h) is here too.
 */
#include "events/register.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/url.h"
#include "core/workdays.h"
#include "db/db.h"
#include "events/events.h"
#include "events/pages.h"
#include "events/rules.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "html/register_view.h"
#include "http/request.h"

const struct events_term events_statuses[EVENTS_NSTATUSES] = {
	{"present", "Present"}, {"late", "Late"}, {"absent", "Absent"}, {"apologies", "Apologies"},
};

const char *register_status_name(const char *status)
{
	return status ? events_term_name(events_statuses, EVENTS_NSTATUSES, status) : "Not marked";
}

const char *register_source_words(struct arena *a, const struct event_mark *m)
{
	const char *how = !strcmp(m->source, "link")	? "Joined by their link"
			  : !strcmp(m->source, "report") ? "From the meeting's participant report"
			  : m->recorded_by		 ? arena_printf(a, "Marked by %s", m->recorded_by)
							 : "Marked on the register";
	if (m->minutes >= 0)
		how = arena_printf(a, "%s: %lld minute%s", how, (long long)m->minutes, m->minutes == 1 ? "" : "s");
	if (m->note)
		how = arena_printf(a, "%s. Note: %s", how, m->note);
	return how;
}

const struct event_mark *register_mark(const struct register_data *r, int64_t person_id, const char *day)
{
	for (size_t i = 0; i < r->nmarks; i++)
		if (r->marks[i].person_id == person_id && !strcmp(r->marks[i].day, day))
			return &r->marks[i];
	return NULL;
}

bool register_lists(const struct register_data *r, const struct event_attendee *p)
{
	if (p->answer && (!strcmp(p->answer, "confirmed") || !strcmp(p->answer, "apologies")))
		return true;
	for (size_t i = 0; i < r->nmarks; i++)
		if (r->marks[i].person_id == p->person_id)
			return true;
	return false;
}

static bool is_day(const struct event *e, const char *day)
{
	for (size_t i = 0; day && i < e->ndays; i++)
		if (!strcmp(e->days[i].day, day))
			return true;
	return false;
}

static enum err read_body(struct db *db, struct register_data *r)
{
	struct req *rq = r->rq;
	r->people = NULL;
	r->npeople = r->nmarks = 0;
	r->marks = NULL;
	enum err e = event_read(db, rq->arena, r->id, rq->session->person_id, &r->e); /* for event_visible */
	if (e)
		return e;
	r->organiser = event_organiser(rq->session, &r->e);
	if (!r->organiser)
		return ERR_OK;
	r->day = r->want_day;
	if (!r->day) {
		char today[11];
		london_from_unix(clock_now(), today, NULL);
		r->day = is_day(&r->e, today) ? arena_strdup(rq->arena, today) : r->e.ndays ? r->e.days[0].day : NULL;
	}
	if (!is_day(&r->e, r->day))
		return ERR_OK;
	if ((e = event_attendees(db, rq->arena, r->id, &r->people, &r->npeople)))
		return e;
	return event_marks(db, rq->arena, r->id, r->all_days ? NULL : r->day, &r->marks, &r->nmarks);
}

static enum err register_read_txn(struct db *db, void *ctx)
{
	return read_body(db, ctx);
}

enum err register_read(struct req *rq, struct resp *rs, struct register_data *r, bool *answered)
{
	*answered = true;
	if (!r->id)
		return events_not_found(rs);
	r->rq = rq;
	enum err e = db_transact_named(rq->db, DB_READ, "register_read", register_read_txn, r);
	if (e == ERR_NOT_FOUND)
		return events_not_found(rs);
	if (e)
		return e;
	if (!r->organiser && !event_visible(rq->session, &r->e))
		return events_not_found(rs);
	if (!r->organiser)
		return resp_error_page(rs, 403, "Only the event's organisers can see its register",
				       "Registers and attendance are for the organisers of the event.",
				       events_href(rq, r->id, NULL), "The event's page");
	if (!is_day(&r->e, r->day))
		return resp_error_page(rs, 404, "Day not found", "The event is not on that day.",
				       events_href(rq, r->id, "/register"), "The register");
	*answered = false;
	return ERR_OK;
}

/* ---- the page ---- */

static const char *day_href(struct req *rq, int64_t id, const char *then, const char *day)
{
	return arena_printf(rq->arena, "%s?day=%s", events_href(rq, id, then), day);
}

static void render(struct resp *rs, struct register_data *r, const struct govuk_error *errors, size_t nerrors)
{
	struct req *rq = r->rq;
	struct arena *a = rq->arena;
	const struct event *e = &r->e;
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = "Register", .nav = "/events",
				      .crumbs = (const struct crumb[]){{"Your events", "/events"},
								       {e->title, events_href(rq, r->id, NULL)}},
				      .ncrumbs = 2, .caption = e->title, .errors = errors, .nerrors = nerrors,
				      .banner = session_banner(rq)});
	H_RAW(&w, "<p class=\"govuk-body-l\">");
	html_text(&w, day_words(a, r->day));
	H_RAW(&w, "</p>\n");
	if (e->ndays > 1) {
		H_RAW(&w, "<nav aria-label=\"Days\"><ul class=\"govuk-list mh-days\">");
		for (size_t i = 0; i < e->ndays; i++) {
			H_RAW(&w, "<li>");
			if (!strcmp(e->days[i].day, r->day)) {
				H_RAW(&w, "<strong>");
				html_text(&w, day_words(a, e->days[i].day));
				H_RAW(&w, "</strong>");
			} else {
				H_RAW(&w, "<a class=\"govuk-link\"");
				H_ATTR(&w, "href", day_href(rq, r->id, "/register", e->days[i].day));
				H_RAW(&w, ">");
				html_text(&w, day_words(a, e->days[i].day));
				H_RAW(&w, "</a>");
			}
			H_RAW(&w, "</li>");
		}
		H_RAW(&w, "</ul></nav>\n");
	}
	long counts[EVENTS_NSTATUSES + 1] = {0}, n = 0;
	for (size_t i = 0; i < r->npeople; i++) {
		if (!register_lists(r, &r->people[i]))
			continue;
		n++;
		const struct event_mark *m = register_mark(r, r->people[i].person_id, r->day);
		size_t k = EVENTS_NSTATUSES;
		for (size_t s = 0; m && s < EVENTS_NSTATUSES; s++)
			if (!strcmp(m->status, events_statuses[s].key))
				k = s;
		counts[k]++;
	}
	H_RAW(&w, "<p class=\"govuk-body\">");
	html_textf(&w, "%ld %s: %ld present, %ld late, %ld absent, %ld apologies, %ld not marked.", n,
		   n == 1 ? "person" : "people", counts[0], counts[1], counts[2], counts[3], counts[4]);
	H_RAW(&w, "</p>\n<ul class=\"govuk-list\">");
	bool f2f = !strcmp(e->format, "face_to_face");
	struct {
		const char *text, *href;
	} links[] = {
		{"Add someone who joined on another device", arena_printf(a, "%s?day=%s", events_href(rq, r->id, "/attendance/add"), r->day)},
		{f2f ? "Print a sign-in sheet" : NULL, day_href(rq, r->id, "/register/print", r->day)},
		{"Upload a participant report (Zoom)", events_href(rq, r->id, "/report")},
		{"Download the register (CSV)", events_href(rq, r->id, "/register.csv")},
		{"Download the register (Excel)", events_href(rq, r->id, "/register.xlsx")},
	};
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		if (!links[i].text)
			continue;
		H_RAW(&w, "<li><a class=\"govuk-link\"");
		H_ATTR(&w, "href", links[i].href);
		H_RAW(&w, ">");
		html_text(&w, links[i].text);
		H_RAW(&w, "</a></li>");
	}
	H_RAW(&w, "</ul>\n");
	if (!n) {
		H_RAW(&w, "<p class=\"govuk-body\">Nobody has confirmed yet.</p>\n");
		page_end(&w);
		return;
	}
	H_RAW(&w, "<form method=\"post\" novalidate class=\"mh-register\"");
	H_ATTR(&w, "action", events_href(rq, r->id, "/register"));
	H_RAW(&w, ">");
	govuk_csrf(&w, rq->session->csrf);
	H_RAW(&w, "<input type=\"hidden\" name=\"day\"");
	H_ATTR(&w, "value", r->day);
	H_RAW(&w, ">\n");
	for (size_t i = 0; i < r->npeople; i++) {
		const struct event_attendee *p = &r->people[i];
		if (!register_lists(r, p))
			continue;
		const struct event_mark *m = register_mark(r, p->person_id, r->day);
		const char *status = m ? m->status : p->answer && !strcmp(p->answer, "apologies") ? "apologies" : NULL;
		struct govuk_choice items[EVENTS_NSTATUSES];
		for (size_t s = 0; s < EVENTS_NSTATUSES; s++)
			items[s] = (struct govuk_choice){events_statuses[s].key, events_statuses[s].name,
							 status && !strcmp(status, events_statuses[s].key)};
		const char *name = arena_printf(a, "status-%lld", (long long)p->person_id);
		const char *how = m ? register_source_words(a, m)
				    : p->answer && !strcmp(p->answer, "apologies") ? "Sent apologies before the event (not saved yet)" : NULL;
		register_row(&w, name, p->school ? arena_printf(a, "%s, %s", p->name, p->school) : p->name, items,
			     EVENTS_NSTATUSES, govuk_error_for(errors, nerrors, name), how, false);
	}
	register_save(&w);
	H_RAW(&w, "</form>\n");
	page_end(&w);
}

enum err events_register(struct req *rq, struct resp *rs)
{
	struct register_data r = {.id = events_param(rq), .want_day = req_query(rq, "day")};
	bool answered;
	enum err e = register_read(rq, rs, &r, &answered);
	if (e || answered)
		return e;
	render(rs, &r, NULL, 0);
	return ERR_OK;
}

/* ---- saving ---- */

struct register_save {
	struct register_data r;
	struct govuk_error *errors;
	size_t nerrors;
	long changed;
};

static enum err register_write(struct db *db, void *ctx)
{
	struct register_save *s = ctx;
	struct register_data *r = &s->r;
	struct req *rq = r->rq;
	struct arena *a = rq->arena;
	s->nerrors = 0;
	s->changed = 0;
	enum err e = read_body(db, r);
	if (e || !r->organiser || !is_day(&r->e, r->day))
		return e;
	int64_t now = clock_now(), me = rq->session->person_id;
	s->errors = arena_alloc(a, (r->npeople + 1) * sizeof(*s->errors));
	/* every status field names someone on the register and a status */
	for (size_t i = 0; i < rq->nform; i++) {
		const char *k = rq->form[i].name;
		if (strncmp(k, "status-", 7))
			continue;
		char *end;
		long long pid = strtoll(k + 7, &end, 10);
		bool listed = false;
		for (size_t j = 0; !*end && j < r->npeople; j++)
			if (r->people[j].person_id == pid && register_lists(r, &r->people[j]))
				listed = true;
		if (!listed) {
			s->errors[0] = (struct govuk_error){"day", "Someone in the form is not on this register: reload the page"};
			s->nerrors = 1;
			return ERR_OK;
		}
	}
	const char **want = arena_alloc(a, (r->npeople + 1) * sizeof(*want));
	for (size_t i = 0; i < r->npeople; i++) {
		const struct event_attendee *p = &r->people[i];
		want[i] = NULL;
		if (!register_lists(r, p))
			continue;
		const char *name = arena_printf(a, "status-%lld", (long long)p->person_id);
		const char *v = req_form(rq, name);
		if (!v || !v[0])
			continue;
		if (events_term_name(events_statuses, EVENTS_NSTATUSES, v) == v)
			s->errors[s->nerrors++] = (struct govuk_error){name, arena_printf(a, "Choose present, late, absent or apologies for %s", p->name)};
		want[i] = v;
	}
	if (s->nerrors)
		return ERR_OK; /* nothing written */
	for (size_t i = 0; i < r->npeople; i++) {
		const struct event_mark *m = register_mark(r, r->people[i].person_id, r->day);
		if (!want[i] || (m && !strcmp(m->status, want[i])))
			continue;
		if ((e = event_mark_set(db, r->id, r->people[i].person_id, r->day, want[i], m ? m->minutes : -1, "register",
					m ? m->note : NULL, me, now)))
			return e;
		s->changed++;
	}
	if (!s->changed)
		return session_flash_note(rq, "Nothing was changed");
	if ((e = audit(db, rq, me, "event_register_saved", arena_printf(a, "event:%lld", (long long)r->id),
		       arena_printf(a, "%s: %ld marked", r->day, s->changed))))
		return e;
	return session_flash(rq, arena_printf(a, "Register saved: %ld %s", s->changed, s->changed == 1 ? "change" : "changes"));
}

enum err events_register_post(struct req *rq, struct resp *rs)
{
	struct register_save s = {.r = {.rq = rq, .id = events_param(rq), .want_day = req_form(rq, "day")}};
	if (!s.r.id || !s.r.want_day)
		return events_not_found(rs);
	enum err e = db_transact_named(rq->db, DB_WRITE, "register_write", register_write, &s);
	if (e == ERR_NOT_FOUND)
		return events_not_found(rs);
	if (e)
		return e;
	if (!s.r.organiser || !is_day(&s.r.e, s.r.day)) {
		bool answered;
		return register_read(rq, rs, &s.r, &answered);
	}
	if (s.nerrors) {
		rs->status = 400;
		render(rs, &s.r, s.errors, s.nerrors);
		return ERR_OK;
	}
	resp_redirect(rs, 303, day_href(rq, s.r.id, "/register", s.r.day));
	return ERR_OK;
}
