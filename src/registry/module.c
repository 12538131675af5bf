/* module.c - the registry capability as a module (src/module.h). */
#include "registry/registry.h"
#include "auth/perm.h"
#include "module.h"
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
};

static const struct nav_item nav[] = {
	/* search and school pages */
	{.text = "Schools", .href = "/schools", .order = 15},
	{.text = "Find your Maths Hub", .href = "/find-your-hub", .order = 5, .place = NAV_FOOTER},
};

static const struct migration_load loads[] = {
	/* search and school pages */
	{9, "school search", registry_search_load},
};

static const struct command commands[] = {
	/* search and school pages */
	{"reindex-schools", "", "make the school search's words again for every school whose details changed "
				"(import-gias does it itself)", registry_reindex_run},
};

const struct module registry_module = {
	.name = "registry",
	MODULE_LIST(routes, routes),
	MODULE_LIST(nav, nav),
	MODULE_LIST(loads, loads),
	MODULE_LIST(commands, commands),
};
