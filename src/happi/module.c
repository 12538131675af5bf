/* module.c - the HAPPI capability as a module (src/module.h): each NCP's
 * expected outcomes, and each activity's Hub Activity Plan, Progress and
 * Impact form: its pages, its print page, the lists and their downloads,
 * its reminders (remind.c) and its part of the demo data (demo_happi.c). */
#include "auth/perm.h"
#include "happi/judgement_queries.h"
#include "happi/pages.h"
#include "module.h"

/* The actions it audits, with the labels people read (keys are stored in
 * audit_log.action: never rename one that has shipped). */
static const struct audit_action audit_actions[] = {
	{"outcome_added", "NCP expected outcome added"},
	{"outcome_changed", "NCP expected outcome changed"},
	{"outcome_removed", "NCP expected outcome removed"},
	{"outcomes_copied", "NCP expected outcomes copied from the year before"},
	{"happi_dates_set", "HAPPI forms' due dates set"},
	{"happi_saved", "HAPPI form saved"},
	{"happi_submit_planning", "HAPPI planning submitted"},
	{"happi_return", "HAPPI form returned with comments"},
	{"happi_agree", "HAPPI planning agreed"},
	{"happi_submit_final", "HAPPI final form submitted"},
	{"happi_review", "HAPPI form reviewed"},
	{"happi_qa_added", "HAPPI quality assurance note added"},
};

static const struct route routes[] = {
	/* anyone signed in reads an NCP's outcomes; the handlers check that the
	 * person keeps this NCP's (the national team, its Project Lead) */
	{RM_GET, "/projects/{code}/outcomes", happi_outcomes_page, 0, CAP_ACCOUNT},
	{RM_GET, "/projects/{code}/outcomes/new", happi_outcome_new, 0, CAP_OUTCOMES_MANAGE},
	{RM_POST, "/projects/{code}/outcomes/new", happi_outcome_new_post, 0, CAP_OUTCOMES_MANAGE},
	{RM_POST, "/projects/{code}/outcomes/copy", happi_outcomes_copy_post, 0, CAP_OUTCOMES_MANAGE},
	{RM_GET, "/projects/{code}/outcomes/{id}", happi_outcome_edit, 0, CAP_OUTCOMES_MANAGE},
	{RM_POST, "/projects/{code}/outcomes/{id}", happi_outcome_edit_post, 0, CAP_OUTCOMES_MANAGE},
	{RM_GET, "/projects/{code}/outcomes/{id}/remove", happi_outcome_remove_page, 0, CAP_OUTCOMES_MANAGE},
	{RM_POST, "/projects/{code}/outcomes/{id}/remove", happi_outcome_remove_post, 0, CAP_OUTCOMES_MANAGE},
	/* the lists: your own (any one signed in: those they lead, those they link); a hub's (its
	 * leadership and the national team: the handler checks the hub) */
	{RM_GET, "/happi", happi_own, 0, CAP_ACCOUNT},
	{RM_GET, "/admin/happi-dates", happi_dates, 0, CAP_HAPPI_DATES},
	{RM_POST, "/admin/happi-dates", happi_dates_post, 0, CAP_HAPPI_DATES},
	{RM_GET, "/hubs/{code}/happi", happi_hub, 0, CAP_ACTIVITIES_READ},
	{RM_GET, "/hubs/{code}/happi.csv", happi_hub_csv, 0, CAP_ACTIVITIES_READ},
	{RM_GET, "/hubs/{code}/happi.xlsx", happi_hub_xlsx, 0, CAP_ACTIVITIES_READ},
	/* counts by NCP and hub: the national team; a Project Lead, their NCP's */
	{RM_GET, "/happi/national", happi_national, 0, CAP_ACTIVITIES_READ},
	{RM_GET, "/happi/national.csv", happi_national_csv, 0, CAP_ACTIVITIES_READ},
	{RM_GET, "/happi/national.xlsx", happi_national_xlsx, 0, CAP_ACTIVITIES_READ},
	/* an activity's form: the handlers decide who reads, writes and reviews it
	 * (view.h, happi_access_of); 404 to anyone else */
	{RM_GET, "/activities/{id}/happi", happi_page, 0, CAP_ACCOUNT},
	{RM_GET, "/activities/{id}/happi/versions", happi_versions, 0, CAP_ACCOUNT},
	{RM_GET, "/activities/{id}/happi/qa", happi_qa, 0, CAP_ACCOUNT},
	{RM_POST, "/activities/{id}/happi/qa", happi_qa_post, 0, CAP_ACCOUNT},
	{RM_GET, "/activities/{id}/happi/compare", happi_compare, 0, CAP_ACCOUNT},
	/* the whole form to print and report: its readers; never its QA notes */
	{RM_GET, "/activities/{id}/happi/print", happi_print, 0, CAP_ACCOUNT},
	{RM_GET, "/activities/{id}/happi/{what}", happi_what, 0, CAP_ACTIVITIES_LEAD},
	{RM_POST, "/activities/{id}/happi/{what}", happi_what_post, RF_KEEPS_TEXT, CAP_ACTIVITIES_LEAD},
};

static const struct migration_load loads[] = {
	{21, "HAPPI forms' impact judgements, from each form", happi_judgements_load},
};

static const struct job jobs[] = {
	{"happi_reminders", happi_reminders_job, 3600},
};

const struct module happi_module = {
	.name = "happi",
	MODULE_LIST(routes, routes),
	MODULE_LIST(audit_actions, audit_actions),
	MODULE_LIST(activity_parts, happi_activity_parts),
	MODULE_LIST(jobs, jobs),
	MODULE_LIST(loads, loads),
	MODULE_LIST(demo_parts, happi_demo_parts),
};
