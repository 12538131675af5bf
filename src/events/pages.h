/* pages.h - the events capability's handlers (module.c routes them). */
#ifndef MH_EVENTS_PAGES_H
#define MH_EVENTS_PAGES_H

#include <stdint.h>

#include "core/err.h"

struct req;
struct resp;

/* list.c: a person's events (two tabs, and those they organise) */
enum err events_list(struct req *rq, struct resp *rs);
/* event_page.c: an event, and answering it */
enum err events_page(struct req *rq, struct resp *rs);
enum err events_confirm_post(struct req *rq, struct resp *rs);
enum err events_apologies_post(struct req *rq, struct resp *rs);
/* edit.c: creating and changing an event */
enum err events_new(struct req *rq, struct resp *rs);
enum err events_new_post(struct req *rq, struct resp *rs);
enum err events_edit(struct req *rq, struct resp *rs);
enum err events_edit_post(struct req *rq, struct resp *rs);
/* cancel.c */
enum err events_cancel(struct req *rq, struct resp *rs);
enum err events_cancel_post(struct req *rq, struct resp *rs);
/* answers.c: an organiser changes someone's answer */
enum err events_answer(struct req *rq, struct resp *rs);
enum err events_answer_post(struct req *rq, struct resp *rs);
/* offer.c: accepting a place offered from the waiting list */
enum err events_offer(struct req *rq, struct resp *rs);
enum err events_offer_post(struct req *rq, struct resp *rs);
/* calendar.c: a person's calendar feed, and its page */
enum err events_calendar(struct req *rq, struct resp *rs);
enum err events_calendar_post(struct req *rq, struct resp *rs);
enum err events_calendar_feed(struct req *rq, struct resp *rs);

/* requirements.c: a person's dietary and access requirements; the organisers' list and CSV */
enum err events_own_requirements(struct req *rq, struct resp *rs);
enum err events_own_requirements_post(struct req *rq, struct resp *rs);
enum err events_requirements(struct req *rq, struct resp *rs);
enum err events_requirements_csv(struct req *rq, struct resp *rs);
/* On the event's page of someone confirmed: their requirements, and a link to give or change them. */
struct html;
struct event;
void events_requirements_link(struct html *w, struct req *rq, const struct event *e);
/* api.c: /api/v1/events and /api/v1/events/{id} */
enum err events_api_list(struct req *rq, struct resp *rs);
enum err events_api_one(struct req *rq, struct resp *rs);
/* funded_days.c: a hub's LLMEs' funded national-workshop days */
enum err events_hub_funded_days(struct req *rq, struct resp *rs);

/* home.c: the home page's part (module.h's struct home_part) */
struct db;
enum err events_home_read(struct db *db, struct req *rq, void **out);
void events_home_render(struct html *w, struct req *rq, const void *data);
/* register.c, register_print.c, register_export.c: registers */
enum err events_register(struct req *rq, struct resp *rs);
enum err events_register_post(struct req *rq, struct resp *rs);
enum err events_register_print(struct req *rq, struct resp *rs);
enum err events_register_csv(struct req *rq, struct resp *rs);
enum err events_register_xlsx(struct req *rq, struct resp *rs);
/* attendance_add.c: attendance for someone nothing recorded */
enum err events_attendance_add(struct req *rq, struct resp *rs);
enum err events_attendance_add_post(struct req *rq, struct resp *rs);

/* report.c: the meeting's participant report as attendance */
enum err events_report(struct req *rq, struct resp *rs);
enum err events_report_post(struct req *rq, struct resp *rs);
enum err events_report_confirm_post(struct req *rq, struct resp *rs);

/* holidays_cli.c: `mathshubs import-bank-holidays FILE` (cli.h's run) */
int events_import_holidays_command(int argc, char **argv);

/* The event's id in the path ({id}), or 0 when it is not a positive number. */
int64_t events_param(const struct req *rq);
/* "/events/12" and that with a further segment ("/edit"), in rq's arena. */
const char *events_href(const struct req *rq, int64_t id, const char *then);
/* The 404 page for an event that does not exist or is not theirs to see. */
enum err events_not_found(struct resp *rs);

#endif
