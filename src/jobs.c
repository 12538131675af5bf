/* jobs.c - see jobs.h. */
#include "jobs.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include "core/clock.h"
#include "core/log.h"
#include "core/util.h"
#include "db/db.h"
#include "module.h"

static struct {
	pthread_t thread;
	bool running;
	atomic_bool stop;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	const struct config *cfg;
} runner = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

bool jobs_due(int64_t due, int64_t mono)
{
	/* within half a tick: an interval ends on the tick nearest to it */
	return due <= mono + (int64_t)JOBS_INTERVAL * 500000;
}

int64_t jobs_next_due(const struct job *job, enum err e, int64_t ran_at)
{
	int every = e || job->every <= 0 ? JOBS_INTERVAL : job->every;
	return ran_at + (int64_t)every * 1000000;
}

/* Runs each job that is due (due[i]: monotonic microseconds, 0 at start)
 * and sets when it is due next. Monotonic time, never clock_now: a test's
 * fixed clock would otherwise never let an hour pass. */
static void run_due(struct db *db, const struct job *jobs, size_t n, int64_t *due)
{
	for (size_t i = 0; i < n && !atomic_load(&runner.stop); i++) {
		int64_t mono = clock_monotonic_us();
		if (!jobs_due(due[i], mono))
			continue;
		enum err e = jobs[i].run(db, runner.cfg, clock_now());
		if (e)
			log_msg("warn", "job %s: %s; it runs again in %d s", jobs[i].name, err_str(e), JOBS_INTERVAL);
		due[i] = jobs_next_due(&jobs[i], e, mono);
	}
}

static void *jobs_loop(void *arg)
{
	(void)arg;
	struct db *db = NULL;
	char msg[512];
	size_t n;
	const struct job *jobs = module_jobs(&n);
	int64_t *due = xmalloc(n * sizeof(*due) + 1);
	for (size_t i = 0; i < n; i++)
		due[i] = 0; /* every job runs at start */
	bool first = true;
	while (!atomic_load(&runner.stop)) {
		if (!db && db_open_config(runner.cfg, &db, msg, sizeof(msg)))
			db = NULL; /* try again next round */
		if (db)
			run_due(db, jobs, n, due);
		if (db && first) { /* once, so that a test knows the jobs have run at its clock */
			log_msg("info", "the periodic jobs ran at start; each runs again at its interval (checked every %d s)", JOBS_INTERVAL);
			first = false;
		}
		pthread_mutex_lock(&runner.lock);
		if (!atomic_load(&runner.stop)) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += JOBS_INTERVAL;
			pthread_cond_timedwait(&runner.wake, &runner.lock, &until);
		}
		pthread_mutex_unlock(&runner.lock);
	}
	free(due);
	db_close(db);
	return NULL;
}

enum err jobs_start(const struct config *cfg)
{
	size_t n;
	module_jobs(&n);
	if (!n)
		return ERR_OK;
	runner.cfg = cfg;
	atomic_store(&runner.stop, false);
	if (pthread_create(&runner.thread, NULL, jobs_loop, NULL))
		return ERR_SYSTEM;
	runner.running = true;
	return ERR_OK;
}

void jobs_stop(void)
{
	if (!runner.running)
		return;
	pthread_mutex_lock(&runner.lock);
	atomic_store(&runner.stop, true);
	pthread_cond_signal(&runner.wake);
	pthread_mutex_unlock(&runner.lock);
	pthread_join(runner.thread, NULL);
	runner.running = false;
}
