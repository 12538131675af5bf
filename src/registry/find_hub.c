/* find_hub.c - "Find your Maths Hub": a teacher types their school's name
 * or postcode and sees the hub whose area it is in. Public; one question;
 * made for a phone first. */
#include <string.h>

#include "core/arena.h"
#include "core/url.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"
#include "registry/search_pages.h"
#include "registry/search_views.h"

#define PAGE_SIZE 10

/* The answer for one school: its hub, large, with a button to its page. */
static void answer(struct html *w, struct arena *a, const struct school_row *r)
{
	H_RAW(w, "<div class=\"mh-answer\" id=\"your-hub\">\n");
	if (r->hub_code) {
		H_RAW(w, "<h2 class=\"govuk-heading-m govuk-!-margin-bottom-2\">Your Maths Hub is</h2>\n"
			 "<p class=\"govuk-heading-l mh-answer__hub\">");
		html_text(w, r->hub_name);
		H_RAW(w, " Maths Hub</p>\n");
	} else {
		H_RAW(w, "<h2 class=\"govuk-heading-m\">No Maths Hub recorded yet</h2>\n"
			 "<p class=\"govuk-body\">This school&#39;s area is not yet assigned to a Maths Hub here. "
			 "Every state school in England is in one hub&#39;s area: "
			 "<a class=\"govuk-link\" href=\"/hubs\">see the hubs by region</a>.</p>\n");
	}
	H_RAW(w, "<p class=\"govuk-body\">for <a class=\"govuk-link\"");
	H_ATTR(w, "href", url_path(a, "/schools/", r->urn));
	H_RAW(w, ">");
	html_text(w, r->name);
	H_RAW(w, "</a>");
	if (r->town[0] || r->postcode[0]) {
		H_RAW(w, ", ");
		html_text(w, r->town);
		if (r->town[0] && r->postcode[0])
			H_RAW(w, " ");
		html_text(w, r->postcode);
	}
	H_RAW(w, "</p>\n");
	if (!strcmp(r->status, "closed"))
		govuk_warning_text(w, "This school has closed. Its page names the school that replaced it.");
	if (r->hub_demo)
		H_RAW(w, "<p class=\"govuk-body-s\"><strong class=\"govuk-tag govuk-tag--yellow mh-demo\">demo assignment, not official</strong><br>"
			 "This service&#39;s hub areas are a demonstration: no official list of which hub covers which area is published.</p>\n");
	if (r->hub_code)
		govuk_button(w, &(struct govuk_button){.text = arena_printf(a, "Go to %s Maths Hub", r->hub_name),
						       .href = url_path(a, "/hubs/", r->hub_code)});
	H_RAW(w, "</div>\n");
}

enum err registry_find_hub_page(struct req *rq, struct resp *rs)
{
	struct search_request sr;
	enum err e = search_request(rq, PAGE_SIZE, &sr);
	if (e)
		return e;
	const struct school_search *s = &sr.s;
	if (sr.searched && s->page > 1 && (s->page - 1) * s->page_size >= s->total)
		return ERR_NOT_FOUND;
	struct govuk_error err = {"q", sr.error};
	if (sr.error)
		rs->status = 400;
	struct arena *a = rq->arena;
	struct html w = resp_html(rs);
	static const struct crumb crumbs[] = {{"Home", "/"}};
	bool one = sr.searched && (s->total == 1 || (s->q.picked && s->n && !strcmp(s->rows[0].urn, s->q.urn)));
	page_begin(&w, &(struct page){.title = one ? arena_printf(a, "Maths Hub of %s", s->rows[0].name) : "Find your Maths Hub",
				      .heading = "Find your Maths Hub", .crumbs = crumbs, .ncrumbs = 1,
				      .errors = &err, .nerrors = sr.error ? 1 : 0});
	if (!sr.searched)
		H_RAW(&w, "<p class=\"govuk-body-l\">Every state school in England is in one of 40 Maths Hubs&#39; areas. "
			  "Find yours from your school.</p>\n");
	search_form(&w, &(struct search_form){.action = "/find-your-hub", .label = "Your school's name or postcode",
					      .hint = "For example, Aldgate School or EC3A 5DE. You can also use its URN.",
					      .value = sr.typed, .error = sr.error, .button = "Find your Maths Hub"});
	if (one) {
		answer(&w, a, &s->rows[0]);
	} else if (sr.searched && s->total) {
		H_RAW(&w, "<h2 class=\"govuk-heading-m\" id=\"result-count\">");
		html_textf(&w, "%lld schools found: choose yours", (long long)s->total);
		H_RAW(&w, "</h2>\n");
		school_results(&w, a, s->rows, s->n, true);
		bool demo = false;
		for (size_t i = 0; i < s->n; i++)
			demo |= s->rows[i].hub_demo;
		if (demo)
			H_RAW(&w, "<p class=\"govuk-body-s\">Hub areas marked &ldquo;demo assignment, not official&rdquo; are a demonstration: "
				  "no official list of which hub covers which area is published.</p>\n");
		int64_t pages = (s->total + s->page_size - 1) / s->page_size;
		if (pages > 1) {
			H_RAW(&w, "<p class=\"govuk-body\">Not there? Add more of its name, or its postcode.</p>\n");
			search_results_pagination(&w, "/find-your-hub", &sr);
		}
	} else if (sr.searched) {
		search_results_block(&w, rq, "/find-your-hub", &sr, true);
	}
	if (!sr.searched)
		H_RAW(&w, "<p class=\"govuk-body\">Or <a class=\"govuk-link\" href=\"/hubs\">see all 40 Maths Hubs by region</a>.</p>\n");
	page_end(&w);
	return ERR_OK;
}
