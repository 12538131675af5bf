/* demo_queries.h - the SQL of surveys' part of the demo data
 * (demo_surveys.c): what it reads once (the activities with their years,
 * leads and participants), its templates, and its invites and answers in
 * bulk (db_insert_many: COPY on PostgreSQL), with the new invites' ids read
 * back in the order they were written. Each runs in the demo's
 * transaction; what it returns lives in the arena given. */
#ifndef MH_SURVEYS_DEMO_QUERIES_H
#define MH_SURVEYS_DEMO_QUERIES_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "demo/demo.h"
#include "demo/queries.h"

/* The part itself (demo_surveys.c), for the module. */
extern const struct demo_part surveys_demo_parts[1];

struct arena;
struct db;
struct demo_rows;

/* An activity not cancelled, with its years and its leads
 * (leads[lead0 .. lead0 + nleads - 1]) and participants
 * (parts[part0 .. part0 + nparts - 1]), by id. */
struct survdemo_activity {
	int64_t id;
	int first_year, last_year;
	size_t lead0, nleads, part0, nparts;
};
/* A participant: who, and the academic years they joined and left in
 * (left 0: still there). */
struct survdemo_participant {
	int64_t person_id;
	int joined, left;
};
enum err survdemo_activities(struct db *db, struct arena *a, struct survdemo_activity **acts, size_t *nacts,
			     int64_t **leads, size_t *nleads, struct survdemo_participant **parts, size_t *nparts);

/* A template written: its id. */
enum err survdemo_template_add(struct db *db, int year, const char *kind, const char *title, const char *status,
			       const char *content, int64_t by, int64_t created_at, int64_t updated_at, int64_t *id);

/* Rows of survey_invites: template_id, activity_id, person_id, token_hash,
 * token_sealed, invited_by, invited_at, started_at, completed_at, answers. */
#define SURVDEMO_INVITE_COLUMNS 10
/* Rows of survey_values: invite_id, question_key, value_num, value_text. */
#define SURVDEMO_VALUE_COLUMNS 4
enum err survdemo_invites_insert(struct db *db, const struct demo_rows *rows);
enum err survdemo_values_insert(struct db *db, const struct demo_rows *rows);
/* The ids of template_id's invites, ascending: n of them into out
 * (ERR_CONFLICT when it has another number). */
enum err survdemo_invite_ids(struct db *db, int64_t template_id, int64_t *out, size_t n);

/* What survey_invites and survey_values do row by row, set aside for the
 * bulk writes and put back after them, as activities' part does: their
 * indexes but the unique ones (built once for all the rows), and on
 * PostgreSQL their foreign keys (checked once); put back indexes first. */
enum err survdemo_load_begin(struct db *db, struct arena *a, struct demo_aside *l); /* demo_aside_end puts them back */

#endif
