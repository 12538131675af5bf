/*
 * audit.c - the audit log's one INSERT and the table of its actions: each
 * key with the label people read. Touches the database only through the
 * caller's transaction.
 */
#include "auth/audit.h"

#include <string.h>

#include "core/clock.h"
#include "core/log.h"
#include "db/db.h"
#include "http/request.h"

static const char SQL_AUDIT[] =
	"INSERT INTO audit_log (at, actor_id, action, subject, ip, request_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)";

/* Keys are stored in audit_log.action: never rename one that has shipped. */
static const struct {
	const char *key, *label;
} actions[] = {
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
	/* administration */
	{"person_created", "Added to Maths Hubs"},
	{"role_granted", "Role given"},
	{"role_revoked", "Role removed"},
	{"sign_in_reset", "Sign-in reset by an administrator"},
};

const char *audit_label(const char *action)
{
	for (size_t i = 0; action && i < sizeof(actions) / sizeof(actions[0]); i++)
		if (!strcmp(actions[i].key, action))
			return actions[i].label;
	return NULL;
}

size_t audit_action_count(void)
{
	return sizeof(actions) / sizeof(actions[0]);
}

const char *audit_action_key(size_t i)
{
	return i < audit_action_count() ? actions[i].key : NULL;
}

enum err audit(struct db *db, const struct req *rq, int64_t actor_id, const char *action,
	       const char *subject, const char *detail)
{
	if (!audit_label(action)) {
		log_msg("error", "audit: action \"%s\" has no label in src/auth/audit.c", action ? action : "(null)");
		return ERR_DB;
	}
	struct db_stmt *st = db_prepare(db, SQL_AUDIT);
	if (!st || db_bind_int(st, 1, clock_now()) ||
	    (actor_id ? db_bind_int(st, 2, actor_id) : db_bind_null(st, 2)) || db_bind_text(st, 3, action) ||
	    db_bind_text(st, 4, subject ? subject : "") ||
	    db_bind_text(st, 5, rq && rq->client_ip ? rq->client_ip : "") ||
	    db_bind_text(st, 6, rq && rq->request_id ? rq->request_id : "") ||
	    db_bind_text(st, 7, detail ? detail : ""))
		return ERR_DB;
	return db_step_done(st);
}
