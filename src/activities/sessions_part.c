/*
 * sessions_part.c - the activity page's sessions and rates: its sessions
 * (when, where, the register's state) with "Schedule a session" for those
 * who run it, and the commitment and attendance rates (rates.c) of the
 * whole activity (a summary list), of each school and of each participant
 * (tables: they scroll sideways on a phone). A mark counts
 * by rates_mark_counts: its session held (the register taken, not
 * cancelled) on a day before the participant withdrew; the day is the
 * session's in Europe/London, worked out here, so the rule is one piece
 * of C, not SQL. Read in the activity page's one read transaction.
 */
#include <string.h>

#include "activities/activities.h"
#include "activities/pages.h"
#include "activities/rates.h"
#include "activities/sessions.h"
#include "core/arena.h"
#include "core/workdays.h"
#include "html/govuk.h"
#include "html/html.h"

enum err sessions_part_read(struct db *db, struct arena *a, int64_t activity_id, struct sessions_part *out)
{
	*out = (struct sessions_part){0};
	enum err e = activity_sessions_of(db, a, activity_id, &out->sessions, &out->nsessions);
	if (e || (e = activity_people_all(db, a, activity_id, &out->people, &out->npeople)))
		return e;
	return activity_marks_all(db, a, activity_id, &out->marks, &out->nmarks);
}

static void add_mark(struct mark_counts *c, const char *mark)
{
	if (!strcmp(mark, "present"))
		c->present++;
	else if (!strcmp(mark, "late"))
		c->late++;
	else if (!strcmp(mark, "absent"))
		c->absent++;
	else if (!strcmp(mark, "apologies"))
		c->apologies++;
}

/* Each participant's counts (counts[i] for p->people[i]), by rates_mark_counts. */
static struct mark_counts *counts_of(struct arena *a, const struct sessions_part *p)
{
	struct mark_counts *c = arena_alloc(a, (p->npeople + 1) * sizeof(*c));
	memset(c, 0, (p->npeople + 1) * sizeof(*c));
	for (size_t k = 0; k < p->nmarks; k++) {
		const struct activity_mark *m = &p->marks[k];
		const struct activity_session *s = NULL;
		for (size_t i = 0; !s && i < p->nsessions; i++)
			if (p->sessions[i].id == m->session_id)
				s = &p->sessions[i];
		size_t who = p->npeople;
		for (size_t i = 0; who == p->npeople && i < p->npeople; i++)
			if (p->people[i].participant_id == m->participant_id)
				who = i;
		if (!s || who == p->npeople)
			continue;
		char day[11];
		london_from_unix(s->starts_at, day, NULL);
		if (rates_mark_counts(s->register_taken_at != 0, s->cancelled_at != 0, day, p->people[who].left_on))
			add_mark(&c[who], m->mark);
	}
	return c;
}

static void rate_cells(struct html *w, struct arena *a, const struct mark_counts *c)
{
	struct rates r = rates_of(c);
	govuk_table_cell(w, rates_text(a, &r, true));
	govuk_table_cell(w, rates_text(a, &r, false));
	govuk_table_cell_number(w, r.counted);
}

static void rate_heads(struct html *w, const char *first)
{
	govuk_table_head_begin(w);
	govuk_table_head(w, first, false);
	govuk_table_head(w, "Commitment", false);
	govuk_table_head(w, "Attendance", false);
	govuk_table_head(w, "Marks counted", true);
	govuk_table_head_end(w);
}

static void rates_section(struct html *w, struct req *rq, const struct activity_access *acc, const struct sessions_part *p)
{
	struct arena *a = rq->arena;
	struct mark_counts *c = counts_of(a, p), all = {0};
	bool *shown = arena_alloc(a, (p->npeople + 1) * sizeof(*shown));
	for (size_t i = 0; i < p->npeople; i++) {
		shown[i] = acc->people && (!acc->people_hub || p->people[i].hub_id == acc->people_hub);
		rates_add(&all, &c[i]);
	}
	H_RAW(w, "<h2 class=\"govuk-heading-m\" id=\"rates\">Commitment and attendance</h2>\n"
		 "<p class=\"govuk-body\">Commitment is the share of marks that attended or gave apologies; attendance, the "
		 "share that attended (late counts as attended). Only sessions whose register has been taken count, and "
		 "only until a participant withdrew.</p>\n");
	if (rates_of(&all).none) {
		H_RAW(w, "<p class=\"govuk-body\">No registers have been taken yet.</p>\n");
		return;
	}
	/* the whole activity's: a summary list, which a phone shows whole (a table of
	 * these four columns is wider than 390 px, and its rates went out of view) */
	struct rates r = rates_of(&all);
	govuk_summary_begin(w);
	govuk_summary_row(w, "Commitment", rates_text(a, &r, true));
	govuk_summary_row(w, "Attendance", rates_text(a, &r, false));
	govuk_summary_row(w, "Marks counted", arena_printf(a, "%ld", r.counted));
	govuk_summary_end(w);
	bool any = false;
	for (size_t i = 0; i < p->npeople; i++)
		any |= shown[i];
	if (!any)
		return;
	/* by school: each school once, in the people's order (by name) */
	govuk_table_begin(w, "By school", false, NULL, 0);
	rate_heads(w, "School");
	for (size_t i = 0; i < p->npeople; i++) {
		if (!shown[i])
			continue;
		const char *urn = p->people[i].school_urn;
		bool first = true;
		for (size_t k = 0; first && k < i; k++)
			first = !shown[k] || (urn ? !p->people[k].school_urn || strcmp(p->people[k].school_urn, urn)
						  : p->people[k].school_urn != NULL);
		if (!first)
			continue;
		struct mark_counts sum = {0};
		for (size_t k = i; k < p->npeople; k++)
			if (shown[k] && (urn ? p->people[k].school_urn && !strcmp(p->people[k].school_urn, urn)
					     : !p->people[k].school_urn))
				rates_add(&sum, &c[k]);
		govuk_table_row_begin(w);
		govuk_table_cell(w, urn ? p->people[i].school_name ? p->people[i].school_name : urn : "No school");
		rate_cells(w, a, &sum);
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
	govuk_table_begin(w, "By participant", false, NULL, 0);
	rate_heads(w, "Participant");
	for (size_t i = 0; i < p->npeople; i++) {
		if (!shown[i])
			continue;
		govuk_table_row_begin(w);
		govuk_table_cell(w, p->people[i].left_on ? arena_printf(a, "%s (withdrew %s)", p->people[i].name,
									  activities_day(a, p->people[i].left_on))
							 : p->people[i].name);
		rate_cells(w, a, &c[i]);
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
}

static const char *state_of(const struct activity_session *s)
{
	if (s->cancelled_at)
		return "Cancelled";
	if (s->register_taken_at)
		return "Register taken";
	return "Register not taken";
}

void sessions_part_render(struct html *w, struct req *rq, const struct activity *a, const struct activity_access *acc,
			  const struct sessions_part *p)
{
	struct arena *ar = rq->arena;
	H_RAW(w, "<h2 class=\"govuk-heading-m\" id=\"sessions\">Sessions</h2>\n");
	if (!p->nsessions)
		H_RAW(w, "<p class=\"govuk-body\">No sessions have been scheduled yet.</p>\n");
	if (p->nsessions) {
		static const char *const heads[] = {"When", "Where", "Register"};
		govuk_table_begin(w, "Sessions", true, heads, acc->see ? 3 : 2);
		for (size_t i = 0; i < p->nsessions; i++) {
			const struct activity_session *s = &p->sessions[i];
			govuk_table_row_begin(w);
			govuk_table_cell_link(w, session_when(ar, s), sessions_href(rq, s->id, NULL));
			govuk_table_cell(w, session_where(ar, s));
			if (acc->see)
				govuk_table_cell(w, state_of(s));
			govuk_table_row_end(w);
		}
		govuk_table_end(w);
	}
	if (acc->run && strcmp(a->status, "cancelled")) {
		H_RAW(w, "<div class=\"govuk-button-group\">");
		govuk_button(w, &(struct govuk_button){.text = "Schedule a session",
						       .href = activities_href(rq, a->id, "/sessions/new"), .variant = "secondary"});
		H_RAW(w, "</div>\n");
	}
	if (acc->run && p->nsessions) {
		H_RAW(w, "<ul class=\"govuk-list\"><li><a class=\"govuk-link\"");
		H_ATTR(w, "href", activities_href(rq, a->id, "/register.csv"));
		H_RAW(w, ">Download the register (CSV)</a></li><li><a class=\"govuk-link\"");
		H_ATTR(w, "href", activities_href(rq, a->id, "/register.xlsx"));
		H_RAW(w, ">Download the register (Excel)</a></li></ul>\n");
	}
	if (acc->see)
		rates_section(w, rq, acc, p);
}
