/*
 * register.c - /sessions/{id}/register: those who run an activity take a
 * session's register on a phone in the room (320-390 px, no JavaScript):
 * one fieldset a participant with the four marks as small radios side by
 * side, pre-set from what is recorded (apologies sent in advance too), and
 * "Save register" kept in view (html/register_view, as the events'
 * register). Saved in one write transaction: the marks that changed, the
 * register taken (by whom, on a phone), audited. The register opens on the
 * session's day.
 */
#include <stdlib.h>
#include <string.h>

#include "activities/activities.h"
#include "activities/pages.h"
#include "activities/sessions.h"
#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/workdays.h"
#include "db/db.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "html/register_view.h"

struct reg {
	struct session_view v;
	struct session_person *people;
	size_t npeople;
	struct govuk_error *errors;
	size_t nerrors;
	long changed;
	bool closed; /* the register is not open (POST) */
};

static enum err reg_load(struct db *db, struct reg *r)
{
	r->people = NULL;
	r->npeople = 0;
	enum err e = session_view_load(db, &r->v);
	if (e || !r->v.acc.run)
		return e;
	return session_register_people(db, r->v.rq->arena, r->v.a.id, r->v.id, r->v.day, &r->people, &r->npeople);
}

static enum err session_register_read(struct db *db, void *ctx)
{
	return reg_load(db, ctx);
}

/* How a mark was recorded, in words. */
static const char *how_words(struct arena *a, const struct session_person *p)
{
	if (!p->mark)
		return NULL;
	const char *how = !strcmp(p->source, "participant") ? "Sent apologies in advance"
			  : !strcmp(p->source, "upload")     ? "From a paper register"
			  : p->recorded_by                   ? arena_printf(a, "Marked by %s", p->recorded_by)
							     : "Marked on the register";
	return p->note ? arena_printf(a, "%s. Note: %s", how, p->note) : how;
}

static const char *legend_of(struct arena *a, const struct session_person *p)
{
	const char *s = p->school_name ? arena_printf(a, "%s, %s", p->name, p->school_name) : p->name;
	return p->left_on ? arena_printf(a, "%s (withdrew %s)", s, activities_day(a, p->left_on)) : s;
}

static void links(struct html *w, const struct reg *r)
{
	struct req *rq = r->v.rq;
	H_RAW(w, "<ul class=\"govuk-list\">");
	const char *items[][2] = {
		{"The session", sessions_href(rq, r->v.id, NULL)},
		{!strcmp(r->v.s.format, "face_to_face") ? "Print a sign-in sheet" : NULL, sessions_href(rq, r->v.id, "/register/print")},
		{"Upload a paper register (CSV)", sessions_href(rq, r->v.id, "/register/upload")},
	};
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		if (!items[i][0])
			continue;
		H_RAW(w, "<li><a class=\"govuk-link\"");
		H_ATTR(w, "href", items[i][1]);
		H_RAW(w, ">");
		html_text(w, items[i][0]);
		H_RAW(w, "</a></li>");
	}
	H_RAW(w, "</ul>\n");
}

static void render(struct resp *rs, struct reg *r)
{
	struct req *rq = r->v.rq;
	struct arena *a = rq->arena;
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = "Register", .nav = "/activities",
				      .crumbs = (const struct crumb[]){{"Activities", "/activities"},
								       {r->v.a.title, activities_href(rq, r->v.a.id, NULL)}},
				      .ncrumbs = 2, .caption = r->v.a.title, .errors = r->errors, .nerrors = r->nerrors,
				      .banner = session_banner(rq)});
	H_RAW(&w, "<p class=\"govuk-body-l\">");
	html_text(&w, session_when(a, &r->v.s));
	H_RAW(&w, "</p>\n");
	if (!session_register_open(&r->v, clock_now())) {
		H_RAW(&w, "<p class=\"govuk-body\">");
		html_text(&w, r->v.s.cancelled_at ? "The session has been cancelled, so it has no register."
						  : "You can take the register from the day of the session.");
		H_RAW(&w, "</p>\n");
		links(&w, r);
		page_end(&w);
		return;
	}
	long counts[ACTIVITIES_NMARKS + 1] = {0};
	for (size_t i = 0; i < r->npeople; i++) {
		size_t k = ACTIVITIES_NMARKS;
		for (size_t m = 0; r->people[i].mark && m < ACTIVITIES_NMARKS; m++)
			if (!strcmp(r->people[i].mark, activities_marks[m].key))
				k = m;
		counts[k]++;
	}
	H_RAW(&w, "<p class=\"govuk-body\">");
	html_textf(&w, "%zu %s: %ld present, %ld late, %ld absent, %ld apologies given, %ld not marked.", r->npeople,
		   r->npeople == 1 ? "participant" : "participants", counts[0], counts[1], counts[2], counts[3], counts[4]);
	H_RAW(&w, "</p>\n");
	links(&w, r);
	if (!r->npeople) {
		H_RAW(&w, "<p class=\"govuk-body\">Nobody takes part in this activity yet. Add its participants first.</p>\n");
		page_end(&w);
		return;
	}
	H_RAW(&w, "<form method=\"post\" novalidate class=\"mh-register\"");
	H_ATTR(&w, "action", sessions_href(rq, r->v.id, "/register"));
	H_RAW(&w, ">");
	govuk_csrf(&w, rq->session->csrf);
	for (size_t i = 0; i < r->npeople; i++) {
		const struct session_person *p = &r->people[i];
		struct govuk_choice items[ACTIVITIES_NMARKS];
		for (size_t m = 0; m < ACTIVITIES_NMARKS; m++)
			items[m] = (struct govuk_choice){activities_marks[m].key, activities_marks[m].name,
							 p->mark && !strcmp(p->mark, activities_marks[m].key)};
		const char *name = arena_printf(a, "mark-%lld", (long long)p->participant_id);
		register_row(&w, name, legend_of(a, p), items, ACTIVITIES_NMARKS, govuk_error_for(r->errors, r->nerrors, name),
			     how_words(a, p), true);
	}
	register_save(&w);
	H_RAW(&w, "</form>\n");
	page_end(&w);
}

/* The answer for a reader who may not take it: 404 or 403 (*answered). */
static enum err refuse(struct resp *rs, const struct reg *r, bool *answered)
{
	*answered = true;
	if (!r->v.acc.run)
		return sessions_refused(rs, &r->v, "You cannot take this register",
					"Its activity's leads, its MHLM link and its hubs' leadership take its registers.");
	*answered = false;
	return ERR_OK;
}

enum err activities_register(struct req *rq, struct resp *rs)
{
	struct reg r = {.v = {.rq = rq, .id = activities_param(rq)}};
	if (!r.v.id)
		return sessions_not_found(rs);
	enum err e = db_transact_named(rq->db, DB_READ, "session_register_read", session_register_read, &r);
	if (e == ERR_NOT_FOUND)
		return sessions_not_found(rs);
	bool answered;
	if (e || (e = refuse(rs, &r, &answered)) || answered)
		return e;
	render(rs, &r);
	return ERR_OK;
}

/* ---- saving ---- */

static enum err session_register_write(struct db *db, void *ctx)
{
	struct reg *r = ctx;
	struct req *rq = r->v.rq;
	struct arena *a = rq->arena;
	r->nerrors = 0;
	r->changed = 0;
	r->closed = false;
	enum err e = reg_load(db, r);
	if (e || !r->v.acc.run)
		return e;
	int64_t now = clock_now(), me = rq->session->person_id;
	if (!session_register_open(&r->v, now)) {
		r->closed = true;
		return ERR_OK;
	}
	r->errors = arena_alloc(a, (r->npeople + 1) * sizeof(*r->errors));
	/* every mark field names someone on the register */
	for (size_t i = 0; i < rq->nform; i++) {
		const char *k = rq->form[i].name;
		if (strncmp(k, "mark-", 5))
			continue;
		char *end;
		long long pid = strtoll(k + 5, &end, 10);
		bool listed = false;
		for (size_t j = 0; !*end && j < r->npeople; j++)
			listed |= r->people[j].participant_id == pid;
		if (!listed) {
			r->errors[0] = (struct govuk_error){k, "Someone in the form is not on this register: reload the page"};
			r->nerrors = 1;
			return ERR_OK;
		}
	}
	const char **want = arena_alloc(a, (r->npeople + 1) * sizeof(*want));
	for (size_t i = 0; i < r->npeople; i++) {
		const struct session_person *p = &r->people[i];
		const char *name = arena_printf(a, "mark-%lld", (long long)p->participant_id);
		const char *v = req_form(rq, name);
		want[i] = v && v[0] ? v : NULL;
		if (want[i] && !activities_term_known(activities_marks, ACTIVITIES_NMARKS, want[i]))
			r->errors[r->nerrors++] = (struct govuk_error){
				name, arena_printf(a, "Choose present, late, absent or apologies given for %s", p->name)};
	}
	if (r->nerrors)
		return ERR_OK; /* nothing written */
	bool marked = false;
	for (size_t i = 0; i < r->npeople; i++) {
		const struct session_person *p = &r->people[i];
		marked |= want[i] || p->mark;
		if (!want[i] || (p->mark && !strcmp(p->mark, want[i])))
			continue;
		if ((e = session_mark_set(db, r->v.id, p->participant_id, want[i], "phone", NULL, me, now)))
			return e;
		r->changed++;
	}
	bool taking = marked && (r->changed || !r->v.s.register_taken_at);
	if (!taking)
		return session_flash_note(rq, "Nothing was changed");
	if ((e = session_register_taken(db, r->v.id, "phone", me, now)) ||
	    (e = audit(db, rq, me, "session_register_saved", arena_printf(a, "session:%lld", (long long)r->v.id),
		       arena_printf(a, "activity:%lld: %ld marked", (long long)r->v.a.id, r->changed))))
		return e;
	return session_flash(rq, r->changed ? arena_printf(a, "Register saved: %ld %s", r->changed, r->changed == 1 ? "change" : "changes")
					    : "Register saved");
}

enum err activities_register_post(struct req *rq, struct resp *rs)
{
	struct reg r = {.v = {.rq = rq, .id = activities_param(rq)}};
	if (!r.v.id)
		return sessions_not_found(rs);
	enum err e = db_transact_named(rq->db, DB_WRITE, "session_register_write", session_register_write, &r);
	if (e == ERR_NOT_FOUND)
		return sessions_not_found(rs);
	bool answered;
	if (e || (e = refuse(rs, &r, &answered)) || answered)
		return e;
	if (r.closed)
		return resp_error_page(rs, 400, "The register is not open",
				       r.v.s.cancelled_at ? "The session has been cancelled."
							  : "You can take the register from the day of the session.",
				       sessions_href(rq, r.v.id, NULL), "The session");
	if (r.nerrors) {
		rs->status = 400;
		render(rs, &r);
		return ERR_OK;
	}
	resp_redirect(rs, 303, sessions_href(rq, r.v.id, "/register"));
	return ERR_OK;
}
