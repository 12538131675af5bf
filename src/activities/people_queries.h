/*
 * people_queries.h - an activity's schools, participants and partner hubs
 * (their SQL is in people_queries.c): the lists its pages show, one
 * participant's place with their marks, what the forms offer, and the
 * writes (a school added or withdrawn, a participant added, changed or
 * withdrawn, a partner hub added or removed). Each runs inside the
 * caller's transaction; what it returns lives in the arena given.
 */
#ifndef MH_ACTIVITIES_PEOPLE_QUERIES_H
#define MH_ACTIVITIES_PEOPLE_QUERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct arena;
struct db;

/* Rows a page of an activity's schools or participants shows. */
#define ACTIVITY_PEOPLE_PAGE 100

/* A school taking part (or that took part: withdrawn keeps its row). */
struct activity_school_row {
	const char *urn, *name, *town, *postcode;
	int64_t hub_id; /* the school's hub when it joined (0: none) */
	const char *hub_code, *hub_name;
	const char *joined_on, *left_on, *left_reason; /* left_on NULL: still taking part */
	int64_t n_participants; /* taking part now */
};

/* Page `page` (from 1) of activity id's schools, by name (those still
 * taking part first); hub_id 0: all, else that hub's only. *total: how
 * many there are. */
enum err activity_schools_page(struct db *db, struct arena *a, int64_t id, int64_t hub_id, long page,
			       struct activity_school_row **out, size_t *n, int64_t *total);

/* Activity id's school urn (ERR_NOT_FOUND: not one of its schools). */
enum err activity_school_one(struct db *db, struct arena *a, int64_t id, const char *urn, struct activity_school_row *out);

/* Every school of activity id still taking part, by name (for a choice of school). */
enum err activity_schools_taking_part(struct db *db, struct arena *a, int64_t id, struct activity_school_row **out,
				      size_t *n);

/* Whether activity id has any school row at all (withdrawn too): Targeted
 * Support is for one school. */
enum err activity_has_school(struct db *db, int64_t id, bool *any);

/* School urn's hub now (the school_hubs view: its exception, else its
 * local authority's), 0 when it has none. */
enum err activity_school_hub_now(struct db *db, const char *urn, int64_t *hub_id);

/* Adds school urn to activity id, joined on `on` (YYYY-MM-DD), its hub
 * fixed as hub_id (0: none); ERR_CONFLICT when it is already there. */
enum err activity_school_add(struct db *db, int64_t id, const char *urn, int64_t hub_id, const char *on, int64_t by,
			     int64_t now);

/* Withdraws school urn from activity id on `on` with reason, and its
 * participants still taking part on the same day (or the day they joined,
 * when that is later); *withdrawn: how many participants. */
enum err activity_school_withdraw(struct db *db, int64_t id, const char *urn, const char *on, const char *reason,
				  int64_t *withdrawn);

/* A participant: a person's place in an activity. */
struct activity_participant_row {
	int64_t id, activity_id, person_id;
	const char *name, *email;
	const char *school_urn, *school_name; /* NULL: none */
	int64_t hub_id;                       /* whose list they count in (0: none) */
	const char *hub_code, *hub_name;
	const char *role, *joined_on, *left_on; /* left_on NULL: taking part */
	bool signed_up;                       /* they have set a password */
};

/* Page `page` (from 1) of activity id's participants, by name (those
 * taking part first); hub_id 0: all, else that hub's only. */
enum err activity_participants_page(struct db *db, struct arena *a, int64_t id, int64_t hub_id, long page,
				    struct activity_participant_row **out, size_t *n, int64_t *total);

/* Participant pid (ERR_NOT_FOUND: none). */
enum err activity_participant_one(struct db *db, struct arena *a, int64_t pid, struct activity_participant_row *out);

/* One of a participant's register marks. */
struct activity_mark_row {
	int64_t session_id, starts_at;
	const char *mark;
};

/* Participant pid's marks, by session time (at most 200). */
enum err activity_participant_marks(struct db *db, struct arena *a, int64_t pid, struct activity_mark_row **out,
				    size_t *n);

/* A person who could take part: at one of the activity's schools, not in it yet. */
struct activity_candidate {
	int64_t person_id;
	const char *name, *email, *school_urn, *school_name;
};

/* The active people whose school (people.school_urn) is one of activity
 * id's schools taking part and who are not in it yet, by name (at most
 * 500); hubs[0..nhubs) limits the schools to those hubs' (nhubs 0: any). */
enum err activity_candidates(struct db *db, struct arena *a, int64_t id, const int64_t *hubs, size_t nhubs,
			     struct activity_candidate **out, size_t *n);

/* Whether person_id already has a place in activity id. */
enum err activity_participant_exists(struct db *db, int64_t id, int64_t person_id, bool *exists);

/* Adds person_id to activity id for school urn (NULL: none) with role,
 * counted in hub_id's list (0: none), joined on `on`; *pid the new place. */
enum err activity_participant_add(struct db *db, int64_t id, int64_t person_id, const char *urn, int64_t hub_id,
				  const char *role, const char *on, int64_t by, int64_t now, int64_t *pid);

/* Changes participant pid's role, school and hub. */
enum err activity_participant_set(struct db *db, int64_t pid, const char *role, const char *urn, int64_t hub_id);

/* Withdraws participant pid on `on` (ERR_NOT_FOUND: already withdrawn). */
enum err activity_participant_withdraw(struct db *db, int64_t pid, const char *on);

/* A hub as a choice of partner. */
struct activity_hub_choice {
	int64_t id;
	const char *code, *name;
};

/* Every hub, by name. */
enum err activity_hub_choices(struct db *db, struct arena *a, struct activity_hub_choice **out, size_t *n);

/* Makes hub_id a partner of activity id (a hub whose schools take part
 * already becomes one). */
enum err activity_partner_add(struct db *db, int64_t id, int64_t hub_id);

/* hub_id is no longer a partner of activity id: its row stays as a hub
 * whose schools or people take part when any of them (withdrawn too) is
 * its; *kept says so. ERR_NOT_FOUND: it was not a partner. */
enum err activity_partner_remove(struct db *db, int64_t id, int64_t hub_id, bool *kept);

#endif
