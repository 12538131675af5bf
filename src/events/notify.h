/*
 * notify.h - what the events capability tells people by email (through the
 * outbox, in the caller's write transaction), each with the .ics that keeps
 * their calendar right (ics.h): an invitation (METHOD:REQUEST) when they
 * have a place or the event changes, a cancellation (METHOD:CANCEL) when a
 * place they had is gone; and the waiting list's turn when a place frees.
 * For an online event, an email to someone with a place (and its .ics)
 * gives their own joining link (join.h, made if need be, with the base
 * URL), never the meeting's address.
 */
#ifndef MH_EVENTS_NOTIFY_H
#define MH_EVENTS_NOTIFY_H

#include <stdbool.h>
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
	EVENTS_TOLD_OFFER,     /* a place came free: it is theirs if they accept by offered_until */
	EVENTS_TOLD_CHANGED,   /* the event changed (when, where): their invitation is updated */
	EVENTS_TOLD_REMINDER,  /* two working days before: a reminder */
};

/* How long a person offered a place has to accept it (never past the lock). */
#define EVENTS_OFFER_SECONDS (48 * 3600)

struct config;

/* Emails person_id about event e (queued in the outbox). had_place: they
 * were confirmed before this (a cancellation .ics then removes the entry
 * from their calendar). For EVENTS_TOLD_OFFER, until is when the offer
 * ends; otherwise 0. */
enum err events_notify(struct db *db, const struct config *cfg, struct arena *a, const struct event *e,
		       int64_t person_id, enum events_told what, const char *reason, bool had_place, int64_t until);

/* A confirmed place of e may have come free before the event closed: while
 * places are free, the next on its waiting list without an offer is offered
 * one until now + EVENTS_OFFER_SECONDS (or the lock, if sooner), audited
 * (actor: rq's person, or the system when rq is NULL) and emailed. Nothing
 * after the lock or when there is no capacity or nobody waiting. */
/* Event id has just been changed by an organiser (rq): everyone confirmed
 * is emailed the updated invitation (its SEQUENCE raised), and places a
 * higher capacity frees are offered. */
enum err events_changed(struct db *db, const struct config *cfg, const struct req *rq, struct arena *a, int64_t id,
			int64_t now);

enum err events_place_freed(struct db *db, const struct config *cfg, const struct req *rq, struct arena *a,
			    const struct event *e, int64_t now);

#endif
