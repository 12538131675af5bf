/*
 * test_search_text.c - the words of the school search (registry/
 * search_text.c): folding names as GIAS spells them (accents, apostrophes,
 * ampersands, Welsh), the words a school is found by, and reading what a
 * person types into the search (words, a URN, a postcode, the picker's
 * text). Names are real GIAS names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "registry/search_text.h"

static void test_fold(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	static const char *const cases[][2] = {
		{"The Aldgate School", "the aldgate school"},
		{"Sir John Cass's Foundation Primary School", "sir john casss foundation primary school"},
		{"St Mary\xE2\x80\x99s CofE (Aided) Junior School", "st marys cofe aided junior school"}, /* curly apostrophe */
		{"Ecole Fran\xC3\xA7" "aise de Londres Jacques Pr\xC3\xA9vert", "ecole francaise de londres jacques prevert"},
		{"Awel Y M\xC3\xB4r Primary School", "awel y mor primary school"},
		{"Ysgol Gymraeg Llundain, Ysgol \xC5\xB5yn", "ysgol gymraeg llundain ysgol wyn"}, /* w circumflex */
		{"St Thomas \xC3\xA0 Becket", "st thomas a becket"},
		{"Saints Peter & Paul", "saints peter and paul"},
		{"Stoke-on-Trent  \t(Sixth\nForm)", "stoke on trent sixth form"},
		{"North Star 82\xC2\xB0", "north star 82"},
		{"Gro\xC3\x9F\xC3\xA6 \xC5\x92uvre", "grossae oeuvre"},
		{"e\xCC\x81" "cole", "ecole"}, /* e + combining acute */
		{"EC3A 5DE", "ec3a 5de"},
		{"bad \xFF bytes", "bad bytes"},
		{"!!!", ""},
		{"", ""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(search_fold(a, cases[i][0]), cases[i][1]);
	assert_string_equal(search_fold(a, NULL), "");
	arena_free(a);
}

static void test_terms(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	assert_string_equal(search_terms(a, "The Aldgate School", "London", "EC3A 5DE", "100000"),
			    "the aldgate school london ec3a 5de ec3a5de 100000");
	/* "st" is also found as "saint", and the other way round */
	assert_string_equal(search_terms(a, "St Mary's Catholic Primary School", "Gosport", "PO12 3NB", "116394"),
			    "st marys catholic primary school saint gosport po12 3nb po123nb 116394");
	assert_string_equal(search_terms(a, "Saint James' Church of England Primary School", "Emsworth", "", "116331"),
			    "saint james church of england primary school st emsworth 116331");
	assert_string_equal(search_postcode_key(a, "gu34 5re"), "gu345re");
	arena_free(a);
}

static void test_query(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct search_query q;
	assert_true(search_query_parse(a, "aldg sch", &q));
	assert_string_equal(q.match, "aldg* sch*");
	assert_string_equal(q.folded, "aldg sch");
	assert_string_equal(q.compact, "aldgsch");
	assert_null(q.urn);
	assert_int_equal(q.nwords, 2);

	assert_true(search_query_parse(a, "  EC3A 5DE ", &q));
	assert_string_equal(q.match, "ec3a* 5de*");
	assert_string_equal(q.compact, "ec3a5de");

	/* a URN typed alone is a URN and a word */
	assert_true(search_query_parse(a, "100000", &q));
	assert_string_equal(q.urn, "100000");
	assert_false(q.picked);
	assert_string_equal(q.match, "100000*");

	/* the picker's text: the URN only */
	assert_true(search_query_parse(a, "The Aldgate School (URN 100000), London, EC3A 5DE", &q));
	assert_true(q.picked);
	assert_string_equal(q.urn, "100000");
	assert_string_equal(q.match, "100000*");

	/* what FTS5 or tsquery would read as syntax is gone */
	assert_true(search_query_parse(a, "\"st\" OR NOT (mary's) & * :", &q));
	assert_string_equal(q.match, "st* or* not* marys* and*");

	/* at most 8 words, each at most 40 characters */
	assert_true(search_query_parse(a, "a b c d e f g h i j", &q));
	assert_int_equal(q.nwords, SEARCH_MAX_WORDS);
	assert_string_equal(q.match, "a* b* c* d* e* f* g* h*");
	char longword[61];
	memset(longword, 'x', 60);
	longword[60] = '\0';
	assert_true(search_query_parse(a, longword, &q));
	assert_int_equal(strlen(q.folded), SEARCH_MAX_WORD);

	assert_false(search_query_parse(a, "?!", &q));
	assert_false(search_query_parse(a, "", &q));
	assert_false(search_query_parse(a, NULL, &q));
	assert_string_equal(q.match, "");
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_query),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
