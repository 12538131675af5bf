/*
 * hubs.c - /activities/{id}/hubs: the hubs that see an activity (its lead,
 * its partners, and those whose schools or people take part) and, for its
 * lead hub's leadership (a national cohort: the national team), adding a
 * partner hub (work run across hubs) and removing one
 * (/activities/{id}/hubs/{code}/remove): a hub whose schools or people
 * took part keeps seeing them. Audited.
 */
#include <string.h>

#include "activities/activities.h"
#include "activities/activity_queries.h"
#include "activities/pages.h"
#include "activities/people_queries.h"
#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/url.h"
#include "db/db.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"

enum { H_HUB, H_COUNT };
static const struct form_field hub_fields[H_COUNT] = {
	[H_HUB] = {"hub", FORM_CHOICE, "Hub", .required = true, .select = true, .missing = "Select the partner hub",
		   .hint = "It sees the activity, and its leadership adds its own schools and people"},
};

struct hubs {
	struct req *rq;
	int64_t id;
	const char *remove;   /* the hub's code (removing one) */
	struct activity a;
	struct activity_access acc;
	struct activity_hub_choice *choices; /* hubs that may become partners */
	size_t nchoices;
	struct form form;
	struct form_data d;
	bool missing;
	const char *blocked;
};

static enum err hubs_load(struct db *db, struct hubs *v)
{
	struct req *rq = v->rq;
	v->blocked = NULL;
	enum err e = activities_read_page(db, rq, v->id, &v->a, &v->acc, &v->missing);
	if (e || v->missing || !v->acc.manage)
		return e;
	if (!strcmp(v->a.status, "cancelled"))
		v->blocked = "This activity has been cancelled, so its hubs cannot change.";
	struct activity_hub_choice *all;
	size_t n;
	if ((e = activity_hub_choices(db, rq->arena, &all, &n)))
		return e;
	v->choices = arena_alloc(rq->arena, (n + 1) * sizeof(*v->choices));
	v->nchoices = 0;
	for (size_t i = 0; i < n; i++) {
		bool taken = false;
		for (size_t k = 0; k < v->a.nhubs; k++)
			taken |= v->a.hubs[k].hub_id == all[i].id && strcmp(v->a.hubs[k].role, "participants");
		if (!taken)
			v->choices[v->nchoices++] = all[i];
	}
	struct form_field *f = arena_alloc(rq->arena, sizeof(hub_fields));
	memcpy(f, hub_fields, sizeof(hub_fields));
	struct govuk_option *o = arena_alloc(rq->arena, (v->nchoices + 1) * sizeof(*o));
	for (size_t i = 0; i < v->nchoices; i++)
		o[i] = (struct govuk_option){v->choices[i].code, v->choices[i].name};
	f[H_HUB].options = o;
	f[H_HUB].noptions = v->nchoices;
	v->form = (struct form){f, H_COUNT};
	form_empty(&v->form, rq->arena, &v->d);
	return ERR_OK;
}

static enum err hubs_read(struct db *db, void *ctx)
{
	return hubs_load(db, ctx);
}

static const char *role_text(const char *role)
{
	return !strcmp(role, "lead") ? "Lead hub" : !strcmp(role, "partner") ? "Partner" : "Its schools or people take part";
}

static void render(struct resp *rs, struct hubs *v)
{
	struct req *rq = v->rq;
	struct arena *ar = rq->arena;
	const struct activity *a = &v->a;
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = "Partner hubs", .caption = a->title, .nav = "/activities",
				      .back_href = activities_href(rq, a->id, NULL), .errors = v->d.errors,
				      .nerrors = v->d.nerrors, .banner = session_banner(rq)});
	H_RAW(&w, "<p class=\"govuk-body\">A partner hub sees the activity, and its leadership adds its own schools and "
		  "people: for work run across hubs, such as Level 3 Work Groups with the AMSP. A hub whose schools or people "
		  "take part sees them, partner or not.</p>\n");
	bool partners = false;
	for (size_t i = 0; i < a->nhubs; i++)
		partners |= !strcmp(a->hubs[i].role, "partner");
	partners &= !v->blocked;
	govuk_table_begin(&w, "Hubs that see it", false, NULL, 0);
	govuk_table_head_begin(&w);
	govuk_table_head(&w, "Hub", false);
	govuk_table_head(&w, "Part", false);
	govuk_table_head(&w, "Schools", true);
	govuk_table_head(&w, "Participants", true);
	if (partners)
		govuk_table_head(&w, "Action", false);
	govuk_table_head_end(&w);
	for (size_t i = 0; i < a->nhubs; i++) {
		const struct activity_hub *h = &a->hubs[i];
		govuk_table_row_begin(&w);
		govuk_table_cell(&w, h->name);
		govuk_table_cell(&w, role_text(h->role));
		govuk_table_cell_number(&w, h->n_schools);
		govuk_table_cell_number(&w, h->n_participants);
		if (partners)
			govuk_table_cell_begin(&w);
		if (partners && !strcmp(h->role, "partner")) {
			H_RAW(&w, "<form method=\"post\" novalidate");
			H_ATTR(&w, "action", activities_href(rq, a->id, url_path(ar, "/hubs/", h->code, "/remove")));
			H_RAW(&w, ">\n");
			govuk_csrf(&w, rq->session->csrf);
			H_RAW(&w, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary govuk-!-margin-bottom-0\" "
				  "data-module=\"govuk-button\">Remove<span class=\"govuk-visually-hidden\"> ");
			html_text(&w, h->name);
			H_RAW(&w, "</span></button>\n</form>\n");
		}
		if (partners)
			govuk_table_cell_end(&w);
		govuk_table_row_end(&w);
	}
	if (!a->nhubs) {
		govuk_table_row_begin(&w);
		govuk_table_cell(&w, "None yet: a national cohort's hubs are those of its schools and people");
		govuk_table_cell(&w, "");
		govuk_table_cell(&w, "");
		govuk_table_cell(&w, "");
		govuk_table_row_end(&w);
	}
	govuk_table_end(&w);
	if (v->blocked) {
		H_RAW(&w, "<div class=\"govuk-inset-text\">");
		html_text(&w, v->blocked);
		H_RAW(&w, "</div>\n");
	} else {
		H_RAW(&w, "<h2 class=\"govuk-heading-m\">Add a partner hub</h2>\n<form method=\"post\" novalidate");
		H_ATTR(&w, "action", activities_href(rq, a->id, "/hubs"));
		H_RAW(&w, ">\n");
		govuk_csrf(&w, rq->session->csrf);
		form_fields(&w, &v->d);
		H_RAW(&w, "<div class=\"govuk-button-group\">");
		govuk_button(&w, &(struct govuk_button){.text = "Add partner hub", .prevent_double_click = true});
		H_RAW(&w, "<a class=\"govuk-link\"");
		H_ATTR(&w, "href", activities_href(rq, a->id, NULL));
		H_RAW(&w, ">Back to the activity</a></div>\n</form>\n");
	}
	page_end(&w);
}

static enum err refuse(struct resp *rs, struct hubs *v)
{
	return activities_page_refused(rs, v->rq, v->missing, &v->a, "You cannot change this activity's hubs",
				       "Only the leadership of its lead hub chooses its partner hubs.");
}

enum err activities_hubs(struct req *rq, struct resp *rs)
{
	struct hubs v = {.rq = rq, .id = activities_param(rq)};
	if (!v.id)
		return activities_not_found(rs);
	enum err e = db_transact_named(rq->db, DB_READ, "activity_hubs_read", hubs_read, &v);
	if (e)
		return e;
	if (v.missing || !v.acc.manage)
		return refuse(rs, &v);
	render(rs, &v);
	return ERR_OK;
}

/* The hub of the activity's hubs with code, or NULL. */
static const struct activity_hub *hub_by_code(const struct activity *a, const char *code)
{
	for (size_t i = 0; code && i < a->nhubs; i++)
		if (!strcmp(a->hubs[i].code, code))
			return &a->hubs[i];
	return NULL;
}

static enum err add_write(struct db *db, void *ctx)
{
	struct hubs *v = ctx;
	struct req *rq = v->rq;
	enum err e = hubs_load(db, v);
	if (e || v->missing || !v->acc.manage)
		return e;
	if (!form_read(&v->form, rq->form, rq->nform, rq->arena, NULL, &v->d))
		return ERR_OK;
	if (v->blocked) {
		form_fail(&v->d, H_HUB, v->blocked);
		return ERR_OK;
	}
	const struct activity_hub_choice *h = NULL;
	for (size_t i = 0; i < v->nchoices; i++)
		if (!strcmp(v->choices[i].code, v->d.values[H_HUB].text))
			h = &v->choices[i];
	if (!h) { /* form_read checked it against the options */
		form_fail(&v->d, H_HUB, "Select the partner hub from the list");
		return ERR_OK;
	}
	if ((e = activity_partner_add(db, v->id, h->id)) ||
	    (e = audit(db, rq, rq->session->person_id, "activity_hubs_changed",
		       arena_printf(rq->arena, "activity:%lld", (long long)v->id), arena_printf(rq->arena, "partner added: %s", h->code))))
		return e;
	return session_flash(rq, arena_printf(rq->arena, "%s is now a partner hub", h->name));
}

enum err activities_hubs_post(struct req *rq, struct resp *rs)
{
	struct hubs v = {.rq = rq, .id = activities_param(rq)};
	if (!v.id)
		return activities_not_found(rs);
	enum err e = db_transact_named(rq->db, DB_WRITE, "activity_hubs_write", add_write, &v);
	if (e)
		return e;
	if (v.missing || !v.acc.manage)
		return refuse(rs, &v);
	if (v.d.nerrors) {
		rs->status = 400;
		render(rs, &v);
		return ERR_OK;
	}
	resp_redirect(rs, 303, activities_href(rq, v.id, "/hubs"));
	return ERR_OK;
}

static enum err remove_write(struct db *db, void *ctx)
{
	struct hubs *v = ctx;
	struct req *rq = v->rq;
	enum err e = hubs_load(db, v);
	if (e || v->missing || !v->acc.manage)
		return e;
	const struct activity_hub *h = hub_by_code(&v->a, v->remove);
	if (v->blocked || !h || strcmp(h->role, "partner")) /* already not a partner: nothing to do */
		return session_flash_note(rq, v->blocked ? v->blocked : "Nothing was changed");
	bool kept;
	if ((e = activity_partner_remove(db, v->id, h->hub_id, &kept)) ||
	    (e = audit(db, rq, rq->session->person_id, "activity_hubs_changed",
		       arena_printf(rq->arena, "activity:%lld", (long long)v->id),
		       arena_printf(rq->arena, "partner removed: %s%s", h->code, kept ? " (its schools or people take part)" : ""))))
		return e;
	return session_flash(rq, kept ? arena_printf(rq->arena, "%s is no longer a partner; it still sees its own schools and people", h->name)
				      : arena_printf(rq->arena, "%s is no longer a partner hub", h->name));
}

enum err activities_hub_remove_post(struct req *rq, struct resp *rs)
{
	struct hubs v = {.rq = rq, .id = activities_param(rq), .remove = req_param(rq, "code")};
	if (!v.id)
		return activities_not_found(rs);
	enum err e = db_transact_named(rq->db, DB_WRITE, "activity_hub_remove_write", remove_write, &v);
	if (e)
		return e;
	if (v.missing || !v.acc.manage)
		return refuse(rs, &v);
	resp_redirect(rs, 303, activities_href(rq, v.id, "/hubs"));
	return ERR_OK;
}
