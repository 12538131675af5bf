/* csv.c - see csv.h. libcsv does the parsing; this file maps columns. */
#include "core/csv.h"

#include <csv.h>
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

void csv_cell(struct csv_writer *w, const char *value)
{
	const char *v = value ? value : "";
	if (w->mid_row)
		buf_putc(w->out, ',');
	w->mid_row = true;
	buf_putc(w->out, '"');
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
