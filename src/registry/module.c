/* module.c - the registry capability as a module (src/module.h). */
#include "registry/registry.h"
#include "auth/perm.h"
#include "module.h"
#include "registry/areas.h"
#include "registry/import.h"
#include "registry/import_pages.h"
#include "registry/search_pages.h"

static const struct route routes[] = {
	/* search and school pages (public: GIAS is public data) */
	{RM_GET, "/schools", registry_schools_page, 0, CAP_PUBLIC},
	{RM_GET, "/schools/{urn}", registry_school_page, 0, CAP_PUBLIC},
	{RM_GET, "/trusts/{id}", registry_trust_page, 0, CAP_PUBLIC},
	{RM_GET, "/find-your-hub", registry_find_hub_page, 0, CAP_PUBLIC},
	{RM_GET, "/hubs/{code}/schools", registry_hub_schools_page, 0, CAP_PUBLIC},
	{RM_GET, "/hubs/{code}/schools.csv", registry_hub_schools_csv, 0, CAP_PUBLIC},
	{RM_GET, "/hubs/{code}/schools.xlsx", registry_hub_schools_xlsx, 0, CAP_PUBLIC},
	{RM_GET, "/api/v1/schools", registry_api_schools, RF_API, CAP_PUBLIC},
	{RM_GET, "/api/v1/schools/{urn}", registry_api_school, RF_API, CAP_PUBLIC},
	/* hub areas */
	{RM_GET, "/admin/hub-areas", areas_page, 0, CAP_HUB_AREAS_MANAGE},
	{RM_GET, "/admin/hub-areas/{code}", areas_la_page, 0, CAP_HUB_AREAS_MANAGE},
	{RM_POST, "/admin/hub-areas/{code}", areas_la_post, 0, CAP_HUB_AREAS_MANAGE},
	{RM_GET, "/schools/{urn}/hub", areas_school_page, 0, CAP_HUB_AREAS_MANAGE},
	{RM_POST, "/schools/{urn}/hub", areas_school_post, 0, CAP_HUB_AREAS_MANAGE},
	/* the GIAS import */
	{RM_GET, "/admin/schools/import", registry_import_page, 0, CAP_SCHOOLS_IMPORT},
	{RM_POST, "/admin/schools/import", registry_import_post, RF_UPLOAD, CAP_SCHOOLS_IMPORT},
	{RM_GET, "/admin/schools/import/{token}", registry_import_check, RF_SECRET_PATH, CAP_SCHOOLS_IMPORT},
	{RM_POST, "/admin/schools/import/{token}", registry_import_confirm, RF_SECRET_PATH, CAP_SCHOOLS_IMPORT},
	{RM_GET, "/admin/schools/import/{token}/rejected.csv", registry_import_rejected, RF_SECRET_PATH, CAP_SCHOOLS_IMPORT},
};

static const struct nav_item nav[] = {
	{.text = "Schools", .href = "/schools", .order = 15},
	{.text = "Find your Maths Hub", .href = "/find-your-hub", .order = 5, .place = NAV_FOOTER},
	{.text = "Hub areas", .href = "/admin/hub-areas", .order = 140, .place = NAV_MANAGE, .capability = CAP_HUB_AREAS_MANAGE},
	{.text = "Import schools from GIAS", .href = "/admin/schools/import", .order = 150, .place = NAV_MANAGE,
	 .capability = CAP_SCHOOLS_IMPORT},
};

static const struct migration_load loads[] = {
	{9, "hub areas and people uploads", areas_load},
	{10, "school search", registry_search_load},
};

/* The actions it audits, with the labels people read (keys are stored in
 * audit_log.action: never rename one that has shipped). */
static const struct audit_action audit_actions[] = {
	{"hub_area_changed", "Local authority's hub changed"},
	{"hub_areas_imported", "Hub areas imported from a file"},
	{"school_hub_overridden", "School's hub changed"},
	{"schools_imported", "Schools imported from GIAS"},
};

static const struct command commands[] = {
	{"import-hub-areas", "FILE", "set which hub's area each local authority is in, from CSV la_code,hub_code", areas_import_command},
	{"import-gias", "FILE [--links LINKS_FILE] [--skip-invalid] [--rejects PATH]",
	 "schools from GIAS's establishments file and links file, all or nothing", registry_import_gias},
	{"reindex-schools", "", "make the school search's words again for every school whose details changed "
				"(import-gias does it itself)", registry_reindex_run},
};

const struct module registry_module = {
	.name = "registry",
	MODULE_LIST(routes, routes),
	MODULE_LIST(nav, nav),
	MODULE_LIST(loads, loads),
	MODULE_LIST(audit_actions, audit_actions),
	MODULE_LIST(commands, commands),
	MODULE_LIST(demo_parts, registry_demo_parts),
};
