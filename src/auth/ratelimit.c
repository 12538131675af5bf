/* ratelimit.c - see ratelimit.h. One upsert a hit: portable SQL. */
#include "auth/ratelimit.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"

static const char SQL_HIT[] =
	"INSERT INTO rate_limits (key, window_start, attempts) VALUES ($1, $2, 1) "
	"ON CONFLICT (key) DO UPDATE SET "
	"attempts = CASE WHEN rate_limits.window_start <= $3 THEN 1 ELSE rate_limits.attempts + 1 END, "
	"window_start = CASE WHEN rate_limits.window_start <= $3 THEN $2 ELSE rate_limits.window_start END "
	"RETURNING window_start, attempts";

static const char SQL_FORGIVE[] =
	"UPDATE rate_limits SET attempts = attempts - 1 WHERE key = $1 AND attempts > 0";

void ratelimit_group(const char *who, char *out, size_t n)
{
	struct in6_addr a6;
	if (!who || inet_pton(AF_INET6, who, &a6) != 1) {
		snprintf(out, n, "%s", who ? who : "");
		return;
	}
	char text[INET6_ADDRSTRLEN];
	if (IN6_IS_ADDR_V4MAPPED(&a6)) { /* ::ffff:a.b.c.d is a.b.c.d */
		inet_ntop(AF_INET, &a6.s6_addr[12], text, sizeof(text));
		snprintf(out, n, "%s", text);
		return;
	}
	/* one household, one office, one phone has a /64 of its own */
	memset(&a6.s6_addr[8], 0, 8);
	inet_ntop(AF_INET6, &a6, text, sizeof(text));
	snprintf(out, n, "%s/64", text);
}

/* The row's key: the action and who's group. */
static void make_key(char *key, size_t n, const char *action, const char *who)
{
	char group[RATELIMIT_GROUP_LEN];
	ratelimit_group(who, group, sizeof(group));
	snprintf(key, n, "%s:%s", action, group);
}

enum err ratelimit_hit(struct db *db, const char *action, const char *who, int max, int64_t window,
		       bool *allowed, int64_t *retry_after, bool *first_refusal)
{
	char key[160];
	make_key(key, sizeof(key), action, who);
	int64_t now = clock_now();
	struct db_stmt *st = db_prepare(db, SQL_HIT);
	if (!st || db_bind_text(st, 1, key) || db_bind_int(st, 2, now) || db_bind_int(st, 3, now - window))
		return ERR_DB;
	int rc = db_step(st);
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_DB;
	int64_t start = db_col_int(st, 0), attempts = db_col_int(st, 1);
	db_step(st);
	*allowed = attempts <= max;
	if (first_refusal)
		*first_refusal = attempts == (int64_t)max + 1;
	*retry_after = start + window - now;
	if (*retry_after < 1)
		*retry_after = 1;
	return ERR_OK;
}

enum err ratelimit_forgive(struct db *db, const char *action, const char *who)
{
	char key[160];
	make_key(key, sizeof(key), action, who);
	struct db_stmt *st = db_prepare(db, SQL_FORGIVE);
	if (!st || db_bind_text(st, 1, key))
		return ERR_DB;
	return db_step_done(st);
}

const char *ratelimit_detail(struct arena *a, const char *action, int64_t window)
{
	int64_t minutes = window / 60;
	return arena_printf(a, "%s: further attempts from this address in the next %lld minutes are refused, and not logged one by one",
			    action, (long long)minutes);
}
