/* csv.c - see csv.h. libcsv does the parsing; this file maps columns. */
#include "core/csv.h"

#include <csv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "core/util.h"

#define CSV_MAX_COLS 512

struct reader {
	const char *const *want;
	size_t nwant;
	csv_row_fn row;
	void *ctx;
	char *fields[CSV_MAX_COLS]; /* the current record */
	size_t nfields;
	size_t map[CSV_MAX_COLS];   /* want[i] is column map[i] */
	size_t line;
	enum err err;
	char *msg;
	size_t msglen;
};

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	if (r->nfields < CSV_MAX_COLS) {
		char *f = xmalloc(len + 1);
		memcpy(f, s, len);
		f[len] = '\0';
		r->fields[r->nfields] = f;
	}
	r->nfields++;
}

static void clear_record(struct reader *r)
{
	for (size_t i = 0; i < r->nfields && i < CSV_MAX_COLS; i++)
		free(r->fields[i]);
	r->nfields = 0;
}

static void on_header(struct reader *r)
{
	for (size_t i = 0; i < r->nwant; i++) {
		size_t k = 0;
		while (k < r->nfields && k < CSV_MAX_COLS && strcmp(r->fields[k], r->want[i]))
			k++;
		if (k == r->nfields || k == CSV_MAX_COLS) {
			snprintf(r->msg, r->msglen, "line 1: no column called \"%s\"", r->want[i]);
			r->err = ERR_INVALID;
			return;
		}
		r->map[i] = k;
	}
}

static void on_record(int c, void *data)
{
	(void)c;
	struct reader *r = data;
	r->line++;
	if (r->err) {
		clear_record(r);
		return;
	}
	if (r->line == 1) {
		on_header(r);
	} else if (!(r->nfields == 1 && r->fields[0][0] == '\0')) { /* skip blank lines */
		const char *vals[CSV_MAX_COLS];
		for (size_t i = 0; i < r->nwant; i++) {
			if (r->map[i] >= r->nfields) {
				snprintf(r->msg, r->msglen, "line %zu: %zu fields, expected at least %zu",
					 r->line, r->nfields, r->map[i] + 1);
				r->err = ERR_INVALID;
				clear_record(r);
				return;
			}
			vals[i] = r->fields[r->map[i]];
		}
		r->err = r->row(r->ctx, vals, r->line);
		if (r->err && !r->msg[0])
			snprintf(r->msg, r->msglen, "line %zu: rejected", r->line);
	}
	clear_record(r);
}

enum err csv_read(const char *data, size_t len, const char *const *want, size_t nwant,
		  csv_row_fn row, void *ctx, char *msg, size_t msglen)
{
	if (nwant > CSV_MAX_COLS)
		return ERR_INVALID;
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		fatal("csv_init failed");
	struct reader *r = xmalloc(sizeof(*r));
	memset(r, 0, sizeof(*r));
	r->want = want;
	r->nwant = nwant;
	r->row = row;
	r->ctx = ctx;
	r->msg = msg;
	r->msglen = msglen;
	msg[0] = '\0';
	if (csv_parse(&p, data, len, on_field, on_record, r) != len) {
		snprintf(msg, msglen, "line %zu: %s", r->line + 1, csv_strerror(csv_error(&p)));
		r->err = ERR_INVALID;
	} else if (csv_fini(&p, on_field, on_record, r) != 0 && !r->err) {
		snprintf(msg, msglen, "line %zu: %s", r->line + 1, csv_strerror(csv_error(&p)));
		r->err = ERR_INVALID;
	}
	if (!r->err && r->line == 0) {
		snprintf(msg, msglen, "the file is empty");
		r->err = ERR_INVALID;
	}
	clear_record(r);
	csv_free(&p);
	enum err e = r->err;
	free(r);
	return e;
}

/* ---- every record, with its line ---- */

struct records {
	struct arena *a;
	size_t max;
	struct csv_record *out;
	size_t n, cap;
	const char **fields; /* the record being read */
	size_t nfields, fcap;
	size_t line;   /* the line the next record starts on */
	size_t breaks; /* line breaks inside the current record's quoted values */
	int last_end;  /* the character that ended the last row reported */
	bool too_many;
};

static void on_record_field(void *s, size_t len, void *data)
{
	struct records *r = data;
	const char *f = s ? s : "";
	for (size_t i = 0; i < len; i++)
		r->breaks += f[i] == '\n' || (f[i] == '\r' && (i + 1 == len || f[i + 1] != '\n'));
	if (r->nfields == r->fcap)
		r->fields = r->fields ? arena_grow(r->a, r->fields, r->nfields, r->fcap *= 2, sizeof(*r->fields))
				      : arena_alloc(r->a, (r->fcap = 16) * sizeof(*r->fields));
	r->fields[r->nfields++] = arena_strndup(r->a, f, len);
}

static void on_record_end(int c, void *data)
{
	struct records *r = data;
	bool empty = true;
	for (size_t i = 0; i < r->nfields && empty; i++)
		empty = !r->fields[i][0];
	if (!r->nfields) { /* a line end outside any record: a blank line, or the LF of a CR LF */
		if (!(c == '\n' && r->last_end == '\r'))
			r->line++;
	} else {
		if (!empty && !r->too_many) {
			if (r->n == r->max) {
				r->too_many = true;
			} else {
				if (r->n == r->cap)
					r->out = r->out ? arena_grow(r->a, r->out, r->n, r->cap *= 2, sizeof(*r->out))
							: arena_alloc(r->a, (r->cap = 64) * sizeof(*r->out));
				r->out[r->n++] = (struct csv_record){r->fields, r->nfields, r->line};
			}
		}
		r->line += r->breaks + 1;
	}
	r->last_end = c;
	r->fields = NULL;
	r->nfields = r->fcap = 0;
	r->breaks = 0;
}

enum err csv_records(struct arena *a, const char *data, size_t len, size_t max, struct csv_record **out,
		     size_t *n, char *msg, size_t msglen)
{
	struct csv_parser p;
	if (csv_init(&p, CSV_REPALL_NL) != 0)
		fatal("csv_init failed");
	struct records r = {.a = a, .max = max, .line = 1};
	enum err e = ERR_OK;
	size_t first = 0;
	while (first < len && data[first] != '\r' && data[first] != '\n')
		first++;
	if (memchr(data, ';', first) && !memchr(data, ',', first))
		csv_set_delim(&p, ';');
	msg[0] = '\0';
	size_t parsed = csv_parse(&p, data, len, on_record_field, on_record_end, &r);
	/* loose while reading; at the end, strict enough to refuse a quote never closed
	 * (libcsv checks that only with both flags) */
	csv_set_opts(&p, CSV_REPALL_NL | CSV_STRICT | CSV_STRICT_FINI);
	if (parsed != len || csv_fini(&p, on_record_field, on_record_end, &r) != 0) {
		snprintf(msg, msglen, "line %zu: a value in quotes is not closed", r.line);
		e = ERR_INVALID;
	} else if (r.too_many) {
		snprintf(msg, msglen, "more than %zu rows", max);
		e = ERR_TOO_LARGE;
	}
	csv_free(&p);
	*out = r.out;
	*n = e ? 0 : r.n;
	return e;
}

struct csv_writer csv_writer_on(struct buf *out, bool bom)
{
	if (bom)
		buf_puts(out, "\xEF\xBB\xBF");
	return (struct csv_writer){.out = out};
}

struct csv_writer csv_writer_plain(struct buf *out)
{
	return (struct csv_writer){.out = out, .plain = true};
}

void csv_cell_number(struct csv_writer *w, double v, int places)
{
	/* made from a number, so never a formula: no guard, a minus sign kept */
	char digits[64];
	snprintf(digits, sizeof(digits), "%.*f", places < 0 ? 0 : places > 6 ? 6 : places, v);
	if (w->mid_row)
		buf_putc(w->out, ',');
	w->mid_row = true;
	buf_putc(w->out, '"');
	buf_puts(w->out, digits);
	buf_putc(w->out, '"');
}

void csv_cell(struct csv_writer *w, const char *value)
{
	const char *v = value ? value : "";
	if (w->mid_row)
		buf_putc(w->out, ',');
	w->mid_row = true;
	buf_putc(w->out, '"');
	if (w->plain) {
		for (const char *q; (q = strchr(v, '"')); v = q + 1) {
			buf_append(w->out, v, (size_t)(q - v) + 1);
			buf_putc(w->out, '"');
		}
		buf_puts(w->out, v);
		buf_putc(w->out, '"');
		return;
	}
	if (*v == '=' || *v == '+' || *v == '-' || *v == '@' || *v == '\t' || *v == '\r')
		buf_putc(w->out, '\'');
	size_t n = strlen(v);
	for (size_t i = 0; i < n;) {
		size_t len = utf8_seq_len((const unsigned char *)v + i, n - i);
		if (!len) {
			buf_puts(w->out, "\xEF\xBF\xBD"); /* U+FFFD for a byte that is not UTF-8 */
			i++;
			continue;
		}
		if (v[i] == '"')
			buf_putc(w->out, '"');
		buf_append(w->out, v + i, len);
		i += len;
	}
	buf_putc(w->out, '"');
}

void csv_row_end(struct csv_writer *w)
{
	buf_puts(w->out, "\r\n");
	w->mid_row = false;
}

void csv_row(struct csv_writer *w, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		csv_cell(w, cells[i]);
	csv_row_end(w);
}

/* ---- the streaming reader ---- */

#define STREAM_MAX_COLS 2048
#define NO_FIELD SIZE_MAX

struct csv_stream {
	struct csv_parser p;
	size_t nslots;
	csv_header_fn header;
	csv_record_fn record;
	void *ctx;
	bool have_header;
	int *slot;          /* by column: the slot it fills, or -1 */
	size_t ncolumns;
	/* the current record: the kept fields' bytes, each NUL-terminated */
	char *store;
	size_t store_len, store_cap;
	size_t *off;        /* by slot: offset in store, or NO_FIELD */
	size_t extra_off[CSV_MAX_EXTRA];
	size_t nextra;
	size_t *hdr_off;    /* the header's names, while it is read */
	size_t hdr_cap;
	size_t nfields;
	size_t newlines;    /* line breaks inside the current record's quoted fields */
	size_t line;        /* the line being fed */
	size_t last_line;   /* the line the last record ended on (0: none yet) */
	size_t records;
	size_t rec_bytes;   /* bytes of the record under way (CSV_STREAM_MAX_RECORD at most) */
	const char **vals;  /* nslots pointers handed to the callback */
	enum err err;
	char msg[512];
};

static size_t keep(struct csv_stream *s, const char *p, size_t len)
{
	if (s->store_cap - s->store_len < len + 1) {
		size_t cap = s->store_cap ? s->store_cap : 4096;
		while (cap - s->store_len < len + 1)
			cap *= 2;
		s->store = xrealloc(s->store, cap);
		s->store_cap = cap;
	}
	size_t at = s->store_len;
	if (len)
		memcpy(s->store + at, p, len);
	s->store[at + len] = '\0';
	s->store_len += len + 1;
	return at;
}

static void stream_field(void *p, size_t len, void *data)
{
	struct csv_stream *s = data;
	const char *f = p;
	if (len && memchr(f, '\n', len))
		for (size_t i = 0; i < len; i++)
			s->newlines += f[i] == '\n';
	size_t k = s->nfields++;
	if (s->err)
		return;
	if (!s->have_header) {
		if (k >= STREAM_MAX_COLS)
			return;
		if (k == s->hdr_cap) {
			s->hdr_cap = s->hdr_cap ? s->hdr_cap * 2 : 64;
			s->hdr_off = xrealloc(s->hdr_off, s->hdr_cap * sizeof(*s->hdr_off));
		}
		s->hdr_off[k] = keep(s, f, len);
	} else if (k < s->ncolumns) {
		if (s->slot[k] >= 0)
			s->off[s->slot[k]] = keep(s, f, len);
	} else if (s->nextra < CSV_MAX_EXTRA) {
		s->extra_off[s->nextra++] = keep(s, f, len);
	}
}

static void reset_record(struct csv_stream *s)
{
	s->store_len = 0;
	s->nfields = 0;
	s->nextra = 0;
	s->newlines = 0;
	for (size_t i = 0; i < s->nslots; i++)
		s->off[i] = NO_FIELD;
}

static void on_stream_header(struct csv_stream *s)
{
	if (s->nfields > STREAM_MAX_COLS) {
		csv_stream_fail(s, "line 1: %zu columns, more than %d", s->nfields, STREAM_MAX_COLS);
		s->err = ERR_INVALID;
		return;
	}
	s->ncolumns = s->nfields;
	const char **names = xmalloc((s->ncolumns + 1) * sizeof(*names));
	for (size_t k = 0; k < s->ncolumns; k++)
		names[k] = s->store + s->hdr_off[k];
	s->slot = xmalloc((s->ncolumns + 1) * sizeof(*s->slot));
	for (size_t k = 0; k < s->ncolumns; k++)
		s->slot[k] = -1;
	s->err = s->header(s->ctx, names, s->ncolumns, s->slot, s->msg, sizeof(s->msg));
	if (s->err && !s->msg[0])
		csv_stream_fail(s, "line 1: not a header this reader knows");
	for (size_t k = 0; !s->err && k < s->ncolumns; k++)
		if (s->slot[k] >= (int)s->nslots)
			fatal("csv_stream: slot %d out of range", s->slot[k]);
	free(names);
	s->have_header = true;
}

static void stream_record(int c, void *data)
{
	(void)c;
	struct csv_stream *s = data;
	/* the line it starts on: a record ended by a bare CR (old Mac files)
	 * leaves the line count where it was, so never before the next line */
	size_t start = s->line - s->newlines;
	if (start <= s->last_line)
		start = s->last_line + 1;
	s->last_line = start + s->newlines;
	if (s->err) {
		reset_record(s);
		return;
	}
	s->records++;
	if (!s->have_header) {
		on_stream_header(s);
	} else {
		const char *extra[CSV_MAX_EXTRA];
		for (size_t i = 0; i < s->nslots; i++)
			s->vals[i] = s->off[i] == NO_FIELD ? "" : s->store + s->off[i];
		for (size_t i = 0; i < s->nextra; i++)
			extra[i] = s->store + s->extra_off[i];
		struct csv_stream_record r = {
			.fields = s->vals,
			.nfields = s->nfields,
			.ncolumns = s->ncolumns,
			.extra = extra,
			.nextra = s->nextra,
			.line = start,
		};
		s->err = s->record(s->ctx, &r);
		if (s->err && !s->msg[0])
			csv_stream_fail(s, "line %zu: rejected", start);
	}
	reset_record(s);
}

struct csv_stream *csv_stream_new(size_t nslots, csv_header_fn header, csv_record_fn record, void *ctx)
{
	struct csv_stream *s = xmalloc(sizeof(*s));
	memset(s, 0, sizeof(*s));
	if (csv_init(&s->p, 0) != 0) /* lenient: a stray quote is text */
		fatal("csv_init failed");
	csv_set_blk_size(&s->p, 1 << 16); /* libcsv grows a field by this: 128 bytes would copy a long one thousands of times */
	s->nslots = nslots;
	s->header = header;
	s->record = record;
	s->ctx = ctx;
	s->off = xmalloc((nslots + 1) * sizeof(*s->off));
	s->vals = xmalloc((nslots + 1) * sizeof(*s->vals));
	s->line = 1;
	reset_record(s);
	return s;
}

void csv_stream_free(struct csv_stream *s)
{
	if (!s)
		return;
	csv_free(&s->p);
	free(s->slot);
	free(s->store);
	free(s->off);
	free(s->vals);
	free(s->hdr_off);
	free(s);
}

/* Runs libcsv over n bytes that hold no line break but perhaps a last one
 * (CR or LF). A record that grows past CSV_STREAM_MAX_RECORD is refused
 * before libcsv holds it (it keeps a field whole until its end). */
static enum err parse_piece(struct csv_stream *s, const char *p, size_t n)
{
	if (s->rec_bytes + n > CSV_STREAM_MAX_RECORD) {
		csv_stream_fail(s, "line %zu: the row is longer than %d MB: no file this service reads has rows that long",
				s->last_line + 1, CSV_STREAM_MAX_RECORD >> 20);
		return s->err = ERR_INVALID;
	}
	s->rec_bytes += n;
	if (csv_parse(&s->p, p, n, stream_field, stream_record, s) != n) {
		csv_stream_fail(s, "line %zu: %s", s->line, csv_strerror(csv_error(&s->p)));
		s->err = ERR_INVALID;
	}
	if (s->p.pstate == 0) /* libcsv's ROW_NOT_BEGUN: no record under way (blank lines are none) */
		s->rec_bytes = 0;
	return s->err;
}

/* The first LF of the n bytes at p; or, past the first 64 kB of them, the
 * first CR (old Mac files end their lines with it alone, and a record is
 * measured a line at a time); or NULL. A CR before an LF in a short line
 * (CR LF) is left to libcsv: one search for most lines. */
static const char *line_break(const char *p, size_t n)
{
	const char *lf = memchr(p, '\n', n);
	size_t len = lf ? (size_t)(lf - p) : n;
	const char *cr = len > 65536 ? memchr(p, '\r', len) : NULL;
	return cr ? cr : lf;
}

enum err csv_stream_feed(struct csv_stream *s, const char *data, size_t n)
{
	if (s->err)
		return s->err;
	const char *nul = memchr(data, '\0', n);
	if (nul) { /* libcsv would keep it, and every C string would end there */
		size_t line = s->line;
		for (const char *q = data; (q = memchr(q, '\n', (size_t)(nul - q))); q++)
			line++;
		csv_stream_fail(s, "line %zu has a NUL byte (a character of code 0): this is not a CSV text file", line);
		return s->err = ERR_INVALID;
	}
	/* line by line, so that a record knows the line it ends on and its
	 * length is known before libcsv holds it */
	while (n && !s->err) {
		const char *nl = line_break(data, n);
		size_t len = nl ? (size_t)(nl - data) + 1 : n;
		if (parse_piece(s, data, len))
			break;
		if (nl && *nl == '\n')
			s->line++;
		data += len;
		n -= len;
	}
	return s->err;
}

enum err csv_stream_end(struct csv_stream *s)
{
	if (s->err)
		return s->err;
	if (csv_fini(&s->p, stream_field, stream_record, s) != 0 && !s->err) {
		csv_stream_fail(s, "line %zu: %s", s->line, csv_strerror(csv_error(&s->p)));
		s->err = ERR_INVALID;
	}
	if (!s->err && !s->have_header) {
		csv_stream_fail(s, "the file is empty");
		s->err = ERR_INVALID;
	}
	return s->err;
}

const char *csv_stream_message(const struct csv_stream *s)
{
	return s->msg;
}

void csv_stream_fail(struct csv_stream *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->msg, sizeof(s->msg), fmt, ap);
	va_end(ap);
}

size_t csv_stream_records(const struct csv_stream *s)
{
	return s->records;
}
