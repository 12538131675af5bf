/* router.c - see router.h. Linear matching: the table is small and the
 * check is a few string compares per route; measured in docs. */
#include "http/router.h"

#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/util.h"

static const struct {
	const char *name;
	unsigned bit;
} methods[] = {
	{"GET", RM_GET}, {"HEAD", RM_HEAD}, {"POST", RM_POST}, {"PUT", RM_PUT},
	{"PATCH", RM_PATCH}, {"DELETE", RM_DELETE}, {"OPTIONS", RM_OPTIONS},
};

unsigned route_method_bit(const char *method)
{
	for (size_t i = 0; i < ARRAY_LEN(methods); i++)
		if (!strcmp(methods[i].name, method))
			return methods[i].bit;
	return 0;
}

/* Matches one pattern; fills params on success. */
static int match_pattern(const char *pat, const char *path, struct arena *a,
			 struct route_match *m)
{
	size_t np = 0;
	while (*pat && *path) {
		if (*pat != '/' || *path != '/')
			return 0;
		pat++, path++;
		size_t plen = strcspn(pat, "/");
		size_t slen = strcspn(path, "/");
		if (plen >= 2 && pat[0] == '{' && pat[plen - 1] == '}') {
			if (slen == 0 || np == ROUTE_MAX_PARAMS)
				return 0;
			if (a) {
				m->params[np].name = pat + 1;
				m->params[np].name_len = plen - 2;
				m->params[np].value = arena_strndup(a, path, slen);
			}
			np++;
		} else if (plen != slen || strncmp(pat, path, plen) != 0) {
			return 0;
		}
		pat += plen, path += slen;
	}
	if (*pat || *path)
		return 0;
	if (a)
		m->nparams = np;
	return 1;
}

enum route_result router_match(const struct route *table, size_t n, unsigned method,
			       const char *path, struct arena *a, struct route_match *m)
{
	memset(m, 0, sizeof(*m));
	if (method == RM_HEAD)
		method = RM_GET;
	for (size_t i = 0; i < n; i++) {
		const struct route *r = &table[i];
		if (!match_pattern(r->pattern, path, NULL, m))
			continue;
		if (r->methods & method) {
			match_pattern(r->pattern, path, a, m);
			m->route = r;
			m->route_index = i;
			return ROUTE_FOUND;
		}
		m->allowed |= r->methods;
	}
	if (!m->allowed)
		return ROUTE_NOT_FOUND;
	if (m->allowed & RM_GET)
		m->allowed |= RM_HEAD;
	return ROUTE_METHOD_NOT_ALLOWED;
}

void route_allow_header(unsigned set, char *out, size_t outlen)
{
	size_t used = 0;
	out[0] = '\0';
	if (set & RM_GET)
		set |= RM_HEAD;
	for (size_t i = 0; i < ARRAY_LEN(methods); i++) {
		if (!(set & methods[i].bit))
			continue;
		size_t need = (used ? 2 : 0) + strlen(methods[i].name);
		if (need >= outlen - used)
			return; /* whole names only: stop before one that does not fit */
		used += (size_t)snprintf(out + used, outlen - used, "%s%s", used ? ", " : "",
					 methods[i].name);
	}
}

const char *route_param(const struct route_match *m, const char *name)
{
	size_t len = strlen(name);
	for (size_t i = 0; i < m->nparams; i++)
		if (m->params[i].name_len == len && !strncmp(m->params[i].name, name, len))
			return m->params[i].value;
	return NULL;
}
