/*
 * print.c - /activities/{id}/happi/print: the whole HAPPI form of a year on
 * one page, to print or save as PDF and report beyond the hub: the
 * activity's facts (title, NCP, hub, year, its LLME leads, its MHLM link,
 * the status and the dates of its steps), the latest comments it was
 * returned with, then planning, progress and impact as the form's page
 * shows them (parts_view.c). Never its quality assurance notes: nothing
 * here reads happi_qa_notes. Read as the form's page is (happi_access_of
 * read); one read transaction. The print style (assets/app.scss) drops the
 * header, footer, back link and the button.
 */
#include "core/acyear.h"
#include "core/arena.h"
#include "core/workdays.h"
#include "db/db.h"
#include "happi/pages.h"
#include "happi/view.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"

struct print {
	struct happi_view v;
	struct happi_return ret;
};

static enum err print_read(struct db *db, void *ctx)
{
	struct print *p = ctx;
	enum err e = happi_view_load(db, &p->v);
	return e ? e : happi_last_return(db, p->v.rq->arena, p->v.id, p->v.year, &p->ret);
}

/* When a step was taken, or that it has not been. */
static void step_row(struct html *w, struct arena *a, const char *key, int64_t at)
{
	govuk_summary_row(w, key, at ? london_when(a, at) : "Not yet");
}

static void facts(struct html *w, const struct print *p, const char *year)
{
	const struct happi_view *v = &p->v;
	struct arena *a = v->rq->arena;
	const struct activity *act = &v->a;
	govuk_summary_begin(w);
	govuk_summary_row(w, "NCP",
			  act->project_code ? arena_printf(a, "%s: %s", act->project_code,
							   act->project_title ? act->project_title : "")
					    : "A local activity (outside the national programme)");
	govuk_summary_row(w, "Lead hub", act->lead_hub_name ? act->lead_hub_name : "A national cohort");
	govuk_summary_row(w, "Academic year", year);
	const char *leads = "";
	for (size_t i = 0; i < act->nleads; i++)
		leads = arena_printf(a, "%s%s%s", leads, i ? ", " : "", act->leads[i].name);
	govuk_summary_row(w, act->nleads == 1 ? "LLME lead" : "LLME leads", *leads ? leads : "None yet");
	govuk_summary_row(w, "MHLM link", act->mhlm_link_name ? act->mhlm_link_name : "None assigned yet");
	govuk_summary_row(w, "Status", v->f.exists ? happi_status_name(v->f.status) : "Not started");
	step_row(w, a, "Planning submitted", v->f.planning_submitted_at);
	step_row(w, a, "Planning agreed", v->f.planning_agreed_at);
	step_row(w, a, "Final form submitted", v->f.final_submitted_at);
	step_row(w, a, "Reviewed", v->f.reviewed_at);
	if (v->f.exists)
		govuk_summary_row(w, "Last saved",
				  arena_printf(a, "%s by %s (version %lld)", london_when(a, v->f.updated_at), v->f.updated_by,
					       (long long)v->f.version));
	govuk_summary_end(w);
}

enum err happi_print(struct req *rq, struct resp *rs)
{
	struct print p = {.v = {.rq = rq, .id = req_param_id(rq, "id")}};
	if (!p.v.id)
		return happi_not_found(rs);
	enum err e = db_transact_named(rq->db, DB_READ, "happi_print_read", print_read, &p);
	if (e == ERR_NOT_FOUND)
		return happi_not_found(rs);
	if (e)
		return e;
	struct arena *a = rq->arena;
	char year[8];
	acyear_code(p.v.year, year);
	const char *caption = arena_printf(a, "HAPPI form, %s", year);
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = arena_printf(a, "%s: %s", caption, p.v.a.title), .nav = "/activities",
				      .back_href = happi_href(&p.v, NULL), .heading = p.v.a.title, .caption = caption});
	H_RAW(&w, "<div class=\"mh-no-print\">\n<p class=\"govuk-body\">The Hub Activity Plan, Progress and Impact as it "
		  "is reported beyond the hub: it prints without the service's header and links, and without the "
		  "quality assurance notes. To keep it as a PDF, print it and choose to save as PDF.</p>\n"
		  "<button type=\"button\" class=\"govuk-button govuk-button--secondary mh-print-button\" "
		  "data-module=\"govuk-button\" data-mh-print>Print this page</button>\n</div>\n");
	facts(&w, &p, year);
	if (p.ret.exists && p.ret.comment) {
		H_RAW(&w, "<h2 class=\"govuk-heading-m\">Latest comments when it was returned</h2>\n"
			  "<p class=\"govuk-body\">");
		html_text(&w, arena_printf(a, "%s, %s:", p.ret.by ? p.ret.by : "Its MHLM link", london_when(a, p.ret.at)));
		H_RAW(&w, "</p>\n<div class=\"govuk-inset-text mh-pre-line\">");
		html_text(&w, p.ret.comment);
		H_RAW(&w, "</div>\n");
	}
	happi_parts_render(&w, &p.v);
	page_end(&w);
	return ERR_OK;
}
