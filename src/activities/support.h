/*
 * support.h - Targeted Support (issue 12): an activity of kind 'Targeted
 * Support' has one school, a level (standard, enhanced, intensive) with its
 * history, agreed days (stored as half-days), a development focus and the
 * cycle in the handbook's words (explore, plan, deliver, evaluate), each
 * stage with dates and notes. The pure rules (support_rules.c: days typed
 * and written, a stage's status from its dates) and what its pages read and
 * write (support_queries.c, in the caller's transaction, into the arena).
 */
#ifndef MH_ACTIVITIES_SUPPORT_H
#define MH_ACTIVITIES_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "activities/activities.h"
#include "core/err.h"

struct arena;
struct db;

/* ---- the rules (pure) ---- */

/* The most days a school's support can be agreed for (the schema's 200
 * half-days). */
#define SUPPORT_MAX_HALF_DAYS 200

/* Days as people type them ("8", "7.5", "7½", "7 ½", "½", "0.5", "8 days")
 * into half-days; NULL when fine (*half_days set), else the GOV.UK error
 * message about the agreed days. */
const char *support_half_days_parse(const char *typed, int64_t *half_days);

/* Half-days as days are written: "8", "4½", "½" (out needs 24 bytes). */
const char *support_days_text(int64_t half_days, char out[24]);

/* A cycle stage's status on date `today` (YYYY-MM-DD) from its dates (NULL:
 * not given): ended before today, completed; begun by today, in progress;
 * else not started. */
enum support_status { SUPPORT_NOT_STARTED, SUPPORT_IN_PROGRESS, SUPPORT_COMPLETED };
enum support_status support_stage_status(const char *starts_on, const char *ends_on, const char *today);
/* "Not started", "In progress", "Completed". */
const char *support_status_name(enum support_status s);

/* The stage whose key is `key` (0..3), or -1. */
int support_stage_index(const char *key);

/* ---- what is read ---- */

/* A level from a date (support_levels). */
struct support_level {
	const char *from_on, *level, *reason, *set_by_name;
};

/* A cycle stage (support_cycle); starts_on and ends_on NULL when not given. */
struct support_stage {
	const char *starts_on, *ends_on, *notes;
	const char *updated_by_name; /* NULL: never written */
	int64_t updated_at;
};

/* A Targeted Support activity of the same school (this one too). */
struct support_past {
	int64_t activity_id;
	const char *title, *status, *hub_name;
	int first_year, last_year;
	const char *level;
	int64_t agreed_half_days, used_half_days;
	struct support_level *levels; /* from the first */
	size_t nlevels;
};

/* An activity's Targeted Support, as its pages show it. */
struct support {
	bool set_up;                  /* it has its targeted_support row */
	const char *urn;              /* its school (set up), or the school already taking part (activity_schools) */
	const char *school_name, *school_hub_name;
	const char *level;
	int64_t agreed_half_days;
	const char *focus;
	int64_t used_half_days;       /* sessions not cancelled that have started */
	int64_t planned_half_days;    /* sessions not cancelled still to come */
	struct support_level *levels; /* from the first */
	size_t nlevels;
	struct support_stage stages[ACTIVITIES_NSTAGES]; /* activities_cycle's order */
	struct support_past *past;    /* the school's, latest first (this one included) */
	size_t npast;
};

/* Reads activity_id's Targeted Support into *out at instant `now` (days
 * used count sessions begun by then); with_history: also the school's
 * support across years. Nothing set up: out->set_up false (and out->urn
 * the school already taking part, if any). */
enum err support_read(struct db *db, struct arena *a, int64_t activity_id, int64_t now, bool with_history,
		      struct support *out);

/* Sets it up: its targeted_support row, its first level (from the date it
 * began) and its school's activity_schools row (unless the school already
 * takes part; joined on that date), with the school's hub as it joins. */
struct support_setup {
	const char *urn, *level, *focus, *began;
	int64_t agreed_half_days;
};
enum err support_create(struct db *db, int64_t activity_id, const struct support_setup *s, int64_t by, int64_t now);

/* Changes its agreed days and focus. */
enum err support_update(struct db *db, int64_t activity_id, int64_t agreed_half_days, const char *focus);

/* A new level from date from_on, with reason (targeted_support.level
 * follows by trigger). */
enum err support_level_add(struct db *db, int64_t activity_id, const char *from_on, const char *level,
			   const char *reason, int64_t by, int64_t now);

/* A stage's dates (NULL: none) and notes. */
enum err support_stage_save(struct db *db, int64_t activity_id, const char *stage, const char *starts_on,
			    const char *ends_on, const char *notes, int64_t by, int64_t now);

#endif
