/*
 * scope.h - who may do what in the team capability, and which academic
 * year it is: small pure checks the pages and views share.
 */
#ifndef MH_TEAM_SCOPE_H
#define MH_TEAM_SCOPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/perm.h"

struct req;
struct team_person;

/* Whether the session may use cap in hub hub_id. */
bool team_may(const struct req *rq, enum capability cap, int64_t hub_id);

/* Whether the session may manage p's accreditations: designations managed
 * in one of the hubs of p's team roles (team_role), or nationally. Check it
 * before anything about p's records, so that a refusal never depends on
 * whether they exist. */
bool team_may_person(const struct req *rq, const struct team_person *p);

/* The roles that make someone part of a hub's team, and so able to hold
 * its designations: MHL, AMHL, hub manager, LLME. */
bool team_role(enum role r);

/* The current academic year, from the clock: 2026 for 2026/27. */
int team_year_now(void);

#endif
