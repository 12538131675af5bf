/*
 * cleanup.c - the periodic job (module.h, struct job; events/jobs.h) that
 * deletes dietary and access requirements: at start and then every hour,
 * those of events that ended more than 30 days ago. One write transaction
 * each time: SQLite's write lock, or PostgreSQL's serializable
 * transactions (run again when two processes collide, when the second then
 * finds nothing left), so several server processes on one database delete
 * each event's requirements once, with one audit line. Also the day
 * arithmetic requirements.c shares.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "auth/audit.h"
#include "core/arena.h"
#include "core/log.h"
#include "core/workdays.h"
#include "db/db.h"
#include "events/jobs.h"
#include "events/queries.h"
#include "events/requirements.h"

bool events_day_add(const char *day, int n, char out[11])
{
	int y, m, d;
	char end;
	out[0] = 0;
	if (!day || sscanf(day, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 || workdays_weekday(day) < 0)
		return false;
	struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d + n, .tm_hour = 12};
	time_t t = timegm(&tm);
	struct tm out_tm;
	if (!gmtime_r(&t, &out_tm) || !strftime(out, 11, "%Y-%m-%d", &out_tm))
		return false;
	return true;
}

struct clean {
	struct arena *a;
	const char *cutoff;
	int deleted;
};

static enum err requirements_clean(struct db *db, void *ctx)
{
	struct clean *c = ctx;
	c->deleted = 0;
	struct event_purged *done;
	size_t n;
	enum err e = events_requirements_purge(db, c->a, c->cutoff, &done, &n);
	for (size_t i = 0; !e && i < n; i++) {
		e = audit(db, NULL, 0, "event_requirements_deleted", arena_printf(c->a, "event:%lld", (long long)done[i].event_id),
			  arena_printf(c->a, "%lld people's, 30 days after the event ended: %s", (long long)done[i].n,
				       done[i].title));
		c->deleted += (int)done[i].n;
	}
	return e;
}

enum err events_requirements_job(struct db *db, const struct config *cfg, int64_t now)
{
	(void)cfg;
	char today[11], cutoff[11];
	london_from_unix(now, today, NULL);
	/* the events whose last day is before this ended more than 30 days ago */
	if (!events_day_add(today, -EVENTS_REQUIREMENTS_KEEP_DAYS, cutoff))
		return ERR_SYSTEM;
	struct arena *a = arena_new();
	struct clean c = {.a = a, .cutoff = cutoff};
	enum err e = db_transact(db, DB_WRITE, requirements_clean, &c);
	arena_free(a);
	if (!e) /* tests wait for this line */
		log_msg("info", "events: clean-up of requirements done, %d people's deleted", c.deleted);
	return e;
}
