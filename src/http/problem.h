/*
 * problem.h - RFC 9457 problem documents (application/problem+json) for
 * API errors.
 */
#ifndef MH_PROBLEM_H
#define MH_PROBLEM_H

struct resp;

#include <jansson.h>

/* A new problem document (the caller owns the reference): type
 * "about:blank", title, status, detail, and instance when not NULL. */
json_t *problem_new(int status, const char *title, const char *detail, const char *instance);

/* Sets rs to a problem document: type "about:blank", title, status, detail,
 * and instance (the request path) when not NULL. */
void problem_send(struct resp *rs, int status, const char *title, const char *detail,
		  const char *instance);

#endif
