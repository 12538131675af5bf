/* encoding.c - see encoding.h. */
#include "core/encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "core/util.h"

const char *encoding_name(enum text_encoding e)
{
	switch (e) {
	case ENC_UTF8:
		return "UTF-8";
	case ENC_CP1252:
		return "Windows-1252";
	case ENC_UTF16:
		return "UTF-16";
	}
	return "?";
}

size_t encoding_bom_len(const char *p, size_t n)
{
	return n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3) ? 3 : 0;
}

bool encoding_utf16_bom(const char *p, size_t n)
{
	return n >= 2 && (!memcmp(p, "\xFF\xFE", 2) || !memcmp(p, "\xFE\xFF", 2));
}

/* The length a sequence starting with lead byte c claims (1..4), or 0. */
static size_t claimed_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if ((c & 0xE0) == 0xC0)
		return 2;
	if ((c & 0xF0) == 0xE0)
		return 3;
	if ((c & 0xF8) == 0xF0)
		return 4;
	return 0;
}

/* Index of the first byte at or after i with the high bit set, or n. */
static size_t skip_ascii(const unsigned char *p, size_t i, size_t n)
{
	while (i + 8 <= n) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		if (w & UINT64_C(0x8080808080808080))
			break;
		i += 8;
	}
	while (i < n && p[i] < 0x80)
		i++;
	return i;
}

void utf8_check_feed(struct utf8_check *c, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	if (c->bad)
		return;
	if (c->npend) { /* complete the sequence the last piece cut */
		size_t want = claimed_len(c->pend[0]);
		while (c->npend < want && i < n)
			c->pend[c->npend++] = p[i++];
		if (c->npend < want)
			return; /* still cut: wait for more */
		if (utf8_seq_len(c->pend, c->npend) != want) {
			c->bad = true;
			return;
		}
		c->npend = 0;
	}
	for (;;) {
		i = skip_ascii(p, i, n);
		if (i == n)
			return;
		size_t len = utf8_seq_len(p + i, n - i);
		if (len) {
			i += len;
			continue;
		}
		/* invalid, or a sequence cut by the end of the piece */
		size_t want = claimed_len(p[i]);
		if (want > 1 && n - i < want) {
			for (size_t k = i + 1; k < n; k++)
				if ((p[k] & 0xC0) != 0x80) {
					c->bad = true;
					return;
				}
			memcpy(c->pend, p + i, n - i);
			c->npend = n - i;
			return;
		}
		c->bad = true;
		return;
	}
}

bool utf8_check_ok(const struct utf8_check *c)
{
	return !c->bad && !c->npend;
}

enum text_encoding encoding_detect(const char *p, size_t n)
{
	if (encoding_utf16_bom(p, n))
		return ENC_UTF16;
	struct utf8_check c = {0};
	utf8_check_feed(&c, p, n);
	return utf8_check_ok(&c) ? ENC_UTF8 : ENC_CP1252;
}

struct cp1252 {
	iconv_t cd;
};

struct cp1252 *cp1252_new(void)
{
	iconv_t cd = iconv_open("UTF-8", "WINDOWS-1252");
	if (cd == (iconv_t)-1)
		fatal("iconv cannot convert from Windows-1252");
	struct cp1252 *c = xmalloc(sizeof(*c));
	c->cd = cd;
	return c;
}

void cp1252_free(struct cp1252 *c)
{
	if (!c)
		return;
	iconv_close(c->cd);
	free(c);
}

void cp1252_to_utf8(struct cp1252 *c, const char *p, size_t n, struct buf *out)
{
	char tmp[16384];
	char *in = (char *)(uintptr_t)p; /* iconv's prototype; the input is not written */
	size_t left = n;
	while (left) {
		char *o = tmp;
		size_t room = sizeof(tmp);
		size_t r = iconv(c->cd, &in, &left, &o, &room);
		buf_append(out, tmp, (size_t)(o - tmp));
		if (r == (size_t)-1 && errno != E2BIG) { /* EILSEQ: a byte Windows-1252 leaves undefined */
			buf_puts(out, "\xEF\xBF\xBD");
			in++;
			left--;
		}
		/* E2BIG: tmp is full, go round */
	}
}

/* ---- a line at a time ---- */

void line_decoder_init(struct line_decoder *d)
{
	memset(d, 0, sizeof(*d));
	d->cp = cp1252_new();
	d->line = 1;
}

void line_decoder_free(struct line_decoder *d)
{
	cp1252_free(d->cp);
	d->cp = NULL;
	buf_free(&d->pending);
}

static void seen_line(size_t *count, size_t *first, size_t line)
{
	if (*count < LINES_FIRST)
		first[*count] = line;
	(*count)++;
}

/* One line (or a piece of an overlong one), in its own encoding. */
static void decode_line(struct line_decoder *d, const char *p, size_t n, struct buf *out)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i = skip_ascii(u, 0, n);
	if (i == n) {
		buf_append(out, p, n);
	} else if (utf8_valid(p + i, n - i)) {
		seen_line(&d->utf8, d->first_utf8, d->line);
		buf_append(out, p, n);
	} else {
		seen_line(&d->cp1252, d->first_cp1252, d->line);
		cp1252_to_utf8(d->cp, p, n, out);
	}
}

void line_decoder_feed(struct line_decoder *d, const char *p, size_t n, struct buf *out)
{
	struct buf *pend = &d->pending;
	while (n) {
		/* an LF; a CR alone ends a line too (old Mac files), looked for
		 * only in a long line: one search for most lines */
		const char *lf = memchr(p, '\n', n);
		size_t upto = lf ? (size_t)(lf - p) : n;
		const char *brk = upto > 4096 ? memchr(p, '\r', upto) : NULL;
		if (!brk)
			brk = lf;
		if (!brk) { /* the line goes on in the next piece */
			buf_append(pend, p, n);
			if (pend->len > LINE_DECODER_MAX) {
				decode_line(d, pend->data, pend->len, out);
				pend->len = 0;
			}
			return;
		}
		size_t len = (size_t)(brk - p) + 1;
		if (pend->len) {
			buf_append(pend, p, len);
			decode_line(d, pend->data, pend->len, out);
			pend->len = 0;
		} else {
			decode_line(d, p, len, out);
		}
		if (*brk == '\n')
			d->line++;
		p += len;
		n -= len;
	}
}

void line_decoder_end(struct line_decoder *d, struct buf *out)
{
	if (d->pending.len)
		decode_line(d, d->pending.data, d->pending.len, out);
	d->pending.len = 0;
}

char *charset_to_utf8(struct arena *a, const char *data, size_t len, size_t *outlen, enum charset *found)
{
	*outlen = 0;
	if (encoding_utf16_bom(data, len)) {
		*found = CHARSET_UTF16;
		return NULL;
	}
	if ((len >= 4 && !memcmp(data, "PK\x03\x04", 4)) || memchr(data, 0, len)) {
		*found = CHARSET_BINARY;
		return NULL;
	}
	size_t bom = encoding_bom_len(data, len);
	if (encoding_detect(data + bom, len - bom) == ENC_UTF8) {
		*found = bom ? CHARSET_UTF8_BOM : CHARSET_UTF8;
		*outlen = len - bom;
		return arena_strndup(a, data + bom, len - bom);
	}
	*found = CHARSET_WINDOWS_1252;
	struct line_decoder d;
	line_decoder_init(&d);
	struct buf out = {0};
	line_decoder_feed(&d, data + bom, len - bom, &out);
	line_decoder_end(&d, &out);
	line_decoder_free(&d);
	char *text = arena_strndup(a, out.data ? out.data : "", out.len);
	*outlen = out.len;
	buf_free(&out);
	return text;
}
