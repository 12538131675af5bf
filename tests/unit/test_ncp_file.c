/*
 * test_ncp_file.c - ncp_file_read (catalogue/ncp_file.h), the rules both
 * the shipped catalogue and `mathshubs import-catalogue` are read by: the
 * header by name, each field's rule with its line, every problem of a row
 * and of the file, codes of the year, and the shipped file itself (no
 * problem, 34 projects, as 2024/25's).
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

#include "catalogue/ncp_file.h"
#include "core/arena.h"
#include "unit_util.h"

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

static void read_text(struct arena *a, const char *text, int year, struct ncp_file *f)
{
	ncp_file_read(a, text, strlen(text), year, f);
}

/* Asserts problem i is (line, msg). */
static void problem_is(const struct ncp_file *f, size_t i, size_t line, const char *msg)
{
	assert_true(i < f->nproblems);
	assert_int_equal(f->problems[i].line, line);
	assert_string_equal(f->problems[i].msg, msg);
}

static void test_good_rows(void **state)
{
	struct ncp_file f;
	/* columns in another order, one more column, a quoted title with a comma, CR LF, a blank line */
	read_text(*state,
		  "kind,develops_llmes,notes,code,phases,title\r\n"
		  "Programme,yes,x,NCP26-01,Post-16;Primary,\"Leaders, cohort 1\"\r\n"
		  "\r\n"
		  "Targeted Support,no,,NCP26-09s,Secondary,Support \xe2\x80\x93 one school\r\n",
		  2026, &f);
	assert_int_equal(f.nproblems, 0);
	assert_int_equal(f.nrows, 2);
	assert_string_equal(f.rows[0].code, "NCP26-01");
	assert_string_equal(f.rows[0].title, "Leaders, cohort 1");
	assert_string_equal(f.rows[0].kind, "Programme");
	assert_true(f.rows[0].develops_llmes);
	assert_int_equal(f.rows[0].nphases, 2);
	assert_string_equal(f.rows[0].phases[0], "Primary"); /* the vocabulary's order */
	assert_string_equal(f.rows[0].phases[1], "Post-16");
	assert_int_equal(f.rows[0].line, 2);
	assert_int_equal(f.rows[1].line, 4);
	assert_string_equal(f.rows[1].code, "NCP26-09s");
	assert_false(f.rows[1].develops_llmes);
	assert_string_equal(f.rows[1].title, "Support \xe2\x80\x93 one school");
}

static void test_every_problem_with_its_line(void **state)
{
	struct ncp_file f;
	read_text(*state,
		  "code,title,kind,phases,develops_llmes\n"
		  "NCP25-01,A,Programme,Primary,yes\n"         /* 2: another year's code */
		  "NCP26-02,,Course,Primary;Primary,maybe\n"   /* 3: title, kind, phase twice, llmes */
		  "NCP26-03,C,Community,Nursery;,no\n"          /* 4: unknown phase */
		  "NCP26-04,D,Community,,no\n"                  /* 5: no phase */
		  "NCP26-03,E,Work Group,Secondary,no\n"        /* 6: code twice */
		  "NCP26-0 6,F,Work Group,Secondary,no\n"       /* 7: a space in the code */
		  "NCP26-,G,Work Group,Secondary,no\n"          /* 8: nothing after the prefix */
		  ",H,Work Group,Secondary,no\n"                /* 9: no code */
		  "NCP26-10,I,Work Group,Secondary\n",          /* 10: a row cut short */
		  2026, &f);
	const char *year = "is not one of 2026/27: it must be NCP26- followed by letters or digits, as NCP26-01";
	char m[256];
	size_t i = 0;
	snprintf(m, sizeof(m), "code \"NCP25-01\" %s", year);
	problem_is(&f, i++, 2, m);
	problem_is(&f, i++, 3, "no title");
	problem_is(&f, i++, 3, "kind \"Course\" is not one of Work Group, Programme, Community or Targeted Support");
	problem_is(&f, i++, 3, "phase Primary is given twice");
	problem_is(&f, i++, 3, "develops_llmes \"maybe\" must be yes or no");
	problem_is(&f, i++, 4, "phase \"Nursery\" is not one of Primary, Secondary or Post-16");
	problem_is(&f, i++, 5, "no phase: give one or more of Primary, Secondary and Post-16, separated by \";\"");
	problem_is(&f, i++, 6, "code NCP26-03 is on line 4 too");
	snprintf(m, sizeof(m), "code \"NCP26-0 6\" %s", year);
	problem_is(&f, i++, 7, m);
	snprintf(m, sizeof(m), "code \"NCP26-\" %s", year);
	problem_is(&f, i++, 8, m);
	problem_is(&f, i++, 9, "no code");
	problem_is(&f, i++, 10, "develops_llmes \"\" must be yes or no");
	assert_int_equal(f.nproblems, i);
	assert_int_equal(f.nrows, 0); /* line 6's NCP26-03 is a second though line 4's has a problem of its own */
}

static void test_title_length(void **state)
{
	char text[1024], title[NCP_TITLE_MAX * 2 + 8];
	/* NCP_TITLE_MAX characters of two bytes each are allowed; one more is not */
	for (size_t i = 0; i < NCP_TITLE_MAX; i++)
		memcpy(title + 2 * i, "\xc3\xa9", 2);
	title[2 * NCP_TITLE_MAX] = '\0';
	struct ncp_file f;
	snprintf(text, sizeof(text), "code,title,kind,phases,develops_llmes\nNCP30-01,%s,Programme,Primary,no\n", title);
	read_text(*state, text, 2030, &f);
	assert_int_equal(f.nproblems, 0);
	assert_int_equal(f.nrows, 1);
	snprintf(text, sizeof(text), "code,title,kind,phases,develops_llmes\nNCP30-01,%sx,Programme,Primary,no\n", title);
	read_text(*state, text, 2030, &f);
	problem_is(&f, 0, 2, "the title has 201 characters: at most 200");
}

static void test_the_file_as_a_whole(void **state)
{
	struct ncp_file f;
	read_text(*state, "", 2026, &f);
	problem_is(&f, 0, 0, "the file is empty");
	read_text(*state, "code,title,kind,phases,develops_llmes\n", 2026, &f);
	problem_is(&f, 0, 1, "the file has a header but no projects");
	assert_int_equal(f.nproblems, 1);
	read_text(*state, "code,name,kind,phases\nNCP26-01,A,Programme,Primary\n", 2026, &f);
	problem_is(&f, 0, 1, "no column called \"title\"");
	problem_is(&f, 1, 1, "no column called \"develops_llmes\"");
	problem_is(&f, 2, 1, "the first row must be the header code,title,kind,phases,develops_llmes");
	assert_int_equal(f.nproblems, 3);
	assert_int_equal(f.nrows, 0);
	read_text(*state, "code,title\n\"NCP26-01,A\n", 2026, &f);
	assert_int_equal(f.nproblems, 1);
	assert_int_equal(f.problems[0].line, 0);
	assert_non_null(strstr(f.problems[0].msg, "line 2"));
}

static void test_code_prefix(void **state)
{
	(void)state;
	char p[8];
	ncp_code_prefix(2026, p);
	assert_string_equal(p, "NCP26-");
	ncp_code_prefix(2000, p);
	assert_string_equal(p, "NCP00-");
	ncp_code_prefix(2009, p);
	assert_string_equal(p, "NCP09-");
}

static void test_shipped_file(void **state)
{
	char path[1024];
	unit_source_path("data/ncps-2024-25.csv", path, sizeof(path));
	size_t len = 0;
	char *data = unit_read_file(path, &len);
	assert_non_null(data);
	struct ncp_file f;
	ncp_file_read(*state, data, len, 2024, &f);
	assert_int_equal(f.nproblems, 0);
	assert_int_equal(f.nrows, 34);
	ncp_file_read(*state, data, len, 2025, &f); /* its codes are 2024/25's */
	assert_int_equal(f.nrows, 0);
	assert_int_equal(f.nproblems, 34);
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_good_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_problem_with_its_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_title_length, setup, teardown),
		cmocka_unit_test_setup_teardown(test_the_file_as_a_whole, setup, teardown),
		cmocka_unit_test(test_code_prefix),
		cmocka_unit_test_setup_teardown(test_shipped_file, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
