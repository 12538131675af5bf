/*
 * school_hub.c - /schools/{urn}/hub: "Change this school's hub". A school
 * is in its local authority's hub's area unless it is an exception with a
 * hub of its own; this page makes it one (choose a hub) or ends it (its
 * local authority's hub again), always with a reason, audited, for those
 * the rule allows (areas_view.h: the school's hub now decides).
 */
#include <string.h>

#include "auth/audit.h"
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

enum { S_USE, S_HUB, S_REASON, S_COUNT };
static const struct form_field school_fields[S_COUNT] = {
	[S_USE] = {"use", FORM_CHOICE, "Which hub's area is this school in?", .required = true,
		   .missing = "Select which hub's area it is in", .invalid = "Select which hub's area it is in"},
	[S_HUB] = {"hub", FORM_CHOICE, "Hub", .required = true, .select = true, .missing = "Select the hub",
		   .invalid = "Select the hub", .revealed_by = "use", .revealed_for = "hub"},
	[S_REASON] = {"reason", FORM_TEXT, "Reason", .required = true, .max_chars = 500,
		      .hint = "Recorded in the audit log, for example: the school works with the neighbouring hub's Work Groups",
		      .missing = "Enter the reason for the change"},
};

struct school_view {
	struct req *rq;
	struct school_hub s;
	bool may, refused;
	struct form form;
	struct form_data d;
};

static const char *status_text(const char *status)
{
	return !strcmp(status, "open") ? "Open"
	       : !strcmp(status, "closed") ? "Closed"
	       : !strcmp(status, "open_proposed_to_close") ? "Open, but proposed to close"
	       : !strcmp(status, "proposed_to_open") ? "Proposed to open" : status;
}

/* The local authority's hub, as the first option says it. */
static const char *la_hub_text(const struct school_view *v)
{
	const struct school_hub *s = &v->s;
	if (!s->la_hub_id)
		return "Its local authority's hub (it has none yet, so the school would be in no hub's area)";
	return arena_printf(v->rq->arena, "Its local authority's hub: %s (%s)%s", s->la_hub_name, s->la_hub_code,
			    s->la_demo ? ", a demo assignment" : "");
}

static void school_form(struct school_view *v)
{
	struct req *rq = v->rq;
	struct form_field *f = arena_alloc(rq->arena, sizeof(school_fields));
	memcpy(f, school_fields, sizeof(school_fields));
	struct govuk_option *use = arena_alloc(rq->arena, 2 * sizeof(*use));
	use[0] = (struct govuk_option){"la", la_hub_text(v)};
	use[1] = (struct govuk_option){"hub", "A hub of its own (an exception)"};
	f[S_USE].options = use;
	f[S_USE].noptions = 2;
	f[S_HUB].options = areas_hub_options(rq, v->s.hubs, v->s.nhubs);
	f[S_HUB].noptions = v->s.nhubs;
	v->form = (struct form){f, S_COUNT};
}

static void school_render(struct resp *rs, struct school_view *v)
{
	struct req *rq = v->rq;
	const struct school_hub *s = &v->s;
	struct html w = resp_html(rs);
	struct crumb crumbs[3] = {{"Home", "/"}, {"Hub areas", "/admin/hub-areas"}};
	size_t ncrumbs = 2;
	if (s->la_code[0])
		crumbs[ncrumbs++] = (struct crumb){s->la_name, url_path(rq->arena, "/admin/hub-areas/", s->la_code)};
	page_begin(&w, &(struct page){.title = "Change this school's hub", .crumbs = crumbs, .ncrumbs = ncrumbs, .caption = s->name,
				      .errors = v->d.errors, .nerrors = v->d.nerrors, .banner = session_banner(rq)});
	if (!strcmp(s->status, "closed"))
		govuk_warning_text(&w, "This school is closed.");
	govuk_summary_begin(&w);
	govuk_summary_row(&w, "School", s->name);
	govuk_summary_row(&w, "URN", s->urn);
	govuk_summary_row(&w, "Status", status_text(s->status));
	govuk_summary_row(&w, "Local authority", s->la_code[0] ? arena_printf(rq->arena, "%s (%s)", s->la_name, s->la_code) : "None");
	govuk_summary_row_begin(&w, "Hub");
	html_text(&w, areas_hub_text(rq, s->hub_name, s->hub_code, "None: it is in no hub's area"));
	if (!s->overridden && s->la_demo)
		areas_demo_tag(&w);
	H_RAW(&w, "<br><span class=\"mh-secondary\">");
	html_text(&w, s->overridden ? "A hub of its own: an exception" : "Its local authority's hub");
	H_RAW(&w, "</span>");
	govuk_summary_row_end(&w);
	if (s->overridden) {
		govuk_summary_row_begin(&w, "Local authority's hub");
		html_text(&w, areas_hub_text(rq, s->la_hub_name, s->la_hub_code, "None"));
		if (s->la_demo)
			areas_demo_tag(&w);
		govuk_summary_row_end(&w);
		govuk_summary_row(&w, "Reason", s->reason);
		govuk_summary_row(&w, "Set", arena_printf(rq->arena, "by %s on %s", s->changed_by[0] ? s->changed_by : "the national team",
							  areas_date(rq, s->changed_at)));
	}
	govuk_summary_end(&w);
	if (s->la_demo)
		H_RAW(&w, "<p class=\"govuk-body\">Its local authority&#39;s hub is a demo assignment, not an official one: no official list of "
			  "which local authority is in which hub&#39;s area is published.</p>\n");
	if (v->may) {
		H_RAW(&w, "<form method=\"post\" novalidate");
		H_ATTR(&w, "action", url_path(rq->arena, "/schools/", s->urn, "/hub"));
		H_RAW(&w, ">\n");
		govuk_csrf(&w, rq->session->csrf);
		form_fields(&w, &v->d);
		areas_form_end(&w, rq, "Save", url_path(rq->arena, "/schools/", s->urn));
		H_RAW(&w, "</form>\n");
	} else {
		H_RAW(&w, "<p class=\"govuk-body\">You cannot change this school&#39;s hub: it is not in your hub&#39;s area. "
			  "Ask the national team, or the leadership team of the hub it is in.</p>\n");
	}
	areas_rule(&w);
	page_end(&w);
}

static enum err school_missing(struct req *rq, struct resp *rs)
{
	return resp_error_page(rs, 404, "School not found",
			       arena_printf(rq->arena, "There is no school with the URN %s.", req_param(rq, "urn")), "/admin/hub-areas",
			       "Back to hub areas");
}

enum err areas_school_page(struct req *rq, struct resp *rs)
{
	struct school_view v = {.rq = rq, .s = {.a = rq->arena, .urn = req_param(rq, "urn")}};
	enum err e = db_transact(rq->db, DB_READ, school_hub_read, &v.s);
	if (e == ERR_NOT_FOUND)
		return school_missing(rq, rs);
	if (e)
		return e;
	v.may = areas_may_change(rq, v.s.hub_id);
	school_form(&v);
	form_empty(&v.form, rq->arena, &v.d);
	form_set(&v.d, S_USE, v.s.overridden ? "hub" : "la");
	if (v.s.overridden)
		form_set(&v.d, S_HUB, v.s.hub_code);
	school_render(rs, &v);
	return ERR_OK;
}

/* The change: the school read again (its hub now decides who may), the
 * form checked, then its own hub set or removed, audited, and the
 * confirmation. */
static enum err school_change(struct db *db, void *ctx)
{
	struct school_view *v = ctx;
	struct req *rq = v->rq;
	v->refused = false;
	enum err e = school_hub_read(db, &v->s);
	if (e)
		return e;
	const struct school_hub *s = &v->s;
	v->may = areas_may_change(rq, s->hub_id);
	if (!v->may) {
		v->refused = true;
		return ERR_OK;
	}
	school_form(v);
	if (!form_read(&v->form, rq->form, rq->nform, rq->arena, NULL, &v->d))
		return ERR_OK;
	const char *was = s->overridden ? arena_printf(rq->arena, "own hub %s", s->hub_code)
					: arena_printf(rq->arena, "local authority's hub %s", s->la_hub_code[0] ? s->la_hub_code : "(none)");
	const char *reason = v->d.values[S_REASON].text, *now, *done;
	int64_t hub_id = 0;
	if (form_chosen(&v->d, S_USE, "la")) {
		if (!s->overridden) {
			form_fail(&v->d, S_USE, "It is in its local authority's hub's area already");
			return ERR_OK;
		}
		now = arena_printf(rq->arena, "local authority's hub %s", s->la_hub_code[0] ? s->la_hub_code : "(none)");
		done = s->la_hub_id ? arena_printf(rq->arena, "%s is now in its local authority's hub's area: %s.", s->name, s->la_hub_name)
				    : arena_printf(rq->arena, "%s now follows its local authority, which is in no hub's area yet.", s->name);
	} else {
		const struct area_hub *to = areas_hub_by_code(s->hubs, s->nhubs, v->d.values[S_HUB].text);
		if (!to)
			return ERR_DB; /* form_read took one of the options */
		if (s->overridden && to->id == s->hub_id) {
			form_fail(&v->d, S_HUB, arena_printf(rq->arena, "It is in %s's area already: choose another hub", to->name));
			return ERR_OK;
		}
		hub_id = to->id;
		now = arena_printf(rq->arena, "own hub %s", to->code);
		done = arena_printf(rq->arena, "%s is now in %s's area.", s->name, to->name);
	}
	if ((e = school_hub_set(db, s->urn, hub_id, reason, rq->session->person_id, clock_now())) ||
	    (e = audit(db, rq, rq->session->person_id, "school_hub_overridden", arena_printf(rq->arena, "school:%s", s->urn),
		       arena_printf(rq->arena, "%s -> %s: %s", was, now, reason))))
		return e;
	return session_flash(rq, done);
}

enum err areas_school_post(struct req *rq, struct resp *rs)
{
	struct school_view v = {.rq = rq, .s = {.a = rq->arena, .urn = req_param(rq, "urn")}};
	enum err e = db_transact(rq->db, DB_WRITE, school_change, &v);
	if (e == ERR_NOT_FOUND)
		return school_missing(rq, rs);
	if (e)
		return e;
	const char *back = url_path(rq->arena, "/schools/", v.s.urn, "/hub");
	if (v.refused)
		return resp_error_page(rs, 403, "You cannot change this school's hub",
				       "It is not in your hub's area. A hub's leadership team can change only a school in their own hub's area: "
				       "ask the national team, or the leadership team of the hub it is in.",
				       back, "Back to the school's hub");
	if (v.d.nerrors) {
		rs->status = 400;
		school_render(rs, &v);
		return ERR_OK;
	}
	resp_redirect(rs, 303, back);
	return ERR_OK;
}
