/* connections.c - see connections.h. One list, under one mutex: the
 * connections in the order they last became idle (oldest first). */
#include "http/connections.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include "core/clock.h"
#include "core/log.h"
#include "core/util.h"

/* a connection that never sent a request is shed only after this long:
 * a client that has just connected is about to send one */
#define UNUSED_GRACE_US 1000000

struct conn {
	struct conn *prev, *next;
	int fd;
	bool busy, used, shut;
	int64_t idle_since_us;
};

static struct {
	pthread_mutex_t lock;
	struct conn *head, *tail; /* by idle_since_us */
	unsigned open, soft, hard;
	atomic_ulong shed;
} cs = {.lock = PTHREAD_MUTEX_INITIALIZER};

void conns_init(unsigned soft_limit)
{
	cs.soft = soft_limit;
	cs.hard = soft_limit + (soft_limit / 4 > 64 ? soft_limit / 4 : 64);
	/* a descriptor per connection, and some for the database and files */
	struct rlimit rl;
	rlim_t want = (rlim_t)cs.hard + 64;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < want) {
		rl.rlim_cur = rl.rlim_max < want ? rl.rlim_max : want;
		if (setrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur < want)
			log_msg("warn", "open files are limited to %llu: fewer than %u connections fit (raise ulimit -n)",
				(unsigned long long)rl.rlim_cur, cs.hard);
	}
}

unsigned conns_hard_limit(void)
{
	return cs.hard;
}

static void unlink_conn(struct conn *k)
{
	if (k->prev)
		k->prev->next = k->next;
	else
		cs.head = k->next;
	if (k->next)
		k->next->prev = k->prev;
	else
		cs.tail = k->prev;
	k->prev = k->next = NULL;
}

static void append_conn(struct conn *k)
{
	k->prev = cs.tail;
	k->next = NULL;
	if (cs.tail)
		cs.tail->next = k;
	else
		cs.head = k;
	cs.tail = k;
}

/* Under the lock: shuts idle connections, oldest idle first, until three
 * quarters of the soft limit remain open (counting those already shut,
 * which close as soon as their thread sees it). shutdown(), never close():
 * the descriptor stays libmicrohttpd's until it closes the connection. */
static void shed_idle(int64_t now)
{
	unsigned low = cs.soft / 4 * 3, live = cs.open;
	for (struct conn *k = cs.head; k && live > low; k = k->next) {
		if (k->shut) {
			live--;
			continue;
		}
		if (k->busy || (!k->used && now - k->idle_since_us < UNUSED_GRACE_US))
			continue;
		if (shutdown(k->fd, SHUT_RDWR) == 0) {
			k->shut = true;
			live--;
			atomic_fetch_add(&cs.shed, 1);
		}
	}
}

void conns_notify(void *cls, struct MHD_Connection *c, void **socket_context,
		  enum MHD_ConnectionNotificationCode code)
{
	(void)cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *fd = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		struct conn *k = xmalloc(sizeof(*k));
		*k = (struct conn){.fd = fd ? fd->connect_fd : -1, .idle_since_us = clock_monotonic_us()};
		*socket_context = k;
		pthread_mutex_lock(&cs.lock);
		append_conn(k);
		cs.open++;
		if (cs.open > cs.soft / 8 * 7)
			shed_idle(k->idle_since_us);
		pthread_mutex_unlock(&cs.lock);
		return;
	}
	struct conn *k = *socket_context;
	if (!k)
		return;
	pthread_mutex_lock(&cs.lock);
	unlink_conn(k);
	cs.open--;
	pthread_mutex_unlock(&cs.lock);
	free(k);
	*socket_context = NULL;
}

void conns_busy(struct MHD_Connection *c, bool busy)
{
	const union MHD_ConnectionInfo *info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct conn *k = info ? info->socket_context : NULL;
	if (!k)
		return;
	pthread_mutex_lock(&cs.lock);
	k->busy = busy;
	k->used = true;
	if (!busy) { /* the most recently idle: last in line to be shed */
		k->idle_since_us = clock_monotonic_us();
		unlink_conn(k);
		append_conn(k);
	}
	pthread_mutex_unlock(&cs.lock);
}

bool conns_over(void)
{
	pthread_mutex_lock(&cs.lock);
	bool over = cs.open > cs.soft;
	pthread_mutex_unlock(&cs.lock);
	return over;
}

unsigned conns_open(void)
{
	pthread_mutex_lock(&cs.lock);
	unsigned n = cs.open;
	pthread_mutex_unlock(&cs.lock);
	return n;
}

unsigned long conns_shed(void)
{
	return atomic_load(&cs.shed);
}
