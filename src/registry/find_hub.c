/* find_hub.c - "Find your Maths Hub": a teacher types their school's name
 * or postcode and sees the hub whose area it is in. Public; one question;
 * made for a phone first. A closed school's answer is the hub of the
 * school open in its place today; a school outside England is told that
 * Maths Hubs serve schools in England; a demo assignment says, in the
 * answer, that it is an example. */
#include <string.h>

#include "core/arena.h"
#include "core/url.h"
#include "db/db.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"
#include "registry/search_pages.h"
#include "registry/search_views.h"

#define PAGE_SIZE 10

static const char DEMO_WARNING[] =
	"This is an example: the real list of which hub covers which area has not been loaded. "
	"Check with the hub before you rely on it.";

/* "School name" as a link to its page, with " (URN 123456)" when urn,
 * then ", Town POSTCODE". */
static void school_named(struct html *w, struct arena *a, const struct school_row *r, bool urn)
{
	H_RAW(w, "<a class=\"govuk-link\"");
	H_ATTR(w, "href", url_path(a, "/schools/", r->urn));
	H_RAW(w, ">");
	html_text(w, r->name);
	H_RAW(w, "</a>");
	if (urn) {
		H_RAW(w, " (URN ");
		html_text(w, r->urn);
		H_RAW(w, ")");
	}
	if (r->town[0] || r->postcode[0]) {
		H_RAW(w, ", ");
		html_text(w, r->town);
		if (r->town[0] && r->postcode[0])
			H_RAW(w, " ");
		html_text(w, r->postcode);
	}
}

/* Where r is (its local authority, else "outside England") and that
 * Maths Hubs serve schools in England. */
static void outside_england(struct html *w, const struct school_row *r)
{
	if (r->la_name[0]) {
		H_RAW(w, " is in ");
		html_text(w, r->la_name);
		H_RAW(w, ", outside England. Maths Hubs serve schools in England, so it is in no Maths Hub&#39;s area.");
	} else {
		H_RAW(w, " is outside England. Maths Hubs serve schools in England, so it is in no Maths Hub&#39;s area.");
	}
}

/* r's hub, large. */
static void hub_name(struct html *w, const struct school_row *r)
{
	H_RAW(w, "<p class=\"govuk-heading-l mh-answer__hub\">");
	html_text(w, r->hub_name);
	H_RAW(w, " Maths Hub</p>\n");
}

/* Under the hub's name: that a demo assignment is an example, and the
 * button to the hub's page. */
static void hub_after(struct html *w, struct arena *a, const struct school_row *r)
{
	if (r->hub_demo)
		govuk_warning_text(w, DEMO_WARNING);
	govuk_button(w, &(struct govuk_button){.text = arena_printf(a, "Go to %s Maths Hub", r->hub_name),
					       .href = url_path(a, "/hubs/", r->hub_code)});
}

/* An open school (or one proposed to open or to close): its hub. */
static void answer_open(struct html *w, struct arena *a, const struct school_row *r)
{
	if (r->hub_code) {
		H_RAW(w, "<h2 class=\"govuk-heading-m govuk-!-margin-bottom-2\">Your Maths Hub is</h2>\n");
		hub_name(w, r);
		H_RAW(w, "<p class=\"govuk-body\">for ");
		school_named(w, a, r, false);
		H_RAW(w, "</p>\n");
		hub_after(w, a, r);
	} else if (r->outside_england) {
		H_RAW(w, "<h2 class=\"govuk-heading-m\">This school is not in England</h2>\n<p class=\"govuk-body\">");
		school_named(w, a, r, false);
		outside_england(w, r);
		H_RAW(w, "</p>\n");
	} else {
		H_RAW(w, "<h2 class=\"govuk-heading-m\">No Maths Hub recorded yet</h2>\n<p class=\"govuk-body\">");
		school_named(w, a, r, false);
		H_RAW(w, ": this school&#39;s area is not yet assigned to a Maths Hub here. "
			 "Every state school in England is in one hub&#39;s area: "
			 "<a class=\"govuk-link\" href=\"/hubs\">see the hubs by region</a>.</p>\n");
	}
}

/* A closed school: the school open in its place today and its hub; else
 * the hub of the area it was in. */
static void answer_closed(struct html *w, struct arena *a, const struct school_row *r, const struct hub_finder *f)
{
	H_RAW(w, "<h2 class=\"govuk-heading-m\">");
	html_text(w, r->name);
	if (r->close_date) {
		H_RAW(w, " closed on ");
		html_text(w, date_text(a, r->close_date));
	} else {
		H_RAW(w, " has closed");
	}
	H_RAW(w, "</h2>\n<p class=\"govuk-body\">");
	const struct school_row *now = f->successor;
	if (f->direct && (!now || f->successor_depth > 1)) {
		H_RAW(w, "It was replaced by ");
		school_link_named(w, a, f->direct);
		H_RAW(w, ", which has closed too. ");
	} else if (!now) {
		H_RAW(w, "GIAS records no school that replaced it. ");
	}
	if (!now) {
		if (r->hub_code) {
			H_RAW(w, "It was in the area of</p>\n");
			hub_name(w, r);
			hub_after(w, a, r);
		} else if (r->outside_england) {
			H_RAW(w, "It");
			outside_england(w, r);
			H_RAW(w, "</p>\n");
		} else {
			H_RAW(w, "</p>\n");
		}
		return;
	}
	if (f->successor_depth > 1)
		H_RAW(w, "The school open in its place today is ");
	else
		H_RAW(w, "It was replaced by ");
	school_named(w, a, now, true);
	if (now->hub_code) {
		H_RAW(w, ", in the area of</p>\n");
		hub_name(w, now);
		hub_after(w, a, now);
	} else if (now->outside_england) {
		H_RAW(w, ". It");
		outside_england(w, now);
		H_RAW(w, "</p>\n");
	} else {
		H_RAW(w, ". Its area is not yet assigned to a Maths Hub here.</p>\n");
	}
}

enum err registry_find_hub_page(struct req *rq, struct resp *rs)
{
	struct search_request sr;
	struct hub_finder f = {.s = &sr.s};
	if (search_parse(rq, PAGE_SIZE, &sr)) {
		enum err e = db_transact(rq->db, DB_READ, hub_finder_read, &f);
		if (e)
			return e;
	}
	const struct school_search *s = &sr.s;
	if (sr.searched && s->page > 1 && (s->page - 1) * s->page_size >= s->total)
		return ERR_NOT_FOUND;
	struct govuk_error err = {"q", sr.error};
	if (sr.error)
		rs->status = 400;
	struct arena *a = rq->arena;
	struct html w = resp_html(rs);
	static const struct crumb crumbs[] = {{"Home", "/"}};
	bool one = sr.searched && f.one && s->n;
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
		H_RAW(&w, "<div class=\"mh-answer\" id=\"your-hub\">\n");
		if (!strcmp(s->rows[0].status, "closed"))
			answer_closed(&w, a, &s->rows[0], &f);
		else
			answer_open(&w, a, &s->rows[0]);
		H_RAW(&w, "</div>\n");
	} else if (sr.searched && s->total) {
		H_RAW(&w, "<h2 class=\"govuk-heading-m\" id=\"result-count\">");
		html_textf(&w, "%lld schools found: choose yours", (long long)s->total);
		H_RAW(&w, "</h2>\n");
		bool demo = false;
		for (size_t i = 0; i < s->n; i++)
			demo |= s->rows[i].hub_demo;
		if (demo)
			govuk_warning_text(&w, "Hubs marked \u201cdemo assignment, not official\u201d are examples: the real list of "
					       "which hub covers which area has not been loaded.");
		school_results(&w, a, s->rows, s->n, true);
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
