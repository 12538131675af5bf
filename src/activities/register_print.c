/*
 * register_print.c - /sessions/{id}/register/print: a session's sign-in
 * sheet, to print and put by the door: the activity, the day and the
 * venue, then everyone taking part with their school and a box to sign
 * (html/register_view's sheet, as the events print theirs), and blank rows
 * for anyone not listed. Typed up as CSV afterwards, it is what the upload
 * reads (register_match.h: a signature column).
 */
#include <string.h>

#include "activities/pages.h"
#include "activities/sessions.h"
#include "core/arena.h"
#include "db/db.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "html/register_view.h"

struct sheet {
	struct session_view v;
	struct session_person *people;
	size_t npeople;
};

static enum err session_sheet_read(struct db *db, void *ctx)
{
	struct sheet *s = ctx;
	enum err e = session_view_load(db, &s->v);
	if (e || !s->v.acc.run)
		return e;
	return session_register_people(db, s->v.rq->arena, s->v.a.id, s->v.id, s->v.day, &s->people, &s->npeople);
}

enum err activities_register_print(struct req *rq, struct resp *rs)
{
	struct sheet s = {.v = {.rq = rq, .id = activities_param(rq)}};
	if (!s.v.id)
		return sessions_not_found(rs);
	enum err e = db_transact_named(rq->db, DB_READ, "session_sheet_read", session_sheet_read, &s);
	if (e == ERR_NOT_FOUND)
		return sessions_not_found(rs);
	if (e)
		return e;
	if (!s.v.acc.run)
		return sessions_refused(rs, &s.v, "You cannot print this sign-in sheet",
					"Its activity's leads, its MHLM link and its hubs' leadership take its registers.");
	struct arena *a = rq->arena;
	struct html w = resp_html(rs);
	const char *when = session_when(a, &s.v.s);
	page_begin(&w, &(struct page){.title = arena_printf(a, "Sign-in sheet: %s", s.v.a.title), .nav = "/activities",
				      .back_href = sessions_href(rq, s.v.id, NULL), .heading = s.v.a.title,
				      .caption = "Sign-in sheet", .full_width = true});
	H_RAW(&w, "<p class=\"govuk-body-l\">");
	html_text(&w, when);
	if (!strcmp(s.v.s.format, "face_to_face")) {
		H_RAW(&w, ", ");
		html_text(&w, session_where(a, &s.v.s));
	}
	H_RAW(&w, "</p>\n<p class=\"govuk-body mh-no-print\">Print this page for the session (it prints without the "
		  "service's header and links). Afterwards, type it up as a spreadsheet with the columns Name, School "
		  "and Signature, save it as CSV and upload it from the session's page.</p>\n");
	struct sign_in_row *rows = arena_alloc(a, (s.npeople + 1) * sizeof(*rows));
	size_t n = 0;
	for (size_t i = 0; i < s.npeople; i++)
		if (!s.people[i].left_on || strcmp(s.people[i].left_on, s.v.day) > 0)
			rows[n++] = (struct sign_in_row){s.people[i].name, s.people[i].school_name};
	register_sign_in_sheet(&w, arena_printf(a, "Sign in: %s", when), rows, n, 5);
	H_RAW(&w, "<p class=\"govuk-body\">");
	html_textf(&w, "%zu taking part.", n);
	H_RAW(&w, "</p>\n");
	page_end(&w);
	return ERR_OK;
}
