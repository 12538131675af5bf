/*
 * funded_days.c - the funded national-workshop days (funded.h): an LLME's
 * tallies on /events, and /hubs/{code}/funded-days, every LLME of a hub
 * for its leadership (and the national team). One read transaction.
 */
#include <string.h>

#include "auth/perm.h"
#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/url.h"
#include "core/workdays.h"
#include "db/db.h"
#include "events/funded.h"
#include "events/pages.h"
#include "events/queries.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"

static const char *ncp_words(struct arena *a, const struct events_tally *t)
{
	return t->project_code ? arena_printf(a, "%s %s", t->project_code, t->project_title ? t->project_title : "")
			       : "Events of no NCP";
}

static const char *days_words(struct arena *a, int64_t days)
{
	const char *s = arena_printf(a, "%lld of %d", (long long)days, EVENTS_FUNDED_DAYS);
	if (days > EVENTS_FUNDED_DAYS)
		s = arena_printf(a, "%s (%lld over)", s, (long long)(days - EVENTS_FUNDED_DAYS));
	return s;
}

void events_funded_render(struct html *w, struct arena *a, const char *year, const struct events_tally *t, size_t n)
{
	H_RAW(w, "<h2 class=\"govuk-heading-m\" id=\"funded-days\">");
	html_textf(w, "Your funded days %s", year);
	H_RAW(w, "</h2>\n<p class=\"govuk-body\">");
	html_textf(w, "Each LLME has %d funded national-workshop days a year for each NCP. These are the days "
		      "the registers record you attended.",
		   EVENTS_FUNDED_DAYS);
	H_RAW(w, "</p>\n");
	if (!n) {
		H_RAW(w, "<p class=\"govuk-body\">You have not attended any funded days this year yet.</p>\n");
		return;
	}
	static const char *const heads[] = {"NCP", "Days attended"};
	govuk_table_begin(w, "Funded days attended", true, heads, 2);
	for (size_t i = 0; i < n; i++) {
		govuk_table_row_begin(w);
		govuk_table_cell(w, ncp_words(a, &t[i]));
		govuk_table_cell(w, days_words(a, t[i].days));
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
}

/* ---- a hub's LLMEs ---- */

struct hub_funded {
	struct req *rq;
	const char *code;
	int64_t hub_id;
	const char *hub_name;
	char year[8];
	struct events_tally *t;
	size_t n;
	bool allowed;
};

static enum err funded_days_read(struct db *db, void *ctx)
{
	struct hub_funded *v = ctx;
	struct req *rq = v->rq;
	v->t = NULL;
	v->n = 0;
	enum err e = events_hub_by_code(db, rq->arena, v->code, &v->hub_id, &v->hub_name);
	if (e)
		return e;
	int64_t hubs[1] = {v->hub_id};
	const struct session *s = rq->session;
	v->allowed = perm_allows(s->grants, s->ngrants, s->person_id, CAP_EVENTS_MANAGE,
				 &(struct perm_target){.hub_ids = hubs, .nhubs = 1});
	if (!v->allowed)
		return ERR_OK;
	char today[11], first[11], last[11];
	int year = 0;
	london_from_unix(clock_now(), today, NULL);
	acyear_of_date(today, &year);
	acyear_bounds(year, first, last);
	acyear_code(year, v->year);
	return funded_days_of_hub(db, rq->arena, v->hub_id, first, last, &v->t, &v->n);
}

enum err events_hub_funded_days(struct req *rq, struct resp *rs)
{
	struct hub_funded v = {.rq = rq, .code = req_param(rq, "code")};
	enum err e = db_transact(rq->db, DB_READ, funded_days_read, &v);
	if (e == ERR_NOT_FOUND)
		return resp_error_page(rs, 404, "Hub not found", "There is no Maths Hub with this code.", "/hubs", "All hubs");
	if (e)
		return e;
	if (!v.allowed)
		return resp_error_page(rs, 403, "You cannot see this hub's funded days",
				       "Only the hub's leadership and the national team see its LLMEs' funded days.", NULL, NULL);
	struct arena *a = rq->arena;
	struct html w = resp_html(rs);
	const char *hub_href = url_path(a, "/hubs/", v.code);
	page_begin(&w, &(struct page){.title = arena_printf(a, "Funded days %s", v.year), .caption = v.hub_name,
				      .crumbs = (const struct crumb[]){{"Hubs", "/hubs"}, {v.hub_name, hub_href}},
				      .ncrumbs = 2, .banner = session_banner(rq)});
	H_RAW(&w, "<p class=\"govuk-body\">");
	html_textf(&w, "Each LLME has %d funded national-workshop days a year for each NCP. These are the days "
		       "the registers of events that count towards them record each of the hub's LLMEs attended "
		       "(present or late) this academic year.",
		   EVENTS_FUNDED_DAYS);
	H_RAW(&w, "</p>\n<p class=\"govuk-body\">Until the hub's activities are recorded here, each NCP of the "
		  "events an LLME attended has a tally; then only the NCPs they lead will.</p>\n");
	if (!v.n) {
		H_RAW(&w, "<p class=\"govuk-body\">The hub has no LLMEs yet.</p>\n");
		page_end(&w);
		return ERR_OK;
	}
	static const char *const heads[] = {"LLME", "NCP", "Days attended"};
	govuk_table_begin(&w, "Funded days of the hub's LLMEs", true, heads, 3);
	for (size_t i = 0; i < v.n; i++) {
		const struct events_tally *t = &v.t[i];
		govuk_table_row_begin(&w);
		govuk_table_cell(&w, t->name);
		govuk_table_cell(&w, t->project_code || t->days ? ncp_words(a, t) : "None attended yet");
		govuk_table_cell(&w, days_words(a, t->days));
		govuk_table_row_end(&w);
	}
	govuk_table_end(&w);
	page_end(&w);
	return ERR_OK;
}
