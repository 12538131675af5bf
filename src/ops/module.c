/* module.c - the ops capability as a module (src/module.h): /healthz and /metrics. */
#include "ops/ops.h"
#include "auth/perm.h"
#include "module.h"

static const struct route routes[] = {
	{RM_GET, "/api/v1/openapi.json", ops_openapi, RF_API, CAP_PUBLIC},
	{RM_GET, "/healthz", ops_healthz, RF_API | RF_DB_OPTIONAL, CAP_PUBLIC},
	{RM_GET, "/metrics", ops_metrics, RF_API, CAP_PUBLIC},
};

const struct module ops_module = {
	.name = "ops",
	MODULE_LIST(routes, routes),
};
