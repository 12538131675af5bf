/*
 * community.c - /hubs/{code}/team/community-leads: the (at most three)
 * senior members who lead a hub's LLME Community in an academic year, this
 * one or the next, chosen among the hub's leadership and LLMEs by those who
 * manage the hub's designations. Each one added or removed is audited.
 */
#include <stdlib.h>

#include "auth/audit.h"
#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/url.h"
#include "db/db.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"
#include "team/pages.h"
#include "team/scope.h"

enum { C_YEAR, C_LEADS, C_COUNT };
static const struct form_field community_fields[C_COUNT] = {
	[C_YEAR] = {"year", FORM_CHOICE, "Academic year", .required = true, .invalid = "Choose this academic year or the next"},
	[C_LEADS] = {"leads", FORM_CHOICES, "Who leads the LLME Community?", .hint = NULL},
};

struct community_page {
	struct community c; /* the hub, the year, the candidates (community_load) */
	struct form form;
	struct form_data d;
	const char *year;   /* "2026/27" */
	const char *done;
};

/* The academic year asked for ("2026"), when it is this one or the next; 0 otherwise. */
static int year_asked(const char *text)
{
	int now = team_year_now();
	if (!text)
		return now;
	char *end;
	long y = strtol(text, &end, 10);
	return !*end && (y == now || y == now + 1) ? (int)y : 0;
}

/* The form, completed from the year and the candidates. */
static void form_of(struct community_page *v)
{
	const struct req *rq = v->c.rq;
	struct form_field *f = team_fields(rq, community_fields, C_COUNT);
	struct govuk_option *years = arena_alloc(rq->arena, 2 * sizeof(*years));
	int now = team_year_now();
	for (int k = 0; k < 2; k++) {
		char code[8];
		acyear_code(now + k, code);
		years[k] = (struct govuk_option){arena_printf(rq->arena, "%d", now + k), arena_strdup(rq->arena, code)};
	}
	struct govuk_option *people = arena_alloc(rq->arena, (v->c.ncandidates + 1) * sizeof(*people));
	for (size_t i = 0; i < v->c.ncandidates; i++) {
		const struct team_candidate *c = &v->c.candidates[i];
		const char *what = !c->active ? " (deactivated)" : c->role == ROLE_COUNT ? " (no longer in the hub's team)" : "";
		people[i] = (struct govuk_option){arena_printf(rq->arena, "%lld", (long long)c->id),
						  c->role == ROLE_COUNT ? arena_printf(rq->arena, "%s%s", c->name, what)
									: arena_printf(rq->arena, "%s, %s%s", c->name,
										       c->role == ROLE_LLME ? "LLME" : role_name(c->role), what)};
	}
	char code[8];
	acyear_code(v->c.year, code);
	v->year = arena_strdup(rq->arena, code);
	f[C_YEAR].options = years;
	f[C_YEAR].noptions = 2;
	f[C_LEADS].options = people;
	f[C_LEADS].noptions = v->c.ncandidates;
	f[C_LEADS].label = arena_printf(rq->arena, "Who leads the LLME Community in %s?", v->year);
	v->form = (struct form){f, C_COUNT};
}

static void render(struct resp *rs, struct community_page *v)
{
	struct req *rq = v->c.rq;
	struct html w = resp_html(rs);
	const char *team = url_path(rq->arena, "/hubs/", v->c.hub.code, "/team");
	page_begin(&w, &(struct page){.title = "LLME Community leads", .caption = arena_printf(rq->arena, "%s Maths Hub", v->c.hub.name),
				      .back_href = team, .errors = v->d.errors, .nerrors = v->d.nerrors});
	H_RAW(&w, "<p class=\"govuk-body\">Three senior members lead the hub&#39;s LLME Community each year: every leader of hub activity in the hub belongs to it. "
		  "Choose up to three, usually the Maths Hub Lead and two Assistant Maths Hub Leads.</p>\n");
	int other = v->c.year == team_year_now() ? v->c.year + 1 : v->c.year - 1;
	char other_code[8];
	acyear_code(other, other_code);
	H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
	H_ATTR(&w, "href", arena_printf(rq->arena, "%s/community-leads?year=%d", team, other));
	H_RAW(&w, ">");
	html_textf(&w, "Choose the leads for %s instead", other_code);
	H_RAW(&w, "</a></p>\n");
	if (!v->c.ncandidates) {
		H_RAW(&w, "<p class=\"govuk-body\">There is no one in the hub&#39;s leadership team or among its LLMEs to choose yet.</p>\n");
		page_end(&w);
		return;
	}
	H_RAW(&w, "<form method=\"post\" novalidate");
	H_ATTR(&w, "action", url_path(rq->arena, "/hubs/", v->c.hub.code, "/team/community-leads"));
	H_RAW(&w, ">\n");
	govuk_csrf(&w, rq->session->csrf);
	H_RAW(&w, "<input type=\"hidden\" name=\"year\"");
	H_ATTR(&w, "value", arena_printf(rq->arena, "%d", v->c.year));
	H_RAW(&w, ">\n");
	form_field(&w, &v->d, C_LEADS);
	H_RAW(&w, "<div class=\"govuk-button-group\">");
	govuk_button(&w, &(struct govuk_button){.text = "Save", .prevent_double_click = true});
	H_RAW(&w, "<a class=\"govuk-link\"");
	H_ATTR(&w, "href", team);
	H_RAW(&w, ">Cancel</a></div>\n</form>\n");
	page_end(&w);
}

/* The answer when the page cannot be shown: no such hub, not theirs. */
static enum err refuse(struct resp *rs, const struct community_page *v, enum err e)
{
	struct req *rq = v->c.rq;
	if (e == ERR_NOT_FOUND)
		return resp_error_page(rs, 404, "Maths Hub not found", "There is no Maths Hub with that code.", "/hubs", "See all Maths Hubs");
	if (e)
		return e;
	return resp_error_page(rs, 403, "You do not have permission to do this",
			       "The hub's leadership team and the national team choose who leads its LLME Community.",
			       url_path_join(rq->arena, "/hubs/", v->c.hub.code), "Back to the hub");
}

static enum err bad_year(struct req *rq, struct resp *rs)
{
	return resp_error_page(rs, 400, "Choose this academic year or the next",
			       "The LLME Community leads can be chosen for this academic year and the next.",
			       url_path(rq->arena, "/hubs/", req_param(rq, "code"), "/team"), "Back to the team");
}

enum err team_community(struct req *rq, struct resp *rs)
{
	struct community_page v = {.c = {.rq = rq, .code = req_param(rq, "code"), .year = year_asked(req_query(rq, "year"))}};
	if (!v.c.year)
		return bad_year(rq, rs);
	enum err e = db_transact(rq->db, DB_READ, community_read, &v.c);
	if (e || v.c.refused)
		return refuse(rs, &v, e);
	form_of(&v);
	form_empty(&v.form, rq->arena, &v.d);
	for (size_t i = 0; i < v.c.ncandidates; i++)
		if (v.c.candidates[i].lead)
			form_set(&v.d, C_LEADS, v.form.fields[C_LEADS].options[i].value);
	render(rs, &v);
	return ERR_OK;
}

/* The write: the hub and its candidates, the form (at most three), then
 * each lead added or removed, with its audit line. */
static enum err community_write(struct db *db, void *ctx)
{
	struct community_page *v = ctx;
	struct req *rq = v->c.rq;
	v->done = NULL;
	enum err e = community_load(db, &v->c);
	if (e || v->c.refused)
		return e;
	form_of(v);
	if (!form_read(&v->form, rq->form, rq->nform, rq->arena, NULL, &v->d))
		return ERR_OK;
	if (v->d.values[C_LEADS].nchosen > TEAM_MAX_COMMUNITY_LEADS) {
		form_fail(&v->d, C_LEADS, "Choose at most three people");
		return ERR_OK;
	}
	const char *subject = arena_printf(rq->arena, "hub:%s", v->c.hub.code);
	int changes = 0;
	for (size_t i = 0; i < v->c.ncandidates; i++) {
		const struct team_candidate *c = &v->c.candidates[i];
		bool chosen = form_chosen(&v->d, C_LEADS, v->form.fields[C_LEADS].options[i].value);
		if (chosen == c->lead)
			continue;
		changes++;
		const char *detail = arena_printf(rq->arena, "%s: %s (person:%lld)", v->year, c->name, (long long)c->id);
		if ((e = chosen ? community_lead_add(db, v->c.hub.id, v->c.year, c->id)
				: community_lead_remove(db, v->c.hub.id, v->c.year, c->id)) ||
		    (e = audit(db, rq, rq->session->person_id, chosen ? "community_lead_added" : "community_lead_removed", subject, detail)))
			return e;
	}
	v->done = changes ? arena_printf(rq->arena, "The LLME Community leads for %s have been saved", v->year) : "Nothing was changed";
	return changes ? session_flash(rq, v->done) : session_flash_note(rq, v->done);
}

enum err team_community_post(struct req *rq, struct resp *rs)
{
	const char *sent = req_form(rq, "year");
	struct community_page v = {.c = {.rq = rq, .code = req_param(rq, "code"), .year = sent ? year_asked(sent) : 0}};
	if (!v.c.year)
		return bad_year(rq, rs);
	enum err e = db_transact(rq->db, DB_WRITE, community_write, &v);
	if (e || v.c.refused)
		return refuse(rs, &v, e);
	if (!v.done) {
		rs->status = 400;
		render(rs, &v);
		return ERR_OK;
	}
	resp_redirect(rs, 303, url_path(rq->arena, "/hubs/", v.c.hub.code, "/team"));
	return ERR_OK;
}
