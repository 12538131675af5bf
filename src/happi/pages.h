/*
 * pages.h - the HAPPI capability's handlers (module.c routes them).
 */
#ifndef MH_HAPPI_PAGES_H
#define MH_HAPPI_PAGES_H

#include "core/err.h"
#include "demo/demo.h"
#include "module.h"

struct req;
struct resp;

/* outcomes.c: an NCP's expected outcomes */
enum err happi_outcomes_page(struct req *rq, struct resp *rs);
enum err happi_outcome_new(struct req *rq, struct resp *rs);
enum err happi_outcome_new_post(struct req *rq, struct resp *rs);
enum err happi_outcome_edit(struct req *rq, struct resp *rs);
enum err happi_outcome_edit_post(struct req *rq, struct resp *rs);
enum err happi_outcome_remove_page(struct req *rq, struct resp *rs);
enum err happi_outcome_remove_post(struct req *rq, struct resp *rs);
enum err happi_outcomes_copy_post(struct req *rq, struct resp *rs);

/* page.c: an activity's form, read */
enum err happi_page(struct req *rq, struct resp *rs);
/* print.c: the whole form on one page, to print and report (no QA notes) */
enum err happi_print(struct req *rq, struct resp *rs);
/* edit.c: /activities/{id}/happi/{what}: a part written (planning,
 * progress, impact), or a step taken (submit-planning, agree, submit-final,
 * review: POST only; return: its page of comments, then POST) */
enum err happi_what(struct req *rq, struct resp *rs);
enum err happi_what_post(struct req *rq, struct resp *rs);
/* lists.c: your own forms; a hub's */
enum err happi_own(struct req *rq, struct resp *rs);
enum err happi_hub(struct req *rq, struct resp *rs);
enum err happi_national(struct req *rq, struct resp *rs);
/* export.c: the hub's list and the national counts as CSV and XLSX */
enum err happi_hub_csv(struct req *rq, struct resp *rs);
enum err happi_hub_xlsx(struct req *rq, struct resp *rs);
enum err happi_national_csv(struct req *rq, struct resp *rs);
enum err happi_national_xlsx(struct req *rq, struct resp *rs);
/* dates.c: when a year's forms are due */
enum err happi_dates(struct req *rq, struct resp *rs);
enum err happi_dates_post(struct req *rq, struct resp *rs);
/* activity_part.c: the form's status on its activity's page, and the warning of a Work Group with no
 * outcomes for pupils */
extern const struct activity_part happi_activity_parts[1];

/* The reminders' periodic job (remind.c). */
struct config;
enum err happi_reminders_job(struct db *db, const struct config *cfg, int64_t now);
/* qa.c: quality assurance notes, internal */
enum err happi_qa(struct req *rq, struct resp *rs);
enum err happi_qa_post(struct req *rq, struct resp *rs);
/* versions.c: every version; two compared */
enum err happi_versions(struct req *rq, struct resp *rs);
enum err happi_compare(struct req *rq, struct resp *rs);
/* demo_happi.c: its part of the demo data (demo/demo.h), after the activities' */
extern const struct demo_part happi_demo_parts[1];

#endif
