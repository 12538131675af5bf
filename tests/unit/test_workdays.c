/*
 * test_workdays.c - working days and the events' lock (core/workdays.h).
 *
 * The holidays are the ones the binary ships (data/bank-holidays.json,
 * GOV.UK's file, 2024-2027). Expected values: by hand from the calendar
 * and the instants from Python's zoneinfo (Europe/London); and for every
 * day of 2024-2027 as an event's first day, a second, independent count
 * here (weekdays from gmtime, holidays by a linear scan of the JSON, the
 * local time by glibc's mktime under TZ=Europe/London), which must agree
 * with the one under test (libical's Europe/London); and which local
 * times exist (the hour the clocks skip in spring does not).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <jansson.h>

#include "core/clock.h"
#include "core/embedded.h"
#include "core/workdays.h"

static const char *days[64];
static size_t ndays;
static struct workdays_holidays shipped;

static int setup(void **state)
{
	(void)state;
	const struct embedded_file *f = embedded_find("data/bank-holidays.json");
	assert_non_null(f);
	json_t *root = json_loadb((const char *)f->data, f->len, 0, NULL);
	assert_non_null(root);
	json_t *events = json_object_get(json_object_get(root, "england-and-wales"), "events"), *ev;
	size_t i;
	json_array_foreach(events, i, ev) {
		assert_true(ndays < 64);
		days[ndays++] = strdup(json_string_value(json_object_get(ev, "date")));
	}
	json_decref(root);
	shipped = (struct workdays_holidays){days, ndays, atoi(days[0]), atoi(days[ndays - 1])};
	assert_int_equal(shipped.first_year, 2024);
	assert_int_equal(shipped.last_year, 2027);
	assert_true(london_init());
	return 0;
}

/* The lock of an event starting on first: the deadline day and the instant. */
static void expect_lock(const char *first, const char *deadline, int64_t closes, bool known)
{
	int64_t at = 0;
	char day[11];
	bool k;
	assert_true(workdays_lock(first, &shipped, &at, day, &k));
	if (strcmp(day, deadline) || at != closes || k != known)
		fail_msg("event on %s: lock %s at %lld (known %d), expected %s at %lld (known %d)", first, day,
			 (long long)at, k, deadline, (long long)closes, known);
}

static void test_handbook_example(void **state)
{
	(void)state;
	/* "Confirm by Monday 16 February 2026" for an event on Monday 2 March 2026 */
	expect_lock("2026-03-02", "2026-02-16", 1771286400, true); /* 2026-02-17T00:00:00Z */
	char words[32];
	assert_true(workdays_format_day("2026-02-16", words));
	assert_string_equal(words, "Monday 16 February 2026");
}

static void test_easter(void **state)
{
	(void)state;
	/* Good Friday 3 April and Easter Monday 6 April 2026 are not counted */
	expect_lock("2026-04-14", "2026-03-27", 1774656000, true);
	assert_false(workdays_is_working("2026-04-03", &shipped));
	assert_false(workdays_is_working("2026-04-06", &shipped));
	assert_true(workdays_is_working("2026-04-07", &shipped));
	/* 2025: Good Friday 18 April, Easter Monday 21 April */
	assert_false(workdays_is_working("2025-04-18", &shipped));
	assert_false(workdays_is_working("2025-04-21", &shipped));
}

static void test_christmas_substitute_days(void **state)
{
	(void)state;
	/* 2026: Christmas on a Friday, Boxing Day's substitute Monday 28 December */
	assert_false(workdays_is_working("2026-12-28", &shipped));
	expect_lock("2027-01-11", "2026-12-23", 1798070400, true);
	/* 2027: Christmas on a Saturday: substitutes Monday 27 and Tuesday 28 December */
	assert_false(workdays_is_working("2027-12-27", &shipped));
	assert_false(workdays_is_working("2027-12-28", &shipped));
	assert_true(workdays_is_working("2027-12-29", &shipped));
	expect_lock("2027-12-31", "2027-12-15", 1828915200, true);
}

static void test_clock_changes(void **state)
{
	(void)state;
	/* clocks go forward on Sunday 29 March 2026: Friday 27th ends at
	 * midnight GMT, Monday 30th at 23:00 UTC (midnight BST) */
	expect_lock("2026-04-14", "2026-03-27", 1774656000, true); /* 2026-03-28T00:00:00Z */
	expect_lock("2026-04-15", "2026-03-30", 1774911600, true); /* 2026-03-30T23:00:00Z */
	/* and back on Sunday 25 October 2026 */
	expect_lock("2026-11-06", "2026-10-23", 1792796400, true); /* 2026-10-23T23:00:00Z */
	expect_lock("2026-11-09", "2026-10-26", 1793059200, true); /* 2026-10-27T00:00:00Z */
	/* an event at a weekend counts back from its day all the same */
	expect_lock("2026-11-07", "2026-10-26", 1793059200, true);
	char off[7];
	london_offset(1774911600 - 1, off);
	assert_string_equal(off, "+01:00");
	london_offset(1793059200 - 1, off);
	assert_string_equal(off, "+00:00");
}

static void test_exact_second(void **state)
{
	(void)state;
	int64_t at;
	char day[11], hhmm[6];
	bool known;
	assert_true(workdays_lock("2026-03-02", &shipped, &at, day, &known));
	/* the last second anyone may confirm is 23:59:59 London on the 16th */
	london_from_unix(at - 1, day, hhmm);
	assert_string_equal(day, "2026-02-16");
	assert_string_equal(hhmm, "23:59");
	london_from_unix(at, day, hhmm);
	assert_string_equal(day, "2026-02-17");
	assert_string_equal(hhmm, "00:00");
	/* in summer time too */
	assert_true(workdays_lock("2026-04-15", &shipped, &at, day, &known));
	london_from_unix(at - 1, day, hhmm);
	assert_string_equal(day, "2026-03-30");
	assert_string_equal(hhmm, "23:59");
	int64_t t;
	assert_true(london_to_unix("2026-03-30", 23, 59, 59, &t));
	assert_int_equal(t + 1, at);
}

static void test_beyond_known_years(void **state)
{
	(void)state;
	int64_t at;
	char day[11];
	bool known;
	/* 2028's bank holidays are not in the file: counted as none, and said so */
	assert_true(workdays_lock("2028-01-10", &shipped, &at, day, &known));
	assert_false(known);
	/* counting back into 2023 (before the file) is as unknown */
	assert_true(workdays_lock("2024-01-05", &shipped, &at, day, &known));
	assert_false(known);
	assert_true(workdays_lock("2024-02-01", &shipped, &at, day, &known));
	assert_true(known);
	assert_false(workdays_lock("2026-02-30", &shipped, &at, day, &known));
}

/* The times the clocks skip and show twice: the forms (activities'
 * sessions, events' days) refuse the first and take the second. */
static void test_london_time_exists(void **state)
{
	(void)state;
	static const struct {
		const char *day;
		int hh, mm;
		bool exists;
	} cases[] = {
		/* forward on Sunday 29 March 2026 at 01:00 GMT: 01:00 to 01:59 are skipped */
		{"2026-03-29", 0, 59, true}, {"2026-03-29", 1, 0, false}, {"2026-03-29", 1, 30, false},
		{"2026-03-29", 1, 59, false}, {"2026-03-29", 2, 0, true}, {"2026-03-29", 10, 0, true},
		{"2027-03-28", 1, 30, false}, /* and on 28 March 2027 */
		{"2026-03-22", 1, 30, true}, {"2026-03-30", 1, 30, true}, /* the Sunday before, the day after */
		/* back on Sunday 25 October 2026: 01:00 to 01:59 come twice, and are times */
		{"2026-10-25", 1, 0, true}, {"2026-10-25", 1, 30, true}, {"2026-10-25", 1, 59, true},
		/* ordinary times, the day's first and last minute */
		{"2026-06-15", 9, 30, true}, {"2026-01-05", 0, 0, true}, {"2026-07-01", 23, 59, true},
		/* no such date or time */
		{"2026-02-30", 10, 0, false}, {"2026-03-29", 24, 0, false}, {"2026-03-29", 10, 60, false},
		{"2026-03-29", -1, 0, false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		if (london_time_exists(cases[i].day, cases[i].hh, cases[i].mm) != cases[i].exists)
			fail_msg("%s %02d:%02d: expected %s", cases[i].day, cases[i].hh, cases[i].mm,
				 cases[i].exists ? "a time" : "none");
	/* the autumn's 01:30 is one of its two instants (BST 00:30Z, GMT 01:30Z) */
	int64_t t;
	assert_true(london_to_unix("2026-10-25", 1, 30, 0, &t));
	assert_true(t == 1792888200 || t == 1792891800);

	char words[LONDON_SKIPPED_WORDS];
	london_skipped_words("2026-03-29", 1, 30, words);
	assert_string_equal(words, "There is no 01:30 on 29 March 2026: the clocks go forward an hour at 01:00, so "
				   "enter a time before 01:00 or from 02:00");
}

/* ---- the second count ---- */

static bool ref_holiday(const char *d)
{
	for (size_t i = 0; i < ndays; i++)
		if (!strcmp(days[i], d))
			return true;
	return false;
}

static void ref_day(time_t t, char out[11])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Calls check for every day of 2024-2027 ("YYYY-MM-DD" and its midnight
 * UTC), with glibc's local time that of Europe/London; how many days. */
static int each_day_2024_2027(void (*check)(const char *day, time_t midnight, void *ctx), void *ctx)
{
	setenv("TZ", "Europe/London", 1);
	tzset();
	int64_t start, end;
	assert_true(clock_parse_date("2024-01-01", &start));
	assert_true(clock_parse_date("2027-12-31", &end));
	int n = 0;
	for (int64_t e = start; e <= end; e += 86400, n++) {
		char day[11];
		ref_day((time_t)e, day);
		check(day, (time_t)e, ctx);
	}
	unsetenv("TZ");
	tzset();
	return n;
}

/* The lock of an event whose first day is first, counted again. */
static void lock_again(const char *first, time_t midnight, void *ctx)
{
	(void)ctx;
	char d[11];
	time_t t = midnight;
	bool known = true;
	for (int n = 0; n < 10;) {
		t -= 86400;
		struct tm tm;
		gmtime_r(&t, &tm);
		ref_day(t, d);
		if (tm.tm_year + 1900 < 2024)
			known = false;
		if (tm.tm_wday != 0 && tm.tm_wday != 6 && !ref_holiday(d))
			n++;
	}
	struct tm local = {.tm_year = atoi(d) - 1900, .tm_mon = atoi(d + 5) - 1, .tm_mday = atoi(d + 8),
			   .tm_hour = 23, .tm_min = 59, .tm_sec = 59, .tm_isdst = -1};
	int64_t closes = (int64_t)mktime(&local) + 1;
	expect_lock(first, d, closes, known);
}

static void test_every_event_day_2024_2027(void **state)
{
	(void)state;
	assert_int_equal(each_day_2024_2027(lock_again, NULL), 1461);
}

/* Every half hour (and :59) from 00:00 to 03:59 of day (the clocks change
 * at 01:00 GMT), and midday: a time exists as glibc's mktime gives it
 * back unchanged. *ctx counts those that do not. */
static void times_again(const char *day, time_t midnight, void *ctx)
{
	(void)midnight;
	int *skipped = ctx;
	static const int minutes[] = {0, 30, 59};
	for (int hh = 0; hh <= 12; hh = hh == 3 ? 12 : hh + 1)
		for (size_t k = 0; k < sizeof(minutes) / sizeof(*minutes); k++) {
			int mm = minutes[k];
			struct tm tm = {.tm_year = atoi(day) - 1900, .tm_mon = atoi(day + 5) - 1, .tm_mday = atoi(day + 8),
					.tm_hour = hh, .tm_min = mm, .tm_isdst = -1};
			time_t t = mktime(&tm);
			struct tm back;
			localtime_r(&t, &back);
			bool ref = back.tm_mday == atoi(day + 8) && back.tm_hour == hh && back.tm_min == mm;
			if (london_time_exists(day, hh, mm) != ref)
				fail_msg("%s %02d:%02d: %s", day, hh, mm, ref ? "a time" : "skipped");
			*skipped += !ref;
		}
}

static void test_every_time_exists_2024_2027(void **state)
{
	(void)state;
	int skipped = 0;
	assert_int_equal(each_day_2024_2027(times_again, &skipped), 1461);
	assert_int_equal(skipped, 4 * 3); /* 01:00, 01:30, 01:59 on four spring days */
}

static void test_parse_now(void **state)
{
	(void)state;
	int64_t t;
	assert_true(clock_parse_now("2026-02-17", &t));
	assert_int_equal(t, 1771286400);
	assert_true(clock_parse_now("2026-02-16T23:59:59Z", &t));
	assert_int_equal(t, 1771286399);
	assert_true(clock_parse_now("1771286400", &t));
	assert_int_equal(t, 1771286400);
	assert_false(clock_parse_now("2026-02-30", &t));
	assert_false(clock_parse_now("2026-02-16T24:00:00Z", &t));
	assert_false(clock_parse_now("2026-02-16T23:59:59", &t));
	assert_false(clock_parse_now("tomorrow", &t));
	assert_false(clock_parse_now("", &t));
	assert_false(clock_parse_now("-5", &t));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_handbook_example),
		cmocka_unit_test(test_easter),
		cmocka_unit_test(test_christmas_substitute_days),
		cmocka_unit_test(test_clock_changes),
		cmocka_unit_test(test_exact_second),
		cmocka_unit_test(test_beyond_known_years),
		cmocka_unit_test(test_every_event_day_2024_2027),
		cmocka_unit_test(test_london_time_exists),
		cmocka_unit_test(test_every_time_exists_2024_2027),
		cmocka_unit_test(test_parse_now),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
