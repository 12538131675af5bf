/*
 * invites.h - what the invite pages share (activity_part.c, send.c,
 * answer*.c, home.c): which year of an activity its surveys are, the
 * people a kind of survey is for, a link's token, and the emails.
 */
#ifndef MH_SURVEYS_INVITES_H
#define MH_SURVEYS_INVITES_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "surveys/surveys.h"

struct activity;
struct arena;
struct db;
struct req;
struct resp;

/* The academic year an activity's surveys are for: today's, within the
 * activity's years. */
int surveys_activity_year(struct arena *a, const struct activity *act);

/* The LLME survey is for an activity's leads; the others for its participants. */
static inline bool surveys_for_leads(enum survey_kind k)
{
	return k == SURVEY_LLME;
}

/* What a sealed token is bound to (auth/sealed.h): the invite's template,
 * activity and person. */
const char *surveys_token_binding(struct arena *a, int64_t template_id, int64_t activity_id, int64_t person_id);

/* "/s/TOKEN", or the whole address with base_url. */
const char *surveys_link(struct arena *a, const char *base_url, const char *token);

/* Queues the email of a personal link (reminder: a reminder's words), in
 * the caller's write transaction. */
enum err surveys_mail_link(struct db *db, struct arena *a, const char *to, const char *name, const char *survey_title,
			   const char *activity_title, const char *link, bool reminder);

/* How long a person is left between reminders sent now. */
#define SURVEYS_REMIND_GAP 86400

/* The activity's page's part (module.h): its surveys' completion. */
struct activity_part;
extern const struct activity_part surveys_activity_parts[1];

/* Why surveys_activity_survey refuses. */
enum surveys_refusal {
	SURVEYS_SENDS = 0,     /* not refused */
	SURVEYS_NO_ACTIVITY,   /* no such activity for them (404) */
	SURVEYS_NO_SURVEY,     /* no such survey applying to it (404) */
	SURVEYS_NOT_SENDER,    /* they may not send its links (403) */
	SURVEYS_SURVEY_CLOSED, /* the survey has closed (409) */
};
/* Activity activity_id and its open survey template_id, for a reader who
 * may send its links (activity_access's run, the activity not cancelled):
 * *refused why not, else SURVEYS_SENDS with a and t read. */
struct survey_applies;
/* The 409 page for links, reminders or a schedule of a closed survey. */
enum err surveys_closed_page(struct req *rq, struct resp *rs, int64_t activity_id);
/* The page of a refusal other than SURVEYS_SENDS: "Activity not found",
 * "Survey not found", 403, or surveys_closed_page. */
enum err surveys_refused_page(struct req *rq, struct resp *rs, int64_t activity_id, enum surveys_refusal why);
enum err surveys_activity_survey(struct db *db, struct req *rq, int64_t activity_id, int64_t template_id,
				 struct activity *a, struct survey_applies *t, enum surveys_refusal *refused);

/* POST /activities/{id}/surveys/{template}/send and /remind */
enum err surveys_send_post(struct req *rq, struct resp *rs);
enum err surveys_remind_post(struct req *rq, struct resp *rs);

/* The home page's part (module.h): a signed-in person's open surveys. */
struct home_part;
extern const struct home_part surveys_home_parts[1];

/* /s/{token}... (answer.c, answer_pages.c) */
enum err surveys_answer_start(struct req *rq, struct resp *rs);
enum err surveys_answer_page(struct req *rq, struct resp *rs);
enum err surveys_answer_page_post(struct req *rq, struct resp *rs);
enum err surveys_answer_saved(struct req *rq, struct resp *rs);
enum err surveys_answer_check(struct req *rq, struct resp *rs);
enum err surveys_answer_submit(struct req *rq, struct resp *rs);
enum err surveys_answer_done(struct req *rq, struct resp *rs);

#endif
