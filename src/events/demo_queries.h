/* demo_queries.h - the SQL of events' part of the demo data
 * (demo_events.c): the NCPs as the part needs them, and its rows in bulk
 * (db_insert_many: COPY on PostgreSQL). The events themselves go through
 * event_save (queries.h), as the create page's do. */
#ifndef MH_EVENTS_DEMO_QUERIES_H
#define MH_EVENTS_DEMO_QUERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct arena;
struct db;
struct db_value;

/* An NCP of the catalogue, with its phases. */
struct events_demo_project {
	int64_t id;
	const char *code, *title, *kind;
	bool develops_llmes;
	bool primary, secondary, post16; /* its phases */
};

/* Every NCP, by code. */
enum err events_demo_projects(struct db *db, struct arena *a, struct events_demo_project **out, size_t *n);

/* Rows of event_audience: event_id, kind, value. */
#define EVENTS_DEMO_AUDIENCE_COLUMNS 3
enum err events_demo_audience_insert(struct db *db, const struct db_value *values, size_t n);

/* Rows of event_answers: event_id, person_id, answer, reason (or NULL), answered_at. */
#define EVENTS_DEMO_ANSWER_COLUMNS 5
enum err events_demo_answers_insert(struct db *db, const struct db_value *values, size_t n);

/* Rows of event_attendance: event_id, person_id, day, status, minutes (or
 * NULL), source, recorded_by, recorded_at. */
#define EVENTS_DEMO_MARK_COLUMNS 8
enum err events_demo_marks_insert(struct db *db, const struct db_value *values, size_t n);

/* Rows of event_requirements: event_id, person_id, dietary, access, updated_at, delete_after. */
#define EVENTS_DEMO_REQUIREMENT_COLUMNS 6
enum err events_demo_requirements_insert(struct db *db, const struct db_value *values, size_t n);

#endif
