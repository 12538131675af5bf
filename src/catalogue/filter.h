/*
 * filter.h - reads the project filter (year, phase, kind; each repeatable)
 * from a request's query, the same way for the pages and the API.
 */
#ifndef MH_CATALOGUE_FILTER_H
#define MH_CATALOGUE_FILTER_H

#include <stddef.h>

#include "catalogue/queries.h"
#include "core/err.h"
#include "html/govuk.h"

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

/* Reads the catalogue's years, then the filter from rq's query into q. A
 * value outside its vocabulary is reported in q->errs (still ERR_OK); an
 * error is returned only if the database fails. */
enum err project_query_read(struct req *rq, struct project_query *q);

#endif
