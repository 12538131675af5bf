/* search_views.c - see search_views.h. */
#include "registry/search_views.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/url.h"
#include "html/govuk.h"
#include "http/request.h"
#include "registry/registry.h"

const char *date_text(struct arena *a, const char *ymd)
{
	static const char *const months[] = {"January", "February", "March",     "April",   "May",      "June",
					     "July",    "August",   "September", "October", "November", "December"};
	if (!ymd || strlen(ymd) != 10 || ymd[4] != '-' || ymd[7] != '-')
		return ymd;
	int m = atoi(ymd + 5), d = atoi(ymd + 8);
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return ymd;
	return arena_printf(a, "%d %s %.4s", d, months[m - 1], ymd);
}

void status_tag(struct html *w, const char *status)
{
	if (!strcmp(status, "closed"))
		govuk_tag(w, "Closed", "grey");
	else if (!strcmp(status, "open_proposed_to_close"))
		govuk_tag(w, "Proposed to close", "yellow");
	else if (!strcmp(status, "proposed_to_open"))
		govuk_tag(w, "Proposed to open", "blue");
}

void hub_link(struct html *w, struct arena *a, const char *code, const char *name, bool demo, bool outside)
{
	if (!code && outside) {
		H_RAW(w, "None: Maths Hubs serve schools in England");
		return;
	}
	if (!code) {
		H_RAW(w, "Not assigned to a Maths Hub yet");
		return;
	}
	H_RAW(w, "<a class=\"govuk-link\"");
	H_ATTR(w, "href", url_path(a, "/hubs/", code));
	H_RAW(w, ">");
	html_text(w, name);
	H_RAW(w, " Maths Hub</a>");
	if (demo)
		H_RAW(w, "<br><strong class=\"govuk-tag govuk-tag--yellow mh-demo\">demo assignment, not official</strong>");
}

/* "URN 100000 · Primary · London, EC3A 5DE" */
static void school_facts(struct html *w, const struct school_row *r)
{
	H_RAW(w, "URN ");
	html_text(w, r->urn);
	if (r->phase[0] && strcmp(r->phase, "Not applicable")) {
		H_RAW(w, " &middot; ");
		html_text(w, r->phase);
	}
	if (r->town[0] || r->postcode[0]) {
		H_RAW(w, " &middot; ");
		html_text(w, r->town);
		if (r->town[0] && r->postcode[0])
			H_RAW(w, ", ");
		html_text(w, r->postcode);
	}
}

void school_results(struct html *w, struct arena *a, const struct school_row *rows, size_t n, bool show_hub)
{
	H_RAW(w, "<ul class=\"govuk-list mh-results\">\n");
	for (size_t i = 0; i < n; i++) {
		const struct school_row *r = &rows[i];
		H_RAW(w, "<li class=\"mh-result\"><h2 class=\"govuk-heading-s govuk-!-margin-bottom-1\"><a class=\"govuk-link\"");
		H_ATTR(w, "href", url_path(a, "/schools/", r->urn));
		H_RAW(w, ">");
		html_text(w, r->name);
		H_RAW(w, "</a></h2>\n<p class=\"govuk-body-s govuk-!-margin-bottom-1\">");
		school_facts(w, r);
		if (strcmp(r->status, "open")) {
			H_RAW(w, " ");
			status_tag(w, r->status);
		}
		H_RAW(w, "</p>\n");
		if (show_hub) {
			H_RAW(w, "<p class=\"govuk-body govuk-!-margin-bottom-0\">Maths Hub: ");
			hub_link(w, a, r->hub_code, r->hub_name, r->hub_demo, r->outside_england);
			H_RAW(w, "</p>\n");
		}
		H_RAW(w, "</li>\n");
	}
	H_RAW(w, "</ul>\n");
}

void search_form(struct html *w, const struct search_form *f)
{
	H_RAW(w, "<form method=\"get\" novalidate class=\"mh-search\"");
	H_ATTR(w, "action", f->action);
	H_RAW(w, ">\n");
	govuk_input(w, &(struct govuk_input){.id = "q", .label = f->label, .type = "search", .value = f->value,
					     .hint = f->hint, .error = f->error, .autocomplete = "off",
					     .spellcheck_off = true, .label_is_heading = f->label_is_heading,
					     .school_search = true, .school_submit = true});
	govuk_button(w, &(struct govuk_button){.text = f->button});
	H_RAW(w, "</form>\n");
}

bool page_param(const struct req *rq, int64_t *page)
{
	*page = 1;
	const char *pv = req_query(rq, "page");
	if (!pv)
		return true;
	char *end;
	long v = strtol(pv, &end, 10);
	if (!pv[0] || *end || v < 1 || v > 100000)
		return false;
	*page = v;
	return true;
}

void school_ref_closed(struct html *w, struct arena *a, const struct school_ref *r, const char *change_href)
{
	if (!r->closed)
		return;
	H_RAW(w, " ");
	status_tag(w, "closed");
	H_RAW(w, "<p class=\"govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-1\">");
	if (r->successor) {
		H_RAW(w, "Its successor is ");
		school_link_named(w, a, r->successor);
		if (!strcmp(r->successor->status, "closed"))
			H_RAW(w, ", which has closed too");
		H_RAW(w, ".");
	} else {
		H_RAW(w, "GIAS records no school that replaced it.");
	}
	if (r->today && r->today != r->successor) {
		H_RAW(w, " The school open in its place today is ");
		school_link_named(w, a, r->today);
		H_RAW(w, ".");
	}
	H_RAW(w, "</p>\n<p class=\"govuk-body-s govuk-!-margin-bottom-0\">Their school needs updating");
	if (change_href) {
		H_RAW(w, ": <a class=\"govuk-link\"");
		H_ATTR(w, "href", change_href);
		H_RAW(w, ">change their school</a>.");
	} else {
		H_RAW(w, " by their hub&#39;s leadership team.");
	}
	H_RAW(w, "</p>\n");
}
