/*
 * textdiff.h - what changed between two versions of a text, word by word,
 * for a person comparing them side by side (the HAPPI form's versions).
 *
 * The texts are cut into words, each with the spaces and line breaks that
 * follow it (a word followed by a line break where there was a space has
 * changed), so the pieces put back together give each text exactly. The
 * shortest edit (Myers' O(ND) algorithm, after the common start and end are
 * set aside) says which words are the same, removed or added. An edit
 * longer than TEXTDIFF_MAX_EDITS words is not worth reading word by word
 * (and would take memory growing with its square): it is given as the
 * whole of one text removed and the other added.
 *
 * Pure (no I/O); pieces point into the texts given, and live in the arena.
 */
#ifndef MH_TEXTDIFF_H
#define MH_TEXTDIFF_H

#include <stddef.h>

struct arena;

#define TEXTDIFF_MAX_EDITS 1000

enum textdiff_op { TEXTDIFF_SAME, TEXTDIFF_REMOVED, TEXTDIFF_ADDED };

/* A run of words with one fate: len bytes at text (in the old text for
 * SAME and REMOVED, in the new for ADDED). */
struct textdiff_piece {
	enum textdiff_op op;
	const char *text;
	size_t len;
};

/* The pieces that turn old into new (NULL reads as ""), in order, each
 * run as long as it can be; their number into *n. Removed words come
 * before the words added in their place. */
struct textdiff_piece *textdiff(struct arena *a, const char *old, const char *new, size_t *n);

#endif
