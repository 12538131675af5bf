/*
 * terms_pages.c - school term dates, for the national team
 * (CAP_SURVEY_TERMS): the calendars survey reminders run on
 * (/surveys/terms: the default national calendar and each local authority
 * with its own dates loaded), one calendar's terms (/surveys/terms/default,
 * /surveys/terms/{la}), and a CSV of authorities' term dates uploaded
 * (/surveys/terms/upload): every row read and checked, every problem
 * listed by line with nothing written; a file without problems shown per
 * authority for checking, its rows (read, as YYYY-MM-DD) sent back with
 * the confirmation, which reads and checks them again and replaces each
 * authority's terms over the span the file gives it, in one transaction.
 */
#include <string.h>

#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/url.h"
#include "core/workdays.h"
#include "db/db.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "surveys/pages.h"
#include "surveys/terms.h"
#include "surveys/terms_queries.h"

#define UPLOAD_HREF "/surveys/terms/upload"

static const char DEFAULT_NOTE[] =
	"The default national calendar is written from the common pattern of English school terms (autumn term from early "
	"September to just before Christmas, spring term from early January to the Easter holidays, summer term from after "
	"Easter to late July, each with a week's half term). It is not any local authority's published dates. Survey "
	"reminders use it for schools whose local authority's own dates have not been loaded.";

/* "2 September 2024" */
static const char *day_text(struct arena *a, const char *day)
{
	char out[24];
	return clock_format_day(day, out) ? arena_strdup(a, out) : day;
}

/* ---- the list of calendars ---- */

struct calendars {
	struct req *rq;
	struct terms_calendar *c;
	size_t n;
};

static enum err terms_list_read(struct db *db, void *ctx)
{
	struct calendars *l = ctx;
	return survey_terms_calendars(db, l->rq->arena, &l->c, &l->n);
}

enum err surveys_terms_list(struct req *rq, struct resp *rs)
{
	struct calendars l = {.rq = rq};
	enum err e = db_transact_named(rq->db, DB_READ, "surveys_terms_list_read", terms_list_read, &l);
	if (e)
		return e;
	struct arena *a = rq->arena;
	struct html w = resp_html(rs);
	static const struct crumb crumbs[] = {{"Survey templates", "/surveys"}};
	page_begin(&w, &(struct page){.title = "School term dates", .crumbs = crumbs, .ncrumbs = 1,
				      .banner = session_banner(rq), .full_width = true});
	H_RAW(&w, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
		  "<p class=\"govuk-body\">Survey reminders are sent only on school days: never at a weekend, on a bank "
		  "holiday or in a school holiday. A school's holidays are the gaps between its local authority's terms.</p>\n"
		  "<p class=\"govuk-body\">");
	html_text(&w, DEFAULT_NOTE);
	H_RAW(&w, " Load an authority's own dates from a spreadsheet to use them instead.</p>\n");
	govuk_button(&w, &(struct govuk_button){.text = "Upload term dates", .href = UPLOAD_HREF});
	H_RAW(&w, "</div></div>\n");
	govuk_table_begin(&w, "Calendars", false, NULL, 0);
	govuk_table_head_begin(&w);
	govuk_table_head(&w, "Calendar", false);
	govuk_table_head(&w, "Terms", true);
	govuk_table_head(&w, "Dates", false);
	govuk_table_head_end(&w);
	size_t own = 0;
	for (size_t i = 0; i < l.n; i++) {
		const struct terms_calendar *c = &l.c[i];
		own += c->la_code != NULL;
		govuk_table_row_begin(&w);
		if (c->la_code)
			govuk_table_cell_link(&w, arena_printf(a, "%s (%s)", c->la_name ? c->la_name : "Unknown", c->la_code),
					      url_path(a, "/surveys/terms/", c->la_code));
		else
			govuk_table_cell_link(&w, "Default national calendar", "/surveys/terms/default");
		govuk_table_cell_number(&w, (long long)c->terms);
		govuk_table_cell(&w, arena_printf(a, "%s to %s", day_text(a, c->first), day_text(a, c->last)));
		govuk_table_row_end(&w);
	}
	govuk_table_end(&w);
	if (!own)
		H_RAW(&w, "<p class=\"govuk-body\">No local authority's own term dates have been loaded yet: every school's "
			  "reminders follow the default national calendar.</p>\n");
	page_end(&w);
	return ERR_OK;
}

/* ---- one calendar ---- */

struct calendar {
	struct req *rq;
	const char *la_code; /* NULL: the default */
	const char *la_name;
	struct terms_term *t;
	size_t n;
	bool missing;
};

static enum err terms_calendar_read(struct db *db, void *ctx)
{
	struct calendar *c = ctx;
	struct arena *a = c->rq->arena;
	if (c->la_code) {
		enum err e = survey_la_name(db, a, c->la_code, &c->la_name);
		if (e == ERR_NOT_FOUND) {
			c->missing = true;
			return ERR_OK;
		}
		if (e)
			return e;
	}
	return survey_terms_of(db, a, c->la_code, &c->t, &c->n);
}

static void calendar_render(struct resp *rs, struct calendar *c)
{
	struct req *rq = c->rq;
	struct arena *a = rq->arena;
	struct html w = resp_html(rs);
	static const struct crumb crumbs[] = {{"Survey templates", "/surveys"}, {"School term dates", "/surveys/terms"}};
	const char *title = c->la_code ? arena_printf(a, "%s term dates", c->la_name) : "Default national calendar";
	page_begin(&w, &(struct page){.title = title, .crumbs = crumbs, .ncrumbs = 2,
				      .caption = c->la_code ? arena_printf(a, "Local authority %s", c->la_code) : "School term dates"});
	if (!c->la_code) {
		H_RAW(&w, "<p class=\"govuk-body\">");
		html_text(&w, DEFAULT_NOTE);
		H_RAW(&w, "</p>\n");
	} else if (!c->n) {
		H_RAW(&w, "<p class=\"govuk-body\">No term dates have been loaded for this local authority: its schools' "
			  "reminders follow the <a class=\"govuk-link\" href=\"/surveys/terms/default\">default national "
			  "calendar</a>.</p>\n");
	} else {
		const struct terms_term *last = &c->t[0];
		for (size_t i = 1; i < c->n; i++)
			if (c->t[i].loaded_at > last->loaded_at)
				last = &c->t[i];
		H_RAW(&w, "<p class=\"govuk-body\">");
		char iso[11], hhmm[6];
		london_from_unix(last->loaded_at, iso, hhmm);
		html_text(&w, arena_printf(a, "Last loaded on %s%s%s. The holidays are the gaps between the terms.",
					   day_text(a, iso), last->loaded_by ? " by " : "", last->loaded_by ? last->loaded_by : ""));
		H_RAW(&w, "</p>\n");
	}
	if (c->n) {
		govuk_table_begin(&w, "Terms", true, NULL, 0);
		govuk_table_head_begin(&w);
		govuk_table_head(&w, "Term", false);
		govuk_table_head(&w, "First day", false);
		govuk_table_head(&w, "Last day", false);
		govuk_table_head_end(&w);
		for (size_t i = 0; i < c->n; i++) {
			govuk_table_row_begin(&w);
			govuk_table_cell(&w, c->t[i].name);
			govuk_table_cell(&w, day_text(a, c->t[i].first));
			govuk_table_cell(&w, day_text(a, c->t[i].last));
			govuk_table_row_end(&w);
		}
		govuk_table_end(&w);
	}
	H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"" UPLOAD_HREF "\">Upload term dates</a></p>\n");
	page_end(&w);
}

static enum err calendar_page(struct req *rq, struct resp *rs, const char *la_code)
{
	struct calendar c = {.rq = rq, .la_code = la_code};
	enum err e = db_transact_named(rq->db, DB_READ, "surveys_terms_calendar_read", terms_calendar_read, &c);
	if (e)
		return e;
	if (c.missing)
		return resp_error_page(rs, 404, "Local authority not found",
				       "No local authority has that code. Local authority codes are 3 numbers, like 919.",
				       "/surveys/terms", "School term dates");
	calendar_render(rs, &c);
	return ERR_OK;
}

enum err surveys_terms_default(struct req *rq, struct resp *rs)
{
	return calendar_page(rq, rs, NULL);
}

enum err surveys_terms_la(struct req *rq, struct resp *rs)
{
	return calendar_page(rq, rs, req_param(rq, "la"));
}
