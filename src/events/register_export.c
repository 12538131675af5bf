/*
 * register_export.c - /events/{id}/register.csv and .xlsx: the register of
 * every day, a row per person and day, for the organisers' records and the
 * funded days' claims.
 */
#include <string.h>

#include "core/arena.h"
#include "core/csv.h"
#include "core/xlsx.h"
#include "events/pages.h"
#include "events/register.h"
#include "events/views.h"
#include "http/request.h"

static const char *const HEADS[] = {"Day", "Name", "Email address", "School", "Answer", "Attendance", "Minutes",
				    "How recorded", "Note"};
#define NHEADS (sizeof(HEADS) / sizeof(HEADS[0]))

/* The rows: every day, everyone the register lists. */
static size_t cells_of(struct arena *a, const struct register_data *r, const char *day, const struct event_attendee *p,
		       const char **cells)
{
	const struct event_mark *m = register_mark(r, p->person_id, day);
	const char *how = !m ? "" : !strcmp(m->source, "link") ? "Joining link" : !strcmp(m->source, "report") ? "Participant report"
													 : "Register";
	const char *v[NHEADS] = {day, p->name, p->email, p->school ? p->school : "",
				 p->answer ? events_answer_name(p->answer) : "No answer",
				 m ? register_status_name(m->status) : "Not marked",
				 m && m->minutes >= 0 ? arena_printf(a, "%lld", (long long)m->minutes) : "", how,
				 m && m->note ? m->note : ""};
	memcpy(cells, v, sizeof(v));
	return NHEADS;
}

static enum err read_all(struct req *rq, struct resp *rs, struct register_data *r, bool *answered)
{
	*r = (struct register_data){.id = events_param(rq), .all_days = true};
	return register_read(rq, rs, r, answered);
}

enum err events_register_csv(struct req *rq, struct resp *rs)
{
	struct register_data r;
	bool answered;
	enum err e = read_all(rq, rs, &r, &answered);
	if (e || answered)
		return e;
	struct csv_writer c = resp_csv(rs, arena_printf(rq->arena, "attachment; filename=\"event-%lld-register.csv\"", (long long)r.id));
	csv_row(&c, HEADS, NHEADS);
	for (size_t d = 0; d < r.e.ndays; d++)
		for (size_t i = 0; i < r.npeople; i++) {
			if (!register_lists(&r, &r.people[i]))
				continue;
			const char *cells[NHEADS];
			csv_row(&c, cells, cells_of(rq->arena, &r, r.e.days[d].day, &r.people[i], cells));
		}
	return ERR_OK;
}

enum err events_register_xlsx(struct req *rq, struct resp *rs)
{
	struct register_data r;
	bool answered;
	enum err e = read_all(rq, rs, &r, &answered);
	if (e || answered)
		return e;
	struct xlsx_writer x = resp_xlsx(rs, arena_printf(rq->arena, "attachment; filename=\"event-%lld-register.xlsx\"", (long long)r.id),
					 "Register");
	xlsx_header(&x, HEADS, NHEADS);
	for (size_t d = 0; d < r.e.ndays; d++)
		for (size_t i = 0; i < r.npeople; i++) {
			if (!register_lists(&r, &r.people[i]))
				continue;
			const char *cells[NHEADS];
			cells_of(rq->arena, &r, r.e.days[d].day, &r.people[i], cells);
			for (size_t k = 0; k < NHEADS; k++) {
				if (k == 6 && cells[k][0]) {
					const struct event_mark *m = register_mark(&r, r.people[i].person_id, r.e.days[d].day);
					xlsx_cell_int(&x, m->minutes);
				} else {
					xlsx_cell(&x, cells[k]);
				}
			}
			xlsx_row_end(&x);
		}
	return xlsx_finish(&x);
}
