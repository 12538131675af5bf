/* sealed.c - see sealed.h. */
#include "auth/sealed.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "auth/token.h"
#include "core/arena.h"

#define NONCE crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG crypto_aead_xchacha20poly1305_ietf_ABYTES
#define MAX_PLAIN 256

static unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
static bool has_key;

void sealed_set_key(const unsigned char *k)
{
	if (sodium_init() < 0)
		k = NULL; /* no random nonces: nothing is sealed */
	if (k) {
		memcpy(key, k, sizeof(key));
		sodium_mlock(key, sizeof(key));
	} else {
		sodium_memzero(key, sizeof(key));
	}
	has_key = k != NULL;
}

bool sealed_has_key(void)
{
	return has_key;
}

enum err sealed_load_key(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "--secret-key-file %s: cannot be read", path);
		return ERR_INVALID;
	}
	char text[200];
	size_t n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	unsigned char k[sizeof(key)];
	size_t len = 0;
	const char *end = NULL;
	bool ok = sodium_hex2bin(k, sizeof(k), text, n, " \t\r\n", &len, &end) == 0 && len == sizeof(k);
	ok = ok && end && strspn(end, " \t\r\n") == strlen(end);
	sodium_memzero(text, sizeof(text));
	if (!ok) {
		snprintf(err, errlen, "--secret-key-file %s: expected 64 hex digits (32 random bytes), e.g. from "
				      "\"head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \\n'\"", path);
		sodium_memzero(k, sizeof(k));
		return ERR_INVALID;
	}
	sealed_set_key(k);
	sodium_memzero(k, sizeof(k));
	return ERR_OK;
}

const char *seal(struct arena *a, const char *plain, const char *bound_to)
{
	size_t n = strlen(plain);
	if (!has_key)
		return arena_strdup(a, plain);
	if (n > MAX_PLAIN)
		return NULL; /* never stored unsealed when there is a key */
	unsigned char raw[NONCE + MAX_PLAIN + TAG];
	randombytes_buf(raw, NONCE);
	unsigned long long clen = 0;
	crypto_aead_xchacha20poly1305_ietf_encrypt(raw + NONCE, &clen, (const unsigned char *)plain, n,
						   (const unsigned char *)bound_to, strlen(bound_to), NULL, raw, key);
	size_t b64 = sodium_base64_ENCODED_LEN(NONCE + clen, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *out = arena_alloc(a, sizeof(SEALED_PREFIX) - 1 + b64);
	memcpy(out, SEALED_PREFIX, sizeof(SEALED_PREFIX) - 1);
	sodium_bin2base64(out + sizeof(SEALED_PREFIX) - 1, b64, raw, NONCE + clen, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return out;
}

enum err unseal(struct arena *a, const char *stored, const char *bound_to, const char **plain)
{
	*plain = NULL;
	if (strncmp(stored, SEALED_PREFIX, sizeof(SEALED_PREFIX) - 1)) {
		*plain = arena_strdup(a, stored); /* stored before there was a key */
		return ERR_OK;
	}
	if (!has_key)
		return ERR_SYSTEM;
	unsigned char raw[NONCE + MAX_PLAIN + TAG];
	size_t len = 0;
	const char *b64 = stored + sizeof(SEALED_PREFIX) - 1;
	if (sodium_base642bin(raw, sizeof(raw), b64, strlen(b64), NULL, &len, NULL,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) || len < NONCE + TAG)
		return ERR_SYSTEM;
	char *out = arena_alloc(a, len - NONCE - TAG + 1);
	unsigned long long plen = 0;
	if (crypto_aead_xchacha20poly1305_ietf_decrypt((unsigned char *)out, &plen, NULL, raw + NONCE, len - NONCE,
						       (const unsigned char *)bound_to, strlen(bound_to), raw, key))
		return ERR_SYSTEM;
	out[plen] = '\0';
	*plain = out;
	return ERR_OK;
}

void keyed_hash(const char *in, char out[KEYED_HASH_LEN + 1])
{
	if (!has_key) {
		token_hash(in, out);
		return;
	}
	unsigned char sub[crypto_generichash_KEYBYTES], h[32];
	crypto_kdf_derive_from_key(sub, sizeof(sub), 1, "mhcodes1", key);
	crypto_generichash(h, sizeof(h), (const unsigned char *)in, strlen(in), sub, sizeof(sub));
	sodium_memzero(sub, sizeof(sub));
	memcpy(out, "k1:", 3);
	sodium_bin2hex(out + 3, KEYED_HASH_LEN + 1 - 3, h, sizeof(h));
}

void keyed_token(const char *in, char out[TOKEN_LEN + 1])
{
	unsigned char sub[crypto_generichash_KEYBYTES], h[32];
	if (has_key)
		crypto_kdf_derive_from_key(sub, sizeof(sub), 2, "mhlinks1", key);
	crypto_generichash(h, sizeof(h), (const unsigned char *)in, strlen(in), has_key ? sub : NULL,
			   has_key ? sizeof(sub) : 0);
	sodium_memzero(sub, sizeof(sub));
	sodium_bin2base64(out, TOKEN_LEN + 1, h, sizeof(h), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}
