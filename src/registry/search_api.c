/* search_api.c - the schools as JSON: /api/v1/schools?query=... (the
 * search, paged; the school picker's source) and /api/v1/schools/{urn}.
 * Described in src/registry/openapi.json. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/url.h"
#include "core/util.h"
#include "db/db.h"
#include "http/problem.h"
#include "http/request.h"
#include "registry/search_pages.h"

#define DEFAULT_PAGE_SIZE 20

/* NULL as JSON null, else a string. */
static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *row_json(struct req *rq, const struct school_row *r)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:b, s:s}", "urn", r->urn, "name",
			 r->name, "phase", r->phase, "type", r->type, "status", r->status, "town", r->town, "postcode",
			 r->postcode, "la_code", r->la_code, "la_name", r->la_name, "hub_code", str_or_null(r->hub_code),
			 "hub_demo", r->hub_demo, "url", url_path(rq->arena, "/schools/", r->urn));
}

static enum err bad_request(struct req *rq, struct resp *rs, const char *parameter, const char *message)
{
	json_t *j = problem_new(400, "Invalid request", message, rq->path);
	json_object_set_new(j, "errors", json_pack("[{s:s, s:s}]", "parameter", parameter, "message", message));
	resp_json(rs, 400, j, "application/problem+json");
	return ERR_OK;
}

/* A whole number from lo to hi, or false. */
static bool number_param(const char *v, int64_t lo, int64_t hi, int64_t *out)
{
	char *end;
	long long n = strtoll(v, &end, 10);
	if (!v[0] || *end || n < lo || n > hi)
		return false;
	*out = n;
	return true;
}

static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

enum err registry_api_schools(struct req *rq, struct resp *rs)
{
	const char *query = req_query(rq, "query"), *page = req_query(rq, "page"), *size = req_query(rq, "page_size");
	struct school_search s = {.a = rq->arena, .page = 1, .page_size = DEFAULT_PAGE_SIZE};
	if (!query || !query[0])
		return bad_request(rq, rs, "query", "Give query: part of a school's name, its URN, postcode or town");
	if (chars(query) > 200)
		return bad_request(rq, rs, "query", "query must be 200 characters or less");
	if (!search_query_parse(rq->arena, query, &s.q))
		return bad_request(rq, rs, "query", "query must have a letter or a digit");
	if (page && !number_param(page, 1, 100000, &s.page))
		return bad_request(rq, rs, "page", "page must be a whole number from 1 to 100000");
	if (size && !number_param(size, 1, SEARCH_PAGE_MAX, &s.page_size))
		return bad_request(rq, rs, "page_size", "page_size must be a whole number from 1 to 50");
	enum err e = db_transact(rq->db, DB_READ, school_search_read, &s);
	if (e)
		return e;
	json_t *arr = json_array();
	for (size_t i = 0; i < s.n; i++)
		json_array_append_new(arr, row_json(rq, &s.rows[i]));
	resp_json(rs, 200,
		  json_pack("{s:s, s:I, s:I, s:I, s:o}", "query", query, "total", (json_int_t)s.total, "page",
			    (json_int_t)s.page, "page_size", (json_int_t)s.page_size, "schools", arr),
		  NULL);
	return ERR_OK;
}

static json_t *urns(const struct school_link *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		if (v[i].depth == 1)
			json_array_append_new(a, json_string(v[i].urn));
	return a;
}

/* The nearest successor (the first by URN when there are several). */
static const char *successor(const struct school *s)
{
	for (size_t i = 0; i < s->nsuccessors; i++)
		if (s->successors[i].depth == 1)
			return s->successors[i].urn;
	return NULL;
}

enum err registry_api_school(struct req *rq, struct resp *rs)
{
	const char *urn = req_param(rq, "urn");
	if (!urn_valid(urn))
		return bad_request(rq, rs, "urn", "urn must be 6 or 7 digits, like 100000");
	struct school_lookup l = {.a = rq->arena, .urn = urn};
	enum err e = db_transact(rq->db, DB_READ, school_lookup_read, &l);
	if (e == ERR_NOT_FOUND) {
		problem_send(rs, 404, "School not found", arena_printf(rq->arena, "There is no school with the URN %s.", urn),
			     rq->path);
		return ERR_OK;
	}
	if (e)
		return e;
	const struct school *s = &l.school;
	json_t *trust = s->trust_id ? json_pack("{s:I, s:o, s:s, s:s}", "id", (json_int_t)s->trust_id, "code",
						s->trust_code[0] ? json_string(s->trust_code) : json_null(), "name",
						s->trust_name, "url",
						url_path(rq->arena, "/trusts/", arena_printf(rq->arena, "%lld", (long long)s->trust_id)))
				    : json_null();
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:o, s:o, s:s, s:s, s:s, s:o, s:b, s:o, s:o, s:s}",
			      "urn", s->urn, "name", s->name, "phase", s->phase, "type", s->type, "la_code", s->la_code,
			      "la_name", s->la_name, "trust", trust, "status", s->status, "open_date",
			      str_or_null(s->open_date), "close_date", str_or_null(s->close_date), "town", s->town,
			      "postcode", s->postcode, "website", s->website, "hub_code", str_or_null(s->hub_code),
			      "hub_demo", s->hub_demo, "predecessor_urns", urns(s->predecessors, s->npredecessors),
			      "successor_urn", str_or_null(successor(s)), "url", url_path(rq->arena, "/schools/", s->urn));
	resp_json(rs, 200, j, NULL);
	return ERR_OK;
}
