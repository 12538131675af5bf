/* module.c - the accounts capability as a module (src/module.h): signing up, signing in
 * and out, second factors and one's own account. */
#include "accounts/accounts.h"
#include "auth/perm.h"
#include "module.h"

static const struct route routes[] = {
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
};

static const struct nav_item nav[] = {
	{"Your account", "/account", 90},
};

const struct module accounts_module = {"accounts", MODULE_ARRAY(routes), MODULE_ARRAY(nav), NULL, 0};
