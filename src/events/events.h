/*
 * events.h - the events capability: national workshops, residentials,
 * online sessions and hub events; whom each is for; each person's answer
 * (Confirm, Apologies, the waiting list) and the lock ten working days
 * before a face-to-face event (core/workdays.h). What the rest may use:
 * the module, and the words of its vocabularies.
 */
#ifndef MH_EVENTS_H
#define MH_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "demo/demo.h"

/* A term: its key (stored) and its English name. */
struct events_term {
	const char *key, *name;
};

#define EVENTS_NKINDS 4
extern const struct events_term events_kinds[EVENTS_NKINDS];     /* events.kind */
#define EVENTS_NFORMATS 2
extern const struct events_term events_formats[EVENTS_NFORMATS]; /* events.format */
#define EVENTS_NPHASES 3
extern const struct events_term events_phases[EVENTS_NPHASES];   /* event_audience 'phase' */

/* The English name of a key of terms (the key itself when unknown). */
const char *events_term_name(const struct events_term *terms, size_t n, const char *key);

/* The most days an event has. */
#define EVENTS_MAX_DAYS 5

struct module;
extern const struct module events_module;

/* Its part of the demo data (demo_events.c: five years of NCPs' and hubs'
 * events, answers, registers and requirements). */
extern const struct demo_part events_demo_parts[1];

#endif
