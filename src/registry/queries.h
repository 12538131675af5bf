/*
 * queries.h - the registry's SQL, each statement behind a function named
 * for what it does. They run inside the caller's transaction and never
 * begin one.
 */
#ifndef MH_REGISTRY_QUERIES_H
#define MH_REGISTRY_QUERIES_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "registry/gias.h"

struct arena;
struct db;

/* ---- the GIAS import ---- */

/* Calls fn for every school: its URN, digest, status and GIAS's
 * LastChangedDate (YYYY-MM-DD, or NULL). Stops at fn's error. */
enum err schools_each_digest(struct db *db, enum err (*fn)(void *ctx, const char *urn, const char *digest,
							    const char *status, const char *changed_on), void *ctx);

/* Rows a statement of schools_upsert and links_upsert writes at once, and
 * rows schools_insert and links_insert take at once. */
#define SCHOOL_BATCH 200
#define LINK_BATCH 500
#define SCHOOLS_NEW_BATCH 2000
#define LINKS_NEW_BATCH 5000

/* Inserts the n new schools s (n <= SCHOOLS_NEW_BATCH; none held yet), in
 * bulk (db_insert_many), as schools_upsert writes them. */
enum err schools_insert(struct db *db, const struct gias_school *const *s, const int64_t *trust_ids, size_t n,
			int64_t now);

/* A first import into an empty register on SQLite: the schools'
 * secondary indexes are dropped before its rows and built once after them
 * (schools_indexes_build), as migrations 0007 and 0016 make them
 * (tests/http/gias-bulk.test.mjs compares them with a fresh database's).
 * Kept up row by row, the covering index schools_la_facets alone was a
 * quarter of a national import's time; built once, 0.15 s for all three.
 * SQLite's readers keep their snapshot, indexes and all, until COMMIT, so
 * nobody waits. Not on PostgreSQL: DROP INDEX there would lock schools
 * against every reader for the whole import: *dropped says whether they
 * were. */
enum err schools_indexes_drop(struct db *db, bool *dropped);
enum err schools_indexes_build(struct db *db);

/* Inserts the n new links l (n <= LINKS_NEW_BATCH; none held yet), in bulk. */
enum err links_insert(struct db *db, const struct gias_link *const *l, size_t n);

/* Inserts or updates the n schools s (n <= SCHOOL_BATCH; SCHOOL_BATCH of
 * them are one statement), as the file has them (la_code "" is none;
 * trust_ids[i] 0 is none), with their digests and the time of the
 * import. No URN twice. */
enum err schools_upsert(struct db *db, const struct gias_school *const *s, const int64_t *trust_ids, size_t n,
			int64_t now);

/* Calls fn for every local authority. */
enum err las_each(struct db *db, enum err (*fn)(void *ctx, const char *code, const char *name, const char *region),
		  void *ctx);

/* A local authority the registry does not know yet; or, for one it knows,
 * its name or region where it has none ("" gives nothing). */
enum err la_upsert(struct db *db, const char *code, const char *name, const char *region);

/* Calls fn for every trust (code NULL: none yet). */
enum err trusts_each(struct db *db, enum err (*fn)(void *ctx, int64_t id, const char *code, const char *name),
		     void *ctx);

/* A new trust (code NULL: the file gave its name only); *id its id. */
enum err trust_insert(struct db *db, const char *code, const char *name, int64_t *id);

/* A trust's code (NULL: keep it) and name. */
enum err trust_update(struct db *db, int64_t id, const char *code, const char *name);

/* Calls fn for every link (date NULL: none). */
enum err links_each(struct db *db, enum err (*fn)(void *ctx, const char *urn, const char *link_urn, const char *type,
						   const char *name, const char *date), void *ctx);

/* Inserts or updates the n links (n <= LINK_BATCH; LINK_BATCH of them
 * are one statement), by (urn, link_urn, type): no key twice. */
enum err links_upsert(struct db *db, const struct gias_link *const *l, size_t n);

/* ---- files uploaded on /admin/schools/import (0011_school_imports.sql) ---- */

/* An upload as stored. Strings in the arena given. */
struct school_import {
	int64_t id;
	const char *files, *checked, *rejected; /* JSON */
	int64_t imported_at;                     /* 0: not yet */
	const char *result;                      /* JSON, or "" before the import */
};

/* A new upload (its counts set later by school_import_checked); *id. */
enum err school_import_insert(struct db *db, const char *token_hash, const char *session_hash, int64_t person_id,
			      int64_t now, int64_t expires_at, int64_t *id);

/* The check's findings: the files, the counts and the first rejected rows (JSON). */
enum err school_import_checked(struct db *db, int64_t id, const char *files, const char *checked, const char *rejected);

/* The counts of a check made again (the registry changed since the first). */
enum err school_import_rechecked(struct db *db, int64_t id, const char *checked);

/* A piece of the upload's rows (kind "establishments" or "links"). */
enum err school_import_chunk_insert(struct db *db, int64_t id, int64_t seq, const char *kind, const char *data);

/* The upload's first piece of kind after seq (-1: the first): *data a
 * malloc'd copy the caller frees, *next its seq. ERR_NOT_FOUND past the last. */
enum err school_import_chunk_next(struct db *db, int64_t id, const char *kind, int64_t seq, char **data, size_t *len,
				  int64_t *next);

/* The upload of token_hash made in this session by this person, not
 * expired at now; ERR_NOT_FOUND otherwise. */
enum err school_import_load(struct db *db, struct arena *a, const char *token_hash, const char *session_hash,
			    int64_t person_id, int64_t now, struct school_import *out);

/* Imported at now with result (JSON): its rows dropped, its result kept
 * until expires_at. */
enum err school_import_done(struct db *db, int64_t id, int64_t now, const char *result, int64_t expires_at);

/* Drops the uploads that expired before now (their rows with them). */
enum err school_imports_purge(struct db *db, int64_t now);

#endif
