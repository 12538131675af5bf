/*
 * test_encoding.c - which encoding a file is in and Windows-1252 to UTF-8
 * (core/encoding.h), a file not UTF-8 throughout read a line at a time,
 * cutting UTF-8 between characters (core/utf8.h), and the string hash
 * table (core/strmap.h).
 *
 * Expected values: the Windows-1252 table of the Unicode Consortium
 * (MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1252.TXT: 0x80-0x9F as below, five
 * bytes undefined, 0xA0-0xFF = U+00A0-U+00FF) and RFC 3629 for UTF-8.
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

#include "core/arena.h"
#include "core/buf.h"
#include "core/encoding.h"
#include "core/log.h"
#include "core/strmap.h"
#include "core/utf8.h"

static void test_boms(void **state)
{
	(void)state;
	assert_int_equal(encoding_bom_len("\xEF\xBB\xBFURN", 6), 3);
	assert_int_equal(encoding_bom_len("\xEF\xBB", 2), 0);
	assert_int_equal(encoding_bom_len("URN", 3), 0);
	assert_true(encoding_utf16_bom("\xFF\xFEU\0", 4));
	assert_true(encoding_utf16_bom("\xFE\xFF\0U", 4));
	assert_false(encoding_utf16_bom("\xEF\xBB\xBF", 3));
}

/* Feeds s in pieces cut at the given offsets; returns utf8_check_ok. */
static bool check_cut(const char *s, const size_t *cuts, size_t ncuts)
{
	struct utf8_check c = {0};
	size_t at = 0, n = strlen(s);
	for (size_t i = 0; i <= ncuts; i++) {
		size_t to = i < ncuts ? cuts[i] : n;
		utf8_check_feed(&c, s + at, to - at);
		at = to;
	}
	return utf8_check_ok(&c);
}

static void test_utf8_check_across_pieces(void **state)
{
	(void)state;
	/* "Caf\xC3\xA9 \xE2\x82\xAC" = "Café €": every cut point gives valid */
	const char *ok = "Caf\xC3\xA9 \xE2\x82\xAC\xF0\x9F\x98\x80";
	for (size_t cut = 0; cut <= strlen(ok); cut++)
		assert_true(check_cut(ok, (size_t[]){cut}, 1));
	/* cut into three pieces inside the 4-byte sequence */
	assert_true(check_cut(ok, (size_t[]){11, 12, 13}, 3));
	/* Windows-1252 "Café": a lone 0xE9, wherever the cut */
	const char *bad = "Caf\xE9 school";
	for (size_t cut = 0; cut <= strlen(bad); cut++)
		assert_false(check_cut(bad, (size_t[]){cut}, 1));
	/* a sequence left cut at the end of the file */
	assert_false(check_cut("abc\xE2\x82", NULL, 0));
	/* overlong, surrogate, bad continuation after a cut */
	assert_false(check_cut("\xC0\x80", NULL, 0));
	assert_false(check_cut("\xED\xA0\x80", NULL, 0));
	assert_false(check_cut("\xE2\x82z", (size_t[]){1}, 1));
	assert_true(check_cut("", NULL, 0));
}

static void test_detect(void **state)
{
	(void)state;
	assert_int_equal(encoding_detect("URN,Name\n1,Caf\xC3\xA9\n", 18), ENC_UTF8);
	assert_int_equal(encoding_detect("URN,Name\n1,Caf\xE9\n", 17), ENC_CP1252);
	assert_int_equal(encoding_detect("\xEF\xBB\xBFURN", 6), ENC_UTF8);
	assert_int_equal(encoding_detect("\xFF\xFEU\0R\0", 6), ENC_UTF16);
	/* one bad byte at the very end makes the whole file Windows-1252 */
	assert_int_equal(encoding_detect("\xC3\xA9\xC3\xA9\x92", 5), ENC_CP1252);
	assert_string_equal(encoding_name(ENC_CP1252), "Windows-1252");
}

/* The UTF-8 of code point cp, in out (5 bytes). */
static void utf8_of(unsigned cp, char out[5])
{
	if (cp < 0x80) {
		out[0] = (char)cp, out[1] = 0;
	} else if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6), out[1] = (char)(0x80 | (cp & 0x3F)), out[2] = 0;
	} else {
		out[0] = (char)(0xE0 | cp >> 12), out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F)), out[3] = 0;
	}
}

static void test_cp1252_table(void **state)
{
	(void)state;
	/* CP1252.TXT, 0x80..0x9F; 0xFFFD where the table has no character */
	static const unsigned high[32] = {
		0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
		0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
		0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
	};
	struct cp1252 *c = cp1252_new();
	for (unsigned b = 1; b < 256; b++) {
		char in = (char)b, want[5];
		utf8_of(b < 0x80 ? b : b < 0xA0 ? high[b - 0x80] : b, want);
		struct buf out = {0};
		cp1252_to_utf8(c, &in, 1, &out);
		if (strcmp(out.data, want))
			fail_msg("byte 0x%02X gave %s", b, out.data);
		buf_free(&out);
	}
	/* a name as GIAS publishes it, converted in pieces: St Mary’s, Prévert, à, € */
	const char *name = "St Mary\x92s \x96 Pr\xE9vert \xE0 \x80\x35";
	struct buf out = {0};
	for (size_t i = 0; name[i]; i += 3)
		cp1252_to_utf8(c, name + i, strlen(name + i) < 3 ? strlen(name + i) : 3, &out);
	assert_string_equal(out.data, "St Mary\xE2\x80\x99s \xE2\x80\x93 Pr\xC3\xA9vert \xC3\xA0 \xE2\x82\xAC" "5");
	buf_free(&out);
	cp1252_free(c);
}

/* A file that is not UTF-8 throughout, a line at a time: a UTF-8 line is
 * kept, a Windows-1252 line converted, whatever the pieces; the lines past
 * ASCII counted by their encoding, with their numbers (LF lines). */
static void test_line_decoder(void **state)
{
	(void)state;
	const char *text = "URN,Name\r\n"
			   "1,Caf\xC3\xA9 UTF-8 \xE2\x80\x99\r\n"   /* 2: UTF-8 */
			   "2,Caf\xE9 Windows \x92\r\n"                 /* 3: Windows-1252 */
			   "3,\"Two\rlines \xE9\"\n"                     /* 4: a bare CR, then Windows-1252 */
			   "4,Na\xC3\xAFve";                              /* 5: UTF-8, no line break at the end */
	const char *want = "URN,Name\r\n"
			   "1,Caf\xC3\xA9 UTF-8 \xE2\x80\x99\r\n"
			   "2,Caf\xC3\xA9 Windows \xE2\x80\x99\r\n"
			   "3,\"Two\rlines \xC3\xA9\"\n"
			   "4,Na\xC3\xAFve";
	size_t n = strlen(text);
	for (size_t piece = 1; piece <= n; piece++) {
		struct line_decoder d;
		line_decoder_init(&d);
		struct buf out = {0};
		for (size_t at = 0; at < n; at += piece)
			line_decoder_feed(&d, text + at, at + piece <= n ? piece : n - at, &out);
		line_decoder_end(&d, &out);
		if (strcmp(out.data, want))
			fail_msg("in pieces of %zu: %s", piece, out.data);
		assert_int_equal(d.utf8, 2);
		assert_int_equal(d.first_utf8[0], 2);
		assert_int_equal(d.first_utf8[1], 5);
		assert_int_equal(d.cp1252, 2);
		assert_int_equal(d.first_cp1252[0], 3);
		assert_int_equal(d.first_cp1252[1], 4);
		buf_free(&out);
		line_decoder_free(&d);
	}

	/* a whole file: each line in its own encoding, not the whole as Windows-1252 */
	struct arena *a = arena_new();
	size_t len;
	enum charset cs;
	const char *got = charset_to_utf8(a, text, n, &len, &cs);
	assert_int_equal(cs, CHARSET_WINDOWS_1252);
	assert_string_equal(got, want);
	assert_int_equal(len, strlen(want));
	arena_free(a);
}

static void test_utf8_cut(void **state)
{
	(void)state;
	const char *s = "Caf\xC3\xA9s"; /* 6 bytes, 5 characters */
	assert_int_equal(utf8_cut(s, 10), 6);
	assert_int_equal(utf8_cut(s, 6), 6);
	assert_int_equal(utf8_cut(s, 5), 5);
	assert_int_equal(utf8_cut(s, 4), 3); /* not between the two bytes of the é */
	assert_int_equal(utf8_cut(s, 3), 3);
	assert_int_equal(utf8_cut("\xE2\x80\x99", 2), 0);
	assert_int_equal(utf8_chars(s, 6), 5);
	assert_int_equal(utf8_chars("", 0), 0);
}

static void test_strmap(void **state)
{
	(void)state;
	struct strmap m = {0};
	assert_null(strmap_get(&m, "x"));
	static char keys[5000][8];
	static int vals[5000];
	for (int i = 0; i < 5000; i++) {
		snprintf(keys[i], sizeof(keys[i]), "%d", 100000 + i);
		vals[i] = i;
		strmap_put(&m, keys[i], &vals[i]);
	}
	assert_int_equal(m.n, 5000);
	for (int i = 0; i < 5000; i++) {
		char k[8];
		snprintf(k, sizeof(k), "%d", 100000 + i);
		int *v = strmap_get(&m, k);
		assert_non_null(v);
		assert_int_equal(*v, i);
	}
	assert_null(strmap_get(&m, "99999"));
	strmap_put(&m, keys[7], &vals[9]); /* replaces */
	assert_int_equal(m.n, 5000);
	assert_int_equal(*(int *)strmap_get(&m, "100007"), 9);
	strmap_free(&m);
	assert_null(strmap_get(&m, "100007"));
}

int main(void)
{
	log_set_quiet(1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boms),
		cmocka_unit_test(test_utf8_check_across_pieces),
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_cp1252_table),
		cmocka_unit_test(test_line_decoder),
		cmocka_unit_test(test_utf8_cut),
		cmocka_unit_test(test_strmap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
