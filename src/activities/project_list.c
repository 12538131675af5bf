/*
 * project_list.c - /projects/{code}/activities: an NCP's runs across the
 * hubs (a national cohort's too), a page of 50, each with its lead hub,
 * leads and counts; for the national team and the NCP's own team (Project
 * Lead, Hub Lead Link, National Link). Its downloads are export.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "activities/activities.h"
#include "activities/list.h"
#include "activities/list_queries.h"
#include "activities/pages.h"
#include "auth/perm.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/url.h"
#include "db/db.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"

enum err activities_project_list_read(struct db *db, void *ctx)
{
	struct project_list *p = ctx;
	struct req *rq = p->rq;
	const struct session *s = rq->session;
	enum err e = activity_project_by_code(db, rq->arena, p->code, &p->project);
	if (e)
		return e;
	if (!perm_allows(s->grants, s->ngrants, s->person_id, CAP_ACTIVITIES_READ,
			 &(struct perm_target){.project_id = p->project.id})) {
		p->forbidden = true;
		return ERR_OK;
	}
	if ((e = activity_list_project(db, rq->arena, p->project.id, p->page, ACTIVITIES_PAGE, &p->rows, &p->n, &p->total)))
		return e;
	return activity_list_extras(db, rq->arena, p->rows, p->n);
}

static void page_href(struct html *w, long page, const void *ctx)
{
	const struct project_list *p = ctx;
	html_text(w, url_path(p->rq->arena, "/projects/", p->project.code, "/activities"));
	html_textf(w, "?page=%ld", page);
}

static void status_cell(struct html *w, const char *status)
{
	govuk_table_cell_begin(w);
	govuk_tag(w, activities_term_name(activities_statuses, ACTIVITIES_NSTATUSES, status), activities_status_colour(status));
	govuk_table_cell_end(w);
}

enum err activities_project_list(struct req *rq, struct resp *rs)
{
	struct project_list p = {.rq = rq, .code = req_param(rq, "code"), .page = 1};
	const char *pv = req_query(rq, "page");
	if (pv) {
		char *end;
		p.page = strtol(pv, &end, 10);
		if (!pv[0] || *end || p.page < 1 || p.page > 100000)
			return ERR_NOT_FOUND;
	}
	enum err e = db_transact_named(rq->db, DB_READ, "activities_project_read", activities_project_list_read, &p);
	if (e == ERR_NOT_FOUND)
		return resp_error_page(rs, 404, "NCP not found", "There is no NCP with that code.", "/projects", "Projects");
	if (!e && p.forbidden)
		return resp_error_page(rs, 403, "You cannot see this NCP's runs",
				       "An NCP's runs across the hubs are for the national team and the NCP's own team.",
				       "/activities", "Activities");
	if (e)
		return e;
	long pages = p.total ? (long)((p.total + ACTIVITIES_PAGE - 1) / ACTIVITIES_PAGE) : 1;
	if (p.page > pages)
		return ERR_NOT_FOUND;
	struct arena *a = rq->arena;
	const char *base = url_path(a, "/projects/", p.project.code, "/activities");
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = arena_printf(a, "%s: runs across the hubs", p.project.code),
				      .heading = "Runs across the hubs", .nav = "/activities",
				      .caption = arena_printf(a, "%s: %s", p.project.code, p.project.name),
				      .crumbs = (const struct crumb[]){{"Activities", "/activities"},
								       {p.project.code, url_path(a, "/projects/", p.project.code)}},
				      .ncrumbs = 2, .full_width = true, .banner = session_banner(rq)});
	H_RAW(&w, "<h2 class=\"govuk-heading-m\">");
	html_textf(&w, "%lld %s", (long long)p.total, p.total == 1 ? "activity" : "activities");
	H_RAW(&w, "</h2>\n");
	if (!p.total) {
		H_RAW(&w, "<p class=\"govuk-body\">No hub runs this NCP yet.</p>\n");
		page_end(&w);
		return ERR_OK;
	}
	H_RAW(&w, "<p class=\"govuk-body\">");
	for (int i = 0; i < 2; i++) {
		if (i)
			H_RAW(&w, " or ");
		else
			H_RAW(&w, "All of them, every page: ");
		H_RAW(&w, "<a class=\"govuk-link\"");
		H_ATTR(&w, "href", arena_printf(a, "%s%s", base, i ? ".xlsx" : ".csv"));
		H_RAW(&w, " download>Download as ");
		html_text(&w, i ? "Excel (XLSX)" : "CSV");
		H_RAW(&w, "</a>");
	}
	H_RAW(&w, "</p>\n");
	if (pages > 1) {
		H_RAW(&w, "<p class=\"govuk-body\">");
		html_textf(&w, "Showing %ld to %ld of %lld", (p.page - 1) * ACTIVITIES_PAGE + 1,
			   (p.page - 1) * ACTIVITIES_PAGE + (long)p.n, (long long)p.total);
		H_RAW(&w, "</p>\n");
	}
	static const char *const heads[] = {"Activity", "Lead hub", "Leads", "Schools", "Participants", "Sessions held",
					    "Status"};
	govuk_table_begin(&w, "Runs across the hubs", true, heads, 7);
	for (size_t i = 0; i < p.n; i++) {
		const struct activity_list_row *r = &p.rows[i];
		govuk_table_row_begin(&w);
		activities_title_cell(&w, rq, r, activities_years(rq, r->first_year, r->last_year));
		govuk_table_cell(&w, r->lead_hub_name ? r->lead_hub_name : "The national team");
		govuk_table_cell(&w, r->nleads ? activities_names(a, r->leads, r->nleads) : "Not chosen yet");
		govuk_table_cell_number(&w, r->n_schools);
		govuk_table_cell_number(&w, r->n_participants);
		govuk_table_cell(&w, arena_printf(a, "%lld of %lld", (long long)r->n_sessions_held, (long long)r->n_sessions));
		status_cell(&w, r->status);
		govuk_table_row_end(&w);
	}
	govuk_table_end(&w);
	govuk_pagination(&w, p.page, pages, page_href, &p);
	page_end(&w);
	return ERR_OK;
}
