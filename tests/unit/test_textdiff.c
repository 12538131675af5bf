/*
 * test_textdiff.c - word by word differences (core/textdiff.h): the
 * pieces give back both texts exactly; the edit is the shortest (checked
 * against the longest common subsequence worked by dynamic programming on
 * a thousand random pairs); removed words come before those added in their
 * place; texts too different are given whole; hand-worked examples.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/textdiff.h"

static struct arena *A;

static int setup(void **state)
{
	(void)state;
	A = arena_new();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(A);
	return 0;
}

/* The pieces as one line: "same[-removed-]{+added+}". */
static const char *show(const char *old, const char *new)
{
	size_t n;
	struct textdiff_piece *p = textdiff(A, old, new, &n);
	static char out[4096];
	out[0] = 0;
	for (size_t i = 0; i < n; i++) {
		const char *open = p[i].op == TEXTDIFF_REMOVED ? "[-" : p[i].op == TEXTDIFF_ADDED ? "{+" : "";
		const char *close = p[i].op == TEXTDIFF_REMOVED ? "-]" : p[i].op == TEXTDIFF_ADDED ? "+}" : "";
		size_t used = strlen(out);
		snprintf(out + used, sizeof(out) - used, "%s%.*s%s", open, (int)p[i].len, p[i].text, close);
	}
	return out;
}

static void test_hand_worked(void **state)
{
	(void)state;
	assert_string_equal(show("", ""), "");
	assert_string_equal(show(NULL, "one two"), "{+one two+}");
	assert_string_equal(show("one two", ""), "[-one two-]");
	assert_string_equal(show("the cat sat", "the cat sat"), "the cat sat");
	assert_string_equal(show("the cat sat on the mat", "the dog sat on the mat"), "the [-cat -]{+dog +}sat on the mat");
	assert_string_equal(show("Teachers will plan lessons.", "Teachers will plan and teach lessons."),
			    "Teachers will plan {+and teach +}lessons.");
	assert_string_equal(show("a b c d", "a d"), "a [-b c -]d");
	/* spaces and line breaks belong to the word before them: a changed
	 * line break is a changed word */
	assert_string_equal(show("one\ntwo", "one two"), "[-one\n-]{+one +}two");
	assert_string_equal(show("  lead", "  lead more"), "  [-lead-]{+lead more+}");
}

/* Words of a tiny vocabulary, so random texts share many. */
static char *random_text(unsigned *seed, int words)
{
	static const char *const vocab[] = {"a", "b", "c", "d", "e"};
	char *s = arena_alloc(A, (size_t)words * 3 + 1);
	for (int i = 0; i < words; i++) {
		strcat(s, vocab[rand_r(seed) % 5]);
		strcat(s, rand_r(seed) % 7 ? " " : "\n");
	}
	return s;
}

static size_t count_words(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\n' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\n'))
			n++;
	return n;
}

/* The longest common subsequence of the words (each with its spaces). */
static size_t lcs(const char *x, const char *y)
{
	char xs[64][4], ys[64][4];
	size_t nx = 0, ny = 0;
	for (const char *p = x; *p; p += 2)
		snprintf(xs[nx++], 4, "%c%c", p[0], p[1]);
	for (const char *p = y; *p; p += 2)
		snprintf(ys[ny++], 4, "%c%c", p[0], p[1]);
	static size_t t[65][65];
	for (size_t i = 0; i <= nx; i++)
		for (size_t j = 0; j <= ny; j++)
			t[i][j] = !i || !j ? 0
				  : !strcmp(xs[i - 1], ys[j - 1])
					  ? t[i - 1][j - 1] + 1
					  : (t[i - 1][j] > t[i][j - 1] ? t[i - 1][j] : t[i][j - 1]);
	return t[nx][ny];
}

static void test_random_pairs(void **state)
{
	(void)state;
	unsigned seed = 20261203;
	for (int round = 0; round < 1000; round++) {
		char *x = random_text(&seed, rand_r(&seed) % 40), *y = random_text(&seed, rand_r(&seed) % 40);
		size_t n;
		struct textdiff_piece *p = textdiff(A, x, y, &n);
		char *old = arena_alloc(A, strlen(x) + 1), *new = arena_alloc(A, strlen(y) + 1);
		size_t same = 0, removed = 0, added = 0;
		for (size_t i = 0; i < n; i++) {
			assert_true(p[i].len > 0);
			if (i)
				assert_false(p[i].op == p[i - 1].op && p[i - 1].text + p[i - 1].len == p[i].text);
			if (p[i].op != TEXTDIFF_ADDED)
				strncat(old, p[i].text, p[i].len);
			if (p[i].op != TEXTDIFF_REMOVED)
				strncat(new, p[i].text, p[i].len);
			size_t w = count_words(p[i].text, p[i].len);
			*(p[i].op == TEXTDIFF_SAME ? &same : p[i].op == TEXTDIFF_REMOVED ? &removed : &added) += w;
			/* an addition never comes straight before a removal */
			if (i && p[i].op == TEXTDIFF_REMOVED)
				assert_int_not_equal(p[i - 1].op, TEXTDIFF_ADDED);
		}
		assert_string_equal(old, x);
		assert_string_equal(new, y);
		assert_int_equal(same, lcs(x, y)); /* the shortest edit keeps the longest common part */
		assert_int_equal(same + removed, count_words(x, strlen(x)));
		assert_int_equal(same + added, count_words(y, strlen(y)));
	}
}

/* x and y: k words changed each side of a word both keep. */
static void middle_pair(size_t k, char **x, char **y)
{
	*x = arena_alloc(A, k * 8 + 64), *y = arena_alloc(A, k * 8 + 64);
	strcpy(*x, "Same start "), strcpy(*y, "Same start ");
	for (size_t i = 0; i < 2 * k; i++) {
		strcat(*x, i == k ? "mid ab " : "ab ");
		strcat(*y, i == k ? "mid cd " : "cd ");
	}
	strcat(*x, "same end"), strcat(*y, "same end");
}

/* More than TEXTDIFF_MAX_EDITS changes: the texts whole; as many: word by word. */
static void test_too_different(void **state)
{
	(void)state;
	char *x, *y;
	size_t n, k = TEXTDIFF_MAX_EDITS / 4; /* 4k edits: k removed and k added each side of "mid" */
	middle_pair(k + 1, &x, &y);
	struct textdiff_piece *p = textdiff(A, x, y, &n);
	assert_int_equal(n, 4);
	assert_int_equal(p[0].op, TEXTDIFF_SAME);
	assert_int_equal(p[0].len, strlen("Same start "));
	assert_int_equal(p[1].op, TEXTDIFF_REMOVED);
	assert_int_equal(p[1].len, (2 * (k + 1) + 1) * 3 + 1);
	assert_int_equal(p[2].op, TEXTDIFF_ADDED);
	assert_int_equal(p[3].op, TEXTDIFF_SAME);
	assert_int_equal(p[3].len, strlen("same end"));
	middle_pair(k, &x, &y);
	p = textdiff(A, x, y, &n);
	assert_int_equal(n, 7); /* same, removed, added, "mid ", removed, added, same */
	assert_int_equal(p[3].op, TEXTDIFF_SAME);
	assert_int_equal(p[3].len, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_hand_worked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_random_pairs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_too_different, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
