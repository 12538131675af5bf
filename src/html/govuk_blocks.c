/* govuk_blocks.c - the GOV.UK components of govuk.h's second half: button,
 * panel, warning text, details, tabs, task list,
 * sortable table headings, textarea with character count, date input.
 * Markup follows govuk-frontend 6's template.njk of each. */
#include <stdio.h>
#include <string.h>

#include "html/govuk.h"

void govuk_button(struct html *w, const struct govuk_button *b)
{
	if (b->href) {
		H_RAW(w, "<a role=\"button\" draggable=\"false\"");
		H_ATTR(w, "href", b->href);
	} else {
		H_RAW(w, "<button type=\"submit\"");
		if (b->name) {
			H_ATTR(w, "name", b->name);
			H_ATTR(w, "value", b->value ? b->value : "");
		}
		if (b->prevent_double_click)
			H_RAW(w, " data-prevent-double-click=\"true\"");
	}
	H_RAW(w, " class=\"govuk-button");
	if (b->variant) {
		H_RAW(w, " govuk-button--");
		html_text(w, b->variant);
	}
	H_RAW(w, "\" data-module=\"govuk-button\">");
	html_text(w, b->text);
	if (b->variant && !strcmp(b->variant, "start"))
		H_RAW(w, "<svg class=\"govuk-button__start-icon\" xmlns=\"http://www.w3.org/2000/svg\" width=\"17.5\" height=\"19\" viewBox=\"0 0 33 40\" aria-hidden=\"true\" focusable=\"false\">"
			 "<path fill=\"currentColor\" d=\"M0 0h13l20 20-20 20H0l20-20z\"/></svg>");
	if (b->href)
		H_RAW(w, "</a>\n");
	else
		H_RAW(w, "</button>\n");
}

void govuk_panel(struct html *w, const char *title, const char *text)
{
	H_RAW(w, "<div class=\"govuk-panel govuk-panel--confirmation\"><h1 class=\"govuk-panel__title\">");
	html_text(w, title);
	H_RAW(w, "</h1>");
	if (text) {
		H_RAW(w, "<div class=\"govuk-panel__body\">");
		html_text(w, text);
		H_RAW(w, "</div>");
	}
	H_RAW(w, "</div>\n");
}

void govuk_warning_text(struct html *w, const char *text)
{
	H_RAW(w, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>"
		 "<strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>");
	html_text(w, text);
	H_RAW(w, "</strong></div>\n");
}

void govuk_details_begin(struct html *w, const char *summary, bool open)
{
	if (open)
		H_RAW(w, "<details class=\"govuk-details\" open>");
	else
		H_RAW(w, "<details class=\"govuk-details\">");
	H_RAW(w, "<summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">");
	html_text(w, summary);
	H_RAW(w, "</span></summary>\n<div class=\"govuk-details__text\">\n");
}

void govuk_details_end(struct html *w)
{
	H_RAW(w, "</div></details>\n");
}

void govuk_tabs_begin(struct html *w, const char *title, const struct govuk_tab *tabs, size_t n)
{
	H_RAW(w, "<div class=\"govuk-tabs\" data-module=\"govuk-tabs\"><h2 class=\"govuk-tabs__title\">");
	html_text(w, title ? title : "Contents");
	H_RAW(w, "</h2>\n<ul class=\"govuk-tabs__list\">");
	for (size_t i = 0; i < n; i++) {
		if (i == 0)
			H_RAW(w, "<li class=\"govuk-tabs__list-item govuk-tabs__list-item--selected\">");
		else
			H_RAW(w, "<li class=\"govuk-tabs__list-item\">");
		H_RAW(w, "<a class=\"govuk-tabs__tab\" href=\"#");
		html_text(w, tabs[i].id);
		H_RAW(w, "\">");
		html_text(w, tabs[i].label);
		H_RAW(w, "</a></li>");
	}
	H_RAW(w, "</ul>\n");
}

void govuk_tab_panel_begin(struct html *w, const struct govuk_tab *tab, bool first)
{
	if (first)
		H_RAW(w, "<div class=\"govuk-tabs__panel\"");
	else
		H_RAW(w, "<div class=\"govuk-tabs__panel govuk-tabs__panel--hidden\"");
	H_ATTR(w, "id", tab->id);
	H_RAW(w, ">\n<h2 class=\"govuk-heading-l\">");
	html_text(w, tab->label);
	H_RAW(w, "</h2>\n");
}

void govuk_tab_panel_end(struct html *w)
{
	H_RAW(w, "</div>\n");
}

void govuk_tabs_end(struct html *w)
{
	H_RAW(w, "</div>\n");
}

/* "<id>-<n>-<what>", the ids of a task's hint and status. */
static void task_id(struct html *w, const char *id, size_t n, const char *what)
{
	char num[24];
	snprintf(num, sizeof(num), "-%zu-", n);
	html_text(w, id);
	html_text(w, num);
	html_text(w, what);
}

void govuk_task_list(struct html *w, const char *id, const struct govuk_task *tasks, size_t n)
{
	H_RAW(w, "<ul class=\"govuk-task-list\">\n");
	for (size_t i = 0; i < n; i++) {
		const struct govuk_task *t = &tasks[i];
		if (t->href)
			H_RAW(w, "<li class=\"govuk-task-list__item govuk-task-list__item--with-link\"><div class=\"govuk-task-list__name-and-hint\">"
				 "<a class=\"govuk-link govuk-task-list__link\"");
		else
			H_RAW(w, "<li class=\"govuk-task-list__item\"><div class=\"govuk-task-list__name-and-hint\"><div");
		if (t->href) {
			H_ATTR(w, "href", t->href);
			H_RAW(w, " aria-describedby=\"");
			if (t->hint) {
				task_id(w, id, i + 1, "hint");
				H_RAW(w, " ");
			}
			task_id(w, id, i + 1, "status");
			H_RAW(w, "\"");
		}
		H_RAW(w, ">");
		html_text(w, t->name);
		if (t->href)
			H_RAW(w, "</a>");
		else
			H_RAW(w, "</div>");
		if (t->hint) {
			H_RAW(w, "<div class=\"govuk-task-list__hint\" id=\"");
			task_id(w, id, i + 1, "hint");
			H_RAW(w, "\">");
			html_text(w, t->hint);
			H_RAW(w, "</div>");
		}
		if (t->tag_colour)
			H_RAW(w, "</div><div class=\"govuk-task-list__status\" id=\"");
		else
			H_RAW(w, "</div><div class=\"govuk-task-list__status govuk-task-list__status--cannot-start-yet\" id=\"");
		task_id(w, id, i + 1, "status");
		H_RAW(w, "\">");
		if (t->tag_colour)
			govuk_tag(w, t->status, t->tag_colour);
		else
			html_text(w, t->status);
		H_RAW(w, "</div></li>\n");
	}
	H_RAW(w, "</ul>\n");
}

void govuk_table_head_begin(struct html *w)
{
	H_RAW(w, "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">");
}

void govuk_table_sort_head(struct html *w, const char *text, const char *href, const char *aria_sort)
{
	H_RAW(w, "<th scope=\"col\" class=\"govuk-table__header\"");
	H_ATTR(w, "aria-sort", aria_sort ? aria_sort : "none");
	H_RAW(w, "><a class=\"govuk-link mh-sort-link\"");
	H_ATTR(w, "href", href);
	H_RAW(w, ">");
	html_text(w, text);
	H_RAW(w, "</a></th>");
}

void govuk_table_head(struct html *w, const char *text, bool numeric)
{
	if (numeric)
		H_RAW(w, "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">");
	else
		H_RAW(w, "<th scope=\"col\" class=\"govuk-table__header\">");
	html_text(w, text);
	H_RAW(w, "</th>");
}

void govuk_table_head_end(struct html *w)
{
	H_RAW(w, "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
}

void govuk_textarea(struct html *w, const struct govuk_textarea *t)
{
	char max[24];
	snprintf(max, sizeof(max), "%zu", t->max_chars);
	H_RAW(w, "<div class=\"govuk-form-group");
	if (t->max_chars)
		H_RAW(w, " govuk-character-count");
	if (t->error)
		H_RAW(w, " govuk-form-group--error");
	H_RAW(w, "\"");
	if (t->max_chars) {
		H_RAW(w, " data-module=\"govuk-character-count\"");
		H_ATTR(w, "data-maxlength", max);
	}
	H_RAW(w, ">");
	if (t->label_is_heading)
		H_RAW(w, "<h1 class=\"govuk-label-wrapper\"><label class=\"govuk-label govuk-label--l\"");
	else
		H_RAW(w, "<label class=\"govuk-label govuk-label--s\"");
	H_ATTR(w, "for", t->id);
	H_RAW(w, ">");
	html_text(w, t->label);
	H_RAW(w, "</label>");
	if (t->label_is_heading)
		H_RAW(w, "</h1>");
	if (t->hint)
		govuk_hint(w, t->id, t->hint);
	if (t->error)
		govuk_error_message(w, t->id, t->error);
	H_RAW(w, "<textarea class=\"govuk-textarea");
	if (t->max_chars)
		H_RAW(w, " govuk-js-character-count");
	if (t->error)
		H_RAW(w, " govuk-textarea--error");
	H_RAW(w, "\"");
	H_ATTR(w, "id", t->id);
	H_ATTR(w, "name", t->id);
	char rows[24];
	snprintf(rows, sizeof(rows), "%zu", t->rows ? t->rows : 5);
	H_ATTR(w, "rows", rows);
	if (t->hint || t->error || t->max_chars) {
		H_RAW(w, " aria-describedby=\"");
		const char *sep = "";
		if (t->max_chars) {
			html_text(w, t->id);
			H_RAW(w, "-info");
			sep = " ";
		}
		if (t->hint) {
			html_text(w, sep);
			html_text(w, t->id);
			H_RAW(w, "-hint");
			sep = " ";
		}
		if (t->error) {
			html_text(w, sep);
			html_text(w, t->id);
			H_RAW(w, "-error");
		}
		H_RAW(w, "\"");
	}
	H_RAW(w, ">");
	html_text(w, t->value); /* a textarea's content is text: escaped, line breaks kept */
	H_RAW(w, "</textarea>");
	if (t->max_chars) {
		H_RAW(w, "<div class=\"govuk-hint govuk-character-count__message\" id=\"");
		html_text(w, t->id);
		H_RAW(w, "-info\">You can enter up to ");
		html_text(w, max);
		H_RAW(w, " characters</div>");
	}
	H_RAW(w, "</div>\n");
}

void govuk_date_input(struct html *w, const struct govuk_date_input *d)
{
	static const char *const part[] = {"day", "month", "year"};
	static const char *const label[] = {"Day", "Month", "Year"};
	if (d->error)
		H_RAW(w, "<div class=\"govuk-form-group govuk-form-group--error\">");
	else
		H_RAW(w, "<div class=\"govuk-form-group\">");
	H_RAW(w, "<fieldset class=\"govuk-fieldset\" role=\"group\"");
	if (d->hint || d->error) {
		H_RAW(w, " aria-describedby=\"");
		if (d->hint) {
			html_text(w, d->id);
			H_RAW(w, "-hint");
		}
		if (d->hint && d->error)
			H_RAW(w, " ");
		if (d->error) {
			html_text(w, d->id);
			H_RAW(w, "-error");
		}
		H_RAW(w, "\"");
	}
	if (d->legend_is_heading)
		H_RAW(w, "><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--l\"><h1 class=\"govuk-fieldset__heading\">");
	else
		H_RAW(w, "><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">");
	html_text(w, d->legend);
	if (d->legend_is_heading)
		H_RAW(w, "</h1>");
	H_RAW(w, "</legend>");
	if (d->hint)
		govuk_hint(w, d->id, d->hint);
	if (d->error)
		govuk_error_message(w, d->id, d->error);
	H_RAW(w, "<div class=\"govuk-date-input\"");
	H_ATTR(w, "id", d->id);
	H_RAW(w, ">");
	for (int k = 0; k < 3; k++) {
		bool bad = d->error && (d->error_all || d->error_part == k);
		H_RAW(w, "<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\"><label class=\"govuk-label govuk-date-input__label\" for=\"");
		html_text(w, d->id);
		H_RAW(w, "-");
		html_text(w, part[k]);
		H_RAW(w, "\">");
		html_text(w, label[k]);
		H_RAW(w, "</label><input class=\"govuk-input govuk-date-input__input");
		if (k == 2)
			H_RAW(w, " govuk-input--width-4");
		else
			H_RAW(w, " govuk-input--width-2");
		if (bad)
			H_RAW(w, " govuk-input--error");
		H_RAW(w, "\" id=\"");
		html_text(w, d->id);
		H_RAW(w, "-");
		html_text(w, part[k]);
		H_RAW(w, "\" name=\"");
		html_text(w, d->id);
		H_RAW(w, "-");
		html_text(w, part[k]);
		H_RAW(w, "\" type=\"text\" inputmode=\"numeric\"");
		if (d->parts[k])
			H_ATTR(w, "value", d->parts[k]);
		H_RAW(w, "></div></div>");
	}
	H_RAW(w, "</div></fieldset></div>\n");
}
