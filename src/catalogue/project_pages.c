/* project_pages.c - the NCP catalogue with its filter, and a project's page. */
#include <stdlib.h>
#include <string.h>

#include "auth/session.h"
#include "catalogue/filter.h"
#include "catalogue/pages.h"
#include "catalogue/queries.h"
#include "catalogue/refdata.h"
#include "core/arena.h"
#include "db/db.h"
#include "core/url.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"

#define PAGE_SIZE 20

static const struct {
	const char *kind, *colour, *about;
} kinds[] = {
	{"Work Group", "blue", "School- or department-wide development: lead participants try approaches in class and meet their peers regularly across the year."},
	{"Programme", "purple", "Individual development in a national or regional cohort: Specialist Knowledge for Teaching Mathematics, or a programme that develops local leaders of mathematics education."},
	{"Community", "green", "A professional learning community that meets over more than a year."},
	{"Targeted Support", "orange", "A bespoke offer to one school over an agreed number of days, in which an LLME and school leaders explore, prepare, deliver and sustain a change."},
};

static size_t kind_index(const char *kind)
{
	size_t i = 0;
	while (i + 1 < sizeof(kinds) / sizeof(kinds[0]) && strcmp(kinds[i].kind, kind))
		i++;
	return i;
}

static void phases_text(struct html *w, const struct project *p)
{
	for (size_t i = 0; i < p->nphases; i++) {
		if (i + 1 == p->nphases && i)
			H_RAW(w, " and ");
		else if (i)
			H_RAW(w, ", ");
		html_text(w, p->phases[i]);
	}
}

/* The filter as a query string, for pagination links. */
struct filter_link {
	const struct project_filter *f;
};

static void query_list(struct html *w, const char *name, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		html_url_part(w, name);
		H_RAW(w, "=");
		html_url_part(w, v[i]);
		H_RAW(w, "&amp;");
	}
}

static void page_href(struct html *w, long page, const void *ctx)
{
	const struct project_filter *f = ((const struct filter_link *)ctx)->f;
	H_RAW(w, "/projects?");
	query_list(w, "year", f->years, f->nyears);
	query_list(w, "phase", f->phases, f->nphases);
	query_list(w, "kind", f->kinds, f->nkinds);
	H_RAW(w, "page=");
	html_int(w, page);
}

static bool chosen(const char *const *list, size_t n, const char *v)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i], v))
			return true;
	return false;
}

static void filter_form(struct html *w, const struct project_filter *f, const char *const *years,
			size_t nyears, const struct govuk_error *errs, size_t nerrs)
{
	struct govuk_choice c[FILTER_MAX_YEARS > 4 ? FILTER_MAX_YEARS : 4];
	const char *err_of[3] = {0};
	for (size_t i = 0; i < nerrs; i++)
		err_of[!strcmp(errs[i].field, "year") ? 0 : !strcmp(errs[i].field, "phase") ? 1 : 2] = errs[i].message;
	H_RAW(w, "<div class=\"mh-filter\"><h2 class=\"govuk-heading-m\">Filter</h2>\n"
		 "<form method=\"get\" action=\"/projects\" novalidate>\n");
	size_t ny = nyears < FILTER_MAX_YEARS ? nyears : FILTER_MAX_YEARS;
	for (size_t i = 0; i < ny; i++)
		c[i] = (struct govuk_choice){years[i], years[i], chosen(f->years, f->nyears, years[i])};
	govuk_choices(w, true, "year", "Academic year", c, ny, err_of[0], true);
	for (size_t i = 0; i < 3; i++)
		c[i] = (struct govuk_choice){catalogue_phases[i], catalogue_phases[i], chosen(f->phases, f->nphases, catalogue_phases[i])};
	govuk_choices(w, true, "phase", "Phase", c, 3, err_of[1], true);
	for (size_t i = 0; i < 4; i++)
		c[i] = (struct govuk_choice){catalogue_kinds[i], catalogue_kinds[i], chosen(f->kinds, f->nkinds, catalogue_kinds[i])};
	govuk_choices(w, true, "kind", "Kind of project", c, 4, err_of[2], true);
	H_RAW(w, "<div class=\"govuk-button-group\">"
		 "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Apply filters</button>"
		 "<a class=\"govuk-link\" href=\"/projects\">Clear filters</a></div>\n"
		 "</form></div>\n");
}

static void results(struct html *w, struct arena *a, const struct project *ps, size_t n, long page)
{
	static const char *const heads[] = {"Project", "Kind", "Phases"};
	size_t first = (size_t)(page - 1) * PAGE_SIZE;
	size_t last = first + PAGE_SIZE < n ? first + PAGE_SIZE : n;
	govuk_table_begin(w, "Projects", true, heads, 3);
	for (size_t i = first; i < last; i++) {
		const struct project *p = &ps[i];
		govuk_table_row_begin(w);
		H_RAW(w, "<td class=\"govuk-table__cell\"><a class=\"govuk-link\"");
		H_ATTR(w, "href", url_path_join(a, "/projects/", p->code));
		H_RAW(w, ">");
		html_text(w, p->title);
		H_RAW(w, "</a><br><span class=\"govuk-body-s mh-secondary\">");
		html_text(w, p->code);
		H_RAW(w, " &middot; ");
		html_text(w, p->year);
		H_RAW(w, "</span></td>");
		govuk_table_cell_begin(w);
		govuk_tag(w, p->kind, kinds[kind_index(p->kind)].colour);
		govuk_table_cell_end(w);
		govuk_table_cell_begin(w);
		phases_text(w, p);
		govuk_table_cell_end(w);
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
}

enum err catalogue_page_projects(struct req *rq, struct resp *rs)
{
	long page = 1;
	bool bad_page = false;
	const char *pv = req_query(rq, "page");
	if (pv) {
		char *end;
		page = strtol(pv, &end, 10);
		if (*end || page < 1 || page > 100000) {
			bad_page = true;
			page = 1;
		}
	}
	struct project_search s = {.rq = rq, .skip = bad_page};
	enum err e = db_transact(rq->db, DB_READ, project_search_read, &s);
	if (e)
		return e;
	const struct project_filter *f = &s.q.f;
	struct govuk_error *errs = s.q.errs;
	size_t nerrs = s.q.nerrs;
	if (bad_page)
		errs[nerrs++] = (struct govuk_error){"results", "Page must be a whole number, 1 or more"};
	struct project *ps = s.ps;
	size_t n = s.n;
	long pages = n ? (long)((n + PAGE_SIZE - 1) / PAGE_SIZE) : 1;
	if (page > pages)
		return ERR_NOT_FOUND;

	struct html w = resp_html(rs);
	if (nerrs)
		rs->status = 400;
	static const struct crumb crumbs[] = {{"Home", "/"}};
	page_begin(&w, &(struct page){.title = "National projects", .nav = "/projects", .crumbs = crumbs, .ncrumbs = 1,
				      .errors = errs, .nerrors = nerrs, .heading_xl = true, .full_width = true});
	H_RAW(&w, "<p class=\"govuk-body-l\">Each year the national team publishes a catalogue of Network Collaborative Projects (NCPs). Every Maths Hub runs its own Work Groups, Programmes, Communities and Targeted Support from it.</p>\n"
		  "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-one-third\">\n");
	filter_form(&w, f, s.q.years, s.q.nyears, errs, nerrs);
	H_RAW(&w, "</div>\n<div class=\"govuk-grid-column-two-thirds\" id=\"results\">\n"
		  "<h2 class=\"govuk-heading-m\" id=\"result-count\" aria-live=\"polite\">");
	if (nerrs)
		H_RAW(&w, "No results: check the filter");
	else
		html_textf(&w, "%zu %s", n, n == 1 ? "project" : "projects");
	H_RAW(&w, "</h2>\n");
	if (n) {
		if (pages > 1) {
			size_t first = (size_t)(page - 1) * PAGE_SIZE + 1;
			size_t last = first + PAGE_SIZE - 1 < n ? first + PAGE_SIZE - 1 : n;
			H_RAW(&w, "<p class=\"govuk-body\">");
			html_textf(&w, "Showing %zu to %zu of %zu projects", first, last, n);
			H_RAW(&w, "</p>\n");
		}
		results(&w, rq->arena, ps, n, page);
		govuk_pagination(&w, page, pages, page_href, &(struct filter_link){f});
	} else if (!nerrs) {
		H_RAW(&w, "<p class=\"govuk-body\">No projects match the filter. Choose fewer options, or <a class=\"govuk-link\" href=\"/projects\">clear the filter</a>.</p>\n");
	}
	H_RAW(&w, "</div>\n</div>\n");
	page_end(&w);
	return ERR_OK;
}

enum err catalogue_page_project(struct req *rq, struct resp *rs)
{
	const char *code = req_param(rq, "code");
	struct project_lookup l = {.a = rq->arena, .code = code};
	enum err e = db_transact(rq->db, DB_READ, project_lookup_read, &l);
	const struct project p = l.project;
	if (e == ERR_NOT_FOUND)
		return resp_error_page(rs, 404, "Project not found",
				       arena_printf(rq->arena, "There is no national project with the code %s.", code),
				       "/projects", "See all national projects");
	if (e)
		return e;
	struct html w = resp_html(rs);
	struct crumb crumbs[] = {{"Home", "/"}, {"National projects", "/projects"}};
	page_begin(&w, &(struct page){.title = p.title, .nav = "/projects", .crumbs = crumbs, .ncrumbs = 2,
				      .caption = arena_printf(rq->arena, "%s \u00b7 %s", p.code, p.year), .heading_xl = true});
	size_t k = kind_index(p.kind);
	govuk_summary_begin(&w);
	govuk_summary_row(&w, "Project code", p.code);
	govuk_summary_row(&w, "Academic year", p.year);
	govuk_summary_row_begin(&w, "Kind");
	govuk_tag(&w, p.kind, kinds[k].colour);
	govuk_summary_row_end(&w);
	govuk_summary_row_begin(&w, "Phases");
	phases_text(&w, &p);
	govuk_summary_row_end(&w);
	govuk_summary_row(&w, "Develops local leaders (LLMEs)", p.develops_llmes ? "Yes" : "No");
	govuk_summary_end(&w);
	H_RAW(&w, "<h2 class=\"govuk-heading-m\">What a ");
	html_text(&w, p.kind);
	H_RAW(&w, " is</h2>\n<p class=\"govuk-body\">");
	html_text(&w, kinds[k].about);
	H_RAW(&w, "</p>\n");
	if (p.develops_llmes)
		H_RAW(&w, "<p class=\"govuk-body\">This programme develops local leaders of mathematics education (LLMEs), who go on to lead activity in their hub.</p>\n");
	if (rq->session && rq->session->person_id) {
		H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
		H_ATTR(&w, "href", url_path(rq->arena, "/projects/", p.code, "/outcomes"));
		H_RAW(&w, ">Expected outcomes of ");
		html_text(&w, p.code);
		H_RAW(&w, "</a></p>\n");
	}
	page_end(&w);
	return ERR_OK;
}
