/* filter.c - see filter.h. */
#include "catalogue/filter.h"

#include <string.h>

#include "catalogue/refdata.h"
#include "http/request.h"

/* Reads every value of name into out (at most max), each from vocab. */
static bool read_values(const struct req *rq, const char *name, const char *const *vocab,
			size_t nvocab, const char **out, size_t max, size_t *n)
{
	const char *vals[64];
	size_t count = req_query_all(rq, name, vals, 64);
	*n = 0;
	if (count > 64)
		return false;
	for (size_t i = 0; i < count; i++) {
		if (vals[i][0] == '\0')
			continue; /* an empty value is "not chosen" */
		size_t k = 0;
		while (k < nvocab && strcmp(vals[i], vocab[k]))
			k++;
		if (k == nvocab)
			return false;
		bool dup = false;
		for (size_t j = 0; j < *n; j++)
			dup |= out[j] == vocab[k];
		if (dup)
			continue;
		if (*n == max)
			return false;
		out[(*n)++] = vocab[k];
	}
	return true;
}

enum err project_search_read(struct db *db, void *ctx)
{
	struct project_search *s = ctx;
	struct req *rq = s->rq;
	struct project_query *q = &s->q;
	memset(q, 0, sizeof(*q));
	s->ps = NULL;
	s->n = 0;
	enum err e = catalogue_years(db, rq->arena, &q->years, &q->nyears);
	if (e)
		return e;
	struct project_filter *f = &q->f;
	if (!read_values(rq, "year", q->years, q->nyears, f->years, FILTER_MAX_YEARS, &f->nyears))
		q->errs[q->nerrs++] = (struct govuk_error){"year", "Select academic years from the list"};
	if (!read_values(rq, "phase", catalogue_phases, 3, f->phases, 3, &f->nphases))
		q->errs[q->nerrs++] = (struct govuk_error){"phase", "Select phases from the list: Primary, Secondary or Post-16"};
	if (!read_values(rq, "kind", catalogue_kinds, 4, f->kinds, 4, &f->nkinds))
		q->errs[q->nerrs++] = (struct govuk_error){"kind", "Select kinds of project from the list"};
	if (q->nerrs || s->skip)
		return ERR_OK;
	return catalogue_projects(db, rq->arena, f, &s->ps, &s->n);
}
