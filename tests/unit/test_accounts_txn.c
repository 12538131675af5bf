/*
 * test_accounts_txn.c - the accounts pages' transactions against a real
 * SQLite database:
 *  - a busy database on /account is ERR_BUSY (503, try again), not ERR_DB
 *    (500);
 *  - a transaction function run again by db_transact starts afresh: an
 *    error it set in an attempt whose commit then failed with ERR_BUSY does
 *    not stay on the page of the attempt that succeeded.
 * A serialization failure cannot be provoked on demand (SQLite in WAL mode
 * never makes a reader or a BEGIN IMMEDIATE writer's commit wait; on
 * PostgreSQL it takes a race), so the real SQLite connection is wrapped to
 * fail one BEGIN or COMMIT with ERR_BUSY, as SQLite's own tests inject
 * faults; everything else runs for real.
 * The enrolment's transaction functions are static, so this file compiles
 * pages_setup.c into itself (its exported names then come from here, not
 * from the library).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "accounts/pages_setup.c"

#include "core/assets.h"
#include "core/log.h"
#include "db/db_impl.h"
#include "db/migrate.h"
#include "routes.h"
#include "unit_util.h"

/* ---- fault injection: the nth BEGIN or COMMIT (from 1) fails with ERR_BUSY ---- */

static const struct db_ops *real_ops;
static struct db_ops faulty_ops;
static int begins, commits, fail_begin, fail_commit;
static bool fail_every_begin; /* a database that stays busy */
static void (*on_failed_commit)(void);

static enum err faulty_begin(struct db *db, enum db_txn kind)
{
	return ++begins == fail_begin || fail_every_begin ? ERR_BUSY : real_ops->begin(db, kind);
}

static enum err faulty_commit(struct db *db)
{
	if (++commits != fail_commit)
		return real_ops->commit(db);
	if (on_failed_commit)
		on_failed_commit();
	return ERR_BUSY; /* as a serialization failure at commit; db_transact rolls back */
}

static void inject(struct db *db, int begin_n, int commit_n)
{
	real_ops = db->ops;
	faulty_ops = *real_ops;
	faulty_ops.begin = faulty_begin;
	faulty_ops.commit = faulty_commit;
	db->ops = &faulty_ops;
	begins = commits = 0;
	fail_begin = begin_n;
	fail_commit = commit_n;
}

static void uninject(struct db *db)
{
	db->ops = real_ops;
	on_failed_commit = NULL;
	fail_every_begin = false;
}

struct fixture {
	char dir[256], path[300];
	struct db *db;
	struct config cfg;
	struct session session;
	struct req rq;
	struct resp rs;
	int64_t id;
};

/* A migrated database with one person, who has codes by email, and a
 * signed-in session of theirs that proved who they are just now. */
static void fixture_open(struct fixture *f)
{
	memset(f, 0, sizeof(*f));
	char msg[256], err[128];
	int applied;
	assert_int_equal(unit_tmpdir_make(f->dir), 0);
	snprintf(f->path, sizeof(f->path), "%s/a.db", f->dir);
	assert_int_equal(db_open(DB_SQLITE, f->path, &f->db, msg, sizeof(msg)), ERR_OK);
	assert_int_equal(routes_migrate(f->db, &applied, msg, sizeof(msg)), ERR_OK);
	assert_int_equal(config_parse(&f->cfg, 0, NULL, NULL, err, sizeof(err)), ERR_OK);
	assert_int_equal(db_begin(f->db, DB_WRITE), ERR_OK);
	assert_int_equal(person_insert(f->db, "ann@school.example", "Ann", &f->id), ERR_OK);
	assert_int_equal(db_run(f->db, "UPDATE people SET email_codes = 1 WHERE id = $1", DB_I(f->id)), ERR_OK);
	assert_int_equal(db_commit(f->db), ERR_OK);
	f->session = (struct session){.person_id = f->id, .stage = "signed_in", .csrf = "csrf", .name = "Ann",
				      .email = "ann@school.example", .created_at = clock_now(),
				      .authenticated_at = clock_now()};
	f->rq = (struct req){.arena = arena_new(), .method = "POST", .request_id = "test", .db = f->db,
			     .cfg = &f->cfg, .session = &f->session, .client_ip = "127.0.0.1"};
}

static void fixture_close(struct fixture *f)
{
	buf_free(&f->rs.body);
	arena_free(f->rq.arena);
	db_close(f->db);
	unit_tmpdir_remove(f->dir);
}

static void test_a_busy_database_on_the_account_page_is_busy_not_a_db_error(void **state)
{
	(void)state;
	struct fixture f;
	fixture_open(&f);
	/* the page reads once (own_read): a database that stays busy is
	 * ERR_BUSY (503, try again), never ERR_DB (500) ... */
	inject(f.db, 0, 0);
	fail_every_begin = true;
	assert_int_equal(accounts_account(&f.rq, &f.rs), ERR_BUSY);
	assert_true(begins > 1); /* it was tried again first */
	uninject(f.db);
	buf_free(&f.rs.body);
	f.rs = (struct resp){0};
	/* ... a moment's busy is tried again, and the page shows */
	inject(f.db, 1, 0);
	assert_int_equal(accounts_account(&f.rq, &f.rs), ERR_OK);
	assert_int_equal(begins, 2);
	uninject(f.db);
	buf_free(&f.rs.body);
	f.rs = (struct resp){0};
	assert_int_equal(accounts_account(&f.rq, &f.rs), ERR_OK); /* and when it is free, the page */
	assert_non_null(strstr(f.rs.body.data, "Recent security events"));
	fixture_close(&f);
}

/* While the first commit fails, the clock reaches the step of the code
 * typed: the attempt run again finds it right. */
static int64_t code_time;
static void clock_moves_on(void)
{
	clock_set(code_time);
}

static void test_a_retried_enrolment_leaves_no_stale_error(void **state)
{
	(void)state;
	struct fixture f;
	fixture_open(&f);
	code_time = clock_now();
	char secret[TOTP_SECRET_B32_LEN + 1], code[TOTP_DIGITS + 1];
	totp_new_secret(secret);
	assert_int_equal(totp_code(secret, code_time, code), ERR_OK);
	struct enrol en = {.rq = &f.rq, .rs = &f.rs, .back = "/account/authenticator", .secret = secret, .code = code};
	clock_set(code_time - 2 * TOTP_STEP); /* two steps early: not yet a code that works */
	inject(f.db, 0, 1);
	on_failed_commit = clock_moves_on;
	assert_int_equal(db_transact(f.db, DB_WRITE, enrol_write, &en), ERR_OK);
	uninject(f.db);
	clock_set(-1);
	assert_int_equal(commits, 2); /* it really ran twice */
	assert_null(en.error); /* the page is the success page, not "Enter the 6-digit code" */
	struct db_stmt *st = db_prepare(f.db, "SELECT count(*) FROM audit_log WHERE action = 'second_factor_added' AND detail = 'an authenticator app'");
	assert_non_null(st);
	assert_int_equal(db_step(st), 1);
	assert_int_equal(db_col_int(st, 0), 1); /* recorded once: the rolled-back attempt left nothing */
	db_step(st);
	st = db_prepare(f.db, "SELECT totp_secret IS NOT NULL FROM people WHERE id = $1");
	assert_non_null(st);
	assert_int_equal(db_bind_int(st, 1, f.id), ERR_OK);
	assert_int_equal(db_step(st), 1);
	assert_int_equal(db_col_int(st, 0), 1);
	db_step(st);
	fixture_close(&f);
}

int main(void)
{
	log_set_quiet(1);
	assets_init(); /* the page's layout links the fingerprinted assets */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_busy_database_on_the_account_page_is_busy_not_a_db_error),
		cmocka_unit_test(test_a_retried_enrolment_leaves_no_stale_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
