/*
 * test_acyear.c - academic years (core/acyear.h: 1 September to 31 August,
 * written "2024/25") and calendar dates (core/clock.h).
 *
 * Expected values: the Gregorian calendar (leap years: divisible by 4, not
 * by 100 unless by 400) and Unix times computed independently
 * (Python calendar.timegm): 2024-02-29 = 1709164800, 2000-02-29 =
 * 951782400, 1900-01-01 = -2208988800, 9999-12-31 = 253402214400.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "core/acyear.h"
#include "core/clock.h"
#include "core/log.h"

/* ---- acyear_of_date ---- */

static int year_of(const char *date)
{
	int y = -1;
	if (!acyear_of_date(date, &y))
		fail_msg("acyear_of_date(\"%s\") failed", date);
	return y;
}

static void test_of_date_boundaries(void **state)
{
	(void)state;
	assert_int_equal(year_of("2025-08-31"), 2024);
	assert_int_equal(year_of("2025-09-01"), 2025);
	assert_int_equal(year_of("2024-09-01"), 2024);
	assert_int_equal(year_of("2024-08-31"), 2023);
	assert_int_equal(year_of("2024-12-31"), 2024);
	assert_int_equal(year_of("2025-01-01"), 2024);
	assert_int_equal(year_of("2025-03-14"), 2024);
	assert_int_equal(year_of("2024-02-29"), 2023);
	assert_int_equal(year_of("2000-01-01"), 1999);
	assert_int_equal(year_of("1999-09-01"), 1999);
}

static void test_of_date_invalid(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "2025-02-29", "2025-13-01", "2025-00-10", "2025-09-31", "2025-9-1",
		"25-09-01", "2025/09/01", "01-09-2025", "2025-09-01x", "abcd-ef-gh",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int y = 12345;
		if (acyear_of_date(bad[i], &y))
			fail_msg("\"%s\" accepted", bad[i]);
	}
}

/* ---- acyear_code / acyear_parse ---- */

static void test_code(void **state)
{
	(void)state;
	char out[8];
	acyear_code(2024, out);
	assert_string_equal(out, "2024/25");
	acyear_code(2025, out);
	assert_string_equal(out, "2025/26");
	acyear_code(1999, out);
	assert_string_equal(out, "1999/00");
	acyear_code(2009, out);
	assert_string_equal(out, "2009/10");
	acyear_code(2000, out);
	assert_string_equal(out, "2000/01");
}

static void test_parse_valid(void **state)
{
	(void)state;
	int y = -1;
	assert_true(acyear_parse("2024/25", &y));
	assert_int_equal(y, 2024);
	assert_true(acyear_parse("1999/00", &y));
	assert_int_equal(y, 1999);
	assert_true(acyear_parse("2009/10", &y));
	assert_int_equal(y, 2009);
}

static void test_parse_invalid(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"2024/26", "2024/24", "2024/23", "24/25", "2024-25", "2024/2025", "2024/5",
		"2024/", "/25", "", " 2024/25", "2024/25 ", "2024 /25", "abcd/ef", "2024/2a",
		"202a/25", "2024\\25", "2024/25/26", "1999/99",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int y = 12345;
		if (acyear_parse(bad[i], &y))
			fail_msg("\"%s\" accepted as %d", bad[i], y);
	}
}

static void test_code_parse_round_trip(void **state)
{
	(void)state;
	for (int y = 1900; y <= 2200; y++) {
		char code[8];
		acyear_code(y, code);
		int back = -1;
		if (!acyear_parse(code, &back) || back != y)
			fail_msg("%d -> %s -> %d", y, code, back);
	}
}

/* ---- acyear_bounds ---- */

static void test_bounds(void **state)
{
	(void)state;
	char first[11], last[11];
	acyear_bounds(2024, first, last);
	assert_string_equal(first, "2024-09-01");
	assert_string_equal(last, "2025-08-31");
	acyear_bounds(1999, first, last);
	assert_string_equal(first, "1999-09-01");
	assert_string_equal(last, "2000-08-31");
}

static void test_bounds_consistent_with_of_date(void **state)
{
	(void)state;
	for (int y = 1990; y <= 2100; y++) {
		char first[11], last[11];
		acyear_bounds(y, first, last);
		assert_int_equal(year_of(first), y);
		assert_int_equal(year_of(last), y);
		/* the day before first and after last belong to the neighbours */
		int64_t t1, t2;
		assert_true(clock_parse_date(first, &t1));
		assert_true(clock_parse_date(last, &t2));
		char iso[32], day[11];
		clock_format_iso(t1 - 86400, 0, iso);
		memcpy(day, iso, 10);
		day[10] = '\0';
		assert_int_equal(year_of(day), y - 1);
		clock_format_iso(t2 + 86400, 0, iso);
		memcpy(day, iso, 10);
		day[10] = '\0';
		assert_int_equal(year_of(day), y + 1);
		/* 365 or 366 days long: 366 when the February inside is a leap one */
		int64_t days = (t2 - t1) / 86400 + 1;
		int feb = y + 1;
		bool leap = (feb % 4 == 0 && feb % 100 != 0) || feb % 400 == 0;
		assert_int_equal(days, leap ? 366 : 365);
	}
}

/* ---- clock_parse_date ---- */

static int64_t parse_ok(const char *s)
{
	int64_t t = -12345;
	if (!clock_parse_date(s, &t))
		fail_msg("\"%s\" rejected", s);
	return t;
}

static void test_parse_date_values(void **state)
{
	(void)state;
	assert_true(parse_ok("1970-01-01") == 0);
	assert_true(parse_ok("1970-01-02") == 86400);
	assert_true(parse_ok("2024-02-29") == 1709164800);
	assert_true(parse_ok("2000-02-29") == 951782400);
	assert_true(parse_ok("2024-09-01") == 1725148800);
	assert_true(parse_ok("2025-08-31") == 1756598400);
	assert_true(parse_ok("1900-01-01") == INT64_C(-2208988800));
	assert_true(parse_ok("9999-12-31") == INT64_C(253402214400));
}

static void test_parse_date_leap_years(void **state)
{
	(void)state;
	int64_t t;
	assert_true(clock_parse_date("2024-02-29", &t));
	assert_false(clock_parse_date("2025-02-29", &t));
	assert_false(clock_parse_date("1900-02-29", &t)); /* divisible by 100 */
	assert_true(clock_parse_date("2000-02-29", &t));  /* divisible by 400 */
	assert_false(clock_parse_date("2100-02-29", &t));
	assert_true(clock_parse_date("2400-02-29", &t));
	assert_false(clock_parse_date("2024-02-30", &t));
	assert_true(clock_parse_date("2025-02-28", &t));
}

static void test_parse_date_month_lengths(void **state)
{
	(void)state;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	for (int m = 1; m <= 12; m++) {
		char s[48];
		int64_t t;
		snprintf(s, sizeof(s), "2023-%02d-%02d", m, mdays[m - 1]);
		assert_true(clock_parse_date(s, &t));
		snprintf(s, sizeof(s), "2023-%02d-%02d", m, mdays[m - 1] + 1);
		if (clock_parse_date(s, &t))
			fail_msg("%s accepted", s);
	}
}

static void test_parse_date_consecutive_days(void **state)
{
	(void)state;
	/* every day of 2023-2024 is exactly one day after the one before */
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int64_t prev = parse_ok("2022-12-31");
	for (int y = 2023; y <= 2024; y++)
		for (int m = 1; m <= 12; m++) {
			int n = mdays[m - 1] + (m == 2 && y == 2024);
			for (int d = 1; d <= n; d++) {
				char s[48];
				snprintf(s, sizeof(s), "%04d-%02d-%02d", y, m, d);
				int64_t t = parse_ok(s);
				assert_true(t - prev == 86400);
				prev = t;
			}
		}
}

static void test_parse_date_bad_formats(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "2024", "2024-01", "2024-1-01", "2024-01-1", "24-01-01", "2024/01/01",
		"20240101", "2024-01-01T00:00:00Z", " 2024-01-01", "2024-01-01 ", "2024-00-10",
		"2024-13-01", "2024-01-00", "2024-01-32", "2024-04-31", "1899-12-31", "0000-01-01",
		"+024-01-01", "2024-+1-01", "2024-01--1", "2O24-01-01", "２０２４-01-01",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int64_t t;
		if (clock_parse_date(bad[i], &t))
			fail_msg("\"%s\" accepted", bad[i]);
	}
}

/* ---- clock_format_iso / clock_set ---- */

static void test_format_iso(void **state)
{
	(void)state;
	char out[32];
	clock_format_iso(0, 5, out);
	assert_string_equal(out, "1970-01-01T00:00:00.005Z");
	clock_format_iso(1709164800 + 3600 * 13 + 60 * 7 + 9, 999, out);
	assert_string_equal(out, "2024-02-29T13:07:09.999Z");
}

static void test_clock_set(void **state)
{
	(void)state;
	clock_set(1725148800);
	assert_true(clock_now() == 1725148800);
	clock_set(-1);
	int64_t real = (int64_t)time(NULL);
	int64_t now = clock_now();
	assert_true(now >= real - 5 && now <= real + 5);
}

/* ---- clock_format_day / clock_today ---- */

static void test_format_day(void **state)
{
	(void)state;
	char out[24];
	assert_true(clock_format_day("2026-12-02", out));
	assert_string_equal(out, "2 December 2026");
	assert_true(clock_format_day("2025-06-30", out));
	assert_string_equal(out, "30 June 2025");
	assert_true(clock_format_day("2024-02-29", out));
	assert_string_equal(out, "29 February 2024");
	assert_true(clock_format_day("1999-01-01", out));
	assert_string_equal(out, "1 January 1999");
	assert_false(clock_format_day("2025-02-29", out));
	assert_string_equal(out, "");
	assert_false(clock_format_day("2025-13-01", out));
	assert_false(clock_format_day("", out));
}

static void test_today(void **state)
{
	(void)state;
	char day[11];
	clock_set(1764633600 + 86399); /* 2025-12-02 23:59:59 UTC */
	clock_today(day);
	assert_string_equal(day, "2025-12-02");
	clock_set(1764633600 + 86400);
	clock_today(day);
	assert_string_equal(day, "2025-12-03");
	clock_set(-1);
}

int main(void)
{
	log_set_quiet(1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_of_date_boundaries),
		cmocka_unit_test(test_of_date_invalid),
		cmocka_unit_test(test_code),
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_invalid),
		cmocka_unit_test(test_code_parse_round_trip),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_bounds_consistent_with_of_date),
		cmocka_unit_test(test_parse_date_values),
		cmocka_unit_test(test_parse_date_leap_years),
		cmocka_unit_test(test_parse_date_month_lengths),
		cmocka_unit_test(test_parse_date_consecutive_days),
		cmocka_unit_test(test_parse_date_bad_formats),
		cmocka_unit_test(test_format_iso),
		cmocka_unit_test(test_clock_set),
		cmocka_unit_test(test_format_day),
		cmocka_unit_test(test_today),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
