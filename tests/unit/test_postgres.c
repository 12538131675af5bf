/*
 * test_postgres.c - db.h on a real PostgreSQL server (the test cluster of
 * scripts/check, MATHSHUBS_TEST_PG_URL; missing is a failure): the same
 * migrations and queries as SQLite, a write through one connection seen by
 * another at once, serialization failures retried by db_transact so that
 * concurrent increments are never lost, and parameters that are binary-safe.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sodium.h>

#include "catalogue/queries.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "routes.h"
#include "unit_pg.h"

static char db_url[1024];
static char db_name[32];

static struct db *open_test_db(void)
{
	struct db *db = NULL;
	char msg[512];
	assert_int_equal(db_open(DB_POSTGRES, db_url, &db, msg, sizeof(msg)), ERR_OK);
	return db;
}

static int setup(void **state)
{
	(void)state;
	if (unit_pg_create(db_name, db_url))
		return -1;
	struct db *db = open_test_db();
	int applied = 0;
	char msg[256];
	enum err e = routes_migrate(db, &applied, msg, sizeof(msg));
	db_close(db);
	return e ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	return unit_pg_drop(db_name);
}

static void test_dialect_and_catalogue(void **state)
{
	(void)state;
	struct db *db = open_test_db();
	assert_string_equal(db_dialect(db), "postgresql");
	struct arena *a = arena_new();
	struct hub *hubs;
	size_t n;
	assert_int_equal(catalogue_hubs(db, a, &hubs, &n), ERR_OK);
	assert_int_equal(n, 40);
	struct hub h;
	assert_int_equal(catalogue_hub(db, a, "SE1", &h), ERR_OK);
	assert_string_equal(h.name, "Bucks, Berks and Oxon");
	assert_int_equal(catalogue_hub(db, a, "ZZ9", &h), ERR_NOT_FOUND);
	struct project_filter f = {.phases = {"Post-16"}, .nphases = 1};
	struct project *ps;
	assert_int_equal(catalogue_projects(db, a, &f, &ps, &n), ERR_OK);
	assert_int_equal(n, 7); /* NCP24-04, -05, -20, -21, -22, -23, -24 in ncps-2024-25.csv */
	arena_free(a);
	db_close(db);
}

static const char SQL_CREATE_COUNTER[] =
	"CREATE TABLE IF NOT EXISTS counter (id INTEGER PRIMARY KEY, n BIGINT NOT NULL);"
	"INSERT INTO counter (id, n) VALUES (1, 0) ON CONFLICT (id) DO NOTHING";
static const char SQL_READ[] = "SELECT n FROM counter WHERE id = 1";
static const char SQL_WRITE[] = "UPDATE counter SET n = $1 WHERE id = 1";

static void test_write_visible_to_another_connection(void **state)
{
	(void)state;
	struct db *a = open_test_db(), *b = open_test_db();
	assert_int_equal(db_exec(a, SQL_CREATE_COUNTER), ERR_OK);
	struct db_stmt *st = db_prepare(b, SQL_READ); /* prepared before the write */
	assert_non_null(st);
	assert_int_equal(db_step(st), 1);
	int64_t before = db_col_int(st, 0);
	assert_int_equal(db_begin(a, DB_WRITE), ERR_OK);
	st = db_prepare(a, SQL_WRITE);
	assert_int_equal(db_bind_int(st, 1, before + 41), ERR_OK);
	assert_int_equal(db_step_done(st), ERR_OK);
	assert_int_equal(db_commit(a), ERR_OK);
	st = db_prepare(b, SQL_READ);
	assert_int_equal(db_step(st), 1);
	assert_int_equal(db_col_int(st, 0), before + 41);
	db_close(a);
	db_close(b);
}

/* Read-modify-write: loses updates unless conflicts are detected and the
 * whole transaction is run again. */
static enum err increment(struct db *db, void *ctx)
{
	(void)ctx;
	struct db_stmt *st = db_prepare(db, SQL_READ);
	int rc = st ? db_step(st) : ERR_DB;
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_DB;
	int64_t n = db_col_int(st, 0);
	st = db_prepare(db, SQL_WRITE);
	if (!st || db_bind_int(st, 1, n + 1))
		return ERR_DB;
	return db_step_done(st);
}

#define WORKERS 4
#define PER_WORKER 25

static void *worker(void *arg)
{
	int *failures = arg;
	struct db *db = open_test_db();
	for (int i = 0; i < PER_WORKER; i++)
		if (db_transact(db, DB_WRITE, increment, NULL) != ERR_OK)
			(*failures)++;
	db_close(db);
	return NULL;
}

static void test_concurrent_writes_are_serialized(void **state)
{
	(void)state;
	struct db *db = open_test_db();
	assert_int_equal(db_exec(db, SQL_CREATE_COUNTER), ERR_OK);
	assert_int_equal(db_exec(db, "UPDATE counter SET n = 0"), ERR_OK);
	pthread_t t[WORKERS];
	int failures[WORKERS] = {0};
	for (int i = 0; i < WORKERS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, worker, &failures[i]), 0);
	for (int i = 0; i < WORKERS; i++)
		pthread_join(t[i], NULL);
	int failed = 0;
	for (int i = 0; i < WORKERS; i++)
		failed += failures[i];
	struct db_stmt *st = db_prepare(db, SQL_READ);
	assert_int_equal(db_step(st), 1);
	/* every committed increment counted, none lost; any abandoned after
	 * the retries is reported, not silently dropped */
	assert_int_equal(db_col_int(st, 0) + failed, WORKERS * PER_WORKER);
	assert_true(failed < WORKERS * PER_WORKER / 10);
	db_close(db);
}

static const char SQL_ECHO[] = "SELECT $1::text, $2::bigint, $3::text IS NULL";

static void test_parameters_are_binary_safe(void **state)
{
	(void)state;
	struct db *db = open_test_db();
	const char *tricky = "'; DROP TABLE hubs; -- \"quoted\" \\ backslash é 🧮";
	struct db_stmt *st = db_prepare(db, SQL_ECHO);
	assert_non_null(st);
	assert_int_equal(db_bind_text(st, 1, tricky), ERR_OK);
	assert_int_equal(db_bind_int(st, 2, INT64_MIN + 1), ERR_OK);
	assert_int_equal(db_bind_null(st, 3), ERR_OK);
	assert_int_equal(db_step(st), 1);
	assert_string_equal(db_col_text(st, 0), tricky);
	assert_true(db_col_int(st, 1) == INT64_MIN + 1);
	assert_string_equal(db_col_text(st, 2), "t");
	assert_int_equal(db_step(st), 0);
	/* a parameter beyond the statement's is an error, not a crash */
	st = db_prepare(db, SQL_ECHO);
	assert_int_equal(db_bind_int(st, 4, 1), ERR_DB);
	db_close(db);
}

static void test_unreachable_server(void **state)
{
	(void)state;
	struct db *db = NULL;
	char msg[512];
	assert_int_equal(db_open(DB_POSTGRES, "postgresql://u:hunter2pw@127.0.0.1:1/x", &db, msg, sizeof(msg)),
			 ERR_UNAVAILABLE);
	assert_null(db);
	assert_non_null(strstr(msg, "cannot connect to PostgreSQL"));
	assert_null(strstr(msg, "hunter2pw"));
}

int main(void)
{
	log_set_quiet(1);
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dialect_and_catalogue),
		cmocka_unit_test(test_write_visible_to_another_connection),
		cmocka_unit_test(test_concurrent_writes_are_serialized),
		cmocka_unit_test(test_parameters_are_binary_safe),
		cmocka_unit_test(test_unreachable_server),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
