/*
 * queries.h - the team capability's database queries (all its SQL is in
 * queries.c): a hub's team, a person's LLME records (designations,
 * accreditations, their roles in hubs), and the writes of its forms. Results
 * are allocated in the arena given. The transaction bodies (team_page_read,
 * community_read) each read everything one page shows;
 * the other functions run in the caller's open transaction, never one of
 * their own.
 */
#ifndef MH_TEAM_QUERIES_H
#define MH_TEAM_QUERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/perm.h"
#include "core/err.h"
#include "team/team.h"

struct arena;
struct db;
struct req;
struct school_ref;

struct team_hub {
	int64_t id;
	const char *code, *name;
};

/* An accreditation held (or being worked towards). */
struct team_accreditation {
	const char *key;   /* "pd_lead", "sd_lead" */
	const char *state; /* "working_towards", "accredited" */
	const char *since; /* YYYY-MM-DD */
};

/* The hub with code: ERR_NOT_FOUND if none. */
enum err team_hub_by_code(struct db *db, struct arena *a, const char *code, struct team_hub *h);

/* ---- a hub's team page ---- */

struct team_leader {
	int64_t person_id, grant_id;
	enum role role;            /* ROLE_MHL, ROLE_AMHL, ROLE_HUB_MANAGER */
	const char *name, *email;
	const char *phase;         /* an AMHL's, or NULL */
};

struct team_llme {
	int64_t id;
	const char *name, *job_title, *school; /* school: its name, "URN n", or "" */
	const char *school_urn;    /* their school's URN when it has closed, else NULL */
	struct school_ref *closed; /* then: the school, with what replaced it (registry.h) */
	bool member;               /* they have a role in the hub (its leadership edits them: their school) */
	bool active;               /* counts as active this year (TEAM_ACTIVE_SQL) */
	const char **designations; /* keys held this year in this hub, in the programme's order */
	size_t ndesignations;
	struct team_accreditation acc[TEAM_NACCREDITATIONS];
	size_t nacc;
};

struct team_person_ref {
	int64_t id;
	const char *name;
};

/* The page's input (rq: its session decides; code; year: the academic
 * year shown) and what team_page_read reads: refused when the session may
 * not see this hub's team (then nothing more is read). */
struct team_page {
	struct req *rq;
	const char *code;
	int year;
	bool refused;
	struct team_hub hub;
	struct team_leader *leaders; /* MHL, AMHLs, hub manager, by name */
	size_t nleaders;
	int64_t active;              /* active LLMEs this year */
	struct team_llme *llmes;     /* the LLMEs of the hub and anyone designated in it this year, by name */
	size_t nllmes;
	struct team_person_ref *leads; /* the LLME Community leads this year */
	size_t nleads;
};

/* Everything the team page shows, in one read transaction (ERR_NOT_FOUND:
 * no such hub). */
enum err team_page_read(struct db *db, void *ctx);

/* ---- a person's LLME records ---- */

/* One of a person's roles in a hub. */
struct team_hub_role {
	int64_t grant_id, hub_id;
	enum role role;
	const char *hub_code, *hub_name;
	const char *phase; /* an AMHL's, or NULL */
};

struct team_designation {
	int64_t id, hub_id;
	int year;
	const char *key, *hub_code, *hub_name;
};

struct team_person {
	int64_t id;
	const char *name;
	bool active;
	struct team_hub_role *roles; /* their roles in hubs, by hub */
	size_t nroles;
	struct team_designation *designations; /* newest year first */
	size_t ndesignations;
	struct team_accreditation acc[TEAM_NACCREDITATIONS];
	size_t nacc;
};

/* Person id's LLME records into p, in the caller's transaction
 * (ERR_NOT_FOUND: no such person). */
enum err team_person_load(struct db *db, struct arena *a, int64_t id, struct team_person *p);

/* Gives person_id the designation key for year in hub_id (by, now).
 * ERR_CONFLICT, and nothing written, when they hold it already. */
enum err designation_insert(struct db *db, int64_t person_id, int year, const char *key, int64_t hub_id, int64_t by,
			    int64_t now);

/* Removes designation id of person_id. */
enum err designation_delete(struct db *db, int64_t id, int64_t person_id);

/* Sets person_id's accreditation key to state since the date (by, now). */
enum err accreditation_set(struct db *db, int64_t person_id, const char *key, const char *state, const char *since,
			   int64_t by, int64_t now);

/* Removes person_id's accreditation key (nothing when there is none). */
enum err accreditation_delete(struct db *db, int64_t person_id, const char *key);

/* Sets the phase of person_id's AMHL role grant_id. */
enum err amhl_phase_set(struct db *db, int64_t grant_id, int64_t person_id, const char *phase);

/* ---- many at once (the demo data) ---- */

struct db_value;
/* Columns of a row of designations_insert_many: person_id, academic_year,
 * designation (its key), hub_id, granted_by (or NULL), granted_at. */
#define DESIGNATIONS_MANY_COLUMNS 6
/* Gives n designations (values: n rows) in bulk; one held already fails
 * the whole statement. */
enum err designations_insert_many(struct db *db, const struct db_value *values, size_t n);
/* Columns of a row of accreditations_insert_many: person_id, accreditation
 * (its key), state, since (YYYY-MM-DD), changed_by (or NULL), changed_at. */
#define ACCREDITATIONS_MANY_COLUMNS 6
/* Records n accreditations (values: n rows) in bulk, for people who have none. */
enum err accreditations_insert_many(struct db *db, const struct db_value *values, size_t n);

/* ---- the LLME Community leads of a hub ---- */

/* Someone who may lead a hub's LLME Community: an active member of its
 * leadership or one of its LLMEs (or a lead already, whatever they are now). */
struct team_candidate {
	int64_t id;
	const char *name;
	enum role role; /* their first role in the hub: MHL, AMHL, hub manager, LLME (ROLE_COUNT: none now) */
	bool lead;      /* leads it in the year already */
	bool active;    /* not deactivated (only a lead already may be) */
};

/* The page's input (rq, code, year) and what community_read reads:
 * refused when the session may not manage this hub (then nothing more is
 * read). */
struct community {
	struct req *rq;
	const char *code;
	int year;
	bool refused;
	struct team_hub hub;
	struct team_candidate *candidates; /* MHL first, then AMHLs, hub managers, LLMEs; by name */
	size_t ncandidates;
};

/* The hub (ERR_NOT_FOUND if none) and its candidates, in the caller's
 * transaction; community_read is that as a read transaction's body. */
enum err community_load(struct db *db, struct community *c);
enum err community_read(struct db *db, void *ctx);

/* Adds or removes person_id as a lead of hub_id's LLME Community in year. */
enum err community_lead_add(struct db *db, int64_t hub_id, int year, int64_t person_id);
enum err community_lead_remove(struct db *db, int64_t hub_id, int year, int64_t person_id);

#endif
