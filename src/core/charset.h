/*
 * charset.h - text files as people save them, made UTF-8: UTF-8 with or
 * without a byte-order mark, or Windows-1252 (what Excel's "CSV (Comma
 * delimited)" and the DfE's GIAS downloads are written in), told apart by
 * whether the bytes are valid UTF-8. Files that are not text we can read
 * (UTF-16, a spreadsheet or other binary file) are named, so a person can
 * be told what to do. Pure: no I/O.
 */
#ifndef MH_CHARSET_H
#define MH_CHARSET_H

#include <stddef.h>

struct arena;

enum charset {
	CHARSET_UTF8,         /* valid UTF-8, without a byte-order mark */
	CHARSET_UTF8_BOM,     /* valid UTF-8 after a byte-order mark (dropped) */
	CHARSET_WINDOWS_1252, /* not UTF-8: read as Windows-1252 */
	CHARSET_UTF16,        /* a UTF-16 byte-order mark (Excel's "Unicode Text"): not read */
	CHARSET_BINARY,       /* NUL bytes, or a ZIP file (an .xlsx or .ods workbook): not read */
};

/* The len bytes at data as a NUL-terminated UTF-8 string in a (*outlen:
 * its length), and which encoding they were in. For CHARSET_UTF16 and
 * CHARSET_BINARY, returns NULL (*outlen 0). Windows-1252's five unassigned
 * bytes (0x81 0x8D 0x8F 0x90 0x9D) become U+FFFD. */
char *charset_to_utf8(struct arena *a, const char *data, size_t len, size_t *outlen, enum charset *found);

#endif
