/*
 * outcome_queries.h - the SQL of an NCP's expected outcomes (ncp_outcomes,
 * migration 0018), in the caller's transaction.
 */
#ifndef MH_HAPPI_OUTCOME_QUERIES_H
#define MH_HAPPI_OUTCOME_QUERIES_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "happi/happi.h"

struct arena;
struct db;

struct happi_outcome {
	int64_t id;
	enum happi_outcome_kind kind;
	int64_t position;
	const char *text;
	const char *updated_by; /* a name, or NULL */
	int64_t updated_at;
};

/* An NCP with its outcomes (by kind, then position), and the
 * same-numbered NCP of the latest earlier year that has outcomes, to copy
 * them from (earlier_id 0: none). */
struct happi_ncp_outcomes {
	int64_t project_id;
	const char *code, *title, *year;
	struct happi_ncp ncp;
	struct happi_outcome *outcomes;
	size_t n;
	size_t count[HAPPI_OUTCOME_KINDS];
	int64_t earlier_id;
	const char *earlier_code;
	int64_t earlier_n;
};

/* ERR_NOT_FOUND: no NCP has that code. */
enum err happi_ncp_outcomes_read(struct db *db, struct arena *a, const char *code, struct happi_ncp_outcomes *out);

/* A new outcome at the end of its kind's list. */
enum err happi_outcome_add(struct db *db, int64_t project_id, enum happi_outcome_kind kind, const char *text,
			   int64_t by, int64_t now, int64_t *id);

/* Changes one outcome of the NCP (moved to the end of another kind's
 * list when its kind changes); ERR_NOT_FOUND: no such outcome there. */
enum err happi_outcome_change(struct db *db, int64_t project_id, int64_t id, enum happi_outcome_kind kind,
			      const char *text, int64_t by, int64_t now);

/* Removes one outcome of the NCP; ERR_NOT_FOUND: none. */
enum err happi_outcome_remove(struct db *db, int64_t project_id, int64_t id);

/* Copies every outcome of project from_id to project_id (which has none),
 * in order; *n: how many. */
enum err happi_outcomes_copy(struct db *db, int64_t project_id, int64_t from_id, int64_t by, int64_t now, int64_t *n);

#endif
