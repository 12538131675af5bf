/*
 * zoom.h - Zoom's participant report (a meeting's "Participants" export,
 * CSV) read into rows, for attendance. Pure: no database, no clock.
 *
 * The file: an optional meeting-information part (a header "Meeting ID,
 * Topic, Start Time, ..." and its row, then a blank line), then the
 * participants' header "Name (Original Name), User Email, Join Time, Leave
 * Time, Duration (Minutes), Guest" (the columns found by name, in any
 * order and case; "Name" and "Email" will do) and a row per join: someone
 * who left and joined again has several rows. Times are as Zoom writes
 * them in the United States' style, "12/02/2026 09:58:12 AM" (month first),
 * or "2026-12-02 09:58:12"; the account's time zone (the UK's, for the
 * programme) is taken as Europe/London. Read through core/encoding
 * (UTF-8, or Windows-1252) and core/csv's csv_records.
 */
#ifndef MH_EVENTS_ZOOM_H
#define MH_EVENTS_ZOOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;

/* The most rows read (a session of 1,000 people rejoining 20 times). */
#define ZOOM_MAX_ROWS 20000
/* The longest a row's duration may be: a week. */
#define ZOOM_MAX_MINUTES 10080

struct zoom_row {
	size_t line;         /* of the file (1: the first) */
	const char *name;    /* as shown in the meeting: never NULL, maybe "" */
	const char *original;/* the name they joined with, when renamed ("Ann (Ann Archer)"), else NULL */
	const char *email;   /* lower case; "" when none (a guest without an account) */
	char day[11];        /* the day they joined: YYYY-MM-DD */
	long minutes;        /* Duration (Minutes) */
	bool guest;          /* Guest: Yes */
	const char *problem; /* why the row cannot be used (a bad time or duration), or NULL */
};

struct zoom_report {
	const char *problem; /* why the whole file cannot be read, or NULL */
	const char *topic;   /* the meeting's topic from its information part, or NULL */
	struct zoom_row *rows;
	size_t n;
};

/* Reads the len bytes at data into out (everything in a). */
void zoom_read(struct arena *a, const char *data, size_t len, struct zoom_report *out);

/* A time as Zoom writes it: its day ("YYYY-MM-DD") and seconds since that
 * midnight. false for anything else (a date that does not exist, 13:00 PM). */
bool zoom_time(const char *s, char day[11], long *seconds);

#endif
