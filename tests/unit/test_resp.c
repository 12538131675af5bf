/*
 * test_resp.c - response builders of the HTTP layer (http/request.c): a
 * JSON body that cannot be encoded (a NULL value, as jansson gives for
 * invalid UTF-8) is a 500 problem document for that request, never an
 * abort of the process. And the CSV and plain-text writers bound to a
 * response (the only way a capability writes a body other than HTML or
 * JSON).
 */
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/log.h"
#include "http/request.h"

/* The body of rs, parsed; fails the test when it is not JSON. */
static json_t *body_json(const struct resp *rs)
{
	json_error_t err;
	assert_non_null(rs->body.data);
	assert_int_equal(rs->body.data[rs->body.len - 1], '\n');
	json_t *j = json_loads(rs->body.data, 0, &err);
	if (!j)
		fail_msg("not JSON: %s (%s)", rs->body.data, err.text);
	return j;
}

static void assert_problem_500(struct resp *rs)
{
	assert_int_equal(rs->status, 500);
	assert_string_equal(rs->content_type, "application/problem+json");
	json_t *j = body_json(rs);
	assert_int_equal(json_integer_value(json_object_get(j, "status")), 500);
	assert_string_equal(json_string_value(json_object_get(j, "title")), "Internal Server Error");
	json_decref(j);
}

static void test_a_value_is_sent(void **state)
{
	(void)state;
	struct resp rs = {0};
	resp_json(&rs, 201, json_pack("{s:s, s:i}", "name", "Caf\xc3\xa9 <b>", "n", 3), NULL);
	assert_int_equal(rs.status, 201);
	assert_string_equal(rs.content_type, "application/json");
	assert_string_equal(rs.body.data, "{\"name\":\"Caf\xc3\xa9 <b>\",\"n\":3}\n");
	buf_free(&rs.body);
}

static void test_null_is_a_500_problem_not_an_abort(void **state)
{
	(void)state;
	struct resp rs = {0};
	buf_puts(&rs.body, "half a page written before");
	resp_json(&rs, 200, NULL, NULL);
	assert_problem_500(&rs);
	buf_free(&rs.body);
}

static void test_invalid_utf8_is_a_500_problem(void **state)
{
	(void)state;
	/* what an imported name with a stray Latin-1 byte gives: json_string
	 * and json_pack refuse it and return NULL */
	const char *bad = "Caf\xe9";
	struct resp rs = {0};
	resp_json(&rs, 200, json_pack("{s:s}", "name", bad), NULL);
	assert_problem_500(&rs);
	buf_free(&rs.body);
	struct resp rs2 = {0};
	resp_json(&rs2, 200, json_string(bad), "application/json");
	assert_problem_500(&rs2);
	buf_free(&rs2.body);
}

static void test_csv_response(void **state)
{
	(void)state;
	struct resp rs = {0};
	struct csv_writer w = resp_csv(&rs, "attachment; filename=\"x.csv\"");
	csv_row(&w, (const char *[]){"who", "=1+1"}, 2);
	assert_string_equal(rs.content_type, "text/csv; charset=utf-8");
	assert_int_equal(rs.nheaders, 1);
	assert_string_equal(rs.headers[0].name, "Content-Disposition");
	assert_string_equal(rs.headers[0].value, "attachment; filename=\"x.csv\"");
	assert_string_equal(rs.body.data, "\xEF\xBB\xBF\"who\",\"'=1+1\"\r\n");
	buf_free(&rs.body);
}

static void test_text_response(void **state)
{
	(void)state;
	struct resp rs = {0};
	struct text_writer w = resp_text(&rs, NULL);
	text_puts(&w, "a <b> & c\n");
	text_puts(&w, NULL);
	text_printf(&w, "%s=%d %.1f\n", "n", 42, 0.5);
	assert_string_equal(rs.content_type, "text/plain; charset=utf-8");
	assert_string_equal(rs.body.data, "a <b> & c\nn=42 0.5\n");
	buf_free(&rs.body);
	struct resp m = {0};
	w = resp_text(&m, "text/plain; version=0.0.4; charset=utf-8");
	assert_string_equal(m.content_type, "text/plain; version=0.0.4; charset=utf-8");
}

int main(void)
{
	log_set_quiet(1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_value_is_sent),
		cmocka_unit_test(test_null_is_a_500_problem_not_an_abort),
		cmocka_unit_test(test_invalid_utf8_is_a_500_problem),
		cmocka_unit_test(test_csv_response),
		cmocka_unit_test(test_text_response),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
