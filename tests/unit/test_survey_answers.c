/*
 * test_survey_answers.c - one person's answers (src/surveys/answers.h):
 * JSON both ways and malformed documents refused, a page's answers taken
 * from its form (replacing that page's, leaving the others), the values
 * derived for survey_values (forged and stale values left out), what is
 * missing before submitting, where a person goes on, answers in words.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "core/url.h"
#include "html/form.h"
#include "surveys/answers.h"

static const char DOC[] =
	"{\"sections\":[{\"key\":\"about-you\",\"title\":\"About you\",\"internal\":false,\"questions\":["
	"{\"key\":\"phase\",\"type\":\"single\",\"text\":\"Which phase do you teach?\",\"required\":true,"
	"\"options\":[\"Primary\",\"Secondary\"]},"
	"{\"key\":\"resources\",\"type\":\"multiple\",\"text\":\"Which resources did you use?\",\"required\":false,"
	"\"options\":[\"NCETM PD materials\",\"Textbooks\",\"Other\"]}]},"
	"{\"key\":\"practice\",\"title\":\"Your practice\",\"internal\":false,\"questions\":["
	"{\"key\":\"confidence\",\"type\":\"agree5\",\"text\":\"I feel confident\",\"required\":true},"
	"{\"key\":\"years\",\"type\":\"number\",\"text\":\"Years taught\",\"required\":false},"
	"{\"key\":\"comments\",\"type\":\"text\",\"text\":\"Anything else?\",\"required\":false}]},"
	"{\"key\":\"qa\",\"title\":\"Quality assurance\",\"internal\":true,\"questions\":["
	"{\"key\":\"useful\",\"type\":\"agree5\",\"text\":\"Sessions were useful\",\"required\":true}]}]}";

static void read_page(struct arena *a, const struct survey_content *c, size_t s, const struct url_param *p, size_t n,
		      struct form_data *d, bool ok)
{
	struct form f = survey_section_form(a, c, s);
	struct form *fp = arena_alloc(a, sizeof(*fp));
	*fp = f;
	assert_int_equal(form_read(fp, p, n, a, NULL, d), ok);
}

static void test_json_both_ways(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct survey_answers x;
	assert_true(survey_answers_parse(a, NULL, &x));
	assert_int_equal(x.n, 0);
	assert_true(survey_answers_parse(a, "{\"saved\":[\"about-you\"],\"answers\":{\"phase\":[\"2\"],"
					    "\"resources\":[\"1\",\"3\"]}}",
					 &x));
	assert_int_equal(x.n, 2);
	assert_int_equal(x.nsaved, 1);
	assert_true(survey_section_saved(&x, "about-you"));
	assert_false(survey_section_saved(&x, "practice"));
	assert_string_equal(survey_answer_of(&x, "resources")->values[1], "3");
	assert_null(survey_answer_of(&x, "years"));
	const char *json = survey_answers_json(a, &x);
	assert_string_equal(json, "{\"saved\":[\"about-you\"],\"answers\":{\"phase\":[\"2\"],\"resources\":[\"1\",\"3\"]}}");
	/* malformed: refused, and nothing kept */
	const char *bads[] = {"[]", "{\"answers\":[]}", "{\"answers\":{\"a\":\"1\"}}", "{\"answers\":{\"a\":[1]}}",
			      "{\"saved\":[3]}", "not json"};
	for (size_t i = 0; i < sizeof(bads) / sizeof(*bads); i++) {
		assert_false(survey_answers_parse(a, bads[i], &x));
		assert_int_equal(x.n, 0);
		assert_int_equal(x.nsaved, 0);
	}
	arena_free(a);
}

static void test_take_page_and_values(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct survey_content c;
	assert_true(survey_content_parse(a, DOC, &c));
	struct survey_answers x = {0};
	struct form_data d;
	read_page(a, &c, 0,
		  (struct url_param[]){{"phase", "1"}, {"resources", "3"}, {"resources", "1"}, {"other", "x"}}, 4, &d,
		  true);
	survey_answers_take(a, &x, &c, 0, &d, true);
	assert_true(survey_section_saved(&x, "about-you"));
	assert_int_equal(survey_answer_of(&x, "resources")->n, 2);
	assert_string_equal(survey_answer_of(&x, "resources")->values[0], "1"); /* the options' order */

	/* the page again: its answers replaced, an answer taken away; saved once */
	struct survey_answers before = x;
	read_page(a, &c, 0, (struct url_param[]){{"phase", "2"}}, 1, &d, true);
	survey_answers_take(a, &x, &c, 0, &d, true);
	assert_string_equal(survey_answer_of(&x, "phase")->values[0], "2");
	assert_null(survey_answer_of(&x, "resources"));
	assert_int_equal(x.nsaved, 1);
	assert_string_equal(survey_answer_of(&before, "phase")->values[0], "1"); /* never changed in place */

	/* page 2 saved for later: not marked saved; a number as a number */
	read_page(a, &c, 1, (struct url_param[]){{"confidence", "4"}, {"years", " 012 "}, {"comments", "Good"}}, 3, &d,
		  true);
	survey_answers_take(a, &x, &c, 1, &d, false);
	assert_false(survey_section_saved(&x, "practice"));
	assert_string_equal(survey_answer_of(&x, "years")->values[0], "12");

	struct survey_value *v;
	size_t n = survey_values_of(a, &c, &x, &v);
	assert_int_equal(n, 4);
	assert_string_equal(v[0].key, "phase");
	assert_int_equal(v[0].num, 2);
	assert_string_equal(v[1].key, "confidence");
	assert_int_equal(v[1].num, 4);
	assert_int_equal(v[2].num, 12);
	assert_false(v[3].has_num);
	assert_string_equal(v[3].text, "Good");

	/* forged or stale values in the record are never derived */
	struct survey_answers y;
	assert_true(survey_answers_parse(a, "{\"answers\":{\"phase\":[\"3\"],\"confidence\":[\"0\",\"5\"],"
					    "\"resources\":[\"2\",\"9\",\"02\"],\"years\":[\"-1\"],\"gone\":[\"1\"]}}",
					 &y));
	n = survey_values_of(a, &c, &y, &v);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].key, "resources");
	assert_int_equal(v[0].num, 2);

	/* a number question's range: a stored number outside it is never derived; without one, up to the most */
	struct survey_content r;
	assert_true(survey_content_parse(a,
					 "{\"sections\":[{\"key\":\"a\",\"title\":\"A\",\"questions\":["
					 "{\"key\":\"years\",\"type\":\"number\",\"text\":\"Years\",\"lowest\":1,\"highest\":60},"
					 "{\"key\":\"pupils\",\"type\":\"number\",\"text\":\"Pupils\"}]}]}",
					 &r));
	static const struct {
		const char *years, *pupils;
		size_t n;
	} cases[] = {{"60", "1000000", 2}, {"1", "0", 2}, {"61", "1000001", 0}, {"0", "200000", 1}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *json = arena_printf(a, "{\"answers\":{\"years\":[\"%s\"],\"pupils\":[\"%s\"]}}", cases[i].years,
						cases[i].pupils);
		assert_true(survey_answers_parse(a, json, &y));
		if (survey_values_of(a, &r, &y, &v) != cases[i].n)
			fail_msg("%s: not %zu values", json, cases[i].n);
	}
	arena_free(a);
}

static void test_forged_option_refused(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct survey_content c;
	assert_true(survey_content_parse(a, DOC, &c));
	struct form_data d;
	read_page(a, &c, 0, (struct url_param[]){{"phase", "7"}}, 1, &d, false);
	read_page(a, &c, 1, (struct url_param[]){{"confidence", "6"}}, 1, &d, false);
	read_page(a, &c, 1, (struct url_param[]){{"years", "ten"}, {"confidence", "3"}}, 2, &d, false);
	arena_free(a);
}

static void test_missing_and_resume(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct survey_content c;
	assert_true(survey_content_parse(a, DOC, &c));
	struct survey_answers x;
	size_t s, q;
	assert_true(survey_answers_parse(a, "{}", &x));
	assert_int_equal(survey_resume_page(&c, &x), 0);
	assert_true(survey_first_missing(&c, &x, &s, &q));
	assert_int_equal(s, 0);
	assert_int_equal(q, 0);

	assert_true(survey_answers_parse(a, "{\"saved\":[\"about-you\"],\"answers\":{\"phase\":[\"1\"]}}", &x));
	assert_int_equal(survey_resume_page(&c, &x), 1);
	assert_true(survey_first_missing(&c, &x, &s, &q));
	assert_int_equal(s, 1);
	assert_int_equal(q, 0);

	/* an internal section is answered like the others: its required question counts */
	assert_true(survey_answers_parse(a, "{\"saved\":[\"practice\",\"about-you\"],\"answers\":{\"phase\":[\"1\"],"
					    "\"confidence\":[\"2\"]}}",
					 &x));
	assert_int_equal(survey_resume_page(&c, &x), 2);
	assert_true(survey_first_missing(&c, &x, &s, &q));
	assert_int_equal(s, 2);

	assert_true(survey_answers_parse(a, "{\"saved\":[\"practice\",\"about-you\",\"qa\"],\"answers\":{\"phase\":[\"1\"],"
					    "\"confidence\":[\"2\"],\"useful\":[\"5\"]}}",
					 &x));
	assert_int_equal(survey_resume_page(&c, &x), 3); /* check your answers */
	assert_false(survey_first_missing(&c, &x, &s, &q));
	arena_free(a);
}

static void test_words(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct survey_content c;
	assert_true(survey_content_parse(a, DOC, &c));
	struct survey_answers x;
	assert_true(survey_answers_parse(a, "{\"answers\":{\"resources\":[\"1\",\"3\"],\"confidence\":[\"4\"],"
					    "\"years\":[\"7\"]}}",
					 &x));
	assert_string_equal(survey_answer_words(a, &c.sections[0].questions[1], &x), "NCETM PD materials, Other");
	assert_string_equal(survey_answer_words(a, &c.sections[1].questions[0], &x), "Agree");
	assert_string_equal(survey_answer_words(a, &c.sections[1].questions[1], &x), "7");
	assert_null(survey_answer_words(a, &c.sections[0].questions[0], &x));

	/* shown back on the form */
	struct form f = survey_section_form(a, &c, 0);
	struct form_data d;
	form_empty(&f, a, &d);
	survey_answers_show(&d, &c, 0, &x);
	assert_true(form_chosen(&d, 1, "1"));
	assert_false(form_chosen(&d, 1, "2"));
	assert_true(form_chosen(&d, 1, "3"));
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_both_ways),       cmocka_unit_test(test_take_page_and_values),
		cmocka_unit_test(test_forged_option_refused), cmocka_unit_test(test_missing_and_resume),
		cmocka_unit_test(test_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
