/*
 * continue_queries.h - continuing an activity into the next academic year
 * (its SQL is in continue_queries.c): what the new one would run and
 * carry, and making it. Each runs inside the caller's transaction.
 */
#ifndef MH_ACTIVITIES_CONTINUE_QUERIES_H
#define MH_ACTIVITIES_CONTINUE_QUERIES_H

#include <stdbool.h>
#include <stdint.h>

#include "activities/activities.h"
#include "core/err.h"

struct arena;
struct db;

/* What continuing act would make: the NCP of the next year's catalogue
 * with the same number (NCP24-09 then NCP25-09) when it is loaded and of
 * the same kind, else act's own; and who would be carried over. */
struct activity_next {
	int year;                          /* the next academic year: act's last + 1 */
	int64_t project_id;                /* 0: a local activity */
	const char *project_code, *project_title;
	bool next_ncp;                     /* the next year's NCP (false: act's own, or local) */
	int64_t n_schools, n_participants; /* not withdrawn (participants: with their school, or none) */
};
enum err activity_next_read(struct db *db, struct arena *a, const struct activity *act, struct activity_next *out);

/* Makes the next year's activity (continues_id act's): its NCP nx's, its
 * title the new NCP's when act had its NCP's, the same lead hub, cohort,
 * partners, leads, MHLM link, phases, format, sessions and capacity,
 * planned; with carry, its schools and participants who have not withdrawn
 * (joining on the year's first day; a school's hub as it is now) and
 * Targeted Support's school, level and days. *id is the new one's. */
enum err activity_continue(struct db *db, struct arena *a, const struct activity *act, const struct activity_next *nx,
			   bool carry, int64_t by, int64_t now, int64_t *id);

#endif
