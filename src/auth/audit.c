/*
 * audit.c - the audit log's one INSERT and the actions it accepts: each
 * key with the label people read, declared by the capability that audits
 * it (its module) and installed at start. Touches the database only
 * through the caller's transaction.
 */
#include "auth/audit.h"

#include <string.h>

#include "core/clock.h"
#include "core/log.h"
#include "db/db.h"
#include "http/request.h"

static const char SQL_AUDIT[] =
	"INSERT INTO audit_log (at, actor_id, action, subject, ip, request_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)";

/* Every capability's actions (audit_set_actions, at start). */
static const struct audit_action *actions;
static size_t nactions;

void audit_set_actions(const struct audit_action *list, size_t n)
{
	actions = list;
	nactions = n;
}

const char *audit_label(const char *action)
{
	for (size_t i = 0; action && i < nactions; i++)
		if (!strcmp(actions[i].key, action))
			return actions[i].label;
	return NULL;
}

size_t audit_action_count(void)
{
	return nactions;
}

const char *audit_action_key(size_t i)
{
	return i < nactions ? actions[i].key : NULL;
}

enum err audit(struct db *db, const struct req *rq, int64_t actor_id, const char *action,
	       const char *subject, const char *detail)
{
	if (!audit_label(action)) {
		log_msg("error", "audit: action \"%s\" has no label in its module's audit actions", action ? action : "(null)");
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
