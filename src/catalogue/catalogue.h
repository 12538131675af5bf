/*
 * catalogue.h - the catalogue capability: the 40 hubs, academic years and
 * the national projects (NCPs), as pages and as the JSON API. Its module
 * (module.c) is what src/routes.c lists; pages.h has the handlers.
 */
#ifndef MH_CATALOGUE_H
#define MH_CATALOGUE_H

#include "core/err.h"

struct module;
extern const struct module catalogue_module;

/* Its part of the demo data (demo.c): the hubs and projects read. */
struct db;
struct demo;
enum err catalogue_demo(struct db *db, struct demo *d, void *prepared);

/* `mathshubs import-catalogue FILE YEAR` (import_cli.c; cli.h's run). */
int catalogue_import_command(int argc, char **argv);

#endif
