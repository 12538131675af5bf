/*
 * terms.h - school term dates as files have them (issue 14,
 * docs/plans/surveys.md "Completion and reminders"): a CSV of terms
 * (local authority code, term name, first day, last day) as people have it
 * (core/csv_upload.h: UTF-8 with or without a byte-order mark, or
 * Windows-1252; ragged rows, blank lines; headings in any case and
 * spacing; days as YYYY-MM-DD or DD/MM/YYYY), read into rows, each
 * authority's calendar sorted and checked: real days, each term's first
 * day on or before its last, no two terms overlapping. The default
 * national calendar (data/school-terms-default.csv) is read by the same
 * code, without the local authority column. Pure: no I/O; the database
 * (which codes are local authorities) is terms_queries.h's.
 */
#ifndef MH_SURVEYS_TERMS_H
#define MH_SURVEYS_TERMS_H

#include <stdbool.h>
#include <stddef.h>

#include "surveys/rules.h"

struct arena;

#define TERMS_MAX_ROWS 5000
#define TERMS_NAME_MAX 100

/* One term: its line in the file, its authority ("" in the default
 * calendar), its name, its first and last day ("YYYY-MM-DD" once read; as
 * written when they are not days). */
struct term_row {
	size_t line;
	const char *la_code, *name, *first, *last;
};

/* A problem of a row (line 0: of the file as a whole). */
struct term_problem {
	size_t line;
	const char *msg;
};

/* "2026-09-03", "3/9/2026" or "03/09/2026": the day as "YYYY-MM-DD" (in
 * a), or NULL when it is no real day. */
const char *terms_day(struct arena *a, const char *s);

/* Checks one calendar's rows as they are: each day a real one
 * ("YYYY-MM-DD"), each name given and at most TERMS_NAME_MAX characters,
 * each term's first day on or before its last, the terms in order and
 * none overlapping the one before. Appends a problem per row (GOV.UK
 * words: "Line 4: ...") to out (room for 2 * n) and returns how many. */
size_t terms_validate(struct arena *a, const struct term_row *rows, size_t n, struct term_problem *out);

/* A calendar of rows as struct survey_terms (the rows' days, in a). */
void terms_as_calendar(struct arena *a, const struct term_row *rows, size_t n, struct survey_terms *t);

/* One authority's terms in a file, sorted by first day. */
struct terms_group {
	const char *la_code;
	struct term_row *rows;
	size_t n;
	const char *first, *last; /* the span: the first term's first day, the last term's last */
};

struct terms_file {
	struct term_row *rows;    /* every row, in the file's order */
	size_t nrows;
	struct terms_group *groups; /* by authority, in the order they first appear (the default: one, la_code "") */
	size_t ngroups;
	struct term_problem *problems;
	size_t nproblems;
	const char *problem;      /* what is wrong with the file as a whole (the file field's message), or NULL */
};

/* Reads the len bytes of a file of terms into f (in a): with_la, an
 * upload (the local authority code column required, on every row);
 * otherwise the default calendar (no such column). Every row's problems
 * and every calendar's (terms_validate, after sorting each authority's
 * terms by first day) are in f->problems, by line. */
void terms_file_read(struct arena *a, const char *data, size_t len, bool with_la, struct terms_file *f);

/* The rows of f (without problems) as a CSV of the upload's columns, the
 * days as YYYY-MM-DD: what the confirmation sends back to be read again. */
const char *terms_file_csv(struct arena *a, const struct terms_file *f);

/* Adds a problem of line to f (the caller's checks: an unknown authority). */
void terms_file_problem(struct arena *a, struct terms_file *f, size_t line, const char *msg);

#endif
