/*
 * jobs.h - the periodic jobs' thread, the service's one way of running
 * periodic work: every module's jobs (module.h, struct job) run once when
 * the server starts and then each at its own interval (a multiple of
 * JOBS_INTERVAL seconds, the thread's tick), on a database connection of
 * the thread's own, with clock_now() (so MATHSHUBS_NOW moves them in
 * tests). A job whose run fails runs again at the next tick. The thread
 * is a ticker (db/ticker.h), as mail delivery's is.
 */
#ifndef MH_JOBS_H
#define MH_JOBS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

#define JOBS_INTERVAL 60

struct config;
struct job;

/* Starts the thread (after routes_init; serve starts it once the server
 * listens, server_on_listening, so cfg has the bound base URL). ERR_SYSTEM
 * if it cannot. */
enum err jobs_start(const struct config *cfg);

/* Stops it and waits for it (a job under way finishes first). */
void jobs_stop(void);

/* When a job runs (pure; times in monotonic microseconds, as
 * clock_monotonic_us): whether one due at due runs at a tick at mono (due
 * within half a tick counts); and when it is due next after a run begun at
 * ran_at that returned e (its interval; the next tick after a failure). */
bool jobs_due(int64_t due, int64_t mono);
int64_t jobs_next_due(const struct job *job, enum err e, int64_t ran_at);

#endif
