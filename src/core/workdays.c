/* workdays.c - see workdays.h. Time zones through libical. */
#include "core/workdays.h"

#include <libical/ical.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"

static icaltimezone *london;
static pthread_once_t london_once = PTHREAD_ONCE_INIT;

static void london_load(void)
{
	london = icaltimezone_get_builtin_timezone("Europe/London");
}

bool london_init(void)
{
	pthread_once(&london_once, london_load);
	return london != NULL;
}

static icaltimezone *zone(void)
{
	if (!london_init())
		abort(); /* the system's tz database has no Europe/London: a broken install */
	return london;
}

int workdays_weekday(const char *day)
{
	int64_t t;
	if (!clock_parse_date(day, &t))
		return -1;
	int64_t days = t / 86400; /* 1970-01-01 was a Thursday (3) */
	return (int)(((days % 7) + 7 + 3) % 7);
}

static bool holiday(const char *day, const struct workdays_holidays *h)
{
	size_t lo = 0, hi = h->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(h->days[mid], day);
		if (!c)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

bool workdays_is_working(const char *day, const struct workdays_holidays *h)
{
	int wd = workdays_weekday(day);
	return wd >= 0 && wd < 5 && !holiday(day, h);
}

static void day_of(int64_t t, char out[11])
{
	char iso[32];
	clock_format_iso(t, 0, iso);
	memcpy(out, iso, 10);
	out[10] = '\0';
}

bool workdays_before(const char *day, int n, const struct workdays_holidays *h, char out[11], bool *known)
{
	int64_t t;
	*known = true;
	out[0] = '\0';
	if (!clock_parse_date(day, &t) || n < 1)
		return false;
	char d[11];
	for (int found = 0; found < n;) {
		t -= 86400;
		day_of(t, d);
		int y = atoi(d);
		if (y < h->first_year || y > h->last_year)
			*known = false;
		if (workdays_is_working(d, h))
			found++;
	}
	memcpy(out, d, 11);
	return true;
}

bool london_to_unix(const char *day, int hh, int mm, int ss, int64_t *out)
{
	int64_t t;
	if (!clock_parse_date(day, &t) || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59)
		return false;
	struct icaltimetype it = icaltime_null_time();
	it.year = atoi(day);
	it.month = atoi(day + 5);
	it.day = atoi(day + 8);
	it.hour = hh;
	it.minute = mm;
	it.second = ss;
	it.zone = zone();
	*out = (int64_t)icaltime_as_timet_with_zone(it, zone());
	return true;
}

void london_from_unix(int64_t t, char day[11], char hhmm[6])
{
	struct icaltimetype it = icaltime_from_timet_with_zone((time_t)t, 0, zone());
	snprintf(day, 11, "%04u-%02u-%02u", (unsigned)it.year % 10000u, (unsigned)it.month % 100u, (unsigned)it.day % 100u);
	if (hhmm)
		snprintf(hhmm, 6, "%02u:%02u", (unsigned)it.hour % 100u, (unsigned)it.minute % 100u);
}

/* A time the clocks skip comes back from the instant it gives as another
 * time (01:30 as 02:30 BST); every other one as itself. */
bool london_time_exists(const char *day, int hh, int mm)
{
	int64_t t;
	if (!london_to_unix(day, hh, mm, 0, &t))
		return false;
	char at_day[11], at[6], typed[6];
	london_from_unix(t, at_day, at);
	snprintf(typed, sizeof(typed), "%02d:%02d", hh, mm);
	return !strcmp(at_day, day) && !strcmp(at, typed);
}

void london_skipped_words(const char *day, int hh, int mm, char out[LONDON_SKIPPED_WORDS])
{
	char d[24];
	if (!clock_format_day(day, d))
		snprintf(d, sizeof(d), "%.10s", day);
	snprintf(out, LONDON_SKIPPED_WORDS,
		 "There is no %02d:%02d on %s: the clocks go forward an hour at 01:00, so enter a time before 01:00 or from 02:00",
		 hh % 100, mm % 100, d);
}

void london_offset(int64_t t, char out[7])
{
	struct icaltimetype it = icaltime_from_timet_with_zone((time_t)t, 0, zone());
	int is_daylight = 0;
	int off = icaltimezone_get_utc_offset(zone(), &it, &is_daylight) / 60;
	snprintf(out, 7, "%c%02u:%02u", off < 0 ? '-' : '+', (unsigned)abs(off) / 60u % 100u, (unsigned)abs(off) % 60u);
}

bool workdays_lock(const char *first_day, const struct workdays_holidays *h, int64_t *closes_at,
		   char deadline_day[11], bool *known)
{
	if (!workdays_before(first_day, WORKDAYS_LOCK, h, deadline_day, known))
		return false;
	int64_t last;
	if (!london_to_unix(deadline_day, 23, 59, 59, &last))
		return false;
	*closes_at = last + 1;
	return true;
}

bool workdays_format_day(const char *day, char out[32])
{
	static const char *const names[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
	char d[24];
	out[0] = '\0';
	int wd = workdays_weekday(day);
	if (wd < 0 || !clock_format_day(day, d))
		return false;
	snprintf(out, 32, "%s %s", names[wd], d);
	return true;
}

const char *day_words(struct arena *a, const char *day)
{
	char words[32];
	return workdays_format_day(day, words) ? arena_strdup(a, words) : day;
}

const char *london_when(struct arena *a, int64_t t)
{
	char day[11], hhmm[6];
	london_from_unix(t, day, hhmm);
	return arena_printf(a, "%s at %s", day_words(a, day), hhmm);
}
