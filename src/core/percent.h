/*
 * percent.h - a share as a whole percentage, the one rounding every page
 * and download uses (attendance and commitment, survey completion and
 * answers, HAPPI judgements): half up, exactly, in integers.
 */
#ifndef MH_CORE_PERCENT_H
#define MH_CORE_PERCENT_H

#include <stdint.h>

struct arena;

/* part of whole as a whole percentage, rounded half up; -1 when whole <= 0
 * or part is outside 0 .. whole. */
int percent_rounded(int64_t part, int64_t whole);

/* "63%"; fallback when percent_rounded gives -1. */
const char *percent_text(struct arena *a, int64_t part, int64_t whole, const char *fallback);

#endif
