/*
 * ops.h - operational endpoints: /healthz (the database answers),
 * /metrics (Prometheus text format) and the API's OpenAPI description;
 * `mathshubs error-pages` for nginx in front.
 */
#ifndef MH_OPS_H
#define MH_OPS_H

#include "core/err.h"

struct req;
struct resp;

enum err ops_healthz(struct req *rq, struct resp *rs);
enum err ops_metrics(struct req *rq, struct resp *rs);
/* /api/v1/openapi.json: src/openapi.json with every capability's
 * src/<capability>/openapi.json (its paths and schemas) merged in. */
enum err ops_openapi(struct req *rq, struct resp *rs);

/* `mathshubs error-pages DIR` (error_pages.c): the pages and headers of
 * nginx's own refusals. */
int ops_error_pages(int argc, char **argv);

/* The ops capability as a module (module.c), for src/routes.c. */
struct module;
extern const struct module ops_module;

#endif
