/*
 * form_queries.h - the SQL of HAPPI forms and their versions
 * (happi_forms, happi_versions: migration 0018), in the caller's
 * transaction.
 */
#ifndef MH_HAPPI_FORM_QUERIES_H
#define MH_HAPPI_FORM_QUERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "happi/happi.h"

struct arena;
struct db;

/* An activity's form of one year as stored (exists false: not started;
 * version 0, status draft, content NULL). */
struct happi_form {
	int64_t activity_id;
	int year;
	bool exists;
	enum happi_status status;
	int64_t version;
	const char *content; /* JSON (content.h) */
	int64_t submitted_by;
	int64_t planning_submitted_at, planning_agreed_at, final_submitted_at, reviewed_at;
	const char *updated_by; /* a name */
	int64_t updated_at;
};

enum err happi_form_read(struct db *db, struct arena *a, int64_t activity_id, int year, struct happi_form *out);

/* What a save writes: the new content and status, what was done (and its
 * comment, a return's), by whom and when. */
struct happi_save {
	int64_t activity_id;
	int year;
	int64_t base_version; /* the version the person began from (0: a new form) */
	enum happi_status from, to;
	enum happi_action action;
	const char *comment;
	const char *content;
	int64_t by, now;
};

/* Writes the save as the next version, if the form is still at
 * base_version: else ERR_CONFLICT (someone saved in between) and nothing
 * is written. *version: the new version. */
enum err happi_form_save(struct db *db, const struct happi_save *s, int64_t *version);

struct happi_version {
	int64_t version;
	enum happi_action action;
	enum happi_status status;
	const char *comment;
	const char *content;
	const char *saved_by;
	int64_t saved_at;
};

/* Every version, newest first (content left NULL). */
enum err happi_versions_list(struct db *db, struct arena *a, int64_t activity_id, int year, struct happi_version **out,
			     size_t *n);

/* One version with its content; ERR_NOT_FOUND: none. */
enum err happi_version_read(struct db *db, struct arena *a, int64_t activity_id, int year, int64_t version,
			    struct happi_version *out);

/* The form's latest return (exists false: never returned): its comments,
 * who returned it and when. */
struct happi_return {
	bool exists;
	const char *comment, *by;
	int64_t at;
};
enum err happi_last_return(struct db *db, struct arena *a, int64_t activity_id, int year, struct happi_return *out);

#endif
