/*
 * test_survey_reader.c - who reads which survey results (survey_reader_of,
 * survey_reader_covers in src/surveys/results_access.c), from grants: the
 * widest reach wins; an LLME's hub grant reaches only what they lead; a
 * Project Lead never reads free text; roles without the capability reach
 * nothing. And the words and numbers the pages and files share.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "auth/session.h"
#include "core/arena.h"
#include "surveys/results.h"

static struct survey_reader reader(struct grant *g, size_t n)
{
	struct session s = {.person_id = 42, .grants = g, .ngrants = n};
	return survey_reader_of(&s);
}

static void test_reach(void **state)
{
	(void)state;
	struct survey_reader r = reader((struct grant[]){{.role = ROLE_NATIONAL_ANALYST}}, 1);
	assert_int_equal(r.reach, REACH_NATIONAL);
	assert_true(r.free_text);
	r = reader((struct grant[]){{.role = ROLE_PROJECT_LEAD, .project_id = 7}}, 1);
	assert_int_equal(r.reach, REACH_PROJECT);
	assert_int_equal(r.nids, 1);
	assert_int_equal(r.ids[0], 7);
	assert_false(r.free_text);
	r = reader((struct grant[]){{.role = ROLE_HUB_MANAGER, .hub_id = 3}}, 1);
	assert_int_equal(r.reach, REACH_HUB);
	assert_int_equal(r.ids[0], 3);
	assert_true(r.free_text);
	/* a Project Lead of an NCP over the years (each year's its own), and of two: every one, once */
	r = reader((struct grant[]){{.role = ROLE_PROJECT_LEAD, .project_id = 7}, {.role = ROLE_PROJECT_LEAD, .project_id = 143},
				    {.role = ROLE_PROJECT_LEAD, .project_id = 7}, {.role = ROLE_PROJECT_LEAD, .project_id = 9}}, 4);
	assert_int_equal(r.reach, REACH_PROJECT);
	assert_int_equal(r.nids, 3);
	assert_true(survey_reader_has(&r, 143) && survey_reader_has(&r, 9) && survey_reader_has(&r, 7));
	assert_false(survey_reader_has(&r, 8) || survey_reader_has(&r, 0));
	/* the leadership of two hubs: both */
	r = reader((struct grant[]){{.role = ROLE_MHL, .hub_id = 3}, {.role = ROLE_HUB_MANAGER, .hub_id = 5}}, 2);
	assert_int_equal(r.reach, REACH_HUB);
	assert_int_equal(r.nids, 2);
	assert_true(survey_reader_covers(&r, 0, 5, false) && survey_reader_covers(&r, 0, 3, false));
	/* the wider reach wins: a Project Lead who also runs a hub reads as a Project Lead */
	r = reader((struct grant[]){{.role = ROLE_MHL, .hub_id = 3}, {.role = ROLE_PROJECT_LEAD, .project_id = 7}}, 2);
	assert_int_equal(r.reach, REACH_PROJECT);
	assert_int_equal(r.nids, 1);
	assert_int_equal(r.ids[0], 7);
	/* an LLME's grant is a hub's, but reaches only what they lead */
	r = reader((struct grant[]){{.role = ROLE_LLME, .hub_id = 3}}, 1);
	assert_int_equal(r.reach, REACH_LEADS);
	assert_int_equal(r.id, 42);
	assert_true(r.free_text);
	/* an LLME who is also an AMHL: the hub's */
	r = reader((struct grant[]){{.role = ROLE_LLME, .hub_id = 3}, {.role = ROLE_AMHL, .hub_id = 3}}, 2);
	assert_int_equal(r.reach, REACH_HUB);
	/* without the capability, or without the grant's record: nothing */
	assert_int_equal(reader((struct grant[]){{.role = ROLE_PARTICIPANT}}, 1).reach, REACH_NONE);
	assert_int_equal(reader((struct grant[]){{.role = ROLE_HUB_LEAD_LINK, .project_id = 7}}, 1).reach, REACH_NONE);
	assert_int_equal(reader((struct grant[]){{.role = ROLE_MHL}}, 1).reach, REACH_NONE);
	assert_int_equal(survey_reader_of(NULL).reach, REACH_NONE);
}

static void test_covers(void **state)
{
	(void)state;
	struct survey_reader nat = {.reach = REACH_NATIONAL, .free_text = true},
			     pl = {.reach = REACH_PROJECT, .ids = {7}, .nids = 1},
			     hub = {.reach = REACH_HUB, .ids = {3}, .nids = 1, .free_text = true},
			     lead = {.reach = REACH_LEADS, .id = 42, .free_text = true}, none = {.reach = REACH_NONE};
	assert_true(survey_reader_covers(&nat, 0, 0, false));
	assert_true(survey_reader_covers(&pl, 7, 9, false));
	assert_false(survey_reader_covers(&pl, 8, 3, true));
	assert_false(survey_reader_covers(&pl, 0, 3, false)); /* a local activity is no NCP's */
	assert_true(survey_reader_covers(&hub, 8, 3, false));
	assert_false(survey_reader_covers(&hub, 7, 4, true));
	assert_false(survey_reader_covers(&hub, 7, 0, false)); /* a national cohort is no hub's */
	assert_true(survey_reader_covers(&lead, 8, 4, true));
	assert_false(survey_reader_covers(&lead, 7, 3, false));
	assert_false(survey_reader_covers(&none, 7, 3, true));
}

static void test_words(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	assert_string_equal(survey_decimal(a, 0.6, true), "+0.60");
	assert_string_equal(survey_decimal(a, 3.8 - 3.6, true), "+0.20");
	assert_string_equal(survey_decimal(a, -0.75, true), "-0.75");
	assert_string_equal(survey_decimal(a, -0.001, true), "0.00");
	assert_string_equal(survey_mean_text(a, 121, 16), "7.56");
	assert_string_equal(survey_mean_text(a, 49, 15), "3.27");
	assert_string_equal(survey_mean_text(a, 5, 0), "0.00");
	struct survey_group g = {0};
	assert_string_equal(survey_group_words(a, &g), "Every activity");
	assert_string_equal(survey_group_query(a, &g, true), "");
	g = (struct survey_group){.ncp_code = "NCP24-06", .project_id = 5, .hub_code = "SW4", .hub_name = "GLOW",
				  .activity_id = 12, .activity_title = "Fractions"};
	assert_string_equal(survey_group_words(a, &g), "Activity 12: Fractions; Activities led by GLOW (SW4); NCP24-06");
	assert_string_equal(survey_group_query(a, &g, true), "?ncp=NCP24-06&hub=SW4&activity=12");
	assert_string_equal(survey_group_query(a, &g, false), "&ncp=NCP24-06&hub=SW4&activity=12");
	const char *opts[] = {"Primary", "Secondary"};
	struct survey_question single = {.key = "phase", .type = SQ_SINGLE, .options = opts, .noptions = 2};
	struct survey_question agree = {.key = "c", .type = SQ_AGREE5};
	assert_string_equal(survey_option_words(&single, 2), "Secondary");
	assert_string_equal(survey_option_words(&single, 3), "");
	assert_string_equal(survey_option_words(&agree, 1), "Strongly disagree");
	assert_string_equal(survey_option_words(&agree, 0), "");
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reach),
		cmocka_unit_test(test_covers),
		cmocka_unit_test(test_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
