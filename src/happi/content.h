/*
 * content.h - what a HAPPI form holds, as one value: the planning (the
 * schedule of intended activity, each outcome tailored to the local
 * context, the data-collection methods, who agreed them), the dated
 * progress entries, and per outcome the impact (evidence, a judgement on
 * a fixed scale, analysis, next steps). Stored as JSON (jansson) in
 * happi_forms.content and in every version: each version carries the
 * outcomes' national text as it was, so an old version reads the same
 * after the national team changes an outcome.
 *
 * The form's fields are data: happi_part_fields builds the declared form
 * (html/form.h) of one part from the content (one field per outcome and
 * question), happi_part_take reads a valid submission back into it, and
 * happi_diff_fields lists every field of two versions side by side, by
 * its stable key, for the comparison page. Pure (no I/O).
 */
#ifndef MH_HAPPI_CONTENT_H
#define MH_HAPPI_CONTENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "happi/happi.h"
#include "happi/outcome_queries.h"
#include "html/form.h"

struct arena;

/* The local data-collection methods the handbook names, and "other". */
enum { HAPPI_METHODS = 5, HAPPI_AGREERS = 2 };
extern const struct govuk_option happi_methods[HAPPI_METHODS];
extern const struct govuk_option happi_agreers[HAPPI_AGREERS]; /* the Project Lead, the MHLM link */
/* The impact judgement's fixed scale, worst to best, then "too early". */
enum { HAPPI_JUDGEMENTS = 5 };
extern const struct govuk_option happi_judgements[HAPPI_JUDGEMENTS];

struct happi_outcome_entry {
	int64_t id;  /* the national outcome (ncp_outcomes.id); below 0: the activity's own (-1, -2, ...) */
	enum happi_outcome_kind kind;
	const char *national; /* its national text, as it was when this version was saved */
	const char *local;    /* planning: tailored to the local context */
	const char *evidence, *judgement, *analysis, *next_steps; /* impact */
};

struct happi_progress_entry {
	const char *day; /* YYYY-MM-DD */
	const char *text;
};

struct happi_content {
	const char *schedule;       /* the schedule of intended activity */
	const char *methods[HAPPI_METHODS]; /* the keys chosen, in the options' order */
	size_t nmethods;
	const char *methods_other;
	const char *agreed[HAPPI_AGREERS];
	size_t nagreed;
	struct happi_outcome_entry *outcomes;
	size_t noutcomes;
	struct happi_progress_entry *progress;
	size_t nprogress;
	/* not stored: the activity's kind when it states outcomes of its own
	 * (a local activity, with no NCP to give it national ones), else NULL.
	 * Its planning then offers a new outcome of each kind, and asks for
	 * those the handbook's rule needs of its kind (happi_outcome_required). */
	const char *own_kind;
};

/* The content as JSON text (in a), and back: false (with *c empty) when
 * the text is not a form's JSON. Unknown keys are ignored. */
const char *happi_content_json(struct arena *a, const struct happi_content *c);
bool happi_content_parse(struct arena *a, const char *json, struct happi_content *c);

/* Brings c's outcomes in line with the NCP's national outcomes now:
 * every national outcome has an entry (new ones added, in the national
 * order, with their kind and text); an entry whose national outcome has
 * gone stays (its text as it was), after them. */
void happi_content_outcomes(struct arena *a, struct happi_content *c, const struct happi_outcome *national,
			    size_t n);

/* The declared form of part p of c (its fields in the arena): fields are
 * named by stable keys ("schedule", "local-12", "judgement-12", an own
 * outcome's "local-own2", ...). The progress part asks for one new entry
 * (its day and text); with own_kind, the planning one new outcome of each
 * kind ("new-pupils", ...), and an own outcome emptied is removed. */
struct form happi_part_form(struct arena *a, const struct happi_content *c, enum happi_part p);

/* Fills d (form_empty'd from happi_part_form) with c's values. */
void happi_part_prefill(const struct happi_content *c, enum happi_part p, struct form_data *d);

/* c with part p as the valid submission d says (a progress entry is
 * added when its text is given). */
void happi_part_take(struct arena *a, struct happi_content *c, enum happi_part p, const struct form_data *d);

/* The text of option key (the key itself when unknown), and the texts of
 * keys joined by ", ". */
const char *happi_option_text(const struct govuk_option *o, size_t n, const char *key);
const char *happi_options_text(struct arena *a, const struct govuk_option *o, size_t n, const char *const *keys,
			       size_t nkeys);

/* What part p still needs before it is submitted: the field's index in
 * happi_part_form's form and the message, into out (room for the form's
 * fields); their number. Planning: the schedule, every outcome tailored
 * (with own_kind: an outcome of each kind its rule needs), a method (and
 * which, for another way); impact: a judgement and the evidence for
 * every outcome. */
struct happi_gap {
	size_t field;
	const char *message;
};
size_t happi_part_gaps(struct arena *a, const struct happi_content *c, enum happi_part p, struct happi_gap *out);

/* One field of a form as a person reads it: its section, its question,
 * its answer as text ("" when none). */
struct happi_field_text {
	const char *key, *section, *question, *answer;
};

/* Every field of c in the form's order, answers as text (choices by
 * their labels, one per line). */
size_t happi_content_fields(struct arena *a, const struct happi_content *c, struct happi_field_text **out);

#endif
