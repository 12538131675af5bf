/* module.c - the accounts capability as a module (src/module.h): signing up, signing in
 * and out, second factors and one's own account. */
#include "accounts/accounts.h"
#include "auth/perm.h"
#include "module.h"

static const struct route routes[] = {
	{RM_GET, "/sign-in", accounts_sign_in, 0, CAP_PUBLIC},
	{RM_POST, "/sign-in", accounts_sign_in_post, 0, CAP_PUBLIC},
	{RM_GET, "/sign-in/code", accounts_sign_in_code, RF_PASSWORD, CAP_PUBLIC},
	{RM_POST, "/sign-in/code", accounts_sign_in_code_post, RF_PASSWORD, CAP_PUBLIC},
	{RM_POST, "/sign-in/code/send", accounts_sign_in_code_send_post, RF_PASSWORD, CAP_PUBLIC},
	{RM_POST, "/sign-out", accounts_sign_out_post, 0, CAP_PUBLIC},
	{RM_GET, "/set-up/{token}", accounts_setup, RF_SECRET_PATH, CAP_PUBLIC},
	{RM_POST, "/set-up/{token}", accounts_setup_post, RF_SECRET_PATH, CAP_PUBLIC},
	{RM_GET, "/account", accounts_account, 0, CAP_ACCOUNT},
	{RM_GET, "/account/confirm", accounts_confirm, 0, CAP_ACCOUNT},
	{RM_POST, "/account/confirm", accounts_confirm_post, 0, CAP_ACCOUNT},
	{RM_GET, "/account/password", accounts_password, 0, CAP_ACCOUNT},
	{RM_POST, "/account/password", accounts_password_post, 0, CAP_ACCOUNT},
	{RM_GET, "/account/second-factor", accounts_second_factor, RF_REAUTH, CAP_ACCOUNT},
	{RM_POST, "/account/second-factor", accounts_second_factor_post, RF_REAUTH, CAP_ACCOUNT},
	{RM_GET, "/account/recovery-codes", accounts_recovery_codes, RF_REAUTH, CAP_ACCOUNT},
	{RM_POST, "/account/recovery-codes", accounts_recovery_codes_post, RF_REAUTH, CAP_ACCOUNT},
	{RM_GET, "/account/authenticator", accounts_authenticator, RF_PASSWORD, CAP_PUBLIC},
	{RM_POST, "/account/authenticator", accounts_authenticator_post, RF_PASSWORD, CAP_PUBLIC},
	{RM_POST, "/account/email-codes", accounts_email_codes_post, RF_PASSWORD, CAP_PUBLIC},
	{RM_POST, "/account/phone", accounts_phone_post, RF_PASSWORD, CAP_PUBLIC},
	{RM_GET, "/account/phone/confirm", accounts_phone_confirm, RF_PASSWORD, CAP_PUBLIC},
	{RM_POST, "/account/phone/confirm", accounts_phone_confirm_post, RF_PASSWORD, CAP_PUBLIC},
	{RM_GET, "/sign-up", accounts_sign_up, 0, CAP_PUBLIC},
	{RM_POST, "/sign-up", accounts_sign_up_post, 0, CAP_PUBLIC},
	{RM_GET, "/password-reset", accounts_password_reset, 0, CAP_PUBLIC},
	{RM_POST, "/password-reset", accounts_password_reset_post, 0, CAP_PUBLIC},
};

static const struct nav_item nav[] = {
	{"Your account", "/account", 90},
};

const struct module accounts_module = {"accounts", MODULE_ARRAY(routes), MODULE_ARRAY(nav), NULL, 0};
