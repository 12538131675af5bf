/*
 * test_rates.c - commitment and attendance rates (activities/rates.c):
 * late counts as attended in both, apologies in commitment only; exact
 * rounding, a half up; "No sessions yet" when nothing counts; a school's
 * rates from its participants' counts and an activity's from its
 * schools'; which marks count (sessions held, before the participant
 * withdrew). And a completion rate's own rounding (percent_progress_text):
 * down, "under 1%" above 0.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <limits.h>
#include <string.h>

#include <cmocka.h>

#include "activities/rates.h"
#include "core/arena.h"
#include "core/percent.h"

static void test_percent(void **state)
{
	(void)state;
	assert_int_equal(percent_rounded(2, 3), 67);   /* 66.67 */
	assert_int_equal(percent_rounded(1, 3), 33);   /* 33.33 */
	assert_int_equal(percent_rounded(1, 8), 13);   /* 12.5: a half up */
	assert_int_equal(percent_rounded(3, 8), 38);   /* 37.5 */
	assert_int_equal(percent_rounded(1, 200), 1);  /* 0.5 */
	assert_int_equal(percent_rounded(1, 201), 0);  /* 0.4975 */
	assert_int_equal(percent_rounded(199, 200), 100); /* 99.5 */
	assert_int_equal(percent_rounded(399, 401), 100); /* 99.50 */
	assert_int_equal(percent_rounded(397, 400), 99);  /* 99.25 */
	assert_int_equal(percent_rounded(0, 7), 0);
	assert_int_equal(percent_rounded(7, 7), 100);
	assert_int_equal(percent_rounded(0, 0), -1);
	assert_int_equal(percent_rounded(1, 0), -1);
	assert_int_equal(percent_rounded(-1, 5), -1);
	assert_int_equal(percent_rounded(6, 5), -1);
	/* national scale: no overflow on the way */
	assert_int_equal(percent_rounded(LONG_MAX / 150, LONG_MAX / 100), 67);
	/* every fraction of up to 60 sessions against the exact rule: 100 * part / whole rounded half up */
	for (long whole = 1; whole <= 60; whole++)
		for (long part = 0; part <= whole; part++) {
			long times100 = 100 * part, expect = times100 / whole;
			if (2 * (times100 % whole) >= whole)
				expect++;
			assert_int_equal(percent_rounded(part, whole), expect);
		}
}

/* completion against a 100% target: rounded down, so 100% only when all
 * have completed; above 0 and under 1% is "under 1%" ("<1%" brief), never 0% */
static void test_percent_progress(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	assert_string_equal(percent_progress_text(a, 199, 200, false, "-"), "99%");  /* 99.5: not the target */
	assert_string_equal(percent_progress_text(a, 399, 401, true, "-"), "99%");
	assert_string_equal(percent_progress_text(a, 200, 200, false, "-"), "100%");
	assert_string_equal(percent_progress_text(a, 1, 300, false, "-"), "under 1%"); /* 0.33: someone has */
	assert_string_equal(percent_progress_text(a, 1, 300, true, "-"), "<1%");
	assert_string_equal(percent_progress_text(a, 1, 100, false, "-"), "1%");
	assert_string_equal(percent_progress_text(a, 0, 300, false, "-"), "0%");
	assert_string_equal(percent_progress_text(a, 0, 300, true, "-"), "0%");
	assert_string_equal(percent_progress_text(a, 2, 3, false, "-"), "66%");      /* 66.67 down */
	assert_string_equal(percent_progress_text(a, 5, 8, false, "-"), "62%");      /* 62.5 down */
	assert_string_equal(percent_progress_text(a, 0, 0, false, "No one"), "No one");
	assert_string_equal(percent_progress_text(a, 6, 5, false, "-"), "-");
	assert_string_equal(percent_progress_text(a, -1, 5, true, "-"), "-");
	assert_string_equal(percent_progress_text(a, LONG_MAX / 150, LONG_MAX / 100, false, "-"), "66%");
	assert_string_equal(percent_progress_text(a, LONG_MAX - 1, LONG_MAX, false, "-"), "99%");
	/* every fraction of up to 400 against the rule: floor(100 * part / whole), "under 1%" for 0 < share < 1% */
	for (long whole = 1; whole <= 400; whole++)
		for (long part = 0; part <= whole; part++) {
			const char *got = percent_progress_text(a, part, whole, false, "-");
			long floor = 100 * part / whole;
			if (part > 0 && floor == 0)
				assert_string_equal(got, "under 1%");
			else
				assert_string_equal(got, arena_printf(a, "%ld%%", floor));
			assert_true(strcmp(got, "100%") || part == whole);
			assert_true(strcmp(got, "0%") || part == 0);
		}
	arena_free(a);
}

static void test_rates_of(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	/* a participant: 6 present, 2 late, 1 absent, 1 apologies of 10 sessions held */
	struct mark_counts ann = {6, 2, 1, 1};
	struct rates r = rates_of(&ann);
	assert_false(r.none);
	assert_int_equal(r.counted, 10);
	assert_int_equal(r.attendance, 80);  /* present + late */
	assert_int_equal(r.commitment, 90);  /* present + late + apologies */
	assert_string_equal(rates_text(a, &r, true), "90%");
	assert_string_equal(rates_text(a, &r, false), "80%");

	/* late counts as attended: all late is 100% in both */
	struct mark_counts late = {0, 3, 0, 0};
	r = rates_of(&late);
	assert_int_equal(r.attendance, 100);
	assert_int_equal(r.commitment, 100);

	/* apologies count in commitment only */
	struct mark_counts apols = {1, 0, 0, 2};
	r = rates_of(&apols);
	assert_int_equal(r.attendance, 33);
	assert_int_equal(r.commitment, 100);

	/* absent counts in neither */
	struct mark_counts absent = {0, 0, 4, 0};
	r = rates_of(&absent);
	assert_false(r.none);
	assert_int_equal(r.attendance, 0);
	assert_int_equal(r.commitment, 0);
	assert_string_equal(rates_text(a, &r, true), "0%");

	/* nothing counted yet */
	struct mark_counts nothing = {0, 0, 0, 0};
	r = rates_of(&nothing);
	assert_true(r.none);
	assert_int_equal(r.counted, 0);
	assert_string_equal(rates_text(a, &r, true), "No sessions yet");
	assert_string_equal(rates_text(a, &r, false), "No sessions yet");

	/* counts that cannot be: no rate rather than a wrong one */
	struct mark_counts bad = {5, -1, 0, 0};
	r = rates_of(&bad);
	assert_true(r.none);
	arena_free(a);
}

/* A school's rates are its participants' counts summed (not their rates averaged); an activity's, its schools'. */
static void test_sums(void **state)
{
	(void)state;
	struct mark_counts ann = {1, 0, 0, 0};   /* one session before she left: 100% */
	struct mark_counts jo = {2, 1, 5, 2};    /* 30% attendance, 50% commitment */
	struct mark_counts school = {0};
	rates_add(&school, &ann);
	rates_add(&school, &jo);
	assert_int_equal(school.present, 3);
	assert_int_equal(school.late, 1);
	assert_int_equal(school.absent, 5);
	assert_int_equal(school.apologies, 2);
	struct rates r = rates_of(&school);
	assert_int_equal(r.counted, 11);
	assert_int_equal(r.attendance, 36);  /* 4 of 11 = 36.4; the average of 100 and 30 would be 65 */
	assert_int_equal(r.commitment, 55);  /* 6 of 11 = 54.5: a half up */

	struct mark_counts other = {0, 0, 0, 0}; /* a school whose participants have no marks yet */
	struct mark_counts activity = {0};
	rates_add(&activity, &school);
	rates_add(&activity, &other);
	r = rates_of(&activity);
	assert_int_equal(r.counted, 11);
	assert_int_equal(r.attendance, 36);
	assert_true(rates_of(&other).none);
}

static void test_which_marks_count(void **state)
{
	(void)state;
	assert_true(rates_mark_counts(true, false, "2026-11-12", NULL));
	assert_true(rates_mark_counts(true, false, "2026-11-12", ""));
	assert_false(rates_mark_counts(false, false, "2026-11-12", NULL)); /* no register taken: not held */
	assert_false(rates_mark_counts(true, true, "2026-11-12", NULL));   /* cancelled */
	assert_true(rates_mark_counts(true, false, "2026-11-12", "2026-11-13"));  /* before they withdrew */
	assert_false(rates_mark_counts(true, false, "2026-11-13", "2026-11-13")); /* the day they withdrew */
	assert_false(rates_mark_counts(true, false, "2027-01-20", "2026-11-13"));
	assert_false(rates_mark_counts(true, false, NULL, "2026-11-13"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_percent_progress),
		cmocka_unit_test(test_rates_of),
		cmocka_unit_test(test_sums),
		cmocka_unit_test(test_which_marks_count),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
