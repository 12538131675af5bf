/*
 * school_history.c - /schools/{urn}/activities (+ .csv, .xlsx): a school's
 * participation history across the years and across its lineage (its
 * predecessors and successors: the history follows the school through
 * academisation), each activity with its years, lead hub, status, the
 * school's participants and their attendance and commitment rates.
 *
 * Who: the national team and analysts, the leadership and LLMEs of the
 * school's hub, its headteacher (of it or a school of its lineage): all
 * of it. The leadership and LLMEs of another hub whose activity it took
 * part in: those activities only. Anyone else: 403 (the school itself is
 * public, so its existence is no secret).
 */
#include <string.h>

#include "activities/activities.h"
#include "activities/journey_queries.h"
#include "activities/pages.h"
#include "activities/rates.h"
#include "auth/perm.h"
#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/csv.h"
#include "core/url.h"
#include "core/xlsx.h"
#include "db/db.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"

struct history {
	struct req *rq;
	const char *urn;
	struct journey_data d;
	bool all;      /* the reader sees every row */
	bool *shown;   /* by row: the reader sees it */
	size_t nshown;
};

/* Whether the reader's CAP_ACTIVITIES_READ covers one of the hubs. */
static bool covers_hubs(const struct session *s, const int64_t *hubs, size_t n)
{
	return n && perm_allows(s->grants, s->ngrants, s->person_id, CAP_ACTIVITIES_READ,
				&(struct perm_target){.hub_ids = hubs, .nhubs = n});
}

static enum err history_read(struct db *db, void *ctx)
{
	struct history *h = ctx;
	struct arena *a = h->rq->arena;
	enum err e = journey_data_read(db, a, h->urn, true, &h->d);
	if (e)
		return e;
	const struct session *s = h->rq->session;
	h->all = journey_covers(s, CAP_ACTIVITIES_READ, h->urn, h->d.hub_id);
	for (size_t i = 0; !h->all && i < h->d.line.npredecessors; i++)
		h->all = journey_covers(s, CAP_ACTIVITIES_READ, h->d.line.predecessors[i].urn, 0);
	for (size_t i = 0; !h->all && i < h->d.line.nsuccessors; i++)
		h->all = journey_covers(s, CAP_ACTIVITIES_READ, h->d.line.successors[i].urn, 0);
	h->shown = arena_alloc(a, (h->d.nrows + 1) * sizeof(*h->shown));
	h->nshown = 0;
	for (size_t i = 0; i < h->d.nrows; i++) {
		const struct journey_row *r = &h->d.rows[i];
		h->shown[i] = h->all || covers_hubs(s, r->hub_ids, r->nhubs);
		h->nshown += h->shown[i];
	}
	return ERR_OK;
}

/* Reads it; an answer (404, 403) already given when not ERR_OK. */
static enum err history_load(struct req *rq, struct resp *rs, struct history *h)
{
	*h = (struct history){.rq = rq, .urn = req_param(rq, "urn")};
	enum err e = db_transact_named(rq->db, DB_READ, "journey_history_read", history_read, h);
	if (e == ERR_NOT_FOUND) {
		resp_error_page(rs, 404, "School not found",
				arena_printf(rq->arena, "There is no school with the URN %s.", h->urn), "/schools",
				"Find a school");
		return ERR_NOT_FOUND;
	}
	if (!e && !h->all && !h->nshown) {
		resp_error_page(rs, 403, "You cannot see this school's activities",
				"A school's participation history is for the national team, its hub's leadership and "
				"LLMEs, the hubs whose activities it took part in, and its headteacher.",
				url_path(rq->arena, "/schools/", h->urn, ""), "Back to the school");
		return ERR_INVALID;
	}
	return e;
}

/* The name of lineage URN urn, and how it is related ("predecessor"). */
static const char *lineage_name(const struct history *h, const char *urn, const char **relation)
{
	*relation = NULL;
	if (!strcmp(urn, h->urn))
		return h->d.name;
	for (size_t i = 0; i < h->d.line.npredecessors; i++)
		if (!strcmp(h->d.line.predecessors[i].urn, urn)) {
			*relation = "Predecessor";
			return h->d.line.predecessors[i].name;
		}
	for (size_t i = 0; i < h->d.line.nsuccessors; i++)
		if (!strcmp(h->d.line.successors[i].urn, urn)) {
			*relation = "Successor";
			return h->d.line.successors[i].name;
		}
	return "";
}

static const char *years_code(struct arena *a, int year)
{
	char *c = arena_alloc(a, 8);
	acyear_code(year, c);
	return c;
}

static const char *status_name(const struct journey_row *r)
{
	return activities_term_name(activities_statuses, ACTIVITIES_NSTATUSES, r->j.status);
}

/* ---- the page ---- */

static void lineage_intro(struct html *w, struct req *rq, const struct history *h)
{
	struct arena *a = rq->arena;
	const struct school_lineage *l = &h->d.line;
	if (!l->npredecessors && !l->nsuccessors) {
		H_RAW(w, "<p class=\"govuk-body\">Every activity the school has taken part in, latest first.</p>\n");
		return;
	}
	H_RAW(w, "<p class=\"govuk-body\">Every activity the school has taken part in, latest first, with those of the "
		 "schools it replaced or that replaced it (GIAS&#39;s links), so its history follows it through "
		 "academisation:</p>\n<ul class=\"govuk-list govuk-list--bullet\">");
	for (int pass = 0; pass < 2; pass++) {
		const struct school_link *v = pass ? l->successors : l->predecessors;
		size_t n = pass ? l->nsuccessors : l->npredecessors;
		for (size_t i = 0; i < n; i++) {
			H_RAW(w, "<li>");
			html_text(w, pass ? "Successor: " : "Predecessor: ");
			if (v[i].known) {
				H_RAW(w, "<a class=\"govuk-link\"");
				H_ATTR(w, "href", url_path(a, "/schools/", v[i].urn, ""));
				H_RAW(w, ">");
				html_text(w, v[i].name[0] ? v[i].name : v[i].urn);
				H_RAW(w, "</a>");
			} else {
				html_text(w, v[i].name[0] ? v[i].name : "a school not in the register");
			}
			html_text(w, arena_printf(a, " (URN %s)", v[i].urn));
			H_RAW(w, "</li>");
		}
	}
	H_RAW(w, "</ul>\n");
}

enum err journey_history_page(struct req *rq, struct resp *rs)
{
	struct history h;
	enum err e = history_load(rq, rs, &h);
	if (e == ERR_NOT_FOUND || e == ERR_INVALID)
		return ERR_OK;
	if (e)
		return e;
	struct arena *a = rq->arena;
	struct html w = resp_html(rs);
	const char *school = url_path(a, "/schools/", h.urn, "");
	const struct crumb crumbs[] = {{"Home", "/"}, {"Schools", "/schools"}, {h.d.name, school}};
	page_begin(&w, &(struct page){.title = "Participation history", .caption = h.d.name, .nav = "/schools",
				      .crumbs = crumbs, .ncrumbs = 3, .full_width = true,
				      .banner = session_banner(rq)});
	lineage_intro(&w, rq, &h);
	if (!h.all)
		H_RAW(&w, "<p class=\"govuk-body\">You see the activities of your hub that it took part in; the school&#39;s "
			  "own hub sees them all.</p>\n");
	if (!h.nshown) {
		H_RAW(&w, "<p class=\"govuk-body\">It has not taken part in any activity recorded here.</p>\n");
		page_end(&w);
		return ERR_OK;
	}
	H_RAW(&w, "<p class=\"govuk-body\">Download it: <a class=\"govuk-link\"");
	H_ATTR(&w, "href", url_path(a, "/schools/", h.urn, "/activities.csv"));
	H_RAW(&w, ">CSV</a> or <a class=\"govuk-link\"");
	H_ATTR(&w, "href", url_path(a, "/schools/", h.urn, "/activities.xlsx"));
	H_RAW(&w, ">Excel (XLSX)</a></p>\n");
	static const char *const heads[] = {"Activity", "Years", "NCP", "Lead hub", "As", "Status", "Participants",
					    "Attendance", "Commitment"};
	govuk_table_begin(&w, arena_printf(a, "Activities of %s", h.d.name), true, heads, 9);
	for (size_t k = h.d.nrows; k-- > 0;) {
		if (!h.shown[k])
			continue;
		const struct journey_row *r = &h.d.rows[k];
		const char *relation, *name = lineage_name(&h, r->j.urn, &relation);
		struct rates rt = rates_of(&r->marks);
		govuk_table_row_begin(&w);
		govuk_table_rowhead_link(&w, r->j.title, activities_href(rq, r->j.activity_id, NULL));
		govuk_table_cell(&w, activities_years(rq, r->j.first_year, r->j.last_year));
		govuk_table_cell(&w, r->j.ncp_code ? r->j.ncp_code : "Local");
		govuk_table_cell(&w, r->j.hub_name ? r->j.hub_name : "National cohort");
		(void)name; /* named above the table */
		govuk_table_cell(&w, relation ? arena_printf(a, "%s, URN %s", relation, r->j.urn) : "This school");
		govuk_table_cell_begin(&w);
		html_text(&w, status_name(r));
		if (r->j.left_on) {
			H_RAW(&w, "<br><span class=\"mh-secondary\">");
			html_text(&w, arena_printf(a, "Withdrew %s", r->j.left_on));
			H_RAW(&w, "</span>");
		}
		govuk_table_cell_end(&w);
		govuk_table_cell_number(&w, r->n_participants);
		govuk_table_cell(&w, rates_text(a, &rt, false));
		govuk_table_cell(&w, rates_text(a, &rt, true));
		govuk_table_row_end(&w);
	}
	govuk_table_end(&w);
	H_RAW(&w, "<p class=\"govuk-body-s mh-secondary\">Attendance: sessions attended (present or late) of the marks "
		  "taken for the school&#39;s participants. Commitment: attended or gave apologies.</p>\n");
	page_end(&w);
	return ERR_OK;
}

/* ---- the downloads ---- */

enum { C_URN, C_SCHOOL, C_AS, C_ID, C_TITLE, C_NCP, C_KIND, C_FIRST, C_LAST, C_LEAD, C_HUB, C_STATUS, C_JOINED,
       C_LEFT, C_PEOPLE, C_PRESENT, C_LATE, C_ABSENT, C_APOLOGIES, C_ATTENDANCE, C_COMMITMENT, NCOLS };
static const char *const export_heads[NCOLS] = {
	"URN", "School", "As", "Activity id", "Activity", "NCP", "Kind", "First year", "Last year", "Lead hub",
	"School's hub when it joined", "Status", "Joined on", "Withdrew on", "Participants", "Present", "Late",
	"Absent", "Apologies", "Attendance", "Commitment",
};

static void export_cells(struct arena *a, const struct history *h, const struct journey_row *r, const char **c)
{
	const char *relation, *name = lineage_name(h, r->j.urn, &relation);
	struct rates rt = rates_of(&r->marks);
	c[C_URN] = r->j.urn;
	c[C_SCHOOL] = name;
	c[C_AS] = relation ? relation : "This school";
	c[C_ID] = arena_printf(a, "%lld", (long long)r->j.activity_id);
	c[C_TITLE] = r->j.title;
	c[C_NCP] = r->j.ncp_code ? r->j.ncp_code : "";
	c[C_KIND] = r->kind;
	c[C_FIRST] = years_code(a, r->j.first_year);
	c[C_LAST] = years_code(a, r->j.last_year);
	c[C_LEAD] = r->j.hub_name ? r->j.hub_name : "National cohort";
	c[C_HUB] = r->school_hub_name ? r->school_hub_name : "";
	c[C_STATUS] = status_name(r);
	c[C_JOINED] = r->j.joined_on ? r->j.joined_on : "";
	c[C_LEFT] = r->j.left_on ? r->j.left_on : "";
	c[C_PEOPLE] = arena_printf(a, "%lld", (long long)r->n_participants);
	c[C_PRESENT] = arena_printf(a, "%ld", r->marks.present);
	c[C_LATE] = arena_printf(a, "%ld", r->marks.late);
	c[C_ABSENT] = arena_printf(a, "%ld", r->marks.absent);
	c[C_APOLOGIES] = arena_printf(a, "%ld", r->marks.apologies);
	c[C_ATTENDANCE] = rt.none ? "" : arena_printf(a, "%d%%", rt.attendance);
	c[C_COMMITMENT] = rt.none ? "" : arena_printf(a, "%d%%", rt.commitment);
}

enum err journey_history_csv(struct req *rq, struct resp *rs)
{
	struct history h;
	enum err e = history_load(rq, rs, &h);
	if (e == ERR_NOT_FOUND || e == ERR_INVALID)
		return ERR_OK;
	if (e)
		return e;
	struct csv_writer c = resp_csv(rs, arena_printf(rq->arena, "attachment; filename=\"%s-activities.csv\"", h.urn));
	csv_row(&c, export_heads, NCOLS);
	for (size_t k = 0; k < h.d.nrows; k++) {
		if (!h.shown[k])
			continue;
		const char *cells[NCOLS];
		export_cells(rq->arena, &h, &h.d.rows[k], cells);
		csv_row(&c, cells, NCOLS);
	}
	return ERR_OK;
}

enum err journey_history_xlsx(struct req *rq, struct resp *rs)
{
	struct history h;
	enum err e = history_load(rq, rs, &h);
	if (e == ERR_NOT_FOUND || e == ERR_INVALID)
		return ERR_OK;
	if (e)
		return e;
	struct xlsx_writer x =
		resp_xlsx(rs, arena_printf(rq->arena, "attachment; filename=\"%s-activities.xlsx\"", h.urn), "Activities");
	xlsx_header(&x, export_heads, NCOLS);
	for (size_t k = 0; k < h.d.nrows; k++) {
		if (!h.shown[k])
			continue;
		const struct journey_row *r = &h.d.rows[k];
		const char *cells[NCOLS];
		export_cells(rq->arena, &h, r, cells);
		for (size_t i = 0; i < NCOLS; i++) {
			if (i == C_URN)
				xlsx_cell_code(&x, cells[i]);
			else if ((i == C_JOINED || i == C_LEFT) && cells[i][0])
				xlsx_cell_date(&x, cells[i]);
			else if (i == C_ID)
				xlsx_cell_int(&x, r->j.activity_id);
			else if (i == C_PEOPLE)
				xlsx_cell_int(&x, r->n_participants);
			else if (i >= C_PRESENT && i <= C_APOLOGIES)
				xlsx_cell_int(&x, i == C_PRESENT ? r->marks.present : i == C_LATE ? r->marks.late
						  : i == C_ABSENT ? r->marks.absent : r->marks.apologies);
			else
				xlsx_cell(&x, cells[i]);
		}
		xlsx_row_end(&x);
	}
	return xlsx_finish(&x);
}
