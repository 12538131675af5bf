/*
 * list_queries.h - the lists of activities (their SQL is in
 * list_queries.c): a hub's in one academic year with its filter (NCP,
 * kind, phase, LLME lead, status) and the values the filter offers, a
 * person's own, an NCP's runs across hubs; each a page of
 * ACTIVITIES_PAGE in SQL or every row (the downloads), and the leads and
 * phases of the rows read in one more statement per page. Each runs inside
 * the caller's transaction; what it returns lives in the arena given.
 */
#ifndef MH_ACTIVITIES_LIST_QUERIES_H
#define MH_ACTIVITIES_LIST_QUERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct arena;
struct db;

/* The most values of a filter's repeatable field (fixed slots in the SQL,
 * as the catalogue's filter has: docs/ARCHITECTURE.md, Decisions). */
#define ACTIVITIES_FILTER_NCPS 12
#define ACTIVITIES_FILTER_LEADS 8
#define ACTIVITIES_FILTER_PROJECTS 16 /* a project-scoped reader's NCPs */

/* A hub's list: its year, the reader's restriction, what is chosen. */
struct activity_filter {
	int year;                                         /* start year: 2026 = 2026/27 */
	int64_t projects[ACTIVITIES_FILTER_PROJECTS];     /* only these NCPs (a Project Lead's) ... */
	size_t nprojects;
	bool restricted;                                  /* ... when set (none: nothing) */
	const char *ncps[ACTIVITIES_FILTER_NCPS];         /* NCP codes */
	size_t nncps;
	bool local;                                       /* "local": activities outside the catalogue */
	const char *kinds[4];
	size_t nkinds;
	const char *phases[3];
	size_t nphases;
	int64_t leads[ACTIVITIES_FILTER_LEADS];           /* people */
	size_t nleads;
	const char *statuses[5];
	size_t nstatuses;
};

/* A value the filter offers: an NCP (code, title) or a lead (id, name). */
struct activity_facet {
	int64_t id;
	const char *code, *name;
};

/* What a hub's filter offers for f's year: the NCPs of the activities it
 * sees that year (and any chosen, so they can be unticked), whether any is
 * local, their leads (and any chosen who lead one of its activities), and
 * the years it has activities in (0, 0: none). */
struct activity_facets {
	struct activity_facet *ncps, *leads;
	size_t nncps, nleads;
	bool any_local;
	int first_year, last_year;
};
enum err activity_list_facets(struct db *db, struct arena *a, int64_t hub_id, const struct activity_filter *f,
			      struct activity_facets *out);

/* A row of a list. */
struct activity_list_row {
	int64_t id;
	const char *title, *kind, *project_code, *project_title, *status, *format, *cohort;
	const char *lead_hub_code, *lead_hub_name; /* NULL: a national cohort */
	const char *hub_role;                      /* a hub's list: 'lead', 'partner', 'participants'; else NULL */
	int first_year, last_year;
	int64_t n_schools, n_participants, n_sessions, n_sessions_held;
	bool leads_it, links_it, takes_part;       /* a person's own list: their part */
	const char **leads;                        /* names (activity_list_extras) */
	size_t nleads;
	const char **phases;                       /* Primary, Secondary, Post-16 order */
	size_t nphases;
};

/* Page `page` (from 1) of `size` rows; page 0: every row. *total is how
 * many there are in all. */
enum err activity_list_hub(struct db *db, struct arena *a, int64_t hub_id, const struct activity_filter *f, long page,
			   long size, struct activity_list_row **out, size_t *n, int64_t *total);
/* The activities person_id leads, supports as MHLM link or takes part in,
 * latest first. */
enum err activity_list_own(struct db *db, struct arena *a, int64_t person_id, long page, long size,
			   struct activity_list_row **out, size_t *n, int64_t *total);
/* The runs of NCP project_id across hubs, by lead hub then title. */
enum err activity_list_project(struct db *db, struct arena *a, int64_t project_id, long page, long size,
			       struct activity_list_row **out, size_t *n, int64_t *total);

/* The leads and phases of rows[0..n), one statement a page of rows. */
enum err activity_list_extras(struct db *db, struct arena *a, struct activity_list_row *rows, size_t n);

/* An NCP by code: its id, code and title (ERR_NOT_FOUND: none). */
enum err activity_project_by_code(struct db *db, struct arena *a, const char *code, struct activity_facet *out);
/* NCPs by id (at most ACTIVITIES_FILTER_PROJECTS), by code. */
enum err activity_projects_of(struct db *db, struct arena *a, const int64_t *ids, size_t nids,
			      struct activity_facet **out, size_t *n);

#endif
