/*
 * content.h - a survey template's content as one value: its sections (each
 * one page of the answer form; an internal one holds quality assurance
 * questions, never reported) and their questions. Stored as JSON (jansson)
 * in survey_templates.content:
 *
 *   {"sections": [{"key": "about-you", "title": "About you", "internal": false,
 *                  "questions": [{"key": "confidence", "type": "agree5", "text": "...",
 *                                 "hint": "...", "required": true, "options": []}]}]}
 *
 * A number question may also give its range, "lowest": 0, "highest": 60
 * (whole numbers, 0 <= lowest < highest <= SURVEY_NUMBER_MAX); without
 * them it takes any whole number from 0 to SURVEY_NUMBER_MAX.
 *
 * A question's key is stable (lower-case letters, digits and hyphens,
 * unique in the template): answers are stored by it, and an autumn and a
 * summer question with the same key are the same question asked twice
 * (paired change). Options of a choice question are answered by their
 * number ("1", "2", ...), so their wording may be corrected after answers
 * arrive but not their number.
 *
 * survey_section_form builds the declared form (html/form.h) of one
 * section as a participant answers it. Pure (no I/O); unit-tested in
 * tests/unit/test_survey_content.c.
 */
#ifndef MH_SURVEYS_CONTENT_H
#define MH_SURVEYS_CONTENT_H

#include <stdbool.h>
#include <stddef.h>

#include "html/form.h"

struct arena;

enum survey_qtype { SQ_SINGLE, SQ_MULTIPLE, SQ_AGREE5, SQ_NUMBER, SQ_TEXT, SQ_TYPES };

/* "single" ... "text", and the words a person reads ("One answer from a list"). */
const char *survey_qtype_key(enum survey_qtype t);
const char *survey_qtype_name(enum survey_qtype t);
bool survey_qtype_from_key(const char *key, enum survey_qtype *out);
/* Whether questions of type t have options of their own (single, multiple). */
bool survey_qtype_has_options(enum survey_qtype t);
/* The types as radio options (value: key; text: name). */
extern const struct govuk_option survey_qtypes[SQ_TYPES];

/* The fixed 5-point agreement scale, "1" (Strongly disagree) to "5"
 * (Strongly agree). */
extern const struct govuk_option survey_agree5[5];

/* Limits. */
enum {
	SURVEY_KEY_MAX = 40,
	SURVEY_TEXT_MAX = 500,
	SURVEY_HINT_MAX = 300,
	SURVEY_TITLE_MAX = 120,
	SURVEY_OPTION_MAX = 200,
	SURVEY_OPTIONS_MIN = 2,
	SURVEY_OPTIONS_MAX = 20,
	SURVEY_SECTIONS_MAX = 30,
	SURVEY_QUESTIONS_MAX = 60, /* in a section */
	SURVEY_ANSWER_MAX = 2000,  /* a free-text answer */
	SURVEY_NUMBER_MAX = 1000000,
};

struct survey_question {
	const char *key;
	enum survey_qtype type;
	const char *text, *hint; /* hint NULL: none */
	bool required;
	const char **options; /* single, multiple: their texts, in order */
	size_t noptions;
	/* number: the range of its answers, inclusive; highest 0: none set
	 * (0 .. SURVEY_NUMBER_MAX; survey_number_range reads either). */
	long lowest, highest;
};

struct survey_section {
	const char *key, *title;
	bool internal;
	struct survey_question *questions;
	size_t nquestions;
};

struct survey_content {
	struct survey_section *sections;
	size_t nsections;
};

/* The content as JSON text (in a), and back. Parsing rejects (false, *c
 * empty) a document that is not a template's: not an object, sections or
 * questions not arrays, a section or question without a valid key or
 * text, a key used twice, an unknown type, a choice question without its
 * options, a number question's range that is not one (lowest or highest
 * not a whole number from 0 to SURVEY_NUMBER_MAX, lowest not below
 * highest). Unknown keys are ignored. */
const char *survey_content_json(struct arena *a, const struct survey_content *c);
bool survey_content_parse(struct arena *a, const char *json, struct survey_content *c);

/* Where things are: the section of key (-1: none); the question of key,
 * its section and its place in it (false: none). */
long survey_section_index(const struct survey_content *c, const char *key);
bool survey_question_find(const struct survey_content *c, const char *key, size_t *section, size_t *index);
size_t survey_question_count(const struct survey_content *c);
/* The keys of the questions of the sections that are reported (not
 * internal; or, internal, of the internal ones: quality assurance), "a,b,c"
 * in their order; texts: of the free-text ones only. */
const char *survey_keys_of(struct arena *a, const struct survey_content *c, bool internal, bool texts);

/* A number question's range of answers: its own, or 0 .. SURVEY_NUMBER_MAX;
 * whether it set one. */
bool survey_number_range(const struct survey_question *q, long *lowest, long *highest);
/* "0 to 60", "0 to 1,000,000" (in a). */
const char *survey_range_words(struct arena *a, const struct survey_question *q);

/* ---- validation, with GOV.UK messages (NULL: fine) ---- */

/* A question's key: given, at most SURVEY_KEY_MAX characters, lower-case
 * letters, digits and hyphens, starting with a letter. */
const char *survey_key_problem(const char *key);
/* The key is another question's already (except: the question being
 * changed, or NULL). */
const char *survey_key_taken(const struct survey_content *c, const char *key, const char *except);
/* Options typed one per line (blank lines dropped, each trimmed) into
 * *out; the problem with them for type t (types without options take
 * none: *n 0). */
const char *survey_options_read(struct arena *a, enum survey_qtype t, const char *typed, const char ***out,
				size_t *n);
/* The problem with a number question's range as typed in the editor
 * (each already a whole number from 0 to SURVEY_NUMBER_MAX): the lowest
 * must be below the highest. */
const char *survey_range_problem(long lowest, long highest);
/* The options as typed in the editor: one per line. */
const char *survey_options_text(struct arena *a, const struct survey_question *q);

/* A new section's key from its title ("About you" -> "about-you"; "-2",
 * "-3" ... when taken; "section" when the title has no letters). */
const char *survey_section_key(struct arena *a, const struct survey_content *c, const char *title);

/* ---- changes (in a: c's arrays are copied, never changed in place) ---- */

void survey_section_add(struct arena *a, struct survey_content *c, const struct survey_section *s);
void survey_section_remove(struct arena *a, struct survey_content *c, size_t section);
void survey_question_add(struct arena *a, struct survey_content *c, size_t section, const struct survey_question *q);
void survey_question_set(struct arena *a, struct survey_content *c, size_t section, size_t index,
			 const struct survey_question *q);
void survey_question_remove(struct arena *a, struct survey_content *c, size_t section, size_t index);

/* ---- the answer form ---- */

/* The declared form of section s as a participant answers it: one field
 * per question, named by its key; single and agree5 are radios, multiple
 * checkboxes, number a whole number in its range (survey_number_range;
 * a range it sets is in its hint, and a number outside it is refused
 * "Enter a number from 0 to 60 for ‘...’"), text a text area; a question
 * not required says "(optional)". */
struct form survey_section_form(struct arena *a, const struct survey_content *c, size_t s);

#endif
