/*
 * pages.h - the activities capability's route handlers (module.c lists
 * them) and what its pages share: the {id} of a path, an activity's
 * address, and the 404 for an activity one may not know of.
 */
#ifndef MH_ACTIVITIES_PAGES_H
#define MH_ACTIVITIES_PAGES_H

#include <stdbool.h>
#include <stdint.h>

#include "auth/perm.h"
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

/* ---- the teaching for mastery journey (WP5) ---- */
struct db;
struct session;
/* The academic year today (start year: 2026 for 2026/27). */
int journey_this_year(void);
/* Whether session s may read school urn (of hub hub_id) with cap: its
 * scope covers the school, or its hub. */
bool journey_covers(const struct session *s, enum capability cap, const char *urn, int64_t hub_id);
/* school_part.c: the journey on a school's page (module.h's school_part) */
enum err journey_school_part_read(struct db *db, struct req *rq, const char *urn, int64_t hub_id, void **out);
void journey_school_part_render(struct html *w, struct req *rq, const char *urn, const void *data);
/* school_history.c: /schools/{urn}/activities (+ .csv, .xlsx) */
enum err journey_history_page(struct req *rq, struct resp *rs);
enum err journey_history_csv(struct req *rq, struct resp *rs);
enum err journey_history_xlsx(struct req *rq, struct resp *rs);
/* journey_entries.c: /schools/{urn}/journey, the manual history */
enum err journey_entries_page(struct req *rq, struct resp *rs);
enum err journey_entries_post(struct req *rq, struct resp *rs);
enum err journey_entry_remove_post(struct req *rq, struct resp *rs);
/* tfm_settings.c: the per-NCP settings */
enum err tfm_settings_page(struct req *rq, struct resp *rs);
enum err tfm_setting_page(struct req *rq, struct resp *rs);
enum err tfm_setting_post(struct req *rq, struct resp *rs);

#endif
