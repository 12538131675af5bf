/* stmt_cache.c - see stmt_cache.h. */
#include "db/stmt_cache.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

#define FIRST_CAP 64

/* Addresses of SQL constants lie close together and share their low bits:
 * Fibonacci hashing spreads them over the table. */
static size_t slot_of(const void *key, size_t cap)
{
	uint64_t h = (uint64_t)(uintptr_t)key * UINT64_C(0x9E3779B97F4A7C15);
	return (size_t)(h >> 32) & (cap - 1);
}

void *stmt_cache_get(const struct stmt_cache *c, const void *key)
{
	if (!c->cap)
		return NULL;
	for (size_t i = slot_of(key, c->cap);; i = (i + 1) & (c->cap - 1)) {
		if (c->slots[i].key == key)
			return c->slots[i].val;
		if (!c->slots[i].key)
			return NULL; /* never full: the table grows at half */
	}
}

static void insert(struct stmt_slot *slots, size_t cap, const void *key, void *val)
{
	size_t i = slot_of(key, cap);
	while (slots[i].key)
		i = (i + 1) & (cap - 1);
	slots[i].key = key;
	slots[i].val = val;
}

static void grow(struct stmt_cache *c)
{
	size_t cap = c->cap ? c->cap * 2 : FIRST_CAP;
	struct stmt_slot *slots = xmalloc(cap * sizeof(*slots));
	memset(slots, 0, cap * sizeof(*slots));
	for (size_t i = 0; i < c->cap; i++)
		if (c->slots[i].key)
			insert(slots, cap, c->slots[i].key, c->slots[i].val);
	free(c->slots);
	c->slots = slots;
	c->cap = cap;
}

void stmt_cache_put(struct stmt_cache *c, const void *key, void *val)
{
	if ((c->n + 1) * 2 > c->cap)
		grow(c);
	insert(c->slots, c->cap, key, val);
	c->n++;
}

void stmt_cache_clear(struct stmt_cache *c, void (*fn)(void *val))
{
	for (size_t i = 0; i < c->cap; i++) {
		if (c->slots[i].key) {
			fn(c->slots[i].val);
			c->slots[i].key = NULL;
			c->slots[i].val = NULL;
		}
	}
	c->n = 0;
}

void stmt_cache_free(struct stmt_cache *c)
{
	free(c->slots);
	memset(c, 0, sizeof(*c));
}
