/*
 * test_config.c - config_parse (core/config.h) driven with an injected
 * environment: defaults, environment values, command-line precedence, both
 * option forms, and rejection of bad values with a message naming the option.
 *
 * Expected values: the defaults and option names documented in config.h and
 * `mathshubs --help` (db ./var/mathshubs.db, listen 127.0.0.1:8080, base URL
 * derived from the listen address when not set).
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

#include "core/config.h"
#include "core/log.h"

/* ---- the injected environment ---- */

#define ENV_MAX 16
static struct {
	const char *name, *value;
} env[ENV_MAX];
static size_t nenv;

static const char *fake_getenv(const char *name)
{
	for (size_t i = 0; i < nenv; i++)
		if (!strcmp(env[i].name, name))
			return env[i].value;
	return NULL;
}

static void env_set(const char *name, const char *value)
{
	assert_true(nenv < ENV_MAX);
	env[nenv].name = name;
	env[nenv].value = value;
	nenv++;
}

static int env_reset(void **state)
{
	(void)state;
	nenv = 0;
	return 0;
}

/* ---- parsing with a const argument list ---- */

static char errmsg[512];

static enum err parse(struct config *c, const char *const *args, int n)
{
	char *argv[16];
	assert_true(n <= 16);
	for (int i = 0; i < n; i++) {
		argv[i] = strdup(args[i]);
		assert_non_null(argv[i]);
	}
	memset(errmsg, 0, sizeof(errmsg));
	memset(c, 0xA5, sizeof(*c));
	enum err e = config_parse(c, n, argv, fake_getenv, errmsg, sizeof(errmsg));
	for (int i = 0; i < n; i++)
		free(argv[i]);
	return e;
}

#define PARSE(c, ...)                                                                    \
	parse((c), (const char *const[]){__VA_ARGS__},                                   \
	      (int)(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)))

/* Expects ERR_INVALID and a message that contains every one of the words. */
static void check_rejected(enum err e, const char *word1, const char *word2)
{
	if (e != ERR_INVALID)
		fail_msg("expected ERR_INVALID, got %d", e);
	if (!errmsg[0])
		fail_msg("no message");
	if (word1 && !strstr(errmsg, word1))
		fail_msg("message \"%s\" does not name \"%s\"", errmsg, word1);
	if (word2 && !strstr(errmsg, word2))
		fail_msg("message \"%s\" does not name \"%s\"", errmsg, word2);
}

/* ---- defaults ---- */

static void test_defaults(void **state)
{
	(void)state;
	struct config c;
	assert_int_equal(parse(&c, NULL, 0), ERR_OK);
	assert_string_equal(c.db_path, "./var/mathshubs.db");
	assert_string_equal(c.listen_addr, "127.0.0.1");
	assert_int_equal(c.listen_port, 8080);
	assert_string_equal(c.base_url, "http://127.0.0.1:8080");
	/* limits are set (never 0: libmicrohttpd's defaults are unbounded) */
	assert_true(c.threads >= 1);
	assert_true(c.conn_timeout >= 1);
	assert_true(c.max_conns >= 1);
	assert_true(c.max_conns_ip >= 1);
	assert_true(c.max_conns_ip <= c.max_conns);
	assert_true(c.conn_memory > 0);
	assert_true(c.max_body > 0);
}

static void test_null_getenv_gives_defaults(void **state)
{
	(void)state;
	struct config c;
	char err[128] = "";
	assert_int_equal(config_parse(&c, 0, NULL, NULL, err, sizeof(err)), ERR_OK);
	assert_string_equal(c.db_path, "./var/mathshubs.db");
	assert_string_equal(c.base_url, "http://127.0.0.1:8080");
}

/* ---- environment ---- */

static void test_env_values_applied(void **state)
{
	(void)state;
	env_set("MATHSHUBS_DB", "/srv/mh/data.db");
	env_set("MATHSHUBS_LISTEN", "0.0.0.0:9090");
	env_set("MATHSHUBS_THREADS", "3");
	env_set("MATHSHUBS_CONNECTION_TIMEOUT", "45");
	env_set("MATHSHUBS_MAX_CONNECTIONS", "500");
	env_set("MATHSHUBS_MAX_CONNECTIONS_PER_IP", "50");
	env_set("MATHSHUBS_CONNECTION_MEMORY", "131072");
	env_set("MATHSHUBS_MAX_BODY", "2097152");
	env_set("MATHSHUBS_SHUTDOWN_GRACE", "7");
	struct config c;
	assert_int_equal(parse(&c, NULL, 0), ERR_OK);
	assert_string_equal(c.db_path, "/srv/mh/data.db");
	assert_string_equal(c.listen_addr, "0.0.0.0");
	assert_int_equal(c.listen_port, 9090);
	assert_int_equal(c.threads, 3);
	assert_int_equal(c.conn_timeout, 45);
	assert_int_equal(c.max_conns, 500);
	assert_int_equal(c.max_conns_ip, 50);
	assert_int_equal(c.conn_memory, 131072);
	assert_int_equal(c.max_body, 2097152);
	assert_int_equal(c.shutdown_grace, 7);
	/* derived from the listen address when not set */
	assert_string_equal(c.base_url, "http://0.0.0.0:9090");
}

static void test_env_base_url(void **state)
{
	(void)state;
	env_set("MATHSHUBS_BASE_URL", "https://maths-hubs.example.org/");
	struct config c;
	assert_int_equal(parse(&c, NULL, 0), ERR_OK);
	assert_string_equal(c.base_url, "https://maths-hubs.example.org");
}

static void test_env_bad_value_names_option(void **state)
{
	(void)state;
	env_set("MATHSHUBS_THREADS", "many");
	struct config c;
	check_rejected(parse(&c, NULL, 0), "--threads", NULL);
}

static void test_env_bad_listen(void **state)
{
	(void)state;
	env_set("MATHSHUBS_LISTEN", "8080");
	struct config c;
	check_rejected(parse(&c, NULL, 0), "--listen", NULL);
}

/* ---- command line ---- */

static void test_both_option_forms(void **state)
{
	(void)state;
	struct config c;
	assert_int_equal(PARSE(&c, "--db=/tmp/a.db", "--threads", "5", "--listen=127.0.0.1:0",
			       "--base-url", "http://localhost:3000"),
			 ERR_OK);
	assert_string_equal(c.db_path, "/tmp/a.db");
	assert_int_equal(c.threads, 5);
	assert_string_equal(c.listen_addr, "127.0.0.1");
	assert_int_equal(c.listen_port, 0); /* any free port */
	assert_string_equal(c.base_url, "http://localhost:3000");
}

static void test_value_may_contain_equals(void **state)
{
	(void)state;
	struct config c;
	assert_int_equal(PARSE(&c, "--db=/tmp/a=b.db"), ERR_OK);
	assert_string_equal(c.db_path, "/tmp/a=b.db");
	assert_int_equal(PARSE(&c, "--db", "/tmp/c=d.db"), ERR_OK);
	assert_string_equal(c.db_path, "/tmp/c=d.db");
}

static void test_command_line_overrides_env(void **state)
{
	(void)state;
	env_set("MATHSHUBS_DB", "/env.db");
	env_set("MATHSHUBS_THREADS", "3");
	env_set("MATHSHUBS_LISTEN", "10.0.0.1:1000");
	env_set("MATHSHUBS_BASE_URL", "https://env.example");
	struct config c;
	assert_int_equal(PARSE(&c, "--threads=9", "--db", "/cli.db", "--listen", "127.0.0.2:2000",
			       "--base-url=https://cli.example"),
			 ERR_OK);
	assert_int_equal(c.threads, 9);
	assert_string_equal(c.db_path, "/cli.db");
	assert_string_equal(c.listen_addr, "127.0.0.2");
	assert_int_equal(c.listen_port, 2000);
	assert_string_equal(c.base_url, "https://cli.example");
}

static void test_env_kept_when_not_overridden(void **state)
{
	(void)state;
	env_set("MATHSHUBS_DB", "/env.db");
	env_set("MATHSHUBS_THREADS", "3");
	struct config c;
	assert_int_equal(PARSE(&c, "--threads=4"), ERR_OK);
	assert_int_equal(c.threads, 4);
	assert_string_equal(c.db_path, "/env.db");
}

static void test_later_option_wins(void **state)
{
	(void)state;
	struct config c;
	assert_int_equal(PARSE(&c, "--threads=2", "--threads=6"), ERR_OK);
	assert_int_equal(c.threads, 6);
}

static void test_base_url_trailing_slashes_stripped(void **state)
{
	(void)state;
	struct config c;
	assert_int_equal(PARSE(&c, "--base-url=https://x.example/"), ERR_OK);
	assert_string_equal(c.base_url, "https://x.example");
	assert_int_equal(PARSE(&c, "--base-url", "http://h.example:8443/mathshubs/"), ERR_OK);
	assert_string_equal(c.base_url, "http://h.example:8443/mathshubs");
	assert_int_equal(PARSE(&c, "--base-url=https://x.example//"), ERR_OK);
	assert_string_equal(c.base_url, "https://x.example");
}

static void test_base_url_derived_from_cli_listen(void **state)
{
	(void)state;
	struct config c;
	assert_int_equal(PARSE(&c, "--listen=192.0.2.10:8443"), ERR_OK);
	assert_string_equal(c.base_url, "http://192.0.2.10:8443");
}

static void test_port_bounds(void **state)
{
	(void)state;
	struct config c;
	assert_int_equal(PARSE(&c, "--listen=127.0.0.1:65535"), ERR_OK);
	assert_int_equal(c.listen_port, 65535);
	check_rejected(PARSE(&c, "--listen=127.0.0.1:65536"), "--listen", NULL);
	check_rejected(PARSE(&c, "--listen=127.0.0.1:70000"), "--listen", NULL);
	check_rejected(PARSE(&c, "--listen=127.0.0.1:-1"), "--listen", NULL);
	check_rejected(PARSE(&c, "--listen=127.0.0.1:"), "--listen", NULL);
	check_rejected(PARSE(&c, "--listen=127.0.0.1:80x"), "--listen", NULL);
}

/* ---- bad values ---- */

static void test_bad_threads(void **state)
{
	(void)state;
	struct config c;
	static const char *const bad[] = {
		"--threads=0", "--threads=abc", "--threads=-1", "--threads=", "--threads=3x",
		"--threads=99999999999999999999999",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *args[] = {bad[i]};
		enum err e = parse(&c, args, 1);
		if (e != ERR_INVALID)
			fail_msg("%s accepted", bad[i]);
		check_rejected(e, "--threads", NULL);
	}
	check_rejected(PARSE(&c, "--threads", "-1"), "--threads", NULL);
}

static void test_bad_listen(void **state)
{
	(void)state;
	struct config c;
	check_rejected(PARSE(&c, "--listen=localhost"), "--listen", NULL);
	check_rejected(PARSE(&c, "--listen", "8080"), "--listen", NULL);
	check_rejected(PARSE(&c, "--listen="), "--listen", NULL);
}

static void test_bad_base_url(void **state)
{
	(void)state;
	struct config c;
	check_rejected(PARSE(&c, "--base-url=ftp://x"), "--base-url", NULL);
	check_rejected(PARSE(&c, "--base-url", "example.org"), "--base-url", NULL);
	check_rejected(PARSE(&c, "--base-url="), "--base-url", NULL);
	check_rejected(PARSE(&c, "--base-url=javascript:alert(1)"), "--base-url", NULL);
	check_rejected(PARSE(&c, "--base-url=http://x\"><script>"), "--base-url", NULL);
}

static void test_bad_sizes(void **state)
{
	(void)state;
	struct config c;
	check_rejected(PARSE(&c, "--max-body=1k"), "--max-body", NULL);
	/* 0 would mean no idle timeout in libmicrohttpd (GUIDE: always explicit) */
	check_rejected(PARSE(&c, "--connection-timeout=0"), "--connection-timeout", NULL);
	check_rejected(PARSE(&c, "--max-connections=-5"), "--max-connections", NULL);
	check_rejected(PARSE(&c, "--db="), "--db", NULL);
}

static void test_unknown_option(void **state)
{
	(void)state;
	struct config c;
	check_rejected(PARSE(&c, "--nope=1"), "--nope", NULL);
	check_rejected(PARSE(&c, "--thread=4"), "--thread", NULL);
	check_rejected(PARSE(&c, "--threads=4", "serve"), "serve", NULL);
	check_rejected(PARSE(&c, "-t", "4"), "-t", NULL);
}

static void test_missing_value(void **state)
{
	(void)state;
	struct config c;
	check_rejected(PARSE(&c, "--db"), "--db", NULL);
	check_rejected(PARSE(&c, "--threads=2", "--listen"), "--listen", NULL);
}

static void test_error_after_env_is_from_cli(void **state)
{
	(void)state;
	/* a good environment does not hide a bad option */
	env_set("MATHSHUBS_THREADS", "4");
	struct config c;
	check_rejected(PARSE(&c, "--threads=0"), "--threads", NULL);
}

int main(void)
{
	log_set_quiet(1);
#define T(f) cmocka_unit_test_setup(f, env_reset)
	const struct CMUnitTest tests[] = {
		T(test_defaults),
		T(test_null_getenv_gives_defaults),
		T(test_env_values_applied),
		T(test_env_base_url),
		T(test_env_bad_value_names_option),
		T(test_env_bad_listen),
		T(test_both_option_forms),
		T(test_value_may_contain_equals),
		T(test_command_line_overrides_env),
		T(test_env_kept_when_not_overridden),
		T(test_later_option_wins),
		T(test_base_url_trailing_slashes_stripped),
		T(test_base_url_derived_from_cli_listen),
		T(test_port_bounds),
		T(test_bad_threads),
		T(test_bad_listen),
		T(test_bad_base_url),
		T(test_bad_sizes),
		T(test_unknown_option),
		T(test_missing_value),
		T(test_error_after_env_is_from_cli),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
