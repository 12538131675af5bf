/*
 * areas_pages.c - /admin/hub-areas: every local authority with its region,
 * the hub whose area it is in (a demo assignment, said so, until the real
 * one is loaded or set), its open schools, filtered by region or hub; the
 * schools that are exceptions; and a local authority's own page, whose form
 * changes its hub (with a reason, audited) for those the rule allows. What
 * the school page (school_hub.c) shares is here too (areas_view.h).
 */
#include <string.h>
#include <time.h>

#include "auth/audit.h"
#include "auth/perm.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/url.h"
#include "db/db.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"
#include "registry/areas.h"
#include "registry/areas_view.h"

/* ---- shared with school_hub.c ---- */

bool areas_may_change(const struct req *rq, int64_t hub_id)
{
	const struct session *s = rq->session;
	struct perm_target t = {.hub_ids = &hub_id, .nhubs = hub_id ? 1 : 0};
	return s && perm_allows(s->grants, s->ngrants, s->person_id, CAP_HUB_AREAS_MANAGE, &t);
}

void areas_rule(struct html *w)
{
	H_RAW(w, "<div class=\"govuk-inset-text\"><p class=\"govuk-body\">Who can change a hub area: the national team can put any local authority "
		 "or school in any hub&#39;s area. A hub&#39;s leadership team (Maths Hub Lead, Assistant Maths Hub Leads, hub manager) can change "
		 "only a local authority or school that is in their own hub&#39;s area now: they can hand it over to another hub, but cannot take "
		 "one from another hub. Every change is recorded in the audit log with its reason.</p></div>\n");
}

void areas_form_end(struct html *w, const struct req *rq, const char *button, const char *cancel_href)
{
	const struct session *s = rq->session;
	if (perm_scope(s->grants, s->ngrants, CAP_HUB_AREAS_MANAGE) != SCOPE_NATIONAL)
		govuk_warning_text(w, "If you choose another hub, only that hub's leadership or the national team can change it back.");
	H_RAW(w, "<div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">");
	html_text(w, button);
	H_RAW(w, "</button><a class=\"govuk-link\"");
	H_ATTR(w, "href", cancel_href);
	H_RAW(w, ">Cancel</a></div>\n");
}

const char *areas_hub_text(const struct req *rq, const char *name, const char *code, const char *none_text)
{
	return code && code[0] ? arena_printf(rq->arena, "%s (%s)", name, code) : none_text;
}

void areas_demo_tag(struct html *w)
{
	H_RAW(w, " <strong class=\"govuk-tag govuk-tag--yellow\">Demo<span class=\"govuk-visually-hidden\"> assignment</span></strong>");
}

struct govuk_option *areas_hub_options(const struct req *rq, const struct area_hub *hubs, size_t n)
{
	struct govuk_option *o = arena_alloc(rq->arena, (n + 1) * sizeof(*o));
	for (size_t i = 0; i < n; i++)
		o[i] = (struct govuk_option){hubs[i].code, arena_printf(rq->arena, "%s: %s (%s)", hubs[i].region, hubs[i].name, hubs[i].code)};
	return o;
}

const struct area_hub *areas_hub_by_code(const struct area_hub *hubs, size_t n, const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (!strcmp(hubs[i].code, code))
			return &hubs[i];
	return NULL;
}

const char *areas_date(const struct req *rq, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char out[32];
	gmtime_r(&tt, &tm);
	strftime(out, sizeof(out), "%B %Y", &tm);
	return arena_printf(rq->arena, "%d %s", tm.tm_mday, out);
}

/* What the page says of an assignment that is a demo one. */
static void demo_notice(struct html *w, int64_t left)
{
	H_RAW(w, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>"
		 "<strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>");
	if (left > 1)
		html_textf(w, "%lld local authorities have a demo assignment, not an official one. ", (long long)left);
	else
		H_RAW(w, "This is a demo assignment, not an official one. ");
	H_RAW(w, "No official list of which local authority is in which hub&#39;s area is published, so each was put in the area of a hub "
		 "of its region as an example. It stays a demo assignment until the national team loads the real list or sets it here.</strong></div>\n");
}

/* ---- the list ---- */

/* For a hub's leadership: a link to each of their hubs' areas. */
static void own_hubs(struct req *rq, struct html *w, const struct areas_list *l)
{
	const struct session *s = rq->session;
	struct perm_scope scopes[16];
	size_t n = perm_scopes(s->grants, s->ngrants, s->person_id, CAP_HUB_AREAS_MANAGE, scopes, 16);
	for (size_t i = 0; i < n && i < 16; i++) {
		if (scopes[i].kind == SCOPE_NATIONAL)
			return; /* the national team: every hub is theirs */
		for (size_t k = 0; scopes[i].kind == SCOPE_HUB && k < l->nhubs; k++) {
			if (l->hubs[k].id != scopes[i].id)
				continue;
			H_RAW(w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
			H_ATTR(w, "href", arena_printf(rq->arena, "/admin/hub-areas?hub=%s", l->hubs[k].code));
			H_RAW(w, ">");
			html_text(w, arena_printf(rq->arena, "Show %s's area only", l->hubs[k].name));
			H_RAW(w, "</a></p>\n");
		}
	}
}

static void filter_form(struct req *rq, struct html *w, const struct areas_list *l, const struct govuk_error *errs, size_t nerrs)
{
	struct govuk_option *regions = arena_alloc(rq->arena, (l->nregions + 1) * sizeof(*regions));
	regions[0] = (struct govuk_option){"", "All regions"};
	for (size_t i = 0; i < l->nregions; i++)
		regions[i + 1] = (struct govuk_option){l->regions[i], l->regions[i]};
	struct govuk_option *hubs = arena_alloc(rq->arena, (l->nhubs + 2) * sizeof(*hubs));
	hubs[0] = (struct govuk_option){"", "All hubs"};
	memcpy(hubs + 1, areas_hub_options(rq, l->hubs, l->nhubs), l->nhubs * sizeof(*hubs));
	hubs[l->nhubs + 1] = (struct govuk_option){"none", "Not in any hub's area"};
	H_RAW(w, "<form method=\"get\" action=\"/admin/hub-areas\" novalidate class=\"mh-filter\"><div class=\"govuk-grid-row\">\n"
		 "<div class=\"govuk-grid-column-one-third\">");
	govuk_select(w, &(struct govuk_select){.id = "region", .label = "Region", .value = l->region, .options = regions,
					       .n = l->nregions + 1, .error = govuk_error_for(errs, nerrs, "region")});
	H_RAW(w, "</div><div class=\"govuk-grid-column-two-thirds\">");
	govuk_select(w, &(struct govuk_select){.id = "hub", .label = "Hub", .value = l->hub, .options = hubs, .n = l->nhubs + 2,
					       .error = govuk_error_for(errs, nerrs, "hub")});
	H_RAW(w, "</div></div><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Filter</button>"
		 "<a class=\"govuk-link\" href=\"/admin/hub-areas\">Clear filters</a></div></form>\n");
}

static void areas_table(struct req *rq, struct html *w, const struct areas_list *l)
{
	H_RAW(w, "<p class=\"govuk-body\">");
	html_textf(w, "%zu local authorit%s", l->nrows, l->nrows == 1 ? "y" : "ies");
	H_RAW(w, "</p>\n");
	if (!l->nrows)
		return;
	govuk_table_begin(w, "Local authorities and their hubs", true, NULL, 0);
	govuk_table_head_begin(w);
	govuk_table_head(w, "Local authority", false);
	govuk_table_head(w, "Hub", false);
	govuk_table_head(w, "Open schools", true);
	govuk_table_head_end(w);
	for (size_t i = 0; i < l->nrows; i++) {
		const struct area_row *r = &l->rows[i];
		govuk_table_row_begin(w);
		/* its name, then its code and region: three columns fit a phone */
		H_RAW(w, "<th scope=\"row\" class=\"govuk-table__header\"><a class=\"govuk-link\"");
		H_ATTR(w, "href", url_path(rq->arena, "/admin/hub-areas/", r->code));
		H_RAW(w, ">");
		html_text(w, r->name);
		H_RAW(w, "</a><br><span class=\"mh-secondary govuk-!-font-weight-regular\">");
		html_text(w, r->region[0] ? arena_printf(rq->arena, "%s, %s", r->code, r->region) : r->code);
		H_RAW(w, "</span></th>");
		govuk_table_cell_begin(w);
		html_text(w, areas_hub_text(rq, r->hub_name, r->hub_code, "None"));
		if (r->demo)
			areas_demo_tag(w);
		govuk_table_cell_end(w);
		H_RAW(w, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">");
		html_textf(w, "%lld", (long long)r->open_schools);
		H_RAW(w, "</td>");
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
}

static void exceptions_table(struct req *rq, struct html *w, const struct areas_list *l)
{
	H_RAW(w, "<h2 class=\"govuk-heading-m\">Schools in another hub&#39;s area than their local authority&#39;s</h2>\n");
	if (!l->nexceptions) {
		H_RAW(w, "<p class=\"govuk-body\">None");
		if (l->region[0] || l->hub[0])
			H_RAW(w, " for this filter");
		H_RAW(w, ". To make a school an exception, open its page and choose &#8220;Change this school&#39;s hub&#8221;.</p>\n");
		return;
	}
	static const char *const heads[] = {"School", "URN", "Local authority", "Its hub", "Local authority's hub", "Reason"};
	govuk_table_begin(w, "Schools with a hub of their own", true, heads, 6);
	for (size_t i = 0; i < l->nexceptions; i++) {
		const struct area_exception *x = &l->exceptions[i];
		govuk_table_row_begin(w);
		govuk_table_rowhead_link(w, x->school, url_path(rq->arena, "/schools/", x->urn, "/hub"));
		govuk_table_cell(w, x->urn);
		govuk_table_cell(w, x->la_name[0] ? x->la_name : "None");
		govuk_table_cell(w, areas_hub_text(rq, x->hub_name, x->hub_code, "None"));
		govuk_table_cell(w, x->la_hub_code[0] ? x->la_hub_code : "None");
		govuk_table_cell(w, x->reason);
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
}

enum err areas_page(struct req *rq, struct resp *rs)
{
	const char *region = req_query(rq, "region"), *hub = req_query(rq, "hub");
	struct areas_list l = {.a = rq->arena, .region = region ? region : "", .hub = hub ? hub : ""};
	enum err e = db_transact(rq->db, DB_READ, areas_list_read, &l);
	if (e)
		return e;
	struct govuk_error errs[2];
	size_t nerrs = 0;
	bool known = !l.region[0];
	for (size_t i = 0; !known && i < l.nregions; i++)
		known = !strcmp(l.regions[i], l.region);
	if (!known)
		errs[nerrs++] = (struct govuk_error){"region", "Choose a region from the list"};
	if (l.hub[0] && strcmp(l.hub, "none") && !areas_hub_by_code(l.hubs, l.nhubs, l.hub))
		errs[nerrs++] = (struct govuk_error){"hub", "Choose a hub from the list"};
	if (nerrs)
		rs->status = 400;
	struct html w = resp_html(rs);
	static const struct crumb crumbs[] = {{"Home", "/"}, {"Your account", "/account"}};
	page_begin(&w, &(struct page){.title = "Hub areas", .crumbs = crumbs, .ncrumbs = 2, .full_width = true,
				      .errors = errs, .nerrors = nerrs, .banner = session_banner(rq)});
	H_RAW(&w, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n<p class=\"govuk-body\">Every state school in England "
		  "belongs to one Maths Hub&#39;s area: the hub of its local authority, unless the school is an exception with a hub of its own.</p>\n");
	if (l.demo_left)
		demo_notice(&w, l.demo_left);
	areas_rule(&w);
	H_RAW(&w, "</div></div>\n");
	own_hubs(rq, &w, &l);
	filter_form(rq, &w, &l, errs, nerrs);
	areas_table(rq, &w, &l);
	exceptions_table(rq, &w, &l);
	page_end(&w);
	return ERR_OK;
}

/* ---- one local authority ---- */

enum { A_HUB, A_REASON, A_COUNT };
static const struct form_field la_fields[A_COUNT] = {
	[A_HUB] = {"hub", FORM_CHOICE, "Hub", .required = true, .select = true, .missing = "Select the hub whose area it is in",
		   .invalid = "Select the hub whose area it is in"},
	[A_REASON] = {"reason", FORM_TEXT, "Reason", .required = true, .max_chars = 500,
		      .hint = "Recorded in the audit log, for example: agreed with both hubs at the regional meeting",
		      .missing = "Enter the reason for the change"},
};

struct la_view {
	struct req *rq;
	struct area_one o;
	bool may, refused;
	struct form form;
	struct form_data d;
};

/* The form with its hubs (o read already). */
static void la_form(struct la_view *v)
{
	struct form_field *f = arena_alloc(v->rq->arena, sizeof(la_fields));
	memcpy(f, la_fields, sizeof(la_fields));
	f[A_HUB].options = areas_hub_options(v->rq, v->o.hubs, v->o.nhubs);
	f[A_HUB].noptions = v->o.nhubs;
	if (v->o.la.demo)
		f[A_HUB].hint = "Choosing the hub it is in now confirms the demo assignment: it is then official";
	v->form = (struct form){f, A_COUNT};
}

static void la_render(struct resp *rs, struct la_view *v)
{
	struct req *rq = v->rq;
	const struct area_row *la = &v->o.la;
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = la->name, .back_href = "/admin/hub-areas", .caption = "Local authority",
				      .errors = v->d.errors, .nerrors = v->d.nerrors, .banner = session_banner(rq)});
	if (la->demo)
		demo_notice(&w, 1);
	govuk_summary_begin(&w);
	govuk_summary_row(&w, "Code", la->code);
	govuk_summary_row(&w, "Region", la->region[0] ? la->region : "Not known");
	govuk_summary_row_begin(&w, "Hub");
	html_text(&w, areas_hub_text(rq, la->hub_name, la->hub_code, "None: it is in no hub's area"));
	if (la->demo)
		areas_demo_tag(&w);
	govuk_summary_row_end(&w);
	if (la->hub_id && !la->demo)
		govuk_summary_row(&w, "Set", la->changed_by[0] ? arena_printf(rq->arena, "by %s on %s", la->changed_by, areas_date(rq, la->changed_at))
							     : arena_printf(rq->arena, "from a file on %s", areas_date(rq, la->changed_at)));
	govuk_summary_row(&w, "Open schools", arena_printf(rq->arena, "%lld", (long long)la->open_schools));
	govuk_summary_row(&w, "Schools with a hub of their own",
			  v->o.exceptions ? arena_printf(rq->arena, "%lld (they keep it when the local authority's hub changes)", (long long)v->o.exceptions)
					  : "None");
	govuk_summary_end(&w);
	if (v->may) {
		H_RAW(&w, "<h2 class=\"govuk-heading-m\">Change its hub</h2>\n<form method=\"post\" novalidate");
		H_ATTR(&w, "action", url_path(rq->arena, "/admin/hub-areas/", la->code));
		H_RAW(&w, ">\n");
		govuk_csrf(&w, rq->session->csrf);
		form_fields(&w, &v->d);
		areas_form_end(&w, rq, "Save its hub", "/admin/hub-areas");
		H_RAW(&w, "</form>\n");
	} else {
		H_RAW(&w, "<p class=\"govuk-body\">You cannot change this local authority&#39;s hub: it is not in your hub&#39;s area. "
			  "Ask the national team, or the leadership team of the hub it is in.</p>\n");
	}
	areas_rule(&w);
	page_end(&w);
}

static enum err la_missing(struct req *rq, struct resp *rs)
{
	return resp_error_page(rs, 404, "Local authority not found",
			       arena_printf(rq->arena, "There is no local authority with the code %s.", req_param(rq, "code")),
			       "/admin/hub-areas", "See every local authority");
}

enum err areas_la_page(struct req *rq, struct resp *rs)
{
	struct la_view v = {.rq = rq, .o = {.a = rq->arena, .code = req_param(rq, "code")}};
	enum err e = db_transact(rq->db, DB_READ, area_one_read, &v.o);
	if (e == ERR_NOT_FOUND)
		return la_missing(rq, rs);
	if (e)
		return e;
	v.may = areas_may_change(rq, v.o.la.hub_id);
	la_form(&v);
	form_empty(&v.form, rq->arena, &v.d);
	if (v.o.la.hub_code[0])
		form_set(&v.d, A_HUB, v.o.la.hub_code);
	la_render(rs, &v);
	return ERR_OK;
}

/* The change: the authority read again (its hub now decides who may), the
 * form checked, then the hub set, audited, and the confirmation. */
static enum err area_change(struct db *db, void *ctx)
{
	struct la_view *v = ctx;
	struct req *rq = v->rq;
	v->refused = false;
	enum err e = area_one_read(db, &v->o);
	if (e)
		return e;
	v->may = areas_may_change(rq, v->o.la.hub_id);
	if (!v->may) {
		v->refused = true;
		return ERR_OK;
	}
	la_form(v);
	if (!form_read(&v->form, rq->form, rq->nform, rq->arena, NULL, &v->d))
		return ERR_OK;
	const struct area_row *la = &v->o.la;
	const struct area_hub *to = areas_hub_by_code(v->o.hubs, v->o.nhubs, v->d.values[A_HUB].text);
	if (!to)
		return ERR_DB; /* form_read took one of the options */
	if (to->id == la->hub_id && !la->demo) {
		form_fail(&v->d, A_HUB, arena_printf(rq->arena, "It is in %s's area already: choose another hub", to->name));
		return ERR_OK;
	}
	const char *reason = v->d.values[A_REASON].text;
	const char *detail = arena_printf(rq->arena, "%s -> %s%s: %s", la->hub_code[0] ? la->hub_code : "no hub", to->code,
					  la->demo ? " (was a demo assignment)" : "", reason);
	if ((e = area_set(db, la->code, to->id, rq->session->person_id, clock_now())) ||
	    (e = audit(db, rq, rq->session->person_id, "hub_area_changed", arena_printf(rq->arena, "la:%s", la->code), detail)))
		return e;
	return session_flash(rq, to->id == la->hub_id ? arena_printf(rq->arena, "%s is confirmed in %s's area.", la->name, to->name)
						    : arena_printf(rq->arena, "%s is now in %s's area.", la->name, to->name));
}

enum err areas_la_post(struct req *rq, struct resp *rs)
{
	struct la_view v = {.rq = rq, .o = {.a = rq->arena, .code = req_param(rq, "code")}};
	enum err e = db_transact(rq->db, DB_WRITE, area_change, &v);
	if (e == ERR_NOT_FOUND)
		return la_missing(rq, rs);
	if (e)
		return e;
	if (v.refused)
		return resp_error_page(rs, 403, "You cannot change this local authority's hub",
				       "It is not in your hub's area. A hub's leadership team can change only a local authority in their own hub's area: "
				       "ask the national team, or the leadership team of the hub it is in.",
				       url_path(rq->arena, "/admin/hub-areas/", v.o.code), "Back to the local authority");
	if (v.d.nerrors) {
		rs->status = 400;
		la_render(rs, &v);
		return ERR_OK;
	}
	resp_redirect(rs, 303, url_path(rq->arena, "/admin/hub-areas/", v.o.code));
	return ERR_OK;
}
