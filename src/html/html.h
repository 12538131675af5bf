/*
 * html.h - the escaping HTML writer: the only way pages produce output.
 *
 * Dynamic text goes out through html_text (element content), H_ATTR
 * (attribute values, always double-quoted) and html_url_* (URL components,
 * percent-encoded and therefore also attribute-safe). Markup goes out
 * through H_RAW, which accepts only string literals: `"" lit ""` does not
 * compile with a variable. scripts/lint-html (run by `make check`) rejects
 * any other raw output. Invalid UTF-8 in text becomes U+FFFD.
 *
 * A writer appends to a buf owned by the caller. One request, one thread.
 */
#ifndef MH_HTML_H
#define MH_HTML_H

#include <stddef.h>

#include "core/buf.h"

struct html {
	struct buf *out;
};

/* A writer appending to out (owned by the caller): for the HTTP layer
 * (resp_html) and mail (mail_html_begin); a capability gets its writer
 * from them. */
struct html html_writer_on(struct buf *out);

/* Raw markup: string literals only. */
#define H_RAW(w, lit) html_raw_((w), "" lit "", sizeof(lit) - 1)
/* ` name="value"` with value escaped; name must be a literal. */
#define H_ATTR(w, name, value) html_attr_((w), " " name "=\"", sizeof(" " name "=\"") - 1, (value))

void html_raw_(struct html *w, const char *lit, size_t n);
void html_attr_(struct html *w, const char *prefix, size_t n, const char *value);

/* Text with & < > " ' escaped and invalid UTF-8 replaced. NULL writes nothing. */
void html_text(struct html *w, const char *s);
void html_textn(struct html *w, const char *s, size_t n);
/* printf, then escaped as text. */
void html_textf(struct html *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A decimal integer. */
void html_int(struct html *w, long long n);

/* A URL component percent-encoded: everything but A-Z a-z 0-9 - . _ ~ .
 * Use for path segments and query names/values inside an href. */
void html_url_part(struct html *w, const char *s);

/* The escaping rule, for other writers (JSON needs none: jansson). */
void html_escape_to(struct buf *b, const char *s, size_t n);

#endif
