/*
 * assets.h - the web assets the service serves, with fingerprinted URLs.
 *
 * assets_init (once, before any thread starts) gives every embedded file
 * under "assets/" a URL that contains a hash of its content
 * ("/assets/app-3f2a9c01d4.css"), so it can be cached for a year, and an
 * ETag. Afterwards everything is read-only and thread-safe.
 */
#ifndef MH_ASSETS_H
#define MH_ASSETS_H

#include <stddef.h>

struct asset {
	const char *name;          /* "app.css" */
	const char *url;           /* "/assets/app-<hash>.css" */
	const char *etag;          /* "\"<hash>\"" */
	const char *content_type;  /* "text/css; charset=utf-8" */
	const unsigned char *data;
	size_t len;
};

void assets_init(void);

/* The fingerprinted URL of the asset called name ("app.css"). An unknown
 * name is a programmer error (assert). */
const char *assets_url(const char *name);

/* The asset served at url, or NULL. */
const struct asset *assets_by_url(const char *url);

/* All assets, for the HTTP layer to prepare responses. */
const struct asset *assets_all(size_t *n);

#endif
