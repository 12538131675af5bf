/*
 * refdata.h - loads the reference data the binary ships (data/: the 40
 * hubs, the 2024/25 NCP catalogue, England and Wales bank holidays) into
 * the database. Run by migration 2 inside its transaction.
 */
#ifndef MH_REFDATA_H
#define MH_REFDATA_H

#include "core/err.h"

struct db;

enum err refdata_load(struct db *db);

/* The vocabularies the catalogue uses (and the filters validate). */
extern const char *const catalogue_phases[3];
extern const char *const catalogue_kinds[4];

#endif
