/*
 * test_happi_rules.c - the HAPPI form's pure rules (happi/happi.h): the
 * outcomes every NCP of the shipped 2024/25 catalogue must state, worked by
 * hand from the handbook for each of its 34 NCPs; the messages for what is
 * missing; the workflow (every status against every action, for writers,
 * reviewers and the submitter) and which parts are open when.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/csv.h"
#include "happi/happi.h"
#include "unit_util.h"

/* ---- outcomes ---- */

/* By hand, from the handbook: P pupils, S schools or departments, R
 * professional practice ("-": not required), for each NCP of 2024/25. */
static const struct {
	const char *code, *need;
} worked[] = {
	{"NCP24-01", "-SR"}, {"NCP24-02", "-SR"}, {"NCP24-03", "-SR"}, {"NCP24-04", "-SR"}, /* LLME programmes */
	{"NCP24-05", "-SR"}, {"NCP24-06", "PSR"}, {"NCP24-07a", "PSR"}, {"NCP24-07b", "-SR"}, /* a community */
	{"NCP24-08", "PSR"}, {"NCP24-09", "PSR"}, {"NCP24-09s", "-SR"}, {"NCP24-10", "PSR"},
	{"NCP24-11", "PSR"}, {"NCP24-12", "PSR"}, {"NCP24-13", "PSR"}, {"NCP24-14", "PSR"},
	{"NCP24-15", "-SR"}, {"NCP24-16", "-SR"}, {"NCP24-18", "PSR"}, {"NCP24-19", "PSR"},
	{"NCP24-20", "PSR"}, {"NCP24-21", "-SR"}, {"NCP24-22", "P-R"}, /* SKTM Core Maths */
	{"NCP24-23", "PSR"}, {"NCP24-24", "PSR"}, {"NCP24-25", "P-R"}, {"NCP24-26", "P-R"},
	{"NCP24-27", "P-R"}, {"NCP24-28", "P-R"}, {"NCP24-29", "P-R"}, {"NCP24-30", "P-R"},
	{"NCP24-31", "-SR"}, {"NCP24-32", "P-R"}, {"NCP24-33", "--R"}, /* Targeted Support */
};
#define NWORKED (sizeof(worked) / sizeof(worked[0]))

static size_t checked;

#define SKTM "Specialist Knowledge for Teaching Mathematics"

static enum err ncp_row(void *ctx, const char *const *f, size_t line)
{
	(void)ctx, (void)line;
	/* code, title, kind, develops_llmes; SKTM as the catalogue marks it: by its title */
	struct happi_ncp ncp = {.kind = f[2],
				.sktm = !strncmp(f[1], SKTM, strlen(SKTM)),
				.develops_llmes = !strcmp(f[3], "yes")};
	const char *need = NULL;
	for (size_t i = 0; i < NWORKED; i++)
		if (!strcmp(worked[i].code, f[0]))
			need = worked[i].need;
	if (!need)
		fail_msg("%s is not worked by hand", f[0]);
	char got[4] = {0};
	for (int k = 0; k < HAPPI_OUTCOME_KINDS; k++)
		got[k] = happi_outcome_required(&ncp, (enum happi_outcome_kind)k) ? "PSR"[k] : '-';
	if (strcmp(got, need))
		fail_msg("%s (%s): needs %s, the rule says %s", f[0], f[2], need, got);
	/* with nothing defined, each required kind is one gap, with a message */
	size_t none[HAPPI_OUTCOME_KINDS] = {0};
	enum happi_outcome_kind gaps[HAPPI_OUTCOME_KINDS];
	size_t ngaps = happi_outcome_gaps(&ncp, none, gaps);
	assert_int_equal(ngaps, (size_t)(need[0] != '-') + (need[1] != '-') + 1);
	for (size_t i = 0; i < ngaps; i++)
		assert_non_null(happi_gap_message(&ncp, gaps[i]));
	size_t one_each[HAPPI_OUTCOME_KINDS] = {1, 1, 1};
	assert_int_equal(happi_outcome_gaps(&ncp, one_each, gaps), 0);
	checked++;
	return ERR_OK;
}

static void test_every_ncp_of_the_catalogue(void **state)
{
	(void)state;
	char path[1024], msg[200];
	unit_source_path("data/ncps-2024-25.csv", path, sizeof(path));
	size_t len = 0;
	char *data = unit_read_file(path, &len);
	assert_non_null(data);
	static const char *const want[] = {"code", "title", "kind", "develops_llmes"};
	enum err e = csv_read(data, len, want, 4, ncp_row, NULL, msg, sizeof(msg));
	free(data);
	if (e)
		fail_msg("%s", msg);
	assert_int_equal(checked, NWORKED);
}

static void test_gap_messages(void **state)
{
	(void)state;
	struct happi_ncp wg = {"Work Group", false, false}, sktm = {"Programme", true, false},
			 community = {"Community", false, false}, llme = {"Programme", false, true},
			 ts = {"Targeted Support", false, false};
	assert_string_equal(happi_gap_message(&wg, HAPPI_PUPILS), "A Work Group must state at least one outcome for pupils");
	assert_string_equal(happi_gap_message(&sktm, HAPPI_PUPILS),
			    "A Specialist Knowledge for Teaching Mathematics programme must state at least one outcome "
			    "for pupils");
	assert_string_equal(happi_gap_message(&community, HAPPI_SCHOOLS),
			    "A community must state at least one outcome for schools or departments");
	assert_string_equal(happi_gap_message(&llme, HAPPI_SCHOOLS),
			    "An LLME professional development programme must state at least one outcome for schools or "
			    "departments");
	assert_string_equal(happi_gap_message(&ts, HAPPI_PRACTICE),
			    "Every project must state at least one outcome for professional practice");
	assert_null(happi_gap_message(&ts, HAPPI_PUPILS)); /* not required: no message */
	assert_null(happi_gap_message(&community, HAPPI_PUPILS));
	/* a Work Group with schools and practice outcomes but none for pupils: one gap */
	size_t count[HAPPI_OUTCOME_KINDS] = {[HAPPI_SCHOOLS] = 2, [HAPPI_PRACTICE] = 1};
	enum happi_outcome_kind gaps[HAPPI_OUTCOME_KINDS];
	assert_int_equal(happi_outcome_gaps(&wg, count, gaps), 1);
	assert_int_equal(gaps[0], HAPPI_PUPILS);
	/* an NCP of a kind the rules do not know still needs practice outcomes */
	struct happi_ncp odd = {NULL, false, false};
	assert_int_equal(happi_outcome_gaps(&odd, (size_t[HAPPI_OUTCOME_KINDS]){0}, gaps), 1);
	assert_int_equal(gaps[0], HAPPI_PRACTICE);
	/* keys, names and lenses */
	for (int k = 0; k < HAPPI_OUTCOME_KINDS; k++) {
		enum happi_outcome_kind back;
		assert_true(happi_outcome_from_key(happi_outcome_key((enum happi_outcome_kind)k), &back));
		assert_int_equal(back, k);
	}
	assert_int_equal(happi_outcome_lens(HAPPI_PUPILS), 1);
	assert_int_equal(happi_outcome_lens(HAPPI_SCHOOLS), 1);
	assert_int_equal(happi_outcome_lens(HAPPI_PRACTICE), 2);
	enum happi_outcome_kind k;
	assert_false(happi_outcome_from_key("Pupils", &k));
	assert_false(happi_outcome_from_key(NULL, &k));
}

/* ---- the workflow ---- */

static const struct happi_actor WRITER = {.writer = true}, REVIEWER = {.reviewer = true},
				BOTH_SUBMITTER = {.writer = true, .reviewer = true, .submitted_it = true},
				NOBODY = {0};

/* The issue's journey: drafted, submitted, returned with a comment,
 * resubmitted, agreed, progress saved, final submitted, reviewed. */
static void test_the_year_of_a_form(void **state)
{
	(void)state;
	static const struct {
		enum happi_action action;
		const struct happi_actor *by;
		bool comment;
		enum happi_status to;
	} year[] = {
		{HAPPI_SAVE, &WRITER, false, HAPPI_DRAFT},
		{HAPPI_SUBMIT_PLANNING, &WRITER, false, HAPPI_PLANNING_SUBMITTED},
		{HAPPI_RETURN, &REVIEWER, true, HAPPI_PLANNING_RETURNED},
		{HAPPI_SAVE, &WRITER, false, HAPPI_PLANNING_RETURNED},
		{HAPPI_SUBMIT_PLANNING, &WRITER, false, HAPPI_PLANNING_SUBMITTED},
		{HAPPI_AGREE, &REVIEWER, false, HAPPI_PLANNING_AGREED},
		{HAPPI_SAVE, &WRITER, false, HAPPI_PLANNING_AGREED}, /* progress */
		{HAPPI_SUBMIT_FINAL, &WRITER, false, HAPPI_FINAL_SUBMITTED},
		{HAPPI_RETURN, &REVIEWER, true, HAPPI_FINAL_RETURNED},
		{HAPPI_SAVE, &WRITER, false, HAPPI_FINAL_RETURNED},
		{HAPPI_SUBMIT_FINAL, &WRITER, false, HAPPI_FINAL_SUBMITTED},
		{HAPPI_REVIEW, &REVIEWER, false, HAPPI_REVIEWED},
	};
	enum happi_status s = HAPPI_DRAFT;
	for (size_t i = 0; i < sizeof(year) / sizeof(year[0]); i++) {
		enum happi_status to;
		const char *why = happi_step(s, year[i].action, year[i].by, year[i].comment, &to);
		if (why)
			fail_msg("step %zu (%s from %s): %s", i, happi_action_key(year[i].action), happi_status_key(s), why);
		assert_int_equal(to, year[i].to);
		s = to;
	}
}

/* Every status against every action and actor: what is refused says why
 * and leaves the status; a reviewed form takes nothing; only a writer
 * saves or submits, only a reviewer who did not submit returns, agrees or
 * reviews; a return needs a comment. */
static void test_every_step(void **state)
{
	(void)state;
	const struct happi_actor *actors[] = {&WRITER, &REVIEWER, &BOTH_SUBMITTER, &NOBODY};
	size_t allowed = 0;
	for (int s = 0; s < HAPPI_STATUSES; s++)
		for (int a = 0; a < HAPPI_ACTIONS; a++)
			for (size_t i = 0; i < sizeof(actors) / sizeof(actors[0]); i++)
				for (int comment = 0; comment < 2; comment++) {
					const struct happi_actor *by = actors[i];
					enum happi_status to = HAPPI_STATUSES;
					const char *why = happi_step((enum happi_status)s, (enum happi_action)a, by, comment, &to);
					if (why) {
						assert_int_equal(to, s);
						assert_true(strlen(why) > 10);
						continue;
					}
					allowed++;
					assert_int_not_equal(s, HAPPI_REVIEWED);
					bool writes = a == HAPPI_SAVE || a == HAPPI_SUBMIT_PLANNING || a == HAPPI_SUBMIT_FINAL;
					assert_true(writes ? by->writer : by->reviewer && !by->submitted_it);
					if (a == HAPPI_RETURN)
						assert_true(comment);
					if (a == HAPPI_SAVE) {
						assert_int_equal(to, s);
						/* a save is allowed only where some part is open */
						assert_true(happi_part_open(s, HAPPI_PLANNING) || happi_part_open(s, HAPPI_PROGRESS) ||
							    happi_part_open(s, HAPPI_IMPACT));
					} else {
						assert_int_not_equal(to, s);
					}
				}
	/* saves: 4 open statuses x 2 writers x 2 (comment or not); submit planning and submit final:
	 * 2 statuses x 2 writers x 2 each; agree and review: 1 x 1 reviewer x 2 each; return:
	 * 2 statuses x 1 reviewer, with a comment only */
	assert_int_equal(allowed, 16 + 8 + 8 + 2 + 2 + 2);
	enum happi_status to;
	assert_string_equal(happi_step(HAPPI_PLANNING_SUBMITTED, HAPPI_RETURN, &REVIEWER, false, &to),
			    "Enter comments saying what should change");
	assert_string_equal(happi_step(HAPPI_PLANNING_SUBMITTED, HAPPI_AGREE, &BOTH_SUBMITTER, false, &to),
			    "You submitted this form: someone else must agree or review it");
	assert_string_equal(happi_step(HAPPI_REVIEWED, HAPPI_SAVE, &WRITER, false, &to),
			    "The form has been reviewed: it can no longer be changed");
}

static void test_parts_open(void **state)
{
	(void)state;
	/* P planning, G progress, I impact, by status (draft ... reviewed) */
	static const char *const open[HAPPI_STATUSES] = {"P--", "---", "P--", "-GI", "---", "-GI", "---"};
	for (int s = 0; s < HAPPI_STATUSES; s++) {
		char got[4] = {0};
		for (int p = 0; p < HAPPI_PARTS; p++)
			got[p] = happi_part_open((enum happi_status)s, (enum happi_part)p) ? "PGI"[p] : '-';
		if (strcmp(got, open[s]))
			fail_msg("%s: open %s, want %s", happi_status_key((enum happi_status)s), got, open[s]);
		enum happi_status back;
		assert_true(happi_status_from_key(happi_status_key((enum happi_status)s), &back));
		assert_int_equal(back, s);
		assert_true(strlen(happi_status_name((enum happi_status)s)) > 0);
	}
	for (int a = 0; a < HAPPI_ACTIONS; a++) {
		enum happi_action back;
		assert_true(happi_action_from_key(happi_action_key((enum happi_action)a), &back));
		assert_int_equal(back, a);
	}
	enum happi_status s;
	assert_false(happi_status_from_key("Draft", &s));
}

static void test_overdue(void **state)
{
	(void)state;
	const char *p = "2026-10-16", *f = "2027-07-16";
	assert_null(happi_overdue(false, HAPPI_DRAFT, "2026-10-16", p, f)); /* due today: not late yet */
	assert_string_equal(happi_overdue(false, HAPPI_DRAFT, "2026-10-17", p, f), "Planning overdue");
	assert_string_equal(happi_overdue(true, HAPPI_PLANNING_RETURNED, "2026-11-01", p, f), "Planning overdue");
	assert_null(happi_overdue(true, HAPPI_PLANNING_SUBMITTED, "2026-11-01", p, f)); /* waiting on the link */
	assert_null(happi_overdue(true, HAPPI_PLANNING_AGREED, "2027-07-16", p, f));
	assert_string_equal(happi_overdue(true, HAPPI_PLANNING_AGREED, "2027-07-17", p, f), "Final form overdue");
	assert_string_equal(happi_overdue(false, HAPPI_DRAFT, "2027-08-01", p, f), "Final form overdue");
	assert_null(happi_overdue(true, HAPPI_FINAL_SUBMITTED, "2027-08-01", p, f));
	assert_null(happi_overdue(true, HAPPI_REVIEWED, "2027-08-01", p, f));
	assert_null(happi_overdue(false, HAPPI_DRAFT, "2027-08-01", NULL, NULL)); /* no dates set: nothing is late */
}

/* The reminders' rule at every status, either side of each edge: a
 * fortnight before a due date, and a week after a submission. */
static void test_reminders(void **state)
{
	(void)state;
	const char *p = "2026-10-16", *f = "2027-07-16";
	static const struct {
		bool started;
		enum happi_status s;
		const char *submitted_on, *soon, *week_ago;
		enum happi_reminder want;
	} cases[] = {
		/* planning: from a fortnight before its due day, and while it stays late */
		{false, HAPPI_DRAFT, NULL, "2026-10-15", "2026-09-24", HAPPI_REMIND_NONE},
		{false, HAPPI_DRAFT, NULL, "2026-10-16", "2026-09-25", HAPPI_REMIND_PLANNING},
		{true, HAPPI_DRAFT, NULL, "2026-12-01", "2026-11-10", HAPPI_REMIND_PLANNING},
		{true, HAPPI_PLANNING_RETURNED, "2026-10-01", "2026-10-20", "2026-09-29", HAPPI_REMIND_PLANNING},
		{true, HAPPI_PLANNING_RETURNED, "2026-10-01", "2026-10-15", "2026-09-24", HAPPI_REMIND_NONE},
		/* waiting on the link: a week after the submission's day, not a day before */
		{true, HAPPI_PLANNING_SUBMITTED, "2026-10-08", "2026-10-28", "2026-10-07", HAPPI_REMIND_NONE},
		{true, HAPPI_PLANNING_SUBMITTED, "2026-10-08", "2026-10-29", "2026-10-08", HAPPI_REMIND_WAITING},
		{true, HAPPI_FINAL_SUBMITTED, "2027-07-01", "2027-07-22", "2027-07-01", HAPPI_REMIND_WAITING},
		{true, HAPPI_FINAL_SUBMITTED, NULL, "2027-07-22", "2027-07-01", HAPPI_REMIND_NONE},
		/* final: agreed or returned, from a fortnight before the final due day */
		{true, HAPPI_PLANNING_AGREED, NULL, "2027-07-15", "2027-06-24", HAPPI_REMIND_NONE},
		{true, HAPPI_PLANNING_AGREED, NULL, "2027-07-16", "2027-06-25", HAPPI_REMIND_FINAL},
		{true, HAPPI_FINAL_RETURNED, "2027-07-10", "2027-08-20", "2027-07-30", HAPPI_REMIND_FINAL},
		/* done: never */
		{true, HAPPI_REVIEWED, "2027-07-10", "2027-08-20", "2027-07-30", HAPPI_REMIND_NONE},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum happi_reminder got = happi_reminder_due(cases[i].started, cases[i].s, cases[i].submitted_on,
							     cases[i].soon, cases[i].week_ago, p, f);
		if (got != cases[i].want)
			fail_msg("case %zu: %d, not %d", i, (int)got, (int)cases[i].want);
	}
	/* no dates set: only a submission waiting is reminded about */
	assert_int_equal(happi_reminder_due(false, HAPPI_DRAFT, NULL, "2027-08-01", "2027-07-25", NULL, NULL),
			 HAPPI_REMIND_NONE);
	assert_int_equal(happi_reminder_due(true, HAPPI_PLANNING_AGREED, NULL, "2027-08-01", "2027-07-25", NULL, NULL),
			 HAPPI_REMIND_NONE);
	assert_int_equal(happi_reminder_due(true, HAPPI_PLANNING_SUBMITTED, "2026-10-01", "2027-08-01", "2027-07-25",
					    NULL, NULL),
			 HAPPI_REMIND_WAITING);
	assert_string_equal(happi_reminder_key(HAPPI_REMIND_WAITING), "waiting");
	assert_null(happi_reminder_key(HAPPI_REMIND_NONE));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_ncp_of_the_catalogue),
		cmocka_unit_test(test_gap_messages),
		cmocka_unit_test(test_the_year_of_a_form),
		cmocka_unit_test(test_every_step),
		cmocka_unit_test(test_parts_open),
		cmocka_unit_test(test_overdue),
		cmocka_unit_test(test_reminders),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
