/*
 * queries.h - the events capability's reads and writes (all its SQL is in
 * queries.c). Each function runs inside the caller's transaction; what it
 * returns lives in the request's arena.
 */
#ifndef MH_EVENTS_QUERIES_H
#define MH_EVENTS_QUERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/workdays.h"
#include "events/events.h"

struct arena;
struct db;
struct req;

struct event_day {
	const char *day, *starts, *ends; /* "YYYY-MM-DD", "HH:MM" (Europe/London) */
};

struct event_audience {
	const char *kind, *value; /* event_audience: 'role' 'llme', 'hub' 'LO1', 'person' '12' ... */
	const char *label;        /* for people: "Name (email)"; else NULL */
};

struct event {
	int64_t id;
	const char *title, *description, *kind, *format;
	const char *venue, *address, *meeting_url; /* NULL when not set */
	int64_t capacity;                          /* 0: no limit */
	bool funded;
	int64_t hub_id, project_id;                /* the organisers: a hub's, an NCP's, or neither (national) */
	const char *hub_name, *project_code;       /* of those, or NULL */
	const char *first_day, *last_day;
	int64_t confirm_by;                        /* the lock (Unix seconds); 0: none (online) */
	bool holidays_known;
	int64_t starts_at;                         /* the first day's start, Unix seconds */
	int64_t created_by;
	int64_t cancelled_at;                      /* 0: not cancelled */
	const char *cancel_reason;
	int64_t sequence;
	struct event_day days[EVENTS_MAX_DAYS];
	size_t ndays;
	const char **projects;                     /* the NCPs' codes */
	int64_t *project_ids;
	size_t nprojects;
	struct event_audience *audience;
	size_t naudience;
	int64_t nconfirmed, nwaiting, napologies;
	int64_t noffered;                          /* waiting, offered a place not yet accepted (held for them) */
	/* the person reading: their answer, or NULL */
	const char *answer, *reason;
	bool eligible;                             /* the audience includes them */
	int64_t waiting_place;                     /* their place on the waiting list (1 = next) */
	int64_t offered_until;                     /* event_read: a place offered to them until then (0: none) */
};

/* One person's answer, as organisers see them. */
struct event_answer {
	int64_t person_id;
	const char *name, *email, *answer, *reason, *set_reason;
	int64_t answered_at;
	bool set_by_organiser;
};

/* The bank holidays known (England and Wales), sorted, with the years covered. */
enum err events_holidays(struct db *db, struct arena *a, struct workdays_holidays *h);

/* Event id with its days, NCPs and audience, and what person_id (0: none)
 * has answered; ERR_NOT_FOUND when there is none. */
enum err event_read(struct db *db, struct arena *a, int64_t id, int64_t person_id, struct event *e);

/* The events person_id is invited to (not cancelled) or has answered, not
 * yet ended on today, soonest first (at most 500); academic_year: of the
 * designations that invite. */
enum err events_of_person(struct db *db, struct arena *a, int64_t person_id, const char *today, int academic_year,
			  struct event **out, size_t *n);
/* The same, ended before today and begun on from .. to (YYYY-MM-DD), latest first. */
enum err events_past_of_person(struct db *db, struct arena *a, int64_t person_id, const char *today,
			       int academic_year, const char *from, const char *to, struct event **out, size_t *n);

/* Whether the audience of event id includes person_id (academic_year: for designations). */
enum err event_open_to(struct db *db, int64_t id, int64_t person_id, int academic_year, bool *yes);

/* The events organised in the scopes given (any of: national (all), hubs,
 * projects), upcoming first. */
enum err events_organised(struct db *db, struct arena *a, bool national, const int64_t *hubs, size_t nhubs,
			  const int64_t *projects, size_t nprojects, struct event **out, size_t *n);

/* The answers to event id, confirmed first, then waiting (in order), then apologies. */
enum err event_answers(struct db *db, struct arena *a, int64_t id, struct event_answer **out, size_t *n);

/* Sets person_id's answer (an upsert); set_by 0: their own. */
enum err event_answer_set(struct db *db, int64_t id, int64_t person_id, const char *answer, const char *reason,
			  int64_t now, int64_t set_by, const char *set_reason);
/* Removes person_id's answer (an organiser's); *removed whether there was one. */
enum err event_answer_remove(struct db *db, int64_t id, int64_t person_id, bool *removed);
/* The person first on event id's waiting list (0: none). */
enum err event_next_waiting(struct db *db, int64_t id, int64_t *person_id);
/* Counts of confirmed people. */
enum err event_count(struct db *db, int64_t id, const char *answer, int64_t *n);

/* A person by email address (active only): id and name; ERR_NOT_FOUND. */
enum err events_person_by_email(struct db *db, struct arena *a, const char *email, int64_t *id, const char **name);
/* A person's email and name; ERR_NOT_FOUND. */
enum err events_person(struct db *db, struct arena *a, int64_t id, const char **email, const char **name);

/* Options for the form: projects of academic year (code, title, id), hubs (code, name, id). */
struct events_option {
	int64_t id;
	const char *code, *name;
};
enum err events_projects_of_year(struct db *db, struct arena *a, const char *year_code, struct events_option **out, size_t *n);
enum err events_hubs(struct db *db, struct arena *a, struct events_option **out, size_t *n);

/* Writes event e (id 0: new, its id set) with its days, NCPs and audience
 * (replacing those it had). */
enum err event_save(struct db *db, struct event *e, int64_t now);

/* Cancels event id. */
enum err event_cancel(struct db *db, int64_t id, int64_t by, const char *reason, int64_t now);

/* Adds the England and Wales bank holidays days[0..n) with titles (the
 * days already there keep theirs); *added: how many were new. */
enum err events_holidays_add(struct db *db, const char *const *days, const char *const *titles, size_t n, int *added);
/* Recomputes the lock of every face-to-face event not yet begun (today:
 * "YYYY-MM-DD"), from the holidays known; *changed: how many moved. */
enum err events_relock(struct db *db, struct arena *a, const char *today, int *changed);

/* ---- email, offers, reminders and calendar feeds (notify.c, offer.c, jobs.c, calendar.c) ----
 * event_answers.offered_until of a waiting person: NULL never offered a
 * place; > 0 offered until then; 0 an offer that lapsed (they keep their
 * place on the list, and are not offered again). */

/* Places of event id held: confirmed, or offered and not yet lapsed (the
 * offers job lapses them within a minute of their end). */
enum err event_places_held(struct db *db, int64_t id, int64_t *n);
/* The first waiting person never offered a place (0: none). */
enum err event_next_unoffered(struct db *db, int64_t id, int64_t *person_id);
/* Offers person_id a place of event id until until. */
enum err event_offer(struct db *db, int64_t id, int64_t person_id, int64_t until);
/* person_id's offer of event id: until (0: none, or lapsed). */
enum err event_offer_of(struct db *db, int64_t id, int64_t person_id, int64_t *until);

/* A confirmed person of an upcoming event (the reminders). */
struct event_due {
	int64_t event_id, person_id;
	const char *first_day;
};
/* Confirmed answers not yet reminded of events not cancelled whose first
 * day is after today and at most to (at most 500). */
enum err events_reminders_due(struct db *db, struct arena *a, const char *today, const char *to,
			      struct event_due **out, size_t *n);
/* Claims the reminder of (id, person_id): *claimed false if another
 * process did, or they are no longer confirmed. */
enum err event_reminder_claim(struct db *db, int64_t id, int64_t person_id, int64_t now, bool *claimed);
/* Offers that lapsed by now (at most 500; first_day unused). */
enum err events_offers_lapsed(struct db *db, struct arena *a, int64_t now, struct event_due **out, size_t *n);
/* Claims a lapsed offer (sets it to 0): *claimed false if another process did. */
enum err event_offer_lapse(struct db *db, int64_t id, int64_t person_id, int64_t now, bool *claimed);

/* The calendar feed whose token hashes to hash: its person (0: none). */
enum err calendar_feed_person(struct db *db, const char *hash, int64_t *person_id);
/* Whether person_id has a feed (created_at; 0: none). */
enum err calendar_feed_of(struct db *db, int64_t person_id, int64_t *created_at);
/* Creates person_id's feed, or replaces it (the old address stops working). */
enum err calendar_feed_reset(struct db *db, int64_t person_id, const char *hash, int64_t now);
/* The events person_id has confirmed, not cancelled, whose last day is on
 * or after since ("YYYY-MM-DD"), with their days and NCPs (at most 500). */
enum err events_confirmed_of(struct db *db, struct arena *a, int64_t person_id, const char *since,
			     struct event **out, size_t *n);

/* ---- requirements, their clean-up, funded days and the API (part 2) ---- */

/* A confirmed person's dietary and access requirements, as organisers see them. */
struct event_requirement {
	int64_t person_id;
	const char *name, *email, *dietary, *access;
	int64_t updated_at;
};

/* person_id's own requirements for event id ("" when none given). */
enum err event_requirement_own(struct db *db, struct arena *a, int64_t id, int64_t person_id, const char **dietary,
			       const char **access);
/* Sets them (an upsert); both empty removes them. delete_after: "YYYY-MM-DD". */
enum err event_requirement_set(struct db *db, int64_t id, int64_t person_id, const char *dietary, const char *access,
			       int64_t now, const char *delete_after);
/* Removes person_id's requirements for event id (they are no longer coming). */
enum err event_requirement_remove(struct db *db, int64_t id, int64_t person_id);
/* The requirements of the people confirmed for event id, by name. */
enum err event_requirements(struct db *db, struct arena *a, int64_t id, struct event_requirement **out, size_t *n);

/* What one clean-up deleted: an event and how many people's requirements. */
struct event_purged {
	int64_t event_id, n;
	const char *title;
};
/* Deletes the requirements of every event whose last day is before
 * cutoff ("YYYY-MM-DD": 30 days before today); out: per event. */
enum err events_requirements_purge(struct db *db, struct arena *a, const char *cutoff, struct event_purged **out,
				   size_t *n);

/* A tally of funded national-workshop days: days attended (present or
 * late) at events that count towards them, from first to last (an academic
 * year), per NCP of the events (code NULL: events of no NCP). */
struct events_tally {
	int64_t person_id;
	const char *name, *email;  /* funded_days_of_hub only */
	const char *project_code, *project_title; /* NULL: no NCP */
	int64_t days;
};
enum err funded_days_of_person(struct db *db, struct arena *a, int64_t person_id, const char *first,
			       const char *last, struct events_tally **out, size_t *n);
/* The same for every LLME of hub hub_id: one row per LLME and NCP, and
 * one with project_code NULL and days 0 for an LLME with none. */
enum err funded_days_of_hub(struct db *db, struct arena *a, int64_t hub_id, const char *first, const char *last,
			    struct events_tally **out, size_t *n);
/* A hub by code: its id and name; ERR_NOT_FOUND. */
enum err events_hub_by_code(struct db *db, struct arena *a, const char *code, int64_t *id, const char **name);

/* The API's lists, a page at a time (offset, limit), with the total.
 * mine: the events person_id is invited to or has answered, upcoming
 * (last day today or later, first day first) or past (latest first).
 * all: national, or the hubs' and NCPs' events they organise, and their own. */
struct events_page {
	struct event *events;
	size_t n;
	int64_t total;
};
enum err events_api_mine(struct db *db, struct arena *a, int64_t person_id, bool past, const char *today,
			 int academic_year, int64_t offset, int64_t limit, struct events_page *out);
enum err events_api_all(struct db *db, struct arena *a, int64_t person_id, int academic_year, bool national,
			const int64_t *hubs, size_t nhubs, const int64_t *projects, size_t nprojects, int64_t offset,
			int64_t limit, struct events_page *out);
/* The days and NCPs of events[0..n) (as event_read gives them). */
enum err events_days_of(struct db *db, struct arena *a, struct event *events, size_t n);

/* PostgreSQL: takes (lock) or gives back the session's advisory lock on
 * event id's answers, outside any transaction, so that the transaction
 * that follows, begun after the lock, reads what the last holder
 * committed: people answering one event at once, on any number of server
 * processes, take turns instead of failing serialization again and again.
 * Nothing on SQLite. */
enum err events_answers_lock(struct db *db, int64_t id, bool lock);

/* ---- joining links, attendance and registers (join.c, register*.c, report*.c) ---- */

/* person_id's joining link for event_id: when it was made and its hash; *found false when none. */
enum err event_join_token_of(struct db *db, int64_t event_id, int64_t person_id, bool *found, int64_t *created_at,
			     char hash[65]);
/* Stores a link's hash for an online event (nothing for a face-to-face one, or when they have one). */
enum err event_join_token_insert(struct db *db, const char *hash, int64_t event_id, int64_t person_id, int64_t now);
/* Replaces the hash of their link (the key changed since it was made). */
enum err event_join_token_rehash(struct db *db, int64_t event_id, int64_t person_id, const char *hash);
/* Whose link has this hash: ERR_NOT_FOUND when none. */
enum err event_join_by_hash(struct db *db, const char *hash, int64_t *event_id, int64_t *person_id);
/* The link was used now. */
enum err event_join_used(struct db *db, const char *hash, int64_t now);
/* The people confirmed for event_id. */
enum err event_confirmed_people(struct db *db, struct arena *a, int64_t event_id, int64_t **ids, size_t *n);

/* Someone a register lists: answered the event, or has attendance recorded. */
struct event_attendee {
	int64_t person_id;
	const char *name, *email, *school; /* school: NULL when none */
	const char *answer;                /* NULL: no answer (attendance only) */
};
/* Attendance of one person on one day. */
struct event_mark {
	int64_t person_id;
	const char *day, *status, *source, *note, *recorded_by; /* recorded_by: a name, or NULL */
	int64_t minutes;                                        /* -1: not known */
};
/* Everyone who answered event_id or has attendance recorded, by name. */
enum err event_attendees(struct db *db, struct arena *a, int64_t event_id, struct event_attendee **out, size_t *n);
/* The attendance recorded for event_id (on day, or every day when NULL), by day then person. */
enum err event_marks(struct db *db, struct arena *a, int64_t event_id, const char *day, struct event_mark **out,
		     size_t *n);
/* Records person_id's attendance on day (replacing what was there); minutes -1: not known; by 0: nobody (their link). */
enum err event_mark_set(struct db *db, int64_t event_id, int64_t person_id, const char *day, const char *status,
			int64_t minutes, const char *source, const char *note, int64_t by, int64_t now);
/* Their link was used on day: present, unless the register already says present or late; *changed when written. */
enum err event_mark_link(struct db *db, int64_t event_id, int64_t person_id, const char *day, int64_t now,
			 bool *changed);


#endif
