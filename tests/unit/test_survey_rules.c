/*
 * test_survey_rules.c - the surveys' pure rules (src/surveys/rules.h),
 * against hand-worked cases: a reminder due on a Saturday, in half term,
 * after hours, over Christmas and across the clocks going back; the
 * small-group rule; the paired change of a scale question.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "core/clock.h"
#include "surveys/rules.h"

/* A local authority's 2026/27 terms (half terms in the gaps). */
static const char *const firsts[] = {"2026-09-03", "2026-11-02", "2027-01-04", "2027-02-22"};
static const char *const lasts[] = {"2026-10-23", "2026-12-18", "2027-02-12", "2027-03-25"};
static const struct survey_terms terms = {firsts, lasts, 4};
static const char *const holiday_days[] = {"2026-08-31", "2026-12-25", "2026-12-28", "2027-01-01"};
static const struct workdays_holidays holidays = {holiday_days, 4, 2026, 2027};

static int64_t at(const char *iso)
{
	int64_t t;
	assert_true(clock_parse_now(iso, &t));
	return t;
}

static void slot_is(const char *due, const struct survey_terms *t, const char *want)
{
	int64_t got;
	assert_true(survey_reminder_slot(at(due), &holidays, t, &got));
	char iso[32];
	clock_format_iso(got, 0, iso);
	if (got != at(want))
		fail_msg("due %s: %s, not %s", due, iso, want);
}

static void test_school_days(void **state)
{
	(void)state;
	assert_true(survey_school_day("2026-10-13", &holidays, &terms));   /* a Tuesday in term */
	assert_false(survey_school_day("2026-10-10", &holidays, &terms));  /* a Saturday */
	assert_false(survey_school_day("2026-10-28", &holidays, &terms));  /* half term */
	assert_false(survey_school_day("2026-12-21", &holidays, &terms));  /* Christmas holidays */
	assert_false(survey_school_day("2026-08-31", &holidays, NULL));    /* a bank holiday, whatever the terms */
	assert_true(survey_school_day("2027-06-07", &holidays, &terms));   /* after the dates loaded: a working day */
	assert_true(survey_school_day("2026-10-28", &holidays, NULL));     /* no calendar: any working day */
}

static void test_reminder_slots(void **state)
{
	(void)state;
	slot_is("2026-10-13T11:00:00Z", &terms, "2026-10-13T11:00:00Z");  /* Tuesday noon (BST): now */
	slot_is("2026-10-13T07:30:00Z", &terms, "2026-10-13T08:00:00Z");  /* 08:30 BST: at 09:00 */
	slot_is("2026-10-13T15:00:00Z", &terms, "2026-10-14T08:00:00Z");  /* 16:00 BST: the next morning */
	slot_is("2026-10-10T09:00:00Z", &terms, "2026-10-12T08:00:00Z");  /* Saturday: Monday 09:00 */
	/* Friday 23 October after school, then half term; the clocks go back on the 25th */
	slot_is("2026-10-23T16:00:00Z", &terms, "2026-11-02T09:00:00Z");
	slot_is("2026-10-28T10:00:00Z", &terms, "2026-11-02T09:00:00Z");  /* in half term */
	/* Christmas: the holidays, then New Year's Day a bank holiday anyway */
	slot_is("2026-12-18T15:59:00Z", &terms, "2026-12-18T15:59:00Z");  /* the last minute before 16:00 GMT */
	slot_is("2026-12-24T10:00:00Z", &terms, "2027-01-04T09:00:00Z");
	/* no calendar: only weekends and bank holidays wait */
	slot_is("2026-12-24T10:00:00Z", NULL, "2026-12-24T10:00:00Z");
	slot_is("2026-12-25T10:00:00Z", NULL, "2026-12-29T09:00:00Z");
	/* a calendar that is all holiday: no slot within 120 days */
	static const char *const f[] = {"2026-01-05", "2027-12-01"}, *const l[] = {"2026-01-06", "2027-12-02"};
	const struct survey_terms closed = {f, l, 2};
	int64_t got;
	assert_false(survey_reminder_slot(at("2026-03-01T10:00:00Z"), &holidays, &closed, &got));
}

static void test_schedule_due(void **state)
{
	(void)state;
	const int64_t day = 86400, inv = at("2026-10-05T09:00:00Z");
	/* a week after the link, less the hour's slack: due; a minute short of it: not */
	assert_true(survey_schedule_due(false, inv, 0, 0, 7, 3, inv + 7 * day));
	assert_true(survey_schedule_due(false, inv, 0, 0, 7, 3, inv + 7 * day - 3600));
	assert_false(survey_schedule_due(false, inv, 0, 0, 7, 3, inv + 7 * day - 3601));
	/* counted from the last reminder once there is one */
	assert_false(survey_schedule_due(false, inv, inv + 8 * day, 1, 7, 3, inv + 10 * day));
	assert_true(survey_schedule_due(false, inv, inv + 8 * day, 1, 7, 3, inv + 15 * day));
	/* at most max_reminders; never once completed */
	assert_false(survey_schedule_due(false, inv, inv + 8 * day, 3, 7, 3, inv + 30 * day));
	assert_true(survey_schedule_due(false, inv, inv + 8 * day, 2, 7, 3, inv + 30 * day));
	assert_false(survey_schedule_due(true, inv, 0, 0, 7, 3, inv + 30 * day));
	/* every 2 days */
	assert_true(survey_schedule_due(false, inv, 0, 0, 2, 1, inv + 2 * day));
	assert_false(survey_schedule_due(false, inv, 0, 0, 2, 1, inv + day));
}

static void test_small_groups(void **state)
{
	(void)state;
	assert_true(survey_suppressed(0));
	assert_true(survey_suppressed(4));
	assert_false(survey_suppressed(5));
}

/* The blocks, worked by hand (units: activity, NCP/hub, answers):
 *   A 1/10 12, B 1/10 3: B's pool under five takes its cell's smallest large one: {A, B} 15
 *   G 2/10 4: alone in its cell, pooled in hub 10, takes the hub's smallest block: {A, B, G} 19
 *   C 1/20 6, D 1/20 7: each its own block
 *   E 1/30 2, F 1/40 1: hubs under five, pooled nationally (3), take the smallest block anywhere, C: {C, E, F} 9
 *   H 2/20 0: nothing to hide */
enum { UA, UB, UC, UD, UE, UF, UG, UH, UNITS };
static const struct survey_unit units[UNITS] = {
	[UA] = {.ncp = 1, .hub = 10, .n = 12, .row = UA}, [UB] = {.ncp = 1, .hub = 10, .n = 3, .row = UB},
	[UC] = {.ncp = 1, .hub = 20, .n = 6, .row = UC},  [UD] = {.ncp = 1, .hub = 20, .n = 7, .row = UD},
	[UE] = {.ncp = 1, .hub = 30, .n = 2, .row = UE},  [UF] = {.ncp = 1, .hub = 40, .n = 1, .row = UF},
	[UG] = {.ncp = 2, .hub = 10, .n = 4, .row = UG},  [UH] = {.ncp = 2, .hub = 20, .n = 0, .row = UH},
};

/* The group of activities in (a string of letters); the letters shown. */
static int64_t view(const char *in, char shown[UNITS + 1])
{
	struct survey_unit u[UNITS];
	memcpy(u, units, sizeof(u));
	for (size_t i = 0; i < UNITS; i++)
		u[i].in_group = strchr(in, (int)('A' + u[i].row)) != NULL;
	survey_blocks(u, UNITS);
	int64_t left = survey_blocks_show(u, UNITS);
	size_t k = 0;
	for (size_t r = 0; r < UNITS; r++)
		for (size_t i = 0; i < UNITS; i++)
			if (u[i].row == r && u[i].shown)
				shown[k++] = (char)('A' + r);
	shown[k] = '\0';
	return left;
}

/* The blocks by their ids (survey_unit.block): the hand-worked ones. */
static void test_block_ids(void **state)
{
	(void)state;
	struct survey_unit u[UNITS];
	memcpy(u, units, sizeof(u));
	survey_blocks(u, UNITS);
	survey_blocks_show(u, UNITS);
	size_t of[UNITS];
	for (size_t i = 0; i < UNITS; i++)
		of[u[i].row] = u[i].block;
	assert_true(of[UA] == of[UB] && of[UB] == of[UG]);
	assert_true(of[UC] == of[UE] && of[UE] == of[UF]);
	assert_true(of[UA] != of[UC] && of[UA] != of[UD] && of[UC] != of[UD] && of[UH] != of[UA] && of[UH] != of[UC] &&
		    of[UH] != of[UD]);
}

static void test_blocks(void **state)
{
	(void)state;
	char shown[UNITS + 1];
	assert_int_equal(view("ABCDEFGH", shown), 0); /* everyone: everything */
	assert_string_equal(shown, "ABCDEFGH");
	assert_int_equal(view("ABG", shown), 0); /* hub 10: whole */
	assert_string_equal(shown, "ABG");
	assert_int_equal(view("A", shown), 12); /* A alone: hub 10 less A would be B's 3 and G's 4 */
	assert_string_equal(shown, "");
	assert_int_equal(view("ABCDEF", shown), 15); /* NCP 1: A and B's block reaches into NCP 2 */
	assert_string_equal(shown, "CDEF");
	assert_int_equal(view("CDH", shown), 6); /* hub 20: C's block reaches into hubs 30 and 40 */
	assert_string_equal(shown, "DH");
	assert_int_equal(view("GH", shown), 4); /* NCP 2 */
	assert_string_equal(shown, "H");
	struct survey_unit u[UNITS];
	memcpy(u, units, sizeof(u));
	survey_blocks(u, UNITS);
	/* a group of one activity at a time: a unit is shown alone only when its block is itself */
	for (size_t i = 0; i < UNITS; i++) {
		for (size_t j = 0; j < UNITS; j++)
			u[j].in_group = j == i;
		int64_t left = survey_blocks_show(u, UNITS);
		assert_true(u[i].shown ? u[i].n == 0 || u[i].n >= SURVEY_MIN_GROUP : left == u[i].n);
	}
	/* no units, one small unit */
	survey_blocks(u, 0);
	assert_int_equal(survey_blocks_show(u, 0), 0);
	struct survey_unit one = {.ncp = 1, .hub = 1, .n = 3, .in_group = true};
	survey_blocks(&one, 1);
	assert_int_equal(survey_blocks_show(&one, 1), 0);
	assert_true(one.shown); /* the whole country is three people: shown as its count only, by survey_suppressed */
}

/* Three reports' blocks of one question joined (survey_blocks_join), worked
 * by hand over activities P Q R S T U V:
 *   part 0 (paired change): {P, Q} {R} {S} {T} {U}
 *   part 1 (autumn results): {P} {Q} {R, S} {T}          (U answered no autumn survey)
 *   part 2 (summer results): {P} {Q} {R} {S} {T, U}      (U, with no pairs, pooled with T)
 *   V: in no report's blocks at all
 * Components: {P, Q} (paired), {R, S} (autumn), {T, U} (summer), {V}. */
enum { JP, JQ, JR, JS, JT, JU, JV, JOINED };

/* The letters of the group in that are shown, and each component's least. */
static void joined(const char *in, char shown_out[JOINED + 1], size_t component[JOINED])
{
	struct survey_member m[] = {
		{0, 1, JP}, {0, 1, JQ}, {0, 2, JR}, {0, 3, JS}, {0, 4, JT}, {0, 5, JU},
		{1, 7, JP}, {1, 8, JQ}, {1, 9, JS}, {1, 9, JR}, {1, 6, JT},
		{2, 3, JP}, {2, 4, JQ}, {2, 5, JR}, {2, 6, JS}, {2, 1, JU}, {2, 1, JT},
	};
	bool in_group[JOINED], shown[JOINED];
	for (size_t i = 0; i < JOINED; i++)
		in_group[i] = strchr(in, (int)('P' + i)) != NULL;
	survey_blocks_join(JOINED, m, sizeof(m) / sizeof(m[0]), in_group, component, shown);
	size_t k = 0;
	for (size_t i = 0; i < JOINED; i++)
		if (shown[i])
			shown_out[k++] = (char)('P' + i);
	shown_out[k] = '\0';
}

static void test_blocks_join(void **state)
{
	(void)state;
	char shown[JOINED + 1];
	size_t c[JOINED];
	joined("PQRSTUV", shown, c);
	assert_string_equal(shown, "PQRSTUV");
	assert_int_equal(c[JP], JP);
	assert_int_equal(c[JQ], JP);
	assert_int_equal(c[JR], JR);
	assert_int_equal(c[JS], JR);
	assert_int_equal(c[JT], JT);
	assert_int_equal(c[JU], JT); /* U has no pairs: joined by the summer results' block alone */
	assert_int_equal(c[JV], JV);
	joined("T", shown, c); /* T's change alone: the summer's {T, U} less T's autumn less it would tell U's */
	assert_string_equal(shown, "");
	joined("R", shown, c); /* R alone: its autumn block is {R, S} */
	assert_string_equal(shown, "");
	joined("PQT", shown, c);
	assert_string_equal(shown, "PQ");
	joined("RSTU", shown, c);
	assert_string_equal(shown, "RSTU");
	joined("QRSV", shown, c); /* P out: Q is not shown; V is a component of its own */
	assert_string_equal(shown, "RSV");
	joined("", shown, c);
	assert_string_equal(shown, "");
	/* none at all */
	survey_blocks_join(0, NULL, 0, NULL, NULL, NULL);
}

static void test_paired_change(void **state)
{
	(void)state;
	/* worked by hand: before 2+3+4+1+3 = 13, after 4+3+3+5+4 = 19, change +6 over 5 pairs: +1.2;
	 * up: 2→4, 1→5, 3→4; same: 3→3; down: 4→3. The 0 and 6 are not on the scale. */
	const struct survey_pair p[] = {{2, 4}, {3, 3}, {4, 3}, {1, 5}, {3, 4}, {0, 4}, {3, 6}};
	struct survey_change c = survey_paired_change(p, 7);
	assert_false(c.suppressed);
	assert_false(c.by_single);
	assert_int_equal(c.pairs, 5);
	assert_true(fabs(c.change - 1.2) < 1e-9);
	assert_int_equal(c.up, 3);
	assert_int_equal(c.same, 1);
	assert_int_equal(c.down, 1);
	/* four pairs: only their number is told */
	c = survey_paired_change(p, 4);
	assert_true(c.suppressed);
	assert_false(c.by_single);
	assert_int_equal(c.pairs, 4);
	assert_int_equal(c.up, 0);
	assert_true(c.change == 0.0);
}

/* The sums path: the same fixture's sums, as the SQL adds them up per
 * question, give the same summary; and sums that cannot be are no pairs. */
static void test_change_of_sums(void **state)
{
	(void)state;
	const struct survey_pair p[] = {{2, 4}, {3, 3}, {4, 3}, {1, 5}, {3, 4}, {0, 4}, {3, 6}};
	struct survey_sums s = {0};
	for (size_t i = 0; i < 7; i++)
		survey_sums_add(&s, p[i]);
	assert_int_equal(s.pairs, 5);
	assert_int_equal(s.change, 6); /* 19 - 13 */
	assert_int_equal(s.up, 3);
	assert_int_equal(s.down, 1);
	assert_int_equal(s.single, 0);
	/* as the SQL gives them, by hand */
	struct survey_change c = survey_change_of(&(struct survey_sums){.pairs = 5, .change = 6, .up = 3, .down = 1});
	struct survey_change d = survey_paired_change(p, 7);
	assert_int_equal(c.pairs, d.pairs);
	assert_true(c.change == d.change);
	assert_int_equal(c.up, 3);
	assert_int_equal(c.same, 1);
	assert_int_equal(c.down, 1);
	/* a fall: 8 pairs, before 32 (4.0), after 26 (3.25), change -6: -0.75 */
	c = survey_change_of(&(struct survey_sums){.pairs = 8, .change = 26 - 32, .up = 1, .down = 5});
	assert_false(c.suppressed);
	assert_true(fabs(c.change + 0.75) < 1e-9);
	assert_int_equal(c.same, 2);
	/* four: suppressed, only the number; none; impossible sums */
	c = survey_change_of(&(struct survey_sums){.pairs = 4, .change = 4, .up = 4});
	assert_true(c.suppressed);
	assert_int_equal(c.pairs, 4);
	assert_int_equal(c.up, 0);
	assert_true(c.change == 0.0);
	c = survey_change_of(&(struct survey_sums){0});
	assert_true(c.suppressed);
	assert_int_equal(c.pairs, 0);
	c = survey_change_of(&(struct survey_sums){.pairs = 6, .up = 4, .down = 3});
	assert_true(c.suppressed);
	assert_int_equal(c.pairs, 0);
	c = survey_change_of(&(struct survey_sums){.pairs = 5, .change = 21}); /* more than 4 a pair */
	assert_true(c.suppressed);
	assert_int_equal(c.pairs, 0);
	c = survey_change_of(&(struct survey_sums){.pairs = 5, .change = 1, .up = 1, .held = 5, .single = -1});
	assert_true(c.suppressed);
	assert_int_equal(c.pairs, 0);
}

/* Pairs held back (their block has 1 to 4 people in only one of the two
 * surveys: the summer results less the autumn results less the change
 * would be their answers; the reviewer's case, 8 completed the summer
 * survey answering 24 in all, 5 pairs of after 15 and before 14, change
 * +1: 24 - 14 - 1 = 9, the 3 summer-only people's): all held, only the
 * pairs and the people are told; some held, the change of the rest is
 * shown beside them. */
static void test_change_single(void **state)
{
	(void)state;
	struct survey_change c = survey_change_of(&(struct survey_sums){.held = 5, .single = 3});
	assert_true(c.suppressed);
	assert_true(c.by_single);
	assert_int_equal(c.pairs, 5);
	assert_int_equal(c.single, 3);
	assert_true(c.change == 0.0);
	assert_int_equal(c.up + c.same + c.down, 0);
	/* 3 counted and 5 held: under 5 either way; the people are why */
	c = survey_change_of(&(struct survey_sums){.pairs = 3, .change = 2, .up = 2, .held = 5, .single = 1});
	assert_true(c.suppressed && c.by_single);
	assert_int_equal(c.pairs, 8);
	assert_int_equal(c.single, 1);
	assert_int_equal(c.up, 0);
	/* the fixture's 5 pairs shown, 10 held beside them (1 person) */
	const struct survey_pair p[] = {{2, 4}, {3, 3}, {4, 3}, {1, 5}, {3, 4}};
	struct survey_sums s = {0};
	for (size_t i = 0; i < 5; i++)
		survey_sums_add(&s, p[i]);
	s.held = 10;
	s.single = 1;
	c = survey_change_of(&s);
	assert_false(c.suppressed);
	assert_false(c.by_single);
	assert_int_equal(c.pairs, 5);
	assert_int_equal(c.held, 10);
	assert_int_equal(c.single, 1);
	assert_true(fabs(c.change - 1.2) < 1e-9);
	assert_int_equal(c.up, 3);
	/* none held: fewer than 5 pairs is the reason */
	c = survey_change_of(&(struct survey_sums){.pairs = 4, .change = 2, .up = 2});
	assert_true(c.suppressed);
	assert_false(c.by_single);
	assert_int_equal(c.pairs, 4);
	/* negative held: no pairs */
	c = survey_change_of(&(struct survey_sums){.pairs = 5, .held = -1});
	assert_true(c.suppressed);
	assert_int_equal(c.pairs, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_school_days),
		cmocka_unit_test(test_reminder_slots),
		cmocka_unit_test(test_schedule_due),
		cmocka_unit_test(test_small_groups),
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_block_ids),
		cmocka_unit_test(test_blocks_join),
		cmocka_unit_test(test_paired_change),
		cmocka_unit_test(test_change_of_sums),
		cmocka_unit_test(test_change_single),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
