/*
 * test_db.c - the connection interface (db/db.h) on both backends: a fresh
 * SQLite file and a fresh database on the PostgreSQL test cluster
 * (MATHSHUBS_TEST_PG_URL; missing is a failure). Each test runs once per
 * backend unless its name says which.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include "db/rows.h"
#include "unit_pg.h"
#include "unit_db.h"
#include "unit_util.h"

struct fx {
	enum db_backend backend;
	char dir[256];
	char name[32];
	char target[1024];
	struct db *db;
};

static int setup(void **state)
{
	struct fx *fx = *state;
	char msg[512] = "";
	if (fx->backend == DB_SQLITE) {
		if (unit_tmpdir_make(fx->dir))
			return -1;
		snprintf(fx->target, sizeof(fx->target), "%s/test.db", fx->dir);
	} else if (unit_pg_create(fx->name, fx->target)) {
		return -1;
	}
	if (db_open(fx->backend, fx->target, &fx->db, msg, sizeof(msg))) {
		fprintf(stderr, "db_open: %s\n", msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	db_close(fx->db);
	fx->db = NULL;
	if (fx->backend == DB_SQLITE)
		unit_tmpdir_remove(fx->dir);
	else if (unit_pg_drop(fx->name))
		return -1;
	return 0;
}

/* More distinct statements than any fixed cache held (128), each a string
 * of its own that outlives the connection, as SQL constants do. */
#define MANY 320
static char many_sql[MANY][64];

static void run_nth(struct db *db, int i, struct db_stmt **out)
{
	struct db_stmt *st = db_prepare(db, many_sql[i]);
	assert_non_null(st);
	assert_int_equal(db_bind_int(st, 1, 1000 * i), ERR_OK);
	assert_int_equal(db_step(st), 1);
	assert_int_equal(db_col_int(st, 0), 1000 * i + i);
	assert_int_equal(db_step(st), 0);
	*out = st;
}

static void test_statement_cache_grows(void **state)
{
	struct fx *fx = *state;
	static struct db_stmt *first[MANY];
	for (int i = 0; i < MANY; i++) {
		snprintf(many_sql[i], sizeof(many_sql[i]), "SELECT CAST($1 AS INTEGER) + %d", i);
		run_nth(fx->db, i, &first[i]);
	}
	for (int i = 0; i < MANY; i++) { /* every one a cache hit: the same statement */
		struct db_stmt *again;
		run_nth(fx->db, i, &again);
		assert_ptr_equal(again, first[i]);
	}
	if (fx->backend == DB_POSTGRES) /* prepared once each on the server */
		assert_int_equal(query_int(fx->db, "SELECT count(*) FROM pg_prepared_statements"),
				 MANY + 1);
}

/* 7001 parameters: PostgreSQL prepares and describes it, then the backend
 * refuses it (more than it takes, 7000). That must not keep the
 * statement's name: the next statement prepared used to get the same name
 * and fail. */
static char sql_too_many_params[7001 * 8 + 64];

static const char *too_many_params(void)
{
	if (!sql_too_many_params[0]) {
		size_t n = (size_t)snprintf(sql_too_many_params, sizeof(sql_too_many_params), "SELECT CAST($1 AS INTEGER)");
		for (int i = 2; i <= 7001; i++)
			n += (size_t)snprintf(sql_too_many_params + n, sizeof(sql_too_many_params) - n, " + $%d", i);
	}
	return sql_too_many_params;
}
static const char SQL_AFTER[] = "SELECT CAST($1 AS INTEGER) * 2";
static const char SQL_COUNT_PREPARED[] = "SELECT count(*) FROM pg_prepared_statements";

static void test_postgres_refused_statement_frees_its_name(void **state)
{
	struct fx *fx = *state;
	int64_t before = query_int(fx->db, SQL_COUNT_PREPARED); /* itself: 1 */
	assert_null(db_prepare(fx->db, too_many_params()));
	assert_null(db_prepare(fx->db, too_many_params())); /* and again, the same way */
	struct db_stmt *st = db_prepare(fx->db, SQL_AFTER);
	assert_non_null(st);
	assert_int_equal(db_bind_int(st, 1, 21), ERR_OK);
	assert_int_equal(db_step(st), 1);
	assert_int_equal(db_col_int(st, 0), 42);
	assert_int_equal(db_step(st), 0);
	/* nothing left behind on the server: only the two statements cached */
	assert_int_equal(query_int(fx->db, SQL_COUNT_PREPARED), before + 1);
}

/* A statement that fails to prepare (its table does not exist yet) can be
 * prepared on the same connection once the table does. */
static const char SQL_LATER_TABLE[] = "SELECT count(*) FROM later_table WHERE n > $1";

static void test_failed_prepare_can_be_retried(void **state)
{
	struct fx *fx = *state;
	assert_null(db_prepare(fx->db, SQL_LATER_TABLE));
	assert_int_equal(db_exec(fx->db, "CREATE TABLE later_table (n INTEGER NOT NULL)"), ERR_OK);
	assert_int_equal(db_exec(fx->db, "INSERT INTO later_table (n) VALUES (1), (5), (9)"), ERR_OK);
	struct db_stmt *st = db_prepare(fx->db, SQL_LATER_TABLE);
	assert_non_null(st);
	assert_int_equal(db_bind_int(st, 1, 4), ERR_OK);
	assert_int_equal(db_step(st), 1);
	assert_int_equal(db_col_int(st, 0), 2);
	assert_int_equal(db_step(st), 0);
}

/* db_run's values: every integer type arrives as its value (an int passed
 * where int64_t was read used to arrive as 4294967291 for -5), text as
 * itself, a NULL text pointer and DB_NULL as SQL NULL. */
static const char SQL_TYPED_TABLE[] = "CREATE TABLE typed (k INTEGER NOT NULL, i BIGINT, t TEXT)";
static const char SQL_TYPED_INSERT[] = "INSERT INTO typed (k, i, t) VALUES ($1, $2, $3)";
static const char SQL_TYPED_READ[] =
	"SELECT i, t, CASE WHEN i IS NULL THEN 1 ELSE 0 END, CASE WHEN t IS NULL THEN 1 ELSE 0 END"
	" FROM typed WHERE k = $1";

static void expect_row(struct db *db, int k, int64_t i, const char *t)
{
	struct db_stmt *st = db_prepare(db, SQL_TYPED_READ);
	assert_non_null(st);
	assert_int_equal(db_bind_int(st, 1, k), ERR_OK);
	assert_int_equal(db_step(st), 1);
	assert_int_equal(db_col_int(st, 2), 0);
	assert_true(db_col_int(st, 0) == i);
	if (t) {
		assert_int_equal(db_col_int(st, 3), 0);
		assert_string_equal(db_col_text(st, 1), t);
	} else {
		assert_int_equal(db_col_int(st, 3), 1);
	}
	assert_int_equal(db_step(st), 0);
}

static void test_run_binds_typed_values(void **state)
{
	struct db *db = ((struct fx *)*state)->db;
	assert_int_equal(db_exec(db, SQL_TYPED_TABLE), ERR_OK);
	int small = -5;
	int64_t big = INT64_MAX - 1;
	long l = -3000000000L;
	unsigned u = 4000000000u;
	short sh = -7;
	const char *none = NULL;
	const char *tricky = "it's \"quoted\" é";
	assert_int_equal(db_run(db, SQL_TYPED_INSERT, DB_I(1), DB_I(small), DB_S("int")), ERR_OK);
	assert_int_equal(db_run(db, SQL_TYPED_INSERT, DB_I(2), DB_I(big), DB_S(tricky)), ERR_OK);
	assert_int_equal(db_run(db, SQL_TYPED_INSERT, DB_I(3), DB_I(l), DB_S(none)), ERR_OK);
	assert_int_equal(db_run(db, SQL_TYPED_INSERT, DB_I(4), DB_I(u), DB_NULL), ERR_OK);
	assert_int_equal(db_run(db, SQL_TYPED_INSERT, DB_I(5), DB_I(sh), DB_S("")), ERR_OK);
	expect_row(db, 1, -5, "int");
	expect_row(db, 2, INT64_MAX - 1, tricky);
	expect_row(db, 3, -3000000000LL, NULL);
	expect_row(db, 4, 4000000000LL, NULL);
	expect_row(db, 5, -7, "");
	/* DB_NULL for an integer column */
	assert_int_equal(db_run(db, SQL_TYPED_INSERT, DB_I(6), DB_NULL, DB_S("x")), ERR_OK);
	assert_int_equal(query_int(db, "SELECT count(*) FROM typed WHERE k = 6 AND i IS NULL"), 1);
	/* a statement that fails reports it */
	assert_int_equal(db_run(db, SQL_TYPED_INSERT, DB_NULL, DB_I(1), DB_S("k is NOT NULL")), ERR_DB);
}

struct typed_row {
	int64_t k;
	const char *s;
};

static void typed_row(struct arena *a, struct db_stmt *st, void *el)
{
	*(struct typed_row *)el = (struct typed_row){db_col_int(st, 0), db_col_text_or_null(a, st, 1)};
}

/* db/rows.h: every row into an array that grows past its first block,
 * SQL NULL text as NULL and '' as "", one row or none, one number. */
static void test_rows_read_into_arena(void **state)
{
	struct db *db = ((struct fx *)*state)->db;
	struct arena *a = arena_new();
	assert_int_equal(db_exec(db, SQL_TYPED_TABLE), ERR_OK);
	for (int k = 1; k <= 20; k++)
		assert_int_equal(db_run(db, SQL_TYPED_INSERT, DB_I(k), DB_I(k), k == 3 ? DB_NULL : DB_S(k == 4 ? "" : "t")),
				 ERR_OK);
	struct typed_row *rows = (void *)1;
	size_t n = 99;
	assert_int_equal(db_rows(db_query(db, "SELECT k, t FROM typed ORDER BY k"), a, (void **)&rows, &n,
				 sizeof(*rows), typed_row),
			 ERR_OK);
	assert_int_equal(n, 20);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(rows[i].k, (int64_t)i + 1);
	assert_null(rows[2].s);
	assert_string_equal(rows[3].s, "");
	assert_string_equal(rows[19].s, "t");
	assert_int_equal(db_rows(db_query(db, "SELECT k, t FROM typed WHERE k < 0"), a, (void **)&rows, &n,
				 sizeof(*rows), typed_row),
			 ERR_OK);
	assert_int_equal(n, 0);
	assert_null(rows);
	assert_int_equal(db_rows(NULL, a, (void **)&rows, &n, sizeof(*rows), typed_row), ERR_DB);

	struct typed_row one = {0};
	assert_int_equal(db_one(db_query(db, "SELECT k, t FROM typed WHERE k = $1", DB_I(7)), a, &one, typed_row), ERR_OK);
	assert_int_equal(one.k, 7);
	assert_int_equal(db_one(db_query(db, "SELECT k, t FROM typed WHERE k = $1", DB_I(70)), a, &one, typed_row),
			 ERR_NOT_FOUND);
	int64_t count = -1;
	assert_int_equal(db_number(db_query(db, "SELECT count(*) FROM typed"), &count), ERR_OK);
	assert_int_equal(count, 20);
	assert_int_equal(db_number(db_query(db, "SELECT k FROM typed WHERE k < 0"), &count), ERR_NOT_FOUND);
	assert_int_equal(count, 0);
	/* ids read back in order: exactly as many as asked for, else a conflict */
	int64_t ids[20];
	assert_int_equal(db_ids(db, "SELECT k FROM typed ORDER BY k", ids, 20), ERR_OK);
	assert_int_equal(ids[0], 1);
	assert_int_equal(ids[19], 20);
	assert_int_equal(db_ids(db, "SELECT k FROM typed ORDER BY k", ids, 19), ERR_CONFLICT);
	assert_int_equal(db_ids(db, "SELECT k FROM typed WHERE k > 10", ids, 20), ERR_CONFLICT);
	arena_free(a);
}

/* db_send: statements sent in a row all run, in order, and a many-row
 * statement with thousands of parameters is taken; a statement that
 * fails says so by the next call at the latest (on SQLite, at once), and
 * the transaction then rolls back; db_wait with nothing sent is ERR_OK. */
static const char SQL_SEND_TABLE[] = "CREATE TABLE sent (k INTEGER PRIMARY KEY, t TEXT NOT NULL)";
static const char SQL_SEND[] = "INSERT INTO sent (k, t) VALUES ($1, $2)";
static char sql_send_many[1000 * 16 + 64];

static void test_send(void **state)
{
	struct db *db = ((struct fx *)*state)->db;
	assert_int_equal(db_wait(db), ERR_OK);
	assert_int_equal(db_exec(db, SQL_SEND_TABLE), ERR_OK);
	assert_int_equal(db_begin(db, DB_WRITE), ERR_OK);
	for (int k = 1; k <= 50; k++)
		assert_int_equal(db_send(db, SQL_SEND, DB_I(k), DB_S("one")), ERR_OK);
	/* 1000 rows of 2: 2000 parameters */
	size_t n = (size_t)snprintf(sql_send_many, sizeof(sql_send_many), "INSERT INTO sent (k, t) VALUES ");
	static struct db_value v[2000];
	for (int r = 0; r < 1000; r++) {
		n += (size_t)snprintf(sql_send_many + n, sizeof(sql_send_many) - n, "%s($%d, $%d)", r ? ", " : "",
				      2 * r + 1, 2 * r + 2);
		v[2 * r] = DB_I(1000 + r);
		v[2 * r + 1] = DB_S("many");
	}
	assert_int_equal(db_send_values(db, sql_send_many, v, 2000), ERR_OK);
	assert_int_equal(db_wait(db), ERR_OK);
	assert_int_equal(db_commit(db), ERR_OK);
	assert_int_equal(query_int(db, "SELECT count(*) FROM sent"), 1050);
	assert_int_equal(query_int(db, "SELECT count(*) FROM sent WHERE t = 'many'"), 1000);

	/* a duplicate key: the error comes from the send or from what follows it */
	assert_int_equal(db_begin(db, DB_WRITE), ERR_OK);
	assert_int_equal(db_send(db, SQL_SEND, DB_I(2000), DB_S("kept?")), ERR_OK);
	enum err sent = db_send(db, SQL_SEND, DB_I(1), DB_S("twice"));
	enum err next = sent ? ERR_OK : db_wait(db);
	assert_int_equal(sent ? sent : next, ERR_DB);
	assert_int_equal(db_wait(db), ERR_OK); /* reported once */
	db_rollback(db);
	assert_int_equal(query_int(db, "SELECT count(*) FROM sent WHERE k = 2000"), 0);
	/* and a failure left outstanding fails the COMMIT */
	assert_int_equal(db_begin(db, DB_WRITE), ERR_OK);
	sent = db_send(db, SQL_SEND, DB_I(1), DB_S("twice"));
	if (!sent)
		assert_int_equal(db_commit(db), ERR_DB);
	else
		db_rollback(db);
	assert_int_equal(query_int(db, "SELECT count(*) FROM sent"), 1050);
}

/* db_insert_many: every row arrives as it was, whatever its characters
 * (COPY's text format escapes them on PostgreSQL), NULLs and integers
 * too; a key already there fails, by the next call at the latest, and the
 * transaction rolls back; an INSERT with more than its values is refused. */
static const char SQL_MANY_TABLE[] = "CREATE TABLE many (k INTEGER PRIMARY KEY, i BIGINT, t TEXT)";
static const char SQL_MANY_INSERT[] = "INSERT INTO many (k, i, t) VALUES ($1, $2, $3)";
static const char SQL_MANY_UPSERT[] = "INSERT INTO many (k, i, t) VALUES ($1, $2, $3) ON CONFLICT (k) DO NOTHING";

static void test_insert_many(void **state)
{
	struct db *db = ((struct fx *)*state)->db;
	assert_int_equal(db_exec(db, SQL_MANY_TABLE), ERR_OK);
	static const char *const texts[] = {"plain", "tab\there", "two\nlines", "back\\slash", "\\.", "\\N",
					    "cr\r\nlf", "Pr\xC3\xA9vert \xE2\x80\x99s", ""};
	enum { N = 9 };
	struct db_value v[(N + 1) * 3];
	for (int r = 0; r < N; r++) {
		v[3 * r] = DB_I(r + 1);
		v[3 * r + 1] = DB_I((int64_t)r * -1000000000000LL);
		v[3 * r + 2] = DB_S(texts[r]);
	}
	v[3 * N] = DB_I(N + 1), v[3 * N + 1] = DB_NULL, v[3 * N + 2] = DB_NULL;
	assert_int_equal(db_begin(db, DB_WRITE), ERR_OK);
	assert_int_equal(db_insert_many(db, SQL_MANY_INSERT, v, N + 1, 3), ERR_OK);
	assert_int_equal(db_commit(db), ERR_OK);
	assert_int_equal(query_int(db, "SELECT count(*) FROM many"), N + 1);
	for (int r = 0; r < N; r++) {
		struct db_stmt *st = db_prepare(db, "SELECT i, t FROM many WHERE k = $1");
		assert_non_null(st);
		assert_int_equal(db_bind_int(st, 1, r + 1), ERR_OK);
		assert_int_equal(db_step(st), 1);
		assert_true(db_col_int(st, 0) == (int64_t)r * -1000000000000LL);
		assert_string_equal(db_col_text(st, 1), texts[r]);
		assert_int_equal(db_step(st), 0);
	}
	assert_int_equal(query_int(db, "SELECT count(*) FROM many WHERE i IS NULL AND t IS NULL"), 1);

	/* a key already there */
	assert_int_equal(db_begin(db, DB_WRITE), ERR_OK);
	struct db_value again[6] = {DB_I(100), DB_I(0), DB_S("new"), DB_I(1), DB_I(0), DB_S("twice")};
	enum err e = db_insert_many(db, SQL_MANY_INSERT, again, 2, 3);
	if (!e)
		assert_int_equal(db_commit(db), ERR_DB);
	else
		db_rollback(db);
	assert_int_equal(query_int(db, "SELECT count(*) FROM many"), N + 1);

	assert_int_equal(db_insert_many(db, SQL_MANY_UPSERT, v, 1, 3), ERR_DB);
}

int main(void)
{
	log_set_quiet(1);
	if (getenv("UNIT_FILTER")) /* run some tests only: a glob on their names */
		cmocka_set_test_filter(getenv("UNIT_FILTER"));
	static struct fx sq = {.backend = DB_SQLITE}, pg = {.backend = DB_POSTGRES};
	/* each named for its backend, so a failure says which */
#define SQ(f) {"sqlite: " #f, f, setup, teardown, &sq}
#define PG(f) {"postgresql: " #f, f, setup, teardown, &pg}
#define BOTH(f) SQ(f), PG(f)
	const struct CMUnitTest tests[] = {
		BOTH(test_statement_cache_grows),
		BOTH(test_failed_prepare_can_be_retried),
		PG(test_postgres_refused_statement_frees_its_name),
		BOTH(test_run_binds_typed_values),
		BOTH(test_rows_read_into_arena),
		BOTH(test_send),
		BOTH(test_insert_many),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
