/*
 * register_print.c - /events/{id}/register/print?day=: the sign-in sheet
 * of a face-to-face day, to print and put by the door: the event, the day
 * and the venue, then everyone confirmed with their school and a column to
 * sign. The print style (assets/app.scss) drops the header, footer and
 * links, and repeats the table's head on every page.
 */
#include <string.h>

#include "core/arena.h"
#include "core/workdays.h"
#include "events/pages.h"
#include "events/register.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "html/register_view.h"
#include "http/request.h"

enum err events_register_print(struct req *rq, struct resp *rs)
{
	struct register_data r = {.id = events_param(rq), .want_day = req_query(rq, "day")};
	bool answered;
	enum err e = register_read(rq, rs, &r, &answered);
	if (e || answered)
		return e;
	struct arena *a = rq->arena;
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = arena_printf(a, "Sign-in sheet: %s", r.e.title), .nav = "/events",
				      .back_href = arena_printf(a, "%s?day=%s", events_href(rq, r.id, "/register"), r.day),
				      .heading = r.e.title, .caption = "Sign-in sheet", .full_width = true});
	H_RAW(&w, "<p class=\"govuk-body-l\">");
	html_text(&w, day_words(a, r.day));
	if (r.e.venue) {
		H_RAW(&w, ", ");
		html_text(&w, r.e.venue);
	}
	H_RAW(&w, "</p>\n<p class=\"govuk-body mh-no-print\">Print this page for the day (it prints without the "
		  "service's header and links). People who are not listed have not confirmed: add them on the "
		  "register afterwards.</p>\n");
	struct sign_in_row *rows = arena_alloc(a, (r.npeople + 1) * sizeof(*rows));
	size_t n = 0;
	for (size_t i = 0; i < r.npeople; i++) {
		const struct event_attendee *p = &r.people[i];
		if (p->answer && !strcmp(p->answer, "confirmed"))
			rows[n++] = (struct sign_in_row){p->name, p->school};
	}
	/* five blank rows for people who came without confirming */
	register_sign_in_sheet(&w, arena_printf(a, "Sign in: %s", day_words(a, r.day)), rows, n, 5);
	H_RAW(&w, "<p class=\"govuk-body\">");
	html_textf(&w, "%zu confirmed.", n);
	H_RAW(&w, "</p>\n");
	page_end(&w);
	return ERR_OK;
}
