/* demo_plan.h - what activities' part of the demo data (demo_activities.c,
 * demo_groups.c) shares while it makes five years of activities in memory:
 * the activities, their schools and participants, by index, before they
 * are written in bulk. Private to those files. */
#ifndef MH_ACTIVITIES_DEMO_PLAN_H
#define MH_ACTIVITIES_DEMO_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "activities/demo_queries.h"
#include "demo/demo.h"

/* Phases as bits. */
enum { PH_PRIMARY = 1, PH_SECONDARY = 2, PH_POST16 = 4 };

/* An activity as made (indexes: hubs into demo.hubs, ncp into plan.src). */
struct pact {
	size_t ncp;                   /* DEMO_NONE: local, outside the catalogue */
	const char *kind, *cohort, *cohort_label, *title, *format, *status, *cancel_reason;
	size_t hub;                   /* its lead hub */
	int64_t region_id;            /* a regional cohort's */
	int first_year, last_year;
	size_t continues;             /* the activity it continues (an index), or DEMO_NONE */
	int64_t link, created_by, created_at, cancelled_at;
	int planned;                  /* sessions a year */
	int64_t capacity;             /* 0: none */
	unsigned phases;
	size_t school0, nschools;     /* its schools: plan.schools[school0 ..] */
	size_t part0, nparts;         /* its participants: plan.parts[part0 ..] */
	int64_t leads[2];
	size_t nleads;
	bool cohort_leads;            /* its leads are Cohort Leads */
	size_t partners[8];           /* partner hubs */
	size_t npartners;
	/* Targeted Support */
	const char *level, *later_level; /* its level at the start; a move later in the year (or NULL) */
	int agreed;                   /* half-days */
	const char *focus;
	size_t school;                /* its school (index into demo.schools) */
	int64_t id;                   /* once written */
};

struct pschool {
	size_t act;
	const char *urn;
	size_t hub;
	const char *joined_on;
	int64_t at;
};

struct ppart {
	size_t act;
	size_t person;                /* index into demo.people */
	const char *urn;              /* NULL: no school */
	size_t hub;
	const char *role, *joined_on, *left_on;
	int64_t at;
	unsigned reliability;         /* in 1000: how often they come */
	int64_t id;                   /* once written */
};

/* A school's teachers (indexes into demo.people). */
struct pteachers {
	size_t *p;
	size_t n;
};

struct plan {
	struct demo *d;
	struct demo_rng rng;
	struct actdemo_ncp *src;      /* 2024/25's NCPs, by code */
	size_t nsrc;
	int64_t *ncp_id;              /* by year and NCP: [(y - first_year) * nsrc + j] */
	const char **ncp_title;
	int64_t *region;              /* by hub index */
	uint32_t *rank;               /* by school index: its place in postcode order */
	const char **pred_urn;        /* by school index: the school it was before a conversion, or NULL */
	const char **pred_closed;     /* the day that one closed */
	struct pteachers *teachers;   /* by school index */
	const char **pd_since;        /* by person index: accredited PD Lead since (NULL: not) */
	unsigned char *sd;            /* by person index: 0 none, 1 working towards SD Lead, 2 accredited */
	int *load;                    /* by person index: activities led this year */
	size_t **llmes, *nllmes;      /* by hub: its LLMEs active this year (indexes into demo.people) */
	int64_t *mhl, *amhl;          /* by hub: its Maths Hub Lead this year; by hub and phase bit (3 a hub): an AMHL */
	int64_t national_admin;
	size_t sign_in_llme, sign_in_teacher; /* the people who sign in (DEMO_NONE: none) */
	bool sign_in_placed;          /* the teacher who signs in takes part in one of this year's */
	struct pact *acts;
	size_t nacts, acts_cap;
	struct pschool *schools;
	size_t nschools, schools_cap;
	struct ppart *parts;
	size_t nparts, parts_cap;
	size_t *scratch;              /* a list of schools, as long as demo.schools */
	size_t *tscratch;             /* a school's teachers, as long as the most a school has */
	struct demo_rows journey;
	/* the journeys' calibration: primaries and secondaries engaged by the year before this one */
	size_t primaries, primaries_engaged, secondaries, secondaries_engaged;
};

/* The journeys and the activities of every year (demo_groups.c): fills
 * plan.acts, plan.schools, plan.parts and plan.journey. */
void actdemo_make_activities(struct plan *pl, const struct actdemo_designation *leads, size_t nleads);

/* The urn school k had in academic year y (its predecessor's, before a conversion). */
const char *actdemo_urn_in(const struct plan *pl, size_t k, int y);

#endif
