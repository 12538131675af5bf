/*
 * report.c - /events/{id}/report: the meeting platform's participant
 * report as attendance. The organiser uploads Zoom's participant CSV
 * (events/zoom.c reads it); its rows are matched to the people who
 * answered the event, by email address, then by name (one person of that
 * name only); the check page lists what would be recorded (minutes summed
 * per person and day, rejoins included) and the rows not matched, and
 * nothing is written until the organiser confirms. The confirmation
 * carries what was matched in the form itself (checked again against the
 * event when it comes back) and is written in one transaction: all or
 * nothing. GOV.UK's "check your answers" pattern, as the people upload.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/workdays.h"
#include "db/db.h"
#include "events/pages.h"
#include "events/register.h"
#include "events/rules.h"
#include "events/zoom.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"

struct match {
	int64_t person_id;
	const char *name, *email, *day;
	long minutes;
	int rows;
	bool by_name;
};

struct unmatched {
	size_t line;
	const char *name, *email, *why;
};

struct report_view {
	struct register_data r;
	const char *file_name;
	struct zoom_report z;
	struct match *matches;
	size_t nmatches;
	struct unmatched *unmatched;
	size_t nunmatched;
};

/* A name folded for comparing: lower case, spaces single. */
static const char *fold(struct arena *a, const char *s)
{
	char *out = arena_alloc(a, strlen(s) + 1), *o = out;
	bool space = false;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t') {
			space = o != out;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = false;
		*o++ = (*s >= 'A' && *s <= 'Z') ? (char)(*s + 32) : *s;
	}
	*o = '\0';
	return out;
}

static bool is_day(const struct event *e, const char *day)
{
	for (size_t i = 0; i < e->ndays; i++)
		if (!strcmp(e->days[i].day, day))
			return true;
	return false;
}

/* The one person answering the event called name, or NULL (none, or several). */
static const struct event_attendee *by_name(struct arena *a, const struct register_data *r, const char *name)
{
	if (!name || !name[0])
		return NULL;
	const char *f = fold(a, name);
	const struct event_attendee *found = NULL;
	for (size_t i = 0; i < r->npeople; i++)
		if (!strcmp(fold(a, r->people[i].name), f)) {
			if (found)
				return NULL;
			found = &r->people[i];
		}
	return found;
}

static void match_rows(struct report_view *v)
{
	struct arena *a = v->r.rq->arena;
	const struct register_data *r = &v->r;
	v->matches = arena_alloc(a, (v->z.n + 1) * sizeof(*v->matches));
	v->unmatched = arena_alloc(a, (v->z.n + 1) * sizeof(*v->unmatched));
	for (size_t i = 0; i < v->z.n; i++) {
		const struct zoom_row *z = &v->z.rows[i];
		const char *why = z->problem;
		const struct event_attendee *p = NULL;
		bool named = false;
		if (!why && !is_day(&r->e, z->day))
			why = arena_printf(a, "Joined on %s, not a day of this event", day_words(a, z->day));
		if (!why && z->email[0])
			for (size_t k = 0; !p && k < r->npeople; k++)
				if (!strcasecmp(r->people[k].email, z->email))
					p = &r->people[k];
		if (!why && !p && (p = by_name(a, r, z->name) ? by_name(a, r, z->name) : by_name(a, r, z->original)))
			named = true;
		if (!why && !p)
			why = "Nobody who answered this event has this email address or name";
		if (why) {
			v->unmatched[v->nunmatched++] = (struct unmatched){z->line, z->original ? arena_printf(a, "%s (%s)", z->name, z->original) : z->name,
									   z->email, why};
			continue;
		}
		struct match *m = NULL;
		for (size_t k = 0; !m && k < v->nmatches; k++)
			if (v->matches[k].person_id == p->person_id && !strcmp(v->matches[k].day, z->day))
				m = &v->matches[k];
		if (!m) {
			m = &v->matches[v->nmatches++];
			*m = (struct match){p->person_id, p->name, p->email, arena_strdup(a, z->day), 0, 0, named};
		}
		m->minutes += z->minutes;
		m->rows++;
		m->by_name = m->by_name && named;
	}
}

/* ---- the pages ---- */

static void upload_form(struct html *w, struct report_view *v, const char *problem)
{
	struct req *rq = v->r.rq;
	H_RAW(w, "<p class=\"govuk-body\">In Zoom, open Reports, then Usage, choose the meeting's number of "
		 "participants and export it as a CSV file (with or without the meeting's data). Each row is matched "
		 "to someone who answered this event by email address, then by name. You will see what would be "
		 "recorded, and the rows that match nobody, before anything is saved.</p>\n");
	H_RAW(w, "<form method=\"post\" enctype=\"multipart/form-data\" novalidate");
	H_ATTR(w, "action", events_href(rq, v->r.id, "/report"));
	H_RAW(w, ">");
	govuk_csrf(w, rq->session->csrf);
	govuk_file_upload(w, &(struct govuk_file_upload){.id = "file", .label = "Participant report (CSV)",
							 .hint = "Zoom's columns: Name (Original Name), User Email, Join Time, "
								 "Leave Time, Duration (Minutes), Guest",
							 .error = problem, .accept = ".csv,text/csv"});
	govuk_button(w, &(struct govuk_button){.text = "Check the report", .prevent_double_click = true});
	H_RAW(w, "</form>\n");
}

static void begin(struct html *w, struct report_view *v, const char *title, const struct govuk_error *errors, size_t n)
{
	struct req *rq = v->r.rq;
	page_begin(w, &(struct page){.title = title, .nav = "/events", .caption = v->r.e.title,
				     .back_href = events_href(rq, v->r.id, "/register"), .errors = errors, .nerrors = n});
}

static enum err show_upload(struct resp *rs, struct report_view *v, const char *problem)
{
	struct html w = resp_html(rs);
	struct govuk_error err = {"file", problem};
	begin(&w, v, "Upload a participant report", &err, problem ? 1 : 0);
	upload_form(&w, v, problem);
	page_end(&w);
	return ERR_OK;
}

enum err events_report(struct req *rq, struct resp *rs)
{
	struct report_view v = {.r = {.id = events_param(rq)}};
	bool answered;
	enum err e = register_read(rq, rs, &v.r, &answered);
	if (e || answered)
		return e;
	return show_upload(rs, &v, NULL);
}

static void check_page(struct resp *rs, struct report_view *v)
{
	struct req *rq = v->r.rq;
	struct arena *a = rq->arena;
	struct html w = resp_html(rs);
	begin(&w, v, "Check the participant report", NULL, 0);
	long minutes = 0;
	for (size_t i = 0; i < v->nmatches; i++)
		minutes += v->matches[i].minutes;
	govuk_summary_begin(&w);
	govuk_summary_row(&w, "File", v->file_name);
	if (v->z.topic)
		govuk_summary_row(&w, "Meeting", v->z.topic);
	govuk_summary_row(&w, "Rows read", arena_printf(a, "%zu", v->z.n));
	govuk_summary_row(&w, "Attendance to record", arena_printf(a, "%zu (%ld minutes in all)", v->nmatches, minutes));
	govuk_summary_row(&w, "Rows not matched", arena_printf(a, "%zu", v->nunmatched));
	govuk_summary_end(&w);
	if (v->nunmatched) {
		H_RAW(&w, "<h2 class=\"govuk-heading-m\" id=\"unmatched\">");
		html_textf(&w, "%zu %s not matched", v->nunmatched, v->nunmatched == 1 ? "row" : "rows");
		H_RAW(&w, "</h2>\n<p class=\"govuk-body\">These rows will not be recorded. If one of them is someone who "
			  "took part, add their attendance on the register with a note once you have confirmed.</p>\n");
		static const char *const heads[] = {"Line", "Name in the report", "Email in the report", "Why"};
		govuk_table_begin(&w, "Rows not matched", true, heads, 4);
		for (size_t i = 0; i < v->nunmatched; i++) {
			govuk_table_row_begin(&w);
			govuk_table_cell(&w, arena_printf(a, "%zu", v->unmatched[i].line));
			govuk_table_cell(&w, v->unmatched[i].name);
			govuk_table_cell(&w, v->unmatched[i].email);
			govuk_table_cell(&w, v->unmatched[i].why);
			govuk_table_row_end(&w);
		}
		govuk_table_end(&w);
	}
	if (!v->nmatches) {
		H_RAW(&w, "<p class=\"govuk-body\">Nothing in the report matches the people who answered this event, so "
			  "there is nothing to record.</p>\n");
		upload_form(&w, v, NULL);
		page_end(&w);
		return;
	}
	H_RAW(&w, "<h2 class=\"govuk-heading-m\" id=\"matched\">Attendance to record</h2>\n");
	static const char *const heads[] = {"Name", "Email address", "Day", "Minutes", "Matched by"};
	govuk_table_begin(&w, "Attendance to record", true, heads, 5);
	for (size_t i = 0; i < v->nmatches; i++) {
		const struct match *m = &v->matches[i];
		govuk_table_row_begin(&w);
		govuk_table_cell(&w, m->name);
		govuk_table_cell(&w, m->email);
		govuk_table_cell(&w, day_words(a, m->day));
		govuk_table_cell(&w, m->rows > 1 ? arena_printf(a, "%ld (%d joins)", m->minutes, m->rows) : arena_printf(a, "%ld", m->minutes));
		govuk_table_cell(&w, m->by_name ? "Name" : "Email address");
		govuk_table_row_end(&w);
	}
	govuk_table_end(&w);
	govuk_warning_text(&w, "Nothing is recorded until you confirm. Attendance already recorded for these people on "
			       "these days is replaced: present, with the minutes from the report.");
	H_RAW(&w, "<form method=\"post\" novalidate");
	H_ATTR(&w, "action", events_href(rq, v->r.id, "/report/confirm"));
	H_RAW(&w, ">");
	govuk_csrf(&w, rq->session->csrf);
	H_RAW(&w, "<input type=\"hidden\" name=\"file_name\"");
	H_ATTR(&w, "value", v->file_name);
	H_RAW(&w, ">");
	for (size_t i = 0; i < v->nmatches; i++) {
		H_RAW(&w, "<input type=\"hidden\" name=\"m\"");
		H_ATTR(&w, "value", arena_printf(a, "%lld:%s:%ld", (long long)v->matches[i].person_id, v->matches[i].day,
						 v->matches[i].minutes));
		H_RAW(&w, ">");
	}
	H_RAW(&w, "<div class=\"govuk-button-group\">");
	govuk_button(&w, &(struct govuk_button){.text = arena_printf(a, "Record attendance for %zu", v->nmatches),
					      .prevent_double_click = true});
	H_RAW(&w, "<a class=\"govuk-link\"");
	H_ATTR(&w, "href", events_href(rq, v->r.id, "/report"));
	H_RAW(&w, ">Upload a different file</a></div></form>\n");
	page_end(&w);
}

enum err events_report_post(struct req *rq, struct resp *rs)
{
	struct report_view v = {.r = {.id = events_param(rq), .all_days = true}};
	bool answered;
	enum err e = register_read(rq, rs, &v.r, &answered);
	if (e || answered)
		return e;
	const struct req_file *f = req_file(rq, "file");
	if (!f || (!f->filename[0] && !f->len)) {
		rs->status = 400;
		return show_upload(rs, &v, "Select Zoom's participant report (a CSV file)");
	}
	v.file_name = req_file_name(rq->arena, f, 200);
	zoom_read(rq->arena, f->data, f->len, &v.z);
	if (v.z.problem) {
		rs->status = 400;
		return show_upload(rs, &v, v.z.problem);
	}
	match_rows(&v);
	check_page(rs, &v);
	return ERR_OK;
}

/* ---- confirming ---- */

struct report_save {
	struct register_data r;
	const char *file_name;
	const char *problem;
	size_t n;
	const char *first_day;
};

static enum err report_write(struct db *db, void *ctx)
{
	struct report_save *s = ctx;
	struct register_data *r = &s->r;
	struct req *rq = r->rq;
	struct arena *a = rq->arena;
	int64_t now = clock_now(), me = rq->session->person_id;
	s->problem = NULL;
	s->n = 0;
	s->first_day = NULL;
	r->people = NULL;
	r->npeople = r->nmarks = 0;
	enum err e = event_read(db, a, r->id, rq->session->person_id, &r->e); /* for event_visible */
	if (e)
		return e;
	if (!(r->organiser = event_organiser(rq->session, &r->e)))
		return ERR_OK;
	if ((e = event_attendees(db, a, r->id, &r->people, &r->npeople)) || (e = event_marks(db, a, r->id, NULL, &r->marks, &r->nmarks)))
		return e;
	/* every row checked before anything is written */
	struct {
		int64_t pid;
		char day[11];
		long minutes;
	} *rows = arena_alloc(a, (rq->nform + 1) * sizeof(*rows));
	for (size_t i = 0; i < rq->nform; i++) {
		if (strcmp(rq->form[i].name, "m"))
			continue;
		long long pid;
		long minutes;
		char day[11];
		int used = 0;
		bool ok = sscanf(rq->form[i].value, "%lld:%10[0-9-]:%ld%n", &pid, day, &minutes, &used) == 3 &&
			  !rq->form[i].value[used] && is_day(&r->e, day) && minutes >= 0 && minutes <= ZOOM_MAX_MINUTES * 5;
		bool known = false;
		for (size_t k = 0; ok && k < r->npeople; k++)
			known = known || r->people[k].person_id == pid;
		for (size_t k = 0; ok && k < s->n; k++)
			ok = rows[k].pid != pid || strcmp(rows[k].day, day);
		if (!ok || !known) {
			s->problem = "The report's attendance has changed since it was checked: upload the report again";
			return ERR_OK;
		}
		rows[s->n].pid = pid;
		memcpy(rows[s->n].day, day, sizeof(day));
		rows[s->n++].minutes = minutes;
	}
	if (!s->n) {
		s->problem = "There is no attendance to record: upload the report again";
		return ERR_OK;
	}
	for (size_t i = 0; i < s->n; i++) {
		const struct event_mark *m = register_mark(r, rows[i].pid, rows[i].day);
		const char *status = m && !strcmp(m->status, "late") ? "late" : "present";
		if ((e = event_mark_set(db, r->id, rows[i].pid, rows[i].day, status, rows[i].minutes, "report",
					m ? m->note : NULL, me, now)))
			return e;
		if (!s->first_day || strcmp(rows[i].day, s->first_day) < 0)
			s->first_day = arena_strdup(a, rows[i].day);
	}
	if ((e = audit(db, rq, me, "event_report_recorded", arena_printf(a, "event:%lld", (long long)r->id),
		       arena_printf(a, "%s: attendance of %zu recorded", s->file_name, s->n))))
		return e;
	return session_flash(rq, arena_printf(a, "Attendance from the participant report recorded: %zu", s->n));
}

enum err events_report_confirm_post(struct req *rq, struct resp *rs)
{
	const char *file = req_form(rq, "file_name");
	struct report_save s = {.r = {.rq = rq, .id = events_param(rq)}, .file_name = file && file[0] ? file : "the report"};
	if (!s.r.id)
		return events_not_found(rs);
	enum err e = db_transact_named(rq->db, DB_WRITE, "report_write", report_write, &s);
	if (e == ERR_NOT_FOUND)
		return events_not_found(rs);
	if (e)
		return e;
	if (!s.r.organiser && !event_visible(rq->session, &s.r.e))
		return events_not_found(rs);
	if (!s.r.organiser)
		return resp_error_page(rs, 403, "Only the event's organisers can record attendance",
				       "Registers and attendance are for the organisers of the event.", NULL, NULL);
	if (s.problem) {
		struct report_view v = {.r = s.r};
		rs->status = 400;
		return show_upload(rs, &v, s.problem);
	}
	resp_redirect(rs, 303, arena_printf(rq->arena, "%s?day=%s", events_href(rq, s.r.id, "/register"), s.first_day));
	return ERR_OK;
}
