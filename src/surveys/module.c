/* module.c - the surveys capability as a module (src/module.h): survey
 * templates and their editor (docs/plans/surveys.md, step 1); results,
 * paired change and their exports (step 4: results.h). */
#include "auth/perm.h"
#include "module.h"
#include "surveys/pages.h"
#include "surveys/results.h"
#include "surveys/surveys.h"

/* The actions it audits, with the labels people read (keys are stored in
 * audit_log.action: never rename one that has shipped). */
static const struct audit_action audit_actions[] = {
	{"survey_template_created", "Survey template created"},
	{"survey_template_opened", "Survey opened"},
	{"survey_template_closed", "Survey closed"},
	{"survey_section_added", "Survey section added"},
	{"survey_section_changed", "Survey section changed"},
	{"survey_section_removed", "Survey section removed"},
	{"survey_question_added", "Survey question added"},
	{"survey_question_changed", "Survey question changed"},
	{"survey_question_removed", "Survey question removed"},
};

/* The national team keeps every template; an NCP's Project Lead their
 * NCP's own and reads the defaults (the handlers check the NCP). */
static const struct route routes[] = {
	{RM_GET, "/surveys", surveys_list, 0, CAP_SURVEYS_MANAGE},
	{RM_GET, "/surveys/new", surveys_new, 0, CAP_SURVEYS_MANAGE},
	{RM_POST, "/surveys/new", surveys_new_post, 0, CAP_SURVEYS_MANAGE},
	/* results: the national team; a Project Lead their NCP's; hub leadership
	 * their hub's activities; an LLME the activities they lead (results.h) */
	{RM_GET, "/surveys/paired", surveys_paired, 0, CAP_SURVEYS_RESULTS},
	{RM_GET, "/surveys/paired.csv", surveys_paired_csv, 0, CAP_SURVEYS_RESULTS},
	{RM_GET, "/surveys/paired.xlsx", surveys_paired_xlsx, 0, CAP_SURVEYS_RESULTS},
	{RM_GET, "/surveys/{id}/results", surveys_results, 0, CAP_SURVEYS_RESULTS},
	{RM_GET, "/surveys/{id}/results.csv", surveys_results_csv, 0, CAP_SURVEYS_RESULTS},
	{RM_GET, "/surveys/{id}/results.xlsx", surveys_results_xlsx, 0, CAP_SURVEYS_RESULTS},
	{RM_GET, "/surveys/{id}", surveys_template, 0, CAP_SURVEYS_MANAGE},
	{RM_GET, "/surveys/{id}/preview", surveys_preview, 0, CAP_SURVEYS_MANAGE},
	{RM_GET, "/surveys/{id}/open", surveys_open, 0, CAP_SURVEYS_MANAGE},
	{RM_POST, "/surveys/{id}/open", surveys_open_post, 0, CAP_SURVEYS_MANAGE},
	{RM_GET, "/surveys/{id}/close", surveys_close, 0, CAP_SURVEYS_MANAGE},
	{RM_POST, "/surveys/{id}/close", surveys_close_post, 0, CAP_SURVEYS_MANAGE},
	{RM_GET, "/surveys/{id}/sections/new", surveys_section_new, 0, CAP_SURVEYS_MANAGE},
	{RM_POST, "/surveys/{id}/sections/new", surveys_section_new_post, 0, CAP_SURVEYS_MANAGE},
	{RM_GET, "/surveys/{id}/sections/{key}", surveys_section_edit, 0, CAP_SURVEYS_MANAGE},
	{RM_POST, "/surveys/{id}/sections/{key}", surveys_section_edit_post, 0, CAP_SURVEYS_MANAGE},
	{RM_GET, "/surveys/{id}/sections/{key}/remove", surveys_section_remove, 0, CAP_SURVEYS_MANAGE},
	{RM_POST, "/surveys/{id}/sections/{key}/remove", surveys_section_remove_post, 0, CAP_SURVEYS_MANAGE},
	{RM_GET, "/surveys/{id}/sections/{key}/questions/new", surveys_question_new, 0, CAP_SURVEYS_MANAGE},
	{RM_POST, "/surveys/{id}/sections/{key}/questions/new", surveys_question_new_post, 0, CAP_SURVEYS_MANAGE},
	{RM_GET, "/surveys/{id}/questions/{qkey}", surveys_question_edit, 0, CAP_SURVEYS_MANAGE},
	{RM_POST, "/surveys/{id}/questions/{qkey}", surveys_question_edit_post, 0, CAP_SURVEYS_MANAGE},
	{RM_GET, "/surveys/{id}/questions/{qkey}/remove", surveys_question_remove, 0, CAP_SURVEYS_MANAGE},
	{RM_POST, "/surveys/{id}/questions/{qkey}/remove", surveys_question_remove_post, 0, CAP_SURVEYS_MANAGE},
};

static const struct nav_item nav[] = {
	{.text = "Survey templates", .href = "/surveys", .order = 170, .place = NAV_MANAGE, .capability = CAP_SURVEYS_MANAGE},
	{.text = "Survey results", .href = "/surveys/paired", .order = 175, .place = NAV_MANAGE,
	 .capability = CAP_SURVEYS_RESULTS},
};

const struct module surveys_module = {
	.name = "surveys",
	MODULE_LIST(routes, routes),
	MODULE_LIST(nav, nav),
	MODULE_LIST(audit_actions, audit_actions),
};
