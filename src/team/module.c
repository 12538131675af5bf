/* module.c - the team capability as a module (src/module.h): a hub's team
 * page, its LLME Community leads, and the LLME records of a person (their
 * designations, accreditations and an AMHL's phase), shown on the person's
 * page and changed on pages of their own. */
#include "auth/perm.h"
#include "module.h"
#include "team/pages.h"
#include "team/team.h"

/* The actions it audits, with the labels people read (keys are stored in
 * audit_log.action: never rename one that has shipped). */
static const struct audit_action audit_actions[] = {
	{"designation_added", "LLME designation given"},
	{"designation_removed", "LLME designation removed"},
	{"accreditation_changed", "PD Lead or SD Lead accreditation recorded"},
	{"accreditation_removed", "PD Lead or SD Lead accreditation removed"},
	{"amhl_phase_set", "Assistant Maths Hub Lead's phase set"},
	{"community_lead_added", "LLME Community lead chosen"},
	{"community_lead_removed", "LLME Community lead removed"},
};

static const struct route routes[] = {
	/* the handler checks the hub: its own people and the national team */
	{RM_GET, "/hubs/{code}/team", team_page, 0, CAP_TEAM_READ},
	{RM_GET, "/hubs/{code}/team/community-leads", team_community, 0, CAP_DESIGNATIONS_MANAGE},
	{RM_POST, "/hubs/{code}/team/community-leads", team_community_post, 0, CAP_DESIGNATIONS_MANAGE},
	/* a person's LLME records: the handlers check the person's hubs */
	{RM_GET, "/admin/people/{id}/designations", team_designation, 0, CAP_DESIGNATIONS_MANAGE},
	{RM_POST, "/admin/people/{id}/designations", team_designation_post, 0, CAP_DESIGNATIONS_MANAGE},
	{RM_GET, "/admin/people/{id}/designations/{designation}/remove", team_designation_remove_page, 0, CAP_DESIGNATIONS_MANAGE},
	{RM_POST, "/admin/people/{id}/designations/{designation}/remove", team_designation_remove, 0, CAP_DESIGNATIONS_MANAGE},
	{RM_GET, "/admin/people/{id}/accreditations/{which}", team_accreditation, 0, CAP_DESIGNATIONS_MANAGE},
	{RM_POST, "/admin/people/{id}/accreditations/{which}", team_accreditation_post, 0, CAP_DESIGNATIONS_MANAGE},
	{RM_GET, "/admin/people/{id}/accreditations/{which}/remove", team_accreditation_remove_page, 0, CAP_DESIGNATIONS_MANAGE},
	{RM_POST, "/admin/people/{id}/accreditations/{which}/remove", team_accreditation_remove, 0, CAP_DESIGNATIONS_MANAGE},
	{RM_GET, "/admin/people/{id}/roles/{grant}/phase", team_phase, 0, CAP_DESIGNATIONS_MANAGE},
	{RM_POST, "/admin/people/{id}/roles/{grant}/phase", team_phase_post, 0, CAP_DESIGNATIONS_MANAGE},
};

static const struct person_part person_parts[] = {
	{team_person_part_read, team_person_part_render},
};

const struct module team_module = {
	.name = "team",
	MODULE_LIST(routes, routes),
	MODULE_LIST(audit_actions, audit_actions),
	MODULE_LIST(person_parts, person_parts),
	MODULE_LIST(demo_parts, team_demo_parts),
};
