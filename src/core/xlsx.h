/*
 * xlsx.h - the XLSX writer: one worksheet of text, number and date cells,
 * a bold header row that stays in view and filters, made by libxlsxwriter.
 * Dates are Excel dates (shown "30 Jun 2020"), so a spreadsheet filters
 * and sorts them as dates; codes made of digits (a URN, a local
 * authority's code) stay text, keeping their leading zeros, without
 * Excel's "number stored as text" warning on their columns.
 * libxlsxwriter writes a file, so the workbook is made in a temporary
 * file (under $TMPDIR, else /tmp) that xlsx_finish reads into the output
 * and removes. Text is written as text, never as a formula; invalid UTF-8
 * becomes U+FFFD and control characters a space. Handlers get one bound to
 * a response from resp_xlsx (http/request.h) and never touch its buffer.
 */
#ifndef MH_XLSX_H
#define MH_XLSX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct buf;

struct xlsx_writer {
	struct buf *out;
	void *workbook_, *sheet_, *bold_, *date_, *places2_, *percent_; /* libxlsxwriter's, opaque */
	uint32_t code_cols_; /* the columns (of the first 32) written with xlsx_cell_code */
	char path_[256];
	uint32_t row;
	uint16_t col, ncols;
	bool failed;   /* a cell could not be written: xlsx_finish says so */
	double widths_[32];
};

/* A writer that will append the workbook to out (owned by the caller),
 * with one worksheet named sheet (at most 31 characters). */
struct xlsx_writer xlsx_writer_on(struct buf *out, const char *sheet);

/* The header row: bold, kept in view when scrolling, with filters. */
void xlsx_header(struct xlsx_writer *x, const char *const *heads, size_t n);

/* One cell of the current row: text (NULL is empty) or a number. */
void xlsx_cell(struct xlsx_writer *x, const char *text);
void xlsx_cell_int(struct xlsx_writer *x, int64_t v);
/* A number with a fraction (a mean): a number cell rounded to two places
 * and shown with two ("0.00": 8.30). libxlsxwriter writes a number's text
 * with 16 significant digits (8.3 as 8.300000000000001, which every reader
 * takes back as 8.3). */
void xlsx_cell_real(struct xlsx_writer *x, double v);
/* A share, 0.45 for 45%: a number cell shown as a whole percentage ("0%"). */
void xlsx_cell_percent(struct xlsx_writer *x, double v);

/* A code that is text though it may be all digits (a URN): its column
 * gets no "number stored as text" warning. NULL or "" is empty. */
void xlsx_cell_code(struct xlsx_writer *x, const char *text);

/* A date, "YYYY-MM-DD", as an Excel date; NULL or "" is empty, anything
 * else is written as text. */
void xlsx_cell_date(struct xlsx_writer *x, const char *ymd);

/* Ends the current row. */
void xlsx_row_end(struct xlsx_writer *x);

/* Closes the workbook and appends it to out. ERR_SYSTEM (logged) when the
 * temporary file cannot be made or read, or a cell failed. The writer is
 * spent either way (its temporary file removed). */
enum err xlsx_finish(struct xlsx_writer *x);

#endif
