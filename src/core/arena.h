/*
 * arena.h - the request lifetime: a bump allocator freed all at once.
 *
 * Handlers allocate from the request's arena and never free; the arena is
 * destroyed when the response has been sent. Out of memory aborts: it is not
 * an error path (see docs/ARCHITECTURE.md, "Three lifetimes").
 * An arena is used by one thread at a time.
 */
#ifndef MH_ARENA_H
#define MH_ARENA_H

#include <stddef.h>

struct arena;

/* A new empty arena. Never NULL (aborts on out of memory). */
struct arena *arena_new(void);

/* Frees every allocation of the arena and the arena itself. NULL is a no-op. */
void arena_free(struct arena *a);

/* n bytes aligned for any type, zeroed. Valid until arena_free. */
void *arena_alloc(struct arena *a, size_t n);

/* Room for cap elements of the given size, holding a copy of the first n
 * elements at p (an array that outgrew its block). The old block stays
 * allocated until arena_free. */
void *arena_grow(struct arena *a, const void *p, size_t n, size_t cap, size_t size);

/* The array arr of elements of size bytes, holding n with room for *cap
 * (0 while arr is NULL), with room for one more: when it is full it moves
 * to a block twice the size (8 elements the first time), zeroed past n. */
void *arena_room(struct arena *a, void *arr, size_t n, size_t *cap, size_t size);

/* The next element, zeroed, of the array *arr (arena_room, then *n + 1). */
void *arena_push(struct arena *a, void **arr, size_t *n, size_t *cap, size_t size);

/* A copy of s (NULL gives NULL) / of at most the first n bytes of s (fewer
 * when s ends sooner, like strndup), NUL-terminated. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* printf into the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* n with a comma between thousands ("34,046", "-4,685"), in a. */
const char *arena_thousands(struct arena *a, long long n);

/* Bytes handed out so far (for tests and metrics). */
size_t arena_used(const struct arena *a);

#endif
