/* clock.c - see clock.h. */
#include "core/clock.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static _Atomic int64_t fixed_now = -1;

int64_t clock_now(void)
{
	int64_t f = atomic_load(&fixed_now);
	if (f >= 0)
		return f;
	return (int64_t)time(NULL);
}

void clock_set(int64_t t)
{
	atomic_store(&fixed_now, t < 0 ? -1 : t);
}

int64_t clock_monotonic_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian), Howard Hinnant's algorithm. */
static int64_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

bool clock_parse_date(const char *s, int64_t *out)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || m < 1 || m > 12 || d < 1)
		return false;
	int max = mdays[m - 1] + (m == 2 && is_leap(y));
	if (d > max)
		return false;
	*out = days_from_civil(y, m, d) * 86400;
	return true;
}

bool clock_parse_now(const char *s, int64_t *out)
{
	char day[11];
	unsigned hh, mm, ss;
	char z, end;
	if (strlen(s) == 10 && s[4] == '-')
		return clock_parse_date(s, out);
	if (strlen(s) == 20 && s[10] == 'T' &&
	    sscanf(s + 11, "%2u:%2u:%2u%c%c", &hh, &mm, &ss, &z, &end) == 4 && z == 'Z' && hh < 24 && mm < 60 && ss < 60) {
		memcpy(day, s, 10);
		day[10] = '\0';
		if (!clock_parse_date(day, out))
			return false;
		*out += hh * 3600 + mm * 60 + ss;
		return true;
	}
	char *e;
	long long v = strtoll(s, &e, 10);
	if (!*s || *e || v < 0)
		return false;
	*out = v;
	return true;
}

void clock_format_iso(int64_t t, int ms, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	size_t n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + n, 32 - n, ".%03uZ", (unsigned)ms % 1000u);
}

void clock_today(char out[11])
{
	char iso[32];
	clock_format_iso(clock_now(), 0, iso);
	memcpy(out, iso, 10);
	out[10] = '\0';
}

bool clock_format_day(const char *s, char out[24])
{
	static const char *const months[] = {"January", "February", "March", "April", "May", "June", "July",
					     "August", "September", "October", "November", "December"};
	int64_t t;
	out[0] = '\0';
	if (!clock_parse_date(s, &t))
		return false;
	int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
	snprintf(out, 24, "%d %s %.4s", d, months[m - 1], s);
	return true;
}
