/* module.c - the registry capability as a module (src/module.h). */
#include "registry/registry.h"
#include "auth/perm.h"
#include "module.h"
#include "registry/areas.h"

static const struct route routes[] = {
	/* hub areas */
	{RM_GET, "/admin/hub-areas", areas_page, 0, CAP_HUB_AREAS_MANAGE},
	{RM_GET, "/admin/hub-areas/{code}", areas_la_page, 0, CAP_HUB_AREAS_MANAGE},
	{RM_POST, "/admin/hub-areas/{code}", areas_la_post, 0, CAP_HUB_AREAS_MANAGE},
	{RM_GET, "/schools/{urn}/hub", areas_school_page, 0, CAP_HUB_AREAS_MANAGE},
	{RM_POST, "/schools/{urn}/hub", areas_school_post, 0, CAP_HUB_AREAS_MANAGE},
};

static const struct nav_item nav[] = {
	/* hub areas */
	{.text = "Hub areas", .href = "/admin/hub-areas", .order = 140, .place = NAV_MANAGE, .capability = CAP_HUB_AREAS_MANAGE},
};

static const struct migration_load loads[] = {
	/* hub areas */
	{9, "hub areas and people uploads", areas_load},
};

/* The actions it audits, with the labels people read (keys are stored in
 * audit_log.action: never rename one that has shipped). */
static const struct audit_action audit_actions[] = {
	/* hub areas */
	{"hub_area_changed", "Local authority's hub changed"},
	{"hub_areas_imported", "Hub areas imported from a file"},
	{"school_hub_overridden", "School's hub changed"},
};

static const struct command commands[] = {
	/* hub areas */
	{"import-hub-areas", "FILE", "set which hub's area each local authority is in, from CSV la_code,hub_code", areas_import_command},
};

const struct module registry_module = {
	.name = "registry",
	MODULE_LIST(routes, routes),
	MODULE_LIST(nav, nav),
	MODULE_LIST(loads, loads),
	MODULE_LIST(audit_actions, audit_actions),
	MODULE_LIST(commands, commands),
};
