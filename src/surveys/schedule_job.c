/*
 * schedule_job.c - scheduled survey reminders, a periodic job (module.h,
 * struct job; src/jobs.h runs it at start and every hour): each reminder a
 * plan (survey_reminder_plans) makes due (survey_schedule_due: not
 * completed, fewer than its most, its gap passed since the link or the
 * last reminder) goes only when now is an hour a reminder may reach that
 * person (survey_reminder_slot: a school day of their school's local
 * authority's calendar, else the default national one, from 09:00 to
 * 16:00); otherwise it waits for a later run, so it goes at the first
 * such hour. Each is claimed on its invite (the reminders count read) and
 * its email queued in one write transaction, so two server processes never
 * both send it. At most SCHEDULE_PER_RUN a run.
 *
 * Those due are read a page at a time (SCHEDULE_PAGE, by invite id after
 * the last page's last, each page its own read transaction), until
 * SCHEDULE_PER_RUN are sent or none is left: whatever waits for its hour
 * (20,000 invites of an authority in its holiday) never hides one due now
 * behind it. A run's work is bounded by the invites due (each read once,
 * a page in memory at a time); calendars are read once a run per authority.
 */
#include <string.h>

#include "auth/sealed.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/workdays.h"
#include "db/db.h"
#include "events/queries.h"
#include "module.h"
#include "surveys/invites.h"
#include "surveys/rules.h"
#include "surveys/schedule.h"
#include "surveys/schedule_queries.h"
#include "surveys/terms_queries.h"

/* reminders sent in one run at most: the rest wait for the next hour */
#define SCHEDULE_PER_RUN 2000
/* those due read at a time */
#define SCHEDULE_PAGE 1000

struct calendar {
	const char *la_code; /* NULL: the default */
	struct survey_terms t;
};

struct job_run {
	struct arena *a;    /* the run's: holidays, calendars */
	struct arena *page; /* a page's rows (a new one each page) */
	const struct config *cfg;
	int64_t now;
	int64_t after;      /* the last invite of the page before (0: none) */
	bool holidays_read;
	struct workdays_holidays h;
	struct survey_scheduled *rows;
	size_t n;
	struct calendar *cal;
	size_t ncal, capcal;
	const struct survey_scheduled *row; /* the one being sent */
	const char *token;		    /* its link's token */
};

static bool same(const char *x, const char *y)
{
	return x == y || (x && y && !strcmp(x, y));
}

/* The calendar of la_code, read once a run. */
static enum err calendar_of(struct db *db, struct job_run *r, const char *la_code)
{
	for (size_t i = 0; i < r->ncal; i++)
		if (same(r->cal[i].la_code, la_code))
			return ERR_OK;
	r->cal = arena_room(r->a, r->cal, r->ncal, &r->capcal, sizeof(*r->cal));
	struct calendar *c = &r->cal[r->ncal];
	bool own;
	c->la_code = arena_strdup(r->a, la_code); /* outlives the page */
	enum err e = survey_terms_load(db, r->a, la_code, &c->t, &own);
	if (!e)
		r->ncal++;
	return e;
}

/* The next page of those due, with the calendars it needs. */
static enum err read_due(struct db *db, void *ctx)
{
	struct job_run *r = ctx;
	enum err e = ERR_OK;
	if (!r->holidays_read && !(e = events_holidays(db, r->a, &r->h)))
		r->holidays_read = true;
	if (!e)
		e = survey_scheduled_due(db, r->page, r->now, r->after, SCHEDULE_PAGE, &r->rows, &r->n);
	for (size_t i = 0; !e && i < r->n; i++)
		e = calendar_of(db, r, r->rows[i].la_code);
	return e;
}

static const struct survey_terms *terms_of(const struct job_run *r, const char *la_code)
{
	for (size_t i = 0; i < r->ncal; i++)
		if (same(r->cal[i].la_code, la_code))
			return &r->cal[i].t;
	return NULL;
}

static enum err send_one(struct db *db, void *ctx)
{
	struct job_run *r = ctx;
	const struct survey_scheduled *x = r->row;
	bool claimed;
	enum err e = survey_scheduled_claim(db, x->invite_id, x->reminders, r->now, &claimed);
	if (e || !claimed)
		return e;
	return surveys_mail_link(db, r->page, x->email, x->name, x->survey_title, x->activity_title,
				 surveys_link(r->page, r->cfg->base_url, r->token), true);
}

enum err surveys_schedule_job(struct db *db, const struct config *cfg, int64_t now)
{
	struct job_run r = {.a = arena_new(), .cfg = cfg, .now = now};
	size_t sent = 0;
	enum err e = ERR_OK;
	bool more = true;
	while (!e && more && sent < SCHEDULE_PER_RUN) {
		r.page = arena_new();
		e = db_transact_named(db, DB_READ, "survey_schedule_read", read_due, &r);
		more = !e && r.n == SCHEDULE_PAGE; /* a short page: none left after it */
		for (size_t i = 0; !e && i < r.n && sent < SCHEDULE_PER_RUN; i++) {
			const struct survey_scheduled *x = &r.rows[i];
			r.after = x->invite_id;
			int64_t at;
			if (!survey_schedule_due(false, x->invited_at, x->last_reminded_at, x->reminders, x->every_days,
						 x->max_reminders, now) ||
			    !survey_reminder_slot(now, &r.h, terms_of(&r, x->la_code), &at) || at != now)
				continue; /* not yet, or not an hour it may reach them: a later run sends it */
			/* a link that cannot be unsealed (the deployment's key changed) is
			 * left alone: its sender can send links again */
			if (unseal(r.page, x->token_sealed,
				   surveys_token_binding(r.page, x->template_id, x->activity_id, x->person_id), &r.token))
				continue;
			r.row = x;
			e = db_transact_named(db, DB_WRITE, "survey_schedule_send", send_one, &r);
			sent++;
		}
		arena_free(r.page);
	}
	arena_free(r.a);
	return e;
}
