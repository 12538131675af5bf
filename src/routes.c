/* routes.c - see routes.h. The list of capability modules; each module
 * (src/<capability>/module.c) lists its own routes (docs/ARCHITECTURE.md). */
#include "routes.h"

#include <stdlib.h>
#include <string.h>

#include "accounts/accounts.h"
#include "activities/activities.h"
#include "auth/audit.h"
#include "admin/admin.h"
#include "catalogue/catalogue.h"
#include "demo/demo.h"
#include "registry/registry.h"
#include "team/team.h"
#include "core/util.h"
#include "html/layout.h"
#include "events/events.h"
#include "happi/happi.h"
#include "module.h"
#include "ops/ops.h"
#include "surveys/surveys.h"

/* The capabilities, in the order their routes are matched and their
 * navigation shown. Adding a capability: one line here. */
static const struct module *const modules[] = {
	&catalogue_module,
	&accounts_module,
	&admin_module,
	&team_module,
	&registry_module,
	&demo_module,
	&events_module,
	&activities_module,
	&happi_module,
	&surveys_module,
	&ops_module,
};

static struct route *table;
static size_t ntable;
static struct nav_item *nav;
static size_t nnav;
static struct migration_load *loads;
static size_t nloads;
static struct audit_action *actions;
static size_t nactions;
static struct command *commands;
static size_t ncommands;
static struct person_part *parts;
static size_t nparts;
static struct demo_part *demo_parts;
static size_t ndemo_parts;
static struct job *jobs;
static size_t njobs;
static struct home_part *home_parts;
static size_t nhome_parts;
static struct school_part *school_parts;
static size_t nschool_parts;
static struct activity_part *activity_parts;
static size_t nactivity_parts;

/* Navigation entries by their order. */
static int nav_cmp(const void *a, const void *b)
{
	const struct nav_item *x = a, *y = b;
	return (x->order > y->order) - (x->order < y->order);
}

/* Demo data's parts by their order (the modules' order among equals). */
static int demo_part_cmp(const void *a, const void *b)
{
	const struct demo_part *x = a, *y = b;
	return (x->order > y->order) - (x->order < y->order);
}

/* arr (of *len elements of size) with the n elements at from appended:
 * the array grown, or arr as it was when n is 0 (a module without this
 * list, whose pointer is NULL). */
static void *append(void *arr, size_t *len, const void *from, size_t n, size_t size)
{
	if (!n)
		return arr;
	char *grown = xrealloc(arr, (*len + n) * size);
	memcpy(grown + *len * size, from, n * size);
	*len += n;
	return grown;
}

void routes_init(void)
{
	if (table)
		return;
	for (size_t m = 0; m < ARRAY_LEN(modules); m++) {
		const struct module *md = modules[m];
		table = append(table, &ntable, md->routes, md->nroutes, sizeof(*table));
		nav = append(nav, &nnav, md->nav, md->nnav, sizeof(*nav));
		loads = append(loads, &nloads, md->loads, md->nloads, sizeof(*loads));
		actions = append(actions, &nactions, md->audit_actions, md->naudit_actions, sizeof(*actions));
		commands = append(commands, &ncommands, md->commands, md->ncommands, sizeof(*commands));
		parts = append(parts, &nparts, md->person_parts, md->nperson_parts, sizeof(*parts));
		demo_parts = append(demo_parts, &ndemo_parts, md->demo_parts, md->ndemo_parts, sizeof(*demo_parts));
		jobs = append(jobs, &njobs, md->jobs, md->njobs, sizeof(*jobs));
		home_parts = append(home_parts, &nhome_parts, md->home_parts, md->nhome_parts, sizeof(*home_parts));
		school_parts = append(school_parts, &nschool_parts, md->school_parts, md->nschool_parts,
				      sizeof(*school_parts));
		activity_parts = append(activity_parts, &nactivity_parts, md->activity_parts, md->nactivity_parts,
					sizeof(*activity_parts));
	}
	for (size_t a = 0; a < ndemo_parts; a++)
		for (size_t b = a + 1; b < ndemo_parts; b++)
			if (demo_parts[a].order == demo_parts[b].order || !strcmp(demo_parts[a].name, demo_parts[b].name))
				fatal("two demo data parts share the order %d or the name %s", demo_parts[a].order,
				      demo_parts[a].name);
	if (ndemo_parts)
		qsort(demo_parts, ndemo_parts, sizeof(*demo_parts), demo_part_cmp);
	for (size_t a = 0; a < nactions; a++)
		for (size_t b = a + 1; b < nactions; b++)
			if (!strcmp(actions[a].key, actions[b].key))
				fatal("two modules declare the audit action %s", actions[a].key);
	for (size_t a = 0; a < ncommands; a++)
		for (size_t b = a + 1; b < ncommands; b++)
			if (!strcmp(commands[a].name, commands[b].name))
				fatal("two modules declare the command %s", commands[a].name);
	if (nnav)
		qsort(nav, nnav, sizeof(*nav), nav_cmp);
	layout_set_nav(nav, nnav);
	audit_set_actions(actions, nactions);
}

const struct route *routes_table(size_t *n)
{
	routes_init();
	*n = ntable;
	return table;
}

const struct migration_load *routes_migration_loads(size_t *n)
{
	routes_init();
	*n = nloads;
	return loads;
}

const struct person_part *module_person_parts(size_t *n)
{
	routes_init();
	*n = nparts;
	return parts;
}

const struct job *module_jobs(size_t *n)
{
	routes_init();
	*n = njobs;
	return jobs;
}

const struct home_part *module_home_parts(size_t *n)
{
	routes_init();
	*n = nhome_parts;
	return home_parts;
}

const struct school_part *module_school_parts(size_t *n)
{
	routes_init();
	*n = nschool_parts;
	return school_parts;
}

const struct activity_part *module_activity_parts(size_t *n)
{
	routes_init();
	*n = nactivity_parts;
	return activity_parts;
}

const struct demo_part *module_demo_parts(size_t *n)
{
	routes_init();
	*n = ndemo_parts;
	return demo_parts;
}

const struct command *routes_commands(size_t *n)
{
	routes_init();
	*n = ncommands;
	return commands;
}

enum err routes_migrate(struct db *db, int *applied, char *msg, size_t msglen)
{
	routes_init();
	return migrate_embedded(db, loads, nloads, applied, msg, msglen);
}
