/* register_view.c - see register_view.h. */
#include "html/register_view.h"

#include "html/html.h"

void register_row(struct html *w, const char *name, const char *legend, const struct govuk_choice *items, size_t n,
		  const char *error, const char *how, bool small)
{
	H_RAW(w, "<div class=\"mh-register__row\">");
	govuk_choices(w, false, name, legend, items, n, error, small);
	if (how) {
		H_RAW(w, "<p class=\"govuk-body-s mh-register__how\">");
		html_text(w, how);
		H_RAW(w, "</p>");
	}
	H_RAW(w, "</div>\n");
}

void register_save(struct html *w)
{
	H_RAW(w, "<div class=\"mh-sticky-save\">");
	govuk_button(w, &(struct govuk_button){.text = "Save register", .prevent_double_click = true});
	H_RAW(w, "</div>");
}

void register_sign_in_sheet(struct html *w, const char *caption, const struct sign_in_row *rows, size_t n, int blank)
{
	static const char *const heads[] = {"Name", "School", "Signature"};
	H_RAW(w, "<div class=\"mh-sign-in\">");
	govuk_table_begin(w, caption, true, heads, 3);
	for (size_t i = 0; i < n + (size_t)(blank > 0 ? blank : 0); i++) {
		govuk_table_row_begin(w);
		govuk_table_cell(w, i < n && rows[i].name ? rows[i].name : "");
		govuk_table_cell(w, i < n && rows[i].school ? rows[i].school : "");
		govuk_table_cell(w, "");
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
	H_RAW(w, "</div>\n");
}
