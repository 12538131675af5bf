/*
 * answers.h - one person's answers to a survey (an invite's record), pure:
 * stored as JSON in survey_invites.answers,
 *
 *   {"saved": ["about-you"], "answers": {"confidence": ["4"], "topics": ["1", "3"]}}
 *
 * "saved": the sections (pages) whose "Save and continue" was accepted,
 * so a person coming back goes on where they stopped; "answers": by
 * question key, the values as the answer form sends them (a choice's
 * number, a scale point, a whole number, a text), always a list. From
 * them the rows of survey_values are derived at each save (the JSON is
 * the record), which page comes next, and what is still missing before
 * the survey can be submitted. Unit-tested in tests/unit/test_survey_answers.c.
 */
#ifndef MH_SURVEYS_ANSWERS_H
#define MH_SURVEYS_ANSWERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "surveys/content.h"

struct arena;
struct form_data;

struct survey_answer {
	const char *key;
	const char **values;
	size_t n;
};

struct survey_answers {
	struct survey_answer *list;
	size_t n;
	const char **saved; /* section keys */
	size_t nsaved;
};

/* The JSON text (in a) and back; parsing refuses (false, *out empty)
 * anything that is not such a document. NULL or "" parses as no answers. */
const char *survey_answers_json(struct arena *a, const struct survey_answers *x);
bool survey_answers_parse(struct arena *a, const char *json, struct survey_answers *out);

/* The answer to question key, or NULL (none, or no values). */
const struct survey_answer *survey_answer_of(const struct survey_answers *x, const char *key);
/* Whether section key's page has been saved. */
bool survey_section_saved(const struct survey_answers *x, const char *key);

/* Section s's answers from its answer form as read (form_read of
 * survey_section_form): every question of the section replaced by what
 * was sent (nothing sent: no answer); saved marks the page as saved. x's
 * arrays are copied into a, never changed in place. */
void survey_answers_take(struct arena *a, struct survey_answers *x, const struct survey_content *c, size_t s,
			 const struct form_data *d, bool saved);
/* Fills d (form_empty of section s's form) with the answers given. */
void survey_answers_show(struct form_data *d, const struct survey_content *c, size_t s,
			 const struct survey_answers *x);

/* A row of survey_values: num for a choice (its number), a scale point or
 * a number; text (num unset) for free text. */
struct survey_value {
	const char *key;
	bool has_num;
	int64_t num;
	const char *text;
};
/* The values of x for the questions of c (answers to questions c does not
 * have, and values that are not valid for their question, are left out),
 * one per chosen option of a multiple choice. */
size_t survey_values_of(struct arena *a, const struct survey_content *c, const struct survey_answers *x,
			struct survey_value **out);

/* Whether question q has an answer in x. */
bool survey_answered(const struct survey_answers *x, const struct survey_question *q);
/* The first section with a required question not answered, and that
 * question's index in it; false when nothing is missing. */
bool survey_first_missing(const struct survey_content *c, const struct survey_answers *x, size_t *section,
			  size_t *question);
/* Where a person goes on: the first section not yet saved, or c->nsections
 * (the check-your-answers page) when every one is. */
size_t survey_resume_page(const struct survey_content *c, const struct survey_answers *x);
/* The answer as a person reads it back: options' texts joined by ", " (a
 * scale point's words), the number or text; NULL when none. */
const char *survey_answer_words(struct arena *a, const struct survey_question *q, const struct survey_answers *x);

#endif
