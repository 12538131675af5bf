/* strmap.c - see strmap.h. */
#include "core/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

struct strmap_slot {
	const char *key; /* NULL: empty */
	uint64_t hash;
	void *val;
};

static uint64_t fnv1a(const char *s)
{
	uint64_t h = UINT64_C(14695981039346656037);
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
	return h;
}

/* The slot holding key, or the empty slot where it would go. */
static struct strmap_slot *find(const struct strmap *m, const char *key, uint64_t h)
{
	size_t mask = m->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct strmap_slot *s = &m->slots[i];
		if (!s->key || (s->hash == h && !strcmp(s->key, key)))
			return s;
	}
}

void *strmap_get(const struct strmap *m, const char *key)
{
	if (!m->n)
		return NULL;
	struct strmap_slot *s = find(m, key, fnv1a(key));
	return s->key ? s->val : NULL;
}

static void grow(struct strmap *m)
{
	struct strmap old = *m;
	m->cap = old.cap ? old.cap * 2 : 64;
	m->slots = xmalloc(m->cap * sizeof(*m->slots));
	memset(m->slots, 0, m->cap * sizeof(*m->slots));
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].key)
			*find(m, old.slots[i].key, old.slots[i].hash) = old.slots[i];
	free(old.slots);
}

void strmap_put(struct strmap *m, const char *key, void *val)
{
	if ((m->n + 1) * 4 > m->cap * 3)
		grow(m);
	uint64_t h = fnv1a(key);
	struct strmap_slot *s = find(m, key, h);
	if (!s->key)
		m->n++;
	*s = (struct strmap_slot){.key = key, .hash = h, .val = val};
}

void strmap_free(struct strmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->n = 0;
}
