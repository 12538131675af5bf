/*
 * ics.h - events as iCalendar (RFC 5545), written through libical: the
 * invitation an email carries (METHOD:REQUEST, or METHOD:CANCEL when the
 * person no longer comes or the event is cancelled) and a person's
 * calendar feed (/calendar/{token}.ics). Pure apart from libical.
 *
 * Each day of an event is one VEVENT whose UID is
 * "event-{id}-day{n}@{the host of --base-url}" (n: 1 for its first day):
 * stable for the life of the event, even when a day moves to another
 * date, so an update replaces the entry in the person's calendar rather
 * than adding one. SEQUENCE is events.sequence (raised by every
 * change people are told of). Times are written in UTC ("...Z"), converted
 * from Europe/London with the clock changes (core/workdays.h): every
 * calendar reads UTC the same way, whereas a VTIMEZONE is read differently
 * (Outlook maps TZIDs to Windows zones and may ignore the rules sent) and
 * libical's own TZID is not an Olson name Google recognises.
 */
#ifndef MH_EVENTS_ICS_H
#define MH_EVENTS_ICS_H

#include <stddef.h>

#include "events/queries.h"

struct arena;
struct config;

enum ics_method {
	ICS_REQUEST, /* an invitation, or an update of one */
	ICS_CANCEL,  /* the entry is to be removed */
	ICS_PUBLISH, /* a feed: no METHOD */
};

/* The person (email, name) whose calendar it is. */
struct ics_person {
	const char *email, *name;
};

/* One event's .ics for person p (in a's memory; CRLF lines, folded). join:
 * the person's own joining link of an online event (join.h; a whole
 * address), or NULL: its LOCATION, and in its DESCRIPTION; never the
 * meeting's own address, which people do not see. Without it an online
 * event's LOCATION is the event's page, which shows the link. */
const char *events_ics(struct arena *a, const struct config *cfg, const struct event *e, enum ics_method method,
		       const struct ics_person *p, const char *join);

/* A feed of events es[0..n) for person p (their confirmed events); joins[i]
 * (or joins NULL): es[i]'s joining link, as join above. */
const char *events_ics_feed(struct arena *a, const struct config *cfg, const struct event *es, const char *const *joins,
			    size_t n, const struct ics_person *p);

/* The UID of day n (1, 2 ...) of event e ("event-12-day1@mathshubs.example"). */
const char *events_ics_uid(struct arena *a, const struct config *cfg, const struct event *e, size_t n);

#endif
