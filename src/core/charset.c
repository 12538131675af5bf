/* charset.c - see charset.h. */
#include "core/charset.h"

#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"

/* Windows-1252 bytes 0x80 to 0x9F as Unicode (0: unassigned); the rest of
 * the code page is ISO-8859-1, byte = code point. */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static size_t put_utf8(char *out, unsigned cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	out[0] = (char)(0xE0 | (cp >> 12));
	out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

char *charset_to_utf8(struct arena *a, const char *data, size_t len, size_t *outlen, enum charset *found)
{
	const unsigned char *p = (const unsigned char *)data;
	*outlen = 0;
	if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
		*found = CHARSET_UTF16;
		return NULL;
	}
	if ((len >= 4 && !memcmp(p, "PK\x03\x04", 4)) || memchr(p, 0, len)) {
		*found = CHARSET_BINARY;
		return NULL;
	}
	size_t bom = len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0;
	if (bom && utf8_valid(data + 3, len - 3)) {
		*found = CHARSET_UTF8_BOM;
		*outlen = len - 3;
		return arena_strndup(a, data + 3, len - 3);
	}
	if (!bom && utf8_valid(data, len)) {
		*found = CHARSET_UTF8;
		*outlen = len;
		return arena_strndup(a, data, len);
	}
	*found = CHARSET_WINDOWS_1252;
	char *out = arena_alloc(a, len * 3 + 1), *o = out;
	for (size_t i = bom; i < len; i++) { /* a mark before bytes that are not UTF-8 is dropped too */
		unsigned cp = p[i];
		if (cp >= 0x80 && cp < 0xA0)
			cp = cp1252_high[cp - 0x80] ? cp1252_high[cp - 0x80] : 0xFFFD;
		o += put_utf8(o, cp);
	}
	*o = '\0';
	*outlen = (size_t)(o - out);
	return out;
}
