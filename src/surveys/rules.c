/*
 * rules.c - the surveys' pure rules (rules.h).
 */
#include "surveys/rules.h"

#include <string.h>

#include "core/clock.h"

bool survey_school_day(const char *day, const struct workdays_holidays *h, const struct survey_terms *t)
{
	if (!workdays_is_working(day, h))
		return false;
	if (!t || !t->n || strcmp(day, t->first[0]) < 0 || strcmp(day, t->last[t->n - 1]) > 0)
		return true;
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(day, t->first[i]) >= 0 && strcmp(day, t->last[i]) <= 0)
			return true;
	return false;
}

/* The day after day ("YYYY-MM-DD", 11 bytes). */
static void next_day(const char *day, char out[11])
{
	int64_t t;
	char iso[32];
	clock_parse_date(day, &t);
	clock_format_iso(t + 86400, 0, iso);
	memcpy(out, iso, 10);
	out[10] = '\0';
}

bool survey_reminder_slot(int64_t due, const struct workdays_holidays *h, const struct survey_terms *t, int64_t *at)
{
	char day[11], hhmm[6];
	london_from_unix(due, day, hhmm);
	int hour = (hhmm[0] - '0') * 10 + (hhmm[1] - '0');
	if (survey_school_day(day, h, t) && hour >= SURVEY_SEND_FROM && hour < SURVEY_SEND_UNTIL) {
		*at = due;
		return true;
	}
	/* that day's opening if it is still to come, else the next school day's */
	if (!(survey_school_day(day, h, t) && hour < SURVEY_SEND_FROM))
		for (int i = 0;; i++) {
			if (i == 120)
				return false;
			next_day(day, day);
			if (survey_school_day(day, h, t))
				break;
		}
	return london_to_unix(day, SURVEY_SEND_FROM, 0, 0, at);
}

bool survey_suppressed(int64_t n)
{
	return n < SURVEY_MIN_GROUP;
}

void survey_sums_add(struct survey_sums *s, struct survey_pair p)
{
	if (p.before < 1 || p.before > 5 || p.after < 1 || p.after > 5)
		return;
	s->pairs++;
	s->change += p.after - p.before;
	s->up += p.after > p.before;
	s->down += p.after < p.before;
}

struct survey_change survey_change_of(const struct survey_sums *s)
{
	if (s->pairs < 0 || s->up < 0 || s->down < 0 || s->held < 0 || s->single < 0 || s->up + s->down > s->pairs ||
	    s->change > 4 * s->pairs || s->change < -4 * s->pairs)
		return (struct survey_change){.suppressed = true};
	if (survey_suppressed(s->pairs)) {
		if (!s->held)
			return (struct survey_change){.pairs = (size_t)s->pairs, .suppressed = true};
		return (struct survey_change){.pairs = (size_t)(s->pairs + s->held), .single = (size_t)s->single,
					      .suppressed = true, .by_single = true};
	}
	return (struct survey_change){.pairs = (size_t)s->pairs, .held = (size_t)s->held, .single = (size_t)s->single,
				      .change = (double)s->change / (double)s->pairs, .up = (size_t)s->up,
				      .down = (size_t)s->down, .same = (size_t)(s->pairs - s->up - s->down)};
}

struct survey_change survey_paired_change(const struct survey_pair *p, size_t n)
{
	struct survey_sums s = {0};
	for (size_t i = 0; i < n; i++)
		survey_sums_add(&s, p[i]);
	return survey_change_of(&s);
}

bool survey_schedule_due(bool completed, int64_t invited_at, int64_t last_reminded_at, int64_t reminders,
			 int64_t every_days, int64_t max_reminders, int64_t now)
{
	if (completed || every_days < 1 || reminders >= max_reminders || reminders < 0)
		return false;
	int64_t since = last_reminded_at ? last_reminded_at : invited_at;
	return now - since >= every_days * 86400 - SURVEY_SCHEDULE_SLACK;
}
