/* demo.c - the catalogue's part of the demo data (demo/demo.h): nothing
 * new, but the 40 hubs and the projects that the migrations loaded, read
 * for the parts after it (each school is in a hub's area, each person
 * works in a hub or nationally, each project has its coordination team). */
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "catalogue/queries.h"
#include "core/arena.h"
#include "demo/demo.h"

/* Hubs by code: the same order on both engines, whatever their collation. */
static int by_code(const void *a, const void *b)
{
	return strcmp(((const struct demo_hub *)a)->code, ((const struct demo_hub *)b)->code);
}

enum err catalogue_demo(struct db *db, struct demo *d, void *prepared)
{
	(void)prepared;
	struct hub *hubs;
	struct project_id *projects;
	size_t nhubs, nprojects;
	enum err e = catalogue_hubs(db, d->a, &hubs, &nhubs);
	if (!e)
		e = catalogue_project_ids(db, d->a, &projects, &nprojects);
	if (e)
		return e;
	d->hubs = arena_alloc(d->a, (nhubs ? nhubs : 1) * sizeof(*d->hubs));
	for (size_t i = 0; i < nhubs; i++)
		d->hubs[i] = (struct demo_hub){.id = hubs[i].id, .code = hubs[i].code, .name = hubs[i].name,
					       .region = hubs[i].region, .lead_school = DEMO_NONE};
	d->nhubs = nhubs;
	qsort(d->hubs, nhubs, sizeof(*d->hubs), by_code);
	d->projects = arena_alloc(d->a, (nprojects ? nprojects : 1) * sizeof(*d->projects));
	for (size_t i = 0; i < nprojects; i++)
		d->projects[i] = (struct demo_project){projects[i].id, projects[i].code};
	d->nprojects = nprojects;
	demo_count(d, "hubs", (int64_t)nhubs, "the programme's Maths Hubs (there already)");
	demo_count(d, "projects", (int64_t)nprojects, "the national catalogue's NCPs (there already)");
	return ERR_OK;
}
