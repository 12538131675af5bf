/*
 * test_support_rules.c - Targeted Support's pure rules (activities/support.h):
 * agreed days typed in whole or half days ("8", "7.5", "7½", "7 ½", "½",
 * "12,5", "10 days") into half-days, and what is refused with which
 * message; half-days written back as days; a cycle stage's status from its
 * dates on a given day.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "activities/support.h"

static void test_days_accepted(void **state)
{
	(void)state;
	static const struct {
		const char *typed;
		int64_t half_days;
	} ok[] = {
		{"8", 16}, {"7.5", 15}, {"7\xC2\xBD", 15}, {"7 \xC2\xBD", 15}, {"\xC2\xBD", 1}, {"0.5", 1}, {".5", 1},
		{"12,5", 25}, {"7.0", 14}, {"7.50", 15}, {" 3 ", 6}, {"10 days", 20}, {"1 day", 2}, {"100", 200},
		{"0008", 16},
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		int64_t n = -1;
		const char *why = support_half_days_parse(ok[i].typed, &n);
		if (why)
			fail_msg("%s: %s", ok[i].typed, why);
		assert_int_equal(n, ok[i].half_days);
	}
}

static void test_days_refused(void **state)
{
	(void)state;
	static const struct {
		const char *typed, *message;
	} bad[] = {
		{"", "Enter the agreed number of days"},
		{"   ", "Enter the agreed number of days"},
		{NULL, "Enter the agreed number of days"},
		{"eight", "Enter the agreed days as a number, like 8 or 7.5"},
		{"7.", "Enter the agreed days as a number, like 8 or 7.5"},
		{"7.5.5", "Enter the agreed days as a number, like 8 or 7.5"},
		{"-3", "Enter the agreed days as a number, like 8 or 7.5"},
		{"7 1/2", "Enter the agreed days as a number, like 8 or 7.5"},
		{"7.25", "Agreed days must be whole or half days, like 7 or 7.5"},
		{"7.3", "Agreed days must be whole or half days, like 7 or 7.5"},
		{"7.05", "Agreed days must be whole or half days, like 7 or 7.5"},
		{"0", "Agreed days must be at least half a day"},
		{"0.0", "Agreed days must be at least half a day"},
		{"100.5", "Agreed days must be 100 days or fewer"},
		{"101", "Agreed days must be 100 days or fewer"},
		{"99999999999999999999", "Agreed days must be 100 days or fewer"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int64_t n = -1;
		const char *why = support_half_days_parse(bad[i].typed, &n);
		if (!why || strcmp(why, bad[i].message))
			fail_msg("%s: %s", bad[i].typed ? bad[i].typed : "(null)", why ? why : "accepted");
		assert_int_equal(n, -1);
	}
}

static void test_days_text(void **state)
{
	(void)state;
	char out[24];
	assert_string_equal(support_days_text(16, out), "8");
	assert_string_equal(support_days_text(9, out), "4\xC2\xBD");
	assert_string_equal(support_days_text(1, out), "\xC2\xBD");
	assert_string_equal(support_days_text(0, out), "0");
	assert_string_equal(support_days_text(200, out), "100");
}

static void test_stage_status(void **state)
{
	(void)state;
	const char *today = "2026-12-03";
	assert_int_equal(support_stage_status(NULL, NULL, today), SUPPORT_NOT_STARTED);
	assert_int_equal(support_stage_status("2026-12-04", NULL, today), SUPPORT_NOT_STARTED);
	assert_int_equal(support_stage_status("2026-12-03", NULL, today), SUPPORT_IN_PROGRESS);
	assert_int_equal(support_stage_status("2026-09-01", "2026-12-03", today), SUPPORT_IN_PROGRESS);
	assert_int_equal(support_stage_status("2026-09-01", "2026-12-02", today), SUPPORT_COMPLETED);
	assert_int_equal(support_stage_status("2026-09-01", "2027-01-31", today), SUPPORT_IN_PROGRESS);
	assert_string_equal(support_status_name(SUPPORT_COMPLETED), "Completed");
	assert_string_equal(support_status_name(SUPPORT_IN_PROGRESS), "In progress");
	assert_string_equal(support_status_name(SUPPORT_NOT_STARTED), "Not started");
	assert_int_equal(support_stage_index("explore"), 0);
	assert_int_equal(support_stage_index("evaluate"), 3);
	assert_int_equal(support_stage_index("review"), -1);
	assert_int_equal(support_stage_index(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days_accepted),
		cmocka_unit_test(test_days_refused),
		cmocka_unit_test(test_days_text),
		cmocka_unit_test(test_stage_status),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
