/*
 * journey.c - the teaching for mastery journey rule of journey.h
 * (docs/plans/hub-activities.md, section 2). Handbook 2024/25 lines as
 * H:n (../shared/seeds/004_...txt). The words are journey_words.c.
 */
#include "activities/journey.h"

#include <string.h>

#include "core/acyear.h"
#include "core/arena.h"

#define COUNT(x) (sizeof(x) / sizeof((x)[0]))
#define BIT(p) (1u << (p))

/* ---- the seeded per-NCP setting: the one place it is written ---- */

struct tfm_setting journey_default_setting(const char *code)
{
	static const struct {
		const char *suffix;
		struct tfm_setting s;
	} seed[] = {
		/* Mastering Number "contribute[s] to the Strategic Goal" (H:87) */
		{"06", {TFM_PATH_NONE, TFM_STAGE_NONE, TFM_CONTRIBUTES}},
		{"07a", {TFM_PATH_NONE, TFM_STAGE_NONE, TFM_CONTRIBUTES}},
		{"07b", {TFM_PATH_NONE, TFM_STAGE_NONE, TFM_CONTRIBUTES}},
		/* primary: Readiness, Development, Embedding, Sustaining (H:85) */
		{"08", {TFM_PRIMARY, TFM_READINESS, TFM_ENGAGED}},
		{"09", {TFM_PRIMARY, TFM_DEVELOPMENT, TFM_ENGAGED}},
		{"10", {TFM_PRIMARY, TFM_EMBEDDING, TFM_ENGAGED}},
		{"11", {TFM_PRIMARY, TFM_SUSTAINING, TFM_ENGAGED}},
		/* special schools' cross-phase Development Communities (H:132): the school's own path */
		{"09s", {TFM_PATH_NONE, TFM_DEVELOPMENT, TFM_ENGAGED}},
		/* secondary: Development, Embedding Year Support, Embedding and Sustaining (H:187-189) */
		{"12", {TFM_SECONDARY, TFM_DEVELOPMENT, TFM_ENGAGED}},
		{"13", {TFM_SECONDARY, TFM_EMBEDDING_YEAR_SUPPORT, TFM_ENGAGED}},
		{"14", {TFM_SECONDARY, TFM_EMBEDDING_AND_SUSTAINING, TFM_ENGAGED}},
	};
	const char *suffix = code ? code : "";
	const char *dash = strchr(suffix, '-');
	if (!strncmp(suffix, "NCP", 3) && dash)
		suffix = dash + 1;
	for (size_t i = 0; i < COUNT(seed); i++)
		if (!strcmp(seed[i].suffix, suffix))
			return seed[i].s;
	return (struct tfm_setting){TFM_PATH_NONE, TFM_STAGE_NONE, TFM_ENGAGEMENT_NONE};
}

/* ---- which rows count ---- */

static bool in_lineage(const struct journey_input *in, const char *urn)
{
	if (!urn || !in->school.urn)
		return false;
	if (!strcmp(urn, in->school.urn))
		return true;
	for (size_t i = 0; i < in->nlineage; i++)
		if (in->lineage[i].urn && !strcmp(in->lineage[i].urn, urn))
			return true;
	return false;
}

/* Planned or recruiting: not yet begun (plan 2.2). */
static bool not_begun(const char *status)
{
	return status && (!strcmp(status, "planned") || !strcmp(status, "recruiting"));
}

/* The school counts in year y of the activity: it had joined by then and
 * had not withdrawn before y ended (plan 2.2c). */
static bool counts_in(const struct journey_activity *r, int y)
{
	int joined;
	if (!r->joined_on || !acyear_of_date(r->joined_on, &joined) || joined > y)
		return false;
	char first[11], last[11];
	acyear_bounds(y, first, last);
	return !r->left_on || strcmp(r->left_on, last) > 0;
}

/* The paths a GIAS phase gives (plan 2.3); 0 for any other phase. */
static unsigned phase_paths(const char *phase)
{
	static const char *const primary[] = {"Primary", "Middle deemed primary", "Nursery"};
	static const char *const secondary[] = {"Secondary", "Middle deemed secondary", "16 plus"};
	for (size_t i = 0; phase && i < COUNT(primary); i++)
		if (!strcmp(phase, primary[i]))
			return BIT(TFM_PRIMARY);
	for (size_t i = 0; phase && i < COUNT(secondary); i++)
		if (!strcmp(phase, secondary[i]))
			return BIT(TFM_SECONDARY);
	return 0;
}

static unsigned activity_paths(unsigned phases)
{
	return (phases & JOURNEY_PHASE_PRIMARY ? BIT(TFM_PRIMARY) : 0) |
	       (phases & JOURNEY_PHASE_SECONDARY ? BIT(TFM_SECONDARY) : 0);
}

/* The paths an activity puts the school on: the NCP's, else (NCP24-09s)
 * the school's phase's, else (special, all-through, not applicable) every
 * path of the activity's phases (plan 2.3). */
static unsigned paths_of(const struct journey_school *s, const struct journey_activity *r)
{
	if (r->tfm.path != TFM_PATH_NONE)
		return BIT(r->tfm.path);
	unsigned own = phase_paths(s->phase);
	return own ? own : activity_paths(r->phases);
}

/* ---- building the years ---- */

static struct journey_evidence *push(struct arena *a, struct journey_evidence **v, size_t *n)
{
	if (*n == 0 || (*n >= 4 && !(*n & (*n - 1)))) /* room for 4, then doubling */
		*v = arena_grow(a, *v, *n, *n ? *n * 2 : 4, sizeof(**v));
	struct journey_evidence *e = &(*v)[(*n)++];
	memset(e, 0, sizeof(*e));
	return e;
}

static void add_activity(struct arena *a, const struct journey_input *in, struct journey_year *y,
			 const struct journey_activity *r)
{
	bool joining = not_begun(r->status) && y->year >= in->current_year;
	bool staged = false;
	unsigned paths = r->tfm.stage != TFM_STAGE_NONE ? paths_of(&in->school, r) : 0;
	for (int p = TFM_PRIMARY; p <= TFM_SECONDARY; p++) {
		if (!(paths & BIT(p)) || !tfm_stage_rank((enum tfm_path)p, r->tfm.stage))
			continue;
		struct journey_step *st = &y->path[p];
		struct journey_evidence *e = push(a, &st->ev, &st->nev);
		*e = (struct journey_evidence){.activity = r, .urn = r->urn, .stage = r->tfm.stage, .joining = joining};
		e->predecessor = strcmp(r->urn, in->school.urn) != 0;
		staged = true;
	}
	if (!staged && r->tfm.engagement != TFM_ENGAGEMENT_NONE) { /* Mastering Number: no stage */
		struct journey_evidence *e = push(a, &y->other, &y->nother);
		*e = (struct journey_evidence){.activity = r, .urn = r->urn, .joining = joining};
		e->predecessor = strcmp(r->urn, in->school.urn) != 0;
	}
	if (!joining && r->tfm.engagement > y->engagement) /* recorded above when not none */
		y->engagement = r->tfm.engagement;
}

/* A step's stage: the highest-ranked activity's; a manual entry only where
 * no activity gives one, else "also recorded" (plan 2.4). */
static void settle(struct journey_step *st, enum tfm_path p)
{
	int derived = 0, manual = 0;
	enum tfm_stage from_activity = TFM_STAGE_NONE, from_entry = TFM_STAGE_NONE;
	bool all_joining = true;
	for (size_t i = 0; i < st->nev; i++) {
		const struct journey_evidence *e = &st->ev[i];
		int rank = tfm_stage_rank(p, e->stage);
		if (e->activity && rank > derived)
			derived = rank, from_activity = e->stage;
		else if (e->entry && rank > manual)
			manual = rank, from_entry = e->stage;
		if (e->activity && !e->joining)
			all_joining = false;
	}
	st->derived = derived > 0;
	st->stage = st->derived ? from_activity : from_entry;
	st->joining = st->derived && all_joining;
	for (size_t i = 0; i < st->nev; i++)
		st->ev[i].also_recorded = st->derived && st->ev[i].entry;
}

/* The span of years the lineage's rows cover; false when none does. */
static bool year_span(const struct journey_input *in, int *lo, int *hi)
{
	*lo = 1 << 30, *hi = -(1 << 30);
	for (size_t i = 0; i < in->nactivities; i++) {
		const struct journey_activity *r = &in->activities[i];
		if (in_lineage(in, r->urn) && r->first_year <= r->last_year && r->last_year - r->first_year <= 10) {
			*lo = r->first_year < *lo ? r->first_year : *lo;
			*hi = r->last_year > *hi ? r->last_year : *hi;
		}
	}
	for (size_t i = 0; i < in->nentries; i++)
		if (in_lineage(in, in->entries[i].urn)) {
			*lo = in->entries[i].year < *lo ? in->entries[i].year : *lo;
			*hi = in->entries[i].year > *hi ? in->entries[i].year : *hi;
		}
	return *lo <= *hi && *hi - *lo <= 200;
}

static struct journey_year *build_years(struct arena *a, const struct journey_input *in, size_t *n)
{
	int lo, hi;
	*n = 0;
	if (!year_span(in, &lo, &hi))
		return NULL;
	struct journey_year *ys = arena_alloc(a, (size_t)(hi - lo + 1) * sizeof(*ys));
	for (int y = lo; y <= hi; y++)
		ys[y - lo].year = y;
	for (size_t i = 0; i < in->nactivities; i++) {
		const struct journey_activity *r = &in->activities[i];
		if (!in_lineage(in, r->urn) || (r->status && !strcmp(r->status, "cancelled")))
			continue; /* plan 2.2a: a cancelled activity never counts */
		for (int y = r->first_year; y <= r->last_year && r->last_year - r->first_year <= 10; y++)
			if (counts_in(r, y))
				add_activity(a, in, &ys[y - lo], r);
	}
	for (size_t i = 0; i < in->nentries; i++) {
		const struct journey_entry *e = &in->entries[i];
		if (!in_lineage(in, e->urn) || !tfm_stage_rank(e->path, e->stage))
			continue;
		struct journey_year *y = &ys[e->year - lo];
		struct journey_step *st = &y->path[e->path];
		struct journey_evidence *v = push(a, &st->ev, &st->nev);
		*v = (struct journey_evidence){.entry = e, .urn = e->urn, .stage = e->stage};
		v->predecessor = strcmp(e->urn, in->school.urn) != 0;
		y->engagement = TFM_ENGAGED; /* a stage is teaching for mastery support */
	}
	bool engaged = false;
	for (int y = lo; y <= hi; y++) { /* keep the years with a record, settled */
		struct journey_year *yr = &ys[y - lo];
		bool any = yr->nother > 0;
		for (int p = TFM_PRIMARY; p <= TFM_SECONDARY; p++) {
			settle(&yr->path[p], (enum tfm_path)p);
			any = any || yr->path[p].nev > 0;
		}
		engaged = engaged || yr->engagement != TFM_ENGAGEMENT_NONE;
		yr->engaged = engaged;
		if (any)
			ys[(*n)++] = *yr;
	}
	return ys;
}

/* ---- the next step (plan 2.5) ---- */

static const struct next_rule {
	enum tfm_path path;
	enum tfm_stage from;   /* the latest stage; none: not started */
	bool mastering_number; /* not started, but took part in Mastering Number */
	enum tfm_stage stage, alt;
	const char *text, *source;
} next_rules[] = {
	{TFM_PRIMARY, TFM_STAGE_NONE, false, TFM_DEVELOPMENT, TFM_READINESS,
	 "A Development Work Group, where most schools start their journey. A school that needs support first, to "
	 "benefit fully from mastery Work Groups, starts with Mastery Readiness.",
	 "H:85"},
	{TFM_PRIMARY, TFM_STAGE_NONE, true, TFM_DEVELOPMENT, TFM_READINESS,
	 "Join the full Teaching for Mastery Programme, starting with Readiness or Development Work Groups.", "H:87"},
	{TFM_PRIMARY, TFM_READINESS, false, TFM_DEVELOPMENT, TFM_STAGE_NONE,
	 "A Development Work Group the following year.", "H:85"},
	{TFM_PRIMARY, TFM_DEVELOPMENT, false, TFM_EMBEDDING, TFM_STAGE_NONE, "An Embedding Work Group.", "H:85"},
	{TFM_PRIMARY, TFM_EMBEDDING, false, TFM_SUSTAINING, TFM_STAGE_NONE,
	 "Sustaining, a permanent Work Group in which schools work together year on year to refine and sustain "
	 "teaching for mastery.",
	 "H:85"},
	{TFM_PRIMARY, TFM_SUSTAINING, false, TFM_SUSTAINING, TFM_STAGE_NONE,
	 "A Sustaining Work Group again: schools continue to benefit from taking part in a Sustaining Work Group "
	 "each year.",
	 "H:93"},
	{TFM_SECONDARY, TFM_STAGE_NONE, false, TFM_DEVELOPMENT, TFM_STAGE_NONE,
	 "A Secondary Teaching for Mastery Development Work Group.", "H:187"},
	{TFM_SECONDARY, TFM_DEVELOPMENT, false, TFM_EMBEDDING_YEAR_SUPPORT, TFM_STAGE_NONE,
	 "An Embedding Year Support Work Group.", "H:188"},
	{TFM_SECONDARY, TFM_EMBEDDING_YEAR_SUPPORT, false, TFM_EMBEDDING_AND_SUSTAINING, TFM_STAGE_NONE,
	 "An Embedding and Sustaining Work Group.", "H:189"},
	{TFM_SECONDARY, TFM_EMBEDDING_AND_SUSTAINING, false, TFM_EMBEDDING_AND_SUSTAINING, TFM_STAGE_NONE,
	 "Embedding and Sustaining again, year on year: hubs continue to support schools that have already engaged "
	 "with teaching for mastery.",
	 "H:167"},
	{TFM_PATH_NONE, TFM_STAGE_NONE, false, TFM_DEVELOPMENT, TFM_STAGE_NONE,
	 "A Regional Cross-phase Special Schools Teaching for Mastery Development Community.", "H:132"},
};

/* The current catalogue's NCP with this setting (path none: the school's own path, 09s). */
static const char *catalogue_code(const struct journey_input *in, enum tfm_path p, enum tfm_stage s)
{
	for (size_t i = 0; s != TFM_STAGE_NONE && i < in->ncatalogue; i++)
		if (in->catalogue[i].tfm.path == p && in->catalogue[i].tfm.stage == s)
			return in->catalogue[i].code;
	return NULL;
}

static void add_next(struct journey *j, const struct journey_input *in, enum tfm_path p, enum tfm_stage from,
		     bool mastering_number)
{
	for (size_t i = 0; i < COUNT(next_rules); i++) {
		const struct next_rule *r = &next_rules[i];
		if (r->path != p || r->from != from || r->mastering_number != mastering_number)
			continue;
		j->next[j->nnext++] = (struct journey_next){
			.path = p, .from = from, .stage = r->stage, .ncp_code = catalogue_code(in, p, r->stage),
			.alt_stage = r->alt, .alt_ncp_code = catalogue_code(in, p, r->alt), .again = r->stage == from,
			.text = r->text, .source = r->source};
		return;
	}
}

/* From the latest year with a stage on each path that applies: the paths
 * it has a stage on, its phase's (all-through: both), and those of any
 * Mastering Number it took part in. A special school that has not started
 * is offered the cross-phase community (H:132). A closed school has none. */
static void next_steps(struct arena *a, struct journey *j, const struct journey_input *in)
{
	j->next = arena_alloc(a, 2 * sizeof(*j->next));
	if (in->school.closed)
		return;
	enum tfm_stage latest[TFM_NPATHS] = {TFM_STAGE_NONE};
	unsigned want = phase_paths(in->school.phase), mastering_number = 0, started = 0;
	if (in->school.phase && !strcmp(in->school.phase, "All-through"))
		want = BIT(TFM_PRIMARY) | BIT(TFM_SECONDARY);
	for (size_t i = j->nyears; i-- > 0;) {
		const struct journey_year *y = &j->years[i];
		for (int p = TFM_PRIMARY; p <= TFM_SECONDARY; p++)
			if (latest[p] == TFM_STAGE_NONE && y->path[p].stage != TFM_STAGE_NONE)
				latest[p] = y->path[p].stage, started |= BIT(p);
		for (size_t k = 0; k < y->nother; k++)
			if (y->other[k].activity->tfm.engagement == TFM_CONTRIBUTES)
				mastering_number |= activity_paths(y->other[k].activity->phases);
	}
	if (!started && in->school.special) {
		add_next(j, in, TFM_PATH_NONE, TFM_STAGE_NONE, false);
		return;
	}
	want |= started | mastering_number;
	for (int p = TFM_PRIMARY; p <= TFM_SECONDARY; p++)
		if (want & BIT(p))
			add_next(j, in, (enum tfm_path)p, latest[p],
				 p == TFM_PRIMARY && !latest[p] && (mastering_number & BIT(p)));
}

struct journey *journey_compute(struct arena *a, const struct journey_input *in)
{
	struct journey *j = arena_alloc(a, sizeof(*j));
	j->closed = in->school.closed;
	j->successor_urn = in->school.closed ? in->school.successor_urn : NULL;
	j->years = build_years(a, in, &j->nyears);
	next_steps(a, j, in);
	return j;
}

const struct journey_year *journey_year_of(const struct journey *j, int year)
{
	for (size_t i = 0; i < j->nyears; i++)
		if (j->years[i].year == year)
			return &j->years[i];
	return NULL;
}

bool journey_engaged_by(const struct journey *j, int year)
{
	bool engaged = false;
	for (size_t i = 0; i < j->nyears && j->years[i].year <= year; i++)
		engaged = j->years[i].engaged;
	return engaged;
}
