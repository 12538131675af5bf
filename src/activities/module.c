/* module.c - the hub activities capability as a module (src/module.h):
 * what each hub runs, for which schools and people, led by whom. */
#include "activities/activities.h"
#include "activities/pages.h"
#include "activities/sessions.h"
#include "auth/perm.h"
#include "module.h"

/* The actions it audits, with the labels people read (keys are stored in
 * audit_log.action: never rename one that has shipped). */
static const struct audit_action audit_actions[] = {
	{"activity_created", "Activity created"},
	{"activity_changed", "Activity changed"},
	{"activity_cancelled", "Activity cancelled"},
	/* Targeted Support (support_*.c) */
	{"support_set_up", "Targeted Support set up"},
	{"support_changed", "Targeted Support's days or focus changed"},
	{"support_level_changed", "Targeted Support's level changed"},
	{"support_cycle_changed", "Targeted Support's cycle changed"},
	/* schools, participants and partner hubs (package 2) */
	{"activity_school_added", "School added to an activity"},
	{"activity_school_withdrawn", "School withdrawn from an activity"},
	{"activity_participant_added", "Participant added to an activity"},
	{"activity_participant_changed", "Participant's place changed"},
	{"activity_participant_withdrawn", "Participant withdrawn from an activity"},
	{"activity_hubs_changed", "Activity's partner hubs changed"},
	/* WP5: the teaching for mastery journey */
	{"journey_entry_added", "Journey history recorded"},
	{"journey_entry_removed", "Journey history removed"},
	{"tfm_setting_changed", "NCP's teaching for mastery stage changed"},
	/* sessions and registers (issue 12, WP3) */
	{"session_created", "Activity session scheduled"},
	{"session_changed", "Activity session changed"},
	{"session_cancelled", "Activity session cancelled"},
	{"session_register_saved", "Activity session register saved"},
	{"session_register_uploaded", "Activity session register recorded from a paper register"},
	{"session_apologies_given", "Apologies sent in advance for an activity session"},
	/* WP1: lists and views */
	{"activity_continued", "Activity continued into the next year"},
};

static const struct route routes[] = {
	/* a person's own; the handlers show only what they lead, support or take part in */
	{RM_GET, "/activities", activities_list, 0, CAP_ACCOUNT},
	{RM_GET, "/activities/new", activities_new, 0, CAP_ACTIVITIES_MANAGE},
	{RM_POST, "/activities/new", activities_new_post, 0, CAP_ACTIVITIES_MANAGE},
	/* one activity: the handler shows it to those who may know of it (rules.c), else 404 */
	{RM_GET, "/activities/{id}", activities_page, 0, CAP_ACCOUNT},
	{RM_GET, "/activities/{id}/edit", activities_edit, 0, CAP_ACTIVITIES_MANAGE},
	{RM_POST, "/activities/{id}/edit", activities_edit_post, 0, CAP_ACTIVITIES_MANAGE},
	{RM_GET, "/activities/{id}/cancel", activities_cancel, 0, CAP_ACTIVITIES_MANAGE},
	{RM_POST, "/activities/{id}/cancel", activities_cancel_post, 0, CAP_ACTIVITIES_MANAGE},
	/* a hub's: its leadership and LLMEs, and the national team (the handler checks the hub) */
	{RM_GET, "/hubs/{code}/activities", activities_hub_list, 0, CAP_ACTIVITIES_READ},
	/* Targeted Support (support_*.c): whoever sees the activity reads its page; those who run
	 * it set it up and write its cycle; its lead hub's leadership changes its level */
	{RM_GET, "/activities/{id}/support", activities_support, 0, CAP_ACCOUNT},
	{RM_POST, "/activities/{id}/support", activities_support_post, 0, CAP_ACTIVITIES_LEAD},
	{RM_GET, "/activities/{id}/support/details", activities_support_details, 0, CAP_ACTIVITIES_LEAD},
	{RM_POST, "/activities/{id}/support/details", activities_support_details_post, 0, CAP_ACTIVITIES_LEAD},
	{RM_GET, "/activities/{id}/support/level", activities_support_level, 0, CAP_ACTIVITIES_MANAGE},
	{RM_POST, "/activities/{id}/support/level", activities_support_level_post, 0, CAP_ACTIVITIES_MANAGE},
	{RM_GET, "/activities/{id}/support/cycle/{stage}", activities_support_cycle, 0, CAP_ACTIVITIES_LEAD},
	{RM_POST, "/activities/{id}/support/cycle/{stage}", activities_support_cycle_post, 0, CAP_ACTIVITIES_LEAD},
	/* schools, participants and partner hubs (package 2): the lists are for whoever may see the activity's
	 * people, a participant's place also for themself (the handlers decide: rules.c, people_rules.c);
	 * changes for those who run it; partner hubs for those who organise it */
	{RM_GET, "/activities/{id}/schools", activities_schools, 0, CAP_ACCOUNT},
	{RM_POST, "/activities/{id}/schools", activities_schools_post, 0, CAP_ACTIVITIES_LEAD},
	{RM_GET, "/activities/{id}/schools/{urn}/withdraw", activities_school_withdraw, 0, CAP_ACTIVITIES_LEAD},
	{RM_POST, "/activities/{id}/schools/{urn}/withdraw", activities_school_withdraw_post, 0, CAP_ACTIVITIES_LEAD},
	{RM_GET, "/activities/{id}/participants", activities_participants, 0, CAP_ACCOUNT},
	{RM_GET, "/activities/{id}/participants/new", activities_participant_new, 0, CAP_ACTIVITIES_LEAD},
	{RM_POST, "/activities/{id}/participants/new", activities_participant_new_post, 0, CAP_ACTIVITIES_LEAD},
	{RM_GET, "/participants/{id}", activities_participant, 0, CAP_ACCOUNT},
	{RM_GET, "/participants/{id}/edit", activities_participant_edit, 0, CAP_ACTIVITIES_LEAD},
	{RM_POST, "/participants/{id}/edit", activities_participant_edit_post, 0, CAP_ACTIVITIES_LEAD},
	{RM_GET, "/participants/{id}/withdraw", activities_participant_withdraw, 0, CAP_ACTIVITIES_LEAD},
	{RM_POST, "/participants/{id}/withdraw", activities_participant_withdraw_post, 0, CAP_ACTIVITIES_LEAD},
	{RM_GET, "/activities/{id}/hubs", activities_hubs, 0, CAP_ACTIVITIES_MANAGE},
	{RM_POST, "/activities/{id}/hubs", activities_hubs_post, 0, CAP_ACTIVITIES_MANAGE},
	{RM_POST, "/activities/{id}/hubs/{code}/remove", activities_hub_remove_post, 0, CAP_ACTIVITIES_MANAGE},
	/* WP5: the teaching for mastery journey. A school's history: the handler checks the school's hub, the
	 * hubs of the activities it took part in, or its headteacher */
	{RM_GET, "/schools/{urn}/activities", journey_history_page, 0, CAP_ACTIVITIES_READ},
	{RM_GET, "/schools/{urn}/activities.csv", journey_history_csv, 0, CAP_ACTIVITIES_READ},
	{RM_GET, "/schools/{urn}/activities.xlsx", journey_history_xlsx, 0, CAP_ACTIVITIES_READ},
	/* its history from before the service: the school's hub's leadership (the handler checks the hub) */
	{RM_GET, "/schools/{urn}/journey", journey_entries_page, 0, CAP_JOURNEY_RECORD},
	{RM_POST, "/schools/{urn}/journey", journey_entries_post, 0, CAP_JOURNEY_RECORD},
	{RM_POST, "/schools/{urn}/journey/{id}/remove", journey_entry_remove_post, 0, CAP_JOURNEY_RECORD},
	/* the per-NCP settings: the national team */
	{RM_GET, "/admin/teaching-for-mastery", tfm_settings_page, 0, CAP_JOURNEY_SETTINGS},
	{RM_GET, "/projects/{code}/teaching-for-mastery", tfm_setting_page, 0, CAP_JOURNEY_SETTINGS},
	{RM_POST, "/projects/{code}/teaching-for-mastery", tfm_setting_post, 0, CAP_JOURNEY_SETTINGS},
	/* sessions and registers (issue 12, WP3): the handlers check the activity (rules.c):
	 * those who run it; a session's page and apologies also its participants */
	{RM_GET, "/activities/{id}/sessions/new", activities_session_new, 0, CAP_ACTIVITIES_LEAD},
	{RM_POST, "/activities/{id}/sessions/new", activities_session_new_post, 0, CAP_ACTIVITIES_LEAD},
	{RM_GET, "/activities/{id}/register.csv", activities_register_csv, 0, CAP_ACTIVITIES_LEAD},
	{RM_GET, "/activities/{id}/register.xlsx", activities_register_xlsx, 0, CAP_ACTIVITIES_LEAD},
	{RM_GET, "/sessions/{id}", activities_session_page, 0, CAP_ACCOUNT},
	{RM_POST, "/sessions/{id}/apologies", activities_session_apologies_post, 0, CAP_ACCOUNT},
	{RM_GET, "/sessions/{id}/edit", activities_session_edit, 0, CAP_ACTIVITIES_LEAD},
	{RM_POST, "/sessions/{id}/edit", activities_session_edit_post, 0, CAP_ACTIVITIES_LEAD},
	{RM_GET, "/sessions/{id}/cancel", activities_session_cancel, 0, CAP_ACTIVITIES_LEAD},
	{RM_POST, "/sessions/{id}/cancel", activities_session_cancel_post, 0, CAP_ACTIVITIES_LEAD},
	{RM_GET, "/sessions/{id}/register", activities_register, 0, CAP_ACTIVITIES_LEAD},
	{RM_POST, "/sessions/{id}/register", activities_register_post, 0, CAP_ACTIVITIES_LEAD},
	{RM_GET, "/sessions/{id}/register/print", activities_register_print, 0, CAP_ACTIVITIES_LEAD},
	{RM_GET, "/sessions/{id}/register/upload", activities_register_upload, 0, CAP_ACTIVITIES_LEAD},
	{RM_POST, "/sessions/{id}/register/upload", activities_register_upload_post, RF_UPLOAD, CAP_ACTIVITIES_LEAD},
	{RM_POST, "/sessions/{id}/register/upload/confirm", activities_register_upload_confirm, 0, CAP_ACTIVITIES_LEAD},
	/* WP1: lists and views. A hub's list and its downloads are also a Project Lead's, Hub Lead Link's and
	 * National Link's (their NCPs' runs only); an NCP's runs are the national team's and its own team's */
	{RM_GET, "/hubs/{code}/activities.csv", activities_hub_csv, 0, CAP_ACTIVITIES_READ},
	{RM_GET, "/hubs/{code}/activities.xlsx", activities_hub_xlsx, 0, CAP_ACTIVITIES_READ},
	{RM_GET, "/activities.csv", activities_own_csv, 0, CAP_ACCOUNT},
	{RM_GET, "/activities.xlsx", activities_own_xlsx, 0, CAP_ACCOUNT},
	{RM_GET, "/projects/{code}/activities", activities_project_list, 0, CAP_ACTIVITIES_READ},
	{RM_GET, "/projects/{code}/activities.csv", activities_project_csv, 0, CAP_ACTIVITIES_READ},
	{RM_GET, "/projects/{code}/activities.xlsx", activities_project_xlsx, 0, CAP_ACTIVITIES_READ},
	{RM_GET, "/activities/{id}/continue", activities_continue, 0, CAP_ACTIVITIES_MANAGE},
	{RM_POST, "/activities/{id}/continue", activities_continue_post, 0, CAP_ACTIVITIES_MANAGE},
	{RM_GET, "/api/v1/activities", activities_api_list, RF_API, CAP_ACCOUNT},
	{RM_GET, "/api/v1/activities/{id}", activities_api_one, RF_API, CAP_ACCOUNT},
};

/* WP5: the journey on a school's page */
static const struct school_part school_parts[] = {
	{journey_school_part_read, journey_school_part_render},
};

static const struct nav_item nav[] = {
	{.text = "Activities", .href = "/activities", .order = 45},
	/* WP5 */
	{.text = "Teaching for mastery stages of NCPs", .href = "/admin/teaching-for-mastery", .order = 160,
	 .place = NAV_MANAGE, .capability = CAP_JOURNEY_SETTINGS},
};

static const struct home_part home_parts[] = {
	{activities_home_read, activities_home_render}, /* sessions and registers (issue 12, WP3) */
};

const struct module activities_module = {
	.name = "activities",
	MODULE_LIST(routes, routes),
	MODULE_LIST(nav, nav),
	MODULE_LIST(audit_actions, audit_actions),
	MODULE_LIST(school_parts, school_parts),
	MODULE_LIST(home_parts, home_parts),
	MODULE_LIST(demo_parts, activities_demo_parts),
};
