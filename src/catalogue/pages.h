/*
 * pages.h - the catalogue's HTML pages and JSON API handlers.
 * Public: no sign-in. Each handler reads its input, runs its query (one
 * read transaction) and renders.
 */
#ifndef MH_CATALOGUE_PAGES_H
#define MH_CATALOGUE_PAGES_H

#include "core/err.h"

struct req;
struct resp;

enum err catalogue_page_home(struct req *rq, struct resp *rs);
enum err catalogue_page_hubs(struct req *rq, struct resp *rs);
enum err catalogue_page_hub(struct req *rq, struct resp *rs);
enum err catalogue_page_projects(struct req *rq, struct resp *rs);
enum err catalogue_page_project(struct req *rq, struct resp *rs);
enum err catalogue_page_api(struct req *rq, struct resp *rs);

enum err catalogue_api_hubs(struct req *rq, struct resp *rs);
enum err catalogue_api_hub(struct req *rq, struct resp *rs);
enum err catalogue_api_projects(struct req *rq, struct resp *rs);
enum err catalogue_api_project(struct req *rq, struct resp *rs);

#endif
