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

/* ---- the streaming reader: large files in pieces, ragged rows ----
 *
 * For files too large to hold twice (GIAS establishment files, ~60 MB)
 * and files whose rows do not all have the header's number of fields (the
 * GIAS website's download spills a last column over into extra fields).
 * The data arrives in pieces of any size; only the fields the header
 * callback asks for are copied (no allocation per field), and each record
 * reaches the record callback with the line of the file it starts on, its
 * field count and the fields past the header's last column. libcsv is run
 * leniently (a stray quote inside an unquoted field is kept as text).
 * Refused, with the line: a NUL byte anywhere (not a text file; it would
 * cut a value short), and a record longer than CSV_STREAM_MAX_RECORD bytes
 * (refused as it grows, never held whole). */
#define CSV_STREAM_MAX_RECORD (1 << 20)

/* Called once with the header's n names. Sets slot[k], for each column k,
 * to the index (< the stream's nslots) at which the record callback gets
 * that column's value, or leaves it at -1 to ignore the column. Returns
 * ERR_OK, or an error with a message in msg (the header is not one the
 * caller reads). */
typedef enum err (*csv_header_fn)(void *ctx, const char *const *names, size_t n, int *slot, char *msg,
				  size_t msglen);

struct csv_stream_record {
	const char *const *fields; /* nslots values; "" for a column the record does not reach */
	size_t nfields;            /* the fields of this record */
	size_t ncolumns;           /* the header's columns */
	const char *const *extra;  /* the fields after the header's last column (at most CSV_MAX_EXTRA) */
	size_t nextra;
	size_t line;               /* the line of the file the record starts on (the header's is 1) */
};
#define CSV_MAX_EXTRA 32

/* Each data record; an error stops the reading (csv_stream_feed returns
 * it), with a message written by the callback through csv_stream_fail or
 * "line N: rejected". Blank lines are skipped. */
typedef enum err (*csv_record_fn)(void *ctx, const struct csv_stream_record *r);

struct csv_stream;

/* A reader giving nslots fields a record. Never NULL. */
struct csv_stream *csv_stream_new(size_t nslots, csv_header_fn header, csv_record_fn record, void *ctx);
void csv_stream_free(struct csv_stream *s); /* NULL is a no-op */

/* The next n bytes of the file. Returns ERR_OK, or the first error of a
 * callback (then every later call returns it too). */
enum err csv_stream_feed(struct csv_stream *s, const char *data, size_t n);

/* The end of the file: the last record if it had no line ending. An empty
 * file (no header) is ERR_INVALID. */
enum err csv_stream_end(struct csv_stream *s);

/* Why the reading stopped ("" while it has not). */
const char *csv_stream_message(const struct csv_stream *s);

/* Records the reason for an error a callback is about to return (printf). */
void csv_stream_fail(struct csv_stream *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Records read so far, the header included. */
size_t csv_stream_records(const struct csv_stream *s);

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
 * message naming its line. Values are separated by commas, or by
 * semicolons when the first line has semicolons and no comma (what Excel
 * writes as "CSV" where the decimal point is a comma). */
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
	bool plain;   /* csv_writer_plain: cells as they are */
};

/* A writer appending to out (owned by the caller); with bom, a UTF-8
 * byte-order mark first (Excel then reads UTF-8 correctly). */
struct csv_writer csv_writer_on(struct buf *out, bool bom);

/* A writer of data that this service reads back (never a download a
 * spreadsheet opens): quoted as RFC 4180 says and nothing more, no formula
 * guard, the text as it is (UTF-8 already), so that what is read back is
 * what was written. */
struct csv_writer csv_writer_plain(struct buf *out);

/* One cell of the current record; NULL is "". */
void csv_cell(struct csv_writer *w, const char *value);

/* One cell of a number, to places decimal places (0 to 6): "-0.75". It
 * is made from a number, so it is written as it is: a minus sign is not a
 * formula's start here. */
void csv_cell_number(struct csv_writer *w, double v, int places);

/* Ends the current record. */
void csv_row_end(struct csv_writer *w);

/* A whole record: n cells, then the end of the record. */
void csv_row(struct csv_writer *w, const char *const *cells, size_t n);

#endif
