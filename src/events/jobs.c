/*
 * jobs.c - the events capability's periodic jobs (module.h, struct job;
 * run by src/jobs.c once at start and every minute):
 *   - the reminder: each confirmed person of an event is emailed once, on
 *     or after the second working day before its first day (a working
 *     day: never on a weekend or bank holiday), and before that day;
 *   - offers that end: a waiting person's offer of a place (notify.h) that
 *     was not accepted in time passes to the next person waiting.
 * Each row is claimed (an UPDATE ... RETURNING) in the write transaction
 * that queues its email, so a row is acted on once however many server
 * processes share a PostgreSQL database, and a job run again does nothing
 * new.
 */
#include <string.h>

#include "auth/audit.h"
#include "core/arena.h"
#include "core/workdays.h"
#include "db/db.h"
#include "events/jobs.h"
#include "events/notify.h"
#include "events/queries.h"
#include "events/rules.h"

/* Working days before the first day on which the reminder is sent. */
#define REMINDER_WORKDAYS 2

struct one {
	struct arena *a;
	const struct config *cfg;
	int64_t event_id, person_id, now;
};

static enum err remind_one(struct db *db, void *ctx)
{
	struct one *o = ctx;
	bool claimed;
	struct event e;
	enum err err = event_reminder_claim(db, o->event_id, o->person_id, o->now, &claimed);
	if (err || !claimed || (err = event_read(db, o->a, o->event_id, 0, &e)))
		return err;
	return events_notify(db, o->cfg, o->a, &e, o->person_id, EVENTS_TOLD_REMINDER, NULL, true, 0);
}

struct due_read {
	struct arena *a;
	const char *today, *to;
	struct workdays_holidays h;
	struct event_due *due;
	size_t n;
};

static enum err due_read(struct db *db, void *ctx)
{
	struct due_read *d = ctx;
	enum err e = events_holidays(db, d->a, &d->h);
	return e ? e : events_reminders_due(db, d->a, d->today, d->to, &d->due, &d->n);
}

enum err events_reminders_job(struct db *db, const struct config *cfg, int64_t now)
{
	struct arena *a = arena_new();
	char today[11], to[11];
	london_from_unix(now, today, NULL);
	/* two working days are at most 4 + 2 weeks of holidays away: a fortnight is plenty */
	london_from_unix(now + 16 * 86400, to, NULL);
	struct due_read d = {.a = a, .today = today, .to = to};
	enum err e = db_transact(db, DB_READ, due_read, &d);
	if (!e && workdays_is_working(today, &d.h)) {
		for (size_t i = 0; !e && i < d.n; i++) {
			char day[11];
			bool known;
			if (!workdays_before(d.due[i].first_day, REMINDER_WORKDAYS, &d.h, day, &known) || strcmp(today, day) < 0)
				continue;
			struct one o = {a, cfg, d.due[i].event_id, d.due[i].person_id, now};
			e = db_transact(db, DB_WRITE, remind_one, &o);
		}
	}
	arena_free(a);
	return e;
}

static enum err lapse_one(struct db *db, void *ctx)
{
	struct one *o = ctx;
	bool claimed;
	struct event e;
	enum err err = event_offer_lapse(db, o->event_id, o->person_id, o->now, &claimed);
	if (err || !claimed || (err = event_read(db, o->a, o->event_id, 0, &e)))
		return err;
	if ((err = audit(db, NULL, 0, "event_offer_lapsed", arena_printf(o->a, "event:%lld", (long long)o->event_id),
			 arena_printf(o->a, "person:%lld", (long long)o->person_id))))
		return err;
	return events_place_freed(db, o->cfg, NULL, o->a, &e, o->now);
}

struct lapsed_read {
	struct arena *a;
	int64_t now;
	struct event_due *due;
	size_t n;
};

static enum err lapsed_read(struct db *db, void *ctx)
{
	struct lapsed_read *l = ctx;
	return events_offers_lapsed(db, l->a, l->now, &l->due, &l->n);
}

enum err events_offers_job(struct db *db, const struct config *cfg, int64_t now)
{
	struct arena *a = arena_new();
	struct lapsed_read l = {.a = a, .now = now};
	enum err e = db_transact(db, DB_READ, lapsed_read, &l);
	for (size_t i = 0; !e && i < l.n; i++) {
		struct one o = {a, cfg, l.due[i].event_id, l.due[i].person_id, now};
		e = db_transact(db, DB_WRITE, lapse_one, &o);
	}
	arena_free(a);
	return e;
}
