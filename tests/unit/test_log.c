/*
 * test_log.c - the access line (core/log.h: log_access), which is written
 * by hand rather than through jansson: every line must be one JSON object
 * that jansson reads back to the same values, whatever the path holds
 * (quotes, backslashes, control characters, bytes that are not UTF-8).
 *
 * The line is read from stderr (a temporary file put in its place) and
 * parsed by jansson, an independent JSON reader.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "core/log.h"

/* Runs log_access(a) with stderr in a temporary file; returns what it wrote (malloc'd). */
static char *logged(const struct log_access *a)
{
	FILE *tmp = tmpfile();
	assert_non_null(tmp);
	int saved = dup(STDERR_FILENO);
	assert_true(saved >= 0);
	assert_int_equal(dup2(fileno(tmp), STDERR_FILENO), STDERR_FILENO);
	log_access(a);
	assert_int_equal(dup2(saved, STDERR_FILENO), STDERR_FILENO);
	close(saved);
	off_t n = lseek(fileno(tmp), 0, SEEK_END);
	assert_true(n > 0);
	char *out = calloc(1, (size_t)n + 1);
	assert_non_null(out);
	assert_int_equal(pread(fileno(tmp), out, (size_t)n, 0), n);
	fclose(tmp);
	return out;
}

/* The line, checked to be exactly one JSON object and a newline, parsed. */
static json_t *line_of(const struct log_access *a)
{
	char *s = logged(a);
	size_t n = strlen(s);
	assert_true(n > 2 && s[n - 1] == '\n');
	assert_null(memchr(s, '\n', n - 1)); /* one line, whatever the path held */
	json_error_t err;
	json_t *j = json_loads(s, 0, &err);
	if (!j)
		fail_msg("not JSON (%s): %s", err.text, s);
	free(s);
	return j;
}

static const char *str(json_t *j, const char *key)
{
	json_t *v = json_object_get(j, key);
	if (!json_is_string(v))
		fail_msg("\"%s\" is not a string", key);
	return json_string_value(v);
}

static void test_fields(void **state)
{
	(void)state;
	json_t *j = line_of(&(struct log_access){.request_id = "0123456789abcdef", .method = "GET", .path = "/hubs/EE1",
						 .route = "/hubs/{code}", .status = 200, .bytes = 16357, .duration_us = 1234,
						 .txns = "hubs_lookup_read", .statements = 2});
	assert_string_equal(str(j, "request_id"), "0123456789abcdef");
	assert_string_equal(str(j, "method"), "GET");
	assert_string_equal(str(j, "path"), "/hubs/EE1");
	assert_string_equal(str(j, "route"), "/hubs/{code}");
	assert_int_equal(json_integer_value(json_object_get(j, "status")), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "bytes")), 16357);
	assert_int_equal(json_integer_value(json_object_get(j, "duration_us")), 1234);
	assert_string_equal(str(j, "transactions"), "hubs_lookup_read");
	assert_int_equal(json_integer_value(json_object_get(j, "statements")), 2);
	/* the time: 2026-12-02T22:48:25.246Z */
	const char *t = str(j, "time");
	assert_int_equal(strlen(t), 24);
	assert_true(t[4] == '-' && t[10] == 'T' && t[19] == '.' && t[23] == 'Z');
	/* the keys in this order, as the line always had them */
	static const char *const keys[] = {"time", "request_id", "method", "path", "route", "status", "bytes",
					   "duration_us", "transactions", "statements"};
	char *s = logged(&(struct log_access){.request_id = "r", .method = "GET", .path = "/", .route = "/", .txns = "x"});
	const char *at = s;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		char k[32];
		snprintf(k, sizeof(k), "\"%s\":", keys[i]);
		const char *p = strstr(at, k);
		if (!p)
			fail_msg("%s missing or out of order in %s", k, s);
		at = p;
	}
	free(s);
	json_decref(j);
}

static void test_no_transactions(void **state)
{
	(void)state;
	json_t *j = line_of(&(struct log_access){.request_id = "r", .method = "GET", .path = "/assets/x", .route = "static",
						 .status = 304});
	assert_null(json_object_get(j, "transactions"));
	assert_null(json_object_get(j, "statements"));
	assert_int_equal(json_integer_value(json_object_get(j, "bytes")), 0);
	json_decref(j);
}

static void test_escapes(void **state)
{
	(void)state;
	static const struct {
		const char *path, *want;
	} cases[] = {
		{"/a\"b", "/a\"b"},
		{"/a\\b", "/a\\b"},
		{"/a\nb\rc\td", "/a\nb\rc\td"},
		{"/\x01\x1f\x7f", "/\x01\x1f\x7f"},
		{"/caf\xc3\xa9/\xf0\x9f\x98\x80", "/caf\xc3\xa9/\xf0\x9f\x98\x80"}, /* é and an emoji, kept */
		{"/\xff\xfe", "/??"},                                                 /* not UTF-8: '?' each */
		{"/\xc3", "/?"},                                                      /* a cut sequence */
		{"/\xed\xa0\x80", "/???"},                                            /* a surrogate */
		{"", ""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *j = line_of(&(struct log_access){.request_id = "r", .method = "G\xffT", .path = cases[i].path,
							 .route = "", .status = 400});
		assert_string_equal(str(j, "path"), cases[i].want);
		assert_string_equal(str(j, "method"), "G?T");
		json_decref(j);
	}
}

static void test_long_path(void **state)
{
	(void)state;
	size_t n = 100000;
	char *p = malloc(n + 1);
	assert_non_null(p);
	for (size_t i = 0; i < n; i++)
		p[i] = "ab\"\\\n"[i % 5];
	p[n] = '\0';
	json_t *j = line_of(&(struct log_access){.request_id = "r", .method = "GET", .path = p, .route = "", .status = 414});
	assert_string_equal(str(j, "path"), p);
	json_decref(j);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_no_transactions),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_long_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
