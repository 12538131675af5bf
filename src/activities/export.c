/*
 * export.c - the lists of activities as CSV and XLSX: a hub's (its filter,
 * every row, not a page), a person's own, an NCP's runs. Through the core
 * writers (http/request.h): CSV cells quoted and formula-safe (a title
 * starting with = is written '=...), XLSX text never a formula.
 */
#include <stdlib.h>
#include <string.h>

#include "activities/activities.h"
#include "activities/list.h"
#include "activities/list_queries.h"
#include "activities/pages.h"
#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/csv.h"
#include "core/url.h"
#include "core/xlsx.h"
#include "db/db.h"
#include "http/request.h"
#include "http/sheet.h"

/* The columns; the reader's part (a hub's, or the person's) comes after
 * the lead hub. */
static const struct column {
	const char *head;
	enum sheet_col kind;
} COLUMNS[] = {
	{"Activity ID", SHEET_INT}, {"Title", SHEET_TEXT}, {"NCP", SHEET_TEXT}, {"NCP title", SHEET_TEXT}, {"Kind", SHEET_TEXT},
	{"Phases", SHEET_TEXT}, {"Lead hub", SHEET_TEXT}, {NULL, SHEET_TEXT}, {"From", SHEET_TEXT}, {"To", SHEET_TEXT}, {"Leads", SHEET_TEXT},
	{"Format", SHEET_TEXT}, {"Status", SHEET_TEXT}, {"Schools", SHEET_INT}, {"Participants", SHEET_INT}, {"Sessions", SHEET_INT},
	{"Sessions held", SHEET_INT},
};
#define NCOLS (sizeof(COLUMNS) / sizeof(COLUMNS[0]))
#define PART_COL 7

static size_t heads_of(enum activities_export_kind kind, const char *out[NCOLS])
{
	size_t n = 0;
	for (size_t i = 0; i < NCOLS; i++) {
		if (i == PART_COL && kind == EXPORT_PROJECT)
			continue;
		out[n++] = i == PART_COL ? (kind == EXPORT_HUB ? "This hub's part" : "Your part") : COLUMNS[i].head;
	}
	return n;
}

/* Row r's cells (numbers as text; kinds[] says which are numbers). */
static size_t cells_of(struct req *rq, enum activities_export_kind kind, const struct activity_list_row *r,
		       const char *out[NCOLS], enum sheet_col kinds[NCOLS])
{
	struct arena *a = rq->arena;
	char first[8], last[8];
	acyear_code(r->first_year, first);
	acyear_code(r->last_year, last);
	const char *v[NCOLS] = {
		arena_printf(a, "%lld", (long long)r->id), r->title, r->project_code ? r->project_code : "Local",
		r->project_title ? r->project_title : "", r->kind, activities_names(a, r->phases, r->nphases),
		r->lead_hub_name ? r->lead_hub_name : "The national team",
		kind == EXPORT_HUB ? activities_role_text(r->hub_role) : activities_part_text(a, r), arena_strdup(a, first),
		arena_strdup(a, last), activities_names(a, r->leads, r->nleads),
		activities_term_name(activities_formats, ACTIVITIES_NFORMATS, r->format),
		activities_term_name(activities_statuses, ACTIVITIES_NSTATUSES, r->status),
		arena_printf(a, "%lld", (long long)r->n_schools), arena_printf(a, "%lld", (long long)r->n_participants),
		arena_printf(a, "%lld", (long long)r->n_sessions), arena_printf(a, "%lld", (long long)r->n_sessions_held),
	};
	size_t n = 0;
	for (size_t i = 0; i < NCOLS; i++) {
		if (i == PART_COL && kind == EXPORT_PROJECT)
			continue;
		kinds[n] = COLUMNS[i].kind;
		out[n++] = v[i];
	}
	return n;
}

enum err activities_export(struct req *rq, struct resp *rs, enum activities_export_kind kind, bool xlsx,
			   const char *filename, const struct activity_list_row *rows, size_t n)
{
	const char *heads[NCOLS], *cells[NCOLS];
	enum sheet_col kinds[NCOLS] = {SHEET_TEXT};
	struct sheet s = {.heads = heads, .cols = kinds, .ncols = heads_of(kind, heads)};
	for (size_t i = 0; i < n; i++) {
		cells_of(rq, kind, &rows[i], cells, kinds);
		sheet_add(rq->arena, &s, cells);
	}
	return resp_sheet(rq, rs, xlsx, filename, "Activities", &s);
}

/* ---- a hub's ---- */

static enum err hub_export(struct req *rq, struct resp *rs, bool xlsx)
{
	struct hub_list l = {.rq = rq, .code = req_param(rq, "code"), .page = 0};
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
	if (l.nerrs)
		return resp_error_page(rs, 400, "Check the filter", l.errs[0].message,
				       url_path(rq->arena, "/hubs/", l.code, "/activities"), "Back to the hub's activities");
	return activities_export(rq, rs, EXPORT_HUB, xlsx,
				 arena_printf(rq->arena, "%s-activities-%s", l.hub.code, sheet_year(rq->arena, l.f.year)),
				 l.rows, l.n);
}

enum err activities_hub_csv(struct req *rq, struct resp *rs)
{
	return hub_export(rq, rs, false);
}

enum err activities_hub_xlsx(struct req *rq, struct resp *rs)
{
	return hub_export(rq, rs, true);
}

/* ---- a person's own ---- */

struct own_export {
	struct req *rq;
	struct activity_list_row *rows;
	size_t n;
	int64_t total;
};

static enum err own_export_read(struct db *db, void *ctx)
{
	struct own_export *o = ctx;
	enum err e = activity_list_own(db, o->rq->arena, o->rq->session->person_id, 0, 0, &o->rows, &o->n, &o->total);
	return e ? e : activity_list_extras(db, o->rq->arena, o->rows, o->n);
}

static enum err own_export(struct req *rq, struct resp *rs, bool xlsx)
{
	struct own_export o = {.rq = rq};
	enum err e = db_transact_named(rq->db, DB_READ, "activities_own_export_read", own_export_read, &o);
	return e ? e : activities_export(rq, rs, EXPORT_OWN, xlsx, "my-activities", o.rows, o.n);
}

enum err activities_own_csv(struct req *rq, struct resp *rs)
{
	return own_export(rq, rs, false);
}

enum err activities_own_xlsx(struct req *rq, struct resp *rs)
{
	return own_export(rq, rs, true);
}

/* ---- an NCP's ---- */

static enum err project_export(struct req *rq, struct resp *rs, bool xlsx)
{
	struct project_list p = {.rq = rq, .code = req_param(rq, "code"), .page = 0};
	enum err e = db_transact_named(rq->db, DB_READ, "activities_project_read", activities_project_list_read, &p);
	if (e == ERR_NOT_FOUND)
		return resp_error_page(rs, 404, "NCP not found", "There is no NCP with that code.", "/projects", "Projects");
	if (!e && p.forbidden)
		return resp_error_page(rs, 403, "You cannot see this NCP's runs",
				       "An NCP's runs across the hubs are for the national team and the NCP's own team.",
				       "/activities", "Activities");
	if (e)
		return e;
	return activities_export(rq, rs, EXPORT_PROJECT, xlsx, arena_printf(rq->arena, "%s-activities", p.project.code),
				 p.rows, p.n);
}

enum err activities_project_csv(struct req *rq, struct resp *rs)
{
	return project_export(rq, rs, false);
}

enum err activities_project_xlsx(struct req *rq, struct resp *rs)
{
	return project_export(rq, rs, true);
}
