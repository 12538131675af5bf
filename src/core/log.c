/* log.c - see log.h. Built on jansson so every string is escaped correctly. */
#include "core/log.h"

#include "core/clock.h"

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

void log_access(const struct log_access *a)
{
	if (quiet)
		return;
	char ts[32];
	now_iso(ts);
	emit(json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:I, s:I}", "time", ts, "request_id",
		       a->request_id ? a->request_id : "", "method", a->method ? a->method : "",
		       "path", a->path ? a->path : "", "route", a->route ? a->route : "", "status",
		       a->status, "bytes", (json_int_t)a->bytes, "duration_us",
		       (json_int_t)a->duration_us));
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
	emit(json_pack("{s:s, s:s, s:s}", "time", ts, "level", level, "msg", msg));
}
