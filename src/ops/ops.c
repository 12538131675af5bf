/* ops.c - see ops.h. */
#include "ops/ops.h"

#include <jansson.h>

#include "core/config.h"
#include "db/db.h"
#include "db/migrate.h"
#include "http/metrics.h"
#include "http/request.h"

/* The schema version: the database answers (ctx: int). */
static enum err health_read(struct db *db, void *ctx)
{
	return migrate_current(db, ctx);
}

enum err ops_healthz(struct req *rq, struct resp *rs)
{
	int version = 0;
	enum err e = rq->db ? db_transact(rq->db, DB_READ, health_read, &version) : ERR_UNAVAILABLE;
	const char *state = e ? "unavailable" : "ok";
	json_t *j = json_pack("{s:s, s:{s:s, s:s, s:i}}", "status", state, "database", "status", state,
			      "dialect", rq->cfg->database_url[0] ? "postgresql" : "sqlite",
			      "schema_version", version);
	resp_json(rs, e ? 503 : 200, j, NULL);
	if (e)
		resp_header(rs, "Retry-After", "10");
	return ERR_OK;
}

enum err ops_metrics(struct req *rq, struct resp *rs)
{
	(void)rq;
	struct text_writer w = resp_text(rs, "text/plain; version=0.0.4; charset=utf-8");
	metrics_render(&w);
	return ERR_OK;
}
