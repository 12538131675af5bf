/* hub_schools.c - a hub's schools: counts by phase, type group and type,
 * filters (phase, type group, type, status, local authority), pages of 50,
 * and the same schools as CSV and XLSX. Open schools (and those proposed
 * to close) unless the status filter asks for others; independent schools
 * and GIAS's "Not applicable" phase are counted apart, so they are not
 * taken for state schools. Public: GIAS is public data. */
#include <string.h>

#include "core/arena.h"
#include "core/url.h"
#include "db/db.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"
#include "registry/search_pages.h"
#include "registry/search_views.h"

#define PAGE_SIZE 50

/* The status filter's values: "" (the default) is the open schools,
 * those proposed to close too. */
static const char *const STATUSES[] = {"", "open", "open_proposed_to_close", "proposed_to_open", "closed", "all"};

/* What a count of schools of a status is of, as the page says it. */
static const char *status_noun(const char *status, int64_t n)
{
	bool one = n == 1;
	if (!strcmp(status, "open"))
		return one ? "open school (not proposed to close)" : "open schools (not proposed to close)";
	if (!strcmp(status, "open_proposed_to_close"))
		return one ? "open school proposed to close" : "open schools proposed to close";
	if (!strcmp(status, "proposed_to_open"))
		return one ? "school proposed to open" : "schools proposed to open";
	if (!strcmp(status, "closed"))
		return one ? "closed school" : "closed schools";
	if (!strcmp(status, "all"))
		return one ? "school, open or closed" : "schools, open and closed";
	return one ? "open school" : "open schools";
}

#define INDEPENDENT "Independent schools" /* GIAS's type group */
#define NO_PHASE "Not applicable"         /* GIAS's phase of a school with none */

/* The request's filter and page; errs gets what is wrong with them. */
struct hub_request {
	struct hub_schools h;
	struct govuk_error errs[6];
	size_t nerrs;
};

static const char *param(struct req *rq, const char *name)
{
	const char *v = req_query(rq, name);
	return v ? v : "";
}

static bool in_facets(const struct facet *v, size_t n, const char *value)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].value, value))
			return true;
	return false;
}

/* Reads the filter, the page and the hub's schools (one read transaction);
 * a value the hub's schools do not have is an error of its field. */
static enum err hub_request(struct req *rq, int64_t page_size, struct hub_request *r)
{
	*r = (struct hub_request){0};
	struct hub_schools *h = &r->h;
	*h = (struct hub_schools){.a = rq->arena, .code = req_param(rq, "code"), .page_size = page_size, .page = 1,
				  .f = {.phase = param(rq, "phase"), .group = param(rq, "group"), .type = param(rq, "type"),
					.status = param(rq, "status"), .la = param(rq, "la")}};
	if (page_size && !page_param(rq, &h->page))
		r->errs[r->nerrs++] = (struct govuk_error){"results", "Page must be a whole number, 1 or more"};
	bool status_ok = false;
	for (size_t i = 0; i < sizeof(STATUSES) / sizeof(STATUSES[0]); i++)
		status_ok |= !strcmp(h->f.status, STATUSES[i]);
	enum err e = db_transact(rq->db, DB_READ, hub_schools_read, h);
	if (e)
		return e;
	if (h->f.phase[0] && !in_facets(h->phases, h->nphases, h->f.phase))
		r->errs[r->nerrs++] = (struct govuk_error){"phase", "Select a phase from the list"};
	if (h->f.group[0] && !in_facets(h->groups, h->ngroups, h->f.group))
		r->errs[r->nerrs++] = (struct govuk_error){"group", "Select a type group from the list"};
	if (h->f.type[0] && !in_facets(h->types, h->ntypes, h->f.type))
		r->errs[r->nerrs++] = (struct govuk_error){"type", "Select a type from the list"};
	if (!status_ok)
		r->errs[r->nerrs++] = (struct govuk_error){"status", "Select a status from the list"};
	if (h->f.la[0] && !in_facets(h->las, h->nlas, h->f.la))
		r->errs[r->nerrs++] = (struct govuk_error){"la", "Select a local authority from the list"};
	return ERR_OK;
}

/* The filter as a query string, each value encoded, ending with & when
 * there is one. */
static void filter_query(struct html *w, const struct hub_filter *f)
{
	const char *names[] = {"phase", "group", "type", "status", "la"};
	const char *values[] = {f->phase, f->group, f->type, f->status, f->la};
	for (int i = 0; i < 5; i++) {
		if (!values[i][0])
			continue;
		html_text(w, names[i]);
		H_RAW(w, "=");
		html_url_part(w, values[i]);
		H_RAW(w, "&amp;");
	}
}

struct link_ctx {
	const char *base; /* /hubs/SW4/schools */
	const struct hub_filter *f;
};

static void page_href(struct html *w, long page, const void *ctx)
{
	const struct link_ctx *l = ctx;
	html_text(w, l->base);
	H_RAW(w, "?");
	filter_query(w, l->f);
	H_RAW(w, "page=");
	html_int(w, page);
}

static void download(struct html *w, const struct link_ctx *l, const char *ext, const char *text)
{
	H_RAW(w, "<a class=\"govuk-link\" href=\"");
	html_text(w, l->base);
	html_text(w, ext);
	H_RAW(w, "?");
	filter_query(w, l->f);
	H_RAW(w, "\">");
	html_text(w, text);
	H_RAW(w, "</a>");
}

static void select_of(struct html *w, struct arena *a, const char *id, const char *label, const char *any,
		      const struct facet *v, size_t n, const char *value, const char *error)
{
	struct govuk_option *o = arena_alloc(a, (n + 1) * sizeof(*o));
	size_t k = 0;
	o[k++] = (struct govuk_option){"", any};
	for (size_t i = 0; i < n; i++)
		if (v[i].value[0]) /* schools with none recorded are counted, not offered: "" is "any" */
			o[k++] = (struct govuk_option){v[i].value, arena_printf(a, "%s (%lld)", v[i].label, (long long)v[i].count)};
	govuk_select(w, &(struct govuk_select){.id = id, .label = label, .error = error, .value = value, .options = o,
					       .n = k});
}

/* The status filter: the open schools first (the default), each status
 * the hub's schools have, then any status; each with its count. */
static void status_select(struct html *w, struct arena *a, const struct hub_schools *h, const char *error)
{
	struct govuk_option *o = arena_alloc(a, (h->nstatuses + 2) * sizeof(*o));
	size_t k = 0;
	int64_t open = 0;
	for (size_t i = 0; i < h->nstatuses; i++)
		if (!strcmp(h->statuses[i].value, "open") || !strcmp(h->statuses[i].value, "open_proposed_to_close"))
			open += h->statuses[i].count;
	o[k++] = (struct govuk_option){"", arena_printf(a, "Open (%lld)", (long long)open)};
	for (size_t i = 0; i < h->nstatuses; i++) {
		const char *v = h->statuses[i].value;
		const char *label = !strcmp(v, "open") ? "Open, not proposed to close" : h->statuses[i].label;
		o[k++] = (struct govuk_option){v, arena_printf(a, "%s (%lld)", label, (long long)h->statuses[i].count)};
	}
	o[k++] = (struct govuk_option){"all", arena_printf(a, "Any status, closed too (%lld)", (long long)h->all)};
	govuk_select(w, &(struct govuk_select){.id = "status", .label = "Status", .hint = "Open includes those proposed to close",
					       .error = error, .value = h->f.status, .options = o, .n = k});
}

static void filter_form(struct html *w, struct arena *a, const struct hub_request *r, const char *base)
{
	const struct hub_schools *h = &r->h;
	H_RAW(w, "<div class=\"mh-filter\"><h2 class=\"govuk-heading-m\">Filter</h2>\n<form method=\"get\" novalidate");
	H_ATTR(w, "action", base);
	H_RAW(w, ">\n");
	status_select(w, a, h, govuk_error_for(r->errs, r->nerrs, "status"));
	select_of(w, a, "phase", "Phase", "Any phase", h->phases, h->nphases, h->f.phase,
		  govuk_error_for(r->errs, r->nerrs, "phase"));
	select_of(w, a, "group", "Type group", "Any type group", h->groups, h->ngroups, h->f.group,
		  govuk_error_for(r->errs, r->nerrs, "group"));
	select_of(w, a, "type", "Type", "Any type", h->types, h->ntypes, h->f.type,
		  govuk_error_for(r->errs, r->nerrs, "type"));
	select_of(w, a, "la", "Local authority", "Any local authority", h->las, h->nlas, h->f.la,
		  govuk_error_for(r->errs, r->nerrs, "la"));
	H_RAW(w, "<div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		 "Apply filters</button><a class=\"govuk-link\"");
	H_ATTR(w, "href", base);
	H_RAW(w, ">Clear filters</a></div>\n</form></div>\n");
}

static void counts_table(struct html *w, const char *caption, const char *head, const struct facet *v, size_t n)
{
	const char *heads[] = {head, "Schools"};
	govuk_table_begin(w, caption, false, heads, 2);
	for (size_t i = 0; i < n; i++) {
		govuk_table_row_begin(w);
		govuk_table_cell(w, !v[i].value[0] ? "Not recorded" : !strcmp(v[i].value, NO_PHASE) ? "No phase (GIAS: Not applicable)" : v[i].value);
		H_RAW(w, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">");
		html_int(w, v[i].count);
		H_RAW(w, "</td>");
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
}

static void rows_table(struct html *w, struct arena *a, const struct hub_schools *h)
{
	static const char *const heads[] = {"School", "URN", "Phase", "Type", "Status", "Local authority"};
	govuk_table_begin(w, "Schools", true, heads, 6);
	for (size_t i = 0; i < h->n; i++) {
		const struct school_row *r = &h->rows[i];
		govuk_table_row_begin(w);
		govuk_table_rowhead_link(w, r->name, url_path(a, "/schools/", r->urn));
		govuk_table_cell(w, r->urn);
		govuk_table_cell(w, r->phase);
		govuk_table_cell(w, r->type);
		govuk_table_cell(w, school_status_label(r->status));
		govuk_table_cell(w, r->la_name);
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
}

/* The count of facet value in v, or 0. */
static int64_t count_of(const struct facet *v, size_t n, const char *value)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].value, value))
			return v[i].count;
	return 0;
}

/* Under the count: the schools of other statuses it leaves out (when it
 * is the open ones), and how many of those it counts are independent or
 * have no phase, so neither is taken for a state school of a phase. */
static void what_is_counted(struct html *w, const struct hub_schools *h)
{
	if (!h->f.status[0] && h->all > h->of_status) {
		int64_t closed = count_of(h->statuses, h->nstatuses, "closed");
		int64_t to_open = count_of(h->statuses, h->nstatuses, "proposed_to_open");
		H_RAW(w, "<p class=\"govuk-body\">Not counted: ");
		if (closed)
			html_textf(w, "%lld %s", (long long)closed, closed == 1 ? "closed school" : "closed schools");
		if (closed && to_open)
			H_RAW(w, " and ");
		if (to_open)
			html_textf(w, "%lld %s", (long long)to_open, to_open == 1 ? "school proposed to open" : "schools proposed to open");
		if (closed + to_open == 1)
			H_RAW(w, ". To see it, choose its status in the filter.</p>\n");
		else
			H_RAW(w, ". To see them, choose their status in the filter.</p>\n");
	}
	int64_t independent = count_of(h->by_group, h->nby_group, INDEPENDENT);
	int64_t no_phase = count_of(h->by_phase, h->nby_phase, NO_PHASE);
	if (!independent && !no_phase)
		return;
	H_RAW(w, "<p class=\"govuk-body\">");
	if (independent)
		html_textf(w, "Of these, %lld %s. ", (long long)independent,
			   independent == 1 ? "is an independent school" : "are independent schools");
	if (no_phase)
		html_textf(w, "%lld %s no phase of education in GIAS (\u201cNot applicable\u201d): most independent schools, pupil "
			      "referral units and some special schools. ", (long long)no_phase, no_phase == 1 ? "has" : "have");
	H_RAW(w, "To leave them out, choose a type group or a phase.</p>\n");
}

enum err registry_hub_schools_page(struct req *rq, struct resp *rs)
{
	struct hub_request r;
	enum err e = hub_request(rq, PAGE_SIZE, &r);
	const struct hub_schools *h = &r.h;
	if (e == ERR_NOT_FOUND)
		return resp_error_page(rs, 404, "Maths Hub not found",
				       arena_printf(rq->arena, "There is no Maths Hub with the code %s.", h->code), "/hubs",
				       "See all Maths Hubs");
	if (e)
		return e;
	int64_t pages = h->total ? (h->total + PAGE_SIZE - 1) / PAGE_SIZE : 1;
	if (!r.nerrs && h->page > pages)
		return ERR_NOT_FOUND;
	struct arena *a = rq->arena;
	const char *base = url_path(a, "/hubs/", h->code, "/schools");
	const char *hub_href = url_path(a, "/hubs/", h->code);
	struct link_ctx l = {base, &h->f};
	if (r.nerrs)
		rs->status = 400;
	struct html w = resp_html(rs);
	struct crumb crumbs[] = {{"Home", "/"}, {"Maths Hubs", "/hubs"}, {arena_printf(a, "%s Maths Hub", h->hub_name), hub_href}};
	page_begin(&w, &(struct page){.title = arena_printf(a, "Schools in %s Maths Hub's area", h->hub_name), .nav = "/hubs",
				      .crumbs = crumbs, .ncrumbs = 3, .caption = arena_printf(a, "%s Maths Hub", h->hub_name),
				      .heading = "Schools in the hub's area", .errors = r.errs, .nerrors = r.nerrs,
				      .full_width = true});
	if (h->any_demo)
		H_RAW(&w, "<div class=\"govuk-inset-text\"><strong class=\"govuk-tag govuk-tag--yellow mh-demo\">demo assignment, not official</strong><br>"
			  "Which local authorities are in this hub&#39;s area is a demonstration: no official list is published.</div>\n");
	if (!h->all) {
		H_RAW(&w, "<p class=\"govuk-body\">No schools are assigned to this hub yet.</p>\n");
		page_end(&w);
		return ERR_OK;
	}
	H_RAW(&w, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-one-third\">\n");
	filter_form(&w, a, &r, base);
	H_RAW(&w, "</div>\n<div class=\"govuk-grid-column-two-thirds\">\n");
	if (!r.nerrs && h->total) {
		H_RAW(&w, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-one-half\">\n");
		counts_table(&w, "By phase", "Phase", h->by_phase, h->nby_phase);
		counts_table(&w, "By type group", "Type group", h->by_group, h->nby_group);
		H_RAW(&w, "</div><div class=\"govuk-grid-column-one-half\">\n");
		counts_table(&w, "By type", "Type", h->by_type, h->nby_type);
		H_RAW(&w, "</div></div>\n");
	}
	H_RAW(&w, "</div>\n</div>\n<div id=\"results\">\n<h2 class=\"govuk-heading-m\" id=\"result-count\">");
	if (r.nerrs)
		H_RAW(&w, "No results: check the filter");
	else if (h->total == h->of_status)
		html_textf(&w, "%lld %s", (long long)h->total, status_noun(h->f.status, h->total));
	else
		html_textf(&w, "%lld of %lld %s", (long long)h->total, (long long)h->of_status, status_noun(h->f.status, h->of_status));
	H_RAW(&w, "</h2>\n");
	if (!r.nerrs)
		what_is_counted(&w, h);
	if (!r.nerrs && h->total) {
		if (h->total == h->of_status)
			H_RAW(&w, "<p class=\"govuk-body\">Download them: ");
		else
			H_RAW(&w, "<p class=\"govuk-body\">Download these: ");
		download(&w, &l, ".csv", "CSV");
		H_RAW(&w, " or ");
		download(&w, &l, ".xlsx", "Excel (XLSX)");
		H_RAW(&w, "</p>\n");
		if (pages > 1) {
			int64_t first = (h->page - 1) * PAGE_SIZE + 1;
			H_RAW(&w, "<p class=\"govuk-body\">");
			html_textf(&w, "Showing %lld to %lld of %lld", (long long)first, (long long)(first + (int64_t)h->n - 1),
				   (long long)h->total);
			H_RAW(&w, "</p>\n");
		}
		rows_table(&w, a, h);
		govuk_pagination(&w, (long)h->page, (long)pages, page_href, &l);
	} else if (!r.nerrs) {
		H_RAW(&w, "<p class=\"govuk-body\">No schools match the filter. <a class=\"govuk-link\"");
		H_ATTR(&w, "href", base);
		H_RAW(&w, ">Clear the filter</a>.</p>\n");
	}
	H_RAW(&w, "</div>\n");
	page_end(&w);
	return ERR_OK;
}

/* ---- the exports ---- */

/* The exports' columns, and how the workbook writes each: a code stays
 * text (its leading zeros kept), a date is a date. */
enum cell_kind { K_TEXT, K_CODE, K_DATE };
static const struct column {
	const char *head;
	enum cell_kind kind;
} COLUMNS[] = {
	{"URN", K_CODE}, {"Name", K_TEXT}, {"Phase", K_TEXT}, {"Type group", K_TEXT}, {"Type", K_TEXT},
	{"Status", K_TEXT}, {"Local authority code", K_CODE}, {"Local authority", K_TEXT}, {"Trust", K_TEXT},
	{"Town", K_TEXT}, {"Postcode", K_TEXT}, {"Opened", K_DATE}, {"Closed", K_DATE}, {"Maths Hub", K_TEXT},
	{"Hub assignment", K_TEXT},
};
#define NHEADS (sizeof(COLUMNS) / sizeof(COLUMNS[0]))

static void export_heads(const char *out[NHEADS])
{
	for (size_t i = 0; i < NHEADS; i++)
		out[i] = COLUMNS[i].head;
}

/* A school's cells, in COLUMNS' order. */
static void export_cells(const struct school_row *r, const char *out[NHEADS])
{
	const char *v[NHEADS] = {r->urn, r->name, r->phase, r->type_group, r->type, school_status_label(r->status), r->la_code,
				 r->la_name, r->trust_name, r->town, r->postcode, r->open_date ? r->open_date : "",
				 r->close_date ? r->close_date : "", r->hub_code,
				 r->hub_demo ? "demo assignment, not official" : "by its local authority"};
	memcpy(out, v, sizeof(v));
}

/* The export's filter problems as a 400 page; ERR_NOT_FOUND for no hub. */
static enum err export_read(struct req *rq, struct resp *rs, struct hub_request *r)
{
	enum err e = hub_request(rq, 0, r);
	if (e == ERR_NOT_FOUND) {
		resp_error_page(rs, 404, "Maths Hub not found", "There is no Maths Hub with that code.", "/hubs",
				"See all Maths Hubs");
		return ERR_NOT_FOUND;
	}
	if (!e && r->nerrs) {
		resp_error_page(rs, 400, "Check the filter", r->errs[0].message,
				url_path(rq->arena, "/hubs/", r->h.code, "/schools"), "Back to the hub's schools");
		return ERR_INVALID;
	}
	return e;
}

enum err registry_hub_schools_csv(struct req *rq, struct resp *rs)
{
	struct hub_request r;
	enum err e = export_read(rq, rs, &r);
	if (e == ERR_NOT_FOUND || e == ERR_INVALID)
		return ERR_OK;
	if (e)
		return e;
	struct csv_writer c =
		resp_csv(rs, arena_printf(rq->arena, "attachment; filename=\"%s-schools.csv\"", r.h.code));
	const char *heads[NHEADS];
	export_heads(heads);
	csv_row(&c, heads, NHEADS);
	for (size_t i = 0; i < r.h.n; i++) {
		const char *cells[NHEADS];
		export_cells(&r.h.rows[i], cells);
		csv_row(&c, cells, NHEADS);
	}
	return ERR_OK;
}

enum err registry_hub_schools_xlsx(struct req *rq, struct resp *rs)
{
	struct hub_request r;
	enum err e = export_read(rq, rs, &r);
	if (e == ERR_NOT_FOUND || e == ERR_INVALID)
		return ERR_OK;
	if (e)
		return e;
	struct xlsx_writer x = resp_xlsx(rs, arena_printf(rq->arena, "attachment; filename=\"%s-schools.xlsx\"", r.h.code),
					 "Schools");
	const char *heads[NHEADS];
	export_heads(heads);
	xlsx_header(&x, heads, NHEADS);
	for (size_t i = 0; i < r.h.n; i++) {
		const char *cells[NHEADS];
		export_cells(&r.h.rows[i], cells);
		for (size_t k = 0; k < NHEADS; k++) {
			if (COLUMNS[k].kind == K_CODE)
				xlsx_cell_code(&x, cells[k]);
			else if (COLUMNS[k].kind == K_DATE)
				xlsx_cell_date(&x, cells[k]);
			else
				xlsx_cell(&x, cells[k]);
		}
		xlsx_row_end(&x);
	}
	return xlsx_finish(&x);
}
