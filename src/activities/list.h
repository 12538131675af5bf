/*
 * list.h - what a hub's list of activities, its downloads and the API
 * share (list_filter.c): its request read and checked (year, NCP, kind,
 * phase, LLME lead, status, page), who may read it and how much of it,
 * and its one read transaction; and the words of a list's cells.
 */
#ifndef MH_ACTIVITIES_LIST_H
#define MH_ACTIVITIES_LIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "activities/activity_queries.h"
#include "activities/list_queries.h"
#include "core/err.h"
#include "html/govuk.h"

struct db;
struct req;

#define HUB_LIST_ERRORS 8

struct hub_list {
	struct req *rq;
	const char *code;           /* the hub's, from the path (or ?hub= on the API) */
	long page, page_size;       /* page 0: every row (the downloads) */
	struct activity_filter f;
	/* read by activities_hub_list_read */
	struct activity_option hub;
	struct activity_facets facets;
	struct activity_list_row *rows;
	size_t n;
	int64_t total;
	bool forbidden;             /* the reader may not read this hub's list */
	bool organises;             /* they may create an activity for the hub */
	bool names;                 /* they see its people: its leadership, the national team (the API's leads) */
	struct govuk_error errs[HUB_LIST_ERRORS]; /* field (the query parameter) and message */
	size_t nerrs;
	const char *ncp_values[ACTIVITIES_FILTER_NCPS + 1]; /* as sent, "local" too: shown back */
	size_t nncp_values;
};

/* Reads the query's filter into l (year: this academic year unless
 * given); a value that is malformed or of no vocabulary, or too many, is
 * an error in l->errs. Before the transaction. */
void activities_hub_list_parse(struct req *rq, struct hub_list *l);

/* The body of the list's one read transaction (db_transact's fn, ctx a
 * struct hub_list): the hub (ERR_NOT_FOUND: none), whether the reader may
 * read it (forbidden; a project-scoped reader only their NCPs' runs), the
 * filter's values (an NCP or lead not among them is an error), then the
 * rows with their leads and phases unless there are errors. */
enum err activities_hub_list_read(struct db *db, void *ctx);

/* An NCP's runs across the hubs (project_list.c): for the national team
 * and the NCP's own team (Project Lead, Hub Lead Link, National Link). */
struct project_list {
	struct req *rq;
	const char *code;
	long page;                  /* 0: every row */
	struct activity_facet project; /* its id, code and title */
	struct activity_list_row *rows;
	size_t n;
	int64_t total;
	bool forbidden;
};
/* The body of its one read transaction (ERR_NOT_FOUND: no such NCP). */
enum err activities_project_list_read(struct db *db, void *ctx);

/* The rows of a list as CSV or XLSX (export.c): which list says which
 * column of the reader's part there is. */
enum activities_export_kind { EXPORT_HUB, EXPORT_OWN, EXPORT_PROJECT };
struct resp;
enum err activities_export(struct req *rq, struct resp *rs, enum activities_export_kind kind, bool xlsx,
			   const char *filename, const struct activity_list_row *rows, size_t n);

/* This academic year (from the clock, Europe/London). */
int activities_this_year(void);

/* The words of a list's cells. */
const char *activities_role_text(const char *hub_role); /* "Lead", "Partner", "Its schools take part" */
/* A list's row header: the title linked, its NCP and kind (and more, if
 * not NULL) beneath it. */
struct html;
void activities_title_cell(struct html *w, struct req *rq, const struct activity_list_row *r, const char *more);
const char *activities_status_colour(const char *status);
/* "Ann Lee, Raj Patel" ("" for none). */
const char *activities_names(struct arena *a, const char *const *names, size_t n);
/* "You lead it; you take part" */
const char *activities_part_text(struct arena *a, const struct activity_list_row *r);

#endif
