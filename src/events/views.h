/*
 * views.h - rendering the events from what queries.c read (no database
 * here), and the words shared by pages and emails.
 */
#ifndef MH_EVENTS_VIEWS_H
#define MH_EVENTS_VIEWS_H

#include <stdbool.h>
#include <stdint.h>

#include "events/queries.h"

struct arena;
struct html;

/* "Monday 2 March 2026, 10:00 to 16:00" (one day), or "Monday 2 March 2026
 * to Tuesday 3 March 2026"; from the days when read, else first/last day. */
const char *events_when(struct arena *a, const struct event *e);

/* "Monday 16 February 2026": the last day people can answer (Europe/London). */
const char *events_deadline_day(struct arena *a, const struct event *e);

/* "Confirm by Monday 16 February 2026" for a face-to-face event, "Confirm
 * before it starts" for an online one. */
const char *events_deadline_words(struct arena *a, const struct event *e);

/* The words of an answer: "Confirmed", "Apologies given", "On the waiting list". */
const char *events_answer_name(const char *answer);

/* The answer as a GOV.UK tag (nothing when NULL: "Not answered"). */
void events_answer_tag(struct html *w, const char *answer);

/* The event's details as a summary list: kind, days, where, NCPs, places,
 * organisers, funded days. */
void events_summary(struct html *w, struct arena *a, const struct event *e, bool organiser);

/* "Organised by the national team" / "... by Glow Maths Hub" / "... by NCP25-01's Project Coordination Team". */
const char *events_organised_by(struct arena *a, const struct event *e);

#endif
