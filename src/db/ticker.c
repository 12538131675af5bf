/* ticker.c - see ticker.h. */
#include "db/ticker.h"

#include <time.h>

#include "db/db.h"

static void *loop(void *arg)
{
	struct ticker *t = arg;
	struct db *db = NULL;
	char msg[512];
	while (!atomic_load(&t->stop)) {
		if (!db && db_open_config(t->cfg, &db, msg, sizeof(msg)))
			db = NULL; /* try again next round */
		if (db)
			t->round(db, t->cfg, t->arg);
		pthread_mutex_lock(&t->lock);
		if (!atomic_load(&t->stop)) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += t->every;
			pthread_cond_timedwait(&t->wake, &t->lock, &until);
		}
		pthread_mutex_unlock(&t->lock);
	}
	db_close(db);
	return NULL;
}

enum err ticker_start(struct ticker *t)
{
	atomic_store(&t->stop, false);
	if (pthread_mutex_init(&t->lock, NULL))
		return ERR_SYSTEM;
	if (pthread_cond_init(&t->wake, NULL)) {
		pthread_mutex_destroy(&t->lock);
		return ERR_SYSTEM;
	}
	if (pthread_create(&t->thread, NULL, loop, t)) {
		pthread_cond_destroy(&t->wake);
		pthread_mutex_destroy(&t->lock);
		return ERR_SYSTEM;
	}
	t->running = true;
	return ERR_OK;
}

bool ticker_stopping(struct ticker *t)
{
	return atomic_load(&t->stop);
}

void ticker_stop(struct ticker *t)
{
	if (!t->running)
		return;
	pthread_mutex_lock(&t->lock);
	atomic_store(&t->stop, true);
	pthread_cond_signal(&t->wake);
	pthread_mutex_unlock(&t->lock);
	pthread_join(t->thread, NULL);
	pthread_cond_destroy(&t->wake);
	pthread_mutex_destroy(&t->lock);
	t->running = false;
}
