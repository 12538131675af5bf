/* rules.c - the activities' vocabularies, and what a reader may do with an
 * activity (activities.h). Pure: from what activity_read read. */
#include <string.h>

#include "activities/activities.h"
#include "auth/perm.h"
#include "auth/session.h"

const struct activities_term activities_kinds[ACTIVITIES_NKINDS] = {
	{"Work Group", "Work Group"}, {"Programme", "Programme"}, {"Community", "Community"},
	{"Targeted Support", "Targeted Support"},
};
const struct activities_term activities_statuses[ACTIVITIES_NSTATUSES] = {
	{"planned", "Planned"}, {"recruiting", "Recruiting"}, {"running", "Running"},
	{"completed", "Completed"}, {"cancelled", "Cancelled"},
};
const struct activities_term activities_formats[ACTIVITIES_NFORMATS] = {
	{"face_to_face", "Face to face"}, {"online", "Online"}, {"blended", "Blended"},
};
const struct activities_term activities_cohorts[ACTIVITIES_NCOHORTS] = {
	{"none", "A hub's own"}, {"regional", "A regional cohort"}, {"national", "A national cohort"},
};
const struct activities_term activities_roles[ACTIVITIES_NROLES] = {
	{"lead_participant", "Lead participant"}, {"subject_leader", "Maths subject leader"},
	{"senior_leader", "Senior leader"}, {"headteacher", "Headteacher"}, {"teacher", "Teacher"},
	{"teaching_assistant", "Teaching assistant"}, {"ect", "Early career teacher (ECT)"}, {"other", "Other"},
};
const struct activities_term activities_marks[ACTIVITIES_NMARKS] = {
	{"present", "Present"}, {"late", "Late"}, {"absent", "Absent"}, {"apologies", "Apologies given"},
};
const struct activities_term activities_levels[ACTIVITIES_NLEVELS] = {
	{"standard", "Standard"}, {"enhanced", "Enhanced"}, {"intensive", "Intensive"},
};
const struct activities_term activities_cycle[ACTIVITIES_NSTAGES] = {
	{"explore", "Explore"}, {"plan", "Plan"}, {"deliver", "Deliver"}, {"evaluate", "Evaluate"},
};

const char *activities_term_name(const struct activities_term *terms, size_t n, const char *key)
{
	for (size_t i = 0; key && i < n; i++)
		if (!strcmp(terms[i].key, key))
			return terms[i].name;
	return key ? key : "";
}

bool activities_term_known(const struct activities_term *terms, size_t n, const char *key)
{
	for (size_t i = 0; key && i < n; i++)
		if (!strcmp(terms[i].key, key))
			return true;
	return false;
}

/* The most hubs weighed for one activity (a national cohort's: every hub). */
#define MAX_HUBS 64

struct activity_access activity_access_of(const struct session *s, const struct activity *a)
{
	struct activity_access acc = {.own = a->own_participant_id != 0};
	if (!s || !s->person_id)
		return acc;
	const struct grant *g = s->grants;
	size_t ng = s->ngrants;
	int64_t self = s->person_id;

	int64_t lead_partner[MAX_HUBS], every[MAX_HUBS];
	size_t nlp = 0, nall = 0;
	for (size_t i = 0; i < a->nhubs && nall < MAX_HUBS; i++) {
		every[nall++] = a->hubs[i].hub_id;
		if (strcmp(a->hubs[i].role, "participants"))
			lead_partner[nlp++] = a->hubs[i].hub_id;
	}

	/* organise: the lead hub's leadership; a national cohort, the national team */
	int64_t lead[1] = {a->lead_hub_id};
	struct perm_target lead_hub = {.hub_ids = lead, .nhubs = a->lead_hub_id ? 1 : 0};
	acc.manage = perm_allows(g, ng, self, CAP_ACTIVITIES_MANAGE, &lead_hub);

	/* run: also its leads and its MHLM link, and a partner hub's leadership */
	bool runs_any = perm_scope(g, ng, CAP_ACTIVITIES_LEAD) != SCOPE_NONE;
	bool leads = false;
	for (size_t i = 0; i < a->nleads; i++)
		leads |= a->leads[i].person_id == self;
	struct perm_target partners = {.hub_ids = lead_partner, .nhubs = nlp};
	acc.run = acc.manage || (runs_any && (leads || a->mhlm_link_id == self)) ||
		  (nlp && perm_allows(g, ng, self, CAP_ACTIVITIES_MANAGE, &partners));

	/* its people: those who run it, and the national team and analysts */
	acc.people = acc.run || perm_scope(g, ng, CAP_ACTIVITIES_READ) == SCOPE_NATIONAL;

	/* that it exists: anyone whose scope covers one of its hubs or its NCP,
	 * and a headteacher whose school takes part */
	struct perm_target seen = {.project_id = a->project_id, .hub_ids = every, .nhubs = nall};
	acc.see = acc.people || perm_allows(g, ng, self, CAP_ACTIVITIES_READ, &seen);
	for (size_t i = 0; !acc.see && i < a->nreader_urns; i++)
		acc.see = perm_allows(g, ng, self, CAP_ACTIVITIES_READ, &(struct perm_target){.school_urn = a->reader_urns[i]});

	/* a hub that only has schools or people in it (a cohort's): its
	 * leadership sees its own people, never the other hubs' */
	for (size_t i = 0; acc.see && !acc.people && i < a->nhubs; i++) {
		int64_t h[1] = {a->hubs[i].hub_id};
		if (perm_allows(g, ng, self, CAP_ACTIVITIES_MANAGE, &(struct perm_target){.hub_ids = h, .nhubs = 1})) {
			acc.people = true;
			acc.people_hub = h[0];
		}
	}
	return acc;
}
