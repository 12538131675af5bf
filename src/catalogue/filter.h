/*
 * filter.h - reads the project filter (year, phase, kind; each repeatable)
 * from a request's query, the same way for the pages and the API.
 */
#ifndef MH_CATALOGUE_FILTER_H
#define MH_CATALOGUE_FILTER_H

#include <stdbool.h>
#include <stddef.h>

#include "catalogue/queries.h"
#include "core/err.h"
#include "html/govuk.h"

struct db;
struct req;

#define FILTER_MAX_ERRORS 4

/* A request's filter and what it was checked against. */
struct project_query {
	const char **years; /* academic years that have a catalogue, newest first */
	size_t nyears;
	struct project_filter f;
	struct govuk_error errs[FILTER_MAX_ERRORS]; /* field id and message, for the error summary */
	size_t nerrs;
};

/* A search of the catalogue: the request's filter, and the projects it
 * finds (none when the filter has errors or skip is set). */
struct project_search {
	struct req *rq;
	bool skip;              /* the caller found an error of its own: read the years only */
	struct project_query q;
	struct project *ps;
	size_t n;
};

/* The body of one read transaction (db_transact's fn, ctx a struct
 * project_search): reads the catalogue's years, then the filter from the
 * request's query, then the matching projects. A value outside its
 * vocabulary is reported in q.errs (still ERR_OK); an error is returned
 * only if the database fails. */
enum err project_search_read(struct db *db, void *ctx);

#endif
