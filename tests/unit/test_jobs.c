/*
 * test_jobs.c - when the periodic jobs run (src/jobs.h: jobs_due,
 * jobs_next_due): the thread's ticks simulated for hours, as the thread
 * takes them (a tick JOBS_INTERVAL seconds after the last one's jobs
 * finished, or a little early when the system clock moves forward).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "jobs.h"
#include "module.h"

#define S 1000000LL /* a second, in microseconds */

static enum err never_run(struct db *db, const struct config *cfg, int64_t now)
{
	(void)db, (void)cfg, (void)now;
	return ERR_OK;
}

/* Ticks from 0 to until (seconds), each run taking run_s seconds, each
 * wait ending early_s seconds early; runs[] gets the times (seconds) the
 * job ran at; fail_first: its first run fails. Returns how many runs. */
static size_t simulate(const struct job *job, int64_t until, int64_t run_s, int64_t early_s, bool fail_first,
		       int64_t *runs, size_t max)
{
	int64_t due = 0, mono = 0;
	size_t n = 0;
	while (mono <= until * S) {
		if (jobs_due(due, mono)) {
			assert_true(n < max);
			runs[n] = mono / S;
			due = jobs_next_due(job, fail_first && n == 0 ? ERR_DB : ERR_OK, mono);
			n++;
		}
		mono += (run_s + JOBS_INTERVAL - early_s) * S;
	}
	return n;
}

static void every_tick_by_default(void **state)
{
	(void)state;
	struct job j = {"each", never_run, 0};
	int64_t runs[200];
	/* 2 s of work a tick: a tick every 62 s, the job at each */
	size_t n = simulate(&j, 3600, 2, 0, false, runs, 200);
	assert_int_equal(n, 3600 / 62 + 1);
	for (size_t i = 1; i < n; i++)
		assert_int_equal(runs[i] - runs[i - 1], 62);
	/* a wait cut short by 5 s (the system clock moved): still every tick */
	n = simulate(&j, 3600, 0, 5, false, runs, 200);
	assert_int_equal(n, 3600 / 55 + 1);
}

static void hourly_runs_at_start_then_hourly(void **state)
{
	(void)state;
	struct job j = {"hourly", never_run, 3600};
	int64_t runs[16];
	for (int64_t run_s = 0; run_s <= 3; run_s++) {
		size_t n = simulate(&j, 5 * 3600, run_s, 0, false, runs, 16);
		assert_int_equal(runs[0], 0);
		assert_in_range(n, 5, 6);
		for (size_t i = 1; i < n; i++) /* on the tick nearest the hour: never a tick early or late */
			assert_in_range(runs[i] - runs[i - 1], 3600 - (JOBS_INTERVAL + run_s) / 2,
					3600 + (JOBS_INTERVAL + run_s) / 2);
	}
	/* due only half a tick from now: not yet */
	assert_false(jobs_due(jobs_next_due(&j, ERR_OK, 0), 3600 * S - JOBS_INTERVAL * S));
	assert_true(jobs_due(jobs_next_due(&j, ERR_OK, 0), 3600 * S - JOBS_INTERVAL * S / 2));
}

static void a_failed_run_runs_again_at_the_next_tick(void **state)
{
	(void)state;
	struct job j = {"hourly", never_run, 3600};
	int64_t runs[16];
	size_t n = simulate(&j, 2 * 3600, 0, 0, true, runs, 16);
	assert_true(n >= 3);
	assert_int_equal(runs[0], 0);
	assert_int_equal(runs[1], JOBS_INTERVAL); /* failed: a minute later */
	assert_int_equal(runs[2], JOBS_INTERVAL + 3600); /* then hourly */
	assert_int_equal(jobs_next_due(&j, ERR_UNAVAILABLE, 10 * S), 10 * S + JOBS_INTERVAL * S);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_tick_by_default),
		cmocka_unit_test(hourly_runs_at_start_then_hourly),
		cmocka_unit_test(a_failed_run_runs_again_at_the_next_tick),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
