/*
 * server.c - see server.h.
 *
 * The path of a request: uri_log_cb (a new request context: arena, clock,
 * request id, the raw target) -> on_request (limits, body, then dispatch) ->
 * dispatch (decode target, assets, route match, handler, error pages) ->
 * queue (headers, security headers) -> on_completed (access log, metrics,
 * free the arena).
 */
#include "http/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/assets.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/log.h"
#include "core/utf8.h"
#include "core/util.h"
#include "db/db.h"
#include "http/connections.h"
#include "http/metrics.h"
#include "http/multipart.h"
#include "http/problem.h"
#include "http/refusal.h"
#include "http/request.h"

#define MAX_QUERY_PARAMS 64
/* A form's fields (a POST body, under --max-body): a register is a field a
 * participant, and a paper register's confirmation up to two a row of its
 * REGISTER_MAX_ROWS (2000), so a few thousand; 64 turned away the register
 * of a session of more than 63 people. */
#define MAX_FORM_FIELDS 5000

/* Headers for every response besides the security headers (server_add_header). */
static struct {
	const char *name, *value;
} extra_headers[4];
static size_t nextra_headers;

void server_add_header(const char *name, const char *value)
{
	if (nextra_headers == ARRAY_LEN(extra_headers))
		fatal("server_add_header: more than %zu headers", ARRAY_LEN(extra_headers));
	extra_headers[nextra_headers].name = name;
	extra_headers[nextra_headers++].value = value;
}

static enum err (*on_listening)(const struct config *cfg);

void server_on_listening(enum err (*fn)(const struct config *cfg))
{
	on_listening = fn;
}

/* The process lifetime: set once in server_run before the daemon starts. */
static struct {
	struct config cfg; /* a copy: the base URL is completed once the port is bound */
	const struct route *routes;
	size_t nroutes;
	atomic_bool stopping;
	atomic_long in_flight; /* requests received and not yet completed */
	route_guard guard;     /* checks route flags before the handler; may be NULL */
	pthread_key_t db_key;
	bool hsts; /* the base URL is https: send Strict-Transport-Security */
} srv;

/* The request lifetime. */
struct rctx {
	struct arena *arena;
	int64_t start_us;
	const char *target; /* raw request target, as received */
	char request_id[17];
	bool started, too_large, busy; /* busy: more connections open than allowed (connections.h) */
	size_t body_len, max_body; /* max_body: --max-upload for an RF_UPLOAD route, else --max-body */
	struct buf body;
	/* for the access log and metrics */
	const char *method, *path, *route_name;
	const char *txns; /* the handler's transactions (db_txn_names), or NULL */
	int64_t statements; /* the statements they ran (db_txn_statements) */
	size_t slot;
	int status;
	uint64_t bytes;
};

/* ---- thread lifetime: one database connection per worker thread ---- */

static void close_thread_db(void *p)
{
	db_close(p);
}

struct db *server_thread_db(void)
{
	struct db *db = pthread_getspecific(srv.db_key);
	if (db)
		return db;
	char msg[512];
	if (db_open_config(&srv.cfg, &db, msg, sizeof(msg))) {
		log_msg("error", "%s", msg);
		return NULL;
	}
	pthread_setspecific(srv.db_key, db);
	return db;
}

/* ---- responses ---- */

/* Whether the handler set a header of that name itself (rs may be NULL). */
static bool own_header(const struct resp *rs, const char *name)
{
	for (size_t k = 0; rs && k < rs->nheaders; k++)
		if (!strcasecmp(rs->headers[k].name, name))
			return true;
	return false;
}

/* The security headers, but for those the handler set itself (rs may be NULL). */
static void add_common_headers_except(struct MHD_Response *r, const struct resp *rs)
{
	size_t n;
	const struct http_header *h = security_headers(&n);
	for (size_t i = 0; i < n; i++)
		if (!own_header(rs, h[i].name))
			MHD_add_response_header(r, h[i].name, h[i].value);
	if (srv.hsts && !own_header(rs, hsts_header.name))
		MHD_add_response_header(r, hsts_header.name, hsts_header.value);
	for (size_t i = 0; i < nextra_headers; i++)
		MHD_add_response_header(r, extra_headers[i].name, extra_headers[i].value);
}

static void add_common_headers(struct MHD_Response *r)
{
	add_common_headers_except(r, NULL);
}

static enum MHD_Result queue(struct MHD_Connection *c, struct rctx *x, struct resp *rs)
{
	size_t len;
	char *body = buf_detach(&rs->body, &len);
	struct MHD_Response *r =
		MHD_create_response_from_buffer_with_free_callback(len, body, free);
	if (!r) {
		free(body);
		return MHD_NO;
	}
	add_common_headers_except(r, rs);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
				rs->content_type ? rs->content_type : "text/html; charset=utf-8");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL,
				rs->cache_control ? rs->cache_control : "no-store");
	MHD_add_response_header(r, "X-Request-Id", x->request_id);
	for (size_t i = 0; i < rs->nheaders; i++)
		MHD_add_response_header(r, rs->headers[i].name, rs->headers[i].value);
	if (atomic_load(&srv.stopping) || x->too_large || x->busy)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
	x->status = rs->status;
	x->bytes = len;
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)rs->status, r);
	MHD_destroy_response(r);
	return ret;
}

/* The GOV.UK error page or problem document for status. */
static void error_response(struct resp *rs, bool api, int status, const char *title,
			   const char *detail, const char *instance)
{
	buf_free(&rs->body);
	if (api)
		problem_send(rs, status, title, detail, instance);
	else
		resp_error_page(rs, status, title, detail, NULL, NULL);
}

/* The GOV.UK error page or problem document for status, in its words (http/refusal.h). */
static void refuse(struct resp *rs, bool api, int status, const char *instance)
{
	const struct refusal *w = refusal_of(status);
	error_response(rs, api, status, w->title, w->detail, instance);
}

static void error_from_err(struct resp *rs, const struct route *r, enum err e, const char *path)
{
	bool api = r && (r->flags & RF_API);
	switch (e) {
	case ERR_NOT_FOUND:
		refuse(rs, api, 404, path);
		break;
	case ERR_INVALID:
		refuse(rs, api, 400, path);
		break;
	case ERR_TOO_LARGE:
		refuse(rs, api, 413, path);
		break;
	case ERR_RATE_LIMITED:
		refuse(rs, api, 429, path);
		resp_header(rs, "Retry-After", "600");
		break;
	case ERR_UNAVAILABLE:
	case ERR_BUSY: /* still conflicting after the retries: a moment later will do */
		refuse(rs, api, 503, path);
		resp_header(rs, "Retry-After", "30");
		break;
	default:
		refuse(rs, api, 500, path);
	}
}

/* ---- dispatch ---- */

/* Answers a request for a fingerprinted asset; false if path is not one. */
static bool serve_asset(struct MHD_Connection *c, struct rctx *x, const char *path,
			enum MHD_Result *ret)
{
	const struct asset *a = assets_by_url(path);
	if (!a)
		return false;
	x->slot = metrics_slot_static();
	x->route_name = "static";
	const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
	bool fresh = inm && strstr(inm, a->etag);
	/* PERSISTENT: libmicrohttpd neither writes to nor frees the embedded
	 * bytes; its API takes void * for the other modes */
	union { const void *c; void *m; } data = {.c = a->data};
	struct MHD_Response *r = fresh ? MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT)
				       : MHD_create_response_from_buffer(a->len, data.m, MHD_RESPMEM_PERSISTENT);
	if (!r) {
		*ret = MHD_NO;
		return true;
	}
	add_common_headers(r);
	if (!fresh)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, a->content_type);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "public, max-age=31536000, immutable");
	MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, a->etag);
	MHD_add_response_header(r, "X-Request-Id", x->request_id);
	x->status = fresh ? MHD_HTTP_NOT_MODIFIED : MHD_HTTP_OK;
	x->bytes = fresh ? 0 : a->len;
	*ret = MHD_queue_response(c, (unsigned)x->status, r);
	MHD_destroy_response(r);
	return true;
}

/* What the access log may show of a path: a path under a route that holds
 * a secret (RF_SECRET_PATH, "/set-up/{token}") becomes that route's pattern,
 * whatever the method or outcome. */
static const char *redact(const char *path)
{
	for (size_t i = 0; i < srv.nroutes; i++) {
		const struct route *r = &srv.routes[i];
		if (!(r->flags & RF_SECRET_PATH))
			continue;
		size_t fixed = strcspn(r->pattern, "{");
		if (!strncmp(path, r->pattern, fixed))
			return r->pattern;
	}
	return path;
}

/* The client's address: the peer's, or, when the peer is a trusted reverse
 * proxy, the address it put last in X-Forwarded-For (the one it saw). */
static const char *client_address(struct MHD_Connection *c, struct arena *a, const char *peer)
{
	if (!peer[0] || !srv.cfg.trusted_proxies[0])
		return arena_strdup(a, peer);
	bool trusted = false;
	const char *list = srv.cfg.trusted_proxies;
	size_t n = strlen(peer);
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");
		trusted |= len == n && !strncmp(p, peer, n);
		p += len + (p[len] == ',');
	}
	const char *xff = trusted ? MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For") : NULL;
	if (!xff)
		return arena_strdup(a, peer);
	const char *last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	while (*last == ' ')
		last++;
	char buf[INET6_ADDRSTRLEN];
	snprintf(buf, sizeof(buf), "%.*s", (int)strcspn(last, " "), last);
	unsigned char addr[sizeof(struct in6_addr)];
	bool valid = inet_pton(AF_INET, buf, addr) == 1 || inet_pton(AF_INET6, buf, addr) == 1;
	return arena_strdup(a, valid ? buf : peer);
}

/* A multipart/form-data body (a form with a file input): its plain fields
 * into rq->form, checked as strictly as an urlencoded body's (UTF-8, no
 * NUL), its files into rq->files (pointing into the body, which lives as
 * long as the request). */
static enum err form_from_multipart(struct req *rq, const char *ct, const char *body, size_t len)
{
	struct multipart_part *parts;
	size_t n;
	enum err e = multipart_parse(rq->arena, ct, body, len, MAX_FORM_FIELDS, &parts, &n);
	if (e)
		return e;
	rq->form = arena_alloc(rq->arena, (n + 1) * sizeof(*rq->form));
	rq->files = arena_alloc(rq->arena, (n + 1) * sizeof(*rq->files));
	for (size_t i = 0; i < n; i++) {
		const struct multipart_part *p = &parts[i];
		if (p->filename) {
			rq->files[rq->nfiles++] = (struct req_file){p->name, p->filename, p->content_type, p->data, p->len};
			continue;
		}
		if (memchr(p->data, '\0', p->len) || !utf8_valid(p->data, p->len))
			return ERR_INVALID;
		rq->form[rq->nform++] = (struct url_param){p->name, arena_strndup(rq->arena, p->data, p->len)};
	}
	return ERR_OK;
}

static enum MHD_Result dispatch(struct MHD_Connection *c, struct rctx *x)
{
	struct req rq = {
		.arena = x->arena,
		.method = x->method,
		.method_bit = route_method_bit(x->method),
		.request_id = x->request_id,
		.cfg = &srv.cfg,
		.conn_ = c,
	};
	struct resp rs = {.status = 200};
	char *path;
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char ip[INET6_ADDRSTRLEN] = "";
	if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)ci->client_addr)->sin_addr, ip, sizeof(ip));
	rq.client_ip = client_address(c, x->arena, ip);
	x->slot = metrics_slot_none();
	x->path = "";
	/* errors found before routing: a problem document for API addresses */
	static const struct route api_errors = {.flags = RF_API};
	const struct route *early = str_starts(x->target, "/api/") ? &api_errors : NULL;
	if (url_parse_target(x->arena, x->target, MAX_QUERY_PARAMS, &path, &rq.query, &rq.nquery)) {
		/* log the raw path only up to the query, never the query itself */
		x->path = redact(arena_strndup(x->arena, x->target, strcspn(x->target, "?")));
		error_from_err(&rs, early, ERR_INVALID, NULL);
		return queue(c, x, &rs);
	}
	rq.path = path;
	x->path = redact(path);
	if (x->too_large) {
		error_from_err(&rs, early, ERR_TOO_LARGE, path);
		return queue(c, x, &rs);
	}
	if (x->busy) { /* answered at once, and the connection closed, rather than left waiting */
		error_response(&rs, early != NULL, 503, "Sorry, the service is busy",
			       "Too many connections are open at once. Try again in a few seconds.", path);
		resp_header(&rs, "Retry-After", "2");
		return queue(c, x, &rs);
	}
	if (!rq.method_bit) {
		refuse(&rs, early != NULL, 501, path);
		return queue(c, x, &rs);
	}
	enum MHD_Result ret;
	if ((rq.method_bit & (RM_GET | RM_HEAD)) && str_starts(path, "/assets/") &&
	    serve_asset(c, x, path, &ret))
		return ret;
	size_t plen = strlen(path);
	if (plen > 1 && path[plen - 1] == '/' && (rq.method_bit & (RM_GET | RM_HEAD))) {
		/* "/hubs/" -> "/hubs": one canonical address per page */
		char *to = arena_strndup(x->arena, path, plen - 1);
		while (plen > 2 && to[plen - 2] == '/')
			to[--plen - 1] = '\0';
		struct route_match tm;
		if (router_match(srv.routes, srv.nroutes, RM_GET, to, NULL, &tm) != ROUTE_FOUND) {
			/* only to a page of ours: "/%2Fevil.example/" must not become "//evil.example" */
			error_from_err(&rs, NULL, ERR_NOT_FOUND, NULL);
			return queue(c, x, &rs);
		}
		if (tm.route->flags & RF_SECRET_PATH)
			x->path = tm.route->pattern; /* never a one-time token in the log */
		struct html w = resp_html(&rs);
		H_RAW(&w, "Moved");
		resp_redirect(&rs, 301, to);
		return queue(c, x, &rs);
	}
	enum route_result m = router_match(srv.routes, srv.nroutes, rq.method_bit, path, x->arena, &rq.match);
	const struct route *r = rq.match.route;
	bool api = str_starts(path, "/api/");
	if (m == ROUTE_NOT_FOUND) {
		error_from_err(&rs, NULL, ERR_NOT_FOUND, NULL);
		if (api) {
			buf_free(&rs.body);
			problem_send(&rs, 404, "Not found", "There is nothing at this address.", path);
		}
		return queue(c, x, &rs);
	}
	if (m == ROUTE_METHOD_NOT_ALLOWED) {
		char allow[96];
		route_allow_header(rq.match.allowed, allow, sizeof(allow));
		if (api)
			problem_send(&rs, 405, "Method not allowed", "This address does not accept that method.", path);
		else
			refuse(&rs, false, 405, NULL);
		resp_header(&rs, "Allow", arena_strdup(x->arena, allow));
		return queue(c, x, &rs);
	}
	x->slot = rq.match.route_index;
	x->route_name = r->pattern;
	if (r->flags & RF_SECRET_PATH) {
		x->path = r->pattern; /* never a one-time token in the log */
		/* nor in a search engine's index (a personal survey link, a joining link): whatever the answer */
		resp_header(&rs, "X-Robots-Tag", "noindex, nofollow");
	}
	rq.db = server_thread_db();
	if (!rq.db && !(r->flags & RF_DB_OPTIONAL)) {
		error_from_err(&rs, r, ERR_UNAVAILABLE, path);
		return queue(c, x, &rs);
	}
	if ((rq.method_bit & RM_POST) && x->body_len) {
		const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
		enum err fe = !ct ? ERR_INVALID
			      : multipart_is_form_data(ct) ? form_from_multipart(&rq, ct, x->body.data, x->body_len)
			      : !str_starts(ct, "application/x-www-form-urlencoded")
				      ? ERR_INVALID
				      : url_parse_query(x->arena, x->body.data, x->body_len, MAX_FORM_FIELDS, &rq.form, &rq.nform);
		if (fe) {
			error_from_err(&rs, r, ERR_INVALID, path);
			return queue(c, x, &rs);
		}
	}
	enum err e = ERR_OK;
	if (srv.guard && !srv.guard(&rq, &rs))
		return queue(c, x, &rs);
	if (rq.db)
		db_txn_mark(rq.db); /* the handler's transactions, for the access log */
	e = r->handler(&rq, &rs);
	if (rq.db) {
		x->txns = arena_strdup(x->arena, db_txn_names(rq.db));
		x->statements = db_txn_statements(rq.db);
	}
	if (e && rq.db && db_is_down(rq.db))
		e = ERR_UNAVAILABLE; /* whatever failed, the cause is the lost database */
	if (e) {
		if (e != ERR_NOT_FOUND && e != ERR_INVALID && e != ERR_UNAVAILABLE && e != ERR_RATE_LIMITED)
			log_msg("error", "request %s: %s %s: %s", x->request_id, x->method, r->pattern, err_str(e));
		error_from_err(&rs, r, e, path);
	}
	return queue(c, x, &rs);
}

/* ---- libmicrohttpd callbacks ---- */

static void *uri_log_cb(void *cls, const char *uri, struct MHD_Connection *c)
{
	(void)cls;
	atomic_fetch_add(&srv.in_flight, 1);
	conns_busy(c, true);
	struct rctx *x = xmalloc(sizeof(*x));
	memset(x, 0, sizeof(*x));
	x->arena = arena_new();
	x->start_us = clock_monotonic_us();
	x->target = arena_strdup(x->arena, uri ? uri : "/");
	unsigned char id[8];
	randombytes_buf(id, sizeof(id));
	sodium_bin2hex(x->request_id, sizeof(x->request_id), id, sizeof(id));
	x->method = "";
	x->route_name = "";
	x->slot = metrics_slot_none();
	return x;
}

/* The largest body the request's route takes: --max-upload for a route
 * flagged RF_UPLOAD, else --max-body (also when the target does not
 * parse or match: dispatch answers those). */
static size_t body_limit(struct rctx *x)
{
	char *path;
	struct url_param *q;
	size_t nq;
	struct route_match m;
	unsigned method = route_method_bit(x->method);
	if (!(method & RM_POST) || url_parse_target(x->arena, x->target, MAX_QUERY_PARAMS, &path, &q, &nq) ||
	    router_match(srv.routes, srv.nroutes, method, path, x->arena, &m) != ROUTE_FOUND)
		return srv.cfg.max_body;
	return m.route->flags & RF_UPLOAD ? srv.cfg.max_upload : srv.cfg.max_body;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_size, void **con_cls)
{
	(void)cls, (void)url, (void)version;
	struct rctx *x = *con_cls;
	if (!x) /* no URI callback ran (should not happen) */
		return MHD_NO;
	if (!x->started) {
		x->started = true;
		x->method = arena_strdup(x->arena, method);
		if (conns_over()) {
			x->busy = true;
			return dispatch(c, x); /* answered at once; any body is never read */
		}
		x->max_body = body_limit(x);
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		unsigned long long declared = cl ? strtoull(cl, NULL, 10) : 0;
		if (declared > x->max_body) {
			x->too_large = true;
			return dispatch(c, x); /* answered at once; the body is never read */
		}
		if (declared > srv.cfg.max_body) /* a large file: one block, not doubled and copied as it grows */
			buf_reserve(&x->body, (size_t)declared);
		return MHD_YES;
	}
	if (*upload_size) {
		if (!x->too_large) {
			if (x->body_len + *upload_size > x->max_body) {
				x->too_large = true;
				buf_free(&x->body);
			} else {
				buf_append(&x->body, upload_data, *upload_size);
				x->body_len += *upload_size;
			}
		}
		*upload_size = 0;
		return MHD_YES;
	}
	return dispatch(c, x);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	struct rctx *x = *con_cls;
	if (!x)
		return;
	conns_busy(c, false);
	int64_t dur = clock_monotonic_us() - x->start_us;
	int status = x->status ? x->status : (toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? 200 : 499);
	log_access(&(struct log_access){
		.request_id = x->request_id,
		.method = x->method,
		.path = x->path ? x->path : "",
		.route = x->route_name,
		.status = status,
		.bytes = x->bytes,
		.duration_us = dur,
		.txns = x->txns,
		.statements = x->statements,
	});
	metrics_observe(x->slot, status, dur);
	buf_free(&x->body);
	arena_free(x->arena);
	free(x);
	*con_cls = NULL;
	atomic_fetch_sub(&srv.in_flight, 1);
}

__attribute__((format(printf, 2, 0))) static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char msg[512];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	size_t n = strlen(msg);
	while (n && msg[n - 1] == '\n')
		msg[--n] = '\0';
	log_msg("warn", "libmicrohttpd: %s", msg);
}

/* ---- start and stop ---- */

enum err server_run(const struct config *config, const struct route *routes, size_t n,
		    route_guard guard)
{
	srv.guard = guard;
	srv.cfg = *config;
	srv.hsts = str_starts(config->base_url, "https://");
	const struct config *cfg = &srv.cfg;
	srv.routes = routes;
	srv.nroutes = n;
	atomic_store(&srv.stopping, false);
	if (pthread_key_create(&srv.db_key, close_thread_db))
		return ERR_SYSTEM;

	const char **names = xmalloc((n ? n : 1) * sizeof(*names));
	for (size_t i = 0; i < n; i++)
		names[i] = routes[i].pattern;
	metrics_init(names, n);

	/* signals are taken by sigwait below; worker threads inherit the mask */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &set, NULL);

	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)cfg->listen_port)};
	if (inet_pton(AF_INET, cfg->listen_addr, &sa.sin_addr) != 1) {
		log_msg("error", "cannot listen on %s: not an IPv4 address", cfg->listen_addr);
		free(names);
		return ERR_INVALID;
	}
	conns_init(cfg->max_conns);
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO | MHD_USE_ITC |
			MHD_USE_ERROR_LOG,
		0, NULL, NULL, on_request, NULL,
		MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg->conn_timeout,
		MHD_OPTION_CONNECTION_LIMIT, conns_hard_limit(),
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)cfg->max_conns_ip,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)cfg->conn_memory,
		MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1,
		MHD_OPTION_SIGPIPE_HANDLED_BY_APP, (int)1,
		MHD_OPTION_URI_LOG_CALLBACK, uri_log_cb, NULL,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		MHD_OPTION_NOTIFY_CONNECTION, conns_notify, NULL,
		MHD_OPTION_END);
	if (!d) {
		log_msg("error", "cannot listen on %s:%u: %s", cfg->listen_addr, cfg->listen_port,
			strerror(errno));
		free(names);
		return ERR_SYSTEM;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	unsigned port = info ? info->port : cfg->listen_port;
	if (!cfg->base_url_given) /* port 0 asks for any free port: name the one bound */
		snprintf(srv.cfg.base_url, sizeof(srv.cfg.base_url), "http://%s:%u", cfg->listen_addr, port);
	log_msg("info", "listening on http://%s:%u with %u threads, database %s", cfg->listen_addr,
		port, cfg->threads, db_config_name(cfg));
	enum err started = on_listening ? on_listening(&srv.cfg) : ERR_OK;
	if (started) {
		log_msg("error", "cannot start what runs beside the server: %s", err_str(started));
		MHD_stop_daemon(d);
		free(names);
		return started;
	}

	int sig = 0;
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	while (sigwait(&stop, &sig) != 0)
		;
	log_msg("info", "signal %d: stopping; finishing requests in flight", sig);
	atomic_store(&srv.stopping, true);
	/* stop accepting: close the listening socket so new connections are
	 * refused at once rather than left waiting */
	MHD_socket lsock = MHD_quiesce_daemon(d);
	if (lsock != MHD_INVALID_SOCKET)
		close(lsock);
	/* requests in flight finish; idle keep-alive connections do not hold us */
	int64_t deadline = clock_monotonic_us() + (int64_t)cfg->shutdown_grace * 1000000;
	while (atomic_load(&srv.in_flight) > 0 && clock_monotonic_us() < deadline)
		usleep(10 * 1000);
	MHD_stop_daemon(d); /* joins the workers: their connections and databases close */
	free(names);
	log_msg("info", "stopped");
	return ERR_OK;
}
