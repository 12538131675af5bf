/*
 * answers.c - /events/{id}/answers: an organiser adds, changes or removes
 * someone's answer, with a reason; the only way to change who is coming
 * once the event is locked. Audited (the reason, and whether it was after
 * the lock) and emailed to the person. Before the lock, a confirmed place
 * that comes free goes to the first on the waiting list.
 */
#include <string.h>

#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "events/notify.h"
#include "events/pages.h"
#include "events/queries.h"
#include "events/rules.h"
#include "events/views.h"
#include "form_page.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/html.h"
#include "http/request.h"

enum { S_EMAIL, S_ANSWER, S_REASON, S_COUNT };
static const struct govuk_option answer_options[] = {
	{"confirmed", "Confirmed"}, {"apologies", "Apologies"}, {"waiting", "On the waiting list"},
	{"remove", "No answer (remove them)"},
};
static const struct form_field set_fields[S_COUNT] = {
	[S_EMAIL] = {"email", FORM_EMAIL, "Their email address", .required = true, .autocomplete = "off", .spellcheck_off = true},
	[S_ANSWER] = {"answer", FORM_CHOICE, "Their answer", .required = true, .options = answer_options, .noptions = 4},
	[S_REASON] = {"reason", FORM_TEXTAREA, "Reason", .required = true, .max_chars = 1000,
		      .hint = "Kept in the audit log and emailed to them"},
};

struct set_answer {
	struct form_page fp;
	int64_t id;
	struct event e;
};

static enum err set_load(struct db *db, struct form_page *fp)
{
	struct set_answer *s = fp->ctx;
	return event_read(db, fp->rq->arena, s->id, fp->rq->session->person_id, &s->e); /* for event_visible */
}

static void set_intro(struct html *w, struct form_page *fp)
{
	struct set_answer *s = fp->ctx;
	H_RAW(w, "<p class=\"govuk-body\">");
	if (event_window_at(&s->e, clock_now()) == EVENT_OPEN)
		html_textf(w, "People can still answer for themselves until the end of %s.",
			   events_deadline_day(fp->rq->arena, &s->e));
	else
		html_text(w, "The event is locked: only organisers can change who is coming now.");
	H_RAW(w, " Places: ");
	if (s->e.capacity)
		html_textf(w, "%lld of %lld confirmed.", (long long)s->e.nconfirmed, (long long)s->e.capacity);
	else
		html_textf(w, "%lld confirmed, no limit.", (long long)s->e.nconfirmed);
	H_RAW(w, "</p>\n");
}

static void set_prepare(struct form_page *fp)
{
	struct set_answer *s = fp->ctx;
	if (!event_organiser(fp->rq->session, &s->e)) {
		fp->outcome = event_visible(fp->rq->session, &s->e) ? FORM_PAGE_REFUSED : FORM_PAGE_MISSING;
		return;
	}
	if (s->e.cancelled_at) {
		fp->outcome = FORM_PAGE_BLOCKED;
		fp->blocked = "This event has been cancelled.";
	}
	fp->caption = s->e.title;
	fp->back_href = events_href(fp->rq, s->id, NULL);
	fp->action = events_href(fp->rq, s->id, "/answers");
}

static enum err set_write(struct db *db, struct form_page *fp)
{
	struct set_answer *s = fp->ctx;
	struct req *rq = fp->rq;
	struct arena *a = rq->arena;
	const char *email = fp->d.values[S_EMAIL].text, *answer = fp->d.values[S_ANSWER].text,
		   *reason = fp->d.values[S_REASON].text;
	int64_t pid, now = clock_now(), me = rq->session->person_id;
	const char *name;
	enum err e = events_person_by_email(db, a, email, &pid, &name);
	if (e == ERR_NOT_FOUND) {
		form_fail(&fp->d, S_EMAIL, "There is no active account with this email address");
		return ERR_OK;
	}
	struct event mine;
	if (e || (e = event_read(db, a, s->id, pid, &mine)))
		return e;
	bool locked = event_window_at(&mine, now) != EVENT_OPEN;
	bool was_confirmed = mine.answer && !strcmp(mine.answer, "confirmed");
	const char *detail = arena_printf(a, "person:%lld %s -> %s%s: %s", (long long)pid, mine.answer ? mine.answer : "none",
					  answer, locked ? " (after the lock)" : "", reason);
	const char *subject = arena_printf(a, "event:%lld", (long long)s->id);
	if (!strcmp(answer, "remove")) {
		bool removed;
		if ((e = event_answer_remove(db, s->id, pid, &removed)))
			return e;
		if (!removed) {
			form_fail(&fp->d, S_EMAIL, arena_printf(a, "%s has not answered this event", name));
			return ERR_OK;
		}
		if ((e = audit(db, rq, me, "event_answer_removed", subject, detail)) ||
		    (e = events_notify(db, rq->cfg, a, &mine, pid, EVENTS_TOLD_REMOVED, reason, was_confirmed, 0)))
			return e;
	} else {
		if ((e = event_answer_set(db, s->id, pid, answer, NULL, now, me, reason)) ||
		    (e = audit(db, rq, me, "event_answer_set", subject, detail)))
			return e;
		mine.answer = answer;
		if ((e = events_notify(db, rq->cfg, a, &mine, pid, EVENTS_TOLD_SET, reason, was_confirmed, 0)))
			return e;
	}
	/* someone no longer coming keeps no requirements */
	if (strcmp(answer, "confirmed") && (e = event_requirement_remove(db, s->id, pid)))
		return e;
	if ((was_confirmed || mine.offered_until > 0) && strcmp(answer, "confirmed") && (e = events_place_freed(db, rq->cfg, rq, a, &mine, now)))
		return e;
	const char *msg = arena_printf(a, "%s's answer is now: %s", name,
				       !strcmp(answer, "remove") ? "no answer" : events_answer_name(answer));
	if (!strcmp(answer, "confirmed") && mine.capacity && !was_confirmed && mine.nconfirmed + 1 > mine.capacity)
		msg = arena_printf(a, "%s. The event now has more people confirmed than places", msg);
	return session_flash(rq, msg);
}

static enum err set_refuse(struct resp *rs, struct form_page *fp)
{
	if (fp->outcome == FORM_PAGE_MISSING)
		return events_not_found(rs);
	return resp_error_page(rs, 403, "You cannot change answers to this event",
			       "Only the event's organisers can change someone's answer.", NULL, NULL);
}

static const struct form_page set_page = {
	.name = "event_answer", .title = "Change someone's answer", .button = "Save answer", .form = FORM(set_fields),
	.load = set_load, .prepare = set_prepare, .intro = set_intro, .write = set_write, .refuse = set_refuse,
};

static struct form_page *page_of(struct req *rq, struct set_answer *s)
{
	*s = (struct set_answer){.fp = set_page, .id = events_param(rq)};
	s->fp.rq = rq;
	s->fp.ctx = s;
	return &s->fp;
}

enum err events_answer(struct req *rq, struct resp *rs)
{
	struct set_answer s;
	return events_param(rq) ? form_page_get(rs, page_of(rq, &s)) : events_not_found(rs);
}

enum err events_answer_post(struct req *rq, struct resp *rs)
{
	struct set_answer s;
	return events_param(rq) ? form_page_post(rs, page_of(rq, &s)) : events_not_found(rs);
}
