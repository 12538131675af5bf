/* form_render.c - see form.h: a declared field as the GOV.UK component of
 * its kind, with its error and the value sent. */
#include <string.h>

#include "core/arena.h"
#include "html/form.h"

/* The fields an option reveals, for govuk_reveal. */
struct revealed {
	const struct form_data *d;
	size_t i;          /* the radios */
	const char *value; /* the option */
};

/* Whether field j (not off) is revealed by option value of field i. */
static bool reveals_field(const struct form_data *d, size_t i, const char *value, size_t j)
{
	const struct form_field *r = &d->form->fields[j];
	return !r->off && r->revealed_by && !strcmp(r->revealed_by, d->form->fields[i].name) && !strcmp(r->revealed_for, value);
}

/* Every field the option reveals, in the form's order (a venue and its address). */
static void write_revealed(struct html *w, const void *ctx)
{
	const struct revealed *r = ctx;
	for (size_t j = r->i + 1; j < r->d->form->n; j++)
		if (reveals_field(r->d, r->i, r->value, j))
			form_field(w, r->d, j);
}

/* The first field (not off) that option value of field i reveals, or -1. */
static long revealed_field(const struct form_data *d, size_t i, const char *value)
{
	for (size_t j = i + 1; j < d->form->n; j++)
		if (reveals_field(d, i, value, j))
			return (long)j;
	return -1;
}

/* Radios or checkboxes, each checked as sent; radios with the fields their
 * options reveal. */
static void choices(struct html *w, const struct form_data *d, size_t i)
{
	const struct form_field *f = &d->form->fields[i];
	const struct form_value *v = &d->values[i];
	struct govuk_choice *items = arena_alloc(d->arena, (f->noptions + 1) * sizeof(*items));
	struct govuk_reveal *reveals = arena_alloc(d->arena, (f->noptions + 1) * sizeof(*reveals));
	bool revealing = false;
	for (size_t k = 0; k < f->noptions; k++) {
		items[k] = (struct govuk_choice){f->options[k].value, f->options[k].text,
						 form_chosen(d, i, f->options[k].value)};
		long j = f->kind == FORM_CHOICE ? revealed_field(d, i, f->options[k].value) : -1;
		if (j >= 0) {
			struct revealed *r = arena_alloc(d->arena, sizeof(*r));
			*r = (struct revealed){d, i, f->options[k].value};
			reveals[k] = (struct govuk_reveal){write_revealed, r};
			revealing = true;
		}
	}
	govuk_choices_revealing(w, f->kind == FORM_CHOICES, f->name, f->label, f->hint, items, revealing ? reveals : NULL,
				f->noptions, v->error, f->small);
}

/* A select whose first option asks for a choice. */
static void select_list(struct html *w, const struct form_data *d, size_t i)
{
	const struct form_field *f = &d->form->fields[i];
	const struct form_value *v = &d->values[i];
	struct govuk_option *opts = arena_alloc(d->arena, (f->noptions + 2) * sizeof(*opts));
	opts[0] = (struct govuk_option){"", "Choose"};
	memcpy(opts + 1, f->options, f->noptions * sizeof(*opts));
	govuk_select(w, &(struct govuk_select){.id = f->name, .label = f->label, .hint = f->hint, .error = v->error,
					       .value = v->text, .options = opts, .n = f->noptions + 1});
}

static const char *input_type(enum form_kind k)
{
	switch (k) {
	case FORM_EMAIL:
		return "email";
	case FORM_PASSWORD:
		return "password";
	default:
		return "text";
	}
}

/* A date's part left empty: not sent, or sent as "". */
static bool blank(const char *s)
{
	return !s || !*s;
}

/* A date with every part empty outlines all three boxes (GOV.UK's date
 * input pattern); one with a bad part, that part. */
void form_field(struct html *w, const struct form_data *d, size_t i)
{
	const struct form_field *f = &d->form->fields[i];
	const struct form_value *v = &d->values[i];
	switch (f->kind) {
	case FORM_CHOICE:
		if (f->select)
			select_list(w, d, i);
		else
			choices(w, d, i);
		return;
	case FORM_CHOICES:
		choices(w, d, i);
		return;
	case FORM_DATE:
		govuk_date_input(w, &(struct govuk_date_input){
			.id = f->name, .legend = f->label, .hint = f->hint, .error = v->error, .error_part = v->error_part,
			.error_all = v->error && blank(v->parts[0]) && blank(v->parts[1]) && blank(v->parts[2]),
			.parts = {v->parts[0], v->parts[1], v->parts[2]}, .legend_is_heading = f->label_is_heading});
		return;
	case FORM_TEXTAREA:
		govuk_textarea(w, &(struct govuk_textarea){.id = f->name, .label = f->label, .hint = f->hint,
			.error = v->error, .value = v->text, .max_chars = f->max_chars,
			.label_is_heading = f->label_is_heading});
		return;
	default:
		break;
	}
	bool numeric = f->kind == FORM_NUMBER || f->kind == FORM_URN;
	bool school = f->kind == FORM_SCHOOL;
	govuk_input(w, &(struct govuk_input){
		.id = f->name, .label = f->label, .type = input_type(f->kind), .error = v->error,
		.hint = f->hint ? f->hint : school ? FORM_SCHOOL_HINT : NULL,
		.value = f->kind == FORM_PASSWORD ? NULL : v->text,
		.autocomplete = f->autocomplete ? f->autocomplete : school ? "off" : NULL,
		.school_search = school,
		.input_class = f->input_class ? f->input_class : f->kind == FORM_URN ? "govuk-input--width-10" : NULL,
		.inputmode = f->inputmode ? f->inputmode : numeric ? "numeric" : NULL,
		.spellcheck_off = f->spellcheck_off || f->kind == FORM_EMAIL || numeric,
		.label_is_heading = f->label_is_heading});
}

void form_fields(struct html *w, const struct form_data *d)
{
	for (size_t i = 0; i < d->form->n; i++)
		if (!d->form->fields[i].off && !d->form->fields[i].revealed_by)
			form_field(w, d, i);
}
