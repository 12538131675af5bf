/*
 * ticker.h - a background thread with a database connection of its own
 * that runs a round of work, waits, and runs it again until stopped: the
 * mail delivery thread (mail/deliver.c) and the periodic jobs' thread
 * (src/jobs.c). The connection is opened on the thread, and again the next
 * round when it cannot be (the round is skipped meanwhile); it is closed
 * when the thread stops. Stopping wakes a waiting thread at once and lets
 * a round under way finish.
 */
#ifndef MH_DB_TICKER_H
#define MH_DB_TICKER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "core/err.h"

struct config;
struct db;

struct ticker {
	/* set by the caller before ticker_start */
	const struct config *cfg;                /* whose database; outlives the thread */
	int every;                               /* seconds from a round's end to the next */
	/* one round, on the thread's connection, with cfg and arg as given */
	void (*round)(struct db *db, const struct config *cfg, void *arg);
	void *arg;
	/* the ticker's own */
	pthread_t thread;
	bool running;
	atomic_bool stop;
	pthread_mutex_t lock;
	pthread_cond_t wake;
};

/* Starts t's thread; its first round runs at once. ERR_SYSTEM if it cannot. */
enum err ticker_start(struct ticker *t);

/* Whether t is being stopped: a long round checks it between its steps. */
bool ticker_stopping(struct ticker *t);

/* Stops t's thread and waits for it; nothing when it is not running. */
void ticker_stop(struct ticker *t);

#endif
