/*
 * totp.c - see totp.h. RFC 4226/6238 by liboath; base32 encoding here (one
 * fixed length, no allocation), decoding by liboath; QR codes by
 * libqrencode.
 */
#include "auth/totp.h"

#include "html/html.h"

#include <errno.h>
#include <liboath/oath.h>
#include <pthread.h>
#include <qrencode.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/url.h"
#include "core/util.h"

/* RFC 4226 section 4, R6: a shared secret of at least 128 bits. */
#define SECRET_MIN_BYTES 16
/* Longest secret totp_code accepts (our own are 20 bytes; SHA-512 keys 64). */
#define SECRET_MAX_BYTES 128

#define QR_QUIET 4   /* modules of white around the code (ISO/IEC 18004) */
#define QR_PIXELS 200

_Static_assert(TOTP_SECRET_B32_LEN == (TOTP_SECRET_BYTES * 8 + 4) / 5,
	       "20 bytes are 32 base32 characters");
_Static_assert(TOTP_SECRET_BYTES % 5 == 0, "base32 without padding needs a multiple of 5 bytes");

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static int oath_status = OATH_OK;

static void libs_start(void)
{
	if (sodium_init() < 0)
		fatal("libsodium failed to initialise");
	oath_status = oath_init();
}

/* liboath is ready (or ERR_SYSTEM if oath_init failed). */
static enum err start(void)
{
	pthread_once(&init_once, libs_start);
	return oath_status == OATH_OK ? ERR_OK : ERR_SYSTEM;
}

void totp_new_secret(char out[TOTP_SECRET_B32_LEN + 1])
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	unsigned char raw[TOTP_SECRET_BYTES];
	pthread_once(&init_once, libs_start);
	randombytes_buf(raw, sizeof(raw));
	size_t o = 0;
	for (size_t i = 0; i < sizeof(raw); i += 5) {
		uint64_t group = 0; /* 5 bytes = 40 bits = 8 characters */
		for (size_t k = 0; k < 5; k++)
			group = group << 8 | raw[i + k];
		for (int k = 7; k >= 0; k--)
			out[o++] = alphabet[(group >> (5 * k)) & 31];
	}
	out[o] = '\0';
	sodium_memzero(raw, sizeof(raw));
}

static enum err check_digits(int digits)
{
	return digits >= 6 && digits <= 8 ? ERR_OK : ERR_INVALID;
}

enum err totp_code_alg(const unsigned char *key, size_t keylen, int64_t t, int digits, int alg,
		       char *out)
{
	int flags;
	switch (alg) {
	case TOTP_ALG_SHA1:
		flags = 0;
		break;
	case TOTP_ALG_SHA256:
		flags = OATH_TOTP_HMAC_SHA256;
		break;
	case TOTP_ALG_SHA512:
		flags = OATH_TOTP_HMAC_SHA512;
		break;
	default:
		return ERR_INVALID;
	}
	/* liboath answers for negative times too, with a meaningless code. */
	if (keylen == 0 || t < 0 || (int64_t)(time_t)t != t || check_digits(digits) != ERR_OK)
		return ERR_INVALID;
	enum err e = start();
	if (e != ERR_OK)
		return e;
	int rc = oath_totp_generate2((const char *)key, keylen, (time_t)t, TOTP_STEP, 0,
				     (unsigned)digits, flags, out);
	return rc == OATH_OK ? ERR_OK : ERR_SYSTEM;
}

enum err hotp_code(const unsigned char *key, size_t keylen, uint64_t counter, int digits, char *out)
{
	if (keylen == 0 || check_digits(digits) != ERR_OK)
		return ERR_INVALID;
	enum err e = start();
	if (e != ERR_OK)
		return e;
	int rc = oath_hotp_generate((const char *)key, keylen, counter, (unsigned)digits, false,
				    OATH_HOTP_DYNAMIC_TRUNCATION, out);
	return rc == OATH_OK ? ERR_OK : ERR_SYSTEM;
}

/* The key of a base32 secret into key (SECRET_MAX_BYTES), its length into
 * *keylen. The caller wipes key. */
static enum err decode_secret(const char *secret_b32, unsigned char key[SECRET_MAX_BYTES],
			      size_t *keylen)
{
	enum err e = start();
	if (e != ERR_OK)
		return e;
	char *bin = NULL;
	size_t n = 0;
	if (oath_base32_decode(secret_b32, strlen(secret_b32), &bin, &n) != OATH_OK) {
		free(bin);
		return ERR_INVALID;
	}
	e = n >= SECRET_MIN_BYTES && n <= SECRET_MAX_BYTES ? ERR_OK : ERR_INVALID;
	if (e == ERR_OK) {
		memcpy(key, bin, n);
		*keylen = n;
	}
	if (bin) {
		sodium_memzero(bin, n);
		free(bin);
	}
	return e;
}

enum err totp_code(const char *secret_b32, int64_t t, char out[TOTP_DIGITS + 1])
{
	unsigned char key[SECRET_MAX_BYTES];
	size_t keylen = 0;
	enum err e = decode_secret(secret_b32, key, &keylen);
	if (e == ERR_OK)
		e = totp_code_alg(key, keylen, t, TOTP_DIGITS, TOTP_ALG_SHA1, out);
	sodium_memzero(key, sizeof(key));
	return e;
}

/* The 6 digits of a typed code, without its spaces, or ERR_INVALID. */
static enum err parse_code(const char *code, char digits[TOTP_DIGITS + 1])
{
	size_t n = 0;
	for (const char *c = code; *c; c++) {
		if (*c == ' ' || *c == '\t')
			continue;
		if (*c < '0' || *c > '9' || n == TOTP_DIGITS)
			return ERR_INVALID;
		digits[n++] = *c;
	}
	digits[n] = '\0';
	return n == TOTP_DIGITS ? ERR_OK : ERR_INVALID;
}

enum err totp_verify(const char *secret_b32, const char *code, int64_t now, int64_t last_used_step,
		     int64_t *matched_step)
{
	char typed[TOTP_DIGITS + 1];
	unsigned char key[SECRET_MAX_BYTES];
	size_t keylen = 0;
	/* The bound keeps (now / 30 + 1) * 30 from overflowing. */
	if (now < 0 || now > INT64_MAX - 2 * TOTP_STEP || parse_code(code, typed) != ERR_OK)
		return ERR_INVALID;
	enum err e = decode_secret(secret_b32, key, &keylen);
	if (e != ERR_OK)
		goto out;
	int64_t step = now / TOTP_STEP, found = -1;
	/* Every step still allowed is computed and compared, matched or not. */
	for (int64_t s = step + 1; s >= step - 1; s--) {
		char expected[TOTP_DIGITS + 1];
		if (s < 0 || s <= last_used_step)
			continue;
		e = totp_code_alg(key, keylen, s * TOTP_STEP, TOTP_DIGITS, TOTP_ALG_SHA1, expected);
		if (e != ERR_OK)
			goto out;
		if (sodium_memcmp(expected, typed, TOTP_DIGITS) == 0)
			found = s; /* downwards, so the earliest wins */
	}
	if (found < 0) {
		e = ERR_INVALID;
		goto out;
	}
	if (matched_step)
		*matched_step = found;
out:
	sodium_memzero(key, sizeof(key));
	return e;
}

char *totp_uri(struct arena *a, const char *issuer, const char *account, const char *secret_b32)
{
	const char *iss = url_path_join(a, "", issuer);
	return arena_printf(a, "otpauth://totp/%s:%s?secret=%s&issuer=%s&algorithm=SHA1&digits=6&period=30",
			    iss, url_path_join(a, "", account), url_path_join(a, "", secret_b32), iss);
}

bool totp_qr_write(struct html *w, const char *text)
{
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!qr) {
		if (errno == ENOMEM)
			fatal("out of memory encoding a QR code");
		return false; /* ERANGE: too long; EINVAL cannot happen with these arguments */
	}
	int width = qr->width, size = width + 2 * QR_QUIET;
	H_RAW(w, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"mh-qr\" viewBox=\"0 0 ");
	html_int(w, size);
	H_RAW(w, " ");
	html_int(w, size);
	H_RAW(w, "\" width=\"");
	html_int(w, QR_PIXELS);
	H_RAW(w, "\" height=\"");
	html_int(w, QR_PIXELS);
	H_RAW(w, "\" role=\"img\" aria-label=\"QR code for your authenticator app\" "
		 "shape-rendering=\"crispEdges\"><rect width=\"");
	html_int(w, size);
	H_RAW(w, "\" height=\"");
	html_int(w, size);
	H_RAW(w, "\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
	/* Each horizontal run of dark modules is one rectangle, one unit high. */
	for (int y = 0; y < width; y++) {
		const unsigned char *row = qr->data + (size_t)y * (size_t)width;
		for (int x = 0; x < width;) {
			if (!(row[x] & 1)) {
				x++;
				continue;
			}
			int run = 1;
			while (x + run < width && (row[x + run] & 1))
				run++;
			H_RAW(w, "M");
			html_int(w, x + QR_QUIET);
			H_RAW(w, " ");
			html_int(w, y + QR_QUIET);
			H_RAW(w, "h");
			html_int(w, run);
			H_RAW(w, "v1h-");
			html_int(w, run);
			H_RAW(w, "z");
			x += run;
		}
	}
	H_RAW(w, "\"/></svg>");
	QRcode_free(qr);
	return true;
}
