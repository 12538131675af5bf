/* multipart.c - see multipart.h. */
#include "http/multipart.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/utf8.h"

#define BOUNDARY_MAX 70 /* RFC 2046 */

/* The first n bytes at needle within the len bytes at s, or NULL
 * (memmem, which glibc declares only with _GNU_SOURCE). */
static const char *find(const char *s, size_t len, const char *needle, size_t n)
{
	const char *end = s + len;
	while ((size_t)(end - s) >= n) {
		const char *c = memchr(s, needle[0], (size_t)(end - s) - n + 1);
		if (!c)
			return NULL;
		if (!memcmp(c, needle, n))
			return c;
		s = c + 1;
	}
	return NULL;
}

int multipart_is_form_data(const char *ct)
{
	static const char type[] = "multipart/form-data";
	return ct && !strncasecmp(ct, type, sizeof(type) - 1) &&
	       (ct[sizeof(type) - 1] == '\0' || ct[sizeof(type) - 1] == ';' || ct[sizeof(type) - 1] == ' ');
}

/* The value of parameter name (lower case) in a header's "; a=b; c="d""
 * list, as an arena string, or NULL. */
static const char *param(struct arena *a, const char *s, size_t len, const char *name)
{
	size_t nlen = strlen(name);
	const char *end = s + len;
	while (s < end) {
		const char *semi = memchr(s, ';', (size_t)(end - s));
		if (!semi)
			return NULL;
		s = semi + 1;
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		if ((size_t)(end - s) <= nlen || strncasecmp(s, name, nlen) || s[nlen] != '=')
			continue;
		s += nlen + 1;
		if (s < end && *s == '"') {
			const char *close = memchr(s + 1, '"', (size_t)(end - s - 1));
			return close ? arena_strndup(a, s + 1, (size_t)(close - s - 1)) : NULL;
		}
		size_t n = 0;
		while (s + n < end && s[n] != ';' && s[n] != ' ' && s[n] != '\t')
			n++;
		return arena_strndup(a, s, n);
	}
	return NULL;
}

static bool text_ok(const char *s)
{
	return s && utf8_valid(s, strlen(s));
}

/* One part's header block (lines separated by CR LF) into p. */
static enum err headers(struct arena *a, const char *h, size_t len, struct multipart_part *p)
{
	bool disposition = false;
	p->content_type = "";
	const char *end = h + len;
	while (h < end) {
		const char *eol = find(h, (size_t)(end - h), "\r\n", 2);
		size_t n = eol ? (size_t)(eol - h) : (size_t)(end - h);
		const char *colon = memchr(h, ':', n);
		if (!colon)
			return ERR_INVALID;
		size_t nlen = (size_t)(colon - h);
		const char *v = colon + 1;
		while (v < h + n && (*v == ' ' || *v == '\t'))
			v++;
		size_t vlen = (size_t)(h + n - v);
		if (nlen == 19 && !strncasecmp(h, "Content-Disposition", 19)) {
			if (vlen < 9 || strncasecmp(v, "form-data", 9) || (vlen > 9 && v[9] != ';' && v[9] != ' '))
				return ERR_INVALID;
			disposition = true;
			p->name = param(a, v, vlen, "name");
			p->filename = param(a, v, vlen, "filename");
			if (!text_ok(p->name) || !p->name[0] || (p->filename && !text_ok(p->filename)))
				return ERR_INVALID;
		} else if (nlen == 12 && !strncasecmp(h, "Content-Type", 12)) {
			p->content_type = arena_strndup(a, v, vlen);
		}
		h += n + (eol ? 2 : 0);
	}
	return disposition ? ERR_OK : ERR_INVALID;
}

enum err multipart_parse(struct arena *a, const char *content_type, const char *body, size_t len, size_t max_parts,
			 struct multipart_part **parts, size_t *nparts)
{
	*parts = NULL;
	*nparts = 0;
	if (!multipart_is_form_data(content_type))
		return ERR_INVALID;
	const char *b = param(a, content_type, strlen(content_type), "boundary");
	size_t blen = b ? strlen(b) : 0;
	if (!blen || blen > BOUNDARY_MAX)
		return ERR_INVALID;
	/* "\r\n--" boundary: the delimiter; the body's first one may come without the line break */
	char *delim = arena_printf(a, "\r\n--%s", b);
	size_t dlen = blen + 4;
	const char *end = body + len, *at;
	if (len >= dlen - 2 && !memcmp(body, delim + 2, dlen - 2))
		at = body + dlen - 2;
	else if ((at = find(body, len, delim, dlen)))
		at += dlen; /* after a preamble */
	else
		return ERR_INVALID;
	size_t cap = 4;
	struct multipart_part *out = arena_alloc(a, cap * sizeof(*out));
	for (;;) {
		/* after a delimiter: "--" ends the body; else padding, then CR LF and the part */
		if (end - at >= 2 && at[0] == '-' && at[1] == '-')
			break;
		while (at < end && (*at == ' ' || *at == '\t'))
			at++;
		if (end - at < 2 || at[0] != '\r' || at[1] != '\n')
			return ERR_INVALID;
		at += 2;
		const char *hend = find(at, (size_t)(end - at), "\r\n\r\n", 4);
		if (!hend)
			return ERR_INVALID;
		size_t hlen = (size_t)(hend - at);
		if (*nparts == max_parts)
			return ERR_INVALID;
		if (*nparts == cap)
			out = arena_grow(a, out, *nparts, cap *= 2, sizeof(*out));
		struct multipart_part *p = &out[*nparts];
		memset(p, 0, sizeof(*p));
		if (headers(a, at, hlen, p))
			return ERR_INVALID;
		const char *data = hend + 4;
		const char *next = find(data, (size_t)(end - data), delim, dlen);
		if (!next)
			return ERR_INVALID;
		p->data = data;
		p->len = (size_t)(next - data);
		(*nparts)++;
		at = next + dlen;
	}
	*parts = out;
	return ERR_OK;
}
