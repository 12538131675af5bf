/*
 * test_csv_stream.c - the streaming CSV reader (core/csv.h csv_stream_*):
 * columns picked by the header callback, pieces of any size (one byte at a
 * time gives what the whole gives), the line each record starts on (line
 * breaks inside quoted fields counted), ragged rows (extra fields kept,
 * short rows seen as such), blank lines, lenient quotes, errors with their
 * messages; and the real GIAS website download in ../shared/data, whose
 * "Linked establishments" spills into extra fields.
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

#define MAX_RECS 16

/* What the callbacks saw: each record as "line|nfields|slot0|slot1|+extra..." */
struct seen {
	const char *want[2]; /* the columns for slots 0 and 1 */
	size_t n;
	char rec[MAX_RECS][160];
	size_t fail_at;      /* the record (1-based) whose callback fails; 0: none */
	struct csv_stream *s;
};

static enum err header(void *ctx, const char *const *names, size_t n, int *slot, char *msg, size_t msglen)
{
	struct seen *sn = ctx;
	for (int w = 0; w < 2; w++) {
		size_t k = 0;
		while (k < n && strcmp(names[k], sn->want[w]))
			k++;
		if (k == n) {
			snprintf(msg, msglen, "line 1: no %s", sn->want[w]);
			return ERR_INVALID;
		}
		slot[k] = w;
	}
	return ERR_OK;
}

static enum err record(void *ctx, const struct csv_stream_record *r)
{
	struct seen *sn = ctx;
	size_t i = sn->n++;
	if (sn->fail_at && sn->n == sn->fail_at) {
		csv_stream_fail(sn->s, "line %zu: no thanks", r->line);
		return ERR_INVALID;
	}
	if (i >= MAX_RECS)
		return ERR_OK;
	int len = snprintf(sn->rec[i], sizeof(sn->rec[i]), "%zu|%zu|%s|%s", r->line, r->nfields, r->fields[0],
			   r->fields[1]);
	for (size_t k = 0; k < r->nextra && len < (int)sizeof(sn->rec[i]); k++)
		len += snprintf(sn->rec[i] + len, sizeof(sn->rec[i]) - (size_t)len, "|+%s", r->extra[k]);
	return ERR_OK;
}

/* Reads data in pieces of the given size (0: whole); returns the error. */
static enum err read_in(struct seen *sn, const char *data, size_t piece, char *msg, size_t msglen)
{
	struct csv_stream *s = csv_stream_new(2, header, record, sn);
	sn->s = s;
	size_t n = strlen(data);
	enum err e = ERR_OK;
	if (!piece)
		piece = n ? n : 1;
	for (size_t at = 0; at < n && !e; at += piece)
		e = csv_stream_feed(s, data + at, at + piece <= n ? piece : n - at);
	if (!e)
		e = csv_stream_end(s);
	snprintf(msg, msglen, "%s", csv_stream_message(s));
	csv_stream_free(s);
	return e;
}

static struct seen reading(const char *a, const char *b)
{
	struct seen sn;
	memset(&sn, 0, sizeof(sn));
	sn.want[0] = a;
	sn.want[1] = b;
	return sn;
}

static void test_columns_lines_and_pieces(void **state)
{
	(void)state;
	/* a quoted field with two line breaks: the next record starts on line 5 */
	const char *data = "a,b,c\r\n1,2,3\r\n\"x\ny\nz\",5,6\r\n7,8,9";
	for (size_t piece = 0; piece <= 3; piece++) {
		struct seen sn = reading("c", "a");
		char msg[256];
		assert_int_equal(read_in(&sn, data, piece, msg, sizeof(msg)), ERR_OK);
		assert_int_equal(sn.n, 3);
		assert_string_equal(sn.rec[0], "2|3|3|1");
		assert_string_equal(sn.rec[1], "3|3|6|x\ny\nz");
		assert_string_equal(sn.rec[2], "6|3|9|7");
		assert_string_equal(msg, "");
	}
}

static void test_ragged_rows(void **state)
{
	(void)state;
	struct seen sn = reading("a", "c");
	char msg[256];
	assert_int_equal(read_in(&sn, "a,b,c\n1,2,3,x,y\n4\n5,6,7,\n", 0, msg, sizeof(msg)), ERR_OK);
	assert_int_equal(sn.n, 3);
	assert_string_equal(sn.rec[0], "2|5|1|3|+x|+y");
	assert_string_equal(sn.rec[1], "3|1|4|"); /* short: the missing column reads "" */
	assert_string_equal(sn.rec[2], "4|4|5|7|+");
}

static void test_blank_lines_and_lf(void **state)
{
	(void)state;
	struct seen sn = reading("a", "b");
	char msg[256];
	assert_int_equal(read_in(&sn, "a,b\n\n1,2\n\n\n3,4\n", 1, msg, sizeof(msg)), ERR_OK);
	assert_int_equal(sn.n, 2);
	assert_string_equal(sn.rec[0], "3|2|1|2");
	assert_string_equal(sn.rec[1], "6|2|3|4");
}

/* Old Mac files end lines with a bare CR: each record still on its own line. */
static void test_bare_cr(void **state)
{
	(void)state;
	struct seen sn = reading("a", "b");
	char msg[256];
	assert_int_equal(read_in(&sn, "a,b\r1,2\r3,4\r\n5,6", 0, msg, sizeof(msg)), ERR_OK);
	assert_int_equal(sn.n, 3);
	assert_string_equal(sn.rec[0], "2|2|1|2");
	assert_string_equal(sn.rec[1], "3|2|3|4");
	assert_string_equal(sn.rec[2], "4|2|5|6");
}

static void test_lenient_quotes(void **state)
{
	(void)state;
	/* a quote inside an unquoted field is text; quoted fields keep their spaces */
	struct seen sn = reading("a", "b");
	char msg[256];
	assert_int_equal(read_in(&sn, "a,b\nSt \"Mary\",\" x \"\n", 0, msg, sizeof(msg)), ERR_OK);
	assert_int_equal(sn.n, 1);
	assert_string_equal(sn.rec[0], "2|2|St \"Mary\"| x ");
}

static void test_errors(void **state)
{
	(void)state;
	char msg[256];
	struct seen sn = reading("a", "zz");
	assert_int_equal(read_in(&sn, "a,b\n1,2\n", 0, msg, sizeof(msg)), ERR_INVALID);
	assert_string_equal(msg, "line 1: no zz");
	assert_int_equal(sn.n, 0);

	sn = reading("a", "b");
	assert_int_equal(read_in(&sn, "", 0, msg, sizeof(msg)), ERR_INVALID);
	assert_string_equal(msg, "the file is empty");

	/* a record's error stops the reading: later records never arrive */
	sn = reading("a", "b");
	sn.fail_at = 2;
	assert_int_equal(read_in(&sn, "a,b\n1,2\n3,4\n5,6\n", 1, msg, sizeof(msg)), ERR_INVALID);
	assert_string_equal(msg, "line 3: no thanks");
	assert_int_equal(sn.n, 2);
}

/* Reads n bytes (NULs allowed) in pieces; *fed: the bytes fed when the
 * reading stopped (all of them when it did not). */
static enum err read_bytes(struct seen *sn, const char *data, size_t n, size_t piece, size_t *fed, char *msg,
			   size_t msglen)
{
	struct csv_stream *s = csv_stream_new(2, header, record, sn);
	sn->s = s;
	enum err e = ERR_OK;
	size_t at = 0;
	for (; at < n && !e; at += piece)
		e = csv_stream_feed(s, data + at, at + piece <= n ? piece : n - at);
	if (fed)
		*fed = at < n ? at : n;
	if (!e)
		e = csv_stream_end(s);
	snprintf(msg, msglen, "%s", csv_stream_message(s));
	csv_stream_free(s);
	return e;
}

/* A NUL byte would cut the value it is in short (every C string ends
 * there): the file is refused with its line, whatever the pieces. */
static void test_nul_refused(void **state)
{
	(void)state;
	static const char data[] = "a,b\r\n1,2\r\n\"Web\0sites\",3\r\n4,5\r\n";
	for (size_t piece = 1; piece <= sizeof(data); piece += 5) {
		struct seen sn = reading("a", "b");
		char msg[256];
		assert_int_equal(read_bytes(&sn, data, sizeof(data) - 1, piece, NULL, msg, sizeof(msg)), ERR_INVALID);
		assert_string_equal(msg, "line 3 has a NUL byte (a character of code 0): this is not a CSV text file");
		assert_true(sn.n <= 1); /* never the row it is in */
	}
}

/* A record that grows past CSV_STREAM_MAX_RECORD is refused as it grows,
 * not read whole first: one long field, a quoted field of line breaks, a
 * header; blank lines between records are not a record, and a file whose
 * lines end with a bare CR is not one long record. */
static void test_record_too_long(void **state)
{
	(void)state;
	size_t big = 3u << 20, piece = 65536, fed;
	char *data = malloc(big + 64);
	assert_non_null(data);
	char msg[256];
	const char *heads[] = {"a,b\n1,2\n3,", "a,b\n1,2\n\"", "a,"};
	const char fill[] = {'x', '\n', 'b'};
	const char *want[] = {"line 3: the row is longer than 1 MB: no file this service reads has rows that long",
			      "line 3: the row is longer than 1 MB: no file this service reads has rows that long",
			      "line 1: the row is longer than 1 MB: no file this service reads has rows that long"};
	for (size_t i = 0; i < 3; i++) {
		size_t h = strlen(heads[i]);
		memcpy(data, heads[i], h);
		memset(data + h, fill[i], big - h);
		struct seen sn = reading("a", "b");
		assert_int_equal(read_bytes(&sn, data, big, piece, &fed, msg, sizeof(msg)), ERR_INVALID);
		assert_string_equal(msg, want[i]);
		assert_true(fed <= CSV_STREAM_MAX_RECORD + piece); /* stopped as soon as it was over */
		assert_int_equal(sn.n, i < 2 ? 1 : 0);
	}

	/* 2 MB of blank lines, then a record; and 2 MB of records ended by a bare CR */
	size_t k = 0;
	k += (size_t)snprintf(data, 64, "a,b\n1,2\n");
	memset(data + k, '\n', 2u << 20);
	k += 2u << 20;
	memcpy(data + k, "3,4\n", 4);
	k += 4;
	struct seen sn = reading("a", "b");
	assert_int_equal(read_bytes(&sn, data, k, piece, NULL, msg, sizeof(msg)), ERR_OK);
	assert_int_equal(sn.n, 2);
	assert_string_equal(sn.rec[1], "2097155|2|3|4");
	k = (size_t)snprintf(data, 64, "a,b\r");
	while (k + 4 <= (2u << 20))
		k += (size_t)snprintf(data + k, 8, "1,2\r");
	sn = reading("a", "b");
	assert_int_equal(read_bytes(&sn, data, k, piece, NULL, msg, sizeof(msg)), ERR_OK);
	assert_true(sn.n > 500000);
	free(data);
}

/* ---- the GIAS website's download ---- */

#define DOWNLOAD "../shared/data/gias/clarelgibson__2022-school-admissions-dashboard/20220420_gias.csv"

struct count {
	size_t records, spill[4], last_line, linked_nonempty;
	int64_t urn_sum;
};

static enum err dl_header(void *ctx, const char *const *names, size_t n, int *slot, char *msg, size_t msglen)
{
	(void)ctx, (void)msg, (void)msglen;
	for (size_t k = 0; k < n; k++) {
		if (!strcmp(names[k], "URN"))
			slot[k] = 0;
		if (!strcmp(names[k], "Linked establishments"))
			slot[k] = 1;
	}
	return n == 111 ? ERR_OK : ERR_INVALID;
}

static enum err dl_record(void *ctx, const struct csv_stream_record *r)
{
	struct count *c = ctx;
	c->records++;
	if (r->nextra < 4)
		c->spill[r->nextra]++;
	c->urn_sum += strtoll(r->fields[0], NULL, 10);
	c->linked_nonempty += strcmp(r->fields[1], "Does not have links") != 0;
	c->last_line = r->line;
	return r->nfields == r->ncolumns + r->nextra ? ERR_OK : ERR_INVALID;
}

static void test_gias_download(void **state)
{
	(void)state;
	char path[1024];
	unit_source_path(DOWNLOAD, path, sizeof(path));
	size_t len;
	char *data = unit_read_file(path, &len);
	if (!data) {
		fail_msg("cannot read %s (a missing prerequisite is a failure)", path);
		return;
	}
	/* counted independently with Python's csv module: 1096 data rows, of
	 * which 1027 have the header's 111 fields, 45 have 112, 23 have 113
	 * and 1 has 114; 502 have links; the URNs sum to 137199841; no line
	 * breaks inside fields */
	struct count c;
	memset(&c, 0, sizeof(c));
	struct csv_stream *s = csv_stream_new(2, dl_header, dl_record, &c);
	enum err e = ERR_OK;
	for (size_t at = 0; at < len && !e; at += 65536)
		e = csv_stream_feed(s, data + at, at + 65536 <= len ? 65536 : len - at);
	if (!e)
		e = csv_stream_end(s);
	if (e)
		fail_msg("%s", csv_stream_message(s));
	csv_stream_free(s);
	free(data);
	assert_int_equal(c.records, 1096);
	assert_int_equal(c.last_line, 1097);
	assert_int_equal(c.spill[0], 1027);
	assert_int_equal(c.spill[1], 45);
	assert_int_equal(c.spill[2], 23);
	assert_int_equal(c.spill[3], 1);
	assert_int_equal(c.linked_nonempty, 502);
	assert_true(c.urn_sum == INT64_C(137199841));
}

int main(void)
{
	log_set_quiet(1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns_lines_and_pieces),
		cmocka_unit_test(test_ragged_rows),
		cmocka_unit_test(test_blank_lines_and_lf),
		cmocka_unit_test(test_bare_cr),
		cmocka_unit_test(test_lenient_quotes),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_nul_refused),
		cmocka_unit_test(test_record_too_long),
		cmocka_unit_test(test_gias_download),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
