/* text.c - see text.h. */
#include "core/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/util.h"

struct text_writer text_writer_on(struct buf *out)
{
	return (struct text_writer){.out = out};
}

void text_puts(struct text_writer *w, const char *s)
{
	if (s)
		buf_puts(w->out, s);
}

void text_printf(struct text_writer *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	char *s = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	buf_append(w->out, s, (size_t)n);
	free(s);
}
