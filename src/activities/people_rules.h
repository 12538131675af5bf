/*
 * people_rules.h - whose schools and people a reader who runs an activity
 * may add, change and withdraw (people_rules.c, pure: from the session and
 * the activity as activity_read read it). Its lead hub's leadership, its
 * leads and MHLM link (and the national team) any; a partner hub's
 * leadership only its own hub's.
 */
#ifndef MH_ACTIVITIES_PEOPLE_RULES_H
#define MH_ACTIVITIES_PEOPLE_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "activities/activities.h"

/* The most partner hubs one reader leads in one activity that count. */
#define ACTIVITY_RUN_HUBS 4

struct activity_run_scope {
	bool any;                         /* every school and person */
	int64_t hubs[ACTIVITY_RUN_HUBS];  /* else only those of these hubs */
	size_t nhubs;                     /* 0 and !any: none */
};

/* What s may run of a (acc: activity_access_of(s, a)). */
struct activity_run_scope activity_run_scope_of(const struct session *s, const struct activity *a,
						const struct activity_access *acc);

/* Whether r covers a school or participant counted in hub_id (0: none,
 * which only `any` covers). */
bool activity_run_covers(const struct activity_run_scope *r, int64_t hub_id);

/* Whether a reader with access acc may see a participant or school of
 * hub_id: every one when acc->people_hub is 0, else only that hub's. */
bool activity_people_cover(const struct activity_access *acc, int64_t hub_id);

#endif
