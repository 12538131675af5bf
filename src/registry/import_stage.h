/*
 * import_stage.h - an uploaded GIAS file kept in the database between its
 * check and its confirmation (school_import_chunks): the check writes each
 * valid row as it is read (gias_write_school, gias_write_link), a megabyte
 * to a piece; the confirmation reads the pieces back as a file, through the
 * same reader and the same import as the command. And the counts as JSON,
 * as school_imports keeps them.
 */
#ifndef MH_REGISTRY_IMPORT_STAGE_H
#define MH_REGISTRY_IMPORT_STAGE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/buf.h"
#include "registry/gias_import.h"

struct arena;
struct db;

/* The rows of upload id being written, in the caller's transaction. */
struct stage {
	struct db *db;
	int64_t id, seq;
	struct buf schools, links; /* the pieces being filled */
	struct csv_writer ws, wl;  /* plain writers on them */
	bool schools_begun, links_begun; /* the file's header written */
};

/* st zeroed first (stage_init frees what an earlier attempt left); st
 * must not move afterwards (its writers point into it). */
void stage_init(struct stage *st, struct db *db, int64_t id);
/* gias_run's each_school and each_link (ctx: the stage). */
enum err stage_school(void *ctx, const struct gias_school *s);
enum err stage_link(void *ctx, const struct gias_link *l);
/* Writes the pieces not yet written. */
enum err stage_flush(struct stage *st);
void stage_free(struct stage *st);

/* A file kept by a stage, read back as gias_file reads (in the caller's
 * transaction): kind "establishments" or "links". */
struct staged {
	struct db *db;
	int64_t id, seq;
	const char *kind;
	char *data; /* the piece being read */
	size_t len, off;
	bool end;
};
void staged_file(struct staged *src, struct db *db, int64_t id, enum gias_kind kind, const char *name,
		 struct gias_file *out);
void staged_free(struct staged *src);

/* A file held in memory (an upload's body), read as gias_file reads. */
struct memory_file {
	const char *data;
	size_t len, off;
};
void memory_file(struct memory_file *m, const char *data, size_t len, const char *name, enum gias_kind kind,
		 enum text_encoding enc, struct gias_file *out);

/* What a check found or an import did, as school_imports keeps it: the
 * counts, the first local authorities new to the registry, and the
 * registry's fingerprint then (gias_run). */
struct import_outcome {
	struct gias_counts counts;
	struct gias_new_la las[GIAS_FIRST_NEW_LAS];
	size_t nlas;
	char fingerprint[GIAS_FINGERPRINT_LEN + 1];
};
void import_outcome_of(struct import_outcome *o, const struct gias_run *run);

/* An outcome as JSON ({"rows": 1096, "new": 3, ..., "new_local_authorities":
 * [{"code", "name"}], "register": "..."}) in a, and back (false: not such
 * JSON; one kept before a count or the fingerprint was added reads them as
 * 0 and "", which no registry has, so its confirmation checks it again). */
char *import_outcome_json(struct arena *a, const struct import_outcome *o);
bool import_outcome_from_json(const char *json, struct import_outcome *o);

#endif
