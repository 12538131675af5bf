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

struct arena;

/* One record of a file read by csv_records: its fields (trimmed of spaces
 * and tabs around an unquoted value, as libcsv does) and the line of the
 * file it starts on (1: the first), which a quoted value with line breaks
 * or a blank line before it makes differ from its record number. */
struct csv_record {
	const char **fields;
	size_t n;
	size_t line;
};

/* Every record of a CSV file as people write it: RFC 4180, and loosely
 * where Excel and hand edits are (a quote inside an unquoted value is kept
 * as it is; rows of any length), CR LF, LF or CR line ends. A record whose
 * fields are all empty (a blank line, or ",,," as a spreadsheet leaves
 * after its last row) is skipped. Fields are NUL-terminated strings in a;
 * a NUL inside one ends it. At most max records: more is ERR_TOO_LARGE; a
 * quoted value still open at the end of the file is ERR_INVALID, with a
 * message naming its line. */
enum err csv_records(struct arena *a, const char *data, size_t len, size_t max, struct csv_record **out,
		     size_t *n, char *msg, size_t msglen);

struct buf;

/* The CSV writer (RFC 4180): every cell quoted, quotes doubled, CRLF after
 * each record. A cell starting with = + - @, a tab or a CR gets a leading '
 * so that a spreadsheet opening the file does not run it as a formula;
 * invalid UTF-8 becomes U+FFFD. Handlers get one bound to a response from
 * resp_csv (http/request.h) and never touch its buffer. */
struct csv_writer {
	struct buf *out;
	bool mid_row; /* a cell of the current record has been written */
};

/* A writer appending to out (owned by the caller); with bom, a UTF-8
 * byte-order mark first (Excel then reads UTF-8 correctly). */
struct csv_writer csv_writer_on(struct buf *out, bool bom);

/* One cell of the current record; NULL is "". */
void csv_cell(struct csv_writer *w, const char *value);

/* Ends the current record. */
void csv_row_end(struct csv_writer *w);

/* A whole record: n cells, then the end of the record. */
void csv_row(struct csv_writer *w, const char *const *cells, size_t n);

#endif
