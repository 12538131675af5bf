/* jobs.c - see jobs.h. */
#include "jobs.h"

#include <stdlib.h>

#include "core/clock.h"
#include "core/log.h"
#include "core/util.h"
#include "db/ticker.h"
#include "module.h"

static struct {
	struct ticker ticker;
	const struct job *jobs;
	size_t n;
	int64_t *due; /* when each job is due: monotonic microseconds, 0 at start */
	bool ran;     /* the first round has run */
} runner;

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

/* A tick: runs each job that is due and sets when it is due next.
 * Monotonic time, never clock_now: a test's fixed clock would otherwise
 * never let an hour pass. */
static void jobs_round(struct db *db, const struct config *cfg, void *arg)
{
	(void)arg;
	for (size_t i = 0; i < runner.n && !ticker_stopping(&runner.ticker); i++) {
		int64_t mono = clock_monotonic_us();
		if (!jobs_due(runner.due[i], mono))
			continue;
		enum err e = runner.jobs[i].run(db, cfg, clock_now());
		if (e)
			log_msg("warn", "job %s: %s; it runs again in %d s", runner.jobs[i].name, err_str(e), JOBS_INTERVAL);
		runner.due[i] = jobs_next_due(&runner.jobs[i], e, mono);
	}
	if (!runner.ran) { /* once, so that a test knows the jobs have run at its clock */
		log_msg("info", "the periodic jobs ran at start; each runs again at its interval (checked every %d s)",
			JOBS_INTERVAL);
		runner.ran = true;
	}
}

enum err jobs_start(const struct config *cfg)
{
	runner.jobs = module_jobs(&runner.n);
	if (!runner.n)
		return ERR_OK;
	runner.due = xmalloc(runner.n * sizeof(*runner.due));
	for (size_t i = 0; i < runner.n; i++)
		runner.due[i] = 0; /* every job runs at start */
	runner.ran = false;
	runner.ticker = (struct ticker){.cfg = cfg, .every = JOBS_INTERVAL, .round = jobs_round};
	return ticker_start(&runner.ticker);
}

void jobs_stop(void)
{
	ticker_stop(&runner.ticker);
	free(runner.due);
	runner.due = NULL;
}
