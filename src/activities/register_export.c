/*
 * register_export.c - /activities/{id}/register.csv and .xlsx: every
 * session of an activity (not cancelled) and everyone taking part on its
 * day (or marked on it), with the mark, how it was recorded and whether it
 * counts in the rates (sessions_part.c's rule): for the leads' records and
 * the hub's returns. Those who run the activity only.
 */
#include <string.h>

#include "activities/activities.h"
#include "activities/pages.h"
#include "activities/rates.h"
#include "activities/sessions.h"
#include "core/arena.h"
#include "core/csv.h"
#include "core/workdays.h"
#include "core/xlsx.h"
#include "db/db.h"
#include "http/request.h"

static const char *const HEADS[] = {"Date", "Starts", "Ends", "Session", "Name", "Email address", "School",
				    "URN", "Role", "Mark", "How recorded", "Counts in the rates"};
#define NHEADS (sizeof(HEADS) / sizeof(HEADS[0]))

struct export {
	struct req *rq;
	int64_t id;
	struct activity a;
	struct activity_access acc;
	struct sessions_part p;
};

static enum err activity_register_read(struct db *db, void *ctx)
{
	struct export *x = ctx;
	enum err e = activity_read(db, x->rq->arena, x->id, x->rq->session, &x->a);
	if (e)
		return e;
	x->acc = activity_access_of(x->rq->session, &x->a);
	return x->acc.run ? sessions_part_read(db, x->rq->arena, x->id, &x->p) : ERR_OK;
}

static enum err read_export(struct req *rq, struct resp *rs, struct export *x, bool *answered)
{
	*answered = true;
	*x = (struct export){.rq = rq, .id = activities_param(rq)};
	if (!x->id)
		return activities_not_found(rs);
	enum err e = db_transact_named(rq->db, DB_READ, "activity_register_read", activity_register_read, x);
	if (e == ERR_NOT_FOUND || (!e && !x->acc.see))
		return activities_not_found(rs);
	if (e)
		return e;
	if (!x->acc.run)
		return activities_refused(rs, "You cannot download its register",
					  "Its leads, its MHLM link and its hubs' leadership download its register.", &x->a, rq);
	*answered = false;
	return ERR_OK;
}

static const char *mark_of(const struct sessions_part *p, int64_t session_id, int64_t participant_id, const char **source)
{
	for (size_t i = 0; i < p->nmarks; i++)
		if (p->marks[i].session_id == session_id && p->marks[i].participant_id == participant_id) {
			*source = p->marks[i].source;
			return p->marks[i].mark;
		}
	return NULL;
}

/* Calls row(cells) for each row of the register. */
static void each_row(struct export *x, void (*row)(void *ctx, const char **cells), void *ctx)
{
	const struct sessions_part *p = &x->p;
	for (size_t i = 0; i < p->nsessions; i++) {
		const struct activity_session *s = &p->sessions[i];
		if (s->cancelled_at)
			continue;
		char day[11], starts[6], end_day[11], ends[6];
		london_from_unix(s->starts_at, day, starts);
		london_from_unix(s->ends_at, end_day, ends);
		for (size_t k = 0; k < p->npeople; k++) {
			const struct session_person *pp = &p->people[k];
			const char *source = NULL, *mark = mark_of(p, s->id, pp->participant_id, &source);
			if (!mark && pp->left_on && strcmp(pp->left_on, day) <= 0)
				continue;
			const char *how = !mark ? "" : !strcmp(source, "participant") ? "Apologies sent in advance"
						  : !strcmp(source, "upload")      ? "Paper register"
						  : !strcmp(source, "phone")       ? "Register on a phone"
										   : "Changed by a lead";
			bool counts = mark && rates_mark_counts(s->register_taken_at != 0, false, day, pp->left_on);
			const char *cells[NHEADS] = {
				day, starts, ends, s->register_taken_at ? "Held" : "Register not taken", pp->name, pp->email,
				pp->school_name ? pp->school_name : "", pp->school_urn ? pp->school_urn : "",
				activities_term_name(activities_roles, ACTIVITIES_NROLES, pp->role),
				mark ? activities_term_name(activities_marks, ACTIVITIES_NMARKS, mark) : "Not marked", how,
				counts ? "Yes" : "No"};
			row(ctx, cells);
		}
	}
}

static void csv_line(void *ctx, const char **cells)
{
	csv_row(ctx, cells, NHEADS);
}

enum err activities_register_csv(struct req *rq, struct resp *rs)
{
	struct export x;
	bool answered;
	enum err e = read_export(rq, rs, &x, &answered);
	if (e || answered)
		return e;
	struct csv_writer c = resp_csv(rs, arena_printf(rq->arena, "attachment; filename=\"activity-%lld-register.csv\"", (long long)x.id));
	csv_row(&c, HEADS, NHEADS);
	each_row(&x, csv_line, &c);
	return ERR_OK;
}

static void xlsx_line(void *ctx, const char **cells)
{
	struct xlsx_writer *w = ctx;
	for (size_t k = 0; k < NHEADS; k++) {
		if (k == 0)
			xlsx_cell_date(w, cells[k]);
		else if (k == 7)
			xlsx_cell_code(w, cells[k]);
		else
			xlsx_cell(w, cells[k]);
	}
	xlsx_row_end(w);
}

enum err activities_register_xlsx(struct req *rq, struct resp *rs)
{
	struct export x;
	bool answered;
	enum err e = read_export(rq, rs, &x, &answered);
	if (e || answered)
		return e;
	struct xlsx_writer w = resp_xlsx(rs, arena_printf(rq->arena, "attachment; filename=\"activity-%lld-register.xlsx\"", (long long)x.id),
					 "Register");
	xlsx_header(&w, HEADS, NHEADS);
	each_row(&x, xlsx_line, &w);
	return xlsx_finish(&w);
}
