/*
 * util.h - process-wide helpers: allocation that aborts on out of memory,
 * fatal errors, and small string utilities with no other home.
 */
#ifndef MH_UTIL_H
#define MH_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdnoreturn.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Prints "mathshubs: <message>" to stderr and aborts. For impossible states
 * and out of memory only. */
noreturn void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* malloc/realloc/strdup that abort on failure. */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* true if s starts with prefix. */
bool str_starts(const char *s, const char *prefix);

/* A school's unique reference number (GIAS): 6 or 7 digits, not starting
 * with 0 (every URN today has 6; a children's centre's has 5). urn_len: how
 * many digits of s make a URN (6 or 7, not followed by another digit), or
 * 0; urn_valid: s is one URN and nothing else. */
#define URN_MAX 7
size_t urn_len(const char *s);
bool urn_valid(const char *s);

#endif
