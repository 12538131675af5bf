/*
 * govuk.h - GOV.UK Design System components, written through the escaping
 * writer. Markup follows govuk-frontend's component templates.
 * Every text argument is escaped; hrefs are attribute-escaped (build them
 * with html_url_part for dynamic parts).
 */
#ifndef MH_GOVUK_H
#define MH_GOVUK_H

#include <stdbool.h>
#include <stddef.h>

#include "html/html.h"
#include "html/layout.h"

void govuk_breadcrumbs(struct html *w, const struct crumb *items, size_t n);

/* A tag; colour is NULL (default blue) or "grey", "green", "turquoise",
 * "blue", "light-blue", "purple", "pink", "red", "orange", "yellow". */
void govuk_tag(struct html *w, const char *text, const char *colour);

/* Summary list: begin, rows, end. A row's value is either plain text
 * (govuk_summary_row) or whatever the caller writes between
 * govuk_summary_row_begin and govuk_summary_row_end. */
void govuk_summary_begin(struct html *w);
void govuk_summary_row(struct html *w, const char *key, const char *value);
void govuk_summary_row_begin(struct html *w, const char *key);
void govuk_summary_row_end(struct html *w);
/* Between row_begin and row_end, after the value: the row's action link;
 * hidden names what it acts on for screen readers ("Change" "password"). */
void govuk_summary_action(struct html *w, const char *href, const char *text, const char *hidden);
void govuk_summary_end(struct html *w);

/* Table: caption (medium heading, or visually hidden when caption_hidden),
 * column headings (heads NULL: the caller writes them between
 * govuk_table_head_begin and govuk_table_head_end, e.g. sortable ones);
 * then rows of cells. A wide table scrolls in its own box on a phone: with
 * a caption, a region named by it that takes focus, so a keyboard scrolls it. */
void govuk_table_begin(struct html *w, const char *caption, bool caption_hidden,
		       const char *const *heads, size_t n);
/* The same, without a caption, named by the heading the caller wrote just
 * before it (its id): the heading is said once, and stays whole on a phone
 * while the table scrolls in its box (a caption is as wide as its table).
 * The caller writes the column headings (govuk_table_head_begin ...). */
void govuk_table_begin_named(struct html *w, const char *heading_id);
void govuk_table_row_begin(struct html *w);
void govuk_table_cell(struct html *w, const char *text);
void govuk_table_cell_link(struct html *w, const char *text, const char *href);
/* A number, right-aligned as GOV.UK's numeric cells are. */
void govuk_table_cell_number(struct html *w, long long n);
/* The first cell of a row, as a row header (<th scope="row">) with a link. */
void govuk_table_rowhead_link(struct html *w, const char *text, const char *href);
void govuk_table_cell_begin(struct html *w);
void govuk_table_cell_end(struct html *w);
void govuk_table_row_end(struct html *w);
void govuk_table_end(struct html *w);

/* Pagination for page (1-based) of pages. href(w, page, ctx) writes the
 * (escaped) address of a page. Writes nothing when pages <= 1. */
typedef void (*govuk_page_href)(struct html *w, long page, const void *ctx);
void govuk_pagination(struct html *w, long page, long pages, govuk_page_href href, const void *ctx);

/* One option of a checkbox or radio group. */
struct govuk_choice {
	const char *value, *label;
	bool checked;
};

/* A fieldset of checkboxes (multiple) or radios (!multiple) named name.
 * error, when not NULL, is shown as the field's error message; the first
 * input's id is name, so the error summary can link to "#name". */
void govuk_choices(struct html *w, bool multiple, const char *name, const char *legend,
		   const struct govuk_choice *items, size_t n, const char *error, bool small);

/* What choosing option i reveals (govuk-frontend's conditional reveal):
 * write(w, ctx) writes it, or nothing is revealed when write is NULL. It
 * shows while the option is chosen (assets/app.js, not govuk-frontend's
 * module, which sets aria-expanded where ARIA does not allow it), and
 * always without JavaScript. Its id is "conditional-" followed by the
 * option's id; the option's aria-controls names it. */
struct govuk_reveal {
	void (*write)(struct html *w, const void *ctx);
	const void *ctx;
};
/* govuk_choices with reveals[i] for items[i] (reveals has n entries). */
void govuk_choices_revealing(struct html *w, bool multiple, const char *name, const char *legend, const char *hint,
			     const struct govuk_choice *items, const struct govuk_reveal *reveals, size_t n,
			     const char *error, bool small);

/* A text input with its label (as the page's heading when label_is_heading),
 * optional hint and error. type: "text", "email", "password". autocomplete
 * may be NULL. value is shown back (never pass a password). */
struct govuk_input {
	const char *id, *label, *type, *value, *hint, *error, *autocomplete;
	const char *input_class; /* e.g. "govuk-input--width-10", or NULL */
	const char *inputmode;   /* e.g. "numeric", or NULL */
	bool spellcheck_off;
	bool label_is_heading; /* the label is the page's h1 (a one-question page) */
	/* a school picker: data-school-search, which assets/app.js enhances
	 * with accessible-autocomplete over /api/v1/schools; submit: choosing a
	 * school submits the input's form (data-school-search="submit") */
	bool school_search, school_submit;
};
void govuk_input(struct html *w, const struct govuk_input *in);

/* A file input (govuk-frontend's file upload, without its JavaScript
 * drop zone) with its label, optional hint and error; accept (may be NULL)
 * names the types offered first (".csv,text/csv"). The form that holds it
 * posts multipart/form-data. */
struct govuk_file_upload {
	const char *id, *label, *hint, *error, *accept;
};
void govuk_file_upload(struct html *w, const struct govuk_file_upload *f);

/* A select with its label, optional hint and error; the option whose
 * value equals value (may be NULL) is selected. */
struct govuk_option {
	const char *value, *text;
};
struct govuk_select {
	const char *id, *label, *hint, *error, *value;
	const struct govuk_option *options;
	size_t n;
};
void govuk_select(struct html *w, const struct govuk_select *s);

/* A form that is one secondary button: POSTs name=value (and the CSRF
 * token) to action. */
void govuk_button_form(struct html *w, const char *csrf, const char *action, const char *name, const char *value,
		       const char *label);

/* The hidden CSRF field every form carries. */
void govuk_csrf(struct html *w, const char *token);

/* A notification banner (govuk-frontend's template): title ("Success",
 * "Important") and one line of text as its heading. success: the green
 * banner, role="alert" (read out and focused when the page loads, as after
 * a form); otherwise role="region". */
void govuk_notification_banner(struct html *w, const char *title, const char *text, bool success);

/* A field's hint (id "<id>-hint") and error message (id "<id>-error",
 * "Error:" for screen readers), as every field component writes them; the
 * control's aria-describedby names them. */
void govuk_hint(struct html *w, const char *id, const char *text);
void govuk_error_message(struct html *w, const char *id, const char *text);

/* The error summary: one link per error, to its field. */
struct govuk_error {
	const char *field, *message; /* field: the id to link to */
};
void govuk_error_summary(struct html *w, const struct govuk_error *errors, size_t n);
/* The message of the first error for field, or NULL. */
const char *govuk_error_for(const struct govuk_error *errors, size_t n, const char *field);

/* ---- More components (govuk_blocks.c), each after govuk-frontend's template ---- */

/* A button: a submit button, or a link styled as one when href is set.
 * variant: NULL (primary), "secondary", "warning" or "start". */
struct govuk_button {
	const char *text, *href, *variant;
	const char *name, *value; /* a submit button's name=value, or NULL */
	bool prevent_double_click;
};
void govuk_button(struct html *w, const struct govuk_button *b);

/* The confirmation panel: a title (the page's h1) and optional text. */
void govuk_panel(struct html *w, const char *title, const char *text);

/* Warning text: the "!" icon and a bold message. */
void govuk_warning_text(struct html *w, const char *text);

/* Details: a summary that opens to whatever is written between begin and
 * end. open: shown opened. */
void govuk_details_begin(struct html *w, const char *summary, bool open);
void govuk_details_end(struct html *w);

/* Tabs: tabs_begin with the tabs' ids and labels (the first is selected),
 * then each panel's content between tab_panel_begin (in the same order) and
 * tab_panel_end, then tabs_end. Without JavaScript it is a list of links to
 * the sections. */
struct govuk_tab {
	const char *id, *label;
};
void govuk_tabs_begin(struct html *w, const char *title, const struct govuk_tab *tabs, size_t n);
void govuk_tab_panel_begin(struct html *w, const struct govuk_tab *tab, bool first);
void govuk_tab_panel_end(struct html *w);
void govuk_tabs_end(struct html *w);

/* A task list: each task's name (a link when href is set), an optional
 * hint, and its status (a tag when tag_colour is set, else plain text as
 * "Completed" is). */
struct govuk_task {
	const char *name, *href, *hint, *status, *tag_colour;
};
void govuk_task_list(struct html *w, const char *id, const struct govuk_task *tasks, size_t n);

/* A column heading of a table sorted on the server: a link to href, and
 * aria-sort ("ascending", "descending" or "none") for the column it is
 * sorted by. After govuk_table_begin(w, caption, hidden, NULL, 0):
 * govuk_table_head_begin, the headings, govuk_table_head_end, the rows. */
void govuk_table_head_begin(struct html *w);
void govuk_table_sort_head(struct html *w, const char *text, const char *href, const char *aria_sort);
void govuk_table_head(struct html *w, const char *text, bool numeric);
void govuk_table_head_end(struct html *w);

/* A textarea with its label, hint and error; with max_chars > 0 it is
 * govuk-frontend's character count (the limit stated without JavaScript). */
struct govuk_textarea {
	const char *id, *label, *hint, *error, *value;
	size_t max_chars, rows;
	bool label_is_heading;
};
void govuk_textarea(struct html *w, const struct govuk_textarea *t);

/* A date input: a fieldset with day, month and year inputs named
 * "<id>-day", "<id>-month", "<id>-year"; parts are the values to show
 * (may be NULL); error_part (0..2) says which input the error marks
 * (all three when error_all). */
struct govuk_date_input {
	const char *id, *legend, *hint, *error;
	const char *parts[3];
	int error_part;
	bool error_all;
	bool legend_is_heading;
};
void govuk_date_input(struct html *w, const struct govuk_date_input *d);

#endif
