/*
 * refusal.h - what every answer of the service carries, and what it says
 * when it refuses a request: the security headers and the words of the
 * error pages, one table each. The server sends them (server.c); `mathshubs
 * error-pages` writes the same pages, and the same headers as nginx
 * add_header lines, for the refusals nginx in front makes itself
 * (src/ops/error_pages.c, docs/nginx/mathshubs.conf): neither can drift
 * from the other. Pure: no libmicrohttpd here.
 */
#ifndef MH_REFUSAL_H
#define MH_REFUSAL_H

#include <stddef.h>

struct http_header {
	const char *name, *value;
};

/* The security headers every response carries (*n of them): CSP without
 * unsafe-inline, nosniff, Referrer-Policy, Permissions-Policy, no framing,
 * Cross-Origin-Opener-Policy. */
const struct http_header *security_headers(size_t *n);

/* Strict-Transport-Security: on every response too when the base URL is
 * https (never on plain http). */
extern const struct http_header hsts_header;

/* An error page's words: its h1 (and title) and the sentence under it. */
struct refusal {
	int status;
	const char *title, *detail;
};

/* The words for status (404: "Page not found" ...), or NULL for a status
 * without words of its own (a page then says what it refuses itself). */
const struct refusal *refusal_of(int status);

#endif
