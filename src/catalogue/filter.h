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

/* Fills f from rq's query. years are the academic years that have a
 * catalogue; a value outside a vocabulary is an error, reported in errs
 * (field id and message, for the GOV.UK error summary). Returns ERR_OK or
 * ERR_INVALID. */
enum err project_filter_read(const struct req *rq, const char *const *years, size_t nyears,
			     struct project_filter *f, struct govuk_error *errs, size_t *nerrs);

#endif
