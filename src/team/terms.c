/* terms.c - see team.h: the programme's words (DOMAIN.md). */
#include "team/team.h"

#include <string.h>

const struct team_term team_designations[TEAM_NDESIGNATIONS] = {
	{"pms", "Primary Mastery Specialist (PMS)"},
	{"sms", "Secondary Mastery Specialist (SMS)"},
	{"fems", "Post-16 GCSE/FSQ Mastery Specialist (FEMS)"},
	{"wgl", "Work Group Lead"},
	{"cohort_lead", "Cohort Lead"},
	{"community_lead", "Community Lead"},
	{"tfm_lead", "Teaching for Mastery Lead"},
};

const struct team_term team_accreditations[TEAM_NACCREDITATIONS] = {
	{"pd_lead", "Professional Development Lead (PD Lead)"},
	{"sd_lead", "School Development Lead (SD Lead)"},
};

const struct team_term team_phases[TEAM_NPHASES] = {
	{"Primary", "Primary"},
	{"Secondary", "Secondary"},
	{"Post-16", "Post-16"},
};

const char *const team_expertise[3] = {
	"Leading maths pedagogy",
	"Leading maths teacher professional development",
	"Leading school development in maths",
};

static const char *name_of(const struct team_term *terms, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(terms[i].key, key))
			return terms[i].name;
	return key;
}

const char *team_designation_name(const char *key)
{
	return name_of(team_designations, TEAM_NDESIGNATIONS, key);
}

const char *team_accreditation_name(const char *key)
{
	return name_of(team_accreditations, TEAM_NACCREDITATIONS, key);
}

const char *team_accreditation_short(const char *key)
{
	return !strcmp(key, "pd_lead") ? "PD Lead" : !strcmp(key, "sd_lead") ? "SD Lead" : key;
}

const struct team_term *team_accreditation_of(const char *slug)
{
	return !strcmp(slug, "pd-lead") ? &team_accreditations[0] : !strcmp(slug, "sd-lead") ? &team_accreditations[1] : NULL;
}
