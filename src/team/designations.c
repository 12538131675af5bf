/*
 * designations.c - /admin/people/{id}/designations: giving an LLME a
 * designation for this academic year or the next, in a hub where they are
 * part of the team and the person giving it manages designations (removing
 * one: removals.c). A designation is held once per year and hub (a unique
 * key); each change is audited.
 */
#include <stdlib.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/url.h"
#include "db/db.h"
#include "html/govuk.h"
#include "http/request.h"
#include "team/pages.h"
#include "team/scope.h"

enum { F_YEAR, F_DESIGNATION, F_HUB, F_COUNT };
static const struct form_field add_fields[F_COUNT] = {
	[F_YEAR] = {"year", FORM_CHOICE, "Academic year", .required = true, .missing = "Select the academic year",
		    .invalid = "Select this academic year or the next"},
	[F_DESIGNATION] = {"designation", FORM_CHOICE, "Designation", .required = true, .missing = "Select the designation"},
	[F_HUB] = {"hub", FORM_CHOICE, "Hub", .required = true, .missing = "Select the hub",
		   .invalid = "Select one of the hubs where they are part of the team and you manage designations"},
};

/* The hubs offered (value: the hub's code) and their ids, in order. */
struct add_offer {
	int64_t hub_ids[16];
	struct govuk_option hubs[16];
	size_t nhubs;
	int year;
};

static void add_prepare(struct team_edit *e)
{
	struct req *rq = e->rq;
	struct add_offer *o = e->ctx;
	o->nhubs = 0;
	o->year = team_year_now();
	for (size_t i = 0; i < e->p.nroles && o->nhubs < 16; i++) {
		const struct team_hub_role *r = &e->p.roles[i];
		bool seen = false;
		for (size_t k = 0; k < o->nhubs; k++)
			seen |= o->hub_ids[k] == r->hub_id;
		if (seen || !team_role(r->role) || !team_may(rq, CAP_DESIGNATIONS_MANAGE, r->hub_id))
			continue;
		o->hub_ids[o->nhubs] = r->hub_id;
		o->hubs[o->nhubs++] = (struct govuk_option){r->hub_code, arena_printf(rq->arena, "%s (%s)", r->hub_name, r->hub_code)};
	}
	struct form_field *f = team_fields(rq, add_fields, F_COUNT);
	struct govuk_option *years = arena_alloc(rq->arena, 2 * sizeof(*years));
	for (int k = 0; k < 2; k++) {
		char code[8];
		acyear_code(o->year + k, code);
		years[k] = (struct govuk_option){arena_printf(rq->arena, "%d", o->year + k),
						 arena_printf(rq->arena, "%s (%s year)", code, k ? "next" : "this")};
	}
	struct govuk_option *kinds = arena_alloc(rq->arena, TEAM_NDESIGNATIONS * sizeof(*kinds));
	for (size_t k = 0; k < TEAM_NDESIGNATIONS; k++)
		kinds[k] = (struct govuk_option){team_designations[k].key, team_designations[k].name};
	f[F_YEAR].options = years;
	f[F_YEAR].noptions = 2;
	f[F_DESIGNATION].options = kinds;
	f[F_DESIGNATION].noptions = TEAM_NDESIGNATIONS;
	f[F_HUB].options = o->hubs;
	f[F_HUB].noptions = o->nhubs;
	e->fp.form = (struct form){f, F_COUNT};
	e->fp.title = "Add a designation";
	e->fp.button = "Add designation";
	e->fp.action = url_path(rq->arena, "/admin/people/", arena_printf(rq->arena, "%lld", (long long)e->p.id), "/designations");
	if (o->nhubs)
		return;
	/* nothing to offer: not theirs, or (for the national team) not on any hub's team */
	bool national = perm_scope(rq->session->grants, rq->session->ngrants, CAP_DESIGNATIONS_MANAGE) == SCOPE_NATIONAL;
	e->fp.outcome = national ? FORM_PAGE_BLOCKED : EDIT_REFUSED;
	e->fp.blocked = "Only members of a hub's team hold its designations. Give them the LLME role in a hub first.";
}

static void add_prefill(struct team_edit *e)
{
	struct add_offer *o = e->ctx;
	form_set(&e->fp.d, F_YEAR, arena_printf(e->rq->arena, "%d", o->year));
	if (o->nhubs == 1)
		form_set(&e->fp.d, F_HUB, o->hubs[0].value);
}

static enum err add_write(struct db *db, struct team_edit *e)
{
	struct req *rq = e->rq;
	struct add_offer *o = e->ctx;
	const char *key = e->fp.d.values[F_DESIGNATION].text, *hub = e->fp.d.values[F_HUB].text;
	int year = atoi(e->fp.d.values[F_YEAR].text);
	int64_t hub_id = 0;
	for (size_t k = 0; k < o->nhubs; k++)
		if (!strcmp(o->hubs[k].value, hub))
			hub_id = o->hub_ids[k];
	char code[8];
	acyear_code(year, code);
	enum err err = designation_insert(db, e->p.id, year, key, hub_id, rq->session->person_id, clock_now());
	if (err == ERR_CONFLICT) {
		form_fail(&e->fp.d, F_DESIGNATION, arena_printf(rq->arena, "They are already a %s in %s for %s", team_designation_name(key), hub, code));
		return ERR_OK;
	}
	if (err || (err = audit(db, rq, rq->session->person_id, "designation_added", team_subject(e),
				 arena_printf(rq->arena, "%s %s %s", key, code, hub))))
		return err;
	return session_flash(rq, arena_printf(rq->arena, "%s is a %s in %s for %s", e->p.name, team_designation_name(key), hub, code));
}

static void add_intro(struct html *w, struct team_edit *e)
{
	(void)e;
	H_RAW(w, "<p class=\"govuk-body\">Designations are held for one academic year, in one hub. "
		 "Holding one this year makes an LLME active in the hub.</p>\n");
}

static void add_init(struct req *rq, struct team_edit *e, struct add_offer *o)
{
	*e = (struct team_edit){.rq = rq, .p = {.id = team_person_param(rq)}, .ctx = o, .prepare = add_prepare,
				.prefill = add_prefill, .write = add_write, .intro = add_intro};
}

enum err team_designation(struct req *rq, struct resp *rs)
{
	struct team_edit e;
	struct add_offer o;
	add_init(rq, &e, &o);
	return team_edit_get(rs, &e);
}

enum err team_designation_post(struct req *rq, struct resp *rs)
{
	struct team_edit e;
	struct add_offer o;
	add_init(rq, &e, &o);
	return team_edit_post(rs, &e);
}
