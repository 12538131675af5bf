/* form.c - see form.h. Reading and validating a submission; rendering is
 * in form_render.c. */
#include "html/form.h"

#include <ctype.h>
#include <stdio.h>
#include <strings.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/url.h"
#include "core/util.h"
#include "core/workdays.h"

/* The label with its first letter lower-cased, for "Enter your name",
 * unless it starts an abbreviation ("URN", "NCP"). */
static const char *lc_label(struct arena *a, const char *label)
{
	char *s = arena_strdup(a, label);
	if (isupper((unsigned char)s[0]) && !isupper((unsigned char)s[1]))
		s[0] = (char)tolower((unsigned char)s[0]);
	return s;
}

/* The field's name in a message: its label without " (optional)" ("Reason
 * must be 500 characters or less", not "Reason (optional) must be ..."). */
static const char *named(struct arena *a, const struct form_field *f)
{
	if (f->called)
		return f->called;
	static const char OPTIONAL[] = " (optional)";
	size_t n = strlen(f->label), k = sizeof(OPTIONAL) - 1;
	return n > k && !strcmp(f->label + n - k, OPTIONAL) ? arena_strndup(a, f->label, n - k) : f->label;
}

static const char *msg_missing(struct arena *a, const struct form_field *f)
{
	if (f->missing)
		return f->missing;
	bool choose = f->kind == FORM_CHOICE || f->kind == FORM_CHOICES;
	return arena_printf(a, "%s %s", choose ? "Select" : "Enter", lc_label(a, named(a, f)));
}

static const char *msg_invalid(struct arena *a, const struct form_field *f, const char *generated)
{
	return f->invalid ? f->invalid : arena_printf(a, "%s", generated);
}

void form_fail(struct form_data *d, size_t i, const char *message)
{
	struct form_value *v = &d->values[i];
	if (v->error)
		return;
	v->error = message;
	const struct form_field *f = &d->form->fields[i];
	const char *anchor = f->name;
	if (f->kind == FORM_DATE) {
		static const char *const part[] = {"day", "month", "year"};
		anchor = arena_printf(d->arena, "%s-%s", f->name, part[v->error_part]);
	}
	d->errors[d->nerrors++] = (struct govuk_error){anchor, message};
}

/* The first value of name in params, or NULL. */
static const char *param(const struct url_param *p, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(p[i].name, name))
			return p[i].value;
	return NULL;
}

/* Whether name comes in params with two different values (a browser
 * sends a radio group, a text box or a number once). */
static bool sent_twice(const struct url_param *p, size_t n, const char *name)
{
	const char *first = NULL;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(p[i].name, name)) {
			if (first && strcmp(first, p[i].value))
				return true;
			first = p[i].value;
		}
	return false;
}

/* White space that is not ASCII, and characters that show nothing, as
 * pasting from a document or a spreadsheet brings them (UTF-8): no-break
 * spaces, the typographic spaces U+2000-U+200A, zero-width space, joiners,
 * word joiner, ideographic space, and U+FEFF (a byte-order mark). */
static const char *const blanks[] = {
	"\xC2\xA0", "\xE2\x80\x80", "\xE2\x80\x81", "\xE2\x80\x82", "\xE2\x80\x83", "\xE2\x80\x84",
	"\xE2\x80\x85", "\xE2\x80\x86", "\xE2\x80\x87", "\xE2\x80\x88", "\xE2\x80\x89", "\xE2\x80\x8A",
	"\xE2\x80\x8B", "\xE2\x80\x8C", "\xE2\x80\x8D", "\xE2\x80\xAF", "\xE2\x81\x9F", "\xE2\x81\xA0",
	"\xE3\x80\x80", "\xEF\xBB\xBF",
};

/* The length of the white space s[0..n) begins (at_end: ends) with, 0 when none. */
static size_t blank_len(const char *s, size_t n, bool at_end)
{
	if (!n)
		return 0;
	const char *c = at_end ? s + n - 1 : s;
	if (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r')
		return 1;
	for (size_t i = 0; i < sizeof(blanks) / sizeof(blanks[0]); i++) {
		size_t len = strlen(blanks[i]);
		if (len <= n && !memcmp(at_end ? s + n - len : s, blanks[i], len))
			return len;
	}
	return 0;
}

/* s without leading and trailing white space (blanks too), in a. */
static char *trimmed(struct arena *a, const char *s)
{
	size_t n = strlen(s), k;
	while ((k = blank_len(s, n, false)))
		s += k, n -= k;
	while ((k = blank_len(s, n, true)))
		n -= k;
	return arena_strndup(a, s, n);
}

/* Characters (code points) of valid UTF-8 text. */
static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* A textarea's text with CR LF (and a lone CR) as LF. */
static char *lf_only(struct arena *a, const char *s)
{
	char *out = arena_strdup(a, s), *o = out;
	for (const char *p = s; *p; p++) {
		if (*p == '\r') {
			*o++ = '\n';
			if (p[1] == '\n')
				p++;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return out;
}

/* Whether s holds a control character other than those allowed. */
static bool has_control(const char *s, bool newlines)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c < 0x20 && !(newlines && (c == '\n' || c == '\t'))) || c == 0x7F)
			return true;
	}
	return false;
}

/* An email address as the GOV.UK pattern takes it: something, one @, a
 * domain of dot-separated labels (letters, digits, hyphens). The domain is
 * lower-cased in place. */
static bool email_ok(char *s)
{
	char *at = strrchr(s, '@');
	size_t len = strlen(s);
	if (!at || at == s || len > 254 || (size_t)(at - s) > 64 || !strchr(at, '.'))
		return false;
	/* ASCII only: letters from other scripts that look like Latin ones
	 * ("vіctim" with a Cyrillic i) and invisible characters would let one
	 * address pass for another; no English school's address needs them */
	for (char *p = s; p < at; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7F || *p == '@' || *p == '<' || *p == '>' || *p == ',' || *p == ';')
			return false;
	size_t label = 0;
	for (char *p = at + 1;; p++) {
		if (*p == '.' || !*p) {
			if (!label || p[-1] == '-')
				return false; /* an empty label, or one ending in a hyphen */
			if (!*p)
				return true;
			label = 0;
			continue;
		}
		if (!isalnum((unsigned char)*p) && !(*p == '-' && label))
			return false;
		*p = (char)tolower((unsigned char)*p);
		label++;
	}
}

/* A whole number: an optional minus, then digits, with commas as people
 * write thousands (1,000). */
static bool number_ok(const char *s, int64_t *out)
{
	char digits[32];
	size_t n = 0;
	if (*s == '-')
		digits[n++] = *s++;
	if (!isdigit((unsigned char)*s))
		return false;
	for (; *s; s++) {
		if (*s == ',' && isdigit((unsigned char)s[-1]) && strspn(s + 1, "0123456789") >= 3 &&
		    (s[4] == '\0' || s[4] == ','))
			continue; /* a thousands separator: 1,000 but not 2,5 */
		if (!isdigit((unsigned char)*s) || n + 1 >= sizeof(digits))
			return false;
		digits[n++] = *s;
	}
	digits[n] = '\0';
	errno = 0;
	long long v = strtoll(digits, NULL, 10);
	if (errno)
		return false;
	*out = v;
	return true;
}

static const char *check_text(struct form_data *d, size_t i, const char *raw)
{
	const struct form_field *f = &d->form->fields[i];
	struct form_value *v = &d->values[i];
	struct arena *a = d->arena;
	bool multiline = f->kind == FORM_TEXTAREA;
	char *text = f->kind == FORM_PASSWORD ? arena_strdup(a, raw) : trimmed(a, multiline ? lf_only(a, raw) : raw);
	v->text = text;
	if (!v->text[0])
		return f->required ? msg_missing(a, f) : NULL;
	if (has_control(v->text, multiline))
		return msg_invalid(a, f, f->kind == FORM_TEXTAREA ? arena_printf(a, "%s must not contain control characters", named(a, f))
								   : arena_printf(a, "Enter %s on one line", lc_label(a, named(a, f))));
	size_t max = f->max_chars ? f->max_chars : FORM_MAX_CHARS;
	if (chars(v->text) > max)
		return arena_printf(a, "%s must be %zu characters or less", named(a, f), max);
	if (f->kind == FORM_EMAIL && !email_ok(text))
		return msg_invalid(a, f, "Enter an email address in the correct format, like name@example.com");
	return NULL;
}

static const char *check_number(struct form_data *d, size_t i, const char *raw)
{
	const struct form_field *f = &d->form->fields[i];
	struct form_value *v = &d->values[i];
	struct arena *a = d->arena;
	v->text = trimmed(a, raw);
	if (!v->text[0])
		return f->required ? msg_missing(a, f) : NULL;
	if (f->kind == FORM_URN) {
		bool six = strlen(v->text) == 6 && strspn(v->text, "0123456789") == 6 && v->text[0] != '0';
		if (!six || !number_ok(v->text, &v->number))
			return msg_invalid(a, f, arena_printf(a, "%s must be 6 digits, like 100000", named(a, f)));
		return NULL;
	}
	if (!number_ok(v->text, &v->number))
		return msg_invalid(a, f, arena_printf(a, "%s must be a whole number", named(a, f)));
	if ((f->min || f->max) && (v->number < f->min || v->number > f->max) && f->outside)
		return f->outside;
	if ((f->min || f->max) && (v->number < f->min || v->number > f->max))
		return arena_printf(a, "%s must be between %lld and %lld", named(a, f), (long long)f->min, (long long)f->max);
	return NULL;
}

/* Whether the 6 bytes at s are a URN: digits, not starting with 0. */
bool form_school_urn(const char *text, char out[URN_MAX + 1])
{
	const char *found = NULL;
	size_t len = 0;
	for (const char *p = text; (p = strstr(p, "(URN ")); p++) {
		size_t n = urn_len(p + 5);
		if (n && p[5 + n] == ')')
			found = p + 5, len = n;
	}
	if (!found) { /* a URN alone */
		const char *s = text;
		while (*s == ' ' || *s == '\t')
			s++;
		if (!(len = urn_len(s)))
			return false;
		for (const char *p = s + len; *p; p++)
			if (*p != ' ' && *p != '\t')
				return false;
		found = s;
	}
	memcpy(out, found, len);
	out[len] = '\0';
	return true;
}

/* A school field: the text as typed (shown back), and its URN. */
static const char *check_school(struct form_data *d, size_t i, const char *raw)
{
	const struct form_field *f = &d->form->fields[i];
	struct form_value *v = &d->values[i];
	struct arena *a = d->arena;
	v->text = trimmed(a, raw);
	if (!v->text[0])
		return f->required ? msg_missing(a, f) : NULL;
	if (has_control(v->text, false) || chars(v->text) > (f->max_chars ? f->max_chars : 300))
		return msg_invalid(a, f, arena_printf(a, "Enter %s on one line, as the list shows it", lc_label(a, named(a, f))));
	char urn[URN_MAX + 1];
	if (form_school_urn(v->text, urn)) {
		v->number = strtoll(urn, NULL, 10);
		return NULL;
	}
	/* words to search for (a name, a town, a postcode: number 0, the
	 * handler finds the one school they name); not digits alone, which
	 * can only have been meant as a URN */
	bool letter = false, digit = false;
	for (const unsigned char *p = (const unsigned char *)v->text; *p; p++)
		letter |= isalpha(*p) || *p >= 0x80, digit |= isdigit(*p) != 0;
	if (!letter)
		return msg_invalid(a, f, digit ? "A URN has 6 or 7 digits, like 100000" : "Enter the school's name, postcode or URN");
	v->number = 0;
	return NULL;
}

/* A month as a number or a name ("3", "03", "Mar", "March"); 0 if neither. */
static int month_of(const char *s)
{
	static const char *const names[] = {"jan", "feb", "mar", "apr", "may", "jun",
					    "jul", "aug", "sep", "oct", "nov", "dec"};
	static const char *const full[] = {"january", "february", "march", "april", "may", "june", "july",
					   "august", "september", "october", "november", "december"};
	if (isdigit((unsigned char)s[0])) {
		if (strlen(s) > 2 || strspn(s, "0123456789") != strlen(s))
			return 0;
		int m = atoi(s);
		return m >= 1 && m <= 12 ? m : 0;
	}
	for (int m = 0; m < 12; m++)
		if (!strcasecmp(s, names[m]) || !strcasecmp(s, full[m]) || (m == 8 && !strcasecmp(s, "sept")))
			return m + 1;
	return 0;
}

static int days_in(int month, long year)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

static bool digits_only(const char *s, size_t maxlen)
{
	size_t n = strlen(s);
	return n && n <= maxlen && strspn(s, "0123456789") == n;
}

static const char *check_date(struct form_data *d, size_t i, const struct url_param *p, size_t np)
{
	static const char *const part[] = {"day", "month", "year"};
	const struct form_field *f = &d->form->fields[i];
	struct form_value *v = &d->values[i];
	struct arena *a = d->arena;
	int given = 0, first_missing = -1;
	for (int k = 0; k < 3; k++) {
		const char *raw = param(p, np, arena_printf(a, "%s-%s", f->name, part[k]));
		v->parts[k] = raw ? trimmed(a, raw) : NULL;
		if (v->parts[k] && v->parts[k][0])
			given++;
		else if (first_missing < 0)
			first_missing = k;
	}
	if (!given)
		return f->required ? msg_missing(a, f) : NULL;
	if (given < 3) {
		v->error_part = first_missing;
		return arena_printf(a, "%s must include a %s", named(a, f), part[first_missing]);
	}
	int month = month_of(v->parts[1]);
	long year = digits_only(v->parts[2], 4) ? atol(v->parts[2]) : -1;
	int day = digits_only(v->parts[0], 2) ? atoi(v->parts[0]) : -1;
	int64_t lo = f->min ? f->min : 1900, hi = f->max ? f->max : 2200;
	v->error_part = day < 1 ? 0 : !month ? 1 : year < 0 ? 2 : 0;
	if (day < 1 || !month || year < 0 || day > days_in(month, year))
		return msg_invalid(a, f, arena_printf(a, "%s must be a real date", named(a, f)));
	if (year < lo || year > hi) {
		v->error_part = 2;
		return arena_printf(a, "%s must be between the years %lld and %lld", named(a, f), (long long)lo, (long long)hi);
	}
	v->text = arena_printf(a, "%04ld-%02d-%02d", year, month, day);
	return NULL;
}

/* Whether name=value is among params. */
static bool sent(const struct url_param *p, size_t n, const char *name, const char *value)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(p[i].name, name) && !strcmp(p[i].value, value))
			return true;
	return false;
}

static bool is_option(const struct form_field *f, const char *value)
{
	for (size_t k = 0; k < f->noptions; k++)
		if (!strcmp(f->options[k].value, value))
			return true;
	return false;
}

static const char *check_choice(struct form_data *d, size_t i, const struct url_param *p, size_t np)
{
	const struct form_field *f = &d->form->fields[i];
	struct form_value *v = &d->values[i];
	struct arena *a = d->arena;
	const char *invalid = msg_invalid(a, f, arena_printf(a, "Select %s from the list", lc_label(a, named(a, f))));
	if (f->kind == FORM_CHOICE) {
		const char *raw = param(p, np, f->name);
		v->text = raw && raw[0] ? raw : NULL;
		if (!v->text)
			return f->required ? msg_missing(a, f) : NULL;
		return is_option(f, v->text) ? NULL : invalid;
	}
	v->chosen = arena_alloc(a, (f->noptions + 1) * sizeof(*v->chosen));
	bool stray = false;
	for (size_t k = 0; k < np; k++)
		if (!strcmp(p[k].name, f->name) && p[k].value[0] && !is_option(f, p[k].value))
			stray = true;
	for (size_t k = 0; k < f->noptions; k++)
		if (sent(p, np, f->name, f->options[k].value))
			v->chosen[v->nchosen++] = f->options[k].value;
	if (stray)
		return invalid;
	return !v->nchosen && f->required ? msg_missing(a, f) : NULL;
}

void form_empty(const struct form *f, struct arena *a, struct form_data *d)
{
	*d = (struct form_data){.form = f, .arena = a};
	d->values = arena_alloc(a, (f->n + 1) * sizeof(*d->values));
	d->errors = arena_alloc(a, (f->n + 1) * sizeof(*d->errors));
}

/* Whether field i is asked: not off and, when an option reveals it, that
 * option was chosen (the radios come earlier in the table, so they are read
 * already, and a choice with an error reveals nothing). */
static bool asked(const struct form_data *d, size_t i)
{
	const struct form_field *fd = &d->form->fields[i];
	if (fd->off)
		return false;
	if (!fd->revealed_by)
		return true;
	for (size_t j = 0; j < i; j++)
		if (!strcmp(d->form->fields[j].name, fd->revealed_by))
			return !d->values[j].error && form_chosen(d, j, fd->revealed_for);
	return false;
}

bool form_read(const struct form *f, const struct url_param *params, size_t n, struct arena *a,
	       const void *ctx, struct form_data *d)
{
	form_empty(f, a, d);
	for (size_t i = 0; i < f->n; i++) {
		const struct form_field *fd = &f->fields[i];
		if (!asked(d, i))
			continue;
		const char *raw = param(params, n, fd->name), *error;
		switch (fd->kind) {
		case FORM_NUMBER:
		case FORM_URN:
			error = check_number(d, i, raw ? raw : "");
			break;
		case FORM_DATE:
			error = check_date(d, i, params, n);
			break;
		case FORM_SCHOOL:
			error = check_school(d, i, raw ? raw : "");
			break;
		case FORM_CHOICE:
		case FORM_CHOICES:
			error = check_choice(d, i, params, n);
			break;
		default:
			error = check_text(d, i, raw ? raw : "");
			break;
		}
		if (!error && fd->kind != FORM_DATE && fd->kind != FORM_CHOICES && sent_twice(params, n, fd->name))
			error = fd->kind == FORM_CHOICE
					? msg_invalid(a, fd, arena_printf(a, "Select %s from the list", lc_label(a, named(a, fd))))
					: arena_printf(a, "%s was sent more than once", named(a, fd));
		if (!error && fd->check && d->values[i].text && d->values[i].text[0])
			error = fd->check(d->values[i].text, ctx);
		if (error)
			form_fail(d, i, error);
		if (!raw && fd->kind != FORM_DATE && fd->kind != FORM_CHOICES)
			d->values[i].text = NULL;
	}
	return d->nerrors == 0;
}

void form_set(struct form_data *d, size_t i, const char *text)
{
	struct form_value *v = &d->values[i];
	const struct form_field *f = &d->form->fields[i];
	v->text = text ? arena_strdup(d->arena, text) : NULL;
	if (f->kind == FORM_CHOICES && text) {
		v->chosen = arena_grow(d->arena, v->chosen, v->nchosen, v->nchosen + 1, sizeof(*v->chosen));
		v->chosen[v->nchosen++] = v->text;
	}
	if (f->kind == FORM_DATE && text && strlen(text) == 10) { /* YYYY-MM-DD */
		v->parts[0] = arena_printf(d->arena, "%d", atoi(text + 8));
		v->parts[1] = arena_printf(d->arena, "%d", atoi(text + 5));
		v->parts[2] = arena_strndup(d->arena, text, 4);
	}
}

bool form_chosen(const struct form_data *d, size_t i, const char *value)
{
	const struct form_value *v = &d->values[i];
	if (d->form->fields[i].kind == FORM_CHOICES) {
		for (size_t k = 0; k < v->nchosen; k++)
			if (!strcmp(v->chosen[k], value))
				return true;
		return false;
	}
	return v->text && !strcmp(v->text, value);
}

const char *form_check_time(const char *v, const void *ctx)
{
	(void)ctx;
	return form_time_minutes(v) < 0 ? "Enter a time in the 24-hour clock, like 09:30 or 16:00" : NULL;
}

int form_time_minutes(const char *v)
{
	unsigned h, m;
	char end;
	if (!v || strlen(v) != 5 || v[2] != ':' || sscanf(v, "%2u:%2u%c", &h, &m, &end) != 2 || h > 23 || m > 59)
		return -1;
	return (int)(h * 60 + m);
}

bool form_london_time(struct form_data *d, size_t field, const char *day, int minutes)
{
	if (london_time_exists(day, minutes / 60, minutes % 60))
		return true;
	char why[LONDON_SKIPPED_WORDS];
	london_skipped_words(day, minutes / 60, minutes % 60, why);
	form_fail(d, field, arena_strdup(d->arena, why));
	return false;
}

const char *form_check_https(const char *v, const void *ctx)
{
	(void)ctx;
	return strncmp(v, "https://", 8) || strlen(v) < 12 || strpbrk(v, " \t") ? "Enter the meeting's address, starting https://" : NULL;
}
