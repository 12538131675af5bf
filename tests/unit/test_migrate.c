/*
 * test_migrate.c - the SQLite connection (db/db.h) and the migrations
 * runner (db/migrate.h), with the service's real migration list (routes.h)
 * and lists made up here, each on a fresh database file in a private
 * temporary directory.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "core/embedded.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "routes.h"
#include "unit_db.h"
#include "unit_util.h"

struct fx {
	char dir[256];
	char path[512];
	struct db *db;
};

static int setup(void **state)
{
	static struct fx fx;
	memset(&fx, 0, sizeof(fx));
	if (unit_tmpdir_make(fx.dir))
		return -1;
	snprintf(fx.path, sizeof(fx.path), "%s/test.db", fx.dir);
	char msg[256] = "";
	if (db_open(DB_SQLITE, fx.path, &fx.db, msg, sizeof(msg))) {
		fprintf(stderr, "db_open: %s\n", msg);
		return -1;
	}
	*state = &fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	db_close(fx->db);
	fx->db = NULL;
	unit_tmpdir_remove(fx->dir);
	return 0;
}

static int version_of(struct db *db)
{
	int v = -1;
	assert_int_equal(migrate_current(db, &v), ERR_OK);
	return v;
}

/* The service's migrations, as this binary finds them. */
static size_t real_list(struct migration **list)
{
	size_t n = 0, nloads;
	char msg[512] = "";
	const struct migration_load *loads = routes_migration_loads(&nloads);
	if (migrate_list(embedded_files, embedded_count, loads, nloads, list, &n, msg,
			 sizeof(msg)))
		fail_msg("migrate_list: %s", msg);
	return n;
}

static int newest_known(void)
{
	struct migration *list;
	size_t n = real_list(&list);
	int v = n ? list[n - 1].version : 0;
	migrate_list_free(list);
	return v;
}

static void migrate_real(struct db *db)
{
	char msg[512] = "";
	int applied = -1;
	enum err e = routes_migrate(db, &applied, msg, sizeof(msg));
	if (e)
		fail_msg("migrate_run: %d: %s", e, msg);
}

/* ---- the real list ---- */

/* 0006: grants given twice before it (a refreshed form) are removed, the
 * earliest kept, and the same role for the same record cannot be given
 * again; another hub is another grant. */
static void test_0006_removes_duplicate_grants(void **state)
{
	struct fx *fx = *state;
	char msg[512] = "";
	int applied = -1;
	struct migration *list;
	size_t n = real_list(&list);
	assert_true(n >= 6);
	assert_int_equal(migrate_run(fx->db, list, 5, &applied, msg, sizeof(msg)), ERR_OK); /* up to 0005 */
	migrate_list_free(list);
	assert_int_equal(db_exec(fx->db,
		"INSERT INTO people (id, email, name, created_at) VALUES (1, 'a@x.example', 'A', 0);"
		"INSERT INTO role_grants (id, person_id, role, hub_id, granted_at) VALUES "
		"(10, 1, 'amhl', 1, 0), (11, 1, 'amhl', 1, 0), (12, 1, 'amhl', 2, 0), (13, 1, 'national_admin', NULL, 0), (14, 1, 'national_admin', NULL, 0);"
		"INSERT INTO role_grants (id, person_id, role, school_urn, granted_at) VALUES (15, 1, 'headteacher', '100000', 0), (16, 1, 'headteacher', '100000', 0);"), ERR_OK);
	migrate_real(fx->db);
	assert_int_equal(version_of(fx->db), newest_known());
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM role_grants"), 4);
	assert_int_equal(query_int(fx->db, "SELECT sum(id) FROM role_grants"), 10 + 12 + 13 + 15); /* the earliest kept */
	assert_int_not_equal(db_exec(fx->db, "INSERT INTO role_grants (person_id, role, hub_id, granted_at) VALUES (1, 'amhl', 1, 0)"), ERR_OK);
	assert_int_not_equal(db_exec(fx->db, "INSERT INTO role_grants (person_id, role, granted_at) VALUES (1, 'national_admin', 0)"), ERR_OK);
	assert_int_equal(db_exec(fx->db, "INSERT INTO role_grants (person_id, role, hub_id, granted_at) VALUES (1, 'amhl', 3, 0)"), ERR_OK);
}

static void test_real_list_is_ordered(void **state)
{
	(void)state;
	struct migration *list;
	size_t n = real_list(&list);
	assert_true(n >= 5);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(list[i].version, (int)i + 1);
		assert_non_null(list[i].name);
		assert_true(list[i].ddl || list[i].load);
	}
	/* found by number: 1 and 3 from their files, 2 declared in C */
	assert_string_equal(list[0].ddl, "0001_catalogue.sql");
	assert_string_equal(list[0].name, "catalogue");
	assert_null(list[0].load);
	assert_null(list[1].ddl);
	assert_non_null(list[1].load);
	assert_string_equal(list[2].ddl, "0003_accounts.sql");
	migrate_list_free(list);
}

/* ---- finding migrations by file number (made-up embedded files) ---- */

#define F(name) {name, (const unsigned char *)"", 0}

static enum err load_nothing(struct db *db)
{
	(void)db;
	return ERR_OK;
}

/* migrate_list over files; returns its result, the message in msg. */
static enum err list_of(const struct embedded_file *files, size_t nfiles,
			const struct migration_load *loads, size_t nloads, size_t *n, char *msg,
			size_t msglen)
{
	struct migration *list = (void *)1;
	msg[0] = '\0';
	enum err e = migrate_list(files, nfiles, loads, nloads, &list, n, msg, msglen);
	if (e)
		assert_null(list);
	migrate_list_free(list);
	return e;
}

static void test_list_found_by_number(void **state)
{
	(void)state;
	static const struct embedded_file files[] = {
		F("data/hubs.csv"),
		F("migrations/postgresql/0003_later.sql"), F("migrations/sqlite/0001_first_one.sql"),
		F("migrations/sqlite/0003_later.sql"),     F("migrations/postgresql/0001_first_one.sql"),
	};
	static const struct migration_load loads[] = {{2, "loaded in C", load_nothing},
						      {3, "later, with data", load_nothing}};
	struct migration *list;
	size_t n;
	char msg[256];
	assert_int_equal(migrate_list(files, 5, loads, 2, &list, &n, msg, sizeof(msg)), ERR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(list[0].version, 1);
	assert_string_equal(list[0].name, "first one");
	assert_string_equal(list[0].ddl, "0001_first_one.sql");
	assert_null(list[0].load);
	assert_int_equal(list[1].version, 2);
	assert_null(list[1].ddl);
	assert_string_equal(list[1].name, "loaded in C");
	/* a file and a load with one number: the DDL, then the load */
	assert_int_equal(list[2].version, 3);
	assert_string_equal(list[2].ddl, "0003_later.sql");
	assert_ptr_equal(list[2].load, load_nothing);
	assert_string_equal(list[2].name, "later, with data");
	migrate_list_free(list);
}

/* Each list is refused with a message that names what is wrong. */
static void test_list_refused(void **state)
{
	(void)state;
	static const struct {
		struct embedded_file files[3];
		size_t nfiles;
		const char *says;
	} cases[] = {
		{{F("migrations/sqlite/0001_a.sql"), F("migrations/postgresql/0001_a.sql"),
		  F("migrations/sqlite/0002_b.sql")}, 3, "0002_b.sql is in migrations/sqlite but not in migrations/postgresql"},
		{{F("migrations/postgresql/0001_a.sql"), F("migrations/sqlite/0001_a.sql"),
		  F("migrations/postgresql/0002_b.sql")}, 3, "0002_b.sql is in migrations/postgresql but not in migrations/sqlite"},
		{{F("migrations/sqlite/0001_a.sql"), F("migrations/postgresql/0001_b.sql")}, 2,
		 "0001_a.sql is in migrations/sqlite but is called 0001_b.sql in migrations/postgresql"},
		{{F("migrations/sqlite/0001_a.sql"), F("migrations/sqlite/0001_b.sql"),
		  F("migrations/postgresql/0001_a.sql")}, 3, "migrations/sqlite has two migrations numbered 1"},
		{{F("migrations/sqlite/0001_a.sql"), F("migrations/postgresql/0001_a.sql"),
		  F("migrations/mysql/0001_a.sql")}, 3, "migrations/mysql/0001_a.sql: a migration is"},
		{{F("migrations/sqlite/1_a.sql")}, 1, "migrations/sqlite/1_a.sql: a migration is"},
		{{F("migrations/sqlite/0001_A b.sql")}, 1, "migrations/sqlite/0001_A b.sql: a migration is"},
		{{F("migrations/sqlite/0001_a.sql"), F("migrations/postgresql/0001_a.sql"),
		  F("migrations/sqlite/0003_c.sql")}, 3, "0003_c.sql is in migrations/sqlite but not"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n = 99;
		char msg[512];
		assert_int_equal(list_of(cases[i].files, cases[i].nfiles, NULL, 0, &n, msg, sizeof(msg)),
				 ERR_INVALID);
		assert_int_equal(n, 0);
		if (!strstr(msg, cases[i].says))
			fail_msg("case %zu: \"%s\" does not say \"%s\"", i, msg, cases[i].says);
	}
	/* a gap, and a number declared twice in C */
	static const struct embedded_file two[] = {F("migrations/sqlite/0001_a.sql"),
						   F("migrations/postgresql/0001_a.sql")};
	static const struct migration_load gap[] = {{3, "three", load_nothing}};
	static const struct migration_load twice[] = {{2, "x", load_nothing}, {2, "y", load_nothing}};
	size_t n;
	char msg[512];
	assert_int_equal(list_of(two, 2, gap, 1, &n, msg, sizeof(msg)), ERR_INVALID);
	assert_non_null(strstr(msg, "migration 2 is missing (the next is 3)"));
	assert_int_equal(list_of(two, 2, twice, 2, &n, msg, sizeof(msg)), ERR_INVALID);
	assert_non_null(strstr(msg, "migration 2 is declared twice"));
	/* and the same files with the gap filled are fine */
	assert_int_equal(list_of(two, 2, twice, 1, &n, msg, sizeof(msg)), ERR_OK);
	assert_int_equal(n, 2);
}

static void test_fresh_database_migrates_to_newest(void **state)
{
	struct fx *fx = *state;
	assert_int_equal(version_of(fx->db), 0);
	char msg[512] = "";
	int applied = -1;
	assert_int_equal(routes_migrate(fx->db, &applied, msg, sizeof(msg)),
			 ERR_OK);
	assert_int_equal(applied, newest_known());
	assert_int_equal(version_of(fx->db), newest_known());
	static const char SQL_COUNT[] = "SELECT count(*) FROM schema_migrations";
	assert_int_equal(query_int(fx->db, SQL_COUNT), newest_known());
	/* the catalogue tables exist */
	static const char SQL_TABLES[] =
		"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
		"('regions', 'hubs', 'academic_years', 'projects', 'project_phases', 'bank_holidays')";
	assert_int_equal(query_int(fx->db, SQL_TABLES), 6);
}

static void test_second_run_applies_nothing(void **state)
{
	struct fx *fx = *state;
	migrate_real(fx->db);
	char msg[512] = "";
	int applied = -1;
	assert_int_equal(routes_migrate(fx->db, &applied, msg, sizeof(msg)),
			 ERR_OK);
	assert_int_equal(applied, 0);
	assert_int_equal(version_of(fx->db), newest_known());
	/* and from a new connection (a restart) */
	db_close(fx->db);
	assert_int_equal(db_open(DB_SQLITE, fx->path, &fx->db, msg, sizeof(msg)), ERR_OK);
	applied = -1;
	assert_int_equal(routes_migrate(fx->db, &applied, msg, sizeof(msg)),
			 ERR_OK);
	assert_int_equal(applied, 0);
	/* reference data was not loaded twice */
	static const char SQL_HUBS[] = "SELECT count(*) FROM hubs";
	assert_int_equal(query_int(fx->db, SQL_HUBS), 40);
}

static void test_schema_too_new_refused(void **state)
{
	struct fx *fx = *state;
	migrate_real(fx->db);
	int future = newest_known() + 97;
	char sql[256];
	snprintf(sql, sizeof(sql),
		 "INSERT INTO schema_migrations (version, name, applied_at) "
		 "VALUES (%d, 'from a newer binary', 0)", future);
	assert_int_equal(db_exec(fx->db, sql), ERR_OK);
	assert_int_equal(version_of(fx->db), future);

	char msg[512] = "";
	int applied = -1;
	assert_int_equal(routes_migrate(fx->db, &applied, msg, sizeof(msg)),
			 ERR_SCHEMA_TOO_NEW);
	assert_int_equal(applied, 0);
	char num[16];
	snprintf(num, sizeof(num), "%d", future);
	if (!strstr(msg, num))
		fail_msg("message does not mention version %d: %s", future, msg);
	/* nothing was changed */
	assert_int_equal(version_of(fx->db), future);
}

static void test_schema_too_new_on_otherwise_empty_database(void **state)
{
	struct fx *fx = *state;
	assert_int_equal(version_of(fx->db), 0); /* creates schema_migrations */
	char sql[256];
	snprintf(sql, sizeof(sql),
		 "INSERT INTO schema_migrations (version, name, applied_at) VALUES (%d, 'x', 0)",
		 newest_known() + 1);
	assert_int_equal(db_exec(fx->db, sql), ERR_OK);
	char msg[512] = "";
	int applied = -1;
	assert_int_equal(routes_migrate(fx->db, &applied, msg, sizeof(msg)),
			 ERR_SCHEMA_TOO_NEW);
	assert_int_equal(applied, 0);
	/* no catalogue table was created */
	static const char SQL_HUBS_TABLE[] =
		"SELECT count(*) FROM sqlite_schema WHERE name = 'hubs'";
	assert_int_equal(query_int(fx->db, SQL_HUBS_TABLE), 0);
}

/* ---- a failing migration ---- */

static enum err load_create_t(struct db *db)
{
	return db_exec(db, "CREATE TABLE t (x INTEGER NOT NULL) STRICT");
}

static enum err load_insert_then_fail(struct db *db)
{
	if (db_exec(db, "INSERT INTO t (x) VALUES (42)"))
		return ERR_DB;
	return ERR_INVALID;
}

static enum err load_insert(struct db *db)
{
	return db_exec(db, "INSERT INTO t (x) VALUES (7)");
}

static enum err load_create_u_then_fail(struct db *db)
{
	if (db_exec(db, "CREATE TABLE u (y TEXT) STRICT; INSERT INTO u VALUES ('left behind?')"))
		return ERR_DB;
	return ERR_INVALID;
}

static void test_failing_migration_rolls_back(void **state)
{
	struct fx *fx = *state;
	static const struct migration list[] = {
		{1, "create t", NULL, load_create_t},
		{2, "insert then fail", NULL, load_insert_then_fail},
	};
	char msg[512] = "";
	int applied = -1;
	enum err e = migrate_run(fx->db, list, 2, &applied, msg, sizeof(msg));
	assert_int_not_equal(e, ERR_OK);
	assert_int_equal(applied, 1);
	assert_true(msg[0] != '\0');
	assert_int_equal(version_of(fx->db), 1);
	static const char SQL_T_ROWS[] = "SELECT count(*) FROM t";
	assert_int_equal(query_int(fx->db, SQL_T_ROWS), 0);
	static const char SQL_RECORDED[] = "SELECT count(*) FROM schema_migrations WHERE version = 2";
	assert_int_equal(query_int(fx->db, SQL_RECORDED), 0);

	/* a fixed migration 2 then runs, and only it */
	static const struct migration fixed[] = {
		{1, "create t", NULL, load_create_t},
		{2, "insert", NULL, load_insert},
	};
	applied = -1;
	assert_int_equal(migrate_run(fx->db, fixed, 2, &applied, msg, sizeof(msg)), ERR_OK);
	assert_int_equal(applied, 1);
	assert_int_equal(version_of(fx->db), 2);
	static const char SQL_T_SUM[] = "SELECT count(*) * 1000 + sum(x) FROM t";
	assert_int_equal(query_int(fx->db, SQL_T_SUM), 1007);
}

static void test_failing_first_migration_leaves_nothing(void **state)
{
	struct fx *fx = *state;
	static const struct migration list[] = {
		{1, "create u then fail", NULL, load_create_u_then_fail},
	};
	char msg[512] = "";
	int applied = -1;
	assert_int_not_equal(migrate_run(fx->db, list, 1, &applied, msg, sizeof(msg)), ERR_OK);
	assert_int_equal(applied, 0);
	assert_int_equal(version_of(fx->db), 0);
	static const char SQL_U[] = "SELECT count(*) FROM sqlite_schema WHERE name = 'u'";
	assert_int_equal(query_int(fx->db, SQL_U), 0);
	/* the connection is usable afterwards (no transaction left open) */
	assert_int_equal(db_begin(fx->db, DB_WRITE), ERR_OK);
	assert_int_equal(db_commit(fx->db), ERR_OK);
}

/* ---- connection settings and schema rules ---- */

static void test_tables_are_strict(void **state)
{
	struct fx *fx = *state;
	migrate_real(fx->db);
	static const char SQL_STRICT[] =
		"SELECT count(*) FROM pragma_table_list WHERE schema = 'main' AND strict = 1 AND name IN "
		"('regions', 'hubs', 'academic_years', 'projects', 'project_phases', 'bank_holidays')";
	assert_int_equal(query_int(fx->db, SQL_STRICT), 6);

	/* with the foreign key check out of the way, only STRICT refuses TEXT
	 * in an INTEGER column */
	assert_int_equal(db_exec(fx->db, "PRAGMA foreign_keys = OFF"), ERR_OK);
	assert_int_equal(db_exec(fx->db, "INSERT INTO hubs (code, name, region_id) "
					 "VALUES ('ZZ1', 'Nowhere', 'abc')"),
			 ERR_DB);
	/* the control: the same row with an integer is accepted */
	assert_int_equal(db_exec(fx->db, "INSERT INTO hubs (code, name, region_id) "
					 "VALUES ('ZZ1', 'Nowhere', 1)"),
			 ERR_OK);
	assert_int_equal(db_exec(fx->db, "DELETE FROM hubs WHERE code = 'ZZ1'"), ERR_OK);
	assert_int_equal(db_exec(fx->db, "PRAGMA foreign_keys = ON"), ERR_OK);
}

static void test_foreign_keys_on(void **state)
{
	struct fx *fx = *state;
	migrate_real(fx->db);
	static const char SQL_FK[] = "PRAGMA foreign_keys";
	assert_int_equal(query_int(fx->db, SQL_FK), 1);
	assert_int_equal(db_exec(fx->db, "INSERT INTO hubs (code, name, region_id) "
					 "VALUES ('ZZ1', 'Nowhere', 999999)"),
			 ERR_DB);
	static const char SQL_ZZ1[] = "SELECT count(*) FROM hubs WHERE code = 'ZZ1'";
	assert_int_equal(query_int(fx->db, SQL_ZZ1), 0);
	/* the control: a known region is accepted */
	assert_int_equal(db_exec(fx->db, "INSERT INTO hubs (code, name, region_id) "
					 "SELECT 'ZZ1', 'Somewhere', id FROM regions WHERE name = 'London'"),
			 ERR_OK);
	assert_int_equal(query_int(fx->db, SQL_ZZ1), 1);
	/* a region still referenced cannot be deleted */
	assert_int_equal(db_exec(fx->db, "DELETE FROM regions WHERE name = 'London'"), ERR_DB);
}

static void test_connection_settings(void **state)
{
	struct fx *fx = *state;
	static const char SQL_JOURNAL[] = "PRAGMA journal_mode";
	struct db_stmt *st = db_prepare(fx->db, SQL_JOURNAL);
	assert_non_null(st);
	assert_int_equal(db_step(st), 1);
	assert_string_equal(db_col_text(st, 0), "wal");
	assert_int_equal(db_step(st), 0);
	static const char SQL_TIMEOUT[] = "PRAGMA busy_timeout";
	assert_true(query_int(fx->db, SQL_TIMEOUT) > 0);
	assert_string_equal(db_dialect(fx->db), "sqlite");
}

/* Commits other's write transaction 100 ms after it is started. */
static void *commit_later(void *p)
{
	nanosleep(&(struct timespec){0, 100 * 1000000L}, NULL);
	(void)db_commit(p);
	return NULL;
}

static double ms_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* A write waits for another connection's write lock (the busy timeout),
 * and has it once it is free. */
static void test_write_waits_for_lock(void **state)
{
	struct fx *fx = *state;
	struct db *other = NULL;
	char msg[256] = "";
	assert_int_equal(db_open(DB_SQLITE, fx->path, &other, msg, sizeof(msg)), ERR_OK);
	assert_int_equal(db_begin(other, DB_WRITE), ERR_OK);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, commit_later, other), 0);
	assert_int_equal(db_begin(fx->db, DB_WRITE), ERR_OK);
	double waited = ms_since(&t0);
	assert_int_equal(db_commit(fx->db), ERR_OK);
	pthread_join(t, NULL);
	db_close(other);
	/* it waited for the other's COMMIT, and got the lock then rather than
	 * SQLITE_BUSY (no upper bound on the wait: a loaded machine's
	 * scheduler sets it, and the busy timeout bounds it) */
	assert_true(waited >= 90);
	/* with no lock held, a write begins and commits */
	assert_int_equal(db_begin(fx->db, DB_WRITE), ERR_OK);
	assert_int_equal(db_commit(fx->db), ERR_OK);
}

static void test_placeholders_and_columns(void **state)
{
	struct fx *fx = *state;
	static const char SQL_ECHO[] = "SELECT $1, $2, $3, '$1 stays'";
	struct db_stmt *st = db_prepare(fx->db, SQL_ECHO);
	assert_non_null(st);
	assert_int_equal(db_bind_text(st, 1, "caf\xC3\xA9"), ERR_OK);
	assert_int_equal(db_bind_int(st, 2, INT64_C(-9007199254740993)), ERR_OK);
	assert_int_equal(db_bind_null(st, 3), ERR_OK);
	assert_int_equal(db_step(st), 1);
	assert_string_equal(db_col_text(st, 0), "caf\xC3\xA9");
	assert_true(db_col_int(st, 1) == INT64_C(-9007199254740993));
	assert_true(db_col_is_null(st, 2));
	assert_string_equal(db_col_text(st, 2), "");
	assert_false(db_col_is_null(st, 0));
	assert_string_equal(db_col_text(st, 3), "$1 stays");
	assert_int_equal(db_step(st), 0);
	/* the same text gives the same statement, reset for reuse */
	assert_ptr_equal(db_prepare(fx->db, SQL_ECHO), st);
}

static void test_open_failure_reports(void **state)
{
	(void)state;
	struct db *db = NULL;
	char msg[256] = "";
	assert_int_not_equal(db_open(DB_SQLITE, "/nonexistent-dir-for-mathshubs-tests/x/y.db", &db, msg,
				     sizeof(msg)),
			     ERR_OK);
	assert_true(msg[0] != '\0');
}

int main(void)
{
	log_set_quiet(1);
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_list_is_ordered),
		cmocka_unit_test(test_list_found_by_number),
		cmocka_unit_test(test_list_refused),
		T(test_fresh_database_migrates_to_newest),
		T(test_0006_removes_duplicate_grants),
		T(test_second_run_applies_nothing),
		T(test_schema_too_new_refused),
		T(test_schema_too_new_on_otherwise_empty_database),
		T(test_failing_migration_rolls_back),
		T(test_failing_first_migration_leaves_nothing),
		T(test_tables_are_strict),
		T(test_foreign_keys_on),
		T(test_connection_settings),
		T(test_write_waits_for_lock),
		T(test_placeholders_and_columns),
		cmocka_unit_test(test_open_failure_reports),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
