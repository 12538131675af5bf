/*
 * requirements.h - dietary and access requirements: kept for 30 days
 * after an event ends, then deleted by the server's clean-up thread
 * (cleanup.c), and the day arithmetic both use.
 */
#ifndef MH_EVENTS_REQUIREMENTS_H
#define MH_EVENTS_REQUIREMENTS_H

#include <stdbool.h>

#include "core/err.h"

struct config;
struct db;

/* How long requirements are kept after an event's last day. */
#define EVENTS_REQUIREMENTS_KEEP_DAYS 30

/* What people read about who sees them. */
#define EVENTS_REQUIREMENTS_WHO_SEES                                                                      \
	"Only this event's organisers see these, and they are deleted 30 days after the event ends."

/* day ("YYYY-MM-DD") moved by n days (negative: earlier) into out (11
 * bytes); false for a bad date. */
bool events_day_add(const char *day, int n, char out[11]);

/* The clean-up: deletes the requirements of events that ended more than
 * EVENTS_REQUIREMENTS_KEEP_DAYS days ago (Europe/London, clock_now), one
 * write transaction, audited per event; idempotent, so any number of
 * server processes may run it at once. *deleted: how many people's. */
enum err events_requirements_clean(struct db *db, int *deleted);

/* Starts the thread that runs the clean-up at start and then hourly on
 * its own connection (as the mail thread does); events_cleanup_stop ends it. */
enum err events_cleanup_start(const struct config *cfg);
void events_cleanup_stop(void);

#endif
