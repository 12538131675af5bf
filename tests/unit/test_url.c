/*
 * test_url.c - strict percent-decoding and request-target parsing
 * (core/url.h) and UTF-8 validation (core/utf8.h).
 *
 * Expected values: RFC 3986 (percent-encoding, hex digits in either case),
 * the application/x-www-form-urlencoded rules ('+' is a space in a query),
 * and RFC 3629 (valid UTF-8: no overlongs, no surrogates, <= U+10FFFF).
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
#include "core/buf.h"
#include "core/log.h"
#include "core/url.h"
#include "core/utf8.h"

static int setup(void **state)
{
	*state = arena_new();
	return 0;
}

static int teardown(void **state)
{
	arena_free(*state);
	return 0;
}

static enum err decode(struct arena *a, const char *s, bool plus, char **out)
{
	*out = NULL;
	return url_decode(a, s, strlen(s), plus, out);
}

static void check_decode(struct arena *a, const char *in, bool plus, const char *expected)
{
	char *out;
	enum err e = decode(a, in, plus, &out);
	if (e != ERR_OK)
		fail_msg("url_decode(\"%s\") failed: %d", in, e);
	assert_string_equal(out, expected);
}

static void check_decode_invalid(struct arena *a, const char *in, bool plus)
{
	char *out;
	enum err e = decode(a, in, plus, &out);
	if (e != ERR_INVALID)
		fail_msg("url_decode(\"%s\") gave %d, expected ERR_INVALID", in, e);
}

/* ---- url_decode ---- */

static void test_decode_plain(void **state)
{
	struct arena *a = *state;
	check_decode(a, "", false, "");
	check_decode(a, "/hubs/SW4", false, "/hubs/SW4");
	check_decode(a, "AZaz09-._~", true, "AZaz09-._~");
}

static void test_decode_escapes_upper_and_lower(void **state)
{
	struct arena *a = *state;
	check_decode(a, "%41%62", false, "Ab");
	check_decode(a, "a%2fb%2Fc", false, "a/b/c");
	check_decode(a, "%3c%3E%26%25", false, "<>&%");
	check_decode(a, "caf%C3%A9", false, "caf\xC3\xA9");
	check_decode(a, "caf%c3%a9", false, "caf\xC3\xA9");
	check_decode(a, "%E2%82%AC", false, "\xE2\x82\xAC");
	check_decode(a, "%f0%9f%98%80", false, "\xF0\x9F\x98\x80");
	check_decode(a, "%20", false, " ");
	check_decode(a, "%7E%7e", false, "~~");
	/* a decoded '%' is not decoded again */
	check_decode(a, "%2541", false, "%41");
}

static void test_decode_plus(void **state)
{
	struct arena *a = *state;
	check_decode(a, "Work+Group", true, "Work Group");
	check_decode(a, "Work+Group", false, "Work+Group");
	check_decode(a, "a%2Bb", true, "a+b");
	check_decode(a, "a%2Bb", false, "a+b");
	check_decode(a, "++", true, "  ");
}

static void test_decode_literal_utf8_passes(void **state)
{
	struct arena *a = *state;
	check_decode(a, "caf\xC3\xA9", false, "caf\xC3\xA9");
}

static void test_decode_bad_escapes(void **state)
{
	struct arena *a = *state;
	check_decode_invalid(a, "%zz", false);
	check_decode_invalid(a, "%4", false);
	check_decode_invalid(a, "%", false);
	check_decode_invalid(a, "abc%", true);
	check_decode_invalid(a, "abc%4", true);
	check_decode_invalid(a, "%G1", false);
	check_decode_invalid(a, "%1G", false);
	check_decode_invalid(a, "%-1", false);
	check_decode_invalid(a, "% 1", false);
	check_decode_invalid(a, "%%41", false);
	check_decode_invalid(a, "ok%zzok", true);
}

static void test_decode_nul(void **state)
{
	struct arena *a = *state;
	check_decode_invalid(a, "%00", false);
	check_decode_invalid(a, "a%00b", true);
	/* a literal NUL inside the n bytes */
	char *out = NULL;
	assert_int_equal(url_decode(a, "a\0b", 3, false, &out), ERR_INVALID);
}

static void test_decode_invalid_utf8(void **state)
{
	struct arena *a = *state;
	check_decode_invalid(a, "%C0%AF", false);       /* overlong '/' */
	check_decode_invalid(a, "%c0%af", false);
	check_decode_invalid(a, "%E0%80%AF", false);    /* 3-byte overlong */
	check_decode_invalid(a, "%ED%A0%80", false);    /* surrogate U+D800 */
	check_decode_invalid(a, "%F4%90%80%80", false); /* U+110000 */
	check_decode_invalid(a, "%80", false);          /* lone continuation */
	check_decode_invalid(a, "%C3", false);          /* truncated é */
	check_decode_invalid(a, "%E2%82", true);        /* truncated € */
	check_decode_invalid(a, "%FF", false);
	check_decode_invalid(a, "caf\xC3", false);      /* literal, truncated */
	check_decode_invalid(a, "\xC0\xAF", false);     /* literal overlong */
}

static void test_decode_reads_only_n_bytes(void **state)
{
	struct arena *a = *state;
	char *out = NULL;
	assert_int_equal(url_decode(a, "abcdef", 3, false, &out), ERR_OK);
	assert_string_equal(out, "abc");
	/* "%41" cut to "%4" is a bad escape, even though the byte after is '1' */
	assert_int_equal(url_decode(a, "%41", 2, false, &out), ERR_INVALID);
	assert_int_equal(url_decode(a, "x%", 2, false, &out), ERR_INVALID);
	assert_int_equal(url_decode(a, "anything", 0, false, &out), ERR_OK);
	assert_string_equal(out, "");
}

/* ---- url_parse_target ---- */

struct target {
	char *path;
	struct url_param *params;
	size_t n;
};

static enum err parse(struct arena *a, const char *t, size_t max, struct target *r)
{
	r->path = NULL;
	r->params = NULL;
	r->n = 99;
	return url_parse_target(a, t, max, &r->path, &r->params, &r->n);
}

static void check_param(const struct target *r, size_t i, const char *name, const char *value)
{
	assert_true(i < r->n);
	assert_non_null(r->params[i].name);
	assert_non_null(r->params[i].value);
	assert_string_equal(r->params[i].name, name);
	assert_string_equal(r->params[i].value, value);
}

static void test_target_path_only(void **state)
{
	struct arena *a = *state;
	struct target r;
	assert_int_equal(parse(a, "/hubs/SW4", 16, &r), ERR_OK);
	assert_string_equal(r.path, "/hubs/SW4");
	assert_int_equal(r.n, 0);
	assert_int_equal(parse(a, "/", 16, &r), ERR_OK);
	assert_string_equal(r.path, "/");
	assert_int_equal(r.n, 0);
}

static void test_target_path_decoded_without_plus(void **state)
{
	struct arena *a = *state;
	struct target r;
	assert_int_equal(parse(a, "/a%20b/caf%C3%A9", 16, &r), ERR_OK);
	assert_string_equal(r.path, "/a b/caf\xC3\xA9");
	/* '+' is only a space in the query */
	assert_int_equal(parse(a, "/a+b?q=a+b", 16, &r), ERR_OK);
	assert_string_equal(r.path, "/a+b");
	check_param(&r, 0, "q", "a b");
}

static void test_target_empty_query(void **state)
{
	struct arena *a = *state;
	struct target r;
	assert_int_equal(parse(a, "/projects?", 16, &r), ERR_OK);
	assert_string_equal(r.path, "/projects");
	assert_int_equal(r.n, 0);
	assert_int_equal(parse(a, "/projects?&", 16, &r), ERR_OK);
	assert_int_equal(r.n, 0);
}

static void test_target_path_and_query(void **state)
{
	struct arena *a = *state;
	struct target r;
	assert_int_equal(parse(a, "/projects?phase=Post-16&kind=Work+Group&q=caf%C3%A9", 16, &r),
			 ERR_OK);
	assert_string_equal(r.path, "/projects");
	assert_int_equal(r.n, 3);
	check_param(&r, 0, "phase", "Post-16");
	check_param(&r, 1, "kind", "Work Group");
	check_param(&r, 2, "q", "caf\xC3\xA9");
}

static void test_target_repeats_kept_in_order(void **state)
{
	struct arena *a = *state;
	struct target r;
	assert_int_equal(parse(a, "/projects?phase=Primary&kind=Community&phase=Post-16&phase=Secondary",
			       16, &r), ERR_OK);
	assert_int_equal(r.n, 4);
	check_param(&r, 0, "phase", "Primary");
	check_param(&r, 1, "kind", "Community");
	check_param(&r, 2, "phase", "Post-16");
	check_param(&r, 3, "phase", "Secondary");
}

static void test_target_empty_value_and_no_equals(void **state)
{
	struct arena *a = *state;
	struct target r;
	assert_int_equal(parse(a, "/x?a=&b&c=3", 16, &r), ERR_OK);
	assert_int_equal(r.n, 3);
	check_param(&r, 0, "a", "");
	check_param(&r, 1, "b", "");
	check_param(&r, 2, "c", "3");
}

static void test_target_value_with_equals_and_encoded_separators(void **state)
{
	struct arena *a = *state;
	struct target r;
	assert_int_equal(parse(a, "/x?a=b=c&d=%26%3D%3F&e%3D1=2", 16, &r), ERR_OK);
	assert_int_equal(r.n, 3);
	check_param(&r, 0, "a", "b=c");
	check_param(&r, 1, "d", "&=?");
	check_param(&r, 2, "e=1", "2");
}

static void test_target_empty_pairs_skipped(void **state)
{
	struct arena *a = *state;
	struct target r;
	assert_int_equal(parse(a, "/x?a=1&&b=2", 16, &r), ERR_OK);
	assert_int_equal(r.n, 2);
	check_param(&r, 0, "a", "1");
	check_param(&r, 1, "b", "2");
	assert_int_equal(parse(a, "/x?&a=1&", 16, &r), ERR_OK);
	assert_int_equal(r.n, 1);
	check_param(&r, 0, "a", "1");
}

static void test_target_max_params(void **state)
{
	struct arena *a = *state;
	struct target r;
	assert_int_equal(parse(a, "/x?a=1&b=2&c=3", 3, &r), ERR_OK);
	assert_int_equal(r.n, 3);
	assert_int_equal(parse(a, "/x?a=1&b=2&c=3", 2, &r), ERR_INVALID);
	assert_int_equal(parse(a, "/x?a=1&a=1&a=1&a=1", 3, &r), ERR_INVALID);
	assert_int_equal(parse(a, "/x?a", 0, &r), ERR_INVALID);
	assert_int_equal(parse(a, "/x", 0, &r), ERR_OK);
}

static void test_target_empty_pairs_not_counted_against_max(void **state)
{
	/* url.h: "At most max_params parameters are accepted". "a=1&&b=2" holds
	 * two parameters (the empty pair is dropped, as nparams shows), so a
	 * limit of 2 must accept it. */
	struct arena *a = *state;
	struct target r;
	assert_int_equal(parse(a, "/x?a=1&&b=2", 2, &r), ERR_OK);
	assert_int_equal(r.n, 2);
}

static void test_target_malformed(void **state)
{
	struct arena *a = *state;
	struct target r;
	assert_int_equal(parse(a, "/x?a=%zz", 16, &r), ERR_INVALID);
	assert_int_equal(parse(a, "/x?%zz=1", 16, &r), ERR_INVALID);
	assert_int_equal(parse(a, "/x?a=1&b=%4", 16, &r), ERR_INVALID);
	assert_int_equal(parse(a, "/x?a=%", 16, &r), ERR_INVALID);
	assert_int_equal(parse(a, "/x?a=%00", 16, &r), ERR_INVALID);
	assert_int_equal(parse(a, "/x?a=%C0%AF", 16, &r), ERR_INVALID);
	assert_int_equal(parse(a, "/x%zz?a=1", 16, &r), ERR_INVALID);
	assert_int_equal(parse(a, "/x%00", 16, &r), ERR_INVALID);
	assert_int_equal(parse(a, "/%ED%A0%80", 16, &r), ERR_INVALID);
}

/* ---- url_path_join / url_encode_to ---- */

static void test_path_join(void **state)
{
	struct arena *a = *state;
	assert_string_equal(url_path_join(a, "/hubs/", "SW4"), "/hubs/SW4");
	assert_string_equal(url_path_join(a, "/projects/", "NCP24-07a"), "/projects/NCP24-07a");
	assert_string_equal(url_path_join(a, "/hubs/", "a b/c?d#e&f%"),
			    "/hubs/a%20b%2Fc%3Fd%23e%26f%25");
	assert_string_equal(url_path_join(a, "/hubs/", "caf\xC3\xA9"), "/hubs/caf%C3%A9");
	assert_string_equal(url_path_join(a, "/hubs/", ""), "/hubs/");
	assert_string_equal(url_path_join(a, "", ".._~"), ".._~");
}

static void test_url_path(void **state)
{
	struct arena *a = *state;
	/* the route's own separators stay; only the dynamic parts are encoded */
	assert_string_equal(url_path(a, "/admin/people/", "2", "/revoke"), "/admin/people/2/revoke");
	assert_string_equal(url_path(a, "/admin/people/", "2"), "/admin/people/2");
	assert_string_equal(url_path(a, "/admin/people/", "a/b c", "/reset-sign-in"), "/admin/people/a%2Fb%20c/reset-sign-in");
	assert_string_equal(url_path(a, "/a/", "x?y", "/b/", "#", "/c"), "/a/x%3Fy/b/%23/c");
	assert_string_equal(url_path(a, "/fixed/only"), "/fixed/only");
	assert_string_equal(url_path(a, "/x/", ""), "/x/");
}

static void test_path_join_round_trip(void **state)
{
	struct arena *a = *state;
	static const char *const segs[] = {"SW4", "a b", "x/y", "100%", "\xE2\x82\xAC+1", "?&=#"};
	for (size_t i = 0; i < sizeof(segs) / sizeof(segs[0]); i++) {
		char *joined = url_path_join(a, "/h/", segs[i]);
		struct target r;
		assert_int_equal(parse(a, joined, 4, &r), ERR_OK);
		char expected[64];
		snprintf(expected, sizeof(expected), "/h/%s", segs[i]);
		assert_string_equal(r.path, expected);
		assert_int_equal(r.n, 0);
	}
}

static void test_encode_to_binary_length(void **state)
{
	(void)state;
	struct buf b = {0};
	url_encode_to(&b, "a\0b", 3);
	assert_string_equal(b.data, "a%00b");
	buf_free(&b);
}

/* ---- utf8 ---- */

static void test_utf8_valid(void **state)
{
	(void)state;
	static const char *const ok[] = {
		"", "ascii only", "caf\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
		"\xC2\x80",         /* U+0080, the first 2-byte */
		"\xDF\xBF",         /* U+07FF */
		"\xE0\xA0\x80",     /* U+0800, the first 3-byte */
		"\xED\x9F\xBF",     /* U+D7FF */
		"\xEE\x80\x80",     /* U+E000 */
		"\xEF\xBF\xBD",     /* U+FFFD */
		"\xEF\xBF\xBF",     /* U+FFFF (a noncharacter, but valid UTF-8) */
		"\xF0\x90\x80\x80", /* U+10000, the first 4-byte */
		"\xF4\x8F\xBF\xBF", /* U+10FFFF, the last */
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (!utf8_valid(ok[i], strlen(ok[i])))
			fail_msg("valid case %zu rejected", i);
	/* U+0000 is a valid code point */
	assert_true(utf8_valid("a\0b", 3));
}

static void test_utf8_invalid(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"\x80", "\xBF", "a\x80z",      /* continuation bytes alone */
		"\xC3", "\xE2\x82", "\xF0\x9F\x98", /* truncated */
		"\xC3" "a",                     /* lead then ASCII */
		"\xC0\xAF", "\xC1\xBF",         /* overlong 2-byte */
		"\xE0\x80\xAF", "\xE0\x9F\xBF", /* overlong 3-byte */
		"\xF0\x80\x80\xAF", "\xF0\x8F\xBF\xBF", /* overlong 4-byte */
		"\xED\xA0\x80", "\xED\xBF\xBF", /* surrogates */
		"\xF4\x90\x80\x80", "\xF5\x80\x80\x80", /* > U+10FFFF */
		"\xF8\x88\x80\x80\x80", "\xFC\x84\x80\x80\x80\x80", /* 5- and 6-byte forms */
		"\xFE", "\xFF",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (utf8_valid(bad[i], strlen(bad[i])))
			fail_msg("invalid case %zu accepted", i);
	/* n bounds the check: a valid character cut by n is invalid */
	assert_false(utf8_valid("\xC3\xA9", 1));
	assert_false(utf8_valid("\xF0\x9F\x98\x80", 3));
	assert_true(utf8_valid("ab\xC3\xA9", 2));
}

static void test_utf8_seq_len(void **state)
{
	(void)state;
	assert_int_equal(utf8_seq_len((const unsigned char *)"A", 1), 1);
	assert_int_equal(utf8_seq_len((const unsigned char *)"\xC3\xA9xyz", 5), 2);
	assert_int_equal(utf8_seq_len((const unsigned char *)"\xE2\x82\xAC", 3), 3);
	assert_int_equal(utf8_seq_len((const unsigned char *)"\xF0\x9F\x98\x80", 4), 4);
	assert_int_equal(utf8_seq_len((const unsigned char *)"\xF0\x9F\x98\x80", 3), 0);
	assert_int_equal(utf8_seq_len((const unsigned char *)"\x80", 1), 0);
	assert_int_equal(utf8_seq_len((const unsigned char *)"\xC0\xAF", 2), 0);
	assert_int_equal(utf8_seq_len((const unsigned char *)"\xED\xA0\x80", 3), 0);
}

int main(void)
{
	log_set_quiet(1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_decode_plain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_decode_escapes_upper_and_lower, setup, teardown),
		cmocka_unit_test_setup_teardown(test_decode_plus, setup, teardown),
		cmocka_unit_test_setup_teardown(test_decode_literal_utf8_passes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_decode_bad_escapes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_decode_nul, setup, teardown),
		cmocka_unit_test_setup_teardown(test_decode_invalid_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_decode_reads_only_n_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_target_path_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_target_path_decoded_without_plus, setup, teardown),
		cmocka_unit_test_setup_teardown(test_target_empty_query, setup, teardown),
		cmocka_unit_test_setup_teardown(test_target_path_and_query, setup, teardown),
		cmocka_unit_test_setup_teardown(test_target_repeats_kept_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_target_empty_value_and_no_equals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_target_value_with_equals_and_encoded_separators,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_target_empty_pairs_skipped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_target_max_params, setup, teardown),
		cmocka_unit_test_setup_teardown(test_target_empty_pairs_not_counted_against_max, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_target_malformed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_path_join, setup, teardown),
		cmocka_unit_test_setup_teardown(test_url_path, setup, teardown),
		cmocka_unit_test_setup_teardown(test_path_join_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_encode_to_binary_length, setup, teardown),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_invalid),
		cmocka_unit_test(test_utf8_seq_len),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
