/*
 * demo_team.c - team's part of the demo data (demo/demo.h): what hub teams
 * record over the five years, for the people admin's part made.
 *
 * Each Assistant Maths Hub Lead's phase. Each LLME's designations in their
 * hub for every year they were in it, given by the hub's Maths Hub Lead of
 * the time in the July before: a Mastery Specialist (PMS, SMS or FEMS, by
 * their phase) from the year after they joined for most, a Work Group
 * Lead for most, some Teaching for Mastery Leads (primary), Community
 * Leads and Cohort Leads; at least one designation each year (that is
 * what makes them active). Their accreditations progress: every LLME works
 * towards PD Lead from the October they join and most are accredited two
 * summers later; some go on to SD Lead. The three leads of each hub's
 * LLME Community each year: its Maths Hub Lead and two Assistant Maths Hub
 * Leads of that year, or an LLME who is a Community Lead in place of the
 * second now and then. The phases and the leads go through the team's own
 * queries (amhl_phase_set, community_lead_add); the designations and
 * accreditations in bulk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/acyear.h"
#include "core/arena.h"
#include "db/db.h"
#include "demo/demo.h"
#include "team/queries.h"
#include "team/team.h"

/* An LLME's habits, drawn once. */
struct habits {
	bool specialist, wgl, tfm, community, cohort, sd_lead;
};

/* The designations made, for the leads' choice and the count. */
struct made {
	struct demo *d;
	struct demo_rng rng;
	int64_t *mhl;            /* by hub and year (hub * DEMO_YEARS + year - first_year): the MHL's id, or 0 */
	struct demo_rows des;    /* designations' rows */
	struct demo_rows acc;    /* accreditations' rows */
	size_t accredited;
	size_t *community_lead;  /* by hub and year: an LLME who is a Community Lead then, or DEMO_NONE */
};

static size_t slot(const struct demo *d, size_t hub, int year)
{
	return hub * DEMO_YEARS + (size_t)(year - d->first_year);
}

static void designation(struct made *m, const struct demo_person *p, int year, const char *key)
{
	struct demo *d = m->d;
	struct db_value *row = demo_row_add(&m->des);
	int64_t by = m->mhl[slot(d, p->hub, year)];
	row[0] = DB_I(p->id);
	row[1] = DB_I(year);
	row[2] = DB_S(key);
	row[3] = DB_I(d->hubs[p->hub].id);
	row[4] = by ? DB_I(by) : DB_NULL;
	row[5] = DB_I(demo_year_time(year - 1, 7, (int)demo_rng_range(&m->rng, 1, 28)));
}

static const char *specialism(const char *phase)
{
	if (phase && !strcmp(phase, "Secondary"))
		return "sms";
	if (phase && !strcmp(phase, "Post-16"))
		return "fems";
	return "pms";
}

/* Person p's designations, year by year. */
static void designations(struct made *m, size_t k)
{
	struct demo *d = m->d;
	const struct demo_person *p = &d->people[k];
	struct habits h = {
		.specialist = demo_rng_percent(&m->rng, 60), .wgl = demo_rng_percent(&m->rng, 70),
		.tfm = p->phase && !strcmp(p->phase, "Primary") && demo_rng_percent(&m->rng, 20),
		.community = demo_rng_percent(&m->rng, 6), .cohort = demo_rng_percent(&m->rng, 4),
	};
	for (int y = d->first_year; y <= d->year; y++) {
		if (!demo_person_in(p, y))
			continue;
		size_t before = m->des.n;
		if (h.specialist && y > p->joined)
			designation(m, p, y, specialism(p->phase));
		if (h.wgl)
			designation(m, p, y, "wgl");
		if (h.cohort && h.specialist && y > p->joined)
			designation(m, p, y, "cohort_lead");
		if (h.community) {
			designation(m, p, y, "community_lead");
			m->community_lead[slot(d, p->hub, y)] = k;
		}
		if (h.tfm)
			designation(m, p, y, "tfm_lead");
		if (m->des.n == before) /* nobody is an LLME of a hub without a designation in it */
			designation(m, p, y, "wgl");
	}
}

static void accreditation(struct made *m, const struct demo_person *p, const char *key, int started, int done)
{
	struct demo *d = m->d;
	bool accredited = done && demo_year_time(done, 7, 1) <= d->as_of && (!p->left || done < p->left);
	/* accredited in the July of the year done; working towards since the July before the year started */
	int year = accredited ? done : started - 1;
	int day = (int)demo_rng_range(&m->rng, 1, 28);
	int during = year < d->first_year ? d->first_year : year > d->year ? d->year : year;
	int64_t by = m->mhl[slot(d, p->hub, during)];
	struct db_value *row = demo_row_add(&m->acc);
	row[0] = DB_I(p->id);
	row[1] = DB_S(key);
	row[2] = DB_S(accredited ? "accredited" : "working_towards");
	row[3] = DB_S(demo_date(d->a, year + 1, 7, day)); /* July of academic year `year` is in its second calendar year */
	row[4] = by ? DB_I(by) : DB_NULL;
	row[5] = DB_I(demo_year_time(year, 7, day));
	m->accredited += accredited;
}

/* Person p's PD Lead and SD Lead: working towards PD Lead from when they
 * join (the July before their first year), accredited (most) in the July
 * of their second year; some work towards SD Lead from their second year,
 * accredited in the July of their fourth. */
static void accreditations(struct made *m, const struct demo_person *p)
{
	const struct demo *d = m->d;
	accreditation(m, p, "pd_lead", p->joined, demo_rng_percent(&m->rng, 85) ? p->joined + 1 : 0);
	if (demo_rng_percent(&m->rng, 35) && p->joined + 1 <= d->year && (!p->left || p->left > p->joined + 1))
		accreditation(m, p, "sd_lead", p->joined + 1, demo_rng_percent(&m->rng, 70) ? p->joined + 3 : 0);
}

/* Each hub's LLME Community leads, year by year. */
static enum err community_leads(struct db *db, struct made *m, size_t *nleads)
{
	struct demo *d = m->d;
	for (size_t h = 0; h < d->nhubs; h++)
		for (int y = d->first_year; y <= d->year; y++) {
			int64_t leads[3] = {m->mhl[slot(d, h, y)], 0, 0};
			size_t n = leads[0] ? 1 : 0;
			for (size_t k = 0; k < d->npeople && n < 3; k++) {
				const struct demo_person *p = &d->people[k];
				if (p->role == ROLE_AMHL && p->hub == h && demo_person_in(p, y))
					leads[n++] = p->id;
			}
			size_t cl = m->community_lead[slot(d, h, y)];
			if (cl != DEMO_NONE && n == 3 && demo_rng_percent(&m->rng, 25))
				leads[2] = d->people[cl].id;
			for (size_t i = 0; i < n; i++) {
				enum err e = community_lead_add(db, d->hubs[h].id, y, leads[i]);
				if (e)
					return e;
				++*nleads;
			}
		}
	return ERR_OK;
}

static enum err team_make(struct db *db, struct demo *d, void *prepared)
{
	(void)prepared;
	struct made m = {.d = d, .des = {.cols = DESIGNATIONS_MANY_COLUMNS}, .acc = {.cols = ACCREDITATIONS_MANY_COLUMNS}};
	demo_rng_seed(&m.rng, d->seed, "team");
	size_t slots = d->nhubs * DEMO_YEARS + 1;
	m.mhl = arena_alloc(d->a, slots * sizeof(*m.mhl));
	m.community_lead = arena_alloc(d->a, slots * sizeof(*m.community_lead));
	for (size_t i = 0; i < slots; i++)
		m.community_lead[i] = DEMO_NONE;
	enum err e = ERR_OK;
	size_t phases = 0, nleads = 0;
	/* who led each hub each year; each AMHL's phase */
	for (size_t k = 0; k < d->npeople; k++) {
		const struct demo_person *p = &d->people[k];
		if (p->role == ROLE_MHL && p->hub != DEMO_NONE)
			for (int y = d->first_year; y <= d->year; y++)
				if (demo_person_in(p, y))
					m.mhl[slot(d, p->hub, y)] = p->id;
	}
	for (size_t g = 0; g < d->ngrants && !e; g++) {
		const struct demo_grant *gr = &d->grants[g];
		const struct demo_person *p = &d->people[gr->person];
		if (gr->role == ROLE_AMHL && p->phase) {
			e = amhl_phase_set(db, gr->id, p->id, p->phase);
			phases++;
		}
	}
	for (size_t k = 0; k < d->npeople && !e; k++) {
		const struct demo_person *p = &d->people[k];
		if (p->role != ROLE_LLME || p->hub == DEMO_NONE)
			continue;
		designations(&m, k);
		accreditations(&m, p);
	}
	if (!e)
		e = designations_insert_many(db, m.des.v, m.des.n);
	if (!e)
		e = accreditations_insert_many(db, m.acc.v, m.acc.n);
	if (!e)
		e = community_leads(db, &m, &nleads);
	if (!e) {
		char y[8];
		acyear_code(d->year, y);
		demo_count(d, "designations", (int64_t)m.des.n, "of LLMEs, for each year they were in their hub");
		demo_count(d, "accreditations", (int64_t)m.acc.n, "PD Lead and SD Lead: %s accredited, the others working towards",
			   demo_thousands(d->a, (int64_t)m.accredited));
		demo_count(d, "AMHL phases", (int64_t)phases, "Primary, Secondary, Post-16");
		demo_count(d, "community leads", (int64_t)nleads, "three a hub a year, up to %s", y);
	}
	demo_rows_free(&m.des);
	demo_rows_free(&m.acc);
	return e;
}

const struct demo_part team_demo_parts[1] = {
	{"team", 40, NULL, team_make},
};
