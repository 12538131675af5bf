/* search_text.c - see search_text.h. */
#include "registry/search_text.h"

#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "html/form.h"

/* U+00C0 to U+017F: the plain letters of each (NULL: a break between
 * words, as the multiplication and division signs are). */
static const char *const latin[] = {
	/* C0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* D0 */ "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "ss",
	/* E0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* F0 */ "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "y",
	/* 100 */ "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
	/* 110 */ "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
	/* 120 */ "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
	/* 130 */ "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
	/* 140 */ "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
	/* 150 */ "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
	/* 160 */ "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
	/* 170 */ "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};

/* The code point of the n-byte UTF-8 sequence at s. */
static unsigned decode(const unsigned char *s, size_t n)
{
	if (n == 1)
		return s[0];
	unsigned cp = s[0] & (0xFF >> (n + 1));
	for (size_t i = 1; i < n; i++)
		cp = (cp << 6) | (s[i] & 0x3F);
	return cp;
}

/* Apostrophes join ("Mary’s" is one word); combining accents (a letter
 * written as "e" then U+0301) are dropped the same way. */
static bool joins(unsigned cp)
{
	return cp == '\'' || cp == '`' || cp == 0xB4 || cp == 0x2BC || cp == 0x2018 || cp == 0x2019 ||
	       (cp >= 0x300 && cp <= 0x36F);
}

/* Text being built in an arena block sized for the worst case (each input
 * byte gives at most 5: "&" is " and "). */
struct out {
	char *p;
	size_t n;
};

static void out_put(struct out *o, const char *s, size_t n)
{
	memcpy(o->p + o->n, s, n);
	o->n += n;
	o->p[o->n] = '\0';
}

/* Appends text to the words in o: a space first when a word starts. */
static void put(struct out *o, bool *gap, const char *text)
{
	if (*gap && o->n)
		out_put(o, " ", 1);
	*gap = false;
	out_put(o, text, strlen(text));
}

/* put of one ASCII letter or digit (most of what is folded). */
static void put_char(struct out *o, bool *gap, char c)
{
	if (*gap && o->n)
		o->p[o->n++] = ' ';
	*gap = false;
	o->p[o->n++] = c;
	o->p[o->n] = '\0';
}

static void fold_into(struct out *o, const char *s)
{
	bool gap = true;
	const unsigned char *p = (const unsigned char *)s;
	size_t left = strlen(s);
	while (left) {
		size_t n = utf8_seq_len(p, left);
		if (!n) { /* invalid UTF-8: a break */
			gap = true;
			p++;
			left--;
			continue;
		}
		unsigned cp = decode(p, n);
		p += n;
		left -= n;
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
			put_char(o, &gap, (char)cp);
		else if (cp >= 'A' && cp <= 'Z')
			put_char(o, &gap, (char)(cp - 'A' + 'a'));
		else if (cp >= 0xC0 && cp <= 0x17F && latin[cp - 0xC0])
			put(o, &gap, latin[cp - 0xC0]);
		else if (cp == '&') {
			gap = true;
			put(o, &gap, "and");
			gap = true;
		} else if (!joins(cp)) {
			gap = true;
		}
	}
}

/* An empty text with room for n bytes of input. */
static struct out out_new(struct arena *a, size_t n)
{
	struct out o = {arena_alloc(a, 5 * n + 2), 0};
	return o;
}

char *search_fold(struct arena *a, const char *s)
{
	struct out o = out_new(a, s ? strlen(s) : 0);
	if (s)
		fold_into(&o, s);
	return o.p;
}

/* Whether the space-separated words of s include word. */
static bool has_word(const char *s, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = s; (p = strstr(p, word)); p += n)
		if ((p == s || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return true;
	return false;
}

char *search_postcode_key(struct arena *a, const char *postcode)
{
	char *f = search_fold(a, postcode), *o = f;
	for (const char *p = f; *p; p++)
		if (*p != ' ')
			*o++ = *p;
	*o = '\0';
	return f;
}

char *search_terms(struct arena *a, const char *name, const char *town, const char *postcode,
		   const char *urn)
{
	const char *n = search_fold(a, name), *t = search_fold(a, town), *p = search_fold(a, postcode);
	const char *pk = search_postcode_key(a, postcode), *u = search_fold(a, urn);
	const char *parts[] = {
		n,
		has_word(n, "st") && !has_word(n, "saint") ? "saint" : "",
		has_word(n, "saint") && !has_word(n, "st") ? "st" : "",
		t,
		p,
		strchr(p, ' ') ? pk : "",
		u,
	};
	size_t len = 0;
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		len += strlen(parts[i]) + 1;
	struct out o = out_new(a, len);
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		if (!parts[i][0])
			continue;
		if (o.n)
			out_put(&o, " ", 1);
		out_put(&o, parts[i], strlen(parts[i]));
	}
	return o.p;
}

bool search_query_parse(struct arena *a, const char *typed, struct search_query *out)
{
	*out = (struct search_query){.match = "", .folded = "", .compact = ""};
	char urn[URN_MAX + 1];
	if (typed && form_school_urn(typed, urn)) {
		out->urn = arena_strdup(a, urn);
		out->picked = strstr(typed, "(URN ") != NULL;
	}
	/* a picked school is found by its URN alone (its town and postcode
	 * would only narrow it down to itself) */
	const char *f = search_fold(a, out->picked ? out->urn : typed);
	size_t len = strlen(f);
	struct out match = out_new(a, 2 * len), folded = out_new(a, len), compact = out_new(a, len);
	size_t words = 0;
	for (const char *p = f; *p && words < SEARCH_MAX_WORDS;) {
		size_t wlen = strcspn(p, " ");
		size_t used = wlen < SEARCH_MAX_WORD ? wlen : SEARCH_MAX_WORD;
		if (words) {
			out_put(&match, " ", 1);
			out_put(&folded, " ", 1);
		}
		out_put(&match, p, used);
		out_put(&match, "*", 1);
		out_put(&folded, p, used);
		out_put(&compact, p, used);
		words++;
		p += wlen;
		while (*p == ' ')
			p++;
	}
	out->nwords = words;
	out->match = match.p;
	out->folded = folded.p;
	out->compact = compact.p;
	return words > 0;
}
