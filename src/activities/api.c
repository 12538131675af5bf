/*
 * api.c - activities as JSON (described in src/activities/openapi.json):
 * /api/v1/activities, the signed-in person's own (those they lead, support
 * as MHLM link or take part in), or with ?hub=CODE a hub's list of a year
 * (?year=, and the page's filter: ncp, kind, phase, lead, status) with the
 * page's scoping (a Project Lead: their NCPs' runs only), a page at a time;
 * /api/v1/activities/{id}, one the reader may know of (else 404). People's
 * names (leads, MHLM link) only for those who see its people. Errors are
 * problem documents.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "activities/activities.h"
#include "activities/list.h"
#include "activities/list_queries.h"
#include "activities/pages.h"
#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "db/db.h"
#include "http/problem.h"
#include "http/request.h"

#define API_PAGE_MAX 100

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *strings(const char *const *v, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_string(v[i]));
	return arr;
}

/* What every activity says; extra members are added by the caller. */
static json_t *activity_base(struct req *rq, int64_t id, const char *title, const char *kind, const char *code,
			     const char *ncp_title, const char *cohort, const char *hub_code, const char *hub_name,
			     int first, int last, const char *status, const char *format)
{
	char a[8], b[8];
	acyear_code(first, a);
	acyear_code(last, b);
	json_t *hub = hub_code ? json_pack("{s:s, s:s}", "code", hub_code, "name", hub_name) : json_null();
	json_t *j = json_pack("{s:I, s:s, s:s, s:o, s:o, s:s, s:o, s:I, s:I, s:s, s:s, s:s, s:s, s:s}", "id",
			      (json_int_t)id, "title", title, "kind", kind, "ncp", str_or_null(code), "ncp_title",
			      str_or_null(ncp_title), "cohort", cohort, "lead_hub", hub, "first_year", (json_int_t)first,
			      "last_year", (json_int_t)last, "from", a, "to", b, "status", status, "format", format, "url",
			      activities_href(rq, id, NULL));
	return j;
}

static json_t *row_json(struct req *rq, const struct activity_list_row *r, bool names, bool own)
{
	json_t *j = activity_base(rq, r->id, r->title, r->kind, r->project_code, r->project_title, r->cohort,
				  r->lead_hub_code, r->lead_hub_name, r->first_year, r->last_year, r->status, r->format);
	if (!j)
		return NULL;
	json_object_set_new(j, "phases", strings(r->phases, r->nphases));
	json_object_set_new(j, "leads", names ? strings(r->leads, r->nleads) : json_null());
	json_object_set_new(j, "counts", json_pack("{s:I, s:I, s:I, s:I}", "schools", (json_int_t)r->n_schools,
						   "participants", (json_int_t)r->n_participants, "sessions",
						   (json_int_t)r->n_sessions, "sessions_held", (json_int_t)r->n_sessions_held));
	if (own) {
		json_t *part = json_array();
		if (r->leads_it)
			json_array_append_new(part, json_string("lead"));
		if (r->links_it)
			json_array_append_new(part, json_string("mhlm_link"));
		if (r->takes_part)
			json_array_append_new(part, json_string("participant"));
		json_object_set_new(j, "your_part", part);
	} else {
		json_object_set_new(j, "hub_role", json_string(r->hub_role));
	}
	return j;
}

static enum err bad_request(struct req *rq, struct resp *rs, const char *parameter, const char *message)
{
	json_t *j = problem_new(400, "Invalid request", message, rq->path);
	json_object_set_new(j, "errors", json_pack("[{s:s, s:s}]", "parameter", parameter, "message", message));
	resp_json(rs, 400, j, "application/problem+json");
	return ERR_OK;
}

static bool number_param(const char *v, long lo, long hi, long *out)
{
	char *end;
	long n = strtol(v, &end, 10);
	if (!v[0] || *end || n < lo || n > hi)
		return false;
	*out = n;
	return true;
}

struct own_api {
	struct req *rq;
	long page, size;
	struct activity_list_row *rows;
	size_t n;
	int64_t total;
};

static enum err activities_api_own_read(struct db *db, void *ctx)
{
	struct own_api *o = ctx;
	enum err e = activity_list_own(db, o->rq->arena, o->rq->session->person_id, o->page, o->size, &o->rows, &o->n,
				       &o->total);
	return e ? e : activity_list_extras(db, o->rq->arena, o->rows, o->n);
}

static void list_answer(struct resp *rs, const char *hub, int year, int64_t total, long page, long size, json_t *arr)
{
	json_t *j = json_pack("{s:o, s:I, s:I, s:I, s:o}", "hub", str_or_null(hub), "total", (json_int_t)total, "page",
			      (json_int_t)page, "page_size", (json_int_t)size, "activities", arr);
	if (j && hub)
		json_object_set_new(j, "year", json_integer(year));
	resp_json(rs, 200, j, NULL);
}

enum err activities_api_list(struct req *rq, struct resp *rs)
{
	const char *hub = req_query(rq, "hub"), *page = req_query(rq, "page"), *size = req_query(rq, "page_size");
	long p = 1, ps = ACTIVITIES_PAGE;
	if (page && !number_param(page, 1, 100000, &p))
		return bad_request(rq, rs, "page", "page must be a whole number from 1 to 100000");
	if (size && !number_param(size, 1, API_PAGE_MAX, &ps))
		return bad_request(rq, rs, "page_size", "page_size must be a whole number from 1 to 100");
	if (!hub) {
		static const char *const hub_only[] = {"year", "ncp", "kind", "phase", "lead", "status"};
		for (size_t i = 0; i < sizeof(hub_only) / sizeof(hub_only[0]); i++)
			if (req_query(rq, hub_only[i]))
				return bad_request(rq, rs, hub_only[i],
						   arena_printf(rq->arena, "%s filters a hub's list: give hub=CODE too", hub_only[i]));
		struct own_api o = {.rq = rq, .page = p, .size = ps};
		enum err e = db_transact_named(rq->db, DB_READ, "activities_api_read", activities_api_own_read, &o);
		if (e)
			return e;
		json_t *arr = json_array();
		for (size_t i = 0; i < o.n; i++) {
			const struct activity_list_row *r = &o.rows[i];
			json_array_append_new(arr, row_json(rq, r, r->leads_it || r->links_it, true));
		}
		list_answer(rs, NULL, 0, o.total, p, ps, arr);
		return ERR_OK;
	}
	struct hub_list l = {.rq = rq, .code = hub, .page = p, .page_size = ps};
	activities_hub_list_parse(rq, &l);
	if (l.nerrs)
		return bad_request(rq, rs, strcmp(l.errs[0].field, "results") ? l.errs[0].field : "page", l.errs[0].message);
	enum err e = db_transact_named(rq->db, DB_READ, "activities_api_read", activities_hub_list_read, &l);
	if (e == ERR_NOT_FOUND) {
		problem_send(rs, 404, "Hub not found", "There is no hub with that code.", rq->path);
		return ERR_OK;
	}
	if (e)
		return e;
	if (l.forbidden) {
		problem_send(rs, 403, "Not allowed",
			     "A hub's activities are for its leadership and LLMEs, the national team, and the teams of "
			     "the NCPs it runs. Leave out hub for your own.", rq->path);
		return ERR_OK;
	}
	if (l.nerrs)
		return bad_request(rq, rs, l.errs[0].field, l.errs[0].message);
	json_t *arr = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(arr, row_json(rq, &l.rows[i], l.names, false));
	list_answer(rs, l.hub.code, l.f.year, l.total, p, ps, arr);
	return ERR_OK;
}

struct one_api {
	struct req *rq;
	int64_t id;
	struct activity a;
};

static enum err activities_api_one_read(struct db *db, void *ctx)
{
	struct one_api *o = ctx;
	return activity_read(db, o->rq->arena, o->id, o->rq->session, &o->a);
}

enum err activities_api_one(struct req *rq, struct resp *rs)
{
	struct one_api o = {.rq = rq, .id = activities_param(rq)};
	enum err e = o.id ? db_transact_named(rq->db, DB_READ, "activities_api_one_read", activities_api_one_read, &o)
			  : ERR_NOT_FOUND;
	struct activity_access acc = {0};
	if (!e)
		acc = activity_access_of(rq->session, &o.a);
	if (e == ERR_NOT_FOUND || (!e && !acc.see && !acc.own)) {
		problem_send(rs, 404, "Activity not found",
			     "There is no such activity, or it is not one of your hub's or yours.", rq->path);
		return ERR_OK;
	}
	if (e)
		return e;
	const struct activity *a = &o.a;
	json_t *j = activity_base(rq, a->id, a->title, a->kind, a->project_code, a->project_title, a->cohort,
				  a->lead_hub_code, a->lead_hub_name, a->first_year, a->last_year, a->status, a->format);
	if (j) {
		json_object_set_new(j, "phases", strings(a->phases, a->nphases));
		json_t *leads = json_null();
		if (acc.people) {
			leads = json_array();
			for (size_t i = 0; i < a->nleads; i++)
				json_array_append_new(leads, json_string(a->leads[i].name));
		}
		json_object_set_new(j, "leads", leads);
		json_object_set_new(j, "mhlm_link", acc.people ? str_or_null(a->mhlm_link_name) : json_null());
		json_t *hubs = json_array();
		for (size_t i = 0; acc.see && i < a->nhubs; i++)
			json_array_append_new(hubs, json_pack("{s:s, s:s, s:s}", "code", a->hubs[i].code, "name",
							      a->hubs[i].name, "role", a->hubs[i].role));
		json_object_set_new(j, "hubs", hubs);
		json_object_set_new(j, "counts", acc.see ? json_pack("{s:I, s:I, s:I, s:I}", "schools", (json_int_t)a->n_schools,
								     "participants", (json_int_t)a->n_participants,
								     "sessions", (json_int_t)a->n_sessions, "sessions_held",
								     (json_int_t)a->n_sessions_held)
							 : json_null());
		json_object_set_new(j, "cancel_reason", str_or_null(a->cancel_reason));
		json_object_set_new(j, "continues", a->continues_id ? json_string(activities_href(rq, a->continues_id, NULL))
								    : json_null());
		json_object_set_new(j, "continued_by",
				    a->continued_by ? json_string(activities_href(rq, a->continued_by, NULL)) : json_null());
		json_object_set_new(j, "you_take_part", json_boolean(acc.own));
	}
	resp_json(rs, 200, j, NULL);
	return ERR_OK;
}
