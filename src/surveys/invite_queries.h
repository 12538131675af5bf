/*
 * invite_queries.h - the SQL of survey invites and answers
 * (survey_invites, survey_values: migration 0023), in the caller's
 * transaction.
 */
#ifndef MH_SURVEYS_INVITE_QUERIES_H
#define MH_SURVEYS_INVITE_QUERIES_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "surveys/answers.h"
#include "surveys/surveys.h"

struct arena;
struct db;

/* An open (or closed) template that applies to an activity. */
struct survey_applies {
	int64_t id;
	enum survey_kind kind;
	const char *title;
	bool closed; /* answered no more: its completion and results, no links or reminders */
};

/* For each kind, the open or closed template of year for project_id (0: a
 * local activity, which only the defaults cover), else the default of the
 * year; by kind (autumn, summer, LLME). */
enum err survey_applicable(struct db *db, struct arena *a, int64_t project_id, int year, struct survey_applies **out,
			   size_t *n);

/* Across every activity of template_id: invited and not completed, and of
 * them those who have saved answers part-way. */
enum err survey_outstanding(struct db *db, int64_t template_id, int64_t *waiting, int64_t *started);
/* Invited and completed for template_id in activity_id. */
enum err survey_completion(struct db *db, int64_t template_id, int64_t activity_id, int64_t *invited,
			   int64_t *completed);

/* An invite (alias i) that counts toward completion: completed, or its
 * person still in the activity (a participant who has left is neither
 * chased nor counted against the 100 % target). */
#define SURVEY_STILL_INVITED                                                                                 \
	"(i.completed_at IS NOT NULL OR NOT EXISTS (SELECT 1 FROM activity_participants lp "                \
	"WHERE lp.activity_id = i.activity_id AND lp.person_id = i.person_id AND lp.left_on IS NOT NULL))"

/* Someone who is sent a link or a reminder. */
struct survey_recipient {
	int64_t person_id, invite_id;
	const char *name, *email;
	const char *token_sealed; /* a reminder's */
};

/* Those who should have a link of template_id's kind for activity_id and
 * have none yet: its current participants (left_on NULL), or its leads for
 * the LLME survey; active people only. */
enum err survey_uninvited(struct db *db, struct arena *a, int64_t template_id, int64_t activity_id, bool leads,
			  struct survey_recipient **out, size_t *n);

/* A new invite; *id 0 when they have one already (a send at the same moment). */
enum err survey_invite_add(struct db *db, int64_t template_id, int64_t activity_id, int64_t person_id,
			   const char *token_hash, const char *token_sealed, int64_t by, int64_t now, int64_t *id);

/* Someone who has not completed (names and schools only: never answers). */
struct survey_waiting {
	const char *name, *school; /* school NULL: none known */
	bool started;
	int64_t invited_at, reminders, last_reminded_at; /* last_reminded_at 0: never */
};
enum err survey_not_completed(struct db *db, struct arena *a, int64_t template_id, int64_t activity_id,
			      struct survey_waiting **out, size_t *n);

/* Those not completed and neither invited nor reminded since before
 * (their reminders due), with their sealed token. */
enum err survey_remind_due(struct db *db, struct arena *a, int64_t template_id, int64_t activity_id, int64_t before,
			   struct survey_recipient **out, size_t *n);
/* Why a reminder now found nobody: of the template's invites for the
 * activity, how many there are, have completed, and have not but are gone
 * (left the activity, or their account closed); and the earliest link or
 * reminder of the rest (0: none), who are all waiting out the gap. */
struct survey_remind_none {
	int64_t invited, completed, gone, first_recent;
};
enum err survey_remind_none(struct db *db, int64_t template_id, int64_t activity_id, struct survey_remind_none *out);
/* Claims invite_id's reminder at now (still due since before): *claimed. */
enum err survey_remind_claim(struct db *db, int64_t invite_id, int64_t now, int64_t before, bool *claimed);

/* An invite as its link opens it. */
struct survey_invite {
	int64_t id, template_id, activity_id, person_id;
	int64_t started_at, completed_at;
	const char *answers;
	const char *title, *content, *activity_title;
	enum survey_kind kind;
	enum survey_status status;
};
/* By its token's hash: ERR_NOT_FOUND when none. */
enum err survey_invite_by_hash(struct db *db, struct arena *a, const char *token_hash, struct survey_invite *out);

/* The answers saved (started_at set if not yet) and survey_values derived
 * again from them: only while not completed (ERR_CONFLICT otherwise). */
enum err survey_answers_save(struct db *db, int64_t invite_id, const char *answers, const struct survey_value *v,
			     size_t nv, int64_t now);
/* Completed at now: ERR_CONFLICT when it was already. */
enum err survey_invite_complete(struct db *db, int64_t invite_id, int64_t now);

/* A signed-in person's open surveys not completed. */
struct survey_mine {
	int64_t id, template_id, activity_id;
	const char *title, *activity_title, *token_sealed;
	bool started;
};
enum err survey_invites_of_person(struct db *db, struct arena *a, int64_t person_id, struct survey_mine **out,
				  size_t *n);

#endif
