/*
 * list_queries.h - the SQL of the HAPPI form lists: a person's own (the
 * activities they lead, the forms they support as MHLM link) and a hub's,
 * for one academic year; the year's due dates.
 */
#ifndef MH_HAPPI_LIST_QUERIES_H
#define MH_HAPPI_LIST_QUERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "happi/happi.h"

struct arena;
struct db;

struct happi_row {
	int64_t activity_id;
	const char *title, *ncp, *hub; /* ncp NULL: a local activity */
	bool started;                  /* false: no form yet (status draft) */
	enum happi_status status;
	int64_t updated_at;
	int64_t planning_submitted_at, planning_agreed_at, final_submitted_at, reviewed_at; /* 0: not yet */
	const char *mhlm_link; /* NULL: none assigned */
	const char *leads;     /* the downloads: its leads' names, ", " between (happi_hub_list_read) */
	const char *lead;      /* its first lead by name (NULL: none yet), of nleads */
	int64_t nleads;
	const char *late; /* what is late (happi_overdue): set by the page (lists.c mark_late), not read */
};

/* The activities person_id leads in year (not cancelled), by title. */
enum err happi_rows_led(struct db *db, struct arena *a, int64_t person_id, int year, struct happi_row **out, size_t *n);
/* The activities person_id is the MHLM link of in year, those waiting for them first. */
enum err happi_rows_linked(struct db *db, struct arena *a, int64_t person_id, int year, struct happi_row **out,
			   size_t *n);
/* The activities hub_id leads in year, by title. */
enum err happi_rows_hub(struct db *db, struct arena *a, int64_t hub_id, int year, struct happi_row **out, size_t *n);

/* The leads of the activities hub_id leads in year, by activity id then name. */
struct happi_lead {
	int64_t activity_id;
	const char *name;
};
enum err happi_hub_leads(struct db *db, struct arena *a, int64_t hub_id, int year, struct happi_lead **out, size_t *n);

/* The NCPs a count is of: none, every NCP (the national team's view); else
 * a reader's own, at most HAPPI_COUNT_PROJECTS (a Project Lead of several). */
#define HAPPI_COUNT_PROJECTS 8
struct happi_ncps {
	int64_t id[HAPPI_COUNT_PROJECTS];
	size_t n;
};
/* The condition a statement of happi_ncps_query puts on its activities a
 * ($1 is its year). */
#define HAPPI_ONLY_NCPS "($2 = 0 OR a.project_id IN ($3, $4, $5, $6, $7, $8, $9, $10))"
/* sql run with $1 year, $2 how many NCPs (0: all), $3..$10 their ids. */
struct db_stmt;
struct db_stmt *happi_ncps_query(struct db *db, const char *sql, int year, const struct happi_ncps *only);

/* How many of a year's activities (not cancelled) have their form at each
 * status, by NCP ("" for local activities: by code) and by lead hub (by
 * name): a row per (group, status), not started (started false) first.
 * only: every NCP when none; else those NCPs'. One statement counts by
 * NCP, hub and status together (each activity and its form read once:
 * half the time of a statement for each), summed here. */
struct happi_count {
	const char *group; /* the NCP's or the hub's code */
	const char *name;  /* its title or name */
	bool started;
	enum happi_status status;
	int64_t n;
};
enum err happi_counts(struct db *db, struct arena *a, int year, const struct happi_ncps *only,
		      struct happi_count **by_ncp, size_t *nncp, struct happi_count **by_hub, size_t *nhub);

/* The year's due dates ("YYYY-MM-DD"; NULL when the national team has set none). */
struct happi_due {
	const char *planning, *final;
};
enum err happi_due_read(struct db *db, struct arena *a, int year, struct happi_due *out);

#endif
