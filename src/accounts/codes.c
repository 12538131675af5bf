/*
 * codes.c - one-time codes sent by email, text message or phone call, and
 * the notices that tell a person their account's security has changed.
 * A code is 6 random digits, stored as token_hash(code) with its expiry
 * and where it went; one live code per person (a new one replaces it).
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "accounts/queries.h"
#include "auth/ratelimit.h"
#include "auth/sealed.h"
#include "auth/token.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "db/db.h"
#include "http/request.h"
#include "mail/mail.h"

/* Whether this deployment can reach p's phone the way p chose. */
bool phone_reachable(const struct config *cfg, const struct person *p)
{
	return p->phone && (p->phone_by == PHONE_VOICE ? cfg->voice_gateway_url : cfg->sms_gateway_url)[0];
}

enum err send_a_code(struct db *db, struct req *rq, const struct person *p, enum code_route route)
{
	char code[8], hash[TOKEN_HASH_LEN + 1];
	snprintf(code, sizeof(code), "%06u", (unsigned)randombytes_uniform(1000000));
	token_hash(code, hash);
	bool pending = route == CODE_TO_PENDING_PHONE;
	const char *to = pending ? p->phone_pending : route == CODE_BY_PHONE ? p->phone : NULL;
	enum phone_channel by = pending ? p->phone_pending_by : p->phone_by;
	if (route != CODE_BY_EMAIL && !to)
		return ERR_INVALID;
	const char *channel = !to ? "email" : by == PHONE_VOICE ? (pending ? "confirm_voice" : "voice")
							    : (pending ? "confirm_sms" : "sms");
	enum err e = person_set_code(db, p->id, hash, clock_now() + CODE_SECONDS, channel);
	if (e)
		return e;
	if (to && by == PHONE_VOICE) /* read aloud digit by digit, twice */
		return phone_queue(db, PHONE_VOICE, to,
				   arena_printf(rq->arena, "Hello, this is Maths Hubs. Your code is %c, %c, %c, %c, %c, %c. "
						"Again, your code is %c, %c, %c, %c, %c, %c. It works for 10 minutes. Goodbye.",
						code[0], code[1], code[2], code[3], code[4], code[5],
						code[0], code[1], code[2], code[3], code[4], code[5]));
	if (to)
		return phone_queue(db, PHONE_SMS, to,
				   arena_printf(rq->arena, "Your Maths Hubs code is %s. It works once, for 10 minutes. Do not share it.", code));
	return mail_queue(db, p->email, arena_printf(rq->arena, "Your Maths Hubs sign-in code is %s", code),
			  arena_printf(rq->arena, "Your code for Maths Hubs is:\n\n%s\n\nIt works once, for 10 minutes. If you did not try to sign in, someone else knows your password: change it at %s/password-reset\n",
				       code, rq->cfg->base_url),
			  NULL);
}

enum err codes_allowed(struct db *db, struct req *rq, const struct person *p, bool *ok, int64_t *retry_after)
{
	return ratelimit_hit(db, "code_sent_person", arena_printf(rq->arena, "%lld", (long long)p->id), CODES_SENT_PER_PERSON,
			     CODES_SENT_WINDOW, ok, retry_after, NULL);
}

enum err send_sign_in_code(struct db *db, struct req *rq, const struct person *p, bool *sent)
{
	*sent = false;
	bool phone = phone_reachable(rq->cfg, p);
	if (p->totp_secret || (!phone && !p->email_codes))
		return ERR_OK; /* the app needs nothing sent (nor a recovery code) */
	bool ok;
	int64_t retry;
	enum err e = codes_allowed(db, rq, p, &ok, &retry);
	if (e || !ok)
		return e; /* several sent lately: the last one still works */
	*sent = true;
	return send_a_code(db, rq, p, phone ? CODE_BY_PHONE : CODE_BY_EMAIL);
}

bool code_matches(const struct person *p, const char *typed, enum code_purpose purpose)
{
	const char *by = p->code_sent_by ? p->code_sent_by : "";
	bool fits = purpose == CODE_TO_CONFIRM_PHONE
			    ? p->phone_pending && !strcmp(by, p->phone_pending_by == PHONE_VOICE ? "confirm_voice" : "confirm_sms")
			    : (!strcmp(by, "email") && p->email_codes) ||
				      (p->phone && !strcmp(by, p->phone_by == PHONE_VOICE ? "voice" : "sms"));
	char digits[8] = "", h[TOKEN_HASH_LEN + 1];
	size_t n = 0;
	for (const char *c = typed ? typed : ""; *c && n < 7; c++) /* "123 456" is 123456 */
		if (*c != ' ')
			digits[n++] = *c;
	digits[n] = '\0';
	token_hash(digits, h);
	return fits && p->email_code_hash && p->email_code_expires > clock_now() && token_equal(h, p->email_code_hash);
}

int factor_count(const struct person *p)
{
	return (p->totp_secret != NULL) + (p->phone != NULL) + p->email_codes;
}

enum err recovery_codes_replace(struct db *db, int64_t person_id, char codes[RECOVERY_COUNT][RECOVERY_LEN + 1])
{
	enum err e = recovery_codes_clear(db, person_id);
	if (e)
		return e;
	recovery_new(codes);
	for (int i = 0; i < RECOVERY_COUNT; i++) {
		char h[KEYED_HASH_LEN + 1];
		keyed_hash(codes[i], h);
		if ((e = recovery_code_add(db, person_id, h)))
			return e;
	}
	return ERR_OK;
}

enum err security_notice(struct db *db, struct req *rq, const struct person *p, const char *what)
{
	return mail_queue(db, p->email, what,
			  arena_printf(rq->arena, "%s.\n\nIf this was you, there is nothing more to do.\n\n"
					   "If it was not you, someone may have signed in as you: reset your password at %s/password-reset and tell your hub's leadership team.\n",
				       what, rq->cfg->base_url),
			  NULL);
}
