/*
 * test_text_files.c - text files as people save them: charset_to_utf8
 * (core/encoding.h: UTF-8 with and without a byte-order mark, Windows-1252,
 * and what it refuses to read) and csv_records (core/csv.h: every record
 * with the line of the file it starts on, loosely quoted as Excel and hand
 * edits write them, ragged rows, blank rows skipped).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/encoding.h"
#include "core/csv.h"

static struct arena *A;

static int setup(void **state)
{
	(void)state;
	A = arena_new();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(A);
	return 0;
}

static const char *decode(const char *bytes, size_t len, enum charset *cs)
{
	size_t n;
	const char *s = charset_to_utf8(A, bytes, len, &n, cs);
	if (s)
		assert_int_equal(n, strlen(s));
	return s;
}

/* ---- charset_to_utf8 ---- */

static void test_utf8_as_is(void **state)
{
	(void)state;
	enum charset cs;
	const char *s = "Zoë O\xE2\x80\x99Neill,à";
	assert_string_equal(decode(s, strlen(s), &cs), "Zoë O’Neill,à");
	assert_int_equal(cs, CHARSET_UTF8);
	assert_string_equal(decode("", 0, &cs), "");
	assert_int_equal(cs, CHARSET_UTF8);
}

static void test_utf8_bom_dropped(void **state)
{
	(void)state;
	enum charset cs;
	assert_string_equal(decode("\xEF\xBB\xBFName,Email\r\n", 15, &cs), "Name,Email\r\n");
	assert_int_equal(cs, CHARSET_UTF8_BOM);
	assert_string_equal(decode("\xEF\xBB\xBF", 3, &cs), "");
	assert_int_equal(cs, CHARSET_UTF8_BOM);
}

static void test_windows_1252(void **state)
{
	(void)state;
	enum charset cs;
	/* Excel's "CSV (Comma delimited)": curly apostrophe 0x92, e-acute 0xE9, euro 0x80, a-grave 0xE0 */
	const char bytes[] = "O\x92Neill,Ren\xE9""e,\x80""5,\xE0";
	assert_string_equal(decode(bytes, sizeof(bytes) - 1, &cs), "O’Neill,Renée,€5,à");
	assert_int_equal(cs, CHARSET_WINDOWS_1252);
	/* the five unassigned bytes are U+FFFD; 0xA0..0xFF are Latin-1 */
	assert_string_equal(decode("\x81\x8D\x8F\x90\x9D\xA3\xFF", 7, &cs), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD£ÿ");
	/* a mark before bytes that are not UTF-8: the mark is not read as text */
	assert_string_equal(decode("\xEF\xBB\xBFRen\xE9", 7, &cs), "René");
	assert_int_equal(cs, CHARSET_WINDOWS_1252);
	/* a truncated UTF-8 sequence is not UTF-8 */
	assert_string_equal(decode("a\xC3", 2, &cs), "aÃ");
	assert_int_equal(cs, CHARSET_WINDOWS_1252);
}

static void test_refused(void **state)
{
	(void)state;
	enum charset cs;
	assert_null(decode("\xFF\xFEN\0a\0", 6, &cs));
	assert_int_equal(cs, CHARSET_UTF16);
	assert_null(decode("\xFE\xFF\0N", 4, &cs));
	assert_int_equal(cs, CHARSET_UTF16);
	assert_null(decode("PK\x03\x04\x14\0\x06\0", 8, &cs)); /* an .xlsx workbook */
	assert_int_equal(cs, CHARSET_BINARY);
	assert_null(decode("Name\0,Email", 11, &cs));
	assert_int_equal(cs, CHARSET_BINARY);
}

/* ---- csv_records ---- */

static struct csv_record *R;
static size_t N;
static char msg[256];

static enum err records(const char *text, size_t max)
{
	return csv_records(A, text, strlen(text), max, &R, &N, msg, sizeof(msg));
}

static void assert_record(size_t i, size_t line, size_t n, ...)
{
	assert_true(i < N);
	assert_int_equal(R[i].line, line);
	assert_int_equal(R[i].n, n);
	va_list ap;
	va_start(ap, n);
	for (size_t k = 0; k < n; k++)
		assert_string_equal(R[i].fields[k], va_arg(ap, const char *));
	va_end(ap);
}

static void test_records_and_lines(void **state)
{
	(void)state;
	assert_int_equal(records("Name,Email\nAda,ada@x.example\nBob,bob@x.example\n", 10), ERR_OK);
	assert_int_equal(N, 3);
	assert_record(0, 1, 2, "Name", "Email");
	assert_record(1, 2, 2, "Ada", "ada@x.example");
	assert_record(2, 3, 2, "Bob", "bob@x.example");
}

static void test_line_ends(void **state)
{
	(void)state;
	/* CR LF, CR alone, and no line end after the last record */
	assert_int_equal(records("a,b\r\nc,d\re,f", 10), ERR_OK);
	assert_int_equal(N, 3);
	assert_record(0, 1, 2, "a", "b");
	assert_record(1, 2, 2, "c", "d");
	assert_record(2, 3, 2, "e", "f");
}

static void test_blank_rows_skipped_lines_kept(void **state)
{
	(void)state;
	/* a blank line, a row of empty cells as a spreadsheet leaves, and blank CR LF lines */
	assert_int_equal(records("h1,h2\r\n\r\nx,y\r\n,,,\r\n , \r\n\r\nz,w\r\n,,\r\n", 10), ERR_OK);
	assert_int_equal(N, 3);
	assert_record(0, 1, 2, "h1", "h2");
	assert_record(1, 3, 2, "x", "y");
	assert_record(2, 7, 2, "z", "w");
}

static void test_quoted_values_with_line_breaks(void **state)
{
	(void)state;
	assert_int_equal(records("name,note\n\"Smith, Jo\",\"line one\r\nline two\nthree\"\nnext,\"say \"\"hi\"\"\"\n", 10), ERR_OK);
	assert_int_equal(N, 3);
	assert_record(1, 2, 2, "Smith, Jo", "line one\r\nline two\nthree");
	assert_record(2, 5, 2, "next", "say \"hi\"");
}

static void test_loose_quotes_and_ragged_rows(void **state)
{
	(void)state;
	/* a quote inside an unquoted value is kept; rows of any length; spaces around unquoted values trimmed */
	assert_int_equal(records("a,b,c\nO\"Neill ,  x\n1,2,3,4,5\n", 10), ERR_OK);
	assert_int_equal(N, 3);
	assert_record(1, 2, 2, "O\"Neill", "x");
	assert_record(2, 3, 5, "1", "2", "3", "4", "5");
}

static void test_unclosed_quote(void **state)
{
	(void)state;
	assert_int_equal(records("a,b\nok,1\n\"never closed,2\nmore\n", 10), ERR_INVALID);
	assert_string_equal(msg, "line 3: a value in quotes is not closed");
	assert_int_equal(N, 0);
}

static void test_too_many(void **state)
{
	(void)state;
	assert_int_equal(records("h\n1\n2\n", 3), ERR_OK);
	assert_int_equal(N, 3);
	assert_int_equal(records("h\n1\n2\n3\n", 3), ERR_TOO_LARGE);
	assert_string_equal(msg, "more than 3 rows");
	assert_int_equal(records("h\n1\n\n,,\n2\n", 3), ERR_OK); /* blank rows do not count */
}

static void test_empty(void **state)
{
	(void)state;
	assert_int_equal(records("", 10), ERR_OK);
	assert_int_equal(N, 0);
	assert_int_equal(records("\r\n\n,\n", 10), ERR_OK);
	assert_int_equal(N, 0);
}

static void test_semicolons(void **state)
{
	(void)state;
	/* Excel's "CSV" where a comma is the decimal point */
	assert_int_equal(records("Name;Email;Job title\r\n\"Smith; Jo\";jo@x.example;Head of maths, KS3\r\n", 10), ERR_OK);
	assert_int_equal(N, 2);
	assert_record(1, 2, 3, "Smith; Jo", "jo@x.example", "Head of maths, KS3");
	/* a semicolon in a comma-separated file is a character */
	assert_int_equal(records("Name,Note\nAda,a;b\n", 10), ERR_OK);
	assert_record(1, 2, 2, "Ada", "a;b");
	assert_int_equal(records("Name;Note,Other\nAda;x,y\n", 10), ERR_OK);
	assert_record(0, 1, 2, "Name;Note", "Other");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_utf8_as_is, setup, teardown),
		cmocka_unit_test_setup_teardown(test_utf8_bom_dropped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_windows_1252, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_records_and_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_line_ends, setup, teardown),
		cmocka_unit_test_setup_teardown(test_blank_rows_skipped_lines_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quoted_values_with_line_breaks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_loose_quotes_and_ragged_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unclosed_quote, setup, teardown),
		cmocka_unit_test_setup_teardown(test_too_many, setup, teardown),
		cmocka_unit_test_setup_teardown(test_semicolons, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
