/*
 * test_audit.c - the audit log's actions (each module's audit_actions): every
 * action string any code in src/ passes to audit() has a human label (read
 * from the source itself, so a new action without one fails here), labels
 * are real text, and audit() refuses a key that is not in the table.
 */
#define _XOPEN_SOURCE 700
#include <ctype.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "auth/audit.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "routes.h"
#include "unit_util.h"

static int calls;         /* audit( calls found in src/ */
static char failures[8192]; /* what was wrong, for the assertion message */

static void failed(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void failed(const char *fmt, ...)
{
	size_t n = strlen(failures);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(failures + n, sizeof(failures) - n, fmt, ap);
	va_end(ap);
}

/* Past the string or character literal that starts at p. */
static const char *skip_literal(const char *p)
{
	char q = *p++;
	while (*p && *p != q)
		p += p[0] == '\\' && p[1] ? 2 : 1;
	return *p ? p + 1 : p;
}

/* The 4th argument (action) of the call whose '(' is at open: [*b, *e). */
static int action_argument(const char *open, const char **b, const char **e)
{
	int depth = 0, arg = 0;
	for (const char *p = open + 1; *p; p++) {
		if (*p == '"' || *p == '\'') {
			p = skip_literal(p) - 1;
		} else if (strchr("([{", *p)) {
			depth++;
		} else if (strchr(")]}", *p)) {
			if (depth-- == 0)
				return arg == 3 && (*e = p, 1);
		} else if (*p == ',' && depth == 0) {
			if (arg == 3) {
				*e = p;
				return 1;
			}
			if (++arg == 3)
				*b = p + 1;
		}
	}
	return 0;
}

/* Checks one call's action: after any `cond ?`, only string literals and
 * ':' (so every value the action can take is visible here), each a key of
 * the table. */
static void check_call(const char *file, int line, const char *b, const char *e)
{
	const char *q = NULL;
	for (const char *p = b; p < e; p++) {
		if (*p == '"' || *p == '\'')
			p = skip_literal(p) - 1;
		else if (*p == '?')
			q = p;
	}
	int literals = 0;
	for (const char *p = q ? q + 1 : b; p < e; p++) {
		if (*p == '"') {
			const char *end = skip_literal(p);
			char key[128];
			snprintf(key, sizeof(key), "%.*s", (int)(end - p - 2), p + 1);
			if (!audit_label(key))
				failed("%s:%d: action \"%s\" has no label in its module's audit_actions\n", file, line, key);
			literals++;
			p = end - 1;
		} else if (!isspace((unsigned char)*p) && *p != ':') {
			failed("%s:%d: the action is not a string literal (or a choice of them)\n", file, line);
			return;
		}
	}
	if (!literals)
		failed("%s:%d: no action found\n", file, line);
}

static int scan_file(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb, (void)ftw;
	size_t len = strlen(path), n;
	if (type != FTW_F || len < 2 || strcmp(path + len - 2, ".c") || strstr(path, "src/auth/audit.c"))
		return 0;
	char *text = unit_read_file(path, &n);
	assert_non_null(text);
	for (const char *p = text; (p = strstr(p, "audit(")); p++) {
		if (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
			continue; /* admin_audit( and the like */
		int line = 1;
		for (const char *c = text; c < p; c++)
			line += *c == '\n';
		const char *b = NULL, *e = NULL;
		if (!action_argument(p + 5, &b, &e) || !b) {
			failed("%s:%d: audit( call whose 4th argument could not be read\n", path, line);
			continue;
		}
		calls++;
		check_call(path, line, b, e);
	}
	free(text);
	return 0;
}

static void test_every_audited_action_has_a_label(void **state)
{
	(void)state;
	char src[512];
	unit_source_path("src", src, sizeof(src));
	failures[0] = '\0';
	calls = 0;
	assert_int_equal(nftw(src, scan_file, 16, FTW_PHYS), 0);
	if (failures[0])
		fail_msg("%s", failures);
	/* the walk really found the calls (27 when this was written) */
	assert_true(calls >= 25);
}

static void test_labels_are_text_and_keys_unique(void **state)
{
	(void)state;
	size_t n = audit_action_count();
	assert_true(n >= 26);
	for (size_t i = 0; i < n; i++) {
		const char *key = audit_action_key(i), *label = audit_label(key);
		assert_non_null(label);
		assert_true(isupper((unsigned char)label[0]));
		assert_null(strchr(label, '_'));
		for (size_t j = i + 1; j < n; j++)
			assert_string_not_equal(key, audit_action_key(j));
	}
	assert_string_equal(audit_label("role_revoked"), "Role removed");
	assert_string_equal(audit_label("sign_in_reset"), "Sign-in reset by an administrator");
	assert_null(audit_label("no_such_action"));
	assert_null(audit_label(NULL));
	assert_null(audit_action_key(n));
}

static void test_audit_refuses_an_action_without_a_label(void **state)
{
	(void)state;
	char dir[256], path[300], msg[256];
	assert_int_equal(unit_tmpdir_make(dir), 0);
	snprintf(path, sizeof(path), "%s/a.db", dir);
	struct db *db;
	int applied;
	assert_int_equal(db_open(DB_SQLITE, path, &db, msg, sizeof(msg)), ERR_OK);
	assert_int_equal(routes_migrate(db, &applied, msg, sizeof(msg)), ERR_OK);
	assert_int_equal(db_begin(db, DB_WRITE), ERR_OK);
	assert_int_equal(audit(db, NULL, 0, "no_such_action", "person:1", ""), ERR_DB);
	assert_int_equal(audit(db, NULL, 0, "role_revoked", "person:1", "llme"), ERR_OK);
	assert_int_equal(db_commit(db), ERR_OK);
	struct db_stmt *st = db_prepare(db, "SELECT action FROM audit_log ORDER BY id");
	assert_int_equal(db_step(st), 1);
	assert_string_equal(db_col_text(st, 0), "role_revoked");
	assert_int_equal(db_step(st), 0);
	db_close(db);
	unit_tmpdir_remove(dir);
}

int main(void)
{
	log_set_quiet(1);
	routes_init(); /* every module's actions, as the binary installs them */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_audited_action_has_a_label),
		cmocka_unit_test(test_labels_are_text_and_keys_unique),
		cmocka_unit_test(test_audit_refuses_an_action_without_a_label),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
