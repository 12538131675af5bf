/*
 * cleanup.c - the server's periodic clean-up of dietary and access
 * requirements: a thread with its own database connection, like the mail
 * delivery thread (src/mail/deliver.c), that deletes at start and then
 * every hour the requirements of events that ended more than 30 days ago.
 * One write transaction each time: SQLite's write lock, or PostgreSQL's
 * serializable transactions (run again when two processes collide, when
 * the second then finds nothing left), so several server processes on one
 * database delete each event's requirements once, with one audit line.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "auth/audit.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/workdays.h"
#include "db/db.h"
#include "events/queries.h"
#include "events/requirements.h"

#define CLEAN_EVERY_SECONDS 3600

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

enum err events_requirements_clean(struct db *db, int *deleted)
{
	char today[11], cutoff[11];
	london_from_unix(clock_now(), today, NULL);
	/* the events whose last day is before this ended more than 30 days ago */
	if (!events_day_add(today, -EVENTS_REQUIREMENTS_KEEP_DAYS, cutoff))
		return ERR_SYSTEM;
	struct arena *a = arena_new();
	if (!a)
		return ERR_SYSTEM;
	struct clean c = {.a = a, .cutoff = cutoff};
	enum err e = db_transact(db, DB_WRITE, requirements_clean, &c);
	*deleted = c.deleted;
	arena_free(a);
	return e;
}

static struct {
	pthread_t thread;
	bool running;
	atomic_bool stop;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	const struct config *cfg;
} cleaner = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

static void *clean_loop(void *arg)
{
	(void)arg;
	struct db *db = NULL;
	char msg[512];
	while (!atomic_load(&cleaner.stop)) {
		int wait = CLEAN_EVERY_SECONDS, deleted = 0;
		if (!db && db_open_config(cleaner.cfg, &db, msg, sizeof(msg)))
			db = NULL;
		enum err e = db ? events_requirements_clean(db, &deleted) : ERR_UNAVAILABLE;
		if (e) {
			log_msg("warn", "events: the clean-up of requirements failed (%s); trying again in a minute", err_str(e));
			wait = 60;
		} else {
			log_msg("info", "events: clean-up of requirements done, %d people's deleted", deleted);
		}
		pthread_mutex_lock(&cleaner.lock);
		if (!atomic_load(&cleaner.stop)) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += wait;
			pthread_cond_timedwait(&cleaner.wake, &cleaner.lock, &until);
		}
		pthread_mutex_unlock(&cleaner.lock);
	}
	db_close(db);
	return NULL;
}

enum err events_cleanup_start(const struct config *cfg)
{
	cleaner.cfg = cfg;
	atomic_store(&cleaner.stop, false);
	if (pthread_create(&cleaner.thread, NULL, clean_loop, NULL))
		return ERR_SYSTEM;
	cleaner.running = true;
	return ERR_OK;
}

void events_cleanup_stop(void)
{
	if (!cleaner.running)
		return;
	pthread_mutex_lock(&cleaner.lock);
	atomic_store(&cleaner.stop, true);
	pthread_cond_signal(&cleaner.wake);
	pthread_mutex_unlock(&cleaner.lock);
	pthread_join(cleaner.thread, NULL);
	cleaner.running = false;
}
