/*
 * notify.h - what the events capability tells people by email (through the
 * outbox, in the caller's write transaction), and the waiting list's turn
 * when a place frees.
 */
#ifndef MH_EVENTS_NOTIFY_H
#define MH_EVENTS_NOTIFY_H

#include <stdint.h>

#include "core/err.h"
#include "events/queries.h"

struct arena;
struct db;
struct req;

enum events_told {
	EVENTS_TOLD_CONFIRMED, /* their place is confirmed (by them, or given from the waiting list) */
	EVENTS_TOLD_WAITING,   /* they are on the waiting list */
	EVENTS_TOLD_APOLOGIES, /* their apologies are received */
	EVENTS_TOLD_PLACE,     /* a place came free: they have it now */
	EVENTS_TOLD_SET,       /* an organiser set their answer (reason: why) */
	EVENTS_TOLD_REMOVED,   /* an organiser removed their answer (reason: why) */
	EVENTS_TOLD_CANCELLED, /* the event is cancelled (reason: why) */
};

/* Emails person_id about event e (queued in the outbox). */
enum err events_notify(struct db *db, struct arena *a, const struct event *e, int64_t person_id, enum events_told what,
		       const char *reason);

/* A confirmed place of e came free before the event closed: the first on
 * its waiting list is given it, audited and emailed. Nothing after the
 * lock or when there is no capacity or nobody waiting. */
enum err events_place_freed(struct db *db, const struct req *rq, const struct event *e, int64_t now);

#endif
