/*
 * blocks.c - the small-group rule against differencing (rules.h,
 * survey_blocks): answers in blocks of none or at least SURVEY_MIN_GROUP,
 * a group showing only the blocks wholly inside it. Union-find over the
 * units, sorted by hub, NCP and size, so that a cell's and a hub's units
 * are runs, smallest first. A small pool goes first to its own hub's
 * blocks: the hub's results stay whole, and what an NCP's leave out is a
 * few hubs' small activities among many.
 */
#include <stdlib.h>

#include "core/arena.h"
#include "surveys/results.h"
#include "surveys/rules.h"

static int unit_order(const void *x, const void *y)
{
	const struct survey_unit *a = x, *b = y;
	if (a->hub != b->hub)
		return a->hub < b->hub ? -1 : 1;
	if (a->ncp != b->ncp)
		return a->ncp < b->ncp ? -1 : 1;
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	return a->row < b->row ? -1 : a->row > b->row;
}

static size_t root(struct survey_unit *u, size_t i)
{
	while (u[i].parent_ != i) {
		u[i].parent_ = u[u[i].parent_].parent_;
		i = u[i].parent_;
	}
	return i;
}

/* Joins i's block and j's; the root of both. */
static size_t join(struct survey_unit *u, size_t i, size_t j)
{
	size_t a = root(u, i), b = root(u, j);
	if (a == b)
		return a;
	u[b].parent_ = a;
	u[a].total_ += u[b].total_;
	u[a].open_ = u[a].open_ || u[b].open_;
	return a;
}

static bool small(int64_t n)
{
	return n > 0 && survey_suppressed(n);
}

/* In [s, e), the root of the smallest block of at least five other than
 * not (SIZE_MAX: none). */
static size_t smallest_other(struct survey_unit *u, size_t s, size_t e, size_t not)
{
	size_t best = SIZE_MAX;
	for (size_t i = s; i < e; i++) {
		size_t r = root(u, i);
		if (r != not && u[r].total_ >= SURVEY_MIN_GROUP && (best == SIZE_MAX || u[r].total_ < u[best].total_))
			best = r;
	}
	return best;
}

/* The open pools in [s, e) joined into one; under five, it takes the
 * smallest other block there, or stays open (SIZE_MAX: none open). */
static void close_pools(struct survey_unit *u, size_t s, size_t e)
{
	size_t pool = SIZE_MAX;
	for (size_t i = s; i < e; i++)
		if (u[root(u, i)].open_)
			pool = pool == SIZE_MAX ? root(u, i) : join(u, pool, i);
	if (pool == SIZE_MAX || !small(u[pool].total_))
		goto closed;
	size_t other = smallest_other(u, s, e, pool);
	if (other == SIZE_MAX)
		return; /* still open: for the wider run */
	pool = join(u, pool, other);
closed:
	if (pool != SIZE_MAX)
		u[root(u, pool)].open_ = false;
}

void survey_blocks(struct survey_unit *u, size_t n)
{
	qsort(u, n, sizeof(*u), unit_order);
	for (size_t i = 0; i < n; i++) {
		u[i].parent_ = i;
		u[i].total_ = u[i].n;
		u[i].open_ = small(u[i].n);
		u[i].shown = false;
	}
	/* each cell (a hub's activities of one NCP), then each hub, then all */
	for (size_t s = 0, e; s < n; s = e) {
		for (e = s; e < n && u[e].hub == u[s].hub && u[e].ncp == u[s].ncp; e++)
			;
		close_pools(u, s, e);
	}
	for (size_t s = 0, e; s < n; s = e) {
		for (e = s; e < n && u[e].hub == u[s].hub; e++)
			;
		close_pools(u, s, e);
	}
	close_pools(u, 0, n);
}

int64_t survey_blocks_show(struct survey_unit *u, size_t n)
{
	for (size_t i = 0; i < n; i++)
		u[i].members_ = u[i].members_in_ = 0;
	for (size_t i = 0; i < n; i++) {
		size_t r = root(u, i);
		u[r].members_++;
		u[r].members_in_ += u[i].in_group;
	}
	int64_t left_out = 0;
	for (size_t i = 0; i < n; i++) {
		size_t r = root(u, i);
		u[i].block = r;
		u[i].shown = u[i].in_group && u[r].members_in_ == u[r].members_;
		if (u[i].in_group && !u[i].shown)
			left_out += u[i].n;
	}
	return left_out;
}

static int member_order(const void *x, const void *y)
{
	const struct survey_member *a = x, *b = y;
	if (a->part != b->part)
		return a->part < b->part ? -1 : 1;
	if (a->block != b->block)
		return a->block < b->block ? -1 : 1;
	return (a->at > b->at) - (a->at < b->at);
}

/* i's component: the least activity in it (each root is its set's least). */
static size_t least(size_t *c, size_t i)
{
	while (c[i] != i) {
		c[i] = c[c[i]];
		i = c[i];
	}
	return i;
}

void survey_blocks_join(size_t n, struct survey_member *m, size_t nm, const bool *in_group, size_t *component,
			bool *shown)
{
	for (size_t i = 0; i < n; i++) {
		component[i] = i;
		shown[i] = in_group[i];
	}
	if (nm)
		qsort(m, nm, sizeof(*m), member_order);
	/* each part's block is a run: its activities joined to its first */
	for (size_t k = 1; k < nm; k++) {
		if (m[k].part != m[k - 1].part || m[k].block != m[k - 1].block)
			continue;
		size_t a = least(component, m[k - 1].at), b = least(component, m[k].at);
		if (a < b)
			component[b] = a;
		else if (b < a)
			component[a] = b;
	}
	for (size_t i = 0; i < n; i++)
		component[i] = least(component, i);
	/* a component with one activity out of the group shows none of it */
	for (size_t i = 0; i < n; i++)
		if (!in_group[i])
			shown[component[i]] = false;
	for (size_t i = 0; i < n; i++)
		shown[i] = in_group[i] && shown[component[i]];
}

static int activity_order(const void *x, const void *y)
{
	const struct survey_unit_of *a = *(struct survey_unit_of *const *)x, *b = *(struct survey_unit_of *const *)y;
	return (a->activity > b->activity) - (a->activity < b->activity);
}

/* results.h */
void survey_units_blocks(struct arena *a, struct survey_unit_of **u, size_t n)
{
	qsort(u, n, sizeof(*u), activity_order);
	struct survey_unit *b = arena_alloc(a, (n + 1) * sizeof(*b));
	for (size_t i = 0; i < n; i++)
		b[i] = (struct survey_unit){.ncp = u[i]->ncp, .hub = u[i]->hub, .n = u[i]->n, .in_group = u[i]->in_group,
					    .row = i};
	survey_blocks(b, n);
	survey_blocks_show(b, n);
	for (size_t i = 0; i < n; i++) {
		u[b[i].row]->shown = b[i].shown;
		u[b[i].row]->block = b[i].block;
	}
}
