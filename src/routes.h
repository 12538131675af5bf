/*
 * routes.h - the service's route table and its migrations done in C: where
 * the capabilities are wired to the HTTP layer and the database.
 */
#ifndef MH_ROUTES_H
#define MH_ROUTES_H

#include <stddef.h>

#include "db/migrate.h"
#include "http/router.h"

/* The route table of every module, in the modules' order (built on the
 * first call, which also installs the service navigation; call it once
 * before serving: it is not thread-safe). Process lifetime. */
const struct route *routes_table(size_t *n);

extern const struct migration_load migration_loads[];
extern const size_t nmigration_loads;

#endif
