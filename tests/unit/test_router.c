/*
 * test_router.c - path matching, route parameters, 405 with the Allow set
 * (http/router.h), and sanity checks of the service's real route table
 * (routes.h).
 *
 * Expected behaviour: router.h's contract; RFC 9110 for methods (names are
 * case-sensitive, HEAD is answered wherever GET is, 405 carries Allow).
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
#include "http/router.h"
#include "routes.h"

static enum err h_a(struct req *rq, struct resp *rs)
{
	(void)rq, (void)rs;
	return ERR_OK;
}

static enum err h_b(struct req *rq, struct resp *rs)
{
	(void)rq, (void)rs;
	return ERR_OK;
}

enum {
	T_ROOT,
	T_HUBS,
	T_HUB_GET,
	T_HUB_POST,
	T_ANSWER,
	T_ITEM_DELETE,
	T_ITEM_PUT_PATCH,
	T_OPENAPI,
};

static const struct route table[] = {
	[T_ROOT] = {RM_GET, "/", h_a, 0},
	[T_HUBS] = {RM_GET, "/hubs", h_a, 0},
	[T_HUB_GET] = {RM_GET, "/hubs/{code}", h_a, 0},
	[T_HUB_POST] = {RM_POST, "/hubs/{code}", h_b, 0},
	[T_ANSWER] = {RM_GET | RM_POST, "/forms/{id}/answers/{n}", h_a, 0},
	[T_ITEM_DELETE] = {RM_DELETE, "/items/{id}", h_b, 0},
	[T_ITEM_PUT_PATCH] = {RM_PUT | RM_PATCH, "/items/{id}", h_a, 0},
	[T_OPENAPI] = {RM_GET, "/api/v1/openapi.json", h_b, RF_API},
};
#define NTABLE (sizeof(table) / sizeof(table[0]))

static int setup(void **state)
{
	*state = arena_new();
	return 0;
}

static int teardown(void **state)
{
	arena_free(*state);
	return 0;
}

static enum route_result match(struct arena *a, unsigned method, const char *path,
			       struct route_match *m)
{
	return router_match(table, NTABLE, method, path, a, m);
}

static void check_found(struct arena *a, unsigned method, const char *path, size_t index)
{
	struct route_match m;
	enum route_result r = match(a, method, path, &m);
	if (r != ROUTE_FOUND)
		fail_msg("%s: result %d, expected ROUTE_FOUND", path, r);
	assert_ptr_equal(m.route, &table[index]);
	assert_int_equal(m.route_index, index);
}

static void check_not_found(struct arena *a, unsigned method, const char *path)
{
	struct route_match m;
	enum route_result r = match(a, method, path, &m);
	if (r != ROUTE_NOT_FOUND)
		fail_msg("\"%s\": result %d, expected ROUTE_NOT_FOUND", path, r);
}

/* ---- matching ---- */

static void test_literal_routes(void **state)
{
	struct arena *a = *state;
	struct route_match m;
	check_found(a, RM_GET, "/", T_ROOT);
	check_found(a, RM_GET, "/hubs", T_HUBS);
	check_found(a, RM_GET, "/api/v1/openapi.json", T_OPENAPI);
	assert_int_equal(match(a, RM_GET, "/hubs", &m), ROUTE_FOUND);
	assert_int_equal(m.nparams, 0);
	assert_null(route_param(&m, "code"));
}

static void test_param_route(void **state)
{
	struct arena *a = *state;
	struct route_match m;
	assert_int_equal(match(a, RM_GET, "/hubs/SW4", &m), ROUTE_FOUND);
	assert_ptr_equal(m.route, &table[T_HUB_GET]);
	assert_ptr_equal(m.route->handler, h_a);
	assert_int_equal(m.nparams, 1);
	assert_string_equal(route_param(&m, "code"), "SW4");
	/* decoded paths may hold anything but '/' in a segment */
	assert_int_equal(match(a, RM_GET, "/hubs/a b?c&d", &m), ROUTE_FOUND);
	assert_string_equal(route_param(&m, "code"), "a b?c&d");
	assert_int_equal(match(a, RM_GET, "/hubs/caf\xC3\xA9", &m), ROUTE_FOUND);
	assert_string_equal(route_param(&m, "code"), "caf\xC3\xA9");
}

static void test_method_selects_route(void **state)
{
	struct arena *a = *state;
	struct route_match m;
	assert_int_equal(match(a, RM_POST, "/hubs/SW4", &m), ROUTE_FOUND);
	assert_ptr_equal(m.route, &table[T_HUB_POST]);
	assert_ptr_equal(m.route->handler, h_b);
	assert_string_equal(route_param(&m, "code"), "SW4");
	check_found(a, RM_DELETE, "/items/7", T_ITEM_DELETE);
	check_found(a, RM_PUT, "/items/7", T_ITEM_PUT_PATCH);
	check_found(a, RM_PATCH, "/items/7", T_ITEM_PUT_PATCH);
}

static void test_two_params(void **state)
{
	struct arena *a = *state;
	struct route_match m;
	assert_int_equal(match(a, RM_POST, "/forms/12/answers/3", &m), ROUTE_FOUND);
	assert_ptr_equal(m.route, &table[T_ANSWER]);
	assert_int_equal(m.nparams, 2);
	assert_string_equal(route_param(&m, "id"), "12");
	assert_string_equal(route_param(&m, "n"), "3");
	/* names match exactly: no prefixes, no extensions, no braces */
	assert_null(route_param(&m, "i"));
	assert_null(route_param(&m, "ids"));
	assert_null(route_param(&m, "{id}"));
	assert_null(route_param(&m, ""));
	assert_null(route_param(&m, "answers"));
}

static void test_param_values_are_copies(void **state)
{
	struct arena *a = *state;
	struct route_match m;
	char path[] = "/forms/abc/answers/def";
	assert_int_equal(match(a, RM_GET, path, &m), ROUTE_FOUND);
	memset(path, 'x', sizeof(path) - 1);
	assert_string_equal(route_param(&m, "id"), "abc");
	assert_string_equal(route_param(&m, "n"), "def");
}

static void test_no_match_extra_or_missing_segments(void **state)
{
	struct arena *a = *state;
	check_not_found(a, RM_GET, "/hubs/SW4/extra");
	check_not_found(a, RM_GET, "/hubs/SW4/");
	check_not_found(a, RM_GET, "/forms/12/answers");
	check_not_found(a, RM_GET, "/forms/12/answers/");
	check_not_found(a, RM_GET, "/forms/12/answers/3/4");
	check_not_found(a, RM_GET, "/forms/12");
	check_not_found(a, RM_GET, "/hubsx");
	check_not_found(a, RM_GET, "/hub");
	check_not_found(a, RM_GET, "/HUBS");
	check_not_found(a, RM_GET, "/nowhere");
	check_not_found(a, RM_GET, "");
	check_not_found(a, RM_GET, "hubs");
	check_not_found(a, RM_GET, "//");
	check_not_found(a, RM_GET, "/api/v1/openapi");
	check_not_found(a, RM_GET, "/api/v1/openapi.jsonx");
}

static void test_empty_segment_does_not_match_param(void **state)
{
	struct arena *a = *state;
	check_not_found(a, RM_GET, "/hubs/");
	check_not_found(a, RM_GET, "/hubs//");
	check_not_found(a, RM_GET, "/forms//answers/3");
	check_not_found(a, RM_GET, "/forms/1/answers/");
	check_not_found(a, RM_GET, "//hubs");
}

/* ---- HEAD and 405 ---- */

static void test_head_matches_get_routes(void **state)
{
	struct arena *a = *state;
	struct route_match m;
	check_found(a, RM_HEAD, "/", T_ROOT);
	check_found(a, RM_HEAD, "/hubs", T_HUBS);
	assert_int_equal(match(a, RM_HEAD, "/hubs/NE1", &m), ROUTE_FOUND);
	assert_ptr_equal(m.route, &table[T_HUB_GET]);
	assert_string_equal(route_param(&m, "code"), "NE1");
}

static void test_head_without_get_is_405(void **state)
{
	struct arena *a = *state;
	struct route_match m;
	assert_int_equal(match(a, RM_HEAD, "/items/1", &m), ROUTE_METHOD_NOT_ALLOWED);
	assert_int_equal(m.allowed, RM_DELETE | RM_PUT | RM_PATCH);
}

static void test_405_allowed_sets(void **state)
{
	struct arena *a = *state;
	struct route_match m;

	assert_int_equal(match(a, RM_DELETE, "/hubs", &m), ROUTE_METHOD_NOT_ALLOWED);
	assert_int_equal(m.allowed, RM_GET | RM_HEAD);
	assert_null(m.route);

	assert_int_equal(match(a, RM_POST, "/", &m), ROUTE_METHOD_NOT_ALLOWED);
	assert_int_equal(m.allowed, RM_GET | RM_HEAD);

	/* the allowed set is the union over every route with this path */
	assert_int_equal(match(a, RM_PUT, "/hubs/SW4", &m), ROUTE_METHOD_NOT_ALLOWED);
	assert_int_equal(m.allowed, RM_GET | RM_HEAD | RM_POST);

	assert_int_equal(match(a, RM_POST, "/items/9", &m), ROUTE_METHOD_NOT_ALLOWED);
	assert_int_equal(m.allowed, RM_DELETE | RM_PUT | RM_PATCH);

	assert_int_equal(match(a, RM_OPTIONS, "/forms/1/answers/2", &m), ROUTE_METHOD_NOT_ALLOWED);
	assert_int_equal(m.allowed, RM_GET | RM_HEAD | RM_POST);
}

static void test_unknown_method_never_found(void **state)
{
	struct arena *a = *state;
	struct route_match m;
	/* route_method_bit gives 0 for an unknown method: it matches no route */
	assert_int_not_equal(match(a, 0, "/hubs", &m), ROUTE_FOUND);
	assert_int_equal(match(a, 0, "/nowhere", &m), ROUTE_NOT_FOUND);
}

/* ---- route_allow_header ---- */

static void check_allow(unsigned set, const char *expected)
{
	char out[128];
	memset(out, '#', sizeof(out));
	route_allow_header(set, out, sizeof(out));
	assert_string_equal(out, expected);
}

/* Checks out (", "-separated) holds exactly the names in want, in any order. */
static void check_allow_set(unsigned set, const char *const *want, size_t n)
{
	char out[128];
	route_allow_header(set, out, sizeof(out));
	size_t seen = 0;
	for (char *save = NULL, *tok = strtok_r(out, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ')
			tok++;
		bool known = false;
		for (size_t i = 0; i < n; i++)
			known |= !strcmp(tok, want[i]);
		if (!known)
			fail_msg("unexpected method \"%s\" in Allow", tok);
		seen++;
	}
	assert_int_equal(seen, n);
}

static void test_allow_header(void **state)
{
	(void)state;
	check_allow(RM_GET, "GET, HEAD");
	check_allow(RM_GET | RM_HEAD, "GET, HEAD");
	check_allow(RM_GET | RM_POST, "GET, HEAD, POST");
	check_allow(RM_POST, "POST");
	check_allow(0, "");
	static const char *const ppd[] = {"PUT", "PATCH", "DELETE"};
	check_allow_set(RM_PUT | RM_PATCH | RM_DELETE, ppd, 3);
	static const char *const all[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
	check_allow_set(RM_GET | RM_POST | RM_PUT | RM_PATCH | RM_DELETE | RM_OPTIONS, all, 7);
}

static void test_allow_header_from_405(void **state)
{
	struct arena *a = *state;
	struct route_match m;
	char out[64];
	assert_int_equal(match(a, RM_DELETE, "/hubs/SW4", &m), ROUTE_METHOD_NOT_ALLOWED);
	route_allow_header(m.allowed, out, sizeof(out));
	assert_string_equal(out, "GET, HEAD, POST");
}

static void test_allow_header_small_buffer(void **state)
{
	(void)state;
	char out[16];
	memset(out, '#', sizeof(out));
	route_allow_header(RM_GET | RM_POST | RM_PUT | RM_DELETE, out, 8);
	/* stays within the 8 bytes given and is a string */
	assert_non_null(memchr(out, '\0', 8));
	for (size_t i = 8; i < sizeof(out); i++)
		assert_int_equal(out[i], '#');
}

/* ---- route_method_bit ---- */

static void test_method_bit(void **state)
{
	(void)state;
	assert_int_equal(route_method_bit("GET"), RM_GET);
	assert_int_equal(route_method_bit("HEAD"), RM_HEAD);
	assert_int_equal(route_method_bit("POST"), RM_POST);
	assert_int_equal(route_method_bit("PUT"), RM_PUT);
	assert_int_equal(route_method_bit("PATCH"), RM_PATCH);
	assert_int_equal(route_method_bit("DELETE"), RM_DELETE);
	assert_int_equal(route_method_bit("OPTIONS"), RM_OPTIONS);
	/* method names are case-sensitive (RFC 9110 9.1) */
	assert_int_equal(route_method_bit("get"), 0);
	assert_int_equal(route_method_bit("Get"), 0);
	assert_int_equal(route_method_bit("TRACE"), 0);
	assert_int_equal(route_method_bit("CONNECT"), 0);
	assert_int_equal(route_method_bit("BREW"), 0);
	assert_int_equal(route_method_bit(""), 0);
	assert_int_equal(route_method_bit("GETX"), 0);
	assert_int_equal(route_method_bit("GE"), 0);
	assert_int_equal(route_method_bit("GET "), 0);
}

/* ---- the real table ---- */

/* The service's table, as `mathshubs serve` builds it from the modules. */
static const struct route *routes;
static size_t nroutes;

static const unsigned all_methods =
	RM_GET | RM_HEAD | RM_POST | RM_PUT | RM_PATCH | RM_DELETE | RM_OPTIONS;

static void test_real_table_well_formed(void **state)
{
	(void)state;
	assert_true(nroutes > 0);
	for (size_t i = 0; i < nroutes; i++) {
		const struct route *r = &routes[i];
		assert_non_null(r->pattern);
		if (r->pattern[0] != '/')
			fail_msg("route %zu pattern \"%s\" does not start with '/'", i, r->pattern);
		if (!r->handler)
			fail_msg("route %zu (%s) has no handler", i, r->pattern);
		if (!r->methods || (r->methods & ~all_methods))
			fail_msg("route %zu (%s) has bad methods %#x", i, r->pattern, r->methods);
		/* braces are balanced, one parameter per segment at most */
		size_t params = 0;
		for (const char *p = r->pattern; *p; p++) {
			if (*p == '{') {
				params++;
				const char *close = strchr(p, '}');
				assert_non_null(close);
				assert_true(p[-1] == '/');
				assert_true(close[1] == '/' || close[1] == '\0');
				assert_true(close > p + 1);
			}
		}
		assert_true(params <= ROUTE_MAX_PARAMS);
	}
}

static void test_real_table_no_duplicates(void **state)
{
	(void)state;
	for (size_t i = 0; i < nroutes; i++)
		for (size_t j = i + 1; j < nroutes; j++) {
			if (strcmp(routes[i].pattern, routes[j].pattern))
				continue;
			/* the same pattern twice must serve disjoint methods (HEAD
			 * comes with GET) */
			unsigned mi = routes[i].methods, mj = routes[j].methods;
			if (mi & RM_GET)
				mi |= RM_HEAD;
			if (mj & RM_GET)
				mj |= RM_HEAD;
			if (mi & mj)
				fail_msg("routes %zu and %zu share pattern %s and a method", i, j,
					 routes[i].pattern);
		}
}

/* Each real route is reached by its own pattern (parameters filled in). */
static void test_real_table_every_route_reachable(void **state)
{
	struct arena *a = *state;
	for (size_t i = 0; i < nroutes; i++) {
		char path[256];
		size_t k = 0;
		for (const char *p = routes[i].pattern; *p && k < sizeof(path) - 8;) {
			if (*p == '{') {
				memcpy(path + k, "X1", 2);
				k += 2;
				p = strchr(p, '}') + 1;
			} else {
				path[k++] = *p++;
			}
		}
		path[k] = '\0';
		unsigned method = routes[i].methods & -routes[i].methods; /* lowest bit */
		struct route_match m;
		enum route_result r = router_match(routes, nroutes, method, path, a, &m);
		if (r != ROUTE_FOUND || m.route_index != i)
			fail_msg("%s (%s) reaches route %zu, result %d", path, routes[i].pattern,
				 m.route_index, r);
		if (strchr(routes[i].pattern, '{'))
			assert_true(m.nparams > 0);
	}
}

static void test_real_table_known_paths(void **state)
{
	struct arena *a = *state;
	struct route_match m;
	assert_int_equal(router_match(routes, nroutes, RM_GET, "/hubs/SW4", a, &m), ROUTE_FOUND);
	assert_string_equal(m.route->pattern, "/hubs/{code}");
	assert_string_equal(route_param(&m, "code"), "SW4");
	assert_int_equal(router_match(routes, nroutes, RM_HEAD, "/projects/NCP24-04", a, &m),
			 ROUTE_FOUND);
	assert_string_equal(route_param(&m, "code"), "NCP24-04");
	assert_int_equal(router_match(routes, nroutes, RM_GET, "/api/v1/openapi.json", a, &m),
			 ROUTE_FOUND);
	assert_string_equal(m.route->pattern, "/api/v1/openapi.json");
	assert_true(m.route->flags & RF_API);
	assert_int_equal(router_match(routes, nroutes, RM_GET, "/hubs/", a, &m), ROUTE_NOT_FOUND);
	assert_int_equal(router_match(routes, nroutes, RM_POST, "/hubs", a, &m),
			 ROUTE_METHOD_NOT_ALLOWED);
	assert_int_equal(m.allowed, RM_GET | RM_HEAD);
}

int main(void)
{
	routes = routes_table(&nroutes);
	log_set_quiet(1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_literal_routes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_param_route, setup, teardown),
		cmocka_unit_test_setup_teardown(test_method_selects_route, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_params, setup, teardown),
		cmocka_unit_test_setup_teardown(test_param_values_are_copies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_match_extra_or_missing_segments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_segment_does_not_match_param, setup, teardown),
		cmocka_unit_test_setup_teardown(test_head_matches_get_routes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_head_without_get_is_405, setup, teardown),
		cmocka_unit_test_setup_teardown(test_405_allowed_sets, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_method_never_found, setup, teardown),
		cmocka_unit_test(test_allow_header),
		cmocka_unit_test_setup_teardown(test_allow_header_from_405, setup, teardown),
		cmocka_unit_test(test_allow_header_small_buffer),
		cmocka_unit_test(test_method_bit),
		cmocka_unit_test(test_real_table_well_formed),
		cmocka_unit_test(test_real_table_no_duplicates),
		cmocka_unit_test_setup_teardown(test_real_table_every_route_reachable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_real_table_known_paths, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
