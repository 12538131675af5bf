/*
 * search_pages.h - the registry's search and school pages: their handlers
 * (HTML and JSON), the migration load that fills the search index, and the
 * reindex-schools command. All public (GIAS is public data).
 */
#ifndef MH_REGISTRY_SEARCH_PAGES_H
#define MH_REGISTRY_SEARCH_PAGES_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "registry/school_queries.h"

struct db;
struct html;
struct req;
struct resp;

enum err registry_schools_page(struct req *rq, struct resp *rs);      /* GET /schools */
enum err registry_school_page(struct req *rq, struct resp *rs);       /* GET /schools/{urn} */
enum err registry_trust_page(struct req *rq, struct resp *rs);        /* GET /trusts/{id} */
enum err registry_find_hub_page(struct req *rq, struct resp *rs);     /* GET /find-your-hub */
enum err registry_hub_schools_page(struct req *rq, struct resp *rs);  /* GET /hubs/{code}/schools */
enum err registry_hub_schools_csv(struct req *rq, struct resp *rs);   /* GET /hubs/{code}/schools.csv */
enum err registry_hub_schools_xlsx(struct req *rq, struct resp *rs);  /* GET /hubs/{code}/schools.xlsx */
enum err registry_api_schools(struct req *rq, struct resp *rs);       /* GET /api/v1/schools */
enum err registry_api_school(struct req *rq, struct resp *rs);        /* GET /api/v1/schools/{urn} */

/* A search as /schools and /find-your-hub read it from the query: q (the
 * words, a URN, a postcode or the picker's text) and page. */
struct search_request {
	const char *typed;   /* q as sent, or NULL (nothing searched yet) */
	const char *error;   /* why it cannot be searched (400), or NULL */
	bool searched;       /* s holds the results */
	struct school_search s;
};
/* Reads q and page into sr, for pages of page_size: true when they are
 * good (sr->searched; the caller runs the search), false when nothing was
 * typed or it cannot be searched (sr->error). */
bool search_parse(struct req *rq, int64_t page_size, struct search_request *sr);

/* search_parse and, when they are good, the search (one read transaction,
 * school_search_read). */
enum err search_request(struct req *rq, int64_t page_size, struct search_request *sr);

/* The results of a search: their count, the list (with each school's hub
 * when show_hub), and pagination to path?q=...&page=N. */
void search_results_block(struct html *w, struct req *rq, const char *path, const struct search_request *sr,
			  bool show_hub);

/* Just the pagination of those results. */
void search_results_pagination(struct html *w, const char *path, const struct search_request *sr);

/* Migration 0010's load: the search index for the schools already there. */
enum err registry_search_load(struct db *db);

/* `mathshubs reindex-schools`: school_search_sync in its own transaction. */
int registry_reindex_run(int argc, char **argv);

#endif
