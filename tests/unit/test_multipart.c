/*
 * test_multipart.c - multipart_parse (http/multipart.h): bodies as
 * Chromium and Firefox send a form with a file input, and the malformed
 * ones it must refuse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "http/multipart.h"

static struct arena *A;
static struct multipart_part *P;
static size_t N;

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

#define CT "multipart/form-data; boundary=----WebKitFormBoundaryX3b"
#define DASH "------WebKitFormBoundaryX3b"

static enum err parse(const char *ct, const char *body, size_t len)
{
	return multipart_parse(A, ct, body, len, 8, &P, &N);
}

static enum err parse_s(const char *ct, const char *body)
{
	return parse(ct, body, strlen(body));
}

static void test_browser_form(void **state)
{
	(void)state;
	static const char body[] = DASH "\r\n"
		"Content-Disposition: form-data; name=\"csrf_token\"\r\n\r\n"
		"tok123\r\n" DASH "\r\n"
		"Content-Disposition: form-data; name=\"file\"; filename=\"people list.csv\"\r\n"
		"Content-Type: text/csv\r\n\r\n"
		"Name,Email\r\nAda,ada@x.example\r\n\r\n" DASH "--\r\n";
	assert_int_equal(parse(CT, body, sizeof(body) - 1), ERR_OK);
	assert_int_equal(N, 2);
	assert_string_equal(P[0].name, "csrf_token");
	assert_null(P[0].filename);
	assert_string_equal(P[0].content_type, "");
	assert_int_equal(P[0].len, 6);
	assert_memory_equal(P[0].data, "tok123", 6);
	assert_string_equal(P[1].name, "file");
	assert_string_equal(P[1].filename, "people list.csv");
	assert_string_equal(P[1].content_type, "text/csv");
	/* the file's own line breaks, the last one too, are its content */
	assert_int_equal(P[1].len, 31);
	assert_memory_equal(P[1].data, "Name,Email\r\nAda,ada@x.example\r\n", 31);
}

static void test_binary_content_and_empty_file(void **state)
{
	(void)state;
	/* content with NUL bytes and a near-boundary, and a file input with nothing chosen */
	static const char body[] = "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.bin\"\r\n\r\n"
				   "a\0b\r\n--c\r\n-b\r\n--b\r\nContent-Disposition: form-data; name=\"g\"; filename=\"\"\r\n"
				   "Content-Type: application/octet-stream\r\n\r\n\r\n--b--";
	assert_int_equal(parse("multipart/form-data; boundary=b", body, sizeof(body) - 1), ERR_OK);
	assert_int_equal(N, 2);
	assert_int_equal(P[0].len, 12);
	assert_memory_equal(P[0].data, "a\0b\r\n--c\r\n-b", 12);
	assert_string_equal(P[1].filename, "");
	assert_int_equal(P[1].len, 0);
}

static void test_boundary_forms(void **state)
{
	(void)state;
	static const char body[] = "preamble\r\n--a b\r\nCONTENT-DISPOSITION: FORM-DATA; NAME=x\r\n\r\n1\r\n--a b--";
	/* a quoted boundary, a preamble, header names and parameters in any case, an unquoted value */
	assert_int_equal(parse_s("Multipart/Form-Data; charset=utf-8; boundary=\"a b\"", body), ERR_OK);
	assert_int_equal(N, 1);
	assert_string_equal(P[0].name, "x");
	assert_memory_equal(P[0].data, "1", 1);
}

static void test_refused(void **state)
{
	(void)state;
	static const char ok[] = "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b--";
	assert_int_equal(parse_s("multipart/form-data; boundary=b", ok), ERR_OK);
	/* not multipart, or no boundary */
	assert_int_equal(parse_s("application/x-www-form-urlencoded", ok), ERR_INVALID);
	assert_int_equal(parse_s("multipart/form-data", ok), ERR_INVALID);
	assert_int_equal(parse_s("multipart/form-data; boundary=", ok), ERR_INVALID);
	assert_int_equal(parse_s("multipart/form-datax; boundary=b", ok), ERR_INVALID);
	assert_int_equal(parse_s("multipart/form-data; boundary=c", ok), ERR_INVALID);
	/* no closing delimiter; nothing at all */
	assert_int_equal(parse_s("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1"), ERR_INVALID);
	assert_int_equal(parse_s("multipart/form-data; boundary=b", ""), ERR_INVALID);
	/* a part without a name, not form-data, without Content-Disposition, or with no header end */
	assert_int_equal(parse_s("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data\r\n\r\n1\r\n--b--"), ERR_INVALID);
	assert_int_equal(parse_s("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"\"\r\n\r\n1\r\n--b--"), ERR_INVALID);
	assert_int_equal(parse_s("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: attachment; name=\"x\"\r\n\r\n1\r\n--b--"), ERR_INVALID);
	assert_int_equal(parse_s("multipart/form-data; boundary=b", "--b\r\nContent-Type: text/plain\r\n\r\n1\r\n--b--"), ERR_INVALID);
	assert_int_equal(parse_s("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n1\r\n--b--"), ERR_INVALID);
	assert_int_equal(parse_s("multipart/form-data; boundary=b", "--bxyz\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b--"), ERR_INVALID);
	/* a name or file name that is not UTF-8 */
	assert_int_equal(parse_s("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"\xff\"\r\n\r\n1\r\n--b--"), ERR_INVALID);
	assert_int_equal(parse_s("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"\xc3(\"\r\n\r\n1\r\n--b--"), ERR_INVALID);
	/* a boundary longer than 70 characters */
	assert_int_equal(parse_s("multipart/form-data; boundary=0123456789012345678901234567890123456789012345678901234567890123456789x", ok), ERR_INVALID);
}

static void test_too_many_parts(void **state)
{
	(void)state;
	static const char part[] = "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n";
	char body[2048] = "";
	for (int i = 0; i < 9; i++)
		strcat(body, part);
	strcat(body, "--b--");
	assert_int_equal(parse_s("multipart/form-data; boundary=b", body), ERR_INVALID); /* 9 > 8 */
	body[strlen(body) - 5 - strlen(part)] = '\0';
	strcat(body, "--b--");
	assert_int_equal(parse_s("multipart/form-data; boundary=b", body), ERR_OK);
	assert_int_equal(N, 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_browser_form, setup, teardown),
		cmocka_unit_test_setup_teardown(test_binary_content_and_empty_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_boundary_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_too_many_parts, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
