/*
 * school_link.h - a school linked to another (a predecessor, a successor,
 * another link), as the registry reads GIAS's links: what registry.h's
 * school_lineage gives and a school's page shows.
 */
#ifndef MH_REGISTRY_SCHOOL_LINK_H
#define MH_REGISTRY_SCHOOL_LINK_H

#include <stdbool.h>

struct school_link {
	const char *urn, *name, *status, *close_date, *link_type, *linked_on;
	int depth;  /* 1: linked directly; 2: through one school; ... */
	bool known; /* the school is in the register (so it has a page) */
};

#endif
