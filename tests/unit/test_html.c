/*
 * test_html.c - the escaping HTML writer (html/html.h) and the GOV.UK
 * components built on it (html/govuk.h).
 *
 * Expected output follows the HTML spec (the five characters that matter in
 * text and double-quoted attribute values), RFC 3986 (percent-encoding of
 * everything but the unreserved set, upper-case hex) and RFC 3629 (what
 * valid UTF-8 is). U+FFFD is "\xEF\xBF\xBD".
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
#include "core/log.h"
#include "core/utf8.h"
#include "html/govuk.h"
#include "html/html.h"

#define FFFD "\xEF\xBF\xBD"
/* ' is expected as &#39;, a numeric reference valid in every HTML version
 * (&apos; is not HTML 4); the single-character tests accept any form. */

/* ---- helpers ---- */

struct out {
	struct buf b;
	struct html w;
};

static void out_init(struct out *o)
{
	memset(o, 0, sizeof(*o));
	o->w.out = &o->b;
}

static const char *out_str(const struct out *o)
{
	return o->b.data ? o->b.data : "";
}

static void out_free(struct out *o)
{
	buf_free(&o->b);
}

/* html_textn of n bytes, compared with expected. */
static void check_textn(const char *in, size_t n, const char *expected)
{
	struct out o;
	out_init(&o);
	html_textn(&o.w, in, n);
	assert_string_equal(out_str(&o), expected);
	out_free(&o);
}

static void check_text(const char *in, const char *expected)
{
	check_textn(in, strlen(in), expected);
}

/* true if s (NUL-terminated) is one or more U+FFFD and nothing else. */
static bool only_replacements(const char *s, size_t n)
{
	if (n == 0 || n % 3 != 0)
		return false;
	for (size_t i = 0; i < n; i += 3)
		if (memcmp(s + i, FFFD, 3) != 0)
			return false;
	return true;
}

/* Escaping in of html_text must give prefix, then only U+FFFD (one or more:
 * one per invalid byte and one per maximal subpart are both conforming),
 * then suffix, and be valid UTF-8. */
static void check_replaced(const char *in, const char *prefix, const char *suffix)
{
	struct out o;
	out_init(&o);
	html_text(&o.w, in);
	const char *s = out_str(&o);
	size_t n = strlen(s), pl = strlen(prefix), sl = strlen(suffix);
	assert_true(utf8_valid(s, n));
	assert_true(n >= pl + sl + 3);
	assert_memory_equal(s, prefix, pl);
	assert_memory_equal(s + n - sl, suffix, sl);
	if (!only_replacements(s + pl, n - pl - sl))
		fail_msg("middle of \"%s\" is not only U+FFFD", s);
	out_free(&o);
}

/* ---- html_text / html_textn ---- */

static void test_text_plain_unchanged(void **state)
{
	(void)state;
	check_text("Maths Hubs 2024/25: Work Groups", "Maths Hubs 2024/25: Work Groups");
	check_text("", "");
}

static void test_text_escapes_each_special_character(void **state)
{
	(void)state;
	check_text("&", "&amp;");
	check_text("<", "&lt;");
	check_text(">", "&gt;");
	check_text("\"", "&quot;");
	/* ' has no named reference in HTML 4; &#39; &#x27; and &apos; all work */
	struct out o;
	out_init(&o);
	html_text(&o.w, "'");
	const char *s = out_str(&o);
	assert_true(!strcmp(s, "&#39;") || !strcmp(s, "&#x27;") || !strcmp(s, "&apos;"));
	out_free(&o);
}

static void test_text_escapes_in_context(void **state)
{
	(void)state;
	check_text("<script>alert('x&y')</script>",
		   "&lt;script&gt;alert(&#39;x&amp;y&#39;)&lt;/script&gt;");
	/* already-escaped text is escaped again: the writer takes text, not HTML */
	check_text("&amp;", "&amp;amp;");
	check_text("a\"b\"c", "a&quot;b&quot;c");
}

static void test_text_null_writes_nothing(void **state)
{
	(void)state;
	struct out o;
	out_init(&o);
	html_text(&o.w, "x");
	html_text(&o.w, NULL);
	html_text(&o.w, "y");
	assert_string_equal(out_str(&o), "xy");
	out_free(&o);
}

static void test_textn_respects_length(void **state)
{
	(void)state;
	check_textn("<b>bold</b>", 3, "&lt;b&gt;");
	check_textn("abc", 0, "");
}

static void test_textn_nul_becomes_replacement(void **state)
{
	(void)state;
	check_textn("a\0b", 3, "a" FFFD "b");
	check_textn("\0", 1, FFFD);
	check_textn("<\0>", 3, "&lt;" FFFD "&gt;");
}

static void test_text_valid_multibyte_unchanged(void **state)
{
	(void)state;
	check_text("caf\xC3\xA9", "caf\xC3\xA9");              /* é U+00E9 */
	check_text("\xE2\x82\xAC" "5", "\xE2\x82\xAC" "5");    /* € U+20AC */
	check_text("\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80");    /* 😀 U+1F600 */
	check_text("Cross Phase \xE2\x80\x93 L2", "Cross Phase \xE2\x80\x93 L2"); /* en dash */
	check_text("\xF4\x8F\xBF\xBF", "\xF4\x8F\xBF\xBF");    /* U+10FFFF, the last */
	check_text("\xED\x9F\xBF", "\xED\x9F\xBF");            /* U+D7FF, below surrogates */
	check_text("\xEE\x80\x80", "\xEE\x80\x80");            /* U+E000, above surrogates */
	check_text(FFFD, FFFD);
	check_text("<\xC3\xA9>", "&lt;\xC3\xA9&gt;");
}

static void test_text_invalid_utf8_replaced(void **state)
{
	(void)state;
	check_replaced("a\x80" "b", "a", "b");                 /* lone continuation byte */
	check_replaced("a\xBF\xBF" "b", "a", "b");             /* two continuation bytes */
	check_replaced("a\xE2\x82" "b", "a", "b");             /* truncated € */
	check_replaced("a\xC3", "a", "");                      /* truncated at the end */
	check_replaced("a\xF0\x9F\x98", "a", "");              /* truncated 😀 at the end */
	check_replaced("a\xC0\xAF" "b", "a", "b");             /* overlong '/' */
	check_replaced("a\xE0\x80\xAF" "b", "a", "b");         /* 3-byte overlong '/' */
	check_replaced("a\xF0\x80\x80\xAF" "b", "a", "b");     /* 4-byte overlong '/' */
	check_replaced("a\xED\xA0\x80" "b", "a", "b");         /* surrogate U+D800 */
	check_replaced("a\xED\xBF\xBF" "b", "a", "b");         /* surrogate U+DFFF */
	check_replaced("a\xF4\x90\x80\x80" "b", "a", "b");     /* U+110000 */
	check_replaced("a\xF8\x88\x80\x80\x80" "b", "a", "b"); /* 5-byte form */
	check_replaced("a\xFE\xFF" "b", "a", "b");             /* never in UTF-8 */
}

static void test_text_invalid_then_special(void **state)
{
	(void)state;
	/* the byte after a bad lead is not swallowed: '<' is still escaped */
	check_replaced("\xC3<", "", "&lt;");
	check_replaced("\xE2\x82<b>", "", "&lt;b&gt;");
	/* a valid character right after an invalid byte survives */
	check_replaced("\x80\xC3\xA9", "", "\xC3\xA9");
}

static void test_text_exact_replacement_of_single_bytes(void **state)
{
	(void)state;
	/* a lone byte that cannot start anything is exactly one U+FFFD */
	check_text("\x80", FFFD);
	check_text("x\xFFy", "x" FFFD "y");
}

/* ---- html_textf ---- */

static void test_textf_short(void **state)
{
	(void)state;
	struct out o;
	out_init(&o);
	html_textf(&o.w, "%d <%s> & '%s'", 42, "b", "q\"");
	assert_string_equal(out_str(&o), "42 &lt;b&gt; &amp; &#39;q&quot;&#39;");
	out_free(&o);
}

/* A string of n bytes: "<a>" repeated, cut at n; and its escaped form. */
static void make_long(size_t n, char **in, char **expected)
{
	static const char unit[] = "<a>";
	*in = malloc(n + 1);
	*expected = malloc(n * 4 + 1);
	assert_non_null(*in);
	assert_non_null(*expected);
	size_t e = 0;
	for (size_t i = 0; i < n; i++) {
		char c = unit[i % 3];
		(*in)[i] = c;
		const char *rep = c == '<' ? "&lt;" : c == '>' ? "&gt;" : "a";
		size_t rl = strlen(rep);
		memcpy(*expected + e, rep, rl);
		e += rl;
	}
	(*in)[n] = '\0';
	(*expected)[e] = '\0';
}

static void test_textf_long_output_escaped(void **state)
{
	(void)state;
	/* around and well beyond 256 bytes of formatted output */
	static const size_t lens[] = {254, 255, 256, 257, 300, 1000, 70000};
	for (size_t k = 0; k < sizeof(lens) / sizeof(lens[0]); k++) {
		char *in, *expected;
		make_long(lens[k], &in, &expected);
		struct out o;
		out_init(&o);
		html_textf(&o.w, "%s", in);
		assert_string_equal(out_str(&o), expected);
		out_free(&o);
		free(in);
		free(expected);
	}
}

static void test_textf_long_with_invalid_utf8(void **state)
{
	(void)state;
	char in[400];
	memset(in, 'x', sizeof(in));
	in[350] = '\x80';
	in[sizeof(in) - 1] = '\0';
	struct out o;
	out_init(&o);
	html_textf(&o.w, "%s&", in);
	const char *s = out_str(&o);
	assert_true(utf8_valid(s, strlen(s)));
	assert_non_null(strstr(s, "x" FFFD "x"));
	assert_non_null(strstr(s, "x&amp;"));
	assert_null(strchr(s, '\x80'));
	out_free(&o);
}

/* ---- H_ATTR ---- */

static void test_attr_escapes_and_double_quotes(void **state)
{
	(void)state;
	struct out o;
	out_init(&o);
	H_ATTR(&o.w, "title", "a\"b'c<d>e&f");
	assert_string_equal(out_str(&o), " title=\"a&quot;b&#39;c&lt;d&gt;e&amp;f\"");
	out_free(&o);
}

static void test_attr_each_character(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"&", " value=\"&amp;\""},
		{"<", " value=\"&lt;\""},
		{">", " value=\"&gt;\""},
		{"\"", " value=\"&quot;\""},
		{"'", " value=\"&#39;\""},
		{"", " value=\"\""},
		{"plain", " value=\"plain\""},
		{"caf\xC3\xA9", " value=\"caf\xC3\xA9\""},
		{"a\xC0\xAF", " value=\"a" FFFD FFFD "\""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct out o;
		out_init(&o);
		H_ATTR(&o.w, "value", cases[i].in);
		const char *s = out_str(&o);
		if (!strcmp(cases[i].in, "'")) {
			assert_true(!strcmp(s, " value=\"&#39;\"") || !strcmp(s, " value=\"&#x27;\"") ||
				    !strcmp(s, " value=\"&apos;\""));
		} else if (!strncmp(cases[i].in, "a\xC0", 2)) {
			/* one or two U+FFFD: both conform */
			assert_true(!strcmp(s, cases[i].out) || !strcmp(s, " value=\"a" FFFD "\""));
		} else {
			assert_string_equal(s, cases[i].out);
		}
		out_free(&o);
	}
}

static void test_attr_quotes_only_at_the_ends(void **state)
{
	(void)state;
	/* whatever the value, the attribute holds exactly two '"' and no '<' */
	static const char *const values[] = {
		"\"onmouseover=\"alert(1)", "'><script>", "\"\"\"", "a b c", "x' y='z",
	};
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		struct out o;
		out_init(&o);
		H_ATTR(&o.w, "href", values[i]);
		const char *s = out_str(&o);
		size_t quotes = 0;
		for (const char *p = s; *p; p++)
			quotes += *p == '"';
		assert_int_equal(quotes, 2);
		assert_true(!strncmp(s, " href=\"", 7));
		assert_int_equal(s[strlen(s) - 1], '"');
		assert_null(strchr(s, '<'));
		assert_null(strchr(s, '\''));
		out_free(&o);
	}
}

/* ---- html_url_part ---- */

static bool unreserved(unsigned c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == '_' || c == '~';
}

static void test_url_part_examples(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"SW4", "SW4"},
		{"AZaz09-._~", "AZaz09-._~"},
		{"a b", "a%20b"},
		{"a/b", "a%2Fb"},
		{"a?b", "a%3Fb"},
		{"a&b", "a%26b"},
		{"a#b", "a%23b"},
		{"100%", "100%25"},
		{"a+b=c", "a%2Bb%3Dc"},
		{"\"'<>", "%22%27%3C%3E"},
		{"caf\xC3\xA9", "caf%C3%A9"},
		{"\xE2\x82\xAC", "%E2%82%AC"},
		{"\xF0\x9F\x98\x80", "%F0%9F%98%80"},
		{"Work Group", "Work%20Group"},
		{"", ""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct out o;
		out_init(&o);
		html_url_part(&o.w, cases[i].in);
		assert_string_equal(out_str(&o), cases[i].out);
		out_free(&o);
	}
}

static void test_url_part_every_byte(void **state)
{
	(void)state;
	static const char hex[] = "0123456789ABCDEF";
	for (unsigned c = 1; c < 256; c++) {
		char in[2] = {(char)c, '\0'};
		char expected[4];
		if (unreserved(c)) {
			expected[0] = (char)c;
			expected[1] = '\0';
		} else {
			expected[0] = '%';
			expected[1] = hex[c >> 4];
			expected[2] = hex[c & 15];
			expected[3] = '\0';
		}
		struct out o;
		out_init(&o);
		html_url_part(&o.w, in);
		if (strcmp(out_str(&o), expected))
			fail_msg("byte 0x%02X: got \"%s\", expected \"%s\"", c, out_str(&o), expected);
		out_free(&o);
	}
}

static void test_url_part_null_writes_nothing(void **state)
{
	(void)state;
	struct out o;
	out_init(&o);
	H_RAW(&o.w, "/hubs/");
	html_url_part(&o.w, NULL);
	assert_string_equal(out_str(&o), "/hubs/");
	out_free(&o);
}

/* ---- raw and int ---- */

static void test_raw_and_int(void **state)
{
	(void)state;
	struct out o;
	out_init(&o);
	H_RAW(&o.w, "<p>");
	html_int(&o.w, -42);
	H_RAW(&o.w, " ");
	html_int(&o.w, 9223372036854775807LL);
	H_RAW(&o.w, "</p>");
	assert_string_equal(out_str(&o), "<p>-42 9223372036854775807</p>");
	out_free(&o);
}

/* ---- govuk_error_summary ---- */

static size_t count(const char *s, const char *needle)
{
	size_t n = 0, len = strlen(needle);
	for (const char *p = strstr(s, needle); p; p = strstr(p + len, needle))
		n++;
	return n;
}

static void test_error_summary_links_to_fields(void **state)
{
	(void)state;
	static const struct govuk_error errs[] = {
		{"phase", "Select a phase from the list"},
		{"kind", "Kind must be one of <Work Group> & co"},
	};
	struct out o;
	out_init(&o);
	govuk_error_summary(&o.w, errs, 2);
	const char *s = out_str(&o);
	assert_non_null(strstr(s, "govuk-error-summary"));
	assert_non_null(strstr(s, "href=\"#phase\""));
	assert_non_null(strstr(s, "href=\"#kind\""));
	assert_non_null(strstr(s, "Select a phase from the list"));
	assert_non_null(strstr(s, "Kind must be one of &lt;Work Group&gt; &amp; co"));
	assert_null(strstr(s, "<Work Group>"));
	assert_int_equal(count(s, "<a "), 2);
	/* the link for phase comes first, in the order given */
	assert_true(strstr(s, "#phase") < strstr(s, "#kind"));
	out_free(&o);
}

static void test_error_summary_escapes_field(void **state)
{
	(void)state;
	static const struct govuk_error errs[] = {{"x\"><script>", "m"}};
	struct out o;
	out_init(&o);
	govuk_error_summary(&o.w, errs, 1);
	const char *s = out_str(&o);
	assert_null(strstr(s, "<script>"));
	assert_non_null(strstr(s, "href=\"#x&quot;&gt;&lt;script&gt;\""));
	out_free(&o);
}

/* ---- govuk_notification_banner ---- */

static void test_notification_banner_success(void **state)
{
	(void)state;
	struct out o;
	out_init(&o);
	govuk_notification_banner(&o.w, "Success", "Role given to <Ann> & co", true);
	assert_string_equal(out_str(&o),
		"<div class=\"govuk-notification-banner govuk-notification-banner--success\" role=\"alert\" "
		"aria-labelledby=\"govuk-notification-banner-title\" data-module=\"govuk-notification-banner\">\n"
		"<div class=\"govuk-notification-banner__header\"><h2 class=\"govuk-notification-banner__title\" id=\"govuk-notification-banner-title\">Success</h2></div>\n"
		"<div class=\"govuk-notification-banner__content\"><p class=\"govuk-notification-banner__heading\">Role given to &lt;Ann&gt; &amp; co</p></div>\n"
		"</div>\n");
	out_free(&o);
}

static void test_notification_banner_important(void **state)
{
	(void)state;
	struct out o;
	out_init(&o);
	govuk_notification_banner(&o.w, "Important", "x", false);
	const char *s = out_str(&o);
	assert_non_null(strstr(s, "<div class=\"govuk-notification-banner\" role=\"region\" aria-labelledby=\"govuk-notification-banner-title\""));
	assert_null(strstr(s, "--success"));
	assert_null(strstr(s, "role=\"alert\""));
	assert_non_null(strstr(s, ">Important</h2>"));
	out_free(&o);
}

/* ---- govuk_choices ---- */

/* The n-th (0-based) "<input ...>" tag of s, copied into out. */
static bool nth_input(const char *s, size_t n, char *out, size_t outlen)
{
	const char *p = s;
	for (size_t i = 0;; i++) {
		p = strstr(p, "<input");
		if (!p)
			return false;
		const char *end = strchr(p, '>');
		if (!end)
			return false;
		if (i == n) {
			size_t len = (size_t)(end - p + 1);
			if (len >= outlen)
				return false;
			memcpy(out, p, len);
			out[len] = '\0';
			return true;
		}
		p = end;
	}
}

/* true if the tag has the boolean attribute "checked" (not in a value). */
static bool tag_checked(const char *tag)
{
	/* values are escaped, so a literal " checked" outside quotes can be
	 * found by walking the tag and skipping quoted parts */
	bool inq = false;
	for (const char *p = tag; *p; p++) {
		if (*p == '"')
			inq = !inq;
		else if (!inq && !strncmp(p, " checked", 8) &&
			 (p[8] == ' ' || p[8] == '>' || p[8] == '=' || p[8] == '/'))
			return true;
	}
	return false;
}

static void test_checkboxes_mark_checked_and_escape(void **state)
{
	(void)state;
	static const struct govuk_choice items[] = {
		{"Primary", "Primary", true},
		{"Secondary", "Secondary & <KS3>", false},
		{"Post-16", "Post-16", true},
		{"a\"b'c", "Label \"quoted\"", false},
	};
	struct out o;
	out_init(&o);
	govuk_choices(&o.w, true, "phase", "Phase <of school>", items, 4, NULL, true);
	const char *s = out_str(&o);
	char tag[512];
	bool expect[] = {true, false, true, false};
	for (size_t i = 0; i < 4; i++) {
		assert_true(nth_input(s, i, tag, sizeof(tag)));
		assert_non_null(strstr(tag, "type=\"checkbox\""));
		assert_non_null(strstr(tag, "name=\"phase\""));
		if (tag_checked(tag) != expect[i])
			fail_msg("input %zu: checked should be %d: %s", i, expect[i], tag);
	}
	assert_false(nth_input(s, 4, tag, sizeof(tag)));
	/* the first input's id is the field name, for the error summary */
	assert_true(nth_input(s, 0, tag, sizeof(tag)));
	assert_non_null(strstr(tag, "id=\"phase\""));
	assert_non_null(strstr(tag, "value=\"Primary\""));
	assert_true(nth_input(s, 3, tag, sizeof(tag)));
	assert_non_null(strstr(tag, "value=\"a&quot;b&#39;c\""));
	/* labels and legend escaped */
	assert_non_null(strstr(s, "Secondary &amp; &lt;KS3&gt;"));
	assert_non_null(strstr(s, "Label &quot;quoted&quot;"));
	assert_non_null(strstr(s, "Phase &lt;of school&gt;"));
	assert_null(strstr(s, "<KS3>"));
	assert_null(strstr(s, "<of school>"));
	/* ids are unique */
	assert_int_equal(count(s, "id=\"phase\""), 1);
	out_free(&o);
}

static void test_radios_and_error_message(void **state)
{
	(void)state;
	static const struct govuk_choice items[] = {
		{"2024/25", "2024 to 2025", false},
		{"2025/26", "2025 to 2026", true},
	};
	struct out o;
	out_init(&o);
	govuk_choices(&o.w, false, "year", "Academic year", items, 2, "Select a year <now>", false);
	const char *s = out_str(&o);
	char tag[512];
	assert_true(nth_input(s, 0, tag, sizeof(tag)));
	assert_non_null(strstr(tag, "type=\"radio\""));
	assert_non_null(strstr(tag, "id=\"year\""));
	assert_false(tag_checked(tag));
	assert_true(nth_input(s, 1, tag, sizeof(tag)));
	assert_non_null(strstr(tag, "type=\"radio\""));
	assert_true(tag_checked(tag));
	assert_non_null(strstr(s, "govuk-form-group--error"));
	assert_non_null(strstr(s, "Select a year &lt;now&gt;"));
	assert_null(strstr(s, "<now>"));
	assert_null(strstr(s, "type=\"checkbox\""));
	out_free(&o);
}

static void test_choices_without_error_has_no_error_markup(void **state)
{
	(void)state;
	static const struct govuk_choice items[] = {{"x", "X", false}};
	struct out o;
	out_init(&o);
	govuk_choices(&o.w, true, "k", "K", items, 1, NULL, false);
	const char *s = out_str(&o);
	assert_null(strstr(s, "govuk-error-message"));
	assert_null(strstr(s, "--error"));
	out_free(&o);
}

static void reveal_text(struct html *w, const void *ctx)
{
	html_text(w, (const char *)ctx);
}

static void test_radios_reveal_their_content(void **state)
{
	(void)state;
	static const struct govuk_choice items[] = {{"a", "A", false}, {"b", "B", true}, {"c", "C", false}};
	const struct govuk_reveal reveals[] = {{reveal_text, "<for a>"}, {reveal_text, "for b"}, {NULL, NULL}};
	struct out o;
	out_init(&o);
	govuk_choices_revealing(&o.w, false, "r", "R", "Pick one", items, reveals, 3, "Select R", false);
	const char *s = out_str(&o);
	/* the hint and the error describe the group */
	assert_non_null(strstr(s, "<fieldset class=\"govuk-fieldset\" aria-describedby=\"r-hint r-error\">"));
	assert_non_null(strstr(s, "</legend><div class=\"govuk-hint\" id=\"r-hint\">Pick one</div>"));
	char tag[512];
	/* each option with something to reveal controls it; the group is
	 * app.js's, not govuk-frontend's module (no aria-expanded) */
	assert_true(nth_input(s, 0, tag, sizeof(tag)));
	assert_non_null(strstr(tag, "aria-controls=\"conditional-r\""));
	assert_true(nth_input(s, 1, tag, sizeof(tag)));
	assert_non_null(strstr(tag, "aria-controls=\"conditional-r-2\""));
	assert_true(nth_input(s, 2, tag, sizeof(tag)));
	assert_null(strstr(tag, "aria-controls"));
	assert_non_null(strstr(s, "<div class=\"govuk-radios\" data-mh-reveals>"));
	assert_null(strstr(s, "data-module"));
	/* hidden unless chosen; escaped; right after its option */
	assert_non_null(strstr(s, "<div class=\"govuk-radios__conditional govuk-radios__conditional--hidden\" id=\"conditional-r\">&lt;for a&gt;</div>"));
	assert_non_null(strstr(s, "<div class=\"govuk-radios__conditional\" id=\"conditional-r-2\">for b</div>"));
	assert_true(strstr(s, "for=\"r-2\"") < strstr(s, "id=\"conditional-r-2\""));
	assert_true(strstr(s, "id=\"conditional-r-2\"") < strstr(s, "id=\"r-3\""));
	assert_int_equal(count(s, "govuk-radios__conditional\""), 1);
	out_free(&o);
}

static void test_select_marks_the_value_and_escapes(void **state)
{
	(void)state;
	static const struct govuk_option opts[] = {{"", "Select a hub"}, {"SW4", "GLOW (SW4)"}, {"E<1", "Enigma & co"}};
	struct out o;
	out_init(&o);
	govuk_select(&o.w, &(struct govuk_select){.id = "hub-mhl", .label = "Hub", .value = "SW4", .options = opts, .n = 3});
	const char *s = out_str(&o);
	assert_non_null(strstr(s, "<label class=\"govuk-label govuk-label--s\" for=\"hub-mhl\">Hub</label>"));
	assert_non_null(strstr(s, "<select class=\"govuk-select\" id=\"hub-mhl\" name=\"hub-mhl\">"));
	assert_non_null(strstr(s, "<option value=\"SW4\" selected>GLOW (SW4)</option>"));
	assert_int_equal(count(s, " selected"), 1);
	assert_non_null(strstr(s, "<option value=\"E&lt;1\">Enigma &amp; co</option>"));
	assert_null(strstr(s, "aria-describedby"));
	out_free(&o);

	/* with a hint and an error, described by both, as govuk_input is */
	out_init(&o);
	govuk_select(&o.w, &(struct govuk_select){.id = "p", .label = "Project", .hint = "H", .error = "Select the project",
						   .options = opts, .n = 1});
	s = out_str(&o);
	assert_non_null(strstr(s, "govuk-form-group--error"));
	assert_non_null(strstr(s, "<select class=\"govuk-select govuk-select--error\" id=\"p\" name=\"p\" aria-describedby=\"p-hint p-error\">"));
	assert_non_null(strstr(s, "<p class=\"govuk-error-message\" id=\"p-error\"><span class=\"govuk-visually-hidden\">Error:</span> Select the project</p>"));
	assert_null(strstr(s, " selected"));
	out_free(&o);
}

static void test_error_for_finds_a_field(void **state)
{
	(void)state;
	static const struct govuk_error errs[] = {{"name", "Enter a name"}, {"hub-mhl", "Select the hub"}};
	assert_string_equal(govuk_error_for(errs, 2, "hub-mhl"), "Select the hub");
	assert_null(govuk_error_for(errs, 2, "hub"));
	assert_null(govuk_error_for(errs, 0, "name"));
}

/* ---- govuk_pagination ---- */

/* href writer: ctx is a base like "/projects?kind=Work+Group&page=". */
static void page_href(struct html *w, long page, const void *ctx)
{
	html_text(w, (const char *)ctx);
	html_int(w, page);
}

/* The href of the <a> tag that carries rel="<rel>", or "" if none. */
static void href_with(const char *s, const char *attr, char *out, size_t outlen)
{
	out[0] = '\0';
	const char *r = strstr(s, attr);
	if (!r)
		return;
	/* back to the start of this tag */
	const char *tag = r;
	while (tag > s && *tag != '<')
		tag--;
	const char *h = strstr(tag, "href=\"");
	if (!h || h > r)
		return;
	h += 6;
	const char *e = strchr(h, '"');
	size_t len = (size_t)(e - h);
	if (len >= outlen)
		len = outlen - 1;
	memcpy(out, h, len);
	out[len] = '\0';
}

static void test_pagination_single_page_writes_nothing(void **state)
{
	(void)state;
	struct out o;
	out_init(&o);
	govuk_pagination(&o.w, 1, 1, page_href, "?page=");
	govuk_pagination(&o.w, 1, 0, page_href, "?page=");
	assert_int_equal(o.b.len, 0);
	out_free(&o);
}

static void test_pagination_first_page(void **state)
{
	(void)state;
	struct out o;
	out_init(&o);
	govuk_pagination(&o.w, 1, 3, page_href, "?page=");
	const char *s = out_str(&o);
	char h[128];
	assert_null(strstr(s, "rel=\"prev\""));
	assert_int_equal(count(s, "rel=\"next\""), 1);
	href_with(s, "rel=\"next\"", h, sizeof(h));
	assert_string_equal(h, "?page=2");
	href_with(s, "aria-current=\"page\"", h, sizeof(h));
	assert_string_equal(h, "?page=1");
	assert_int_equal(count(s, "aria-current=\"page\""), 1);
	out_free(&o);
}

static void test_pagination_middle_page(void **state)
{
	(void)state;
	struct out o;
	out_init(&o);
	govuk_pagination(&o.w, 2, 3, page_href, "?page=");
	const char *s = out_str(&o);
	char h[128];
	assert_int_equal(count(s, "rel=\"prev\""), 1);
	assert_int_equal(count(s, "rel=\"next\""), 1);
	href_with(s, "rel=\"prev\"", h, sizeof(h));
	assert_string_equal(h, "?page=1");
	href_with(s, "rel=\"next\"", h, sizeof(h));
	assert_string_equal(h, "?page=3");
	href_with(s, "aria-current=\"page\"", h, sizeof(h));
	assert_string_equal(h, "?page=2");
	/* every page is linked */
	assert_non_null(strstr(s, "href=\"?page=1\""));
	assert_non_null(strstr(s, "href=\"?page=2\""));
	assert_non_null(strstr(s, "href=\"?page=3\""));
	out_free(&o);
}

static void test_pagination_last_page(void **state)
{
	(void)state;
	struct out o;
	out_init(&o);
	govuk_pagination(&o.w, 3, 3, page_href, "/projects?kind=Work+Group&page=");
	const char *s = out_str(&o);
	char h[128];
	assert_null(strstr(s, "rel=\"next\""));
	assert_int_equal(count(s, "rel=\"prev\""), 1);
	href_with(s, "rel=\"prev\"", h, sizeof(h));
	/* the href writer's text is escaped in the attribute */
	assert_string_equal(h, "/projects?kind=Work+Group&amp;page=2");
	assert_null(strstr(s, "&page="));
	out_free(&o);
}

static void test_pagination_many_pages_bounded(void **state)
{
	(void)state;
	struct out o;
	out_init(&o);
	govuk_pagination(&o.w, 50, 100, page_href, "?p=");
	const char *s = out_str(&o);
	char h[128];
	href_with(s, "rel=\"prev\"", h, sizeof(h));
	assert_string_equal(h, "?p=49");
	href_with(s, "rel=\"next\"", h, sizeof(h));
	assert_string_equal(h, "?p=51");
	href_with(s, "aria-current=\"page\"", h, sizeof(h));
	assert_string_equal(h, "?p=50");
	/* first and last are always reachable; not all 100 pages are listed */
	assert_non_null(strstr(s, "href=\"?p=1\""));
	assert_non_null(strstr(s, "href=\"?p=100\""));
	assert_null(strstr(s, "href=\"?p=25\""));
	assert_true(count(s, "href=\"") < 20);
	out_free(&o);
}

int main(void)
{
	log_set_quiet(1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_plain_unchanged),
		cmocka_unit_test(test_text_escapes_each_special_character),
		cmocka_unit_test(test_text_escapes_in_context),
		cmocka_unit_test(test_text_null_writes_nothing),
		cmocka_unit_test(test_textn_respects_length),
		cmocka_unit_test(test_textn_nul_becomes_replacement),
		cmocka_unit_test(test_text_valid_multibyte_unchanged),
		cmocka_unit_test(test_text_invalid_utf8_replaced),
		cmocka_unit_test(test_text_invalid_then_special),
		cmocka_unit_test(test_text_exact_replacement_of_single_bytes),
		cmocka_unit_test(test_textf_short),
		cmocka_unit_test(test_textf_long_output_escaped),
		cmocka_unit_test(test_textf_long_with_invalid_utf8),
		cmocka_unit_test(test_attr_escapes_and_double_quotes),
		cmocka_unit_test(test_attr_each_character),
		cmocka_unit_test(test_attr_quotes_only_at_the_ends),
		cmocka_unit_test(test_url_part_examples),
		cmocka_unit_test(test_url_part_every_byte),
		cmocka_unit_test(test_url_part_null_writes_nothing),
		cmocka_unit_test(test_raw_and_int),
		cmocka_unit_test(test_error_summary_links_to_fields),
		cmocka_unit_test(test_error_summary_escapes_field),
		cmocka_unit_test(test_notification_banner_success),
		cmocka_unit_test(test_notification_banner_important),
		cmocka_unit_test(test_checkboxes_mark_checked_and_escape),
		cmocka_unit_test(test_radios_and_error_message),
		cmocka_unit_test(test_choices_without_error_has_no_error_markup),
		cmocka_unit_test(test_radios_reveal_their_content),
		cmocka_unit_test(test_select_marks_the_value_and_escapes),
		cmocka_unit_test(test_error_for_finds_a_field),
		cmocka_unit_test(test_pagination_single_page_writes_nothing),
		cmocka_unit_test(test_pagination_first_page),
		cmocka_unit_test(test_pagination_middle_page),
		cmocka_unit_test(test_pagination_last_page),
		cmocka_unit_test(test_pagination_many_pages_bounded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
