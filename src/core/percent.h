/*
 * percent.h - a share as a whole percentage, the one rounding every page
 * and download uses (attendance and commitment, survey answers, HAPPI
 * judgements): half up, exactly, in integers. A completion rate against a
 * 100% target is the exception (percent_progress_text): rounded down, so
 * that it never shows the target reached while someone is still to
 * complete, nor 0% when some have.
 */
#ifndef MH_CORE_PERCENT_H
#define MH_CORE_PERCENT_H

#include <stdbool.h>
#include <stdint.h>

struct arena;

/* part of whole as a whole percentage, rounded half up; -1 when whole <= 0
 * or part is outside 0 .. whole. */
int percent_rounded(int64_t part, int64_t whole);

/* "63%"; fallback when percent_rounded gives -1. */
const char *percent_text(struct arena *a, int64_t part, int64_t whole, const char *fallback);

/* part of whole as progress toward a 100% target, in words: the whole
 * percentage rounded down ("99%" for 199 of 200: 100% only when part is
 * whole), except that a share above 0 and under 1% is "under 1%" ("<1%"
 * when brief, for a download's cell), never 0%; fallback when whole <= 0
 * or part is outside 0 .. whole. */
const char *percent_progress_text(struct arena *a, int64_t part, int64_t whole, bool brief, const char *fallback);

#endif
