/*
 * grant.h - giving a role, as the add-person form (people.c) and a
 * person's roles page (roles.c) both ask for it: the role and the record
 * it is scoped to, a hub (MHL, AMHL, hub manager, LLME), a project
 * (Project Lead, Hub Lead Link, National Link), a school by its URN
 * (headteacher), or none (national roles, participant; but a hub's
 * leadership adds a participant in their own hub, so that they list them).
 *
 * The form is one radio per role, each revealing its own field (a select
 * of hubs or of projects, or the URN), named after the role: "hub-mhl",
 * "project-project_lead", "urn-headteacher": declared fields (html/form.h)
 * that a page's form table includes. With JavaScript off every field
 * shows; the server reads only the chosen role's field. The offer's hubs
 * and projects are read, and a choice is given, by queries.h
 * (grant_offer_load, grant_insert).
 */
#ifndef MH_ADMIN_GRANT_H
#define MH_ADMIN_GRANT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/perm.h"
#include "core/err.h"
#include "html/form.h"

struct db;
struct req;

/* A hub or a project, as the form offers it. */
struct grant_opt {
	int64_t id;
	const char *code, *name;
};

/* What the person giving roles may give. */
struct grant_offer {
	bool roles[ROLE_COUNT];  /* the roles they may give */
	const int64_t *hub_ids;  /* the hubs they may give hub roles in; NULL: every hub */
	size_t nhub_ids;
	const char *refused;     /* the message for a role or a hub outside this offer */
	/* every hub and every project, newest year first (grant_offer_load, queries.h) */
	struct grant_opt *hubs, *projects;
	size_t nhubs, nprojects;
};

/* The role and its field, as part of a page's form table (html/form.h):
 * GRANT_FIELDS(at) declares the "role" radios at index at, then each
 * role's revealed field, GRANT_NFIELDS in all. grant_form completes them
 * from the offer at run time. Index them from at; read the choice with
 * grant_choice. */
#define GRANT_NFIELDS 10
#define GRANT_HUB_(role)                                                                                   \
	{"hub-" role, FORM_CHOICE, "Hub", .required = true, .select = true, .missing = "Select the hub for this role", \
	 .invalid = "Select the hub for this role", .revealed_by = "role", .revealed_for = role}
#define GRANT_PROJECT_(role)                                                                                \
	{"project-" role, FORM_CHOICE, "Project", .required = true, .select = true,                          \
	 .missing = "Select the project for this role", .invalid = "Select the project for this role",       \
	 .revealed_by = "role", .revealed_for = role}
#define GRANT_FIELDS(at)                                                                                    \
	[(at)] = {"role", FORM_CHOICE, "Role", .required = true, .small = true, .missing = "Select a role",  \
		  .invalid = "Select a role"},                                                                 \
	GRANT_PROJECT_("project_lead"), GRANT_PROJECT_("hub_lead_link"), GRANT_PROJECT_("national_link"),     \
	GRANT_HUB_("mhl"), GRANT_HUB_("amhl"), GRANT_HUB_("hub_manager"), GRANT_HUB_("llme"),                  \
	GRANT_HUB_("participant"),                                                                          \
	{"urn-headteacher", FORM_URN, "School URN", .required = true, .autocomplete = "off",                 \
	 .hint = "The school's unique reference number in Get Information about Schools: 6 digits",          \
	 .missing = "Enter the school's URN", .invalid = "The school's URN must be 6 digits, like 100000",   \
	 .revealed_by = "role", .revealed_for = "headteacher"}

/* The record role r is given in by someone with offer o: a hub (MHL, AMHL,
 * hub manager, LLME; and a participant, when a hub's leadership adds them,
 * so that they see them in their hub's list), a project, a school
 * (headteacher), or none. */
enum grant_kind { GRANT_NONE, GRANT_HUB, GRANT_PROJECT, GRANT_SCHOOL };
enum grant_kind grant_kind_of(const struct grant_offer *o, enum role r);

/* Whether o lets its giver give hub roles in hub id (every hub, or one of
 * o->hub_ids). */
bool grant_hub_offered(const struct grant_offer *o, int64_t id);

/* The form fields[0..n) with its GRANT_FIELDS(at) completed from o, in
 * rq's arena: the roles offered (one outside the offer is refused with
 * o->refused when the offer is a hub's), each with its hubs (those
 * offered) or projects; the field of a role not offered, or given without
 * a hub, project or school, is off. */
struct form grant_form(const struct req *rq, const struct grant_offer *o, const struct form_field *fields, size_t n,
		       size_t at);

/* Before the form is shown (empty, or sent back with errors): a hub
 * select with nothing chosen takes the only hub offered, if there is one. */
void grant_form_prefill(struct form_data *d, size_t at);

/* A role with its scope's record, and the scope as text: the hub's or the
 * project's code, the URN, or "". */
struct role_choice {
	struct grant g;
	const char *scope;
};

/* The role and its record that d, read by form_read without errors, holds
 * at index at. */
void grant_choice(const struct form_data *d, size_t at, const struct grant_offer *o, struct role_choice *c);

/* grant_choice, in the caller's transaction, with a school's URN checked
 * against the register: when no school has it, its field is failed
 * (d->nerrors). */
enum err grant_choice_read(struct db *db, struct form_data *d, size_t at, const struct grant_offer *o, struct role_choice *c);

/* How a grant's scope reads in a list: the hub's or project's code,
 * "School URN", or NULL for none. Arguments may be "" for none. */
const char *grant_scope_text(const struct req *rq, const char *hub_code, const char *project_code, const char *urn);

#endif
