/*
 * log.h - structured logs: one JSON object per line on stderr.
 *
 * Each line is written with a single write(2) so lines from different
 * threads never interleave. Callers never pass cookies, query strings,
 * passwords, codes, tokens or personal data.
 */
#ifndef MH_LOG_H
#define MH_LOG_H

#include <stdint.h>

/* One request, as the access log records it. */
struct log_access {
	const char *request_id, *method, *path, *route;
	int status;
	uint64_t bytes;
	int64_t duration_us;
	const char *txns; /* the handler's database transactions, comma-separated, or NULL */
	int64_t statements; /* the statements they ran (logged with txns) */
};

void log_access(const struct log_access *a);

/* A service event: level is "info", "warn" or "error"; msg is printf-style. */
void log_msg(const char *level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Silences log_msg and log_access (unit tests). */
void log_set_quiet(int quiet);

#endif
