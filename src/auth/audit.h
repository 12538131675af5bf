/*
 * audit.h - the audit log: append-only rows (who, what, which record, from
 * where, which request), written inside the transaction of the action they
 * record. Every action has a key (stored, filtered on, exported in CSV) and
 * a human label (shown on /account and /admin/audit), declared in the
 * module of the capability that audits it (src/module.h) and installed at
 * start (audit_set_actions). audit() refuses a key that is not there, and
 * tests/unit/test_audit.c reads src/ for every key passed to audit(), so a
 * new action without a label fails the unit tests before it can reach a
 * page as a raw key.
 */
#ifndef MH_AUTH_AUDIT_H
#define MH_AUTH_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct db;
struct req;

/* An action: the key stored in audit_log.action (never rename one that has
 * shipped) and the label people read. */
struct audit_action {
	const char *key, *label;
};

/* Installs every capability's actions (process lifetime; once, before
 * any audit: src/routes.c does it). */
void audit_set_actions(const struct audit_action *list, size_t n);

/* Appends to the audit log (inside the caller's transaction). actor_id 0:
 * nobody signed in. action must be a key of the label table (else
 * ERR_DB, logged: a programmer error). Never pass passwords, codes or
 * tokens. rq may be NULL (the command line). */
enum err audit(struct db *db, const struct req *rq, int64_t actor_id, const char *action,
	       const char *subject, const char *detail);

/* The human label of an action key ("role_revoked" -> "Role removed"), or
 * NULL when the key is not in the table. */
const char *audit_label(const char *action);

/* The label table in order, for lists and tests: the number of actions,
 * and the key of the i-th (i < audit_action_count()). */
size_t audit_action_count(void);
const char *audit_action_key(size_t i);

#endif
