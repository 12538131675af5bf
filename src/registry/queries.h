/*
 * queries.h - the registry's SQL, each statement behind a function named
 * for what it does. They run inside the caller's transaction and never
 * begin one.
 */
#ifndef MH_REGISTRY_QUERIES_H
#define MH_REGISTRY_QUERIES_H

#include <stdint.h>

#include "core/err.h"
#include "registry/gias.h"

struct db;

/* ---- the GIAS import ---- */

/* Calls fn for every school: its URN, digest and status. Stops at fn's error. */
enum err schools_each_digest(struct db *db, enum err (*fn)(void *ctx, const char *urn, const char *digest,
							    const char *status), void *ctx);

/* Rows a statement of schools_upsert and links_upsert writes at once. */
#define SCHOOL_BATCH 200
#define LINK_BATCH 500

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

#endif
