/* module.c - the surveys capability as a module (src/module.h): survey
 * templates and their editor (docs/plans/surveys.md, step 1); invites,
 * answering by a personal link, completion and reminders now (step 2);
 * school term dates, the calendars reminders wait on (terms_pages.c,
 * terms_upload.c); results, paired change and their exports (step 4:
 * results.h) and completion rolled up by NCP, hub and activity
 * (completion.h); scheduled reminders, sent by an hourly job when school life
 * allows (schedule.h). */
#include "auth/perm.h"
#include "module.h"
#include "surveys/completion.h"
#include "surveys/demo_queries.h"
#include "surveys/invites.h"
#include "surveys/pages.h"
#include "surveys/results.h"
#include "surveys/schedule.h"
#include "surveys/surveys.h"
#include "surveys/terms_queries.h"

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
	{"survey_links_sent", "Survey links sent"},
	{"survey_reminders_sent", "Survey reminders sent"},
	{"survey_reminders_scheduled", "Survey reminders scheduled"},
	{"survey_reminders_stopped", "Scheduled survey reminders stopped"},
	{"survey_completed", "Survey completed by its link"},
	{"school_terms_loaded", "School term dates loaded"},
};

/* The national team keeps every template; an NCP's Project Lead their
 * NCP's own and reads the defaults (the handlers check the NCP). */
static const struct route routes[] = {
	{RM_GET, "/surveys", surveys_list, 0, CAP_SURVEYS_MANAGE},
	{RM_GET, "/surveys/terms", surveys_terms_list, 0, CAP_SURVEY_TERMS},
	{RM_GET, "/surveys/terms/default", surveys_terms_default, 0, CAP_SURVEY_TERMS},
	{RM_GET, "/surveys/terms/upload", surveys_terms_upload, 0, CAP_SURVEY_TERMS},
	{RM_POST, "/surveys/terms/upload", surveys_terms_upload_post, 0, CAP_SURVEY_TERMS},
	{RM_POST, "/surveys/terms/upload/confirm", surveys_terms_confirm_post, 0, CAP_SURVEY_TERMS},
	{RM_GET, "/surveys/terms/{la}", surveys_terms_la, 0, CAP_SURVEY_TERMS},
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
	/* the internal sections' answers (quality assurance): the national team only (qa.c, the handlers check) */
	{RM_GET, "/surveys/{id}/quality-assurance", surveys_quality_assurance, 0, CAP_SURVEYS_RESULTS},
	{RM_GET, "/surveys/{id}/quality-assurance.csv", surveys_quality_assurance_csv, 0, CAP_SURVEYS_RESULTS},
	/* completion rolled up by NCP, hub and activity: the same readers and reach (completion.h) */
	{RM_GET, "/surveys/{id}/completion", surveys_completion, 0, CAP_SURVEYS_RESULTS},
	{RM_GET, "/surveys/{id}/completion.csv", surveys_completion_csv, 0, CAP_SURVEYS_RESULTS},
	{RM_GET, "/surveys/{id}/completion.xlsx", surveys_completion_xlsx, 0, CAP_SURVEYS_RESULTS},
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
	/* an activity's links and reminders (send.c): whoever runs it (the handlers check the activity) */
	{RM_POST, "/activities/{id}/surveys/{template}/send", surveys_send_post, 0, CAP_ACCOUNT},
	{RM_POST, "/activities/{id}/surveys/{template}/remind", surveys_remind_post, 0, CAP_ACCOUNT},
	{RM_GET, "/activities/{id}/surveys/{template}/schedule", surveys_schedule, 0, CAP_ACCOUNT},
	{RM_POST, "/activities/{id}/surveys/{template}/schedule", surveys_schedule_post, 0, CAP_ACCOUNT},
	{RM_POST, "/activities/{id}/surveys/{template}/schedule/stop", surveys_schedule_stop_post, 0, CAP_ACCOUNT},
	/* answering with a personal link, no sign-in (answer.c) */
	{RM_GET, "/s/{token}", surveys_answer_start, RF_SECRET_PATH, CAP_PUBLIC},
	{RM_GET, "/s/{token}/pages/{n}", surveys_answer_page, RF_SECRET_PATH, CAP_PUBLIC},
	{RM_POST, "/s/{token}/pages/{n}", surveys_answer_page_post, RF_SECRET_PATH | RF_REFUSED_RESHOWN, CAP_PUBLIC},
	{RM_GET, "/s/{token}/saved", surveys_answer_saved, RF_SECRET_PATH, CAP_PUBLIC},
	{RM_GET, "/s/{token}/check", surveys_answer_check, RF_SECRET_PATH, CAP_PUBLIC},
	{RM_POST, "/s/{token}/check", surveys_answer_submit, RF_SECRET_PATH | RF_REFUSED_RESHOWN, CAP_PUBLIC},
	{RM_GET, "/s/{token}/done", surveys_answer_done, RF_SECRET_PATH, CAP_PUBLIC},
};

/* Migration 24: the default national calendar of school terms; 27: the
 * sums of the templates already closed (results.h); 28: their whole
 * programme's results and paired change (counted.c) */
static const struct migration_load loads[] = {
	{24, "school terms: the default national calendar", survey_terms_default_load},
	{27, "survey sums: the templates already closed", survey_sums_backfill},
	{28, "survey totals: the whole programme's, of the templates already closed", survey_counts_backfill},
};

static const struct command commands[] = {
	{"recount-surveys", "", "count every closed survey's results and paired change again from its answers "
				"(closing a survey counts it)", survey_recount_command},
};

/* scheduled reminders: hourly, sending only in the hours school life allows */
static const struct job jobs[] = {
	{"survey_reminders", surveys_schedule_job, 3600},
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
	MODULE_LIST(activity_parts, surveys_activity_parts),
	MODULE_LIST(home_parts, surveys_home_parts),
	MODULE_LIST(loads, loads),
	MODULE_LIST(commands, commands),
	MODULE_LIST(jobs, jobs),
	MODULE_LIST(demo_parts, surveys_demo_parts),
};
