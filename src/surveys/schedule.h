/*
 * schedule.h - scheduled survey reminders (issue 14, docs/plans/surveys.md
 * "Completion and reminders"): an activity's schedule for one of its open
 * surveys, set, changed and stopped by whoever may send its links
 * (schedule.c), said in words on the activity's Surveys part, and the
 * hourly job that sends them when school life allows (schedule_job.c).
 */
#ifndef MH_SURVEYS_SCHEDULE_H
#define MH_SURVEYS_SCHEDULE_H

#include <stdint.h>

#include "core/err.h"

struct arena;
struct config;
struct db;
struct req;
struct resp;
struct survey_plan;

/* The defaults offered, and the limits (migration 0025 checks them too). */
#define SURVEY_PLAN_EVERY 7
#define SURVEY_PLAN_EVERY_MIN 2
#define SURVEY_PLAN_EVERY_MAX 30
#define SURVEY_PLAN_MOST 3
#define SURVEY_PLAN_MOST_MIN 1
#define SURVEY_PLAN_MOST_MAX 10

/* "Reminders every 7 days, at most 3, on school days from 09:00 to 16:00;
 * never in school holidays." */
const char *surveys_schedule_words(struct arena *a, const struct survey_plan *p);

/* GET and POST /activities/{id}/surveys/{template}/schedule; POST .../schedule/stop */
enum err surveys_schedule(struct req *rq, struct resp *rs);
enum err surveys_schedule_post(struct req *rq, struct resp *rs);
enum err surveys_schedule_stop_post(struct req *rq, struct resp *rs);

/* The hourly job (module.h's struct job). */
enum err surveys_schedule_job(struct db *db, const struct config *cfg, int64_t now);

#endif
