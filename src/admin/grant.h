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
 * "project-project_lead", "urn-headteacher". With JavaScript off every
 * field shows; the server reads only the chosen role's field.
 */
#ifndef MH_ADMIN_GRANT_H
#define MH_ADMIN_GRANT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/perm.h"
#include "core/err.h"

struct db;
struct html;
struct req;
struct govuk_error;

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
	/* every hub and every project, newest year first (grant_offer_load) */
	struct grant_opt *hubs, *projects;
	size_t nhubs, nprojects;
};

/* Loads o's hubs and projects into rq's arena (in the caller's transaction;
 * again when it is retried). */
enum err grant_offer_load(struct db *db, const struct req *rq, struct grant_offer *o);

/* The "Role" radios, each revealing its field. errs: the page's errors
 * (each field shows its own); sent: show back what the form sent. */
void grant_fields(struct html *w, const struct req *rq, const struct grant_offer *o,
		  const struct govuk_error *errs, size_t nerrs, bool sent);

/* A role with its scope's record, and the scope as text: the hub's or the
 * project's code, the URN, or "". */
struct role_choice {
	struct grant g;
	const char *scope;
};

/* Reads the role and its field from the form. False, with one error
 * appended to errs (*nerrs grows), when the role is missing, outside the
 * offer, or its hub, project or URN is missing or wrong. */
bool grant_read(const struct req *rq, const struct grant_offer *o, struct role_choice *c,
		struct govuk_error *errs, size_t *nerrs);

/* Gives c to person_id, by the person signed in, with reason: the
 * role_grants row and its audit line, in the caller's transaction.
 * ERR_CONFLICT, and nothing written, when they hold that role for that hub,
 * project or school already (a unique index, role_grants_once). */
enum err grant_insert(struct db *db, const struct req *rq, int64_t person_id, const struct role_choice *c,
		      const char *reason);

/* How a grant's scope reads in a list: the hub's or project's code,
 * "School URN", or NULL for none. Arguments may be "" for none. */
const char *grant_scope_text(const struct req *rq, const char *hub_code, const char *project_code, const char *urn);

#endif
