/*
 * module.h - a capability is a module: its folder exports one struct
 * module naming its routes, its service-navigation entries, the
 * migrations it does in C (its SQL migrations are found by file number),
 * the audit-log actions it writes with their labels, its commands, and
 * its part of the demo data. Its API is
 * described in its own openapi.json. src/routes.c lists the modules,
 * not their contents, so adding a capability touches its own folder and
 * one line there (docs/ARCHITECTURE.md, "How to add a capability").
 */
#ifndef MH_MODULE_H
#define MH_MODULE_H

#include <stddef.h>
#include <stdint.h>

#include "auth/audit.h"
#include "cli.h"
#include "db/migrate.h"
#include "html/layout.h"
#include "http/router.h"

struct db;
struct demo_part;
struct html;
struct req;

/* A part of a person's page (/admin/people/{id}) that a capability adds
 * (the team's designations and accreditations; later the activities they
 * lead): read in the page's one read transaction, then rendered from what
 * it read, after the person's roles. */
struct person_part {
	/* Reads what the part shows of person_id into *out (allocated in rq's
	 * arena), in the caller's read transaction; run again when it is. */
	enum err (*read)(struct db *db, struct req *rq, int64_t person_id, void **out);
	/* Renders what read read: no database here. */
	void (*render)(struct html *w, struct req *rq, int64_t person_id, const void *data);
};

/* A part of a school's page (/schools/{urn}, the registry's, which is
 * public) that a capability adds (the teaching for mastery journey): read
 * in the page's one read transaction (school_lookup_read), then rendered
 * from what it read, after the school's details. The part decides who sees
 * it: for a visitor, or a reader its permissions do not cover, read reads
 * nothing and gives NULL, and render shows nothing. */
struct school_part {
	/* Reads what the part shows of school urn (whose hub is hub_id, 0:
	 * none) into *out (in rq's arena), in the caller's read transaction;
	 * run again when it is. */
	enum err (*read)(struct db *db, struct req *rq, const char *urn, int64_t hub_id, void **out);
	/* Renders what read read (no database); nothing for NULL. */
	void (*render)(struct html *w, struct req *rq, const char *urn, const void *data);
};

/* A capability's part of an activity's page (src/activities), after its
 * warnings: the HAPPI form's state (src/happi). struct activity and its
 * access are activities/activities.h's. */
struct activity;
struct activity_access;
struct activity_part {
	/* Reads what the part shows of activity a for its reader (in the
	 * caller's read transaction; run again when it is) into *out. */
	enum err (*read)(struct db *db, struct req *rq, const struct activity *a, const struct activity_access *acc,
			 void **out);
	/* Renders what read read (no database); nothing for NULL. */
	void (*render)(struct html *w, struct req *rq, const struct activity *a, const void *data);
};

/* Work a capability does on its own, in each server process (src/jobs.h):
 * reminders, offers that end, requirements deleted after an event. run is
 * called when the server starts and then every `every` seconds (0: every
 * JOBS_INTERVAL); a run that fails runs again JOBS_INTERVAL later. run
 * must be idempotent and claim each row it acts on in a write transaction,
 * so several processes on one PostgreSQL database do each thing once. */
struct config;
struct job {
	const char *name;
	enum err (*run)(struct db *db, const struct config *cfg, int64_t now);
	int every; /* seconds between runs; 0: JOBS_INTERVAL */
};

/* A part of the home page ("/") for a signed-in person that a capability
 * adds (the events that need their answer): read in the page's one read
 * transaction (named home_read; a visitor not signed in runs none), then
 * rendered from what it read, above the service's introduction. */
struct home_part {
	/* Reads what the part shows the signed-in person of rq into *out (in
	 * rq's arena), in the caller's read transaction; run again when it is. */
	enum err (*read)(struct db *db, struct req *rq, void **out);
	/* Renders what read read (no database); nothing when there is nothing to say. */
	void (*render)(struct html *w, struct req *rq, const void *data);
};

struct module {
	const char *name;                 /* the capability's folder: "catalogue" */
	const struct route *routes;       /* its routes, each with its capability and flags */
	size_t nroutes;
	const struct nav_item *nav;       /* its entries in the service navigation, or none */
	size_t nnav;
	const struct migration_load *loads; /* migrations done in C (loading reference data), or none */
	size_t nloads;
	const struct audit_action *audit_actions; /* the audit-log actions it writes, with their labels */
	size_t naudit_actions;
	const struct command *commands;   /* its commands on the command line (cli.h), or none */
	size_t ncommands;
	const struct person_part *person_parts; /* its parts of a person's page, or none */
	size_t nperson_parts;
	const struct demo_part *demo_parts; /* its parts of the demo data (demo/demo.h), or none */
	size_t ndemo_parts;
	const struct job *jobs;           /* its periodic jobs, or none */
	size_t njobs;
	const struct home_part *home_parts; /* its parts of a signed-in person's home page, or none */
	size_t nhome_parts;
	const struct school_part *school_parts; /* its parts of a school's page, or none */
	size_t nschool_parts;
	const struct activity_part *activity_parts; /* its parts of an activity's page, or none */
	size_t nactivity_parts;
};

/* Every module's periodic jobs, in the modules' order. Process lifetime. */
const struct job *module_jobs(size_t *n);

/* Every module's parts of a person's page, in the modules' order
 * (src/routes.c gathers them at start). Process lifetime. */
const struct person_part *module_person_parts(size_t *n);

/* Every module's parts of the home page, in the modules' order. Process lifetime. */
const struct home_part *module_home_parts(size_t *n);

/* Every module's parts of a school's page, in the modules' order. Process lifetime. */
const struct school_part *module_school_parts(size_t *n);
/* Every module's parts of an activity's page, in the modules' order. */
const struct activity_part *module_activity_parts(size_t *n);

/* A list field and its length, for a designated initialiser:
 * {.name = "catalogue", MODULE_LIST(routes, routes), MODULE_LIST(nav, nav)} */
#define MODULE_LIST(field, a) .field = (a), .n##field = sizeof(a) / sizeof((a)[0])

#endif
