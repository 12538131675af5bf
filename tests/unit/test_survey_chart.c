/*
 * test_survey_chart.c - a question's chart (src/surveys/chart.h): each
 * bar's count and share as text, its width its share of the chart's
 * span, the same numbers in the table; no breakdown under five answers;
 * the question's words escaped and long options cut at a character.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "html/html.h"
#include "surveys/chart.h"

static const char *draw(struct arena *a, const struct survey_chart *c, struct buf *b)
{
	memset(b, 0, sizeof(*b));
	struct html w = {.out = b};
	survey_chart(&w, a, c);
	return b->data ? b->data : "";
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;
	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

static void test_shares(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	assert_string_equal(survey_share(a, 1, 3), "33%");
	assert_string_equal(survey_share(a, 2, 3), "67%");
	assert_string_equal(survey_share(a, 1, 8), "13%"); /* 12.5: half up */
	assert_string_equal(survey_share(a, 7, 7), "100%");
	assert_string_equal(survey_share(a, 0, 0), "0%");
	arena_free(a);
}

static void test_bars_and_table(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	const struct survey_bar bars[] = {{"Strongly disagree", 0}, {"Agree", 1234}, {"Strongly agree", 766}};
	struct buf b;
	const char *h = draw(a, &(struct survey_chart){"q-confidence", "I feel confident <teaching> fractions", bars, 3, 2000, 0, false, WIDER_SEEN}, &b);
	/* the question escaped, as the chart's name and the table's caption */
	assert_non_null(strstr(h, "id=\"q-confidence-caption\">I feel confident &lt;teaching&gt; fractions</h3>"));
	assert_non_null(strstr(h, "role=\"img\" height=\"148\" aria-labelledby=\"q-confidence-caption\""));
	assert_non_null(strstr(h, "2,000 people answered"));
	/* a bar per option: 1,234 of 2,000 is 61.7% of the people, 37.02% of the width (60% is everyone) */
	assert_int_equal(count(h, "<rect "), 3);
	assert_non_null(strstr(h, "width=\"37.02%\""));
	assert_non_null(strstr(h, ">1,234 (62%)</text>"));
	assert_non_null(strstr(h, ">766 (38%)</text>"));
	assert_non_null(strstr(h, "width=\"0.00%\"")); /* nobody: no bar */
	assert_non_null(strstr(h, ">0 (0%)</text>"));
	/* the table: each option with its count and share */
	assert_non_null(strstr(h, "The numbers: I feel confident &lt;teaching&gt; fractions"));
	assert_non_null(strstr(h, "<td class=\"govuk-table__cell\">Agree</td><td class=\"govuk-table__cell "
				  "govuk-table__cell--numeric\">1,234</td><td class=\"govuk-table__cell "
				  "govuk-table__cell--numeric\">62%</td>"));
	buf_free(&b);
	arena_free(a);
}

/* a multiple-choice question's shares add up to more than 100%: said beside
 * its chart (in the sentence the chart is described by), never for others */
static void test_several_answers_said(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	const struct survey_bar bars[] = {{"Textbooks", 9}, {"Videos", 7}};
	struct buf b;
	const char *h = draw(a, &(struct survey_chart){"q-res", "Which?", bars, 2, 10, 0, true, WIDER_SEEN}, &b);
	assert_non_null(strstr(h, "id=\"q-res-sum\">10 people answered; each could choose more than one answer, so the "
				  "shares add up to more than 100%; the numbers are in the table below the chart.</p>"));
	buf_free(&b);
	h = draw(a, &(struct survey_chart){"q-res", "Which?", bars, 2, 16, 0, false, WIDER_SEEN}, &b);
	assert_null(strstr(h, "more than one answer"));
	assert_non_null(strstr(h, "16 people answered; the numbers are in the table below the chart."));
	buf_free(&b);
	arena_free(a);
}

static void test_small_groups_are_not_shown(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	const struct survey_bar bars[] = {{"Yes", 3}, {"No", 1}};
	struct buf b;
	const char *h = draw(a, &(struct survey_chart){"q1", "Did it help?", bars, 2, 4, 0, false, WIDER_SEEN}, &b);
	assert_non_null(strstr(h, "4 people answered: fewer than 5, so the answers are not shown"));
	assert_null(strstr(h, "<svg"));
	assert_null(strstr(h, "<table"));
	assert_null(strstr(h, "Yes"));
	buf_free(&b);
	h = draw(a, &(struct survey_chart){"q1", "Did it help?", bars, 2, 1, 0, false, WIDER_SEEN}, &b);
	assert_non_null(strstr(h, "1 person answered"));
	buf_free(&b);
	const struct survey_bar five[] = {{"Yes", 4}, {"No", 1}};
	/* answers left out (blocks): said, under the chart or instead of it */
	h = draw(a, &(struct survey_chart){"q1", "Did it help?", five, 2, 0, 7, false, WIDER_SEEN}, &b);
	assert_null(strstr(h, "<svg"));
	assert_null(strstr(h, "0 people answered"));
	assert_non_null(strstr(h, "7 answers are not counted here, to protect a group of fewer than 5 elsewhere"));
	buf_free(&b);
	h = draw(a, &(struct survey_chart){"q1", "Did it help?", five, 2, 5, 1, false, WIDER_SEEN}, &b);
	assert_non_null(strstr(h, "<svg"));
	assert_non_null(strstr(h, "1 answer is not counted here, to protect"));
	buf_free(&b);
	/* the group itself the small one (4 of its own, all left out): said
	 * plainly, never "elsewhere" */
	h = draw(a, &(struct survey_chart){"q1", "Did it help?", five, 2, 0, 4, false, WIDER_SEEN}, &b);
	assert_null(strstr(h, "<svg"));
	assert_non_null(strstr(h, "4 people answered: fewer than 5, so the answers are not shown, to keep them anonymous."));
	assert_null(strstr(h, "elsewhere"));
	assert_null(strstr(h, "not counted here"));
	buf_free(&b);
	h = draw(a, &(struct survey_chart){"q1", "Did it help?", five, 2, 0, 1, false, WIDER_SEEN}, &b);
	assert_non_null(strstr(h, "1 person answered: fewer than 5"));
	assert_null(strstr(h, "elsewhere"));
	buf_free(&b);
	/* a few shown here, the rest left out: both said */
	h = draw(a, &(struct survey_chart){"q1", "Did it help?", five, 2, 2, 6, false, WIDER_SEEN}, &b);
	assert_null(strstr(h, "<svg"));
	assert_non_null(strstr(h, "2 people answered: fewer than 5"));
	assert_non_null(strstr(h, "6 answers are not counted here, to protect a group of fewer than 5 elsewhere"));
	buf_free(&b);
	assert_null(survey_left_out_words(a, 9, 0, WIDER_SEEN));
	assert_string_equal(survey_left_out_words(a, 0, 3, WIDER_SEEN),
			    "3 people answered: fewer than 5, so the answers are not shown, to keep them anonymous.");
	assert_non_null(strstr(survey_left_out_words(a, 0, 5, WIDER_SEEN), "5 answers are not counted here"));
	/* an LLME cannot open a wider group: told their hub's leadership sees them, never "wider results" */
	const char *llme = survey_left_out_words(a, 9, 8, WIDER_HUB);
	assert_non_null(strstr(llme, "8 answers are not counted here: they are counted together with other activities of your hub"));
	assert_non_null(strstr(llme, "Your hub's leadership sees them in the hub's results."));
	assert_null(strstr(llme, "Wider results"));
	const char *lead = survey_left_out_words(a, 9, 1, WIDER_NATIONAL);
	assert_non_null(strstr(lead, "1 answer is not counted here"));
	assert_non_null(strstr(lead, "The national team's results count it."));
	assert_null(strstr(lead, "Wider results"));
	/* the group itself too small: said the same to every reader */
	assert_string_equal(survey_left_out_words(a, 0, 3, WIDER_HUB), survey_left_out_words(a, 0, 3, WIDER_SEEN));
	h = draw(a, &(struct survey_chart){"q1", "Did it help?", five, 2, 5, 6, false, WIDER_HUB}, &b);
	assert_non_null(strstr(h, "Your hub&#39;s leadership sees them"));
	assert_null(strstr(h, "Wider results"));
	buf_free(&b);
	h = draw(a, &(struct survey_chart){"q1", "Did it help?", five, 2, 5, 0, false, WIDER_SEEN}, &b);
	assert_non_null(strstr(h, "<svg"));
	assert_non_null(strstr(h, ">4 (80%)</text>"));
	buf_free(&b);
	arena_free(a);
}

static void test_long_options_are_cut_in_the_chart_only(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	char label[200];
	memset(label, 'x', 39);
	strcpy(label + 39, "\xC3\xA9\xC3\xA9 and more words"); /* é é: byte 40 is inside the first */
	const struct survey_bar bars[] = {{label, 5}, {"No", 5}};
	struct buf b;
	const char *h = draw(a, &(struct survey_chart){"q2", "Which?", bars, 2, 10, 0, false, WIDER_SEEN}, &b);
	char cut[120];
	memcpy(cut, label, 39);
	strcpy(cut + 39, "\xE2\x80\xA6</text>");
	assert_non_null(strstr(h, cut));                 /* in the chart: 39 bytes, whole characters, then ... */
	assert_non_null(strstr(h, "\xC3\xA9 and more words</td>")); /* in the table: all of it */
	buf_free(&b);
	/* words: cut at the end of one */
	const struct survey_bar words[] = {{"No, because the sessions clashed with our school's own timetable", 5}};
	h = draw(a, &(struct survey_chart){"q3", "Why?", words, 1, 5, 0, false, WIDER_SEEN}, &b);
	assert_non_null(strstr(h, ">No, because the sessions clashed with\xE2\x80\xA6</text>"));
	buf_free(&b);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shares),
		cmocka_unit_test(test_bars_and_table),
		cmocka_unit_test(test_several_answers_said),
		cmocka_unit_test(test_small_groups_are_not_shown),
		cmocka_unit_test(test_long_options_are_cut_in_the_chart_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
