/* recovery.c - see recovery.h. */
#include "auth/recovery.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

#include "core/util.h"

#define HALF 5 /* characters either side of the dash */

/* Lowercase letters and digits without i, l, o, 0 and 1 (31 characters). */
static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";

_Static_assert(RECOVERY_LEN == 2 * HALF + 1, "a code is two halves and a dash");

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;

static void sodium_start(void)
{
	if (sodium_init() < 0)
		fatal("libsodium failed to initialise");
}

void recovery_new(char codes[RECOVERY_COUNT][RECOVERY_LEN + 1])
{
	pthread_once(&sodium_once, sodium_start);
	for (size_t i = 0; i < RECOVERY_COUNT; i++) {
		char *c = codes[i];
		for (size_t k = 0; k < RECOVERY_LEN; k++)
			c[k] = k == HALF ? '-'
					 : alphabet[randombytes_uniform((uint32_t)(sizeof(alphabet) - 1))];
		c[RECOVERY_LEN] = '\0';
	}
}

void recovery_normalise(const char *in, char out[RECOVERY_LEN + 1])
{
	size_t n = 0;
	for (const char *p = in; *p; p++) {
		char c = *p;
		if (c == ' ' || c == '\t' || c == '-')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (n == RECOVERY_LEN || !strchr(alphabet, c))
			goto bad;
		if (n == HALF)
			out[n++] = '-';
		out[n++] = c;
	}
	if (n == RECOVERY_LEN) {
		out[n] = '\0';
		return;
	}
bad:
	out[0] = '\0';
}
