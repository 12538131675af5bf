/* acyear.c - see acyear.h. */
#include "core/acyear.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"

bool acyear_of_date(const char *date, int *start_year)
{
	int64_t t;
	if (!clock_parse_date(date, &t))
		return false;
	int y = (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + (date[3] - '0');
	int m = (date[5] - '0') * 10 + (date[6] - '0');
	*start_year = m >= 9 ? y : y - 1;
	return true;
}

void acyear_code(int start_year, char out[8])
{
	unsigned y = (unsigned)start_year % 10000u;
	snprintf(out, 8, "%04u/%02u", y, (y + 1) % 100u);
}

bool acyear_parse(const char *code, int *start_year)
{
	if (strlen(code) != 7 || code[4] != '/')
		return false;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (code[i] < '0' || code[i] > '9'))
			return false;
	int y = (code[0] - '0') * 1000 + (code[1] - '0') * 100 + (code[2] - '0') * 10 + (code[3] - '0');
	int next = (code[5] - '0') * 10 + (code[6] - '0');
	if (y < 1900 || (y + 1) % 100 != next)
		return false;
	*start_year = y;
	return true;
}

void acyear_bounds(int start_year, char first[11], char last[11])
{
	unsigned y = (unsigned)start_year % 10000u;
	snprintf(first, 11, "%04u-09-01", y);
	snprintf(last, 11, "%04u-08-31", (y + 1) % 10000u);
}
