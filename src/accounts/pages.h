/*
 * pages.h - pieces of pages shared between the accounts capability's page
 * files (pages_setup.c, pages_account.c).
 */
#ifndef MH_ACCOUNTS_PAGES_H
#define MH_ACCOUNTS_PAGES_H

#include <stdbool.h>

#include "auth/recovery.h"
#include "core/err.h"

struct config;
struct html;
struct req;
struct resp;

/* Whether phones are offered as a second factor (a text or call gateway). */
bool phone_offered(const struct config *cfg);

/* The form that adds a phone (POST /account/phone): how codes should come
 * when both gateways are set, the number, and a button saying button. */
void phone_fields(struct html *w, struct req *rq, const char *error, const char *button);

/* "We have sent a 6-digit code to 07*** ***123. It works for 10
 * minutes." (or, for a call, "We are calling ... to read you a ..."). */
void code_sent_text(struct html *w, bool call, const char *to);

/* The page that shows new recovery codes, once. */
void recovery_codes_page(struct resp *rs, const char *title, const char (*codes)[RECOVERY_LEN + 1]);

/* Leaves new codes for their one display (post/redirect/get): sealed on the
 * session (session_flash_secret) with title, in the caller's write
 * transaction; the handler then answers 303 to /account/recovery-codes. */
enum err recovery_codes_flash(struct req *rq, const char *title, const char (*codes)[RECOVERY_LEN + 1]);

/* If the session brought new codes (recovery_codes_flash), shows them
 * (recovery_codes_page) and returns true; else false, nothing written. */
bool recovery_codes_taken(struct req *rq, struct resp *rs);

/* /account/second-factor, with an error against the phone form or the
 * list (NULL: none). */
enum err second_factor_page(struct req *rq, struct resp *rs, const char *error);

#endif
