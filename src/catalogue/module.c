/* module.c - the catalogue capability as a module (src/module.h): the hubs and the national
 * project catalogue, as pages and as the JSON API. */
#include "catalogue/catalogue.h"
#include "catalogue/pages.h"
#include "catalogue/refdata.h"
#include "auth/perm.h"
#include "demo/demo.h"
#include "module.h"

/* The actions it audits, with the labels people read (keys are stored in
 * audit_log.action: never rename one that has shipped). */
static const struct audit_action audit_actions[] = {
	{"catalogue_imported", "Project catalogue imported"},
};

static const struct route routes[] = {
	{RM_GET, "/", catalogue_page_home, 0, CAP_PUBLIC},
	{RM_GET, "/hubs", catalogue_page_hubs, 0, CAP_PUBLIC},
	{RM_GET, "/hubs/{code}", catalogue_page_hub, 0, CAP_PUBLIC},
	{RM_GET, "/projects", catalogue_page_projects, 0, CAP_PUBLIC},
	{RM_GET, "/projects/{code}", catalogue_page_project, 0, CAP_PUBLIC},
	{RM_GET, "/api", catalogue_page_api, 0, CAP_PUBLIC},
	{RM_GET, "/api/v1/hubs", catalogue_api_hubs, RF_API, CAP_PUBLIC},
	{RM_GET, "/api/v1/hubs/{code}", catalogue_api_hub, RF_API, CAP_PUBLIC},
	{RM_GET, "/api/v1/projects", catalogue_api_projects, RF_API, CAP_PUBLIC},
	{RM_GET, "/api/v1/projects/{code}", catalogue_api_project, RF_API, CAP_PUBLIC},
};

static const struct nav_item nav[] = {
	{.text = "Maths Hubs", .href = "/hubs", .order = 10},
	{.text = "Projects", .href = "/projects", .order = 20},
	{.text = "API", .href = "/api", .order = 30},
	{.text = "API for developers", .href = "/api", .order = 10, .place = NAV_FOOTER},
};

static const struct migration_load loads[] = {
	{2, "reference data: hubs, 2024/25 projects, bank holidays", refdata_load},
};

static const struct command commands[] = {
	{"import-catalogue", "FILE YEAR", "load or update a year's national projects (NCPs) from a CSV file in the layout of "
					  "data/ncps-2024-25.csv; YEAR 2026 is 2026/27", catalogue_import_command},
};

static const struct demo_part demo_parts[] = {
	{"hubs", 0, NULL, catalogue_demo},
};

const struct module catalogue_module = {
	.name = "catalogue",
	MODULE_LIST(routes, routes),
	MODULE_LIST(nav, nav),
	MODULE_LIST(loads, loads),
	MODULE_LIST(audit_actions, audit_actions),
	MODULE_LIST(commands, commands),
	MODULE_LIST(demo_parts, demo_parts),
};
