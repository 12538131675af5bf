/* govuk.c - see govuk.h. */
#include "html/govuk.h"

#include <string.h>

void govuk_breadcrumbs(struct html *w, const struct crumb *items, size_t n)
{
	H_RAW(w, "<nav class=\"govuk-breadcrumbs\" aria-label=\"Breadcrumb\"><ol class=\"govuk-breadcrumbs__list\">");
	for (size_t i = 0; i < n; i++) {
		H_RAW(w, "<li class=\"govuk-breadcrumbs__list-item\">");
		if (items[i].href) {
			H_RAW(w, "<a class=\"govuk-breadcrumbs__link\"");
			H_ATTR(w, "href", items[i].href);
			H_RAW(w, ">");
			html_text(w, items[i].text);
			H_RAW(w, "</a>");
		} else {
			html_text(w, items[i].text);
		}
		H_RAW(w, "</li>");
	}
	H_RAW(w, "</ol></nav>\n");
}

void govuk_tag(struct html *w, const char *text, const char *colour)
{
	if (colour) {
		H_RAW(w, "<strong class=\"govuk-tag govuk-tag--");
		html_text(w, colour);
		H_RAW(w, "\">");
	} else {
		H_RAW(w, "<strong class=\"govuk-tag\">");
	}
	html_text(w, text);
	H_RAW(w, "</strong>");
}

void govuk_summary_begin(struct html *w)
{
	H_RAW(w, "<dl class=\"govuk-summary-list\">\n");
}

void govuk_summary_row_begin(struct html *w, const char *key)
{
	H_RAW(w, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">");
	html_text(w, key);
	H_RAW(w, "</dt><dd class=\"govuk-summary-list__value\">");
}

void govuk_summary_row_end(struct html *w)
{
	H_RAW(w, "</dd></div>\n");
}

void govuk_summary_action(struct html *w, const char *href, const char *text, const char *hidden)
{
	H_RAW(w, "</dd><dd class=\"govuk-summary-list__actions\"><a class=\"govuk-link\"");
	H_ATTR(w, "href", href);
	H_RAW(w, ">");
	html_text(w, text);
	H_RAW(w, "<span class=\"govuk-visually-hidden\"> ");
	html_text(w, hidden);
	H_RAW(w, "</span></a>");
}

void govuk_summary_row(struct html *w, const char *key, const char *value)
{
	govuk_summary_row_begin(w, key);
	html_text(w, value);
	govuk_summary_row_end(w);
}

void govuk_summary_end(struct html *w)
{
	H_RAW(w, "</dl>\n");
}

void govuk_table_begin(struct html *w, const char *caption, bool caption_hidden,
		       const char *const *heads, size_t n)
{
	/* a wide table scrolls inside its wrapper on a phone, never the page; the
	 * wrapper is a named region that takes focus, so that it scrolls from the
	 * keyboard too (assets/app.js drops the focus where nothing overflows) */
	if (caption) {
		H_RAW(w, "<div class=\"mh-table-wrap\" role=\"region\" tabindex=\"0\"");
		H_ATTR(w, "aria-label", caption);
		H_RAW(w, "><table class=\"govuk-table\">");
	} else {
		H_RAW(w, "<div class=\"mh-table-wrap\"><table class=\"govuk-table\">");
	}
	if (caption) {
		if (caption_hidden)
			H_RAW(w, "<caption class=\"govuk-visually-hidden\">");
		else
			H_RAW(w, "<caption class=\"govuk-table__caption govuk-table__caption--m\">");
		html_text(w, caption);
		H_RAW(w, "</caption>");
	}
	if (!heads)
		return; /* the caller writes the headings: govuk_table_head_begin ... */
	govuk_table_head_begin(w);
	for (size_t i = 0; i < n; i++)
		govuk_table_head(w, heads[i], false);
	govuk_table_head_end(w);
}

void govuk_table_begin_named(struct html *w, const char *heading_id)
{
	H_RAW(w, "<div class=\"mh-table-wrap\" role=\"region\" tabindex=\"0\"");
	H_ATTR(w, "aria-labelledby", heading_id);
	H_RAW(w, "><table class=\"govuk-table\"");
	H_ATTR(w, "aria-labelledby", heading_id);
	H_RAW(w, ">");
}

void govuk_table_row_begin(struct html *w)
{
	H_RAW(w, "<tr class=\"govuk-table__row\">");
}

void govuk_table_cell_begin(struct html *w)
{
	H_RAW(w, "<td class=\"govuk-table__cell\">");
}

void govuk_table_cell_end(struct html *w)
{
	H_RAW(w, "</td>");
}

void govuk_table_cell(struct html *w, const char *text)
{
	govuk_table_cell_begin(w);
	html_text(w, text);
	govuk_table_cell_end(w);
}

void govuk_table_cell_number(struct html *w, long long n)
{
	H_RAW(w, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">");
	html_int(w, n);
	H_RAW(w, "</td>");
}

static void link(struct html *w, const char *text, const char *href)
{
	H_RAW(w, "<a class=\"govuk-link\"");
	H_ATTR(w, "href", href);
	H_RAW(w, ">");
	html_text(w, text);
	H_RAW(w, "</a>");
}

void govuk_table_cell_link(struct html *w, const char *text, const char *href)
{
	govuk_table_cell_begin(w);
	link(w, text, href);
	govuk_table_cell_end(w);
}

void govuk_table_rowhead_link(struct html *w, const char *text, const char *href)
{
	H_RAW(w, "<th scope=\"row\" class=\"govuk-table__header\">");
	link(w, text, href);
	H_RAW(w, "</th>");
}

void govuk_table_row_end(struct html *w)
{
	H_RAW(w, "</tr>\n");
}

void govuk_table_end(struct html *w)
{
	H_RAW(w, "</tbody></table></div>\n");
}

static void page_link(struct html *w, long p, bool current, govuk_page_href href, const void *ctx)
{
	if (current)
		H_RAW(w, "<li class=\"govuk-pagination__item govuk-pagination__item--current\">");
	else
		H_RAW(w, "<li class=\"govuk-pagination__item\">");
	H_RAW(w, "<a class=\"govuk-link govuk-pagination__link\" href=\"");
	href(w, p, ctx);
	H_RAW(w, "\" aria-label=\"Page ");
	html_int(w, p);
	if (current)
		H_RAW(w, "\" aria-current=\"page\">");
	else
		H_RAW(w, "\">");
	html_int(w, p);
	H_RAW(w, "</a></li>");
}

void govuk_pagination(struct html *w, long page, long pages, govuk_page_href href, const void *ctx)
{
	if (pages <= 1)
		return;
	H_RAW(w, "<nav class=\"govuk-pagination\" aria-label=\"Results pages\">\n");
	if (page > 1) {
		H_RAW(w, "<div class=\"govuk-pagination__prev\"><a class=\"govuk-link govuk-pagination__link\" href=\"");
		href(w, page - 1, ctx);
		H_RAW(w, "\" rel=\"prev\"><svg class=\"govuk-pagination__icon govuk-pagination__icon--prev\" xmlns=\"http://www.w3.org/2000/svg\" height=\"13\" width=\"15\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 15 13\"><path d=\"m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z\"></path></svg>"
			 "<span class=\"govuk-pagination__link-title\">Previous<span class=\"govuk-visually-hidden\"> page</span></span></a></div>\n");
	}
	H_RAW(w, "<ul class=\"govuk-pagination__list\">");
	for (long p = 1; p <= pages; p++) {
		/* first, last, and the current page with its neighbours; ellipses between */
		if (p == 1 || p == pages || (p >= page - 1 && p <= page + 1))
			page_link(w, p, p == page, href, ctx);
		else if (p == page - 2 || p == page + 2)
			H_RAW(w, "<li class=\"govuk-pagination__item govuk-pagination__item--ellipses\">&ctdot;</li>");
	}
	H_RAW(w, "</ul>\n");
	if (page < pages) {
		H_RAW(w, "<div class=\"govuk-pagination__next\"><a class=\"govuk-link govuk-pagination__link\" href=\"");
		href(w, page + 1, ctx);
		H_RAW(w, "\" rel=\"next\"><span class=\"govuk-pagination__link-title\">Next<span class=\"govuk-visually-hidden\"> page</span></span>"
			 "<svg class=\"govuk-pagination__icon govuk-pagination__icon--next\" xmlns=\"http://www.w3.org/2000/svg\" height=\"13\" width=\"15\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 15 13\"><path d=\"m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z\"></path></svg></a></div>\n");
	}
	H_RAW(w, "</nav>\n");
}

/* The id of option i: "name" for the first (the error summary links to
 * it), then "name-2", "name-3" ..., as govuk-frontend does. */
static void choice_id(struct html *w, const char *name, size_t i)
{
	html_text(w, name);
	if (i > 0) {
		H_RAW(w, "-");
		html_int(w, (long long)i + 1);
	}
}

void govuk_choices(struct html *w, bool multiple, const char *name, const char *legend,
		   const struct govuk_choice *items, size_t n, const char *error, bool small)
{
	govuk_choices_revealing(w, multiple, name, legend, NULL, items, NULL, n, error, small);
}

void govuk_choices_revealing(struct html *w, bool multiple, const char *name, const char *legend, const char *hint,
			     const struct govuk_choice *items, const struct govuk_reveal *reveals, size_t n,
			     const char *error, bool small)
{
	const char *kind = multiple ? "checkboxes" : "radios";
	if (error)
		H_RAW(w, "<div class=\"govuk-form-group govuk-form-group--error\">");
	else
		H_RAW(w, "<div class=\"govuk-form-group\">");
	H_RAW(w, "<fieldset class=\"govuk-fieldset\"");
	if (error || hint) {
		H_RAW(w, " aria-describedby=\"");
		if (hint) {
			html_text(w, name);
			H_RAW(w, "-hint");
		}
		if (error) {
			if (hint)
				H_RAW(w, " ");
			html_text(w, name);
			H_RAW(w, "-error");
		}
		H_RAW(w, "\"");
	}
	H_RAW(w, "><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">");
	html_text(w, legend);
	H_RAW(w, "</legend>");
	if (hint)
		govuk_hint(w, name, hint);
	if (error)
		govuk_error_message(w, name, error);
	H_RAW(w, "<div class=\"govuk-");
	html_text(w, kind);
	if (small) {
		H_RAW(w, " govuk-");
		html_text(w, kind);
		H_RAW(w, "--small");
	}
	if (reveals) {
		/* assets/app.js shows an option's content while it is chosen;
		 * govuk-frontend's module would also set aria-expanded, which
		 * ARIA does not allow on a radio or a checkbox */
		H_RAW(w, "\" data-mh-reveals>");
	} else {
		H_RAW(w, "\" data-module=\"govuk-");
		html_text(w, kind);
		H_RAW(w, "\">");
	}
	for (size_t i = 0; i < n; i++) {
		H_RAW(w, "<div class=\"govuk-");
		html_text(w, kind);
		H_RAW(w, "__item\"><input class=\"govuk-");
		html_text(w, kind);
		H_RAW(w, "__input\" id=\"");
		choice_id(w, name, i);
		H_RAW(w, "\"");
		H_ATTR(w, "name", name);
		if (multiple)
			H_RAW(w, " type=\"checkbox\"");
		else
			H_RAW(w, " type=\"radio\"");
		H_ATTR(w, "value", items[i].value);
		if (items[i].checked)
			H_RAW(w, " checked");
		bool reveal = reveals && reveals[i].write;
		if (reveal) {
			H_RAW(w, " aria-controls=\"conditional-");
			choice_id(w, name, i);
			H_RAW(w, "\"");
		}
		H_RAW(w, "><label class=\"govuk-label govuk-");
		html_text(w, kind);
		H_RAW(w, "__label\" for=\"");
		choice_id(w, name, i);
		H_RAW(w, "\">");
		html_text(w, items[i].label);
		H_RAW(w, "</label></div>");
		if (reveal) {
			/* hidden unless chosen (by govuk-frontend's CSS, only where its script can run) */
			H_RAW(w, "<div class=\"govuk-");
			html_text(w, kind);
			H_RAW(w, "__conditional");
			if (!items[i].checked) {
				H_RAW(w, " govuk-");
				html_text(w, kind);
				H_RAW(w, "__conditional--hidden");
			}
			H_RAW(w, "\" id=\"conditional-");
			choice_id(w, name, i);
			H_RAW(w, "\">");
			reveals[i].write(w, reveals[i].ctx);
			H_RAW(w, "</div>");
		}
	}
	H_RAW(w, "</div></fieldset></div>\n");
}

void govuk_notification_banner(struct html *w, const char *title, const char *text, bool success)
{
	if (success)
		H_RAW(w, "<div class=\"govuk-notification-banner govuk-notification-banner--success\" role=\"alert\"");
	else
		H_RAW(w, "<div class=\"govuk-notification-banner\" role=\"region\"");
	H_RAW(w, " aria-labelledby=\"govuk-notification-banner-title\" data-module=\"govuk-notification-banner\">\n"
		 "<div class=\"govuk-notification-banner__header\"><h2 class=\"govuk-notification-banner__title\" id=\"govuk-notification-banner-title\">");
	html_text(w, title);
	H_RAW(w, "</h2></div>\n<div class=\"govuk-notification-banner__content\"><p class=\"govuk-notification-banner__heading\">");
	html_text(w, text);
	H_RAW(w, "</p></div>\n</div>\n");
}

void govuk_error_summary(struct html *w, const struct govuk_error *errors, size_t n)
{
	if (!n)
		return;
	H_RAW(w, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\">"
		 "<div role=\"alert\"><h2 class=\"govuk-error-summary__title\">There is a problem</h2>"
		 "<div class=\"govuk-error-summary__body\"><ul class=\"govuk-list govuk-error-summary__list\">");
	for (size_t i = 0; i < n; i++) {
		H_RAW(w, "<li><a href=\"#");
		html_text(w, errors[i].field);
		H_RAW(w, "\">");
		html_text(w, errors[i].message);
		H_RAW(w, "</a></li>");
	}
	H_RAW(w, "</ul></div></div></div>\n");
}

const char *govuk_error_for(const struct govuk_error *errors, size_t n, const char *field)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(errors[i].field, field))
			return errors[i].message;
	return NULL;
}

void govuk_hint(struct html *w, const char *id, const char *text)
{
	H_RAW(w, "<div class=\"govuk-hint\" id=\"");
	html_text(w, id);
	H_RAW(w, "-hint\">");
	html_text(w, text);
	H_RAW(w, "</div>");
}

void govuk_error_message(struct html *w, const char *id, const char *text)
{
	H_RAW(w, "<p class=\"govuk-error-message\" id=\"");
	html_text(w, id);
	H_RAW(w, "-error\"><span class=\"govuk-visually-hidden\">Error:</span> ");
	html_text(w, text);
	H_RAW(w, "</p>");
}

/* The form group's opening, the label, hint and error of a field. */
static void field_begin(struct html *w, const char *id, const char *label, const char *hint, const char *error,
			bool heading)
{
	if (error)
		H_RAW(w, "<div class=\"govuk-form-group govuk-form-group--error\">");
	else
		H_RAW(w, "<div class=\"govuk-form-group\">");
	if (heading)
		H_RAW(w, "<h1 class=\"govuk-label-wrapper\"><label class=\"govuk-label govuk-label--l\"");
	else
		H_RAW(w, "<label class=\"govuk-label govuk-label--s\"");
	H_ATTR(w, "for", id);
	H_RAW(w, ">");
	html_text(w, label);
	H_RAW(w, "</label>");
	if (heading)
		H_RAW(w, "</h1>");
	if (hint)
		govuk_hint(w, id, hint);
	if (error)
		govuk_error_message(w, id, error);
}

/* The control's aria-describedby: its hint and error. */
static void described_by(struct html *w, const char *id, const char *hint, const char *error)
{
	if (hint || error) {
		H_RAW(w, " aria-describedby=\"");
		if (hint) {
			html_text(w, id);
			H_RAW(w, "-hint");
		}
		if (hint && error)
			H_RAW(w, " ");
		if (error) {
			html_text(w, id);
			H_RAW(w, "-error");
		}
		H_RAW(w, "\"");
	}
}

void govuk_input(struct html *w, const struct govuk_input *in)
{
	field_begin(w, in->id, in->label, in->hint, in->error, in->label_is_heading);
	H_RAW(w, "<input class=\"govuk-input");
	if (in->input_class) {
		H_RAW(w, " ");
		html_text(w, in->input_class);
	}
	if (in->error)
		H_RAW(w, " govuk-input--error");
	H_RAW(w, "\"");
	H_ATTR(w, "id", in->id);
	H_ATTR(w, "name", in->id);
	H_ATTR(w, "type", in->type);
	if (in->value)
		H_ATTR(w, "value", in->value);
	if (in->autocomplete)
		H_ATTR(w, "autocomplete", in->autocomplete);
	if (in->inputmode)
		H_ATTR(w, "inputmode", in->inputmode);
	if (in->spellcheck_off)
		H_RAW(w, " spellcheck=\"false\"");
	if (in->school_search)
		H_ATTR(w, "data-school-search", in->school_submit ? "submit" : "pick");
	described_by(w, in->id, in->hint, in->error);
	H_RAW(w, "></div>\n");
}

void govuk_file_upload(struct html *w, const struct govuk_file_upload *f)
{
	field_begin(w, f->id, f->label, f->hint, f->error, false);
	if (f->error)
		H_RAW(w, "<input class=\"govuk-file-upload govuk-file-upload--error\"");
	else
		H_RAW(w, "<input class=\"govuk-file-upload\"");
	H_ATTR(w, "id", f->id);
	H_ATTR(w, "name", f->id);
	H_RAW(w, " type=\"file\"");
	if (f->accept)
		H_ATTR(w, "accept", f->accept);
	described_by(w, f->id, f->hint, f->error);
	H_RAW(w, "></div>\n");
}

void govuk_select(struct html *w, const struct govuk_select *s)
{
	field_begin(w, s->id, s->label, s->hint, s->error, false);
	if (s->error)
		H_RAW(w, "<select class=\"govuk-select govuk-select--error\"");
	else
		H_RAW(w, "<select class=\"govuk-select\"");
	H_ATTR(w, "id", s->id);
	H_ATTR(w, "name", s->id);
	described_by(w, s->id, s->hint, s->error);
	H_RAW(w, ">");
	for (size_t i = 0; i < s->n; i++) {
		H_RAW(w, "<option");
		H_ATTR(w, "value", s->options[i].value);
		if (s->value && !strcmp(s->value, s->options[i].value))
			H_RAW(w, " selected");
		H_RAW(w, ">");
		html_text(w, s->options[i].text);
		H_RAW(w, "</option>");
	}
	H_RAW(w, "</select></div>\n");
}

void govuk_button_form(struct html *w, const char *csrf, const char *action, const char *name, const char *value,
		       const char *label)
{
	H_RAW(w, "<form method=\"post\" novalidate");
	H_ATTR(w, "action", action);
	H_RAW(w, ">\n");
	govuk_csrf(w, csrf);
	H_RAW(w, "<input type=\"hidden\"");
	H_ATTR(w, "name", name);
	H_ATTR(w, "value", value);
	H_RAW(w, "><button type=\"submit\" class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">");
	html_text(w, label);
	H_RAW(w, "</button>\n</form>\n");
}

void govuk_csrf(struct html *w, const char *token)
{
	H_RAW(w, "<input type=\"hidden\" name=\"csrf_token\"");
	H_ATTR(w, "value", token);
	H_RAW(w, ">\n");
}
