/*
 * rates.h - a register's commitment and attendance rates, for a
 * participant, a school (the sum over its participants) and an activity
 * (the sum over everyone). Pure: integer counts in, whole percentages out.
 *
 *   commitment rate = (present + late + apologies) / marks counted
 *                     ("attended or gave apologies", the handbook's measure)
 *   attendance rate = (present + late) / marks counted
 *
 * Late is attended: someone who came late came, so it counts in both
 * rates, as present does. Absent counts in neither; apologies only in
 * commitment. The marks counted are the four together, and only marks of
 * sessions held (the register taken, the session not cancelled) on a day
 * before the participant withdrew (rates_mark_counts: the query that
 * counts says the same in SQL). A percentage is rounded to the nearest
 * whole number, a half up, exactly (integer arithmetic: 2 of 3 is 67%,
 * 1 of 8 is 13%, 1 of 200 is 1%); with no marks counted there is no rate,
 * shown as "No sessions yet".
 */
#ifndef MH_ACTIVITIES_RATES_H
#define MH_ACTIVITIES_RATES_H

#include <stdbool.h>

struct arena;

struct mark_counts {
	long present, late, absent, apologies;
};

struct rates {
	long counted;   /* marks counted */
	bool none;      /* no marks count yet: no rate */
	int commitment; /* percent, 0-100; 0 when none */
	int attendance; /* percent, 0-100; 0 when none */
};

/* Whether a mark counts: its session held (register_taken, not cancelled)
 * on session_day (YYYY-MM-DD), before left_on, the day the participant
 * withdrew (NULL or "": still taking part). */
bool rates_mark_counts(bool register_taken, bool cancelled, const char *session_day, const char *left_on);


/* sum += c (a school's rates from its participants', an activity's from its schools'). */
void rates_add(struct mark_counts *sum, const struct mark_counts *c);

/* The rates of counts c (negative counts are refused: none). */
struct rates rates_of(const struct mark_counts *c);

/* "67%", or "No sessions yet"; the commitment rate or the attendance rate. */
const char *rates_text(struct arena *a, const struct rates *r, bool commitment);

#endif
