/*
 * demo_groups.c - the activities of activities' demo part (demo_plan.h),
 * made from the schools, not the other way round.
 *
 * First a teaching for mastery journey for every primary and secondary
 * school: most started before the years made (those years are written as
 * journey entries, "MHPod export"), about 15 % of primaries at Mastery
 * Readiness; each year a school advances (0.8), repeats (0.15) or drops
 * out (0.05), and takes a Sustaining (or Embedding and Sustaining) Work
 * Group again most years. Each year and hub, the schools at each stage,
 * in postcode order, are cut into Work Groups of 6 to 10. Then the rest of
 * a hub's year, in numbers that follow its size: Mastering Number, Years
 * 5-8 Continuity, Securing Foundations, cross-phase and Post-16 Work
 * Groups (some with a partner hub of the region), SKTM programmes of
 * teachers from many schools, communities that continue from the year
 * before, a Research and Innovation Work Group outside the catalogue,
 * Targeted Support for single schools; and each region's Mastery
 * Specialist cohorts, led by Cohort Leads, over two years. Leads are the
 * hub's LLMEs of the year (each leading a few; Targeted Support by SD
 * Leads but now and then not), the MHLM link an AMHL of the phase, the
 * participants each school's teachers of the year.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activities/demo_plan.h"
#include "core/arena.h"
#include "core/util.h"
#include "db/db.h"

/* The average number of open schools in a hub at the national scale: the
 * counts of a hub's activities follow its size against it. */
#define HUB_SCHOOLS 625

static const char *const riwg_topics[] = {
	"Research and Innovation Work Group: reasoning in Key Stage 2",
	"Research and Innovation Work Group: fluency with times tables",
	"Research and Innovation Work Group: algebra at the transition",
	"Research and Innovation Work Group: mathematical talk in Early Years",
	"Research and Innovation Work Group: disadvantaged pupils and fractions",
};
static const char *const support_focus[] = {
	"Leadership of mathematics: a subject leader new to the role, and a plan for the year.",
	"Number sense in Key Stage 1: fluency in addition and subtraction facts.",
	"Consistency of teaching across the school after several staff changes.",
	"Key Stage 2 outcomes: the school's results fell for two years.",
	"Curriculum design and the use of manipulatives and representations.",
};

static bool has_phase(const struct actdemo_ncp *n, const char *phase)
{
	for (size_t i = 0; i < n->nphases; i++)
		if (!strcmp(n->phases[i], phase))
			return true;
	return false;
}

static unsigned phases_of(const struct actdemo_ncp *n)
{
	return (has_phase(n, "Primary") ? PH_PRIMARY : 0) | (has_phase(n, "Secondary") ? PH_SECONDARY : 0) |
	       (has_phase(n, "Post-16") ? PH_POST16 : 0);
}

static unsigned school_phase(const struct demo_school *s)
{
	if (!s->phase)
		return 0;
	return !strcmp(s->phase, "Primary") ? PH_PRIMARY : !strcmp(s->phase, "Secondary") ? PH_SECONDARY : PH_POST16;
}

static size_t ncp_of(const struct plan *pl, const char *suffix)
{
	for (size_t j = 0; j < pl->nsrc; j++)
		if (!strcmp(strchr(pl->src[j].code, '-') + 1, suffix))
			return j;
	return DEMO_NONE;
}

const char *actdemo_urn_in(const struct plan *pl, size_t k, int y)
{
	/* years before a conversion are the old school's: one that closed after the autumn term began */
	char cut[11];
	snprintf(cut, sizeof(cut), "%04d-12-31", y);
	if (pl->pred_urn[k] && strcmp(pl->pred_closed[k], cut) > 0)
		return pl->pred_urn[k];
	return pl->d->schools[k].urn;
}

/* The number of a kind of activity a hub runs in a year: k for a hub of
 * average size, in proportion to its schools, rounded at random. */
static size_t how_many(struct plan *pl, size_t h, unsigned k)
{
	uint64_t x = (uint64_t)k * pl->d->hubs[h].nschools * 1000 / HUB_SCHOOLS;
	return (size_t)(x / 1000 + (demo_rng_below(&pl->rng, 1000) < x % 1000));
}

/* ---- the people ---- */

static bool phase_fits(const struct demo_person *p, unsigned phases)
{
	if (!p->phase || !phases)
		return true;
	unsigned mine = !strcmp(p->phase, "Primary") ? PH_PRIMARY : !strcmp(p->phase, "Secondary") ? PH_SECONDARY : PH_POST16;
	return (mine & phases) != 0;
}

/* The hubs' LLMEs and leaders of year y. */
static void year_people(struct plan *pl, int y)
{
	struct demo *d = pl->d;
	if (!pl->llmes) {
		pl->llmes = arena_alloc(d->a, (d->nhubs + 1) * sizeof(*pl->llmes));
		pl->nllmes = arena_alloc(d->a, (d->nhubs + 1) * sizeof(*pl->nllmes));
		pl->mhl = arena_alloc(d->a, (d->nhubs + 1) * sizeof(*pl->mhl));
		pl->amhl = arena_alloc(d->a, (d->nhubs * 3 + 1) * sizeof(*pl->amhl));
		size_t *count = arena_alloc(d->a, (d->nhubs + 1) * sizeof(*count));
		memset(count, 0, (d->nhubs + 1) * sizeof(*count));
		for (size_t k = 0; k < d->npeople; k++)
			if (d->people[k].role == ROLE_LLME && d->people[k].hub != DEMO_NONE)
				count[d->people[k].hub]++;
		for (size_t h = 0; h < d->nhubs; h++)
			pl->llmes[h] = arena_alloc(d->a, (count[h] + 1) * sizeof(**pl->llmes));
	}
	memset(pl->nllmes, 0, d->nhubs * sizeof(*pl->nllmes));
	memset(pl->mhl, 0, d->nhubs * sizeof(*pl->mhl));
	memset(pl->amhl, 0, d->nhubs * 3 * sizeof(*pl->amhl));
	for (size_t k = 0; k < d->npeople; k++) {
		const struct demo_person *p = &d->people[k];
		if (p->hub == DEMO_NONE || !demo_person_in(p, y))
			continue;
		if (p->role == ROLE_LLME && !p->deactivated)
			pl->llmes[p->hub][pl->nllmes[p->hub]++] = k;
		else if (p->role == ROLE_MHL && !pl->mhl[p->hub])
			pl->mhl[p->hub] = p->id;
		else if (p->role == ROLE_AMHL && p->phase)
			for (unsigned b = 0; b < 3; b++)
				if (phase_fits(p, 1u << b) && !pl->amhl[p->hub * 3 + b])
					pl->amhl[p->hub * 3 + b] = p->id;
	}
}

/* A lead for an activity of hub h in year y: the sign-in LLME first (for
 * their hub's this year), then the hub's LLME of the phase who leads the
 * fewest, an SD Lead for Targeted Support (nine times in ten). */
static int64_t pick_lead(struct plan *pl, size_t h, int y, unsigned phases, bool support, int64_t not)
{
	struct demo *d = pl->d;
	size_t s = pl->sign_in_llme;
	if (y == d->year && s != DEMO_NONE && d->people[s].hub == h && pl->load[s] < 3 && !support &&
	    d->people[s].id != not && phase_fits(&d->people[s], phases)) {
		pl->load[s]++;
		return d->people[s].id;
	}
	bool want_sd = support && demo_rng_percent(&pl->rng, 90);
	size_t best = DEMO_NONE;
	for (int pass = 0; pass < 3 && best == DEMO_NONE; pass++)
		for (size_t i = 0; i < pl->nllmes[h]; i++) {
			size_t k = pl->llmes[h][i];
			if (d->people[k].id == not || (pass < 2 && !phase_fits(&d->people[k], phases)) ||
			    (pass < 1 && want_sd && !pl->sd[k]))
				continue;
			if (best == DEMO_NONE || pl->load[k] < pl->load[best])
				best = k;
		}
	if (best == DEMO_NONE)
		return 0;
	pl->load[best]++;
	return d->people[best].id;
}

/* The hub's MHLM link for phases: an AMHL of the first of them, else its Maths Hub Lead (0: none). */
static int64_t link_of(const struct plan *pl, size_t h, unsigned phases)
{
	for (unsigned b = 0; b < 3; b++)
		if ((phases & (1u << b)) && pl->amhl[h * 3 + b])
			return pl->amhl[h * 3 + b];
	return pl->mhl[h];
}

/* ---- the activities ---- */

static struct pact *act_new(struct plan *pl, size_t ncp, const char *kind, size_t h, int y, unsigned phases)
{
	struct demo *d = pl->d;
	if (pl->nacts == pl->acts_cap)
		pl->acts = xrealloc(pl->acts, (pl->acts_cap = pl->acts_cap ? pl->acts_cap * 2 : 4096) * sizeof(*pl->acts));
	struct pact *a = &pl->acts[pl->nacts++];
	*a = (struct pact){.ncp = ncp, .kind = kind, .cohort = "none", .hub = h, .first_year = y, .last_year = y,
			   .continues = DEMO_NONE, .phases = phases, .school0 = pl->nschools, .part0 = pl->nparts};
	a->title = ncp != DEMO_NONE ? pl->ncp_title[(size_t)(y - d->first_year) * pl->nsrc + ncp] : "";
	unsigned f = (unsigned)demo_rng_below(&pl->rng, 100);
	a->format = f < 60 ? "face_to_face" : f < 85 ? "online" : "blended";
	a->created_by = pl->mhl[h] ? pl->mhl[h] : pl->national_admin;
	a->created_at = demo_year_time(y - 1, 6, (int)demo_rng_range(&pl->rng, 1, 28));
	a->link = link_of(pl, h, phases);
	bool ts = !strcmp(kind, "Targeted Support");
	a->leads[a->nleads++] = pick_lead(pl, h, y, phases, ts, 0);
	if (!ts && demo_rng_percent(&pl->rng, 30) && (a->leads[1] = pick_lead(pl, h, y, phases, false, a->leads[0])))
		a->nleads++;
	if (!a->leads[0])
		a->nleads = 0;
	a->planned = !strcmp(kind, "Programme") ? (int)demo_rng_range(&pl->rng, 6, 9)
		     : !strcmp(kind, "Community") ? (int)demo_rng_range(&pl->rng, 3, 4)
						  : (int)demo_rng_range(&pl->rng, 3, 6);
	return a;
}

/* The status of an activity of years first..last, made on as_of. */
static void settle_status(struct plan *pl, struct pact *a)
{
	static const char *const reasons[] = {
		"Too few schools signed up to run it this year.",
		"The lead left the hub and no one else could lead it this year.",
		"The schools asked to join the next year's instead.",
	};
	int year = pl->d->year;
	if (a->last_year < year) {
		a->status = "completed";
		if (demo_rng_percent(&pl->rng, 2)) {
			a->status = "cancelled";
			a->cancel_reason = reasons[demo_rng_below(&pl->rng, ARRAY_LEN(reasons))];
			a->cancelled_at = demo_year_time(a->first_year, 10, (int)demo_rng_range(&pl->rng, 1, 28));
		}
	} else if (a->first_year < year) {
		a->status = "running";
	} else {
		a->status = demo_rng_percent(&pl->rng, 10) ? "planned" : "recruiting";
	}
}

/* The teachers of school k in year y, into out; how many. */
static size_t teachers_in(const struct plan *pl, size_t k, int y, size_t *out)
{
	size_t n = 0;
	const struct pteachers *t = &pl->teachers[k];
	for (size_t i = 0; i < t->n; i++)
		if (demo_person_in(&pl->d->people[t->p[i]], y) && !pl->d->people[t->p[i]].deactivated)
			out[n++] = t->p[i];
	return n;
}

static void add_part(struct plan *pl, struct pact *a, size_t person, const char *urn, size_t hub, const char *role,
		     const char *joined_on, int64_t at)
{
	struct demo *d = pl->d;
	if (pl->nparts == pl->parts_cap)
		pl->parts = xrealloc(pl->parts, (pl->parts_cap = pl->parts_cap ? pl->parts_cap * 2 : 65536) * sizeof(*pl->parts));
	struct ppart *p = &pl->parts[pl->nparts++];
	*p = (struct ppart){.act = (size_t)(a - pl->acts), .person = person, .urn = urn, .hub = hub, .role = role,
			    .joined_on = joined_on, .at = at,
			    .reliability = (unsigned)demo_rng_range(&pl->rng, 700, 980)};
	/* 4 % withdraw during a year gone, and come to nothing after */
	if (a->first_year < d->year && demo_rng_percent(&pl->rng, 4))
		p->left_on = demo_date(d->a, a->first_year + 1, (int)demo_rng_range(&pl->rng, 1, 3),
				       (int)demo_rng_range(&pl->rng, 1, 28));
	a->nparts++;
}

/* School k joins a (with its lead participant, and more often than not a
 * second teacher, now and then a senior leader; or one person in role
 * `role`); false when it has no teacher that year. */
static bool join(struct plan *pl, struct pact *a, size_t k, const char *role)
{
	struct demo *d = pl->d;
	int y = a->first_year;
	size_t *t = pl->tscratch;
	size_t n = teachers_in(pl, k, y, t);
	if (!n)
		return false;
	if (!strcmp(a->status, "planned"))
		return true; /* nobody has signed up yet */
	const char *urn = actdemo_urn_in(pl, k, y);
	for (size_t i = pl->nschools > 0 ? a->school0 : 0; i < pl->nschools; i++)
		if (pl->schools[i].act == (size_t)(a - pl->acts) && !strcmp(pl->schools[i].urn, urn))
			return false;
	bool now = y == d->year;
	const char *on = now ? demo_date(d->a, y, 7, (int)demo_rng_range(&pl->rng, 1, 31))
			     : demo_date(d->a, y, 9, (int)demo_rng_range(&pl->rng, 1, 30));
	int64_t at = demo_time(atoi(on), atoi(on + 5), atoi(on + 8)) + 3600 * (int64_t)demo_rng_range(&pl->rng, 0, 8);
	if (pl->nschools == pl->schools_cap)
		pl->schools = xrealloc(pl->schools, (pl->schools_cap = pl->schools_cap ? pl->schools_cap * 2 : 65536) *
							    sizeof(*pl->schools));
	pl->schools[pl->nschools++] = (struct pschool){(size_t)(a - pl->acts), urn, d->schools[k].hub, on, at};
	a->nschools++;
	size_t first = (size_t)demo_rng_below(&pl->rng, n);
	for (size_t i = 0; i < n; i++)
		if (t[i] == pl->sign_in_teacher && y == d->year) {
			first = i;
			pl->sign_in_placed = true;
		}
	add_part(pl, a, t[first], urn, d->schools[k].hub, role ? role : "lead_participant", on, at);
	if (!role && n > 1 && demo_rng_percent(&pl->rng, 60)) {
		size_t second = t[(first + 1 + (size_t)demo_rng_below(&pl->rng, n - 1)) % n];
		add_part(pl, a, second, urn, d->schools[k].hub, demo_rng_percent(&pl->rng, 35) ? "senior_leader" : "teacher",
			 on, at);
	}
	return true;
}

static int by_number(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return a < b ? -1 : a > b;
}

/* The n schools of list in postcode order (plan.rank). */
static void postcode_order(const struct plan *pl, size_t *list, size_t n)
{
	_Static_assert(sizeof(size_t) == sizeof(uint64_t), "a school and its rank in one number");
	for (size_t i = 0; i < n; i++)
		list[i] |= (size_t)pl->rank[list[i]] << 32;
	qsort(list, n, sizeof(*list), by_number);
	for (size_t i = 0; i < n; i++)
		list[i] &= 0xffffffffu;
}

/* n schools of hub h with a teacher and one of phases, at random, in postcode order, into out. */
static size_t sample(struct plan *pl, size_t h, unsigned phases, size_t n, size_t *out)
{
	const struct demo_hub *hub = &pl->d->hubs[h];
	size_t m = 0;
	for (size_t i = 0; i < hub->nschools; i++) {
		size_t k = hub->schools[i];
		if ((school_phase(&pl->d->schools[k]) & phases) && pl->teachers[k].n)
			out[m++] = k;
	}
	if (n > m)
		n = m;
	for (size_t i = 0; i < n; i++) { /* a partial Fisher-Yates */
		size_t j = i + (size_t)demo_rng_below(&pl->rng, m - i);
		size_t t = out[i];
		out[i] = out[j];
		out[j] = t;
	}
	postcode_order(pl, out, n);
	return n;
}

/* The n schools in list (in order) cut into groups of lo..hi, each an
 * activity of NCP j of kind: numbered when there are several. */
static void groups(struct plan *pl, size_t h, int y, size_t j, const char *kind, const size_t *list, size_t n,
		   size_t lo, size_t hi)
{
	struct demo *d = pl->d;
	size_t *sizes = arena_alloc(d->a, (n / lo + 2) * sizeof(*sizes)), ngroups = 0;
	for (size_t rem = n; rem;) {
		size_t s = rem;
		if (rem > hi && rem - lo >= lo) /* else: one group a little larger than most */
			s = (size_t)demo_rng_range(&pl->rng, (int64_t)lo, (int64_t)(rem - lo < hi ? rem - lo : hi));
		sizes[ngroups++] = s;
		rem -= s;
	}
	const char *base = pl->ncp_title[(size_t)(y - d->first_year) * pl->nsrc + j];
	for (size_t g = 0, at = 0; g < ngroups; at += sizes[g++]) {
		struct pact *a = act_new(pl, j, kind, h, y, phases_of(&pl->src[j]));
		settle_status(pl, a);
		for (size_t i = 0; i < sizes[g] && pl->sign_in_teacher != DEMO_NONE; i++)
			if (list[at + i] == d->people[pl->sign_in_teacher].school && !strcmp(a->status, "planned"))
				a->status = "recruiting"; /* the teacher who signs in has signed up */
		a->capacity = (int64_t)hi + 2;
		if (ngroups > 1)
			a->title = arena_printf(d->a, "%s %zu", base, g + 1);
		size_t ai = pl->nacts - 1;
		for (size_t i = 0; i < sizes[g]; i++)
			join(pl, &pl->acts[ai], list[at + i], NULL);
	}
}

/* ---- a school's teaching for mastery journey ---- */

struct journey {
	signed char stage;  /* 0: not started; primary 1..4 (readiness .. sustaining), secondary 1..3 */
	bool dropped;
	short start;        /* the year it started in (0: never) */
};

static const char *const primary_stages[] = {"", "readiness", "development", "embedding", "sustaining"};
static const char *const secondary_stages[] = {"", "development", "embedding_year_support", "embedding_and_sustaining"};
static const char *const primary_ncps[] = {"", "08", "09", "10", "11"};
static const char *const secondary_ncps[] = {"", "12", "13", "14"};

/* What school k takes in year y (its stage, 0: nothing), moving its journey on. */
static int journey_step(struct plan *pl, struct journey *j, bool primary, int y, bool force)
{
	int last = primary ? 4 : 3;
	if (!j->start || y < j->start) {
		if (!force)
			return 0;
		j->start = (short)y;
	}
	if (y == j->start) {
		j->stage = (signed char)(primary && demo_rng_percent(&pl->rng, 15) ? 1 : primary ? 2 : 1);
		return j->stage;
	}
	if (j->dropped && !force)
		return 0;
	j->dropped = false;
	if (j->stage == last)
		return demo_rng_percent(&pl->rng, 70) || force ? last : 0;
	unsigned r = (unsigned)demo_rng_below(&pl->rng, 100);
	if (r < 80 || (force && r >= 95))
		j->stage++;
	else if (r >= 95) {
		j->dropped = true;
		return 0;
	}
	return j->stage;
}

static void journeys(struct plan *pl, struct journey *js, size_t **by_stage, size_t *nby_stage, int y)
{
	struct demo *d = pl->d;
	size_t sign_in_school = pl->sign_in_teacher != DEMO_NONE ? d->people[pl->sign_in_teacher].school : DEMO_NONE;
	for (size_t k = 0; k < d->nschools; k++) {
		unsigned ph = school_phase(&d->schools[k]);
		if (ph != PH_PRIMARY && ph != PH_SECONDARY)
			continue;
		bool primary = ph == PH_PRIMARY;
		int stage = journey_step(pl, &js[k], primary, y, y == d->year && k == sign_in_school);
		if (y == d->year - 1) {
			bool engaged = js[k].start && js[k].start <= y;
			primary ? (pl->primaries++, pl->primaries_engaged += engaged)
				: (pl->secondaries++, pl->secondaries_engaged += engaged);
		}
		if (!stage)
			continue;
		if (y < d->first_year) { /* before the system: the history recorded from the MHPod export */
			if (y < d->first_year - 2)
				continue;
			struct db_value *row = demo_row_add(&pl->journey);
			row[0] = DB_S(actdemo_urn_in(pl, k, y));
			row[1] = DB_I(y);
			row[2] = DB_S(primary ? "primary" : "secondary");
			row[3] = DB_S(primary ? primary_stages[stage] : secondary_stages[stage]);
			row[4] = DB_S(arena_printf(d->a, "MHPod export, July %d", d->first_year));
			row[5] = DB_I(pl->national_admin);
			row[6] = DB_I(demo_time(d->first_year, 7, 20));
			continue;
		}
		size_t slot = primary ? (size_t)stage - 1 : 4 + (size_t)stage - 1;
		by_stage[slot][nby_stage[slot]++] = k;
	}
}

/* ---- one hub's year ---- */

/* A programme or community of people from many schools: n schools of its phases, one person each. */
static struct pact *many_schools(struct plan *pl, size_t h, int y, size_t j, const char *kind, size_t n, const char *role)
{
	size_t *list = pl->scratch;
	struct pact *a = act_new(pl, j, kind, h, y, phases_of(&pl->src[j]));
	settle_status(pl, a);
	a->capacity = (int64_t)n + 5;
	size_t ai = pl->nacts - 1, m = sample(pl, h, a->phases, n, list);
	for (size_t i = 0; i < m; i++)
		join(pl, &pl->acts[ai], list[i], role);
	/* the teacher who signs in takes part in one of this year's, whatever their school */
	size_t me = pl->sign_in_teacher, k = me != DEMO_NONE ? pl->d->people[me].school : DEMO_NONE;
	if (y == pl->d->year && !pl->sign_in_placed && k != DEMO_NONE && pl->d->schools[k].hub == h &&
	    strcmp(pl->acts[ai].status, "planned"))
		join(pl, &pl->acts[ai], k, role);
	return &pl->acts[ai];
}

/* Targeted Support for school k of hub h: its level (and a later move),
 * its agreed half-days, what it is about. */
static struct pact *support(struct plan *pl, size_t h, int y, size_t j, size_t k, const char *level, const char *later)
{
	struct pact *a = act_new(pl, j, "Targeted Support", h, y, school_phase(&pl->d->schools[k]));
	settle_status(pl, a);
	a->level = level;
	a->later_level = later;
	a->school = k;
	const char *l = later ? later : level;
	a->agreed = !strcmp(l, "standard") ? (int)demo_rng_range(&pl->rng, 3, 4) * 2
		    : !strcmp(l, "enhanced") ? (int)demo_rng_range(&pl->rng, 5, 7) * 2
					     : (int)demo_rng_range(&pl->rng, 8, 12) * 2;
	a->planned = a->agreed / 2;
	a->focus = support_focus[demo_rng_below(&pl->rng, ARRAY_LEN(support_focus))];
	a->title = arena_printf(pl->d->a, "Targeted Support: %s", pl->d->schools[k].name);
	size_t ai = pl->nacts - 1;
	join(pl, &pl->acts[ai], k, NULL);
	return &pl->acts[ai];
}

static const struct {
	const char *ncp, *role;
	unsigned lo, hi;
} communities[] = {{"07b", "lead_participant", 10, 20}, {"15", "subject_leader", 8, 15},
		   {"16", "senior_leader", 5, 10}, {"31", "teacher", 5, 10}, {"09s", "lead_participant", 4, 8}};
#define NCOMMUNITIES (sizeof(communities) / sizeof(communities[0]))

/* Hub h's year y but its teaching for mastery Work Groups; prev_community:
 * by hub and community, last year's (DEMO_NONE); last_year_acts: the
 * first activity of the year before. */
static void hub_year(struct plan *pl, size_t h, int y, size_t *prev_community, size_t last_year_acts, size_t this_year_acts)
{
	struct demo *d = pl->d;
	size_t *list = pl->scratch;
	static const struct {
		const char *ncp;
		unsigned per_hub, lo, hi;
	} work_groups[] = {{"06", 14, 8, 12}, {"07a", 15, 8, 12}, {"18", 4, 6, 10}, {"19", 4, 6, 8},
			   {"20", 3, 6, 10}, {"23", 3, 6, 10}, {"24", 3, 6, 10}};
	for (size_t w = 0; w < ARRAY_LEN(work_groups); w++) {
		size_t j = ncp_of(pl, work_groups[w].ncp), c = j == DEMO_NONE ? 0 : how_many(pl, h, work_groups[w].per_hub);
		if (!c)
			continue;
		size_t first = pl->nacts;
		size_t n = sample(pl, h, phases_of(&pl->src[j]), c * (work_groups[w].lo + work_groups[w].hi) / 2, list);
		if (n)
			groups(pl, h, y, j, "Work Group", list, n, work_groups[w].lo, work_groups[w].hi);
		if (phases_of(&pl->src[j]) != PH_POST16)
			continue;
		for (size_t i = first; i < pl->nacts; i++) /* 20 % run with a hub of the region (H:247) */
			for (size_t o = 1; o < d->nhubs && demo_rng_percent(&pl->rng, 20) && !pl->acts[i].npartners; o++)
				if (pl->region[(h + o) % d->nhubs] == pl->region[h])
					pl->acts[i].partners[pl->acts[i].npartners++] = (h + o) % d->nhubs;
	}
	static const struct {
		const char *ncp, *role;
	} sktm[] = {{"22", "teacher"}, {"25", "teacher"}, {"26", "teacher"}, {"27", "teaching_assistant"},
		    {"28", "ect"}, {"29", "ect"}, {"30", "teacher"}, {"32", "teaching_assistant"}};
	for (size_t s = 0; s < ARRAY_LEN(sktm); s++) {
		size_t j = ncp_of(pl, sktm[s].ncp);
		for (size_t c = j == DEMO_NONE ? 0 : how_many(pl, h, 5); c; c--)
			many_schools(pl, h, y, j, "Programme", (size_t)demo_rng_range(&pl->rng, 12, 28), sktm[s].role);
	}
	for (size_t c = 0; c < NCOMMUNITIES; c++) { /* yearly, each continuing last year's */
		size_t j = ncp_of(pl, communities[c].ncp), *prev = &prev_community[h * NCOMMUNITIES + c];
		if (j == DEMO_NONE || !how_many(pl, h, 1)) {
			*prev = DEMO_NONE;
			continue;
		}
		struct pact *a = many_schools(pl, h, y, j, "Community",
					      (size_t)demo_rng_range(&pl->rng, communities[c].lo, communities[c].hi),
					      communities[c].role);
		a->continues = *prev;
		*prev = (size_t)(a - pl->acts);
	}
	for (size_t c = how_many(pl, h, 3); c; c--) { /* outside the catalogue */
		struct pact *a = act_new(pl, DEMO_NONE, "Work Group", h, y, PH_PRIMARY | PH_SECONDARY);
		settle_status(pl, a);
		a->title = riwg_topics[demo_rng_below(&pl->rng, ARRAY_LEN(riwg_topics))];
		a->capacity = 8;
		size_t ai = pl->nacts - 1, n = sample(pl, h, PH_PRIMARY | PH_SECONDARY, (size_t)demo_rng_range(&pl->rng, 4, 8), list);
		for (size_t i = 0; i < n; i++)
			join(pl, &pl->acts[ai], list[i], NULL);
	}
	size_t ts = ncp_of(pl, "33");
	if (ts == DEMO_NONE)
		return;
	/* 30 % of last year's intensive support goes on at a lower level (its history) */
	for (size_t i = last_year_acts; i < this_year_acts; i++) {
		const struct pact *b = &pl->acts[i];
		if (b->hub != h || !b->level || strcmp(b->level, "intensive") || b->later_level ||
		    strcmp(b->status, "completed") || !demo_rng_percent(&pl->rng, 30))
			continue;
		struct pact *a = support(pl, h, y, ts, b->school, "intensive",
					 demo_rng_percent(&pl->rng, 50) ? "enhanced" : "standard");
		a->continues = i;
	}
	for (size_t c = how_many(pl, h, 20); c; c--) {
		if (!sample(pl, h, PH_PRIMARY | PH_SECONDARY, 1, list))
			break;
		unsigned r = (unsigned)demo_rng_below(&pl->rng, 100);
		support(pl, h, y, ts, list[0], r < 60 ? "standard" : r < 85 ? "enhanced" : "intensive", NULL);
	}
}

/* Each region's Mastery Specialist cohorts starting in year y, over two
 * years: led by a hub of the region (in turn), its other hubs partners, its
 * Cohort Leads leading, a few teachers from every hub of the region. */
static void cohorts(struct plan *pl, int y, const struct actdemo_designation *leads, size_t nleads)
{
	struct demo *d = pl->d;
	static const char *const ncps[] = {"01", "03", "21"};
	size_t *hubs = arena_alloc(d->a, (d->nhubs + 1) * sizeof(*hubs)), *list = pl->scratch;
	for (size_t r0 = 0; r0 < d->nhubs; r0++) {
		bool first = true; /* each region once: at its first hub (by code) */
		for (size_t o = 0; o < r0; o++)
			first &= pl->region[o] != pl->region[r0];
		if (!first)
			continue;
		size_t nh = 0;
		for (size_t o = 0; o < d->nhubs; o++)
			if (pl->region[o] == pl->region[r0])
				hubs[nh++] = o;
		for (size_t c = 0; c < ARRAY_LEN(ncps); c++) {
			size_t j = ncp_of(pl, ncps[c]);
			if (j == DEMO_NONE)
				continue;
			size_t lead = hubs[((size_t)y + c) % nh];
			struct pact *a = act_new(pl, j, "Programme", lead, y, phases_of(&pl->src[j]));
			a->cohort = "regional";
			a->region_id = pl->region[lead];
			a->last_year = y + 1;
			a->planned = (int)demo_rng_range(&pl->rng, 4, 6);
			const char *n = strstr(a->title, "(Cohort ");
			a->cohort_label = n ? arena_strndup(d->a, n + 1, strcspn(n + 1, ")")) : NULL;
			settle_status(pl, a);
			for (size_t o = 0; o < nh && a->npartners < ARRAY_LEN(a->partners); o++)
				if (hubs[o] != lead)
					a->partners[a->npartners++] = hubs[o];
			size_t had = 0;
			for (size_t i = 0; i < nleads && had < 2; i++)
				for (size_t o = 0; o < nh && had < 2; o++)
					if (leads[i].year == y && leads[i].hub_id == d->hubs[hubs[o]].id &&
					    (!had || a->leads[0] != leads[i].person_id))
						a->leads[had++] = leads[i].person_id;
			if (had) {
				a->nleads = had;
				a->cohort_leads = true;
			}
			size_t ai = pl->nacts - 1;
			for (size_t o = 0; o < nh; o++) {
				size_t m = sample(pl, hubs[o], a->phases,
						  d->scale == DEMO_NATIONAL ? (size_t)demo_rng_range(&pl->rng, 3, 8)
									    : (size_t)demo_rng_range(&pl->rng, 1, 2), list);
				for (size_t i = 0; i < m; i++)
					join(pl, &pl->acts[ai], list[i], "teacher");
			}
		}
	}
}

void actdemo_make_activities(struct plan *pl, const struct actdemo_designation *leads, size_t nleads)
{
	struct demo *d = pl->d;
	struct journey *js = arena_alloc(d->a, (d->nschools + 1) * sizeof(*js));
	memset(js, 0, (d->nschools + 1) * sizeof(*js));
	for (size_t k = 0; k < d->nschools; k++) { /* when each school started, if it has (calibrated: H:79, H:157) */
		unsigned ph = school_phase(&d->schools[k]);
		if ((ph == PH_PRIMARY || ph == PH_SECONDARY) && demo_rng_percent(&pl->rng, ph == PH_PRIMARY ? 82 : 72))
			js[k].start = (short)(d->first_year - 6 + (int)demo_rng_below(&pl->rng, 10));
	}
	size_t *by_stage[7], nby_stage[7];
	for (size_t s = 0; s < 7; s++)
		by_stage[s] = arena_alloc(d->a, (d->nschools + 1) * sizeof(**by_stage));
	size_t *prev_community = arena_alloc(d->a, (d->nhubs * NCOMMUNITIES + 1) * sizeof(*prev_community));
	for (size_t i = 0; i < d->nhubs * NCOMMUNITIES; i++)
		prev_community[i] = DEMO_NONE;
	size_t last_year_acts = 0;
	for (int y = d->first_year - 6; y <= d->year; y++) {
		memset(nby_stage, 0, sizeof(nby_stage));
		journeys(pl, js, by_stage, nby_stage, y);
		if (y < d->first_year)
			continue;
		memset(pl->load, 0, d->npeople * sizeof(*pl->load));
		year_people(pl, y);
		size_t this_year_acts = pl->nacts;
		for (size_t h = 0; h < d->nhubs; h++) {
			for (size_t s = 0; s < 7; s++) { /* the teaching for mastery Work Groups, by stage */
				size_t j = ncp_of(pl, s < 4 ? primary_ncps[s + 1] : secondary_ncps[s - 3]), n = 0;
				for (size_t i = 0; i < nby_stage[s]; i++)
					if (d->schools[by_stage[s][i]].hub == h && teachers_in(pl, by_stage[s][i], y, pl->tscratch))
						pl->scratch[n++] = by_stage[s][i];
				postcode_order(pl, pl->scratch, n);
				if (n && j != DEMO_NONE)
					groups(pl, h, y, j, "Work Group", pl->scratch, n, 6, 10);
			}
			hub_year(pl, h, y, prev_community, last_year_acts, this_year_acts);
		}
		cohorts(pl, y, leads, nleads);
		last_year_acts = this_year_acts;
	}
}
