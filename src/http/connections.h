/*
 * connections.h - every open connection, so that a full server sheds idle
 * keep-alive connections first and answers new clients at once.
 *
 * libmicrohttpd stops accepting at its connection limit and new clients
 * then wait in the kernel's backlog, unanswered, until an idle connection
 * times out (docs/OPERATIONS.md, "Connections"). The service's limit
 * (--max-connections) is therefore a soft one: libmicrohttpd's own is set
 * above it (conns_hard_limit), and when the open connections pass seven
 * eighths of the soft limit, idle ones (between requests, oldest idle
 * first; or never used, after a second) are shut until three quarters
 * remain. A request that still finds more than the soft limit open is
 * answered 503 with Retry-After and the connection closed.
 */
#ifndef MH_HTTP_CONNECTIONS_H
#define MH_HTTP_CONNECTIONS_H

#include <microhttpd.h>
#include <stdbool.h>

/* Before the daemon starts: the service's limit. Raises the process's
 * open-file limit as far as allowed for conns_hard_limit connections. */
void conns_init(unsigned soft_limit);

/* libmicrohttpd's connection limit: the soft limit and room to shed. */
unsigned conns_hard_limit(void);

/* MHD_OPTION_NOTIFY_CONNECTION: a connection opened or closed; opening
 * one past the high-water mark sheds idle ones. */
void conns_notify(void *cls, struct MHD_Connection *c, void **socket_context,
		  enum MHD_ConnectionNotificationCode code);

/* A request began (busy) or was completed (idle from now) on c. */
void conns_busy(struct MHD_Connection *c, bool busy);

/* More connections are open than the soft limit: refuse the request. */
bool conns_over(void);

/* How many are open, and how many idle ones have been shed (metrics). */
unsigned conns_open(void);
unsigned long conns_shed(void);

#endif
