/*
 * remind.c - the HAPPI forms' reminders, a periodic job (module.h, struct
 * job; src/jobs.h runs it at start and every hour): on a working day
 * (never a weekend or a bank holiday), from 08:00 to 18:00 in London, each
 * form of this academic year that the rule says is due one
 * (happi_reminder_due: planning or final due within a fortnight or late, to
 * the activity's leads; a submission a week old, to its MHLM link) is
 * claimed and its emails queued in one write transaction, at most once a
 * week per form however many server processes share the database.
 */
#include <string.h>

#include "core/acyear.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/workdays.h"
#include "db/db.h"
#include "events/queries.h"
#include "happi/list_queries.h"
#include "happi/pages.h"
#include "happi/remind_queries.h"
#include "mail/mail.h"

#define WEEK (7 * 86400)
/* the claim's week: a reminder sent at 09:05 is due again at 09:00 seven
 * days on, the job's hour not drifting a week at a time */
#define WEEK_SLACK 3600
/* forms claimed in one run at most: the rest wait for the next hour */
#define PER_RUN 500

struct remind {
	struct arena *a;
	const struct config *cfg;
	int64_t now, before;
	int year;
	char today[11];
	struct happi_due due;
	struct workdays_holidays h;
	struct happi_remind_row *rows;
	size_t n;
	/* the one being sent */
	const struct happi_remind_row *row;
	enum happi_reminder what;
};

static enum err read_due(struct db *db, void *ctx)
{
	struct remind *r = ctx;
	enum err e = events_holidays(db, r->a, &r->h);
	if (!e)
		e = happi_due_read(db, r->a, r->year, &r->due);
	return e ? e : happi_remind_rows(db, r->a, r->year, r->before, &r->rows, &r->n);
}

/* The subject and the body after "Hello NAME," for one reminder. */
static void words_of(struct remind *r, const struct happi_remind_about *about, const char *href,
		     const char **subject, const char **body)
{
	struct arena *a = r->a;
	const char *foot = "You will be reminded at most once a week while it waits.";
	bool returned = r->row->started && (r->row->status == HAPPI_PLANNING_RETURNED ||
					   r->row->status == HAPPI_FINAL_RETURNED);
	const char *next = returned	? "It was returned to you with comments: read them on the form first."
			   : r->what == HAPPI_REMIND_PLANNING ? "Write it and submit it to your MHLM link."
							      : "Complete the progress and impact, then submit the final form.";
	if (r->what == HAPPI_REMIND_WAITING) {
		char day[11];
		london_from_unix(r->row->submitted_at, day, NULL);
		bool final = r->row->status == HAPPI_FINAL_SUBMITTED;
		*subject = arena_printf(a, "HAPPI form waiting for you: %s", about->title);
		*body = arena_printf(a, "%s submitted the %s of the HAPPI form for %s on %s. It is waiting for you to %s, "
					"or to return it with comments.\n\n%s\n\n%s\n",
				     about->submitter ? about->submitter : "Its lead", final ? "final form" : "planning",
				     about->title, day_words(a, day), final ? "review it" : "agree it", href, foot);
		return;
	}
	bool planning = r->what == HAPPI_REMIND_PLANNING;
	const char *due = planning ? r->due.planning : r->due.final;
	bool late = strcmp(r->today, due) > 0;
	const char *part = planning ? "planning" : "final form";
	*subject = arena_printf(a, "HAPPI form: %s %s: %s", part, late ? "overdue" : "due soon", about->title);
	*body = arena_printf(a, "The %s of the HAPPI form for %s %s %s.%s\n\n%s\n\n%s\n\n%s\n",
			     planning ? "planning" : "final form (progress and impact)", about->title,
			     late ? "was due on" : "is due by", day_words(a, due), late ? " It has not been submitted yet." : "",
			     next, href, foot);
}

static enum err send_one(struct db *db, void *ctx)
{
	struct remind *r = ctx;
	bool claimed;
	enum err e = happi_remind_claim(db, r->row->activity_id, r->year, happi_reminder_key(r->what), r->now,
					r->before, &claimed);
	if (e || !claimed)
		return e;
	struct happi_remind_about about;
	if ((e = happi_remind_about(db, r->a, r->row->activity_id, r->year, r->what == HAPPI_REMIND_WAITING, &about)))
		return e;
	const char *href = arena_printf(r->a, "%s/activities/%lld/happi", r->cfg->base_url, (long long)r->row->activity_id);
	const char *subject, *body;
	words_of(r, &about, href, &subject, &body);
	for (size_t i = 0; !e && i < about.nto; i++)
		e = mail_queue(db, about.to[i].email, subject,
			       arena_printf(r->a, "Hello %s,\n\n%s", about.to[i].name, body), NULL);
	return e;
}

enum err happi_reminders_job(struct db *db, const struct config *cfg, int64_t now)
{
	struct remind r = {.a = arena_new(), .cfg = cfg, .now = now, .before = now - WEEK + WEEK_SLACK};
	char hhmm[6], soon[11], week_ago[11];
	london_from_unix(now, r.today, hhmm);
	london_from_unix(now + 2 * WEEK, soon, NULL);
	london_from_unix(now - WEEK, week_ago, NULL);
	enum err e = ERR_OK;
	if (strcmp(hhmm, "08:00") < 0 || strcmp(hhmm, "18:00") >= 0 || !acyear_of_date(r.today, &r.year) ||
	    (e = db_transact(db, DB_READ, read_due, &r)) || !workdays_is_working(r.today, &r.h))
		goto done;
	size_t sent = 0;
	for (size_t i = 0; !e && i < r.n && sent < PER_RUN; i++) {
		const struct happi_remind_row *row = &r.rows[i];
		char on[11] = "";
		if (row->submitted_at)
			london_from_unix(row->submitted_at, on, NULL);
		r.what = happi_reminder_due(row->started, row->status, on[0] ? on : NULL, soon, week_ago, r.due.planning,
					    r.due.final);
		if (r.what == HAPPI_REMIND_NONE)
			continue;
		r.row = row;
		e = db_transact(db, DB_WRITE, send_one, &r);
		sent++;
	}
done:
	arena_free(r.a);
	return e;
}
