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
};

static const struct nav_item nav[] = {
	{.text = "Activities", .href = "/activities", .order = 45},
};

const struct module activities_module = {
	.name = "activities",
	MODULE_LIST(routes, routes),
	MODULE_LIST(nav, nav),
	MODULE_LIST(audit_actions, audit_actions),
	MODULE_LIST(demo_parts, activities_demo_parts),
};
