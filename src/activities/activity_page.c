/*
 * activity_page.c - /activities/{id}: an activity's summary (its NCP,
 * hubs, years, leads, MHLM link, phases, format, sessions, capacity,
 * status) with its counts, the warnings the handbook's expectations give
 * (warned, never enforced), and what the reader may do with it. Also what
 * the activities' pages share (pages.h).
 */
#include <stdlib.h>
#include <string.h>

#include "activities/activities.h"
#include "activities/activity_queries.h"
#include "activities/pages.h"
#include "activities/sessions.h"
#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/url.h"
#include "db/db.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "module.h"

int64_t activities_param(const struct req *rq)
{
	return req_param_id(rq, "id");
}

const char *activities_href(const struct req *rq, int64_t id, const char *then)
{
	return url_path(rq->arena, "/activities/", arena_printf(rq->arena, "%lld", (long long)id), then ? then : "");
}

enum err activities_not_found(struct resp *rs)
{
	return resp_error_page(rs, 404, "Activity not found",
			       "There is no such activity, or it is not one of your hub's or yours.", "/activities",
			       "Activities");
}

enum err activities_refused(struct resp *rs, const char *title, const char *why, const struct activity *a,
			    const struct req *rq)
{
	return resp_error_page(rs, 403, title, why, activities_href(rq, a->id, NULL), a->title);
}

enum err activities_read_seen(struct db *db, struct req *rq, int64_t id, struct activity *a, struct activity_access *acc)
{
	enum err e = activity_read(db, rq->arena, id, rq->session, a);
	if (e)
		return e;
	*acc = activity_access_of(rq->session, a);
	return acc->see || acc->own ? ERR_OK : ERR_NOT_FOUND;
}

enum err activities_read_page(struct db *db, struct req *rq, int64_t id, struct activity *a, struct activity_access *acc,
			      bool *missing)
{
	enum err e = activities_read_seen(db, rq, id, a, acc);
	*missing = e == ERR_NOT_FOUND;
	return *missing ? ERR_OK : e;
}

enum err activities_page_refused(struct resp *rs, const struct req *rq, bool missing, const struct activity *a,
				 const char *title, const char *why)
{
	return missing ? activities_not_found(rs) : activities_refused(rs, title, why, a, rq);
}

const char *activities_years(const struct req *rq, int first, int last)
{
	char a[8], b[8];
	acyear_code(first, a);
	if (last <= first)
		return arena_strdup(rq->arena, a);
	acyear_code(last, b);
	return arena_printf(rq->arena, "%s to %s", a, b);
}

struct view {
	struct req *rq;
	int64_t id;
	struct activity a;
	struct activity_access acc;
	struct sessions_part sessions; /* sessions_part.c */
	void **parts; /* other capabilities' parts of the page (module.h), read */
};

static enum err page_read(struct db *db, void *ctx)
{
	struct view *v = ctx;
	enum err e = activities_read_seen(db, v->rq, v->id, &v->a, &v->acc);
	if (e || (e = sessions_part_read(db, v->rq->arena, v->id, &v->sessions)))
		return e;
	size_t n;
	const struct activity_part *p = module_activity_parts(&n);
	v->parts = arena_alloc(v->rq->arena, (n + 1) * sizeof(*v->parts));
	for (size_t i = 0; !e && i < n; i++)
		e = p[i].read(db, v->rq, &v->a, &v->acc, &v->parts[i]);
	return e;
}

/* The handbook's expectations, warned about and never enforced. */
static void warnings(struct html *w, const struct view *v)
{
	const struct activity *a = &v->a;
	struct arena *ar = v->rq->arena;
	if (!strcmp(a->status, "cancelled") || !v->acc.run)
		return;
	if (!a->nleads)
		govuk_warning_text(w, "No LLME leads it yet.");
	for (size_t i = 0; i < a->nleads; i++) {
		const struct activity_lead *l = &a->leads[i];
		if (!l->pd_lead || strcmp(l->pd_lead, "accredited"))
			govuk_warning_text(w, arena_printf(ar, "%s has not completed the PD Lead Programme. Everyone leading "
							       "hub activity completes the NCETM Professional Development "
							       "Lead Programme.", l->name));
		if (!strcmp(a->kind, "Targeted Support") && !l->sd_lead)
			govuk_warning_text(w, arena_printf(ar, "%s is not accredited or working towards accreditation as a "
							       "School Development Lead, which Targeted Support expects.",
							   l->name));
	}
	if (!a->mhlm_link_id && a->lead_hub_id)
		govuk_warning_text(w, "No MHLM link supports its leads yet.");
	int64_t counted = strcmp(a->capacity_of, "participants") ? a->n_schools : a->n_participants;
	if (a->capacity && counted > a->capacity)
		govuk_warning_text(w, arena_printf(ar, "It has %lld %s: more than its capacity of %lld.", (long long)counted,
						   a->capacity_of, (long long)a->capacity));
}

static void hub_list(struct html *w, const struct activity *a, const char *role)
{
	bool any = false;
	for (size_t i = 0; i < a->nhubs; i++) {
		if (strcmp(a->hubs[i].role, role))
			continue;
		if (any)
			H_RAW(w, ", ");
		html_text(w, a->hubs[i].name);
		any = true;
	}
	if (!any)
		H_RAW(w, "None");
}

static void summary(struct html *w, const struct view *v)
{
	const struct activity *a = &v->a;
	struct req *rq = v->rq;
	struct arena *ar = rq->arena;
	const char *edit = v->acc.manage && strcmp(a->status, "cancelled") && a->lead_hub_id
				   ? activities_href(rq, a->id, "/edit") : NULL;
	govuk_summary_begin(w);
	govuk_summary_row(w, "NCP", a->project_code ? arena_printf(ar, "%s: %s", a->project_code, a->project_title)
						    : "None: a local activity");
	govuk_summary_row(w, "Kind", a->kind);
	if (strcmp(a->cohort, "none"))
		govuk_summary_row(w, "Cohort",
				  arena_printf(ar, "%s%s%s%s", activities_term_name(activities_cohorts, ACTIVITIES_NCOHORTS, a->cohort),
					       a->region_name ? " in " : "", a->region_name ? a->region_name : "",
					       a->cohort_label ? arena_printf(ar, " (%s)", a->cohort_label) : ""));
	govuk_summary_row(w, "Lead hub", a->lead_hub_name ? a->lead_hub_name : "The national team");
	govuk_summary_row_begin(w, "Partner hubs");
	hub_list(w, a, "partner");
	if (v->acc.manage && strcmp(a->status, "cancelled"))
		govuk_summary_action(w, activities_href(rq, a->id, "/hubs"), "Change", "partner hubs");
	govuk_summary_row_end(w);
	govuk_summary_row(w, "Academic years", activities_years(rq, a->first_year, a->last_year));
	govuk_summary_row_begin(w, a->nleads == 1 ? "Lead" : "Leads");
	for (size_t i = 0; i < a->nleads; i++) {
		if (i)
			H_RAW(w, ", ");
		html_text(w, a->leads[i].name);
	}
	if (!a->nleads)
		H_RAW(w, "Not chosen yet");
	if (edit)
		govuk_summary_action(w, edit, "Change", "leads");
	govuk_summary_row_end(w);
	govuk_summary_row(w, "MHLM link", a->mhlm_link_name ? a->mhlm_link_name : "Not chosen yet");
	govuk_summary_row_begin(w, "Phases");
	for (size_t i = 0; i < a->nphases; i++) {
		if (i)
			H_RAW(w, ", ");
		html_text(w, a->phases[i]);
	}
	govuk_summary_row_end(w);
	govuk_summary_row(w, "Format", activities_term_name(activities_formats, ACTIVITIES_NFORMATS, a->format));
	govuk_summary_row(w, "Sessions",
			  a->planned_sessions ? arena_printf(ar, "%lld planned, %lld scheduled, %lld held", (long long)a->planned_sessions,
							     (long long)a->n_sessions, (long long)a->n_sessions_held)
					      : arena_printf(ar, "%lld scheduled, %lld held", (long long)a->n_sessions,
							     (long long)a->n_sessions_held));
	govuk_summary_row(w, "Capacity", a->capacity ? arena_printf(ar, "%lld %s", (long long)a->capacity, a->capacity_of)
						     : "No limit");
	govuk_summary_row_begin(w, "Status");
	html_text(w, activities_term_name(activities_statuses, ACTIVITIES_NSTATUSES, a->status));
	if (edit)
		govuk_summary_action(w, edit, "Change", "details");
	govuk_summary_row_end(w);
	if (a->continues_id) {
		govuk_summary_row_begin(w, "Continues");
		H_RAW(w, "<a class=\"govuk-link\"");
		H_ATTR(w, "href", activities_href(rq, a->continues_id, NULL));
		H_RAW(w, ">");
		html_text(w, a->continues_title);
		H_RAW(w, "</a>");
		govuk_summary_row_end(w);
	}
	if (a->continued_by) {
		govuk_summary_row_begin(w, "Continued by");
		H_RAW(w, "<a class=\"govuk-link\"");
		H_ATTR(w, "href", activities_href(rq, a->continued_by, NULL));
		H_RAW(w, ">The next year's activity</a>");
		govuk_summary_row_end(w);
	}
	govuk_summary_end(w);
}

static void counts(struct html *w, const struct view *v)
{
	const struct activity *a = &v->a;
	struct arena *ar = v->rq->arena;
	H_RAW(w, "<h2 class=\"govuk-heading-m\">Taking part</h2>\n");
	govuk_summary_begin(w);
	govuk_summary_row(w, "Schools", arena_printf(ar, "%lld", (long long)a->n_schools));
	govuk_summary_row(w, "Participants", arena_printf(ar, "%lld", (long long)a->n_participants));
	govuk_summary_end(w);
	if (a->nhubs > 1) {
		govuk_table_begin(w, "By hub", false, NULL, 0);
		govuk_table_head_begin(w);
		govuk_table_head(w, "Hub", false);
		govuk_table_head(w, "Role", false);
		govuk_table_head(w, "Schools", true);
		govuk_table_head(w, "Participants", true);
		govuk_table_head_end(w);
		for (size_t i = 0; i < a->nhubs; i++) {
			const struct activity_hub *h = &a->hubs[i];
			govuk_table_row_begin(w);
			govuk_table_cell(w, h->name);
			govuk_table_cell(w, !strcmp(h->role, "lead") ? "Lead hub" : !strcmp(h->role, "partner") ? "Partner"
											     : "Its schools take part");
			govuk_table_cell_number(w, h->n_schools);
			govuk_table_cell_number(w, h->n_participants);
			govuk_table_row_end(w);
		}
		govuk_table_end(w);
	}
}

static void actions(struct html *w, const struct view *v)
{
	const struct activity *a = &v->a;
	if (!v->acc.manage || !strcmp(a->status, "cancelled") || !a->lead_hub_id)
		return;
	H_RAW(w, "<div class=\"govuk-button-group\">\n");
	govuk_button(w, &(struct govuk_button){.text = "Change details", .href = activities_href(v->rq, a->id, "/edit"),
					       .variant = "secondary"});
	if (!a->continued_by) /* WP1: continuing */
		govuk_button(w, &(struct govuk_button){.text = "Continue it into the next year",
						       .href = activities_href(v->rq, a->id, "/continue"), .variant = "secondary"});
	govuk_button(w, &(struct govuk_button){.text = "Cancel this activity",
					       .href = activities_href(v->rq, a->id, "/cancel"), .variant = "warning"});
	H_RAW(w, "</div>\n");
}

static void render(struct resp *rs, struct view *v)
{
	struct req *rq = v->rq;
	const struct activity *a = &v->a;
	struct html w = resp_html(rs);
	const char *caption = arena_printf(rq->arena, "%s · %s", a->project_code ? a->project_code : "Local activity",
					   activities_years(rq, a->first_year, a->last_year));
	struct crumb crumbs[2] = {{"Activities", "/activities"}};
	size_t ncrumbs = 1;
	if (a->lead_hub_code && v->acc.see)
		crumbs[ncrumbs++] = (struct crumb){a->lead_hub_name, url_path(rq->arena, "/hubs/", a->lead_hub_code, "/activities")};
	page_begin(&w, &(struct page){.title = a->title, .nav = "/activities", .crumbs = crumbs, .ncrumbs = ncrumbs,
				      .caption = caption, .banner = session_banner(rq)});
	activities_subnav(&w, rq, a, &v->acc, "");
	if (!strcmp(a->status, "cancelled")) {
		H_RAW(&w, "<div class=\"govuk-inset-text\">This activity was cancelled: ");
		html_text(&w, a->cancel_reason);
		H_RAW(&w, "</div>\n");
	}
	warnings(&w, v);
	size_t nparts;
	const struct activity_part *parts = module_activity_parts(&nparts);
	for (size_t i = 0; i < nparts; i++)
		parts[i].render(&w, rq, a, v->parts[i]);
	if (v->acc.own) {
		H_RAW(&w, "<p class=\"govuk-body\">You take part in this activity: <a class=\"govuk-link\"");
		H_ATTR(&w, "href", activities_participant_href(rq, a->own_participant_id, NULL));
		H_RAW(&w, ">your place and attendance</a>.</p>\n");
	}
	summary(&w, v);
	/* Targeted Support (support_page.c): its school, level, days and cycle on a page of their own */
	if (v->acc.see && !strcmp(a->kind, "Targeted Support")) {
		H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
		H_ATTR(&w, "href", activities_href(rq, a->id, "/support"));
		H_RAW(&w, ">Its school's Targeted Support: level, days and cycle</a></p>\n");
	}
	if (v->acc.see)
		counts(&w, v);
	actions(&w, v);
	sessions_part_render(&w, rq, a, &v->acc, &v->sessions);
	page_end(&w);
}

enum err activities_page(struct req *rq, struct resp *rs)
{
	struct view v = {.rq = rq, .id = activities_param(rq)};
	if (!v.id)
		return activities_not_found(rs);
	enum err e = db_transact_named(rq->db, DB_READ, "activity_read", page_read, &v);
	if (e == ERR_NOT_FOUND)
		return activities_not_found(rs);
	if (e)
		return e;
	render(rs, &v);
	return ERR_OK;
}
