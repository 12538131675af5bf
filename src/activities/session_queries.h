/*
 * session_queries.h - an activity's sessions and their registers (the SQL
 * is in session_queries.c): a session, an activity's sessions, the people
 * on a session's register with their marks, every mark of an activity (for
 * its rates and its export), the schools a participant's school was or
 * became (for matching a paper register), the sessions coming up for a
 * person, and the writes: a session made, changed or cancelled, a mark set,
 * a register taken. Each runs inside the caller's transaction; what it
 * returns lives in the arena given.
 */
#ifndef MH_ACTIVITIES_SESSION_QUERIES_H
#define MH_ACTIVITIES_SESSION_QUERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct arena;
struct db;

struct activity_session {
	int64_t id, activity_id;
	int64_t starts_at, ends_at;          /* Unix seconds; shown in Europe/London */
	const char *format;                  /* 'face_to_face', 'online' */
	const char *venue, *address, *online_url; /* NULL when not set */
	const char *purpose;                 /* "" when not set */
	int half_days;
	int64_t cancelled_at;                /* 0: not cancelled */
	const char *cancel_reason;
	int64_t register_taken_at;           /* 0: not taken */
	const char *register_taken_by;       /* their name, or NULL */
	const char *register_source;         /* 'phone', 'upload', or NULL */
	long n_present, n_late, n_absent, n_apologies; /* its marks */
};

/* Session id (ERR_NOT_FOUND: none). */
enum err activity_session_read(struct db *db, struct arena *a, int64_t id, struct activity_session *out);

/* Activity activity_id's sessions, cancelled ones too, by when they start. */
enum err activity_sessions_of(struct db *db, struct arena *a, int64_t activity_id, struct activity_session **out,
			      size_t *n);

/* A participant of an activity, with their mark on one session. */
struct session_person {
	int64_t participant_id, person_id, hub_id; /* hub_id 0: none */
	const char *name, *email, *role;
	const char *school_urn, *school_name;      /* NULL: none */
	const char *joined_on, *left_on;           /* left_on NULL: still taking part */
	const char *mark, *source, *note;          /* NULL: not marked */
	const char *recorded_by;                   /* who marked it (a name), or NULL */
};

/* The register of session_id of activity_id held on day (YYYY-MM-DD):
 * everyone taking part who had not withdrawn by then, and anyone marked
 * on it, by name. */
enum err session_register_people(struct db *db, struct arena *a, int64_t activity_id, int64_t session_id,
				 const char *day, struct session_person **out, size_t *n);

/* Every participant of activity_id (withdrawn ones too; no marks), by name. */
enum err activity_people_all(struct db *db, struct arena *a, int64_t activity_id, struct session_person **out,
			     size_t *n);

/* One mark of an activity's register. */
struct activity_mark {
	int64_t session_id, participant_id;
	const char *mark, *source;
	int64_t recorded_at;
};

/* Every mark of activity_id's sessions. */
enum err activity_marks_all(struct db *db, struct arena *a, int64_t activity_id, struct activity_mark **out, size_t *n);

/* The mark of participant_id on session_id: *mark and *source NULL when none. */
enum err session_mark_of(struct db *db, struct arena *a, int64_t session_id, int64_t participant_id, const char **mark,
			 const char **source);

/* The day participant_id withdrew ("YYYY-MM-DD"): *left_on NULL when they have not. */
enum err session_participant_left_on(struct db *db, struct arena *a, int64_t participant_id, const char **left_on);

/* A school linked to a participant's school (GIAS: a predecessor or a
 * successor): urn is the participant's school, link_urn the other. */
struct session_school_link {
	const char *urn, *link_urn, *link_name;
};

/* The links, both ways, of the schools activity_id's participants take part for. */
enum err activity_school_links(struct db *db, struct arena *a, int64_t activity_id, struct session_school_link **out,
			       size_t *n);

/* What the session's form writes. */
struct session_fields {
	int64_t starts_at, ends_at;
	const char *format;                       /* 'face_to_face' (venue set) or 'online' (online_url set) */
	const char *venue, *address, *online_url; /* NULL: none */
	const char *purpose;
	int half_days;
};

/* Makes a session of activity_id; *id is the new one's. */
enum err activity_session_create(struct db *db, int64_t activity_id, const struct session_fields *f, int64_t by,
				 int64_t now, int64_t *id);

/* Changes session id to f; ERR_NOT_FOUND when it is cancelled or not there. */
enum err activity_session_update(struct db *db, int64_t id, const struct session_fields *f, int64_t now);

/* Cancels session id with reason; ERR_NOT_FOUND when it is not there or cancelled already. */
enum err activity_session_cancel(struct db *db, int64_t id, const char *reason, int64_t by, int64_t now);

/* Sets participant_id's mark on session_id (replacing one), recorded from
 * source ('phone', 'upload', 'participant', 'edit'). */
enum err session_mark_set(struct db *db, int64_t session_id, int64_t participant_id, const char *mark,
			  const char *source, const char *note, int64_t by, int64_t now);

/* Records that session_id's register was taken, by whom, how ('phone', 'upload'). */
enum err session_register_taken(struct db *db, int64_t session_id, const char *source, int64_t by, int64_t now);

/* A session coming up for someone: one they lead, or take part in. */
struct next_session {
	int64_t id, activity_id;
	const char *title;      /* the activity's */
	int64_t starts_at, ends_at;
	const char *format, *venue;
	bool leads;             /* they lead it (else they take part) */
};

/* The sessions, not cancelled, of the activities person_id leads or takes
 * part in (not withdrawn) that end after from and start before to, by when
 * they start (at most 20). */
enum err sessions_next(struct db *db, struct arena *a, int64_t person_id, int64_t from, int64_t to,
		       struct next_session **out, size_t *n);

#endif
