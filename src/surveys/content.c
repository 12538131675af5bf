/*
 * content.c - a survey template's sections and questions, their JSON,
 * their checks and the answer form of a section (content.h).
 */
#include "surveys/content.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"

const struct govuk_option survey_qtypes[SQ_TYPES] = {
	[SQ_SINGLE] = {"single", "One answer from a list"},
	[SQ_MULTIPLE] = {"multiple", "Any answers from a list"},
	[SQ_AGREE5] = {"agree5", "Agreement on a 5-point scale (Strongly disagree to Strongly agree)"},
	[SQ_NUMBER] = {"number", "A whole number"},
	[SQ_TEXT] = {"text", "Free text"},
};

const struct govuk_option survey_agree5[5] = {
	{"1", "Strongly disagree"}, {"2", "Disagree"}, {"3", "Neither agree nor disagree"},
	{"4", "Agree"},             {"5", "Strongly agree"},
};

const char *survey_qtype_key(enum survey_qtype t)
{
	return t < SQ_TYPES ? survey_qtypes[t].value : "text";
}

const char *survey_qtype_name(enum survey_qtype t)
{
	static const char *const names[SQ_TYPES] = {"Single choice", "Multiple choice", "Agreement (5-point scale)",
						    "Number", "Free text"};
	return t < SQ_TYPES ? names[t] : names[SQ_TEXT];
}

bool survey_qtype_from_key(const char *key, enum survey_qtype *out)
{
	for (int t = 0; key && t < SQ_TYPES; t++)
		if (!strcmp(key, survey_qtypes[t].value)) {
			*out = (enum survey_qtype)t;
			return true;
		}
	return false;
}

bool survey_qtype_has_options(enum survey_qtype t)
{
	return t == SQ_SINGLE || t == SQ_MULTIPLE;
}

static size_t chars(const char *s)
{
	return s ? utf8_chars(s, strlen(s)) : 0;
}

/* ---- JSON ---- */

const char *survey_content_json(struct arena *a, const struct survey_content *c)
{
	json_t *o = json_object(), *sections = json_array();
	for (size_t i = 0; i < c->nsections; i++) {
		const struct survey_section *s = &c->sections[i];
		json_t *x = json_object(), *qs = json_array();
		json_object_set_new(x, "key", json_string(s->key));
		json_object_set_new(x, "title", json_string(s->title));
		json_object_set_new(x, "internal", json_boolean(s->internal));
		for (size_t j = 0; j < s->nquestions; j++) {
			const struct survey_question *q = &s->questions[j];
			json_t *y = json_object(), *opts = json_array();
			json_object_set_new(y, "key", json_string(q->key));
			json_object_set_new(y, "type", json_string(survey_qtype_key(q->type)));
			json_object_set_new(y, "text", json_string(q->text));
			if (q->hint && *q->hint)
				json_object_set_new(y, "hint", json_string(q->hint));
			json_object_set_new(y, "required", json_boolean(q->required));
			for (size_t k = 0; k < q->noptions; k++)
				json_array_append_new(opts, json_string(q->options[k]));
			json_object_set_new(y, "options", opts);
			long lo, hi;
			if (q->type == SQ_NUMBER && survey_number_range(q, &lo, &hi)) {
				json_object_set_new(y, "lowest", json_integer(lo));
				json_object_set_new(y, "highest", json_integer(hi));
			}
			json_array_append_new(qs, y);
		}
		json_object_set_new(x, "questions", qs);
		json_array_append_new(sections, x);
	}
	json_object_set_new(o, "sections", sections);
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	const char *out = arena_strdup(a, s ? s : "{\"sections\":[]}");
	free(s);
	return out;
}

static const char *text_of(struct arena *a, json_t *o, const char *key, size_t max)
{
	const char *s = json_string_value(json_object_get(o, key));
	if (!s || !*s || chars(s) > max)
		return NULL;
	return arena_strdup(a, s);
}

static bool parse_question(struct arena *a, json_t *y, struct survey_question *q)
{
	if (!json_is_object(y))
		return false;
	q->key = text_of(a, y, "key", SURVEY_KEY_MAX);
	q->text = text_of(a, y, "text", SURVEY_TEXT_MAX);
	q->hint = text_of(a, y, "hint", SURVEY_HINT_MAX);
	q->required = json_is_true(json_object_get(y, "required"));
	if (!q->key || survey_key_problem(q->key) || !q->text ||
	    !survey_qtype_from_key(json_string_value(json_object_get(y, "type")), &q->type))
		return false;
	json_t *opts = json_object_get(y, "options");
	if (opts && !json_is_array(opts))
		return false;
	if (q->type == SQ_NUMBER) {
		json_t *lo = json_object_get(y, "lowest"), *hi = json_object_get(y, "highest");
		if ((lo && !json_is_integer(lo)) || (hi && !json_is_integer(hi)))
			return false;
		json_int_t l = lo ? json_integer_value(lo) : 0, h = hi ? json_integer_value(hi) : SURVEY_NUMBER_MAX;
		if (l < 0 || h > SURVEY_NUMBER_MAX || l >= h)
			return false;
		if (lo || hi) {
			q->lowest = (long)l;
			q->highest = (long)h;
		}
	}
	if (!survey_qtype_has_options(q->type))
		return true;
	size_t n = json_array_size(opts);
	if (n < SURVEY_OPTIONS_MIN || n > SURVEY_OPTIONS_MAX)
		return false;
	q->options = arena_alloc(a, n * sizeof(*q->options));
	for (size_t k = 0; k < n; k++) {
		const char *s = json_string_value(json_array_get(opts, k));
		if (!s || !*s || chars(s) > SURVEY_OPTION_MAX)
			return false;
		q->options[q->noptions++] = arena_strdup(a, s);
	}
	return true;
}

static bool parse_section(struct arena *a, json_t *x, struct survey_section *s)
{
	if (!json_is_object(x))
		return false;
	s->key = text_of(a, x, "key", SURVEY_KEY_MAX);
	s->title = text_of(a, x, "title", SURVEY_TITLE_MAX);
	s->internal = json_is_true(json_object_get(x, "internal"));
	json_t *qs = json_object_get(x, "questions");
	if (!s->key || survey_key_problem(s->key) || !s->title || (qs && !json_is_array(qs)) ||
	    json_array_size(qs) > SURVEY_QUESTIONS_MAX)
		return false;
	s->questions = arena_alloc(a, (json_array_size(qs) + 1) * sizeof(*s->questions));
	size_t j;
	json_t *y;
	json_array_foreach(qs, j, y)
	{
		if (!parse_question(a, y, &s->questions[s->nquestions]))
			return false;
		s->nquestions++;
	}
	return true;
}

/* No two sections, and no two questions, share a key. */
static bool keys_unique(const struct survey_content *c)
{
	for (size_t i = 0; i < c->nsections; i++) {
		if (survey_section_index(c, c->sections[i].key) != (long)i)
			return false;
		for (size_t j = 0; j < c->sections[i].nquestions; j++) {
			size_t si, qi;
			if (!survey_question_find(c, c->sections[i].questions[j].key, &si, &qi) || si != i || qi != j)
				return false;
		}
	}
	return true;
}

bool survey_content_parse(struct arena *a, const char *text, struct survey_content *c)
{
	*c = (struct survey_content){0};
	json_t *o = text ? json_loads(text, 0, NULL) : NULL;
	json_t *sections = json_object_get(o, "sections");
	bool ok = json_is_object(o) && (!sections || json_is_array(sections)) &&
		  json_array_size(sections) <= SURVEY_SECTIONS_MAX;
	if (ok) {
		c->sections = arena_alloc(a, (json_array_size(sections) + 1) * sizeof(*c->sections));
		size_t i;
		json_t *x;
		json_array_foreach(sections, i, x)
		{
			if (!(ok = parse_section(a, x, &c->sections[c->nsections])))
				break;
			c->nsections++;
		}
		ok = ok && keys_unique(c);
	}
	json_decref(o);
	if (!ok)
		*c = (struct survey_content){0};
	return ok;
}

/* ---- where things are ---- */

long survey_section_index(const struct survey_content *c, const char *key)
{
	for (size_t i = 0; key && i < c->nsections; i++)
		if (!strcmp(c->sections[i].key, key))
			return (long)i;
	return -1;
}

bool survey_question_find(const struct survey_content *c, const char *key, size_t *section, size_t *index)
{
	for (size_t i = 0; key && i < c->nsections; i++)
		for (size_t j = 0; j < c->sections[i].nquestions; j++)
			if (!strcmp(c->sections[i].questions[j].key, key)) {
				*section = i;
				*index = j;
				return true;
			}
	return false;
}

size_t survey_question_count(const struct survey_content *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->nsections; i++)
		n += c->sections[i].nquestions;
	return n;
}

const char *survey_keys_of(struct arena *a, const struct survey_content *c, bool internal, bool texts)
{
	const char *keys = "";
	for (size_t i = 0; i < c->nsections; i++)
		for (size_t j = 0; c->sections[i].internal == internal && j < c->sections[i].nquestions; j++) {
			const struct survey_question *q = &c->sections[i].questions[j];
			if (!texts || q->type == SQ_TEXT)
				keys = arena_printf(a, "%s%s%s", keys, *keys ? "," : "", q->key);
		}
	return keys;
}

bool survey_number_range(const struct survey_question *q, long *lowest, long *highest)
{
	bool set = q->highest > 0;
	*lowest = set ? q->lowest : 0;
	*highest = set ? q->highest : SURVEY_NUMBER_MAX;
	return set;
}

const char *survey_range_words(struct arena *a, const struct survey_question *q)
{
	long lo, hi;
	survey_number_range(q, &lo, &hi);
	return arena_printf(a, "%s to %s", arena_thousands(a, lo), arena_thousands(a, hi));
}

/* ---- validation ---- */

const char *survey_key_problem(const char *key)
{
	if (!key || !*key)
		return "Enter a key for the question";
	if (strlen(key) > SURVEY_KEY_MAX)
		return "Key must be 40 characters or less";
	if (key[0] < 'a' || key[0] > 'z')
		return "Key must start with a lower-case letter";
	for (const char *p = key; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return "Key must only include lower-case letters a to z, numbers and hyphens";
	return NULL;
}

const char *survey_key_taken(const struct survey_content *c, const char *key, const char *except)
{
	size_t s, q;
	if (!key || !survey_question_find(c, key, &s, &q) || (except && !strcmp(except, key)))
		return NULL;
	return "Another question in this survey already has this key";
}

const char *survey_options_read(struct arena *a, enum survey_qtype t, const char *typed, const char ***out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!survey_qtype_has_options(t))
		return NULL;
	const char **opts = arena_alloc(a, (SURVEY_OPTIONS_MAX + 1) * sizeof(*opts));
	size_t k = 0;
	for (const char *p = typed ? typed : ""; *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *b = p, *e = p + len;
		while (b < e && isspace((unsigned char)*b))
			b++;
		while (e > b && isspace((unsigned char)e[-1]))
			e--;
		if (e > b) {
			if (k == SURVEY_OPTIONS_MAX)
				return "Enter 20 options or fewer";
			const char *o = arena_strndup(a, b, (size_t)(e - b));
			if (chars(o) > SURVEY_OPTION_MAX)
				return "Each option must be 200 characters or less";
			for (size_t i = 0; i < k; i++)
				if (!strcmp(opts[i], o))
					return "Each option must be different";
			opts[k++] = o;
		}
		p = end ? end + 1 : p + len;
	}
	if (k < SURVEY_OPTIONS_MIN)
		return "Enter at least 2 options, one on each line";
	*out = opts;
	*n = k;
	return NULL;
}

const char *survey_range_problem(long lowest, long highest)
{
	if (lowest >= highest)
		return "The highest number must be more than the lowest number";
	return NULL;
}

const char *survey_options_text(struct arena *a, const struct survey_question *q)
{
	const char *s = "";
	for (size_t k = 0; k < q->noptions; k++)
		s = arena_printf(a, "%s%s%s", s, k ? "\n" : "", q->options[k]);
	return s;
}

const char *survey_section_key(struct arena *a, const struct survey_content *c, const char *title)
{
	char base[SURVEY_KEY_MAX - 3 + 1];
	size_t n = 0;
	for (const char *p = title ? title : ""; *p && n < sizeof(base) - 1; p++) {
		char ch = *p;
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
			base[n++] = ch;
		else if (n && base[n - 1] != '-')
			base[n++] = '-';
	}
	while (n && base[n - 1] == '-')
		n--;
	base[n] = 0;
	if (!n || !(base[0] >= 'a' && base[0] <= 'z'))
		snprintf(base, sizeof(base), "section");
	const char *key = arena_strdup(a, base);
	for (int i = 2; survey_section_index(c, key) >= 0; i++)
		key = arena_printf(a, "%s-%d", base, i);
	return key;
}

/* ---- changes ---- */

void survey_section_add(struct arena *a, struct survey_content *c, const struct survey_section *s)
{
	struct survey_section *out = arena_alloc(a, (c->nsections + 1) * sizeof(*out));
	if (c->nsections)
		memcpy(out, c->sections, c->nsections * sizeof(*out));
	out[c->nsections++] = *s;
	c->sections = out;
}

void survey_section_remove(struct arena *a, struct survey_content *c, size_t section)
{
	if (section >= c->nsections)
		return;
	struct survey_section *out = arena_alloc(a, (c->nsections + 1) * sizeof(*out));
	size_t k = 0;
	for (size_t i = 0; i < c->nsections; i++)
		if (i != section)
			out[k++] = c->sections[i];
	c->sections = out;
	c->nsections = k;
}

/* Section i of c as its own copy (its questions array too), to change. */
static struct survey_section *own_section(struct arena *a, struct survey_content *c, size_t i, size_t room)
{
	struct survey_section *out = arena_alloc(a, (c->nsections + 1) * sizeof(*out));
	memcpy(out, c->sections, c->nsections * sizeof(*out));
	c->sections = out;
	struct survey_section *s = &out[i];
	struct survey_question *qs = arena_alloc(a, (s->nquestions + room + 1) * sizeof(*qs));
	if (s->nquestions)
		memcpy(qs, s->questions, s->nquestions * sizeof(*qs));
	s->questions = qs;
	return s;
}

void survey_question_add(struct arena *a, struct survey_content *c, size_t section, const struct survey_question *q)
{
	if (section >= c->nsections)
		return;
	struct survey_section *s = own_section(a, c, section, 1);
	s->questions[s->nquestions++] = *q;
}

void survey_question_set(struct arena *a, struct survey_content *c, size_t section, size_t index,
			 const struct survey_question *q)
{
	if (section >= c->nsections || index >= c->sections[section].nquestions)
		return;
	own_section(a, c, section, 0)->questions[index] = *q;
}

void survey_question_remove(struct arena *a, struct survey_content *c, size_t section, size_t index)
{
	if (section >= c->nsections || index >= c->sections[section].nquestions)
		return;
	struct survey_section *s = own_section(a, c, section, 0);
	memmove(&s->questions[index], &s->questions[index + 1], (s->nquestions - index - 1) * sizeof(*s->questions));
	s->nquestions--;
}

/* ---- the answer form ---- */

/* The messages name the question as written, in quotes, never lower-cased
 * (form.h's called): "Select your answer to ‘Which phase do you teach?’". */
static const char *called_of(struct arena *a, const struct survey_question *q)
{
	return arena_printf(a, "Your answer to \xE2\x80\x98%s\xE2\x80\x99", q->text);
}

static const char *missing_of(struct arena *a, const struct survey_question *q)
{
	const char *quoted = arena_printf(a, "\xE2\x80\x98%s\xE2\x80\x99", q->text);
	switch (q->type) {
	case SQ_SINGLE:
	case SQ_AGREE5:
		return arena_printf(a, "Select your answer to %s", quoted);
	case SQ_MULTIPLE:
		return arena_printf(a, "Select at least one answer to %s", quoted);
	case SQ_NUMBER:
		return arena_printf(a, "Enter a number in answer to %s", quoted);
	default:
		return arena_printf(a, "Enter your answer to %s", quoted);
	}
}

/* Whether a hint ends as a sentence does ("Count this year as one."). */
static bool ends_sentence(const char *s)
{
	size_t n = strlen(s);
	return n && strchr(".?!", s[n - 1]);
}

struct form survey_section_form(struct arena *a, const struct survey_content *c, size_t s)
{
	if (s >= c->nsections)
		return (struct form){0};
	const struct survey_section *sec = &c->sections[s];
	struct form_field *f = arena_alloc(a, (sec->nquestions + 1) * sizeof(*f));
	for (size_t j = 0; j < sec->nquestions; j++) {
		const struct survey_question *q = &sec->questions[j];
		struct form_field *x = &f[j];
		x->name = q->key;
		x->label = q->required ? q->text : arena_printf(a, "%s (optional)", q->text);
		x->hint = q->hint;
		x->required = q->required;
		x->called = called_of(a, q);
		x->missing = missing_of(a, q);
		switch (q->type) {
		case SQ_SINGLE:
		case SQ_MULTIPLE: {
			struct govuk_option *o = arena_alloc(a, (q->noptions + 1) * sizeof(*o));
			for (size_t k = 0; k < q->noptions; k++)
				o[k] = (struct govuk_option){arena_printf(a, "%zu", k + 1), q->options[k]};
			x->kind = q->type == SQ_SINGLE ? FORM_CHOICE : FORM_CHOICES;
			x->invalid = arena_printf(a, "Select your answer to \xE2\x80\x98%s\xE2\x80\x99 from the options given",
						  q->text);
			x->options = o;
			x->noptions = q->noptions;
			break;
		}
		case SQ_AGREE5:
			x->kind = FORM_CHOICE;
			x->options = survey_agree5;
			x->invalid = arena_printf(a, "Select your answer to \xE2\x80\x98%s\xE2\x80\x99 from the options given",
						  q->text);
			x->noptions = 5;
			break;
		case SQ_NUMBER: {
			long lo, hi;
			const char *range = survey_range_words(a, q);
			if (survey_number_range(q, &lo, &hi))
				x->hint = q->hint ? arena_printf(a, "%s%s A whole number from %s.", q->hint,
								 ends_sentence(q->hint) ? "" : ".", range)
						  : arena_printf(a, "A whole number from %s.", range);
			x->kind = FORM_NUMBER;
			x->min = lo;
			x->max = hi;
			x->input_class = "govuk-input--width-10";
			x->inputmode = "numeric";
			x->invalid = arena_printf(a, "Enter a whole number in answer to \xE2\x80\x98%s\xE2\x80\x99, like 12",
						  q->text);
			x->outside = arena_printf(a, "Enter a number from %s for \xE2\x80\x98%s\xE2\x80\x99", range, q->text);
			break;
		}
		default:
			x->kind = FORM_TEXTAREA;
			x->max_chars = SURVEY_ANSWER_MAX;
			break;
		}
	}
	return (struct form){f, sec->nquestions};
}
