/*
 * strmap.h - a hash table from strings to pointers (open addressing,
 * FNV-1a). It holds neither keys nor values: both belong to the caller
 * (an arena, usually) and must outlive the map. One thread.
 */
#ifndef MH_STRMAP_H
#define MH_STRMAP_H

#include <stddef.h>

struct strmap {
	struct strmap_slot *slots;
	size_t cap, n;
};

/* The value stored for key, or NULL. */
void *strmap_get(const struct strmap *m, const char *key);

/* Stores val (not NULL) for key, replacing what was there. */
void strmap_put(struct strmap *m, const char *key, void *val);

/* Frees the table (not the keys or values); the map is then empty. */
void strmap_free(struct strmap *m);

#endif
