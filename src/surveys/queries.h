/*
 * queries.h - the SQL of survey templates (survey_templates, migration
 * 0022), in the caller's transaction.
 */
#ifndef MH_SURVEYS_QUERIES_H
#define MH_SURVEYS_QUERIES_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "surveys/surveys.h"

struct arena;
struct db;

struct survey_template {
	int64_t id;
	int64_t project_id;               /* 0: the default for every NCP of the year */
	const char *project_code, *project_title; /* NULL for a default */
	int year;                         /* start year: 2024 for 2024/25 */
	enum survey_kind kind;
	const char *title;
	enum survey_status status;
	const char *content;              /* JSON (content.h) */
	const char *updated_by;           /* a name, or NULL */
	int64_t updated_at;
};

/* Every template of a year: by kind, the default first, then by NCP code. */
enum err survey_templates_of_year(struct db *db, struct arena *a, int year, struct survey_template **out, size_t *n);

/* ERR_NOT_FOUND: none has that id. */
enum err survey_template_read(struct db *db, struct arena *a, int64_t id, struct survey_template *out);

/* An NCP by its code: its id, code, title and year. ERR_NOT_FOUND: none. */
struct survey_ncp {
	int64_t id;
	const char *code, *title;
	int year;
};
enum err survey_ncp_read(struct db *db, struct arena *a, const char *code, struct survey_ncp *out);

/* The template of (project_id, 0 for the default; year; kind), if any:
 * ERR_NOT_FOUND when none. */
enum err survey_template_find(struct db *db, int64_t project_id, int year, enum survey_kind k, int64_t *id);

/* The latest template of an earlier year of the same kind and the same
 * NCP (the same number: NCP23-06 before NCP24-06; the default before the
 * default), to copy; for an NCP with none of its own in an earlier year,
 * the latest earlier default: ERR_NOT_FOUND when none. */
enum err survey_template_earlier(struct db *db, struct arena *a, const char *project_code, int year,
				 enum survey_kind k, struct survey_template *out);

/* A new draft; *id its id. */
enum err survey_template_add(struct db *db, int64_t project_id, int year, enum survey_kind k, const char *title,
			     const char *content, int64_t by, int64_t now, int64_t *id);

/* The content changed; the status changed. */
enum err survey_template_save(struct db *db, int64_t id, const char *content, int64_t by, int64_t now);
enum err survey_template_set_status(struct db *db, int64_t id, enum survey_status s, int64_t by, int64_t now);

#endif
