/*
 * journey_queries.h - what a school's teaching for mastery journey and its
 * participation history are read from (journey_queries.c holds the SQL):
 * the school, its lineage (registry's school_lineage), every lineage
 * URN's places in activities with the NCP's setting, the hubs of those
 * activities, the manual history (journey_entries), the current
 * catalogue's NCPs with their settings, a hub's recruiting activities of
 * an NCP; and the writes of the manual history and the per-NCP settings.
 * Each runs inside the caller's transaction; what it returns lives in the
 * arena given.
 */
#ifndef MH_ACTIVITIES_JOURNEY_QUERIES_H
#define MH_ACTIVITIES_JOURNEY_QUERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "activities/journey.h"
#include "activities/rates.h"
#include "core/err.h"
#include "registry/registry.h"

struct arena;
struct db;

/* A lineage URN's place in an activity, as the history shows it; j is
 * what the journey rule reads (its strings are these). */
struct journey_row {
	struct journey_activity j;
	const char *kind;
	const char *lead_hub_code;          /* NULL: a national cohort */
	const char *school_hub_name;        /* the school's hub when it joined (NULL: none) */
	int64_t n_participants;             /* the school's own, in it */
	struct mark_counts marks;           /* the school's participants' marks, sessions not cancelled */
	int64_t *hub_ids;                   /* every hub that sees the activity (activity_hubs) */
	size_t nhubs;
};

/* A journey_entries row with who entered it. */
struct journey_entry_row {
	int64_t id;
	struct journey_entry e;
	const char *entered_by;             /* a name, "" when unknown */
	int64_t entered_at;
};

/* Everything a school's journey and history are read from. */
struct journey_data {
	const char *urn;
	const char *name;                   /* the school's */
	int64_t hub_id;                     /* its hub today (0: none) */
	const char *hub_code, *hub_name;
	struct journey_school school;       /* phase, special, closed, successor (its first direct one) */
	struct school_lineage line;         /* predecessors; successors too when read with them */
	struct journey_link *links;         /* the predecessors as the rule reads them */
	size_t nlinks;
	struct journey_row *rows;           /* the school's, its predecessors' (and successors') places */
	size_t nrows;
	struct journey_entry_row *entries;  /* manual history of the same URNs */
	size_t nentries;
};

/* Reads school urn's journey data (ERR_NOT_FOUND: no such school): with
 * its successors' places too when with_successors (the history page;
 * the journey itself never takes a successor's years). */
enum err journey_data_read(struct db *db, struct arena *a, const char *urn, bool with_successors,
			   struct journey_data *out);

/* Only the school of journey_data_read (name, hub, phase, closed): what
 * a write checks. ERR_NOT_FOUND: no such school. */
enum err journey_school_read(struct db *db, struct arena *a, const char *urn, struct journey_data *out);

/* The journey rule's input from d (the rows' activities, the entries, the
 * predecessors only) for current_year, with the catalogue given. */
void journey_input_of(struct arena *a, const struct journey_data *d, int current_year,
		      const struct journey_ncp *catalogue, size_t ncatalogue, struct journey_input *in);

/* The NCPs with a setting of the latest catalogue loaded up to academic
 * year `year` (*loaded that year, 0: none loaded). */
enum err journey_catalogue(struct db *db, struct arena *a, int year, int *loaded, struct journey_ncp **out,
			   size_t *n);

/* A hub's recruiting activities (as lead or partner) of the NCPs codes
 * [0, ncodes) (at most 4) still running in `year` or later, by year and
 * title; at most 20. */
struct journey_offer {
	int64_t id;
	const char *title, *ncp_code;
	int first_year, last_year;
};
enum err journey_recruiting(struct db *db, struct arena *a, int64_t hub_id, const char *const *codes, size_t ncodes,
			    int year, struct journey_offer **out, size_t *n);

/* The manual history: one entry of school urn (ERR_NOT_FOUND: none with
 * that id there), whether one is already recorded for (urn, year, path),
 * adding and removing one. */
enum err journey_entry_one(struct db *db, struct arena *a, const char *urn, int64_t id, struct journey_entry_row *out);
enum err journey_entry_exists(struct db *db, const char *urn, int year, const char *path, bool *exists);
enum err journey_entry_add(struct db *db, const char *urn, int year, const char *path, const char *stage,
			   const char *source, int64_t by, int64_t now, int64_t *id);
enum err journey_entry_remove(struct db *db, int64_t id);

/* An NCP with its teaching for mastery setting (no project_tfm row: all
 * none) and who last changed it. */
struct tfm_ncp {
	int64_t project_id;
	const char *code, *title, *kind, *year; /* year: "2024/25" */
	const char *phases;                     /* "Primary, Secondary" */
	struct tfm_setting tfm;
	bool set;                               /* a project_tfm row exists */
	const char *changed_by;                 /* a name, or NULL */
	int64_t changed_at;
};

/* Every NCP of every year, latest year first, then by code. */
enum err tfm_ncps_all(struct db *db, struct arena *a, struct tfm_ncp **out, size_t *n);
/* One NCP by its code (ERR_NOT_FOUND: none). */
enum err tfm_ncp_by_code(struct db *db, struct arena *a, const char *code, struct tfm_ncp *out);
/* Sets project_id's setting (path, stage NULL for none). */
enum err tfm_setting_put(struct db *db, int64_t project_id, const char *path, const char *stage,
			 const char *engagement, int64_t by, int64_t now);

#endif
