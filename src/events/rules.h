/*
 * rules.h - what a person may do with an event at a given time, and who
 * organises it. Pure: from what queries.c read and the clock's "now".
 *
 * People answer (Confirm, Apologies, change their answer) until the event
 * closes: a face-to-face event at its lock (confirm_by: the end of the
 * tenth working day before its first day, Europe/London), an online one
 * when it starts. After that only its organisers change answers, each with
 * a reason (audited). A cancelled event takes no answers.
 */
#ifndef MH_EVENTS_RULES_H
#define MH_EVENTS_RULES_H

#include <stdbool.h>
#include <stdint.h>

#include "events/queries.h"

struct session;

enum event_window {
	EVENT_OPEN,      /* people answer */
	EVENT_LOCKED,    /* face to face, past its lock: organisers only */
	EVENT_STARTED,   /* begun (or over): organisers only */
	EVENT_CANCELLED, /* no answers */
};

/* The first second at which people can no longer answer. */
int64_t event_closes_at(const struct event *e);

enum event_window event_window_at(const struct event *e, int64_t now);

/* Whether the person of session s organises e: CAP_EVENTS_MANAGE over its
 * organisers' scope (its hub, its NCP, or national for neither). */
bool event_organiser(const struct session *s, const struct event *e);

/* Whether the person sees every event: national staff (the national
 * team's view of hubs' teams) or national organisers. */
bool events_sees_all(const struct session *s);

/* Whether the person of session s may know that e exists: they organise
 * it, it is open to them, they have answered it, or they see every event.
 * Everything about an event they may not know of answers 404, never 403
 * (a 403 would say it exists); e was read for that person. */
bool event_visible(const struct session *s, const struct event *e);

/* Whether e is full: a capacity and that many confirmed or offered. */
bool event_full(const struct event *e);

#endif
