/* html.c - see html.h. */
#include "html/html.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/url.h"
#include "core/utf8.h"
#include "core/util.h"

void html_escape_to(struct buf *b, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t run = 0; /* start of the pending run of bytes that need no escaping */
	size_t i = 0;
	while (i < n) {
		const char *rep = NULL;
		size_t len = 1;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		case '\0': rep = "\xEF\xBF\xBD"; break;
		default:
			if (s[i] >= 0x80) {
				len = utf8_seq_len(s + i, n - i);
				if (len == 0) {
					rep = "\xEF\xBF\xBD"; /* U+FFFD for each invalid byte */
					len = 1;
				}
			}
		}
		if (rep) {
			buf_append(b, str + run, i - run);
			buf_puts(b, rep);
			run = i + len;
		}
		i += len;
	}
	buf_append(b, str + run, n - run);
}

struct html html_writer_on(struct buf *out)
{
	return (struct html){.out = out};
}

void html_raw_(struct html *w, const char *lit, size_t n)
{
	buf_append(w->out, lit, n);
}

void html_attr_(struct html *w, const char *prefix, size_t n, const char *value)
{
	buf_append(w->out, prefix, n);
	if (value)
		html_escape_to(w->out, value, strlen(value));
	buf_putc(w->out, '"');
}

void html_text(struct html *w, const char *s)
{
	if (s)
		html_escape_to(w->out, s, strlen(s));
}

void html_textn(struct html *w, const char *s, size_t n)
{
	html_escape_to(w->out, s, n);
}

void html_textf(struct html *w, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		fatal("html_textf: bad format");
	if ((size_t)n < sizeof(small)) {
		html_escape_to(w->out, small, (size_t)n);
		return;
	}
	char *big = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	html_escape_to(w->out, big, (size_t)n);
	free(big);
}

void html_int(struct html *w, long long n)
{
	buf_printf(w->out, "%lld", n);
}

void html_url_part(struct html *w, const char *s)
{
	if (s)
		url_encode_to(w->out, s, strlen(s));
}
