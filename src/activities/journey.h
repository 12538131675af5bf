/*
 * journey.h - a school's teaching for mastery journey: its stage per
 * academic year and path, the evidence for each, whether it has engaged
 * with teaching for mastery support, and the next step the handbook offers
 * it. Pure (no I/O): the caller reads the rows (journey_queries.c) into the
 * structs below; everything returned lives in the caller's arena, and the
 * evidence points into the input's rows, which must live as long. Nothing
 * is stored: the journey is computed on read, over a few dozen rows.
 *
 * The words (paths, stages, engagement) are the database's keys
 * (project_tfm, journey_entries) with their English labels, so pages, the
 * schema and the demo share one vocabulary. The handbook (2024/25) is
 * cited as H:line; the rule is docs/plans/hub-activities.md, section 2.
 */
#ifndef MH_ACTIVITIES_JOURNEY_H
#define MH_ACTIVITIES_JOURNEY_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

/* ---- the words ---- */

/* A teaching for mastery path. TFM_PATH_NONE is SQL NULL: "the school's
 * own path" on an NCP's setting (NCP24-09s), or no path. */
enum tfm_path {
	TFM_PATH_NONE = 0,
	TFM_PRIMARY,   /* 'primary' */
	TFM_SECONDARY, /* 'secondary' */
};
#define TFM_NPATHS 3 /* arrays indexed by enum tfm_path ([TFM_PATH_NONE] unused) */

/* A stage. Primary: Mastery Readiness, Development, Embedding, Sustaining
 * (H:85); secondary: Development, Embedding Year Support, Embedding and
 * Sustaining (H:187-189). TFM_STAGE_NONE is SQL NULL. */
enum tfm_stage {
	TFM_STAGE_NONE = 0,
	TFM_READINESS,                /* 'readiness' */
	TFM_DEVELOPMENT,              /* 'development' (both paths) */
	TFM_EMBEDDING,                /* 'embedding' */
	TFM_SUSTAINING,               /* 'sustaining' */
	TFM_EMBEDDING_YEAR_SUPPORT,   /* 'embedding_year_support' */
	TFM_EMBEDDING_AND_SUSTAINING, /* 'embedding_and_sustaining' */
};

/* Whether taking part in an NCP counts as "engaged with teaching for
 * mastery support" (H:79, H:157). Ordered: a higher value says more. */
enum tfm_engagement {
	TFM_ENGAGEMENT_NONE = 0, /* 'none' */
	TFM_CONTRIBUTES,         /* 'contributes': Mastering Number (H:87) */
	TFM_ENGAGED,             /* 'engaged' */
};

/* The database key ("primary"), or NULL for TFM_PATH_NONE / out of range. */
const char *tfm_path_key(enum tfm_path p);
/* "Primary", "Secondary"; "" for TFM_PATH_NONE. */
const char *tfm_path_label(enum tfm_path p);
/* NULL or "" read as TFM_PATH_NONE; false for any other unknown key. */
bool tfm_path_from_key(const char *key, enum tfm_path *out);

/* "embedding_year_support"; NULL for TFM_STAGE_NONE / out of range. */
const char *tfm_stage_key(enum tfm_stage s);
/* "Mastery Readiness", "Development", "Embedding", "Sustaining",
 * "Embedding Year Support", "Embedding and Sustaining"; "" for none. */
const char *tfm_stage_label(enum tfm_stage s);
bool tfm_stage_from_key(const char *key, enum tfm_stage *out);
/* The stage's place on the path, from 1 (primary readiness 1 to
 * sustaining 4; secondary development 1 to embedding and sustaining 3),
 * or 0 when the stage is not on that path (or either is none). */
int tfm_stage_rank(enum tfm_path p, enum tfm_stage s);

/* "engaged", "contributes", "none". */
const char *tfm_engagement_key(enum tfm_engagement e);
/* "Engaged", "Contributes", "Not counted". */
const char *tfm_engagement_label(enum tfm_engagement e);
/* NULL or "" read as TFM_ENGAGEMENT_NONE; false for any other unknown key. */
bool tfm_engagement_from_key(const char *key, enum tfm_engagement *out);

/* An NCP's setting (a project_tfm row). path NONE with a stage: the
 * school's own path (only development, NCP24-09s). */
struct tfm_setting {
	enum tfm_path path;
	enum tfm_stage stage;
	enum tfm_engagement engagement;
};

/* The seeded setting of an NCP, by its code ("NCP24-08") or the part after
 * "NCPyy-" ("08"): 08 readiness, 09 development, 10 embedding, 11
 * sustaining (primary); 12 development, 13 embedding year support, 14
 * embedding and sustaining (secondary); 09s development on the school's own
 * path: all 'engaged'. 06, 07a, 07b (Mastering Number) 'contributes' with
 * no stage. Every other code: no stage, 'none'. The one place the migration
 * and the demo take the seed from. */
struct tfm_setting journey_default_setting(const char *code);

/* Whether a school of this GIAS TypeOfEstablishment is a special school
 * ("Community special school", "Academy special converter", "Free schools
 * special", ...): it is offered NCP24-09s first (H:132). */
bool tfm_special_type(const char *gias_type);

/* An activity's phases (activity_phases), as bits. */
enum {
	JOURNEY_PHASE_PRIMARY = 1,
	JOURNEY_PHASE_SECONDARY = 2,
	JOURNEY_PHASE_POST16 = 4,
};
/* The bit of "Primary", "Secondary" or "Post-16"; 0 for anything else. */
unsigned journey_phase_bit(const char *phase);

/* ---- what the caller reads ---- */

struct journey_school {
	const char *urn;
	const char *phase;         /* GIAS PhaseOfEducation as the registry stores it: "Primary", "16 plus", "Not applicable" */
	bool special;              /* tfm_special_type(schools.type) */
	bool closed;
	const char *successor_urn; /* a closed school's successor, where its history continues (NULL: none known) */
};

/* One URN of the school's lineage: the school itself or one of its
 * predecessors, however far back (the caller walks school_links). Only
 * these URNs' rows count; a repeated URN, or the school's own URN listed
 * again (a link cycle), changes nothing: evidence is a predecessor's when
 * its URN is not the school's. Successors are never in it: their years
 * never move back to a predecessor (plan 2.1). */
struct journey_link {
	const char *urn;
	bool predecessor;
};

/* A lineage URN's place in an activity (activity_schools joined to its
 * activity and the NCP's project_tfm). */
struct journey_activity {
	const char *urn;
	long long activity_id;
	const char *title;
	const char *hub_name;     /* the lead hub's (NULL: a national cohort) */
	const char *ncp_code;     /* NULL: local activity outside the catalogue (no stage) */
	int first_year, last_year;
	const char *status;       /* 'planned', 'recruiting', 'running', 'completed', 'cancelled' */
	struct tfm_setting tfm;   /* the NCP's setting; all none without an NCP */
	unsigned phases;          /* JOURNEY_PHASE_* bits */
	const char *joined_on;    /* YYYY-MM-DD */
	const char *left_on;      /* YYYY-MM-DD, or NULL: still taking part */
};

/* A journey_entries row: history from before the system, with its source. */
struct journey_entry {
	const char *urn;
	int year;
	enum tfm_path path;
	enum tfm_stage stage;
	const char *source;       /* "MHPod export, July 2022" */
};

/* An NCP of the current year's catalogue with its setting: where the next
 * step's NCP code comes from. */
struct journey_ncp {
	const char *code;
	struct tfm_setting tfm;
};

struct journey_input {
	struct journey_school school;
	const struct journey_link *lineage;
	size_t nlineage;
	const struct journey_activity *activities;
	size_t nactivities;
	const struct journey_entry *entries;
	size_t nentries;
	int current_year;                  /* academic start year: 2026 for 2026/27 */
	const struct journey_ncp *catalogue;
	size_t ncatalogue;
};

/* ---- what the rule gives ---- */

/* One piece of evidence: a counted activity, or a manual entry. */
struct journey_evidence {
	const struct journey_activity *activity; /* NULL: a manual entry */
	const struct journey_entry *entry;       /* NULL: an activity */
	const char *urn;                         /* whose record: the school's or a predecessor's */
	bool predecessor;
	enum tfm_stage stage;                    /* the stage it gives (none: counts only for engagement) */
	bool joining;                            /* planned or recruiting, this year or later: "joining this year" */
	bool also_recorded;                      /* a manual entry where activities give the stage: "also recorded (source)" */
};

/* A year's stage on one path. */
struct journey_step {
	enum tfm_stage stage;        /* the highest counted; TFM_STAGE_NONE: nothing on this path */
	bool derived;                /* from activities (else from a manual entry) */
	bool joining;                /* every activity behind it is still to begin */
	struct journey_evidence *ev; /* activities first (input order), then manual entries */
	size_t nev;
};

struct journey_year {
	int year;
	struct journey_step path[TFM_NPATHS];  /* by enum tfm_path */
	struct journey_evidence *other;        /* counted activities with no stage (Mastering Number) */
	size_t nother;
	enum tfm_engagement engagement;        /* this year's highest (begun activities; a manual entry is 'engaged') */
	bool engaged;                          /* engaged or contributes in this year or any before (H:79) */
};

/* The next step on a path (H:85-93, H:132, H:167, H:187-189). */
struct journey_next {
	enum tfm_path path;          /* TFM_PATH_NONE: the special schools' cross-phase community */
	enum tfm_stage from;         /* the latest stage on the path (none: not started) */
	enum tfm_stage stage;        /* the stage offered */
	const char *ncp_code;        /* the current catalogue's NCP for it; NULL when none is loaded */
	enum tfm_stage alt_stage;    /* the other start offered (readiness), or none */
	const char *alt_ncp_code;
	bool again;                  /* the same stage year on year (Sustaining; Embedding and Sustaining) */
	const char *text;            /* the handbook's words */
	const char *source;          /* "H:85" */
};

struct journey {
	struct journey_year *years;  /* ascending; only years with a record */
	size_t nyears;
	struct journey_next *next;   /* none for a closed school */
	size_t nnext;
	bool closed;
	const char *successor_urn;   /* a closed school's: "its history continues at ..." */
};

/* The journey of in->school over its lineage. Never NULL. */
struct journey *journey_compute(struct arena *a, const struct journey_input *in);

/* Whether the school had engaged with (or taken part in an NCP that
 * contributes to) teaching for mastery support in year or any year before:
 * what the strategic-goal dashboard counts (H:79, H:157). */
bool journey_engaged_by(const struct journey *j, int year);

/* The year's record, or NULL when nothing counts in it. */
const struct journey_year *journey_year_of(const struct journey *j, int year);

#endif
