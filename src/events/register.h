/*
 * register.h - what the attendance pages share (register.c, register_print.c,
 * register_export.c, attendance_add.c, report.c): the event, its people and
 * what is recorded, read in one transaction for its organisers.
 */
#ifndef MH_EVENTS_REGISTER_H
#define MH_EVENTS_REGISTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "events/queries.h"

struct req;
struct resp;

#define EVENTS_NSTATUSES 4
/* present, late, absent, apologies: key and English name */
extern const struct events_term events_statuses[EVENTS_NSTATUSES];

struct register_data {
	struct req *rq;
	int64_t id;
	const char *want_day; /* asked for (?day=), or NULL: today if it is one of the days, else the first */
	bool all_days;        /* the marks of every day (exports), not the day's */
	/* read */
	struct event e;
	bool organiser;
	const char *day;      /* the day shown (one of e.days) */
	struct event_attendee *people;
	size_t npeople;
	struct event_mark *marks;
	size_t nmarks;
};

/* Reads r (one DB_READ transaction named register_read); answers 404 for
 * an event that does not exist, 403 for one they do not organise and 404
 * for a day that is not the event's: *answered then, nothing to render. */
enum err register_read(struct req *rq, struct resp *rs, struct register_data *r, bool *answered);

/* The mark of person_id on day, or NULL. */
const struct event_mark *register_mark(const struct register_data *r, int64_t person_id, const char *day);

/* Whether the register lists p: confirmed or gave apologies, or has attendance recorded. */
bool register_lists(const struct register_data *r, const struct event_attendee *p);

/* "Present", "Late", ... */
const char *register_status_name(const char *status);

/* How it was recorded, in words: "Joined by their link", "Zoom report: 54 minutes", "By Jo Bloggs: note". */
const char *register_source_words(struct arena *a, const struct event_mark *m);

#endif
