/*
 * funded.h - the funded national-workshop days: each LLME has three a
 * year. A tally is the days attended (present or late, on the register)
 * at events that count towards them, this academic year, per NCP of those
 * events. The issue asks for a tally per NCP the LLME leads; until hub
 * activities say who leads what, every NCP of the events they attended
 * has a tally (then it narrows to the NCPs of their activities).
 */
#ifndef MH_EVENTS_FUNDED_H
#define MH_EVENTS_FUNDED_H

#include <stdbool.h>
#include <stddef.h>

#include "events/queries.h"

struct html;
struct arena;

/* The funded days an LLME has a year. */
#define EVENTS_FUNDED_DAYS 3

/* An LLME's tallies as a table under a heading ("Your funded days
 * 2025/26"); nothing attended yet says so. year: "2025/26". */
void events_funded_render(struct html *w, struct arena *a, const char *year, const struct events_tally *t, size_t n);

#endif
