/*
 * ratelimit.h - attempts per key (an action and an address) in a fixed
 * window, kept in the database so every process shares them. Called inside
 * the action's own write transaction. A limit on failures (a wrong password
 * or code) counts every attempt when it starts, so that attempts running
 * at the same time are all counted, and forgives those that succeed: many
 * people behind one address (a school) are never refused for succeeding.
 */
#ifndef MH_AUTH_RATELIMIT_H
#define MH_AUTH_RATELIMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct db;

/* Room for any group (ratelimit_group), with its NUL: an IPv6 /64. */
#define RATELIMIT_GROUP_LEN 64

/* Writes to out (n bytes, RATELIMIT_GROUP_LEN is enough) the group whose
 * attempts who's count with: an IPv6 address's /64 in its compressed form
 * ("2001:db8:1:2::/64"), since anyone may hold a whole /64; an
 * IPv4-mapped IPv6 address (::ffff:a.b.c.d) as the IPv4 address a.b.c.d;
 * anything else (an IPv4 address, a person's id, "") as it is. */
void ratelimit_group(const char *who, char *out, size_t n);

/* Counts one attempt of action from who (e.g. "sign_in", "203.0.113.9"),
 * counted with the others of who's group (ratelimit_group). *allowed is
 * false once more than max attempts fall in the current window of window
 * seconds; *retry_after then says how long until it ends. first_refusal
 * (may be NULL): set when this is the window's first refused attempt, so
 * that a refusal is logged once per address and window, not once per
 * request (an unauthenticated client cannot grow the audit log). */
enum err ratelimit_hit(struct db *db, const char *action, const char *who, int max, int64_t window,
		       bool *allowed, int64_t *retry_after, bool *first_refusal);

struct arena;
/* The audit detail of a first refusal: "sign_in: further attempts from
 * this address in the next 15 minutes are refused, and not logged one by
 * one" (window in seconds). */
const char *ratelimit_detail(struct arena *a, const char *action, int64_t window);

/* The attempt of action from who that ratelimit_hit counted succeeded: it
 * no longer counts (the count never goes below zero). Call it at most once
 * for each hit, in the transaction that learns of the success. */
enum err ratelimit_forgive(struct db *db, const char *action, const char *who);

#endif
