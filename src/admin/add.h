/*
 * add.h - adding people, one piece of code for the add-person form
 * (people.c) and an upload of people from a file (upload.c): whom the
 * person signed in may add, with which roles and in which hubs
 * (add_scope_init), what adding someone would do (person_add_check) and
 * doing it (person_add): the person, their school and job title, their
 * first role, the audit lines and the invitation to sign up; or, for an
 * upload, the role for someone already there whom the giver's list shows.
 */
#ifndef MH_ADMIN_ADD_H
#define MH_ADMIN_ADD_H

#include <stdbool.h>
#include <stdint.h>

#include "admin/grant.h"
#include "admin/queries.h"
#include "core/err.h"

struct db;
struct req;

#define ADD_MAX_HUBS 8

/* Whom the person signed in may add, and what they may give. */
struct add_scope {
	bool may_add;              /* CAP_PEOPLE_ADD in some scope */
	struct people_list list;   /* whom they may see: an address held by someone in it is "theirs" */
	int64_t hubs[ADD_MAX_HUBS]; /* the hubs a hub's leadership may give roles in (offer.hub_ids) */
	struct grant_offer offer;  /* the roles they may give (its hubs and projects: grant_offer_load) */
};

/* The roles a hub's leadership may give, in their own hub(s); a national
 * administrator may give any, in any hub, project or school. */
extern const enum role add_hub_grantable[4];

/* s for the person signed in (s->list's page is 1). */
void add_scope_init(struct req *rq, struct add_scope *s);

/* A person to add, with their first role (email normalised; school_urn
 * and job_title NULL or "" for none). */
struct person_new {
	const char *name, *email, *school_urn, *job_title;
	struct role_choice role;
};

enum add_outcome {
	ADD_NEW,        /* a new person, with the role; emailed an invitation */
	ADD_ROLE_GIVEN, /* someone in the giver's list already: the role given (give_if_held only) */
	ADD_HAS_ROLE,   /* someone in the giver's list with that role already: nothing to do (give_if_held only) */
	ADD_HELD,       /* someone in the giver's list already: nothing done (without give_if_held) */
	ADD_NOT_THEIRS, /* an address held by someone the giver's list does not show: nothing done, and say no more */
};

/* What person_add would do with p, in the caller's transaction; writes
 * nothing. *id: the person's id when the address is held (else 0). */
enum err person_add_check(struct db *db, const struct add_scope *s, const struct person_new *p, bool give_if_held,
			  enum add_outcome *out, int64_t *id);

/* Adds p, in the caller's write transaction, by the person signed in, and
 * says what it did in *out: for ADD_NEW the person (with their school and
 * job title), the person_created and role_granted audit lines (reason:
 * the grant's) and the invitation; for ADD_ROLE_GIVEN the grant and its
 * audit line; for the others nothing. */
enum err person_add(struct db *db, const struct req *rq, const struct add_scope *s, const struct person_new *p,
		    bool give_if_held, const char *reason, enum add_outcome *out);

/* Someone taking part in a hub activity, who may not be in the registry
 * yet (for activities, whose participant form's rules are its own). */
struct participant_new {
	const char *name, *email; /* email as typed: normalised here */
	const char *school_urn;   /* their school: one of the activity's */
	int64_t hub_id;           /* the hub their participant role is in (0: none) */
	const char *hub_code;     /* its code, for the audit line (NULL: none) */
	const char *reason;       /* the role's reason ("added to an activity") */
};

/* For activities, in the caller's write transaction, by the person signed
 * in (who runs the activity: the caller has decided they may): the person
 * holding p's email address, reused as they are (*created false, nothing
 * written); or a new one as person_add makes them (the same row, audit
 * lines and invitation to sign up) with p's name and school and the role
 * participant in p's hub (*created true). *id: theirs. */
enum err person_add_participant(struct db *db, const struct req *rq, const struct participant_new *p, int64_t *id,
				bool *created);

#endif
