/*
 * person.h - what a person's page (roles.c) and its edit pages (details.c,
 * email.c, deactivate.c) share: who may do what with the person, and the
 * pieces every one of those pages uses (the id in the path, the way back,
 * the refusals).
 *
 * Who may open and change a person follows their roles: a hub's leadership
 * reads and edits the people with a role in their hub (the people list's
 * scope), a national administrator everyone. Changing the email address or
 * deactivating someone controls their account, so a hub's leadership may
 * do it only when every one of the person's roles is in a hub of theirs:
 * never for someone who is also a national administrator, a project's
 * lead, a headteacher or another hub's. Roles are given and revoked by the
 * national team only.
 */
#ifndef MH_ADMIN_PERSON_H
#define MH_ADMIN_PERSON_H

#include <stdbool.h>
#include <stdint.h>

#include "admin/queries.h"
#include "core/err.h"

struct req;
struct resp;
struct session;

/* What the person signed in may do with the person a page is about. */
struct person_access {
	bool read;    /* open their page: CAP_PEOPLE_READ over one of their hubs */
	bool edit;    /* change their school and job title: CAP_PEOPLE_EDIT over one of their hubs */
	bool account; /* change their email address, deactivate and reactivate them: CAP_PEOPLE_EDIT
		       * over every one of their roles (and not themselves, for deactivation) */
	bool roles;   /* give and revoke their roles: CAP_ROLES_MANAGE */
	bool self;    /* it is their own page */
};

/* What s (the session of the person asking) may do with the person whose
 * roles are grants[0..n) and id is id. Pure. */
struct person_access person_access_of(const struct session *s, int64_t id, const struct grant_row *grants, size_t n);

/* The person's id in the path ({id}), or 0 when it is not a positive number. */
int64_t person_param(const struct req *rq);

/* "/admin/people/12", and that with a further segment ("/email"; NULL: none), in rq's arena. */
const char *person_href(const struct req *rq, int64_t id, const char *then);

/* The 404 page for a person who does not exist. */
enum err person_not_found(struct resp *rs);

/* The 403 page for a person outside the scope of the one asking, with
 * message saying why and what to do. */
enum err person_refused(struct resp *rs, const char *message);

struct html;

/* The person's details (email address, school, job title, whether their
 * account is active), each with its "Change" link for those who may. */
void person_details_section(struct html *w, struct req *rq, const struct person_subject *p, const struct person_access *may);

/* Deactivating them (a link to the confirm page), or reactivating them (a
 * button), for those who may; nothing on their own page. */
void person_account_section(struct html *w, struct req *rq, const struct person_subject *p, const struct person_access *may);

/* Every module's part of the page (module.h), from what each read. */
void person_parts_render(struct html *w, struct req *rq, int64_t id, void *const *data, size_t n);

/* The messages of person_refused. */
#define PERSON_NOT_YOURS "They have no role in your hub. Ask the national team if you need to see them."
#define PERSON_NOT_ALL_YOURS                                                                                     \
	"They also have a role outside your hub, so only the national team can change their email address or " \
	"deactivate them."

#endif
