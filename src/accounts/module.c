/* module.c - the accounts capability as a module (src/module.h): signing up, signing in
 * and out, second factors and one's own account. */
#include "accounts/accounts.h"
#include "auth/audit.h"
#include "auth/kept.h"
#include "auth/perm.h"
#include "module.h"

/* The actions it audits, with the labels people read (keys are stored in
 * audit_log.action: never rename one that has shipped). */
static const struct audit_action audit_actions[] = {
	/* signing in and out */
	{"sign_in", "Signed in"},
	{"sign_in_failed", "Failed sign-in"},
	{"sign_in_refused", "Sign-in refused: account locked"},
	{"password_accepted", "Password accepted (code still needed)"},
	{"second_factor_failed", "Wrong code entered"},
	{"code_sent", "New code sent"},
	{"account_locked", "Account locked after failed attempts"},
	{"rate_limited", "Too many attempts from one address"},
	{"signed_out", "Signed out"},
	{"signed_out_everywhere", "Signed out of every device"},
	/* the person's own security settings */
	{"password_set", "Password created"},
	{"password_changed", "Password changed"},
	{"password_reset", "Password reset by email link"},
	{"password_check_failed", "Wrong password when confirming it was you"},
	{"reauthenticated", "Confirmed it was you with your password"},
	{"second_factor_added", "New way to get codes"},
	{"second_factor_removed", "Way to get codes removed"},
	{"recovery_codes_renewed", "New recovery codes"},
	/* links by email */
	{"sign_up_link_sent", "Sign-up link emailed"},
	{"password_reset_link_sent", "Password reset link emailed"},
	{"link_throttled", "Link not sent: too many asked for"},
	{"link_refused", "Link refused: address not held for an active person"},
	{"link_notice_sent", "Link not sent: the owner emailed why"},
};

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
	{.text = "Your account", .href = "/account", .order = 90},
};

/* text kept when a session ended mid-form (auth/kept.h): a way back after signing in */
static const struct home_part home_parts[] = {
	{kept_home_read, kept_home_render},
};

const struct module accounts_module = {
	.name = "accounts",
	MODULE_LIST(routes, routes),
	MODULE_LIST(nav, nav),
	MODULE_LIST(audit_actions, audit_actions),
	MODULE_LIST(demo_parts, accounts_demo_parts),
	MODULE_LIST(home_parts, home_parts),
};
