/*
 * remind_queries.h - the SQL of the HAPPI forms' reminders (remind.c):
 * the forms of a year that may be due one, the claim that makes each
 * reminder once a week however many processes run the job, and whom to
 * tell.
 */
#ifndef MH_HAPPI_REMIND_QUERIES_H
#define MH_HAPPI_REMIND_QUERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "happi/happi.h"

struct arena;
struct db;

/* A year's form (started or not) of an activity that is not cancelled. */
struct happi_remind_row {
	int64_t activity_id;
	bool started;
	enum happi_status status;
	int64_t submitted_at; /* the submission waiting (planning or final), or 0 */
};

/* The year's forms not yet reviewed that have had no reminder since
 * before (happi_reminders.sent_at <= before), by activity. */
enum err happi_remind_rows(struct db *db, struct arena *a, int year, int64_t before, struct happi_remind_row **out,
			   size_t *n);

/* Claims the form's reminder of kind (happi_reminder_key) at now: true in
 * *claimed when none was sent since before, recording this one; false
 * when another process (or run) sent one. Inside the write transaction
 * that queues the emails. */
enum err happi_remind_claim(struct db *db, int64_t activity_id, int year, const char *kind, int64_t now,
			    int64_t before, bool *claimed);

/* Whom a reminder goes to: active people, each once. */
struct happi_recipient {
	const char *email, *name;
};
/* What the email says of the activity and its form. */
struct happi_remind_about {
	const char *title;
	const char *submitter; /* the submission's maker, or NULL */
	struct happi_recipient *to;
	size_t nto;
};
/* The activity's title and who submitted its form; to: its leads (link
 * false), or its MHLM link (link true), or, with no link, its lead hub's
 * Maths Hub Leads. */
enum err happi_remind_about(struct db *db, struct arena *a, int64_t activity_id, int year, bool link,
			    struct happi_remind_about *out);

/* The form's last reminder: *sent_at 0 when none; *kind its key. */
enum err happi_remind_last(struct db *db, struct arena *a, int64_t activity_id, int year, int64_t *sent_at,
			   const char **kind);

#endif
