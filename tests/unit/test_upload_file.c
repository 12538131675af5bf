/*
 * test_upload_file.c - a file of people as read by upload_file_read
 * (admin/upload_file.h): headings in any case, spacing and their other
 * names, columns in any order and of their own, ragged rows, lines as an
 * editor shows them; what is wrong with a whole file; and upload_role, the
 * role a cell names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "admin/upload_file.h"
#include "core/arena.h"

static struct arena *A;
static struct upload_file F;

static int setup(void **state)
{
	(void)state;
	A = arena_new();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(A);
	return 0;
}

static void read_text(const char *text)
{
	upload_file_read(A, text, strlen(text), &F);
}

static void test_headings_any_case_order_and_name(void **state)
{
	(void)state;
	read_text("Hub, ROLE ,Favourite colour,e-mail address,Full Name,job_title,URN\r\n"
		  "sw4,LLME,blue,ada@x.example,Ada Lovelace,Head of maths,100000\r\n");
	assert_null(F.problem);
	assert_int_equal(F.nrows, 1);
	const struct upload_row *r = &F.rows[0];
	assert_int_equal(r->line, 2);
	assert_string_equal(r->v[UC_NAME], "Ada Lovelace");
	assert_string_equal(r->v[UC_EMAIL], "ada@x.example");
	assert_string_equal(r->v[UC_URN], "100000");
	assert_string_equal(r->v[UC_JOB], "Head of maths");
	assert_string_equal(r->v[UC_ROLE], "LLME");
	assert_string_equal(r->v[UC_HUB], "sw4");
	assert_false(r->extra);
}

static void test_ragged_rows_and_lines(void **state)
{
	(void)state;
	/* the optional columns missing altogether; a short row; a long row; a blank line and a row of empty cells */
	read_text("Name,Email,Role\nAda,ada@x.example\n\n,,\nBob,bob@x.example,LLME,,\nCy,\"cy@x.example\",LLME,extra\n");
	assert_null(F.problem);
	assert_int_equal(F.nrows, 3);
	assert_int_equal(F.rows[0].line, 2);
	assert_string_equal(F.rows[0].v[UC_ROLE], "");
	assert_string_equal(F.rows[0].v[UC_URN], "");
	assert_false(F.rows[0].extra);
	assert_int_equal(F.rows[1].line, 5);
	assert_false(F.rows[1].extra); /* empty cells beyond the header are nothing */
	assert_int_equal(F.rows[2].line, 6);
	assert_true(F.rows[2].extra);
}

static void test_whole_file_problems(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		size_t len;
		const char *problem;
	} cases[] = {
		{"", 0, "The selected file is empty"},
		{"\r\n\r\n", 4, "The selected file is empty"},
		{"PK\x03\x04zz", 6, "The selected file must be a CSV file: in Excel, choose Save As and then CSV UTF-8 (comma delimited)"},
		{"\xff\xfeN\0", 4, "The selected file is saved as Unicode text: save it as CSV UTF-8 (comma delimited) and upload it again"},
		{"Name,Hub\nAda,SW4\n", 17, "The first row of the selected file must name the columns, as the template does: Email and Role are missing"},
		{"Person\nAda\n", 11, "The first row of the selected file must name the columns, as the template does: Name, Email and Role are missing"},
		{"Name,Email,Role,Full name\n", 26, "The first row of the selected file has two Name columns: remove one"},
		{"Name,Email,Role\n", 16, "The selected file has no people in it: add a row for each person below the first row"},
		{"Name,Email,Role\nAda,\"ada,LLME\n", 29, "Line 2 of the selected file has a value in quotes that is not closed: check the quotes on that line"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		upload_file_read(A, cases[i].text, cases[i].len, &F);
		assert_non_null(F.problem);
		assert_string_equal(F.problem, cases[i].problem);
	}
}

static void test_windows_1252(void **state)
{
	(void)state;
	read_text("Name,Email,Role\nRen\xe9""e O\x92Neill,renee@x.example,Participant\n");
	assert_null(F.problem);
	assert_string_equal(F.rows[0].v[UC_NAME], "Renée O’Neill");
}

/* A file pieced together from a UTF-8 one and a Windows-1252 one: each
 * line read in its own encoding, neither garbled. */
static void test_mixed_encodings(void **state)
{
	(void)state;
	read_text("Name,Email,Role\n"
		  "Ren\xc3\xa9""e O\xe2\x80\x99Neill,renee@x.example,Participant\n"
		  "Zo\xeb Br\xf6nte,zoe@x.example,Participant\n");
	assert_null(F.problem);
	assert_int_equal(F.nrows, 2);
	assert_string_equal(F.rows[0].v[UC_NAME], "Renée O’Neill");
	assert_string_equal(F.rows[1].v[UC_NAME], "Zoë Brönte");
}

static void test_roles(void **state)
{
	(void)state;
	static const struct {
		const char *cell;
		enum role role;
	} named[] = {
		{"LLME", ROLE_LLME}, {"llme", ROLE_LLME}, {"Local leader of mathematics education", ROLE_LLME},
		{"Local leader of mathematics education (LLME)", ROLE_LLME}, {"MHL", ROLE_MHL}, {"Maths Hub Lead", ROLE_MHL},
		{"amhl", ROLE_AMHL}, {"Assistant Maths Hub Lead", ROLE_AMHL}, {"Hub manager", ROLE_HUB_MANAGER},
		{"hub_manager", ROLE_HUB_MANAGER}, {"HUB-MANAGER", ROLE_HUB_MANAGER}, {"participant", ROLE_PARTICIPANT},
		{"Headteacher", ROLE_HEADTEACHER}, {"National administrator", ROLE_NATIONAL_ADMIN},
		{"national_analyst", ROLE_NATIONAL_ANALYST}, {"Project Lead", ROLE_PROJECT_LEAD},
	};
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		enum role r = ROLE_COUNT;
		assert_true(upload_role(named[i].cell, &r));
		assert_int_equal(r, named[i].role);
	}
	/* every role by its key and by its name */
	for (int k = 0; k < ROLE_COUNT; k++) {
		enum role r = ROLE_COUNT;
		assert_true(upload_role(role_key((enum role)k), &r));
		assert_int_equal(r, k);
		assert_true(upload_role(role_name((enum role)k), &r));
		assert_int_equal(r, k);
	}
	enum role r;
	assert_false(upload_role("", &r));
	assert_false(upload_role("Boss", &r));
	assert_false(upload_role("Head", &r));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_headings_any_case_order_and_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ragged_rows_and_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_whole_file_problems, setup, teardown),
		cmocka_unit_test_setup_teardown(test_windows_1252, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mixed_encodings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_roles, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
