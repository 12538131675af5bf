/* fuzz_router.c - a method and a decoded path against the service's whole
 * route table: a match has every parameter, none empty or holding '/'. */
#include "fuzz.h"

#include "core/arena.h"
#include "http/router.h"
#include "routes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	static const unsigned methods[] = {RM_GET, RM_POST, RM_PUT, RM_PATCH, RM_DELETE, RM_HEAD};
	unsigned method = methods[data[0] % (sizeof(methods) / sizeof(methods[0]))];
	char *path = fuzz_string(data + 1, size - 1);
	size_t n;
	const struct route *table = routes_table(&n);
	struct arena *a = arena_new();
	struct route_match m;
	enum route_result r = router_match(table, n, method, path, a, &m);
	if (r == ROUTE_FOUND) {
		FUZZ_ASSERT(m.route && m.route_index < n);
		for (size_t i = 0; i < m.nparams; i++)
			FUZZ_ASSERT(m.params[i].value && m.params[i].value[0] && !strchr(m.params[i].value, '/'));
	} else if (r == ROUTE_METHOD_NOT_ALLOWED) {
		FUZZ_ASSERT(m.allowed && !(m.allowed & method));
	}
	arena_free(a);
	free(path);
	return 0;
}
