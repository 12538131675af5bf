/*
 * view.c - an activity's HAPPI form as one reader meets it (view.h).
 */
#include "happi/view.h"

#include <stdlib.h>
#include <string.h>

#include "activities/pages.h"
#include "activities/session_queries.h"
#include "activities/sessions.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/workdays.h"
#include "html/layout.h"
#include "http/request.h"

/* The year asked for (?year=2026 or 2026/27), else the activity's year
 * today (its first before it starts, its last after it ends). */
static int year_of(const struct happi_view *v)
{
	const char *q = req_query(v->rq, "year");
	int y = 0;
	if (q && !acyear_parse(q, &y)) {
		char *end;
		long l = strtol(q, &end, 10);
		y = *end || end == q ? 0 : (int)l;
	}
	if (!y && !acyear_of_date(activities_today(v->rq->arena), &y))
		y = v->a.first_year;
	return y < v->a.first_year ? v->a.first_year : y > v->a.last_year ? v->a.last_year : y;
}

/* The schedule a new form starts with: one line for each session planned. */
static enum err schedule_of(struct db *db, struct happi_view *v)
{
	struct arena *a = v->rq->arena;
	struct activity_session *s;
	size_t n;
	enum err e = activity_sessions_of(db, a, v->id, &s, &n);
	const char *out = "";
	for (size_t i = 0; !e && i < n; i++) {
		if (s[i].cancelled_at)
			continue;
		out = arena_printf(a, "%s%s%s%s%s", out, *out ? "\n" : "", session_when(a, &s[i]),
				   s[i].purpose && *s[i].purpose ? ": " : "", s[i].purpose ? s[i].purpose : "");
	}
	v->c.schedule = *out ? out : NULL;
	return e;
}

enum err happi_view_load(struct db *db, struct happi_view *v)
{
	struct arena *ar = v->rq->arena;
	enum err e = activities_read_seen(db, v->rq, v->id, &v->a, &v->acc);
	if (e)
		return e;
	v->can = happi_access_of(v->rq->session, &v->a, &v->acc);
	if (!v->can.read)
		return ERR_NOT_FOUND;
	v->year = year_of(v);
	if ((e = happi_form_read(db, ar, v->id, v->year, &v->f)))
		return e;
	v->c = (struct happi_content){0};
	if (v->f.exists)
		happi_content_parse(ar, v->f.content, &v->c);
	else if ((e = schedule_of(db, v)))
		return e;
	v->ncp_code = v->a.project_code;
	/* a local activity states its own outcomes, while its planning is open */
	v->c.own_kind = !v->ncp_code && happi_part_open(v->f.status, HAPPI_PLANNING) ? v->a.kind : NULL;
	if (v->ncp_code) {
		struct happi_ncp_outcomes o;
		if ((e = happi_ncp_outcomes_read(db, ar, v->ncp_code, &o)))
			return e == ERR_NOT_FOUND ? ERR_OK : e;
		v->nnational = o.n;
		/* a form past its planning keeps the outcomes it was agreed with */
		if (happi_part_open(v->f.status, HAPPI_PLANNING))
			happi_content_outcomes(ar, &v->c, o.outcomes, o.n);
	}
	return ERR_OK;
}

const char *happi_href(const struct happi_view *v, const char *then)
{
	const char *path = activities_href(v->rq, v->id, arena_printf(v->rq->arena, "/happi%s", then ? then : ""));
	if (v->a.first_year == v->a.last_year)
		return path;
	return arena_printf(v->rq->arena, "%s?year=%d", path, v->year);
}

void happi_page_begin(struct html *w, const struct happi_view *v, const char *name, const struct govuk_error *errors,
		      size_t nerrors)
{
	activities_tab_begin(w, v->rq, &v->a, &v->acc,
			     &(struct activities_tab){.name = name, .current = "/happi", .errors = errors,
						      .nerrors = nerrors});
}


enum err happi_not_found(struct resp *rs)
{
	return activities_not_found(rs);
}

enum err happi_refused(struct resp *rs, const struct happi_view *v, const char *why)
{
	return resp_error_page(rs, 403, "You cannot do this", why, happi_href(v, NULL), "The HAPPI form");
}
