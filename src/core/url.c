/* url.c - see url.h. */
#include "core/url.h"

#include <stdarg.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/utf8.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

enum err url_decode(struct arena *a, const char *s, size_t n, bool plus_is_space, char **out)
{
	char *d = arena_alloc(a, n + 1);
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '%') {
			if (n - i < 3)
				return ERR_INVALID;
			int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return ERR_INVALID;
			c = (char)(hi * 16 + lo);
			i += 2;
		} else if (c == '+' && plus_is_space) {
			c = ' ';
		}
		if (c == '\0')
			return ERR_INVALID;
		d[j++] = c;
	}
	d[j] = '\0';
	if (!utf8_valid(d, j))
		return ERR_INVALID;
	*out = d;
	return ERR_OK;
}

enum err url_parse_query(struct arena *a, const char *qs, size_t len, size_t max_params,
			 struct url_param **params, size_t *nparams)
{
	*params = NULL;
	*nparams = 0;
	const char *end = qs + len;
	size_t count = 0; /* non-empty pairs: "a=1&&b=2" holds two */
	for (const char *p = qs; p < end; p++)
		count += *p != '&' && (p == qs || p[-1] == '&');
	if (count > max_params)
		return ERR_INVALID;
	if (count == 0)
		return ERR_OK;
	struct url_param *ps = arena_alloc(a, count * sizeof(*ps));
	size_t k = 0;
	while (qs < end) {
		const char *amp = memchr(qs, '&', (size_t)(end - qs));
		size_t plen = amp ? (size_t)(amp - qs) : (size_t)(end - qs);
		if (plen > 0) {
			const char *eq = memchr(qs, '=', plen);
			size_t nlen = eq ? (size_t)(eq - qs) : plen;
			char *name, *value;
			enum err e;
			if ((e = url_decode(a, qs, nlen, true, &name)))
				return e;
			if (eq) {
				if ((e = url_decode(a, eq + 1, plen - nlen - 1, true, &value)))
					return e;
			} else {
				value = arena_strdup(a, "");
			}
			ps[k].name = name;
			ps[k].value = value;
			k++;
		}
		qs += plen;
		if (qs < end && *qs == '&')
			qs++;
	}
	*params = ps;
	*nparams = k;
	return ERR_OK;
}

enum err url_parse_target(struct arena *a, const char *target, size_t max_params,
			  char **path, struct url_param **params, size_t *nparams)
{
	const char *q = strchr(target, '?');
	size_t plen = q ? (size_t)(q - target) : strlen(target);
	enum err e = url_decode(a, target, plen, false, path);
	if (e)
		return e;
	*params = NULL;
	*nparams = 0;
	if (!q)
		return ERR_OK;
	return url_parse_query(a, q + 1, strlen(q + 1), max_params, params, nparams);
}

void url_encode_to(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~') {
			buf_putc(b, (char)c);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			buf_append(b, e, 3);
		}
	}
}

char *url_path_join(struct arena *a, const char *prefix, const char *segment)
{
	return url_path(a, prefix, segment);
}

char *url_path_(struct arena *a, const char *fixed, ...)
{
	struct buf b = {0};
	va_list ap;
	va_start(ap, fixed);
	bool dynamic = false;
	for (const char *part = fixed; part; part = va_arg(ap, const char *), dynamic = !dynamic) {
		if (dynamic)
			url_encode_to(&b, part, strlen(part));
		else
			buf_puts(&b, part);
	}
	va_end(ap);
	char *s = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return s;
}
