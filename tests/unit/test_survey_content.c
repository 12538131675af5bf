/*
 * test_survey_content.c - a survey template's content (src/surveys/content.h):
 * JSON both ways (unknown keys ignored, malformed documents refused), the
 * editor's checks and their GOV.UK messages, sections and questions added,
 * changed and removed without touching the original, and the declared
 * form of a section as a participant answers it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "core/url.h"
#include "surveys/content.h"

static const char DOC[] =
	"{\"sections\":[{\"key\":\"about-you\",\"title\":\"About you\",\"internal\":false,\"colour\":\"red\","
	"\"questions\":["
	"{\"key\":\"phase\",\"type\":\"single\",\"text\":\"Which phase do you teach?\",\"required\":true,"
	"\"options\":[\"Primary\",\"Secondary\"]},"
	"{\"key\":\"resources\",\"type\":\"multiple\",\"text\":\"Which resources did you use?\",\"hint\":\"Choose any\","
	"\"required\":false,\"options\":[\"NCETM PD materials\",\"Textbooks\",\"Other\"]},"
	"{\"key\":\"confidence-fractions\",\"type\":\"agree5\",\"text\":\"I feel confident teaching fractions\","
	"\"required\":true,\"options\":[]},"
	"{\"key\":\"years\",\"type\":\"number\",\"text\":\"How many years have you taught?\",\"required\":false},"
	"{\"key\":\"comments\",\"type\":\"text\",\"text\":\"Anything else?\",\"required\":false,\"extra\":1}]},"
	"{\"key\":\"qa\",\"title\":\"Quality assurance\",\"internal\":true,\"questions\":[]}],"
	"\"version\":3}";

static void test_json_both_ways(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct survey_content c;
	assert_true(survey_content_parse(a, DOC, &c));
	assert_int_equal(c.nsections, 2);
	assert_string_equal(c.sections[0].key, "about-you");
	assert_false(c.sections[0].internal);
	assert_true(c.sections[1].internal);
	assert_int_equal(c.sections[0].nquestions, 5);
	const struct survey_question *q = c.sections[0].questions;
	assert_int_equal(q[0].type, SQ_SINGLE);
	assert_true(q[0].required);
	assert_int_equal(q[0].noptions, 2);
	assert_string_equal(q[0].options[1], "Secondary");
	assert_int_equal(q[1].type, SQ_MULTIPLE);
	assert_string_equal(q[1].hint, "Choose any");
	assert_false(q[1].required);
	assert_int_equal(q[2].type, SQ_AGREE5);
	assert_int_equal(q[2].noptions, 0);
	assert_int_equal(q[3].type, SQ_NUMBER);
	assert_null(q[3].hint);
	assert_int_equal(q[4].type, SQ_TEXT);
	assert_int_equal(survey_question_count(&c), 5);

	/* written and read again: the same content; unknown keys are not kept */
	const char *json = survey_content_json(a, &c);
	assert_null(strstr(json, "colour"));
	assert_null(strstr(json, "version"));
	struct survey_content again;
	assert_true(survey_content_parse(a, json, &again));
	assert_string_equal(survey_content_json(a, &again), json);

	/* an empty template */
	assert_true(survey_content_parse(a, "{\"sections\":[]}", &again));
	assert_int_equal(again.nsections, 0);
	assert_string_equal(survey_content_json(a, &again), "{\"sections\":[]}");
	assert_true(survey_content_parse(a, "{}", &again));
	arena_free(a);
}

static void test_malformed_refused(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct survey_content c;
	static const char *const bad[] = {
		NULL,
		"",
		"not json",
		"[]",
		"{\"sections\":{}}",
		/* a section without a key, a key that is not one, without a title */
		"{\"sections\":[{\"title\":\"A\",\"questions\":[]}]}",
		"{\"sections\":[{\"key\":\"About\",\"title\":\"A\",\"questions\":[]}]}",
		"{\"sections\":[{\"key\":\"a\",\"questions\":[]}]}",
		"{\"sections\":[{\"key\":\"a\",\"title\":\"A\",\"questions\":{}}]}",
		/* questions: an unknown type; no text; a choice without options, or with one */
		"{\"sections\":[{\"key\":\"a\",\"title\":\"A\",\"questions\":[{\"key\":\"q\",\"type\":\"slider\",\"text\":\"Q\"}]}]}",
		"{\"sections\":[{\"key\":\"a\",\"title\":\"A\",\"questions\":[{\"key\":\"q\",\"type\":\"text\"}]}]}",
		"{\"sections\":[{\"key\":\"a\",\"title\":\"A\",\"questions\":[{\"key\":\"q\",\"type\":\"single\",\"text\":\"Q\"}]}]}",
		"{\"sections\":[{\"key\":\"a\",\"title\":\"A\",\"questions\":[{\"key\":\"q\",\"type\":\"single\",\"text\":\"Q\","
		"\"options\":[\"Only\"]}]}]}",
		/* a key used twice: two sections; two questions in different sections */
		"{\"sections\":[{\"key\":\"a\",\"title\":\"A\"},{\"key\":\"a\",\"title\":\"B\"}]}",
		"{\"sections\":[{\"key\":\"a\",\"title\":\"A\",\"questions\":[{\"key\":\"q\",\"type\":\"text\",\"text\":\"Q\"}]},"
		"{\"key\":\"b\",\"title\":\"B\",\"questions\":[{\"key\":\"q\",\"type\":\"number\",\"text\":\"R\"}]}]}",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		c.nsections = 99;
		if (survey_content_parse(a, bad[i], &c))
			fail_msg("accepted: %s", bad[i] ? bad[i] : "(null)");
		assert_int_equal(c.nsections, 0);
	}
	arena_free(a);
}

static void test_keys(void **state)
{
	(void)state;
	assert_null(survey_key_problem("confidence-fractions"));
	assert_null(survey_key_problem("q1"));
	assert_string_equal(survey_key_problem(""), "Enter a key for the question");
	assert_string_equal(survey_key_problem(NULL), "Enter a key for the question");
	assert_string_equal(survey_key_problem("1st"), "Key must start with a lower-case letter");
	assert_string_equal(survey_key_problem("-a"), "Key must start with a lower-case letter");
	assert_string_equal(survey_key_problem("Confidence"), "Key must start with a lower-case letter");
	assert_string_equal(survey_key_problem("confidence_fractions"),
			    "Key must only include lower-case letters a to z, numbers and hyphens");
	assert_string_equal(survey_key_problem("café"), "Key must only include lower-case letters a to z, numbers and hyphens");
	assert_string_equal(survey_key_problem("a2345678901234567890123456789012345678901"), "Key must be 40 characters or less");
	assert_null(survey_key_problem("a23456789012345678901234567890123456789"));

	struct arena *a = arena_new();
	struct survey_content c;
	assert_true(survey_content_parse(a, DOC, &c));
	assert_string_equal(survey_key_taken(&c, "years", NULL), "Another question in this survey already has this key");
	assert_null(survey_key_taken(&c, "years", "years")); /* its own, when changed */
	assert_null(survey_key_taken(&c, "new-one", NULL));

	/* a section's key from its title, kept unique */
	assert_string_equal(survey_section_key(a, &c, "About you"), "about-you-2");
	assert_string_equal(survey_section_key(a, &c, "  Your school's maths, this year!  "), "your-school-s-maths-this-year");
	assert_string_equal(survey_section_key(a, &c, "2026 plans"), "section");
	assert_string_equal(survey_section_key(a, &c, "…"), "section");
	arena_free(a);
}

static void test_options(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	const char **o;
	size_t n;
	assert_null(survey_options_read(a, SQ_SINGLE, "  Primary \r\n\nSecondary\n  \nAll-through\n", &o, &n));
	assert_int_equal(n, 3);
	assert_string_equal(o[0], "Primary");
	assert_string_equal(o[1], "Secondary");
	assert_string_equal(o[2], "All-through");
	assert_string_equal(survey_options_read(a, SQ_MULTIPLE, "Only one", &o, &n),
			    "Enter at least 2 options, one on each line");
	assert_string_equal(survey_options_read(a, SQ_MULTIPLE, NULL, &o, &n), "Enter at least 2 options, one on each line");
	assert_int_equal(n, 0);
	assert_string_equal(survey_options_read(a, SQ_SINGLE, "Yes\nNo\nYes", &o, &n), "Each option must be different");
	const char *many = "";
	for (int i = 1; i <= 21; i++)
		many = arena_printf(a, "%s%d\n", many, i);
	assert_string_equal(survey_options_read(a, SQ_SINGLE, many, &o, &n), "Enter 20 options or fewer");
	char longer[260];
	memset(longer, 'x', 201);
	strcpy(longer + 201, "\nShort");
	assert_string_equal(survey_options_read(a, SQ_SINGLE, longer, &o, &n), "Each option must be 200 characters or less");
	/* types without options of their own take none, whatever was typed */
	assert_null(survey_options_read(a, SQ_AGREE5, "A\nB", &o, &n));
	assert_int_equal(n, 0);
	assert_null(survey_options_read(a, SQ_TEXT, "", &o, &n));

	struct survey_question q = {.options = (const char *[]){"Yes", "No"}, .noptions = 2};
	assert_string_equal(survey_options_text(a, &q), "Yes\nNo");
	arena_free(a);
}

static void test_changes(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct survey_content c, before;
	assert_true(survey_content_parse(a, DOC, &c));
	before = c;
	const char *json = survey_content_json(a, &c);

	struct survey_content d = c;
	survey_section_add(a, &d, &(struct survey_section){.key = "impact", .title = "Impact"});
	struct survey_question q = {.key = "pupils", .type = SQ_NUMBER, .text = "How many pupils?", .required = true};
	survey_question_add(a, &d, 2, &q);
	survey_question_add(a, &d, 0, &(struct survey_question){.key = "extra", .type = SQ_TEXT, .text = "Extra"});
	assert_int_equal(d.nsections, 3);
	assert_int_equal(d.sections[2].nquestions, 1);
	assert_int_equal(d.sections[0].nquestions, 6);
	assert_string_equal(d.sections[0].questions[5].key, "extra");
	size_t s, i;
	assert_true(survey_question_find(&d, "pupils", &s, &i));
	assert_int_equal(s, 2);
	assert_int_equal(i, 0);
	assert_int_equal(survey_section_index(&d, "qa"), 1);
	assert_int_equal(survey_section_index(&d, "nope"), -1);

	/* changed and removed in place of the old */
	q.text = "How many pupils do you teach?";
	survey_question_set(a, &d, 2, 0, &q);
	assert_string_equal(d.sections[2].questions[0].text, "How many pupils do you teach?");
	survey_question_remove(a, &d, 0, 1); /* resources */
	assert_int_equal(d.sections[0].nquestions, 5);
	assert_string_equal(d.sections[0].questions[1].key, "confidence-fractions");
	assert_false(survey_question_find(&d, "resources", &s, &i));
	survey_section_remove(a, &d, 1);
	assert_int_equal(d.nsections, 2);
	assert_string_equal(d.sections[1].key, "impact");
	/* out of range: nothing happens */
	survey_section_remove(a, &d, 7);
	survey_question_remove(a, &d, 0, 50);
	assert_int_equal(d.nsections, 2);
	assert_int_equal(d.sections[0].nquestions, 5);

	/* the original is untouched */
	assert_int_equal(c.nsections, before.nsections);
	assert_int_equal(c.sections[0].nquestions, 5);
	assert_string_equal(survey_content_json(a, &c), json);
	/* and what changed is a template's content again */
	struct survey_content e;
	assert_true(survey_content_parse(a, survey_content_json(a, &d), &e));
	assert_int_equal(survey_question_count(&e), 6);
	arena_free(a);
}

static void test_section_form(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct survey_content c;
	assert_true(survey_content_parse(a, DOC, &c));
	struct form f = survey_section_form(a, &c, 0);
	assert_int_equal(f.n, 5);
	const struct form_field *x = f.fields;
	assert_string_equal(x[0].name, "phase");
	assert_int_equal(x[0].kind, FORM_CHOICE);
	assert_string_equal(x[0].label, "Which phase do you teach?");
	assert_true(x[0].required);
	assert_int_equal(x[0].noptions, 2);
	assert_string_equal(x[0].options[0].value, "1");
	assert_string_equal(x[0].options[1].text, "Secondary");
	assert_string_equal(x[0].missing, "Select your answer to \xE2\x80\x98Which phase do you teach?\xE2\x80\x99");
	assert_int_equal(x[1].kind, FORM_CHOICES);
	assert_string_equal(x[1].label, "Which resources did you use? (optional)");
	assert_string_equal(x[1].hint, "Choose any");
	assert_false(x[1].required);
	assert_int_equal(x[2].kind, FORM_CHOICE);
	assert_int_equal(x[2].noptions, 5);
	assert_string_equal(x[2].options[0].text, "Strongly disagree");
	assert_string_equal(x[2].options[4].text, "Strongly agree");
	assert_string_equal(x[2].options[4].value, "5");
	assert_int_equal(x[3].kind, FORM_NUMBER);
	assert_int_equal(x[3].min, 0);
	assert_int_equal(x[3].max, SURVEY_NUMBER_MAX);
	assert_int_equal(x[4].kind, FORM_TEXTAREA);
	/* an empty section: no fields; a section that is not there: none */
	assert_int_equal(survey_section_form(a, &c, 1).n, 0);
	assert_int_equal(survey_section_form(a, &c, 2).n, 0);
	arena_free(a);
}

static void test_section_form_reads(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct survey_content c;
	assert_true(survey_content_parse(a, DOC, &c));
	struct form f = survey_section_form(a, &c, 0);
	struct form_data d;
	/* nothing sent: the two required questions' messages, by name */
	assert_false(form_read(&f, NULL, 0, a, NULL, &d));
	assert_int_equal(d.nerrors, 2);
	assert_string_equal(d.errors[0].message, "Select your answer to \xE2\x80\x98Which phase do you teach?\xE2\x80\x99");
	assert_string_equal(d.errors[1].message,
			    "Select your answer to \xE2\x80\x98I feel confident teaching fractions\xE2\x80\x99");
	/* a choice not offered (a forged form), a number out of range, one not a
	 * number: the question as written, never lower-cased */
	struct url_param bad[] = {{"phase", "9"}, {"confidence-fractions", "0"}, {"years", "1000001"}};
	assert_false(form_read(&f, bad, 3, a, NULL, &d));
	assert_int_equal(d.nerrors, 3);
	assert_string_equal(d.errors[0].message,
			    "Select your answer to \xE2\x80\x98Which phase do you teach?\xE2\x80\x99 from the options given");
	assert_string_equal(d.errors[1].message, "Select your answer to \xE2\x80\x98I feel confident teaching "
						 "fractions\xE2\x80\x99 from the options given");
	assert_string_equal(d.errors[2].message,
			    "Enter a number from 0 to 1,000,000 for \xE2\x80\x98How many years have you taught?\xE2\x80\x99");
	struct url_param word[] = {{"phase", "1"}, {"confidence-fractions", "3"}, {"years", "ten"}, {"resources", "7"}};
	assert_false(form_read(&f, word, 4, a, NULL, &d));
	assert_int_equal(d.nerrors, 2);
	assert_string_equal(d.errors[0].message,
			    "Select your answer to \xE2\x80\x98Which resources did you use?\xE2\x80\x99 from the options given");
	assert_string_equal(d.errors[1].message,
			    "Enter a whole number in answer to \xE2\x80\x98How many years have you taught?\xE2\x80\x99, like 12");
	arena_free(a);
}

/* A number question's range: in the JSON (absent: 0 .. SURVEY_NUMBER_MAX),
 * refused when it is not one, checked in the editor, and in the answer
 * form's limits, hint and message. */
static void test_number_range(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct survey_content c;
	static const char RANGED[] =
		"{\"sections\":[{\"key\":\"a\",\"title\":\"A\",\"questions\":["
		"{\"key\":\"years\",\"type\":\"number\",\"text\":\"How many years have you been teaching?\","
		"\"hint\":\"Count this year as one\",\"required\":true,\"lowest\":0,\"highest\":60},"
		"{\"key\":\"pupils\",\"type\":\"number\",\"text\":\"How many pupils?\",\"required\":false,"
		"\"lowest\":5},"
		"{\"key\":\"free\",\"type\":\"number\",\"text\":\"Any?\",\"required\":false},"
		"{\"key\":\"said\",\"type\":\"text\",\"text\":\"Said?\",\"required\":false,\"lowest\":\"x\"}]}]}";
	assert_true(survey_content_parse(a, RANGED, &c));
	const struct survey_question *q = c.sections[0].questions;
	long lo, hi;
	assert_true(survey_number_range(&q[0], &lo, &hi));
	assert_int_equal(lo, 0);
	assert_int_equal(hi, 60);
	assert_string_equal(survey_range_words(a, &q[0]), "0 to 60");
	assert_true(survey_number_range(&q[1], &lo, &hi)); /* a lowest alone: up to the most */
	assert_int_equal(lo, 5);
	assert_int_equal(hi, SURVEY_NUMBER_MAX);
	assert_false(survey_number_range(&q[2], &lo, &hi)); /* none: as before */
	assert_int_equal(lo, 0);
	assert_int_equal(hi, SURVEY_NUMBER_MAX);
	assert_string_equal(survey_range_words(a, &q[2]), "0 to 1,000,000");
	assert_false(survey_number_range(&q[3], &lo, &hi)); /* not a number question: ignored */

	/* written with both ends, and only when set; read again the same */
	const char *json = survey_content_json(a, &c);
	assert_non_null(strstr(json, "\"lowest\":0,\"highest\":60"));
	assert_non_null(strstr(json, "\"lowest\":5,\"highest\":1000000"));
	assert_null(strstr(json, "\"key\":\"free\",\"type\":\"number\",\"text\":\"Any?\",\"required\":false,"
				 "\"options\":[],\"lowest\""));
	assert_null(strstr(strstr(json, "\"said\""), "lowest"));
	struct survey_content again;
	assert_true(survey_content_parse(a, json, &again));
	assert_string_equal(survey_content_json(a, &again), json);

	/* ranges that are not ones */
	static const char *const bad[] = {
		"\"lowest\":-1,\"highest\":60", "\"lowest\":0,\"highest\":1000001", "\"lowest\":61,\"highest\":60",
		"\"lowest\":60,\"highest\":60", "\"lowest\":\"0\",\"highest\":60",  "\"highest\":1.5",
		"\"highest\":0",                  "\"lowest\":1000000",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *doc = arena_printf(a,
					       "{\"sections\":[{\"key\":\"a\",\"title\":\"A\",\"questions\":[{\"key\":\"n\","
					       "\"type\":\"number\",\"text\":\"N\",%s}]}]}",
					       bad[i]);
		if (survey_content_parse(a, doc, &again))
			fail_msg("accepted: %s", doc);
	}

	/* the editor's check */
	assert_null(survey_range_problem(0, 60));
	assert_string_equal(survey_range_problem(60, 60), "The highest number must be more than the lowest number");
	assert_non_null(survey_range_problem(61, 60));

	/* the answer form: its limits, the range in the hint, the message */
	struct form f = survey_section_form(a, &c, 0);
	assert_int_equal(f.fields[0].min, 0);
	assert_int_equal(f.fields[0].max, 60);
	assert_string_equal(f.fields[0].hint, "Count this year as one. A whole number from 0 to 60.");
	assert_string_equal(f.fields[1].hint, "A whole number from 5 to 1,000,000.");
	assert_null(f.fields[2].hint); /* no range set: no hint, as before */
	struct form_data d;
	struct url_param over[] = {{"years", "200000"}, {"pupils", "4"}, {"free", "1000000"}};
	assert_false(form_read(&f, over, 3, a, NULL, &d));
	assert_int_equal(d.nerrors, 2);
	assert_string_equal(d.errors[0].message, "Enter a number from 0 to 60 for \xE2\x80\x98How many years have you "
						 "been teaching?\xE2\x80\x99");
	assert_string_equal(d.errors[1].message, "Enter a number from 5 to 1,000,000 for \xE2\x80\x98How many pupils?\xE2\x80\x99");
	struct url_param in[] = {{"years", "60"}, {"pupils", "5"}};
	assert_true(form_read(&f, in, 2, a, NULL, &d));
	assert_int_equal(d.values[0].number, 60);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_both_ways),  cmocka_unit_test(test_malformed_refused),
		cmocka_unit_test(test_keys),            cmocka_unit_test(test_options),
		cmocka_unit_test(test_changes),         cmocka_unit_test(test_section_form),
		cmocka_unit_test(test_section_form_reads), cmocka_unit_test(test_number_range),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
