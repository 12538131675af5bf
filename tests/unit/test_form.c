/*
 * test_form.c - declared forms (html/form.h): reading and validating a
 * submission into typed values and GOV.UK error messages, and rendering a
 * field back with its error and value. Expected messages are the GOV.UK
 * Design System's patterns (error-message guidance and the date input,
 * textarea and character count components' pages).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/url.h"
#include "html/form.h"

static const struct govuk_option roles[] = {{"llme", "LLME"}, {"mhl", "Maths Hub Lead"}, {"amhl", "Assistant Maths Hub Lead"}};

/* A check that refuses one value and records the ctx it was given. */
static const void *seen_ctx;
static const char *not_taken(const char *value, const void *ctx)
{
	seen_ctx = ctx;
	return strcmp(value, "taken@example.org") ? NULL : "That email address is already in use";
}

enum { F_NAME, F_EMAIL, F_DAYS, F_URN, F_START, F_ROLE, F_PHASES, F_NOTES, F_PASSWORD, F_COUNT };
static const struct form_field fields[F_COUNT] = {
	[F_NAME] = {"name", FORM_TEXT, "Full name", .required = true, .max_chars = 10},
	[F_EMAIL] = {"email", FORM_EMAIL, "Email address", .required = true, .check = not_taken},
	[F_DAYS] = {"days", FORM_NUMBER, "Number of days", .min = 1, .max = 30},
	[F_URN] = {"urn", FORM_URN, "School URN"},
	[F_START] = {"start", FORM_DATE, "Start date", .required = true, .min = 2020, .max = 2030},
	[F_ROLE] = {"role", FORM_CHOICE, "Role", .required = true, .options = roles, .noptions = 3},
	[F_PHASES] = {"phases", FORM_CHOICES, "Phases", .options = roles, .noptions = 3},
	[F_NOTES] = {"notes", FORM_TEXTAREA, "Notes (optional)", .max_chars = 20},
	[F_PASSWORD] = {"password", FORM_PASSWORD, "Password"},
};
static const struct form form = FORM(fields);

struct fixture {
	struct arena *a;
	struct form_data d;
	bool ok;
};

/* Reads the form from a urlencoded body, as the HTTP layer decodes it. */
static void read_body(struct fixture *fx, const char *body)
{
	struct url_param *p;
	size_t n;
	fx->a = arena_new();
	assert_int_equal(url_parse_query(fx->a, body, strlen(body), 64, &p, &n), ERR_OK);
	fx->ok = form_read(&form, p, n, fx->a, &form, &fx->d);
}

static const char *VALID = "name=Ada&email=Ada@Example.ORG&start-day=2&start-month=3&start-year=2026&role=mhl";

static void test_valid_submission_gives_typed_values(void **state)
{
	(void)state;
	struct fixture fx;
	read_body(&fx, "name=+Ada+Byron+&email=ada%40Example.ORG&days=12&urn=100000&start-day=2&start-month=3&"
		       "start-year=2026&role=mhl&phases=amhl&phases=llme&notes=one%0D%0Atwo&password=+secret+");
	assert_true(fx.ok);
	assert_int_equal(fx.d.nerrors, 0);
	assert_string_equal(fx.d.values[F_NAME].text, "Ada Byron"); /* trimmed */
	assert_string_equal(fx.d.values[F_EMAIL].text, "ada@example.org"); /* domain lower-cased */
	assert_int_equal(fx.d.values[F_DAYS].number, 12);
	assert_int_equal(fx.d.values[F_URN].number, 100000);
	assert_string_equal(fx.d.values[F_START].text, "2026-03-02");
	assert_string_equal(fx.d.values[F_ROLE].text, "mhl");
	assert_int_equal(fx.d.values[F_PHASES].nchosen, 2);
	assert_string_equal(fx.d.values[F_PHASES].chosen[0], "llme"); /* in the options' order */
	assert_string_equal(fx.d.values[F_PHASES].chosen[1], "amhl");
	assert_string_equal(fx.d.values[F_NOTES].text, "one\ntwo");
	assert_string_equal(fx.d.values[F_PASSWORD].text, " secret "); /* never trimmed */
	assert_ptr_equal(seen_ctx, &form);
	arena_free(fx.a);
}

static void test_optional_fields_left_empty(void **state)
{
	(void)state;
	struct fixture fx;
	read_body(&fx, VALID);
	assert_true(fx.ok);
	assert_null(fx.d.values[F_DAYS].text);
	assert_null(fx.d.values[F_URN].text);
	assert_int_equal(fx.d.values[F_PHASES].nchosen, 0);
	assert_null(fx.d.values[F_NOTES].text);
	arena_free(fx.a);
}

/* The message and error-summary anchor of field i. */
static void expect_error(const struct fixture *fx, size_t i, const char *anchor, const char *message)
{
	assert_false(fx->ok);
	assert_non_null(fx->d.values[i].error);
	assert_string_equal(fx->d.values[i].error, message);
	for (size_t k = 0; k < fx->d.nerrors; k++)
		if (!strcmp(fx->d.errors[k].message, message)) {
			assert_string_equal(fx->d.errors[k].field, anchor);
			return;
		}
	fail_msg("no summary entry for %s", message);
}

static void test_required_fields_missing(void **state)
{
	(void)state;
	struct fixture fx;
	read_body(&fx, "name=++&email=");
	expect_error(&fx, F_NAME, "name", "Enter full name");
	expect_error(&fx, F_EMAIL, "email", "Enter email address");
	expect_error(&fx, F_START, "start-day", "Enter start date");
	expect_error(&fx, F_ROLE, "role", "Select role");
	assert_int_equal(fx.d.nerrors, 4);
	/* the summary is in the form's order */
	assert_string_equal(fx.d.errors[0].field, "name");
	assert_string_equal(fx.d.errors[3].field, "role");
	arena_free(fx.a);
}

static void test_length_is_counted_in_characters(void **state)
{
	(void)state;
	struct fixture fx;
	/* "Zoë Brontë" is 10 characters, 12 bytes: allowed */
	read_body(&fx, "name=Zo%C3%AB+Bront%C3%AB&email=a@b.org&start-day=1&start-month=1&start-year=2025&role=llme");
	assert_true(fx.ok);
	arena_free(fx.a);
	read_body(&fx, "name=Zo%C3%AB+Bront%C3%ABs&email=a@b.org&start-day=1&start-month=1&start-year=2025&role=llme");
	expect_error(&fx, F_NAME, "name", "Full name must be 10 characters or less");
	arena_free(fx.a);
	/* an optional field's message names it without "(optional)" */
	read_body(&fx, "name=Ada&email=a@b.org&start-day=1&start-month=1&start-year=2025&role=llme&notes=123456789012345678901");
	expect_error(&fx, F_NOTES, "notes", "Notes must be 20 characters or less");
	arena_free(fx.a);
}

static void test_text_on_one_line(void **state)
{
	(void)state;
	struct fixture fx;
	read_body(&fx, "name=Ada%0ABob&email=a@b.org&start-day=1&start-month=1&start-year=2025&role=llme&notes=a%01b");
	expect_error(&fx, F_NAME, "name", "Enter full name on one line");
	expect_error(&fx, F_NOTES, "notes", "Notes must not contain control characters");
	arena_free(fx.a);
}

/* Spaces that are not ASCII, and characters that show nothing (a byte-order
 * mark, a zero-width space, as pasting from a document brings), count as
 * white space at either end: a value of only them is missing, and no
 * title shows as a link with no text. */
static void test_invisible_characters_are_trimmed(void **state)
{
	(void)state;
	struct fixture fx;
	read_body(&fx, "name=%EF%BB%BF&email=a@b.org&start-day=1&start-month=1&start-year=2025&role=llme");
	expect_error(&fx, F_NAME, "name", "Enter full name");
	arena_free(fx.a);
	read_body(&fx, "name=%C2%A0%E2%80%8B%E3%80%80+%E2%80%AF&email=a@b.org&start-day=1&start-month=1&start-year=2025&role=llme");
	expect_error(&fx, F_NAME, "name", "Enter full name");
	arena_free(fx.a);
	read_body(&fx, "name=%EF%BB%BF%C2%A0Ada%C2%A0Byron%E2%80%8B+&email=a@b.org&start-day=1&start-month=1&start-year=2025&role=llme");
	assert_true(fx.ok);
	assert_string_equal(fx.d.values[F_NAME].text, "Ada\xC2\xA0" "Byron"); /* inside, kept as typed */
	arena_free(fx.a);
}

static void test_email_addresses(void **state)
{
	(void)state;
	static const char *const bad[] = {"ada", "ada@", "@example.org", "ada@example", "ada@exa mple.org",
					  "ada@-example.org", "ada@example-.org", "ada@example..org", "a b@example.org",
					  "ada@example.org.",
					  /* look-alikes of victim@example.org: a Cyrillic i, a zero-width space, a dotted capital I */
					  "v\xD1\x96" "ctim@example.org", "victim\xE2\x80\x8B" "@example.org", "V\xC4\xB0" "CTIM@example.org",
					  "victim@\xD0\xB5" "xample.org"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct fixture fx;
		struct url_param p[] = {{"email", bad[i]}};
		fx.a = arena_new();
		fx.ok = form_read(&form, p, 1, fx.a, NULL, &fx.d);
		if (strcmp(fx.d.values[F_EMAIL].error ? fx.d.values[F_EMAIL].error : "",
			   "Enter an email address in the correct format, like name@example.com"))
			fail_msg("%s was accepted", bad[i]);
		arena_free(fx.a);
	}
	struct fixture fx;
	read_body(&fx, "email=taken@example.org");
	expect_error(&fx, F_EMAIL, "email", "That email address is already in use"); /* the field's check */
	arena_free(fx.a);
}

static void test_numbers_and_urns(void **state)
{
	(void)state;
	static const struct {
		const char *body, *days_error, *urn_error;
	} cases[] = {
		{"days=30&urn=999999", NULL, NULL},
		{"days=31&urn=1000000", "Number of days must be between 1 and 30", "School URN must be 6 digits, like 100000"},
		{"days=0&urn=012345", "Number of days must be between 1 and 30", "School URN must be 6 digits, like 100000"},
		{"days=two&urn=12345", "Number of days must be a whole number", "School URN must be 6 digits, like 100000"},
		{"days=1.5&urn=1234a6", "Number of days must be a whole number", "School URN must be 6 digits, like 100000"},
		{"days=99999999999999999999&urn=+123456+", "Number of days must be a whole number", NULL},
		{"days=,5", "Number of days must be a whole number", NULL},
		{"days=2,5", "Number of days must be a whole number", NULL}, /* a decimal comma, not thousands */
		{"days=1,000", "Number of days must be between 1 and 30", NULL},
		{"days=1,0000", "Number of days must be a whole number", NULL},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fixture fx;
		read_body(&fx, cases[i].body);
		const char *de = fx.d.values[F_DAYS].error, *ue = fx.d.values[F_URN].error;
		if ((cases[i].days_error ? !de || strcmp(de, cases[i].days_error) : de != NULL) ||
		    (cases[i].urn_error ? !ue || strcmp(ue, cases[i].urn_error) : ue != NULL))
			fail_msg("%s: days %s, urn %s", cases[i].body, de ? de : "ok", ue ? ue : "ok");
		arena_free(fx.a);
	}
}

/* A number field's own message for a number outside its range, in place of
 * the generated one; a number that is not one keeps its invalid message. */
static void test_number_outside(void **state)
{
	(void)state;
	static const struct form_field years_fields[] = {
		{"years", FORM_NUMBER, "Years", .min = 0, .max = 60, .outside = "Enter a number from 0 to 60 for years",
		 .invalid = "Enter a whole number for years"},
	};
	static const struct form years_form = FORM(years_fields);
	static const struct {
		const char *value, *error;
	} cases[] = {{"0", NULL}, {"60", NULL}, {"61", "Enter a number from 0 to 60 for years"},
		     {"-1", "Enter a number from 0 to 60 for years"}, {"sixty", "Enter a whole number for years"}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct arena *a = arena_new();
		struct form_data d;
		struct url_param p[] = {{"years", cases[i].value}};
		assert_int_equal(form_read(&years_form, p, 1, a, NULL, &d), cases[i].error == NULL);
		const char *e = d.values[0].error;
		if (cases[i].error ? !e || strcmp(e, cases[i].error) : e != NULL)
			fail_msg("%s: %s", cases[i].value, e ? e : "ok");
		arena_free(a);
	}
}

static void test_dates(void **state)
{
	(void)state;
	static const struct {
		const char *day, *month, *year, *text, *anchor, *error;
	} cases[] = {
		{"29", "2", "2024", "2024-02-29", NULL, NULL},
		{"1", "March", "2026", "2026-03-01", NULL, NULL},
		{"01", "sept", "2025", "2025-09-01", NULL, NULL},
		{"31", "12", "2030", "2030-12-31", NULL, NULL},
		{"29", "2", "2025", NULL, "start-day", "Start date must be a real date"},
		{"31", "4", "2026", NULL, "start-day", "Start date must be a real date"},
		{"1", "13", "2026", NULL, "start-month", "Start date must be a real date"},
		{"1", "1", "26", NULL, "start-year", "Start date must be between the years 2020 and 2030"},
		{"1", "1", "20x6", NULL, "start-year", "Start date must be a real date"},
		{"", "1", "2026", NULL, "start-day", "Start date must include a day"},
		{"1", "", "", NULL, "start-month", "Start date must include a month"},
		{"1", "2", "", NULL, "start-year", "Start date must include a year"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fixture fx = {.a = arena_new()};
		struct url_param p[] = {{"start-day", cases[i].day}, {"start-month", cases[i].month}, {"start-year", cases[i].year}};
		fx.ok = form_read(&form, p, 3, fx.a, NULL, &fx.d);
		const struct form_value *v = &fx.d.values[F_START];
		if (cases[i].text) {
			if (v->error || !v->text || strcmp(v->text, cases[i].text))
				fail_msg("%s/%s/%s: %s", cases[i].day, cases[i].month, cases[i].year, v->error ? v->error : v->text);
		} else {
			expect_error(&fx, F_START, cases[i].anchor, cases[i].error);
			assert_string_equal(v->parts[0], cases[i].day); /* shown back as typed */
		}
		arena_free(fx.a);
	}
}

static void test_choices_only_from_the_options(void **state)
{
	(void)state;
	struct fixture fx;
	read_body(&fx, "role=admin&phases=llme&phases=root");
	expect_error(&fx, F_ROLE, "role", "Select role from the list");
	expect_error(&fx, F_PHASES, "phases", "Select phases from the list");
	arena_free(fx.a);
}

/* A browser sends a radio group, a text box or a number once; a second
 * value (role=llme&role=mhl) is a hand-made request: refused, never the
 * first one silently taken. A checkbox group (FORM_CHOICES) repeats. */
static void test_single_fields_sent_twice_are_refused(void **state)
{
	(void)state;
	struct fixture fx;
	read_body(&fx, "name=Ada&email=ada@example.org&start-day=2&start-month=3&start-year=2026&role=mhl&role=llme"
		       "&phases=llme&phases=mhl");
	expect_error(&fx, F_ROLE, "role", "Select role from the list");
	assert_int_equal(fx.d.nerrors, 1);
	assert_int_equal(fx.d.values[F_PHASES].nchosen, 2);
	arena_free(fx.a);
	read_body(&fx, "name=Ada&name=Bob&email=ada@example.org&start-day=2&start-month=3&start-year=2026&role=mhl&days=3&days=4");
	expect_error(&fx, F_NAME, "name", "Full name was sent more than once");
	expect_error(&fx, F_DAYS, "days", "Number of days was sent more than once");
	arena_free(fx.a);
	read_body(&fx, "name=Ada&email=ada@example.org&start-day=2&start-month=3&start-year=2026&role=mhl&role=mhl");
	assert_true(fx.ok); /* the same value twice changes nothing */
	arena_free(fx.a);
}

static void test_fail_adds_the_handlers_check_once(void **state)
{
	(void)state;
	struct fixture fx;
	read_body(&fx, VALID);
	assert_true(fx.ok);
	form_fail(&fx.d, F_ROLE, "They already have this role");
	form_fail(&fx.d, F_ROLE, "A second message");
	assert_int_equal(fx.d.nerrors, 1);
	assert_string_equal(fx.d.errors[0].field, "role");
	assert_string_equal(fx.d.values[F_ROLE].error, "They already have this role");
	arena_free(fx.a);
}

/* ---- rendering ---- */

static char *render(struct form_data *d, size_t i)
{
	struct buf b = {0};
	struct html w = {&b};
	form_field(&w, d, i);
	char *s = arena_strdup(d->arena, b.data ? b.data : "");
	buf_free(&b);
	return s;
}

static void test_render_shows_values_and_errors(void **state)
{
	(void)state;
	struct fixture fx;
	read_body(&fx, "name=%3Cb%3E%22x%22%3C%2Fb%3E+and+more&password=hunter2&start-day=31&start-month=2&start-year=2026&"
		       "phases=amhl&notes=%3Ci%3E");
	char *name = render(&fx.d, F_NAME);
	assert_non_null(strstr(name, "value=\"&lt;b&gt;&quot;x&quot;&lt;/b&gt; and more\""));
	assert_non_null(strstr(name, "govuk-form-group--error"));
	assert_non_null(strstr(name, "<p class=\"govuk-error-message\" id=\"name-error\"><span class=\"govuk-visually-hidden\">Error:</span> Full name must be 10 characters or less</p>"));
	assert_non_null(strstr(name, "aria-describedby=\"name-error\""));
	char *pw = render(&fx.d, F_PASSWORD);
	assert_null(strstr(pw, "hunter2"));
	assert_non_null(strstr(pw, "type=\"password\""));
	char *date = render(&fx.d, F_START);
	assert_non_null(strstr(date, "id=\"start-day\" name=\"start-day\" type=\"text\" inputmode=\"numeric\" value=\"31\""));
	assert_non_null(strstr(date, "govuk-input--width-2 govuk-input--error\" id=\"start-day\""));
	assert_null(strstr(date, "govuk-input--width-4 govuk-input--error")); /* only the day is marked */
	char *phases = render(&fx.d, F_PHASES);
	assert_non_null(strstr(phases, "value=\"amhl\" checked"));
	assert_null(strstr(phases, "value=\"llme\" checked"));
	char *notes = render(&fx.d, F_NOTES);
	assert_non_null(strstr(notes, "data-module=\"govuk-character-count\" data-maxlength=\"20\""));
	assert_non_null(strstr(notes, ">&lt;i&gt;</textarea>"));
	assert_non_null(strstr(notes, "You can enter up to 20 characters"));
	char *urn = render(&fx.d, F_URN);
	assert_non_null(strstr(urn, "inputmode=\"numeric\""));
	arena_free(fx.a);
	/* a date sent with every part empty (as a browser sends one left blank): all three boxes outlined */
	read_body(&fx, "start-day=&start-month=&start-year=");
	date = render(&fx.d, F_START);
	assert_non_null(strstr(date, "Enter start date"));
	assert_non_null(strstr(date, "govuk-input--width-2 govuk-input--error\" id=\"start-day\""));
	assert_non_null(strstr(date, "govuk-input--width-2 govuk-input--error\" id=\"start-month\""));
	assert_non_null(strstr(date, "govuk-input--width-4 govuk-input--error\" id=\"start-year\""));
	arena_free(fx.a);
}

static void test_empty_form_and_defaults(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct form_data d;
	form_empty(&form, a, &d);
	form_set(&d, F_START, "2026-03-02");
	form_set(&d, F_PHASES, "llme");
	form_set(&d, F_ROLE, "amhl");
	assert_true(form_chosen(&d, F_PHASES, "llme"));
	assert_false(form_chosen(&d, F_PHASES, "amhl"));
	assert_true(form_chosen(&d, F_ROLE, "amhl"));
	char *date = render(&d, F_START);
	assert_non_null(strstr(date, "name=\"start-day\" type=\"text\" inputmode=\"numeric\" value=\"2\""));
	assert_non_null(strstr(date, "name=\"start-month\" type=\"text\" inputmode=\"numeric\" value=\"3\""));
	assert_non_null(strstr(date, "value=\"2026\""));
	assert_null(strstr(date, "error"));
	arena_free(a);
}

/* A role's radios, each role revealing its own fields: a hub (a select), a
 * URN with a note (two fields of one option), and a field left out at run
 * time (off). */
static const struct govuk_option hubs[] = {{"SW4", "GLOW (SW4)"}, {"EE1", "Enigma (EE1)"}};
static const struct govuk_option job[] = {{"mhl", "Maths Hub Lead"}, {"head", "Headteacher"}, {"none", "Nothing else"},
					  {"off", "Left out"}};
enum { R_NAME, R_ROLE, R_HUB, R_URN, R_NOTE, R_OFF, R_COUNT };
static const struct form_field reveal_fields[R_COUNT] = {
	[R_NAME] = {"name", FORM_TEXT, "Full name"},
	[R_ROLE] = {"role", FORM_CHOICE, "Role", .required = true, .options = job, .noptions = 4, .small = true},
	[R_HUB] = {"hub-mhl", FORM_CHOICE, "Hub", .required = true, .select = true, .options = hubs, .noptions = 2,
		   .missing = "Select the hub for this role", .revealed_by = "role", .revealed_for = "mhl"},
	[R_URN] = {"urn-head", FORM_URN, "School URN", .required = true, .revealed_by = "role", .revealed_for = "head"},
	[R_NOTE] = {"note-head", FORM_TEXT, "Note", .revealed_by = "role", .revealed_for = "head"},
	[R_OFF] = {"off-field", FORM_TEXT, "Never asked", .required = true, .off = true, .revealed_by = "role",
		   .revealed_for = "off"},
};
static const struct form reveal_form = FORM(reveal_fields);

static bool read_reveals(struct arena *a, const char *body, struct form_data *d)
{
	struct url_param *p;
	size_t n;
	assert_int_equal(url_parse_query(a, body, strlen(body), 64, &p, &n), ERR_OK);
	return form_read(&reveal_form, p, n, a, NULL, d);
}

static void test_revealed_fields_are_read_only_when_their_option_is_chosen(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct form_data d;
	/* the chosen role's field is read; another role's, sent too, is not */
	assert_true(read_reveals(a, "role=mhl&hub-mhl=EE1&urn-head=junk", &d));
	assert_string_equal(d.values[R_HUB].text, "EE1");
	assert_null(d.values[R_URN].text);
	assert_null(d.values[R_URN].error);
	/* its own checks when chosen: missing, not an option, a malformed URN */
	assert_false(read_reveals(a, "role=mhl&urn-head=100000", &d));
	assert_int_equal(d.nerrors, 1);
	assert_string_equal(d.errors[0].field, "hub-mhl");
	assert_string_equal(d.errors[0].message, "Select the hub for this role");
	assert_null(d.values[R_URN].text);
	assert_false(read_reveals(a, "role=mhl&hub-mhl=XX9", &d));
	assert_string_equal(d.errors[0].message, "Select hub from the list");
	assert_false(read_reveals(a, "role=head&urn-head=+12345+", &d));
	assert_string_equal(d.errors[0].field, "urn-head");
	assert_true(read_reveals(a, "role=head&urn-head=+100003+&hub-mhl=", &d));
	assert_int_equal(d.values[R_URN].number, 100003);
	assert_null(d.values[R_HUB].text);
	/* an option that reveals nothing; a field that is off is never read */
	assert_true(read_reveals(a, "role=none", &d));
	assert_true(read_reveals(a, "role=off&off-field=", &d));
	assert_null(d.values[R_OFF].text);
	/* no role, or one not offered: only the role's error, nothing revealed is read */
	assert_false(read_reveals(a, "hub-mhl=&urn-head=1", &d));
	assert_int_equal(d.nerrors, 1);
	assert_string_equal(d.errors[0].field, "role");
	assert_false(read_reveals(a, "role=chancellor&hub-mhl=", &d));
	assert_int_equal(d.nerrors, 1);
	assert_string_equal(d.errors[0].message, "Select role from the list");
	arena_free(a);
}

static void test_revealed_fields_render_inside_their_option(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct form_data d;
	assert_false(read_reveals(a, "role=head&urn-head=12%2234&name=Nobody", &d));
	char *role = render(&d, R_ROLE);
	assert_non_null(strstr(role, "govuk-radios govuk-radios--small\" data-mh-reveals>"));
	/* the chosen option's field shows open, with its error and what was typed */
	assert_non_null(strstr(role, "value=\"head\" checked aria-controls=\"conditional-role-2\""));
	assert_non_null(strstr(role, "<div class=\"govuk-radios__conditional\" id=\"conditional-role-2\"><div class=\"govuk-form-group govuk-form-group--error\"><label class=\"govuk-label govuk-label--s\" for=\"urn-head\">"));
	assert_non_null(strstr(role, "value=\"12&quot;34\""));
	/* every field of that option shows in it, in the form's order */
	const char *open = strstr(role, "id=\"conditional-role-2\""), *urn = strstr(role, "for=\"urn-head\""),
		   *note = strstr(role, "for=\"note-head\"");
	assert_non_null(note);
	assert_true(open < urn && urn < note);
	/* another option's field is in the page, hidden until chosen */
	assert_non_null(strstr(role, "aria-controls=\"conditional-role\""));
	assert_non_null(strstr(role, "govuk-radios__conditional--hidden\" id=\"conditional-role\"><div class=\"govuk-form-group\"><label class=\"govuk-label govuk-label--s\" for=\"hub-mhl\">"));
	assert_null(strstr(role, "off-field"));
	assert_null(strstr(role, "aria-controls=\"conditional-role-3\"")); /* "none" reveals nothing */
	/* form_fields writes each revealed field once, inside its option */
	struct buf b = {0};
	struct html w = {&b};
	form_fields(&w, &d);
	size_t n = 0;
	for (const char *p = b.data; (p = strstr(p, "id=\"urn-head\"")); p++)
		n++;
	assert_int_equal(n, 1);
	n = 0;
	for (const char *p = b.data; (p = strstr(p, "id=\"note-head\"")); p++)
		n++;
	assert_int_equal(n, 1);
	assert_null(strstr(b.data, "off-field"));
	assert_non_null(strstr(b.data, "value=\"Nobody\""));
	buf_free(&b);
	arena_free(a);
}

/* ---- the school field (FORM_SCHOOL) ---- */

static void test_school_urn_from_text(void **state)
{
	(void)state;
	char urn[URN_MAX + 1];
	assert_true(form_school_urn("100000", urn));
	assert_string_equal(urn, "100000");
	assert_true(form_school_urn("  141474 ", urn));
	assert_string_equal(urn, "141474");
	assert_true(form_school_urn("The Aldgate School (URN 100000), London EC3A 5DE", urn));
	assert_string_equal(urn, "100000");
	/* the last "(URN n)": a name could hold the words itself */
	assert_true(form_school_urn("Odd (URN 111111) Name (URN 222222), Town", urn));
	assert_string_equal(urn, "222222");
	assert_true(form_school_urn("Blackfield Infant School (URN 115895), Southampton SO45 1XA, closed", urn));
	assert_string_equal(urn, "115895");
	/* 7 digits, as the import takes them */
	assert_true(form_school_urn("1234567", urn));
	assert_string_equal(urn, "1234567");
	assert_true(form_school_urn("Seven (URN 9900200), Town", urn));
	assert_string_equal(urn, "9900200");
	static const char *const refused[] = {"", "12345", "12345678", "012345", "10000a", "100000 100001", "Aldgate",
					      "Aldgate (URN 10000)", "Aldgate (URN 10000000)", "(URN 012345)", "(URN 100000"};
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		assert_false(form_school_urn(refused[i], urn));
}

enum { S_SCHOOL, S_OTHER, S_COUNT };
static const struct form_field school_fields[S_COUNT] = {
	[S_SCHOOL] = {"school", FORM_SCHOOL, "School", .required = true},
	[S_OTHER] = {"other", FORM_SCHOOL, "Previous school"},
};
static const struct form school_form = FORM(school_fields);

static bool read_school(struct arena *a, const char *body, struct form_data *d)
{
	struct url_param *p;
	size_t n;
	assert_int_equal(url_parse_query(a, body, strlen(body), 64, &p, &n), ERR_OK);
	return form_read(&school_form, p, n, a, NULL, d);
}

static void test_school_field_reads_the_urn(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct form_data d;
	assert_true(read_school(a, "school=The+Aldgate+School+%28URN+100000%29%2C+London+EC3A+5DE&other=+141474+", &d));
	assert_int_equal(d.values[S_SCHOOL].number, 100000);
	assert_string_equal(d.values[S_SCHOOL].text, "The Aldgate School (URN 100000), London EC3A 5DE"); /* shown back as typed */
	assert_int_equal(d.values[S_OTHER].number, 141474);
	assert_string_equal(d.values[S_OTHER].text, "141474");

	/* words typed without the picker: for the handler to look up (number 0) */
	assert_true(read_school(a, "school=Aldgate&other=", &d));
	assert_int_equal(d.values[S_SCHOOL].number, 0);
	assert_string_equal(d.values[S_SCHOOL].text, "Aldgate");
	assert_null(d.values[S_OTHER].error); /* optional, empty */
	assert_true(read_school(a, "school=KT19+8SD", &d));
	assert_int_equal(d.values[S_SCHOOL].number, 0);

	assert_false(read_school(a, "other=12345", &d));
	assert_string_equal(d.values[S_SCHOOL].error, "Enter school");
	assert_string_equal(d.values[S_OTHER].error, "A URN has 6 or 7 digits, like 100000");
	assert_int_equal(d.nerrors, 2);
	assert_string_equal(d.errors[0].field, "school");
	assert_false(read_school(a, "school=%28%21%29", &d));
	assert_string_equal(d.values[S_SCHOOL].error, "Enter the school's name, postcode or URN");

	assert_false(read_school(a, "school=100000%0A100001", &d));
	assert_string_equal(d.values[S_SCHOOL].error, "Enter school on one line, as the list shows it");
	assert_false(read_school(a, "school=100000&school=100001", &d));
	assert_string_equal(d.values[S_SCHOOL].error, "School was sent more than once");
	arena_free(a);
}

static void test_school_field_renders_the_picker(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct form_data d;
	assert_true(read_school(a, "school=Aldg", &d));
	form_fail(&d, S_SCHOOL, "2 schools match"); /* as the handler says it */
	struct buf b = {0};
	struct html w = html_writer_on(&b);
	form_field(&w, &d, S_SCHOOL);
	assert_non_null(strstr(b.data, "data-school-search=\"pick\""));
	assert_non_null(strstr(b.data, "Start typing the school&#39;s name, postcode or URN"));
	assert_non_null(strstr(b.data, "autocomplete=\"off\""));
	assert_non_null(strstr(b.data, "value=\"Aldg\""));
	assert_non_null(strstr(b.data, "aria-describedby=\"school-hint school-error\""));
	assert_non_null(strstr(b.data, "govuk-input--error"));
	buf_free(&b);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_submission_gives_typed_values),
		cmocka_unit_test(test_optional_fields_left_empty),
		cmocka_unit_test(test_required_fields_missing),
		cmocka_unit_test(test_length_is_counted_in_characters),
		cmocka_unit_test(test_text_on_one_line),
		cmocka_unit_test(test_invisible_characters_are_trimmed),
		cmocka_unit_test(test_email_addresses),
		cmocka_unit_test(test_numbers_and_urns),
		cmocka_unit_test(test_number_outside), cmocka_unit_test(test_dates),
		cmocka_unit_test(test_choices_only_from_the_options),
		cmocka_unit_test(test_single_fields_sent_twice_are_refused),
		cmocka_unit_test(test_fail_adds_the_handlers_check_once),
		cmocka_unit_test(test_render_shows_values_and_errors),
		cmocka_unit_test(test_empty_form_and_defaults),
		cmocka_unit_test(test_revealed_fields_are_read_only_when_their_option_is_chosen),
		cmocka_unit_test(test_revealed_fields_render_inside_their_option),
		cmocka_unit_test(test_school_urn_from_text),
		cmocka_unit_test(test_school_field_reads_the_urn),
		cmocka_unit_test(test_school_field_renders_the_picker),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
