/* school_pages.c - the school search (/schools), a school's page and a
 * trust's page. */
#include <stdlib.h>
#include <string.h>

#include "auth/perm.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/url.h"
#include "db/db.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"
#include "module.h"
#include "registry/search_pages.h"
#include "registry/search_views.h"

#define PAGE_SIZE 20
#define QUERY_MAX_CHARS 200

/* Characters (code points) of valid UTF-8 text (the query's is checked). */
static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

bool search_parse(struct req *rq, int64_t page_size, struct search_request *sr)
{
	*sr = (struct search_request){.typed = req_query(rq, "q")};
	sr->s = (struct school_search){.a = rq->arena, .page_size = page_size, .page = 1};
	if (!sr->typed)
		return false;
	if (!page_param(rq, &sr->s.page))
		sr->error = "Page must be a whole number, 1 or more";
	else if (chars(sr->typed) > QUERY_MAX_CHARS)
		sr->error = "Search must be 200 characters or less";
	else if (!search_query_parse(rq->arena, sr->typed, &sr->s.q))
		sr->error = "Enter a school's name, URN, postcode or town";
	sr->searched = !sr->error;
	return sr->searched;
}

enum err search_request(struct req *rq, int64_t page_size, struct search_request *sr)
{
	return search_parse(rq, page_size, sr) ? db_transact(rq->db, DB_READ, school_search_read, &sr->s) : ERR_OK;
}

/* The results' page links: /schools?q=...&page=N */
struct page_link {
	const char *path, *q;
};

static void page_href(struct html *w, long page, const void *ctx)
{
	const struct page_link *l = ctx;
	html_text(w, l->path);
	H_RAW(w, "?q=");
	html_url_part(w, l->q);
	H_RAW(w, "&amp;page=");
	html_int(w, page);
}

void search_results_block(struct html *w, struct req *rq, const char *path, const struct search_request *sr,
			  bool show_hub)
{
	const struct school_search *s = &sr->s;
	int64_t pages = (s->total + s->page_size - 1) / s->page_size;
	H_RAW(w, "<h2 class=\"govuk-heading-m\" id=\"result-count\">");
	if (s->total)
		html_textf(w, "%lld %s", (long long)s->total, s->total == 1 ? "school found" : "schools found");
	else
		H_RAW(w, "No schools found");
	H_RAW(w, "</h2>\n");
	if (!s->total) {
		H_RAW(w, "<p class=\"govuk-body\">Check the spelling, or try:</p>\n<ul class=\"govuk-list govuk-list--bullet\">"
			 "<li>fewer words, or the start of a word (&ldquo;aldg&rdquo; finds Aldgate)</li>"
			 "<li>the school&#39;s postcode, or just its first part (&ldquo;EC3A&rdquo;)</li>"
			 "<li>its 6-digit URN</li></ul>\n");
		return;
	}
	if (pages > 1) {
		int64_t first = (s->page - 1) * s->page_size + 1;
		int64_t last = first + (int64_t)s->n - 1;
		H_RAW(w, "<p class=\"govuk-body\">");
		html_textf(w, "Showing %lld to %lld of %lld", (long long)first, (long long)last, (long long)s->total);
		H_RAW(w, "</p>\n");
	}
	school_results(w, rq->arena, s->rows, s->n, show_hub);
	search_results_pagination(w, path, sr);
}

void search_results_pagination(struct html *w, const char *path, const struct search_request *sr)
{
	int64_t pages = (sr->s.total + sr->s.page_size - 1) / sr->s.page_size;
	govuk_pagination(w, (long)sr->s.page, (long)pages, page_href, &(struct page_link){path, sr->typed});
}

enum err registry_schools_page(struct req *rq, struct resp *rs)
{
	struct search_request sr;
	enum err e = search_request(rq, PAGE_SIZE, &sr);
	if (e)
		return e;
	const struct school_search *s = &sr.s;
	/* a school chosen from the suggestions (JavaScript): its page */
	if (sr.searched && s->q.picked && s->n && !strcmp(s->rows[0].urn, s->q.urn)) {
		resp_redirect(rs, 302, url_path(rq->arena, "/schools/", s->q.urn));
		return ERR_OK;
	}
	if (sr.searched && s->page > 1 && (s->page - 1) * s->page_size >= s->total)
		return ERR_NOT_FOUND;
	struct govuk_error err = {"q", sr.error};
	if (sr.error)
		rs->status = 400;
	struct html w = resp_html(rs);
	static const struct crumb crumbs[] = {{"Home", "/"}};
	page_begin(&w, &(struct page){.title = sr.typed && !sr.error ? arena_printf(rq->arena, "Schools matching %s", sr.typed)
								     : "Find a school",
				      .heading = "", .nav = "/schools", .crumbs = crumbs, .ncrumbs = 1,
				      .errors = &err, .nerrors = sr.error ? 1 : 0});
	search_form(&w, &(struct search_form){.action = "/schools", .label = "Find a school", .label_is_heading = true,
					      .hint = "Search by name, URN, postcode or town. Part of a word is enough.",
					      .value = sr.typed, .error = sr.error, .button = "Search"});
	if (sr.searched)
		search_results_block(&w, rq, "/schools", &sr, true);
	else if (!sr.error)
		H_RAW(&w, "<p class=\"govuk-body\">Every school, college and other establishment in the Department for Education&#39;s "
			  "register, Get Information about Schools (GIAS), open or closed.</p>\n"
			  "<p class=\"govuk-body\">Looking for your school&#39;s Maths Hub? "
			  "<a class=\"govuk-link\" href=\"/find-your-hub\">Find your Maths Hub</a>.</p>\n");
	page_end(&w);
	return ERR_OK;
}

/* ---- a school's page ---- */

/* What a viewer may do on a school's page. */
static bool may_change_hub(const struct req *rq, const struct school *s)
{
	const struct session *ss = rq->session;
	if (!ss || !ss->person_id || strcmp(ss->stage, "signed_in"))
		return false;
	int64_t hub = s->hub_id;
	return perm_allows(ss->grants, ss->ngrants, ss->person_id, CAP_HUB_AREAS_MANAGE,
			   &(struct perm_target){.school_urn = s->urn, .hub_ids = &hub, .nhubs = hub ? 1 : 0});
}

/* "<a>Name</a> (URN 123456)" of a school that may not be in the register. */
void school_link_named(struct html *w, struct arena *a, const struct school_link *l)
{
	if (l->known) {
		H_RAW(w, "<a class=\"govuk-link\"");
		H_ATTR(w, "href", url_path(a, "/schools/", l->urn));
		H_RAW(w, ">");
		html_text(w, l->name[0] ? l->name : l->urn);
		H_RAW(w, "</a>");
	} else {
		html_text(w, l->name[0] ? l->name : "A school not in the register");
	}
	H_RAW(w, " (URN ");
	html_text(w, l->urn);
	H_RAW(w, ")");
}

static void link_to(struct html *w, struct arena *a, const struct school_link *l)
{
	school_link_named(w, a, l);
	if (!strcmp(l->status, "closed")) {
		H_RAW(w, " &ndash; closed");
		if (l->close_date) {
			H_RAW(w, " ");
			html_text(w, date_text(a, l->close_date));
		}
	}
}

static void chain_list(struct html *w, struct arena *a, const char *heading, const char *about,
		       const struct school_link *v, size_t n)
{
	H_RAW(w, "<h3 class=\"govuk-heading-s\">");
	html_text(w, heading);
	H_RAW(w, "</h3>\n");
	if (!n) {
		H_RAW(w, "<p class=\"govuk-body\">None recorded.</p>\n");
		return;
	}
	H_RAW(w, "<p class=\"govuk-hint\">");
	html_text(w, about);
	H_RAW(w, "</p>\n<ol class=\"govuk-list govuk-list--number\">");
	for (size_t i = 0; i < n; i++) {
		H_RAW(w, "<li>");
		link_to(w, a, &v[i]);
		if (v[i].depth > 1)
			H_RAW(w, " <span class=\"mh-secondary\">(through the one above)</span>");
		H_RAW(w, "</li>");
	}
	H_RAW(w, "</ol>\n");
}

/* The latest open school of the successors' chain, or NULL. */
static const struct school_link *current_successor(const struct school *s)
{
	const struct school_link *best = NULL;
	for (size_t i = 0; i < s->nsuccessors; i++)
		if (s->successors[i].known && strcmp(s->successors[i].status, "closed") &&
		    (!best || s->successors[i].depth > best->depth))
			best = &s->successors[i];
	return best;
}

static void closed_notice(struct html *w, struct arena *a, const struct school *s)
{
	H_RAW(w, "<div class=\"govuk-notification-banner\" role=\"region\" aria-labelledby=\"closed-title\" "
		 "data-module=\"govuk-notification-banner\">\n<div class=\"govuk-notification-banner__header\">"
		 "<h2 class=\"govuk-notification-banner__title\" id=\"closed-title\">Closed</h2></div>\n"
		 "<div class=\"govuk-notification-banner__content\">\n<p class=\"govuk-notification-banner__heading\">");
	if (s->close_date) {
		H_RAW(w, "This school closed on ");
		html_text(w, date_text(a, s->close_date));
	} else {
		H_RAW(w, "This school has closed");
	}
	if (s->close_reason[0] && strcmp(s->close_reason, "Not applicable")) {
		H_RAW(w, " (");
		html_text(w, s->close_reason);
		H_RAW(w, ")");
	}
	H_RAW(w, ".</p>\n");
	size_t direct = 0;
	for (size_t i = 0; i < s->nsuccessors; i++)
		direct += s->successors[i].depth == 1;
	for (size_t i = 0; i < s->nsuccessors; i++) {
		if (s->successors[i].depth != 1)
			continue;
		H_RAW(w, "<p class=\"govuk-body\">");
		if (direct == 1)
			H_RAW(w, "Its successor is ");
		else
			H_RAW(w, "One of its successors is ");
		link_to(w, a, &s->successors[i]);
		H_RAW(w, ".</p>\n");
	}
	const struct school_link *now = current_successor(s);
	if (now && now->depth > 1) {
		H_RAW(w, "<p class=\"govuk-body\">The school open today in its place is ");
		link_to(w, a, now);
		H_RAW(w, ".</p>\n");
	}
	if (!s->nsuccessors)
		H_RAW(w, "<p class=\"govuk-body\">GIAS records no successor for it.</p>\n");
	H_RAW(w, "</div>\n</div>\n");
}

static void address(struct html *w, const struct school *s)
{
	const char *parts[] = {s->street, s->locality, s->address3, s->town, s->county, s->postcode};
	bool any = false;
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		if (!parts[i][0])
			continue;
		if (any)
			H_RAW(w, "<br>");
		html_text(w, parts[i]);
		any = true;
	}
	if (!any)
		H_RAW(w, "Not recorded");
}

static void status_value(struct html *w, struct arena *a, const struct school *s)
{
	bool closed = !strcmp(s->status, "closed");
	if (!closed || !s->close_date)
		html_text(w, school_status_label(s->status));
	if (s->open_date) {
		if (!closed || !s->close_date)
			H_RAW(w, "<br>");
		H_RAW(w, "Opened ");
		html_text(w, date_text(a, s->open_date));
		if (s->open_reason[0] && strcmp(s->open_reason, "Not applicable")) {
			H_RAW(w, " (");
			html_text(w, s->open_reason);
			H_RAW(w, ")");
		}
	}
	if (s->close_date) {
		if (s->open_date || !closed)
			H_RAW(w, "<br>");
		if (closed)
			H_RAW(w, "Closed ");
		else
			H_RAW(w, "Closing ");
		html_text(w, date_text(a, s->close_date));
		if (s->close_reason[0] && strcmp(s->close_reason, "Not applicable")) {
			H_RAW(w, " (");
			html_text(w, s->close_reason);
			H_RAW(w, ")");
		}
	}
}

static void website(struct html *w, struct arena *a, const char *site)
{
	bool scheme = !strncmp(site, "http://", 7) || !strncmp(site, "https://", 8);
	H_RAW(w, "<a class=\"govuk-link\" rel=\"noreferrer noopener\"");
	H_ATTR(w, "href", scheme ? site : arena_printf(a, "https://%s", site));
	H_RAW(w, ">");
	html_text(w, site);
	H_RAW(w, "</a>");
}

static void details(struct html *w, struct req *rq, const struct school *s)
{
	struct arena *a = rq->arena;
	govuk_summary_begin(w);
	govuk_summary_row(w, "URN", s->urn);
	govuk_summary_row_begin(w, "Status");
	status_value(w, a, s);
	govuk_summary_row_end(w);
	govuk_summary_row(w, "Phase", s->phase[0] ? s->phase : "Not recorded");
	if (s->low_age >= 0 && s->high_age >= 0)
		govuk_summary_row(w, "Ages", arena_printf(a, "%lld to %lld", (long long)s->low_age, (long long)s->high_age));
	govuk_summary_row(w, "Type", s->type[0] ? s->type : "Not recorded");
	govuk_summary_row(w, "Local authority",
			  s->la_name[0] ? arena_printf(a, "%s (%s)", s->la_name, s->la_code) : "Not recorded");
	govuk_summary_row_begin(w, "Trust");
	if (s->trust_id) {
		H_RAW(w, "<a class=\"govuk-link\"");
		H_ATTR(w, "href", url_path(a, "/trusts/", arena_printf(a, "%lld", (long long)s->trust_id)));
		H_RAW(w, ">");
		html_text(w, s->trust_name);
		H_RAW(w, "</a>");
	} else {
		H_RAW(w, "Not part of a trust");
	}
	govuk_summary_row_end(w);
	govuk_summary_row_begin(w, "Address");
	address(w, s);
	govuk_summary_row_end(w);
	if (s->website[0]) {
		govuk_summary_row_begin(w, "Website");
		website(w, a, s->website);
		govuk_summary_row_end(w);
	}
	if (s->telephone[0])
		govuk_summary_row(w, "Telephone", s->telephone);
	if (s->pupils >= 0)
		govuk_summary_row(w, "Pupils", arena_printf(a, "%lld", (long long)s->pupils));
	govuk_summary_row_begin(w, "Maths Hub");
	hub_link(w, a, s->hub_code, s->hub_name, s->hub_demo, s->outside_england);
	if (s->hub_overridden)
		H_RAW(w, "<br><span class=\"mh-secondary\">Assigned to this hub individually, not by its local authority</span>");
	if (may_change_hub(rq, s))
		govuk_summary_action(w, url_path(a, "/schools/", s->urn, "/hub"), "Change", "this school's hub");
	govuk_summary_row_end(w);
	govuk_summary_end(w);
}

enum err registry_school_page(struct req *rq, struct resp *rs)
{
	const char *urn = req_param(rq, "urn");
	struct school_lookup l = {.a = rq->arena, .urn = urn, .rq = rq};
	enum err e = db_transact(rq->db, DB_READ, school_lookup_read, &l);
	if (e == ERR_NOT_FOUND)
		return resp_error_page(rs, 404, "School not found",
				       arena_printf(rq->arena, "There is no school with the URN %s.", urn), "/schools",
				       "Find a school");
	if (e)
		return e;
	const struct school *s = &l.school;
	struct arena *a = rq->arena;
	struct html w = resp_html(rs);
	static const struct crumb crumbs[] = {{"Home", "/"}, {"Schools", "/schools"}};
	page_begin(&w, &(struct page){.title = s->name, .nav = "/schools", .crumbs = crumbs, .ncrumbs = 2,
				      .caption = arena_printf(a, "URN %s", s->urn), .heading_xl = true});
	if (!strcmp(s->status, "closed"))
		closed_notice(&w, a, s);
	else if (!strcmp(s->status, "open_proposed_to_close"))
		govuk_warning_text(&w, s->close_date ? arena_printf(a, "This school is proposed to close on %s.",
								    date_text(a, s->close_date))
						     : "This school is proposed to close.");
	details(&w, rq, s);
	size_t nparts;
	const struct school_part *parts = module_school_parts(&nparts);
	for (size_t i = 0; i < l.nparts && i < nparts; i++)
		parts[i].render(&w, rq, s->urn, l.parts[i]);
	H_RAW(&w, "<h2 class=\"govuk-heading-m\">History</h2>\n");
	chain_list(&w, a, "Predecessors", "The schools it replaced, nearest first.", s->predecessors, s->npredecessors);
	chain_list(&w, a, "Successors", "The schools that replaced it, nearest first.", s->successors, s->nsuccessors);
	if (s->nothers) {
		H_RAW(&w, "<h3 class=\"govuk-heading-s\">Other linked establishments</h3>\n<ul class=\"govuk-list\">");
		for (size_t i = 0; i < s->nothers; i++) {
			H_RAW(&w, "<li>");
			link_to(&w, a, &s->others[i]);
			H_RAW(&w, ": ");
			html_text(&w, s->others[i].link_type);
			H_RAW(&w, "</li>");
		}
		H_RAW(&w, "</ul>\n");
	}
	H_RAW(&w, "<p class=\"govuk-body-s mh-secondary\">From the Department for Education&#39;s register, Get Information about Schools (GIAS)");
	if (s->gias_changed_on) {
		H_RAW(&w, ", last changed there on ");
		html_text(&w, date_text(a, s->gias_changed_on));
	}
	H_RAW(&w, ". Contains public sector information licensed under the Open Government Licence v3.0.</p>\n");
	page_end(&w);
	return ERR_OK;
}

/* ---- a trust's page ---- */

enum err registry_trust_page(struct req *rq, struct resp *rs)
{
	const char *id = req_param(rq, "id");
	char *end;
	long long v = strtoll(id, &end, 10);
	struct trust_lookup t = {.a = rq->arena, .id = v};
	enum err e = *end || v < 1 || strlen(id) > 12 ? ERR_NOT_FOUND : db_transact(rq->db, DB_READ, trust_lookup_read, &t);
	if (e == ERR_NOT_FOUND)
		return resp_error_page(rs, 404, "Trust not found", "There is no trust with that number.", "/schools",
				       "Find a school");
	if (e)
		return e;
	struct arena *a = rq->arena;
	struct html w = resp_html(rs);
	static const struct crumb crumbs[] = {{"Home", "/"}, {"Schools", "/schools"}};
	page_begin(&w, &(struct page){.title = t.name, .nav = "/schools", .crumbs = crumbs, .ncrumbs = 2,
				      .caption = "Trust", .heading_xl = true, .full_width = true});
	size_t open = 0;
	for (size_t i = 0; i < t.n; i++)
		open += strcmp(t.rows[i].status, "closed") != 0;
	H_RAW(&w, "<p class=\"govuk-body-l\">");
	html_textf(&w, "%zu %s, %zu of them open.", t.n, t.n == 1 ? "school" : "schools", open);
	H_RAW(&w, "</p>\n");
	if (t.code[0]) {
		H_RAW(&w, "<p class=\"govuk-body\">GIAS group reference: ");
		html_text(&w, t.code);
		H_RAW(&w, "</p>\n");
	}
	static const char *const heads[] = {"School", "URN", "Phase", "Town", "Status", "Maths Hub"};
	govuk_table_begin(&w, "Its schools", true, heads, 6);
	for (size_t i = 0; i < t.n; i++) {
		const struct school_row *r = &t.rows[i];
		govuk_table_row_begin(&w);
		govuk_table_rowhead_link(&w, r->name, url_path(a, "/schools/", r->urn));
		govuk_table_cell(&w, r->urn);
		govuk_table_cell(&w, r->phase);
		govuk_table_cell(&w, r->town);
		govuk_table_cell(&w, school_status_label(r->status));
		govuk_table_cell_begin(&w);
		hub_link(&w, a, r->hub_code, r->hub_name, r->hub_demo, r->outside_england);
		govuk_table_cell_end(&w);
		govuk_table_row_end(&w);
	}
	govuk_table_end(&w);
	page_end(&w);
	return ERR_OK;
}
