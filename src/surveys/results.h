/*
 * results.h - survey results (issue 14 step 4, docs/plans/surveys.md
 * "Results"): a template's results (/surveys/{id}/results) and the paired
 * change of a year (/surveys/paired), their CSV and XLSX, for a group
 * narrowed by NCP, hub (the activity's lead hub) and activity.
 *
 * Who reads what (results_access.c): the national team and analysts
 * everything; an NCP's Project Lead their NCP's (counts, never free
 * text); a hub's leadership the activities their hub leads (the hub
 * filter is forced to theirs); an LLME only the activities they lead.
 * Free text for the national team, hub leadership and an activity's LLMEs.
 * Never a name; never an internal section (quality assurance: the
 * national team reads those on their own page, survey_internal_load); and no
 * breakdown of fewer than SURVEY_MIN_GROUP answers (rules.h): a question
 * fewer answered, or a group fewer completed, shows its count only.
 *
 * Every page reads in one named DB_READ transaction into these structs
 * (the counts summed in SQL, both engines, no FILTER clauses) and renders
 * from them.
 */
#ifndef MH_SURVEYS_RESULTS_H
#define MH_SURVEYS_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "surveys/chart.h"
#include "surveys/content.h"
#include "surveys/queries.h"
#include "surveys/rules.h"

struct req;
struct resp;
struct db;
struct session;

/* ---- who reads (results_access.c) ---- */

enum survey_reach { REACH_NONE, REACH_LEADS, REACH_HUB, REACH_PROJECT, REACH_NATIONAL };

/* The most hubs or NCPs one reader's grants name (more are left out). */
#define SURVEY_READER_IDS 64

struct survey_reader {
	enum survey_reach reach;
	int64_t id;     /* REACH_LEADS: the person */
	int64_t ids[SURVEY_READER_IDS]; /* REACH_HUB: the hubs; REACH_PROJECT: the NCPs (each year's its own) */
	size_t nids;
	bool free_text; /* may read free-text answers */
};

/* The widest reach of s's grants for CAP_SURVEYS_RESULTS (an LLME's grant
 * reaches only what they lead), with every hub or NCP of the grants of
 * that reach. Pure. */
struct survey_reader survey_reader_of(const struct session *s);
/* Whether id is one of rd's hubs or NCPs. */
bool survey_reader_has(const struct survey_reader *rd, int64_t id);

/* ---- the group (the filters) ---- */

/* A hub or an NCP in a filter's list. */
struct survey_choice {
	const char *code, *name;
	int64_t id;
};

struct survey_group {
	/* as asked (?ncp=, ?hub=, ?activity=), or forced by the reader */
	const char *ncp_code, *hub_code;
	int64_t activity_id;
	/* resolved */
	int64_t project_id, hub_id;
	const char *project_ids, *hub_ids; /* a reader's NCPs or hubs when they hold more than one: "3,7" */
	const char *ncp_title, *hub_name, *activity_title;
	int64_t lead_person; /* an LLME: only the activities they lead */
	/* filters not understood: each field's id ("ncp", "hub", "activity")
	 * and why, for the page's error summary (the filter left out of the
	 * group); activity_asked: the activity as typed, shown back */
	struct survey_bad_filter {
		const char *field, *message;
	} bad[3];
	size_t nbad;
	const char *activity_asked;
	/* the filter form's lists: every hub; the NCPs of the year */
	struct survey_choice *hubs, *ncps;
	size_t nhubs, nncps;
};

/* ---- what a page shows ---- */

struct survey_option_count {
	int64_t num, n;
};

struct survey_qresult {
	const struct survey_question *q;
	const char *section; /* its section's title */
	int64_t answered;    /* distinct completed invites with an answer, in the blocks shown */
	int64_t left_out;    /* answers in the group not shown: their block reaches beyond it */
	int64_t sum;         /* a number question's */
	struct survey_option_count *counts; /* choices, agree5: people per option number */
	size_t ncounts;
	const char **texts; /* free text, for those who may read it (sorted; never a name): the first
			     * texts_limit of them (survey_results_load), or all */
	size_t ntexts;
	int64_t texts_all; /* how many there are */
};

struct survey_results {
	struct req *rq;
	int64_t id;
	struct survey_reader reader;
	struct survey_group g;
	struct survey_template t;
	struct survey_content c;
	int64_t invited, completed;
	bool released; /* closed: answers are read and shown only then */
	bool internal; /* the internal sections' answers (quality assurance: survey_internal_load) */
	struct survey_qresult *q; /* every question of a non-internal section (internal: of an internal one), in order */
	size_t nq;
};

/* ---- the paired change ---- */

struct survey_paired_row {
	const char *key, *text; /* the question's key and words (the autumn survey's) */
	struct survey_sums sums; /* of the units shown; sums.single: their people in only one survey */
	int64_t left_out; /* pairs in the group not shown: their block reaches beyond it */
};

struct survey_paired {
	struct req *rq;
	int year;
	struct survey_reader reader;
	struct survey_group g;
	struct survey_template *templates; /* the year's, that the reader may open the results of */
	size_t ntemplates;
	int64_t people; /* who completed both surveys of an activity */
	struct survey_paired_row *rows;
	size_t nrows;
};

/* Why a change is not shown (c->suppressed; paired.c): too few pairs, or
 * a few people in only one of the two surveys. */
const char *survey_change_not_shown(struct arena *a, const struct survey_change *c);

/* Reads the results (or the paired change) for rq: the filters from the
 * query, checked against the reader; one named read transaction. Answers
 * the refusals itself (400 for a filter not understood, 403, 404) and
 * then sets *done. texts_limit: the free texts read of each question, the
 * first in their order (the page's; 0: all, the downloads'). */
enum err survey_results_load(struct req *rq, struct resp *rs, struct survey_results *r, const char *name,
			     size_t texts_limit, bool *done);
enum err survey_paired_load(struct req *rq, struct resp *rs, struct survey_paired *p, const char *name, bool *done);
/* The same for a page (not a download): a filter not understood is not
 * answered as a refusal but left in g.bad (g.nbad > 0) with the status
 * set to 400 and *done false, for the page to show its filter form with an
 * error summary and nothing of the results. */
enum err survey_results_page_load(struct req *rq, struct resp *rs, struct survey_results *r, const char *name,
				  size_t texts_limit, bool *done);
enum err survey_paired_page_load(struct req *rq, struct resp *rs, struct survey_paired *p, const char *name, bool *done);

/* What a reader is told of answers left out of a group (chart.h): whether
 * they can open a wider group that counts them. */
enum survey_wider survey_wider_of(const struct survey_reader *rd, const struct survey_group *g);
/* g's filters not understood as the page's error summary (struct page's
 * errors, g->nbad of them; NULL for none). */
struct govuk_error;
const struct govuk_error *survey_filter_errors(struct arena *a, const struct survey_group *g);
/* The same as survey_results_load, of the internal sections' questions
 * instead of the reported ones (r->internal): the quality assurance page
 * and its CSV, for the national team only (REACH_NATIONAL; anyone else
 * 403). The same group, small-group rule and blocks, always worked out
 * for the group from each activity's sums: never the whole programme's
 * counted at close (survey_filter_whole), which hold reported keys only. */
enum err survey_internal_load(struct req *rq, struct resp *rs, struct survey_results *r, const char *name,
			      size_t texts_limit, bool *done);
/* Whether c has an internal section with a question. */
bool survey_has_internal(const struct survey_content *c);

/* The group in words: "Hub SW4 (South West Four), NCP24-06" ("Every
 * activity" for none). */
const char *survey_group_words(struct arena *a, const struct survey_group *g);
/* The filters as a query string: "?ncp=NCP24-06&hub=SW4" ("" for none). */
const char *survey_group_query(struct arena *a, const struct survey_group *g, bool first);
/* The group in a file's name: "-ncp24-06-sw4-activity-12" ("" for none). */
const char *survey_group_file(struct arena *a, const struct survey_group *g);
/* Whether a question's breakdown is shown: enough answered, and enough
 * completed in the group. */
bool survey_qresult_shown(const struct survey_results *r, const struct survey_qresult *x);
/* The option's words of question q's number num (an agree5 point's). */
const char *survey_option_words(const struct survey_question *q, int64_t num);
/* A mean to two places ("3.40"); a signed change ("+1.20", "-0.75"). */
const char *survey_mean_text(struct arena *a, int64_t sum, int64_t n);
const char *survey_decimal(struct arena *a, double v, bool sign);

/* ---- the SQL (results_queries.c), in the caller's transaction ---- */

/* The group's SQL condition on an activity (alias a): $2 NCP, $3 lead hub,
 * $4 activity, $5 an LLME's own activities (0: none), as survey_filter
 * gives them; shared by the results and the completion roll-up. */
#define SURVEY_IN_GROUP                                                                                                \
	"($2 = '' OR ',' || $2 || ',' LIKE '%,' || CAST(a.project_id AS TEXT) || ',%') AND "                          \
	"($3 = '' OR ',' || $3 || ',' LIKE '%,' || CAST(a.lead_hub_id AS TEXT) || ',%') AND ($4 = 0 OR a.id = $4) AND " \
	"($5 = 0 OR EXISTS (SELECT 1 FROM activity_leads l WHERE l.activity_id = a.id AND l.person_id = $5)) "

struct survey_filter {
	int64_t template_id;
	const char *projects, *hubs; /* the NCPs', the lead hubs' ids: "3" or "3,7" ("": any) */
	int64_t activity_id, lead_person;
	const char *keys; /* question keys joined by commas: only these are read */
	const char *left_out; /* "activity:key,...": answers the group leaves out ("": none) */
};
enum err survey_results_completion(struct db *db, struct arena *a, const struct survey_filter *f, int64_t *invited,
				   int64_t *completed);
/* Each activity's answers to each key (n: people, sum: of a number's
 * values) and whether the activity is in the group: every activity of the
 * template, for the blocks (rules.h). */
struct survey_unit_of {
	int64_t activity, ncp, hub;
	const char *key;
	int64_t n;      /* its people (or pairs) */
	bool in_group;  /* in the group being read */
	bool shown;     /* set from the blocks: in the group, and its whole block is */
	size_t block;   /* set from the blocks: the same for the units of one block of a key */
};
/* Sets the shown and block of one question's units of one report (rules.h,
 * survey_blocks; blocks.c): in the group, and its whole block in it. Taken
 * in the order of their activities, so the same units give the same blocks
 * whichever report makes them and however the rows came (survey_blocks
 * breaks ties by row): the results page's and the paired change's. */
void survey_units_blocks(struct arena *a, struct survey_unit_of **u, size_t n);
struct survey_unit_row {
	struct survey_unit_of u;
	int64_t sum; /* of a number's values */
};
enum err survey_results_units(struct db *db, struct arena *a, const struct survey_filter *f,
			      struct survey_unit_row **out, size_t *n);
/* Counts and sums a template just closed (its status already 'closed', in
 * the close's write transaction) into survey_sum_units and
 * survey_sum_counts (migration 0027), which the results read; 0: every
 * closed template (the demo data's closed years, the migration's
 * backfill: survey_sums_backfill, its C part). */
enum err survey_sums_write(struct db *db, int64_t template_id);
enum err survey_sums_backfill(struct db *db);
/* survey_sums_write undone: template_id's sums deleted. */
enum err survey_sums_forget(struct db *db, int64_t template_id);
struct survey_count {
	const char *key;
	int64_t num, n;
};
enum err survey_results_counts(struct db *db, struct arena *a, const struct survey_filter *f,
			       struct survey_count **out, size_t *n);
/* The free texts of f->keys (text questions'), by key and text: of each
 * key the first limit (0: all), and how many there are (all). */
struct survey_text {
	const char *key, *text;
	int64_t all;
};
enum err survey_results_texts(struct db *db, struct arena *a, const struct survey_filter *f, size_t limit,
			      struct survey_text **out, size_t *n);
/* Each activity's paired sums of each key of f->keys in year (f->template_id
 * unused; both surveys closed), and whether it is in the group. */
struct survey_paired_unit {
	struct survey_unit_of u; /* n: pairs */
	struct survey_sums sums;
};
enum err survey_paired_units(struct db *db, struct arena *a, int year, const struct survey_filter *f,
			     struct survey_paired_unit **out, size_t *n);
/* Each activity's (in the group) answers to each key of f->keys in only
 * one of the year's two closed surveys (no pair: rules.h, survey_sums). */
struct survey_paired_single {
	int64_t activity;
	const char *key;
	int64_t n;
};
enum err survey_paired_singles(struct db *db, struct arena *a, int year, const struct survey_filter *f,
			       struct survey_paired_single **out, size_t *n);
/* Each activity's answers to each key of f->keys in each closed autumn and
 * summer template of year (its results' units, as survey_results_units
 * gives them for one template), and whether it is in the group: for the
 * blocks of each survey's results, which the change's must not cut across. */
struct survey_results_unit {
	int64_t template_id;
	struct survey_unit_of u; /* n: people who answered */
};
enum err survey_paired_results_units(struct db *db, struct arena *a, int year, const struct survey_filter *f,
				     struct survey_results_unit **out, size_t *n);
enum err survey_paired_people(struct db *db, int year, const struct survey_filter *f, int64_t *n);
/* Whether f's group is the whole programme (no filter, the national
 * team's): every activity in it, every block wholly in it, nothing left
 * out, so its results and paired change are those counted at close. */
bool survey_filter_whole(const struct survey_filter *f);

/* ---- counted at close (counted.c; migration 0028) ---- */

/* The free texts the results page lists of each question (the first, in
 * their order); the whole programme's are kept at close. */
#define SURVEY_TEXTS_SHOWN 200

/* Counts template_id, its status already 'closed', in the caller's write
 * transaction: each activity's sums (survey_sums_write), the whole
 * programme's results, and, for an autumn or summer survey, its year's
 * paired change (survey_paired_count). Again for one counted before: it
 * replaces what was counted. */
enum err survey_counts_write(struct db *db, struct arena *a, int64_t template_id);
/* The whole programme's results and paired change of every closed
 * template and year (each activity's sums already counted): the demo
 * data's closed years, migration 0028's C part (survey_counts_backfill). */
enum err survey_counts_all(struct db *db, struct arena *a);
enum err survey_counts_backfill(struct db *db);
/* `mathshubs recount-surveys`: every closed survey counted again, from its
 * answers, in one transaction (after answers were mended by hand, say). */
int survey_recount_command(int argc, char **argv);
/* Year's pairs counted again (survey_pairs_write), then the whole
 * programme's paired change of it worked out and kept. */
enum err survey_paired_count(struct db *db, struct arena *a, int year);

/* The whole programme's results of a closed template: each reported key's
 * answers (in_group and shown), counts, and first limit (at most
 * SURVEY_TEXTS_SHOWN) texts of each text question, with how many (all). */
enum err survey_totals_write(struct db *db, int64_t template_id, const char *keys, const char *text_keys);
enum err survey_totals_units(struct db *db, struct arena *a, int64_t template_id, struct survey_unit_row **out,
			     size_t *n);
enum err survey_totals_counts(struct db *db, struct arena *a, int64_t template_id, struct survey_count **out,
			      size_t *n);
enum err survey_totals_texts(struct db *db, struct arena *a, int64_t template_id, size_t limit,
			     struct survey_text **out, size_t *n);
/* A year's whole paired change as kept: the closed surveys ("10,11") and
 * the keys it was worked out from, its people and a row of each key (key,
 * sums, left_out); ERR_NOT_FOUND when none is kept. */
enum err survey_paired_totals_read(struct db *db, struct arena *a, int year, const char **templates,
				   const char **keys, int64_t *people, struct survey_paired_row **rows, size_t *n);
enum err survey_paired_totals_write(struct db *db, const struct survey_paired *p, const char *templates,
				    const char *keys);
/* Each activity's pairs, answers in only one survey and people of year
 * (survey_pair_units, survey_pair_singles, survey_pair_people), counted
 * again from the closed surveys' answers: what survey_paired_units,
 * survey_paired_singles and survey_paired_people read for any group. */
enum err survey_pairs_write(struct db *db, int year);

/* ---- the paired change worked out (paired_work.c) ---- */

/* p's rows (the year's paired keys: all[0, n), the year's templates) and
 * people for group's filter (its keys are p's), read in the caller's
 * transaction. */
enum err survey_paired_work(struct db *db, struct arena *a, struct survey_paired *p, struct survey_template *all,
			    size_t n, const struct survey_filter *group);
/* p's rows and people as kept for the whole programme (*counted), when
 * they were worked out from the closed surveys and for the keys of
 * all[0, n) (the year's templates) now; else nothing. */
enum err survey_paired_counted(struct db *db, struct arena *a, struct survey_paired *p, struct survey_template *all,
			       size_t n, bool *counted);

/* An NCP by its code, of any year, whatever its case: ERR_NOT_FOUND when none. */
enum err survey_ncp_find(struct db *db, struct arena *a, const char *code, struct survey_choice *out);
/* An activity's lead hub, NCP, title and whether person leads it: ERR_NOT_FOUND when none. */
struct survey_activity {
	int64_t lead_hub_id, project_id;
	const char *title;
	bool led_by;
};
enum err survey_activity_find(struct db *db, struct arena *a, int64_t id, int64_t person,
			      struct survey_activity *out);
/* The ids of hubs by name, and NCPs of a year by code, for the filters' lists. */
enum err survey_hubs_all(struct db *db, struct arena *a, struct survey_choice **out, size_t *n);
enum err survey_ncps_of_year(struct db *db, struct arena *a, int year, struct survey_choice **out, size_t *n);

/* ---- links from elsewhere (the HAPPI form's impact part) ---- */

/* A survey whose results an activity's page links to. */
struct survey_link {
	int64_t id;
	enum survey_kind kind;
	const char *title;
};
/* The autumn and summer surveys of year that an activity of NCP
 * project_id (0: local) answers: its NCP's own, else the year's default;
 * at most two, autumn first. */
enum err survey_templates_applying(struct db *db, struct arena *a, int64_t project_id, int year,
				   struct survey_link out[2], size_t *n);
/* Whether rd reaches the results of an activity of NCP project_id led by
 * hub lead_hub_id (leads: the reader is one of its LLME leads). Pure. */
bool survey_reader_covers(const struct survey_reader *rd, int64_t project_id, int64_t lead_hub_id, bool leads);

/* ---- the handlers ---- */
enum err surveys_results(struct req *rq, struct resp *rs);
enum err surveys_results_csv(struct req *rq, struct resp *rs);
enum err surveys_results_xlsx(struct req *rq, struct resp *rs);
/* the internal sections' answers (qa.c; the CSV in results_export.c) */
enum err surveys_quality_assurance(struct req *rq, struct resp *rs);
enum err surveys_quality_assurance_csv(struct req *rq, struct resp *rs);
/* The results page's completion summary and its questions, by section
 * (results.c): the quality assurance page's too. */
struct html;
void survey_results_summary(struct html *w, struct arena *a, const struct survey_results *r);
void survey_results_questions(struct html *w, struct arena *a, const struct survey_results *r);
/* The warning that the group completed too few for any breakdown (none
 * when enough did). */
void survey_results_too_few(struct html *w, struct arena *a, const struct survey_results *r);
enum err surveys_paired(struct req *rq, struct resp *rs);
enum err surveys_paired_csv(struct req *rq, struct resp *rs);
enum err surveys_paired_xlsx(struct req *rq, struct resp *rs);

/* The breadcrumbs of a template's results and completion pages: Home,
 * then its template (for those who keep templates) or the year's results;
 * out holds 3. Returns how many. */
struct crumb;
size_t survey_crumbs(struct req *rq, const struct survey_template *t, struct crumb *out);

/* The caption above a results, completion or paired-change heading: "Autumn
 * participant survey 2024/25 (the survey for every NCP)", the template's
 * reach, never read as the reader's ("..., every NCP" read as "you see
 * every NCP"). */
const char *survey_results_caption(struct arena *a, const struct survey_template *t);

/* The filter form of both pages (results_view.c): NCP, hub, activity,
 * with the reader's forced ones fixed; a GET to action (with ?year=year
 * kept, when not 0). */
struct html;
void survey_filter_form(struct html *w, struct arena *a, const char *action, int year, const struct survey_group *g,
			const struct survey_reader *rd);
/* The same, its details' summary and button in other words (the completion
 * page's "Narrow the completion", "Show completion"). */
void survey_filter_form_as(struct html *w, struct arena *a, const char *action, int year, const struct survey_group *g,
			   const struct survey_reader *rd, const char *summary, const char *button);

#endif
