/* routes.c - see routes.h. The list of capability modules; each module
 * (src/<capability>/module.c) lists its own routes (docs/ARCHITECTURE.md). */
#include "routes.h"

#include <stdlib.h>
#include <string.h>

#include "accounts/accounts.h"
#include "admin/admin.h"
#include "catalogue/catalogue.h"
#include "core/util.h"
#include "html/layout.h"
#include "module.h"
#include "ops/ops.h"

/* The capabilities, in the order their routes are matched and their
 * navigation shown. Adding a capability: one line here. */
static const struct module *const modules[] = {
	&catalogue_module,
	&accounts_module,
	&admin_module,
	&ops_module,
};

static struct route *table;
static size_t ntable;
static struct nav_item nav[16];

/* Navigation entries by their order. */
static int nav_cmp(const void *a, const void *b)
{
	const struct nav_item *x = a, *y = b;
	return (x->order > y->order) - (x->order < y->order);
}

const struct route *routes_table(size_t *n)
{
	if (!table) {
		size_t total = 0, nnav = 0;
		for (size_t m = 0; m < ARRAY_LEN(modules); m++)
			total += modules[m]->nroutes;
		table = xmalloc(total * sizeof(*table));
		for (size_t m = 0; m < ARRAY_LEN(modules); m++) {
			memcpy(table + ntable, modules[m]->routes, modules[m]->nroutes * sizeof(*table));
			ntable += modules[m]->nroutes;
			for (size_t k = 0; k < modules[m]->nnav && nnav < ARRAY_LEN(nav); k++)
				nav[nnav++] = modules[m]->nav[k];
		}
		qsort(nav, nnav, sizeof(*nav), nav_cmp);
		layout_set_nav(nav, nnav);
	}
	*n = ntable;
	return table;
}

const struct migration_load *routes_migration_loads(size_t *n)
{
	static struct migration_load loads[16];
	static size_t nloads;
	if (!nloads)
		for (size_t m = 0; m < ARRAY_LEN(modules); m++)
			for (size_t k = 0; k < modules[m]->nloads && nloads < ARRAY_LEN(loads); k++)
				loads[nloads++] = modules[m]->loads[k];
	*n = nloads;
	return loads;
}

enum err routes_migrate(struct db *db, int *applied, char *msg, size_t msglen)
{
	size_t n;
	const struct migration_load *loads = routes_migration_loads(&n);
	return migrate_embedded(db, loads, n, applied, msg, msglen);
}
