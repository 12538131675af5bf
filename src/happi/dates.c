/*
 * dates.c - when a year's HAPPI forms are due, set by the national team
 * (/admin/happi-dates?year=2026, a form_page; audited as
 * happi_dates_set): the planning near the start of the year, the final form
 * at its end. The lists flag what is late against them (happi_overdue).
 */
#include <stdlib.h>
#include <string.h>

#include "activities/list.h"
#include "auth/audit.h"
#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/workdays.h"
#include "db/db.h"
#include "form_page.h"
#include "happi/list_queries.h"
#include "happi/pages.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/html.h"
#include "http/request.h"

enum { F_PLANNING, F_FINAL, F_COUNT };
static const struct form_field date_fields[F_COUNT] = {
	[F_PLANNING] = {"planning", FORM_DATE, "Planning due by", .required = true, .min = 2000, .max = 2100,
			.hint = "Near the start of the year, for example 16 10 2026",
			.missing = "Enter the date the planning is due by"},
	[F_FINAL] = {"final", FORM_DATE, "Final form due by", .required = true, .min = 2000, .max = 2100,
		     .hint = "At the end of the year, for example 16 7 2027",
		     .missing = "Enter the date the final form is due by"},
};

struct dates {
	struct form_page fp;
	int year;
	struct happi_due due;
};

static enum err dates_load(struct db *db, struct form_page *fp)
{
	struct dates *d = fp->ctx;
	return happi_due_read(db, fp->rq->arena, d->year, &d->due);
}

static void dates_prepare(struct form_page *fp)
{
	struct dates *d = fp->ctx;
	char year[8];
	acyear_code(d->year, year);
	fp->title = arena_printf(fp->rq->arena, "When HAPPI forms are due, %s", year);
	fp->back_href = "/happi";
	fp->action = arena_printf(fp->rq->arena, "/admin/happi-dates?year=%d", d->year);
}

static void dates_prefill(struct form_page *fp)
{
	struct dates *d = fp->ctx;
	form_set(&fp->d, F_PLANNING, d->due.planning);
	form_set(&fp->d, F_FINAL, d->due.final);
}

static void dates_intro(struct html *w, struct form_page *fp)
{
	struct dates *d = fp->ctx;
	H_RAW(w, "<p class=\"govuk-body\">Every activity's form of the year: its planning is submitted near the start, its "
		 "final form at the end. Lists of forms show what is late against these dates.</p>\n<p class=\"govuk-body\">");
	H_RAW(w, "<a class=\"govuk-link\"");
	H_ATTR(w, "href", arena_printf(fp->rq->arena, "/admin/happi-dates?year=%d", d->year + 1));
	H_RAW(w, ">The year after</a></p>\n");
}

static const char *SQL_SET =
	"INSERT INTO happi_due (year, planning_due, final_due, set_by, set_at) VALUES ($1, $2, $3, $4, $5) "
	"ON CONFLICT (year) DO UPDATE SET planning_due = excluded.planning_due, final_due = excluded.final_due, "
	"set_by = excluded.set_by, set_at = excluded.set_at";

static enum err dates_write(struct db *db, struct form_page *fp)
{
	struct dates *d = fp->ctx;
	struct req *rq = fp->rq;
	const char *planning = fp->d.values[F_PLANNING].text, *final = fp->d.values[F_FINAL].text;
	char first[11], last[11], year[8];
	acyear_bounds(d->year, first, last);
	acyear_code(d->year, year);
	if (strcmp(planning, first) < 0 || strcmp(planning, last) > 0)
		form_fail(&fp->d, F_PLANNING, arena_printf(rq->arena, "Planning due by must be in %s", year));
	if (strcmp(final, first) < 0 || strcmp(final, last) > 0)
		form_fail(&fp->d, F_FINAL, arena_printf(rq->arena, "Final form due by must be in %s", year));
	else if (strcmp(final, planning) <= 0)
		form_fail(&fp->d, F_FINAL, "Final form due by must be after the planning is due");
	if (fp->d.nerrors)
		return ERR_OK;
	enum err e = db_run(db, SQL_SET, DB_I(d->year), DB_S(planning), DB_S(final), DB_I(rq->session->person_id),
			    DB_I(clock_now()));
	if (e || (e = audit(db, rq, rq->session->person_id, "happi_dates_set", arena_printf(rq->arena, "year:%s", year),
			    arena_printf(rq->arena, "planning by %s, final by %s", planning, final))))
		return e;
	return session_flash(rq, arena_printf(rq->arena, "Due dates for %s saved", year));
}

static enum err dates_refuse(struct resp *rs, struct form_page *fp)
{
	(void)fp;
	return resp_error_page(rs, 404, "Page not found", "There is no such year.", "/happi", "Your HAPPI forms");
}

static const struct form_page dates_page = {
	.name = "happi_dates", .button = "Save", .form = FORM(date_fields), .load = dates_load, .prepare = dates_prepare,
	.prefill = dates_prefill, .intro = dates_intro, .write = dates_write, .refuse = dates_refuse,
};

static struct form_page *page_of(struct req *rq, struct dates *d)
{
	const char *q = req_query(rq, "year");
	int y = 0;
	if (q && !acyear_parse(q, &y))
		y = atoi(q);
	*d = (struct dates){.fp = dates_page, .year = y >= 2000 && y <= 2100 ? y : activities_this_year()};
	d->fp.rq = rq;
	d->fp.ctx = d;
	return &d->fp;
}

enum err happi_dates(struct req *rq, struct resp *rs)
{
	struct dates d;
	return form_page_get(rs, page_of(rq, &d));
}

enum err happi_dates_post(struct req *rq, struct resp *rs)
{
	struct dates d;
	return form_page_post(rs, page_of(rq, &d));
}
