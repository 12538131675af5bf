/*
 * activities.h - the hub activities capability: what each hub runs (Work
 * Groups, Programmes, Communities, Targeted Support), for which schools and
 * people, led by whom, and who came. What the rest may use: the module, the
 * words of its vocabularies, an activity as read for one reader, and what
 * that reader may do with it (rules.c).
 */
#ifndef MH_ACTIVITIES_H
#define MH_ACTIVITIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "demo/demo.h"

struct arena;
struct db;
struct session;

/* A term: its key (stored) and its English name. */
struct activities_term {
	const char *key, *name;
};

#define ACTIVITIES_NKINDS 4
extern const struct activities_term activities_kinds[ACTIVITIES_NKINDS];       /* activities.kind */
#define ACTIVITIES_NSTATUSES 5
extern const struct activities_term activities_statuses[ACTIVITIES_NSTATUSES]; /* activities.status */
#define ACTIVITIES_NFORMATS 3
extern const struct activities_term activities_formats[ACTIVITIES_NFORMATS];   /* activities.format */
#define ACTIVITIES_NCOHORTS 3
extern const struct activities_term activities_cohorts[ACTIVITIES_NCOHORTS];   /* activities.cohort */
#define ACTIVITIES_NROLES 8
extern const struct activities_term activities_roles[ACTIVITIES_NROLES];       /* activity_participants.role */
#define ACTIVITIES_NMARKS 4
extern const struct activities_term activities_marks[ACTIVITIES_NMARKS];       /* register_marks.mark (register_match.h: enum reg_mark, in this order) */
#define ACTIVITIES_NLEVELS 3
extern const struct activities_term activities_levels[ACTIVITIES_NLEVELS];     /* targeted_support.level */
#define ACTIVITIES_NSTAGES 4
extern const struct activities_term activities_cycle[ACTIVITIES_NSTAGES];      /* support_cycle.stage */

/* The English name of a key of terms (the key itself when unknown). */
const char *activities_term_name(const struct activities_term *terms, size_t n, const char *key);
/* Whether key is one of terms. */
bool activities_term_known(const struct activities_term *terms, size_t n, const char *key);

/* The most years an activity spans (a community over several years). */
#define ACTIVITIES_MAX_YEARS 5

/* A hub that sees an activity: its lead, a partner, or the hub of some of
 * its schools or people (a cohort's), with that hub's own counts. */
struct activity_hub {
	int64_t hub_id;
	const char *code, *name;
	const char *role; /* 'lead', 'partner', 'participants' */
	int64_t n_schools, n_participants;
};

/* A lead (an LLME; a cohort's Cohort Lead), with the accreditations the
 * handbook expects of them (warned about, never required). */
struct activity_lead {
	int64_t person_id;
	const char *name, *email;
	const char *role;     /* 'lead', 'cohort_lead' */
	const char *pd_lead;  /* llme_accreditations.state for 'pd_lead', or NULL: none */
	const char *sd_lead;  /* and for 'sd_lead' */
};

struct activity {
	int64_t id;
	int64_t project_id;                 /* 0: a local activity, outside the catalogue */
	const char *project_code, *project_title; /* NULL for a local one */
	const char *kind, *cohort, *cohort_label;
	int64_t lead_hub_id;                /* 0: a national cohort */
	const char *lead_hub_code, *lead_hub_name;
	int64_t region_id;                  /* a regional cohort's region (0: none) */
	const char *region_name;
	int first_year, last_year;          /* start years: 2026 = 2026/27 */
	int64_t continues_id;               /* the earlier activity it continues (0: none) */
	const char *continues_title;
	int64_t continued_by;               /* a later activity continuing it (0: none) */
	const char *title;
	int64_t mhlm_link_id;               /* 0: none yet */
	const char *mhlm_link_name;
	const char *format;
	int64_t planned_sessions, capacity; /* 0: not set */
	const char *capacity_of;            /* 'schools', 'participants' */
	const char *status, *cancel_reason;
	int64_t cancelled_at;
	int64_t created_by, created_at, updated_at;
	int64_t n_schools, n_participants, n_sessions, n_sessions_held;
	int64_t n_present, n_late, n_absent, n_apologies;
	const char **phases;
	size_t nphases;
	struct activity_hub *hubs;          /* lead first, then partners, then the others, by name */
	size_t nhubs;
	struct activity_lead *leads;
	size_t nleads;
	/* the reader's own part in it (activity_read's person) */
	int64_t own_participant_id;         /* their place (0: none) */
	const char **reader_urns;           /* the schools of theirs (headteacher grants) that take part */
	size_t nreader_urns;
};

/* Reads activity id as the person session s sees it (their place, their
 * schools in it), with its phases, hubs and leads; ERR_NOT_FOUND when there
 * is none. In the caller's transaction; everything in a. */
enum err activity_read(struct db *db, struct arena *a, int64_t id, const struct session *s, struct activity *out);

/* What a reader may do with an activity (rules.c, pure). Each includes the
 * ones before it, except own. */
struct activity_access {
	bool own;       /* a participant: their own place and its sessions */
	bool see;       /* may know it exists: its summary and counts */
	bool people;    /* its schools' and participants' names (people_hub: of that hub only) */
	int64_t people_hub; /* 0: all of them; else only this hub's (a hub that only has participants in it) */
	bool run;       /* schools, participants, sessions, registers: its leads, the MHLM link, lead or partner hub leadership */
	bool manage;    /* details, leads, hubs, cancel, continue: the lead hub's leadership (national: the national team) */
};

struct activity_access activity_access_of(const struct session *s, const struct activity *a);

struct module;
extern const struct module activities_module;

/* Its part of the demo data (demo_activities.c): five years of activities. */
extern const struct demo_part activities_demo_parts[1];

#endif
