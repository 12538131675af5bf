/*
 * routes.h - the service's route table and its migrations done in C: where
 * the capabilities are wired to the HTTP layer and the database.
 */
#ifndef MH_ROUTES_H
#define MH_ROUTES_H

#include <stddef.h>

#include "db/migrate.h"
#include "http/router.h"

extern const struct route routes[];
extern const size_t nroutes;

extern const struct migration_load migration_loads[];
extern const size_t nmigration_loads;

#endif
