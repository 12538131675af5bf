/* csv_upload.c - see csv_upload.h. */
#include "core/csv_upload.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/csv.h"
#include "core/encoding.h"
#include "core/err.h"

enum csv_upload csv_upload_read(struct arena *a, const char *data, size_t len, size_t max, struct csv_record **recs,
				size_t *n, size_t *line)
{
	*recs = NULL;
	*n = 0;
	*line = 0;
	if (!len)
		return CSV_UPLOAD_EMPTY;
	enum charset cs;
	size_t tlen;
	const char *text = charset_to_utf8(a, data, len, &tlen, &cs);
	if (!text)
		return cs == CHARSET_UTF16 ? CSV_UPLOAD_UNICODE : CSV_UPLOAD_NOT_TEXT;
	char msg[128];
	enum err e = csv_records(a, text, tlen, max, recs, n, msg, sizeof(msg));
	if (e == ERR_TOO_LARGE)
		return CSV_UPLOAD_TOO_LARGE;
	if (e) { /* csv_records names the line of a quote not closed */
		if (sscanf(msg, "line %zu", line) != 1)
			*line = 0;
		return CSV_UPLOAD_QUOTE;
	}
	return *n ? CSV_UPLOAD_OK : CSV_UPLOAD_EMPTY;
}

char *csv_heading_key(struct arena *a, const char *s)
{
	char *out = arena_alloc(a, strlen(s) + 1), *o = out;
	for (; *s; s++)
		if (isalnum((unsigned char)*s))
			*o++ = (char)tolower((unsigned char)*s);
	*o = '\0';
	return out;
}

size_t csv_find_header(const struct csv_record *recs, size_t n, size_t within, int ncols, csv_heading_fn heading,
		       csv_header_ok_fn ok, void *ctx, int *col)
{
	for (size_t r = 0; r < n && r < within; r++) {
		for (int c = 0; c < ncols; c++)
			col[c] = -1;
		for (size_t f = 0; f < recs[r].n; f++) {
			int c = heading(ctx, recs[r].fields[f]);
			if (c >= 0 && c < ncols && col[c] < 0)
				col[c] = (int)f;
		}
		if (ok(ctx, col))
			return r;
	}
	return n;
}

const char *csv_upload_problem(struct arena *a, enum csv_upload r, size_t line, const char *too_large)
{
	switch (r) {
	case CSV_UPLOAD_OK:
		return NULL;
	case CSV_UPLOAD_EMPTY:
		return "The selected file is empty";
	case CSV_UPLOAD_UNICODE:
		return "The selected file is saved as Unicode text: save it as CSV UTF-8 (comma delimited) and upload it again";
	case CSV_UPLOAD_NOT_TEXT:
		break;
	case CSV_UPLOAD_TOO_LARGE:
		return too_large;
	case CSV_UPLOAD_QUOTE:
		return arena_printf(a, "Line %zu of the selected file has a value in quotes that is not closed: check the "
				       "quotes on that line", line);
	}
	return "The selected file must be a CSV file: in Excel, choose Save As and then CSV UTF-8 (comma delimited)";
}
