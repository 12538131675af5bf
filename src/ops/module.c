/* module.c - the ops capability as a module (src/module.h): /healthz and
 * /metrics; `mathshubs error-pages` (nginx's own refusals). */
#include "ops/ops.h"
#include "auth/perm.h"
#include "module.h"

static const struct route routes[] = {
	{RM_GET, "/api/v1/openapi.json", ops_openapi, RF_API, CAP_PUBLIC},
	{RM_GET, "/healthz", ops_healthz, RF_API | RF_DB_OPTIONAL, CAP_PUBLIC},
	{RM_GET, "/metrics", ops_metrics, RF_API, CAP_PUBLIC},
};

static const struct command commands[] = {
	{"error-pages", "DIR [--base-url URL]",
	 "write the GOV.UK pages and security headers nginx sends for the requests it refuses itself "
	 "(docs/nginx/mathshubs.conf; again at each upgrade)", ops_error_pages},
};

const struct module ops_module = {
	.name = "ops",
	MODULE_LIST(routes, routes),
	MODULE_LIST(commands, commands),
};
