/*
 * completion_queries.c - the SQL of a survey's completion roll-up
 * (completion.h), in the caller's transaction: invited and completed
 * counted by NCP, lead hub or activity, both engines (SUM(CASE ...), no
 * FILTER), over the invites that count toward completion as an activity's
 * own part counts them (SURVEY_STILL_INVITED) and the group's filters as
 * the results read them (SURVEY_IN_GROUP). Counts only: no name, no answer.
 */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/rows.h"
#include "surveys/completion.h"
#include "surveys/invite_queries.h"

#define COUNTED                                                                                                        \
	"count(*), COALESCE(SUM(CASE WHEN i.completed_at IS NOT NULL THEN 1 ELSE 0 END), 0) "                          \
	"FROM survey_invites i JOIN activities a ON a.id = i.activity_id "                                           \
	"LEFT JOIN projects p ON p.id = a.project_id LEFT JOIN hubs h ON h.id = a.lead_hub_id "                       \
	"WHERE i.template_id = $1 AND " SURVEY_STILL_INVITED " AND " SURVEY_IN_GROUP

static const char SQL_BY_NCP[] = "SELECT COALESCE(p.id, 0), p.code, p.title, NULL, NULL, " COUNTED
				 "GROUP BY p.id, p.code, p.title";
static const char SQL_BY_HUB[] = "SELECT COALESCE(h.id, 0), h.code, h.name, NULL, NULL, " COUNTED
				 "GROUP BY h.id, h.code, h.name";
static const char SQL_BY_ACTIVITY[] = "SELECT a.id, NULL, a.title, p.code, h.code, " COUNTED
				      "GROUP BY a.id, a.title, p.code, h.code";

static void rollup_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct survey_rollup_row *r = el;
	*r = (struct survey_rollup_row){.id = db_col_int(st, 0), .code = db_col_text_or_null(a, st, 1),
					.name = db_col_text_or_null(a, st, 2), .ncp_code = db_col_text_or_null(a, st, 3),
					.hub_code = db_col_text_or_null(a, st, 4), .invited = db_col_int(st, 5),
					.completed = db_col_int(st, 6)};
}

enum err survey_rollup_rows(struct db *db, struct arena *a, const struct survey_filter *f, enum survey_rollup_by by,
			    struct survey_rollup_row **out, size_t *n)
{
	const char *sql = by == ROLLUP_NCP ? SQL_BY_NCP : by == ROLLUP_HUB ? SQL_BY_HUB : SQL_BY_ACTIVITY;
	enum err e = db_rows(db_query(db, sql, DB_I(f->template_id), DB_S(f->projects), DB_S(f->hubs),
				      DB_I(f->activity_id), DB_I(f->lead_person)),
			     a, (void **)out, n, sizeof(**out), rollup_row);
	if (!e)
		survey_rollup_sort(*out, *n);
	return e;
}

/* Lowest rate first (completed / invited, compared without division), then
 * the most still to complete, then by name (none last), then by id: the same
 * order on both engines. */
static int rollup_order(const void *x, const void *y)
{
	const struct survey_rollup_row *p = x, *q = y;
	int64_t l = p->completed * q->invited, r = q->completed * p->invited;
	if (l != r)
		return l < r ? -1 : 1;
	int64_t wp = p->invited - p->completed, wq = q->invited - q->completed;
	if (wp != wq)
		return wp > wq ? -1 : 1;
	if (!p->name != !q->name)
		return p->name ? -1 : 1;
	int c = p->name ? strcmp(p->name, q->name) : 0;
	if (c)
		return c;
	return p->id < q->id ? -1 : p->id > q->id;
}

void survey_rollup_sort(struct survey_rollup_row *rows, size_t n)
{
	if (n > 1)
		qsort(rows, n, sizeof(*rows), rollup_order);
}
