/*
 * migrate.h - versioned schema migrations.
 *
 * A migration has a version (1, 2, ...), DDL per dialect (embedded files
 * under "migrations/<dialect>/") and an optional load step in C (reference
 * data). Each runs in one write transaction together with the row that
 * records it in schema_migrations, so a failed migration leaves nothing
 * behind. A database whose version is newer than the newest migration this
 * binary knows is refused (ERR_SCHEMA_TOO_NEW).
 */
#ifndef MH_MIGRATE_H
#define MH_MIGRATE_H

#include <stddef.h>

#include "core/err.h"

struct db;

struct migration {
	int version;
	const char *name;
	const char *ddl;                 /* file under migrations/<dialect>/, or NULL */
	enum err (*load)(struct db *db); /* runs after the DDL, in the same transaction, or NULL */
};

/* The schema version of a database that migrate_run has seen (0 when no
 * migration has been applied yet). */
enum err migrate_current(struct db *db, int *version);

/* Applies every migration newer than the database, in order. *applied is
 * how many ran. On failure writes a message to msg. */
enum err migrate_run(struct db *db, const struct migration *list, size_t n, int *applied, char *msg,
		     size_t msglen);

#endif
