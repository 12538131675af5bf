/*
 * subnav.c - what an activity's own pages share: the sub-navigation
 * (Overview · Schools · Participants; another package adds its entry to
 * the table) and the top of such a page, whose h1 is the activity's title
 * and whose <title> says which part of it this is.
 */
#include <string.h>

#include "activities/activities.h"
#include "activities/pages.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/url.h"
#include "html/html.h"
#include "html/layout.h"

static bool for_everyone(const struct activity_access *acc)
{
	(void)acc;
	return true;
}

static bool for_people(const struct activity_access *acc)
{
	return acc->people;
}

static bool for_runners(const struct activity_access *acc)
{
	return acc->run || acc->manage;
}

/* The entries, in order: the text, the path after /activities/{id}, and
 * to whom it shows. */
static const struct {
	const char *text, *suffix;
	bool (*shown)(const struct activity_access *acc);
} entries[] = {
	{"Overview", "", for_everyone},
	{"Schools", "/schools", for_people},
	{"Participants", "/participants", for_people},
	{"HAPPI form", "/happi", for_runners}, /* src/happi: its readers include the national team, by its own links */
};

void activities_subnav(struct html *w, const struct req *rq, const struct activity *a, const struct activity_access *acc,
		       const char *current)
{
	size_t shown = 0;
	for (size_t i = 0; i < sizeof(entries) / sizeof(entries[0]); i++)
		shown += entries[i].shown(acc);
	if (shown < 2)
		return;
	H_RAW(w, "<nav class=\"mh-subnav\" aria-label=\"This activity\">\n<ul class=\"mh-subnav__list\">\n");
	for (size_t i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
		if (!entries[i].shown(acc))
			continue;
		H_RAW(w, "<li class=\"mh-subnav__item\"><a class=\"govuk-link govuk-link--no-visited-state mh-subnav__link\"");
		H_ATTR(w, "href", activities_href(rq, a->id, entries[i].suffix));
		if (!strcmp(entries[i].suffix, current))
			H_RAW(w, " aria-current=\"page\"");
		H_RAW(w, ">");
		html_text(w, entries[i].text);
		H_RAW(w, "</a></li>\n");
	}
	H_RAW(w, "</ul>\n</nav>\n");
}

const char *activities_caption(const struct req *rq, const struct activity *a)
{
	return arena_printf(rq->arena, "%s · %s", a->project_code ? a->project_code : "Local activity",
			    activities_years(rq, a->first_year, a->last_year));
}

void activities_tab_begin(struct html *w, const struct req *rq, const struct activity *a,
			  const struct activity_access *acc, const struct activities_tab *t)
{
	struct crumb crumbs[2] = {{"Activities", "/activities"}};
	size_t ncrumbs = 1;
	if (a->lead_hub_code && acc->see)
		crumbs[ncrumbs++] = (struct crumb){a->lead_hub_name, url_path(rq->arena, "/hubs/", a->lead_hub_code, "/activities")};
	page_begin(w, &(struct page){.title = arena_printf(rq->arena, "%s: %s", t->name, a->title), .heading = a->title,
				     .nav = "/activities", .crumbs = crumbs, .ncrumbs = ncrumbs,
				     .caption = activities_caption(rq, a), .errors = t->errors, .nerrors = t->nerrors,
				     .banner = session_banner(rq), .full_width = true});
	activities_subnav(w, rq, a, acc, t->current);
}

int64_t activities_hub_count(const struct activity *a, int64_t hub_id, bool people)
{
	if (!hub_id)
		return people ? a->n_participants : a->n_schools;
	for (size_t i = 0; i < a->nhubs; i++)
		if (a->hubs[i].hub_id == hub_id)
			return people ? a->hubs[i].n_participants : a->hubs[i].n_schools;
	return 0;
}
