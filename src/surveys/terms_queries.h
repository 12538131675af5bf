/*
 * terms_queries.h - the SQL of school term dates (school_terms, migration
 * 0024), in the caller's transaction: the default national calendar
 * loaded at migration, the calendar the reminder job runs on (an
 * authority's own, else the default), the pages' lists, and an upload's
 * terms replacing an authority's for the span they cover.
 */
#ifndef MH_SURVEYS_TERMS_QUERIES_H
#define MH_SURVEYS_TERMS_QUERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "surveys/rules.h"
#include "surveys/terms.h"

struct arena;
struct db;

#define TERMS_DEFAULT_FILE "data/school-terms-default.csv"

/* Migration 24's load: the default national calendar from
 * TERMS_DEFAULT_FILE (checked by terms_file_read: a problem fails the
 * migration, naming the line). */
enum err survey_terms_default_load(struct db *db);

/* The calendar the reminders of a school in local authority la_code run
 * on: that authority's terms when any were loaded, else the default
 * (la_code NULL: the default). *own: whether they are the authority's. The
 * days are in a. */
enum err survey_terms_load(struct db *db, struct arena *a, const char *la_code, struct survey_terms *t, bool *own);

/* A calendar of the list: la_code NULL for the default. */
struct terms_calendar {
	const char *la_code, *la_name;
	int64_t terms;
	const char *first, *last;
	int64_t loaded_at;
};
/* The default first, then each authority with loaded terms by name. */
enum err survey_terms_calendars(struct db *db, struct arena *a, struct terms_calendar **out, size_t *n);

/* A term as its page shows it. */
struct terms_term {
	const char *name, *first, *last, *loaded_by; /* loaded_by: a name, or NULL (the default, shipped) */
	int64_t loaded_at;
};
/* One calendar's terms in order (la_code NULL: the default). */
enum err survey_terms_of(struct db *db, struct arena *a, const char *la_code, struct terms_term **out, size_t *n);

/* A local authority's name: ERR_NOT_FOUND when no authority has the code. */
enum err survey_la_name(struct db *db, struct arena *a, const char *code, const char **name);

/* How many of la_code's terms meet the span first..last (those an upload
 * replaces). */
enum err survey_terms_in_span(struct db *db, const char *la_code, const char *first, const char *last, int64_t *n);

/* An upload's terms of one authority: its terms meeting the group's span
 * removed, the group's added (loaded by person by, at now). */
enum err survey_terms_replace(struct db *db, const struct terms_group *g, int64_t by, int64_t now);

#endif
