/* demo_queries.h - the SQL of activities' part of the demo data
 * (demo_activities.c): what it reads once (the 2024/25 catalogue with its
 * teaching for mastery settings, the hubs' regions, bank holidays, the
 * LLMEs' accreditations and Cohort Lead designations, schools' postcodes
 * and conversions), and its rows in bulk (db_insert_many: COPY on
 * PostgreSQL), with the new rows' ids read back in the order they were
 * written (the tables were empty). Each runs in the demo's transaction;
 * what it returns lives in the arena given. */
#ifndef MH_ACTIVITIES_DEMO_QUERIES_H
#define MH_ACTIVITIES_DEMO_QUERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct arena;
struct db;
struct db_value;
struct demo_rows;

/* An NCP of a year's catalogue, with its phases and its teaching for
 * mastery setting (NULL path and stage, engagement "none": no row). */
struct actdemo_ncp {
	int64_t id;
	const char *code, *title, *kind;
	bool develops_llmes;
	const char *phases[3]; /* in the order Primary, Secondary, Post-16 */
	size_t nphases;
	bool has_tfm;
	const char *tfm_path, *tfm_stage, *tfm_engagement;
};

/* The NCPs of academic year code ("2024/25"), by code (byte order). */
enum err actdemo_ncps(struct db *db, struct arena *a, const char *year, struct actdemo_ncp **out, size_t *n);

/* Rows of project_tfm: project_id, path, stage, engagement, changed_at. */
#define ACTDEMO_TFM_COLUMNS 5

/* Every hub's region: ids[i] and regions[i], by hub id. */
enum err actdemo_hub_regions(struct db *db, struct arena *a, int64_t **hubs, int64_t **regions, size_t *n);

/* England and Wales' bank holidays, "YYYY-MM-DD" ascending. */
enum err actdemo_holidays(struct db *db, struct arena *a, const char ***days, size_t *n);

/* An LLME's accreditation: pd_lead or sd_lead, working towards or
 * accredited since a day. */
struct actdemo_accreditation {
	int64_t person_id;
	bool sd;        /* sd_lead, else pd_lead */
	bool accredited;
	const char *since;
};
enum err actdemo_accreditations(struct db *db, struct arena *a, struct actdemo_accreditation **out, size_t *n);

/* The Cohort Leads' designations: a person, a year, a hub. */
struct actdemo_designation {
	int64_t person_id, hub_id;
	int year;
};
enum err actdemo_cohort_leads(struct db *db, struct arena *a, struct actdemo_designation **out, size_t *n);

/* A conversion: the closed school urn, its successor, the day it closed. */
struct actdemo_conversion {
	const char *successor, *urn, *closed_on;
};
enum err actdemo_conversions(struct db *db, struct arena *a, struct actdemo_conversion **out, size_t *n);

/* The open schools' postcodes: urns[i] and postcodes[i]. */
enum err actdemo_postcodes(struct db *db, struct arena *a, const char ***urns, const char ***postcodes, size_t *n);

/* Rows of activities: project_id (or NULL), kind, cohort, cohort_label,
 * lead_hub_id, region_id, first_year, last_year, continues_id, title,
 * mhlm_link_id, format, planned_sessions, capacity, capacity_of, status,
 * cancel_reason, cancelled_at, cancelled_by, created_by, created_at,
 * updated_at, and its tallies: n_schools, n_participants, n_sessions,
 * n_sessions_held, n_present, n_late, n_absent, n_apologies. */
#define ACTDEMO_ACTIVITY_COLUMNS 30
/* activity_phases: activity_id, phase. */
#define ACTDEMO_PHASE_COLUMNS 2
/* activity_hubs (every hub that sees an activity, the lead's too):
 * activity_id, hub_id, role, n_schools, n_participants. */
#define ACTDEMO_HUB_COLUMNS 5
/* activity_leads: activity_id, person_id, role. */
#define ACTDEMO_LEAD_COLUMNS 3
/* activity_schools: activity_id, urn, hub_id, joined_on, added_by, added_at. */
#define ACTDEMO_SCHOOL_COLUMNS 6
/* activity_participants: activity_id, person_id, school_urn, hub_id, role,
 * joined_on, left_on, added_by, added_at. */
#define ACTDEMO_PARTICIPANT_COLUMNS 9
/* activity_sessions: activity_id, starts_at, ends_at, format, venue,
 * online_url, purpose, half_days, cancelled_at, cancelled_by,
 * cancel_reason, register_taken_at, register_taken_by, register_source,
 * created_by, created_at, updated_at. */
#define ACTDEMO_SESSION_COLUMNS 17
/* register_marks: session_id, participant_id, mark, source, recorded_by, recorded_at. */
#define ACTDEMO_MARK_COLUMNS 6
/* targeted_support: activity_id, urn, level, agreed_half_days, focus. */
#define ACTDEMO_SUPPORT_COLUMNS 5
/* support_levels: activity_id, from_on, level, reason, set_by, set_at. */
#define ACTDEMO_LEVEL_COLUMNS 6
/* support_cycle: activity_id, stage, starts_on, ends_on, notes, updated_by, updated_at. */
#define ACTDEMO_CYCLE_COLUMNS 7
/* journey_entries: urn, academic_year, path, stage, source, entered_by, entered_at. */
#define ACTDEMO_JOURNEY_COLUMNS 7

/* The tables above (in the order their keys need), and one insert for
 * them all: the rows of rows (rows->cols columns, as above) written new,
 * in bulk (db_insert_many: COPY on PostgreSQL; on SQLite up to 1,500
 * rows a statement). */
enum actdemo_table {
	ACTDEMO_TFM, ACTDEMO_ACTIVITIES, ACTDEMO_PHASES, ACTDEMO_HUBS, ACTDEMO_LEADS, ACTDEMO_SCHOOLS,
	ACTDEMO_PARTICIPANTS, ACTDEMO_SESSIONS, ACTDEMO_MARKS, ACTDEMO_SUPPORT, ACTDEMO_LEVELS, ACTDEMO_CYCLE,
	ACTDEMO_JOURNEY, ACTDEMO_NTABLES
};
enum err actdemo_insert(struct db *db, enum actdemo_table t, const struct demo_rows *rows);

/* The work the part's tables do row by row, set aside for its bulk
 * writes and put back after them, as the schema had it (demo_queries.c
 * says which): actdemo_load_begin before the first row of activities,
 * actdemo_load_end after the last of register_marks. Meanwhile the part
 * writes the tallies on activities and every row of activity_hubs itself,
 * as 0017's triggers would. ERR_CONFLICT: a Targeted Support activity with
 * more than one school. */
struct actdemo_aside {
	const char *set_aside, *put_back;
	int stage; /* 0: an index; 2: a foreign key; 3: a trigger */
};
struct actdemo_load {
	struct actdemo_aside *aside;
	size_t n;
};
enum err actdemo_load_begin(struct db *db, struct arena *a, struct actdemo_load *l);
enum err actdemo_load_end(struct db *db, const struct actdemo_load *l);

/* The ids of the rows of activities, activity_participants or
 * activity_sessions, ascending: n of them into out (ERR_CONFLICT when the
 * table holds another number). */
enum err actdemo_activity_ids(struct db *db, int64_t *out, size_t n);
enum err actdemo_participant_ids(struct db *db, int64_t *out, size_t n);
enum err actdemo_session_ids(struct db *db, int64_t *out, size_t n);

#endif
