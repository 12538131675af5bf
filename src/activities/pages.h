/*
 * pages.h - the activities capability's route handlers (module.c lists
 * them) and what its pages share: the {id} of a path, an activity's
 * address, and the 404 for an activity one may not know of.
 */
#ifndef MH_ACTIVITIES_PAGES_H
#define MH_ACTIVITIES_PAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/perm.h"
#include "core/err.h"
#include "http/request.h"

struct arena;
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
/* Reads activity id for the reader of rq (activity_read) and what they
 * may do with it (activity_access_of), in the caller's transaction;
 * ERR_NOT_FOUND when there is none or it is not one they may know of. */
struct activity_access;
struct db;
enum err activities_read_seen(struct db *db, struct req *rq, int64_t id, struct activity *a, struct activity_access *acc);
/* activities_read_seen for a page that answers its 404 and 403 after its
 * transaction: ERR_OK with *missing when there is no such activity for
 * the reader; the loader then reads on only if acc allows the page. */
enum err activities_read_page(struct db *db, struct req *rq, int64_t id, struct activity *a, struct activity_access *acc,
			      bool *missing);
/* That page's answer when it may not be shown: 404 when *missing was set,
 * else 403 (activities_refused) with title and why. */
enum err activities_page_refused(struct resp *rs, const struct req *rq, bool missing, const struct activity *a,
				 const char *title, const char *why);
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
/* ---- schools, participants and partner hubs (issue 12, package 2) ---- */

struct activity_access;
struct govuk_error;

/* subnav.c: the sub-navigation of an activity's pages (Overview · Schools
 * · Participants, each shown to whom it is for; add an entry to its
 * table); current is the entry's path after /activities/{id} ("" for the
 * overview). */
void activities_subnav(struct html *w, const struct req *rq, const struct activity *a, const struct activity_access *acc,
		       const char *current);
/* "NCP24-09 · 2026/27": the caption over an activity's title. */
const char *activities_caption(const struct req *rq, const struct activity *a);
/* The top of one of an activity's own pages (full width): breadcrumbs,
 * errors, the one-time message, its title as the h1, the sub-navigation. */
struct activities_tab {
	const char *name;    /* "Schools": the <title> is "Schools: <the activity's title>" */
	const char *current; /* its sub-navigation entry ("/schools") */
	const struct govuk_error *errors;
	size_t nerrors;
};
void activities_tab_begin(struct html *w, const struct req *rq, const struct activity *a,
			  const struct activity_access *acc, const struct activities_tab *t);
/* How many schools (people: participants) take part now: the activity's,
 * or hub_id's own (0: all). */
int64_t activities_hub_count(const struct activity *a, int64_t hub_id, bool people);
/* participants.c: "10 September 2026" for "2026-09-10" (a bad day as it
 * is); today in London, "YYYY-MM-DD"; "/participants/12" then `then`. */
const char *activities_day(struct arena *a, const char *day);
const char *activities_today(struct arena *a);
const char *activities_participant_href(const struct req *rq, int64_t pid, const char *then);
/* schools.c */
enum err activities_schools(struct req *rq, struct resp *rs);
enum err activities_schools_post(struct req *rq, struct resp *rs);
enum err activities_school_withdraw(struct req *rq, struct resp *rs);
enum err activities_school_withdraw_post(struct req *rq, struct resp *rs);
/* participants.c */
enum err activities_participants(struct req *rq, struct resp *rs);
enum err activities_participant_new(struct req *rq, struct resp *rs);
enum err activities_participant_new_post(struct req *rq, struct resp *rs);
/* participant.c */
enum err activities_participant(struct req *rq, struct resp *rs);
enum err activities_participant_edit(struct req *rq, struct resp *rs);
enum err activities_participant_edit_post(struct req *rq, struct resp *rs);
enum err activities_participant_withdraw(struct req *rq, struct resp *rs);
enum err activities_participant_withdraw_post(struct req *rq, struct resp *rs);
/* hubs.c */
enum err activities_hubs(struct req *rq, struct resp *rs);
enum err activities_hubs_post(struct req *rq, struct resp *rs);
enum err activities_hub_remove_post(struct req *rq, struct resp *rs);
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
