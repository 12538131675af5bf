/*
 * jobs.h - the periodic jobs' thread: every module's jobs (module.h,
 * struct job) run once when the server starts and then every
 * JOBS_INTERVAL seconds, on a database connection of the thread's own,
 * with clock_now() (so MATHSHUBS_NOW moves them in tests). The same
 * mechanism as mail delivery (mail/deliver.c): one thread, a condition
 * variable to stop it.
 */
#ifndef MH_JOBS_H
#define MH_JOBS_H

#include "core/err.h"

#define JOBS_INTERVAL 60

struct config;

/* Starts the thread (after routes_init). ERR_SYSTEM if it cannot. */
enum err jobs_start(const struct config *cfg);

/* Stops it and waits for it (a job under way finishes first). */
void jobs_stop(void);

#endif
