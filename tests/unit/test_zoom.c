/*
 * test_zoom.c - Zoom's participant report read into rows (events/zoom.c):
 * the export with and without the meeting's information, rejoins as rows
 * of their own, renamed participants, guests, US-style times (month first,
 * 12 AM and 12 PM) and ISO ones, Windows-1252 names, columns in another
 * order, and the files that are not a report at all.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "events/zoom.h"

/* What Zoom exports with "Export with meeting data" ticked. */
static const char WITH_MEETING[] =
	"\xEF\xBB\xBFMeeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\r\n"
	"812 3456 7890,Online session: reasoning,03/02/2026 09:55:01 AM,03/02/2026 11:31:40 AM,host@ncetm.example,97,4\r\n"
	"\r\n"
	"Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n"
	"Ann Archer,ann@school.example,03/02/2026 09:58:12 AM,03/02/2026 10:40:00 AM,42,No\r\n"
	"Ann Archer,ANN@School.Example,03/02/2026 10:45:30 AM,03/02/2026 11:30:00 AM,45,No\r\n"
	"Bobby (Bob Baker),,03/02/2026 10:02:00 AM,03/02/2026 11:30:00 AM,88,Yes\r\n"
	"\"Smith, Jo\",jo@school.example,03/02/2026 12:00:00 PM,03/02/2026 12:30:00 PM,30,No\r\n"
	"iPad,,03/02/2026 12:05:00 AM,03/02/2026 12:10:00 AM,5,Yes\r\n";

static void test_with_meeting(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct zoom_report r;
	zoom_read(a, WITH_MEETING, sizeof(WITH_MEETING) - 1, &r);
	assert_null(r.problem);
	assert_string_equal(r.topic, "Online session: reasoning");
	assert_int_equal(r.n, 5);
	assert_int_equal(r.rows[0].line, 5);
	assert_string_equal(r.rows[0].name, "Ann Archer");
	assert_null(r.rows[0].original);
	assert_string_equal(r.rows[0].email, "ann@school.example");
	assert_string_equal(r.rows[0].day, "2026-03-02"); /* month first */
	assert_int_equal(r.rows[0].minutes, 42);
	assert_false(r.rows[0].guest);
	assert_string_equal(r.rows[1].email, "ann@school.example"); /* a rejoin, lower-cased */
	assert_int_equal(r.rows[1].minutes, 45);
	assert_string_equal(r.rows[2].name, "Bobby");
	assert_string_equal(r.rows[2].original, "Bob Baker");
	assert_string_equal(r.rows[2].email, "");
	assert_true(r.rows[2].guest);
	assert_string_equal(r.rows[3].name, "Smith, Jo");
	assert_null(r.rows[3].problem);
	assert_string_equal(r.rows[4].day, "2026-03-02");
	for (size_t i = 0; i < r.n; i++)
		assert_null(r.rows[i].problem);
	arena_free(a);
}

static void test_plain_and_reordered(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct zoom_report r;
	/* without the meeting's part, columns in another order, Windows-1252, ISO times, ragged rows */
	static const char f[] = "User Email;Name (Original Name);Duration (Minutes);Join Time\n"
				"zoe@school.example;Zo\xEB Kowalski;61;2026-12-02 09:58:12\n"
				"sam@school.example;Sam Patel;7\n";
	zoom_read(a, f, sizeof(f) - 1, &r);
	assert_null(r.problem);
	assert_null(r.topic);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.rows[0].name, "Zo\xC3\xAB Kowalski");
	assert_string_equal(r.rows[0].day, "2026-12-02");
	assert_int_equal(r.rows[0].minutes, 61);
	assert_non_null(r.rows[1].problem); /* no join time */
	arena_free(a);
}

static void test_bad_rows(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct zoom_report r;
	static const char f[] = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
				"A,a@x.example,02/30/2026 09:00:00 AM,,10,No\n"  /* 30 February */
				"B,b@x.example,03/02/2026 13:00:00 PM,,10,No\n"  /* 13 PM */
				"C,c@x.example,03/02/2026 09:00:00 AM,,-4,No\n"
				"D,d@x.example,03/02/2026 09:00:00 AM,,99999999,No\n"
				",,03/02/2026 09:00:00 AM,,10,No\n"
				"E,e@x.example,3/2/2026 9:00 AM,,10,No\n";
	zoom_read(a, f, sizeof(f) - 1, &r);
	assert_null(r.problem);
	assert_int_equal(r.n, 6);
	for (size_t i = 0; i < 5; i++)
		assert_non_null(r.rows[i].problem);
	assert_null(r.rows[5].problem);
	assert_string_equal(r.rows[5].day, "2026-03-02");
	arena_free(a);
}

static void test_times(void **state)
{
	(void)state;
	char day[11];
	long s;
	assert_true(zoom_time("12/02/2026 09:58:12 AM", day, &s));
	assert_string_equal(day, "2026-12-02");
	assert_int_equal(s, 9 * 3600 + 58 * 60 + 12);
	assert_true(zoom_time("01/15/2026 12:00:00 AM", day, &s));
	assert_int_equal(s, 0);
	assert_true(zoom_time("01/15/2026 12:30:00 PM", day, &s));
	assert_int_equal(s, 12 * 3600 + 30 * 60);
	assert_true(zoom_time("02/29/2028 11:59:59 PM", day, &s));
	assert_string_equal(day, "2028-02-29");
	assert_true(zoom_time("2026-03-02 17:05:00", day, &s));
	assert_false(zoom_time("02/29/2026 10:00:00 AM", day, &s));
	assert_false(zoom_time("13/01/2026 10:00:00 AM", day, &s));
	assert_false(zoom_time("01/15/2026 00:30:00 AM", day, &s));
	assert_false(zoom_time("01/15/2026 10:00:00 XM", day, &s));
	assert_false(zoom_time("01/15/2026", day, &s));
	assert_false(zoom_time("", day, &s));
}

static void test_not_reports(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct zoom_report r;
	static const char people[] = "Name,Email address,School URN\nAnn,ann@x.example,100000\n";
	zoom_read(a, people, sizeof(people) - 1, &r);
	assert_non_null(r.problem);
	assert_non_null(strstr(r.problem, "not a Zoom participant report"));
	static const char utf16[] = "\xFF\xFEN\0a\0";
	zoom_read(a, utf16, sizeof(utf16) - 1, &r);
	assert_non_null(strstr(r.problem, "Unicode"));
	static const char zip[] = "PK\x03\x04rest";
	zoom_read(a, zip, sizeof(zip) - 1, &r);
	assert_non_null(r.problem);
	static const char empty[] = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n";
	zoom_read(a, empty, sizeof(empty) - 1, &r);
	assert_string_equal(r.problem, "The report has no participants");
	static const char open[] = "Name (Original Name),User Email,Join Time,Duration (Minutes)\n\"Ann,a@x,1/1/2026 9:00 AM,4\n";
	zoom_read(a, open, sizeof(open) - 1, &r);
	assert_non_null(r.problem);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_with_meeting), cmocka_unit_test(test_plain_and_reordered),
		cmocka_unit_test(test_bad_rows), cmocka_unit_test(test_times), cmocka_unit_test(test_not_reports),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
