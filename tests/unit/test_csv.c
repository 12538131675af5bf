/*
 * test_csv.c - csv_read (core/csv.h): columns picked by name, RFC 4180
 * quoting, errors naming the column or line, and a run over the real GIAS
 * schools file shipped in ../shared/data. And the CSV writer: quoting,
 * formula-safe cells, UTF-8, and what it writes read back by csv_read.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/log.h"
#include "unit_util.h"

/* ---- a collecting callback ---- */

#define MAX_ROWS 16
#define MAX_WANT 4

struct rows {
	size_t nwant;
	size_t n;
	char *f[MAX_ROWS][MAX_WANT];
	size_t line[MAX_ROWS];
	size_t fail_at; /* 1-based call that returns fail_with; 0: never */
	enum err fail_with;
};

static enum err collect(void *ctx, const char *const *fields, size_t line)
{
	struct rows *r = ctx;
	r->n++;
	if (r->fail_at && r->n == r->fail_at)
		return r->fail_with;
	if (r->n <= MAX_ROWS) {
		for (size_t i = 0; i < r->nwant; i++)
			r->f[r->n - 1][i] = strdup(fields[i]);
		r->line[r->n - 1] = line;
	}
	return ERR_OK;
}

static void rows_free(struct rows *r)
{
	for (size_t k = 0; k < r->n && k < MAX_ROWS; k++)
		for (size_t i = 0; i < r->nwant; i++)
			free(r->f[k][i]);
}

static char msg[512];

static enum err read_csv(const char *data, const char *const *want, size_t nwant, struct rows *r)
{
	memset(r, 0, sizeof(*r));
	r->nwant = nwant;
	memset(msg, 0, sizeof(msg));
	return csv_read(data, strlen(data), want, nwant, collect, r, msg, sizeof(msg));
}

/* ---- column selection ---- */

static void test_columns_by_name_any_order(void **state)
{
	(void)state;
	static const char *const want[] = {"c", "a"};
	struct rows r;
	assert_int_equal(read_csv("a,b,c\n1,2,3\n4,5,6\n", want, 2, &r), ERR_OK);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.f[0][0], "3");
	assert_string_equal(r.f[0][1], "1");
	assert_string_equal(r.f[1][0], "6");
	assert_string_equal(r.f[1][1], "4");
	assert_int_equal(r.line[0], 2);
	assert_int_equal(r.line[1], 3);
	rows_free(&r);
}

static void test_same_column_twice(void **state)
{
	(void)state;
	static const char *const want[] = {"b", "b"};
	struct rows r;
	assert_int_equal(read_csv("a,b\nx,y\n", want, 2, &r), ERR_OK);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.f[0][0], "y");
	assert_string_equal(r.f[0][1], "y");
	rows_free(&r);
}

static void test_header_only_and_no_final_newline(void **state)
{
	(void)state;
	static const char *const want[] = {"a"};
	struct rows r;
	assert_int_equal(read_csv("a,b\n", want, 1, &r), ERR_OK);
	assert_int_equal(r.n, 0);
	rows_free(&r);
	assert_int_equal(read_csv("a,b\n1,2", want, 1, &r), ERR_OK);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.f[0][0], "1");
	rows_free(&r);
}

static void test_crlf_line_endings(void **state)
{
	(void)state;
	/* RFC 4180 records end with CRLF */
	static const char *const want[] = {"b", "a"};
	struct rows r;
	assert_int_equal(read_csv("a,b\r\n1,2\r\n3,4\r\n", want, 2, &r), ERR_OK);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.f[0][0], "2");
	assert_string_equal(r.f[0][1], "1");
	assert_string_equal(r.f[1][0], "4");
	assert_string_equal(r.f[1][1], "3");
	rows_free(&r);
}

static void test_empty_fields(void **state)
{
	(void)state;
	static const char *const want[] = {"a", "b", "c"};
	struct rows r;
	assert_int_equal(read_csv("a,b,c\n,,\n\"\",x,\"\"\n", want, 3, &r), ERR_OK);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.f[0][0], "");
	assert_string_equal(r.f[0][1], "");
	assert_string_equal(r.f[0][2], "");
	assert_string_equal(r.f[1][0], "");
	assert_string_equal(r.f[1][1], "x");
	assert_string_equal(r.f[1][2], "");
	rows_free(&r);
}

/* ---- quoting ---- */

static void test_quoted_fields(void **state)
{
	(void)state;
	static const char *const want[] = {"name", "note"};
	const char *data = "name,note\n"
			   "\"Bucks, Berks and Oxon\",\"He said \"\"hi\"\"\"\n"
			   "\"two\nlines\",plain\n"
			   "\"\"\"\",\"a,\"\"b\"\",\nc\"\n"
			   "caf\xC3\xA9,\"\xE2\x80\x93\"\n";
	struct rows r;
	assert_int_equal(read_csv(data, want, 2, &r), ERR_OK);
	assert_int_equal(r.n, 4);
	assert_string_equal(r.f[0][0], "Bucks, Berks and Oxon");
	assert_string_equal(r.f[0][1], "He said \"hi\"");
	assert_string_equal(r.f[1][0], "two\nlines");
	assert_string_equal(r.f[1][1], "plain");
	assert_string_equal(r.f[2][0], "\"");
	assert_string_equal(r.f[2][1], "a,\"b\",\nc");
	assert_string_equal(r.f[3][0], "caf\xC3\xA9");
	assert_string_equal(r.f[3][1], "\xE2\x80\x93");
	/* line is the record number: a newline inside quotes does not count */
	assert_int_equal(r.line[0], 2);
	assert_int_equal(r.line[1], 3);
	assert_int_equal(r.line[2], 4);
	assert_int_equal(r.line[3], 5);
	rows_free(&r);
}

static void test_quoted_header(void **state)
{
	(void)state;
	static const char *const want[] = {"phase, key stage"};
	struct rows r;
	assert_int_equal(read_csv("id,\"phase, key stage\"\n1,Primary\n", want, 1, &r), ERR_OK);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.f[0][0], "Primary");
	rows_free(&r);
}

/* ---- errors ---- */

static void test_missing_column(void **state)
{
	(void)state;
	static const char *const want[] = {"a", "region"};
	struct rows r;
	assert_int_equal(read_csv("a,b\n1,2\n", want, 2, &r), ERR_INVALID);
	assert_int_equal(r.n, 0);
	if (!strstr(msg, "region"))
		fail_msg("message does not name the column: %s", msg);
	rows_free(&r);
}

static void test_column_names_exact(void **state)
{
	(void)state;
	/* no case folding, no trimming, no prefix match */
	static const char *const want1[] = {"Code"};
	static const char *const want2[] = {"cod"};
	struct rows r;
	assert_int_equal(read_csv("code,name\nX,Y\n", want1, 1, &r), ERR_INVALID);
	rows_free(&r);
	assert_int_equal(read_csv("code,name\nX,Y\n", want2, 1, &r), ERR_INVALID);
	rows_free(&r);
}

static void test_short_row(void **state)
{
	(void)state;
	static const char *const want[] = {"a", "c"};
	struct rows r;
	assert_int_equal(read_csv("a,b,c\n1,2,3\n4,5\n7,8,9\n", want, 2, &r), ERR_INVALID);
	if (!strstr(msg, "line 3"))
		fail_msg("message does not name line 3: %s", msg);
	/* the good row before was delivered; nothing after the bad one */
	assert_int_equal(r.n, 1);
	assert_string_equal(r.f[0][1], "3");
	rows_free(&r);
}

static void test_short_row_after_multiline_record(void **state)
{
	(void)state;
	static const char *const want[] = {"a", "b"};
	struct rows r;
	assert_int_equal(read_csv("a,b\n\"x\ny\",1\nonly\n", want, 2, &r), ERR_INVALID);
	if (!strstr(msg, "line 3"))
		fail_msg("message does not name record 3: %s", msg);
	rows_free(&r);
}

static void test_unterminated_quote(void **state)
{
	(void)state;
	static const char *const want[] = {"a"};
	struct rows r;
	assert_int_equal(read_csv("a,b\n\"1,2\n3,4\n", want, 1, &r), ERR_INVALID);
	assert_true(msg[0] != '\0');
	rows_free(&r);
	assert_int_equal(read_csv("a,b\n1,\"2", want, 1, &r), ERR_INVALID);
	rows_free(&r);
}

static void test_stray_quote(void **state)
{
	(void)state;
	/* RFC 4180: a quote inside an unquoted field, or text after a closing
	 * quote, is malformed */
	static const char *const want[] = {"a"};
	struct rows r;
	assert_int_equal(read_csv("a,b\n\"x\"y,2\n", want, 1, &r), ERR_INVALID);
	rows_free(&r);
}

static void test_callback_error_propagates(void **state)
{
	(void)state;
	static const char *const want[] = {"a"};
	struct rows r;
	memset(&r, 0, sizeof(r));
	r.nwant = 1;
	r.fail_at = 2;
	r.fail_with = ERR_CONFLICT;
	const char *data = "a\n1\n2\n3\n4\n";
	memset(msg, 0, sizeof(msg));
	assert_int_equal(csv_read(data, strlen(data), want, 1, collect, &r, msg, sizeof(msg)),
			 ERR_CONFLICT);
	/* reading stopped at the failing row */
	assert_int_equal(r.n, 2);
	rows_free(&r);
}

static void test_callback_db_error_propagates(void **state)
{
	(void)state;
	static const char *const want[] = {"a"};
	struct rows r;
	memset(&r, 0, sizeof(r));
	r.nwant = 1;
	r.fail_at = 1;
	r.fail_with = ERR_DB;
	const char *data = "a\n1\n";
	assert_int_equal(csv_read(data, strlen(data), want, 1, collect, &r, msg, sizeof(msg)),
			 ERR_DB);
	rows_free(&r);
}

static void test_reads_only_len_bytes(void **state)
{
	(void)state;
	static const char *const want[] = {"a"};
	struct rows r;
	memset(&r, 0, sizeof(r));
	r.nwant = 1;
	const char *data = "a\n1\n2\n3\n";
	assert_int_equal(csv_read(data, 6, want, 1, collect, &r, msg, sizeof(msg)), ERR_OK);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.f[1][0], "2");
	rows_free(&r);
}

/* ---- the real GIAS schools file ---- */

#define GIAS "../shared/data/gias/DFE-Digital__register-trainee-teachers/schools.csv"

/* Header: urn,name,town,postcode,lead_school,open_date,close_date (no BOM).
 * Counted independently with
 *   python3 -c "import csv;r=list(csv.reader(open(PATH,encoding='utf-8',newline='')));
 *               print(len(r)-1)"
 * -> 49514 data rows, every one with 7 fields; 1206 with lead_school "true";
 * 22182 with a close_date; 1505 with a comma inside the (quoted) name; the
 * URNs sum to 6813231196; the first row is 100000 "The Aldgate School" and
 * the last 402460 "Ysgol Gymraeg Nant Gwenlli". */
#define GIAS_ROWS 49514
#define GIAS_LEAD 1206
#define GIAS_CLOSED 22182
#define GIAS_NAME_COMMA 1505
#define GIAS_URN_SUM INT64_C(6813231196)

struct gias {
	size_t rows, lead, closed, with_comma;
	int64_t urn_sum;
	size_t last_line;
	char first_name[128], last_name[128];
	bool bad_urn;
};

static enum err gias_row(void *ctx, const char *const *f, size_t line)
{
	struct gias *g = ctx;
	/* f: close_date, urn, lead_school, name */
	char *end;
	long long urn = strtoll(f[1], &end, 10);
	if (*end || urn <= 0)
		g->bad_urn = true;
	g->urn_sum += urn;
	g->lead += !strcmp(f[2], "true");
	g->closed += f[0][0] != '\0';
	g->with_comma += strchr(f[3], ',') != NULL;
	if (g->rows == 0)
		snprintf(g->first_name, sizeof(g->first_name), "%s:%s", f[1], f[3]);
	snprintf(g->last_name, sizeof(g->last_name), "%s:%s", f[1], f[3]);
	g->rows++;
	g->last_line = line;
	return ERR_OK;
}

static void test_gias_schools_file(void **state)
{
	(void)state;
	char path[1024];
	unit_source_path(GIAS, path, sizeof(path));
	size_t len = 0;
	char *data = unit_read_file(path, &len);
	if (!data) {
		fail_msg("cannot read %s (a missing prerequisite is a failure)", path);
		return;
	}
	static const char *const want[] = {"close_date", "urn", "lead_school", "name"};
	struct gias g;
	memset(&g, 0, sizeof(g));
	char m[256] = "";
	enum err e = csv_read(data, len, want, 4, gias_row, &g, m, sizeof(m));
	free(data);
	if (e)
		fail_msg("csv_read: %d: %s", e, m);
	assert_int_equal(g.rows, GIAS_ROWS);
	assert_int_equal(g.last_line, GIAS_ROWS + 1);
	assert_int_equal(g.lead, GIAS_LEAD);
	assert_int_equal(g.closed, GIAS_CLOSED);
	assert_int_equal(g.with_comma, GIAS_NAME_COMMA);
	assert_false(g.bad_urn);
	assert_true(g.urn_sum == GIAS_URN_SUM);
	assert_string_equal(g.first_name, "100000:The Aldgate School");
	assert_string_equal(g.last_name, "402460:Ysgol Gymraeg Nant Gwenlli");
}

/* ---- the writer ---- */

/* What the writer makes of one record of cells, without the BOM. */
static char *written(const char *const *cells, size_t n)
{
	struct buf b = {0};
	struct csv_writer w = csv_writer_on(&b, false);
	csv_row(&w, cells, n);
	return buf_detach(&b, NULL);
}

static void assert_written(const char *const *cells, size_t n, const char *want)
{
	char *got = written(cells, n);
	assert_string_equal(got, want);
	free(got);
}

static void test_writer_quotes_commas_and_newlines(void **state)
{
	(void)state;
	assert_written((const char *[]){"plain", "a,b", "say \"hi\"", "two\nlines", "", NULL}, 6,
		       "\"plain\",\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"\",\"\"\r\n");
	assert_written((const char *[]){"\"\""}, 1, "\"\"\"\"\"\"\r\n"); /* just two quotes */
}

static void test_writer_defuses_formulas(void **state)
{
	(void)state;
	/* each of = + - @ tab CR at the start gets a leading quote; elsewhere, nothing */
	assert_written((const char *[]){"=SUM(A1:A9)", "+44 7700", "-1", "@cmd", "\tx", "\rx", "a=b", "1-2"}, 8,
		       "\"'=SUM(A1:A9)\",\"'+44 7700\",\"'-1\",\"'@cmd\",\"'\tx\",\"'\rx\",\"a=b\",\"1-2\"\r\n");
	/* the quote comes inside the field's own quotes, with doubling still right */
	assert_written((const char *[]){"=\"x\""}, 1, "\"'=\"\"x\"\"\"\r\n");
}

/* A number made from a number is written as it is: its minus sign is no
 * formula's start; places are kept to 0 to 6. */
static void test_writer_numbers(void **state)
{
	(void)state;
	struct buf b = {0};
	struct csv_writer w = csv_writer_on(&b, false);
	csv_cell(&w, "-0.75");
	csv_cell_number(&w, -0.75, 2);
	csv_cell_number(&w, 3.0 + 1.0 / 3.0, 2);
	csv_cell_number(&w, 7.5625, 0);
	csv_cell_number(&w, 1.5, 9);
	csv_row_end(&w);
	char *got = buf_detach(&b, NULL);
	assert_string_equal(got, "\"'-0.75\",\"-0.75\",\"3.33\",\"8\",\"1.500000\"\r\n");
	free(got);
}

static void test_writer_utf8(void **state)
{
	(void)state;
	/* valid UTF-8 passes as it is (2, 3 and 4 bytes); anything else becomes U+FFFD */
	assert_written((const char *[]){"Zo\xc3\xab \xe2\x80\x93 \xf0\x9f\x93\x90"}, 1,
		       "\"Zo\xc3\xab \xe2\x80\x93 \xf0\x9f\x93\x90\"\r\n");
	assert_written((const char *[]){"Caf\xe9", "\xc3", "\xed\xa0\x80"}, 3,
		       "\"Caf\xef\xbf\xbd\",\"\xef\xbf\xbd\",\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"\r\n");
}

static void test_writer_bom_cells_and_rows(void **state)
{
	(void)state;
	struct buf b = {0};
	struct csv_writer w = csv_writer_on(&b, true);
	csv_cell(&w, "a");
	csv_cell(&w, "b");
	csv_row_end(&w);
	csv_cell(&w, "c");
	csv_row_end(&w);
	assert_string_equal(b.data, "\xEF\xBB\xBF\"a\",\"b\"\r\n\"c\"\r\n");
	buf_free(&b);
}

static void test_writer_reads_back(void **state)
{
	(void)state;
	/* what the writer writes, csv_read reads back (less the formula quote) */
	struct buf b = {0};
	struct csv_writer w = csv_writer_on(&b, false);
	csv_row(&w, (const char *[]){"name", "note"}, 2);
	csv_row(&w, (const char *[]){"O'Neil, \"Jo\"", "line one\nline two"}, 2);
	static const char *const want[] = {"note", "name"};
	struct rows r;
	assert_int_equal(read_csv(b.data, want, 2, &r), ERR_OK);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.f[0][0], "line one\nline two");
	assert_string_equal(r.f[0][1], "O'Neil, \"Jo\"");
	rows_free(&r);
	buf_free(&b);
}

int main(void)
{
	log_set_quiet(1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns_by_name_any_order),
		cmocka_unit_test(test_same_column_twice),
		cmocka_unit_test(test_header_only_and_no_final_newline),
		cmocka_unit_test(test_crlf_line_endings),
		cmocka_unit_test(test_empty_fields),
		cmocka_unit_test(test_quoted_fields),
		cmocka_unit_test(test_quoted_header),
		cmocka_unit_test(test_missing_column),
		cmocka_unit_test(test_column_names_exact),
		cmocka_unit_test(test_short_row),
		cmocka_unit_test(test_short_row_after_multiline_record),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_stray_quote),
		cmocka_unit_test(test_callback_error_propagates),
		cmocka_unit_test(test_callback_db_error_propagates),
		cmocka_unit_test(test_reads_only_len_bytes),
		cmocka_unit_test(test_gias_schools_file),
		cmocka_unit_test(test_writer_quotes_commas_and_newlines),
		cmocka_unit_test(test_writer_defuses_formulas),
		cmocka_unit_test(test_writer_numbers),
		cmocka_unit_test(test_writer_utf8),
		cmocka_unit_test(test_writer_bom_cells_and_rows),
		cmocka_unit_test(test_writer_reads_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
