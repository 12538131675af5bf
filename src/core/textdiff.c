/*
 * textdiff.c - word by word differences (textdiff.h): Myers, "An O(ND)
 * Difference Algorithm and Its Variations" (Algorithmica 1, 1986), the
 * greedy forward search keeping each round's furthest points to walk back.
 */
#include "core/textdiff.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/arena.h"

struct word {
	const char *s;
	size_t len; /* the word and the spaces after it: what is compared */
	uint32_t hash;
};

static bool space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The words of s (leading spaces belong to a first, empty word). */
static struct word *words_of(struct arena *a, const char *s, size_t *n)
{
	size_t cap = 0;
	struct word *w = NULL;
	*n = 0;
	const char *p = s;
	while (*p) {
		const char *start = p;
		while (*p && !space(*p))
			p++;
		while (*p && space(*p))
			p++;
		uint32_t h = 2166136261u; /* FNV-1a */
		for (const char *c = start; c < p; c++)
			h = (h ^ (unsigned char)*c) * 16777619u;
		*(struct word *)arena_push(a, (void **)&w, n, &cap, sizeof(*w)) = (struct word){start, (size_t)(p - start), h};
	}
	return w;
}

static bool same(const struct word *x, const struct word *y)
{
	return x->hash == y->hash && x->len == y->len && !memcmp(x->s, y->s, x->len);
}

struct out {
	struct arena *a;
	struct textdiff_piece *p;
	size_t n, cap;
};

/* Adds words [from, to) of w with op, joined to the last piece when it has
 * the same op and they are contiguous. */
static void emit(struct out *o, enum textdiff_op op, const struct word *w, size_t from, size_t to)
{
	if (from >= to)
		return;
	const char *s = w[from].s;
	size_t len = (size_t)(w[to - 1].s + w[to - 1].len - s);
	struct textdiff_piece *last = o->n ? &o->p[o->n - 1] : NULL;
	if (last && last->op == op && last->text + last->len == s) {
		last->len += len;
		return;
	}
	*(struct textdiff_piece *)arena_push(o->a, (void **)&o->p, &o->n, &o->cap, sizeof(*o->p)) =
		(struct textdiff_piece){op, s, len};
}

/* The edit script of x[0..n) against y[0..m) into ops (one per word of
 * either: 'S' same, 'R' removed, 'A' added, in order), or false when it
 * is longer than TEXTDIFF_MAX_EDITS. */
static bool myers(struct arena *a, const struct word *x, size_t n, const struct word *y, size_t m, char *ops,
		  size_t *nops)
{
	size_t maxd = n + m < TEXTDIFF_MAX_EDITS ? n + m : TEXTDIFF_MAX_EDITS;
	ptrdiff_t off = (ptrdiff_t)maxd + 1;
	size_t width = 2 * maxd + 3;
	ptrdiff_t *v = arena_alloc(a, width * sizeof(*v));
	int32_t **trace = arena_alloc(a, (maxd + 1) * sizeof(*trace));
	ptrdiff_t N = (ptrdiff_t)n, M = (ptrdiff_t)m;
	ptrdiff_t dfound = -1;
	for (ptrdiff_t d = 0; d <= (ptrdiff_t)maxd && dfound < 0; d++) {
		for (ptrdiff_t k = -d; k <= d; k += 2) {
			ptrdiff_t px;
			if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
				px = v[off + k + 1]; /* down: a word of y added */
			else
				px = v[off + k - 1] + 1; /* right: a word of x removed */
			ptrdiff_t py = px - k;
			while (px < N && py < M && same(&x[px], &y[py]))
				px++, py++;
			v[off + k] = px;
			if (px >= N && py >= M) {
				dfound = d;
				break;
			}
		}
		/* the furthest points of this round, kept to walk back */
		trace[d] = arena_alloc(a, (size_t)(2 * d + 1) * sizeof(**trace));
		for (ptrdiff_t k = -d; k <= d; k++)
			trace[d][k + d] = (int32_t)v[off + k];
	}
	if (dfound < 0)
		return false;
	/* walk back from (N, M), writing ops from the end */
	char *rev = arena_alloc(a, n + m + 1);
	size_t r = 0;
	ptrdiff_t px = N, py = M;
	for (ptrdiff_t d = dfound; d > 0; d--) {
		ptrdiff_t k = px - py;
		const int32_t *prev = trace[d - 1];
#define PREV(kk) prev[(kk) + (d - 1)]
		bool down = k == -d || (k != d && PREV(k - 1) < PREV(k + 1));
		ptrdiff_t pk = down ? k + 1 : k - 1;
		ptrdiff_t sx = PREV(pk), sy = sx - pk;
#undef PREV
		ptrdiff_t ex = down ? sx : sx + 1, ey = ex - k; /* after the one edit */
		while (px > ex && py > ey)
			rev[r++] = 'S', px--, py--;
		rev[r++] = down ? 'A' : 'R';
		px = sx, py = sy;
	}
	while (px > 0 && py > 0)
		rev[r++] = 'S', px--, py--;
	for (size_t i = 0; i < r; i++)
		ops[i] = rev[r - 1 - i];
	*nops = r;
	return true;
}

struct textdiff_piece *textdiff(struct arena *a, const char *old, const char *new, size_t *n)
{
	size_t nx, ny;
	const struct word *x = words_of(a, old ? old : "", &nx), *y = words_of(a, new ? new : "", &ny);
	struct out o = {.a = a};
	size_t head = 0, tail = 0;
	while (head < nx && head < ny && same(&x[head], &y[head]))
		head++;
	while (tail < nx - head && tail < ny - head && same(&x[nx - 1 - tail], &y[ny - 1 - tail]))
		tail++;
	emit(&o, TEXTDIFF_SAME, x, 0, head);
	size_t mx = nx - head - tail, my = ny - head - tail, nops = 0;
	char *ops = arena_alloc(a, mx + my + 1);
	if (myers(a, x + head, mx, y + head, my, ops, &nops)) {
		size_t i = head, j = head;
		/* removed words before the words added in their place: hold added ones */
		size_t add_from = 0, nadd = 0;
		for (size_t k = 0; k <= nops; k++) {
			char op = k < nops ? ops[k] : 'S';
			if (op == 'A') {
				if (!nadd)
					add_from = j;
				nadd++, j++;
				continue;
			}
			if (op == 'R') {
				emit(&o, TEXTDIFF_REMOVED, x, i, i + 1);
				i++;
				continue;
			}
			emit(&o, TEXTDIFF_ADDED, y, add_from, add_from + nadd);
			nadd = 0;
			if (k < nops) {
				emit(&o, TEXTDIFF_SAME, x, i, i + 1);
				i++, j++;
			}
		}
	} else {
		emit(&o, TEXTDIFF_REMOVED, x, head, nx - tail);
		emit(&o, TEXTDIFF_ADDED, y, head, ny - tail);
	}
	emit(&o, TEXTDIFF_SAME, x, nx - tail, nx);
	*n = o.n;
	return o.p;
}
