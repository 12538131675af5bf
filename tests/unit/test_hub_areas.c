/*
 * test_hub_areas.c - migration 9's load (registry/areas.h: areas_load) run
 * again on a database that has assignments already, as a later migration
 * would run it: it moves a demo assignment that differs from the one the
 * shipped files make, and never an official one (demo = 0) nor one it
 * agrees with. What a new database gets is tested over HTTP
 * (tests/http/hub-areas.test.mjs), against data/demo-hub-areas.csv.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
#include "registry/areas.h"
#include "routes.h"
#include "unit_db.h"
#include "unit_util.h"

static struct {
	char dir[256];
	struct db *db;
} fx;

static int setup(void **state)
{
	(void)state;
	if (unit_tmpdir_make(fx.dir))
		return -1;
	char path[512], msg[512] = "";
	snprintf(path, sizeof(path), "%s/areas.db", fx.dir);
	int applied;
	if (db_open(DB_SQLITE, path, &fx.db, msg, sizeof(msg)) || routes_migrate(fx.db, &applied, msg, sizeof(msg))) {
		fprintf(stderr, "%s\n", msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_close(fx.db);
	unit_tmpdir_remove(fx.dir);
	return 0;
}

static void run(const char *sql)
{
	assert_int_equal(db_exec(fx.db, sql), ERR_OK);
}

/* Local authority la is in hub's area, a demo assignment or not. (The
 * statement cache keys on the SQL's address: one constant, la bound.) */
static void expect_area(const char *la, const char *hub, int demo)
{
	static const char sql[] =
		"SELECT h.code, a.demo FROM hub_areas a JOIN hubs h ON h.id = a.hub_id WHERE a.la_code = $1";
	struct db_stmt *st = db_prepare(fx.db, sql);
	assert_non_null(st);
	assert_int_equal(db_bind_text(st, 1, la), ERR_OK);
	assert_int_equal(db_step(st), 1);
	if (strcmp(db_col_text(st, 0), hub))
		fail_msg("%s: %s, not %s", la, db_col_text(st, 0), hub);
	assert_int_equal(db_col_int(st, 1), demo);
	assert_int_equal(db_step(st), 0);
}

/* When local authority la's hub was last set. */
static int64_t changed_at(const char *la)
{
	static const char sql[] = "SELECT changed_at FROM hub_areas WHERE la_code = $1";
	struct db_stmt *st = db_prepare(fx.db, sql);
	assert_non_null(st);
	assert_int_equal(db_bind_text(st, 1, la), ERR_OK);
	assert_int_equal(db_step(st), 1);
	int64_t v = db_col_int(st, 0);
	assert_int_equal(db_step(st), 0);
	return v;
}

static enum err load(struct db *db, void *ctx)
{
	(void)ctx;
	return areas_load(db);
}

static void rerun_moves_only_demo_assignments(void **state)
{
	(void)state;
	/* as a database made by the round-robin assignment had them */
	expect_area("886", "SE5", 1);
	run("UPDATE hub_areas SET hub_id = (SELECT id FROM hubs WHERE code = 'SE4'), changed_at = 1 WHERE la_code = '886'");
	/* an official assignment, even one the demo file disagrees with */
	run("UPDATE hub_areas SET hub_id = (SELECT id FROM hubs WHERE code = 'SE1'), demo = 0, changed_at = 2 WHERE la_code = '936'");
	/* an assignment the load agrees with keeps its time */
	run("UPDATE hub_areas SET changed_at = 3 WHERE la_code = '850'");
	int64_t before = query_int(fx.db, "SELECT count(*) FROM hub_areas");
	assert_int_equal(db_transact(fx.db, DB_WRITE, load, NULL), ERR_OK);
	expect_area("886", "SE5", 1);
	assert_true(changed_at("886") > 1);
	expect_area("936", "SE1", 0);
	assert_int_equal(changed_at("936"), 2);
	expect_area("850", "SE3", 1);
	assert_int_equal(changed_at("850"), 3);
	assert_int_equal(query_int(fx.db, "SELECT count(*) FROM hub_areas"), before);
	assert_int_equal(query_int(fx.db, "SELECT count(*) FROM hub_areas WHERE demo = 1"), before - 1);
}

static void rerun_fills_an_authority_with_none(void **state)
{
	(void)state;
	run("DELETE FROM hub_areas WHERE la_code = '887'");
	assert_int_equal(db_transact(fx.db, DB_WRITE, load, NULL), ERR_OK);
	expect_area("887", "SE5", 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(rerun_moves_only_demo_assignments, setup, teardown),
		cmocka_unit_test_setup_teardown(rerun_fills_an_authority_with_none, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
