/* module.c - the catalogue capability as a module (src/module.h): the hubs and the national
 * project catalogue, as pages and as the JSON API. */
#include "catalogue/catalogue.h"
#include "catalogue/pages.h"
#include "catalogue/refdata.h"
#include "auth/perm.h"
#include "module.h"

static const struct route routes[] = {
	{RM_GET, "/", page_home, 0, CAP_PUBLIC},
	{RM_GET, "/hubs", page_hubs, 0, CAP_PUBLIC},
	{RM_GET, "/hubs/{code}", page_hub, 0, CAP_PUBLIC},
	{RM_GET, "/projects", page_projects, 0, CAP_PUBLIC},
	{RM_GET, "/projects/{code}", page_project, 0, CAP_PUBLIC},
	{RM_GET, "/api", page_api, 0, CAP_PUBLIC},
	{RM_GET, "/api/v1/hubs", api_hubs, RF_API, CAP_PUBLIC},
	{RM_GET, "/api/v1/hubs/{code}", api_hub, RF_API, CAP_PUBLIC},
	{RM_GET, "/api/v1/projects", api_projects, RF_API, CAP_PUBLIC},
	{RM_GET, "/api/v1/projects/{code}", api_project, RF_API, CAP_PUBLIC},
	{RM_GET, "/api/v1/openapi.json", api_openapi, RF_API, CAP_PUBLIC},
};

static const struct nav_item nav[] = {
	{"Maths Hubs", "/hubs", 10},
	{"Projects", "/projects", 20},
	{"API", "/api", 30},
};

static const struct migration_load loads[] = {
	{2, "reference data: hubs, 2024/25 projects, bank holidays", refdata_load},
};

const struct module catalogue_module = {"catalogue", MODULE_ARRAY(routes), MODULE_ARRAY(nav), MODULE_ARRAY(loads)};
