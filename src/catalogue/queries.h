/*
 * queries.h - the catalogue's database queries: hubs, academic years and
 * national projects (NCPs). All results are allocated in the caller's
 * arena. Lookups are tri-state: ERR_OK, ERR_NOT_FOUND, or an error.
 * Each runs in the caller's open transaction (a handler reads everything
 * its page needs in one: db_transact), never one of its own.
 */
#ifndef MH_CATALOGUE_QUERIES_H
#define MH_CATALOGUE_QUERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct arena;
struct db;

struct hub {
	const char *code, *name, *region;
	int64_t id;
};

struct project {
	const char *code, *title, *kind, *year;
	bool develops_llmes;
	const char *phases[3]; /* in the order Primary, Secondary, Post-16 */
	size_t nphases;
};

#define FILTER_MAX_YEARS 8

/* Empty lists do not filter. Values are checked by the caller. */
struct project_filter {
	const char *years[FILTER_MAX_YEARS];
	size_t nyears;
	const char *phases[3];
	size_t nphases;
	const char *kinds[4];
	size_t nkinds;
};

/* Every hub, by region then code. */
enum err catalogue_hubs(struct db *db, struct arena *a, struct hub **out, size_t *n);
enum err catalogue_hub(struct db *db, struct arena *a, const char *code, struct hub *out);

/* Academic years that have a catalogue, newest first ("2024/25"). */
enum err catalogue_years(struct db *db, struct arena *a, const char ***out, size_t *n);

/* Projects matching f, newest year first, then by code. */
enum err catalogue_projects(struct db *db, struct arena *a, const struct project_filter *f,
			    struct project **out, size_t *n);
enum err catalogue_project(struct db *db, struct arena *a, const char *code, struct project *out);

/* Every project's id and code, by code (the demo data gives each its
 * Project Coordination Team). */
struct project_id {
	int64_t id;
	const char *code;
};
enum err catalogue_project_ids(struct db *db, struct arena *a, struct project_id **out, size_t *n);

/* Transaction bodies (db_transact's fn) for the pages and the API, each
 * everything one response reads. */

/* With code NULL: every hub. With code: that hub (ERR_NOT_FOUND if none),
 * and every hub too unless only is set. */
struct hubs_lookup {
	struct arena *a;
	const char *code;
	bool only;
	struct hub hub;
	struct hub *hubs;
	size_t nhubs;
};
enum err hubs_lookup_read(struct db *db, void *ctx);

/* The project with code (ERR_NOT_FOUND if none). */
struct project_lookup {
	struct arena *a;
	const char *code;
	struct project project;
};
enum err project_lookup_read(struct db *db, void *ctx);

#endif
