/*
 * accounts.h - people's accounts: the first administrator (CLI), set-up
 * links, passwords, second factors (the authenticator app (TOTP), codes by
 * email, text or phone call), recovery codes, sign-in, sign-out, the
 * account page and its security pages. They audit through auth/audit.h.
 */
#ifndef MH_ACCOUNTS_H
#define MH_ACCOUNTS_H

#include <stdint.h>

#include "auth/audit.h" /* for callers that still take audit() from here */
#include "core/err.h"
#include "demo/demo.h"

struct config;
struct db;
struct req;
struct resp;

#define SETUP_LINK_SECONDS (24 * 3600)
#define RESET_LINK_SECONDS 3600
#define LOCK_AFTER_FAILURES 5
#define LOCK_SECONDS (15 * 60)       /* the first lock; each within a day doubles the next */
#define LOCK_MAX_SECONDS (24 * 3600)
#define DEVICE_TRUST_SECONDS (365 * 86400) /* a device that signed in stays trusted for its person (attempt.h) */

/* `mathshubs admin create --email E --name N`: the first national
 * administrator; prints a one-time set-up link (24 h, single use). */
int accounts_admin_create(const struct config *cfg, int argc, char **argv);

/* At start with --secret-key-file: seals the authenticator secrets stored
 * before there was a key (auth/sealed.h), in one transaction. 0, or 1
 * with a message on stderr. */
int accounts_reseal(const struct config *cfg);

enum err accounts_setup(struct req *rq, struct resp *rs);          /* GET  /set-up/{token} */
enum err accounts_setup_post(struct req *rq, struct resp *rs);     /* POST /set-up/{token} */
enum err accounts_authenticator(struct req *rq, struct resp *rs);  /* GET  /account/authenticator */
enum err accounts_authenticator_post(struct req *rq, struct resp *rs);
enum err accounts_email_codes_post(struct req *rq, struct resp *rs); /* POST /account/email-codes */
enum err accounts_phone_post(struct req *rq, struct resp *rs);      /* POST /account/phone */
enum err accounts_phone_confirm(struct req *rq, struct resp *rs);      /* GET /account/phone/confirm */
enum err accounts_phone_confirm_post(struct req *rq, struct resp *rs); /* POST /account/phone/confirm */
enum err accounts_sign_in(struct req *rq, struct resp *rs);        /* GET  /sign-in */
enum err accounts_sign_in_post(struct req *rq, struct resp *rs);
enum err accounts_sign_in_code(struct req *rq, struct resp *rs);   /* GET  /sign-in/code */
enum err accounts_sign_in_code_post(struct req *rq, struct resp *rs);
enum err accounts_sign_out_post(struct req *rq, struct resp *rs);  /* POST /sign-out */
enum err accounts_sign_in_code_send_post(struct req *rq, struct resp *rs); /* POST /sign-in/code/send */
enum err accounts_account(struct req *rq, struct resp *rs);        /* GET  /account */
enum err accounts_confirm(struct req *rq, struct resp *rs);        /* GET  /account/confirm */
enum err accounts_confirm_post(struct req *rq, struct resp *rs);
enum err accounts_password(struct req *rq, struct resp *rs);       /* GET  /account/password */
enum err accounts_password_post(struct req *rq, struct resp *rs);
enum err accounts_second_factor(struct req *rq, struct resp *rs);  /* GET  /account/second-factor */
enum err accounts_second_factor_post(struct req *rq, struct resp *rs);
enum err accounts_recovery_codes(struct req *rq, struct resp *rs); /* GET  /account/recovery-codes */
enum err accounts_recovery_codes_post(struct req *rq, struct resp *rs);
enum err accounts_sign_up(struct req *rq, struct resp *rs);        /* GET  /sign-up */
enum err accounts_sign_up_post(struct req *rq, struct resp *rs);
enum err accounts_password_reset(struct req *rq, struct resp *rs); /* GET  /password-reset */
enum err accounts_password_reset_post(struct req *rq, struct resp *rs);

/* Its part of the demo data (demo_sign_in.c: one person of each role can sign in). */
extern const struct demo_part accounts_demo_parts[1];

/* The accounts capability as a module (module.c), for src/routes.c. */
struct module;
extern const struct module accounts_module;

#endif
