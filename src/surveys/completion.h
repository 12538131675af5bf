/*
 * completion.h - a survey's completion rolled up (issue 14: "Completion
 * rolls up per hub, NCP and nationally"): /surveys/{id}/completion, its
 * CSV and XLSX. Invited, completed, not yet and the rate against the
 * programme's 100 % target for the reader's group (the results' filters
 * and reach: results.h), broken down by NCP, by lead hub and, once the
 * group is narrowed to a hub, an NCP or an LLME's own, by activity.
 *
 * Counts only: never a name, never an answer. Counted in SQL (GROUP BY,
 * both engines) over the invites that count toward completion exactly as
 * an activity's own part counts them (SURVEY_STILL_INVITED: a participant
 * who has left is neither chased nor counted); an activity appears once
 * its links are sent. Read in one named DB_READ transaction
 * (survey_completion_load, results_access.c), rendered after.
 */
#ifndef MH_SURVEYS_COMPLETION_H
#define MH_SURVEYS_COMPLETION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "surveys/results.h"

/* One row of a breakdown: an NCP, a lead hub or an activity. */
struct survey_rollup_row {
	int64_t id;             /* the NCP's, hub's or activity's (0: local activities; a national cohort) */
	const char *code;       /* the NCP's or hub's code (NULL for none, and for an activity) */
	const char *name;       /* the NCP's title, hub's name, activity's title */
	const char *ncp_code;   /* an activity's NCP and lead hub (NULL: none) */
	const char *hub_code;
	int64_t invited, completed;
};

struct survey_rollup {
	struct req *rq;
	int64_t id;
	struct survey_reader reader;
	struct survey_group g;
	struct survey_template t;
	int64_t invited, completed; /* the group's total */
	/* the breakdowns shown (by_*), each lowest rate first */
	bool by_ncp, by_hub, by_activity;
	struct survey_rollup_row *ncps, *hubs, *activities;
	size_t nncps, nhubs, nactivities;
};

/* Reads the roll-up of template {id} for rq's filters and reader, in one
 * named read transaction; answers the refusals itself (400 a filter not
 * understood, 403 beyond the reader, 404 no such survey) and then sets
 * *done. An LLME's reach is the activities they lead: an NCP or hub filter
 * narrows those (as the results' does), never widens them. */
enum err survey_completion_load(struct req *rq, struct resp *rs, struct survey_rollup *r, const char *name, bool *done);
/* The same for the page: a filter not understood left in r->g.bad with
 * the status 400 (survey_results_page_load). */
enum err survey_completion_page_load(struct req *rq, struct resp *rs, struct survey_rollup *r, const char *name,
				     bool *done);

/* ---- the SQL (completion_queries.c), in the caller's transaction ---- */

enum survey_rollup_by { ROLLUP_NCP, ROLLUP_HUB, ROLLUP_ACTIVITY };
/* f's invites that count toward completion, by NCP, lead hub or activity,
 * lowest rate first (then most not yet, then by name). */
enum err survey_rollup_rows(struct db *db, struct arena *a, const struct survey_filter *f, enum survey_rollup_by by,
			    struct survey_rollup_row **out, size_t *n);

/* Sorts rows lowest rate first, then most not yet, then by name. Pure. */
void survey_rollup_sort(struct survey_rollup_row *rows, size_t n);

/* ---- the handlers (completion.c) ---- */
enum err surveys_completion(struct req *rq, struct resp *rs);
enum err surveys_completion_csv(struct req *rq, struct resp *rs);
enum err surveys_completion_xlsx(struct req *rq, struct resp *rs);

#endif
