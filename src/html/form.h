/*
 * form.h - declared forms: a form is a table of fields, not a page of C.
 *
 * Each field says its name, kind, label, whether it is required, its
 * limits and the GOV.UK error messages for each failure. form_read reads a
 * submission (the decoded form body) into typed values and the error
 * summary; form_field renders a field with its error and the value sent.
 * A handler adds the checks only it can make (a record that must exist, a
 * uniqueness the database refuses) with form_fail, then renders the same
 * form back with 400, or writes and answers 303.
 *
 *     enum { F_NAME, F_EMAIL, F_COUNT };
 *     static const struct form_field person_fields[F_COUNT] = {
 *         [F_NAME] = {"name", FORM_TEXT, "Full name", .required = true, .max_chars = 200},
 *         [F_EMAIL] = {"email", FORM_EMAIL, "Email address", .required = true},
 *     };
 *     static const struct form person_form = FORM(person_fields);
 *     ...
 *     struct form_data d;
 *     if (!form_read(&person_form, rq->form, rq->nform, rq->arena, NULL, &d))
 *         return render_again(&d);   // 400 with d.errors
 *     const char *email = d.values[F_EMAIL].text;
 *
 * Messages follow the GOV.UK Design System's patterns ("Enter your full
 * name", "Full name must be 200 characters or less", "Date of the session
 * must be a real date"); a field may give its own in place of each.
 *
 * Pure (no I/O): values live in the arena given to form_read.
 */
#ifndef MH_FORM_H
#define MH_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/util.h"

#include "html/govuk.h"

struct arena;
struct url_param;

enum form_kind {
	FORM_TEXT,     /* one line of text (tabs and line breaks refused) */
	FORM_EMAIL,    /* an email address; the domain is lower-cased */
	FORM_PASSWORD, /* one line, never trimmed and never shown back */
	FORM_TEXTAREA, /* several lines (CR LF becomes LF); a character count when max_chars is set */
	FORM_NUMBER,   /* a whole number between min and max (both 0: any 64-bit number) */
	FORM_URN,      /* a school's unique reference number (GIAS): 6 digits, 100000 to 999999 */
	FORM_DATE,     /* three inputs, name-day, name-month, name-year: a real date, "YYYY-MM-DD" */
	FORM_CHOICE,   /* one of options: radios, or a select when .select is set */
	FORM_CHOICES,  /* any number of options: checkboxes */
	FORM_SCHOOL,   /* a school, found with the school search: a text input (data-school-search)
			* that assets/app.js turns into accessible-autocomplete over /api/v1/schools;
			* takes a URN alone or the picker's text "Name (URN 100000), Town, ...":
			* number is the URN (the handler checks that the school exists); or words
			* typed without the picker (no JavaScript, or no choice made): number 0,
			* and the handler finds the one school they name (school_find_one) */
};

/* Further validation of a value that passed the field's own checks:
 * returns NULL when it is fine, else the GOV.UK error message. ctx is
 * form_read's ctx. */
typedef const char *(*form_check)(const char *value, const void *ctx);

struct form_field {
	const char *name;  /* the field's name and id (letters, digits, - and _) */
	enum form_kind kind;
	const char *label; /* the label (or a fieldset's legend) */
	const char *hint;  /* NULL: none */
	bool required;
	bool select;       /* FORM_CHOICE: a select instead of radios */
	size_t max_chars;  /* text kinds: at most this many characters (0: FORM_MAX_CHARS) */
	int64_t min, max;  /* FORM_NUMBER: the range, inclusive; FORM_DATE: years (0: 1900 to 2200) */
	const struct govuk_option *options; /* FORM_CHOICE, FORM_CHOICES */
	size_t noptions;
	form_check check;
	/* Messages in place of the generated ones (NULL: generated from the label). */
	const char *missing; /* nothing given for a required field: "Enter your full name" */
	const char *invalid; /* not of the field's kind: "Enter an email address in the correct format, like name@example.com" */
	const char *outside; /* FORM_NUMBER: a whole number outside min .. max ("Enter a number from 0 to 60 for ..."):
			      * NULL, "... must be between 0 and 60" */
	/* The field in the generated messages, in place of its label (NULL: the
	 * label): a survey's question is "Your answer to ‘Which phase do you
	 * teach?’" ("Select your answer to ...", "Your answer to ... must be
	 * ..."); only its first letter is ever lower-cased. */
	const char *called;
	/* How the input is shown. */
	const char *autocomplete, *input_class, *inputmode;
	bool spellcheck_off;
	bool label_is_heading; /* the label is the page's h1 (a one-question page) */
	bool small;            /* FORM_CHOICE radios, FORM_CHOICES: the small variant */
	/* A field revealed by an option of FORM_CHOICE radios (govuk-frontend's
	 * conditional reveal): revealed_by is the radios' name (a field earlier
	 * in the table), revealed_for the option's value. It is rendered inside
	 * that option by the radios' form_field (never on its own by
	 * form_fields), and read and checked only when that option is chosen:
	 * otherwise its value is NULL and it has no error, whatever was sent. */
	const char *revealed_by, *revealed_for;
	/* Left out of the form: never read, never rendered. For a table copied
	 * and completed at run time (options from the database), whose fields
	 * are not all asked of everyone. */
	bool off;
};

/* The longest text a field takes when it sets no max_chars. */
#define FORM_MAX_CHARS 1000

struct form {
	const struct form_field *fields;
	size_t n;
};

/* A form from an array of fields. */
#define FORM(fields_array) {(fields_array), sizeof(fields_array) / sizeof((fields_array)[0])}

struct form_value {
	/* The value: trimmed text as sent (text kinds, FORM_CHOICE, FORM_NUMBER and
	 * FORM_URN as typed), "YYYY-MM-DD" for a valid FORM_DATE; NULL when nothing
	 * was sent. */
	const char *text;
	int64_t number;            /* FORM_NUMBER, FORM_URN, FORM_SCHOOL (when valid): FORM_SCHOOL's URN */
	const char **chosen;       /* FORM_CHOICES: the values chosen, in the options' order */
	size_t nchosen;
	const char *parts[3];      /* FORM_DATE: day, month, year as typed, to show back */
	const char *error;         /* this field's message, or NULL */
	int error_part;            /* FORM_DATE: the input the error is about (0 day, 1 month, 2 year) */
};

struct form_data {
	const struct form *form;
	struct form_value *values;  /* one per field, in the form's order */
	struct govuk_error *errors; /* the error summary: field is the id it links to (room for one per field) */
	size_t nerrors;
	struct arena *arena;        /* where values and messages live */
};

/* Reads and validates the form from the decoded body params[0..n). Values
 * and messages are allocated in a. Returns true when every field is valid
 * (d->nerrors == 0). A field that is sent twice takes its first value
 * (FORM_CHOICES takes every value). */
bool form_read(const struct form *f, const struct url_param *params, size_t n, struct arena *a,
	       const void *ctx, struct form_data *d);

/* An empty form (a GET): no values, no errors; form_set fills defaults. */
void form_empty(const struct form *f, struct arena *a, struct form_data *d);

/* Sets field i's value (text as for form_read; FORM_CHOICES: one value
 * chosen) for showing, e.g. a record's current value on an edit page. */
void form_set(struct form_data *d, size_t i, const char *text);

/* Adds a check only the handler can make ("They already have this role")
 * to field i, and to the error summary. The first message of a field wins. */
void form_fail(struct form_data *d, size_t i, const char *message);

/* Whether FORM_CHOICES field i has value chosen, or FORM_CHOICE field i is value. */
bool form_chosen(const struct form_data *d, size_t i, const char *value);

/* The URN a school field's text names: the last "(URN 123456)" in it (the
 * school picker's text, "The Aldgate School (URN 100000), London, EC3A
 * 5DE"), or the whole text when it is a URN alone ("123456", with spaces
 * around it): urn_len's (core/util.h) 6 or 7 digits. Writes the URN (and its NUL) to out;
 * false when there is none. */
bool form_school_urn(const char *text, char out[URN_MAX + 1]);

/* Checks for FORM_TEXT fields (form_check), shared by the forms that ask
 * for them: a time of day in the 24-hour clock, "HH:MM" (form_time_minutes
 * reads one); a meeting's address, https:// with no spaces. */
const char *form_check_time(const char *value, const void *ctx);
const char *form_check_https(const char *value, const void *ctx);
/* Minutes after midnight of a time form_check_time accepts; -1 otherwise. */
int form_time_minutes(const char *value);
/* Whether minutes after midnight on day ("YYYY-MM-DD") is a time London's
 * clocks show (core/workdays.h london_time_exists); if not (the hour they
 * skip going forward), fails field saying so. */
bool form_london_time(struct form_data *d, size_t field, const char *day, int minutes);

/* The hint a school field shows when it sets none. */
#define FORM_SCHOOL_HINT "Start typing the school's name, postcode or URN"

/* Renders field i with its label, hint, error and value (never a
 * password's), as govuk-frontend's component for its kind. */
void form_field(struct html *w, const struct form_data *d, size_t i);

/* Renders every field that is not off nor revealed by an option, in order
 * (revealed fields show inside their option). */
void form_fields(struct html *w, const struct form_data *d);

#endif
