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
	/* sessions and registers (issue 12, WP3) */
	{"session_created", "Activity session scheduled"},
	{"session_changed", "Activity session changed"},
	{"session_cancelled", "Activity session cancelled"},
	{"session_register_saved", "Activity session register saved"},
	{"session_register_uploaded", "Activity session register recorded from a paper register"},
	{"session_apologies_given", "Apologies sent in advance for an activity session"},
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
};

static const struct nav_item nav[] = {
	{.text = "Activities", .href = "/activities", .order = 45},
};

static const struct home_part home_parts[] = {
	{activities_home_read, activities_home_render}, /* sessions and registers (issue 12, WP3) */
};

const struct module activities_module = {
	.name = "activities",
	MODULE_LIST(routes, routes),
	MODULE_LIST(nav, nav),
	MODULE_LIST(audit_actions, audit_actions),
	MODULE_LIST(home_parts, home_parts),
};
