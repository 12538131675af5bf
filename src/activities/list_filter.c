/* list_filter.c - see list.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "activities/activities.h"
#include "activities/list.h"
#include "auth/perm.h"
#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/workdays.h"
#include "db/db.h"
#include "http/request.h"

int activities_this_year(void)
{
	char today[11];
	int year = 0;
	london_from_unix(clock_now(), today, NULL);
	acyear_of_date(today, &year);
	return year;
}

static void fail(struct hub_list *l, const char *field, const char *message)
{
	for (size_t i = 0; i < l->nerrs; i++)
		if (!strcmp(l->errs[i].field, field))
			return;
	if (l->nerrs < HUB_LIST_ERRORS)
		l->errs[l->nerrs++] = (struct govuk_error){field, message};
}

/* Every non-empty value of name, each once; false when there are more than max. */
static bool values_of(struct req *rq, const char *name, const char **out, size_t max, size_t *n)
{
	const char *v[64];
	size_t count = req_query_all(rq, name, v, 64);
	*n = 0;
	if (count > 64)
		return false;
	for (size_t i = 0; i < count; i++) {
		bool dup = !v[i][0];
		for (size_t j = 0; j < *n && !dup; j++)
			dup = !strcmp(out[j], v[i]);
		if (dup)
			continue;
		if (*n == max)
			return false;
		out[(*n)++] = v[i];
	}
	return true;
}

/* Values of a closed vocabulary (the terms' own strings are kept). */
static void vocab(struct hub_list *l, const char *name, const struct activities_term *terms, size_t nterms,
		  const char **out, size_t *n, const char *message)
{
	const char *v[8];
	size_t k;
	*n = 0;
	if (!values_of(l->rq, name, v, 8, &k)) {
		fail(l, name, message);
		return;
	}
	for (size_t i = 0; i < k; i++) {
		size_t t = 0;
		while (t < nterms && strcmp(terms[t].key, v[i]))
			t++;
		if (t == nterms) {
			fail(l, name, message);
			*n = 0;
			return;
		}
		out[(*n)++] = terms[t].key;
	}
}

static bool whole_number(const char *s, long long lo, long long hi, long long *out)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	if (!s[0] || *end || s[0] == '+' || s[0] == '-' || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

void activities_hub_list_parse(struct req *rq, struct hub_list *l)
{
	struct activity_filter *f = &l->f;
	f->year = activities_this_year();
	const char *y = req_query(rq, "year");
	long long v;
	int year;
	if (y && y[0]) {
		if (acyear_parse(y, &year))
			f->year = year;
		else if (whole_number(y, 2000, 2100, &v))
			f->year = (int)v;
		else
			fail(l, "year", "Select an academic year from the list");
	}
	/* NCPs: codes, and "local" for activities outside the catalogue */
	const char *ncps[ACTIVITIES_FILTER_NCPS + 1];
	size_t k;
	if (!values_of(rq, "ncp", ncps, ACTIVITIES_FILTER_NCPS + 1, &k) || k > ACTIVITIES_FILTER_NCPS) {
		fail(l, "ncp", "Select at most 12 NCPs");
		k = 0;
	}
	for (size_t i = 0; i < k; i++) {
		l->ncp_values[l->nncp_values++] = ncps[i];
		if (!strcmp(ncps[i], "local"))
			f->local = true;
		else if (strlen(ncps[i]) > 20)
			fail(l, "ncp", "Select NCPs from the list");
		else
			f->ncps[f->nncps++] = ncps[i];
	}
	vocab(l, "kind", activities_kinds, ACTIVITIES_NKINDS, f->kinds, &f->nkinds, "Select kinds of activity from the list");
	static const struct activities_term phase_terms[] = {{"Primary", ""}, {"Secondary", ""}, {"Post-16", ""}};
	vocab(l, "phase", phase_terms, 3, f->phases, &f->nphases, "Select phases from the list: Primary, Secondary or Post-16");
	vocab(l, "status", activities_statuses, ACTIVITIES_NSTATUSES, f->statuses, &f->nstatuses,
	      "Select statuses from the list");
	const char *leads[ACTIVITIES_FILTER_LEADS];
	if (!values_of(rq, "lead", leads, ACTIVITIES_FILTER_LEADS, &k)) {
		fail(l, "lead", "Select at most 8 LLME leads");
		k = 0;
	}
	for (size_t i = 0; i < k; i++) {
		if (!whole_number(leads[i], 1, INT64_MAX, &v)) {
			fail(l, "lead", "Select LLME leads from the list");
			f->nleads = 0;
			break;
		}
		f->leads[f->nleads++] = v;
	}
	const char *p = req_query(rq, "page");
	if (l->page && p && !whole_number(p, 1, 100000, &v))
		fail(l, "results", "Page must be a whole number, 1 or more");
	else if (l->page && p)
		l->page = (long)v;
}

static bool has_facet(const struct activity_facet *v, size_t n, const char *code, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (code ? !strcmp(v[i].code, code) : v[i].id == id)
			return true;
	return false;
}

enum err activities_hub_list_read(struct db *db, void *ctx)
{
	struct hub_list *l = ctx;
	struct req *rq = l->rq;
	const struct session *s = rq->session;
	l->rows = NULL;
	l->n = 0;
	l->total = 0;
	enum err e = activity_hub_by_code(db, rq->arena, l->code, &l->hub);
	if (e)
		return e;
	int64_t h[1] = {l->hub.id};
	struct perm_target hub = {.hub_ids = h, .nhubs = 1};
	struct activity_filter *f = &l->f;
	f->restricted = false;
	f->nprojects = 0;
	if (!perm_allows(s->grants, s->ngrants, s->person_id, CAP_ACTIVITIES_READ, &hub)) {
		/* a Project Lead, Hub Lead Link or National Link: their NCPs' runs in the hub */
		struct perm_scope sc[ACTIVITIES_FILTER_PROJECTS];
		size_t n = perm_scopes(s->grants, s->ngrants, s->person_id, CAP_ACTIVITIES_READ, sc, ACTIVITIES_FILTER_PROJECTS);
		for (size_t i = 0; i < n && i < ACTIVITIES_FILTER_PROJECTS; i++)
			if (sc[i].kind == SCOPE_PROJECT && sc[i].id)
				f->projects[f->nprojects++] = sc[i].id;
		if (!f->nprojects) {
			l->forbidden = true;
			return ERR_OK;
		}
		f->restricted = true;
	}
	l->organises = perm_allows(s->grants, s->ngrants, s->person_id, CAP_ACTIVITIES_MANAGE, &hub);
	l->names = l->organises || perm_scope(s->grants, s->ngrants, CAP_ACTIVITIES_READ) == SCOPE_NATIONAL;
	if ((e = activity_list_facets(db, rq->arena, l->hub.id, f, &l->facets)))
		return e;
	for (size_t i = 0; i < f->nncps; i++)
		if (!has_facet(l->facets.ncps, l->facets.nncps, f->ncps[i], 0))
			fail(l, "ncp", "Select NCPs from the list");
	for (size_t i = 0; i < f->nleads; i++)
		if (!has_facet(l->facets.leads, l->facets.nleads, NULL, f->leads[i]))
			fail(l, "lead", "Select LLME leads from the list");
	if (l->nerrs)
		return ERR_OK;
	if ((e = activity_list_hub(db, rq->arena, l->hub.id, f, l->page, l->page_size, &l->rows, &l->n, &l->total)))
		return e;
	return activity_list_extras(db, rq->arena, l->rows, l->n);
}

const char *activities_role_text(const char *role)
{
	return !role ? "" : !strcmp(role, "lead") ? "Lead" : !strcmp(role, "partner") ? "Partner" : "Its schools take part";
}

const char *activities_status_colour(const char *status)
{
	return !strcmp(status, "recruiting") ? "blue" : !strcmp(status, "running") ? "green"
	       : !strcmp(status, "cancelled") ? "red" : !strcmp(status, "completed") ? "grey" : "yellow";
}

const char *activities_names(struct arena *a, const char *const *names, size_t n)
{
	const char *out = "";
	for (size_t i = 0; i < n; i++)
		out = arena_printf(a, "%s%s%s", out, i ? ", " : "", names[i]);
	return out;
}

const char *activities_part_text(struct arena *a, const struct activity_list_row *r)
{
	const char *parts[3];
	size_t n = 0;
	if (r->leads_it)
		parts[n++] = "You lead it";
	if (r->links_it) {
		parts[n] = n ? "you are its MHLM link" : "You are its MHLM link";
		n++;
	}
	if (r->takes_part) {
		parts[n] = n ? "you take part" : "You take part";
		n++;
	}
	const char *out = "";
	for (size_t i = 0; i < n; i++)
		out = arena_printf(a, "%s%s%s", out, i ? "; " : "", parts[i]);
	return out;
}
