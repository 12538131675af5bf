/* support_rules.c - Targeted Support's pure rules (support.h): days typed
 * and written in halves, and a cycle stage's status from its dates. */
#include <stdio.h>
#include <string.h>

#include "activities/support.h"

/* "½" in UTF-8 */
#define HALF "\xC2\xBD"

const char *support_half_days_parse(const char *typed, int64_t *half_days)
{
	const char *s = typed ? typed : "";
	while (*s == ' ')
		s++;
	if (!*s)
		return "Enter the agreed number of days";
	int64_t whole = 0;
	int digits = 0;
	while (*s >= '0' && *s <= '9') {
		if (++digits > 4)
			return "Agreed days must be 100 days or fewer";
		whole = whole * 10 + (*s++ - '0');
	}
	bool half = false;
	if (*s == '.' || *s == ',') { /* "7.5", "7.0", "7,5": only halves */
		s++;
		if (*s < '0' || *s > '9')
			return "Enter the agreed days as a number, like 8 or 7.5";
		int tenths = *s++ - '0';
		while (*s == '0')
			s++;
		if (*s >= '0' && *s <= '9')
			return "Agreed days must be whole or half days, like 7 or 7.5";
		if (tenths != 0 && tenths != 5)
			return "Agreed days must be whole or half days, like 7 or 7.5";
		half = tenths == 5;
	} else {
		while (*s == ' ')
			s++;
		if (!strncmp(s, HALF, 2)) {
			half = true;
			s += 2;
		}
	}
	if (!digits && !half)
		return "Enter the agreed days as a number, like 8 or 7.5";
	while (*s == ' ')
		s++;
	if (!strncmp(s, "days", 4) || !strncmp(s, "day", 3)) /* "8 days" */
		s += s[3] == 's' ? 4 : 3;
	while (*s == ' ')
		s++;
	if (*s)
		return "Enter the agreed days as a number, like 8 or 7.5";
	int64_t n = whole * 2 + half;
	if (n < 1)
		return "Agreed days must be at least half a day";
	if (n > SUPPORT_MAX_HALF_DAYS)
		return "Agreed days must be 100 days or fewer";
	*half_days = n;
	return NULL;
}

const char *support_days_text(int64_t half_days, char out[24])
{
	if (half_days < 0)
		half_days = 0;
	if (half_days == 1)
		snprintf(out, 24, HALF);
	else
		snprintf(out, 24, "%lld%s", (long long)(half_days / 2), half_days % 2 ? HALF : "");
	return out;
}

enum support_status support_stage_status(const char *starts_on, const char *ends_on, const char *today)
{
	if (ends_on && *ends_on && strcmp(ends_on, today) < 0)
		return SUPPORT_COMPLETED;
	if (starts_on && *starts_on && strcmp(starts_on, today) <= 0)
		return SUPPORT_IN_PROGRESS;
	return SUPPORT_NOT_STARTED;
}

const char *support_status_name(enum support_status s)
{
	return s == SUPPORT_COMPLETED ? "Completed" : s == SUPPORT_IN_PROGRESS ? "In progress" : "Not started";
}

int support_stage_index(const char *key)
{
	for (int i = 0; key && i < ACTIVITIES_NSTAGES; i++)
		if (!strcmp(activities_cycle[i].key, key))
			return i;
	return -1;
}
