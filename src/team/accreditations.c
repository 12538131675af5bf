/*
 * accreditations.c - /admin/people/{id}/accreditations/{which}: an LLME's
 * PD Lead or SD Lead accreditation (working towards it since a date, or
 * accredited on a date; not yearly; "Not started" goes on to confirm its
 * removal, removals.c), and /admin/people/{id}/roles/{grant}/phase:
 * the phase an Assistant Maths Hub Lead leads. Changed by the leadership
 * of a hub the person is part of (designations managed there) and the
 * national team; audited.
 */
#include <string.h>

#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/url.h"
#include "db/db.h"
#include "html/govuk.h"
#include "http/request.h"
#include "team/pages.h"
#include "team/scope.h"
#include "team/views.h"

static const struct govuk_option states[] = {
	{"working_towards", "Working towards it"},
	{"accredited", "Accredited"},
	{"none", "Not started"},
};

enum { A_STATE, A_SINCE, A_ON, A_COUNT };
static const struct form_field accreditation_fields[A_COUNT] = {
	[A_STATE] = {"state", FORM_CHOICE, "Where are they with it?", .required = true, .options = states, .noptions = 3,
		     .missing = "Select whether they are working towards it or accredited"},
	[A_SINCE] = {"since", FORM_DATE, "Since", .required = true, .min = 2000, .max = 2100,
		     .hint = "The day they started the programme, for example 1 9 2026",
		     .missing = "Enter the date they started working towards it",
		     .revealed_by = "state", .revealed_for = "working_towards"},
	[A_ON] = {"accredited-on", FORM_DATE, "Accredited on", .required = true, .min = 2000, .max = 2100,
		  .hint = "For example 30 6 2025", .missing = "Enter the date they were accredited",
		  .revealed_by = "state", .revealed_for = "accredited"},
};
static const struct form accreditation_form = FORM(accreditation_fields);

/* The accreditation the path names, and what they hold of it now. */
struct accreditation_page {
	const struct team_term *term; /* NULL: the path names none */
	const struct team_accreditation *held;
};

static void accreditation_prepare(struct team_edit *e)
{
	struct req *rq = e->rq;
	struct accreditation_page *a = e->ctx;
	const char *which = req_param(rq, "which");
	a->term = team_accreditation_of(which);
	a->held = NULL;
	e->fp.done_href = NULL; /* the person's page; or, for "Not started", the confirmation of the removal (write) */
	e->fp.form = accreditation_form;
	e->fp.button = "Save";
	if (!a->term) {
		e->fp.outcome = EDIT_MISSING;
		e->missing = "There is no such accreditation: PD Lead and SD Lead are the two.";
		return;
	}
	for (size_t i = 0; i < e->p.nacc; i++)
		if (!strcmp(e->p.acc[i].key, a->term->key))
			a->held = &e->p.acc[i];
	e->fp.title = a->term->name;
	e->fp.action = url_path(rq->arena, "/admin/people/", arena_printf(rq->arena, "%lld", (long long)e->p.id), "/accreditations/", which);
	if (!team_may_person(rq, &e->p))
		e->fp.outcome = EDIT_REFUSED;
}

static void accreditation_prefill(struct team_edit *e)
{
	struct accreditation_page *a = e->ctx;
	if (!a->held) {
		form_set(&e->fp.d, A_STATE, "none"); /* what they hold now: nothing yet */
		return;
	}
	form_set(&e->fp.d, A_STATE, a->held->state);
	form_set(&e->fp.d, !strcmp(a->held->state, "accredited") ? A_ON : A_SINCE, a->held->since);
}

static enum err accreditation_write(struct db *db, struct team_edit *e)
{
	struct req *rq = e->rq;
	struct accreditation_page *a = e->ctx;
	const char *state = e->fp.d.values[A_STATE].text, *key = a->term->key;
	const char *label = team_accreditation_short(key);
	enum err err;
	if (!strcmp(state, "none")) {
		if (!a->held)
			return session_flash_note(rq, "Nothing was changed");
		/* nothing removed yet: they are asked to confirm it (removals.c) */
		e->fp.done_href = url_path(rq->arena, "/admin/people/", arena_printf(rq->arena, "%lld", (long long)e->p.id),
					   "/accreditations/", req_param(rq, "which"), "/remove");
		return ERR_OK;
	}
	size_t field = !strcmp(state, "accredited") ? A_ON : A_SINCE;
	const char *since = e->fp.d.values[field].text;
	char today[11];
	clock_today(today);
	if (strcmp(since, today) > 0) {
		form_fail(&e->fp.d, field, "The date must be today or in the past");
		return ERR_OK;
	}
	if (a->held && !strcmp(a->held->state, state) && !strcmp(a->held->since, since))
		return session_flash_note(rq, "Nothing was changed");
	if ((err = accreditation_set(db, e->p.id, key, state, since, rq->session->person_id, clock_now())) ||
	    (err = audit(db, rq, rq->session->person_id, "accreditation_changed", team_subject(e),
			 arena_printf(rq->arena, "%s %s %s", key, state, since))))
		return err;
	struct team_accreditation now = {key, state, since};
	return session_flash(rq, arena_printf(rq->arena, "%s's %s: %s", e->p.name, label, team_accreditation_text(rq, &now, false)));
}

static void accreditation_intro(struct html *w, struct team_edit *e)
{
	const struct accreditation_page *a = e->ctx;
	if (!strcmp(a->term->key, "pd_lead"))
		H_RAW(w, "<p class=\"govuk-body\">Every LLME leading hub activity completes the PD Lead Programme.</p>\n");
	else
		H_RAW(w, "<p class=\"govuk-body\">Targeted Support is led by an SD Lead, accredited or working towards it.</p>\n");
}

static void accreditation_init(struct req *rq, struct team_edit *e, struct accreditation_page *a)
{
	*e = (struct team_edit){.rq = rq, .p = {.id = team_person_param(rq)}, .ctx = a, .prepare = accreditation_prepare,
				.prefill = accreditation_prefill, .write = accreditation_write, .intro = accreditation_intro};
}

enum err team_accreditation(struct req *rq, struct resp *rs)
{
	struct team_edit e;
	struct accreditation_page a;
	accreditation_init(rq, &e, &a);
	return team_edit_get(rs, &e);
}

enum err team_accreditation_post(struct req *rq, struct resp *rs)
{
	struct team_edit e;
	struct accreditation_page a;
	accreditation_init(rq, &e, &a);
	return team_edit_post(rs, &e);
}

/* ---- an AMHL's phase ---- */

static const struct form_field phase_fields[] = {
	{"phase", FORM_CHOICE, "Which phase do they lead?", .required = true, .missing = "Select the phase they lead"},
};

/* The AMHL role the path names. */
struct phase_page {
	const struct team_hub_role *role; /* NULL: not one of theirs */
};

static void phase_prepare(struct team_edit *e)
{
	struct req *rq = e->rq;
	struct phase_page *ph = e->ctx;
	const char *grant = req_param(rq, "grant");
	ph->role = NULL;
	for (size_t i = 0; i < e->p.nroles; i++)
		if (e->p.roles[i].role == ROLE_AMHL && !strcmp(arena_printf(rq->arena, "%lld", (long long)e->p.roles[i].grant_id), grant))
			ph->role = &e->p.roles[i];
	struct form_field *f = team_fields(rq, phase_fields, 1);
	struct govuk_option *opts = arena_alloc(rq->arena, TEAM_NPHASES * sizeof(*opts));
	for (size_t k = 0; k < TEAM_NPHASES; k++)
		opts[k] = (struct govuk_option){team_phases[k].key, team_phases[k].name};
	f[0].options = opts;
	f[0].noptions = TEAM_NPHASES;
	e->fp.form = (struct form){f, 1};
	e->fp.button = "Save";
	e->fp.title = "Assistant Maths Hub Lead phase";
	if (!team_may_person(rq, &e->p)) {
		e->fp.outcome = EDIT_REFUSED;
		return;
	}
	if (!ph->role) {
		e->fp.outcome = EDIT_MISSING;
		e->missing = "They have no such Assistant Maths Hub Lead role.";
		return;
	}
	e->fp.title = arena_printf(rq->arena, "Assistant Maths Hub Lead phase in %s", ph->role->hub_name);
	e->fp.action = url_path(rq->arena, "/admin/people/", arena_printf(rq->arena, "%lld", (long long)e->p.id), "/roles/", grant, "/phase");
	if (!team_may(rq, CAP_DESIGNATIONS_MANAGE, ph->role->hub_id))
		e->fp.outcome = EDIT_REFUSED;
}

static void phase_prefill(struct team_edit *e)
{
	struct phase_page *ph = e->ctx;
	form_set(&e->fp.d, 0, ph->role->phase);
}

static enum err phase_write(struct db *db, struct team_edit *e)
{
	struct req *rq = e->rq;
	struct phase_page *ph = e->ctx;
	const char *phase = e->fp.d.values[0].text, *was = ph->role->phase;
	if (was && !strcmp(was, phase))
		return session_flash_note(rq, "Nothing was changed");
	enum err err;
	if ((err = amhl_phase_set(db, ph->role->grant_id, e->p.id, phase)) ||
	    (err = audit(db, rq, rq->session->person_id, "amhl_phase_set", team_subject(e),
			 arena_printf(rq->arena, "%s %s (was %s)", ph->role->hub_code, phase, was ? was : "not set"))))
		return err;
	return session_flash(rq, arena_printf(rq->arena, "%s leads %s in %s", e->p.name, phase, ph->role->hub_name));
}

static void phase_init(struct req *rq, struct team_edit *e, struct phase_page *ph)
{
	*e = (struct team_edit){.rq = rq, .p = {.id = team_person_param(rq)}, .ctx = ph, .prepare = phase_prepare,
				.prefill = phase_prefill, .write = phase_write};
}

enum err team_phase(struct req *rq, struct resp *rs)
{
	struct team_edit e;
	struct phase_page ph;
	phase_init(rq, &e, &ph);
	return team_edit_get(rs, &e);
}

enum err team_phase_post(struct req *rq, struct resp *rs)
{
	struct team_edit e;
	struct phase_page ph;
	phase_init(rq, &e, &ph);
	return team_edit_post(rs, &e);
}
