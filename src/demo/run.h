/* run.h - the demo capability's run of the parts (run.c), for its
 * command (command.c). */
#ifndef MH_DEMO_RUN_H
#define MH_DEMO_RUN_H

#include "demo/demo.h"

/* Every part's prepare, in order, before the transaction (d->prep is
 * their arena). ERR_OK, or the first error with d->msg. */
enum err demo_prepare(struct demo *d);

/* The body of the write transaction (db_transact): refuses a database that
 * holds people, schools or demo data (ERR_CONFLICT, d->msg says so), then
 * runs every part's make in order, records that the database holds demo
 * data and audits "demo_data_made". Sets every output afresh. */
enum err demo_run(struct db *db, void *ctx);

/* Frees what a run holds. */
void demo_free(struct demo *d);

#endif
