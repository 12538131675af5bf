/* answers.c - see answers.h. */
#include "surveys/answers.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "html/form.h"

const char *survey_answers_json(struct arena *a, const struct survey_answers *x)
{
	json_t *o = json_object(), *saved = json_array(), *ans = json_object();
	for (size_t i = 0; i < x->nsaved; i++)
		json_array_append_new(saved, json_string(x->saved[i]));
	for (size_t i = 0; i < x->n; i++) {
		if (!x->list[i].n)
			continue;
		json_t *v = json_array();
		for (size_t k = 0; k < x->list[i].n; k++)
			json_array_append_new(v, json_string(x->list[i].values[k]));
		json_object_set_new(ans, x->list[i].key, v);
	}
	json_object_set_new(o, "saved", saved);
	json_object_set_new(o, "answers", ans);
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	const char *out = arena_strdup(a, s ? s : "{}");
	free(s);
	return out;
}

bool survey_answers_parse(struct arena *a, const char *json, struct survey_answers *out)
{
	*out = (struct survey_answers){0};
	if (!json || !*json)
		return true;
	json_t *o = json_loads(json, 0, NULL);
	json_t *saved = json_object_get(o, "saved"), *ans = json_object_get(o, "answers");
	bool ok = json_is_object(o) && (!saved || json_is_array(saved)) && (!ans || json_is_object(ans));
	if (ok && saved) {
		out->saved = arena_alloc(a, (json_array_size(saved) + 1) * sizeof(*out->saved));
		size_t i;
		json_t *v;
		json_array_foreach(saved, i, v)
		{
			if (!json_is_string(v)) {
				ok = false;
				break;
			}
			out->saved[out->nsaved++] = arena_strdup(a, json_string_value(v));
		}
	}
	if (ok && ans) {
		out->list = arena_alloc(a, (json_object_size(ans) + 1) * sizeof(*out->list));
		const char *key;
		json_t *v;
		json_object_foreach(ans, key, v)
		{
			if (!json_is_array(v)) {
				ok = false;
				break;
			}
			struct survey_answer *x = &out->list[out->n++];
			*x = (struct survey_answer){.key = arena_strdup(a, key)};
			x->values = arena_alloc(a, (json_array_size(v) + 1) * sizeof(*x->values));
			size_t i;
			json_t *s;
			json_array_foreach(v, i, s)
			{
				if (!json_is_string(s)) {
					ok = false;
					break;
				}
				x->values[x->n++] = arena_strdup(a, json_string_value(s));
			}
			if (!ok)
				break;
		}
	}
	json_decref(o);
	if (!ok)
		*out = (struct survey_answers){0};
	return ok;
}

const struct survey_answer *survey_answer_of(const struct survey_answers *x, const char *key)
{
	for (size_t i = 0; i < x->n; i++)
		if (!strcmp(x->list[i].key, key))
			return x->list[i].n ? &x->list[i] : NULL;
	return NULL;
}

bool survey_section_saved(const struct survey_answers *x, const char *key)
{
	for (size_t i = 0; i < x->nsaved; i++)
		if (!strcmp(x->saved[i], key))
			return true;
	return false;
}

/* x->list without key (copied), then the answer added when it has values */
static void put(struct arena *a, struct survey_answers *x, const char *key, const char **values, size_t n)
{
	struct survey_answer *l = arena_alloc(a, (x->n + 1) * sizeof(*l));
	size_t m = 0;
	for (size_t i = 0; i < x->n; i++)
		if (strcmp(x->list[i].key, key))
			l[m++] = x->list[i];
	if (n)
		l[m++] = (struct survey_answer){.key = key, .values = values, .n = n};
	x->list = l;
	x->n = m;
}

void survey_answers_take(struct arena *a, struct survey_answers *x, const struct survey_content *c, size_t s,
			 const struct form_data *d, bool saved)
{
	if (s >= c->nsections)
		return;
	const struct survey_section *sec = &c->sections[s];
	for (size_t j = 0; j < sec->nquestions && j < d->form->n; j++) {
		const struct survey_question *q = &sec->questions[j];
		const struct form_value *v = &d->values[j];
		if (q->type == SQ_MULTIPLE) {
			const char **vals = arena_alloc(a, (v->nchosen + 1) * sizeof(*vals));
			for (size_t k = 0; k < v->nchosen; k++)
				vals[k] = v->chosen[k];
			put(a, x, q->key, vals, v->nchosen);
			continue;
		}
		const char *text = v->text && *v->text ? v->text : NULL;
		if (text && q->type == SQ_NUMBER)
			text = arena_printf(a, "%lld", (long long)v->number);
		const char **vals = arena_alloc(a, sizeof(*vals));
		vals[0] = text;
		put(a, x, q->key, vals, text ? 1 : 0);
	}
	if (saved && !survey_section_saved(x, sec->key)) {
		const char **l = arena_alloc(a, (x->nsaved + 1) * sizeof(*l));
		for (size_t i = 0; i < x->nsaved; i++)
			l[i] = x->saved[i];
		l[x->nsaved] = sec->key;
		x->saved = l;
		x->nsaved++;
	}
}

void survey_answers_show(struct form_data *d, const struct survey_content *c, size_t s,
			 const struct survey_answers *x)
{
	if (s >= c->nsections)
		return;
	const struct survey_section *sec = &c->sections[s];
	for (size_t j = 0; j < sec->nquestions && j < d->form->n; j++) {
		const struct survey_answer *ans = survey_answer_of(x, sec->questions[j].key);
		for (size_t k = 0; ans && k < ans->n; k++)
			form_set(d, j, ans->values[k]);
	}
}

/* The number of option text v (1 .. n), or 0 when it is not one. */
static long option_number(const char *v, size_t n)
{
	if (!v || !*v || strlen(v) > 3)
		return 0;
	char *end;
	long k = strtol(v, &end, 10);
	return *end || v[0] == '0' || k < 1 || (size_t)k > n ? 0 : k;
}

/* v as a whole number in question q's range (0 to SURVEY_NUMBER_MAX, or
 * its own), or -1. */
static long long number_of(const char *v, const struct survey_question *q)
{
	long lo, hi;
	survey_number_range(q, &lo, &hi);
	if (!v || !*v || strlen(v) > 7)
		return -1;
	for (const char *p = v; *p; p++)
		if (*p < '0' || *p > '9')
			return -1;
	long long k = strtoll(v, NULL, 10);
	return k >= lo && k <= hi ? k : -1;
}

size_t survey_values_of(struct arena *a, const struct survey_content *c, const struct survey_answers *x,
			struct survey_value **out)
{
	size_t cap = 0;
	for (size_t i = 0; i < x->n; i++)
		cap += x->list[i].n;
	struct survey_value *v = arena_alloc(a, (cap + 1) * sizeof(*v));
	size_t m = 0;
	for (size_t s = 0; s < c->nsections; s++)
		for (size_t j = 0; j < c->sections[s].nquestions; j++) {
			const struct survey_question *q = &c->sections[s].questions[j];
			const struct survey_answer *ans = survey_answer_of(x, q->key);
			for (size_t k = 0; ans && k < ans->n && m < cap; k++) {
				const char *t = ans->values[k];
				long n;
				long long num;
				switch (q->type) {
				case SQ_SINGLE:
				case SQ_MULTIPLE:
					if ((n = option_number(t, q->noptions)))
						v[m++] = (struct survey_value){.key = q->key, .has_num = true, .num = n};
					break;
				case SQ_AGREE5:
					if ((n = option_number(t, 5)))
						v[m++] = (struct survey_value){.key = q->key, .has_num = true, .num = n};
					break;
				case SQ_NUMBER:
					if ((num = number_of(t, q)) >= 0)
						v[m++] = (struct survey_value){.key = q->key, .has_num = true, .num = num};
					break;
				default:
					if (t && *t)
						v[m++] = (struct survey_value){.key = q->key, .text = t};
					break;
				}
				if (q->type != SQ_MULTIPLE)
					break; /* one value */
			}
		}
	*out = v;
	return m;
}

bool survey_answered(const struct survey_answers *x, const struct survey_question *q)
{
	const struct survey_answer *ans = survey_answer_of(x, q->key);
	return ans && ans->n && ans->values[0] && *ans->values[0];
}

bool survey_first_missing(const struct survey_content *c, const struct survey_answers *x, size_t *section,
			  size_t *question)
{
	for (size_t s = 0; s < c->nsections; s++)
		for (size_t j = 0; j < c->sections[s].nquestions; j++) {
			const struct survey_question *q = &c->sections[s].questions[j];
			if (q->required && !survey_answered(x, q)) {
				*section = s;
				*question = j;
				return true;
			}
		}
	return false;
}

size_t survey_resume_page(const struct survey_content *c, const struct survey_answers *x)
{
	for (size_t s = 0; s < c->nsections; s++)
		if (!survey_section_saved(x, c->sections[s].key))
			return s;
	return c->nsections;
}

const char *survey_answer_words(struct arena *a, const struct survey_question *q, const struct survey_answers *x)
{
	const struct survey_answer *ans = survey_answer_of(x, q->key);
	if (!ans)
		return NULL;
	if (q->type == SQ_NUMBER || q->type == SQ_TEXT)
		return ans->values[0];
	const char *out = NULL;
	for (size_t k = 0; k < ans->n; k++) {
		long n = option_number(ans->values[k], q->type == SQ_AGREE5 ? 5 : q->noptions);
		if (!n)
			continue;
		const char *t = q->type == SQ_AGREE5 ? survey_agree5[n - 1].text : q->options[n - 1];
		out = out ? arena_printf(a, "%s, %s", out, t) : t;
	}
	return out;
}
