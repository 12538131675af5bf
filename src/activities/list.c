/*
 * list.c - the lists of activities: /activities, a person's own (those
 * they lead, support as MHLM link or take part in) with the way to their
 * hubs' lists; /hubs/{code}/activities, a hub's activities in one academic
 * year (its own, its partners', and those its schools take part in),
 * paged in SQL.
 */
#include <stdlib.h>
#include <string.h>

#include "activities/activities.h"
#include "activities/activity_queries.h"
#include "activities/pages.h"
#include "auth/perm.h"
#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/url.h"
#include "core/workdays.h"
#include "db/db.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"

static int this_year(void)
{
	char today[11];
	int year = 0;
	london_from_unix(clock_now(), today, NULL);
	acyear_of_date(today, &year);
	return year;
}

static const char *status_colour(const char *status)
{
	return !strcmp(status, "recruiting") ? "blue" : !strcmp(status, "running") ? "green"
	       : !strcmp(status, "cancelled") ? "red" : !strcmp(status, "completed") ? "grey" : "yellow";
}

static void status_cell(struct html *w, const char *status)
{
	govuk_table_cell_begin(w);
	govuk_tag(w, activities_term_name(activities_statuses, ACTIVITIES_NSTATUSES, status), status_colour(status));
	govuk_table_cell_end(w);
}

/* ---- a person's own ---- */

struct own {
	struct req *rq;
	struct activity_row *rows;
	size_t n;
	struct activity_option *hubs; /* the hubs whose lists they may read */
	size_t nhubs;
	bool national, organises;
};

static enum err own_read(struct db *db, void *ctx)
{
	struct own *o = ctx;
	struct req *rq = o->rq;
	const struct session *s = rq->session;
	enum err e = activity_own(db, rq->arena, s->person_id, &o->rows, &o->n);
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
	return ERR_OK;
}

static const char *why_text(const char *why)
{
	return !strcmp(why, "lead") ? "You lead it" : !strcmp(why, "link") ? "You are its MHLM link" : "You take part";
}

enum err activities_list(struct req *rq, struct resp *rs)
{
	const struct session *s = rq->session;
	struct own o = {.rq = rq, .national = perm_scope(s->grants, s->ngrants, CAP_ACTIVITIES_READ) == SCOPE_NATIONAL,
			.organises = perm_scope(s->grants, s->ngrants, CAP_ACTIVITIES_MANAGE) != SCOPE_NONE};
	enum err e = db_transact_named(rq->db, DB_READ, "activities_own_read", own_read, &o);
	if (e)
		return e;
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = "Activities", .nav = "/activities", .banner = session_banner(rq)});
	H_RAW(&w, "<p class=\"govuk-body\">Work Groups, Programmes, Communities and Targeted Support: what the hubs run, "
		  "for which schools and people, led by whom, and who came.</p>\n");
	if (o.organises)
		govuk_button(&w, &(struct govuk_button){.text = "Create an activity", .href = "/activities/new"});
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
			  "href=\"/hubs\">the hubs</a>, then its activities.</p>\n");
	}
	H_RAW(&w, "<h2 class=\"govuk-heading-m\">Your activities</h2>\n");
	if (!o.n) {
		H_RAW(&w, "<p class=\"govuk-body\">You do not lead, support or take part in any activity yet.</p>\n");
	} else {
		static const char *const heads[] = {"Activity", "NCP", "Years", "Your part", "Status"};
		govuk_table_begin(&w, "Your activities", true, heads, 5);
		for (size_t i = 0; i < o.n; i++) {
			const struct activity_row *r = &o.rows[i];
			govuk_table_row_begin(&w);
			govuk_table_rowhead_link(&w, r->title, activities_href(rq, r->id, NULL));
			govuk_table_cell(&w, r->project_code ? r->project_code : "Local");
			govuk_table_cell(&w, activities_years(rq, r->first_year, r->last_year));
			govuk_table_cell(&w, why_text(r->why));
			status_cell(&w, r->status);
			govuk_table_row_end(&w);
		}
		govuk_table_end(&w);
	}
	page_end(&w);
	return ERR_OK;
}

/* ---- a hub's ---- */

struct hub_list {
	struct req *rq;
	const char *code;
	struct activity_option hub;
	int year;
	long page;
	struct activity_row *rows;
	size_t n;
	int64_t total;
	bool forbidden;
};

static enum err hub_read(struct db *db, void *ctx)
{
	struct hub_list *l = ctx;
	enum err e = activity_hub_by_code(db, l->rq->arena, l->code, &l->hub);
	if (e)
		return e;
	const struct session *s = l->rq->session;
	int64_t h[1] = {l->hub.id};
	if (!perm_allows(s->grants, s->ngrants, s->person_id, CAP_ACTIVITIES_READ,
			 &(struct perm_target){.hub_ids = h, .nhubs = 1})) {
		l->forbidden = true;
		return ERR_OK;
	}
	return activity_hub_page(db, l->rq->arena, l->hub.id, l->year, l->page, &l->rows, &l->n, &l->total);
}

static void page_href(struct html *w, long page, const void *ctx)
{
	const struct hub_list *l = ctx;
	html_text(w, arena_printf(l->rq->arena, "%s?year=%d&page=%ld",
				  url_path(l->rq->arena, "/hubs/", l->code, "/activities"), l->year, page));
}

static const char *role_text(const char *role)
{
	return !strcmp(role, "lead") ? "Lead hub" : !strcmp(role, "partner") ? "Partner hub" : "Its schools take part";
}

enum err activities_hub_list(struct req *rq, struct resp *rs)
{
	struct hub_list l = {.rq = rq, .code = req_param(rq, "code"), .year = this_year(), .page = 1};
	const char *y = req_query(rq, "year"), *p = req_query(rq, "page");
	int year;
	if (y && acyear_parse(y, &year))
		l.year = year;
	else if (y && strlen(y) == 4 && atoi(y) >= 2000 && atoi(y) <= 2100)
		l.year = atoi(y);
	if (p && atol(p) > 0 && atol(p) < 100000)
		l.page = atol(p);
	enum err e = db_transact_named(rq->db, DB_READ, "activities_hub_read", hub_read, &l);
	if (e == ERR_NOT_FOUND)
		return resp_error_page(rs, 404, "Hub not found", "There is no hub with that code.", "/hubs", "Hubs");
	if (!e && l.forbidden)
		return resp_error_page(rs, 403, "You cannot see this hub's activities",
				       "A hub's activities are for its leadership and LLMEs, and the national team.",
				       "/activities", "Activities");
	if (e)
		return e;
	const struct session *s = rq->session;
	int64_t h[1] = {l.hub.id};
	bool organises = perm_allows(s->grants, s->ngrants, s->person_id, CAP_ACTIVITIES_MANAGE,
				     &(struct perm_target){.hub_ids = h, .nhubs = 1});
	struct html w = resp_html(rs);
	const char *title = arena_printf(rq->arena, "Activities in %s", activities_years(rq, l.year, l.year));
	const char *base = url_path(rq->arena, "/hubs/", l.code, "/activities");
	page_begin(&w, &(struct page){.title = title, .nav = "/activities", .caption = l.hub.name,
				      .crumbs = (const struct crumb[]){{"Activities", "/activities"}}, .ncrumbs = 1,
				      .full_width = true, .banner = session_banner(rq)});
	H_RAW(&w, "<p class=\"govuk-body\">");
	H_RAW(&w, "<a class=\"govuk-link\"");
	H_ATTR(&w, "href", arena_printf(rq->arena, "%s?year=%d", base, l.year - 1));
	H_RAW(&w, ">Previous year</a> · <a class=\"govuk-link\"");
	H_ATTR(&w, "href", arena_printf(rq->arena, "%s?year=%d", base, l.year + 1));
	H_RAW(&w, ">Next year</a></p>\n");
	if (organises)
		govuk_button(&w, &(struct govuk_button){.text = "Create an activity",
							.href = arena_printf(rq->arena, "/activities/new?hub=%s", l.code)});
	long pages = (long)((l.total + ACTIVITIES_PAGE - 1) / ACTIVITIES_PAGE);
	if (!l.total) {
		H_RAW(&w, "<p class=\"govuk-body\">The hub has no activities in this academic year.</p>\n");
	} else {
		H_RAW(&w, "<p class=\"govuk-body\">");
		html_textf(&w, "%lld %s", (long long)l.total, l.total == 1 ? "activity" : "activities");
		H_RAW(&w, "</p>\n");
		static const char *const heads[] = {"Activity", "NCP", "Kind", "Hub's part", "Schools", "Participants",
						    "Sessions held", "Status"};
		govuk_table_begin(&w, title, true, heads, 8);
		for (size_t i = 0; i < l.n; i++) {
			const struct activity_row *r = &l.rows[i];
			govuk_table_row_begin(&w);
			govuk_table_rowhead_link(&w, r->title, activities_href(rq, r->id, NULL));
			govuk_table_cell(&w, r->project_code ? r->project_code : "Local");
			govuk_table_cell(&w, r->kind);
			govuk_table_cell(&w, role_text(r->hub_role));
			govuk_table_cell_number(&w, r->n_schools);
			govuk_table_cell_number(&w, r->n_participants);
			govuk_table_cell(&w, arena_printf(rq->arena, "%lld of %lld", (long long)r->n_sessions_held,
							  (long long)r->n_sessions));
			status_cell(&w, r->status);
			govuk_table_row_end(&w);
		}
		govuk_table_end(&w);
		govuk_pagination(&w, l.page, pages, page_href, &l);
	}
	page_end(&w);
	return ERR_OK;
}
