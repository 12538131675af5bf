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

/* ---- WP1 (issue 12, lists and views): filters, downloads, continuing, the API ---- */
/* list.c (above) gained the filter; export.c */
enum err activities_hub_csv(struct req *rq, struct resp *rs);
enum err activities_hub_xlsx(struct req *rq, struct resp *rs);
enum err activities_own_csv(struct req *rq, struct resp *rs);
enum err activities_own_xlsx(struct req *rq, struct resp *rs);
enum err activities_project_csv(struct req *rq, struct resp *rs);
enum err activities_project_xlsx(struct req *rq, struct resp *rs);
/* project_list.c */
enum err activities_project_list(struct req *rq, struct resp *rs);
/* continue.c */
enum err activities_continue(struct req *rq, struct resp *rs);
enum err activities_continue_post(struct req *rq, struct resp *rs);
/* api.c */
enum err activities_api_list(struct req *rq, struct resp *rs);
enum err activities_api_one(struct req *rq, struct resp *rs);

#endif
