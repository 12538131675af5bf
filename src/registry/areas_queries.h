/*
 * areas_queries.h - the hub areas' database queries (all their SQL is in
 * areas_queries.c): local authorities with their hub and open schools,
 * the schools that are exceptions, a change of either, and what an import
 * file is checked against. Results are allocated in the arena given. The
 * transaction bodies (db_transact's fn: areas_list_read, area_one_read,
 * school_hub_read) each read everything one page shows; the other
 * functions run in the caller's open transaction, never one of their own.
 */
#ifndef MH_REGISTRY_AREAS_QUERIES_H
#define MH_REGISTRY_AREAS_QUERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct arena;
struct db;

/* A hub, as the filters and the forms offer it. */
struct area_hub {
	int64_t id;
	const char *code, *name, *region;
};

/* A local authority and the hub whose area it is in. */
struct area_row {
	const char *code, *name, *region; /* region "" when not known */
	int64_t hub_id;                   /* 0: in no hub's area */
	const char *hub_code, *hub_name;  /* "" when none */
	bool demo;                        /* a demo assignment, not official */
	int64_t open_schools;             /* open (or open but proposed to close) schools in it */
	int64_t changed_at;               /* when its hub was last set (the demo's: when it was made) */
	const char *changed_by;           /* by whom ("" for the demo data or the command line) */
};

/* A school whose hub is not its local authority's. */
struct area_exception {
	const char *urn, *school, *la_name, *hub_code, *hub_name, *la_hub_code, *reason;
};

/* The hub areas page: its filters (region "" any; hub a hub's code, ""
 * any, or "none": in no hub's area), and what areas_list_read reads. */
struct areas_list {
	struct arena *a;
	const char *region, *hub;
	struct area_hub *hubs; /* every hub, by region then code */
	size_t nhubs;
	const char **regions;  /* the regions local authorities are in */
	size_t nregions;
	struct area_row *rows; /* the authorities the filters match, by region then name */
	size_t nrows;
	struct area_exception *exceptions; /* the exceptions in or out of them */
	size_t nexceptions;
	int64_t demo_left;     /* authorities, of all, whose hub is still a demo assignment */
};

/* Everything the page shows, in one read transaction. */
enum err areas_list_read(struct db *db, void *ctx);

/* One local authority (code), its exceptions and every hub (for its form). */
struct area_one {
	struct arena *a;
	const char *code;
	struct area_row la;
	int64_t exceptions; /* its schools with a hub of their own */
	struct area_hub *hubs;
	size_t nhubs;
};

/* The authority (ERR_NOT_FOUND when there is none), in the caller's
 * transaction or as a read transaction's body. */
enum err area_one_read(struct db *db, void *ctx);

/* Every hub, by region then code, in the caller's transaction. */
enum err area_hubs(struct db *db, struct arena *a, struct area_hub **hubs, size_t *n);

/* Puts local authority la_code in hub_id's area (no longer a demo
 * assignment), set by actor (0: the command line) at now. */
enum err area_set(struct db *db, const char *la_code, int64_t hub_id, int64_t actor, int64_t now);

/* Every local authority with its hub (area_row, without the counts), by
 * code, in the caller's transaction: what an import file is checked and
 * compared against. */
enum err area_all(struct db *db, struct arena *a, struct area_row **rows, size_t *n);

/* ---- a school's hub ---- */

/* A school (urn), the hub its area is in and why, and every hub. */
struct school_hub {
	struct arena *a;
	const char *urn;
	const char *name, *status, *la_code, *la_name; /* la_*: "" when it has none */
	int64_t hub_id;                  /* its hub now: its own, else its authority's (0: none) */
	const char *hub_code, *hub_name;
	bool overridden;                 /* a hub of its own (an exception) */
	const char *reason, *changed_by; /* the exception's ("" when none) */
	int64_t changed_at;
	int64_t la_hub_id;               /* its authority's hub (0: none) */
	const char *la_hub_code, *la_hub_name;
	bool la_demo;                    /* that is a demo assignment */
	struct area_hub *hubs;
	size_t nhubs;
};

/* The school (ERR_NOT_FOUND when there is none), in the caller's
 * transaction or as a read transaction's body. */
enum err school_hub_read(struct db *db, void *ctx);

/* Gives school urn a hub of its own (hub_id > 0) with its reason, or
 * removes its own (hub_id 0: its authority's hub again). */
enum err school_hub_set(struct db *db, const char *urn, int64_t hub_id, const char *reason, int64_t actor, int64_t now);

#endif
