/*
 * send.c - an activity's survey links sent (POST
 * /activities/{id}/surveys/{template}/send): a link of their own to every
 * current participant (the leads, for the LLME survey) who has none yet,
 * each emailed through the outbox, in one write transaction, audited; sent
 * again it sends only to those still without one. And a reminder now (POST
 * .../remind) to each who has not completed and has had neither link nor
 * reminder in the last day, counted on their invite; when that is nobody,
 * the note says why (no links yet, all completed, the rest gone, or all
 * had one in the last day, and when the next may go: survey_remind_none).
 * A reminder now goes at once whatever the hour (the LLME asked for now);
 * the next one the note offers is the first hour a scheduled reminder
 * would also go (survey_reminder_slot on the default national calendar),
 * never a Saturday evening.
 */
#include <string.h>

#include "activities/activities.h"
#include "activities/pages.h"
#include "auth/audit.h"
#include "auth/sealed.h"
#include "auth/session.h"
#include "auth/token.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/workdays.h"
#include "db/db.h"
#include "events/queries.h"
#include "http/request.h"
#include "surveys/invite_queries.h"
#include "surveys/invites.h"
#include "surveys/rules.h"
#include "surveys/terms_queries.h"

struct send {
	struct req *rq;
	int64_t activity_id, template_id;
	bool remind;
	struct activity a;
	struct survey_applies t;
	enum surveys_refusal refused;
	size_t sent;
};

enum err surveys_activity_survey(struct db *db, struct req *rq, int64_t activity_id, int64_t template_id,
				 struct activity *a, struct survey_applies *t, enum surveys_refusal *refused)
{
	struct arena *ar = rq->arena;
	*refused = SURVEYS_SENDS;
	*t = (struct survey_applies){0};
	enum err e = activity_read(db, ar, activity_id, rq->session, a);
	if (e == ERR_NOT_FOUND) {
		*refused = SURVEYS_NO_ACTIVITY;
		return ERR_OK;
	}
	if (e)
		return e;
	struct activity_access acc = activity_access_of(rq->session, a);
	if (!acc.see) {
		*refused = SURVEYS_NO_ACTIVITY;
		return ERR_OK;
	}
	if (!acc.run || !strcmp(a->status, "cancelled")) {
		*refused = SURVEYS_NOT_SENDER;
		return ERR_OK;
	}
	struct survey_applies *all;
	size_t nt;
	if ((e = survey_applicable(db, ar, a->project_id, surveys_activity_year(ar, a), &all, &nt)))
		return e;
	for (size_t i = 0; i < nt; i++)
		if (all[i].id == template_id)
			*t = all[i];
	if (!t->id)
		*refused = SURVEYS_NO_SURVEY;
	else if (t->closed)
		*refused = SURVEYS_SURVEY_CLOSED;
	return ERR_OK;
}

/* The activity and the survey, as its page shows them to this reader. */
static enum err load(struct db *db, struct send *s)
{
	return surveys_activity_survey(db, s->rq, s->activity_id, s->template_id, &s->a, &s->t, &s->refused);
}

static enum err send_tx(struct db *db, void *ctx)
{
	struct send *s = ctx;
	struct req *rq = s->rq;
	struct arena *ar = rq->arena;
	s->sent = 0;
	s->refused = SURVEYS_SENDS;
	enum err e = load(db, s);
	if (e || s->refused)
		return e;
	struct survey_recipient *r;
	size_t n;
	int64_t me = rq->session->person_id, now = clock_now();
	if ((e = survey_uninvited(db, ar, s->t.id, s->a.id, surveys_for_leads(s->t.kind), &r, &n)))
		return e;
	for (size_t i = 0; !e && i < n; i++) {
		char token[TOKEN_LEN + 1], hash[TOKEN_HASH_LEN + 1];
		token_new(token);
		token_hash(token, hash);
		const char *sealed = seal(ar, token, surveys_token_binding(ar, s->t.id, s->a.id, r[i].person_id));
		int64_t id = 0;
		if (!sealed)
			return ERR_SYSTEM;
		if ((e = survey_invite_add(db, s->t.id, s->a.id, r[i].person_id, hash, sealed, me, now, &id)) || !id)
			continue;
		s->sent++;
		e = surveys_mail_link(db, ar, r[i].email, r[i].name, s->t.title, s->a.title,
				      surveys_link(ar, rq->cfg->base_url, token), false);
	}
	if (e || !s->sent)
		return e ? e : session_flash_note(rq, "Everyone already has a link: nothing was sent");
	if ((e = audit(db, rq, me, "survey_links_sent", arena_printf(ar, "activity:%lld", (long long)s->a.id),
		       arena_printf(ar, "%s: %zu %s", s->t.title, s->sent, s->sent == 1 ? "link" : "links"))))
		return e;
	return session_flash(rq, arena_printf(ar, "Survey links sent to %zu %s", s->sent,
					      s->sent == 1 ? "person" : "people"));
}

/* next_reminder's time in words; the day alone when there is none. */
static const char *next_words(struct arena *a, const struct survey_remind_none *w, int64_t at)
{
	if (at)
		return london_when(a, at);
	char day[11];
	london_from_unix(w->first_recent + SURVEYS_REMIND_GAP, day, NULL);
	return day_words(a, day);
}

/* Why nobody was reminded, in words (the note on the activity's page);
 * next_at: next_reminder's. */
static const char *nobody_words(struct arena *a, const struct survey_remind_none *w, int64_t next_at)
{
	int64_t waiting = w->invited - w->completed - w->gone;
	if (!w->invited)
		return "Nobody was reminded: nobody has a link to this survey yet. Send the survey links first";
	if (w->completed == w->invited)
		return "Nobody was reminded: everyone sent a link has completed the survey";
	if (waiting <= 0)
		return "Nobody was reminded: everyone who has not completed the survey has left the activity or no longer "
		       "has an account";
	const char *who = waiting == 1 ? "the 1 person who has not completed the survey has had"
				       : arena_printf(a, "the %lld people who have not completed the survey have each had",
						      (long long)waiting);
	return arena_printf(a, "Nobody was reminded: %s a link or a reminder in the last day. You can remind them again "
			       "from %s",
			    who, next_words(a, w, next_at));
}

/* When the next reminder may go, in words: a day after the earliest link
 * or reminder, moved to the first hour scheduled reminders would also take
 * (survey_reminder_slot: 09:00 to 16:00 on a school day of the default
 * national calendar), "Monday 7 December 2026 at 09:00"; *at 0 when none
 * comes within its reach (then only the day a day later is said). */
static enum err next_reminder(struct db *db, struct arena *a, int64_t earliest, int64_t *at)
{
	struct workdays_holidays h;
	struct survey_terms t;
	bool own;
	enum err e;
	*at = 0;
	if ((e = events_holidays(db, a, &h)) || (e = survey_terms_load(db, a, NULL, &t, &own)))
		return e;
	if (!survey_reminder_slot(earliest + SURVEYS_REMIND_GAP, &h, &t, at))
		*at = 0;
	return ERR_OK;
}

static enum err remind_tx(struct db *db, void *ctx)
{
	struct send *s = ctx;
	struct req *rq = s->rq;
	struct arena *ar = rq->arena;
	s->sent = 0;
	s->refused = SURVEYS_SENDS;
	enum err e = load(db, s);
	if (e || s->refused)
		return e;
	struct survey_recipient *r;
	size_t n;
	int64_t me = rq->session->person_id, now = clock_now(), before = now - SURVEYS_REMIND_GAP;
	if ((e = survey_remind_due(db, ar, s->t.id, s->a.id, before, &r, &n)))
		return e;
	for (size_t i = 0; !e && i < n; i++) {
		bool claimed;
		const char *token;
		if ((e = survey_remind_claim(db, r[i].invite_id, now, before, &claimed)) || !claimed)
			continue;
		if ((e = unseal(ar, r[i].token_sealed, surveys_token_binding(ar, s->t.id, s->a.id, r[i].person_id),
				&token)))
			return e;
		s->sent++;
		e = surveys_mail_link(db, ar, r[i].email, r[i].name, s->t.title, s->a.title,
				      surveys_link(ar, rq->cfg->base_url, token), true);
	}
	if (!e && !s->sent) { /* say why: they have all completed, left, or had one in the last day */
		struct survey_remind_none why;
		int64_t next_at = 0;
		if ((e = survey_remind_none(db, s->t.id, s->a.id, &why)) ||
		    (why.first_recent && (e = next_reminder(db, ar, why.first_recent, &next_at))))
			return e;
		return session_flash_note(rq, nobody_words(ar, &why, next_at));
	}
	if (e)
		return e;
	if ((e = audit(db, rq, me, "survey_reminders_sent", arena_printf(ar, "activity:%lld", (long long)s->a.id),
		       arena_printf(ar, "%s: %zu %s", s->t.title, s->sent, s->sent == 1 ? "reminder" : "reminders"))))
		return e;
	return session_flash(rq, arena_printf(ar, "Reminder sent to %zu %s", s->sent, s->sent == 1 ? "person" : "people"));
}

static enum err answer(struct req *rq, struct resp *rs, bool remind)
{
	struct send s = {.rq = rq, .activity_id = activities_param(rq), .template_id = req_param_id(rq, "template"),
			 .remind = remind};
	if (!s.activity_id || !s.template_id)
		return activities_not_found(rs);
	enum err e = db_transact_named(rq->db, DB_WRITE, remind ? "survey_remind_now" : "survey_links_send",
				       remind ? remind_tx : send_tx, &s);
	if (e)
		return e;
	if (s.refused)
		return surveys_refused_page(rq, rs, s.activity_id, s.refused);
	resp_redirect(rs, 303, activities_href(rq, s.activity_id, "#surveys"));
	return ERR_OK;
}

enum err surveys_closed_page(struct req *rq, struct resp *rs, int64_t activity_id)
{
	return resp_error_page(rs, 409, "The survey has closed",
			       "A closed survey takes no more answers, so no links or reminders are sent for it. Its "
			       "completion stays on the activity's page, with a link to its results.",
			       activities_href(rq, activity_id, "#surveys"), "Back to the activity");
}

enum err surveys_refused_page(struct req *rq, struct resp *rs, int64_t activity_id, enum surveys_refusal why)
{
	switch (why) {
	case SURVEYS_NO_SURVEY:
		return resp_error_page(rs, 404, "Survey not found",
				       "There is no such survey for this activity.",
				       activities_href(rq, activity_id, "#surveys"), "Back to the activity");
	case SURVEYS_NOT_SENDER:
		return resp_error_page(rs, 403, "You cannot send this activity's surveys",
				       "Its leads, its hubs' leadership and the national team send an activity's survey links.",
				       activities_href(rq, activity_id, NULL), "Back to the activity");
	case SURVEYS_SURVEY_CLOSED:
		return surveys_closed_page(rq, rs, activity_id);
	case SURVEYS_NO_ACTIVITY:
	case SURVEYS_SENDS:
	default:
		return activities_not_found(rs);
	}
}

enum err surveys_send_post(struct req *rq, struct resp *rs)
{
	return answer(rq, rs, false);
}

enum err surveys_remind_post(struct req *rq, struct resp *rs)
{
	return answer(rq, rs, true);
}
