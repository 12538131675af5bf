/* log.c - see log.h. Built on jansson so every string is escaped correctly. */
#include "core/log.h"

#include "core/clock.h"
#include "core/utf8.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static int quiet;

void log_set_quiet(int q)
{
	quiet = q;
}

static void now_iso(char out[32])
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	clock_format_iso(tv.tv_sec, (int)(tv.tv_usec / 1000), out);
}

static void emit(json_t *o)
{
	char *line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (!line)
		return;
	size_t n = strlen(line);
	char *out = malloc(n + 2);
	if (out) {
		memcpy(out, line, n);
		out[n] = '\n';
		ssize_t w = write(STDERR_FILENO, out, n + 1);
		(void)w;
		free(out);
	}
	free(line);
}

/* A copy of s with every byte that is not valid UTF-8 as '?': jansson
 * refuses invalid UTF-8, and a request for "/\xff" must still be logged. */
static char *clean(const char *s)
{
	size_t n = strlen(s);
	char *d = malloc(n + 1);
	if (!d)
		return NULL;
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		size_t len = utf8_seq_len(u + i, n - i);
		if (len == 0) {
			d[i++] = '?';
			continue;
		}
		memcpy(d + i, s + i, len);
		i += len;
	}
	d[n] = '\0';
	return d;
}

void log_access(const struct log_access *a)
{
	if (quiet)
		return;
	char ts[32];
	now_iso(ts);
	char *path = clean(a->path ? a->path : "");
	json_t *line = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:I, s:I}", "time", ts, "request_id",
				 a->request_id ? a->request_id : "", "method", a->method ? a->method : "",
				 "path", path ? path : "", "route", a->route ? a->route : "", "status",
				 a->status, "bytes", (json_int_t)a->bytes, "duration_us",
				 (json_int_t)a->duration_us);
	if (line && a->txns) { /* names from db_transact: C identifiers, commas, "..." */
		json_object_set_new(line, "transactions", json_string(a->txns));
		json_object_set_new(line, "statements", json_integer((json_int_t)a->statements));
	}
	emit(line);
	free(path);
}

void log_msg(const char *level, const char *fmt, ...)
{
	if (quiet)
		return;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	char ts[32];
	now_iso(ts);
	char *m = clean(msg);
	emit(json_pack("{s:s, s:s, s:s}", "time", ts, "level", level, "msg", m ? m : ""));
	free(m);
}
