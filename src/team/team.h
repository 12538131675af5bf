/*
 * team.h - the team capability: each hub's team (its leadership, its LLMEs
 * and their designations and accreditations, the leads of its LLME
 * Community, how many LLMEs are active against the goal of 50), and the
 * LLME parts of a person's page. What the rest may use: the module and the
 * programme's words for designations, accreditations and phases.
 */
#ifndef MH_TEAM_H
#define MH_TEAM_H

#include <stddef.h>

#include "demo/demo.h"

/* A term of the programme: its key (stored) and its English name. */
struct team_term {
	const char *key, *name;
};

/* The LLME designations held per academic year, in the programme's order
 * (llme_designations.designation): "pms" Primary Mastery Specialist (PMS) ... */
#define TEAM_NDESIGNATIONS 7
extern const struct team_term team_designations[TEAM_NDESIGNATIONS];

/* The accreditations (llme_accreditations.accreditation): "pd_lead", "sd_lead". */
#define TEAM_NACCREDITATIONS 2
extern const struct team_term team_accreditations[TEAM_NACCREDITATIONS];

/* An Assistant Maths Hub Lead's phase (role_grants.phase), key and name alike. */
#define TEAM_NPHASES 3
extern const struct team_term team_phases[TEAM_NPHASES];

/* The three elements of expertise every LLME has and is developing. */
extern const char *const team_expertise[3];

/* The English name of a designation's or accreditation's key (the key
 * itself when it is neither). */
const char *team_designation_name(const char *key);
const char *team_accreditation_name(const char *key);

/* An accreditation's short name: "PD Lead", "SD Lead" (the key itself when
 * it is neither). */
const char *team_accreditation_short(const char *key);

/* The accreditation a path names ("pd-lead", "sd-lead"), or NULL. */
const struct team_term *team_accreditation_of(const char *slug);

/* The goal: at least this many active LLMEs in every hub, every year. */
#define TEAM_ACTIVE_GOAL 50

/* At most this many people lead a hub's LLME Community in a year. */
#define TEAM_MAX_COMMUNITY_LEADS 3

struct module;
extern const struct module team_module;

/* Its part of the demo data (demo_team.c: phases, designations,
 * accreditations and LLME Community leads over five years). */
extern const struct demo_part team_demo_parts[1];

#endif
