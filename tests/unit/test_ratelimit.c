/*
 * test_ratelimit.c - the per-address rate limits (auth/ratelimit.h):
 *  - ratelimit_group: which addresses count together (an IPv6 /64, an
 *    IPv4-mapped IPv6 address as its IPv4 address, the rest as it is);
 *    the expected /64s were computed with Python's ipaddress module
 *    (ip_network(a + "/64", strict=False), ip_address(a).ipv4_mapped);
 *  - ratelimit_hit and ratelimit_forgive on a real SQLite database: one
 *    count for a whole /64, and forgiven attempts no longer count.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "auth/ratelimit.h"
#include "core/clock.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "routes.h"
#include "unit_util.h"

static void assert_group(const char *who, const char *expected)
{
	char out[RATELIMIT_GROUP_LEN];
	ratelimit_group(who, out, sizeof(out));
	if (strcmp(out, expected))
		fail_msg("ratelimit_group(\"%s\") is \"%s\", not \"%s\"", who ? who : "NULL", out, expected);
}

static void test_group_ipv4_as_it_is(void **state)
{
	(void)state;
	assert_group("203.0.113.9", "203.0.113.9");
	assert_group("198.51.100.7", "198.51.100.7");
	assert_group("127.0.0.1", "127.0.0.1");
}

static void test_group_ipv6_by_its_64(void **state)
{
	(void)state;
	assert_group("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64");
	assert_group("2001:0db8:0001:0002:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"); /* full form */
	assert_group("2001:DB8:1:2::ABCD", "2001:db8:1:2::/64");                       /* compressed, capitals */
	assert_group("2001:db8:1:2::", "2001:db8:1:2::/64");
	assert_group("2001:db8:1:3::1", "2001:db8:1:3::/64"); /* the next /64: another group */
	assert_group("2001:db8:0:0:1::1", "2001:db8::/64");
	assert_group("2001:db8::1:2:3:4", "2001:db8::/64");
	assert_group("::1", "::/64");
}

static void test_group_ipv4_mapped_is_ipv4(void **state)
{
	(void)state;
	assert_group("::ffff:198.51.100.7", "198.51.100.7");
	assert_group("::FFFF:198.51.100.7", "198.51.100.7");
	assert_group("0:0:0:0:0:ffff:198.51.100.7", "198.51.100.7");
	assert_group("::ffff:c633:6407", "198.51.100.7"); /* the same, in hex */
}

static void test_group_anything_else_as_it_is(void **state)
{
	(void)state;
	assert_group("", "");
	assert_group(NULL, "");
	assert_group("12345", "12345"); /* a person's id */
	assert_group("not an address", "not an address");
	assert_group("2001:db8:1:2:3:4:5:6:7", "2001:db8:1:2:3:4:5:6:7"); /* nine groups */
	assert_group("2001:db8::1::2", "2001:db8::1::2");                 /* two "::" */
	assert_group("198.51.100.256", "198.51.100.256");
	assert_group("fe80::1%eth0", "fe80::1%eth0");
	char small[8];
	ratelimit_group("2001:db8:1:2:3:4:5:6", small, sizeof(small)); /* truncated, never overrun */
	assert_string_equal(small, "2001:db");
}

struct fixture {
	char dir[256];
	struct db *db;
};

static int db_setup(void **state)
{
	static struct fixture f;
	char path[300], msg[256];
	int applied;
	if (unit_tmpdir_make(f.dir))
		return -1;
	snprintf(path, sizeof(path), "%s/r.db", f.dir);
	if (db_open(DB_SQLITE, path, &f.db, msg, sizeof(msg)) || routes_migrate(f.db, &applied, msg, sizeof(msg)))
		return -1;
	clock_set(1750000000);
	*state = &f;
	return 0;
}

static int db_teardown(void **state)
{
	struct fixture *f = *state;
	db_close(f->db);
	unit_tmpdir_remove(f->dir);
	clock_set(-1);
	return 0;
}

/* One hit in its own transaction; returns whether it was allowed. */
static bool hit(struct db *db, const char *who, int max)
{
	bool ok;
	int64_t retry;
	assert_int_equal(db_begin(db, DB_WRITE), ERR_OK);
	assert_int_equal(ratelimit_hit(db, "test", who, max, 900, &ok, &retry, NULL), ERR_OK);
	assert_int_equal(db_commit(db), ERR_OK);
	return ok;
}

static void forgive(struct db *db, const char *who)
{
	assert_int_equal(db_begin(db, DB_WRITE), ERR_OK);
	assert_int_equal(ratelimit_forgive(db, "test", who), ERR_OK);
	assert_int_equal(db_commit(db), ERR_OK);
}

static void test_hits_of_one_64_count_together(void **state)
{
	struct fixture *f = *state;
	/* three addresses of one /64, written three ways */
	assert_true(hit(f->db, "2001:db8:aa:1::1", 3));
	assert_true(hit(f->db, "2001:0db8:00aa:0001:0000:0000:0000:0002", 3));
	assert_true(hit(f->db, "2001:db8:aa:1:ffff:ffff:ffff:ffff", 3));
	assert_false(hit(f->db, "2001:db8:aa:1::9", 3));
	assert_true(hit(f->db, "2001:db8:aa:2::1", 3)); /* the next /64 */
	/* an IPv4 address and its IPv4-mapped form count together; its neighbour does not */
	assert_true(hit(f->db, "192.0.2.1", 2));
	assert_true(hit(f->db, "::ffff:192.0.2.1", 2));
	assert_false(hit(f->db, "192.0.2.1", 2));
	assert_true(hit(f->db, "192.0.2.2", 2));
}

static void test_forgiven_attempts_do_not_count(void **state)
{
	struct fixture *f = *state;
	forgive(f->db, "198.51.100.1"); /* nothing counted yet: nothing to forgive, and no debt */
	for (int i = 0; i < 50; i++) { /* fifty successes */
		assert_true(hit(f->db, "198.51.100.1", 3));
		forgive(f->db, "198.51.100.1");
	}
	forgive(f->db, "198.51.100.1"); /* never below zero: failures still count from 0 */
	assert_true(hit(f->db, "198.51.100.1", 3));
	assert_true(hit(f->db, "198.51.100.1", 3));
	assert_true(hit(f->db, "198.51.100.1", 3));
	assert_false(hit(f->db, "198.51.100.1", 3));
	/* forgiving one in a /64 forgives for the /64 */
	assert_true(hit(f->db, "2001:db8:bb:1::1", 1));
	forgive(f->db, "2001:db8:bb:1::2");
	assert_true(hit(f->db, "2001:db8:bb:1::3", 1));
	assert_false(hit(f->db, "2001:db8:bb:1::4", 1));
}

int main(void)
{
	log_set_quiet(1);
	const struct CMUnitTest groups[] = {
		cmocka_unit_test(test_group_ipv4_as_it_is),
		cmocka_unit_test(test_group_ipv6_by_its_64),
		cmocka_unit_test(test_group_ipv4_mapped_is_ipv4),
		cmocka_unit_test(test_group_anything_else_as_it_is),
	};
	const struct CMUnitTest counts[] = {
		cmocka_unit_test(test_hits_of_one_64_count_together),
		cmocka_unit_test(test_forgiven_attempts_do_not_count),
	};
	return cmocka_run_group_tests_name("groups", groups, NULL, NULL) |
	       cmocka_run_group_tests_name("counts", counts, db_setup, db_teardown);
}
