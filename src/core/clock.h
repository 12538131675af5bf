/*
 * clock.h - the one source of "now" for rules that depend on dates.
 *
 * Production reads the real clock. Tests (and `MATHSHUBS_NOW=YYYY-MM-DD`
 * for a shifted-date run) set a fixed instant, so that deadline rules are
 * tested at shifted dates. Durations for logs use clock_monotonic_us, which
 * is never shifted. Thread-safe.
 */
#ifndef MH_CLOCK_H
#define MH_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

/* Seconds since the Unix epoch (UTC): the real time, or the fixed instant. */
int64_t clock_now(void);

/* Fixes "now" at t (Unix seconds); t < 0 returns to the real clock. */
void clock_set(int64_t t);

/* The instant MATHSHUBS_NOW names: "YYYY-MM-DD" (its midnight UTC),
 * "YYYY-MM-DDTHH:MM:SSZ" or Unix seconds. False when it is none of them.
 * `mathshubs serve` fixes its clock with it only on a development server
 * (plain http on a loopback address), and refuses to start otherwise:
 * production's clock is never set. */
bool clock_parse_now(const char *s, int64_t *out);

/* Microseconds from an arbitrary fixed point, for measuring durations. */
int64_t clock_monotonic_us(void);

/* Parses "YYYY-MM-DD" (a real calendar date, 1900..9999) to the Unix time
 * of its midnight UTC. Returns false if s is not such a date. */
bool clock_parse_date(const char *s, int64_t *out);

/* Writes t as "YYYY-MM-DDTHH:MM:SS.mmmZ" (out needs 32 bytes). ms is 0..999. */
void clock_format_iso(int64_t t, int ms, char out[32]);

/* Today's date (UTC, from clock_now) as "YYYY-MM-DD" (out needs 11 bytes). */
void clock_today(char out[11]);

/* The date "YYYY-MM-DD" as GOV.UK writes dates, "2 December 2026" (out
 * needs 24 bytes). Returns false, and out "", if s is not a real date. */
bool clock_format_day(const char *s, char out[24]);

#endif
