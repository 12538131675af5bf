/*
 * schedule.c - an activity's scheduled reminders for one of its open
 * surveys (schedule.h): the page of the schedule's form (GET and POST
 * /activities/{id}/surveys/{template}/schedule: every N days, at most M
 * times; one write transaction, audited, 303 with a message; 400 with the
 * error summary on bad input) and its stop (POST .../schedule/stop), for
 * whoever may send the activity's links (surveys_activity_survey, as
 * send.c). The hourly job sends them (schedule_job.c).
 */
#include <string.h>

#include "activities/activities.h"
#include "activities/pages.h"
#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "form_page.h"
#include "html/form.h"
#include "html/html.h"
#include "http/request.h"
#include "surveys/invite_queries.h"
#include "surveys/invites.h"
#include "surveys/rules.h"
#include "surveys/schedule.h"
#include "surveys/schedule_queries.h"

const char *surveys_schedule_words(struct arena *a, const struct survey_plan *p)
{
	return arena_printf(a, "Reminders every %lld days, at most %lld, on school days from %02d:00 to %02d:00; never in "
			       "school holidays.",
			    (long long)p->every_days, (long long)p->max_reminders, SURVEY_SEND_FROM, SURVEY_SEND_UNTIL);
}

enum { F_EVERY, F_MOST, F_COUNT };
static const struct form_field plan_fields[F_COUNT] = {
	[F_EVERY] = {"every_days", FORM_NUMBER, "Days between reminders", .required = true,
		     .min = SURVEY_PLAN_EVERY_MIN, .max = SURVEY_PLAN_EVERY_MAX,
		     .hint = "From 2 to 30 days, counted from their link or their last reminder",
		     .missing = "Enter the number of days between reminders",
		     .invalid = "Days between reminders must be a whole number from 2 to 30",
		     .input_class = "govuk-input--width-3", .inputmode = "numeric"},
	[F_MOST] = {"max_reminders", FORM_NUMBER, "Most reminders each person gets", .required = true,
		    .min = SURVEY_PLAN_MOST_MIN, .max = SURVEY_PLAN_MOST_MAX, .hint = "From 1 to 10",
		    .missing = "Enter the most reminders each person gets",
		    .invalid = "Most reminders must be a whole number from 1 to 10",
		    .input_class = "govuk-input--width-3", .inputmode = "numeric"},
};

/* A page's own refusal: the reader may not send this activity's surveys. */
#define SCHEDULE_REFUSED FORM_PAGE_REFUSED

struct sched {
	int64_t activity_id, template_id;
	struct activity a;
	struct survey_applies t;
	struct survey_plan plan;
	enum surveys_refusal refused;
};

static enum err sched_load(struct db *db, struct form_page *fp)
{
	struct sched *s = fp->ctx;
	enum err e = surveys_activity_survey(db, fp->rq, s->activity_id, s->template_id, &s->a, &s->t, &s->refused);
	if (e || s->refused)
		return e;
	return survey_plan_of(db, s->activity_id, s->template_id, &s->plan);
}

static void sched_prepare(struct form_page *fp)
{
	struct sched *s = fp->ctx;
	struct arena *a = fp->rq->arena;
	if (s->refused == SURVEYS_SURVEY_CLOSED) {
		fp->outcome = FORM_PAGE_BLOCKED;
		fp->title = "The survey has closed";
		fp->blocked = "A closed survey takes no more answers, so no reminders are sent for it.";
		fp->back_href = activities_href(fp->rq, s->activity_id, "#surveys");
		return;
	}
	if (s->refused) {
		fp->outcome = SCHEDULE_REFUSED;
		return;
	}
	fp->title = s->plan.every_days ? "Change scheduled reminders" : "Schedule reminders";
	fp->caption = arena_printf(a, "%s: %s", s->a.title, s->t.title);
	fp->back_href = activities_href(fp->rq, s->activity_id, "#surveys");
	fp->button = "Save the schedule";
}

static void sched_prefill(struct form_page *fp)
{
	struct sched *s = fp->ctx;
	struct arena *a = fp->rq->arena;
	form_set(&fp->d, F_EVERY,
		 arena_printf(a, "%lld", (long long)(s->plan.every_days ? s->plan.every_days : SURVEY_PLAN_EVERY)));
	form_set(&fp->d, F_MOST,
		 arena_printf(a, "%lld", (long long)(s->plan.max_reminders ? s->plan.max_reminders : SURVEY_PLAN_MOST)));
}

static void sched_intro(struct html *w, struct form_page *fp)
{
	(void)fp;
	H_RAW(w, "<p class=\"govuk-body\">Remind those who have not completed the survey every few days, a few times at "
		 "most. Reminders go on school days from 09:00 to 16:00, never at weekends, on bank holidays or in school "
		 "holidays (their school&#39;s local authority&#39;s term dates, else the national ones): one due at "
		 "another time waits for the next school day.</p>\n");
}

static enum err sched_write(struct db *db, struct form_page *fp)
{
	struct sched *s = fp->ctx;
	struct req *rq = fp->rq;
	struct survey_plan p = {.every_days = fp->d.values[F_EVERY].number,
				.max_reminders = fp->d.values[F_MOST].number};
	enum err e;
	if ((e = survey_plan_set(db, s->activity_id, s->template_id, &p, rq->session->person_id, clock_now())) ||
	    (e = audit(db, rq, rq->session->person_id, "survey_reminders_scheduled",
		       arena_printf(rq->arena, "activity:%lld", (long long)s->activity_id),
		       arena_printf(rq->arena, "%s: every %lld days, at most %lld", s->t.title, (long long)p.every_days,
				    (long long)p.max_reminders))))
		return e;
	return session_flash(rq, arena_printf(rq->arena, "Reminders scheduled: %s", surveys_schedule_words(rq->arena, &p)));
}

static enum err sched_refuse(struct resp *rs, struct form_page *fp)
{
	struct sched *s = fp->ctx;
	if (fp->outcome == FORM_PAGE_MISSING)
		return activities_not_found(rs);
	return surveys_refused_page(fp->rq, rs, s->activity_id, s->refused);
}

static struct form_page *sched_page(struct req *rq, struct form_page *fp, struct sched *s)
{
	*s = (struct sched){.activity_id = activities_param(rq), .template_id = req_param_id(rq, "template")};
	if (!s->activity_id)
		s->activity_id = -1;
	if (!s->template_id)
		s->template_id = -1;
	*fp = (struct form_page){.rq = rq, .name = "survey_schedule", .ctx = s, .form = FORM(plan_fields),
				 .action = arena_printf(rq->arena, "%s", rq->path), .load = sched_load,
				 .prepare = sched_prepare, .prefill = sched_prefill, .intro = sched_intro,
				 .write = sched_write, .refuse = sched_refuse};
	return fp;
}

enum err surveys_schedule(struct req *rq, struct resp *rs)
{
	struct form_page fp;
	struct sched s;
	return form_page_get(rs, sched_page(rq, &fp, &s));
}

enum err surveys_schedule_post(struct req *rq, struct resp *rs)
{
	struct form_page fp;
	struct sched s;
	return form_page_post(rs, sched_page(rq, &fp, &s));
}

/* POST .../schedule/stop: the plan removed, audited. */
struct stop {
	struct req *rq;
	struct sched s;
};

static enum err stop_tx(struct db *db, void *ctx)
{
	struct stop *st = ctx;
	struct sched *s = &st->s;
	struct req *rq = st->rq;
	enum err e = surveys_activity_survey(db, rq, s->activity_id, s->template_id, &s->a, &s->t, &s->refused);
	if (s->refused == SURVEYS_SURVEY_CLOSED)
		s->refused = SURVEYS_SENDS; /* a closed survey's schedule may still be stopped: the job passes it by anyway */
	if (e || s->refused)
		return e;
	bool stopped;
	if ((e = survey_plan_stop(db, s->activity_id, s->template_id, &stopped)))
		return e;
	if (!stopped)
		return session_flash_note(rq, "No reminders were scheduled: nothing was changed");
	if ((e = audit(db, rq, rq->session->person_id, "survey_reminders_stopped",
		       arena_printf(rq->arena, "activity:%lld", (long long)s->activity_id), s->t.title)))
		return e;
	return session_flash(rq, arena_printf(rq->arena, "Scheduled reminders stopped for the %s", s->t.title));
}

enum err surveys_schedule_stop_post(struct req *rq, struct resp *rs)
{
	struct stop st = {.rq = rq, .s = {.activity_id = activities_param(rq), .template_id = req_param_id(rq, "template")}};
	if (!st.s.activity_id || !st.s.template_id)
		return activities_not_found(rs);
	enum err e = db_transact_named(rq->db, DB_WRITE, "survey_schedule_stop", stop_tx, &st);
	if (e)
		return e;
	if (st.s.refused)
		return surveys_refused_page(rq, rs, st.s.activity_id, st.s.refused);
	resp_redirect(rs, 303, activities_href(rq, st.s.activity_id, "#surveys"));
	return ERR_OK;
}
