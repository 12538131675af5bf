/*
 * content.c - what a HAPPI form holds, its JSON, and its parts as
 * declared forms (content.h).
 */
#include "happi/content.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

const struct govuk_option happi_methods[HAPPI_METHODS] = {
	{"school_work", "Reflecting on participants' school-based work"},
	{"visits", "Visiting schools"},
	{"interviews", "Interviewing participants"},
	{"local_survey", "A local survey"},
	{"other", "Another way"},
};

const struct govuk_option happi_agreers[HAPPI_AGREERS] = {
	{"project_lead", "The NCP's Project Lead"},
	{"mhlm_link", "The MHLM link"},
};

const struct govuk_option happi_judgements[HAPPI_JUDGEMENTS] = {
	{"not_met", "Not met"},
	{"partly_met", "Partly met"},
	{"met", "Met"},
	{"exceeded", "Exceeded"},
	{"too_early", "Too early to say"},
};

/* ---- JSON ---- */

static void put_text(json_t *o, const char *key, const char *value)
{
	if (value && *value)
		json_object_set_new(o, key, json_string(value));
}

static void put_keys(json_t *o, const char *key, const char *const *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	json_object_set_new(o, key, a);
}

const char *happi_content_json(struct arena *a, const struct happi_content *c)
{
	json_t *o = json_object();
	put_text(o, "schedule", c->schedule);
	put_keys(o, "methods", c->methods, c->nmethods);
	put_text(o, "methods_other", c->methods_other);
	put_keys(o, "agreed", c->agreed, c->nagreed);
	json_t *outcomes = json_array();
	for (size_t i = 0; i < c->noutcomes; i++) {
		const struct happi_outcome_entry *e = &c->outcomes[i];
		json_t *x = json_object();
		json_object_set_new(x, "id", json_integer(e->id));
		json_object_set_new(x, "kind", json_string(happi_outcome_key(e->kind)));
		put_text(x, "national", e->national);
		put_text(x, "local", e->local);
		put_text(x, "evidence", e->evidence);
		put_text(x, "judgement", e->judgement);
		put_text(x, "analysis", e->analysis);
		put_text(x, "next_steps", e->next_steps);
		json_array_append_new(outcomes, x);
	}
	json_object_set_new(o, "outcomes", outcomes);
	json_t *progress = json_array();
	for (size_t i = 0; i < c->nprogress; i++) {
		json_t *x = json_object();
		put_text(x, "day", c->progress[i].day);
		put_text(x, "text", c->progress[i].text);
		json_array_append_new(progress, x);
	}
	json_object_set_new(o, "progress", progress);
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	const char *out = arena_strdup(a, s ? s : "{}");
	free(s);
	return out;
}

static const char *get_text(struct arena *a, json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? arena_strdup(a, s) : NULL;
}

/* Up to max known keys of an array of strings (unknown or repeated ones
 * left out), in the options' order. */
static size_t get_keys(struct arena *a, json_t *o, const char *key, const struct govuk_option *options, size_t max,
		       const char **out)
{
	json_t *arr = json_object_get(o, key);
	size_t n = 0;
	for (size_t k = 0; k < max; k++) {
		size_t i;
		json_t *v;
		json_array_foreach(arr, i, v)
		{
			const char *s = json_string_value(v);
			if (s && !strcmp(s, options[k].value)) {
				out[n++] = arena_strdup(a, s);
				break;
			}
		}
	}
	return n;
}

bool happi_content_parse(struct arena *a, const char *text, struct happi_content *c)
{
	*c = (struct happi_content){0};
	json_t *o = text ? json_loads(text, 0, NULL) : NULL;
	if (!json_is_object(o)) {
		json_decref(o);
		return false;
	}
	c->schedule = get_text(a, o, "schedule");
	c->nmethods = get_keys(a, o, "methods", happi_methods, HAPPI_METHODS, c->methods);
	c->methods_other = get_text(a, o, "methods_other");
	c->nagreed = get_keys(a, o, "agreed", happi_agreers, HAPPI_AGREERS, c->agreed);
	json_t *outcomes = json_object_get(o, "outcomes"), *x;
	size_t i, cap = 0;
	json_array_foreach(outcomes, i, x)
	{
		enum happi_outcome_kind kind;
		if (!json_is_object(x) || !happi_outcome_from_key(json_string_value(json_object_get(x, "kind")), &kind))
			continue;
		struct happi_outcome_entry *e = arena_push(a, (void **)&c->outcomes, &c->noutcomes, &cap, sizeof(*e));
		*e = (struct happi_outcome_entry){
			.id = json_integer_value(json_object_get(x, "id")), .kind = kind,
			.national = get_text(a, x, "national"), .local = get_text(a, x, "local"),
			.evidence = get_text(a, x, "evidence"), .judgement = get_text(a, x, "judgement"),
			.analysis = get_text(a, x, "analysis"), .next_steps = get_text(a, x, "next_steps")};
	}
	cap = 0;
	json_array_foreach(json_object_get(o, "progress"), i, x)
	{
		const char *day = get_text(a, x, "day"), *t = get_text(a, x, "text");
		if (day && t)
			*(struct happi_progress_entry *)arena_push(a, (void **)&c->progress, &c->nprogress, &cap,
								   sizeof(*c->progress)) = (struct happi_progress_entry){day, t};
	}
	json_decref(o);
	return true;
}

void happi_content_outcomes(struct arena *a, struct happi_content *c, const struct happi_outcome *national, size_t n)
{
	struct happi_outcome_entry *out = arena_alloc(a, (n + c->noutcomes + 1) * sizeof(*out));
	size_t k = 0;
	bool *used = arena_alloc(a, c->noutcomes + 1);
	for (size_t i = 0; i < n; i++) {
		struct happi_outcome_entry e = {.id = national[i].id};
		for (size_t j = 0; j < c->noutcomes; j++)
			if (c->outcomes[j].id == national[i].id && !used[j]) {
				e = c->outcomes[j];
				used[j] = true;
				break;
			}
		e.kind = national[i].kind;
		e.national = national[i].text;
		out[k++] = e;
	}
	for (size_t j = 0; j < c->noutcomes; j++)
		if (!used[j])
			out[k++] = c->outcomes[j];
	c->outcomes = out;
	c->noutcomes = k;
}

/* ---- the parts as declared forms ---- */

/* The key of outcome entry i: its national id, or its own number for one of the activity's own. */
static const char *key_of(struct arena *a, const char *field, const struct happi_content *c, size_t i)
{
	const struct happi_outcome_entry *e = &c->outcomes[i];
	return e->id > 0   ? arena_printf(a, "%s-%lld", field, (long long)e->id)
	       : e->id < 0 ? arena_printf(a, "%s-own%lld", field, -(long long)e->id)
			   : arena_printf(a, "%s-x%zu", field, i);
}

static const char *outcome_label(struct arena *a, const struct happi_content *c, size_t i)
{
	const struct happi_outcome_entry *e = &c->outcomes[i];
	static const char *const own[HAPPI_OUTCOME_KINDS] = {"Outcome for pupils", "Outcome for schools or departments",
							     "Outcome for professional practice"};
	if (e->id < 0)
		return arena_printf(a, "%s (this activity's own)", own[e->kind]);
	return arena_printf(a, "%s: %s", happi_outcome_name(e->kind), e->national ? e->national : "");
}

static const char *const add_labels[HAPPI_OUTCOME_KINDS] = {
	"Add an outcome for pupils", "Add an outcome for schools or departments",
	"Add an outcome for professional practice"};

/* The new outcome's field of kind k: "new-pupils". */
static const char *new_key(struct arena *a, enum happi_outcome_kind k)
{
	return arena_printf(a, "new-%s", happi_outcome_key(k));
}

/* Fields of each outcome, per part: planning one, impact four. */
enum { OUTCOME_PLANNING = 1, OUTCOME_IMPACT = 4 };

struct form happi_part_form(struct arena *a, const struct happi_content *c, enum happi_part p)
{
	size_t max = 4 + HAPPI_OUTCOME_KINDS + c->noutcomes * OUTCOME_IMPACT;
	struct form_field *f = arena_alloc(a, max * sizeof(*f));
	size_t n = 0;
	switch (p) {
	case HAPPI_PLANNING:
		f[n++] = (struct form_field){"schedule", FORM_TEXTAREA, "Schedule of intended activity",
					     .hint = "One line for each session: its date, time and what it is for",
					     .max_chars = 5000};
		for (size_t i = 0; i < c->noutcomes; i++)
			f[n++] = (struct form_field){key_of(a, "local", c, i), FORM_TEXTAREA, outcome_label(a, c, i),
						     .hint = c->outcomes[i].id < 0
								     ? "The outcome, as your schools and participants will "
								       "work towards it; empty it to remove it"
								     : "This outcome as it applies to your schools and participants",
						     .max_chars = 2000};
		for (int k = 0; c->own_kind && k < HAPPI_OUTCOME_KINDS; k++)
			f[n++] = (struct form_field){
				new_key(a, (enum happi_outcome_kind)k), FORM_TEXTAREA, add_labels[k],
				.hint = "This activity has no NCP, so it states outcomes of its own. Save to add another",
				.max_chars = 2000};
		f[n++] = (struct form_field){"methods", FORM_CHOICES, "How will you collect evidence of impact locally?",
					     .hint = "Select all that apply", .options = happi_methods,
					     .noptions = HAPPI_METHODS};
		f[n++] = (struct form_field){"methods_other", FORM_TEXT, "If another way, which",
					     .max_chars = 300};
		f[n++] = (struct form_field){"agreed", FORM_CHOICES, "Who have you agreed these methods with?",
					     .hint = "Select all that apply", .options = happi_agreers,
					     .noptions = HAPPI_AGREERS};
		break;
	case HAPPI_PROGRESS:
		f[n++] = (struct form_field){"progress_day", FORM_DATE, "Date of this update", .min = 2000, .max = 2100};
		f[n++] = (struct form_field){"progress_text", FORM_TEXTAREA, "What has happened since the last update",
					     .hint = "Sessions held, what participants did in school, what is going well "
						     "and what is not",
					     .max_chars = 5000};
		break;
	case HAPPI_IMPACT:
		for (size_t i = 0; i < c->noutcomes; i++) {
			f[n++] = (struct form_field){key_of(a, "evidence", c, i), FORM_TEXTAREA,
						     arena_printf(a, "Evidence collated for outcome %zu", i + 1),
						     .hint = outcome_label(a, c, i), .max_chars = 5000};
			f[n++] = (struct form_field){key_of(a, "judgement", c, i), FORM_CHOICE,
						     arena_printf(a, "How far was outcome %zu met?", i + 1),
						     .options = happi_judgements, .noptions = HAPPI_JUDGEMENTS, .small = true};
			f[n++] = (struct form_field){key_of(a, "analysis", c, i), FORM_TEXTAREA,
						     arena_printf(a, "Analysis of outcome %zu", i + 1), .max_chars = 5000};
			f[n++] = (struct form_field){key_of(a, "next", c, i), FORM_TEXTAREA,
						     arena_printf(a, "Next steps for outcome %zu", i + 1), .max_chars = 3000};
		}
		break;
	default:
		break;
	}
	return (struct form){f, n};
}

static void set_choices(struct form_data *d, size_t i, const char *const *v, size_t n)
{
	for (size_t k = 0; k < n; k++)
		form_set(d, i, v[k]);
}

void happi_part_prefill(const struct happi_content *c, enum happi_part p, struct form_data *d)
{
	size_t n = 0;
	switch (p) {
	case HAPPI_PLANNING:
		form_set(d, n++, c->schedule);
		for (size_t i = 0; i < c->noutcomes; i++)
			form_set(d, n++, c->outcomes[i].local);
		if (c->own_kind)
			n += HAPPI_OUTCOME_KINDS; /* new ones: empty */
		set_choices(d, n++, c->methods, c->nmethods);
		form_set(d, n++, c->methods_other);
		set_choices(d, n++, c->agreed, c->nagreed);
		break;
	case HAPPI_IMPACT:
		for (size_t i = 0; i < c->noutcomes; i++) {
			const struct happi_outcome_entry *e = &c->outcomes[i];
			form_set(d, n++, e->evidence);
			form_set(d, n++, e->judgement);
			form_set(d, n++, e->analysis);
			form_set(d, n++, e->next_steps);
		}
		break;
	default: /* progress: a new entry each time */
		break;
	}
}

/* A text as stored: NULL when empty. */
static const char *stored(const char *s)
{
	return s && *s ? s : NULL;
}

static size_t take_choices(const struct form_value *v, const char **out, size_t max)
{
	size_t n = v->nchosen < max ? v->nchosen : max;
	for (size_t k = 0; k < n; k++)
		out[k] = v->chosen[k];
	return n;
}

/* The own outcomes as sent: those emptied removed, a new one of each kind
 * given added under the next own number (never one used before, so a key
 * names one outcome in every version). */
static void take_own(struct arena *a, struct happi_content *c, const struct form_value *added)
{
	int64_t last = 0;
	size_t k = 0;
	for (size_t i = 0; i < c->noutcomes; i++) {
		last = c->outcomes[i].id < last ? c->outcomes[i].id : last;
		if (c->outcomes[i].id >= 0 || c->outcomes[i].local)
			c->outcomes[k++] = c->outcomes[i];
	}
	c->noutcomes = k;
	struct happi_outcome_entry *out = arena_alloc(a, (k + HAPPI_OUTCOME_KINDS) * sizeof(*out));
	if (k)
		memcpy(out, c->outcomes, k * sizeof(*out));
	for (int kind = 0; kind < HAPPI_OUTCOME_KINDS; kind++)
		if (stored(added[kind].text))
			out[c->noutcomes++] = (struct happi_outcome_entry){
				.id = --last, .kind = (enum happi_outcome_kind)kind, .local = added[kind].text};
	c->outcomes = out;
}

void happi_part_take(struct arena *a, struct happi_content *c, enum happi_part p, const struct form_data *d)
{
	const struct form_value *v = d->values;
	size_t n = 0;
	switch (p) {
	case HAPPI_PLANNING:
		c->schedule = stored(v[n++].text);
		for (size_t i = 0; i < c->noutcomes; i++)
			c->outcomes[i].local = stored(v[n++].text);
		if (c->own_kind)
			take_own(a, c, &v[n]), n += HAPPI_OUTCOME_KINDS;
		c->nmethods = take_choices(&v[n++], c->methods, HAPPI_METHODS);
		c->methods_other = stored(v[n++].text);
		c->nagreed = take_choices(&v[n++], c->agreed, HAPPI_AGREERS);
		break;
	case HAPPI_PROGRESS:
		if (stored(v[1].text) && v[0].text) {
			struct happi_progress_entry *e = arena_alloc(a, (c->nprogress + 1) * sizeof(*e));
			if (c->nprogress)
				memcpy(e, c->progress, c->nprogress * sizeof(*e));
			e[c->nprogress++] = (struct happi_progress_entry){v[0].text, v[1].text};
			c->progress = e;
		}
		break;
	case HAPPI_IMPACT:
		for (size_t i = 0; i < c->noutcomes; i++) {
			struct happi_outcome_entry *e = &c->outcomes[i];
			e->evidence = stored(v[n++].text);
			e->judgement = stored(v[n++].text);
			e->analysis = stored(v[n++].text);
			e->next_steps = stored(v[n++].text);
		}
		break;
	default:
		break;
	}
}

size_t happi_part_gaps(struct arena *a, const struct happi_content *c, enum happi_part p, struct happi_gap *out)
{
	size_t n = 0, f = 0;
	switch (p) {
	case HAPPI_PLANNING:
		if (!c->schedule)
			out[n++] = (struct happi_gap){f, "Enter the schedule of intended activity"};
		f++;
		for (size_t i = 0; i < c->noutcomes; i++, f++)
			if (!c->outcomes[i].local)
				out[n++] = (struct happi_gap){
					f, arena_printf(a, "Say what outcome %zu means for your schools and participants", i + 1)};
		if (c->own_kind) {
			struct happi_ncp rule = {.kind = c->own_kind};
			for (int k = 0; k < HAPPI_OUTCOME_KINDS; k++, f++) {
				bool has = false;
				for (size_t i = 0; i < c->noutcomes; i++)
					has |= c->outcomes[i].kind == (enum happi_outcome_kind)k && c->outcomes[i].local;
				if (!has && happi_outcome_required(&rule, (enum happi_outcome_kind)k))
					out[n++] = (struct happi_gap){f, happi_gap_message(&rule, (enum happi_outcome_kind)k)};
			}
		}
		if (!c->nmethods)
			out[n++] = (struct happi_gap){f, "Select how you will collect evidence of impact locally"};
		f++;
		for (size_t i = 0; i < c->nmethods; i++)
			if (!strcmp(c->methods[i], "other") && !c->methods_other)
				out[n++] = (struct happi_gap){f, "Enter the other way you will collect evidence"};
		break;
	case HAPPI_IMPACT:
		for (size_t i = 0; i < c->noutcomes; i++, f += 4) {
			if (!c->outcomes[i].evidence)
				out[n++] = (struct happi_gap){f, arena_printf(a, "Enter the evidence for outcome %zu", i + 1)};
			if (!c->outcomes[i].judgement)
				out[n++] = (struct happi_gap){f + 1, arena_printf(a, "Select how far outcome %zu was met", i + 1)};
		}
		break;
	default:
		break;
	}
	return n;
}

/* ---- the fields as a person reads them ---- */

const char *happi_option_text(const struct govuk_option *o, size_t n, const char *key)
{
	for (size_t k = 0; key && k < n; k++)
		if (!strcmp(key, o[k].value))
			return o[k].text;
	return key ? key : "";
}

/* The texts of keys, joined by sep. */
static const char *texts_of(struct arena *a, const struct govuk_option *o, size_t n, const char *const *keys,
			    size_t nkeys, const char *sep)
{
	const char *out = "";
	for (size_t i = 0; i < nkeys; i++)
		out = arena_printf(a, "%s%s%s", out, i ? sep : "", happi_option_text(o, n, keys[i]));
	return out;
}

const char *happi_options_text(struct arena *a, const struct govuk_option *o, size_t n, const char *const *keys,
			       size_t nkeys)
{
	return texts_of(a, o, n, keys, nkeys, ", ");
}

size_t happi_content_fields(struct arena *a, const struct happi_content *c, struct happi_field_text **out)
{
	size_t n = 0, cap = 0;
	*out = NULL;
#define ADD(k, s, q, ans)                                                                                     \
	(*(struct happi_field_text *)arena_push(a, (void **)out, &n, &cap, sizeof(**out)) =                    \
		 (struct happi_field_text){(k), (s), (q), (ans) ? (ans) : ""})
	ADD("schedule", "Planning", "Schedule of intended activity", c->schedule);
	for (size_t i = 0; i < c->noutcomes; i++)
		ADD(key_of(a, "local", c, i), "Planning", outcome_label(a, c, i), c->outcomes[i].local);
	ADD("methods", "Planning", "Local data-collection methods",
	    texts_of(a, happi_methods, HAPPI_METHODS, c->methods, c->nmethods, "\n"));
	ADD("methods_other", "Planning", "Another way", c->methods_other);
	ADD("agreed", "Planning", "Agreed with", texts_of(a, happi_agreers, HAPPI_AGREERS, c->agreed, c->nagreed, "\n"));
	for (size_t i = 0; i < c->nprogress; i++)
		ADD(arena_printf(a, "progress-%zu", i), "Progress", arena_printf(a, "Update of %s", c->progress[i].day),
		    c->progress[i].text);
	for (size_t i = 0; i < c->noutcomes; i++) {
		const struct happi_outcome_entry *e = &c->outcomes[i];
		const char *o = outcome_label(a, c, i);
		ADD(key_of(a, "evidence", c, i), "Impact", arena_printf(a, "%s: evidence", o), e->evidence);
		ADD(key_of(a, "judgement", c, i), "Impact", arena_printf(a, "%s: judgement", o),
		    e->judgement ? happi_option_text(happi_judgements, HAPPI_JUDGEMENTS, e->judgement) : NULL);
		ADD(key_of(a, "analysis", c, i), "Impact", arena_printf(a, "%s: analysis", o), e->analysis);
		ADD(key_of(a, "next", c, i), "Impact", arena_printf(a, "%s: next steps", o), e->next_steps);
	}
#undef ADD
	return n;
}
