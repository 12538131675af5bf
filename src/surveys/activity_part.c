/*
 * activity_part.c - an activity's surveys on its page (module.h's
 * activity_part), for whoever runs it (its leads, its MHLM link, its lead
 * and partner hubs' leadership, the national team: activity_access's run):
 * for each open or closed survey that applies to it (its NCP's own template of the
 * year, else the year's default), invited, completed and the rate against
 * the programme's 100 % target; "Send survey links" to those who have none
 * yet; who has not completed (names and schools only, never answers),
 * how often and when each was last reminded, and "Send a reminder now"
 * (at once, whatever the hour; scheduled ones wait for school hours); a
 * closed one, its completion and a link to its results (for those who may
 * read them). Also what invites.h shares.
 */
#include <stdlib.h>
#include <string.h>

#include "activities/activities.h"
#include "activities/pages.h"
#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/percent.h"
#include "core/workdays.h"
#include "html/govuk.h"
#include "html/html.h"
#include "http/request.h"
#include "mail/mail.h"
#include "module.h"
#include "surveys/chart.h"
#include "surveys/invite_queries.h"
#include "surveys/invites.h"
#include "surveys/results.h"
#include "surveys/schedule.h"
#include "surveys/schedule_queries.h"

int surveys_activity_year(struct arena *a, const struct activity *act)
{
	int year;
	if (!acyear_of_date(activities_today(a), &year))
		year = act->first_year;
	return year < act->first_year ? act->first_year : year > act->last_year ? act->last_year : year;
}

const char *surveys_token_binding(struct arena *a, int64_t template_id, int64_t activity_id, int64_t person_id)
{
	return arena_printf(a, "survey-invite:%lld:%lld:%lld", (long long)template_id, (long long)activity_id,
			    (long long)person_id);
}

const char *surveys_link(struct arena *a, const char *base_url, const char *token)
{
	return arena_printf(a, "%s/s/%s", base_url ? base_url : "", token);
}

enum err surveys_mail_link(struct db *db, struct arena *a, const char *to, const char *name, const char *survey_title,
			   const char *activity_title, const char *link, bool reminder)
{
	const char *subject = arena_printf(a, "%s%s", reminder ? "Reminder: please answer the " : "Please answer the ",
					   survey_title);
	const char *text = arena_printf(
		a,
		"Hello %s,\n\n%s the %s for %s.\n\nAnswer it with your own link (no need to sign in):\n\n%s\n\n"
		"You can save your answers and finish later, on any device, with the same link. Answers are reported "
		"without names: those who lead your activity see who has not finished yet, never which answers are "
		"yours.\n\nThe link is yours alone: please do not share it.\n",
		name, reminder ? "You have not finished" : "Please answer", survey_title, activity_title, link);
	return mail_queue(db, to, subject, text, NULL);
}

struct survey_row {
	struct survey_applies t;
	int64_t invited, completed;
	size_t uninvited;
	struct survey_waiting *waiting;
	size_t nwaiting;
	struct survey_plan plan;
};

struct part {
	int year;
	struct survey_row *rows;
	size_t n;
	int64_t now;
	bool results; /* the reader may open this activity's results */
};

static enum err part_read(struct db *db, struct req *rq, const struct activity *a, const struct activity_access *acc,
			  void **out)
{
	*out = NULL;
	if (!acc->run || !strcmp(a->status, "cancelled"))
		return ERR_OK;
	struct arena *ar = rq->arena;
	struct part *p = arena_alloc(ar, sizeof(*p));
	p->year = surveys_activity_year(ar, a);
	p->now = clock_now();
	struct survey_reader rd = survey_reader_of(rq->session);
	bool leads = false;
	for (size_t i = 0; i < a->nleads; i++)
		leads |= rq->session && a->leads[i].person_id == rq->session->person_id;
	p->results = survey_reader_covers(&rd, a->project_id, a->lead_hub_id, leads);
	struct survey_applies *t;
	size_t nt;
	enum err e = survey_applicable(db, ar, a->project_id, p->year, &t, &nt);
	if (e)
		return e;
	p->rows = arena_alloc(ar, (nt + 1) * sizeof(*p->rows));
	for (size_t i = 0; !e && i < nt; i++) {
		struct survey_row *r = &p->rows[p->n++];
		r->t = t[i];
		struct survey_recipient *u;
		if ((e = survey_completion(db, t[i].id, a->id, &r->invited, &r->completed)) || t[i].closed)
			continue; /* closed: its completion, no one to send to or chase */
		if ((e = survey_uninvited(db, ar, t[i].id, a->id, surveys_for_leads(t[i].kind), &u, &r->uninvited)))
			break;
		if ((e = survey_not_completed(db, ar, t[i].id, a->id, &r->waiting, &r->nwaiting)))
			break;
		e = survey_plan_of(db, a->id, t[i].id, &r->plan);
	}
	*out = p;
	return e;
}

/* The schedule in words, with its change and stop; or the offer of one. */
static void schedule_render(struct html *w, struct req *rq, const struct survey_row *r, const char *base)
{
	struct arena *ar = rq->arena;
	const char *href = arena_printf(ar, "%s/schedule", base);
	H_RAW(w, "<p class=\"govuk-body\">");
	if (r->plan.every_days) {
		html_text(w, surveys_schedule_words(ar, &r->plan));
		H_RAW(w, " <a class=\"govuk-link\"");
		H_ATTR(w, "href", href);
		H_RAW(w, ">Change<span class=\"govuk-visually-hidden\"> the ");
		html_text(w, r->t.title);
		H_RAW(w, "&#39;s scheduled reminders</span></a></p>\n");
		if (r->uninvited) { /* the schedule reminds only those with a link */
			H_RAW(w, "<p class=\"govuk-body\">");
			html_text(w, r->invited ? "Reminders only reach people who have been sent their link: those with no link "
						  "yet get one when you send the survey links."
						: "No survey links have been sent yet, and reminders only reach people who have been "
						  "sent their link: send the survey links first.");
			H_RAW(w, "</p>\n");
		}
		govuk_button_form(w, rq->session->csrf, arena_printf(ar, "%s/stop", href), "action", "stop",
				  "Stop scheduled reminders");
		return;
	}
	H_RAW(w, "No reminders are scheduled. <a class=\"govuk-link\"");
	H_ATTR(w, "href", href);
	H_RAW(w, ">Schedule reminders<span class=\"govuk-visually-hidden\"> for the ");
	html_text(w, r->t.title);
	H_RAW(w, "</span></a></p>\n");
}

/* "Not reminded yet"; "Reminded once, on 4 December 2026"; "Reminded 3
 * times, the last on 4 December 2026" (London's day). */
static const char *reminded_words(struct arena *ar, const struct survey_waiting *x)
{
	if (!x->reminders)
		return "Not reminded yet";
	char day[11];
	london_from_unix(x->last_reminded_at, day, NULL);
	if (x->reminders == 1)
		return arena_printf(ar, "Reminded once, on %s", activities_day(ar, day));
	return arena_printf(ar, "Reminded %s, the last on %s",
			    x->reminders == 2 ? "twice" : arena_printf(ar, "%lld times", (long long)x->reminders),
			    activities_day(ar, day));
}

static void row_render(struct html *w, struct req *rq, const struct activity *a, const struct part *p,
		       const struct survey_row *r)
{
	struct arena *ar = rq->arena;
	bool leads = surveys_for_leads(r->t.kind);
	H_RAW(w, "<h3 class=\"govuk-heading-s\">");
	html_text(w, r->t.title);
	if (r->t.closed)
		H_RAW(w, " <strong class=\"govuk-tag govuk-tag--grey\">Closed</strong>");
	H_RAW(w, "</h3>\n");
	if (r->t.closed && !r->invited) {
		/* nobody here could answer it: no completion, no results to link to */
		H_RAW(w, "<p class=\"govuk-body\">It closed before any links were sent for this activity, so nobody in "
			 "it answered it.</p>\n");
		return;
	}
	H_RAW(w, "<p class=\"govuk-body\">");
	if (r->invited)
		html_text(w, arena_printf(ar, "Completed by %lld of %lld invited: %s (the target is 100%%).",
					  (long long)r->completed, (long long)r->invited,
					  percent_progress_text(ar, r->completed, r->invited, false, "")));
	else
		html_text(w, "No links sent yet (the target is 100% completed).");
	H_RAW(w, "</p>\n");
	if (r->t.closed) {
		H_RAW(w, "<p class=\"govuk-body\">It has closed: it takes no more answers.");
		if (p->results) {
			H_RAW(w, " <a class=\"govuk-link\"");
			H_ATTR(w, "href", arena_printf(ar, "/surveys/%lld/results?activity=%lld", (long long)r->t.id,
						       (long long)a->id));
			H_RAW(w, ">Its results for this activity</a>");
		}
		H_RAW(w, "</p>\n");
		return;
	}
	const char *base = activities_href(rq, a->id, arena_printf(ar, "/surveys/%lld", (long long)r->t.id));
	schedule_render(w, rq, r, base);
	if (r->uninvited) {
		H_RAW(w, "<p class=\"govuk-body\">");
		html_text(w, arena_printf(ar, "%zu %s no link yet.", r->uninvited,
					  leads ? (r->uninvited == 1 ? "lead has" : "leads have")
						: (r->uninvited == 1 ? "participant has" : "participants have")));
		H_RAW(w, "</p>\n");
		govuk_button_form(w, rq->session->csrf, arena_printf(ar, "%s/send", base), "action", "send", "Send survey links");
	} else if (!r->invited) {
		H_RAW(w, "<p class=\"govuk-body\">");
		html_text(w, leads ? "This activity has no leads to send it to." : "This activity has no current participants yet.");
		H_RAW(w, "</p>\n");
	}
	if (!r->nwaiting) {
		if (r->invited)
			H_RAW(w, "<p class=\"govuk-body\">Everyone invited has completed it.</p>\n");
		return;
	}
	size_t due = 0;
	for (size_t i = 0; i < r->nwaiting; i++)
		due += (r->waiting[i].last_reminded_at ? r->waiting[i].last_reminded_at : r->waiting[i].invited_at) <=
		       p->now - SURVEYS_REMIND_GAP;
	H_RAW(w, "<div class=\"mh-people\">\n"); /* fits a phone (assets/app.scss) */
	govuk_table_begin(w, arena_printf(ar, "Not completed yet (%zu)", r->nwaiting), false, NULL, 0);
	govuk_table_head_begin(w);
	govuk_table_head(w, "Name and school", false);
	govuk_table_head(w, "Progress and reminders", false);
	govuk_table_head_end(w);
	for (size_t i = 0; i < r->nwaiting; i++) {
		const struct survey_waiting *x = &r->waiting[i];
		govuk_table_row_begin(w);
		/* the school under the name */
		H_RAW(w, "<td class=\"govuk-table__cell\">");
		html_text(w, x->name);
		H_RAW(w, "<br><span class=\"govuk-body-s govuk-hint\">");
		html_text(w, x->school ? x->school : "School not known");
		H_RAW(w, "</span></td>");
		/* its reminders under it: two columns fit a 320 px phone with a long school name */
		H_RAW(w, "<td class=\"govuk-table__cell\"><strong>");
		html_text(w, x->started ? "Started" : "Not started");
		H_RAW(w, "</strong><br>");
		html_text(w, reminded_words(ar, x));
		H_RAW(w, "</td>");
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
	H_RAW(w, "</div>\n");
	if (due) {
		H_RAW(w, "<p class=\"govuk-body\">A reminder sent now goes at once, whatever the day or time. Scheduled "
			 "reminders wait for school hours: 09:00 to 16:00 on a school day.</p>\n");
		govuk_button_form(w, rq->session->csrf, arena_printf(ar, "%s/remind", base), "action", "remind",
				  "Send a reminder now");
	}
	else
		H_RAW(w, "<p class=\"govuk-body\">Everyone not completed was sent their link or a reminder in the last day: "
			 "you can remind them a day after.</p>\n");
}

static void part_render(struct html *w, struct req *rq, const struct activity *a, const void *data)
{
	const struct part *p = data;
	if (!p)
		return;
	char year[8];
	acyear_code(p->year, year);
	H_RAW(w, "<section id=\"surveys\" aria-labelledby=\"surveys-heading\">"
		 "<h2 class=\"govuk-heading-m\" id=\"surveys-heading\">Surveys</h2>\n");
	if (!p->n) {
		H_RAW(w, "<p class=\"govuk-body\">");
		html_text(w, arena_printf(rq->arena, "No survey has opened for this activity in %s yet.", year));
		H_RAW(w, "</p>\n</section>\n");
		return;
	}
	H_RAW(w, "<p class=\"govuk-body\">Each person answers with a link of their own, sent by email. You see who has "
		 "not completed a survey, never what anyone answered.</p>\n");
	for (size_t i = 0; i < p->n; i++)
		row_render(w, rq, a, p, &p->rows[i]);
	H_RAW(w, "</section>\n");
}

const struct activity_part surveys_activity_parts[1] = {{part_read, part_render}};
