/*
 * test_activity_people.c - whose schools and people a reader of an
 * activity runs and sees (activities/people_rules.h, from rules.c's
 * activity_access_of): its lead hub's leadership, its leads and its MHLM
 * link any; a partner hub's leadership only its own hub's; a hub that only
 * has schools or people in it sees its own and runs none; the national
 * analysts see all and run none. The activity is led by hub 3 with hub 4 a
 * partner and hub 5's schools taking part; person 20 leads it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "activities/people_rules.h"
#include "auth/session.h"

static struct activity_hub hubs[] = {
	{.hub_id = 3, .code = "SW4", .name = "GLOW", .role = "lead"},
	{.hub_id = 4, .code = "SW3", .name = "Boolean", .role = "partner"},
	{.hub_id = 5, .code = "EE1", .name = "Enigma", .role = "participants"},
};
static struct activity_lead leads[] = {{.person_id = 20, .name = "Lee", .role = "lead"}};

static struct activity activity(void)
{
	return (struct activity){.id = 1, .lead_hub_id = 3, .kind = "Work Group", .status = "running", .cohort = "none",
				 .hubs = hubs, .nhubs = 3, .leads = leads, .nleads = 1, .mhlm_link_id = 30};
}

/* What person `self` holding role (in hub `hub`, 0: none) runs and sees of the activity. */
struct seen {
	struct activity_access acc;
	struct activity_run_scope run;
};

static struct seen as(int64_t self, enum role role, int64_t hub)
{
	struct grant g = {.role = role, .hub_id = hub};
	struct session s = {.person_id = self, .stage = "signed_in", .grants = &g, .ngrants = 1};
	struct activity a = activity();
	struct seen r = {.acc = activity_access_of(&s, &a)};
	r.run = activity_run_scope_of(&s, &a, &r.acc);
	return r;
}

static void test_lead_hub_and_leads_run_every_school(void **state)
{
	(void)state;
	struct seen mhl = as(9, ROLE_MHL, 3), lead = as(20, ROLE_LLME, 3), link = as(30, ROLE_LLME, 3);
	for (const struct seen *r = (const struct seen[]){mhl, lead, link}, *end = r + 3; r < end; r++) {
		assert_true(r->acc.run && r->acc.people);
		assert_int_equal(r->acc.people_hub, 0);
		assert_true(r->run.any);
		assert_true(activity_run_covers(&r->run, 5));
		assert_true(activity_run_covers(&r->run, 0));
	}
}

static void test_a_partner_runs_its_own_hub_only(void **state)
{
	(void)state;
	struct seen p = as(9, ROLE_AMHL, 4);
	assert_true(p.acc.run);
	assert_false(p.acc.manage);
	assert_false(p.run.any);
	assert_int_equal(p.run.nhubs, 1);
	assert_true(activity_run_covers(&p.run, 4));
	assert_false(activity_run_covers(&p.run, 3));
	assert_false(activity_run_covers(&p.run, 5));
	assert_false(activity_run_covers(&p.run, 0));
	assert_true(activity_people_cover(&p.acc, 3)); /* a partner who runs it sees everyone's */
}

static void test_a_hub_with_people_in_it_sees_its_own(void **state)
{
	(void)state;
	struct seen e = as(9, ROLE_MHL, 5);
	assert_true(e.acc.see && e.acc.people);
	assert_false(e.acc.run);
	assert_int_equal(e.acc.people_hub, 5);
	assert_true(activity_people_cover(&e.acc, 5));
	assert_false(activity_people_cover(&e.acc, 3));
	assert_false(activity_people_cover(&e.acc, 0));
	assert_false(e.run.any);
	assert_int_equal(e.run.nhubs, 0);
	assert_false(activity_run_covers(&e.run, 5));
}

static void test_others(void **state)
{
	(void)state;
	struct seen analyst = as(9, ROLE_NATIONAL_ANALYST, 0);
	assert_true(analyst.acc.people);
	assert_true(activity_people_cover(&analyst.acc, 5));
	assert_false(analyst.run.any || analyst.run.nhubs);
	struct seen llme = as(9, ROLE_LLME, 3); /* the lead hub's, not leading it */
	assert_true(llme.acc.see);
	assert_false(llme.acc.people);
	assert_false(activity_people_cover(&llme.acc, 3));
	assert_false(llme.run.any || llme.run.nhubs);
	struct seen other = as(9, ROLE_MHL, 6);
	assert_false(other.acc.see || other.acc.people || other.acc.run);
	assert_false(activity_people_cover(&other.acc, 6));
	struct seen lead_elsewhere = as(20, ROLE_PARTICIPANT, 0); /* a lead without a role that runs activities */
	assert_false(lead_elsewhere.acc.run);
	assert_false(lead_elsewhere.run.any);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lead_hub_and_leads_run_every_school),
		cmocka_unit_test(test_a_partner_runs_its_own_hub_only),
		cmocka_unit_test(test_a_hub_with_people_in_it_sees_its_own),
		cmocka_unit_test(test_others),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
