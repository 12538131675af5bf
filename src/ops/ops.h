/*
 * ops.h - operational endpoints: /healthz (the database answers) and
 * /metrics (Prometheus text format).
 */
#ifndef MH_OPS_H
#define MH_OPS_H

#include "core/err.h"

struct req;
struct resp;

enum err ops_healthz(struct req *rq, struct resp *rs);
enum err ops_metrics(struct req *rq, struct resp *rs);

/* The ops capability as a module (module.c), for src/routes.c. */
struct module;
extern const struct module ops_module;

#endif
