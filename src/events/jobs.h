/* jobs.h - the events capability's periodic jobs (jobs.c, cleanup.c; module.c lists them). */
#ifndef MH_EVENTS_JOBS_H
#define MH_EVENTS_JOBS_H

#include <stdint.h>

#include "core/err.h"

struct config;
struct db;

/* Queues each reminder due at now (once per confirmed person and event). */
enum err events_reminders_job(struct db *db, const struct config *cfg, int64_t now);

/* Passes each offer of a place that ended by now to the next person waiting. */
enum err events_offers_job(struct db *db, const struct config *cfg, int64_t now);

/* Deletes the requirements of events that ended more than
 * EVENTS_REQUIREMENTS_KEEP_DAYS days before now (Europe/London), in one
 * write transaction, audited per event (cleanup.c); hourly. */
enum err events_requirements_job(struct db *db, const struct config *cfg, int64_t now);

#endif
