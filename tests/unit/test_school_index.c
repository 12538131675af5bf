/*
 * test_school_index.c - the school search index kept in step with schools
 * (school_search_sync, registry.h) on a real SQLite database migrated with
 * the real list: new schools get their words, a changed school gets new
 * ones, an unchanged one is left alone, the FTS5 index follows (its
 * triggers), and school_exists answers for a form's school field.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/log.h"
#include "db/db.h"
#include "registry/registry.h"
#include "routes.h"
#include "unit_db.h"
#include "unit_util.h"

static struct db *open_migrated(char dir[256])
{
	assert_int_equal(unit_tmpdir_make(dir), 0);
	char path[300], msg[256];
	snprintf(path, sizeof(path), "%s/t.db", dir);
	struct db *db;
	assert_int_equal(db_open(DB_SQLITE, path, &db, msg, sizeof(msg)), ERR_OK);
	int applied = 0;
	assert_int_equal(routes_migrate(db, &applied, msg, sizeof(msg)), ERR_OK);
	return db;
}

static enum err sync_write(struct db *db, void *ctx)
{
	return school_search_sync(db, ctx);
}

static int64_t run_sync(struct db *db)
{
	int64_t n = -1;
	assert_int_equal(db_transact(db, DB_WRITE, sync_write, &n), ERR_OK);
	return n;
}

static void test_sync_follows_schools(void **state)
{
	(void)state;
	log_set_quiet(1);
	char dir[256];
	struct db *db = open_migrated(dir);
	assert_int_equal(db_exec(db, "INSERT INTO schools (urn, name, status, town, postcode, digest, imported_at) VALUES "
				     "('100000', 'The Aldgate School', 'open', 'London', 'EC3A 5DE', 'd1', 0), "
				     "('402323', 'Awel Y M\xC3\xB4r Primary School', 'open', 'Port Talbot', 'SA12 6TP', 'd2', 0)"),
			 ERR_OK);
	assert_int_equal(run_sync(db), 2);
	assert_int_equal(query_int(db, "SELECT count(*) FROM school_search_fts('aldg* sch*')"), 1);
	assert_int_equal(query_int(db, "SELECT count(*) FROM school_search_fts('mor*')"), 1);
	assert_int_equal(query_int(db, "SELECT count(*) FROM school_search_fts('ec3a5de*')"), 1);
	assert_int_equal(run_sync(db), 0); /* nothing changed: nothing written */

	/* renamed by a later file: its new digest, its new words, the old ones gone */
	assert_int_equal(db_exec(db, "UPDATE schools SET name = 'Sir John Cass''s Foundation Primary School', digest = 'd3' "
				     "WHERE urn = '100000'"),
			 ERR_OK);
	assert_int_equal(run_sync(db), 1);
	assert_int_equal(query_int(db, "SELECT count(*) FROM school_search_fts('aldg*')"), 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM school_search_fts('casss* found*')"), 1);
	assert_int_equal(query_int(db, "SELECT count(*) FROM school_search"), 2);

	assert_int_equal(school_exists(db, "100000"), ERR_OK);
	assert_int_equal(school_exists(db, "999999"), ERR_NOT_FOUND);
	db_close(db);
	unit_tmpdir_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sync_follows_schools),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
