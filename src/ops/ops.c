/* ops.c - see ops.h. */
#include "ops/ops.h"

#include <jansson.h>
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/embedded.h"
#include "core/log.h"
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

/* Adds fragment's paths and components (schemas, responses) to doc's; a
 * name already there is a mistake of the build, logged and left as it was.
 * (securitySchemes: those of the paths that need a signed-in session.) */
static void merge_fragment(json_t *doc, json_t *fragment, const char *name)
{
	static const char *const parts[][2] = {{"paths", NULL}, {"components", "schemas"}, {"components", "responses"},
					       {"components", "securitySchemes"}};
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		json_t *from = json_object_get(fragment, parts[i][0]), *to = json_object_get(doc, parts[i][0]);
		if (parts[i][1]) {
			from = json_object_get(from, parts[i][1]);
			json_t *within = to;
			to = json_object_get(within, parts[i][1]);
			if (from && !to && within) { /* the first fragment with, e.g., securitySchemes */
				to = json_object();
				json_object_set_new(within, parts[i][1], to);
			}
		}
		const char *key;
		json_t *v;
		json_object_foreach(from, key, v) {
			if (json_object_get(to, key))
				log_msg("error", "openapi: %s repeats %s", name, key);
			else
				json_object_set(to, key, v);
		}
	}
}

enum err ops_openapi(struct req *rq, struct resp *rs)
{
	const struct embedded_file *f = embedded_find("openapi.json");
	json_error_t jerr;
	json_t *doc = f ? json_loadb((const char *)f->data, f->len, 0, &jerr) : NULL;
	if (!doc)
		return ERR_SYSTEM;
	/* each capability describes its own paths: src/<capability>/openapi.json */
	for (size_t i = 0; i < embedded_count; i++) {
		const struct embedded_file *e = &embedded_files[i];
		if (strncmp(e->name, "openapi/", 8))
			continue;
		json_t *fragment = json_loadb((const char *)e->data, e->len, 0, &jerr);
		if (!fragment) {
			json_decref(doc);
			return ERR_SYSTEM;
		}
		merge_fragment(doc, fragment, e->name);
		json_decref(fragment);
	}
	/* the server URL is this deployment's */
	json_object_set_new(doc, "servers",
			    json_pack("[{s:s}]", "url", arena_printf(rq->arena, "%s/api/v1", rq->cfg->base_url)));
	resp_json(rs, 200, doc, "application/json");
	rs->cache_control = "public, max-age=300";
	return ERR_OK;
}
