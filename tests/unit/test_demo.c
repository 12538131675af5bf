/*
 * test_demo.c - the pure parts of the demo data: the random numbers
 * (demo/rng.c), names made email words (demo/names.c), dates and numbers
 * (demo/run.c), and the registry's rules (registry/demo_rules.c): names
 * put right, the kind a school's name suggests, the local authority of a
 * postcode.
 *
 * Expected values: splitmix64's outputs for the seed 1234567 and
 * xoshiro256**'s for the state {1, 2, 3, 4}, as their authors' reference
 * code gives them (and independent implementations print); the register's
 * real mis-decoded names (../shared/data/gias/DFE-Digital__register-
 * trainee-teachers/schools.csv) and the names GIAS has for those schools;
 * local authorities' GIAS codes (data/local-authorities.csv).
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
#include "core/clock.h"
#include "demo/demo.h"
#include "registry/demo_rules.h"

static void test_splitmix64_reference(void **state)
{
	(void)state;
	static const uint64_t want[] = {6457827717110365317u, 3203168211198807973u, 9817491932198370423u,
					4593380528125082431u, 16408922859458223821u};
	uint64_t x = 1234567;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_true(demo_splitmix64(&x) == want[i]);
}

static void test_xoshiro_reference(void **state)
{
	(void)state;
	static const uint64_t want[] = {11520u, 0u, 1509978240u, 1215971899390074240u};
	struct demo_rng r;
	demo_rng_state(&r, (const uint64_t[4]){1, 2, 3, 4});
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_true(demo_rng_next(&r) == want[i]);
}

static void test_streams(void **state)
{
	(void)state;
	struct demo_rng a, b, c, e;
	demo_rng_seed(&a, 1, "people");
	demo_rng_seed(&b, 1, "people");
	demo_rng_seed(&c, 1, "schools");
	demo_rng_seed(&e, 2, "people");
	int same_c = 0, same_e = 0;
	for (int i = 0; i < 100; i++) {
		uint64_t x = demo_rng_next(&a);
		assert_true(x == demo_rng_next(&b)); /* the same seed and stream: the same numbers */
		same_c += x == demo_rng_next(&c);
		same_e += x == demo_rng_next(&e);
	}
	assert_int_equal(same_c, 0); /* another stream, or another seed: others */
	assert_int_equal(same_e, 0);
}

static void test_below_bounds_and_spread(void **state)
{
	(void)state;
	struct demo_rng r;
	demo_rng_seed(&r, 42, "test");
	int counts[10] = {0};
	for (int i = 0; i < 100000; i++) {
		uint64_t v = demo_rng_below(&r, 10);
		assert_true(v < 10);
		counts[v]++;
	}
	for (int i = 0; i < 10; i++) /* 10,000 expected each; 5 standard deviations is about 475 */
		assert_in_range(counts[i], 9500, 10500);
	assert_int_equal(demo_rng_below(&r, 1), 0);
	assert_int_equal(demo_rng_below(&r, 0), 0);
	for (int i = 0; i < 1000; i++)
		assert_in_range(demo_rng_range(&r, -3, 3) + 3, 0, 6);
	int yes = 0;
	for (int i = 0; i < 100000; i++)
		yes += demo_rng_percent(&r, 30);
	assert_in_range(yes, 29300, 30700);
	for (int i = 0; i < 1000; i++) {
		assert_false(demo_rng_percent(&r, 0));
		assert_true(demo_rng_percent(&r, 100));
	}
}

static void test_names(void **state)
{
	(void)state;
	struct demo_rng r;
	demo_rng_seed(&r, 7, "names");
	struct arena *a = arena_new();
	for (int i = 0; i < 2000; i++) {
		const char *first, *last;
		demo_name(&r, &first, &last);
		assert_true(first[0] && last[0]);
		const char *w = demo_email_word(a, first);
		assert_true(w[0]);
		for (const char *c = w; *c; c++) /* every name makes a word of an address */
			assert_true((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-');
	}
	arena_free(a);
}

static void test_email_words(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{"Zoë", "zoe"}, {"O'Brien", "obrien"}, {"O\u2019Brien", "obrien"}, {"Ní Bhriain", "ni-bhriain"},
		{"Smith-Jones", "smith-jones"}, {"Ó Súilleabháin", "o-suilleabhain"}, {"Łukasz", "lukasz"},
		{"Ayşe", "ayse"}, {"Min-jun", "min-jun"}, {"Wiśniewski", "wisniewski"}, {"Dvořáková", "dvorakova"},
		{"  Anna  ", "anna"}, {"El-Sayed", "el-sayed"}, {"", ""},
	};
	struct arena *a = arena_new();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(demo_email_word(a, cases[i][0]), cases[i][1]);
	arena_free(a);
}

static void test_dates(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	assert_string_equal(demo_date(a, 2024, 2, 31), "2024-02-29"); /* past the month's end: its last day */
	assert_string_equal(demo_date(a, 2023, 2, 30), "2023-02-28");
	assert_string_equal(demo_date(a, 2024, 13, 1), "2025-01-01"); /* past December: the next year */
	assert_string_equal(demo_date(a, 2024, 9, 1), "2024-09-01");
	assert_true(demo_time(2024, 9, 1) == 1725148800 + 9 * 3600); /* 09:00 UTC */
	assert_true(demo_year_time(2024, 7, 1) == demo_time(2025, 7, 1)); /* July of 2024/25 is in 2025 */
	assert_true(demo_year_time(2024, 10, 1) == demo_time(2024, 10, 1));
	assert_string_equal(demo_thousands(a, 0), "0");
	assert_string_equal(demo_thousands(a, 999), "999");
	assert_string_equal(demo_thousands(a, 25243), "25,243");
	assert_string_equal(demo_thousands(a, 1234567), "1,234,567");
	assert_string_equal(demo_thousands(a, -4685), "-4,685");
	struct demo_person p = {.joined = 2023, .left = 2025};
	assert_false(demo_person_in(&p, 2022));
	assert_true(demo_person_in(&p, 2023));
	assert_true(demo_person_in(&p, 2024));
	assert_false(demo_person_in(&p, 2025)); /* left: not from that year */
	p.left = 0;
	assert_true(demo_person_in(&p, 2030));
	arena_free(a);
}

static void test_repair_names(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{"Ecole Franзaise de Londres Jacques Prйvert", "Ecole Française de Londres Jacques Prévert"},
		{"St Thomas а Becket Church of England Aided Primary School",
		 "St Thomas à Becket Church of England Aided Primary School"},
		{"Samarиs School", "Samarès School"},
		{"Awel Y Mфr Primary School", "Awel Y Môr Primary School"},
		{"Sir Gвr", "Sir Gâr"},
		{"Llechan Lвn Centres", "Llechan Lân Centres"},
		/* what Windows-1251 and 1252 have alike, and plain text, stay */
		{"St Stephen’s International", "St Stephen’s International"},
		{"North Star 82°", "North Star 82°"},
		{"The Aldgate School", "The Aldgate School"},
	};
	struct arena *a = arena_new();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(demo_repair_name(a, cases[i][0]), cases[i][1]);
	arena_free(a);
}

static void test_kinds(void **state)
{
	(void)state;
	static const struct {
		const char *name, *phase, *type, *group;
		int low, high;
	} cases[] = {
		{"The Aldgate School", "Primary", "Community school", "Local authority maintained schools", 4, 11},
		{"St Mary's CofE Primary School", "Primary", "Voluntary controlled school",
		 "Local authority maintained schools", 4, 11},
		{"St Joseph's Catholic Primary School", "Primary", "Voluntary aided school",
		 "Local authority maintained schools", 4, 11},
		{"Hillside Infant School", "Primary", "Community school", "Local authority maintained schools", 4, 7},
		{"Hillside Junior School", "Primary", "Community school", "Local authority maintained schools", 7, 11},
		{"Oakwood High School", "Secondary", "Community school", "Local authority maintained schools", 11, 16},
		{"King Edward VI Grammar School", "Secondary", "Community school", "Local authority maintained schools",
		 11, 18},
		{"Harris Academy Peckham", "Secondary", "Academy sponsor led", "Academies", 11, 16},
		{"Ark Franklin Primary Academy", "Primary", "Academy sponsor led", "Academies", 4, 11},
		{"Rosebank Nursery School", "Nursery", "Local authority nursery school", "Local authority maintained schools",
		 2, 5},
		{"Meadowbank Special School", "Not applicable", "Community special school", "Special schools", 3, 19},
		{"Francis Barber Pupil Referral Unit", "Not applicable", "Pupil referral unit",
		 "Local authority maintained schools", 11, 16},
		{"St Francis Xavier Sixth Form College", "16 plus", "Further education", "Colleges", 16, 19},
		{"St Francis College", "Not applicable", "Other independent school", "Independent schools", 11, 18},
		{"Lyndhurst House Preparatory School", "Not applicable", "Other independent school", "Independent schools",
		 3, 13},
		{"Sandringham Community College", "Secondary", "Community school", "Local authority maintained schools",
		 11, 16},
		{"Elstree University Technical College", "Secondary", "University technical college", "Free Schools", 14,
		 19},
		{"Becket Keys Church of England Free School", "Primary", "Free schools", "Free Schools", 4, 11},
		{"Hartsholme Middle School", "Middle deemed secondary", "Community school",
		 "Local authority maintained schools", 9, 13},
		{"Oasis All Through Academy", "All-through", "Academy sponsor led", "Academies", 4, 18},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct demo_kind k;
		demo_kind_of(cases[i].name, &k);
		if (strcmp(k.phase, cases[i].phase) || strcmp(k.type, cases[i].type) || strcmp(k.type_group, cases[i].group) ||
		    k.low_age != cases[i].low || k.high_age != cases[i].high)
			fail_msg("%s: %s, %s, %s, %d to %d", cases[i].name, k.phase, k.type, k.type_group, k.low_age, k.high_age);
	}
	struct demo_kind k;
	demo_kind_of("St Mary's CofE Primary School", &k);
	assert_true(k.may_convert);
	demo_kind_converter(&k);
	assert_string_equal(k.type, "Academy converter");
	assert_string_equal(k.type_group, "Academies");
	assert_string_equal(k.phase, "Primary");
	assert_false(k.may_convert);
	demo_kind_of("Harris Academy Peckham", &k);
	assert_false(k.may_convert); /* an academy already */
	assert_string_equal(demo_programme_phase("Nursery"), "Primary");
	assert_string_equal(demo_programme_phase("All-through"), "Secondary");
	assert_string_equal(demo_programme_phase("16 plus"), "Post-16");
	assert_null(demo_programme_phase("Not applicable"));
}

static void test_postcodes(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{"EC3A 5DE", "201"}, /* City of London: its district */
		{"ec3a5de", "201"},  /* any case, with or without the space */
		{"EX4 4QJ", "878"},  /* Devon */
		{"EX99 1AA", "878"}, /* a district the table does not name: its area's */
		{"M1 1AE", "352"},   /* Manchester, by its area */
		{"CA3 8QG", "942"},  /* Cumberland: 2023's code */
		{"TD15 1BT", "929"}, /* Berwick-upon-Tweed: Northumberland */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *la = demo_postcode_la(cases[i][0]);
		if (!la || strcmp(la, cases[i][1]))
			fail_msg("%s: %s, not %s", cases[i][0], la ? la : "none", cases[i][1]);
	}
	/* Wales, Scotland, the islands, and what is not a postcode: none */
	static const char *const none[] = {"CF10 1AA", "SA1 1AA", "LL11 2AA", "NP20 1AA", "CH7 1AA", "TD1 1AA",
					   "EH1 1AA", "JE2 4QA", "GY1 1AA", "IM1 1AA", "", "NIGERIA", "EC3A",
					   "12345", "EC3A 5D"};
	for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
		const char *la = demo_postcode_la(none[i]);
		if (la)
			fail_msg("\"%s\": %s", none[i], la);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_splitmix64_reference),
		cmocka_unit_test(test_xoshiro_reference),
		cmocka_unit_test(test_streams),
		cmocka_unit_test(test_below_bounds_and_spread),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_email_words),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_repair_names),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_postcodes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
