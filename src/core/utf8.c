/* utf8.c - see utf8.h. */
#include "core/utf8.h"

size_t utf8_seq_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	unsigned cp;
	if (c < 0x80)
		return 1;
	if ((c & 0xE0) == 0xC0)
		len = 2, cp = c & 0x1F;
	else if ((c & 0xF0) == 0xE0)
		len = 3, cp = c & 0x0F;
	else if ((c & 0xF8) == 0xF0)
		len = 4, cp = c & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (size_t k = 1; k < len; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[k] & 0x3F);
	}
	if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

bool utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		size_t len = utf8_seq_len(p + i, n - i);
		if (len == 0)
			return false;
		i += len;
	}
	return true;
}

size_t utf8_cut(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	if (s[n]) /* cut: not inside a sequence */
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	return n;
}

size_t utf8_chars(const char *s, size_t n)
{
	size_t chars = 0;
	for (size_t i = 0; i < n; i++)
		chars += ((unsigned char)s[i] & 0xC0) != 0x80;
	return chars;
}
