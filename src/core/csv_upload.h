/*
 * csv_upload.h - an uploaded CSV file read whole, as people have it: its
 * bytes made UTF-8 (core/encoding's charset_to_utf8: UTF-8 with or
 * without a byte-order mark, or Windows-1252 from Excel) and split into
 * records (core/csv's csv_records: CR LF, ragged rows, blank lines
 * skipped), then the row naming its columns found among the first few.
 * What is wrong with the file is returned as a reason, so that each page
 * says it in its own words. Pure: no I/O.
 */
#ifndef MH_CORE_CSV_UPLOAD_H
#define MH_CORE_CSV_UPLOAD_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct csv_record;

enum csv_upload {
	CSV_UPLOAD_OK,
	CSV_UPLOAD_EMPTY,     /* no bytes, or only blank lines */
	CSV_UPLOAD_UNICODE,   /* UTF-16 (a spreadsheet's "Unicode text"): not read */
	CSV_UPLOAD_NOT_TEXT,  /* NUL bytes, or a ZIP file (an .xlsx or .ods workbook) */
	CSV_UPLOAD_TOO_LARGE, /* more than the records asked for */
	CSV_UPLOAD_QUOTE,     /* a value in quotes never closed: *line is where it opens */
};

/* The len bytes at data as at most max records (*recs, *n; everything in
 * a). *line is set for CSV_UPLOAD_QUOTE, else 0. */
enum csv_upload csv_upload_read(struct arena *a, const char *data, size_t len, size_t max, struct csv_record **recs,
				size_t *n, size_t *line);

/* What is wrong with the file, in the words of GOV.UK's file upload
 * pattern (NULL for CSV_UPLOAD_OK); too_large is the page's own sentence
 * for CSV_UPLOAD_TOO_LARGE ("The selected file must have at most 1,000
 * people: split it into smaller files"). The people, register and term
 * uploads say it so; a page whose users need other words (Zoom's report)
 * keeps its own. */
const char *csv_upload_problem(struct arena *a, enum csv_upload r, size_t line, const char *too_large);

/* A heading as a key to compare: lower case, its ASCII letters and digits
 * only ("School URN" and "school_urn" are "schoolurn"). */
char *csv_heading_key(struct arena *a, const char *heading);

/* Which of the caller's columns a heading names (0 .. ncols-1), or -1. */
typedef int (*csv_heading_fn)(void *ctx, const char *heading);
/* Whether a record naming the columns col[] (-1: not named) is the header. */
typedef bool (*csv_header_ok_fn)(void *ctx, const int *col);

/* The header: the first of the first `within` records (a title or a
 * meeting's details may come before it) for which ok holds, col[c] being
 * the first field naming column c. Returns its index, or n when none is. */
size_t csv_find_header(const struct csv_record *recs, size_t n, size_t within, int ncols, csv_heading_fn heading,
		       csv_header_ok_fn ok, void *ctx, int *col);

#endif
