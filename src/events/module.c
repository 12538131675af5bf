/* module.c - the events capability as a module (src/module.h): a
 * person's events and answering them, organising events, and
 * `mathshubs import-bank-holidays`. */
#include "auth/perm.h"
#include "events/events.h"
#include "events/jobs.h"
#include "events/join.h"
#include "events/pages.h"
#include "module.h"

/* The actions it audits, with the labels people read (keys are stored in
 * audit_log.action: never rename one that has shipped). */
static const struct audit_action audit_actions[] = {
	{"event_created", "Event created"},
	{"event_changed", "Event changed"},
	{"event_cancelled", "Event cancelled"},
	{"event_confirmed", "Event confirmed"},
	{"event_waiting", "Joined an event's waiting list"},
	{"event_apologies", "Apologies sent for an event"},
	{"event_place_given", "Event place given from the waiting list"},
	{"event_answer_set", "Someone's answer to an event set by an organiser"},
	{"event_answer_removed", "Someone's answer to an event removed by an organiser"},
	{"bank_holidays_imported", "Bank holidays imported"},
	{"event_place_offered", "Event place offered from the waiting list"},
	{"event_offer_accepted", "Event place offered accepted"},
	{"event_offer_lapsed", "Event place offered not accepted in time"},
	{"calendar_feed_reset", "Calendar feed address made or replaced"},
	{"event_requirements_given", "Dietary and access requirements given for an event"},
	{"event_requirements_viewed", "Dietary and access requirements of an event seen"},
	{"event_requirements_deleted", "Dietary and access requirements deleted after an event"},
	{"event_joined", "Joined an online event by their link"},
	{"event_register_saved", "Event register saved"},
	{"event_attendance_added", "Someone's attendance at an event added by an organiser"},
	{"event_report_recorded", "Attendance recorded from a meeting's participant report"},
	{"event_join_refused", "Someone's joining link refused: used in another person's session"},
};

static const struct route routes[] = {
	/* a person's own events: the handlers show only events open to them or answered by them */
	{RM_GET, "/events", events_list, 0, CAP_ACCOUNT},
	{RM_GET, "/events/new", events_new, 0, CAP_EVENTS_MANAGE},
	{RM_POST, "/events/new", events_new_post, 0, CAP_EVENTS_MANAGE},
	{RM_GET, "/events/{id}", events_page, 0, CAP_ACCOUNT},
	{RM_POST, "/events/{id}/confirm", events_confirm_post, 0, CAP_ACCOUNT},
	{RM_POST, "/events/{id}/apologies", events_apologies_post, 0, CAP_ACCOUNT},
	/* the organisers' pages: the handlers check the event's organisers (rules.h) */
	{RM_GET, "/events/{id}/edit", events_edit, 0, CAP_EVENTS_MANAGE},
	{RM_POST, "/events/{id}/edit", events_edit_post, 0, CAP_EVENTS_MANAGE},
	{RM_GET, "/events/{id}/cancel", events_cancel, 0, CAP_EVENTS_MANAGE},
	{RM_POST, "/events/{id}/cancel", events_cancel_post, 0, CAP_EVENTS_MANAGE},
	{RM_GET, "/events/{id}/answers", events_answer, 0, CAP_EVENTS_MANAGE},
	{RM_POST, "/events/{id}/answers", events_answer_post, 0, CAP_EVENTS_MANAGE},
	/* email, offers and calendars (offer.c, calendar.c) */
	{RM_GET, "/events/{id}/offer", events_offer, 0, CAP_ACCOUNT},
	{RM_POST, "/events/{id}/offer", events_offer_post, 0, CAP_ACCOUNT},
	{RM_GET, "/calendar", events_calendar, 0, CAP_ACCOUNT},
	{RM_POST, "/calendar", events_calendar_post, 0, CAP_ACCOUNT},
	/* the token in the path is the secret: no sign-in */
	{RM_GET, "/calendar/{file}", events_calendar_feed, RF_SECRET_PATH, CAP_PUBLIC},
	/* requirements: a confirmed person's own; the organisers' (the handlers check them, and audit each read) */
	{RM_GET, "/events/{id}/your-requirements", events_own_requirements, 0, CAP_ACCOUNT},
	{RM_POST, "/events/{id}/your-requirements", events_own_requirements_post, 0, CAP_ACCOUNT},
	{RM_GET, "/events/{id}/requirements", events_requirements, 0, CAP_EVENTS_MANAGE},
	{RM_GET, "/events/{id}/requirements.csv", events_requirements_csv, 0, CAP_EVENTS_MANAGE},
	/* the JSON API: the handlers show only the events open to them, answered or organised by them */
	{RM_GET, "/api/v1/events", events_api_list, RF_API, CAP_ACCOUNT},
	{RM_GET, "/api/v1/events/{id}", events_api_one, RF_API, CAP_ACCOUNT},
	/* a hub's LLMEs' funded days: its leadership (the handler checks the hub) */
	{RM_GET, "/hubs/{code}/funded-days", events_hub_funded_days, 0, CAP_EVENTS_MANAGE},
	/* joining links, registers and attendance (join.c, register*.c, report*.c) */
	{RM_GET, "/join/{token}", events_join, RF_SECRET_PATH, CAP_PUBLIC},
	{RM_GET, "/events/{id}/register", events_register, 0, CAP_EVENTS_MANAGE},
	{RM_POST, "/events/{id}/register", events_register_post, 0, CAP_EVENTS_MANAGE},
	{RM_GET, "/events/{id}/register/print", events_register_print, 0, CAP_EVENTS_MANAGE},
	{RM_GET, "/events/{id}/register.csv", events_register_csv, 0, CAP_EVENTS_MANAGE},
	{RM_GET, "/events/{id}/register.xlsx", events_register_xlsx, 0, CAP_EVENTS_MANAGE},
	{RM_GET, "/events/{id}/attendance/add", events_attendance_add, 0, CAP_EVENTS_MANAGE},
	{RM_POST, "/events/{id}/attendance/add", events_attendance_add_post, 0, CAP_EVENTS_MANAGE},
	{RM_GET, "/events/{id}/report", events_report, 0, CAP_EVENTS_MANAGE},
	{RM_POST, "/events/{id}/report", events_report_post, RF_UPLOAD, CAP_EVENTS_MANAGE},
	{RM_POST, "/events/{id}/report/confirm", events_report_confirm_post, 0, CAP_EVENTS_MANAGE},
};

static const struct job jobs[] = {
	{"event_reminders", events_reminders_job, 0},
	{"event_offers", events_offers_job, 0},
	{"event_requirements_cleanup", events_requirements_job, 3600},
};

static const struct nav_item nav[] = {
	{.text = "Events", .href = "/events", .order = 40},
};

static const struct command commands[] = {
	{"import-bank-holidays", "FILE", "add later years' England and Wales bank holidays from GOV.UK's bank-holidays.json "
					 "(the events' deadlines count working days)", events_import_holidays_command},
};

static const struct home_part home_parts[] = {
	{events_home_read, events_home_render},
};

const struct module events_module = {
	.name = "events",
	MODULE_LIST(routes, routes),
	MODULE_LIST(nav, nav),
	MODULE_LIST(audit_actions, audit_actions),
	MODULE_LIST(commands, commands),
	MODULE_LIST(jobs, jobs),
	MODULE_LIST(home_parts, home_parts),
	MODULE_LIST(demo_parts, events_demo_parts),
};
