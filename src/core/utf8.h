/*
 * utf8.h - UTF-8 validation (RFC 3629: no overlongs, no surrogates, at most
 * U+10FFFF). Pure functions.
 */
#ifndef MH_UTF8_H
#define MH_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Length (1..4) of the valid UTF-8 sequence starting at s, reading at most
 * n (>= 1) bytes; 0 if the bytes there are not valid UTF-8. */
size_t utf8_seq_len(const unsigned char *s, size_t n);

/* true if the n bytes at s are valid UTF-8. */
bool utf8_valid(const char *s, size_t n);

/* How many bytes of the string s to keep to cut it to at most max bytes
 * without cutting a character in two (s is UTF-8): strlen(s) when it is
 * no longer. */
size_t utf8_cut(const char *s, size_t max);

/* The characters of the n bytes of UTF-8 at s (its bytes but for the
 * continuation bytes). */
size_t utf8_chars(const char *s, size_t n);

#endif
