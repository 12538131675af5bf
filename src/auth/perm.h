/*
 * perm.h - roles, scopes and the one permission table: which roles may use
 * which capability, and over what (their own record, their school, their
 * hub, their project, or everything). Deny by default: a capability no row
 * grants is refused to everyone. Routes declare their capability; the
 * route guard checks it before the handler runs; handlers then scope their
 * queries with perm_scope (a hub lead lists their own hub's people only).
 */
#ifndef MH_AUTH_PERM_H
#define MH_AUTH_PERM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum role {
	ROLE_NATIONAL_ADMIN,
	ROLE_NATIONAL_ANALYST,
	ROLE_PROJECT_LEAD,
	ROLE_HUB_LEAD_LINK,
	ROLE_NATIONAL_LINK,
	ROLE_MHL,
	ROLE_AMHL,
	ROLE_HUB_MANAGER,
	ROLE_LLME,
	ROLE_PARTICIPANT,
	ROLE_HEADTEACHER,
	ROLE_COUNT
};

enum scope { SCOPE_NONE, SCOPE_OWN, SCOPE_SCHOOL, SCOPE_PROJECT, SCOPE_HUB, SCOPE_NATIONAL };

/* What a route or an action needs. CAP_PUBLIC: anyone; CAP_ACCOUNT: anyone
 * signed in (their own account). */
enum capability {
	CAP_PUBLIC = 0,
	CAP_ACCOUNT,
	CAP_PEOPLE_READ,    /* list people and their roles */
	CAP_PEOPLE_ADD,     /* add a person (who can then sign up) */
	CAP_ROLES_MANAGE,   /* grant and revoke roles */
	CAP_AUDIT_READ,     /* the audit log */
	CAP_MAIL_READ,      /* the outbox: undelivered mail */
	CAP_SIGN_IN_RESET,  /* reset someone's password and second factors (they lost both) */
	CAP_SCHOOLS_IMPORT, /* load the GIAS establishment and links files */
	CAP_HUB_AREAS_MANAGE, /* which hub a local authority, or one school, belongs to */
	CAP_PEOPLE_EDIT,    /* a person's school, job title, email; deactivate them */
	CAP_DESIGNATIONS_MANAGE, /* LLME designations, accreditations, an AMHL's phase, LLME Community leads */
	CAP_TEAM_READ,      /* a hub's team: leadership, LLMEs, designations and accreditations */
	CAP_EVENTS_MANAGE,  /* organise events: create, edit, cancel; change anyone's answer */
	CAP_ACTIVITIES_READ,   /* see hub activities: a hub's own and its partners', an NCP's runs, a school's */
	CAP_ACTIVITIES_MANAGE, /* organise hub activities: create, edit, cancel, continue; leads and hubs */
	CAP_ACTIVITIES_LEAD,   /* run one: schools, participants, sessions, registers (an LLME only what they lead) */
	CAP_JOURNEY_RECORD,    /* record a school's teaching for mastery history from before the system */
	CAP_JOURNEY_SETTINGS,  /* set which NCPs give which teaching for mastery stage */
	CAP_OUTCOMES_MANAGE,   /* define an NCP's expected outcomes (the national team; an NCP's Project Lead) */
	CAP_HAPPI_DATES,       /* set when a year's HAPPI forms are due */
	CAP_SURVEYS_MANAGE,    /* survey templates: the national team any; an NCP's Project Lead their NCP's */
	CAP_SURVEY_TERMS,      /* load local authorities' school term dates (survey reminders wait for term time) */
	CAP_SURVEYS_RESULTS,   /* survey results and paired change (an LLME only what they lead: src/surveys/results.h) */
	CAP_COUNT
};

/* One role a person holds, with its scope's record. */
struct grant {
	enum role role;
	int64_t hub_id, project_id; /* 0 when not scoped to one */
	const char *school_urn;     /* NULL when not scoped to one */
};

/* The role's database name ("national_admin") and its English name. */
const char *role_key(enum role r);
const char *role_name(enum role r);
/* The role with that database name; false if none. */
bool role_from_key(const char *key, enum role *out);

const char *capability_name(enum capability c);

/* The widest scope in which grants allow cap (SCOPE_NONE: refused). */
enum scope perm_scope(const struct grant *grants, size_t n, enum capability cap);

/* A scope is a kind and the id of its record: (SCOPE_HUB, 7) is hub 7,
 * (SCOPE_SCHOOL, 0, "100000") school URN 100000, (SCOPE_OWN, 12) person
 * 12's own records, (SCOPE_NATIONAL, 0) everything. */
struct perm_scope {
	enum scope kind;
	int64_t id;          /* hub, project or person id; 0 for national and school */
	const char *urn;     /* SCOPE_SCHOOL: the school's URN */
};

/* The scope a grant covers, for the person self_id who holds it. */
struct perm_scope perm_grant_scope(const struct grant *g, int64_t self_id);

/* Every scope in which grants (held by person self_id) allow cap: writes
 * up to max to out and returns how many there are (may exceed max). A
 * handler that lists records scopes its SQL with them; one of kind
 * SCOPE_NATIONAL means no restriction. */
size_t perm_scopes(const struct grant *grants, size_t n, int64_t self_id, enum capability cap,
		   struct perm_scope *out, size_t max);

/* Where a record sits: its owner, school, project and hubs (a record may
 * belong to several hubs: an activity's lead and partner hubs). Unknown
 * parts are 0 / NULL. */
struct perm_target {
	int64_t person_id;
	const char *school_urn;
	int64_t project_id;
	const int64_t *hub_ids;
	size_t nhubs;
};

/* Whether scope covers the record t. */
bool perm_covers(const struct perm_scope *scope, const struct perm_target *t);

/* Whether grants (held by person self_id) allow cap on the record t: one
 * of the scopes in which cap is allowed covers it. Deny by default. */
bool perm_allows(const struct grant *grants, size_t n, int64_t self_id, enum capability cap,
		 const struct perm_target *t);

#endif
