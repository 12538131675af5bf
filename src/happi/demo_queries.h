/* demo_queries.h - the SQL of HAPPI's part of the demo data
 * (demo_happi.c): what it reads once (the NCPs of every year, the
 * activities linked to one with their leads and sessions) and its rows in
 * bulk (db_insert_many: COPY on PostgreSQL), the outcomes' ids read back
 * in the order they were written (the table was empty). Each runs in the
 * demo's transaction; what it returns lives in the arena given. */
#ifndef MH_HAPPI_DEMO_QUERIES_H
#define MH_HAPPI_DEMO_QUERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "demo/queries.h"

struct arena;
struct db;
struct demo_rows;

/* An NCP: its academic year (start year), kind and what the outcome rules ask of it. */
struct happidemo_ncp {
	int64_t id;
	int year;
	const char *code, *title, *kind;
	bool sktm, develops_llmes;
};

/* Every NCP of a known academic year, by id. */
enum err happidemo_ncps(struct db *db, struct arena *a, struct happidemo_ncp **out, size_t *n);

/* An activity linked to an NCP, not cancelled, by id. */
struct happidemo_activity {
	int64_t id, project_id, hub_id, link; /* link: mhlm_link_id (0: none) */
	int first_year, last_year;
	int64_t schools, participants;
	const char *kind;
	size_t lead0, nleads;       /* its leads: the leads array from lead0 */
	size_t session0, nsessions; /* its sessions not cancelled, by time: the sessions array from session0 */
};

struct happidemo_session {
	int64_t starts, ends;
	const char *purpose;
};

/* The activities, their leads' person ids and their sessions. */
enum err happidemo_activities(struct db *db, struct arena *a, struct happidemo_activity **out, size_t *n,
			      int64_t **leads, size_t *nleads, struct happidemo_session **sessions, size_t *nsessions);

/* ncp_outcomes: project_id, kind, position, text, created_by, created_at, updated_by, updated_at. */
#define HAPPIDEMO_OUTCOME_COLUMNS 8
/* happi_due: year, planning_due, final_due, set_by, set_at. */
#define HAPPIDEMO_DUE_COLUMNS 5
/* happi_forms: activity_id, year, status, version, content, submitted_by,
 * planning_submitted_at, planning_agreed_at, final_submitted_at,
 * reviewed_at, updated_by, updated_at. */
#define HAPPIDEMO_FORM_COLUMNS 12
/* happi_versions: activity_id, year, version, action, status, comment, content, saved_by, saved_at. */
#define HAPPIDEMO_VERSION_COLUMNS 9
/* happi_qa_notes: activity_id, year, kind, mechanism, visited_on, body, written_by, written_at. */
#define HAPPIDEMO_QA_COLUMNS 8
/* happi_judgements: activity_id, year, position, kind, judgement (as happi_judgements_sync makes them). */
#define HAPPIDEMO_JUDGEMENT_COLUMNS 5

enum happidemo_table { HAPPIDEMO_OUTCOMES, HAPPIDEMO_DUE, HAPPIDEMO_FORMS, HAPPIDEMO_VERSIONS, HAPPIDEMO_QA,
		       HAPPIDEMO_JUDGEMENTS, HAPPIDEMO_NTABLES };

/* The rows of rows (rows->cols columns, as above) written new, in bulk. */
enum err happidemo_insert(struct db *db, enum happidemo_table t, const struct demo_rows *rows);

/* On PostgreSQL, the foreign keys of happi_forms, happi_versions and
 * happi_qa_notes set aside before the part's rows and put back after them
 * (ADD CONSTRAINT: each checked once for all the rows, not row by row),
 * from statements read from the schema itself; nothing on SQLite (its keys
 * are checked once for the whole demo). */
enum err happidemo_load_begin(struct db *db, struct arena *a, struct demo_aside *l); /* demo_aside_end puts them back */

/* The ids of ncp_outcomes' rows, ascending: n of them into out
 * (ERR_CONFLICT when the table holds another number). */
enum err happidemo_outcome_ids(struct db *db, int64_t *out, size_t n);

#endif
