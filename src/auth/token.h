/*
 * token.h - secrets for links and sessions: random tokens, the hash the
 * database stores in their place, and a constant-time comparison.
 *
 * A token goes to the user (a cookie, a link in an email) and is never
 * stored or logged; the database holds token_hash(token), so a copy of the
 * database opens no session and follows no link. Tokens carry 256 bits, so
 * a fast hash is enough (nothing to guess, unlike a password).
 * Pure apart from the system's random generator; thread-safe.
 */
#ifndef MH_AUTH_TOKEN_H
#define MH_AUTH_TOKEN_H

#include <stdbool.h>

/* Characters of a token: 32 bytes as unpadded base64url. */
#define TOKEN_LEN 43
/* Characters of a token's hash: BLAKE2b-256 as lowercase hex. */
#define TOKEN_HASH_LEN 64

/* Writes a new token (TOKEN_LEN characters of [A-Za-z0-9_-], then a NUL)
 * into out: 32 bytes from libsodium's randombytes_buf, base64url without
 * padding, so it is safe in URLs and cookies as is. */
void token_new(char out[TOKEN_LEN + 1]);

/* Writes the lowercase hex of the unkeyed BLAKE2b-256 of the string token
 * (its bytes up to the NUL) into out: what the database stores and looks
 * up. Deterministic; any string is accepted. */
void token_hash(const char *token, char out[TOKEN_HASH_LEN + 1]);

/* true if the strings a and b are equal. The time taken depends on their
 * lengths only (false at once if those differ), never on where they first
 * differ. */
bool token_equal(const char *a, const char *b);

#endif
