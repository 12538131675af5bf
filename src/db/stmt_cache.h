/*
 * stmt_cache.h - a connection's prepared statements by the address of
 * their SQL text (private to src/db/).
 *
 * An open-addressing hash table of pointers: a lookup is a multiply, a
 * mask and (nearly always) one comparison, and the table doubles when it
 * is half full, so it has no limit. It stores the backend's statements,
 * which the backend allocates one by one: their addresses are handed to
 * callers and must not move when the table grows.
 */
#ifndef MH_STMT_CACHE_H
#define MH_STMT_CACHE_H

#include <stddef.h>

struct stmt_cache {
	struct stmt_slot {
		const void *key; /* NULL: empty */
		void *val;
	} *slots;
	size_t cap; /* a power of two, or 0 before the first put */
	size_t n;
};

/* The value stored for key, or NULL. */
void *stmt_cache_get(const struct stmt_cache *c, const void *key);

/* Stores val for key (not already present; key and val not NULL). */
void stmt_cache_put(struct stmt_cache *c, const void *key, void *val);

/* Calls fn on every value, then empties the table (it stays usable). */
void stmt_cache_clear(struct stmt_cache *c, void (*fn)(void *val));

/* Frees the table itself (the values are the caller's: clear first). */
void stmt_cache_free(struct stmt_cache *c);

#endif
