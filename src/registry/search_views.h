/*
 * search_views.h - what the search and school pages share in rendering:
 * dates as people read them, a school's status tag, a list of schools as
 * search results, the search form, and reading a page number. No database.
 */
#ifndef MH_REGISTRY_SEARCH_VIEWS_H
#define MH_REGISTRY_SEARCH_VIEWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "html/html.h"
#include "registry/school_queries.h"

struct arena;
struct req;

/* "2021-08-31" as "31 August 2021" (anything else as it is; NULL stays NULL). */
const char *date_text(struct arena *a, const char *ymd);

/* A status tag: grey "Closed", yellow "Proposed to close", ... nothing for open. */
void status_tag(struct html *w, const char *status);

/* Search results: each school a heading link to its page, then its URN,
 * phase, town and postcode, its status, and its hub when show_hub. */
void school_results(struct html *w, struct arena *a, const struct school_row *rows, size_t n, bool show_hub);

/* The hub of a school as a link to the hub's page, with "demo assignment,
 * not official" when it is one; without one, that Maths Hubs serve schools
 * in England (outside, a school outside England) or "Not assigned to a
 * Maths Hub yet". */
void hub_link(struct html *w, struct arena *a, const char *code, const char *name, bool demo, bool outside);

/* A search form (GET action): label (the page's h1 when label_is_heading),
 * hint, the input q with value, a button. The input carries
 * data-school-search="submit": with JavaScript, choosing a school submits it. */
struct search_form {
	const char *action, *label, *hint, *value, *error, *button;
	bool label_is_heading;
};
void search_form(struct html *w, const struct search_form *f);

/* The page parameter: 1 when absent; false when it is not a whole number
 * from 1 to 100000. */
bool page_param(const struct req *rq, int64_t *page);

struct school_link;

/* "<a>Name</a> (URN 123456)" of a linked school, a link when it is in the
 * register (school_pages.c; Find your Maths Hub uses it too). */
void school_link_named(struct html *w, struct arena *a, const struct school_link *l);

#endif
