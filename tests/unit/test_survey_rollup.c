/*
 * test_survey_rollup.c - the order of a completion roll-up's rows
 * (src/surveys/completion.h, survey_rollup_sort): lowest rate first,
 * compared without division (1 of 3 before 1 of 2, 2 of 4 level with 1 of
 * 2); level rates the most still to complete first; then by name, a row
 * with none (local activities, national cohorts) after those with one;
 * then by id.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "surveys/completion.h"

static void test_lowest_rate_first(void **state)
{
	(void)state;
	struct survey_rollup_row r[] = {
		{.id = 1, .name = "Full", .invited = 4, .completed = 4},
		{.id = 2, .name = "Half of two", .invited = 2, .completed = 1},
		{.id = 3, .name = "A third", .invited = 3, .completed = 1},
		{.id = 4, .name = "Half of four", .invited = 4, .completed = 2},
		{.id = 5, .name = "None yet", .invited = 5, .completed = 0},
	};
	survey_rollup_sort(r, 5);
	const int64_t want[] = {5, 3, 4, 2, 1}; /* 0%, 33%, 50% (2 to go), 50% (1 to go), 100% */
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(r[i].id, want[i]);
}

static void test_level_rows_by_name_then_none_then_id(void **state)
{
	(void)state;
	struct survey_rollup_row r[] = {
		{.id = 9, .name = NULL, .invited = 2, .completed = 1},
		{.id = 8, .name = "Plymouth", .invited = 2, .completed = 1},
		{.id = 7, .name = "Exeter", .invited = 2, .completed = 1},
		{.id = 6, .name = "Exeter", .invited = 2, .completed = 1},
	};
	survey_rollup_sort(r, 4);
	const int64_t want[] = {6, 7, 8, 9};
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(r[i].id, want[i]);
	survey_rollup_sort(r, 0); /* nothing to sort: nothing happens */
	survey_rollup_sort(NULL, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lowest_rate_first),
		cmocka_unit_test(test_level_rows_by_name_then_none_then_id),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
