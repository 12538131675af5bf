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

/* ---- sessions and registers (issue 12, WP3) ---- */
/* sessions.c */
enum err activities_session_new(struct req *rq, struct resp *rs);
enum err activities_session_new_post(struct req *rq, struct resp *rs);
enum err activities_session_edit(struct req *rq, struct resp *rs);
enum err activities_session_edit_post(struct req *rq, struct resp *rs);
enum err activities_session_cancel(struct req *rq, struct resp *rs);
enum err activities_session_cancel_post(struct req *rq, struct resp *rs);
/* session_page.c */
enum err activities_session_page(struct req *rq, struct resp *rs);
enum err activities_session_apologies_post(struct req *rq, struct resp *rs);
/* register.c */
enum err activities_register(struct req *rq, struct resp *rs);
enum err activities_register_post(struct req *rq, struct resp *rs);
/* register_print.c */
enum err activities_register_print(struct req *rq, struct resp *rs);
/* register_upload.c */
enum err activities_register_upload(struct req *rq, struct resp *rs);
enum err activities_register_upload_post(struct req *rq, struct resp *rs);
enum err activities_register_upload_confirm(struct req *rq, struct resp *rs);
/* register_export.c */
enum err activities_register_csv(struct req *rq, struct resp *rs);
enum err activities_register_xlsx(struct req *rq, struct resp *rs);

#endif
