/*
 * requirements.h - dietary and access requirements: kept for 30 days
 * after an event ends, then deleted by a periodic job (cleanup.c,
 * events_requirements_job in events/jobs.h), and the day arithmetic both use.
 */
#ifndef MH_EVENTS_REQUIREMENTS_H
#define MH_EVENTS_REQUIREMENTS_H

#include <stdbool.h>

#include "core/err.h"

/* How long requirements are kept after an event's last day. */
#define EVENTS_REQUIREMENTS_KEEP_DAYS 30

/* What people read about who sees them. */
#define EVENTS_REQUIREMENTS_WHO_SEES                                                                      \
	"Only this event's organisers see these, and they are deleted 30 days after the event ends."

/* day ("YYYY-MM-DD") moved by n days (negative: earlier) into out (11
 * bytes); false for a bad date. */
bool events_day_add(const char *day, int n, char out[11]);

#endif
