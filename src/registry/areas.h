/*
 * areas.h - hub areas: which hub's area each local authority is in (the
 * demo assignment of migration 9 until a national administrator loads or
 * sets the real one), and the schools that are exceptions. Every change is
 * audited. Who may change what: CAP_HUB_AREAS_MANAGE, national
 * administrators anywhere; a hub's leadership (MHL, AMHL, hub manager)
 * only a local authority or school now in their own hub's area (they can
 * hand it over to another hub; only the national team assigns freely).
 */
#ifndef MH_REGISTRY_AREAS_H
#define MH_REGISTRY_AREAS_H

#include "core/err.h"

struct db;
struct req;
struct resp;

/* Migration 9's load: the local authorities and the demo assignment,
 * from the hubs' names (data/demo-hub-areas.csv) and the rest of each
 * region in turn (areas_data.c). Run on a database that has assignments
 * already, it moves only those still a demo, never an official one. */
enum err areas_load(struct db *db);

/* `mathshubs import-hub-areas FILE` (areas_cli.c). */
int areas_import_command(int argc, char **argv);

enum err areas_page(struct req *rq, struct resp *rs);        /* GET  /admin/hub-areas */
enum err areas_la_page(struct req *rq, struct resp *rs);     /* GET  /admin/hub-areas/{code} */
enum err areas_la_post(struct req *rq, struct resp *rs);     /* POST /admin/hub-areas/{code} */
enum err areas_school_page(struct req *rq, struct resp *rs); /* GET  /schools/{urn}/hub */
enum err areas_school_post(struct req *rq, struct resp *rs); /* POST /schools/{urn}/hub */

#endif
