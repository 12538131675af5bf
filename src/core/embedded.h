/*
 * embedded.h - files compiled into the binary (tools/embed.c writes the
 * table at build time): reference data under "data/", web assets under
 * "assets/", and the OpenAPI document. Process lifetime, read-only.
 */
#ifndef MH_EMBEDDED_H
#define MH_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *name;
	const unsigned char *data; /* NUL-terminated; len excludes the NUL */
	size_t len;
};

extern const struct embedded_file embedded_files[];
extern const size_t embedded_count;

/* The embedded file called name, or NULL. */
const struct embedded_file *embedded_find(const char *name);

#endif
