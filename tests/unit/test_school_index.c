/*
 * test_school_index.c - the school search index kept in step with schools
 * (school_search_sync, registry.h) on a real SQLite database migrated with
 * the real list: new schools get their words, a changed school gets new
 * ones, an unchanged one is left alone, the FTS5 index follows (its
 * triggers), and school_exists answers for a form's school field; and
 * a national import's thousands, written a batch at a time, get the same
 * words on SQLite and PostgreSQL.
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
#include "unit_pg.h"
#include "unit_util.h"

static struct db *open_target(enum db_backend backend, const char *target)
{
	char msg[256];
	struct db *db;
	if (db_open(backend, target, &db, msg, sizeof(msg)))
		fail_msg("db_open: %s", msg);
	int applied = 0;
	if (routes_migrate(db, &applied, msg, sizeof(msg)))
		fail_msg("migrate: %s", msg);
	return db;
}

static struct db *open_migrated(char dir[256])
{
	assert_int_equal(unit_tmpdir_make(dir), 0);
	char path[300];
	snprintf(path, sizeof(path), "%s/t.db", dir);
	return open_target(DB_SQLITE, path);
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

/* Many times the schools one statement writes (1,000), and some over: every
 * school's words, at the first sync and after a third are renamed. */
#define MANY 7321
static void many_schools(struct db *db)
{
	assert_int_equal(db_exec(db, "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 7321) "
				     "INSERT INTO schools (urn, name, status, town, postcode, digest, imported_at) "
				     "SELECT CAST(100000 + i AS TEXT), 'Test School ' || CAST(i AS TEXT), 'open', 'Leeds', "
				     "'LS' || CAST(i % 30 AS TEXT) || ' 1AA', 'd' || CAST(i AS TEXT), 0 FROM n"),
			 ERR_OK);
	assert_int_equal(run_sync(db), MANY);
	assert_int_equal(query_int(db, "SELECT count(*) FROM school_search"), MANY);
	/* the planner's statistics of the words made again */
	if (!strcmp(db_dialect(db), "postgresql"))
		assert_int_equal(query_int(db, "SELECT count(*) FROM pg_class "
					       "WHERE relname = 'school_search' AND reltuples = 7321"),
				 1);
	else
		assert_int_equal(query_int(db, "SELECT count(*) FROM sqlite_stat1 "
					       "WHERE tbl = 'school_search' AND stat LIKE '7321 %'"),
				 1);
	assert_int_equal(query_int(db, "SELECT count(*) FROM school_search s JOIN schools x ON x.urn = s.urn "
				       "WHERE s.name_key = lower(x.name) AND s.postcode_key = lower(replace(x.postcode, ' ', '')) "
				       "AND s.terms = lower(x.name) || ' leeds ' || lower(x.postcode) || ' ' || "
				       "lower(replace(x.postcode, ' ', '')) || ' ' || x.urn AND s.digest = x.digest || ':1'"),
			 MANY);
	assert_int_equal(query_int(db, "SELECT count(*) FROM school_search_fts('test* school* 4321*')"), 1);
	assert_int_equal(query_int(db, "SELECT count(*) FROM school_search_fts('ls29*')"), MANY / 30);

	assert_int_equal(db_exec(db, "UPDATE schools SET name = 'Renamed Academy ' || urn, digest = 'r' || urn "
				     "WHERE CAST(urn AS INTEGER) % 3 = 0"),
			 ERR_OK);
	int64_t renamed = query_int(db, "SELECT count(*) FROM schools WHERE name LIKE 'Renamed%'");
	assert_true(renamed > 2 * 1000);
	assert_int_equal(run_sync(db), renamed);
	assert_int_equal(query_int(db, "SELECT count(*) FROM school_search s JOIN schools x ON x.urn = s.urn "
				       "WHERE s.name_key = 'renamed academy ' || x.urn AND s.digest = 'r' || x.urn || ':1'"),
			 renamed);
	assert_int_equal(query_int(db, "SELECT count(*) FROM school_search_fts('renamed* acad*')"), renamed);
	assert_int_equal(query_int(db, "SELECT count(*) FROM school_search_fts('test* school*')"), MANY - renamed);
	assert_int_equal(query_int(db, "SELECT count(*) FROM school_search"), MANY);
	assert_int_equal(run_sync(db), 0);
}

static void test_many_schools_sqlite(void **state)
{
	(void)state;
	log_set_quiet(1);
	char dir[256];
	struct db *db = open_migrated(dir);
	many_schools(db);
	db_close(db);
	unit_tmpdir_remove(dir);
}

static void test_many_schools_postgres(void **state)
{
	(void)state;
	log_set_quiet(1);
	char name[32], url[1024];
	assert_int_equal(unit_pg_create(name, url), 0);
	struct db *db = open_target(DB_POSTGRES, url);
	many_schools(db);
	db_close(db);
	assert_int_equal(unit_pg_drop(name), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sync_follows_schools),
		cmocka_unit_test(test_many_schools_sqlite),
		cmocka_unit_test(test_many_schools_postgres),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
