/*
 * server.h - the HTTP server: libmicrohttpd with an epoll thread pool,
 * explicit limits, security headers, the access log, and graceful shutdown.
 *
 * The only module (with request.c) that includes microhttpd.h.
 */
#ifndef MH_SERVER_H
#define MH_SERVER_H

#include <stddef.h>

#include "core/err.h"
#include "http/request.h"

struct config;
struct route;
struct db;

/* Serves routes until SIGTERM. guard (may be NULL) runs before each
 * matched route's handler. Serves routes until SIGTERM or SIGINT, then stops accepting, lets
 * requests in flight finish (up to cfg->shutdown_grace seconds) and closes
 * every database connection. Returns ERR_OK after a clean stop. Blocks
 * SIGTERM/SIGINT/SIGPIPE in the calling thread. */
enum err server_run(const struct config *config, const struct route *routes, size_t n,
		    route_guard guard);

/* A header sent with every response from now on ("Demo-Data: true": the
 * database holds demo data), name and value outliving the process's
 * serving; at most 4. Set before server_run. */
void server_add_header(const char *name, const char *value);

/* fn is called once the server listens, with the configuration requests
 * see (process lifetime; its base URL names the port bound when --listen
 * asked for any), so that work started then (the periodic jobs' emails)
 * links to where the server really is. An error from fn stops the server:
 * server_run returns it. Set before server_run. */
void server_on_listening(enum err (*fn)(const struct config *cfg));

/* The calling worker thread's database connection, opened on first use and
 * closed when the thread ends. NULL if the database cannot be opened. */
struct db *server_thread_db(void);

#endif
