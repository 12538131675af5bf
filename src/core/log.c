/* log.c - see log.h. Service events are built with jansson; the access
 * line, written for every request, by hand (json_str: the escapes JSON
 * requires), which took a tenth of a cheap request's time through jansson. */
#include "core/log.h"

#include "core/buf.h"
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

/* Appends s as a JSON string, quotes included: '"', '\\' and the control
 * characters escaped, a byte that is not valid UTF-8 as '?' (as clean),
 * everything else as it is. */
static void json_str(struct buf *b, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str), run = 0, i = 0;
	buf_putc(b, '"');
	while (i < n) {
		unsigned char c = s[i];
		size_t len = c < 0x80 ? 1 : utf8_seq_len(s + i, n - i);
		if (len > 1 || (len == 1 && c >= 0x20 && c != '"' && c != '\\')) {
			i += len;
			continue;
		}
		buf_append(b, str + run, i - run);
		if (len == 0)
			buf_putc(b, '?');
		else if (c == '"' || c == '\\')
			buf_append(b, (const char[]){'\\', (char)c}, 2);
		else
			buf_printf(b, "\\u%04x", c);
		run = ++i;
	}
	buf_append(b, str + run, n - run);
	buf_putc(b, '"');
}

void log_access(const struct log_access *a)
{
	if (quiet)
		return;
	char ts[32];
	now_iso(ts);
	struct buf b = {0};
	buf_reserve(&b, 320);
	buf_puts(&b, "{\"time\":");
	json_str(&b, ts);
	buf_puts(&b, ",\"request_id\":");
	json_str(&b, a->request_id ? a->request_id : "");
	buf_puts(&b, ",\"method\":");
	json_str(&b, a->method ? a->method : "");
	buf_puts(&b, ",\"path\":");
	json_str(&b, a->path ? a->path : "");
	buf_puts(&b, ",\"route\":");
	json_str(&b, a->route ? a->route : "");
	buf_printf(&b, ",\"status\":%d,\"bytes\":%llu,\"duration_us\":%lld", a->status,
		   (unsigned long long)a->bytes, (long long)a->duration_us);
	if (a->txns) { /* names from db_transact: C identifiers, commas, "..." */
		buf_puts(&b, ",\"transactions\":");
		json_str(&b, a->txns);
		buf_printf(&b, ",\"statements\":%lld", (long long)a->statements);
	}
	buf_puts(&b, "}\n");
	ssize_t w = write(STDERR_FILENO, b.data, b.len); /* one write: lines of threads never interleave */
	(void)w;
	buf_free(&b);
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
