/* add.c - see add.h. Its SQL is in queries.c (person_holds_grant, person_set_school_job). */
#include "admin/add.h"

#include <string.h>

#include "accounts/queries.h"
#include "auth/audit.h"
#include "auth/perm.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/util.h"
#include "http/request.h"
#include "mail/mail.h"

#define MAX_SCOPES 32

const enum role add_hub_grantable[4] = {ROLE_LLME, ROLE_PARTICIPANT, ROLE_AMHL, ROLE_HUB_MANAGER};

/* The hubs of the scopes in which grants allow cap, into out (at most max). */
static size_t scope_hubs(const struct session *s, enum capability cap, int64_t *out, size_t max)
{
	struct perm_scope scopes[MAX_SCOPES];
	size_t n = perm_scopes(s->grants, s->ngrants, s->person_id, cap, scopes, MAX_SCOPES), k = 0;
	for (size_t i = 0; i < n && i < MAX_SCOPES; i++)
		if (scopes[i].kind == SCOPE_HUB && k < max)
			out[k++] = scopes[i].id;
	return k;
}

void add_scope_init(struct req *rq, struct add_scope *s)
{
	const struct session *ses = rq->session;
	memset(s, 0, sizeof(*s));
	s->list.rq = rq;
	s->list.page = 1;
	struct perm_scope scopes[MAX_SCOPES]; /* whom they may see: everyone, or their hubs' people */
	size_t nscopes = perm_scopes(ses->grants, ses->ngrants, ses->person_id, CAP_PEOPLE_READ, scopes, MAX_SCOPES);
	for (size_t i = 0; i < nscopes && i < MAX_SCOPES; i++) {
		s->list.everyone |= scopes[i].kind == SCOPE_NATIONAL;
		if (scopes[i].kind == SCOPE_HUB && s->list.nhubs < PEOPLE_MAX_HUBS)
			s->list.hubs[s->list.nhubs++] = scopes[i].id;
	}
	/* what they may give: any role anywhere, or hub roles in their own hubs */
	enum scope add = perm_scope(ses->grants, ses->ngrants, CAP_PEOPLE_ADD);
	s->may_add = add != SCOPE_NONE;
	if (add == SCOPE_NATIONAL) {
		for (int r = 0; r < ROLE_COUNT; r++)
			s->offer.roles[r] = true;
	} else {
		for (size_t i = 0; i < ARRAY_LEN(add_hub_grantable); i++)
			s->offer.roles[add_hub_grantable[i]] = true;
		s->offer.hub_ids = s->hubs;
		s->offer.nhub_ids = scope_hubs(ses, CAP_PEOPLE_ADD, s->hubs, ADD_MAX_HUBS);
	}
	s->offer.refused = "You can only give roles in your own hub: LLME, participant, AMHL or hub manager";
}

/* A new person p: their row, school and job title, the person_created
 * audit line, their first role (its audit line: reason) and the
 * invitation to sign up; *id theirs. */
static enum err person_create(struct db *db, const struct req *rq, const struct person_new *p, const char *reason,
			      int64_t *id)
{
	int64_t by = rq->session->person_id;
	enum err e;
	if ((e = person_insert(db, p->email, p->name, id)) ||
	    (e = person_set_school_job(db, *id, p->school_urn, p->job_title)) ||
	    (e = audit(db, rq, by, "person_created", arena_printf(rq->arena, "person:%lld", (long long)*id), p->email)) ||
	    (e = grant_insert(db, rq, *id, &p->role, reason)))
		return e;
	const char *link = arena_printf(rq->arena, "%s/sign-up", rq->cfg->base_url);
	return mail_queue(db, p->email, "You have been added to Maths Hubs",
			  arena_printf(rq->arena, "Hello %s,\n\n%s has added you to Maths Hubs as %s.\n\nTo use the service, sign up with this email address at %s\n",
				       p->name, rq->session->name, role_name(p->role.g.role), link),
			  NULL);
}

enum err person_add_check(struct db *db, const struct add_scope *s, const struct person_new *p, bool give_if_held,
			  enum add_outcome *out, int64_t *id)
{
	*id = 0;
	struct person existing;
	enum err e = person_by_email(db, s->list.rq->arena, p->email, &existing);
	if (e == ERR_NOT_FOUND) {
		*out = ADD_NEW;
		return ERR_OK;
	}
	if (e)
		return e;
	*id = existing.id;
	bool theirs;
	if ((e = people_list_holds(db, &s->list, existing.id, &theirs)))
		return e;
	if (!theirs) {
		*out = ADD_NOT_THEIRS;
		return ERR_OK;
	}
	if (!give_if_held) {
		*out = ADD_HELD;
		return ERR_OK;
	}
	bool has;
	if ((e = person_holds_grant(db, existing.id, &p->role.g, &has)))
		return e;
	*out = has ? ADD_HAS_ROLE : ADD_ROLE_GIVEN;
	return ERR_OK;
}

enum err person_add(struct db *db, const struct req *rq, const struct add_scope *s, const struct person_new *p,
		    bool give_if_held, const char *reason, enum add_outcome *out)
{
	int64_t id;
	enum err e = person_add_check(db, s, p, give_if_held, out, &id);
	if (e || (*out != ADD_NEW && *out != ADD_ROLE_GIVEN))
		return e;
	if (*out == ADD_ROLE_GIVEN)
		return grant_insert(db, rq, id, &p->role, reason);
	return person_create(db, rq, p, reason, &id);
}

enum err person_add_participant(struct db *db, const struct req *rq, const struct participant_new *p, int64_t *id,
				bool *created)
{
	*id = 0;
	*created = false;
	const char *email = email_normalise(rq->arena, p->email);
	struct person existing;
	enum err e = person_by_email(db, rq->arena, email, &existing);
	if (e == ERR_OK) {
		*id = existing.id;
		return ERR_OK;
	}
	if (e != ERR_NOT_FOUND)
		return e;
	struct person_new np = {.name = p->name, .email = email, .school_urn = p->school_urn,
				.role = {.g = {.role = ROLE_PARTICIPANT, .hub_id = p->hub_id},
					 .scope = p->hub_code ? p->hub_code : ""}};
	*created = true;
	return person_create(db, rq, &np, p->reason, id);
}
