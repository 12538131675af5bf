/* hub_pages.c - the start page, the list of hubs and a hub's page. */
#include <string.h>

#include "auth/perm.h"
#include "auth/session.h"
#include "catalogue/pages.h"
#include "catalogue/queries.h"
#include "core/arena.h"
#include "db/db.h"
#include "core/url.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"
#include "module.h"

struct home_view {
	struct req *rq;
	const struct home_part *parts;
	size_t nparts;
	void **data;
};

/* What the modules' home parts show the signed-in person: one snapshot. */
static enum err home_read(struct db *db, void *ctx)
{
	struct home_view *v = ctx;
	for (size_t i = 0; i < v->nparts; i++) {
		v->data[i] = NULL;
		enum err e = v->parts[i].read(db, v->rq, &v->data[i]);
		if (e)
			return e;
	}
	return ERR_OK;
}

enum err catalogue_page_home(struct req *rq, struct resp *rs)
{
	struct home_view v = {.rq = rq};
	bool signed_in = rq->session && rq->session->person_id && !strcmp(rq->session->stage, "signed_in");
	if (signed_in) {
		v.parts = module_home_parts(&v.nparts);
		v.data = arena_alloc(rq->arena, (v.nparts ? v.nparts : 1) * sizeof(*v.data));
		enum err e = v.nparts ? db_transact(rq->db, DB_READ, home_read, &v) : ERR_OK;
		if (e)
			return e;
	}
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = "Home", .heading = "Maths Hubs", .heading_xl = true,
				      .banner = session_banner(rq)}); /* "You have signed out" */
	for (size_t i = 0; signed_in && i < v.nparts; i++)
		v.parts[i].render(&w, rq, v.data[i]);
	H_RAW(&w, "<p class=\"govuk-body-l\">The Maths Hubs Programme brings together schools, colleges and local leaders of mathematics education (LLMEs) in 40 hubs across England to improve the teaching of maths.</p>\n"
		  "<h2 class=\"govuk-heading-m\">Which Maths Hub is your school in?</h2>\n"
		  "<p class=\"govuk-body\">Every state school in England is in one hub&#39;s area. Find yours from your school&#39;s name or postcode.</p>\n");
	govuk_button(&w, &(struct govuk_button){.text = "Find your Maths Hub", .href = "/find-your-hub", .variant = "start"});
	H_RAW(&w, "<p class=\"govuk-body\">Use this service to:</p>\n"
		  "<ul class=\"govuk-list govuk-list--bullet\">"
		  "<li><a class=\"govuk-link\" href=\"/find-your-hub\">find your school&#39;s Maths Hub</a>, or <a class=\"govuk-link\" href=\"/hubs\">see the 40 hubs in 9 regions</a></li>"
		  "<li><a class=\"govuk-link\" href=\"/schools\">find a school</a>: every school in the Department for Education&#39;s register, with its history and its hub</li>"
		  "<li><a class=\"govuk-link\" href=\"/projects\">browse this year&#39;s national projects</a>: Work Groups, Programmes, Communities and Targeted Support</li>"
		  "</ul>\n"
		  "<h2 class=\"govuk-heading-m\">Who this service is for</h2>\n"
		  "<p class=\"govuk-body\">Hub leadership teams plan and run their hub&#39;s projects. LLMEs lead Work Groups, programmes and communities with schools. The national team runs the catalogue of projects and reports on the programme.</p>\n"
		  "<h2 class=\"govuk-heading-m\">For developers and analysts</h2>\n"
		  "<p class=\"govuk-body\">The same information is available as JSON. Read about <a class=\"govuk-link\" href=\"/api\">the Maths Hubs API</a>.</p>\n");
	page_end(&w);
	return ERR_OK;
}

enum err catalogue_page_hubs(struct req *rq, struct resp *rs)
{
	struct hubs_lookup l = {.a = rq->arena};
	enum err e = db_transact(rq->db, DB_READ, hubs_lookup_read, &l);
	if (e)
		return e;
	struct hub *hubs = l.hubs;
	size_t n = l.nhubs, nregions = 0;
	for (size_t i = 0; i < n; i++)
		nregions += i == 0 || strcmp(hubs[i].region, hubs[i - 1].region);
	struct html w = resp_html(rs);
	static const struct crumb crumbs[] = {{"Home", "/"}};
	page_begin(&w, &(struct page){.title = "Maths Hubs by region", .nav = "/hubs", .crumbs = crumbs, .ncrumbs = 1,
				      .heading_xl = true, .full_width = true});
	H_RAW(&w, "<p class=\"govuk-body-l\">");
	html_textf(&w, "There are %zu Maths Hubs in %zu regions of England. Every state school belongs to one hub's area.", n, nregions);
	H_RAW(&w, "</p>\n");
	static const char *const heads[] = {"Hub", "Code"};
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || strcmp(hubs[i].region, hubs[i - 1].region)) {
			if (i)
				govuk_table_end(&w);
			govuk_table_begin(&w, hubs[i].region, false, heads, 2);
		}
		govuk_table_row_begin(&w);
		govuk_table_rowhead_link(&w, hubs[i].name, url_path_join(rq->arena, "/hubs/", hubs[i].code));
		govuk_table_cell(&w, hubs[i].code);
		govuk_table_row_end(&w);
	}
	if (n)
		govuk_table_end(&w);
	page_end(&w);
	return ERR_OK;
}

enum err catalogue_page_hub(struct req *rq, struct resp *rs)
{
	const char *code = req_param(rq, "code");
	struct hubs_lookup l = {.a = rq->arena, .code = code};
	enum err e = db_transact(rq->db, DB_READ, hubs_lookup_read, &l);
	const struct hub h = l.hub;
	if (e == ERR_NOT_FOUND)
		return resp_error_page(rs, 404, "Maths Hub not found",
				       arena_printf(rq->arena, "There is no Maths Hub with the code %s.", code),
				       "/hubs", "See all Maths Hubs");
	if (e)
		return e;
	struct hub *all = l.hubs;
	size_t n = l.nhubs;
	struct html w = resp_html(rs);
	struct crumb crumbs[] = {{"Home", "/"}, {"Maths Hubs", "/hubs"}};
	char *title = arena_printf(rq->arena, "%s Maths Hub", h.name);
	page_begin(&w, &(struct page){.title = title, .nav = "/hubs", .crumbs = crumbs, .ncrumbs = 2, .caption = h.region,
				      .heading_xl = true});
	govuk_summary_begin(&w);
	govuk_summary_row(&w, "Hub name", h.name);
	govuk_summary_row(&w, "Hub code", h.code);
	govuk_summary_row(&w, "Region", h.region);
	govuk_summary_end(&w);
	H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
	H_ATTR(&w, "href", url_path(rq->arena, "/hubs/", h.code, "/schools"));
	H_RAW(&w, ">Schools in this hub&#39;s area</a>: counts by phase and type, filters, and downloads.</p>\n");
	/* the hub's team, for its own people and the national team */
	const struct session *s = rq->session;
	struct perm_target hub = {.hub_ids = &h.id, .nhubs = 1};
	if (s && perm_allows(s->grants, s->ngrants, s->person_id, CAP_TEAM_READ, &hub)) {
		H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
		H_ATTR(&w, "href", url_path(rq->arena, "/hubs/", h.code, "/team"));
		H_RAW(&w, ">See the hub&#39;s team</a>: its leadership, its LLMEs and their designations.</p>\n");
	}
	H_RAW(&w, "<h2 class=\"govuk-heading-m\">Other Maths Hubs in ");
	html_text(&w, h.region);
	H_RAW(&w, "</h2>\n<ul class=\"govuk-list\">");
	for (size_t i = 0; i < n; i++) {
		if (strcmp(all[i].region, h.region) || !strcmp(all[i].code, h.code))
			continue;
		H_RAW(&w, "<li><a class=\"govuk-link\"");
		H_ATTR(&w, "href", url_path_join(rq->arena, "/hubs/", all[i].code));
		H_RAW(&w, ">");
		html_text(&w, all[i].name);
		H_RAW(&w, "</a> (");
		html_text(&w, all[i].code);
		H_RAW(&w, ")</li>");
	}
	H_RAW(&w, "</ul>\n");
	page_end(&w);
	return ERR_OK;
}
