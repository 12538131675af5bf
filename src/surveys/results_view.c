/*
 * results_view.c - what the results, completion and paired-change pages
 * share (results.h): the filter form (a GET form: NCP, hub, activity; a
 * reader's forced hub or NCP is written as fixed text, never offered),
 * with the filters not understood as an error summary and beside their
 * fields.
 */
#include <string.h>

#include "core/acyear.h"
#include "core/arena.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "surveys/pages.h"
#include "surveys/results.h"

static const char *bad_of(const struct survey_group *g, const char *field)
{
	for (size_t i = 0; i < g->nbad; i++)
		if (!strcmp(g->bad[i].field, field))
			return g->bad[i].message;
	return NULL;
}

const struct govuk_error *survey_filter_errors(struct arena *a, const struct survey_group *g)
{
	struct govuk_error *e = arena_alloc(a, (g->nbad + 1) * sizeof(*e));
	for (size_t i = 0; i < g->nbad; i++)
		e[i] = (struct govuk_error){g->bad[i].field, g->bad[i].message};
	return g->nbad ? e : NULL;
}

static void choice_select(struct html *w, struct arena *a, const char *id, const char *label, const char *any,
			  const struct survey_choice *list, size_t n, const char *value, bool with_code_first,
			  const char *error)
{
	struct govuk_option *o = arena_alloc(a, (n + 1) * sizeof(*o));
	o[0] = (struct govuk_option){"", any};
	for (size_t i = 0; i < n; i++)
		o[i + 1] = (struct govuk_option){list[i].code, with_code_first
								   ? arena_printf(a, "%s %s", list[i].code, list[i].name)
								   : arena_printf(a, "%s (%s)", list[i].name, list[i].code)};
	govuk_select(w, &(struct govuk_select){.id = id, .label = label, .value = value ? value : "", .options = o,
					       .n = n + 1, .error = error});
}

/* A reader's forced filter, as text; with error (a code asked that is not
 * there), the error summary's link lands on it (id, tabindex -1). */
static void fixed(struct html *w, const char *id, const char *label, const char *value, const char *error)
{
	if (error) {
		H_RAW(w, "<div class=\"govuk-form-group govuk-form-group--error\">");
		govuk_error_message(w, id, error);
		H_RAW(w, "<p class=\"govuk-body\" tabindex=\"-1\"");
		H_ATTR(w, "id", id);
		H_RAW(w, ">");
	} else
		H_RAW(w, "<p class=\"govuk-body\">");
	H_RAW(w, "<strong>");
	html_text(w, label);
	H_RAW(w, ":</strong> ");
	html_text(w, value);
	H_RAW(w, "</p>\n");
	if (error)
		H_RAW(w, "</div>\n");
}

void survey_filter_form(struct html *w, struct arena *a, const char *action, int year, const struct survey_group *g,
			const struct survey_reader *rd)
{
	survey_filter_form_as(w, a, action, year, g, rd, "Narrow the results", "Show results");
}

void survey_filter_form_as(struct html *w, struct arena *a, const char *action, int year, const struct survey_group *g,
			   const struct survey_reader *rd, const char *summary, const char *button)
{
	bool open = g->ncp_code || g->activity_id || (g->hub_code && rd->reach != REACH_HUB) || g->nbad;
	govuk_details_begin(w, summary, open);
	H_RAW(w, "<form method=\"get\" novalidate");
	H_ATTR(w, "action", action);
	H_RAW(w, ">\n");
	if (rd->reach == REACH_PROJECT)
		fixed(w, "ncp", "NCP", g->ncp_code ? arena_printf(a, "%s %s", g->ncp_code, g->ncp_title ? g->ncp_title : "")
					    : "The NCP you lead",
		      bad_of(g, "ncp"));
	else
		choice_select(w, a, "ncp", "NCP", "Every NCP", g->ncps, g->nncps, g->ncp_code, true, bad_of(g, "ncp"));
	if (rd->reach == REACH_HUB)
		fixed(w, "hub", "Lead hub",
		      arena_printf(a, "%s (%s)", g->hub_name ? g->hub_name : "", g->hub_code ? g->hub_code : ""),
		      bad_of(g, "hub"));
	else
		choice_select(w, a, "hub", "Lead hub", "Every hub", g->hubs, g->nhubs, g->hub_code, false, bad_of(g, "hub"));
	const char *bad_activity = bad_of(g, "activity");
	govuk_input(w, &(struct govuk_input){.id = "activity", .label = "Activity number", .type = "text",
					     .value = bad_activity && g->activity_asked ? g->activity_asked
						      : g->activity_id ? arena_printf(a, "%lld", (long long)g->activity_id)
								       : "",
					     .error = bad_activity,
					     .hint = rd->reach == REACH_LEADS
							     ? "One of the activities you lead, as in its address: /activities/120"
							     : "As in the activity's address, for example 120 for /activities/120",
					     .input_class = "govuk-input--width-5", .inputmode = "numeric",
					     .spellcheck_off = true, .autocomplete = "off"});
	const char *clear = action;
	if (year) {
		H_RAW(w, "<input type=\"hidden\" name=\"year\"");
		H_ATTR(w, "value", arena_printf(a, "%d", year));
		H_RAW(w, ">\n");
		clear = arena_printf(a, "%s?year=%d", action, year);
	}
	H_RAW(w, "<div class=\"govuk-button-group\">");
	govuk_button(w, &(struct govuk_button){.text = button});
	H_RAW(w, "<a class=\"govuk-link\"");
	H_ATTR(w, "href", clear);
	H_RAW(w, ">Clear the filters</a></div>\n</form>\n");
	govuk_details_end(w);
}

const char *survey_results_caption(struct arena *a, const struct survey_template *t)
{
	char year[8];
	acyear_code(t->year, year);
	return arena_printf(a, "%s %s (the survey for %s)", survey_kind_name(t->kind), year,
			    t->project_code ? t->project_code : "every NCP");
}

size_t survey_crumbs(struct req *rq, const struct survey_template *t, struct crumb *out)
{
	struct arena *a = rq->arena;
	size_t n = 0;
	out[n++] = (struct crumb){"Home", "/"};
	if (surveys_may_read(rq, t)) {
		out[n++] = (struct crumb){"Survey templates", arena_printf(a, "/surveys?year=%d", t->year)};
		out[n++] = (struct crumb){t->title, surveys_href(a, t->id, NULL)};
	} else
		out[n++] = (struct crumb){"Survey results", arena_printf(a, "/surveys/paired?year=%d", t->year)};
	return n;
}
