/* rng.c - see demo.h: xoshiro256** (Blackman and Vigna, 2018), seeded
 * through splitmix64 as its authors advise. Pure; the same numbers on
 * every machine. */
#include "demo/demo.h"

uint64_t demo_splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* FNV-1a, 64 bits: a stream's name as a number. */
static uint64_t name_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3u;
	return h;
}

void demo_rng_seed(struct demo_rng *r, uint64_t seed, const char *stream)
{
	uint64_t x = seed ^ name_hash(stream);
	for (int i = 0; i < 4; i++)
		r->s[i] = demo_splitmix64(&x);
}

void demo_rng_state(struct demo_rng *r, const uint64_t s[4])
{
	for (int i = 0; i < 4; i++)
		r->s[i] = s[i];
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t demo_rng_next(struct demo_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint64_t demo_rng_below(struct demo_rng *r, uint64_t n)
{
	if (n <= 1)
		return 0;
	/* values below threshold would make the low numbers likelier: drawn again */
	uint64_t threshold = (0 - n) % n;
	for (;;) {
		uint64_t v = demo_rng_next(r);
		if (v >= threshold)
			return v % n;
	}
}

int64_t demo_rng_range(struct demo_rng *r, int64_t lo, int64_t hi)
{
	return lo + (int64_t)demo_rng_below(r, (uint64_t)(hi - lo) + 1);
}

bool demo_rng_percent(struct demo_rng *r, unsigned pct)
{
	return demo_rng_below(r, 100) < pct;
}
