/*
 * migrate.h - versioned schema migrations.
 *
 * A migration has a version (1, 2, ...), DDL per dialect (embedded files
 * "migrations/<dialect>/NNNN_name.sql", found by their number: the build
 * embeds every NNNN_name.sql under src/<capability>/migrations/) and an
 * optional load step in C (reference data), which the capability that
 * owns it declares as a struct migration_load in its module (src/module.h).
 * Each runs in one write transaction together with the row that
 * records it in schema_migrations, so a failed migration leaves nothing
 * behind. A database whose version is newer than the newest migration this
 * binary knows is refused (ERR_SCHEMA_TOO_NEW).
 */
#ifndef MH_MIGRATE_H
#define MH_MIGRATE_H

#include <stddef.h>

#include "core/err.h"

struct db;
struct embedded_file;

/* A migration done in C (loading reference data): its number, the name
 * recorded in schema_migrations, and the function. A number may also have
 * SQL files: the DDL runs first, in the same transaction. */
struct migration_load {
	int version;
	const char *name;
	enum err (*load)(struct db *db);
};

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

/* Builds the ordered list of migrations from the files named
 * "migrations/<dialect>/NNNN_name.sql" among files (every other name is
 * ignored) and from loads. Refused with ERR_INVALID and a message naming
 * the file when: a name under migrations/ is not <dialect>/NNNN_name.sql
 * with dialect sqlite or postgresql; a dialect has two files with one
 * number; the two dialects do not have the same file names; the numbers
 * do not run 1, 2, 3 ... without a gap. On success *out (free it with
 * migrate_list_free) holds *n migrations, ddl pointing into files. */
enum err migrate_list(const struct embedded_file *files, size_t nfiles,
		      const struct migration_load *loads, size_t nloads, struct migration **out,
		      size_t *n, char *msg, size_t msglen);

void migrate_list_free(struct migration *list);

/* migrate_list of the files compiled into this binary, then migrate_run. */
enum err migrate_embedded(struct db *db, const struct migration_load *loads, size_t nloads,
			  int *applied, char *msg, size_t msglen);

#endif
