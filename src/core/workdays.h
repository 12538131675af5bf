/*
 * workdays.h - working days and the events' lock, and Europe/London time.
 *
 * A working day is Monday to Friday except the England and Wales bank
 * holidays it is given (the bank_holidays table, read by the caller: this
 * file does no database work). The lock of a face-to-face event is the end
 * (23:59:59 Europe/London) of the tenth working day before its first day:
 * for an event on Monday 2 March 2026, people confirm by Monday 16 February
 * 2026 23:59:59 GMT. Local times become UTC through libical's
 * Europe/London (the system's tz database), never a table of our own.
 * Pure but for that; thread-safe.
 */
#ifndef MH_WORKDAYS_H
#define MH_WORKDAYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Working days counted back from an event's first day to its lock. */
#define WORKDAYS_LOCK 10

/* The bank holidays known: days "YYYY-MM-DD", sorted ascending, and the
 * calendar years the list covers (first..last: a year in between without
 * a holiday would be a gap in the data, which callers do not have). */
struct workdays_holidays {
	const char *const *days;
	size_t n;
	int first_year, last_year; /* 0, 0: none known */
};

/* Whether day ("YYYY-MM-DD", a real date) is a working day. */
bool workdays_is_working(const char *day, const struct workdays_holidays *h);

/* The day n (>= 1) working days before day: out "YYYY-MM-DD" (11 bytes).
 * *known is false when a day counted lies in a year the holidays do not
 * cover (it was counted as if it had no bank holiday). Returns false when
 * day is not a real date. */
bool workdays_before(const char *day, int n, const struct workdays_holidays *h, char out[11], bool *known);

/* The lock of an event whose first day is first_day: the Unix second at
 * which confirmations close (the first second after 23:59:59 Europe/London
 * of the tenth working day before it), and that day in *deadline_day
 * (11 bytes). *known as for workdays_before. False for a bad date. */
bool workdays_lock(const char *first_day, const struct workdays_holidays *h, int64_t *closes_at,
		   char deadline_day[11], bool *known);

/* The Unix time of the local time day ("YYYY-MM-DD") at hh:mm:ss in
 * Europe/London. False for a bad date or time. */
bool london_to_unix(const char *day, int hh, int mm, int ss, int64_t *out);

/* Whether hh:mm on day ("YYYY-MM-DD") is a time London's clocks show:
 * false for a bad date or time, and for the hour they skip going forward
 * (01:00 to 01:59 on the last Sunday of March). The hour they show twice
 * going back (01:00 to 01:59 on the last Sunday of October) is a time;
 * london_to_unix gives one of its two instants. */
bool london_time_exists(const char *day, int hh, int mm);

/* What a form says of a time london_time_exists refuses: "There is no
 * 01:30 on 29 March 2026: the clocks go forward an hour at 01:00, so
 * enter a time before 01:00 or from 02:00". */
#define LONDON_SKIPPED_WORDS 160
void london_skipped_words(const char *day, int hh, int mm, char out[LONDON_SKIPPED_WORDS]);

/* The Europe/London date (11 bytes) and time (6 bytes "HH:MM", or NULL)
 * at Unix time t. */
void london_from_unix(int64_t t, char day[11], char hhmm[6]);

/* "+01:00" or "+00:00": London's offset from UTC at t (7 bytes). */
void london_offset(int64_t t, char out[7]);

/* "Monday 16 February 2026" for "2026-02-16" (out needs 32 bytes); false
 * (and "") for a bad date. */
bool workdays_format_day(const char *day, char out[32]);

/* The same in a: "Monday 16 February 2026", or day itself when it is not
 * a real date (a page shows what it has rather than nothing). */
struct arena;
const char *day_words(struct arena *a, const char *day);

/* Unix time t as London reads it, in a: "Monday 16 February 2026 at 14:05". */
const char *london_when(struct arena *a, int64_t t);

/* The day of the week of a real date, 0 Monday .. 6 Sunday (-1: bad date). */
int workdays_weekday(const char *day);

/* Loads Europe/London once (call at start, before threads; later calls
 * are cheap). False when the system has no such zone. */
bool london_init(void);

#endif
