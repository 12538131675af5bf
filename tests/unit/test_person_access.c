/*
 * test_person_access.c - who may do what with a person (admin/person.h,
 * person_access_of): a hub's leadership reads and edits the people with a
 * role in their hub; their email address and account only when every one of
 * their roles is in that hub; roles are the national team's. Hub 3 is the
 * asker's hub, hub 4 another; the asker is person 5.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "admin/person.h"
#include "auth/session.h"

#define SELF 5

/* A session of person SELF holding one role (in hub 3 for hub roles). */
static struct session asker(struct grant *g, enum role role)
{
	*g = (struct grant){.role = role, .hub_id = role >= ROLE_MHL && role <= ROLE_LLME ? 3 : 0};
	return (struct session){.person_id = SELF, .stage = "signed_in", .grants = g, .ngrants = 1};
}

/* What the asker holding role may do with person 9 holding roles. */
static struct person_access of(enum role asking, const struct grant_row *roles, size_t n)
{
	struct grant g;
	struct session s = asker(&g, asking);
	return person_access_of(&s, 9, roles, n);
}

#define LLME(hub) {.role = ROLE_LLME, .hub_id = (hub)}

static void test_own_hub(void **state)
{
	(void)state;
	const struct grant_row llme[] = {LLME(3)};
	struct person_access a = of(ROLE_MHL, llme, 1);
	assert_true(a.read && a.edit && a.account);
	assert_false(a.roles);
	assert_false(a.self);
	a = of(ROLE_HUB_MANAGER, llme, 1);
	assert_true(a.read && a.edit && a.account);
}

static void test_another_hub(void **state)
{
	(void)state;
	const struct grant_row llme[] = {LLME(4)};
	struct person_access a = of(ROLE_MHL, llme, 1);
	assert_false(a.read || a.edit || a.account || a.roles);
}

static void test_roles_beyond_the_hub(void **state)
{
	(void)state;
	/* in the hub and another: their school is the hub's, their account is not */
	const struct grant_row two_hubs[] = {LLME(3), LLME(4)};
	struct person_access a = of(ROLE_AMHL, two_hubs, 2);
	assert_true(a.read && a.edit);
	assert_false(a.account);
	/* a national administrator who is also an LLME of the hub: never the hub's to take over */
	const struct grant_row national[] = {LLME(3), {.role = ROLE_NATIONAL_ADMIN}};
	a = of(ROLE_MHL, national, 2);
	assert_true(a.edit);
	assert_false(a.account);
	const struct grant_row project[] = {{.role = ROLE_PROJECT_LEAD, .project_id = 7}, LLME(3)};
	assert_false(of(ROLE_MHL, project, 2).account);
	const struct grant_row head[] = {LLME(3), {.role = ROLE_HEADTEACHER, .urn = "100000"}};
	assert_false(of(ROLE_MHL, head, 2).account);
}

static void test_no_roles(void **state)
{
	(void)state;
	struct person_access a = of(ROLE_MHL, NULL, 0);
	assert_false(a.read || a.edit || a.account);
	a = of(ROLE_NATIONAL_ADMIN, NULL, 0);
	assert_true(a.read && a.edit && a.account && a.roles);
}

static void test_national(void **state)
{
	(void)state;
	const struct grant_row anyone[] = {LLME(4), {.role = ROLE_NATIONAL_ADMIN}};
	struct person_access a = of(ROLE_NATIONAL_ADMIN, anyone, 2);
	assert_true(a.read && a.edit && a.account && a.roles);
	a = of(ROLE_NATIONAL_ANALYST, anyone, 2);
	assert_true(a.read);
	assert_false(a.edit || a.account || a.roles);
}

static void test_not_leadership(void **state)
{
	(void)state;
	const struct grant_row llme[] = {LLME(3)};
	static const enum role others[] = {ROLE_LLME, ROLE_PARTICIPANT, ROLE_HEADTEACHER, ROLE_PROJECT_LEAD};
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		struct person_access a = of(others[i], llme, 1);
		assert_false(a.read || a.edit || a.account || a.roles);
	}
}

static void test_self(void **state)
{
	(void)state;
	struct grant g;
	struct session s = asker(&g, ROLE_MHL);
	const struct grant_row mhl[] = {{.role = ROLE_MHL, .hub_id = 3}};
	struct person_access a = person_access_of(&s, SELF, mhl, 1);
	assert_true(a.self);
	assert_true(a.read && a.edit); /* deactivation refuses self (deactivate.c) */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_own_hub),
		cmocka_unit_test(test_another_hub),
		cmocka_unit_test(test_roles_beyond_the_hub),
		cmocka_unit_test(test_no_roles),
		cmocka_unit_test(test_national),
		cmocka_unit_test(test_not_leadership),
		cmocka_unit_test(test_self),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
