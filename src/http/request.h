/*
 * request.h - what a handler sees of a request and fills in for its response.
 *
 * Capabilities include this header, never microhttpd.h. Everything in
 * struct req lives for the request (its arena) or longer; a handler
 * allocates from rq->arena and never frees. The response body is a buf the
 * HTTP layer hands to libmicrohttpd, which frees it after sending.
 */
#ifndef MH_REQUEST_H
#define MH_REQUEST_H

#include <jansson.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/text.h"
#include "core/xlsx.h"
#include "core/url.h"
#include "html/html.h"
#include "http/router.h"

struct arena;
struct config;
struct db;
struct session;

/* A file a form sent (a file input of a multipart/form-data form). */
struct req_file {
	const char *name;         /* the input's name */
	const char *filename;     /* the file's name as the browser gave it ("" when none was chosen) */
	const char *content_type; /* as the browser gave it, or "" */
	const char *data;         /* its bytes (request lifetime), len of them, not NUL-terminated */
	size_t len;
};

struct req {
	struct arena *arena;
	const char *method;      /* "GET", ... */
	unsigned method_bit;     /* enum route_method */
	const char *path;        /* decoded, without the query */
	struct url_param *query; /* decoded query parameters, in order */
	size_t nquery;
	struct route_match match;
	const char *request_id;
	struct db *db;           /* this worker thread's connection */
	const struct config *cfg;
	struct url_param *form;  /* a POSTed form's fields (urlencoded, or a multipart body's plain fields), decoded */
	size_t nform;
	struct req_file *files;  /* a POSTed multipart/form-data body's files (its file inputs), in order */
	size_t nfiles;
	struct session *session; /* set by the route guard (auth/guard.c); NULL if none */
	struct session *lapsed;  /* the session the cookie names when it has just ended (idle or too old), for
				  * RF_KEEPS_TEXT routes; NULL otherwise */
	bool form_refused;       /* an RF_REFUSED_RESHOWN route's form failed the form token check: its
				  * handler must write nothing, only show the form again (http/router.h) */
	const char *client_ip;   /* the peer's address, for rate limits and the audit log */
	void *conn_;             /* the HTTP layer's connection; opaque */
};

/* Runs before every matched route's handler (see server_run): checks the
 * route's flags (sign-in, CSRF). Returns true to run the handler; false
 * when it has answered itself (a redirect to sign in, a 403 page). */
typedef bool (*route_guard)(struct req *rq, struct resp *rs);

#define RESP_MAX_HEADERS 8

struct resp_header {
	const char *name, *value;
};

struct resp {
	int status;               /* 200 unless set */
	const char *content_type; /* text/html; charset=utf-8 unless set */
	const char *cache_control; /* "no-store" unless set */
	struct buf body;
	struct resp_header headers[RESP_MAX_HEADERS];
	size_t nheaders;
};

/* The first value of query parameter name, or NULL. */
const char *req_query(const struct req *rq, const char *name);

/* Every value of query parameter name (repeats, as checkboxes send them):
 * returns how many, storing up to max in out. */
size_t req_query_all(const struct req *rq, const char *name, const char **out, size_t max);

/* The route parameter name ("{code}" in the pattern), never NULL on a
 * matched route that declares it. */
const char *req_param(const struct req *rq, const char *name);

/* The route parameter name as a record's id: 1 to 18 digits and nothing
 * else, above 0; else 0 (no record has it: the handler answers 404). */
int64_t req_param_id(const struct req *rq, const char *name);

/* A request header, or NULL. */
const char *req_header(const struct req *rq, const char *name);

/* A cookie sent with the request, or NULL. */
const char *req_cookie(const struct req *rq, const char *name);

/* The first value of a POSTed form field, or NULL. */
const char *req_form(const struct req *rq, const char *name);

/* The first file sent by the form's file input name, or NULL. */
const struct req_file *req_file(const struct req *rq, const char *name);

/* The name of file f to show back and record: the last part of the path a
 * browser may send ("C:\\Users\\jo\\register.csv" is "register.csv"), cut to
 * at most max bytes (in a when cut). */
const char *req_file_name(struct arena *a, const struct req_file *f, size_t max);

/* The writer for an HTML response body (sets the content type). These
 * writers are the only way a handler writes a body: scripts/lint-html
 * rejects rs->body outside src/http/. */
struct html resp_html(struct resp *rs);

/* The writer for a CSV download: text/csv in UTF-8 with a byte-order mark,
 * and Content-Disposition set to disposition (which must outlive the
 * request, e.g. "attachment; filename=\"x.csv\""; NULL: none). */
struct csv_writer resp_csv(struct resp *rs, const char *disposition);

/* The writer for an XLSX download (one worksheet named sheet), with
 * Content-Disposition as for resp_csv. The handler ends it with
 * xlsx_finish, which appends the workbook to the body. */
struct xlsx_writer resp_xlsx(struct resp *rs, const char *disposition, const char *sheet);

/* The writer for a plain-text body; content_type NULL is
 * "text/plain; charset=utf-8". */
struct text_writer resp_text(struct resp *rs, const char *content_type);

/* Sets a JSON body (steals the reference to j) with the given status.
 * content_type NULL: application/json. j NULL (what jansson returns for
 * invalid UTF-8) or a value that cannot be encoded: a 500 problem document
 * instead, logged; never an abort. */
void resp_json(struct resp *rs, int status, json_t *j, const char *content_type);

/* Adds a response header. name and value must outlive the request (string
 * literals or arena strings). */
void resp_header(struct resp *rs, const char *name, const char *value);

/* A GOV.UK error page (html/layout.h page_error) with the given status;
 * back_href may be NULL. Returns ERR_OK, so a handler can return it. */
enum err resp_error_page(struct resp *rs, int status, const char *heading, const char *message,
			 const char *back_href, const char *back_text);

/* Sets a response header, replacing an earlier one of the same name (a
 * transaction that is run again must not leave its first cookie behind). */
void resp_header_set(struct resp *rs, const char *name, const char *value);

/* A redirect (301, 302, 303, 307, 308) to location (a path on this site). */
void resp_redirect(struct resp *rs, int status, const char *location);

#endif
