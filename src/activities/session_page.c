/*
 * session_page.c - /sessions/{id}: one session of an activity: when,
 * where, its purpose and its register's summary, with what the reader may
 * do (take the register, print a sign-in sheet, upload a paper one,
 * change or cancel it). A participant sees their own activity's sessions
 * and, until one starts, sends apologies in advance (POST
 * /sessions/{id}/apologies), which the register then shows pre-set. Also
 * what the session pages share (sessions.h).
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
#include "core/url.h"
#include "core/workdays.h"
#include "db/db.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"

enum err session_view_load(struct db *db, struct session_view *v)
{
	struct arena *a = v->rq->arena;
	enum err e = activity_session_read(db, a, v->id, &v->s);
	if (e || (e = activities_read_seen(db, v->rq, v->s.activity_id, &v->a, &v->acc)))
		return e;
	char end_day[11];
	london_from_unix(v->s.starts_at, v->day, v->starts);
	london_from_unix(v->s.ends_at, end_day, v->ends);
	return ERR_OK;
}

enum err sessions_not_found(struct resp *rs)
{
	return resp_error_page(rs, 404, "Session not found",
			       "There is no such session, or it is not one of your activities'.", "/activities",
			       "Activities");
}

enum err sessions_refused(struct resp *rs, const struct session_view *v, const char *title, const char *why)
{
	return resp_error_page(rs, 403, title, why, sessions_href(v->rq, v->id, NULL), "The session");
}

const char *sessions_href(const struct req *rq, int64_t id, const char *then)
{
	return url_path(rq->arena, "/sessions/", arena_printf(rq->arena, "%lld", (long long)id), then ? then : "");
}

const char *session_when(struct arena *a, const struct activity_session *s)
{
	char day[11], end_day[11], starts[6], ends[6], words[32], end_words[32];
	london_from_unix(s->starts_at, day, starts);
	london_from_unix(s->ends_at, end_day, ends);
	workdays_format_day(day, words);
	if (strcmp(day, end_day)) {
		workdays_format_day(end_day, end_words);
		return arena_printf(a, "%s, %s to %s, %s", words, starts, end_words, ends);
	}
	return arena_printf(a, "%s, %s to %s", words, starts, ends);
}

const char *session_where(struct arena *a, const struct activity_session *s)
{
	if (!strcmp(s->format, "online"))
		return "Online";
	if (s->address && s->address[0])
		return arena_printf(a, "%s, %s", s->venue, s->address);
	return s->venue ? s->venue : "";
}

bool session_register_open(const struct session_view *v, int64_t now)
{
	char today[11];
	london_from_unix(now, today, NULL);
	return !v->s.cancelled_at && strcmp(v->day, today) <= 0;
}

/* ---- the page ---- */

struct page_view {
	struct session_view v;
	const char *own_mark, *own_source; /* a participant's own mark */
	const char *own_left_on;           /* the day they withdrew, or NULL */
	struct form_data d;                /* the apologies' form */
};

enum { A_NOTE, A_COUNT };
static const struct form_field apology_fields[A_COUNT] = {
	[A_NOTE] = {"note", FORM_TEXTAREA, "Anything the session's leads should know (optional)", .max_chars = 500},
};
static const struct form apology_form = FORM(apology_fields);

static enum err page_load(struct db *db, struct page_view *p)
{
	p->own_mark = p->own_source = p->own_left_on = NULL;
	enum err e = session_view_load(db, &p->v);
	if (e || !p->v.a.own_participant_id)
		return e;
	if ((e = session_participant_left_on(db, p->v.rq->arena, p->v.a.own_participant_id, &p->own_left_on)))
		return e;
	return session_mark_of(db, p->v.rq->arena, p->v.id, p->v.a.own_participant_id, &p->own_mark, &p->own_source);
}

/* Whether its activity has been cancelled (its sessions not yet held do not happen). */
static bool activity_cancelled(const struct session_view *v)
{
	return !strcmp(v->a.status, "cancelled");
}

/* Whether the reader withdrew from the activity by the session's day (so
 * they are not on its register, and send no apologies). */
static bool own_withdrawn(const struct page_view *p)
{
	return p->own_left_on && strcmp(p->own_left_on, p->v.day) <= 0;
}

static enum err session_read(struct db *db, void *ctx)
{
	return page_load(db, ctx);
}

static void link_item(struct html *w, const char *href, const char *text)
{
	H_RAW(w, "<li><a class=\"govuk-link\"");
	H_ATTR(w, "href", href);
	H_RAW(w, ">");
	html_text(w, text);
	H_RAW(w, "</a></li>");
}

static const char *register_words(struct arena *a, const struct activity_session *s)
{
	if (!s->register_taken_at)
		return "Not taken yet";
	char day[11], words[32];
	london_from_unix(s->register_taken_at, day, NULL);
	workdays_format_day(day, words);
	return arena_printf(a, "Taken %s%s%s on %s", !strcmp(s->register_source, "upload") ? "from a paper register" : "on a phone",
			    s->register_taken_by ? " by " : "", s->register_taken_by ? s->register_taken_by : "", words);
}

static void own_part(struct html *w, struct page_view *p, int64_t now)
{
	const struct session_view *v = &p->v;
	struct req *rq = v->rq;
	H_RAW(w, "<h2 class=\"govuk-heading-m\">Your attendance</h2>\n");
	if (p->own_mark && !strcmp(p->own_source, "participant")) {
		H_RAW(w, "<p class=\"govuk-body\">You have sent your apologies for this session.</p>\n");
		return;
	}
	if (p->own_mark) {
		H_RAW(w, "<p class=\"govuk-body\">The register says: ");
		html_text(w, activities_term_name(activities_marks, ACTIVITIES_NMARKS, p->own_mark));
		H_RAW(w, ".</p>\n");
		return;
	}
	if (own_withdrawn(p)) {
		H_RAW(w, "<p class=\"govuk-body\">");
		html_text(w, arena_printf(rq->arena, "You withdrew from this activity on %s, so you are not on this session's register.",
					  activities_day(rq->arena, p->own_left_on)));
		H_RAW(w, "</p>\n");
		return;
	}
	if (v->s.cancelled_at || activity_cancelled(v) || now >= v->s.starts_at) {
		H_RAW(w, "<p class=\"govuk-body\">Nothing has been recorded for you yet.</p>\n");
		return;
	}
	H_RAW(w, "<p class=\"govuk-body\">If you cannot come, send your apologies before the session starts. The "
		 "session's leads see them on the register.</p>\n<form method=\"post\" novalidate");
	H_ATTR(w, "action", sessions_href(rq, v->id, "/apologies"));
	H_RAW(w, ">");
	govuk_csrf(w, rq->session->csrf);
	form_fields(w, &p->d);
	govuk_button(w, &(struct govuk_button){.text = "Send apologies", .variant = "secondary", .prevent_double_click = true});
	H_RAW(w, "</form>\n");
}

static void render(struct resp *rs, struct page_view *p)
{
	const struct session_view *v = &p->v;
	struct req *rq = v->rq;
	struct arena *a = rq->arena;
	const struct activity_session *s = &v->s;
	int64_t now = clock_now();
	char words[32];
	workdays_format_day(v->day, words);
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = arena_printf(a, "Session on %s", words), .nav = "/activities",
				      .crumbs = (const struct crumb[]){{"Activities", "/activities"},
								       {v->a.title, activities_href(rq, v->a.id, NULL)}},
				      .ncrumbs = 2, .caption = v->a.title, .errors = p->d.errors, .nerrors = p->d.nerrors,
				      .banner = session_banner(rq)});
	if (s->cancelled_at) {
		H_RAW(&w, "<div class=\"govuk-inset-text\">This session was cancelled: ");
		html_text(&w, s->cancel_reason);
		H_RAW(&w, "</div>\n");
	} else if (activity_cancelled(v)) {
		H_RAW(&w, "<div class=\"govuk-inset-text\">This session's activity was cancelled: ");
		html_text(&w, v->a.cancel_reason);
		H_RAW(&w, "</div>\n");
	}
	govuk_summary_begin(&w);
	govuk_summary_row(&w, "When", session_when(a, s));
	if (!strcmp(s->format, "online")) {
		govuk_summary_row_begin(&w, "Where");
		H_RAW(&w, "Online");
		if ((v->acc.own || v->acc.run) && s->online_url && !s->cancelled_at && !activity_cancelled(v)) {
			H_RAW(&w, ": <a class=\"govuk-link\" rel=\"noreferrer noopener\"");
			H_ATTR(&w, "href", s->online_url);
			H_RAW(&w, ">join the meeting</a>");
		}
		govuk_summary_row_end(&w);
	} else {
		govuk_summary_row(&w, "Where", session_where(a, s));
	}
	govuk_summary_row(&w, "Purpose", s->purpose[0] ? s->purpose : "Not given");
	if (!strcmp(v->a.kind, "Targeted Support"))
		govuk_summary_row(&w, "Days used", arena_printf(a, "%d half-day%s", s->half_days, s->half_days == 1 ? "" : "s"));
	if (v->acc.see) {
		govuk_summary_row(&w, "Register", register_words(a, s));
		long n = s->n_present + s->n_late + s->n_absent + s->n_apologies;
		if (n)
			govuk_summary_row(&w, "Marks", arena_printf(a, "%ld present, %ld late, %ld absent, %ld apologies given",
								     s->n_present, s->n_late, s->n_absent, s->n_apologies));
	}
	govuk_summary_end(&w);
	if (v->acc.own && !v->acc.run)
		own_part(&w, p, now);
	if (v->acc.run && !s->cancelled_at) {
		H_RAW(&w, "<h2 class=\"govuk-heading-m\">Register</h2>\n<ul class=\"govuk-list\">");
		if (session_register_open(v, now))
			link_item(&w, sessions_href(rq, v->id, "/register"), s->register_taken_at ? "Change the register" : "Take the register");
		else
			H_RAW(&w, "<li>You can take the register from the day of the session.</li>");
		if (!strcmp(s->format, "face_to_face"))
			link_item(&w, sessions_href(rq, v->id, "/register/print"), "Print a sign-in sheet");
		if (session_register_open(v, now))
			link_item(&w, sessions_href(rq, v->id, "/register/upload"), "Upload a paper register (CSV)");
		H_RAW(&w, "</ul>\n");
		if (activity_cancelled(v)) {
			page_end(&w);
			return;
		}
		H_RAW(&w, "<div class=\"govuk-button-group\">");
		govuk_button(&w, &(struct govuk_button){.text = "Change the session", .href = sessions_href(rq, v->id, "/edit"),
						       .variant = "secondary"});
		if (!s->register_taken_at)
			govuk_button(&w, &(struct govuk_button){.text = "Cancel the session",
							       .href = sessions_href(rq, v->id, "/cancel"), .variant = "warning"});
		H_RAW(&w, "</div>\n");
	}
	page_end(&w);
}

static int64_t param_id(const struct req *rq)
{
	return activities_param(rq);
}

enum err activities_session_page(struct req *rq, struct resp *rs)
{
	struct page_view p = {.v = {.rq = rq, .id = param_id(rq)}};
	if (!p.v.id)
		return sessions_not_found(rs);
	enum err e = db_transact_named(rq->db, DB_READ, "session_read", session_read, &p);
	if (e == ERR_NOT_FOUND)
		return sessions_not_found(rs);
	if (e)
		return e;
	form_empty(&apology_form, rq->arena, &p.d);
	render(rs, &p);
	return ERR_OK;
}

/* ---- apologies in advance ---- */

enum apology_outcome { AP_SENT, AP_ALREADY, AP_RECORDED, AP_TOO_LATE, AP_NOT_OWN, AP_WITHDRAWN };

struct apology {
	struct page_view p;
	enum apology_outcome outcome;
};

static enum err apologies_write(struct db *db, void *ctx)
{
	struct apology *ap = ctx;
	struct page_view *p = &ap->p;
	struct req *rq = p->v.rq;
	enum err e = page_load(db, p);
	if (e)
		return e;
	int64_t now = clock_now(), me = rq->session->person_id;
	if (!p->v.a.own_participant_id) {
		ap->outcome = AP_NOT_OWN;
		return ERR_OK;
	}
	if (p->own_mark) {
		ap->outcome = strcmp(p->own_source, "participant") ? AP_RECORDED : AP_ALREADY;
		return ap->outcome == AP_ALREADY ? session_flash_note(rq, "You have sent your apologies already") : ERR_OK;
	}
	if (own_withdrawn(p)) {
		ap->outcome = AP_WITHDRAWN;
		return ERR_OK;
	}
	if (p->v.s.cancelled_at || activity_cancelled(&p->v) || now >= p->v.s.starts_at) {
		ap->outcome = AP_TOO_LATE;
		return ERR_OK;
	}
	ap->outcome = AP_SENT;
	const char *note = p->d.values[A_NOTE].text;
	if ((e = session_mark_set(db, p->v.id, p->v.a.own_participant_id, "apologies", "participant",
				  note && note[0] ? note : NULL, me, now)) ||
	    (e = audit(db, rq, me, "session_apologies_given", arena_printf(rq->arena, "session:%lld", (long long)p->v.id),
		       arena_printf(rq->arena, "activity:%lld", (long long)p->v.a.id))))
		return e;
	return session_flash(rq, "Your apologies have been sent");
}

enum err activities_session_apologies_post(struct req *rq, struct resp *rs)
{
	struct apology ap = {.p = {.v = {.rq = rq, .id = param_id(rq)}}};
	if (!ap.p.v.id)
		return sessions_not_found(rs);
	bool ok = form_read(&apology_form, rq->form, rq->nform, rq->arena, NULL, &ap.p.d);
	enum err e;
	if (!ok) { /* read to show the page again with the error, or refuse */
		e = db_transact_named(rq->db, DB_READ, "session_read", session_read, &ap.p);
		ap.outcome = AP_SENT;
	} else {
		e = db_transact_named(rq->db, DB_WRITE, "session_apologies_write", apologies_write, &ap);
	}
	if (e == ERR_NOT_FOUND)
		return sessions_not_found(rs);
	if (e)
		return e;
	if (!ap.p.v.a.own_participant_id)
		return sessions_refused(rs, &ap.p.v, "Only the session's participants send apologies",
					"Apologies in advance are for the people taking part in the activity.");
	if (ap.outcome == AP_RECORDED)
		return resp_error_page(rs, 400, "Your attendance is recorded already",
				       "The register of this session has been taken: ask its leads to change it.",
				       sessions_href(rq, ap.p.v.id, NULL), "The session");
	if (ap.outcome == AP_WITHDRAWN)
		return resp_error_page(rs, 400, "You have withdrawn from this activity",
				       "You are not on this session's register, so there are no apologies to send.",
				       sessions_href(rq, ap.p.v.id, NULL), "The session");
	if (ap.outcome == AP_TOO_LATE)
		return resp_error_page(rs, 400, "Apologies can no longer be sent",
				       ap.p.v.s.cancelled_at	       ? "The session has been cancelled."
				       : activity_cancelled(&ap.p.v) ? "The activity has been cancelled."
								     : "Apologies can be sent until the session starts: tell its leads instead.",
				       sessions_href(rq, ap.p.v.id, NULL), "The session");
	if (!ok) {
		rs->status = 400;
		render(rs, &ap.p);
		return ERR_OK;
	}
	resp_redirect(rs, 303, sessions_href(rq, ap.p.v.id, NULL));
	return ERR_OK;
}
