/*
 * rules.h - the surveys' rules that need no database (issue 14,
 * docs/plans/surveys.md): when a reminder may be sent (a school day, in
 * working hours, never in a school holiday), the small-group rule, and the
 * paired change of a scale question between the autumn and the summer
 * survey. Pure but for Europe/London (core/workdays.h); unit-tested in
 * tests/unit/test_survey_rules.c.
 */
#ifndef MH_SURVEYS_RULES_H
#define MH_SURVEYS_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/workdays.h"

/* A calendar of school terms (a local authority's, or the default national
 * one): each term's first and last day ("YYYY-MM-DD"), sorted, not
 * overlapping; half terms and holidays are the gaps between them. */
struct survey_terms {
	const char *const *first, *const *last;
	size_t n;
};

/* Whether day is a school day: a working day (h: bank holidays) inside a
 * term. A day outside the calendar's span (before its first term or after
 * its last: dates not loaded) counts as a school day when it is a working
 * day, so that missing dates delay nothing for ever; with no terms at all,
 * every working day is one. */
bool survey_school_day(const char *day, const struct workdays_holidays *h, const struct survey_terms *t);

/* Reminders go out from 09:00 to 16:00 (London) on a school day. */
#define SURVEY_SEND_FROM 9
#define SURVEY_SEND_UNTIL 16

/* The first time at or after due when a reminder may go: due itself when
 * it is in those hours of a school day; else 09:00 of the next school day
 * (that day's, when due is before 09:00). False when none comes within 120
 * days (a calendar that is all holiday). */
bool survey_reminder_slot(int64_t due, const struct workdays_holidays *h, const struct survey_terms *t, int64_t *at);

/* Whether a scheduled reminder is due at now to someone invited at
 * invited_at, reminded reminders times (the last at last_reminded_at, 0:
 * never): not completed, fewer than max reminders, and every_days days
 * since their link or their last reminder, less SURVEY_SCHEDULE_SLACK (a
 * reminder sent at 09:05 by the hourly job is due again at 09:00, its hour
 * not drifting). */
#define SURVEY_SCHEDULE_SLACK 3600
bool survey_schedule_due(bool completed, int64_t invited_at, int64_t last_reminded_at, int64_t reminders,
			 int64_t every_days, int64_t max_reminders, int64_t now);

/* Results of fewer people than this are not broken down: who answered
 * what could be guessed. */
#define SURVEY_MIN_GROUP 5
bool survey_suppressed(int64_t n);

/* Differencing: a group's results minus a narrower group's (a hub's minus
 * one of its activities') are the rest's, so a rest of 1 to 4 people would
 * be told by two results that are each large enough. So answers are put in
 * blocks (blocks.c), each of 0 or at least SURVEY_MIN_GROUP answers, and a
 * group shows only the blocks wholly inside it: any sum or difference of
 * what is shown is then whole blocks too. One unit is one activity's
 * answers to one question (or its pairs); a block is an activity of five
 * or more on its own, or, in a hub's activities of one NCP (a cell), the
 * small ones pooled, with the cell's smallest large one when the pool is
 * under five; a cell's pool still under five is pooled across the hub's
 * NCPs (with the hub's smallest block if need be), and a hub's across the
 * country (with the smallest block anywhere). */
struct survey_unit {
	int64_t ncp, hub, n; /* the activity's NCP and lead hub (0: none); its answers */
	bool in_group;       /* the activity is in the group being shown */
	size_t row;          /* the caller's: which activity */
	/* set by survey_blocks and survey_blocks_show */
	bool shown;          /* in the group, and its whole block is */
	size_t block;        /* its block: the same for every unit of one block (an index into u) */
	size_t parent_, members_, members_in_;
	int64_t total_;
	bool open_;
};
/* Puts n units (one question's, one per activity) in blocks; sorts u. */
void survey_blocks(struct survey_unit *u, size_t n);
/* After survey_blocks: sets each unit's shown and block; returns the answers in the
 * group that are left out (their block reaches outside it). */
int64_t survey_blocks_show(struct survey_unit *u, size_t n);

/* Blocks of several reports joined: one activity's place in one report's
 * blocks of a question (part: which report; block: which of its blocks;
 * at: which activity, 0 to n - 1). */
struct survey_member {
	size_t part, block, at;
};
/* The connected components of n activities over every part's blocks (two
 * activities in one block of any part are in one component): component[i]
 * is the least activity of i's. A group shows an activity only when its
 * whole component is in it (shown[i]). Sorts m; pure. */
void survey_blocks_join(size_t n, struct survey_member *m, size_t nm, const bool *in_group, size_t *component,
			bool *shown);

/* One person's answers to the same 5-point agreement question in the
 * autumn (before) and the summer (after): 1 (strongly disagree) to 5. */
struct survey_pair {
	int before, after;
};

/* The sums a change is worked out from: the number of pairs (both answers
 * on the scale), the sum of their changes (after less before), and how
 * many moved up and down (the rest stayed). No sums before or after: each
 * survey's own results less them would tell what the people in only one
 * of the two surveys answered. And, the caller's (survey_sums_add leaves
 * them): held, pairs held back because their block of activities (blocks.c)
 * has 1 to SURVEY_MIN_GROUP - 1 people who answered the question in only
 * one of the two surveys (the summer results less the autumn results less
 * the change would be what those in only the summer said less what those
 * in only the autumn did), and single, those people. survey_paired_change
 * adds pairs up; the results' SQL (results_queries.c) adds up the same sums
 * per question, so both give their summary through survey_change_of. */
struct survey_sums {
	int64_t pairs, change, up, down, held, single;
};

/* Their change: the number of pairs, the mean change, and how many moved
 * up, stayed and moved down, with held and single as given (held back
 * beside them). suppressed: fewer pairs than SURVEY_MIN_GROUP, and then
 * only pairs is set, or, when some were held back (by_single), pairs is
 * theirs and the held ones together and single is set. */
struct survey_change {
	size_t pairs, held, single;
	double change;
	size_t up, same, down;
	bool suppressed, by_single;
};
/* The summary of sums (pure). Sums that cannot be (a negative count, more
 * moving than there are pairs, a change beyond 4 a pair) are treated as no
 * pairs. */
struct survey_change survey_change_of(const struct survey_sums *s);
/* Adds pair p to s (a pair off the scale, 1 to 5, is left out). */
void survey_sums_add(struct survey_sums *s, struct survey_pair p);
/* survey_change_of the sums of n pairs. */
struct survey_change survey_paired_change(const struct survey_pair *p, size_t n);

#endif
