/*
 * arena.c - bump allocator in chained blocks. Large requests get a block of
 * their own so that one big allocation does not waste a standard block.
 */
#include "core/arena.h"

#include <stdalign.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

#define ARENA_BLOCK 8192u
#define ARENA_ALIGN _Alignof(max_align_t)

struct block {
	struct block *next;
	size_t size, used;
	alignas(max_align_t) unsigned char data[];
};

struct arena {
	struct block *head;
	size_t total;
};

static struct block *block_new(size_t size)
{
	struct block *b = xmalloc(sizeof(*b) + size);
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

struct arena *arena_new(void)
{
	struct arena *a = xmalloc(sizeof(*a));
	a->head = block_new(ARENA_BLOCK);
	a->total = 0;
	return a;
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	struct block *b = a->head;
	while (b) {
		struct block *next = b->next;
		free(b);
		b = next;
	}
	free(a);
}

void *arena_alloc(struct arena *a, size_t n)
{
	if (n == 0)
		n = 1;
	if (n > SIZE_MAX - ARENA_ALIGN)
		fatal("arena: allocation of %zu bytes", n);
	size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	struct block *b = a->head;
	if (b->size - b->used < need) {
		if (need > ARENA_BLOCK / 4) {
			/* a dedicated block behind the head keeps the head's free space */
			struct block *big = block_new(need);
			big->next = b->next;
			b->next = big;
			big->used = need;
			a->total += need;
			memset(big->data, 0, need);
			return big->data;
		}
		b = block_new(ARENA_BLOCK);
		b->next = a->head;
		a->head = b;
	}
	void *p = b->data + b->used;
	b->used += need;
	a->total += need;
	memset(p, 0, need);
	return p;
}

void *arena_grow(struct arena *a, const void *p, size_t n, size_t cap, size_t size)
{
	if (cap && size > SIZE_MAX / cap)
		fatal("arena_grow: %zu elements of %zu bytes", cap, size);
	void *q = arena_alloc(a, cap * size);
	if (n)
		memcpy(q, p, n * size);
	return q;
}

void *arena_room(struct arena *a, void *arr, size_t n, size_t *cap, size_t size)
{
	if (arr && n < *cap)
		return arr;
	*cap = arr && *cap ? *cap * 2 : 8;
	return arena_grow(a, arr, n, *cap, size);
}

void *arena_push(struct arena *a, void **arr, size_t *n, size_t *cap, size_t size)
{
	*arr = arena_room(a, *arr, *n, cap, size);
	return (char *)*arr + (*n)++ * size;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	if (!s)
		return NULL;
	n = strnlen(s, n); /* like strndup: never read past the string's end */
	char *d = arena_alloc(a, n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatal("arena_printf: bad format");
	char *d = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(d, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return d;
}

size_t arena_used(const struct arena *a)
{
	return a->total;
}

const char *arena_thousands(struct arena *a, long long n)
{
	char digits[24];
	snprintf(digits, sizeof(digits), "%lld", n);
	const char *p = digits + (n < 0);
	size_t len = strlen(p);
	char *out = arena_alloc(a, 2 * len + 2), *o = out;
	if (n < 0)
		*o++ = '-';
	for (size_t i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			*o++ = ',';
		*o++ = p[i];
	}
	*o = '\0';
	return out;
}
