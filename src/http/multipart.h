/*
 * multipart.h - multipart/form-data request bodies (RFC 7578), as a
 * browser sends a form with a file input. Pure: no I/O, unit-tested.
 *
 * Strict where it matters: the boundary must be declared and present, each
 * part must name its field (Content-Disposition: form-data; name="..."),
 * names and file names must be UTF-8 without NUL. A browser percent-encodes
 * '"', CR and LF in names and file names (the HTML standard); they are
 * given as sent.
 */
#ifndef MH_MULTIPART_H
#define MH_MULTIPART_H

#include <stddef.h>

#include "core/err.h"

struct arena;

struct multipart_part {
	const char *name;         /* the form field's name */
	const char *filename;     /* a file input's file name ("" when no file was chosen); NULL for a plain field */
	const char *content_type; /* the part's Content-Type ("" when it gave none) */
	const char *data;         /* the content: points into the body, len bytes, not NUL-terminated */
	size_t len;
};

/* Whether content_type is multipart/form-data (any parameters). */
int multipart_is_form_data(const char *content_type);

/* Splits the len bytes of body, sent with content_type, into its parts (an
 * array in a; data points into body, which must outlive them). ERR_INVALID
 * when the Content-Type has no usable boundary, the body is not a complete
 * multipart body with that boundary, a part is not a named form-data part,
 * or there are more than max_parts parts. */
enum err multipart_parse(struct arena *a, const char *content_type, const char *body, size_t len, size_t max_parts,
			 struct multipart_part **parts, size_t *nparts);

#endif
