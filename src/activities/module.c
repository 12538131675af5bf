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

static const struct nav_item nav[] = {
	{.text = "Activities", .href = "/activities", .order = 45},
};

const struct module activities_module = {
	.name = "activities",
	MODULE_LIST(routes, routes),
	MODULE_LIST(nav, nav),
	MODULE_LIST(audit_actions, audit_actions),
};
