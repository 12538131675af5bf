/*
 * test_auth.c - the security building blocks of accounts: tokens
 * (auth/token.h), TOTP/HOTP and the enrolment QR code (auth/totp.h), and
 * recovery codes (auth/recovery.h), and secrets sealed at rest
 * (auth/sealed.h, opened here with libsodium directly as well).
 *
 * Expected values come from outside the code under test: the test vectors of
 * RFC 4226 (HOTP) and RFC 6238 (TOTP, SHA-1/256/512) in
 * ../shared/data/otp/ (two CSV files), Debian's oathtool, BLAKE2b-256 digests computed
 * with Python's hashlib and coreutils' b2sum, and libqrencode's own matrix.
 * A missing file or tool is a failure, never a skip. The password policy and
 * hashes are in test_password.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <qrencode.h>
#include <sodium.h>

#include "auth/recovery.h"
#include "auth/sealed.h"
#include "auth/token.h"
#include "auth/totp.h"
#include "core/buf.h"
#include "html/html.h"
#include "core/arena.h"
#include "core/csv.h"
#include "core/log.h"
#include "core/util.h"
#include "unit_util.h"

#define OATHTOOL "/usr/bin/oathtool"

/* A fixed secret for the window tests: RFC 4226's key, base32. */
#define RFC_SECRET_B32 "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

/* The whole file at ../shared/data/otp/<name> (the repository's sibling),
 * or a failed test. */
static char *read_otp_file(const char *name, size_t *len)
{
	char rel[256], path[1024];
	snprintf(rel, sizeof(rel), "../shared/data/otp/%s", name);
	unit_source_path(rel, path, sizeof(path));
	char *data = unit_read_file(path, len);
	if (!data)
		fail_msg("cannot read %s", path);
	return data;
}

/* Hex into bytes; returns the byte count. */
static size_t unhex(const char *hex, unsigned char *out, size_t cap)
{
	size_t n = 0;
	if (sodium_hex2bin(out, cap, hex, strlen(hex), NULL, &n, NULL) != 0)
		fail_msg("bad hex in fixture: %s", hex);
	return n;
}

/* ---- RFC 4226 (HOTP) ---- */

struct vectors {
	size_t rows;
};

/* secret_ascii, secret_hex, counter, truncated_decimal, hotp_6_digits */
static enum err hotp_row(void *ctx, const char *const *f, size_t line)
{
	struct vectors *v = ctx;
	unsigned char key[64];
	size_t keylen = unhex(f[1], key, sizeof(key));
	assert_int_equal(keylen, strlen(f[0]));
	assert_memory_equal(key, f[0], keylen);
	uint64_t counter = strtoull(f[2], NULL, 10);
	char code[9];
	if (hotp_code(key, keylen, counter, 6, code) != ERR_OK)
		fail_msg("hotp_code failed on line %zu", line);
	if (strcmp(code, f[4]))
		fail_msg("line %zu: counter %s gave %s, RFC 4226 says %s", line, f[2], code, f[4]);
	/* 7 and 8 digits: the same truncated value, modulo 10^digits */
	unsigned long long trunc = strtoull(f[3], NULL, 10);
	char want[16];
	assert_int_equal(hotp_code(key, keylen, counter, 7, code), ERR_OK);
	snprintf(want, sizeof(want), "%07llu", trunc % 10000000ULL);
	assert_string_equal(code, want);
	assert_int_equal(hotp_code(key, keylen, counter, 8, code), ERR_OK);
	snprintf(want, sizeof(want), "%08llu", trunc % 100000000ULL);
	assert_string_equal(code, want);
	v->rows++;
	return ERR_OK;
}

static void test_hotp_rfc4226_vectors(void **state)
{
	(void)state;
	size_t len;
	char *data = read_otp_file("rfc4226_hotp_test_vectors.csv", &len);
	const char *want[] = {"secret_ascii", "secret_hex", "counter", "truncated_decimal",
			      "hotp_6_digits"};
	struct vectors v = {0};
	char msg[256];
	enum err e = csv_read(data, len, want, 5, hotp_row, &v, msg, sizeof(msg));
	free(data);
	if (e != ERR_OK)
		fail_msg("csv_read: %s", msg);
	assert_int_equal(v.rows, 10); /* RFC 4226 appendix D: counters 0..9 */
}

static void test_hotp_rejects_bad_arguments(void **state)
{
	(void)state;
	char code[16];
	const unsigned char key[] = "12345678901234567890";
	assert_int_equal(hotp_code(key, 0, 0, 6, code), ERR_INVALID);
	assert_int_equal(hotp_code(key, 20, 0, 5, code), ERR_INVALID);
	assert_int_equal(hotp_code(key, 20, 0, 9, code), ERR_INVALID);
}

/* ---- RFC 6238 (TOTP) ---- */

/* unix_time, mode, secret_ascii, secret_base32, time_step_seconds, t0, digits, totp */
static enum err totp_row(void *ctx, const char *const *f, size_t line)
{
	struct vectors *v = ctx;
	int alg = !strcmp(f[1], "SHA1")	    ? TOTP_ALG_SHA1
		  : !strcmp(f[1], "SHA256") ? TOTP_ALG_SHA256
		  : !strcmp(f[1], "SHA512") ? TOTP_ALG_SHA512
					    : 0;
	if (!alg)
		fail_msg("line %zu: unknown mode %s", line, f[1]);
	assert_string_equal(f[4], "30");
	assert_string_equal(f[5], "0");
	int64_t t = strtoll(f[0], NULL, 10);
	int digits = atoi(f[6]);
	char code[16];
	const unsigned char *key = (const unsigned char *)f[2];
	if (totp_code_alg(key, strlen(f[2]), t, digits, alg, code) != ERR_OK)
		fail_msg("totp_code_alg failed on line %zu", line);
	if (strcmp(code, f[7]))
		fail_msg("line %zu: %s at %s gave %s, RFC 6238 says %s", line, f[1], f[0], code, f[7]);
	if (alg == TOTP_ALG_SHA1) {
		/* The 6-digit code of the base32 secret is the last 6 of the 8. */
		char six[TOTP_DIGITS + 1];
		assert_int_equal(totp_code(f[3], t, six), ERR_OK);
		assert_string_equal(six, f[7] + 2);
	}
	v->rows++;
	return ERR_OK;
}

static void test_totp_rfc6238_vectors(void **state)
{
	(void)state;
	size_t len;
	char *data = read_otp_file("rfc6238_totp_test_vectors.csv", &len);
	const char *want[] = {"unix_time", "mode",		"secret_ascii", "secret_base32",
			      "time_step_seconds", "t0", "digits",	  "totp"};
	struct vectors v = {0};
	char msg[256];
	enum err e = csv_read(data, len, want, 8, totp_row, &v, msg, sizeof(msg));
	free(data);
	if (e != ERR_OK)
		fail_msg("csv_read: %s", msg);
	assert_int_equal(v.rows, 18); /* RFC 6238 appendix B: 6 times x 3 algorithms */
}

static void test_totp_rejects_bad_arguments(void **state)
{
	(void)state;
	char code[16];
	const unsigned char key[] = "12345678901234567890";
	assert_int_equal(totp_code_alg(key, 20, 59, 8, 384, code), ERR_INVALID);
	assert_int_equal(totp_code_alg(key, 20, 59, 5, TOTP_ALG_SHA1, code), ERR_INVALID);
	assert_int_equal(totp_code_alg(key, 20, 59, 9, TOTP_ALG_SHA1, code), ERR_INVALID);
	assert_int_equal(totp_code_alg(key, 0, 59, 6, TOTP_ALG_SHA1, code), ERR_INVALID);
	assert_int_equal(totp_code_alg(key, 20, -1, 6, TOTP_ALG_SHA1, code), ERR_INVALID);
	assert_int_equal(totp_code(RFC_SECRET_B32, -30, code), ERR_INVALID);
	assert_int_equal(totp_code("GEZDGNBVGY3TQOJ1", 59, code), ERR_INVALID); /* '1' */
	assert_int_equal(totp_code("not base32!", 59, code), ERR_INVALID);
	assert_int_equal(totp_code("GEZDGNBV", 59, code), ERR_INVALID); /* 5 bytes: too short */
	assert_int_equal(totp_code("", 59, code), ERR_INVALID);
	/* what an app accepts when typed in: lowercase, in groups */
	assert_int_equal(totp_code("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", 59, code), ERR_OK);
	assert_string_equal(code, "287082");
}

static void test_totp_new_secret(void **state)
{
	(void)state;
	char s1[TOTP_SECRET_B32_LEN + 1], s2[TOTP_SECRET_B32_LEN + 1];
	totp_new_secret(s1);
	totp_new_secret(s2);
	assert_int_equal(strlen(s1), 32);
	assert_int_equal(strspn(s1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), 32);
	assert_string_not_equal(s1, s2);
	char code[TOTP_DIGITS + 1];
	assert_int_equal(totp_code(s1, 1700000000, code), ERR_OK);
}

static void test_totp_base32_encoding(void **state)
{
	(void)state;
	/* Our own base32 encoder (oathtool checks its bits, below): over 2000
	 * secrets, every one of the 32 characters turns up in every position,
	 * so no bit of the 160 is stuck. */
	unsigned seen[TOTP_SECRET_B32_LEN] = {0};
	for (int i = 0; i < 2000; i++) {
		char s[TOTP_SECRET_B32_LEN + 1];
		totp_new_secret(s);
		assert_int_equal(strlen(s), TOTP_SECRET_B32_LEN);
		for (size_t k = 0; k < TOTP_SECRET_B32_LEN; k++) {
			const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
			const char *p = strchr(alphabet, s[k]);
			assert_non_null(p);
			seen[k] |= 1u << (p - alphabet);
		}
	}
	for (size_t k = 0; k < TOTP_SECRET_B32_LEN; k++)
		assert_int_equal(seen[k], 0xFFFFFFFFu);
}

/* oathtool's code for secret at Unix time t. */
static void oathtool_code(const char *secret, int64_t t, char out[16])
{
	if (access(OATHTOOL, X_OK) != 0)
		fail_msg(OATHTOOL " is missing: install Debian's oathtool (scripts/setup does)");
	time_t tt = (time_t)t;
	struct tm tm;
	char when[64], cmd[256];
	gmtime_r(&tt, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", &tm);
	/* secret is base32 ([A-Z2-7]) and when is digits, '-', ':' and spaces */
	snprintf(cmd, sizeof(cmd), OATHTOOL " --totp --base32 --digits=6 --now '%s' %s", when, secret);
	FILE *p = popen(cmd, "r");
	if (!p)
		fail_msg("cannot run %s", cmd);
	if (!fgets(out, 16, p))
		out[0] = '\0';
	int status = pclose(p);
	if (status != 0)
		fail_msg("%s exited with status %d", cmd, status);
	out[strcspn(out, "\n")] = '\0';
}

static void test_totp_agrees_with_oathtool(void **state)
{
	(void)state;
	const int64_t times[] = {0,	     29,	 30,	     59,	1111111109,
				 1234567890, 1700000000, 1700000029, 2000000000, 4102444800};
	char secrets[2][TOTP_SECRET_B32_LEN + 1];
	totp_new_secret(secrets[0]);
	snprintf(secrets[1], sizeof(secrets[1]), "%s", RFC_SECRET_B32);
	for (size_t s = 0; s < 2; s++)
		for (size_t i = 0; i < sizeof(times) / sizeof(times[0]); i++) {
			char ours[TOTP_DIGITS + 1], theirs[16];
			assert_int_equal(totp_code(secrets[s], times[i], ours), ERR_OK);
			oathtool_code(secrets[s], times[i], theirs);
			if (strcmp(ours, theirs))
				fail_msg("secret %s at %lld: ours %s, oathtool %s", secrets[s],
					 (long long)times[i], ours, theirs);
		}
}

/* The code of RFC_SECRET_B32 at now + steps * 30. */
static void code_at(int64_t now, int steps, char out[TOTP_DIGITS + 1])
{
	assert_int_equal(totp_code(RFC_SECRET_B32, now + steps * TOTP_STEP, out), ERR_OK);
}

static void test_totp_verify_window(void **state)
{
	(void)state;
	const int64_t now = 1700000015; /* the middle of a step */
	const int64_t step = now / TOTP_STEP;
	char codes[5][TOTP_DIGITS + 1];
	for (int k = -2; k <= 2; k++)
		code_at(now, k, codes[k + 2]);
	/* the five codes differ, or the window test would prove nothing */
	for (int i = 0; i < 5; i++)
		for (int j = i + 1; j < 5; j++)
			assert_string_not_equal(codes[i], codes[j]);
	int64_t matched = -99;
	assert_int_equal(totp_verify(RFC_SECRET_B32, codes[0], now, -1, &matched), ERR_INVALID);
	assert_int_equal(matched, -99);
	for (int k = -1; k <= 1; k++) {
		assert_int_equal(totp_verify(RFC_SECRET_B32, codes[k + 2], now, -1, &matched), ERR_OK);
		assert_int_equal(matched, step + k);
	}
	assert_int_equal(totp_verify(RFC_SECRET_B32, codes[4], now, -1, &matched), ERR_INVALID);
	/* the edges of the step: its first and last second */
	int64_t start = step * TOTP_STEP;
	assert_int_equal(totp_verify(RFC_SECRET_B32, codes[2], start, -1, &matched), ERR_OK);
	assert_int_equal(totp_verify(RFC_SECRET_B32, codes[2], start + 29, -1, &matched), ERR_OK);
	assert_int_equal(totp_verify(RFC_SECRET_B32, codes[2], start + 60, -1, NULL), ERR_INVALID);
	assert_int_equal(totp_verify(RFC_SECRET_B32, codes[2], start - 31, -1, NULL), ERR_INVALID);
	/* a wrong code */
	char wrong[TOTP_DIGITS + 1];
	memcpy(wrong, codes[2], sizeof(wrong));
	wrong[5] = wrong[5] == '9' ? '0' : (char)(wrong[5] + 1);
	assert_int_equal(totp_verify(RFC_SECRET_B32, wrong, now, -1, NULL), ERR_INVALID);
	/* the first steps after the epoch: no step -1 */
	char first[TOTP_DIGITS + 1];
	code_at(0, 0, first);
	assert_int_equal(totp_verify(RFC_SECRET_B32, first, 10, -1, &matched), ERR_OK);
	assert_int_equal(matched, 0);
	assert_int_equal(totp_verify(RFC_SECRET_B32, first, -10, -1, NULL), ERR_INVALID);
}

static void test_totp_verify_refuses_replay(void **state)
{
	(void)state;
	const int64_t now = 1700000015, step = now / TOTP_STEP;
	char cur[TOTP_DIGITS + 1], prev[TOTP_DIGITS + 1], next[TOTP_DIGITS + 1];
	code_at(now, 0, cur);
	code_at(now, -1, prev);
	code_at(now, 1, next);
	int64_t matched = -1;
	assert_int_equal(totp_verify(RFC_SECRET_B32, cur, now, -1, &matched), ERR_OK);
	assert_int_equal(matched, step);
	/* the same code again, even later in the window */
	assert_int_equal(totp_verify(RFC_SECRET_B32, cur, now, matched, NULL), ERR_INVALID);
	assert_int_equal(totp_verify(RFC_SECRET_B32, cur, now + TOTP_STEP, matched, NULL),
			 ERR_INVALID);
	/* an older code, still inside the window, after a newer one was used */
	assert_int_equal(totp_verify(RFC_SECRET_B32, prev, now, matched, NULL), ERR_INVALID);
	/* the next step's code is still good, once */
	assert_int_equal(totp_verify(RFC_SECRET_B32, next, now, matched, &matched), ERR_OK);
	assert_int_equal(matched, step + 1);
	assert_int_equal(totp_verify(RFC_SECRET_B32, next, now, matched, NULL), ERR_INVALID);
}

static void test_totp_verify_code_format(void **state)
{
	(void)state;
	const int64_t now = 1700000015;
	char cur[TOTP_DIGITS + 1];
	code_at(now, 0, cur);
	char spaced[32];
	snprintf(spaced, sizeof(spaced), "%.3s %.3s", cur, cur + 3);
	assert_int_equal(totp_verify(RFC_SECRET_B32, spaced, now, -1, NULL), ERR_OK);
	snprintf(spaced, sizeof(spaced), "  %c %c %c\t%c %c %c  ", cur[0], cur[1], cur[2], cur[3],
		 cur[4], cur[5]);
	assert_int_equal(totp_verify(RFC_SECRET_B32, spaced, now, -1, NULL), ERR_OK);
	char longer[16];
	snprintf(longer, sizeof(longer), "%s0", cur);
	const char *bad[] = {"", "      ", "12345", "1234567", "12a456", "12-456", "+12345",
			     "１２３４５６", longer, cur + 1};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (totp_verify(RFC_SECRET_B32, bad[i], now, -1, NULL) != ERR_INVALID)
			fail_msg("\"%s\" was accepted", bad[i]);
	/* a good code against a broken secret */
	assert_int_equal(totp_verify("not base32!", cur, now, -1, NULL), ERR_INVALID);
}

static void test_totp_uri(void **state)
{
	struct arena *a = *state;
	char *uri = totp_uri(a, "Maths Hubs", "ada.lovelace+1@example.com", RFC_SECRET_B32);
	assert_string_equal(uri, "otpauth://totp/Maths%20Hubs:ada.lovelace%2B1%40example.com"
				 "?secret=" RFC_SECRET_B32 "&issuer=Maths%20Hubs"
				 "&algorithm=SHA1&digits=6&period=30");
	uri = totp_uri(a, "A:B&C", "x?y", "ABC");
	assert_string_equal(uri, "otpauth://totp/A%3AB%26C:x%3Fy?secret=ABC&issuer=A%3AB%26C"
				 "&algorithm=SHA1&digits=6&period=30");
}

/* What follows key in s (a failed test if key is not there). */
static const char *after(const char *s, const char *key)
{
	const char *p = strstr(s, key);
	if (!p)
		fail_msg("no %s in the SVG", key);
	return p + strlen(key);
}

static void test_totp_qr_write(void **state)
{
	struct arena *a = *state;
	char *uri = totp_uri(a, "Maths Hubs", "ada@example.com", RFC_SECRET_B32);
	struct buf out = {0};
	struct html hw = {.out = &out};
	assert_true(totp_qr_write(&hw, uri));
	char *svg = arena_strdup(a, out.data);
	buf_free(&out);
	assert_non_null(svg);
	assert_true(str_starts(svg, "<svg "));
	assert_non_null(strstr(svg, "role=\"img\""));
	assert_non_null(strstr(svg, "aria-label=\"QR code for your authenticator app\""));
	assert_non_null(strstr(svg, "width=\"200\" height=\"200\""));
	assert_int_equal(strcmp(svg + strlen(svg) - 6, "</svg>"), 0);
	/* exactly one path */
	const char *d = after(svg, "<path ");
	assert_null(strstr(d, "<path"));

	QRcode *qr = QRcode_encodeString(uri, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	assert_non_null(qr);
	int w = qr->width, n = w + 8;
	int v0, v1, v2, v3;
	assert_int_equal(sscanf(after(svg, "viewBox=\""), "%d %d %d %d", &v0, &v1, &v2, &v3), 4);
	assert_int_equal(v0, 0);
	assert_int_equal(v1, 0);
	assert_int_equal(v2, n);
	assert_int_equal(v3, n);

	/* Draw the path's runs and compare with libqrencode's matrix, module by
	 * module: the quiet zone must be empty. */
	unsigned char *drawn = calloc((size_t)n * (size_t)n, 1);
	assert_non_null(drawn);
	const char *p = after(d, "d=\"");
	while (*p == 'M') {
		int x, y, run, back, used;
		if (sscanf(p, "M%d %dh%dv1h-%dz%n", &x, &y, &run, &back, &used) != 4)
			fail_msg("unexpected path data at %.20s", p);
		assert_int_equal(run, back);
		assert_true(x >= 0 && y >= 0 && y < n && run > 0 && x + run <= n);
		for (int k = 0; k < run; k++) {
			assert_int_equal(drawn[y * n + x + k], 0); /* no overlaps */
			drawn[y * n + x + k] = 1;
		}
		p += used;
	}
	assert_int_equal(*p, '"');
	for (int y = 0; y < n; y++)
		for (int x = 0; x < n; x++) {
			bool in = x >= 4 && y >= 4 && x < w + 4 && y < w + 4;
			int dark = in ? qr->data[(y - 4) * w + (x - 4)] & 1 : 0;
			if (drawn[y * n + x] != dark)
				fail_msg("module (%d, %d): drawn %d, QR code %d", x, y, drawn[y * n + x],
					 dark);
		}
	free(drawn);
	QRcode_free(qr);
}

static void test_totp_qr_write_too_long(void **state)
{
	struct arena *a = *state;
	/* A version 40 code at level M holds 2331 bytes */
	size_t len = 4000;
	char *text = arena_alloc(a, len + 1);
	memset(text, 'x', len);
	struct buf out = {0};
	struct html hw = {.out = &out};
	assert_false(totp_qr_write(&hw, text));
	assert_int_equal(out.len, 0);
}

/* ---- tokens ---- */

static int cmp_str(const void *x, const void *y)
{
	return strcmp((const char *)x, (const char *)y);
}

static void test_token_new(void **state)
{
	(void)state;
	enum { N = 1000 };
	char(*tokens)[TOKEN_LEN + 1] = calloc(N, sizeof(*tokens));
	assert_non_null(tokens);
	for (int i = 0; i < N; i++) {
		token_new(tokens[i]);
		assert_int_equal(strlen(tokens[i]), TOKEN_LEN);
		assert_int_equal(strspn(tokens[i], "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
						   "abcdefghijklmnopqrstuvwxyz0123456789-_"),
				 TOKEN_LEN);
		unsigned char raw[64];
		size_t n = 0;
		assert_int_equal(sodium_base642bin(raw, sizeof(raw), tokens[i], TOKEN_LEN, NULL, &n,
						   NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
				 0);
		assert_int_equal(n, 32);
	}
	qsort(tokens, N, sizeof(*tokens), cmp_str);
	for (int i = 1; i < N; i++)
		assert_string_not_equal(tokens[i - 1], tokens[i]);
	free(tokens);
}

static void test_token_hash(void **state)
{
	(void)state;
	char h[TOKEN_HASH_LEN + 1];
	/* python3: hashlib.blake2b(b'abc', digest_size=32).hexdigest(); b2sum -l 256 */
	token_hash("abc", h);
	assert_string_equal(h, "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
	token_hash("", h);
	assert_string_equal(h, "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
	token_hash("abcde-fghjk", h);
	assert_string_equal(h, "1f3926c766c1fae63ddff54ea1640b87ea0165c16f24b23381eb1beef9a41c07");
	char t[TOKEN_LEN + 1], h1[TOKEN_HASH_LEN + 1], h2[TOKEN_HASH_LEN + 1];
	token_new(t);
	token_hash(t, h1);
	token_hash(t, h2);
	assert_string_equal(h1, h2);
	assert_int_equal(strlen(h1), TOKEN_HASH_LEN);
	assert_int_equal(strspn(h1, "0123456789abcdef"), TOKEN_HASH_LEN);
	assert_string_not_equal(h1, t);
}

static void test_token_equal(void **state)
{
	(void)state;
	char t[TOKEN_LEN + 1], u[TOKEN_LEN + 1];
	token_new(t);
	memcpy(u, t, sizeof(u));
	assert_true(token_equal(t, u));
	u[TOKEN_LEN - 1] = u[TOKEN_LEN - 1] == 'A' ? 'B' : 'A';
	assert_false(token_equal(t, u));
	u[TOKEN_LEN - 1] = '\0';
	assert_false(token_equal(t, u));
	assert_false(token_equal(u, t));
	assert_true(token_equal("", ""));
	assert_false(token_equal("", "a"));
}

/* ---- recovery codes ---- */

static const char recovery_alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";

static void test_recovery_new(void **state)
{
	(void)state;
	char codes[RECOVERY_COUNT][RECOVERY_LEN + 1];
	recovery_new(codes);
	for (int i = 0; i < RECOVERY_COUNT; i++) {
		const char *c = codes[i];
		assert_int_equal(strlen(c), 11);
		assert_int_equal(strspn(c, recovery_alphabet), 5);
		assert_int_equal(c[5], '-');
		assert_int_equal(strspn(c + 6, recovery_alphabet), 5);
		char n[RECOVERY_LEN + 1];
		recovery_normalise(c, n);
		assert_string_equal(n, c);
		for (int j = 0; j < i; j++)
			assert_string_not_equal(codes[j], c);
	}
}

static void test_recovery_uniform(void **state)
{
	(void)state;
	/* 31,000 characters: each letter about 1,000 times. A count outside
	 * 750..1250 is more than 8 standard deviations out. */
	unsigned counts[sizeof(recovery_alphabet) - 1] = {0};
	for (int round = 0; round < 310; round++) {
		char codes[RECOVERY_COUNT][RECOVERY_LEN + 1];
		recovery_new(codes);
		for (int i = 0; i < RECOVERY_COUNT; i++)
			for (int k = 0; k < RECOVERY_LEN; k++)
				if (k != 5)
					counts[strchr(recovery_alphabet, codes[i][k]) - recovery_alphabet]++;
	}
	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++)
		if (counts[i] < 750 || counts[i] > 1250)
			fail_msg("'%c' drawn %u times of 31000", recovery_alphabet[i], counts[i]);
}

static void test_recovery_normalise(void **state)
{
	(void)state;
	const char *same[] = {"abcde-fghjk", "ABCDE-FGHJK", "abcdefghjk", " abcde fghjk ",
			      "abc de-fg hjk", "AbCdE\tfGhJk", "a-b-c-d-e-f-g-h-j-k"};
	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		char out[RECOVERY_LEN + 1];
		recovery_normalise(same[i], out);
		if (strcmp(out, "abcde-fghjk"))
			fail_msg("\"%s\" gave \"%s\"", same[i], out);
	}
	const char *bad[] = {"", "abcde-fghj", "abcde-fghjkm", "abcde-fghj1", "abcde-fghjo",
			     "abcde-fghjl", "abcde-fghji", "abcde-fghj0", "abcde_fghjk", "abcdé-fghjk"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char out[RECOVERY_LEN + 1] = "unchanged!";
		recovery_normalise(bad[i], out);
		if (out[0])
			fail_msg("\"%s\" gave \"%s\", expected \"\"", bad[i], out);
	}
	/* typed loosely, it hashes like the stored code */
	char codes[RECOVERY_COUNT][RECOVERY_LEN + 1];
	recovery_new(codes);
	char typed[32], n[RECOVERY_LEN + 1], h1[TOKEN_HASH_LEN + 1], h2[TOKEN_HASH_LEN + 1];
	snprintf(typed, sizeof(typed), " %.5s %.5s ", codes[3], codes[3] + 6);
	for (char *c = typed; *c; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	recovery_normalise(typed, n);
	token_hash(n, h1);
	token_hash(codes[3], h2);
	assert_string_equal(h1, h2);
}

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

/* ---- sealed secrets ---- */

static void test_sealed_round_trip_and_binding(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	unsigned char k[32];
	randombytes_buf(k, sizeof(k));
	sealed_set_key(k);
	const char *secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
	const char *s1 = seal(a, secret, "totp:7"), *s2 = seal(a, secret, "totp:7");
	assert_true(!strncmp(s1, "v1:", 3));
	assert_null(strstr(s1, secret));
	assert_string_not_equal(s1, s2); /* a fresh nonce each time */
	/* opened independently with libsodium: nonce, then ciphertext and tag */
	unsigned char raw[200], out[64];
	size_t len;
	unsigned long long olen;
	assert_int_equal(sodium_base642bin(raw, sizeof(raw), s1 + 3, strlen(s1 + 3), NULL, &len, NULL,
					   sodium_base64_VARIANT_URLSAFE_NO_PADDING), 0);
	assert_int_equal(crypto_aead_xchacha20poly1305_ietf_decrypt(out, &olen, NULL, raw + 24, len - 24,
								    (const unsigned char *)"totp:7", 6, raw, k), 0);
	assert_int_equal(olen, strlen(secret));
	assert_memory_equal(out, secret, olen);
	const char *plain;
	assert_int_equal(unseal(a, s1, "totp:7", &plain), ERR_OK);
	assert_string_equal(plain, secret);
	/* another record, another key, a flipped character, a cut: refused */
	assert_int_equal(unseal(a, s1, "totp:8", &plain), ERR_SYSTEM);
	assert_null(plain);
	char *bad = arena_strdup(a, s1);
	bad[10] = bad[10] == 'A' ? 'B' : 'A';
	assert_int_equal(unseal(a, bad, "totp:7", &plain), ERR_SYSTEM);
	assert_int_equal(unseal(a, arena_strndup(a, s1, 20), "totp:7", &plain), ERR_SYSTEM);
	assert_int_equal(unseal(a, "v1:!!!", "totp:7", &plain), ERR_SYSTEM);
	/* too long to seal: NULL, never stored unsealed */
	char longer[300];
	memset(longer, 'A', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	assert_null(seal(a, longer, "totp:7"));
	assert_true(!strncmp(s1, SEALED_PREFIX, strlen(SEALED_PREFIX)));
	unsigned char other[32];
	randombytes_buf(other, sizeof(other));
	sealed_set_key(other);
	assert_int_equal(unseal(a, s1, "totp:7", &plain), ERR_SYSTEM);
	/* no key: a sealed value cannot be opened (fail closed); plain values pass */
	sealed_set_key(NULL);
	assert_false(sealed_has_key());
	assert_int_equal(unseal(a, s1, "totp:7", &plain), ERR_SYSTEM);
	assert_string_equal(seal(a, secret, "totp:7"), secret);
	assert_int_equal(unseal(a, secret, "totp:7", &plain), ERR_OK);
	assert_string_equal(plain, secret);
	arena_free(a);
}

static void test_keyed_hash(void **state)
{
	(void)state;
	char h[KEYED_HASH_LEN + 1], t[TOKEN_HASH_LEN + 1];
	sealed_set_key(NULL);
	keyed_hash("abcde-fghjk", h);
	token_hash("abcde-fghjk", t);
	assert_string_equal(h, t); /* no key: the plain hash, as before */
	unsigned char k[32], sub[32], raw[32];
	randombytes_buf(k, sizeof(k));
	sealed_set_key(k);
	keyed_hash("abcde-fghjk", h);
	/* computed independently: BLAKE2b-256 keyed with subkey 1 of context "mhcodes1" */
	crypto_kdf_derive_from_key(sub, sizeof(sub), 1, "mhcodes1", k);
	crypto_generichash(raw, sizeof(raw), (const unsigned char *)"abcde-fghjk", 11, sub, sizeof(sub));
	char hex[65];
	sodium_bin2hex(hex, sizeof(hex), raw, sizeof(raw));
	assert_int_equal(strlen(h), KEYED_HASH_LEN);
	assert_memory_equal(h, "k1:", 3);
	assert_string_equal(h + 3, hex);
	char again[KEYED_HASH_LEN + 1];
	keyed_hash("abcde-fghjk", again);
	assert_string_equal(h, again);
	k[0] ^= 1;
	sealed_set_key(k);
	keyed_hash("abcde-fghjk", again);
	assert_string_not_equal(h, again); /* another key, another hash */
	sealed_set_key(NULL);
}

static void test_sealed_load_key(void **state)
{
	(void)state;
	char dir[256], path[300], err[256];
	assert_int_equal(unit_tmpdir_make(dir), 0);
	snprintf(path, sizeof(path), "%s/key", dir);
	static const struct {
		const char *text;
		bool ok;
	} cases[] = {
		{"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n", true},
		{"  000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F  \n", true},
		{"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e", false}, /* 31 bytes */
		{"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20", false},
		{"zz0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", false},
		{"", false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs(cases[i].text, f);
		fclose(f);
		sealed_set_key(NULL);
		err[0] = '\0';
		enum err e = sealed_load_key(path, err, sizeof(err));
		assert_int_equal(e == ERR_OK, cases[i].ok);
		assert_int_equal(sealed_has_key(), cases[i].ok);
		if (!cases[i].ok)
			assert_non_null(strstr(err, "64 hex digits"));
	}
	/* the key read is the one in the file: a value sealed with it opens in libsodium */
	FILE *f = fopen(path, "w");
	fputs(cases[0].text, f);
	fclose(f);
	assert_int_equal(sealed_load_key(path, err, sizeof(err)), ERR_OK);
	struct arena *a = arena_new();
	const char *s = seal(a, "ABC", "totp:1");
	unsigned char raw[100], out[8], k[32];
	for (int i = 0; i < 32; i++)
		k[i] = (unsigned char)i;
	size_t len;
	unsigned long long olen;
	sodium_base642bin(raw, sizeof(raw), s + 3, strlen(s + 3), NULL, &len, NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	assert_int_equal(crypto_aead_xchacha20poly1305_ietf_decrypt(out, &olen, NULL, raw + 24, len - 24,
								    (const unsigned char *)"totp:1", 6, raw, k), 0);
	assert_memory_equal(out, "ABC", 3);
	arena_free(a);
	unlink(path);
	assert_int_equal(sealed_load_key(path, err, sizeof(err)), ERR_INVALID); /* missing */
	assert_non_null(strstr(err, "cannot be read"));
	sealed_set_key(NULL);
	unit_tmpdir_remove(dir);
}

int main(void)
{
	log_set_quiet(1);
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_hotp_rfc4226_vectors),
		T(test_hotp_rejects_bad_arguments),
		T(test_totp_rfc6238_vectors),
		T(test_totp_rejects_bad_arguments),
		T(test_totp_new_secret),
		T(test_totp_base32_encoding),
		T(test_totp_agrees_with_oathtool),
		T(test_totp_verify_window),
		T(test_totp_verify_refuses_replay),
		T(test_totp_verify_code_format),
		T(test_totp_uri),
		T(test_totp_qr_write),
		T(test_totp_qr_write_too_long),
		T(test_token_new),
		T(test_token_hash),
		T(test_token_equal),
		T(test_recovery_new),
		T(test_recovery_uniform),
		T(test_recovery_normalise),
		T(test_sealed_round_trip_and_binding),
		T(test_sealed_load_key),
		T(test_keyed_hash),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
