/* util.c - see util.h. */
#include "core/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

noreturn void fatal(const char *fmt, ...)
{
	va_list ap;
	fputs("mathshubs: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		fatal("out of memory (%zu bytes)", n);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		fatal("out of memory (%zu bytes)", n);
	return q;
}

char *xstrdup(const char *s)
{
	char *d = strdup(s);
	if (!d)
		fatal("out of memory");
	return d;
}

bool str_starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

size_t urn_len(const char *s)
{
	size_t n = 0;
	while (n <= URN_MAX && s[n] >= '0' && s[n] <= '9')
		n++;
	return n >= 6 && n <= URN_MAX && s[0] != '0' ? n : 0;
}

bool urn_valid(const char *s)
{
	size_t n = urn_len(s);
	return n && !s[n];
}
