/*
 * lists.c - HAPPI forms listed, for one academic year (?year=2026, else
 * this one): your own (/happi: the activities you lead; the forms you
 * support as MHLM link, those waiting for you first) and a hub's
 * (/hubs/{code}/happi: counts by status, then every activity it leads), each
 * with what is overdue against the national due dates. One read
 * transaction each.
 */
#include <stdlib.h>
#include <string.h>

#include "activities/activity_queries.h"
#include "activities/list.h"
#include "activities/pages.h"
#include "auth/perm.h"
#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/url.h"
#include "core/workdays.h"
#include "db/db.h"
#include "happi/lens.h"
#include "happi/list_queries.h"
#include "happi/lists.h"
#include "happi/pages.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"

struct lists {
	struct req *rq;
	int year;
	struct happi_row *led, *linked;
	size_t nled, nlinked;
	struct happi_due due;
};

bool happi_year_asked(const struct req *rq, int *year)
{
	*year = activities_this_year();
	const char *q = req_query(rq, "year");
	if (!q || !*q)
		return true;
	int y;
	char *end;
	long l = strtol(q, &end, 10);
	if (acyear_parse(q, &y))
		*year = y;
	else if (!*end && q[0] >= '0' && q[0] <= '9' && l >= 2000 && l <= 2100)
		*year = (int)l;
	else
		return false;
	return true;
}

enum err happi_bad_year(struct resp *rs, const char *back)
{
	return resp_error_page(rs, 400, "Check the year", "Enter an academic year, like 2026 or 2026/27.", back, "Back");
}

static const char *status_text(const struct happi_row *r)
{
	return r->started ? happi_status_name(r->status) : "Not started";
}

/* "Lena Mills", "Lena Mills and 2 others": who leads it, to tell apart activities of one title. */
static const char *leads_text(struct arena *a, const struct happi_row *r)
{
	if (!r->lead)
		return "No lead yet";
	if (r->nleads <= 1)
		return r->lead;
	return arena_printf(a, "%s and %lld %s", r->lead, (long long)(r->nleads - 1), r->nleads == 2 ? "other" : "others");
}

/* Marks what is late in each row against the due dates, today; returns
 * how many are. */
static size_t mark_late(struct happi_row *rows, size_t n, const struct happi_due *due)
{
	char today[11];
	london_from_unix(clock_now(), today, NULL);
	size_t late = 0;
	for (size_t i = 0; i < n; i++)
		late += (rows[i].late = happi_overdue(rows[i].started, rows[i].status, today, due->planning, due->final)) != NULL;
	return late;
}

/* A table of rows: the activity (its form), its status (with what is late:
 * second, so a phone shows it without scrolling), who leads it, its NCP, and
 * its hub where rows may be of several (hubs false: a hub's own page). The
 * caption is for screen readers: a heading says it on the page. */
static void table(struct html *w, struct req *rq, int year, const char *caption, bool hubs,
		  const struct happi_row *rows, size_t n)
{
	struct arena *a = rq->arena;
	static const char *const heads[] = {"Activity", "Status", "Led by", "NCP", "Hub"};
	govuk_table_begin(w, caption, true, heads, hubs ? 5 : 4);
	for (size_t i = 0; i < n; i++) {
		const struct happi_row *r = &rows[i];
		govuk_table_row_begin(w);
		govuk_table_rowhead_link(w, r->title,
					 activities_href(rq, r->activity_id, arena_printf(a, "/happi?year=%d", year)));
		govuk_table_cell_begin(w);
		govuk_tag(w, status_text(r), r->started ? happi_status_colour(r->status) : "grey");
		if (r->late) {
			H_RAW(w, " ");
			govuk_tag(w, r->late, "red");
		}
		govuk_table_cell_end(w);
		govuk_table_cell(w, leads_text(a, r));
		govuk_table_cell(w, r->ncp ? r->ncp : "Local");
		if (hubs)
			govuk_table_cell(w, r->hub ? r->hub : "National");
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
}

static void due_line(struct html *w, struct arena *ar, const struct happi_due *due)
{
	H_RAW(w, "<p class=\"govuk-body\">");
	if (due->planning && due->final)
		html_text(w, arena_printf(ar, "Planning is due by %s; the final form by %s.", day_words(ar, due->planning),
					  day_words(ar, due->final)));
	else
		html_text(w, "The national team has not set this year's due dates yet.");
	H_RAW(w, "</p>\n");
}

/* "Download them: CSV or Excel (XLSX)", for the year shown (as the
 * activities' lists link theirs). */
static void downloads(struct html *w, struct arena *a, const char *base, int year, const char *words)
{
	static const char *const ext[2][2] = {{".csv", "CSV"}, {".xlsx", "Excel (XLSX)"}};
	H_RAW(w, "<p class=\"govuk-body\">");
	html_text(w, words);
	for (int i = 0; i < 2; i++) {
		if (i)
			H_RAW(w, " or <a class=\"govuk-link\"");
		else
			H_RAW(w, " <a class=\"govuk-link\"");
		H_ATTR(w, "href", arena_printf(a, "%s%s?year=%d", base, ext[i][0], year));
		H_RAW(w, " download>Download as ");
		html_text(w, ext[i][1]);
		H_RAW(w, "</a>");
	}
	H_RAW(w, "</p>\n");
}

/* ---- your own ---- */

static enum err own_read(struct db *db, void *ctx)
{
	struct lists *l = ctx;
	struct arena *a = l->rq->arena;
	int64_t me = l->rq->session->person_id;
	enum err e = happi_rows_led(db, a, me, l->year, &l->led, &l->nled);
	if (!e)
		e = happi_rows_linked(db, a, me, l->year, &l->linked, &l->nlinked);
	return e ? e : happi_due_read(db, a, l->year, &l->due);
}

enum err happi_own(struct req *rq, struct resp *rs)
{
	struct lists l = {.rq = rq};
	if (!happi_year_asked(rq, &l.year))
		return happi_bad_year(rs, "/happi");
	enum err e = db_transact_named(rq->db, DB_READ, "happi_own_read", own_read, &l);
	if (e)
		return e;
	char year[8];
	acyear_code(l.year, year);
	struct html w = resp_html(rs);
	static const struct crumb crumbs[] = {{"Home", "/"}, {"Activities", "/activities"}};
	page_begin(&w, &(struct page){.title = arena_printf(rq->arena, "Your HAPPI forms, %s", year), .nav = "/activities",
				      .crumbs = crumbs, .ncrumbs = 2, .full_width = true, .banner = session_banner(rq)});
	due_line(&w, rq->arena, &l.due);
	const struct session *s = rq->session;
	if (perm_scope(s->grants, s->ngrants, CAP_HAPPI_DATES) != SCOPE_NONE) {
		H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
		H_ATTR(&w, "href", arena_printf(rq->arena, "/admin/happi-dates?year=%d", l.year));
		H_RAW(&w, ">Set when this year's forms are due</a></p>\n");
	}
	if (perm_scope(s->grants, s->ngrants, CAP_ACTIVITIES_READ) >= SCOPE_PROJECT &&
	    perm_scope(s->grants, s->ngrants, CAP_ACTIVITIES_READ) != SCOPE_HUB) {
		H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
		H_ATTR(&w, "href", arena_printf(rq->arena, "/happi/national?year=%d", l.year));
		H_RAW(&w, ">HAPPI forms across the hubs</a></p>\n");
	}
	mark_late(l.linked, l.nlinked, &l.due);
	mark_late(l.led, l.nled, &l.due);
	size_t waiting = 0;
	for (size_t i = 0; i < l.nlinked; i++)
		waiting += l.linked[i].started && (l.linked[i].status == HAPPI_PLANNING_SUBMITTED ||
						   l.linked[i].status == HAPPI_FINAL_SUBMITTED);
	if (l.nlinked) {
		H_RAW(&w, "<h2 class=\"govuk-heading-m\">");
		html_text(&w, waiting ? arena_printf(rq->arena, "As MHLM link: %zu waiting for your review", waiting)
				      : "As MHLM link");
		H_RAW(&w, "</h2>\n");
		table(&w, rq, l.year, "Forms you support as MHLM link, those waiting for you first", true, l.linked,
		      l.nlinked);
	}
	H_RAW(&w, "<h2 class=\"govuk-heading-m\">Activities you lead</h2>\n");
	if (l.nled)
		table(&w, rq, l.year, "Forms of the activities you lead", true, l.led, l.nled);
	else
		H_RAW(&w, "<p class=\"govuk-body\">You lead no activity this year.</p>\n");
	page_end(&w);
	return ERR_OK;
}

/* ---- a hub's ---- */

/* Each row's leads, ", " between (they come by activity, then name). */
static void leads_of(struct arena *a, struct happi_row *rows, size_t n, const struct happi_lead *leads, size_t nleads)
{
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < nleads; k++)
			if (leads[k].activity_id == rows[i].activity_id)
				rows[i].leads = rows[i].leads ? arena_printf(a, "%s, %s", rows[i].leads, leads[k].name)
							      : leads[k].name;
}

enum err happi_hub_list_read(struct db *db, void *ctx)
{
	struct happi_hub_list *l = ctx;
	struct req *rq = l->rq;
	const struct session *s = rq->session;
	enum err e = activity_hub_by_code(db, rq->arena, l->code, &l->hub);
	if (e)
		return e;
	int64_t h[1] = {l->hub.id};
	struct perm_target t = {.hub_ids = h, .nhubs = 1};
	/* its leadership, and the national team */
	l->refused = !perm_allows(s->grants, s->ngrants, s->person_id, CAP_ACTIVITIES_MANAGE, &t) &&
		     perm_scope(s->grants, s->ngrants, CAP_ACTIVITIES_READ) != SCOPE_NATIONAL;
	if (l->refused)
		return ERR_OK;
	e = happi_rows_hub(db, rq->arena, l->hub.id, l->year, &l->rows, &l->n);
	if (!e && l->details) {
		struct happi_lead *leads;
		size_t nleads;
		if (!(e = happi_hub_leads(db, rq->arena, l->hub.id, l->year, &leads, &nleads)))
			leads_of(rq->arena, l->rows, l->n, leads, nleads);
	}
	return e ? e : happi_due_read(db, rq->arena, l->year, &l->due);
}

bool happi_hub_list_refused(struct resp *rs, struct happi_hub_list *l, const char *txn, enum err *e)
{
	struct req *rq = l->rq;
	if (!happi_year_asked(rq, &l->year)) {
		*e = happi_bad_year(rs, url_path(rq->arena, "/hubs/", l->code, "/happi"));
		return true;
	}
	*e = db_transact_named(rq->db, DB_READ, txn, happi_hub_list_read, l);
	if (*e == ERR_NOT_FOUND)
		*e = resp_error_page(rs, 404, "Hub not found", "There is no Maths Hub with that code.", "/hubs", "Maths Hubs");
	else if (!*e && l->refused)
		*e = resp_error_page(rs, 403, "You cannot see this hub's HAPPI forms",
				     "Its leadership team and the national team read them.", "/happi", "Your HAPPI forms");
	else if (!*e)
		return false;
	return true;
}

enum err happi_hub(struct req *rq, struct resp *rs)
{
	struct happi_hub_list l = {.rq = rq, .code = req_param(rq, "code")};
	enum err e;
	if (happi_hub_list_refused(rs, &l, "happi_hub_read", &e))
		return e;
	struct arena *a = rq->arena;
	char year[8];
	acyear_code(l.year, year);
	struct html w = resp_html(rs);
	const struct crumb crumbs[] = {{"Home", "/"}, {l.hub.name, url_path(a, "/hubs/", l.hub.code, NULL)}};
	page_begin(&w, &(struct page){.title = arena_printf(a, "HAPPI forms, %s", year), .caption = l.hub.name,
				      .nav = "/activities", .crumbs = crumbs, .ncrumbs = 2, .full_width = true});
	due_line(&w, a, &l.due);
	/* how many at each status (and not started) */
	size_t count[HAPPI_STATUSES + 1] = {0};
	for (size_t i = 0; i < l.n; i++)
		count[l.rows[i].started ? l.rows[i].status : HAPPI_STATUSES]++;
	const char *counts = "";
	for (int s = HAPPI_STATUSES; s >= 0; s--) { /* not started first, then in the year's order */
		int k = s == HAPPI_STATUSES ? s : HAPPI_STATUSES - 1 - s;
		if (!count[k])
			continue;
		char *name = arena_strdup(a, k == HAPPI_STATUSES ? "not started" : happi_status_name((enum happi_status)k));
		name[0] = (char)(name[0] | 0x20); /* "Planning agreed" in a sentence */
		counts = arena_printf(a, "%s%s%zu %s", counts, *counts ? ", " : "", count[k], name);
	}
	if (l.n) {
		H_RAW(&w, "<p class=\"govuk-body-l\">");
		html_text(&w, arena_printf(a, "%zu %s: %s.", l.n, l.n == 1 ? "activity" : "activities", counts));
		H_RAW(&w, "</p>\n");
		size_t late = mark_late(l.rows, l.n, &l.due);
		if (l.due.planning) { /* against the dates, once set */
			H_RAW(&w, "<p class=\"govuk-body\">");
			html_text(&w, !late ? "None is late." : arena_printf(a, "%zu late against the due dates.", late));
			H_RAW(&w, "</p>\n");
		}
		downloads(&w, a, url_path(a, "/hubs/", l.hub.code, "/happi"), l.year,
			  "Every activity with its form's status, step dates, leads and link:");
		/* a heading above, not the caption: it would scroll with a table wider than a phone */
		const char *caption = arena_printf(a, "The HAPPI forms of the activities %s leads", l.hub.name);
		H_RAW(&w, "<h2 class=\"govuk-heading-m\">");
		html_text(&w, caption);
		H_RAW(&w, "</h2>\n");
		table(&w, rq, l.year, caption, false, l.rows, l.n);
	} else {
		H_RAW(&w, "<p class=\"govuk-body\">The hub leads no activity this year.</p>\n");
	}
	page_end(&w);
	return ERR_OK;
}

/* ---- the national view ---- */

enum err happi_national_list_read(struct db *db, void *ctx)
{
	struct happi_national_list *x = ctx;
	const struct session *s = x->rq->session;
	if (perm_scope(s->grants, s->ngrants, CAP_ACTIVITIES_READ) != SCOPE_NATIONAL) {
		/* every NCP they hold a national role in (a Project Lead of two reads both) */
		struct perm_scope sc[16];
		size_t n = perm_scopes(s->grants, s->ngrants, s->person_id, CAP_ACTIVITIES_READ, sc, 16);
		for (size_t i = 0; i < n && i < 16 && x->only.n < HAPPI_COUNT_PROJECTS; i++)
			if (sc[i].kind == SCOPE_PROJECT)
				x->only.id[x->only.n++] = sc[i].id;
		if ((x->refused = !x->only.n))
			return ERR_OK;
	}
	struct arena *a = x->rq->arena;
	enum err e = happi_counts(db, a, x->year, &x->only, &x->by_ncp, &x->nncp, &x->by_hub, &x->nhub);
	return e ? e : happi_lens_counts_read(db, x->year, &x->only, &x->lens);
}

size_t happi_count_groups(struct arena *a, const struct happi_count *c, size_t n, struct happi_count_group **out)
{
	struct happi_count_group *g = arena_alloc(a, (n + 1) * sizeof(*g));
	size_t ng = 0;
	for (size_t i = 0; i < n;) {
		struct happi_count_group *x = &g[ng++];
		*x = (struct happi_count_group){.code = c[i].group, .name = c[i].name};
		size_t j = i;
		for (; j < n && !strcmp(c[j].group, c[i].group); j++) {
			x->at[c[j].started ? c[j].status : HAPPI_STATUSES] += c[j].n;
			x->total += c[j].n;
		}
		i = j;
	}
	*out = g;
	return ng;
}

/* One table: a row per group, a column per status. */
static void counts_table(struct html *w, struct arena *a, const char *caption, bool by_hub, const struct happi_count *c,
			 size_t n)
{
	const char *first = by_hub ? "Hub" : "NCP";
	const char *heads[HAPPI_STATUSES + 3] = {first, "Activities", "Not started"};
	for (int s = 0; s < HAPPI_STATUSES; s++)
		heads[s + 3] = happi_status_name((enum happi_status)s);
	govuk_table_begin(w, caption, true, heads, HAPPI_STATUSES + 3);
	struct happi_count_group *g;
	size_t ng = happi_count_groups(a, c, n, &g);
	for (size_t i = 0; i < ng; i++) {
		govuk_table_row_begin(w);
		H_RAW(w, "<th scope=\"row\" class=\"govuk-table__header\">");
		html_text(w, by_hub ? g[i].name : *g[i].code ? g[i].code : "Local");
		H_RAW(w, "</th>");
		govuk_table_cell_number(w, g[i].total);
		govuk_table_cell_number(w, g[i].at[HAPPI_STATUSES]);
		for (int s = 0; s < HAPPI_STATUSES; s++)
			govuk_table_cell_number(w, g[i].at[s]);
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
}

bool happi_national_list_refused(struct resp *rs, struct happi_national_list *x, const char *txn, enum err *e)
{
	if (!happi_year_asked(x->rq, &x->year)) {
		*e = happi_bad_year(rs, "/happi/national");
		return true;
	}
	*e = db_transact_named(x->rq->db, DB_READ, txn, happi_national_list_read, x);
	if (!*e && x->refused)
		*e = resp_error_page(rs, 403, "You cannot see every hub's HAPPI forms",
				     "The national team and an NCP's Project Lead read them.", "/happi", "Your HAPPI forms");
	else if (!*e)
		return false;
	return true;
}

enum err happi_national(struct req *rq, struct resp *rs)
{
	struct happi_national_list x = {.rq = rq};
	enum err e;
	if (happi_national_list_refused(rs, &x, "happi_national_read", &e))
		return e;
	struct arena *a = rq->arena;
	char year[8];
	acyear_code(x.year, year);
	struct html w = resp_html(rs);
	static const struct crumb crumbs[] = {{"Home", "/"}, {"Your HAPPI forms", "/happi"}};
	page_begin(&w, &(struct page){.title = arena_printf(a, "HAPPI forms across the hubs, %s", year), .nav = "/activities",
				      .crumbs = crumbs, .ncrumbs = 2, .full_width = true});
	H_RAW(&w, "<p class=\"govuk-body\">How far each activity's form has gone this year, counted by NCP and by the hub "
		  "that leads it.</p>\n<p class=\"govuk-body\"><a class=\"govuk-link\"");
	H_ATTR(&w, "href", arena_printf(a, "/happi/national?year=%d", x.year - 1));
	H_RAW(&w, ">Previous year</a></p>\n");
	if (x.nncp)
		downloads(&w, a, "/happi/national", x.year, "Both tables of counts:");
	H_RAW(&w, "<h2 class=\"govuk-heading-m\">By NCP</h2>\n");
	if (x.nncp)
		counts_table(&w, a, "HAPPI forms by NCP", false, x.by_ncp, x.nncp);
	else
		H_RAW(&w, "<p class=\"govuk-body\">No activities this year.</p>\n");
	H_RAW(&w, "<h2 class=\"govuk-heading-m\">By hub</h2>\n");
	if (x.nhub)
		counts_table(&w, a, "HAPPI forms by the hub that leads the activity", true, x.by_hub, x.nhub);
	else
		H_RAW(&w, "<p class=\"govuk-body\">No activities this year.</p>\n");
	happi_lens_section(&w, a, &x.lens);
	page_end(&w);
	return ERR_OK;
}
