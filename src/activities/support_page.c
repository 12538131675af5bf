/*
 * support_page.c - /activities/{id}/support: a Targeted Support activity's
 * school, level (and its history), agreed days and the days its sessions
 * have used, its development focus, the cycle as a task list (explore,
 * plan, deliver, evaluate: each stage's status from its dates), and the
 * school's Targeted Support across years. Until it is set up, those who
 * run it see the set-up form (support_setup.c). Whoever may see the
 * activity reads it; warnings (an LLME who is not an SD Lead, days used
 * beyond those agreed) are shown, never enforced.
 */
#include <string.h>

#include "activities/activities.h"
#include "activities/pages.h"
#include "activities/support.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/url.h"
#include "core/workdays.h"
#include "db/db.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"

void support_today(char today[11])
{
	london_from_unix(clock_now(), today, NULL);
}

enum err support_not_targeted(struct resp *rs, const struct req *rq, const struct activity *a)
{
	return resp_error_page(rs, 404, "Not Targeted Support",
			       "Only a Targeted Support activity has a school's support: its level, days and cycle.",
			       activities_href(rq, a->id, NULL), a->title);
}

struct view {
	struct req *rq;
	int64_t id;
	struct activity a;
	struct activity_access acc;
	struct support s;
	char today[11];
};

static enum err support_page_read(struct db *db, void *ctx)
{
	struct view *v = ctx;
	enum err e = activities_read_seen(db, v->rq, v->id, &v->a, &v->acc);
	if (e || !v->acc.see || strcmp(v->a.kind, "Targeted Support"))
		return e;
	return support_read(db, v->rq->arena, v->id, clock_now(), true, &v->s);
}

static const char *day_text(struct arena *a, const char *ymd)
{
	char out[24];
	return clock_format_day(ymd, out) ? arena_strdup(a, out) : ymd;
}

static const char *days(struct arena *a, int64_t half_days)
{
	char out[24];
	return arena_strdup(a, support_days_text(half_days, out));
}

/* "4½ of 8 agreed days used" */
static const char *used_text(struct arena *a, int64_t used, int64_t agreed)
{
	return arena_printf(a, "%s of %s agreed %s used", days(a, used), days(a, agreed), agreed == 2 ? "day" : "days");
}

static const char *level_name(const char *key)
{
	return activities_term_name(activities_levels, ACTIVITIES_NLEVELS, key);
}

/* The handbook's expectations, warned about and never enforced. */
static void warnings(struct html *w, const struct view *v)
{
	const struct activity *a = &v->a;
	struct arena *ar = v->rq->arena;
	if (!strcmp(a->status, "cancelled") || !v->acc.run)
		return;
	if (!a->nleads)
		govuk_warning_text(w, "No LLME leads it yet. Targeted Support is led by a School Development Lead.");
	for (size_t i = 0; i < a->nleads; i++)
		if (!a->leads[i].sd_lead)
			govuk_warning_text(w, arena_printf(ar, "%s is not accredited or working towards accreditation as a "
							       "School Development Lead, which Targeted Support expects.",
							   a->leads[i].name));
	if (v->s.set_up && v->s.used_half_days > v->s.agreed_half_days)
		govuk_warning_text(w, arena_printf(ar, "Its sessions have used %s days: more than the %s days agreed.",
						   days(ar, v->s.used_half_days), days(ar, v->s.agreed_half_days)));
}

static void summary(struct html *w, const struct view *v)
{
	const struct support *s = &v->s;
	struct req *rq = v->rq;
	struct arena *ar = rq->arena;
	bool open = strcmp(v->a.status, "cancelled") != 0;
	const char *details = open && v->acc.run ? activities_href(rq, v->id, "/support/details") : NULL;
	govuk_summary_begin(w);
	govuk_summary_row_begin(w, "School");
	H_RAW(w, "<a class=\"govuk-link\"");
	H_ATTR(w, "href", url_path(ar, "/schools/", s->urn, ""));
	H_RAW(w, ">");
	html_text(w, s->school_name ? s->school_name : s->urn);
	H_RAW(w, "</a> (URN ");
	html_text(w, s->urn);
	H_RAW(w, ")");
	govuk_summary_row_end(w);
	govuk_summary_row(w, "The school's hub", s->school_hub_name ? s->school_hub_name : "Not in a hub's area");
	govuk_summary_row_begin(w, "Level");
	html_text(w, level_name(s->level));
	if (open && v->acc.manage)
		govuk_summary_action(w, activities_href(rq, v->id, "/support/level"), "Change", "level");
	govuk_summary_row_end(w);
	govuk_summary_row_begin(w, "Agreed days");
	html_text(w, days(ar, s->agreed_half_days));
	if (details)
		govuk_summary_action(w, details, "Change", "agreed days");
	govuk_summary_row_end(w);
	govuk_summary_row_begin(w, "Days used");
	html_text(w, used_text(ar, s->used_half_days, s->agreed_half_days));
	if (s->planned_half_days) {
		H_RAW(w, "<br><span class=\"govuk-hint\">");
		html_text(w, arena_printf(ar, "And %s in sessions to come", days(ar, s->planned_half_days)));
		H_RAW(w, "</span>");
	}
	govuk_summary_row_end(w);
	govuk_summary_row_begin(w, "Development focus");
	if (s->focus && s->focus[0]) {
		H_RAW(w, "<span class=\"mh-pre-line\">");
		html_text(w, s->focus);
		H_RAW(w, "</span>");
	} else {
		H_RAW(w, "Not agreed yet");
	}
	if (details)
		govuk_summary_action(w, details, "Change", "development focus");
	govuk_summary_row_end(w);
	govuk_summary_end(w);
}

static const char *stage_dates(struct arena *ar, const struct support_stage *st)
{
	if (st->starts_on && st->ends_on)
		return arena_printf(ar, "%s to %s", day_text(ar, st->starts_on), day_text(ar, st->ends_on));
	if (st->starts_on)
		return arena_printf(ar, "From %s", day_text(ar, st->starts_on));
	if (st->ends_on)
		return arena_printf(ar, "Until %s", day_text(ar, st->ends_on));
	return "No dates yet";
}

static void cycle(struct html *w, const struct view *v)
{
	struct req *rq = v->rq;
	struct arena *ar = rq->arena;
	bool edit = v->acc.run && strcmp(v->a.status, "cancelled");
	H_RAW(w, "<h2 class=\"govuk-heading-m\">The cycle</h2>\n<p class=\"govuk-body\">The school's leaders and the LLME "
		 "explore, plan, deliver and evaluate the development focus together.</p>\n");
	struct govuk_task tasks[ACTIVITIES_NSTAGES];
	for (int i = 0; i < ACTIVITIES_NSTAGES; i++) {
		const struct support_stage *st = &v->s.stages[i];
		enum support_status status = support_stage_status(st->starts_on, st->ends_on, v->today);
		tasks[i] = (struct govuk_task){
			.name = activities_cycle[i].name,
			.href = edit ? activities_href(rq, v->id, arena_printf(ar, "/support/cycle/%s", activities_cycle[i].key))
				     : NULL,
			.hint = stage_dates(ar, st), .status = support_status_name(status),
			.tag_colour = status == SUPPORT_COMPLETED ? NULL : status == SUPPORT_IN_PROGRESS ? "light-blue" : "blue"};
	}
	govuk_task_list(w, "cycle", tasks, ACTIVITIES_NSTAGES);
	/* its notes, for those who read them here rather than on each stage's page */
	bool any = false;
	for (int i = 0; i < ACTIVITIES_NSTAGES; i++)
		any |= v->s.stages[i].notes && v->s.stages[i].notes[0];
	if (!any)
		return;
	H_RAW(w, "<h3 class=\"govuk-heading-s\">Notes</h3>\n");
	govuk_summary_begin(w);
	for (int i = 0; i < ACTIVITIES_NSTAGES; i++) {
		const struct support_stage *st = &v->s.stages[i];
		if (!st->notes || !st->notes[0])
			continue;
		govuk_summary_row_begin(w, activities_cycle[i].name);
		H_RAW(w, "<span class=\"mh-pre-line\">");
		html_text(w, st->notes);
		H_RAW(w, "</span>");
		govuk_summary_row_end(w);
	}
	govuk_summary_end(w);
}

static void levels(struct html *w, const struct view *v)
{
	struct arena *ar = v->rq->arena;
	govuk_table_begin(w, "Its level", false, NULL, 0);
	govuk_table_head_begin(w);
	govuk_table_head(w, "From", false);
	govuk_table_head(w, "Level", false);
	govuk_table_head(w, "Why", false);
	govuk_table_head(w, "Set by", false);
	govuk_table_head_end(w);
	for (size_t i = v->s.nlevels; i-- > 0;) {
		const struct support_level *l = &v->s.levels[i];
		govuk_table_row_begin(w);
		govuk_table_cell(w, day_text(ar, l->from_on));
		govuk_table_cell(w, level_name(l->level));
		govuk_table_cell(w, l->reason[0] ? l->reason : i == 0 ? "Set up" : "");
		govuk_table_cell(w, l->set_by_name ? l->set_by_name : "");
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
}

/* "Intensive from 1 September 2025, then Standard from 14 April 2026" */
static const char *levels_text(struct arena *ar, const struct support_past *p)
{
	if (!p->nlevels)
		return level_name(p->level);
	const char *out = "";
	for (size_t i = 0; i < p->nlevels; i++)
		out = arena_printf(ar, "%s%s%s from %s", out, i ? ", then " : "", level_name(p->levels[i].level),
				   day_text(ar, p->levels[i].from_on));
	return out;
}

static void history(struct html *w, const struct view *v)
{
	struct req *rq = v->rq;
	struct arena *ar = rq->arena;
	govuk_table_begin(w, "The school's Targeted Support", false, NULL, 0);
	govuk_table_head_begin(w);
	govuk_table_head(w, "Year", false);
	govuk_table_head(w, "Activity", false);
	govuk_table_head(w, "Lead hub", false);
	govuk_table_head(w, "Level", false);
	govuk_table_head(w, "Days used", false);
	govuk_table_head_end(w);
	for (size_t i = 0; i < v->s.npast; i++) {
		const struct support_past *p = &v->s.past[i];
		govuk_table_row_begin(w);
		govuk_table_cell(w, activities_years(rq, p->first_year, p->last_year));
		if (p->activity_id == v->id) {
			govuk_table_cell(w, arena_printf(ar, "%s (this one)", p->title));
		} else {
			govuk_table_cell_begin(w);
			H_RAW(w, "<a class=\"govuk-link\"");
			H_ATTR(w, "href", activities_href(rq, p->activity_id, "/support"));
			H_RAW(w, ">");
			html_text(w, p->title);
			H_RAW(w, "</a>");
			if (!strcmp(p->status, "cancelled"))
				H_RAW(w, " (cancelled)");
			govuk_table_cell_end(w);
		}
		govuk_table_cell(w, p->hub_name ? p->hub_name : "");
		govuk_table_cell(w, levels_text(ar, p));
		govuk_table_cell(w, used_text(ar, p->used_half_days, p->agreed_half_days));
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
}

static void render(struct resp *rs, struct view *v)
{
	struct req *rq = v->rq;
	const struct activity *a = &v->a;
	struct html w = resp_html(rs);
	struct crumb crumbs[2] = {{"Activities", "/activities"}, {a->title, activities_href(rq, a->id, NULL)}};
	page_begin(&w, &(struct page){.title = "Targeted Support", .nav = "/activities", .crumbs = crumbs, .ncrumbs = 2,
				      .caption = arena_printf(rq->arena, "%s · %s", a->title,
							      activities_years(rq, a->first_year, a->last_year)),
				      .banner = session_banner(rq)});
	if (!strcmp(a->status, "cancelled")) {
		H_RAW(&w, "<div class=\"govuk-inset-text\">This activity was cancelled: ");
		html_text(&w, a->cancel_reason);
		H_RAW(&w, "</div>\n");
	}
	warnings(&w, v);
	if (!v->s.set_up) {
		if (v->acc.run && strcmp(a->status, "cancelled"))
			support_setup_form(&w, rq, a, &v->s);
		else
			H_RAW(&w, "<p class=\"govuk-body\">Its school, level and agreed days have not been set up yet.</p>\n");
		page_end(&w);
		return;
	}
	summary(&w, v);
	cycle(&w, v);
	levels(&w, v);
	history(&w, v);
	page_end(&w);
}

enum err activities_support(struct req *rq, struct resp *rs)
{
	struct view v = {.rq = rq, .id = activities_param(rq)};
	if (!v.id)
		return activities_not_found(rs);
	enum err e = db_transact_named(rq->db, DB_READ, "support_read", support_page_read, &v);
	if (e == ERR_NOT_FOUND)
		return activities_not_found(rs);
	if (e)
		return e;
	if (!v.acc.see)
		return activities_refused(rs, "You cannot see this support",
					  "Its leads and the hubs that run it keep its Targeted Support.", &v.a, rq);
	if (strcmp(v.a.kind, "Targeted Support"))
		return support_not_targeted(rs, rq, &v.a);
	support_today(v.today);
	render(rs, &v);
	return ERR_OK;
}
