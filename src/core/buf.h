/*
 * buf.h - a growable byte buffer, always NUL-terminated.
 *
 * A buf belongs to whoever made it; buf_free releases its memory. Appends
 * never fail (out of memory aborts). The response body of every dynamic page
 * is one buf, handed to the HTTP layer, which frees it after sending.
 */
#ifndef MH_BUF_H
#define MH_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data; /* NUL-terminated; NULL until the first append */
	size_t len, cap;
};

void buf_append(struct buf *b, const void *p, size_t n);
/* Makes room for n more bytes at once (a body whose length is known), so
 * that appending them does not copy the buffer as it grows. */
void buf_reserve(struct buf *b, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* buf_printf with a va_list (for writers built on a buf). */
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* Gives up ownership of the data (never NULL; "" if nothing was appended). */
char *buf_detach(struct buf *b, size_t *len);

void buf_free(struct buf *b);

#endif
