/*
 * text.h - the plain-text writer: what text/plain responses (/metrics)
 * write through, as pages write through the HTML writer and CSV through
 * the CSV writer (core/csv.h). Plain text needs no escaping, but a handler
 * still never touches a response's buffer: it gets a writer bound to it
 * from resp_text (http/request.h). One request, one thread.
 */
#ifndef MH_TEXT_H
#define MH_TEXT_H

#include "core/buf.h"

struct text_writer {
	struct buf *out;
};

/* A writer appending to out (owned by the caller). */
struct text_writer text_writer_on(struct buf *out);

/* s as it is; NULL writes nothing. */
void text_puts(struct text_writer *w, const char *s);

/* printf-style. */
void text_printf(struct text_writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
