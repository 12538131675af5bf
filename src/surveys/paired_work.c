/*
 * paired_work.c - the paired change of a year worked out (results.h):
 * each activity's pairs of each key and its people in only one of the two
 * surveys, read (results_queries.c) and put in blocks joined with both
 * surveys' results' blocks (blocks.c), for the group of a page, or for the
 * whole programme when one of the year's surveys closes (counted.c); and
 * the whole programme's, as then stored, read back.
 */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "surveys/results.h"

/* The keys asked on the agree scale in a (reported) section of an autumn
 * and of a summer template of the year, and never otherwise in either:
 * "a,b,c"; and each key's words (the autumn survey's). */
static const char *paired_keys(struct arena *a, struct survey_paired *p, struct survey_template *all,
			       const struct survey_content *c, size_t n)
{
	const char *keys = "";
	size_t nkeys = 0, cap = 0;
	p->rows = NULL;
	for (size_t i = 0; i < n; i++) {
		if (all[i].kind != SURVEY_AUTUMN)
			continue;
		for (size_t s = 0; s < c[i].nsections; s++)
			for (size_t q = 0; !c[i].sections[s].internal && q < c[i].sections[s].nquestions; q++) {
				const struct survey_question *x = &c[i].sections[s].questions[q];
				if (x->type != SQ_AGREE5)
					continue;
				bool in_summer = false, other = false, seen = false;
				for (size_t k = 0; k < nkeys; k++)
					seen |= !strcmp(p->rows[k].key, x->key);
				for (size_t j = 0; !seen && j < n; j++) {
					if (all[j].kind == SURVEY_LLME)
						continue;
					size_t sj, qj;
					if (!survey_question_find(&c[j], x->key, &sj, &qj))
						continue;
					const struct survey_section *ss = &c[j].sections[sj];
					if (ss->internal || ss->questions[qj].type != SQ_AGREE5)
						other = true;
					else if (all[j].kind == SURVEY_SUMMER)
						in_summer = true;
				}
				if (seen || other || !in_summer)
					continue;
				struct survey_paired_row *row = arena_push(a, (void **)&p->rows, &nkeys, &cap, sizeof(*row));
				*row = (struct survey_paired_row){.key = x->key, .text = x->text};
				keys = arena_printf(a, "%s%s%s", keys, nkeys > 1 ? "," : "", x->key);
			}
	}
	p->nrows = nkeys;
	return keys;
}

/* The ids of the closed autumn and summer surveys of all[0, n), "10,11":
 * those paired change is worked out from. */
static const char *closed_ids(struct arena *a, const struct survey_template *all, size_t n)
{
	const char *s = "";
	for (size_t i = 0; i < n; i++)
		if (all[i].status == SURVEY_CLOSED && all[i].kind != SURVEY_LLME)
			s = arena_printf(a, "%s%s%lld", s, *s ? "," : "", (long long)all[i].id);
	return s;
}

/* The year's templates' contents (*tc: those that do not parse ask
 * nothing), and paired_keys of them. */
static const char *year_keys(struct arena *a, struct survey_paired *p, struct survey_template *all, size_t n,
			     struct survey_content **tc)
{
	*tc = arena_alloc(a, (n + 1) * sizeof(**tc));
	for (size_t i = 0; i < n; i++)
		if (!survey_content_parse(a, all[i].content, &(*tc)[i]))
			(*tc)[i] = (struct survey_content){0};
	return paired_keys(a, p, all, *tc, n);
}

static int single_order(const void *x, const void *y)
{
	const struct survey_paired_single *a = x, *b = y;
	int c = strcmp(a->key, b->key);
	return c ? c : (a->activity > b->activity) - (a->activity < b->activity);
}

static int cmp64(int64_t a, int64_t b)
{
	return (a > b) - (a < b);
}

/* The paired units by key and activity, an activity's own pairs before a
 * results unit's stand-in (no pairs). */
static int paired_order(const void *x, const void *y)
{
	const struct survey_paired_unit *a = x, *b = y;
	int c = strcmp(a->u.key, b->u.key);
	if (!c)
		c = cmp64(a->u.activity, b->u.activity);
	return c ? c : cmp64(b->u.n, a->u.n);
}

static int results_unit_order(const void *x, const void *y)
{
	const struct survey_results_unit *a = x, *b = y;
	int c = strcmp(a->u.key, b->u.key);
	if (!c)
		c = cmp64(a->template_id, b->template_id);
	return c ? c : cmp64(a->u.activity, b->u.activity);
}

static int activity_of(const void *k, const void *el)
{
	return cmp64(*(const int64_t *)k, ((const struct survey_paired_unit *)el)->u.activity);
}

/* One key's change (row), from its units x[0, m) (by activity: every
 * activity with pairs or with an answer in either survey, and their blocks
 * of the change, survey_units_blocks) and ru[0, nru) (its units of each survey's
 * results, by template, with their blocks: survey_units_blocks). A unit is shown
 * when its component, its change's and each survey's results' blocks
 * joined (survey_blocks_join), is wholly in the group: any sum or
 * difference of two groups' changes and results is then of whole
 * components. A shown component with 1 to 4 people in only one of the two
 * surveys (ps: the group's, by key and activity) is held back from every
 * group's change (the summer results less the autumn results less the
 * change would tell those few), counting those of its activities with no
 * pairs too. */
static void paired_key(struct arena *a, struct survey_paired_row *row, struct survey_paired_unit *x, size_t m,
		       struct survey_results_unit *ru, size_t nru, struct survey_paired_single *ps, size_t nps)
{
	struct survey_member *mem = arena_alloc(a, (m + nru + 1) * sizeof(*mem));
	size_t nmem = 0;
	for (size_t j = 0; j < m; j++)
		mem[nmem++] = (struct survey_member){.part = 0, .block = x[j].u.block, .at = j};
	for (size_t i = 0, run = 0; i < nru; i++) {
		if (i && ru[i].template_id != ru[i - 1].template_id)
			run = i;
		const struct survey_paired_unit *f = bsearch(&ru[i].u.activity, x, m, sizeof(*x), activity_of);
		if (f) /* always: x has every activity of ru */
			mem[nmem++] = (struct survey_member){.part = 1 + run, .block = ru[i].u.block, .at = (size_t)(f - x)};
	}
	bool *in = arena_alloc(a, (m + 1) * sizeof(*in)), *shown = arena_alloc(a, (m + 1) * sizeof(*shown));
	size_t *comp = arena_alloc(a, (m + 1) * sizeof(*comp));
	int64_t *single = arena_alloc(a, (m + 1) * sizeof(*single)), *tot = arena_alloc(a, (m + 1) * sizeof(*tot));
	for (size_t j = 0; j < m; j++) {
		in[j] = x[j].u.in_group;
		struct survey_paired_single k = {.activity = x[j].u.activity, .key = x[j].u.key};
		const struct survey_paired_single *f = nps ? bsearch(&k, ps, nps, sizeof(*ps), single_order) : NULL;
		single[j] = f ? f->n : 0;
		tot[j] = 0;
	}
	survey_blocks_join(m, mem, nmem, in, comp, shown);
	for (size_t j = 0; j < m; j++)
		tot[comp[j]] += single[j];
	for (size_t j = 0; j < m; j++) {
		const struct survey_sums *su = &x[j].sums;
		bool held = tot[comp[j]] > 0 && survey_suppressed(tot[comp[j]]);
		if (shown[j] && held) {
			row->sums.held += su->pairs;
			row->sums.single += single[j];
		} else if (shown[j]) {
			row->sums.pairs += su->pairs;
			row->sums.change += su->change;
			row->sums.up += su->up;
			row->sums.down += su->down;
		} else if (in[j])
			row->left_out += su->pairs;
	}
}

/* results.h */
enum err survey_paired_work(struct db *db, struct arena *a, struct survey_paired *p, struct survey_template *all,
			    size_t n, const struct survey_filter *group)
{
	int year = p->year;
	enum err e;
	struct survey_content *tc;
	const char *keys = year_keys(a, p, all, n, &tc);
	struct survey_filter f = *group;
	f.keys = keys;
	struct survey_paired_unit *pu;
	struct survey_paired_single *ps;
	struct survey_results_unit *ru;
	size_t npu, nps, nru;
	if ((e = survey_paired_people(db, year, &f, &p->people)) ||
	    (e = survey_paired_units(db, a, year, &f, &pu, &npu)) ||
	    (e = survey_paired_singles(db, a, year, &f, &ps, &nps)) ||
	    (e = survey_paired_results_units(db, a, year, &f, &ru, &nru)))
		return e;
	/* each survey's results' blocks, per template and key, as its results page makes them: of the
	 * keys of its reported sections only (its structure is fixed once open, so this is a guard) */
	if (nru)
		qsort(ru, nru, sizeof(*ru), results_unit_order);
	size_t kept = 0;
	bool reported = false;
	for (size_t i = 0; i < nru; i++) {
		if (!i || ru[i].template_id != ru[i - 1].template_id || strcmp(ru[i].u.key, ru[i - 1].u.key)) {
			size_t t, sj, qj;
			for (t = 0; t < n && all[t].id != ru[i].template_id; t++)
				;
			reported = t < n && survey_question_find(&tc[t], ru[i].u.key, &sj, &qj) && !tc[t].sections[sj].internal;
		}
		if (reported)
			ru[kept++] = ru[i];
	}
	nru = kept;
	struct survey_unit_of **ur = arena_alloc(a, (nru + 1) * sizeof(*ur));
	for (size_t s = 0, e2; s < nru; s = e2) {
		for (e2 = s; e2 < nru && ru[e2].template_id == ru[s].template_id && !strcmp(ru[e2].u.key, ru[s].u.key); e2++)
			;
		for (size_t i = s; i < e2; i++)
			ur[i] = &ru[i].u;
		survey_units_blocks(a, ur + s, e2 - s);
	}
	/* the change's units: every activity with pairs, or an answer in either survey (no pairs) */
	struct survey_paired_unit *xu = arena_alloc(a, (npu + nru + 1) * sizeof(*xu));
	size_t nx = 0;
	for (size_t i = 0; i < npu; i++)
		xu[nx++] = pu[i];
	for (size_t i = 0; i < nru; i++)
		xu[nx++] = (struct survey_paired_unit){.u = {.activity = ru[i].u.activity, .ncp = ru[i].u.ncp,
							     .hub = ru[i].u.hub, .key = ru[i].u.key,
							     .in_group = ru[i].u.in_group}};
	if (nx)
		qsort(xu, nx, sizeof(*xu), paired_order);
	size_t k = 0;
	for (size_t i = 0; i < nx; i++)
		if (!k || strcmp(xu[i].u.key, xu[k - 1].u.key) || xu[i].u.activity != xu[k - 1].u.activity)
			xu[k++] = xu[i];
	nx = k;
	struct survey_unit_of **u = arena_alloc(a, (nx + 1) * sizeof(*u));
	for (size_t i = 0; i < nx; i++)
		u[i] = &xu[i].u;
	if (nps)
		qsort(ps, nps, sizeof(*ps), single_order);
	for (size_t r = 0; r < p->nrows; r++) {
		struct survey_paired_row *row = &p->rows[r];
		size_t xs = 0, xe, rs = 0, re;
		while (xs < nx && strcmp(xu[xs].u.key, row->key))
			xs++;
		for (xe = xs; xe < nx && !strcmp(xu[xe].u.key, row->key); xe++)
			;
		while (rs < nru && strcmp(ru[rs].u.key, row->key))
			rs++;
		for (re = rs; re < nru && !strcmp(ru[re].u.key, row->key); re++)
			;
		survey_units_blocks(a, u + xs, xe - xs); /* the change's own blocks */
		paired_key(a, row, xu + xs, xe - xs, ru + rs, re - rs, ps, nps);
	}
	return ERR_OK;
}

/* results.h */
enum err survey_paired_counted(struct db *db, struct arena *a, struct survey_paired *p, struct survey_template *all,
			       size_t n, bool *counted)
{
	struct survey_content *tc;
	const char *keys = year_keys(a, p, all, n, &tc), *kept;
	struct survey_paired_row *rows;
	size_t nrows;
	const char *from;
	*counted = false;
	enum err e = survey_paired_totals_read(db, a, p->year, &from, &kept, &p->people, &rows, &nrows);
	if (e == ERR_NOT_FOUND || (!e && (strcmp(kept, keys) || strcmp(from, closed_ids(a, all, n)))))
		return ERR_OK; /* none kept, or from other surveys or keys (a template since made): worked out here */
	for (size_t r = 0; !e && r < p->nrows; r++)
		for (size_t i = 0; i < nrows; i++)
			if (!strcmp(rows[i].key, p->rows[r].key)) {
				p->rows[r].sums = rows[i].sums;
				p->rows[r].left_out = rows[i].left_out;
			}
	*counted = !e;
	return e;
}

/* results.h */
enum err survey_paired_count(struct db *db, struct arena *a, int year)
{
	struct survey_template *all;
	size_t n;
	enum err e = survey_templates_of_year(db, a, year, &all, &n);
	if (e)
		return e;
	if ((e = survey_pairs_write(db, year)))
		return e;
	struct survey_paired p = {.year = year};
	struct survey_filter whole = {.projects = "", .hubs = "", .keys = "", .left_out = ""};
	if ((e = survey_paired_work(db, a, &p, all, n, &whole)))
		return e;
	const char *keys = "";
	for (size_t i = 0; i < p.nrows; i++)
		keys = arena_printf(a, "%s%s%s", keys, i ? "," : "", p.rows[i].key);
	return survey_paired_totals_write(db, &p, closed_ids(a, all, n), keys);
}
