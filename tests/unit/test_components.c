/*
 * test_components.c - the GOV.UK components of govuk_blocks.c and the page
 * scaffold (page_begin; the notification banner is in test_html.c), against the markup of govuk-frontend 6's
 * templates (node_modules/govuk-frontend/dist/govuk/components/<name>/template.njk):
 * the classes, roles and ids its CSS and JavaScript look for, and that
 * every text is escaped.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/assets.h"
#include "core/buf.h"
#include "html/govuk.h"
#include "html/layout.h"

static struct buf b;
static struct html w = {&b};

static int reset(void **state)
{
	(void)state;
	buf_free(&b);
	b = (struct buf){0};
	return 0;
}

static const char *out(void)
{
	static char empty[1];
	return b.data ? b.data : empty;
}

/* Whether each of the fragments is in the output, in order. */
__attribute__((noinline)) static void expect_in_order(const char *const *parts, size_t n)
{
	const char *at = out();
	for (size_t i = 0; i < n; i++) {
		const char *found = strstr(at, parts[i]);
		if (!found)
			fail_msg("missing (or out of order): %s\nin: %s", parts[i], out());
		at = found + strlen(parts[i]);
	}
}
#define EXPECT(...)                                                                 \
	do {                                                                        \
		static const char *const parts_[] = {__VA_ARGS__};                  \
		expect_in_order(parts_, sizeof(parts_) / sizeof(parts_[0]));        \
	} while (0)

static void test_button_variants(void **state)
{
	(void)state;
	govuk_button(&w, &(struct govuk_button){.text = "Save & continue", .prevent_double_click = true});
	assert_string_equal(out(), "<button type=\"submit\" data-prevent-double-click=\"true\" class=\"govuk-button\" "
				   "data-module=\"govuk-button\">Save &amp; continue</button>\n");
	reset(NULL);
	govuk_button(&w, &(struct govuk_button){.text = "Start now", .href = "/start?a=1&b=2", .variant = "start"});
	EXPECT("<a role=\"button\" draggable=\"false\" href=\"/start?a=1&amp;b=2\" class=\"govuk-button govuk-button--start\"",
	       ">Start now<svg class=\"govuk-button__start-icon\"", "aria-hidden=\"true\" focusable=\"false\"", "</svg></a>");
	reset(NULL);
	govuk_button(&w, &(struct govuk_button){.text = "Remove", .variant = "warning", .name = "action", .value = "remove"});
	EXPECT("name=\"action\" value=\"remove\"", "class=\"govuk-button govuk-button--warning\"");
}

static void test_file_upload(void **state)
{
	(void)state;
	govuk_file_upload(&w, &(struct govuk_file_upload){.id = "file", .label = "Upload a file", .accept = ".csv"});
	assert_string_equal(out(), "<div class=\"govuk-form-group\"><label class=\"govuk-label govuk-label--s\" for=\"file\">Upload a file</label>"
				   "<input class=\"govuk-file-upload\" id=\"file\" name=\"file\" type=\"file\" accept=\".csv\"></div>\n");
	reset(NULL);
	govuk_file_upload(&w, &(struct govuk_file_upload){.id = "file", .label = "Upload a file", .hint = "A CSV file",
							  .error = "The selected file must be a CSV"});
	assert_string_equal(out(), "<div class=\"govuk-form-group govuk-form-group--error\"><label class=\"govuk-label govuk-label--s\" for=\"file\">Upload a file</label>"
				   "<div class=\"govuk-hint\" id=\"file-hint\">A CSV file</div>"
				   "<p class=\"govuk-error-message\" id=\"file-error\"><span class=\"govuk-visually-hidden\">Error:</span> The selected file must be a CSV</p>"
				   "<input class=\"govuk-file-upload govuk-file-upload--error\" id=\"file\" name=\"file\" type=\"file\" aria-describedby=\"file-hint file-error\"></div>\n");
}

static void test_panel(void **state)
{
	(void)state;
	govuk_panel(&w, "Booking confirmed", "Your reference is <HDJ2123F>");
	assert_string_equal(out(), "<div class=\"govuk-panel govuk-panel--confirmation\"><h1 class=\"govuk-panel__title\">Booking confirmed</h1>"
				   "<div class=\"govuk-panel__body\">Your reference is &lt;HDJ2123F&gt;</div></div>\n");
}

static void test_warning_and_details(void **state)
{
	(void)state;
	govuk_warning_text(&w, "Do not travel unless you have confirmed");
	assert_string_equal(out(), "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>"
				   "<strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>"
				   "Do not travel unless you have confirmed</strong></div>\n");
	reset(NULL);
	govuk_details_begin(&w, "Who sees this", true);
	html_text(&w, "inside");
	govuk_details_end(&w);
	EXPECT("<details class=\"govuk-details\" open><summary class=\"govuk-details__summary\">",
	       "<span class=\"govuk-details__summary-text\">Who sees this</span></summary>",
	       "<div class=\"govuk-details__text\">", "inside", "</div></details>");
}

static void test_tabs(void **state)
{
	(void)state;
	static const struct govuk_tab tabs[] = {{"upcoming", "Eligible & Upcoming"}, {"past", "Past"}};
	govuk_tabs_begin(&w, NULL, tabs, 2);
	govuk_tab_panel_begin(&w, &tabs[0], true);
	govuk_tab_panel_end(&w);
	govuk_tab_panel_begin(&w, &tabs[1], false);
	govuk_tab_panel_end(&w);
	govuk_tabs_end(&w);
	EXPECT("<div class=\"govuk-tabs\" data-module=\"govuk-tabs\"><h2 class=\"govuk-tabs__title\">Contents</h2>",
	       "<li class=\"govuk-tabs__list-item govuk-tabs__list-item--selected\"><a class=\"govuk-tabs__tab\" href=\"#upcoming\">Eligible &amp; Upcoming</a></li>",
	       "<li class=\"govuk-tabs__list-item\"><a class=\"govuk-tabs__tab\" href=\"#past\">Past</a></li></ul>",
	       "<div class=\"govuk-tabs__panel\" id=\"upcoming\">", "<div class=\"govuk-tabs__panel govuk-tabs__panel--hidden\" id=\"past\">");
}

static void test_task_list(void **state)
{
	(void)state;
	static const struct govuk_task tasks[] = {
		{"Planning", "/happi/1/planning", "Agreed with the Project Lead", "Completed", NULL},
		{"Impact", NULL, NULL, "Cannot start yet", NULL},
		{"Progress", "/happi/1/progress", NULL, "In progress", "light-blue"},
	};
	govuk_task_list(&w, "happi", tasks, 3);
	EXPECT("<ul class=\"govuk-task-list\">",
	       "<li class=\"govuk-task-list__item govuk-task-list__item--with-link\">",
	       "<a class=\"govuk-link govuk-task-list__link\" href=\"/happi/1/planning\" aria-describedby=\"happi-1-hint happi-1-status\">Planning</a>",
	       "<div class=\"govuk-task-list__hint\" id=\"happi-1-hint\">Agreed with the Project Lead</div>",
	       "id=\"happi-1-status\">Completed</div>",
	       "<li class=\"govuk-task-list__item\"><div class=\"govuk-task-list__name-and-hint\"><div>Impact</div>",
	       "aria-describedby=\"happi-3-status\">Progress</a>",
	       "<strong class=\"govuk-tag govuk-tag--light-blue\">In progress</strong>");
}

static void test_sortable_table_head(void **state)
{
	(void)state;
	govuk_table_head_begin(&w);
	govuk_table_sort_head(&w, "Name", "?sort=name&dir=desc", "ascending");
	govuk_table_sort_head(&w, "Hub", "?sort=hub", NULL);
	govuk_table_head(&w, "Schools", true);
	govuk_table_head_end(&w);
	EXPECT("<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">",
	       "<th scope=\"col\" class=\"govuk-table__header\" aria-sort=\"ascending\"><a class=\"govuk-link mh-sort-link\" href=\"?sort=name&amp;dir=desc\">Name</a></th>",
	       "aria-sort=\"none\"", "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Schools</th>",
	       "</tr></thead>\n<tbody class=\"govuk-table__body\">");
}

static void test_textarea_without_a_limit(void **state)
{
	(void)state;
	govuk_textarea(&w, &(struct govuk_textarea){.id = "why", .label = "Why", .hint = "A sentence", .value = "a\n<b>"});
	EXPECT("<div class=\"govuk-form-group\">", "<label class=\"govuk-label govuk-label--s\" for=\"why\">Why</label>",
	       "<div class=\"govuk-hint\" id=\"why-hint\">A sentence</div>",
	       "<textarea class=\"govuk-textarea\" id=\"why\" name=\"why\" rows=\"5\" aria-describedby=\"why-hint\">a\n&lt;b&gt;</textarea></div>");
	assert_null(strstr(out(), "character-count"));
}

static void test_date_input_marks_all_when_empty(void **state)
{
	(void)state;
	govuk_date_input(&w, &(struct govuk_date_input){.id = "start", .legend = "Start date", .hint = "For example, 27 3 2026",
							.error = "Enter start date", .error_all = true, .legend_is_heading = true});
	EXPECT("<fieldset class=\"govuk-fieldset\" role=\"group\" aria-describedby=\"start-hint start-error\">",
	       "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--l\"><h1 class=\"govuk-fieldset__heading\">Start date</h1></legend>",
	       "<div class=\"govuk-date-input\" id=\"start\">",
	       "govuk-input--width-2 govuk-input--error\" id=\"start-day\"",
	       "govuk-input--width-2 govuk-input--error\" id=\"start-month\"",
	       "govuk-input--width-4 govuk-input--error\" id=\"start-year\"");
}

static void test_page_scaffold_order(void **state)
{
	(void)state;
	static const struct govuk_error errs[] = {{"name", "Enter full name"}};
	page_begin(&w, &(struct page){.title = "Add a person", .back_href = "/admin/people", .caption = "People",
				      .errors = errs, .nerrors = 1, .banner = "Saved"});
	html_text(&w, "BODY");
	page_end(&w);
	EXPECT("<title>Error: Add a person - Maths Hubs</title>", "<a class=\"govuk-back-link\" href=\"/admin/people\">Back</a>",
	       "<main class=\"govuk-main-wrapper\" id=\"main-content\">", /* the back link comes before main */
	       "<div class=\"govuk-grid-column-two-thirds\">", "<div class=\"govuk-error-summary\"",
	       "<a href=\"#name\">Enter full name</a>", "govuk-notification-banner--success", "<p class=\"govuk-notification-banner__heading\">Saved</p>",
	       "<span class=\"govuk-caption-l\">People</span><h1 class=\"govuk-heading-l\">Add a person</h1>", "BODY",
	       "</div></div>\n</main>", "</html>");
	/* the back link is outside main, as GOV.UK places it */
	assert_true(strstr(out(), "govuk-back-link") < strstr(out(), "<main"));
}

static void test_page_scaffold_without_heading(void **state)
{
	(void)state;
	page_begin(&w, &(struct page){.title = "Hubs", .heading = "", .full_width = true});
	page_end(&w);
	assert_null(strstr(out(), "<h1"));
	assert_null(strstr(out(), "Error:"));
	assert_non_null(strstr(out(), "govuk-grid-column-full"));
}

int main(void)
{
	assets_init(); /* the layout links the fingerprinted assets */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_button_variants, reset),
		cmocka_unit_test_teardown(test_file_upload, reset),
		cmocka_unit_test_teardown(test_panel, reset),
		cmocka_unit_test_teardown(test_warning_and_details, reset),
		cmocka_unit_test_teardown(test_tabs, reset),
		cmocka_unit_test_teardown(test_task_list, reset),
		cmocka_unit_test_teardown(test_sortable_table_head, reset),
		cmocka_unit_test_teardown(test_textarea_without_a_limit, reset),
		cmocka_unit_test_teardown(test_date_input_marks_all_when_empty, reset),
		cmocka_unit_test_teardown(test_page_scaffold_order, reset),
		cmocka_unit_test_teardown(test_page_scaffold_without_heading, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
