/*
 * encoding.h - which character encoding an uploaded text file is in, and
 * Windows-1252 to UTF-8. Files people re-save are UTF-8, with or without a
 * byte-order mark; files the DfE publishes (GIAS) are Windows-1252. The
 * rule: a file that is valid UTF-8 throughout is UTF-8, anything else is
 * Windows-1252 (in which every byte is a character). UTF-16, which a
 * spreadsheet's "Unicode text" writes, is recognised by its byte-order
 * mark so that it can be refused by name.
 *
 * Pure but for iconv (glibc) behind the converter; no I/O.
 */
#ifndef MH_ENCODING_H
#define MH_ENCODING_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

enum text_encoding { ENC_UTF8, ENC_CP1252, ENC_UTF16 };

/* "UTF-8", "Windows-1252" or "UTF-16", for messages. */
const char *encoding_name(enum text_encoding e);

/* The length of a UTF-8 byte-order mark at the start of p (3), or 0. */
size_t encoding_bom_len(const char *p, size_t n);

/* Whether p starts with a UTF-16 byte-order mark (either byte order). */
bool encoding_utf16_bom(const char *p, size_t n);

/* A UTF-8 check over data that arrives in pieces (a sequence may be cut
 * between two pieces). Zero-initialise, feed every piece, then ask
 * utf8_check_ok. */
struct utf8_check {
	unsigned char pend[4]; /* the start of a sequence cut at the end of a piece */
	size_t npend;
	bool bad;
};
void utf8_check_feed(struct utf8_check *c, const char *p, size_t n);
/* true when everything fed was valid UTF-8 and no sequence was left cut. */
bool utf8_check_ok(const struct utf8_check *c);

/* The encoding of a whole file held in memory (see above). */
enum text_encoding encoding_detect(const char *p, size_t n);

/* Windows-1252 to UTF-8 through iconv. Every byte converts (0x80-0x9F are
 * the curly quotes, dashes, euro sign ... of Windows-1252); the five bytes
 * Windows-1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) become U+FFFD. A
 * converter is stateless between pieces (one byte, one character), so a
 * file can be converted piece by piece. */
struct cp1252;
struct cp1252 *cp1252_new(void); /* aborts if iconv lacks Windows-1252 */
void cp1252_free(struct cp1252 *c); /* NULL is a no-op */
/* Appends the UTF-8 of the n bytes at p to out. */
void cp1252_to_utf8(struct cp1252 *c, const char *p, size_t n, struct buf *out);

/* ---- a file that is not UTF-8 throughout, a line at a time ----
 *
 * Such a file may still be UTF-8 but for some lines: two files pieced
 * together (a UTF-8 export and a Windows-1252 one), or one edited in part
 * by another program. Lines end at a CR or an LF, bytes that no UTF-8
 * sequence holds, so each line can be read in its own encoding: as it is
 * when it is valid UTF-8, else as Windows-1252. A line written in
 * Windows-1252 is valid UTF-8 only when every byte past ASCII in it is one
 * of the pairs or triples UTF-8 makes ("Ã©", "â€™": mojibake, not a
 * school's or a person's name), so a Windows-1252 file reads as before and
 * a UTF-8 line in it is no longer garbled. The lines holding bytes past
 * ASCII are counted by the encoding they were read in, so that a file
 * that mixes them can be named as such. */
#define LINES_FIRST 5
#define LINE_DECODER_MAX (1 << 20) /* a line longer than this is read a piece at a time */
struct line_decoder {
	struct cp1252 *cp;
	struct buf pending;   /* the start of a line not yet ended */
	size_t line;          /* the line being read (1: the first; an LF starts the next) */
	size_t utf8, cp1252;  /* lines past ASCII read as UTF-8, and as Windows-1252 */
	size_t first_utf8[LINES_FIRST], first_cp1252[LINES_FIRST]; /* the first of each */
};
void line_decoder_init(struct line_decoder *d);
void line_decoder_free(struct line_decoder *d);
/* Appends to out the UTF-8 of the lines the n bytes at p end (a line not
 * ended is kept for the next call, up to LINE_DECODER_MAX bytes). */
void line_decoder_feed(struct line_decoder *d, const char *p, size_t n, struct buf *out);
/* The end of the text: its last line, if it had no line break. */
void line_decoder_end(struct line_decoder *d, struct buf *out);

/* A whole text file as people save it, made UTF-8 (the people upload and
 * import-hub-areas read small files whole; the GIAS import streams with
 * the pieces above). Files that are not text we can read are named, so a
 * person can be told what to do. */
enum charset {
	CHARSET_UTF8,         /* valid UTF-8, without a byte-order mark */
	CHARSET_UTF8_BOM,     /* valid UTF-8 after a byte-order mark (dropped) */
	CHARSET_WINDOWS_1252, /* not UTF-8 throughout: each line that is not UTF-8 read as Windows-1252
			       * (line_decoder; a byte-order mark before it dropped too) */
	CHARSET_UTF16,        /* a UTF-16 byte-order mark (Excel's "Unicode Text"): not read */
	CHARSET_BINARY,       /* NUL bytes, or a ZIP file (an .xlsx or .ods workbook): not read */
};

struct arena;

/* The len bytes at data as a NUL-terminated UTF-8 string in a (*outlen:
 * its length), and which encoding they were in. For CHARSET_UTF16 and
 * CHARSET_BINARY, returns NULL (*outlen 0). */
char *charset_to_utf8(struct arena *a, const char *data, size_t len, size_t *outlen, enum charset *found);

#endif
