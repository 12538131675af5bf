/*
 * event_page.c - /events/{id}: an event as the people it is for see it
 * (its details, the deadline in words, their answer, Confirm or Join the
 * waiting list, Apologies with an optional reason) and, for its
 * organisers, the answers so far and what they can do. Answering:
 * POST /events/{id}/confirm and /events/{id}/apologies, each one write
 * transaction that decides on what it reads (the lock, the places left),
 * so fifty people confirming at once for ten places leaves ten confirmed
 * and forty waiting (SQLite's write lock; PostgreSQL's serializable
 * transactions, run again when they collide).
 */
#include <stdlib.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/url.h"
#include "core/workdays.h"
#include "db/db.h"
#include "events/events.h"
#include "events/join.h"
#include "events/notify.h"
#include "events/pages.h"
#include "events/queries.h"
#include "events/rules.h"
#include "events/views.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"

enum { A_REASON, A_COUNT };
static const struct form_field apology_fields[A_COUNT] = {
	[A_REASON] = {"reason", FORM_TEXTAREA, "Reason (optional)", .max_chars = 500,
		      .hint = "The organisers see it"},
};
static const struct form apology_form = FORM(apology_fields);

int64_t events_param(const struct req *rq)
{
	return req_param_id(rq, "id");
}

const char *events_href(const struct req *rq, int64_t id, const char *then)
{
	return url_path(rq->arena, "/events/", arena_printf(rq->arena, "%lld", (long long)id), then ? then : "");
}

enum err events_not_found(struct resp *rs)
{
	return resp_error_page(rs, 404, "Event not found",
			       "There is no such event, or it is not one you are invited to.", "/events", "Your events");
}

/* ---- the page ---- */

struct event_view {
	struct req *rq;
	int64_t id;
	struct event e;
	bool organiser;
	struct event_answer *answers;
	size_t nanswers;
	int64_t now;
	const char *join_link; /* theirs, confirmed for an online event (join.h) */
};

static enum err event_page_read(struct db *db, void *ctx)
{
	struct event_view *v = ctx;
	struct req *rq = v->rq;
	v->answers = NULL;
	v->nanswers = 0;
	enum err e = event_read(db, rq->arena, v->id, rq->session->person_id, &v->e);
	if (e)
		return e;
	v->organiser = event_organiser(rq->session, &v->e);
	if ((e = events_join_link_shown(db, rq->arena, &v->e, rq->session->person_id, &v->join_link)))
		return e;
	if (v->organiser)
		e = event_answers(db, rq->arena, v->id, &v->answers, &v->nanswers);
	return e;
}

/* What the person can do now, in words and buttons. */
static void answer_section(struct html *w, struct event_view *v, const struct form_data *d)
{
	struct req *rq = v->rq;
	const struct event *e = &v->e;
	enum event_window win = event_window_at(e, v->now);
	bool f2f = !strcmp(e->format, "face_to_face");
	if (!e->eligible && !e->answer)
		return; /* an organiser the event is not for */
	H_RAW(w, "<h2 class=\"govuk-heading-m\" id=\"your-answer\">Your answer</h2>\n<p class=\"govuk-body\">");
	events_answer_tag(w, e->answer);
	bool offered = e->answer && !strcmp(e->answer, "waiting") && e->offered_until > v->now && win == EVENT_OPEN;
	if (offered)
		H_RAW(w, " A place has come free and is offered to you.");
	else if (e->answer && !strcmp(e->answer, "waiting") && e->waiting_place)
		html_textf(w, " You are number %lld on the waiting list.", (long long)e->waiting_place);
	if (e->answer && !strcmp(e->answer, "apologies") && e->reason) {
		H_RAW(w, " Your reason: ");
		html_text(w, e->reason);
	}
	H_RAW(w, "</p>\n");
	if (win != EVENT_CANCELLED && e->answer && !strcmp(e->answer, "confirmed"))
		events_requirements_link(w, rq, e);
	if (offered)
		govuk_button(w, &(struct govuk_button){.text = "Accept or decline the place", .href = events_href(rq, e->id, "/offer")});
	if (v->join_link)
		events_join_section(w, rq, v->join_link);
	if (win == EVENT_CANCELLED) {
		return;
	}
	if (win != EVENT_OPEN) {
		H_RAW(w, "<p class=\"govuk-body\">");
		if (win == EVENT_LOCKED)
			html_textf(w, "Answers closed at the end of %s (ten working days before the event). "
				      "Only the organisers can change who is coming now: contact them if you need to.",
				   events_deadline_day(rq->arena, e));
		else
			html_text(w, "The event has begun, so answers are closed.");
		H_RAW(w, "</p>\n");
		if (f2f && win == EVENT_LOCKED && (!e->answer || strcmp(e->answer, "confirmed")))
			govuk_warning_text(w, "You have not confirmed: do not travel to this event.");
		return;
	}
	H_RAW(w, "<p class=\"govuk-body\">");
	if (!e->answer) {
		H_RAW(w, "<strong>");
		html_text(w, events_deadline_words(rq->arena, e));
		H_RAW(w, "</strong>. You can change your answer until then.");
	} else if (f2f) {
		html_textf(w, "You can change your answer until the end of %s.", events_deadline_day(rq->arena, e));
	} else {
		html_text(w, "You can change your answer until it starts.");
	}
	H_RAW(w, "</p>\n");
	if (!e->answer || strcmp(e->answer, "confirmed")) {
		bool full = event_full(e);
		if (!e->answer || strcmp(e->answer, "waiting")) {
			H_RAW(w, "<form method=\"post\" novalidate");
			H_ATTR(w, "action", events_href(rq, e->id, "/confirm"));
			H_RAW(w, ">");
			govuk_csrf(w, rq->session->csrf);
			if (full)
				H_RAW(w, "<p class=\"govuk-body\">The event is full. Join the waiting list and you will be "
					 "given a place if one comes free before the deadline.</p>");
			govuk_button(w, &(struct govuk_button){.text = full ? "Join the waiting list" : "Confirm",
							      .prevent_double_click = true});
			H_RAW(w, "</form>\n");
		}
	}
	if (!e->answer || strcmp(e->answer, "apologies") || d) {
		H_RAW(w, "<h2 class=\"govuk-heading-m\" id=\"apologies\">Cannot come?</h2>\n<form method=\"post\" novalidate");
		H_ATTR(w, "action", events_href(rq, e->id, "/apologies"));
		H_RAW(w, ">");
		govuk_csrf(w, rq->session->csrf);
		struct form_data empty;
		if (!d) {
			form_empty(&apology_form, rq->arena, &empty);
			d = &empty;
		}
		form_fields(w, d);
		govuk_button(w, &(struct govuk_button){.text = "Send apologies", .variant = "secondary",
						      .prevent_double_click = true});
		H_RAW(w, "</form>\n");
	}
}

static void organiser_section(struct html *w, struct event_view *v)
{
	struct req *rq = v->rq;
	const struct event *e = &v->e;
	H_RAW(w, "<h2 class=\"govuk-heading-m\" id=\"organisers\">For organisers</h2>\n");
	if (!e->holidays_known && !strcmp(e->format, "face_to_face"))
		govuk_warning_text(w, "The bank holidays of the year of this event are not known yet, so its deadline "
				      "counts none. Ask the national team to import them (mathshubs import-bank-holidays).");
	if (!e->cancelled_at) {
		H_RAW(w, "<div class=\"govuk-button-group\">");
		govuk_button(w, &(struct govuk_button){.text = "Change the event", .href = events_href(rq, e->id, "/edit"),
						      .variant = "secondary"});
		govuk_button(w, &(struct govuk_button){.text = "Change someone's answer",
						      .href = events_href(rq, e->id, "/answers"), .variant = "secondary"});
		govuk_button(w, &(struct govuk_button){.text = "Dietary and access requirements",
						      .href = events_href(rq, e->id, "/requirements"), .variant = "secondary"});
		govuk_button(w, &(struct govuk_button){.text = "Register and attendance",
						      .href = events_href(rq, e->id, "/register"), .variant = "secondary"});
		govuk_button(w, &(struct govuk_button){.text = "Cancel the event", .href = events_href(rq, e->id, "/cancel"),
						      .variant = "warning"});
		H_RAW(w, "</div>\n");
	}
	H_RAW(w, "<p class=\"govuk-body\">");
	html_textf(w, "%lld confirmed, %lld on the waiting list, %lld apologies.", (long long)e->nconfirmed,
		   (long long)e->nwaiting, (long long)e->napologies);
	H_RAW(w, "</p>\n");
	if (!v->nanswers)
		return;
	static const char *const heads[] = {"Name", "Email address", "Answer", "Note"};
	govuk_table_begin(w, "Answers", false, heads, 4);
	for (size_t i = 0; i < v->nanswers; i++) {
		const struct event_answer *an = &v->answers[i];
		govuk_table_row_begin(w);
		govuk_table_cell(w, an->name);
		govuk_table_cell(w, an->email);
		govuk_table_cell_begin(w);
		events_answer_tag(w, an->answer);
		govuk_table_cell_end(w);
		govuk_table_cell(w, an->set_by_organiser ? arena_printf(rq->arena, "Set by an organiser: %s", an->set_reason ? an->set_reason : "")
							 : an->reason ? an->reason : "");
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
}

static void render(struct resp *rs, struct event_view *v, const struct govuk_error *errors, size_t nerrors,
		   const struct form_data *d)
{
	struct req *rq = v->rq;
	const struct event *e = &v->e;
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = e->title, .nav = "/events",
				      .crumbs = (const struct crumb[]){{"Your events", "/events"}}, .ncrumbs = 1,
				      .caption = events_term_name(events_kinds, EVENTS_NKINDS, e->kind),
				      .errors = errors, .nerrors = nerrors, .banner = session_banner(rq)});
	if (e->cancelled_at) {
		H_RAW(&w, "<div class=\"govuk-inset-text\">This event has been cancelled");
		if (e->cancel_reason) {
			H_RAW(&w, ": ");
			html_text(&w, e->cancel_reason);
		}
		H_RAW(&w, "</div>\n");
	} else if (!v->organiser && !e->eligible && !e->answer) { /* national staff (event_visible) */
		H_RAW(&w, "<div class=\"govuk-inset-text\">This event is not open to you. You can see it because the "
			  "national team sees every event.</div>\n");
	} else if (!strcmp(e->format, "face_to_face")) {
		govuk_warning_text(&w, "Do not travel unless you have confirmed.");
	}
	if (e->description && e->description[0]) {
		const char *s = e->description;
		for (;;) {
			size_t n = strcspn(s, "\n");
			if (n) {
				H_RAW(&w, "<p class=\"govuk-body\">");
				html_textn(&w, s, n);
				H_RAW(&w, "</p>\n");
			}
			if (!s[n])
				break;
			s += n + 1;
		}
	}
	events_summary(&w, rq->arena, e, v->organiser);
	answer_section(&w, v, d);
	if (v->organiser)
		organiser_section(&w, v);
	page_end(&w);
}

/* The event's page; errors (and the apologies form d) after a refused answer. */
static enum err show(struct req *rq, struct resp *rs, int64_t id, int status, const struct govuk_error *errors,
		     size_t nerrors, const struct form_data *d)
{
	struct event_view v = {.rq = rq, .id = id, .now = clock_now()};
	enum err e = db_transact(rq->db, DB_READ, event_page_read, &v);
	if (e == ERR_NOT_FOUND || (!e && !event_visible(rq->session, &v.e)))
		return events_not_found(rs);
	if (e)
		return e;
	rs->status = status;
	render(rs, &v, errors, nerrors, d);
	return ERR_OK;
}

enum err events_page(struct req *rq, struct resp *rs)
{
	int64_t id = events_param(rq);
	return id ? show(rq, rs, id, 200, NULL, 0, NULL) : events_not_found(rs);
}

/* ---- answering ---- */

enum answer_outcome { ANSWER_DONE, ANSWER_MISSING, ANSWER_CLOSED };

struct answer {
	struct req *rq;
	int64_t id;
	bool confirm;
	const char *reason;
	/* set by the write */
	enum answer_outcome outcome;
	const char *why;
};

static enum err answer_write(struct db *db, void *ctx)
{
	struct answer *an = ctx;
	struct req *rq = an->rq;
	struct arena *a = rq->arena;
	an->outcome = ANSWER_DONE;
	an->why = NULL;
	int64_t me = rq->session->person_id, now = clock_now();
	struct event e;
	enum err err = event_read(db, a, an->id, me, &e);
	if (err == ERR_NOT_FOUND || (!err && !e.eligible && !e.answer)) {
		an->outcome = ANSWER_MISSING;
		return ERR_OK;
	}
	if (err)
		return err;
	enum event_window win = event_window_at(&e, now);
	if (win != EVENT_OPEN) {
		an->outcome = ANSWER_CLOSED;
		an->why = win == EVENT_CANCELLED ? "This event has been cancelled"
			  : win == EVENT_STARTED ? "The event has begun, so answers are closed"
						 : arena_printf(a, "You can no longer change your answer: answers closed at the end of %s, "
								   "ten working days before the event. Contact the organisers if you need to",
							    events_deadline_day(a, &e));
		return ERR_OK;
	}
	const char *subject = arena_printf(a, "event:%lld", (long long)e.id);
	if (an->confirm) {
		if (e.answer && (!strcmp(e.answer, "confirmed") || !strcmp(e.answer, "waiting")))
			return session_flash(rq, !strcmp(e.answer, "confirmed") ? "You have already confirmed"
										 : "You are already on the waiting list");
		/* places held: confirmed, and offered to someone waiting; the
		 * tallies were read in this write transaction, so they are current */
		bool waiting = e.capacity && e.nconfirmed + e.noffered >= e.capacity;
		if ((err = event_answer_set(db, e.id, me, waiting ? "waiting" : "confirmed", NULL, now, 0, NULL)) ||
		    (err = audit(db, rq, me, waiting ? "event_waiting" : "event_confirmed", subject, e.title)) ||
		    (err = events_notify(db, rq->cfg, a, &e, me, waiting ? EVENTS_TOLD_WAITING : EVENTS_TOLD_CONFIRMED, NULL,
					 false, 0)))
			return err;
		return session_flash(rq, waiting ? "The event is full: you are on the waiting list"
						 : "You have confirmed your place. We have emailed you the details");
	}
	bool was_confirmed = e.answer && !strcmp(e.answer, "confirmed");
	/* someone not coming keeps no requirements */
	if ((err = event_answer_set(db, e.id, me, "apologies", an->reason, now, 0, NULL)) ||
	    (err = event_requirement_remove(db, e.id, me)) ||
	    (err = audit(db, rq, me, "event_apologies", subject, e.title)) ||
	    (err = events_notify(db, rq->cfg, a, &e, me, EVENTS_TOLD_APOLOGIES, NULL, was_confirmed, 0)))
		return err;
	if ((was_confirmed || e.offered_until > 0) && (err = events_place_freed(db, rq->cfg, rq, a, &e, now)))
		return err;
	return session_flash(rq, "You have sent your apologies");
}

static enum err answer(struct req *rq, struct resp *rs, bool confirm)
{
	int64_t id = events_param(rq);
	if (!id)
		return events_not_found(rs);
	struct form_data d;
	if (!confirm && !form_read(&apology_form, rq->form, rq->nform, rq->arena, NULL, &d))
		return show(rq, rs, id, 400, d.errors, d.nerrors, &d);
	struct answer an = {.rq = rq, .id = id, .confirm = confirm, .reason = confirm ? NULL : d.values[A_REASON].text};
	/* one event's answers take turns across server processes (queries.h) */
	enum err e = events_answers_lock(rq->db, id, true);
	if (e)
		return e;
	e = db_transact(rq->db, DB_WRITE, answer_write, &an);
	enum err unlocked = events_answers_lock(rq->db, id, false);
	if (!e)
		e = unlocked;
	if (e)
		return e;
	if (an.outcome == ANSWER_MISSING)
		return events_not_found(rs);
	if (an.outcome == ANSWER_CLOSED) {
		struct govuk_error err = {confirm ? "your-answer" : "reason", an.why};
		return show(rq, rs, id, 400, &err, 1, confirm ? NULL : &d);
	}
	resp_redirect(rs, 303, events_href(rq, id, NULL));
	return ERR_OK;
}

enum err events_confirm_post(struct req *rq, struct resp *rs)
{
	return answer(rq, rs, true);
}

enum err events_apologies_post(struct req *rq, struct resp *rs)
{
	return answer(rq, rs, false);
}
