/*
 * test_survey_terms.c - school term dates as files have them
 * (src/surveys/terms.h): days as people write them, a calendar's checks
 * and their messages, an upload as spreadsheets save it (a byte-order
 * mark, Windows-1252, DD/MM/YYYY, ragged rows, blank lines, loose
 * headings), and the default national calendar shipped in the binary:
 * it passes the checks, and its half terms and holidays are no school days.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "core/embedded.h"
#include "surveys/rules.h"
#include "surveys/terms.h"
#include "surveys/terms_queries.h"

static void day_is(struct arena *a, const char *s, const char *want)
{
	const char *got = terms_day(a, s);
	if (!want && got)
		fail_msg("%s read as %s, not refused", s, got);
	if (want && (!got || strcmp(got, want)))
		fail_msg("%s read as %s, not %s", s, got ? got : "nothing", want);
}

static void test_days(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	day_is(a, "2026-09-03", "2026-09-03");
	day_is(a, "03/09/2026", "2026-09-03");
	day_is(a, "3/9/2026", "2026-09-03");
	day_is(a, "29/02/2028", "2028-02-29"); /* a leap year */
	day_is(a, "2026-02-30", NULL);
	day_is(a, "30/02/2026", NULL);
	day_is(a, "29/02/2027", NULL);
	day_is(a, "03/09/26", NULL);           /* a two-figure year: which century is not ours to guess */
	day_is(a, "2026-9-3", NULL);
	day_is(a, "09/03/2026x", NULL);
	day_is(a, "", NULL);
	day_is(a, "3 September 2026", NULL);
	arena_free(a);
}

/* The problems of rows, joined by "|". */
static const char *problems_of(struct arena *a, const struct term_row *rows, size_t n)
{
	struct term_problem out[16];
	size_t np = terms_validate(a, rows, n, out);
	const char *s = "";
	for (size_t i = 0; i < np; i++)
		s = arena_printf(a, "%s%s%s", s, i ? "|" : "", out[i].msg);
	return s;
}

static void test_validate(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct term_row good[] = {
		{2, "", "Autumn first half", "2026-09-03", "2026-10-23"},
		{3, "", "Autumn second half", "2026-11-02", "2026-12-18"},
		{4, "", "Spring first half", "2027-01-04", "2027-02-12"},
	};
	assert_string_equal(problems_of(a, good, 3), "");
	struct term_row bad_day[] = {{2, "", "Spring first half", "2026-02-30", "2026-03-01"}};
	assert_string_equal(problems_of(a, bad_day, 1),
			    "Line 2: First day must be a real date, like 2026-09-03 or 03/09/2026");
	struct term_row backwards[] = {{5, "", "Summer first half", "2027-05-20", "2027-04-12"}};
	assert_string_equal(problems_of(a, backwards, 1), "Line 5: Last day must be the same as or after the first day");
	struct term_row overlap[] = {
		{2, "", "Autumn first half", "2026-09-03", "2026-10-23"},
		{3, "", "Autumn second half", "2026-10-23", "2026-12-18"},
	};
	assert_string_equal(problems_of(a, overlap, 2),
			    "Line 3: Autumn second half must start after Autumn first half (line 2) ends: terms must not overlap");
	struct term_row order[] = {
		{2, "", "Autumn second half", "2026-11-02", "2026-12-18"},
		{3, "", "Autumn first half", "2026-09-03", "2026-10-23"},
	};
	assert_string_equal(problems_of(a, order, 2),
			    "Line 3: Terms must be in date order: this one starts before Autumn second half (line 2)");
	struct term_row unnamed[] = {{7, "", "", "2026-09-03", "2026-10-23"}};
	assert_string_equal(problems_of(a, unnamed, 1), "Line 7: Enter the term's name");
	/* a bad row is skipped: the next is compared with the last good one */
	struct term_row after_bad[] = {
		{2, "", "Autumn first half", "2026-09-03", "2026-10-23"},
		{3, "", "Oops", "2026-13-01", "2026-12-18"},
		{4, "", "Autumn second half", "2026-11-02", "2026-12-18"},
	};
	assert_string_equal(problems_of(a, after_bad, 3), "Line 3: First day must be a real date, like 2026-09-03 or 03/09/2026");
	arena_free(a);
}

static void read(struct arena *a, const char *text, struct terms_file *f)
{
	terms_file_read(a, text, strlen(text), true, f);
}

static void test_upload_as_people_have_it(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct terms_file f;
	/* a byte-order mark, CR LF, loose headings, DD/MM/YYYY, a ragged row
	 * and blank lines; Windows-1252's en dash (0x96); two authorities, one
	 * written out of order */
	read(a,
	     "\xEF\xBB\xBF" "LA Code,Term,Start date,End date,Notes\r\n"
	     "919,Autumn \x96 second half,02/11/2026,18/12/2026\r\n"
	     "\r\n"
	     "919,Autumn \x96 first half,03/09/2026,23/10/2026,INSET on the 2nd\r\n"
	     ",,,\r\n"
	     "202,Autumn 1,2026-09-02,2026-10-23\r\n",
	     &f);
	assert_null(f.problem);
	assert_int_equal(f.nproblems, 0);
	assert_int_equal(f.nrows, 3);
	assert_int_equal(f.ngroups, 2);
	assert_string_equal(f.groups[0].la_code, "919");
	assert_int_equal(f.groups[0].n, 2);
	assert_string_equal(f.groups[0].rows[0].name, "Autumn \xE2\x80\x93 first half"); /* made UTF-8 */
	assert_string_equal(f.groups[0].rows[0].first, "2026-09-03");
	assert_int_equal(f.groups[0].rows[0].line, 4);
	assert_string_equal(f.groups[0].first, "2026-09-03");
	assert_string_equal(f.groups[0].last, "2026-12-18");
	assert_string_equal(f.groups[1].la_code, "202");
	/* what the confirmation sends back reads as the same */
	const char *csv = terms_file_csv(a, &f);
	struct terms_file g;
	read(a, csv, &g);
	assert_int_equal(g.nproblems, 0);
	assert_int_equal(g.ngroups, 2);
	assert_string_equal(g.groups[0].rows[0].name, "Autumn \xE2\x80\x93 first half");
	assert_string_equal(g.groups[0].rows[1].last, "2026-12-18");
	/* the headings as others write them */
	read(a, "Local authority code,Term name,First day,Last day\n919,Spring 1,2027-01-04,2027-02-12\n", &f);
	assert_int_equal(f.nrows, 1);
	read(a, "la_code,name,first_day,last_day\n919,Spring 1,2027-01-04,2027-02-12\n", &f);
	assert_int_equal(f.nrows, 1);
	arena_free(a);
}

static void test_upload_problems(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct terms_file f;
	read(a,
	     "la_code,term,first day,last day\n"
	     "919,Spring first half,2026-01-05,2026-02-30\n"
	     ",Spring second half,2026-02-23,2026-03-27\n"
	     "202,Autumn 1,2026-09-02,2026-10-23\n"
	     "202,Autumn 2,2026-10-20,2026-12-18\n",
	     &f);
	assert_null(f.problem);
	assert_int_equal(f.nproblems, 3);
	assert_string_equal(f.problems[0].msg,
			    "Line 2: Last day must be a real date, like 2026-09-03 or 03/09/2026 (it is 2026-02-30)");
	assert_string_equal(f.problems[1].msg, "Line 3: Enter the local authority code, like 919");
	assert_string_equal(f.problems[2].msg,
			    "Line 5: Autumn 2 must start after Autumn 1 (line 4) ends: terms must not overlap");
	read(a, "la_code,term,first day\n919,Spring,2026-01-05\n", &f);
	assert_string_equal(f.problem, "The first row of the selected file must name the columns: local authority code, "
				       "term name, first day and last day");
	read(a, "la_code,term,first day,last day\n\n", &f);
	assert_non_null(f.problem);
	read(a, "", &f);
	assert_string_equal(f.problem, "The selected file is empty");
	arena_free(a);
}

static void test_default_calendar(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	const struct embedded_file *file = embedded_find(TERMS_DEFAULT_FILE);
	assert_non_null(file);
	struct terms_file f;
	terms_file_read(a, (const char *)file->data, file->len, false, &f);
	assert_null(f.problem);
	for (size_t i = 0; i < f.nproblems; i++)
		print_error("%s\n", f.problems[i].msg);
	assert_int_equal(f.nproblems, 0);
	assert_int_equal(f.ngroups, 1);
	assert_int_equal(f.groups[0].n, 30); /* 5 years of 3 terms, each split at its half term */
	assert_string_equal(f.groups[0].first, "2024-09-02");
	assert_string_equal(f.groups[0].last, "2029-07-20");
	struct survey_terms t;
	terms_as_calendar(a, f.groups[0].rows, f.groups[0].n, &t);
	static const char *const bank[] = {"2025-12-25", "2025-12-26", "2026-01-01", "2026-04-03", "2026-04-06"};
	const struct workdays_holidays h = {bank, 5, 2025, 2026};
	assert_true(survey_school_day("2025-10-14", &h, &t));  /* a term Tuesday */
	assert_false(survey_school_day("2025-10-29", &h, &t)); /* the autumn half term's Wednesday */
	assert_false(survey_school_day("2025-12-22", &h, &t)); /* a Monday of the Christmas holidays */
	assert_false(survey_school_day("2026-02-18", &h, &t)); /* the spring half term's Wednesday */
	assert_false(survey_school_day("2026-04-08", &h, &t)); /* the Easter holidays */
	assert_true(survey_school_day("2026-04-14", &h, &t));  /* back after Easter */
	assert_false(survey_school_day("2026-05-27", &h, &t)); /* the May half term */
	assert_false(survey_school_day("2026-08-12", &h, &t)); /* the summer holidays */
	/* the Easter fortnight holds Easter Sunday, every year */
	static const char *const easter[] = {"2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16", "2029-04-01"};
	for (size_t i = 0; i < 5; i++) {
		bool in_term = false;
		for (size_t k = 0; k < t.n; k++)
			in_term = in_term || (strcmp(easter[i], t.first[k]) >= 0 && strcmp(easter[i], t.last[k]) <= 0);
		assert_false(in_term);
	}
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_validate),
		cmocka_unit_test(test_upload_as_people_have_it),
		cmocka_unit_test(test_upload_problems),
		cmocka_unit_test(test_default_calendar),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
