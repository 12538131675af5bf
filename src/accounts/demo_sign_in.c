/*
 * demo_sign_in.c - accounts' part of the demo data (demo/demo.h): one
 * person of each role can sign in, with a password and an authenticator
 * app, as someone who set up their account would. The rest of the demo's
 * people have added accounts that nobody has set up (hashing tens of
 * thousands of passwords would take minutes and serve nobody).
 *
 * Before the transaction (argon2id is slow, and must not hold the write
 * lock): a new random password for each role, hashed by password_hash,
 * and a new authenticator key (totp_new_secret): never from the seed, so
 * that a demo's seed gives away nobody's sign-in. In the transaction: the
 * people, in one hub where the role is a hub's (the hub's leadership, an
 * LLME active this year, a teacher and a headteacher at its schools), each
 * given their password and key through the accounts' own queries
 * (person_set_password, person_set_totp; the key sealed as every key is).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "accounts/accounts.h"
#include "accounts/queries.h"
#include "auth/password.h"
#include "auth/sealed.h"
#include "auth/totp.h"
#include "core/arena.h"
#include "demo/demo.h"

/* A password: 16 random base32 letters and digits in four groups
 * ("kq7m-3tx9-vb2d-w4hn", 80 bits). */
static void new_password(char out[40])
{
	char key[TOTP_SECRET_B32_LEN + 1];
	totp_new_secret(key);
	size_t o = 0;
	for (size_t i = 0; i < 16; i++) {
		if (i && i % 4 == 0)
			out[o++] = '-';
		out[o++] = (char)tolower((unsigned char)key[i]);
	}
	out[o] = '\0';
}

/* The order people are picked in: a hub's roles first, all in one hub;
 * the Hub Lead Link, a Maths Hub Lead too, last (of another hub). */
static const enum role pick_order[] = {
	ROLE_MHL, ROLE_AMHL, ROLE_HUB_MANAGER, ROLE_LLME, ROLE_PARTICIPANT, ROLE_HEADTEACHER, ROLE_NATIONAL_ADMIN,
	ROLE_NATIONAL_ANALYST, ROLE_PROJECT_LEAD, ROLE_NATIONAL_LINK, ROLE_HUB_LEAD_LINK,
};
_Static_assert(sizeof(pick_order) / sizeof(pick_order[0]) == ROLE_COUNT, "every role signs in");

static enum err sign_in_prepare(struct demo *d, void **prepared)
{
	(void)prepared;
	d->nsign_ins = 0;
	for (int r = 0; r < ROLE_COUNT; r++) { /* in the roles' order: the summary's */
		struct demo_sign_in *s = &d->sign_ins[d->nsign_ins++];
		*s = (struct demo_sign_in){.role = (enum role)r, .person = DEMO_NONE};
		new_password(s->password);
		totp_new_secret(s->secret);
		if (password_hash(s->password, s->hash)) {
			snprintf(d->msg, sizeof(d->msg), "sign-in: cannot hash a password");
			return ERR_SYSTEM;
		}
	}
	return ERR_OK;
}

/* Whether grant g's person may be the one of their role who signs in:
 * still in the programme, not picked for another role, and (when want is
 * a hub) working in hub want. */
static bool suits(const struct demo *d, const struct demo_grant *g, const bool *taken, size_t want)
{
	const struct demo_person *p = &d->people[g->person];
	if (p->deactivated || !demo_person_in(p, d->year) || taken[g->person])
		return false;
	return want == DEMO_NONE || p->hub == want;
}

/* The person of role r who signs in: one in hub h if there is one, else any. */
static size_t pick(const struct demo *d, enum role r, const bool *taken, size_t h)
{
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < d->ngrants; i++)
			if (d->grants[i].role == r && suits(d, &d->grants[i], taken, pass ? DEMO_NONE : h))
				return d->grants[i].person;
	return DEMO_NONE;
}

static enum err sign_in_make(struct db *db, struct demo *d, void *prepared)
{
	(void)prepared;
	struct demo_rng rng;
	demo_rng_seed(&rng, d->seed, "sign-in");
	size_t h = d->nhubs ? (size_t)demo_rng_below(&rng, d->nhubs) : DEMO_NONE;
	bool *taken = arena_alloc(d->a, d->npeople + 1);
	size_t given = 0;
	for (size_t i = 0; i < sizeof(pick_order) / sizeof(pick_order[0]); i++) {
		struct demo_sign_in *s = &d->sign_ins[pick_order[i]];
		s->person = pick(d, s->role, taken, h);
		if (s->person == DEMO_NONE) {
			snprintf(d->msg, sizeof(d->msg), "sign-in: nobody has the role %s", role_key(s->role));
			return ERR_SYSTEM;
		}
		taken[s->person] = true;
		int64_t id = d->people[s->person].id;
		const char *sealed = seal(d->a, s->secret, arena_printf(d->a, "totp:%lld", (long long)id));
		enum err e;
		if (!sealed)
			return ERR_SYSTEM;
		if ((e = person_set_password(db, id, s->hash)) || (e = person_set_totp(db, id, sealed, 0)))
			return e;
		given++;
	}
	demo_count(d, "can sign in", (int64_t)given, "one of each role, with a password and an authenticator app");
	return ERR_OK;
}

const struct demo_part accounts_demo_parts[1] = {
	{"sign-in", 30, sign_in_prepare, sign_in_make},
};
