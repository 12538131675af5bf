/*
 * totp.h - second factor by authenticator app: RFC 6238 time-based one-time
 * passwords (on RFC 4226 HOTP), their otpauth:// enrolment URI, and that URI
 * as a QR code in SVG.
 *
 * The app and the service share a secret of 20 random bytes, shown to the
 * user once as base32 (and as a QR code) and kept by the service in the
 * database. A code is 6 digits of HMAC-SHA-1 over the 30-second step since
 * the Unix epoch. Codes are accepted one step either side of now (clock
 * drift, slow typing), and each step at most once: the caller stores the
 * step that matched and passes it back as last_used_step next time.
 *
 * Uses liboath (RFC 4226/6238) and libqrencode. No I/O, no clock: times are
 * passed in (core/clock in the service, fixed times in tests).
 * Thread-safe.
 */
#ifndef MH_AUTH_TOTP_H
#define MH_AUTH_TOTP_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

struct arena;

/* Bytes of a new secret (160 bits, as RFC 4226 recommends). */
#define TOTP_SECRET_BYTES 20
/* Characters of a new secret in base32 (no padding needed for 20 bytes). */
#define TOTP_SECRET_B32_LEN 32
/* Digits of a code, and seconds of a step. */
#define TOTP_DIGITS 6
#define TOTP_STEP 30

/* HMAC algorithms for totp_code_alg. */
#define TOTP_ALG_SHA1 1
#define TOTP_ALG_SHA256 256
#define TOTP_ALG_SHA512 512

/* Writes a new secret into out: TOTP_SECRET_BYTES random bytes as RFC 4648
 * base32, uppercase, without padding (TOTP_SECRET_B32_LEN characters and a
 * NUL). */
void totp_new_secret(char out[TOTP_SECRET_B32_LEN + 1]);

/* Writes the 6-digit code (and a NUL) for the base32 secret secret_b32 at
 * Unix time t into out. ERR_INVALID if the secret is not base32 of at least
 * 16 bytes (spaces and lowercase are accepted) or t is negative;
 * ERR_SYSTEM if liboath fails. */
enum err totp_code(const char *secret_b32, int64_t t, char out[TOTP_DIGITS + 1]);

/* Checks the code a user typed against secret_b32 at Unix time now.
 * The code is 6 ASCII digits; spaces and tabs anywhere are ignored
 * ("123 456"). It is accepted for the steps now/30 - 1, now/30 and
 * now/30 + 1, except any step <= last_used_step (a code once used cannot be
 * used again: pass -1 when none has been). On ERR_OK the step that matched
 * (the earliest if several did) is written to *matched_step (if not NULL),
 * for the caller to store as the new last_used_step. ERR_INVALID if the
 * code is malformed, wrong, too old or too new, or already used, or if the
 * secret is not valid base32 (as for totp_code); ERR_SYSTEM if liboath
 * fails. Comparisons are constant-time. */
enum err totp_verify(const char *secret_b32, const char *code, int64_t now, int64_t last_used_step,
		     int64_t *matched_step);

/* The otpauth:// URI that enrols an authenticator app (Google's Key URI
 * format): otpauth://totp/ISSUER:ACCOUNT?secret=SECRET&issuer=ISSUER
 * &algorithm=SHA1&digits=6&period=30, with issuer and account
 * percent-encoded (everything but A-Z a-z 0-9 - . _ ~). Allocated in a. */
char *totp_uri(struct arena *a, const char *issuer, const char *account, const char *secret_b32);

/* Writes the QR code (error correction level M, 8-bit mode) of the string
 * text as inline SVG through the HTML writer: a white background and one
 * <path> of the dark modules, a 4-module quiet zone, a viewBox in modules,
 * width and height 200, role="img" and aria-label="QR code for your
 * authenticator app". Only numbers are dynamic. false (nothing written)
 * if text is too long for a QR code; out of memory aborts. */
struct html;
bool totp_qr_write(struct html *w, const char *text);

/* The lower level, for the RFCs' test vectors. */

/* Writes the RFC 6238 code of digits (6, 7 or 8) digits and a NUL into out
 * (which holds digits + 1 bytes): HMAC with alg (TOTP_ALG_SHA1, _SHA256 or
 * _SHA512) keyed with the keylen (>= 1) bytes at key, over the 30-second
 * step of Unix time t (>= 0). ERR_INVALID for arguments outside those
 * ranges, ERR_SYSTEM if liboath fails. */
enum err totp_code_alg(const unsigned char *key, size_t keylen, int64_t t, int digits, int alg,
		       char *out);

/* Writes the RFC 4226 HOTP value (HMAC-SHA-1, dynamic truncation) of digits
 * (6, 7 or 8) digits and a NUL for counter into out (digits + 1 bytes).
 * ERR_INVALID for bad arguments (keylen 0, digits), ERR_SYSTEM if liboath
 * fails. */
enum err hotp_code(const unsigned char *key, size_t keylen, uint64_t counter, int digits, char *out);

#endif
