/*
 * url.h - strict percent-decoding of request paths and query strings.
 *
 * Pure functions (no I/O), unit-tested. Malformed input ("%zz", "%4", an
 * encoded NUL, invalid UTF-8 after decoding) is an error, which the HTTP
 * layer answers with 400.
 */
#ifndef MH_URL_H
#define MH_URL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

struct arena;

/* One decoded query parameter. */
struct url_param {
	const char *name, *value;
};

/* Decodes the n bytes at s into a new arena string. plus_is_space turns '+'
 * into ' ' (query strings). Returns ERR_INVALID on a bad escape, an encoded
 * or literal NUL, or invalid UTF-8. */
enum err url_decode(struct arena *a, const char *s, size_t n, bool plus_is_space, char **out);

/* Decodes the len bytes of an application/x-www-form-urlencoded string (a
 * query string or a form body) into parameters, in order, repeats kept. At
 * most max_params non-empty pairs (more is ERR_INVALID). */
enum err url_parse_query(struct arena *a, const char *qs, size_t len, size_t max_params,
			 struct url_param **params, size_t *nparams);

/* Splits a raw request target "/path?query" into its decoded path and
 * decoded parameters (in order, repeats kept). *params is an arena array of
 * *nparams elements. At most max_params parameters are accepted (more is
 * ERR_INVALID). */
enum err url_parse_target(struct arena *a, const char *target, size_t max_params,
			  char **path, struct url_param **params, size_t *nparams);

struct buf;

/* Appends s percent-encoded: everything but A-Z a-z 0-9 - . _ ~ . The
 * result is also safe inside an HTML attribute. */
void url_encode_to(struct buf *b, const char *s, size_t n);

/* prefix followed by segment percent-encoded ("/hubs/" + "SW4"), in a. */
char *url_path_join(struct arena *a, const char *prefix, const char *segment);

/* A path built from parts that alternate: fixed, dynamic, fixed, dynamic...
 * The fixed parts (the route's own text, separators included) are copied as
 * they are; each dynamic part is one path segment, percent-encoded, so a
 * "/" in it is "%2F". url_path(a, "/admin/people/", id, "/revoke") is
 * "/admin/people/2/revoke". The string is in a. */
#define url_path(a, ...) url_path_(a, __VA_ARGS__, (const char *)NULL)
char *url_path_(struct arena *a, const char *fixed, ...);

#endif
