/*
 * register_view.h - what the registers of events (src/events) and of hub
 * activities' sessions (src/activities) show alike: a person's row of the
 * phone register (a fieldset of the four marks' radios, side by side where
 * they fit, and how the mark was recorded), the save button kept in view at
 * the foot of a phone's screen, and the sign-in sheet's table (name,
 * school, a box to sign; the print style repeats its head on every page).
 * The styles are assets/app.scss's mh-register and mh-sign-in.
 */
#ifndef MH_HTML_REGISTER_VIEW_H
#define MH_HTML_REGISTER_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "html/govuk.h"

struct html;

/* One person's row: radios name with items (the marks, one checked or
 * none), legend (their name and school), error (or NULL) and how (the
 * mark's origin in words, or NULL). small: govuk-frontend's small radios. */
void register_row(struct html *w, const char *name, const char *legend, const struct govuk_choice *items, size_t n,
		  const char *error, const char *how, bool small);

/* The form's "Save register" button, kept in view. */
void register_save(struct html *w);

/* A row of a sign-in sheet. */
struct sign_in_row {
	const char *name, *school;
};

/* The sign-in sheet's table: caption, a row for each of rows, then blank
 * empty rows for people not listed. */
void register_sign_in_sheet(struct html *w, const char *caption, const struct sign_in_row *rows, size_t n, int blank);

#endif
