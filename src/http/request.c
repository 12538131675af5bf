/* request.c - accessors of struct req and builders of struct resp. */
#include "http/request.h"

#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/log.h"
#include "core/util.h"
#include "html/layout.h"

const char *req_query(const struct req *rq, const char *name)
{
	for (size_t i = 0; i < rq->nquery; i++)
		if (!strcmp(rq->query[i].name, name))
			return rq->query[i].value;
	return NULL;
}

size_t req_query_all(const struct req *rq, const char *name, const char **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < rq->nquery; i++) {
		if (strcmp(rq->query[i].name, name))
			continue;
		if (n < max)
			out[n] = rq->query[i].value;
		n++;
	}
	return n;
}

const char *req_param(const struct req *rq, const char *name)
{
	return route_param(&rq->match, name);
}

int64_t req_param_id(const struct req *rq, const char *name)
{
	const char *s = req_param(rq, name);
	size_t n = s ? strspn(s, "0123456789") : 0;
	if (!n || n > 18 || s[n])
		return 0;
	int64_t id = 0;
	for (size_t i = 0; i < n; i++)
		id = id * 10 + (s[i] - '0');
	return id;
}

const char *req_header(const struct req *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn_, MHD_HEADER_KIND, name);
}

const char *req_cookie(const struct req *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn_, MHD_COOKIE_KIND, name);
}

const char *req_form(const struct req *rq, const char *name)
{
	for (size_t i = 0; i < rq->nform; i++)
		if (!strcmp(rq->form[i].name, name))
			return rq->form[i].value;
	return NULL;
}

const struct req_file *req_file(const struct req *rq, const char *name)
{
	for (size_t i = 0; i < rq->nfiles; i++)
		if (!strcmp(rq->files[i].name, name))
			return &rq->files[i];
	return NULL;
}

const char *req_file_name(struct arena *a, const struct req_file *f, size_t max)
{
	const char *slash = strrchr(f->filename, '/'), *back = strrchr(f->filename, '\\');
	const char *name = slash && (!back || slash > back) ? slash + 1 : back ? back + 1 : f->filename;
	return strlen(name) > max ? arena_strndup(a, name, max) : name;
}

/* A page's first block: most pages are 15-30 KB, and a buffer grown by
 * doubling from nothing would be copied six times on the way. */
#define PAGE_FIRST_BLOCK 16384

struct html resp_html(struct resp *rs)
{
	rs->content_type = "text/html; charset=utf-8";
	if (!rs->body.cap)
		buf_reserve(&rs->body, PAGE_FIRST_BLOCK);
	return html_writer_on(&rs->body);
}

/* What a JSON response that cannot be encoded becomes: a literal, so it
 * cannot fail in turn. */
static const char JSON_FAILED[] =
	"{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,"
	"\"detail\":\"The response could not be encoded. The error has been logged.\"}\n";

struct csv_writer resp_csv(struct resp *rs, const char *disposition)
{
	rs->content_type = "text/csv; charset=utf-8";
	if (disposition)
		resp_header_set(rs, "Content-Disposition", disposition);
	return csv_writer_on(&rs->body, true);
}

struct xlsx_writer resp_xlsx(struct resp *rs, const char *disposition, const char *sheet)
{
	rs->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	if (disposition)
		resp_header_set(rs, "Content-Disposition", disposition);
	return xlsx_writer_on(&rs->body, sheet);
}

struct text_writer resp_text(struct resp *rs, const char *content_type)
{
	rs->content_type = content_type ? content_type : "text/plain; charset=utf-8";
	return text_writer_on(&rs->body);
}

void resp_json(struct resp *rs, int status, json_t *j, const char *content_type)
{
	char *s = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(j);
	buf_free(&rs->body);
	if (!s) {
		/* a NULL value (jansson's answer to invalid UTF-8 in json_string
		 * or json_pack): this request fails, never the process */
		log_msg("error", "a JSON response (status %d) could not be encoded: a value was NULL, "
				 "as jansson gives for invalid UTF-8; answered 500", status);
		rs->status = 500;
		rs->content_type = "application/problem+json";
		buf_append(&rs->body, JSON_FAILED, sizeof(JSON_FAILED) - 1);
		return;
	}
	rs->status = status;
	rs->content_type = content_type ? content_type : "application/json";
	buf_puts(&rs->body, s);
	buf_putc(&rs->body, '\n');
	free(s);
}

void resp_header(struct resp *rs, const char *name, const char *value)
{
	if (rs->nheaders == RESP_MAX_HEADERS)
		fatal("too many response headers: raise RESP_MAX_HEADERS");
	rs->headers[rs->nheaders++] = (struct resp_header){name, value};
}

void resp_header_set(struct resp *rs, const char *name, const char *value)
{
	for (size_t i = 0; i < rs->nheaders; i++)
		if (!strcasecmp(rs->headers[i].name, name)) {
			rs->headers[i].value = value;
			return;
		}
	resp_header(rs, name, value);
}

void resp_redirect(struct resp *rs, int status, const char *location)
{
	rs->status = status;
	resp_header(rs, "Location", location);
}

enum err resp_error_page(struct resp *rs, int status, const char *heading, const char *message,
			 const char *back_href, const char *back_text)
{
	buf_free(&rs->body);
	rs->status = status;
	struct html w = resp_html(rs);
	page_error(&w, heading, message, back_href, back_text);
	return ERR_OK;
}
