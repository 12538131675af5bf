/*
 * activity_queries.h - an activity's own reads and writes (its SQL is in
 * activity_queries.c): reading one for a reader, the choices its form
 * offers (the NCPs of a year, hubs, a hub's LLMEs and leadership),
 * creating and changing it. Each runs inside the caller's transaction;
 * what it returns lives in the arena given.
 */
#ifndef MH_ACTIVITIES_ACTIVITY_QUERIES_H
#define MH_ACTIVITIES_ACTIVITY_QUERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "activities/activities.h"
#include "core/err.h"

struct arena;
struct db;

/* A choice on the activity's form: an NCP, a hub, a person. */
struct activity_option {
	int64_t id;
	const char *code;   /* an NCP's or a hub's code; a person's email */
	const char *name;   /* an NCP's title, a hub's or a person's name */
	const char *kind;   /* an NCP's kind */
	const char *phases; /* an NCP's phases, "Primary;Secondary" */
	const char *note;   /* a person's warning ("has not completed the PD Lead Programme"), or NULL */
};

/* The NCPs of the catalogue of academic year `year`, by code; *loaded is
 * that year when its catalogue is loaded, else the latest loaded before it
 * (0: none), whose NCPs are given instead. */
enum err activity_ncps(struct db *db, struct arena *a, int year, int *loaded, struct activity_option **out, size_t *n);

/* Every hub, by name; a hub by its code (ERR_NOT_FOUND: none). */
enum err activity_hubs_all(struct db *db, struct arena *a, struct activity_option **out, size_t *n);
enum err activity_hub_by_code(struct db *db, struct arena *a, const char *code, struct activity_option *out);

/* A hub's LLMEs (role 'llme' there), by name, with a note when they have
 * not completed the PD Lead Programme; its leadership (mhl, amhl,
 * hub_manager), by name. */
enum err activity_hub_llmes(struct db *db, struct arena *a, int64_t hub_id, struct activity_option **out, size_t *n);
enum err activity_hub_leaders(struct db *db, struct arena *a, int64_t hub_id, struct activity_option **out, size_t *n);

/* What the activity's form writes. */
struct activity_fields {
	int64_t project_id;   /* 0: local */
	const char *kind;
	const char *cohort;   /* 'none', 'regional' (the lead hub's region), 'national' */
	const char *cohort_label;
	int64_t lead_hub_id;  /* 0 only for 'national' */
	int first_year, last_year;
	int64_t continues_id; /* 0: none */
	const char *title;
	int64_t mhlm_link_id; /* 0: none */
	const char *format;
	int64_t planned_sessions, capacity; /* 0: not set */
	const char *capacity_of;
	const char *status;
	const char **phases;
	size_t nphases;
	const int64_t *leads; /* people */
	size_t nleads;
};

/* Creates it (its phases, its leads; its lead hub sees it by trigger);
 * *id is the new activity's. */
enum err activity_create(struct db *db, const struct activity_fields *f, int64_t by, int64_t now, int64_t *id);

/* Changes activity id's details (not its lead hub, cohort or NCP) and its
 * phases and leads to f's. */
enum err activity_update(struct db *db, int64_t id, const struct activity_fields *f, int64_t now);

/* Cancels it with reason (the status 'cancelled'); ERR_NOT_FOUND when it is
 * not there or already cancelled. */
enum err activity_cancel(struct db *db, int64_t id, const char *reason, int64_t by, int64_t now);

/* A page of a list of activities (list_queries.h) has this many. */
#define ACTIVITIES_PAGE 50

#endif
