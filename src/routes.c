/* routes.c - see routes.h. To add a page: write its handler in its
 * capability's folder, then add one line here (docs/ARCHITECTURE.md). */
#include "routes.h"

#include "accounts/accounts.h"
#include "admin/admin.h"
#include "auth/perm.h"
#include "catalogue/pages.h"
#include "catalogue/refdata.h"
#include "core/util.h"
#include "ops/ops.h"

const struct route routes[] = {
	{RM_GET, "/", page_home, 0, CAP_PUBLIC},
	{RM_GET, "/hubs", page_hubs, 0, CAP_PUBLIC},
	{RM_GET, "/hubs/{code}", page_hub, 0, CAP_PUBLIC},
	{RM_GET, "/projects", page_projects, 0, CAP_PUBLIC},
	{RM_GET, "/projects/{code}", page_project, 0, CAP_PUBLIC},
	{RM_GET, "/api", page_api, 0, CAP_PUBLIC},
	{RM_GET, "/api/v1/hubs", api_hubs, RF_API, CAP_PUBLIC},
	{RM_GET, "/api/v1/hubs/{code}", api_hub, RF_API, CAP_PUBLIC},
	{RM_GET, "/api/v1/projects", api_projects, RF_API, CAP_PUBLIC},
	{RM_GET, "/api/v1/projects/{code}", api_project, RF_API, CAP_PUBLIC},
	{RM_GET, "/api/v1/openapi.json", api_openapi, RF_API, CAP_PUBLIC},
	{RM_GET, "/sign-in", page_sign_in, 0, CAP_PUBLIC},
	{RM_POST, "/sign-in", page_sign_in_post, 0, CAP_PUBLIC},
	{RM_GET, "/sign-in/code", page_sign_in_code, RF_PASSWORD, CAP_PUBLIC},
	{RM_POST, "/sign-in/code", page_sign_in_code_post, RF_PASSWORD, CAP_PUBLIC},
	{RM_POST, "/sign-in/code/send", page_sign_in_code_send_post, RF_PASSWORD, CAP_PUBLIC},
	{RM_POST, "/sign-out", page_sign_out_post, 0, CAP_PUBLIC},
	{RM_GET, "/set-up/{token}", page_setup, RF_SECRET_PATH, CAP_PUBLIC},
	{RM_POST, "/set-up/{token}", page_setup_post, RF_SECRET_PATH, CAP_PUBLIC},
	{RM_GET, "/account", page_account, 0, CAP_ACCOUNT},
	{RM_GET, "/account/confirm", page_confirm, 0, CAP_ACCOUNT},
	{RM_POST, "/account/confirm", page_confirm_post, 0, CAP_ACCOUNT},
	{RM_GET, "/account/password", page_password, 0, CAP_ACCOUNT},
	{RM_POST, "/account/password", page_password_post, 0, CAP_ACCOUNT},
	{RM_GET, "/account/second-factor", page_second_factor, RF_REAUTH, CAP_ACCOUNT},
	{RM_POST, "/account/second-factor", page_second_factor_post, RF_REAUTH, CAP_ACCOUNT},
	{RM_GET, "/account/recovery-codes", page_recovery_codes, RF_REAUTH, CAP_ACCOUNT},
	{RM_POST, "/account/recovery-codes", page_recovery_codes_post, RF_REAUTH, CAP_ACCOUNT},
	{RM_GET, "/account/authenticator", page_authenticator, RF_PASSWORD, CAP_PUBLIC},
	{RM_POST, "/account/authenticator", page_authenticator_post, RF_PASSWORD, CAP_PUBLIC},
	{RM_POST, "/account/email-codes", page_email_codes_post, RF_PASSWORD, CAP_PUBLIC},
	{RM_POST, "/account/phone", page_phone_post, RF_PASSWORD, CAP_PUBLIC},
	{RM_GET, "/account/phone/confirm", page_phone_confirm, RF_PASSWORD, CAP_PUBLIC},
	{RM_POST, "/account/phone/confirm", page_phone_confirm_post, RF_PASSWORD, CAP_PUBLIC},
	{RM_GET, "/sign-up", page_sign_up, 0, CAP_PUBLIC},
	{RM_POST, "/sign-up", page_sign_up_post, 0, CAP_PUBLIC},
	{RM_GET, "/password-reset", page_password_reset, 0, CAP_PUBLIC},
	{RM_POST, "/password-reset", page_password_reset_post, 0, CAP_PUBLIC},
	{RM_GET, "/admin/people", page_people, 0, CAP_PEOPLE_READ},
	{RM_POST, "/admin/people", page_people_add, 0, CAP_PEOPLE_ADD},
	{RM_GET, "/admin/people/{id}", page_person, 0, CAP_ROLES_MANAGE},
	{RM_POST, "/admin/people/{id}", page_person_grant, 0, CAP_ROLES_MANAGE},
	{RM_POST, "/admin/people/{id}/revoke", page_person_revoke, 0, CAP_ROLES_MANAGE},
	{RM_POST, "/admin/people/{id}/reset-sign-in", page_person_reset_sign_in, 0, CAP_SIGN_IN_RESET},
	{RM_GET, "/admin/audit", page_audit, 0, CAP_AUDIT_READ},
	{RM_GET, "/admin/audit.csv", page_audit_csv, 0, CAP_AUDIT_READ},
	{RM_GET, "/admin/outbox", page_outbox, 0, CAP_MAIL_READ},
	{RM_GET, "/healthz", ops_healthz, RF_API | RF_DB_OPTIONAL, CAP_PUBLIC},
	{RM_GET, "/metrics", ops_metrics, RF_API, CAP_PUBLIC},
};
const size_t nroutes = ARRAY_LEN(routes);

const struct migration migrations[] = {
	{1, "catalogue schema", "0001_catalogue.sql", NULL},
	{2, "reference data: hubs, 2024/25 projects, bank holidays", NULL, refdata_load},
	{3, "accounts: people, sessions, one-time links, roles, audit log, mail outbox", "0003_accounts.sql", NULL},
	{4, "codes by text message", "0004_sms.sql", NULL},
	{5, "account security: several second factors, phone calls, re-authentication", "0005_account_security.sql", NULL},
	{6, "one-time messages after a form (post/redirect/get); a role given once", "0006_one_time_messages.sql", NULL},
};
const size_t nmigrations = ARRAY_LEN(migrations);
