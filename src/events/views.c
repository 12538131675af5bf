/* views.c - see views.h. */
#include "events/views.h"

#include <string.h>

#include "core/arena.h"
#include "core/workdays.h"
#include "events/events.h"
#include "events/rules.h"
#include "html/govuk.h"
#include "html/html.h"

const char *events_when(struct arena *a, const struct event *e)
{
	if (e->ndays == 1)
		return arena_printf(a, "%s, %s to %s", day_words(a, e->days[0].day), e->days[0].starts, e->days[0].ends);
	if (!strcmp(e->first_day, e->last_day))
		return day_words(a, e->first_day);
	return arena_printf(a, "%s to %s", day_words(a, e->first_day), day_words(a, e->last_day));
}

const char *events_deadline_day(struct arena *a, const struct event *e)
{
	char day[11];
	london_from_unix(event_closes_at(e) - 1, day, NULL);
	return day_words(a, day);
}

const char *events_deadline_words(struct arena *a, const struct event *e)
{
	if (!strcmp(e->format, "face_to_face"))
		return arena_printf(a, "Confirm by %s", events_deadline_day(a, e));
	return "Confirm before it starts";
}

const char *events_answer_name(const char *answer)
{
	if (!answer)
		return "Not answered";
	if (!strcmp(answer, "confirmed"))
		return "Confirmed";
	if (!strcmp(answer, "apologies"))
		return "Apologies given";
	if (!strcmp(answer, "waiting"))
		return "On the waiting list";
	return answer;
}

void events_answer_tag(struct html *w, const char *answer)
{
	const char *colour = !answer ? "grey" : !strcmp(answer, "confirmed") ? "green" : !strcmp(answer, "waiting") ? "yellow" : "orange";
	govuk_tag(w, events_answer_name(answer), colour);
}

const char *events_organised_by(struct arena *a, const struct event *e)
{
	if (e->hub_id)
		return arena_printf(a, "%s", e->hub_name ? e->hub_name : "a Maths Hub");
	if (e->project_id)
		return arena_printf(a, "%s's Project Coordination Team", e->project_code ? e->project_code : "the NCP");
	return "The national team";
}

void events_summary(struct html *w, struct arena *a, const struct event *e, bool organiser)
{
	govuk_summary_begin(w);
	govuk_summary_row(w, "Kind", events_term_name(events_kinds, EVENTS_NKINDS, e->kind));
	govuk_summary_row_begin(w, e->ndays > 1 ? "Days" : "When");
	if (e->ndays > 1) {
		H_RAW(w, "<ul class=\"govuk-list\">");
		for (size_t i = 0; i < e->ndays; i++) {
			H_RAW(w, "<li>");
			html_textf(w, "%s, %s to %s", day_words(a, e->days[i].day), e->days[i].starts, e->days[i].ends);
			H_RAW(w, "</li>");
		}
		H_RAW(w, "</ul>");
	} else {
		html_text(w, events_when(a, e));
	}
	govuk_summary_row_end(w);
	govuk_summary_row_begin(w, "Where");
	if (!strcmp(e->format, "face_to_face")) {
		if (e->venue) {
			html_text(w, e->venue);
			H_RAW(w, "<br>");
		}
		if (e->address) {
			/* the address's lines, as typed */
			const char *s = e->address;
			for (const char *nl; (nl = strchr(s, '\n')); s = nl + 1) {
				html_textn(w, s, (size_t)(nl - s));
				H_RAW(w, "<br>");
			}
			html_text(w, s);
		}
	} else {
		html_text(w, "Online. Everyone who confirms gets their own joining link: do not share it.");
		if (organiser && e->meeting_url) {
			H_RAW(w, "<p class=\"govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0\">Meeting address (organisers only): ");
			html_text(w, e->meeting_url);
			H_RAW(w, "</p>");
		}
	}
	govuk_summary_row_end(w);
	if (e->nprojects) {
		govuk_summary_row_begin(w, e->nprojects > 1 ? "NCPs" : "NCP");
		for (size_t i = 0; i < e->nprojects; i++) {
			if (i)
				H_RAW(w, ", ");
			html_text(w, e->projects[i]);
		}
		govuk_summary_row_end(w);
	}
	govuk_summary_row_begin(w, "Places");
	if (e->capacity) {
		int64_t held = e->nconfirmed + e->noffered;
		int64_t left = e->capacity > held ? e->capacity - held : 0;
		html_textf(w, "%lld places, %lld left", (long long)e->capacity, (long long)left);
		if (e->nwaiting)
			html_textf(w, " (%lld on the waiting list)", (long long)e->nwaiting);
	} else {
		html_text(w, "No limit");
	}
	govuk_summary_row_end(w);
	govuk_summary_row(w, "Organised by", events_organised_by(a, e));
	if (e->funded)
		govuk_summary_row(w, "Funded days", "Counts towards an LLME's three funded national-workshop days for each NCP they lead");
	govuk_summary_end(w);
}
