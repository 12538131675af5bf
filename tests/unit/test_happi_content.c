/*
 * test_happi_content.c - what a HAPPI form holds (happi/content.h): its
 * JSON both ways (quotes, line breaks and non-ASCII text kept; unknown
 * choices and keys dropped; not JSON refused); outcomes brought in line
 * with the national ones (added, kept, a removed one kept after them);
 * each part's declared form read from a submission as a browser sends it
 * and taken back into the content; the fields as a person reads them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/url.h"
#include "happi/content.h"

static struct arena *A;

static int setup(void **state)
{
	(void)state;
	A = arena_new();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(A);
	return 0;
}

static const struct happi_outcome national[] = {
	{.id = 11, .kind = HAPPI_PUPILS, .text = "Pupils explain their reasoning"},
	{.id = 12, .kind = HAPPI_SCHOOLS, .text = "Leaders plan time to collaborate"},
	{.id = 13, .kind = HAPPI_PRACTICE, .text = "Teachers use representations"},
};

static void test_json_both_ways(void **state)
{
	(void)state;
	struct happi_content c = {.schedule = "Tue 7 Oct, 16:00: \"launch\"\nTue 4 Nov: café review",
				  .methods = {"school_work", "visits"}, .nmethods = 2, .agreed = {"mhlm_link"}, .nagreed = 1};
	happi_content_outcomes(A, &c, national, 3);
	c.outcomes[0].local = "Year 3 pupils explain";
	c.outcomes[2].judgement = "met";
	struct happi_progress_entry p[] = {{"2026-11-03", "Two sessions held"}};
	c.progress = p, c.nprogress = 1;
	const char *json = happi_content_json(A, &c);
	struct happi_content back;
	assert_true(happi_content_parse(A, json, &back));
	assert_string_equal(back.schedule, c.schedule);
	assert_int_equal(back.nmethods, 2);
	assert_string_equal(back.methods[1], "visits"); /* in the options' order */
	assert_int_equal(back.noutcomes, 3);
	assert_int_equal(back.outcomes[1].id, 12);
	assert_int_equal(back.outcomes[1].kind, HAPPI_SCHOOLS);
	assert_string_equal(back.outcomes[0].local, "Year 3 pupils explain");
	assert_null(back.outcomes[1].local);
	assert_string_equal(back.outcomes[2].judgement, "met");
	assert_string_equal(back.outcomes[2].national, "Teachers use representations");
	assert_int_equal(back.nprogress, 1);
	assert_string_equal(back.progress[0].text, "Two sessions held");
	assert_string_equal(happi_content_json(A, &back), json); /* stable */
	/* unknown choices and keys are dropped; not an object is refused */
	assert_true(happi_content_parse(A, "{\"methods\":[\"seance\",\"visits\",\"visits\"],\"x\":1,"
					   "\"outcomes\":[{\"kind\":\"pets\"},{\"id\":3,\"kind\":\"practice\"}]}",
					&back));
	assert_int_equal(back.nmethods, 1);
	assert_int_equal(back.noutcomes, 1);
	assert_false(happi_content_parse(A, "[1,2]", &back));
	assert_false(happi_content_parse(A, "{not json", &back));
	assert_false(happi_content_parse(A, NULL, &back));
	assert_int_equal(back.noutcomes, 0);
}

static void test_outcomes_brought_in_line(void **state)
{
	(void)state;
	struct happi_content c = {0};
	happi_content_outcomes(A, &c, national, 2);
	c.outcomes[0].local = "mine";
	c.outcomes[1].local = "gone later";
	/* the national team removes 12, adds 13 and rewords 11 */
	struct happi_outcome now[] = {{.id = 11, .kind = HAPPI_PUPILS, .text = "Pupils reason aloud"}, national[2]};
	happi_content_outcomes(A, &c, now, 2);
	assert_int_equal(c.noutcomes, 3);
	assert_int_equal(c.outcomes[0].id, 11);
	assert_string_equal(c.outcomes[0].local, "mine");
	assert_string_equal(c.outcomes[0].national, "Pupils reason aloud");
	assert_int_equal(c.outcomes[1].id, 13);
	assert_null(c.outcomes[1].local);
	assert_int_equal(c.outcomes[2].id, 12); /* kept, after them, as it was */
	assert_string_equal(c.outcomes[2].national, "Leaders plan time to collaborate");
	assert_string_equal(c.outcomes[2].local, "gone later");
}

/* A part's form read from params, taken into c. */
static bool submit(struct happi_content *c, enum happi_part p, const struct url_param *params, size_t n,
		   struct form_data *d)
{
	struct form f = happi_part_form(A, c, p);
	struct form *kept = arena_alloc(A, sizeof(*kept));
	*kept = f;
	if (!form_read(kept, params, n, A, NULL, d))
		return false;
	happi_part_take(A, c, p, d);
	return true;
}

static void test_parts_read_and_taken(void **state)
{
	(void)state;
	struct happi_content c = {0};
	happi_content_outcomes(A, &c, national, 3);
	struct form_data d;
	const struct url_param planning[] = {
		{"schedule", "Session 1\r\nSession 2"}, {"local-11", "Our Year 4s"}, {"local-12", ""},
		{"local-13", "Staff meetings"},	      {"methods", "visits"},	       {"methods", "other"},
		{"methods_other", "Book looks"},	      {"agreed", "project_lead"},
	};
	assert_true(submit(&c, HAPPI_PLANNING, planning, 8, &d));
	assert_string_equal(c.schedule, "Session 1\nSession 2");
	assert_string_equal(c.outcomes[0].local, "Our Year 4s");
	assert_null(c.outcomes[1].local);
	assert_int_equal(c.nmethods, 2);
	assert_string_equal(c.methods[1], "other");
	assert_string_equal(c.methods_other, "Book looks");
	assert_int_equal(c.nagreed, 1);
	/* prefilled back: the same values */
	struct form f = happi_part_form(A, &c, HAPPI_PLANNING);
	struct form_data shown;
	form_empty(&f, A, &shown);
	happi_part_prefill(&c, HAPPI_PLANNING, &shown);
	assert_string_equal(shown.values[1].text, "Our Year 4s");
	assert_true(form_chosen(&shown, 4, "visits"));
	assert_true(form_chosen(&shown, 6, "project_lead"));
	/* an over-long answer is an error naming the field; nothing taken */
	char *long_text = arena_alloc(A, 2002);
	memset(long_text, 'x', 2001);
	const struct url_param too_long[] = {{"local-11", long_text}};
	assert_false(submit(&c, HAPPI_PLANNING, too_long, 1, &d));
	assert_string_equal(d.errors[0].field, "local-11");
	assert_string_equal(c.outcomes[0].local, "Our Year 4s");
	/* progress: an entry added when its text is given */
	const struct url_param update[] = {{"progress_day-day", "3"}, {"progress_day-month", "11"},
					   {"progress_day-year", "2026"}, {"progress_text", "Two sessions"}};
	assert_true(submit(&c, HAPPI_PROGRESS, update, 4, &d));
	assert_int_equal(c.nprogress, 1);
	assert_string_equal(c.progress[0].day, "2026-11-03");
	const struct url_param nothing[] = {{"progress_day-day", "4"}, {"progress_day-month", "11"},
					    {"progress_day-year", "2026"}, {"progress_text", ""}};
	assert_true(submit(&c, HAPPI_PROGRESS, nothing, 4, &d));
	assert_int_equal(c.nprogress, 1);
	/* impact: a judgement from the scale only */
	const struct url_param impact[] = {{"evidence-11", "Book looks"}, {"judgement-11", "partly_met"},
					   {"judgement-12", "brilliant"}};
	assert_false(submit(&c, HAPPI_IMPACT, impact, 3, &d));
	assert_string_equal(d.errors[0].field, "judgement-12");
	assert_true(submit(&c, HAPPI_IMPACT, impact, 2, &d));
	assert_string_equal(c.outcomes[0].judgement, "partly_met");
	assert_string_equal(c.outcomes[0].evidence, "Book looks");
}

/* A local Community's own outcomes: added under new numbers, one emptied
 * is removed and its number never used again, and the rule of its kind
 * (schools or departments, and practice; pupils not asked) holds. */
static void test_own_outcomes(void **state)
{
	(void)state;
	struct happi_content c = {.own_kind = "Community"};
	struct form_data d;
	const struct url_param first[] = {{"schedule", "Termly meetings"}, {"new-pupils", "Pupils talk"},
					  {"methods", "visits"}};
	assert_true(submit(&c, HAPPI_PLANNING, first, 3, &d));
	assert_int_equal(c.noutcomes, 1);
	assert_int_equal(c.outcomes[0].id, -1);
	assert_int_equal(c.outcomes[0].kind, HAPPI_PUPILS);
	struct happi_gap gaps[16];
	size_t n = happi_part_gaps(A, &c, HAPPI_PLANNING, gaps);
	assert_int_equal(n, 2);
	struct form f = happi_part_form(A, &c, HAPPI_PLANNING);
	assert_string_equal(f.fields[gaps[0].field].name, "new-schools");
	assert_string_equal(gaps[0].message, "A community must state at least one outcome for schools or departments");
	assert_string_equal(f.fields[gaps[1].field].name, "new-practice");
	const struct url_param second[] = {{"schedule", "Termly meetings"}, {"local-own1", ""},
					   {"new-schools", "Departments share plans"}, {"new-practice", "Teachers ask why"},
					   {"methods", "visits"}};
	assert_true(submit(&c, HAPPI_PLANNING, second, 5, &d));
	assert_int_equal(c.noutcomes, 2);
	assert_int_equal(c.outcomes[0].id, -2);
	assert_int_equal(c.outcomes[1].id, -3);
	assert_int_equal(happi_part_gaps(A, &c, HAPPI_PLANNING, gaps), 0);
	/* round trip: the numbers are stored; a later one follows the highest */
	struct happi_content back;
	assert_true(happi_content_parse(A, happi_content_json(A, &c), &back));
	back.own_kind = "Community";
	const struct url_param third[] = {{"schedule", "Termly meetings"}, {"local-own2", "Departments share plans"},
					  {"local-own3", "Teachers ask why"}, {"new-pupils", "Pupils explain"},
					  {"methods", "visits"}};
	assert_true(submit(&back, HAPPI_PLANNING, third, 5, &d));
	assert_int_equal(back.noutcomes, 3);
	assert_int_equal(back.outcomes[2].id, -4);
	f = happi_part_form(A, &back, HAPPI_IMPACT);
	assert_string_equal(f.fields[0].name, "evidence-own2");
}

static void test_fields_as_read(void **state)
{
	(void)state;
	struct happi_content c = {.methods = {"school_work", "local_survey"}, .nmethods = 2};
	happi_content_outcomes(A, &c, national, 1);
	c.outcomes[0].judgement = "too_early";
	struct happi_field_text *f;
	size_t n = happi_content_fields(A, &c, &f);
	assert_int_equal(n, 1 + 1 + 3 + 4);
	assert_string_equal(f[1].key, "local-11");
	assert_string_equal(f[1].question, "Outcomes for pupils: Pupils explain their reasoning");
	assert_string_equal(f[2].answer, "Reflecting on participants' school-based work\nA local survey");
	assert_string_equal(f[6].key, "judgement-11");
	assert_string_equal(f[6].answer, "Too early to say");
	assert_string_equal(f[0].answer, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_json_both_ways, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outcomes_brought_in_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parts_read_and_taken, setup, teardown),
		cmocka_unit_test_setup_teardown(test_own_outcomes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fields_as_read, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
