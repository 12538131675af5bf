/*
 * sealed.h - secrets the service must read back, such as authenticator
 * keys (it needs the key itself to check a code, so it cannot store a
 * hash), kept encrypted at rest with the deployment's key
 * (--secret-key-file: 32 bytes as 64 hex digits, the same for every
 * process of a deployment).
 *
 * Sealed form: "v1:" then unpadded base64url of a random 24-byte nonce and
 * the XChaCha20-Poly1305 ciphertext with its tag (libsodium
 * crypto_aead_xchacha20poly1305_ietf). The associated data binds a sealed
 * value to its record ("totp:42"), so it cannot be copied to another row.
 * Without a key (development) values are stored as they are; values stored
 * before the key was set are sealed when a process starts with the key
 * (accounts_reseal). The key is loaded once, before any thread starts.
 */
#ifndef MH_AUTH_SEALED_H
#define MH_AUTH_SEALED_H

#include <stdbool.h>
#include <stddef.h>

#include "auth/token.h"
#include "core/err.h"

struct arena;

/* Reads the key from path (64 hex digits, surrounding whitespace allowed).
 * ERR_INVALID with a message in err when the file cannot be read or does
 * not hold a key. */
enum err sealed_load_key(const char *path, char *err, size_t errlen);

/* Uses key (32 bytes) from now on, or none with NULL (tests). */
void sealed_set_key(const unsigned char *key);

bool sealed_has_key(void);

/* plain sealed for the record bound_to, in a; plain itself (copied) when
 * there is no key; NULL when plain is over 256 bytes (never stored
 * unsealed while there is a key). */
const char *seal(struct arena *a, const char *plain, const char *bound_to);

/* The plain text of a stored value into *plain (in a). ERR_SYSTEM when it
 * is sealed but cannot be opened here: no key, another key, or tampered
 * with; the caller must then fail closed. */
enum err unseal(struct arena *a, const char *stored, const char *bound_to, const char **plain);

/* Characters of a keyed_hash: "k1:" and 64 hex digits. */
#define KEYED_HASH_LEN 67

/* A hash to look a short secret up by (recovery codes: about 50 bits,
 * which a plain hash leaves open to guessing offline): with a key, "k1:"
 * and the hex of BLAKE2b-256 keyed with a subkey of the key (so a copy of
 * the database alone cannot be searched); without one, token_hash(in).
 * Deterministic for a given key. */
void keyed_hash(const char *in, char out[KEYED_HASH_LEN + 1]);

/* A link's secret that must be shown again, so is made rather than kept
 * (an online event's joining link: the database keeps only its
 * token_hash): TOKEN_LEN characters of base64url, the BLAKE2b-256 of in
 * keyed with a subkey of the key, so nobody without the key can make one
 * from the ids in it; without a key (development), unkeyed: anyone who
 * knows in can make it. Deterministic for a given key. */
void keyed_token(const char *in, char out[TOKEN_LEN + 1]);

/* The start of every sealed value (for SQL that looks for unsealed ones). */
#define SEALED_PREFIX "v1:"

#endif
