/* token.c - see token.h. libsodium: randombytes, BLAKE2b, sodium_memcmp. */
#include "auth/token.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

#include "core/util.h"

#define TOKEN_BYTES 32

_Static_assert(sodium_base64_ENCODED_LEN(TOKEN_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING) ==
		       TOKEN_LEN + 1,
	       "TOKEN_LEN must match 32 bytes of unpadded base64url");

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;

static void sodium_start(void)
{
	if (sodium_init() < 0)
		fatal("libsodium failed to initialise");
}

void token_new(char out[TOKEN_LEN + 1])
{
	unsigned char raw[TOKEN_BYTES];
	pthread_once(&sodium_once, sodium_start);
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, TOKEN_LEN + 1, raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

void token_hash(const char *token, char out[TOKEN_HASH_LEN + 1])
{
	unsigned char h[TOKEN_HASH_LEN / 2];
	pthread_once(&sodium_once, sodium_start);
	crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, TOKEN_HASH_LEN + 1, h, sizeof(h));
}

bool token_equal(const char *a, const char *b)
{
	size_t n = strlen(a);
	if (strlen(b) != n)
		return false;
	return n == 0 || sodium_memcmp(a, b, n) == 0;
}
