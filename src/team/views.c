/* views.c - see views.h. */
#include "team/views.h"

#include <string.h>

#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/url.h"
#include "html/govuk.h"
#include "http/request.h"
#include "registry/registry.h"
#include "team/scope.h"
#include "team/team.h"

static const char *year_text(struct req *rq, int year)
{
	char code[8];
	acyear_code(year, code);
	return arena_strdup(rq->arena, code);
}

static const char *person_path(struct req *rq, int64_t id, const char *then)
{
	return url_path(rq->arena, "/admin/people/", arena_printf(rq->arena, "%lld", (long long)id), then ? then : "");
}

const char *team_accreditation_text(struct req *rq, const struct team_accreditation *a, bool capital)
{
	char day[24];
	clock_format_day(a->since, day);
	return !strcmp(a->state, "accredited") ? arena_printf(rq->arena, "%sccredited on %s", capital ? "A" : "a", day)
					       : arena_printf(rq->arena, "%sorking towards it since %s", capital ? "W" : "w", day);
}

/* "PD Lead: accredited on ..." for a list of someone's accreditations. */
static void accreditations_list(struct html *w, struct req *rq, const struct team_accreditation *acc, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			H_RAW(w, "<br>");
		html_textf(w, "%s: %s", team_accreditation_short(acc[i].key), team_accreditation_text(rq, &acc[i], false));
	}
}

/* A role as the team page names it: "Assistant Maths Hub Lead (Primary)". */
static const char *leader_role(struct req *rq, const struct team_leader *l)
{
	if (l->role != ROLE_AMHL)
		return role_name(l->role);
	return arena_printf(rq->arena, "%s (%s)", role_name(l->role), l->phase ? l->phase : "phase not set");
}

static void leadership(struct html *w, struct req *rq, const struct team_page *t, bool may_manage, bool may_people)
{
	H_RAW(w, "<h2 class=\"govuk-heading-m\">Leadership team</h2>\n");
	if (!t->nleaders) {
		H_RAW(w, "<p class=\"govuk-body\">No one has a leadership role in this hub yet. The national team gives these roles.</p>\n");
		return;
	}
	govuk_summary_begin(w);
	for (size_t i = 0; i < t->nleaders; i++) {
		const struct team_leader *l = &t->leaders[i];
		govuk_summary_row_begin(w, leader_role(rq, l));
		if (may_people) {
			H_RAW(w, "<a class=\"govuk-link\"");
			H_ATTR(w, "href", person_path(rq, l->person_id, NULL));
			H_RAW(w, ">");
			html_text(w, l->name);
			H_RAW(w, "</a>");
		} else {
			html_text(w, l->name);
		}
		H_RAW(w, "<br><span class=\"mh-secondary\">");
		html_text(w, l->email);
		H_RAW(w, "</span>");
		if (l->role == ROLE_AMHL && may_manage)
			govuk_summary_action(w, person_path(rq, l->person_id, arena_printf(rq->arena, "/roles/%lld/phase", (long long)l->grant_id)),
					     l->phase ? "Change phase" : "Set phase", l->name);
		govuk_summary_row_end(w);
	}
	govuk_summary_end(w);
}

static void active_count(struct html *w, struct req *rq, const struct team_page *t)
{
	const char *year = year_text(rq, t->year);
	H_RAW(w, "<h2 class=\"govuk-heading-m\">Active LLMEs in ");
	html_text(w, year);
	H_RAW(w, "</h2>\n<p class=\"govuk-body\"><span class=\"govuk-!-font-size-48 govuk-!-font-weight-bold\">");
	html_textf(w, "%lld", (long long)t->active);
	H_RAW(w, "</span> ");
	html_textf(w, "active LLME%s, against the goal of at least %d in every hub. ", t->active == 1 ? "" : "s", TEAM_ACTIVE_GOAL);
	if (t->active >= TEAM_ACTIVE_GOAL)
		govuk_tag(w, "Goal met", "green");
	else
		govuk_tag(w, arena_printf(rq->arena, "%lld more needed", (long long)(TEAM_ACTIVE_GOAL - t->active)), "yellow");
	/* the words of TEAM_ACTIVE_SQL (queries.c): change both together */
	H_RAW(w, "</p>\n<div class=\"govuk-inset-text\">An LLME is <strong>active</strong> in a year when they hold a designation "
		 "in this hub for that year, or lead one of its activities that year. Activities are not recorded in this service yet: "
		 "they will count once they are, and until then only designations count. People who have been deactivated do not count.</div>\n");
}

static void community_leads(struct html *w, struct req *rq, const struct team_page *t, bool may_manage)
{
	const char *year = year_text(rq, t->year);
	H_RAW(w, "<h2 class=\"govuk-heading-m\">LLME Community leads in ");
	html_text(w, year);
	H_RAW(w, "</h2>\n<p class=\"govuk-body\">Three senior members lead the hub&#39;s LLME Community, usually the Maths Hub Lead and two Assistant Maths Hub Leads.</p>\n");
	if (!t->nleads) {
		H_RAW(w, "<p class=\"govuk-body\">Not chosen yet.</p>\n");
	} else {
		H_RAW(w, "<ul class=\"govuk-list govuk-list--bullet\">");
		for (size_t i = 0; i < t->nleads; i++) {
			H_RAW(w, "<li>");
			html_text(w, t->leads[i].name);
			for (size_t k = 0; k < t->nleaders; k++)
				if (t->leaders[k].person_id == t->leads[i].id) {
					html_textf(w, ", %s", leader_role(rq, &t->leaders[k]));
					break;
				}
			H_RAW(w, "</li>");
		}
		H_RAW(w, "</ul>\n");
	}
	if (!may_manage)
		return;
	const char *base = url_path(rq->arena, "/hubs/", t->hub.code, "/team/community-leads");
	H_RAW(w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
	H_ATTR(w, "href", base);
	if (t->nleads)
		H_RAW(w, ">Change the LLME Community leads<span class=\"govuk-visually-hidden\"> for ");
	else
		H_RAW(w, ">Choose the LLME Community leads<span class=\"govuk-visually-hidden\"> for ");
	html_text(w, year);
	H_RAW(w, "</span></a> or <a class=\"govuk-link\"");
	H_ATTR(w, "href", arena_printf(rq->arena, "%s?year=%d", base, t->year + 1));
	H_RAW(w, ">choose them for ");
	html_text(w, year_text(rq, t->year + 1));
	H_RAW(w, "</a></p>\n");
}

static void llmes(struct html *w, struct req *rq, const struct team_page *t, bool may_people)
{
	const char *year = year_text(rq, t->year);
	H_RAW(w, "<h2 class=\"govuk-heading-m\">LLMEs in ");
	html_text(w, year);
	H_RAW(w, "</h2>\n");
	if (!t->nllmes) {
		H_RAW(w, "<p class=\"govuk-body\">No LLMEs yet: the hub&#39;s leadership team adds them on the People page.</p>\n");
		return;
	}
	H_RAW(w, "<p class=\"govuk-body\">Everyone with the LLME role in this hub, and anyone who holds one of its designations this year.</p>\n");
	bool may_edit = team_may(rq, CAP_PEOPLE_EDIT, t->hub.id); /* their school: the people of the hub */
	/* two columns, so that the table fits a phone without scrolling */
	static const char *const heads[] = {"LLME", "Designations and accreditations"};
	govuk_table_begin(w, arena_printf(rq->arena, "LLMEs in %s", year), true, heads, 2);
	for (size_t i = 0; i < t->nllmes; i++) {
		const struct team_llme *l = &t->llmes[i];
		govuk_table_row_begin(w);
		H_RAW(w, "<th scope=\"row\" class=\"govuk-table__header\">");
		if (may_people) {
			H_RAW(w, "<a class=\"govuk-link\"");
			H_ATTR(w, "href", person_path(rq, l->id, NULL));
			H_RAW(w, ">");
			html_text(w, l->name);
			H_RAW(w, "</a>");
		} else {
			html_text(w, l->name);
		}
		if (l->job_title[0] || l->school[0]) {
			H_RAW(w, "<br><span class=\"mh-secondary govuk-!-font-weight-regular\">");
			html_textf(w, "%s%s%s", l->job_title, l->job_title[0] && l->school[0] ? ", " : "", l->school);
			H_RAW(w, "</span>");
		}
		if (l->closed) { /* their school has closed: what replaced it, and that it should be changed */
			H_RAW(w, "<div class=\"govuk-!-font-weight-regular\">");
			school_ref_closed(w, rq->arena, l->closed, may_edit && l->member ? person_path(rq, l->id, "/details") : NULL);
			H_RAW(w, "</div>");
		}
		H_RAW(w, "</th>");
		govuk_table_cell_begin(w);
		for (size_t k = 0; k < l->ndesignations; k++) {
			if (k)
				H_RAW(w, "<br>");
			html_text(w, team_designation_name(l->designations[k]));
		}
		if (!l->ndesignations)
			html_textf(w, "No designation in %s", year);
		if (l->nacc) {
			H_RAW(w, "<br><span class=\"mh-secondary\">");
			accreditations_list(w, rq, l->acc, l->nacc);
			H_RAW(w, "</span>");
		}
		govuk_table_cell_end(w);
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
}

void team_page_view(struct html *w, struct req *rq, const struct team_page *t, bool may_manage, bool may_people)
{
	leadership(w, rq, t, may_manage, may_people);
	H_RAW(w, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	active_count(w, rq, t);
	community_leads(w, rq, t, may_manage);
	H_RAW(w, "</div></div>\n");
	llmes(w, rq, t, may_people);
	if (may_manage) { /* the events' page of their funded national-workshop days (src/events/funded_days.c) */
		H_RAW(w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
		H_ATTR(w, "href", url_path(rq->arena, "/hubs/", t->hub.code, "/funded-days"));
		H_RAW(w, ">The LLMEs&#39; funded national-workshop days this year</a></p>\n");
	}
}

/* ---- the LLME part of a person's page ---- */

static void designations(struct html *w, struct req *rq, const struct team_person *p, bool may_add)
{
	H_RAW(w, "<h2 class=\"govuk-heading-m\">LLME designations</h2>\n");
	if (!p->ndesignations)
		H_RAW(w, "<p class=\"govuk-body\">No designations.</p>\n");
	static const char *const heads[] = {"Designation", "Hub", "Remove"};
	bool removing = false; /* a column of Remove buttons when any can be removed */
	for (size_t i = 0; i < p->ndesignations; i++)
		removing |= p->active && team_may(rq, CAP_DESIGNATIONS_MANAGE, p->designations[i].hub_id);
	for (size_t i = 0; i < p->ndesignations; i++) {
		const struct team_designation *d = &p->designations[i];
		bool may_remove = p->active && team_may(rq, CAP_DESIGNATIONS_MANAGE, d->hub_id);
		if (i == 0 || d->year != p->designations[i - 1].year) {
			H_RAW(w, "<h3 class=\"govuk-heading-s\">");
			html_text(w, year_text(rq, d->year));
			H_RAW(w, "</h3>\n");
			govuk_table_begin(w, arena_printf(rq->arena, "Designations in %s", year_text(rq, d->year)), true, heads,
					  removing ? 3 : 2);
		}
		govuk_table_row_begin(w);
		H_RAW(w, "<th scope=\"row\" class=\"govuk-table__header\">");
		html_text(w, team_designation_name(d->key));
		H_RAW(w, "</th>");
		govuk_table_cell(w, arena_printf(rq->arena, "%s (%s)", d->hub_name, d->hub_code));
		if (may_remove) { /* to the page that asks them to confirm it (removals.c) */
			govuk_table_cell_begin(w);
			H_RAW(w, "<a class=\"govuk-link\"");
			H_ATTR(w, "href", person_path(rq, p->id, arena_printf(rq->arena, "/designations/%lld/remove", (long long)d->id)));
			H_RAW(w, ">Remove<span class=\"govuk-visually-hidden\"> ");
			html_textf(w, "%s, %s", team_designation_name(d->key), year_text(rq, d->year));
			H_RAW(w, "</span></a>");
			govuk_table_cell_end(w);
		} else if (removing) {
			govuk_table_cell(w, "");
		}
		govuk_table_row_end(w);
		if (i + 1 == p->ndesignations || p->designations[i + 1].year != d->year)
			govuk_table_end(w);
	}
	if (may_add)
		govuk_button(w, &(struct govuk_button){.text = "Add a designation", .href = person_path(rq, p->id, "/designations"),
						       .variant = "secondary"});
}

static void accreditations(struct html *w, struct req *rq, const struct team_person *p, bool may_change)
{
	static const char *const which[TEAM_NACCREDITATIONS] = {"/accreditations/pd-lead", "/accreditations/sd-lead"};
	H_RAW(w, "<h2 class=\"govuk-heading-m\">Accreditations</h2>\n");
	govuk_summary_begin(w);
	for (size_t k = 0; k < TEAM_NACCREDITATIONS; k++) {
		const struct team_accreditation *held = NULL;
		for (size_t i = 0; i < p->nacc; i++)
			if (!strcmp(p->acc[i].key, team_accreditations[k].key))
				held = &p->acc[i];
		govuk_summary_row_begin(w, team_accreditations[k].name);
		html_text(w, held ? team_accreditation_text(rq, held, true) : "Not started");
		if (may_change)
			govuk_summary_action(w, person_path(rq, p->id, which[k]), "Change", team_accreditations[k].name);
		govuk_summary_row_end(w);
	}
	govuk_summary_end(w);
}

static void phases(struct html *w, struct req *rq, const struct team_person *p)
{
	bool any = false;
	for (size_t i = 0; i < p->nroles; i++) {
		const struct team_hub_role *r = &p->roles[i];
		if (r->role != ROLE_AMHL)
			continue;
		if (!any) {
			H_RAW(w, "<h2 class=\"govuk-heading-m\">Assistant Maths Hub Lead phase</h2>\n");
			govuk_summary_begin(w);
		}
		any = true;
		const char *hub = arena_printf(rq->arena, "%s (%s)", r->hub_name, r->hub_code);
		govuk_summary_row_begin(w, hub);
		html_text(w, r->phase ? r->phase : "Not set");
		if (p->active && team_may(rq, CAP_DESIGNATIONS_MANAGE, r->hub_id))
			govuk_summary_action(w, person_path(rq, p->id, arena_printf(rq->arena, "/roles/%lld/phase", (long long)r->grant_id)),
					     "Change", arena_printf(rq->arena, "phase in %s", hub));
		govuk_summary_row_end(w);
	}
	if (any)
		govuk_summary_end(w);
}

void team_person_view(struct html *w, struct req *rq, const struct team_person *p)
{
	bool on_team = false;
	for (size_t i = 0; i < p->nroles; i++)
		on_team |= team_role(p->roles[i].role);
	if (!on_team && !p->ndesignations && !p->nacc)
		return; /* not an LLME nor a hub's leader: nothing to show */
	bool may = p->active && team_may_person(rq, p);
	designations(w, rq, p, may);
	accreditations(w, rq, p, may);
	phases(w, rq, p);
	H_RAW(w, "<h2 class=\"govuk-heading-m\">Elements of expertise</h2>\n"
		 "<p class=\"govuk-body\">Every LLME has and is developing all three elements of expertise:</p>\n"
		 "<ul class=\"govuk-list govuk-list--bullet\">");
	for (size_t i = 0; i < 3; i++) {
		H_RAW(w, "<li>");
		html_text(w, team_expertise[i]);
		H_RAW(w, "</li>");
	}
	H_RAW(w, "</ul>\n");
}
