/*
 * test_perm.c - who may do what, over which records (auth/perm.h), driven
 * by two tables a reader can check against the programme's rules:
 *
 *   tests/unit/data/perm-cases.csv   role, grant, capability, target -> allowed
 *   tests/unit/data/perm-scopes.csv  role, grant, target -> covered
 *
 * A grant is "national", "own", "hub:N", "project:N" or "school:URN"; a
 * target is "none", "person:N", "hub:N", "hubs:N+M+...", "project:N" or
 * "school:URN". The person asking is always person 5. Capabilities are
 * named as capability_name() names them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "auth/perm.h"
#include "core/csv.h"
#include "unit_util.h"

#define SELF 5

struct parsed {
	struct grant grant;
	struct perm_target target;
	int64_t hubs[8];
	char urn[16], target_urn[16];
};

static enum capability capability_named(const char *name)
{
	for (int c = 0; c < CAP_COUNT; c++)
		if (!strcmp(capability_name((enum capability)c), name))
			return (enum capability)c;
	fail_msg("unknown capability %s", name);
	return CAP_COUNT;
}

static void parse_grant(struct parsed *p, const char *role, const char *grant)
{
	if (!role_from_key(role, &p->grant.role))
		fail_msg("unknown role %s", role);
	if (!strncmp(grant, "hub:", 4))
		p->grant.hub_id = atoll(grant + 4);
	else if (!strncmp(grant, "project:", 8))
		p->grant.project_id = atoll(grant + 8);
	else if (!strncmp(grant, "school:", 7)) {
		snprintf(p->urn, sizeof(p->urn), "%s", grant + 7);
		p->grant.school_urn = p->urn;
	} else if (strcmp(grant, "national") && strcmp(grant, "own"))
		fail_msg("unknown grant %s", grant);
}

static void parse_target(struct parsed *p, const char *target)
{
	struct perm_target *t = &p->target;
	if (!strncmp(target, "person:", 7)) {
		t->person_id = atoll(target + 7);
	} else if (!strncmp(target, "hub:", 4)) {
		p->hubs[0] = atoll(target + 4);
		t->hub_ids = p->hubs;
		t->nhubs = 1;
	} else if (!strncmp(target, "hubs:", 5)) {
		for (const char *s = target + 5; *s && t->nhubs < 8; s = strchr(s, '+') ? strchr(s, '+') + 1 : "")
			p->hubs[t->nhubs++] = atoll(s);
		t->hub_ids = p->hubs;
	} else if (!strncmp(target, "project:", 8)) {
		t->project_id = atoll(target + 8);
	} else if (!strncmp(target, "school:", 7)) {
		snprintf(p->target_urn, sizeof(p->target_urn), "%s", target + 7);
		t->school_urn = p->target_urn;
	} else if (strcmp(target, "none")) {
		fail_msg("unknown target %s", target);
	}
}

static bool yes(const char *s)
{
	if (strcmp(s, "yes") && strcmp(s, "no"))
		fail_msg("expected yes or no, not %s", s);
	return !strcmp(s, "yes");
}

struct tally {
	int rows, failures;
};

static enum err case_row(void *ctx, const char *const *f, size_t line)
{
	struct tally *t = ctx;
	struct parsed p = {0};
	parse_grant(&p, f[0], f[1]);
	parse_target(&p, f[3]);
	enum capability cap = capability_named(f[2]);
	bool got = perm_allows(&p.grant, 1, SELF, cap, &p.target);
	t->rows++;
	if (got != yes(f[4])) {
		print_error("perm-cases.csv line %zu: %s with %s, %s on %s: expected %s, got %s (%s)\n", line, f[0], f[1],
			    f[2], f[3], f[4], got ? "yes" : "no", f[5]);
		t->failures++;
	}
	/* perm_scope (the route guard's check) agrees: allowed somewhere iff
	 * some scope is found; perm_scopes lists that scope */
	struct perm_scope scopes[4];
	size_t n = perm_scopes(&p.grant, 1, SELF, cap, scopes, 4);
	bool anywhere = perm_scope(&p.grant, 1, cap) != SCOPE_NONE;
	if (cap != CAP_PUBLIC && anywhere != (n > 0)) {
		print_error("perm-cases.csv line %zu: perm_scope and perm_scopes disagree\n", line);
		t->failures++;
	}
	return ERR_OK;
}

static enum err scope_row(void *ctx, const char *const *f, size_t line)
{
	struct tally *t = ctx;
	struct parsed p = {0};
	parse_grant(&p, f[0], f[1]);
	parse_target(&p, f[2]);
	struct perm_scope s = perm_grant_scope(&p.grant, SELF);
	bool got = perm_covers(&s, &p.target);
	t->rows++;
	if (got != yes(f[3])) {
		print_error("perm-scopes.csv line %zu: %s with %s covers %s: expected %s (%s)\n", line, f[0], f[1], f[2],
			    f[3], f[4]);
		t->failures++;
	}
	return ERR_OK;
}

static void run_table(const char *file, const char *const *want, size_t nwant, csv_row_fn fn, int min_rows)
{
	char path[4096], msg[256];
	size_t len = 0;
	unit_source_path(file, path, sizeof(path));
	char *data = unit_read_file(path, &len);
	assert_non_null(data);
	struct tally t = {0};
	if (csv_read(data, len, want, nwant, fn, &t, msg, sizeof(msg)) != ERR_OK)
		fail_msg("%s: %s", file, msg);
	free(data);
	assert_true(t.rows >= min_rows); /* the table was read, not skipped */
	assert_int_equal(t.failures, 0);
}

static void test_permission_cases(void **state)
{
	(void)state;
	static const char *const want[] = {"role", "grant", "capability", "target", "allowed", "why"};
	run_table("tests/unit/data/perm-cases.csv", want, 6, case_row, 20);
}

static void test_scope_cases(void **state)
{
	(void)state;
	static const char *const want[] = {"role", "grant", "target", "covered", "why"};
	run_table("tests/unit/data/perm-scopes.csv", want, 5, scope_row, 15);
}

static void test_scopes_of_several_grants(void **state)
{
	(void)state;
	/* a person who leads two hubs and is an LLME in a third sees people in
	 * the two they lead, listed once each, in grant order */
	struct grant g[] = {{ROLE_MHL, 3, 0, NULL}, {ROLE_LLME, 4, 0, NULL}, {ROLE_AMHL, 9, 0, NULL}};
	struct perm_scope s[2];
	assert_int_equal(perm_scopes(g, 3, SELF, CAP_PEOPLE_READ, s, 2), 2);
	assert_int_equal(s[0].kind, SCOPE_HUB);
	assert_int_equal(s[0].id, 3);
	assert_int_equal(s[1].id, 9);
	/* room for one: still says how many there are */
	assert_int_equal(perm_scopes(g, 3, SELF, CAP_PEOPLE_READ, s, 1), 2);
	int64_t four = 4, nine = 9;
	assert_false(perm_allows(g, 3, SELF, CAP_PEOPLE_READ, &(struct perm_target){.hub_ids = &four, .nhubs = 1}));
	assert_true(perm_allows(g, 3, SELF, CAP_PEOPLE_READ, &(struct perm_target){.hub_ids = &nine, .nhubs = 1}));
	assert_false(perm_allows(NULL, 0, SELF, CAP_PEOPLE_READ, &(struct perm_target){.hub_ids = &nine, .nhubs = 1}));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_permission_cases),
		cmocka_unit_test(test_scope_cases),
		cmocka_unit_test(test_scopes_of_several_grants),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
