/* api.c - the catalogue's JSON API (/api/v1/...) and its documentation page. */
#include <jansson.h>
#include <string.h>

#include "catalogue/filter.h"
#include "catalogue/pages.h"
#include "catalogue/queries.h"
#include "core/arena.h"
#include "db/db.h"
#include "core/config.h"
#include "core/url.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/problem.h"
#include "http/request.h"

static json_t *hub_json(struct req *rq, const struct hub *h)
{
	return json_pack("{s:s, s:s, s:s, s:s}", "code", h->code, "name", h->name, "region",
			 h->region, "url", url_path_join(rq->arena, "/hubs/", h->code));
}

static json_t *project_json(struct req *rq, const struct project *p)
{
	json_t *phases = json_array();
	for (size_t i = 0; i < p->nphases; i++)
		json_array_append_new(phases, json_string(p->phases[i]));
	return json_pack("{s:s, s:s, s:s, s:s, s:o, s:b, s:s}", "code", p->code, "title", p->title,
			 "academic_year", p->year, "kind", p->kind, "phases", phases,
			 "develops_llmes", p->develops_llmes, "url",
			 url_path_join(rq->arena, "/projects/", p->code));
}

enum err catalogue_api_hubs(struct req *rq, struct resp *rs)
{
	struct hubs_lookup l = {.a = rq->arena};
	enum err e = db_transact(rq->db, DB_READ, hubs_lookup_read, &l);
	if (e)
		return e;
	struct hub *hubs = l.hubs;
	size_t n = l.nhubs;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, hub_json(rq, &hubs[i]));
	resp_json(rs, 200, json_pack("{s:I, s:o}", "count", (json_int_t)n, "hubs", arr), NULL);
	return ERR_OK;
}

enum err catalogue_api_hub(struct req *rq, struct resp *rs)
{
	const char *code = req_param(rq, "code");
	struct hubs_lookup l = {.a = rq->arena, .code = code, .only = true};
	enum err e = db_transact(rq->db, DB_READ, hubs_lookup_read, &l);
	const struct hub h = l.hub;
	if (e == ERR_NOT_FOUND) {
		problem_send(rs, 404, "Hub not found",
			     arena_printf(rq->arena, "There is no Maths Hub with the code %s.", code), rq->path);
		return ERR_OK;
	}
	if (e)
		return e;
	resp_json(rs, 200, hub_json(rq, &h), NULL);
	return ERR_OK;
}

static json_t *str_array(const char *const *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

enum err catalogue_api_projects(struct req *rq, struct resp *rs)
{
	struct project_search s = {.rq = rq};
	enum err e = db_transact(rq->db, DB_READ, project_search_read, &s);
	if (e)
		return e;
	const struct project_query q = s.q;
	const struct project_filter f = q.f;
	if (q.nerrs) {
		json_t *j = problem_new(400, "Invalid filter", q.errs[0].message, rq->path);
		json_t *fields = json_array();
		for (size_t i = 0; i < q.nerrs; i++)
			json_array_append_new(fields, json_pack("{s:s, s:s}", "parameter", q.errs[i].field,
							       "message", q.errs[i].message));
		json_object_set_new(j, "errors", fields);
		resp_json(rs, 400, j, "application/problem+json");
		return ERR_OK;
	}
	struct project *ps = s.ps;
	size_t n = s.n;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, project_json(rq, &ps[i]));
	json_t *filters = json_pack("{s:o, s:o, s:o}", "year", str_array(f.years, f.nyears), "phase",
				    str_array(f.phases, f.nphases), "kind", str_array(f.kinds, f.nkinds));
	resp_json(rs, 200, json_pack("{s:I, s:o, s:o}", "count", (json_int_t)n, "filters", filters,
				     "projects", arr), NULL);
	return ERR_OK;
}

enum err catalogue_api_project(struct req *rq, struct resp *rs)
{
	const char *code = req_param(rq, "code");
	struct project_lookup l = {.a = rq->arena, .code = code};
	enum err e = db_transact(rq->db, DB_READ, project_lookup_read, &l);
	const struct project p = l.project;
	if (e == ERR_NOT_FOUND) {
		problem_send(rs, 404, "Project not found",
			     arena_printf(rq->arena, "There is no national project with the code %s.", code), rq->path);
		return ERR_OK;
	}
	if (e)
		return e;
	resp_json(rs, 200, project_json(rq, &p), NULL);
	return ERR_OK;
}

static void endpoint(struct html *w, const char *path, const char *about)
{
	govuk_summary_row_begin(w, path);
	html_text(w, about);
	govuk_summary_row_end(w);
}

enum err catalogue_page_api(struct req *rq, struct resp *rs)
{
	(void)rq;
	struct html w = resp_html(rs);
	static const struct crumb crumbs[] = {{"Home", "/"}};
	page_begin(&w, &(struct page){.title = "Maths Hubs API", .nav = "/api", .crumbs = crumbs, .ncrumbs = 1, .heading_xl = true});
	H_RAW(&w, "<p class=\"govuk-body-l\">The hubs, the national project catalogue and the schools as JSON, for analysts and other services. No key is needed.</p>\n"
		  "<h2 class=\"govuk-heading-m\">Endpoints</h2>\n");
	govuk_summary_begin(&w);
	endpoint(&w, "GET /api/v1/hubs", "Every Maths Hub, with its code, name and region.");
	endpoint(&w, "GET /api/v1/hubs/{code}", "One hub, for example /api/v1/hubs/SW4.");
	endpoint(&w, "GET /api/v1/projects", "The national projects. Filter with year, phase and kind; repeat a parameter to choose several values, for example ?phase=Primary&phase=Secondary.");
	endpoint(&w, "GET /api/v1/projects/{code}", "One project, for example /api/v1/projects/NCP24-09.");
	endpoint(&w, "GET /api/v1/schools?query=...", "Schools by part of their name, their URN, postcode or town, for example ?query=aldg+sch; paged with page and page_size (at most 50).");
	endpoint(&w, "GET /api/v1/schools/{urn}", "One school from the register (GIAS), with its Maths Hub, predecessors and successor, for example /api/v1/schools/100000.");
	govuk_summary_end(&w);
	H_RAW(&w, "<p class=\"govuk-body\">Errors are problem documents (RFC 9457) with the media type application/problem+json.</p>\n"
		  "<p class=\"govuk-body\">The <a class=\"govuk-link\" href=\"/api/v1/openapi.json\">OpenAPI 3.1 description</a> gives every parameter and response in full.</p>\n");
	page_end(&w);
	return ERR_OK;
}
