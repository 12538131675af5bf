/*
 * routes.h - the service's route table and its migrations done in C: where
 * the capabilities are wired to the HTTP layer and the database.
 */
#ifndef MH_ROUTES_H
#define MH_ROUTES_H

#include <stddef.h>

#include "cli.h"
#include "db/migrate.h"
#include "http/router.h"

/* Gathers every module's routes, navigation entries, migrations done in C
 * and audit actions, and installs the navigation (layout) and the audit
 * actions (auth/audit). Idempotent; not thread-safe: main calls it first,
 * and the functions below call it. Process lifetime. */
void routes_init(void);

/* The route table of every module, in the modules' order. */
const struct route *routes_table(size_t *n);

/* The migrations done in C of every module (SQL migrations are found by
 * their files' numbers, src/<capability>/migrations/<dialect>/NNNN_name.sql).
 * Process lifetime; not thread-safe on the first call. */
const struct migration_load *routes_migration_loads(size_t *n);

/* Brings db up to date with this binary's migrations (migrate_embedded
 * with every module's loads). */
enum err routes_migrate(struct db *db, int *applied, char *msg, size_t msglen);

/* Every module's commands on the command line (cli.h). */
const struct command *routes_commands(size_t *n);

#endif
