/*
 * sheet.h - a download that is one table, as CSV or XLSX: its headings,
 * its rows of cells as text, and what each column holds, so that the
 * workbook gets numbers and dates as numbers and dates, and the CSV gets
 * text no spreadsheet runs as a formula (core/csv, core/xlsx). The HAPPI
 * lists, the survey results and the activities' lists write through it.
 */
#ifndef MH_HTTP_SHEET_H
#define MH_HTTP_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

struct arena;
struct req;
struct resp;

enum sheet_col {
	SHEET_TEXT,
	SHEET_INT,  /* a whole number ("" empty) */
	SHEET_REAL, /* a number, written with two places ("+0.80", "-0.75"; words stay text) */
	SHEET_DATE, /* "YYYY-MM-DD" ("" empty) */
	SHEET_PERCENT, /* a whole percentage, "45%": the CSV's text as it is, the workbook's the
			* number 0.45 shown "45%" (words stay text) */
};

struct sheet {
	const char *const *heads;
	const enum sheet_col *cols; /* ncols of them; NULL: all text */
	size_t ncols;
	const char **cells; /* nrows * ncols, "" for none */
	enum sheet_col *kinds; /* each cell's kind, as sheet_add_as gave it (NULL: each its column's) */
	size_t nrows, cap;
};

/* Adds a row of s->ncols cells (NULL is ""), copying the pointers; each
 * cell of its column's kind. */
void sheet_add(struct arena *a, struct sheet *s, const char *const *row);
/* The same, each cell of kinds[k] (NULL: its column's): a row that is not
 * of the table's columns, a file's heading rows (a count, a rate under a
 * text column's heading). */
void sheet_add_as(struct arena *a, struct sheet *s, const char *const *row, const enum sheet_col *kinds);

/* Writes s as filename.csv or filename.xlsx (an attachment; the workbook's
 * one sheet named name). */
enum err resp_sheet(struct req *rq, struct resp *rs, bool xlsx, const char *filename, const char *name,
		    const struct sheet *s);

/* "2026-27": academic year 2026/27 in a file's name. */
const char *sheet_year(struct arena *a, int year);

#endif
