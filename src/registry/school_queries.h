/*
 * school_queries.h - the school search, a school's page, a trust's schools
 * and a hub's schools: their SQL (school_queries.c, search_queries.c) and
 * the bodies of their read transactions. Results live in the caller's
 * arena. Lookups are tri-state: ERR_OK, ERR_NOT_FOUND, or an error. A
 * query runs in the caller's open transaction, never one of its own.
 */
#ifndef MH_REGISTRY_SCHOOL_QUERIES_H
#define MH_REGISTRY_SCHOOL_QUERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "registry/school_link.h"
#include "registry/search_text.h"

struct arena;
struct db;

/* A school as a list shows it. */
struct school_row {
	const char *urn, *name, *phase, *type, *status, *town, *postcode;
	const char *la_code, *la_name, *trust_name, *open_date, *close_date; /* dates NULL when none */
	const char *hub_code, *hub_name; /* NULL: no hub (its local authority has none) */
	bool hub_demo;                   /* the hub is a demo assignment, not official */
	bool outside_england;            /* in Wales or offshore (its local authority or GIAS's region says so) */
	const char *type_group;          /* GIAS's ("Independent schools"); "" where a list does not need it */
};

/* A school's page: GIAS details, its hub, its chain. */
struct school {
	const char *urn, *name, *la_code, *la_name, *type, *type_group, *phase, *status;
	const char *open_date, *open_reason, *close_date, *close_reason; /* dates NULL when none */
	int64_t low_age, high_age;   /* -1: not known */
	int64_t pupils;              /* -1: not known */
	int64_t trust_id;            /* 0: none */
	const char *trust_name, *trust_code;
	const char *street, *locality, *address3, *town, *county, *postcode, *website, *telephone, *region;
	const char *gias_changed_on;
	int64_t hub_id;              /* 0: none */
	const char *hub_code, *hub_name;
	bool hub_demo, hub_overridden;
	bool outside_england;        /* as struct school_row's */
	struct school_link *predecessors, *successors, *others; /* nearest first */
	size_t npredecessors, nsuccessors, nothers;
};

/* The words of a search and the page of results wanted. */
#define SEARCH_PAGE_MAX 50
struct school_search {
	struct arena *a;
	struct search_query q; /* from search_query_parse (q.nwords > 0) */
	int64_t page, page_size; /* page from 1; page_size 1..SEARCH_PAGE_MAX */
	/* out */
	int64_t total;           /* every school that matches */
	struct school_row *rows; /* this page's, best first */
	size_t n;
};

/* Schools matching s->q, best first: the URN or postcode typed exactly,
 * then open schools before those proposed to open, then closed ones; then
 * names starting with the words typed; then by name (its folded words) and
 * URN. The same order on SQLite and PostgreSQL. Body of a read
 * transaction (db_transact's fn, ctx a struct school_search). */
enum err school_search_read(struct db *db, void *ctx);

/* Find your Maths Hub: the search (school_search_read) and, when it finds
 * one school (the only match, or the one the picker chose) that has
 * closed, the school open in its place today: the latest open school of
 * its successors' chain (the first by URN of several), with its hub. */
struct hub_finder {
	struct school_search *s;
	/* out */
	bool one;                      /* one school found: s->rows[0] is the answer */
	const struct school_link *direct; /* one closed: the first school that replaced it directly, or NULL */
	struct school_row *successor;  /* one closed: the school open in its place today, or NULL */
	int successor_depth;           /* 1: it replaced the closed school directly */
};
enum err hub_finder_read(struct db *db, void *ctx);

/* A school's page: the school (ERR_NOT_FOUND if none), its hub, its
 * predecessors and successors followed through every link (a cycle ends
 * where it started) and its other links; for a page (rq set), what each
 * capability's part of it (module.h's struct school_part) reads. */
struct req;
struct school_lookup {
	struct arena *a;
	const char *urn;
	struct req *rq;        /* NULL: no parts (the API) */
	struct school school;
	void **parts;          /* one per module_school_parts, in their order */
	size_t nparts;
};
enum err school_lookup_read(struct db *db, void *ctx);

/* A trust (ERR_NOT_FOUND if none) and its schools, open first. */
struct trust_lookup {
	struct arena *a;
	int64_t id;
	const char *name, *code;
	struct school_row *rows;
	size_t n;
};
enum err trust_lookup_read(struct db *db, void *ctx);

/* A hub's schools: the filter (each "" for any value, but status: ""
 * is the open ones, those proposed to close too; "all" is any), its
 * counts, the values its filters offer, one page (or every school, for an
 * export). */
struct hub_filter {
	const char *phase, *group, *type, *status, *la; /* group: GIAS's type group ("Independent schools") */
};

struct facet {
	const char *value, *label; /* label: the local authority's name (else value) */
	int64_t count;
};

#define HUB_SCHOOLS_EXPORT_MAX 100000
struct hub_schools {
	struct arena *a;
	const char *code;       /* the hub's code */
	struct hub_filter f;
	int64_t page, page_size; /* page_size 0: every school (exports), up to HUB_SCHOOLS_EXPORT_MAX */
	/* out */
	int64_t hub_id;
	const char *hub_name, *hub_region;
	bool any_demo;           /* one of its local authorities is a demo assignment */
	/* what the filters offer: the whole hub's values; the counts of phases,
	 * groups, types and local authorities are of the schools of the status
	 * chosen, those of the statuses of every school */
	struct facet *phases, *groups, *types, *statuses, *las;
	size_t nphases, ngroups, ntypes, nstatuses, nlas;
	int64_t all;             /* the hub's schools, of any status */
	int64_t of_status;       /* those of the status chosen */
	int64_t total;           /* those the whole filter keeps */
	struct facet *by_phase, *by_group, *by_type; /* of those the filter keeps, most first */
	size_t nby_phase, nby_group, nby_type;
	struct school_row *rows;
	size_t n;
};
/* ERR_NOT_FOUND when there is no hub with that code. */
enum err hub_schools_read(struct db *db, void *ctx);

/* GIAS statuses as stored, and as people read them. */
const char *school_status_label(const char *status);

#endif
