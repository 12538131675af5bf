/*
 * sessions.h - what the pages about an activity's sessions and registers
 * share (session_page.c holds it): a session read with its activity and
 * what the reader may do, its address, its time and place in words, when
 * its register may be taken; the activity page's part (sessions_part.c:
 * the sessions and the rates) and the home page's (home.c).
 */
#ifndef MH_ACTIVITIES_SESSIONS_H
#define MH_ACTIVITIES_SESSIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "activities/activities.h"
#include "activities/session_queries.h"
#include "core/err.h"
#include "http/request.h"

struct html;

/* A session as one reader meets it. */
struct session_view {
	struct req *rq;
	int64_t id;
	struct activity_session s;
	struct activity a;
	struct activity_access acc;
	char day[11];            /* its day in Europe/London, "YYYY-MM-DD" */
	char starts[6], ends[6]; /* "09:30" */
};

/* Reads session v->id and its activity (in the caller's transaction) and
 * what v->rq's reader may do with it; ERR_NOT_FOUND when there is none or
 * the reader may not know of it (they neither see its activity nor take
 * part: activities_read_seen). */
enum err session_view_load(struct db *db, struct session_view *v);

/* 404 (no such session, or not one the reader may know of). */
enum err sessions_not_found(struct resp *rs);
/* 403 for a session the reader sees but may not run. */
enum err sessions_refused(struct resp *rs, const struct session_view *v, const char *title, const char *why);

/* "/sessions/12" followed by then (NULL: nothing). */
const char *sessions_href(const struct req *rq, int64_t id, const char *then);

/* "Tuesday 6 October 2026, 09:30 to 15:30" (Europe/London). */
const char *session_when(struct arena *a, const struct activity_session *s);
/* "The Old School, 1 High Street" or "Online". */
const char *session_where(struct arena *a, const struct activity_session *s);

/* Whether its register may be taken at now: not cancelled, and its day has begun. */
bool session_register_open(const struct session_view *v, int64_t now);

/* The activity page's part: its sessions, and the rates (rates.c) per
 * participant, school and the whole activity. */
struct sessions_part {
	struct activity_session *sessions;
	size_t nsessions;
	struct session_person *people;
	size_t npeople;
	struct activity_mark *marks;
	size_t nmarks;
};
enum err sessions_part_read(struct db *db, struct arena *a, int64_t activity_id, struct sessions_part *out);
void sessions_part_render(struct html *w, struct req *rq, const struct activity *a, const struct activity_access *acc,
			  const struct sessions_part *p);

/* The home page's part (module.h, struct home_part): the sessions of the
 * next 14 days that the person leads or takes part in. */
enum err activities_home_read(struct db *db, struct req *rq, void **out);
void activities_home_render(struct html *w, struct req *rq, const void *data);

#endif
