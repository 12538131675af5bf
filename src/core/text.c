/* text.c - see text.h. */
#include "core/text.h"

#include <stdarg.h>

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
	buf_vprintf(w->out, fmt, ap);
	va_end(ap);
}
