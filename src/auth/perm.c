/* perm.c - see perm.h. The table below is the whole of who may do what. */
#include "auth/perm.h"

#include <string.h>

#include "core/util.h"

static const struct {
	const char *key, *name;
	enum scope natural; /* the scope a grant of this role covers */
} roles[ROLE_COUNT] = {
	[ROLE_NATIONAL_ADMIN] = {"national_admin", "National administrator", SCOPE_NATIONAL},
	[ROLE_NATIONAL_ANALYST] = {"national_analyst", "National analyst", SCOPE_NATIONAL},
	[ROLE_PROJECT_LEAD] = {"project_lead", "Project Lead", SCOPE_PROJECT},
	[ROLE_HUB_LEAD_LINK] = {"hub_lead_link", "Hub Lead Link", SCOPE_PROJECT},
	[ROLE_NATIONAL_LINK] = {"national_link", "National Link", SCOPE_PROJECT},
	[ROLE_MHL] = {"mhl", "Maths Hub Lead", SCOPE_HUB},
	[ROLE_AMHL] = {"amhl", "Assistant Maths Hub Lead", SCOPE_HUB},
	[ROLE_HUB_MANAGER] = {"hub_manager", "Hub manager", SCOPE_HUB},
	[ROLE_LLME] = {"llme", "Local leader of mathematics education (LLME)", SCOPE_HUB},
	[ROLE_PARTICIPANT] = {"participant", "Participant", SCOPE_OWN},
	[ROLE_HEADTEACHER] = {"headteacher", "Headteacher", SCOPE_SCHOOL},
};

static const char *const capabilities[CAP_COUNT] = {
	[CAP_PUBLIC] = "public",
	[CAP_ACCOUNT] = "own account",
	[CAP_PEOPLE_READ] = "see people",
	[CAP_PEOPLE_ADD] = "add people",
	[CAP_ROLES_MANAGE] = "grant and revoke roles",
	[CAP_AUDIT_READ] = "read the audit log",
	[CAP_MAIL_READ] = "see undelivered mail",
	[CAP_SIGN_IN_RESET] = "reset someone's sign-in",
	[CAP_SCHOOLS_IMPORT] = "import schools",
	[CAP_HUB_AREAS_MANAGE] = "manage hub areas",
	[CAP_PEOPLE_EDIT] = "edit people",
	[CAP_DESIGNATIONS_MANAGE] = "manage designations",
	[CAP_TEAM_READ] = "see a hub's team",
	[CAP_EVENTS_MANAGE] = "organise events",
	[CAP_ACTIVITIES_READ] = "see hub activities",
	[CAP_ACTIVITIES_MANAGE] = "organise hub activities",
	[CAP_ACTIVITIES_LEAD] = "run hub activities",
	[CAP_JOURNEY_RECORD] = "record schools' journey history",
	[CAP_JOURNEY_SETTINGS] = "set NCPs' teaching for mastery stages",
	[CAP_OUTCOMES_MANAGE] = "define NCPs' expected outcomes",
	[CAP_HAPPI_DATES] = "set when HAPPI forms are due",
	[CAP_SURVEYS_MANAGE] = "keep survey templates",
	[CAP_SURVEY_TERMS] = "load school term dates",
	[CAP_SURVEYS_RESULTS] = "see survey results",
};

/* Capability -> role, at that role's natural scope. Deny by default. */
static const struct {
	enum capability cap;
	enum role role;
} permissions[] = {
	{CAP_PEOPLE_READ, ROLE_NATIONAL_ADMIN},
	{CAP_PEOPLE_READ, ROLE_NATIONAL_ANALYST},
	{CAP_PEOPLE_READ, ROLE_MHL},
	{CAP_PEOPLE_READ, ROLE_AMHL},
	{CAP_PEOPLE_READ, ROLE_HUB_MANAGER},
	{CAP_PEOPLE_ADD, ROLE_NATIONAL_ADMIN},
	{CAP_PEOPLE_ADD, ROLE_MHL},
	{CAP_PEOPLE_ADD, ROLE_AMHL},
	{CAP_PEOPLE_ADD, ROLE_HUB_MANAGER},
	{CAP_ROLES_MANAGE, ROLE_NATIONAL_ADMIN},
	{CAP_AUDIT_READ, ROLE_NATIONAL_ADMIN},
	{CAP_MAIL_READ, ROLE_NATIONAL_ADMIN},
	{CAP_SIGN_IN_RESET, ROLE_NATIONAL_ADMIN},
	{CAP_SCHOOLS_IMPORT, ROLE_NATIONAL_ADMIN},
	{CAP_HUB_AREAS_MANAGE, ROLE_NATIONAL_ADMIN},
	{CAP_HUB_AREAS_MANAGE, ROLE_MHL},
	{CAP_HUB_AREAS_MANAGE, ROLE_AMHL},
	{CAP_HUB_AREAS_MANAGE, ROLE_HUB_MANAGER},
	{CAP_PEOPLE_EDIT, ROLE_NATIONAL_ADMIN},
	{CAP_PEOPLE_EDIT, ROLE_MHL},
	{CAP_PEOPLE_EDIT, ROLE_AMHL},
	{CAP_PEOPLE_EDIT, ROLE_HUB_MANAGER},
	{CAP_DESIGNATIONS_MANAGE, ROLE_NATIONAL_ADMIN},
	{CAP_DESIGNATIONS_MANAGE, ROLE_MHL},
	{CAP_DESIGNATIONS_MANAGE, ROLE_AMHL},
	{CAP_DESIGNATIONS_MANAGE, ROLE_HUB_MANAGER},
	{CAP_TEAM_READ, ROLE_NATIONAL_ADMIN},
	{CAP_TEAM_READ, ROLE_NATIONAL_ANALYST},
	{CAP_TEAM_READ, ROLE_MHL},
	{CAP_TEAM_READ, ROLE_AMHL},
	{CAP_TEAM_READ, ROLE_HUB_MANAGER},
	{CAP_TEAM_READ, ROLE_LLME},
	/* events: the national team any; an NCP's Project Coordination Team
	 * their NCP's; a hub's leadership their hub's */
	{CAP_EVENTS_MANAGE, ROLE_NATIONAL_ADMIN},
	{CAP_EVENTS_MANAGE, ROLE_PROJECT_LEAD},
	{CAP_EVENTS_MANAGE, ROLE_NATIONAL_LINK},
	{CAP_EVENTS_MANAGE, ROLE_MHL},
	{CAP_EVENTS_MANAGE, ROLE_AMHL},
	{CAP_EVENTS_MANAGE, ROLE_HUB_MANAGER},
	/* hub activities: the national team and analysts all; an NCP's teams
	 * their NCP's runs; a hub's leadership and LLMEs their hub's (and the
	 * activities of partner hubs); a headteacher their school's. The
	 * handlers narrow further (src/activities/rules.h): an LLME runs only
	 * what they lead, a partner hub adds only its own schools. */
	{CAP_ACTIVITIES_READ, ROLE_NATIONAL_ADMIN},
	{CAP_ACTIVITIES_READ, ROLE_NATIONAL_ANALYST},
	{CAP_ACTIVITIES_READ, ROLE_PROJECT_LEAD},
	{CAP_ACTIVITIES_READ, ROLE_HUB_LEAD_LINK},
	{CAP_ACTIVITIES_READ, ROLE_NATIONAL_LINK},
	{CAP_ACTIVITIES_READ, ROLE_MHL},
	{CAP_ACTIVITIES_READ, ROLE_AMHL},
	{CAP_ACTIVITIES_READ, ROLE_HUB_MANAGER},
	{CAP_ACTIVITIES_READ, ROLE_LLME},
	{CAP_ACTIVITIES_READ, ROLE_HEADTEACHER},
	{CAP_ACTIVITIES_MANAGE, ROLE_NATIONAL_ADMIN},
	{CAP_ACTIVITIES_MANAGE, ROLE_MHL},
	{CAP_ACTIVITIES_MANAGE, ROLE_AMHL},
	{CAP_ACTIVITIES_MANAGE, ROLE_HUB_MANAGER},
	{CAP_ACTIVITIES_LEAD, ROLE_NATIONAL_ADMIN},
	{CAP_ACTIVITIES_LEAD, ROLE_MHL},
	{CAP_ACTIVITIES_LEAD, ROLE_AMHL},
	{CAP_ACTIVITIES_LEAD, ROLE_HUB_MANAGER},
	{CAP_ACTIVITIES_LEAD, ROLE_LLME},
	{CAP_JOURNEY_RECORD, ROLE_NATIONAL_ADMIN},
	{CAP_JOURNEY_RECORD, ROLE_MHL},
	{CAP_JOURNEY_RECORD, ROLE_AMHL},
	{CAP_JOURNEY_RECORD, ROLE_HUB_MANAGER},
	{CAP_JOURNEY_SETTINGS, ROLE_NATIONAL_ADMIN},
	/* an NCP's expected outcomes: the national team any; its Project Lead
	 * (the NCP's coordination team) its own */
	{CAP_OUTCOMES_MANAGE, ROLE_NATIONAL_ADMIN},
	{CAP_OUTCOMES_MANAGE, ROLE_PROJECT_LEAD},
	{CAP_HAPPI_DATES, ROLE_NATIONAL_ADMIN},
	/* survey templates: the national team any (and the defaults for every
	 * NCP); an NCP's Project Lead their NCP's own */
	{CAP_SURVEYS_MANAGE, ROLE_NATIONAL_ADMIN},
	{CAP_SURVEYS_MANAGE, ROLE_PROJECT_LEAD},
	/* school term dates, which every survey reminder waits on: the national team */
	{CAP_SURVEY_TERMS, ROLE_NATIONAL_ADMIN},
	/* survey results: the national team and analysts all; an NCP's Project
	 * Lead their NCP's; a hub's leadership the activities their hub leads;
	 * an LLME only the activities they lead (the handlers narrow it:
	 * src/surveys/results_access.c) */
	{CAP_SURVEYS_RESULTS, ROLE_NATIONAL_ADMIN},
	{CAP_SURVEYS_RESULTS, ROLE_NATIONAL_ANALYST},
	{CAP_SURVEYS_RESULTS, ROLE_PROJECT_LEAD},
	{CAP_SURVEYS_RESULTS, ROLE_MHL},
	{CAP_SURVEYS_RESULTS, ROLE_AMHL},
	{CAP_SURVEYS_RESULTS, ROLE_HUB_MANAGER},
	{CAP_SURVEYS_RESULTS, ROLE_LLME},
};

const char *role_key(enum role r)
{
	return r < ROLE_COUNT ? roles[r].key : "";
}

const char *role_name(enum role r)
{
	return r < ROLE_COUNT ? roles[r].name : "";
}

bool role_from_key(const char *key, enum role *out)
{
	for (int r = 0; r < ROLE_COUNT; r++)
		if (!strcmp(roles[r].key, key)) {
			*out = (enum role)r;
			return true;
		}
	return false;
}

const char *capability_name(enum capability c)
{
	return c < CAP_COUNT ? capabilities[c] : "";
}

/* Whether the permission table lets role use cap. */
static bool role_may(enum role role, enum capability cap)
{
	for (size_t p = 0; p < ARRAY_LEN(permissions); p++)
		if (permissions[p].cap == cap && permissions[p].role == role)
			return true;
	return false;
}

enum scope perm_scope(const struct grant *grants, size_t n, enum capability cap)
{
	if (cap == CAP_PUBLIC)
		return SCOPE_NATIONAL;
	enum scope best = SCOPE_NONE;
	for (size_t i = 0; i < n; i++) {
		enum scope kind = perm_grant_scope(&grants[i], 0).kind; /* SCOPE_NONE without its record */
		if (role_may(grants[i].role, cap) && kind > best)
			best = kind;
	}
	return best;
}

struct perm_scope perm_grant_scope(const struct grant *g, int64_t self_id)
{
	enum scope kind = g->role < ROLE_COUNT ? roles[g->role].natural : SCOPE_NONE;
	switch (kind) {
	case SCOPE_HUB:
		return g->hub_id ? (struct perm_scope){SCOPE_HUB, g->hub_id, NULL} : (struct perm_scope){SCOPE_NONE, 0, NULL};
	case SCOPE_PROJECT:
		return g->project_id ? (struct perm_scope){SCOPE_PROJECT, g->project_id, NULL}
				     : (struct perm_scope){SCOPE_NONE, 0, NULL};
	case SCOPE_SCHOOL:
		return g->school_urn && g->school_urn[0] ? (struct perm_scope){SCOPE_SCHOOL, 0, g->school_urn}
							 : (struct perm_scope){SCOPE_NONE, 0, NULL};
	case SCOPE_OWN:
		return (struct perm_scope){SCOPE_OWN, self_id, NULL};
	case SCOPE_NATIONAL:
		return (struct perm_scope){SCOPE_NATIONAL, 0, NULL};
	default:
		return (struct perm_scope){SCOPE_NONE, 0, NULL};
	}
}

size_t perm_scopes(const struct grant *grants, size_t n, int64_t self_id, enum capability cap,
		   struct perm_scope *out, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		struct perm_scope s = perm_grant_scope(&grants[i], self_id);
		if (s.kind == SCOPE_NONE || !role_may(grants[i].role, cap))
			continue;
		if (k < max)
			out[k] = s;
		k++;
	}
	return k;
}

bool perm_covers(const struct perm_scope *scope, const struct perm_target *t)
{
	switch (scope->kind) {
	case SCOPE_NATIONAL:
		return true;
	case SCOPE_HUB:
		for (size_t i = 0; i < t->nhubs; i++)
			if (t->hub_ids[i] == scope->id)
				return true;
		return false;
	case SCOPE_PROJECT:
		return t->project_id && t->project_id == scope->id;
	case SCOPE_SCHOOL:
		return t->school_urn && scope->urn && !strcmp(t->school_urn, scope->urn);
	case SCOPE_OWN:
		return t->person_id && t->person_id == scope->id;
	default:
		return false;
	}
}

bool perm_allows(const struct grant *grants, size_t n, int64_t self_id, enum capability cap,
		 const struct perm_target *t)
{
	if (cap == CAP_PUBLIC)
		return true;
	for (size_t i = 0; i < n; i++) {
		struct perm_scope s = perm_grant_scope(&grants[i], self_id);
		if (role_may(grants[i].role, cap) && perm_covers(&s, t))
			return true;
	}
	return false;
}
