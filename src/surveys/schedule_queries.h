/*
 * schedule_queries.h - the SQL of scheduled survey reminders
 * (survey_reminder_plans, migration 0025), in the caller's transaction:
 * an activity's plan for a template, set and stopped (schedule.c), and the
 * reminders the hourly job may send and its claim of each (schedule_job.c).
 */
#ifndef MH_SURVEYS_SCHEDULE_QUERIES_H
#define MH_SURVEYS_SCHEDULE_QUERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct arena;
struct db;

/* An activity's schedule for one template. */
struct survey_plan {
	int64_t every_days, max_reminders; /* 0: none set */
};

/* The plan of activity_id and template_id: every_days 0 when none. */
enum err survey_plan_of(struct db *db, int64_t activity_id, int64_t template_id, struct survey_plan *out);
/* Sets (or changes) it, by person by at now. */
enum err survey_plan_set(struct db *db, int64_t activity_id, int64_t template_id, const struct survey_plan *p,
			 int64_t by, int64_t now);
/* Removes it: *stopped false when there was none. */
enum err survey_plan_stop(struct db *db, int64_t activity_id, int64_t template_id, bool *stopped);

/* A reminder a plan may be due to send: an invite not completed, of an
 * open template, in an activity not cancelled, with its plan. */
struct survey_scheduled {
	int64_t invite_id, template_id, activity_id, person_id;
	int64_t invited_at, last_reminded_at, reminders; /* last_reminded_at 0: never */
	int64_t every_days, max_reminders;
	const char *la_code; /* the local authority of their school, or NULL (not known) */
	const char *name, *email, *token_sealed, *survey_title, *activity_title;
};
/* Those whose plan's gap has passed at now (within SURVEY_SCHEDULE_SLACK)
 * with fewer reminders than its most, active people only, by invite: the
 * first limit of those after invite after (0: from the first), so that the
 * job pages through them all (a page's last invite, the next's after). */
enum err survey_scheduled_due(struct db *db, struct arena *a, int64_t now, int64_t after, size_t limit,
			      struct survey_scheduled **out, size_t *n);
/* Claims invite_id's next reminder at now: only while it has had exactly
 * reminders (the count read) and is not completed, so that two processes
 * never both send it; *claimed. */
enum err survey_scheduled_claim(struct db *db, int64_t invite_id, int64_t reminders, int64_t now, bool *claimed);

#endif
