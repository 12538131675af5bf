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


/* ---- loading a year's catalogue (refdata.c, import_cli.c) ---- */

struct ncp_row;

/* The academic year starting in year (2026: "2026/27", 1 September 2026 to
 * 31 August 2027), added if it is not there. */
enum err catalogue_year_ensure(struct db *db, int year);

/* What catalogue_project_put did. */
enum ncp_outcome { NCP_ADDED, NCP_CHANGED, NCP_UNCHANGED };

/* Makes the project of row, in the academic year year ("2026/27"), what
 * the row says: added if its code is new; else its title, kind,
 * develops_llmes and phases set, when any differs (*was: what it was, as
 * "title \"...\"; phases Primary", in a; "" when unchanged). ERR_CONFLICT
 * (nothing written) when the code is another year's project. */
enum err catalogue_project_put(struct db *db, struct arena *a, const struct ncp_row *row, const char *year,
			       enum ncp_outcome *out, const char **was);

/* The projects of the academic year year ("2026/27"), by code. */
enum err catalogue_year_projects(struct db *db, struct arena *a, const char *year, struct project_id **out,
				 size_t *n);

/* What in the database refers to project id, found from the schema's
 * foreign keys to projects (events, event_projects, role_grants, and any
 * table a later migration adds), phases aside: "1 row of events, 2 of
 * role_grants" in a, or NULL when nothing does. */
enum err catalogue_project_refs(struct db *db, struct arena *a, int64_t id, const char **what);

/* Deletes project id and its phases (nothing may refer to it). */
enum err catalogue_project_delete(struct db *db, int64_t id);

/* The teaching for mastery setting (project_tfm) of the NCP numbered as
 * code ("08" of "NCP26-08") in the latest year before `year` that has one
 * so numbered: *found, and its path, stage and engagement (each NULL when
 * that NCP has no setting). *found false when there is none, or code is
 * not "NCPyy-...". */
enum err catalogue_tfm_inherit(struct db *db, struct arena *a, const char *code, int year, bool *found,
			       const char **path, const char **stage, const char **engagement);

/* Marks the Specialist Knowledge for Teaching Mathematics programmes of
 * the academic year starting in year (projects.sktm, as migration 0018
 * marked 2024/25's: a Programme whose title says so), and unmarks the rest:
 * the HAPPI outcome rules read it (happi/happi.h). */
enum err catalogue_year_sktm(struct db *db, int year);

/* Gives NCP code the setting (path, stage NULL for none), if it has none. */
enum err catalogue_tfm_set(struct db *db, const char *code, const char *path, const char *stage,
			   const char *engagement, int64_t now);

#endif
