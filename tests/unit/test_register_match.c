/*
 * test_register_match.c - a paper sign-in sheet typed up and uploaded as
 * CSV, read and matched to a session's participants
 * (activities/register_match.c): a UTF-8 sheet with a byte-order mark, a
 * title above its headings, CR LF and ragged rows; a Windows-1252 one from
 * Excel with first name and surname columns, semicolons and Wingdings
 * ticks; a plain list of names; every status (matched, ambiguous,
 * unmatched, duplicate), the school's lineage, the ways a mark is reached,
 * and the files that cannot be read at all.
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

#include "activities/register_match.h"
#include "core/arena.h"

static struct arena *A;

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

/* Oakfield Primary School (100002) became Oakfield Academy (140002). */
static const struct reg_school oakfield_before[] = {{"100002", "Oakfield Primary School"}};

/* A Work Group's participants, as the register page reads them. */
static const struct reg_participant PEOPLE[] = {
	/* 0 */ {101, "Ann Archer", {"100001", "St Mary's Church of England Primary School"}, NULL, 0},
	/* 1 */ {102, "Zo\xC3\xAB Kowalski", {"140002", "Oakfield Academy"}, oakfield_before, 1},
	/* 2 */ {103, "Sam Patel", {"100003", "Brook Lane Junior School"}, NULL, 0},
	/* 3 */ {104, "Jo Smith", {"100001", "St Mary's Church of England Primary School"}, NULL, 0},
	/* 4 */ {105, "Jo Smith", {"100004", "Elm Tree Infant School"}, NULL, 0},
	/* 5 */ {106, "Siobh\xC3\xA1n O'Neill", {"100005", "The Grange School"}, NULL, 0},
	/* 6 */ {107, "Chris Lee", {NULL, NULL}, NULL, 0}, /* a college lecturer: no school */
	/* 7 */ {108, "Priya Patel", {"100003", "Brook Lane Junior School"}, NULL, 0},
};
#define NPEOPLE (sizeof(PEOPLE) / sizeof(PEOPLE[0]))

static struct reg_sheet read_and_match(const char *data, size_t len)
{
	struct reg_sheet s;
	register_sheet_read(A, data, len, &s);
	if (!s.problem)
		register_sheet_match(A, &s, PEOPLE, NPEOPLE);
	return s;
}

static const struct reg_row *row_at(const struct reg_sheet *s, size_t line)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->rows[i].line == line)
			return &s->rows[i];
	fail_msg("no row on line %zu", line);
	static const struct reg_row none = {0};
	return &none;
}

/* Typed up from the printed sheet in a spreadsheet and saved as CSV UTF-8. */
static const char SHEET[] =
	"\xEF\xBB\xBFWork Group session 3: sign-in sheet,,,\r\n"            /* 1 */
	"\r\n"                                                              /* 2 */
	"Name,School,Signature,Notes\r\n"                                   /* 3 */
	"Ann Archer,St Mary's CE Primary,A Archer\r\n"                      /* 4 matched, signed */
	"\"Kowalski, Zo\xC3\xAB\",Oakfield Primary School,ZK,\r\n"           /* 5 matched by the old school */
	"Jo Smith,St Marys,,\r\n"                                           /* 6 matched (St Mary's), not signed */
	"Jo Smith,,Jo,\r\n"                                                 /* 7 ambiguous: no school */
	"Sam Patel,100003,apols\r\n"                                        /* 8 a URN alone; apologies in the box */
	"Mrs Siobhan O'Neill,Grange School,S O'Neill,arrived at 4.10\r\n"   /* 9 title, accent, "The" */
	"Chris Lee,Leeds City College,CL\r\n"                               /* 10 no school in the activity */
	"Ann Archer,St Mary's,AA\r\n"                                       /* 11 duplicate of 4 */
	"Samantha Patel,Brook Lane,SP\r\n"                                  /* 12 unmatched: two Patels offered */
	",,,\r\n"                                                           /* 13 skipped */
	"Ann Archer,Elm Tree Infant School,AA\r\n"                          /* 14 unmatched: her school is another */
	"Jo Smith,Oakfield,JS\r\n"                                          /* 15 ambiguous: neither at Oakfield */
	",Oakfield,x\r\n"                                                   /* 16 no name */
	"Sam Patel,100003 (URN 100009),SP\r\n";                             /* 17 unmatched: another URN */

static void test_sheet_utf8_bom(void **state)
{
	(void)state;
	struct reg_sheet s = read_and_match(SHEET, sizeof(SHEET) - 1);
	assert_null(s.problem);
	assert_true(s.has_school);
	assert_true(s.has_signature);
	assert_false(s.has_mark);
	assert_int_equal(s.n, 13);

	const struct reg_row *r = row_at(&s, 4);
	assert_string_equal(r->name, "Ann Archer");
	assert_string_equal(r->school, "St Mary's CE Primary");
	assert_int_equal(r->status, REG_MATCHED);
	assert_int_equal(r->participant_id, 101);
	assert_int_equal(r->participant, 0);
	assert_null(r->reason);
	assert_int_equal(r->mark, REG_PRESENT);
	assert_int_equal(r->mark_from, REG_FROM_SIGNED);

	r = row_at(&s, 5);
	assert_string_equal(r->name, "Kowalski, Zo\xC3\xAB");
	assert_string_equal(r->name_key, "zoe kowalski");
	assert_int_equal(r->status, REG_MATCHED);
	assert_int_equal(r->participant_id, 102);

	r = row_at(&s, 6);
	assert_int_equal(r->status, REG_MATCHED);
	assert_int_equal(r->participant_id, 104);
	assert_int_equal(r->mark, REG_ABSENT);
	assert_int_equal(r->mark_from, REG_FROM_NOT_SIGNED);

	r = row_at(&s, 7);
	assert_int_equal(r->status, REG_AMBIGUOUS);
	assert_int_equal(r->participant_id, 0);
	assert_int_equal(r->participant, SIZE_MAX);
	assert_int_equal(r->ncandidates, 2);
	assert_int_equal(r->candidates[0], 3);
	assert_int_equal(r->candidates[1], 4);
	assert_string_equal(r->reason, "2 participants are called Jo Smith, and the row gives no school");

	r = row_at(&s, 8);
	assert_string_equal(r->urn, "100003");
	assert_string_equal(r->school_key, "");
	assert_int_equal(r->status, REG_MATCHED);
	assert_int_equal(r->participant_id, 103);
	assert_int_equal(r->mark, REG_APOLOGIES);
	assert_int_equal(r->mark_from, REG_FROM_SIGNATURE);

	r = row_at(&s, 9);
	assert_string_equal(r->name_key, "siobhan oneill");
	assert_int_equal(r->status, REG_MATCHED);
	assert_int_equal(r->participant_id, 106);
	assert_int_equal(r->mark, REG_PRESENT);

	r = row_at(&s, 10);
	assert_int_equal(r->status, REG_MATCHED);
	assert_int_equal(r->participant_id, 107);

	r = row_at(&s, 11);
	assert_int_equal(r->status, REG_DUPLICATE);
	assert_int_equal(r->participant_id, 101);
	assert_int_equal(r->first_line, 4);
	assert_string_equal(r->reason, "Ann Archer is also on line 4, the row that is recorded");

	r = row_at(&s, 12);
	assert_int_equal(r->status, REG_UNMATCHED);
	assert_string_equal(r->reason, "No participant is called Samantha Patel");
	assert_int_equal(r->ncandidates, 2); /* the same surname */
	assert_int_equal(r->candidates[0], 2);
	assert_int_equal(r->candidates[1], 7);

	r = row_at(&s, 14);
	assert_int_equal(r->status, REG_UNMATCHED);
	assert_int_equal(r->participant_id, 0);
	assert_int_equal(r->ncandidates, 1);
	assert_int_equal(r->candidates[0], 0);
	assert_string_equal(r->reason, "The participant called Ann Archer takes part for St Mary's Church of England "
				       "Primary School, not Elm Tree Infant School");

	r = row_at(&s, 15);
	assert_int_equal(r->status, REG_AMBIGUOUS);
	assert_int_equal(r->ncandidates, 2);
	assert_string_equal(r->reason, "2 participants are called Jo Smith, none of them at Oakfield");

	r = row_at(&s, 16);
	assert_int_equal(r->status, REG_UNMATCHED);
	assert_string_equal(r->reason, "The row has no name");

	r = row_at(&s, 17); /* the picker's text: the URN in brackets, the name before it */
	assert_string_equal(r->urn, "100009");
	assert_string_equal(r->school_key, "100003");
	assert_int_equal(r->status, REG_UNMATCHED);

	assert_int_equal(s.count[REG_MATCHED], 6);
	assert_int_equal(s.count[REG_AMBIGUOUS], 2);
	assert_int_equal(s.count[REG_UNMATCHED], 4);
	assert_int_equal(s.count[REG_DUPLICATE], 1);
	assert_int_equal(s.unread_marks, 0);

	/* matching again (the confirm step's second look) gives the same */
	register_sheet_match(A, &s, PEOPLE, NPEOPLE);
	assert_int_equal(s.count[REG_MATCHED], 6);
	assert_int_equal(row_at(&s, 11)->status, REG_DUPLICATE);
}

/* Excel in Windows-1252, semicolons, surname first, a mark column of Wingdings ticks and letters. */
static const char EXCEL[] = "Surname;First name;School URN;Attendance\n"
			    "Kowalski;Zo\xEB;100002;\xFC\n"  /* ü: Wingdings' tick; the old URN */
			    "Archer;Ann;100001;L\n"
			    "Smith;Jo;100004;A\n"
			    "Patel;Sam;100003;Apols.\n"
			    "Lee;Chris;;maybe\n"
			    "O'Neill;Siobh\xE1n;100005;\n"
			    "Patel;Priya;100003;\xE2\x9C\x93\n"; /* a UTF-8 tick in a Windows-1252 file: read line by line */

static void test_excel_windows_1252(void **state)
{
	(void)state;
	struct reg_sheet s = read_and_match(EXCEL, sizeof(EXCEL) - 1);
	assert_null(s.problem);
	assert_true(s.has_mark);
	assert_false(s.has_signature);
	assert_int_equal(s.n, 7);
	const struct reg_row *r = row_at(&s, 2);
	assert_string_equal(r->name, "Zo\xC3\xAB Kowalski");
	assert_string_equal(r->urn, "100002");
	assert_int_equal(r->status, REG_MATCHED); /* the lineage's URN */
	assert_int_equal(r->participant_id, 102);
	assert_int_equal(r->mark, REG_PRESENT);
	assert_int_equal(r->mark_from, REG_FROM_MARK);
	assert_int_equal(row_at(&s, 3)->mark, REG_LATE);
	assert_int_equal(row_at(&s, 3)->participant_id, 101);
	assert_int_equal(row_at(&s, 4)->mark, REG_ABSENT);
	assert_int_equal(row_at(&s, 4)->participant_id, 105); /* Elm Tree's Jo Smith */
	assert_int_equal(row_at(&s, 5)->mark, REG_APOLOGIES);
	r = row_at(&s, 6);
	assert_int_equal(r->status, REG_MATCHED);
	assert_int_equal(r->mark, REG_MARK_UNREAD);
	assert_string_equal(r->mark_problem, "The mark maybe is not one of present, late, absent or apologies");
	r = row_at(&s, 7);
	assert_string_equal(r->name, "Siobh\xC3\xA1n O'Neill");
	assert_int_equal(r->participant_id, 106);
	assert_int_equal(r->mark, REG_ABSENT);
	assert_int_equal(r->mark_from, REG_FROM_BLANK);
	assert_null(r->mark_problem);
	assert_int_equal(row_at(&s, 8)->mark, REG_PRESENT);
	assert_int_equal(s.count[REG_MATCHED], 7);
	assert_int_equal(s.unread_marks, 1);
}

/* A plain list of who came, its headings repeated where a second page began; LF only, no final line end. */
static void test_list_of_names(void **state)
{
	(void)state;
	static const char f[] = "Full name\nann archer\nNAME\n\nChris  Lee\nJo Smith";
	struct reg_sheet s = read_and_match(f, sizeof(f) - 1);
	assert_null(s.problem);
	assert_false(s.has_school);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.rows[0].participant_id, 101);
	assert_int_equal(s.rows[0].mark, REG_PRESENT);
	assert_int_equal(s.rows[0].mark_from, REG_FROM_LISTED);
	assert_int_equal(s.rows[1].line, 5);
	assert_int_equal(s.rows[1].participant_id, 107);
	assert_int_equal(s.rows[2].status, REG_AMBIGUOUS);
}

/* Both a mark and a signature column: the mark wins; an empty mark falls to the signature. */
static void test_mark_and_signature(void **state)
{
	(void)state;
	static const char f[] = "Present,Signature,URN,Participant name\r\n"
				"N,A Archer,100001,Ann Archer\r\n"
				",ZK,140002,Zoe Kowalski\r\n"
				",,100003,Sam Patel\r\n"
				",AP,100003,Priya Patel\r\n"
				",Late,100005,Siobhan O'Neill\r\n";
	struct reg_sheet s = read_and_match(f, sizeof(f) - 1);
	assert_null(s.problem);
	assert_int_equal(s.n, 5);
	assert_int_equal(s.rows[0].mark, REG_ABSENT);
	assert_int_equal(s.rows[0].mark_from, REG_FROM_MARK);
	assert_int_equal(s.rows[1].mark, REG_PRESENT);
	assert_int_equal(s.rows[1].mark_from, REG_FROM_SIGNED);
	assert_int_equal(s.rows[1].participant_id, 102); /* today's URN */
	assert_int_equal(s.rows[2].mark, REG_ABSENT);
	assert_int_equal(s.rows[2].mark_from, REG_FROM_NOT_SIGNED);
	assert_int_equal(s.rows[3].mark, REG_PRESENT); /* initials AP are a signature, not "apologies" */
	assert_int_equal(s.rows[3].mark_from, REG_FROM_SIGNED);
	assert_int_equal(s.rows[4].mark, REG_LATE);
	assert_int_equal(s.rows[4].mark_from, REG_FROM_SIGNATURE);
	assert_int_equal(s.count[REG_MATCHED], 5);
}

static void test_marks(void **state)
{
	(void)state;
	static const struct {
		const char *cell;
		enum reg_mark mark; /* REG_MARK_UNREAD: not read */
	} cases[] = {
		{"Present", REG_PRESENT}, {" p ", REG_PRESENT}, {"YES", REG_PRESENT}, {"x", REG_PRESENT},
		{"X", REG_PRESENT}, {"\xE2\x9C\x93", REG_PRESENT}, {"\xE2\x9C\x94", REG_PRESENT}, {"/", REG_PRESENT},
		{"\xC3\xBC", REG_PRESENT}, {"Attended", REG_PRESENT}, {"1", REG_PRESENT},
		{"late", REG_LATE}, {"L", REG_LATE}, {"Arrived late", REG_LATE},
		{"Absent", REG_ABSENT}, {"a", REG_ABSENT}, {"No", REG_ABSENT}, {"DNA", REG_ABSENT},
		{"did not attend", REG_ABSENT}, {"\xE2\x9C\x97", REG_ABSENT}, {"\xE2\x9D\x8C", REG_ABSENT},
		{"apologies", REG_APOLOGIES}, {"Apols", REG_APOLOGIES}, {"apol.", REG_APOLOGIES},
		{"Apologies given", REG_APOLOGIES}, {"AP", REG_APOLOGIES}, {"Sent apologies", REG_APOLOGIES},
		{"", REG_MARK_UNREAD}, {"maybe", REG_MARK_UNREAD}, {"u", REG_MARK_UNREAD}, {"pp", REG_MARK_UNREAD},
		{"present?late", REG_MARK_UNREAD},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum reg_mark m = REG_MARK_UNREAD;
		bool ok = reg_mark_read(cases[i].cell, &m);
		if (ok != (cases[i].mark != REG_MARK_UNREAD) || (ok && m != cases[i].mark))
			fail_msg("\"%s\": read %d as %d, expected %d", cases[i].cell, ok, m, cases[i].mark);
	}
	assert_false(reg_mark_read(NULL, &(enum reg_mark){0}));
	enum reg_mark m;
	for (int k = REG_PRESENT; k <= REG_APOLOGIES; k++) {
		assert_true(reg_mark_from_key(reg_mark_key((enum reg_mark)k), &m));
		assert_int_equal(m, k);
		assert_true(reg_mark_read(reg_mark_key((enum reg_mark)k), &m)); /* the keys are read as marks too */
		assert_int_equal(m, k);
	}
	assert_string_equal(reg_mark_key(REG_APOLOGIES), "apologies");
	assert_string_equal(reg_mark_name(REG_APOLOGIES), "Apologies given");
	assert_false(reg_mark_from_key("Present", &m));
	assert_false(reg_mark_from_key("", &m));
}

/* School names said other ways, and two people of one name told apart by school. */
static void test_schools(void **state)
{
	(void)state;
	static const struct reg_participant two[] = {
		{1, "Jo Smith", {"100001", "St Mary's Church of England Primary School"}, NULL, 0},
		{2, "Jo Smith", {"100006", "St Mary's Catholic Primary School"}, NULL, 0},
		{3, "Ali Khan", {"100007", "The Saint John Fisher RC School"}, NULL, 0},
	};
	static const char f[] = "name,school\n"
				"Jo Smith,St. Mary's C of E\n"   /* 2 */
				"Jo Smith,st marys catholic primary school, Leeds\n" /* 3: a comma, unquoted: the rest ignored */
				"Jo Smith,St Mary's\n"           /* 4: both */
				"Ali Khan,St John Fisher\n"      /* 5 */
				"Jo Smith,St Mary's CofE Primary School (URN 100001)\n"; /* 6: the picker's text */
	struct reg_sheet s;
	register_sheet_read(A, f, sizeof(f) - 1, &s);
	assert_null(s.problem);
	register_sheet_match(A, &s, two, 3);
	assert_int_equal(s.rows[0].participant_id, 1);
	assert_string_equal(s.rows[0].school_key, "st marys ce");
	assert_int_equal(s.rows[1].participant_id, 2);
	assert_int_equal(s.rows[2].status, REG_AMBIGUOUS);
	assert_string_equal(s.rows[2].reason, "2 participants called Jo Smith are at St Mary's");
	assert_int_equal(s.rows[3].participant_id, 3);
	assert_int_equal(s.rows[4].status, REG_DUPLICATE); /* Jo Smith of 100001 again */
	assert_string_equal(s.rows[4].urn, "100001");
	assert_int_equal(s.rows[4].first_line, 2);
}

static void expect_problem(const char *data, size_t len, const char *problem)
{
	struct reg_sheet s;
	register_sheet_read(A, data, len, &s);
	if (!s.problem || !strstr(s.problem, problem))
		fail_msg("expected \"%s\", got \"%s\"", problem, s.problem ? s.problem : "(none)");
	assert_int_equal(s.n, 0);
}
#define EXPECT(literal, problem) expect_problem(literal, sizeof(literal) - 1, problem)

static void test_not_a_sheet(void **state)
{
	(void)state;
	EXPECT("", "The selected file is empty");
	EXPECT("\r\n\r\n", "The selected file is empty");
	EXPECT("PK\x03\x04\x14\0\x06\0", "must be a CSV file");                 /* an .xlsx workbook */
	EXPECT("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", "must be a CSV file");  /* an old .xls */
	EXPECT("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n", "must be a CSV file");
	EXPECT("\xFF\xFEN\0a\0m\0e\0", "Unicode text");
	EXPECT("Email,School\nann@school.example,100001\n", "with a Name column");
	EXPECT("<html><body>Sign in</body></html>\n", "with a Name column");
	EXPECT("Name,School\n", "no rows below the row naming its columns");
	EXPECT("Name,School\nAnn,\"St Mary's\nJo,Elm\n",
		       "Line 2 of the selected file has a value in quotes that is not closed");
	/* the headings past the first REGISTER_HEADER_WITHIN rows are not looked for */
	char late[512] = "";
	for (int i = 0; i < REGISTER_HEADER_WITHIN; i++)
		strcat(late, "Session notes,\n");
	strcat(late, "Name,School\nAnn Archer,St Mary's\n");
	expect_problem(late, strlen(late), "with a Name column");
	late[0] = '\0';
	for (int i = 0; i < REGISTER_HEADER_WITHIN - 1; i++)
		strcat(late, "Session notes,\n");
	strcat(late, "Name,School\nAnn Archer,St Mary's\n");
	struct reg_sheet s;
	register_sheet_read(A, late, strlen(late), &s);
	assert_null(s.problem);
	assert_int_equal(s.n, 1);
}

static void test_limits(void **state)
{
	(void)state;
	/* REGISTER_MAX_ROWS rows are read; one more is refused */
	size_t cap = 32 + (REGISTER_MAX_ROWS + 1) * 24;
	char *f = malloc(cap);
	assert_non_null(f);
	size_t n = (size_t)snprintf(f, cap, "Title\nName,Mark\n");
	for (int i = 0; i < REGISTER_MAX_ROWS; i++)
		n += (size_t)snprintf(f + n, cap - n, "Person %d,P\n", i);
	struct reg_sheet s;
	register_sheet_read(A, f, n, &s);
	assert_null(s.problem);
	assert_int_equal(s.n, REGISTER_MAX_ROWS);
	register_sheet_match(A, &s, PEOPLE, NPEOPLE);
	assert_int_equal(s.count[REG_UNMATCHED], REGISTER_MAX_ROWS);
	n += (size_t)snprintf(f + n, cap - n, "Person more,P\n");
	register_sheet_read(A, f, n, &s);
	assert_string_equal(s.problem, "The selected file must have at most 2,000 rows: upload the sheet of one session");
	free(f);
	/* more than 1 MB (2,000 rows with long notes) */
	size_t big = 2 * (size_t)REGISTER_MAX_BYTES;
	char *g = malloc(big);
	assert_non_null(g);
	size_t m = (size_t)snprintf(g, big, "Name,Mark,Notes\n");
	for (int i = 0; i < REGISTER_MAX_ROWS; i++) {
		m += (size_t)snprintf(g + m, big - m, "Person %d,P,", i);
		memset(g + m, 'n', 530);
		g[m + 530] = '\n';
		m += 531;
	}
	assert_true(m > REGISTER_MAX_BYTES);
	register_sheet_read(A, g, REGISTER_MAX_BYTES + 1, &s);
	assert_string_equal(s.problem, "The selected file must be smaller than 1 MB");
	register_sheet_read(A, g, REGISTER_MAX_BYTES, &s); /* 1 MB exactly: read, its last row cut short */
	assert_null(s.problem);
	assert_true(s.n > 1900 && s.n < REGISTER_MAX_ROWS);
	free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sheet_utf8_bom, setup, teardown),
		cmocka_unit_test_setup_teardown(test_excel_windows_1252, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_of_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mark_and_signature, setup, teardown),
		cmocka_unit_test_setup_teardown(test_marks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_schools, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_a_sheet, setup, teardown),
		cmocka_unit_test_setup_teardown(test_limits, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
