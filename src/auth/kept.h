/*
 * kept.h - text kept when a long form is sent after the session ended.
 *
 * A person writing a HAPPI form for an hour may find, on pressing Save,
 * that their session ended meanwhile. For a route flagged RF_KEEPS_TEXT
 * the guard then keeps the fields they sent (kept_forms, one per person and
 * page), if the form carried the form token of their session that ended
 * (rq->lapsed: this service's page, their own), and answers with a page
 * saying so; once signed in again, the form's page offers the text back
 * (kept_read) until it is saved (kept_drop) or a week has passed.
 */
#ifndef MH_AUTH_KEPT_H
#define MH_AUTH_KEPT_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct arena;
struct db;
struct req;
struct resp;
struct url_param;

#define KEPT_SECONDS (7 * 86400)
/* At most this many pages kept for one person (the newest). */
#define KEPT_MAX 20
#define KEPT_MAX_TEXT "20"

/* The guard's answer for an RF_KEEPS_TEXT form sent on a lapsed session
 * whose form token it carries: the fields kept (one write transaction),
 * then the page (401) saying they are and how to get them back. */
enum err kept_answer(struct req *rq, struct resp *rs);

struct kept {
	int64_t kept_at;
	struct url_param *fields; /* as sent, but the form token */
	size_t n;
};

/* What person_id sent to path and was kept, in the caller's transaction;
 * ERR_NOT_FOUND: nothing (or nothing younger than KEPT_SECONDS). */
enum err kept_read(struct db *db, struct arena *a, int64_t person_id, const char *path, struct kept *out);

/* Forgets it (saved, or thrown away). */
enum err kept_drop(struct db *db, int64_t person_id, const char *path);

/* The home page's part (the accounts module's struct home_part): the
 * pages the signed-in person has text kept for, newest first, each a link
 * back to it, so that signing in again leads to them. */
struct html;
enum err kept_home_read(struct db *db, struct req *rq, void **out);
void kept_home_render(struct html *w, struct req *rq, const void *data);

#endif
