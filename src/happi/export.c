/*
 * export.c - the HAPPI lists as CSV and XLSX: a hub's (/hubs/{code}/happi.csv,
 * .xlsx: every activity it leads in the year, with its form's status, whether
 * it is overdue, the dates of its steps, its LLME leads, its MHLM link and a
 * link to the form) and the counts across the hubs (/happi/national.csv,
 * .xlsx: by NCP, then by hub, a column per status; a Project Lead's, their
 * NCP's only). The same reads, permissions and ?year= as the pages
 * (lists.h), one read transaction each, through the core writers: CSV cells
 * quoted and formula-safe, XLSX text never a formula. Nothing here reads a
 * form's content, let alone its quality assurance notes.
 */
#include <stdlib.h>
#include <string.h>

#include "activities/pages.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/csv.h"
#include "core/url.h"
#include "core/workdays.h"
#include "core/xlsx.h"
#include "db/db.h"
#include "happi/lists.h"
#include "happi/pages.h"
#include "http/request.h"
#include "http/sheet.h"

/* The day of a moment in London ("" for none). */
static const char *day_of(struct arena *a, int64_t t)
{
	if (!t)
		return "";
	char day[11];
	london_from_unix(t, day, NULL);
	return arena_strdup(a, day);
}

/* ---- a hub's ---- */

static const char *const HUB_HEADS[] = {
	"Activity ID", "Title", "NCP", "Lead hub", "Status", "Overdue", "Planning submitted", "Planning agreed",
	"Final form submitted", "Reviewed", "Last saved", "LLME leads", "MHLM link", "Link",
};
static const enum sheet_col HUB_KINDS[] = {
	SHEET_INT, SHEET_TEXT, SHEET_TEXT, SHEET_TEXT, SHEET_TEXT, SHEET_TEXT, SHEET_DATE, SHEET_DATE, SHEET_DATE, SHEET_DATE, SHEET_DATE, SHEET_TEXT, SHEET_TEXT, SHEET_TEXT,
};
#define HUB_COLS (sizeof(HUB_HEADS) / sizeof(HUB_HEADS[0]))

static enum err hub_export(struct req *rq, struct resp *rs, bool xlsx)
{
	struct happi_hub_list l = {.rq = rq, .code = req_param(rq, "code"), .details = true};
	struct arena *a = rq->arena;
	enum err e;
	if (happi_hub_list_refused(rs, &l, "happi_hub_export_read", &e))
		return e;
	const char **cells = arena_alloc(a, (l.n + 1) * HUB_COLS * sizeof(*cells));
	for (size_t i = 0; i < l.n; i++) {
		const struct happi_row *r = &l.rows[i];
		const char *late = r->late;
		const char *href = activities_href(rq, r->activity_id, arena_printf(a, "/happi?year=%d", l.year));
		const char *row[HUB_COLS] = {
			arena_printf(a, "%lld", (long long)r->activity_id), r->title, r->ncp ? r->ncp : "Local",
			r->hub ? r->hub : "", r->started ? happi_status_name(r->status) : "Not started", late ? late : "",
			day_of(a, r->planning_submitted_at), day_of(a, r->planning_agreed_at),
			day_of(a, r->final_submitted_at), day_of(a, r->reviewed_at), r->started ? day_of(a, r->updated_at) : "",
			r->leads ? r->leads : "", r->mhlm_link ? r->mhlm_link : "",
			arena_printf(a, "%s%s", rq->cfg ? rq->cfg->base_url : "", href),
		};
		memcpy(&cells[i * HUB_COLS], row, sizeof(row));
	}
	struct sheet s = {.heads = HUB_HEADS, .cols = HUB_KINDS, .ncols = HUB_COLS, .cells = cells, .nrows = l.n};
	return resp_sheet(rq, rs, xlsx, arena_printf(a, "%s-happi-%s", l.hub.code, sheet_year(a, l.year)), "HAPPI forms",
			   &s);
}

enum err happi_hub_csv(struct req *rq, struct resp *rs)
{
	return hub_export(rq, rs, false);
}

enum err happi_hub_xlsx(struct req *rq, struct resp *rs)
{
	return hub_export(rq, rs, true);
}

/* ---- the counts across the hubs ---- */

#define NAT_COLS (HAPPI_STATUSES + 5)

static enum err national_export(struct req *rq, struct resp *rs, bool xlsx)
{
	struct happi_national_list x = {.rq = rq};
	struct arena *a = rq->arena;
	enum err e;
	if (happi_national_list_refused(rs, &x, "happi_national_export_read", &e))
		return e;
	const char *heads[NAT_COLS] = {"Counted by", "Code", "Name", "Activities", "Not started"};
	enum sheet_col kinds[NAT_COLS] = {SHEET_TEXT, SHEET_TEXT, SHEET_TEXT, SHEET_INT, SHEET_INT};
	for (int s = 0; s < HAPPI_STATUSES; s++) {
		heads[s + 5] = happi_status_name((enum happi_status)s);
		kinds[s + 5] = SHEET_INT;
	}
	struct happi_count_group *by_ncp, *by_hub;
	size_t nncp = happi_count_groups(a, x.by_ncp, x.nncp, &by_ncp);
	size_t nhub = happi_count_groups(a, x.by_hub, x.nhub, &by_hub);
	const char **cells = arena_alloc(a, (nncp + nhub + 1) * NAT_COLS * sizeof(*cells));
	for (size_t i = 0; i < nncp + nhub; i++) {
		bool hub = i >= nncp;
		const struct happi_count_group *g = hub ? &by_hub[i - nncp] : &by_ncp[i];
		const char **row = &cells[i * NAT_COLS];
		row[0] = hub ? "Hub" : "NCP";
		row[1] = *g->code ? g->code : "Local";
		row[2] = g->name;
		row[3] = arena_printf(a, "%lld", (long long)g->total);
		row[4] = arena_printf(a, "%lld", (long long)g->at[HAPPI_STATUSES]);
		for (int s = 0; s < HAPPI_STATUSES; s++)
			row[s + 5] = arena_printf(a, "%lld", (long long)g->at[s]);
	}
	struct sheet s = {.heads = heads, .cols = kinds, .ncols = NAT_COLS, .cells = cells, .nrows = nncp + nhub};
	return resp_sheet(rq, rs, xlsx, arena_printf(a, "happi-across-the-hubs-%s", sheet_year(a, x.year)), "HAPPI counts",
			   &s);
}

enum err happi_national_csv(struct req *rq, struct resp *rs)
{
	return national_export(rq, rs, false);
}

enum err happi_national_xlsx(struct req *rq, struct resp *rs)
{
	return national_export(rq, rs, true);
}
