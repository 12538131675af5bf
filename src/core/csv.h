/*
 * csv.h - reads a CSV document (RFC 4180, through libcsv) by column name.
 *
 * The first row is the header. The caller names the columns it wants; each
 * data row reaches the callback with exactly those fields, in the order
 * asked, whatever order (and however many other columns) the file has.
 * Missing wanted columns, or a row with too few fields, is ERR_INVALID with
 * a message naming the line.
 */
#ifndef MH_CSV_H
#define MH_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

/* fields[i] is the value of want[i] (NUL-terminated, valid during the call);
 * line is the 1-based record number in the file (header = 1). */
typedef enum err (*csv_row_fn)(void *ctx, const char *const *fields, size_t line);

enum err csv_read(const char *data, size_t len, const char *const *want, size_t nwant,
		  csv_row_fn row, void *ctx, char *msg, size_t msglen);

struct buf;

/* Appends one CSV record (RFC 4180: every field quoted, quotes doubled,
 * CRLF). A field starting with = + - @, a tab or a CR gets a leading ' so that a
 * spreadsheet opening the file does not run it as a formula. With bom, a
 * UTF-8 byte-order mark first (Excel then reads UTF-8 correctly). */
void csv_write_row(struct buf *b, const char *const *fields, size_t n, bool bom);

#endif
