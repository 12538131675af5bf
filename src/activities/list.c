/*
 * list.c - the lists of activities: /activities, a person's own (those
 * they lead, support as MHLM link or take part in), a page of 50, with the
 * way to their hubs' and NCPs' lists; /hubs/{code}/activities, a hub's
 * activities in one academic year (its own, its partners', and those its
 * schools take part in) with the filter (NCP, kind, phase, LLME lead,
 * status; list_filter.c), a page of 50 in SQL, each with its leads.
 * Each has its downloads (export.c).
 */
#include <stdlib.h>
#include <string.h>

#include "activities/activities.h"
#include "activities/activity_queries.h"
#include "activities/list.h"
#include "activities/list_queries.h"
#include "activities/pages.h"
#include "auth/perm.h"
#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/url.h"
#include "db/db.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"

static void status_cell(struct html *w, const char *status)
{
	govuk_table_cell_begin(w);
	govuk_tag(w, activities_term_name(activities_statuses, ACTIVITIES_NSTATUSES, status), activities_status_colour(status));
	govuk_table_cell_end(w);
}

/* "Download them: CSV or Excel (XLSX)", with query (already escaped for
 * an attribute: "?year=2026&amp;...") after each file's path. */
static void downloads(struct html *w, const char *base, void (*query)(struct html *w, const void *ctx), const void *ctx,
		      const char *words)
{
	static const char *const ext[2][2] = {{".csv", "CSV"}, {".xlsx", "Excel (XLSX)"}};
	H_RAW(w, "<p class=\"govuk-body\">");
	html_text(w, words);
	H_RAW(w, " ");
	for (int i = 0; i < 2; i++) {
		if (i)
			H_RAW(w, " or ");
		H_RAW(w, "<a class=\"govuk-link\" href=\"");
		html_text(w, base);
		html_text(w, ext[i][0]);
		if (query)
			query(w, ctx);
		H_RAW(w, "\" download>Download as ");
		html_text(w, ext[i][1]);
		H_RAW(w, "</a>");
	}
	H_RAW(w, "</p>\n");
}

/* ---- a person's own ---- */

struct own {
	struct req *rq;
	long page;
	struct activity_list_row *rows;
	size_t n;
	int64_t total;
	struct activity_option *hubs; /* the hubs whose lists they may read */
	size_t nhubs;
	struct activity_facet *ncps;  /* the NCPs whose runs they may read (a Project Lead's) */
	size_t nncps;
	bool national, organises;
};

static enum err own_read(struct db *db, void *ctx)
{
	struct own *o = ctx;
	struct req *rq = o->rq;
	const struct session *s = rq->session;
	enum err e = activity_list_own(db, rq->arena, s->person_id, o->page, ACTIVITIES_PAGE, &o->rows, &o->n, &o->total);
	if (e)
		return e;
	struct activity_option *all;
	size_t n;
	if ((e = activity_hubs_all(db, rq->arena, &all, &n)))
		return e;
	o->hubs = arena_alloc(rq->arena, (n + 1) * sizeof(*o->hubs));
	for (size_t i = 0; i < n; i++) {
		int64_t h[1] = {all[i].id};
		struct perm_target t = {.hub_ids = h, .nhubs = 1};
		if (!o->national && perm_allows(s->grants, s->ngrants, s->person_id, CAP_ACTIVITIES_READ, &t))
			o->hubs[o->nhubs++] = all[i];
	}
	if (o->national)
		return ERR_OK;
	struct perm_scope sc[ACTIVITIES_FILTER_PROJECTS];
	int64_t ids[ACTIVITIES_FILTER_PROJECTS];
	size_t k = 0, ns = perm_scopes(s->grants, s->ngrants, s->person_id, CAP_ACTIVITIES_READ, sc, ACTIVITIES_FILTER_PROJECTS);
	for (size_t i = 0; i < ns && i < ACTIVITIES_FILTER_PROJECTS; i++)
		if (sc[i].kind == SCOPE_PROJECT && sc[i].id)
			ids[k++] = sc[i].id;
	return activity_projects_of(db, rq->arena, ids, k, &o->ncps, &o->nncps);
}

static void own_page_href(struct html *w, long page, const void *ctx)
{
	(void)ctx;
	html_textf(w, "/activities?page=%ld", page);
}

enum err activities_list(struct req *rq, struct resp *rs)
{
	const struct session *s = rq->session;
	struct own o = {.rq = rq, .page = 1,
			.national = perm_scope(s->grants, s->ngrants, CAP_ACTIVITIES_READ) == SCOPE_NATIONAL,
			.organises = perm_scope(s->grants, s->ngrants, CAP_ACTIVITIES_MANAGE) != SCOPE_NONE};
	const char *p = req_query(rq, "page");
	if (p) {
		char *end;
		o.page = strtol(p, &end, 10);
		if (!p[0] || *end || o.page < 1 || o.page > 100000)
			return ERR_NOT_FOUND;
	}
	enum err e = db_transact_named(rq->db, DB_READ, "activities_own_read", own_read, &o);
	if (e)
		return e;
	long pages = o.total ? (long)((o.total + ACTIVITIES_PAGE - 1) / ACTIVITIES_PAGE) : 1;
	if (o.page > pages)
		return ERR_NOT_FOUND;
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = "Activities", .nav = "/activities", .banner = session_banner(rq)});
	H_RAW(&w, "<p class=\"govuk-body\">Work Groups, Programmes, Communities and Targeted Support: what the hubs run, "
		  "for which schools and people, led by whom, and who came.</p>\n");
	if (o.organises)
		govuk_button(&w, &(struct govuk_button){.text = "Create an activity", .href = "/activities/new"});
	H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/happi\">Your HAPPI forms</a>: the "
		  "activities you lead, and those you support as MHLM link.</p>\n");
	if (o.nhubs) {
		H_RAW(&w, "<h2 class=\"govuk-heading-m\">Your hub's activities</h2>\n<ul class=\"govuk-list\">\n");
		for (size_t i = 0; i < o.nhubs; i++) {
			H_RAW(&w, "<li><a class=\"govuk-link\"");
			H_ATTR(&w, "href", url_path(rq->arena, "/hubs/", o.hubs[i].code, "/activities"));
			H_RAW(&w, ">");
			html_text(&w, o.hubs[i].name);
			H_RAW(&w, "</a></li>\n");
		}
		H_RAW(&w, "</ul>\n");
	} else if (o.national) {
		H_RAW(&w, "<p class=\"govuk-body\">You see every hub's activities: choose a hub from <a class=\"govuk-link\" "
			  "href=\"/hubs\">the hubs</a>, then its activities, or an NCP from <a class=\"govuk-link\" "
			  "href=\"/projects\">the projects</a>, then its runs across the hubs.</p>\n");
	}
	if (o.nncps) {
		H_RAW(&w, "<h2 class=\"govuk-heading-m\">Your NCPs' runs across the hubs</h2>\n<ul class=\"govuk-list\">\n");
		for (size_t i = 0; i < o.nncps; i++) {
			H_RAW(&w, "<li><a class=\"govuk-link\"");
			H_ATTR(&w, "href", url_path(rq->arena, "/projects/", o.ncps[i].code, "/activities"));
			H_RAW(&w, ">");
			html_textf(&w, "%s: %s", o.ncps[i].code, o.ncps[i].name);
			H_RAW(&w, "</a></li>\n");
		}
		H_RAW(&w, "</ul>\n");
	}
	H_RAW(&w, "<h2 class=\"govuk-heading-m\">Your activities</h2>\n");
	if (!o.total) {
		H_RAW(&w, "<p class=\"govuk-body\">You do not lead, support or take part in any activity yet.</p>\n");
	} else {
		downloads(&w, "/activities", NULL, NULL, o.total == 1 ? "Your activity:" : "All of your activities:");
		if (pages > 1) {
			H_RAW(&w, "<p class=\"govuk-body\">");
			html_textf(&w, "Showing %ld to %ld of %lld", (o.page - 1) * ACTIVITIES_PAGE + 1,
				   (o.page - 1) * ACTIVITIES_PAGE + (long)o.n, (long long)o.total);
			H_RAW(&w, "</p>\n");
		}
		static const char *const heads[] = {"Activity", "NCP", "Years", "Your part", "Status"};
		govuk_table_begin(&w, "Your activities", true, heads, 5);
		for (size_t i = 0; i < o.n; i++) {
			const struct activity_list_row *r = &o.rows[i];
			govuk_table_row_begin(&w);
			govuk_table_rowhead_link(&w, r->title, activities_href(rq, r->id, NULL));
			govuk_table_cell(&w, r->project_code ? r->project_code : "Local");
			govuk_table_cell(&w, activities_years(rq, r->first_year, r->last_year));
			govuk_table_cell(&w, activities_part_text(rq->arena, r));
			status_cell(&w, r->status);
			govuk_table_row_end(&w);
		}
		govuk_table_end(&w);
		govuk_pagination(&w, o.page, pages, own_page_href, NULL);
	}
	page_end(&w);
	return ERR_OK;
}

/* ---- a hub's ---- */

/* The filter as a query string: "?year=2026&amp;ncp=...", as sent. */
static void filter_query(struct html *w, const void *ctx)
{
	const struct hub_list *l = ctx;
	const struct activity_filter *f = &l->f;
	html_textf(w, "?year=%d", f->year);
	struct {
		const char *name;
		const char *const *v;
		size_t n;
	} lists[] = {{"ncp", l->ncp_values, l->nncp_values}, {"kind", f->kinds, f->nkinds},
		     {"phase", f->phases, f->nphases}, {"status", f->statuses, f->nstatuses}};
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		for (size_t k = 0; k < lists[i].n; k++) {
			H_RAW(w, "&amp;");
			html_text(w, lists[i].name);
			H_RAW(w, "=");
			html_url_part(w, lists[i].v[k]);
		}
	for (size_t k = 0; k < f->nleads; k++)
		html_textf(w, "&lead=%lld", (long long)f->leads[k]);
}

static void hub_page_href(struct html *w, long page, const void *ctx)
{
	const struct hub_list *l = ctx;
	html_text(w, url_path(l->rq->arena, "/hubs/", l->code, "/activities"));
	filter_query(w, l);
	html_textf(w, "&page=%ld", page);
}

static bool chosen(const char *const *v, size_t n, const char *value)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], value))
			return true;
	return false;
}

/* Checkboxes; a long list scrolls in a box of its own. */
static void checkboxes(struct html *w, const char *name, const char *legend, const struct govuk_choice *c, size_t n,
		       const char *error)
{
	if (!n)
		return;
	if (n > 6)
		H_RAW(w, "<div class=\"mh-option-select\">\n");
	govuk_choices(w, true, name, legend, c, n, error, true);
	if (n > 6)
		H_RAW(w, "</div>\n");
}

static void filter_form(struct html *w, const struct hub_list *l, const char *base)
{
	struct arena *a = l->rq->arena;
	const struct activity_filter *f = &l->f;
	const struct activity_facets *fa = &l->facets;
	const struct govuk_error *errs = l->errs;
	size_t nerrs = l->nerrs;
	H_RAW(w, "<div class=\"mh-filter\"><h2 class=\"govuk-heading-m\">Filter</h2>\n<form method=\"get\" novalidate");
	H_ATTR(w, "action", base);
	H_RAW(w, ">\n");
	/* the years it has activities in, this one and the one shown */
	int now = activities_this_year(), lo = now, hi = now + 1;
	if (fa->first_year && fa->first_year < lo)
		lo = fa->first_year;
	if (fa->last_year > hi)
		hi = fa->last_year;
	if (f->year < lo)
		lo = f->year;
	if (f->year > hi)
		hi = f->year;
	struct govuk_option *years = arena_alloc(a, (size_t)(hi - lo + 1) * sizeof(*years));
	size_t ny = 0;
	for (int y = hi; y >= lo; y--) {
		char code[8];
		acyear_code(y, code);
		years[ny++] = (struct govuk_option){arena_printf(a, "%d", y), arena_strdup(a, code)};
	}
	govuk_select(w, &(struct govuk_select){.id = "year", .label = "Academic year",
					       .error = govuk_error_for(errs, nerrs, "year"),
					       .value = arena_printf(a, "%d", f->year), .options = years, .n = ny});
	/* NCPs the hub's activities of the year run (and any chosen) */
	struct govuk_choice *c = arena_alloc(a, (fa->nncps + fa->nleads + 8) * sizeof(*c));
	size_t n = 0;
	for (size_t i = 0; i < fa->nncps; i++)
		c[n++] = (struct govuk_choice){fa->ncps[i].code, arena_printf(a, "%s: %s", fa->ncps[i].code, fa->ncps[i].name),
					       chosen(l->ncp_values, l->nncp_values, fa->ncps[i].code)};
	if (fa->any_local || f->local)
		c[n++] = (struct govuk_choice){"local", "Local activities, outside the catalogue", f->local};
	checkboxes(w, "ncp", "NCP", c, n, govuk_error_for(errs, nerrs, "ncp"));
	n = 0;
	for (size_t i = 0; i < ACTIVITIES_NKINDS; i++)
		c[n++] = (struct govuk_choice){activities_kinds[i].key, activities_kinds[i].name,
					       chosen(f->kinds, f->nkinds, activities_kinds[i].key)};
	checkboxes(w, "kind", "Kind", c, n, govuk_error_for(errs, nerrs, "kind"));
	static const char *const phases[] = {"Primary", "Secondary", "Post-16"};
	n = 0;
	for (size_t i = 0; i < 3; i++)
		c[n++] = (struct govuk_choice){phases[i], phases[i], chosen(f->phases, f->nphases, phases[i])};
	checkboxes(w, "phase", "Phase", c, n, govuk_error_for(errs, nerrs, "phase"));
	n = 0;
	for (size_t i = 0; i < fa->nleads; i++) {
		bool on = false;
		for (size_t k = 0; k < f->nleads; k++)
			on |= f->leads[k] == fa->leads[i].id;
		c[n++] = (struct govuk_choice){arena_printf(a, "%lld", (long long)fa->leads[i].id), fa->leads[i].name, on};
	}
	checkboxes(w, "lead", "LLME lead", c, n, govuk_error_for(errs, nerrs, "lead"));
	n = 0;
	for (size_t i = 0; i < ACTIVITIES_NSTATUSES; i++)
		c[n++] = (struct govuk_choice){activities_statuses[i].key, activities_statuses[i].name,
					       chosen(f->statuses, f->nstatuses, activities_statuses[i].key)};
	checkboxes(w, "status", "Status", c, n, govuk_error_for(errs, nerrs, "status"));
	H_RAW(w, "<div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		 "Apply filters</button><a class=\"govuk-link\"");
	H_ATTR(w, "href", arena_printf(a, "%s?year=%d", base, f->year));
	H_RAW(w, ">Clear filters</a></div>\n</form></div>\n");
}

/* The row's header cell: its title, linked, then its NCP (or "Local") and
 * kind in smaller type, so the table fits a laptop's width. */
void activities_title_cell(struct html *w, struct req *rq, const struct activity_list_row *r, const char *more)
{
	H_RAW(w, "<th scope=\"row\" class=\"govuk-table__header\"><a class=\"govuk-link\"");
	H_ATTR(w, "href", activities_href(rq, r->id, NULL));
	H_RAW(w, ">");
	html_text(w, r->title);
	H_RAW(w, "</a><br><span class=\"govuk-body-s mh-secondary\">");
	html_text(w, r->project_code ? r->project_code : "Local");
	H_RAW(w, " &middot; ");
	html_text(w, r->kind);
	if (more) {
		H_RAW(w, " &middot; ");
		html_text(w, more);
	}
	H_RAW(w, "</span></th>");
}

static void hub_table(struct html *w, const struct hub_list *l, const char *caption)
{
	struct req *rq = l->rq;
	static const char *const heads[] = {"Activity", "Leads", "Hub's part", "Schools", "Participants", "Sessions held",
					    "Status"};
	govuk_table_begin(w, caption, true, heads, 7);
	for (size_t i = 0; i < l->n; i++) {
		const struct activity_list_row *r = &l->rows[i];
		govuk_table_row_begin(w);
		activities_title_cell(w, rq, r, r->first_year != r->last_year ? activities_years(rq, r->first_year, r->last_year) : NULL);
		govuk_table_cell(w, r->nleads ? activities_names(rq->arena, r->leads, r->nleads) : "Not chosen yet");
		govuk_table_cell(w, activities_role_text(r->hub_role));
		govuk_table_cell_number(w, r->n_schools);
		govuk_table_cell_number(w, r->n_participants);
		govuk_table_cell(w, arena_printf(rq->arena, "%lld of %lld", (long long)r->n_sessions_held, (long long)r->n_sessions));
		status_cell(w, r->status);
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
}

enum err activities_hub_list(struct req *rq, struct resp *rs)
{
	struct hub_list l = {.rq = rq, .code = req_param(rq, "code"), .page = 1, .page_size = ACTIVITIES_PAGE};
	activities_hub_list_parse(rq, &l);
	enum err e = db_transact_named(rq->db, DB_READ, "activities_hub_read", activities_hub_list_read, &l);
	if (e == ERR_NOT_FOUND)
		return resp_error_page(rs, 404, "Hub not found", "There is no hub with that code.", "/hubs", "Hubs");
	if (!e && l.forbidden)
		return resp_error_page(rs, 403, "You cannot see this hub's activities",
				       "A hub's activities are for its leadership and LLMEs, the national team, and the "
				       "teams of the NCPs it runs.", "/activities", "Activities");
	if (e)
		return e;
	long pages = l.total ? (long)((l.total + ACTIVITIES_PAGE - 1) / ACTIVITIES_PAGE) : 1;
	if (!l.nerrs && l.page > pages)
		return ERR_NOT_FOUND;
	struct arena *a = rq->arena;
	if (l.nerrs)
		rs->status = 400;
	struct html w = resp_html(rs);
	const char *years = activities_years(rq, l.f.year, l.f.year);
	const char *title = arena_printf(a, "Activities in %s", years);
	const char *base = url_path(a, "/hubs/", l.code, "/activities");
	page_begin(&w, &(struct page){.title = arena_printf(a, "%s: %s", l.hub.name, title), .heading = title,
				      .nav = "/activities", .caption = l.hub.name,
				      .crumbs = (const struct crumb[]){{"Activities", "/activities"}}, .ncrumbs = 1,
				      .errors = l.errs, .nerrors = l.nerrs, .full_width = true, .banner = session_banner(rq)});
	if (l.f.restricted)
		H_RAW(&w, "<div class=\"govuk-inset-text\">You see the hub's runs of the NCPs you work on.</div>\n");
	H_RAW(&w, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-one-third\">\n");
	filter_form(&w, &l, base);
	H_RAW(&w, "</div>\n<div class=\"govuk-grid-column-two-thirds\">\n");
	if (l.organises) {
		govuk_button(&w, &(struct govuk_button){.text = "Create an activity",
							.href = arena_printf(a, "/activities/new?hub=%s", l.code)});
		H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
		H_ATTR(&w, "href", arena_printf(a, "/hubs/%s/happi?year=%d", l.code, l.f.year));
		H_RAW(&w, ">The hub's HAPPI forms</a></p>\n");
	}
	H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
	H_ATTR(&w, "href", arena_printf(a, "%s?year=%d", base, l.f.year - 1));
	H_RAW(&w, ">Previous year</a> · <a class=\"govuk-link\"");
	H_ATTR(&w, "href", arena_printf(a, "%s?year=%d", base, l.f.year + 1));
	H_RAW(&w, ">Next year</a></p>\n<h2 class=\"govuk-heading-m\" id=\"result-count\">");
	if (l.nerrs)
		H_RAW(&w, "No results: check the filter");
	else
		html_textf(&w, "%lld %s", (long long)l.total, l.total == 1 ? "activity" : "activities");
	H_RAW(&w, "</h2>\n");
	if (!l.nerrs && l.total) {
		downloads(&w, base, filter_query, &l, l.total == 1 ? "This activity:" : "All of these activities, every page:");
		if (pages > 1) {
			H_RAW(&w, "<p class=\"govuk-body\">");
			html_textf(&w, "Showing %ld to %ld of %lld", (l.page - 1) * ACTIVITIES_PAGE + 1,
				   (l.page - 1) * ACTIVITIES_PAGE + (long)l.n, (long long)l.total);
			H_RAW(&w, "</p>\n");
		}
	} else if (!l.nerrs) {
		H_RAW(&w, "<p class=\"govuk-body\">No activities match. Choose fewer options, or another year.</p>\n");
	}
	H_RAW(&w, "</div>\n</div>\n<div id=\"results\">\n");
	if (!l.nerrs && l.total) {
		hub_table(&w, &l, title);
		govuk_pagination(&w, l.page, pages, hub_page_href, &l);
	}
	H_RAW(&w, "</div>\n");
	page_end(&w);
	return ERR_OK;
}
