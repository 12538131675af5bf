/* module.c - the hub activities capability as a module (src/module.h):
 * what each hub runs, for which schools and people, led by whom. */
#include "activities/activities.h"
#include "activities/pages.h"
#include "auth/perm.h"
#include "module.h"

/* The actions it audits, with the labels people read (keys are stored in
 * audit_log.action: never rename one that has shipped). */
static const struct audit_action audit_actions[] = {
	{"activity_created", "Activity created"},
	{"activity_changed", "Activity changed"},
	{"activity_cancelled", "Activity cancelled"},
	/* WP5: the teaching for mastery journey */
	{"journey_entry_added", "Journey history recorded"},
	{"journey_entry_removed", "Journey history removed"},
	{"tfm_setting_changed", "NCP's teaching for mastery stage changed"},
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

const struct module activities_module = {
	.name = "activities",
	MODULE_LIST(routes, routes),
	MODULE_LIST(nav, nav),
	MODULE_LIST(audit_actions, audit_actions),
	MODULE_LIST(school_parts, school_parts),
};
