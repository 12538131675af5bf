/*
 * router.h - the route table and path matching. Pure: no I/O, no MHD.
 *
 * A route is (methods, pattern, handler, flags). Patterns are literal
 * segments and "{name}" parameters, each matching one non-empty segment:
 * "/hubs/{code}". HEAD is answered by every GET route. Flags are checked by
 * the HTTP layer before the handler runs (later issues add sign-in, role and
 * CSRF flags here, so that a handler cannot forget them).
 */
#ifndef MH_ROUTER_H
#define MH_ROUTER_H

#include <stddef.h>

#include "core/err.h"

struct req;
struct resp;
struct arena;

typedef enum err (*route_handler)(struct req *rq, struct resp *rs);

enum route_method {
	RM_GET = 1 << 0,
	RM_HEAD = 1 << 1, /* implied by RM_GET */
	RM_POST = 1 << 2,
	RM_PUT = 1 << 3,
	RM_PATCH = 1 << 4,
	RM_DELETE = 1 << 5,
	RM_OPTIONS = 1 << 6,
};

enum route_flag {
	RF_API = 1 << 0,     /* errors as application/problem+json, not GOV.UK pages */
	RF_NO_LOG = 1 << 1,  /* not counted per route in /metrics (assets) */
	RF_DB_OPTIONAL = 1 << 2, /* runs with rq->db == NULL when the database is unreachable */
	RF_PASSWORD = 1 << 3,    /* needs at least the password step (second factor pending) */
	RF_SECRET_PATH = 1 << 4, /* the path holds a secret (a one-time token): logs show the pattern */
	RF_REAUTH = 1 << 5,      /* changes how the person signs in: a recent proof of who they are
				  * (SESSION_REAUTH_SECONDS), else /account/confirm first */
	RF_UPLOAD = 1 << 6,      /* takes a large file: its body may be up to --max-upload bytes
				  * (other routes: --max-body) */
	RF_KEEPS_TEXT = 1 << 7,  /* a long form (a HAPPI form's part): sent after the person's session
				  * ended, what they typed is kept for them (auth/kept.h), not lost */
	RF_REFUSED_RESHOWN = 1 << 8, /* a form answered without signing in (a survey's page): when its form
				      * token check fails (the anonymous session ended while the page was
				      * open; another site's form), the guard does not answer 403 itself but
				      * runs the handler with rq->form_refused set, which writes nothing and
				      * shows the form again with what was sent, a form token that works
				      * and what to do (4xx): nothing typed is lost, nothing forged saved */
};

#define ROUTE_MAX_PARAMS 4

struct route {
	unsigned methods;    /* enum route_method bits */
	const char *pattern; /* also the route's name in logs and metrics */
	route_handler handler;
	unsigned flags;      /* enum route_flag bits */
	unsigned capability; /* what the person needs (auth/perm.h enum capability; 0: public),
			      * checked by the route guard before the handler */
};

struct route_param {
	const char *name;  /* points into the pattern; not NUL-terminated at '}' */
	size_t name_len;
	const char *value; /* arena copy */
};

enum route_result { ROUTE_FOUND, ROUTE_NOT_FOUND, ROUTE_METHOD_NOT_ALLOWED };

struct route_match {
	const struct route *route;    /* the route (ROUTE_FOUND) */
	size_t route_index;
	struct route_param params[ROUTE_MAX_PARAMS];
	size_t nparams;
	unsigned allowed;             /* methods allowed on this path (405) */
};

/* Method name ("GET") to its bit; 0 if unknown. */
unsigned route_method_bit(const char *method);

/* Matches method and a decoded path against the table. On ROUTE_FOUND, m
 * holds the route and its parameters (values copied into a). On
 * ROUTE_METHOD_NOT_ALLOWED, m->allowed has the methods that would match. */
enum route_result router_match(const struct route *table, size_t n, unsigned method,
			       const char *path, struct arena *a, struct route_match *m);

/* Writes the Allow header value for a method set ("GET, HEAD") into out. */
void route_allow_header(unsigned methods, char *out, size_t outlen);

/* The value of the route parameter called name, or NULL. */
const char *route_param(const struct route_match *m, const char *name);

#endif
