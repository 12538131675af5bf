/*
 * pages.h - the activities capability's route handlers (module.c lists
 * them) and what its pages share: the {id} of a path, an activity's
 * address, and the 404 for an activity one may not know of.
 */
#ifndef MH_ACTIVITIES_PAGES_H
#define MH_ACTIVITIES_PAGES_H

#include <stdint.h>

#include "core/err.h"
#include "http/request.h"

struct html;
struct activity;

/* The path's {id} (0 when it is not a positive number). */
int64_t activities_param(const struct req *rq);
/* "/activities/12" followed by then (NULL: nothing). */
const char *activities_href(const struct req *rq, int64_t id, const char *then);
/* 404: no such activity, or not one the reader may know of (never 403,
 * which would say it exists). */
enum err activities_not_found(struct resp *rs);
/* 403 for an activity the reader may see, with what they cannot do. */
enum err activities_refused(struct resp *rs, const char *title, const char *why, const struct activity *a,
			    const struct req *rq);
/* "2026/27" or "2025/26 to 2026/27". */
const char *activities_years(const struct req *rq, int first, int last);

/* edit.c */
enum err activities_new(struct req *rq, struct resp *rs);
enum err activities_new_post(struct req *rq, struct resp *rs);
enum err activities_edit(struct req *rq, struct resp *rs);
enum err activities_edit_post(struct req *rq, struct resp *rs);
/* cancel.c */
enum err activities_cancel(struct req *rq, struct resp *rs);
enum err activities_cancel_post(struct req *rq, struct resp *rs);
/* list.c */
enum err activities_list(struct req *rq, struct resp *rs);
enum err activities_hub_list(struct req *rq, struct resp *rs);
/* activity_page.c */
enum err activities_page(struct req *rq, struct resp *rs);

/* ---- Targeted Support (support_*.c) ---- */
struct support;
/* support_page.c: /activities/{id}/support, the school, level, days and cycle */
enum err activities_support(struct req *rq, struct resp *rs);
/* Today in Europe/London, "YYYY-MM-DD". */
void support_today(char today[11]);
/* 404 for an activity that is not Targeted Support, with the way back to it. */
enum err support_not_targeted(struct resp *rs, const struct req *rq, const struct activity *a);
/* support_setup.c: setting it up (POST of the page; its form on the page) and its days and focus */
enum err activities_support_post(struct req *rq, struct resp *rs);
void support_setup_form(struct html *w, struct req *rq, const struct activity *a, const struct support *s);
enum err activities_support_details(struct req *rq, struct resp *rs);
enum err activities_support_details_post(struct req *rq, struct resp *rs);
/* support_level.c: a new level from a date, with a reason */
enum err activities_support_level(struct req *rq, struct resp *rs);
enum err activities_support_level_post(struct req *rq, struct resp *rs);
/* support_cycle.c: a cycle stage's dates and notes */
enum err activities_support_cycle(struct req *rq, struct resp *rs);
enum err activities_support_cycle_post(struct req *rq, struct resp *rs);

#endif
