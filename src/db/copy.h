/*
 * copy.h - moves an embedded (SQLite) deployment to PostgreSQL:
 * `mathshubs copy-db --from sqlite:PATH --to postgresql://...`.
 */
#ifndef MH_COPY_H
#define MH_COPY_H

#include <stddef.h>
#include <stdio.h>

#include "core/err.h"
#include "db/migrate.h"

struct arena;
struct db;

/* Copies every table of from (at the newest schema version) into to,
 * which must be empty: to is migrated first, then every row is copied in
 * one transaction, identity sequences are moved past the copied ids, and
 * both sides are compared table by table (row count and an order-free
 * checksum), one line per table written to report. Returns ERR_OK only if
 * every table matches; otherwise an error and a message in msg. The SQL it
 * prepares lives in a: free a only after closing both connections (their
 * statement caches are keyed by those strings). */
enum err db_copy(struct db *from, struct db *to, const struct migration *list, size_t n,
		 struct arena *a, FILE *report, char *msg, size_t msglen);

#endif
