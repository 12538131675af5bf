/*
 * views.h - what more than one of the accounts capability's page files
 * draws (views.c): the phone form, the second-factor page, the recovery
 * codes' one display. The page files depend on it (and attempt.h,
 * queries.h), never on each other.
 */
#ifndef MH_ACCOUNTS_VIEWS_H
#define MH_ACCOUNTS_VIEWS_H

#include <stdbool.h>

#include "auth/recovery.h"
#include "core/err.h"

struct config;
struct form;
struct form_data;
struct html;
struct person;
struct req;
struct resp;


/* Whether phones are offered as a second factor (a text or call gateway). */
bool phone_offered(const struct config *cfg);

/* The form that adds a phone (POST /account/phone), declared (html/form.h)
 * as the deployment's gateways allow: how codes should come (PHONE_BY:
 * "sms" or "voice", a choice only when both gateways are set) and the
 * number (PHONE_NUMBER; whether it is one, the handler checks). */
enum { PHONE_BY, PHONE_NUMBER, PHONE_NFIELDS };
const struct form *phone_form(const struct config *cfg);

/* The phone form with what was sent (NULL: nothing yet) and its errors,
 * and a button saying button. */
void phone_fields(struct html *w, struct req *rq, const struct form_data *sent, const char *button);

/* "We have sent a 6-digit code to 07*** ***123. It works for 10
 * minutes." (or, for a call, "We are calling ... to read you a ..."). */
void code_sent_text(struct html *w, bool call, const char *to);

/* The page that shows new recovery codes, once. */
void recovery_codes_page(struct resp *rs, const char *title, const char (*codes)[RECOVERY_LEN + 1]);

/* Leaves new codes for their one display (post/redirect/get): sealed on the
 * session (session_flash_secret) with title, in the caller's write
 * transaction; the handler then answers 303 to /account/recovery-codes. */
enum err recovery_codes_flash(struct req *rq, const char *title, const char (*codes)[RECOVERY_LEN + 1]);

/* If the session holds new codes (recovery_codes_flash), takes them
 * (session_take_secret), shows them (recovery_codes_page) and sets *shown;
 * else *shown is false, nothing rendered. An error taking them is
 * returned. */
enum err recovery_codes_taken(struct req *rq, struct resp *rs, bool *shown);

/* "Text message to 07*** ***123": p's phone as a way of getting codes
 * (in the request's arena). */
const char *phone_way(struct req *rq, const struct person *p);

/* /account/second-factor for p (read by the caller): with the phone form
 * as sent (NULL: nothing sent) and its errors, or ways_error, a refusal
 * about the list of ways (NULL: none). */
void second_factor_view(struct req *rq, struct resp *rs, const struct person *p, const struct form_data *phone,
			const char *ways_error);

/* The hint of a new password's field. */
#define NEW_PASSWORD_HINT "Use 12 characters or more. A few unrelated words make a strong password you can remember."

/* A new password's form_check (auth/password.h's rules); ctx: the
 * person's struct password_owner (their email address and name). */
const char *new_password_check(const char *password, const void *owner);

#endif
