/* module.c - the admin capability as a module (src/module.h): people and their roles,
 * the audit log and undelivered mail, for administrators and hub leadership. */
#include "admin/admin.h"
#include "auth/audit.h"
#include "auth/perm.h"
#include "module.h"

/* The actions it audits, with the labels people read (keys are stored in
 * audit_log.action: never rename one that has shipped). */
static const struct audit_action audit_actions[] = {
	{"person_created", "Added to Maths Hubs"},
	{"role_granted", "Role given"},
	{"role_revoked", "Role removed"},
	{"sign_in_reset", "Sign-in reset by an administrator"},
	{"people_uploaded", "People added from a file"},
	{"person_details_changed", "School or job title changed"},
	{"email_changed", "Email address changed"},
	{"person_deactivated", "Deactivated"},
	{"person_reactivated", "Reactivated"},
};

/* On the account page, under "Manage", for those who may. */
static const struct nav_item nav[] = {
	{.text = "People and their roles", .href = "/admin/people", .order = 110, .place = NAV_MANAGE, .capability = CAP_PEOPLE_READ},
	{.text = "Audit log", .href = "/admin/audit", .order = 120, .place = NAV_MANAGE, .capability = CAP_AUDIT_READ},
	{.text = "Undelivered mail", .href = "/admin/outbox", .order = 130, .place = NAV_MANAGE, .capability = CAP_MAIL_READ},
};

static const struct route routes[] = {
	{RM_GET, "/admin/people", admin_people, 0, CAP_PEOPLE_READ},
	{RM_POST, "/admin/people", admin_people_add, 0, CAP_PEOPLE_ADD},
	/* before /admin/people/{id}: the first route that matches a path answers it */
	{RM_GET, "/admin/people/upload", admin_upload_page, 0, CAP_PEOPLE_ADD},
	{RM_POST, "/admin/people/upload", admin_upload_post, 0, CAP_PEOPLE_ADD},
	{RM_GET, "/admin/people/upload/template.csv", admin_upload_template, 0, CAP_PEOPLE_ADD},
	{RM_GET, "/admin/people/upload/{token}", admin_upload_review, RF_SECRET_PATH, CAP_PEOPLE_ADD},
	{RM_POST, "/admin/people/upload/{token}", admin_upload_confirm, RF_SECRET_PATH, CAP_PEOPLE_ADD},
	/* a person's page: their hub's leadership and the national team
	 * (person.h: the handler checks the person is theirs) */
	{RM_GET, "/admin/people/{id}", admin_person, 0, CAP_PEOPLE_READ},
	{RM_POST, "/admin/people/{id}", admin_person_grant, 0, CAP_ROLES_MANAGE},
	{RM_POST, "/admin/people/{id}/revoke", admin_person_revoke, 0, CAP_ROLES_MANAGE},
	{RM_POST, "/admin/people/{id}/reset-sign-in", admin_person_reset_sign_in, 0, CAP_SIGN_IN_RESET},
	{RM_GET, "/admin/people/{id}/details", admin_person_details, 0, CAP_PEOPLE_EDIT},
	{RM_POST, "/admin/people/{id}/details", admin_person_details_post, 0, CAP_PEOPLE_EDIT},
	{RM_GET, "/admin/people/{id}/email", admin_person_email, 0, CAP_PEOPLE_EDIT},
	{RM_POST, "/admin/people/{id}/email", admin_person_email_post, 0, CAP_PEOPLE_EDIT},
	{RM_GET, "/admin/people/{id}/deactivate", admin_person_deactivate, 0, CAP_PEOPLE_EDIT},
	{RM_POST, "/admin/people/{id}/deactivate", admin_person_deactivate_post, 0, CAP_PEOPLE_EDIT},
	{RM_GET, "/admin/people/{id}/reactivate", admin_person_reactivate, 0, CAP_PEOPLE_EDIT},
	{RM_POST, "/admin/people/{id}/reactivate", admin_person_reactivate_post, 0, CAP_PEOPLE_EDIT},
	{RM_GET, "/admin/audit", admin_audit, 0, CAP_AUDIT_READ},
	{RM_GET, "/admin/audit.csv", admin_audit_csv, 0, CAP_AUDIT_READ},
	{RM_GET, "/admin/outbox", admin_outbox, 0, CAP_MAIL_READ},
};

const struct module admin_module = {
	.name = "admin",
	MODULE_LIST(routes, routes),
	MODULE_LIST(nav, nav),
	MODULE_LIST(audit_actions, audit_actions),
	MODULE_LIST(demo_parts, admin_demo_parts),
};
