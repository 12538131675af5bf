/* demo_queries.c - see demo_queries.h. */
#include "events/demo_queries.h"

#include <string.h>

#include "core/arena.h"
#include "db/db.h"

static const char SQL_PROJECTS[] =
	"SELECT p.id, p.code, p.title, p.kind, p.develops_llmes, ph.phase FROM projects p "
	"LEFT JOIN project_phases ph ON ph.project_id = p.id ORDER BY p.code, ph.phase";
static const char SQL_AUDIENCE[] = "INSERT INTO event_audience (event_id, kind, value) VALUES ($1, $2, $3)";
static const char SQL_ANSWERS[] =
	"INSERT INTO event_answers (event_id, person_id, answer, reason, answered_at) VALUES ($1, $2, $3, $4, $5)";
static const char SQL_MARKS[] =
	"INSERT INTO event_attendance (event_id, person_id, day, status, minutes, source, recorded_by, recorded_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
static const char SQL_REQUIREMENTS[] =
	"INSERT INTO event_requirements (event_id, person_id, dietary, access, updated_at, delete_after) "
	"VALUES ($1, $2, $3, $4, $5, $6)";

enum err events_demo_projects(struct db *db, struct arena *a, struct events_demo_project **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = db_prepare(db, SQL_PROJECTS);
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		int64_t id = db_col_int(st, 0);
		if (!*n || (*out)[*n - 1].id != id) {
			if (*n == cap)
				*out = *out ? arena_grow(a, *out, *n, cap *= 2, sizeof(**out))
					    : arena_alloc(a, (cap = 32) * sizeof(**out));
			(*out)[(*n)++] = (struct events_demo_project){
				.id = id, .code = arena_strdup(a, db_col_text(st, 1)),
				.title = arena_strdup(a, db_col_text(st, 2)), .kind = arena_strdup(a, db_col_text(st, 3)),
				.develops_llmes = db_col_int(st, 4) != 0};
		}
		struct events_demo_project *p = &(*out)[*n - 1];
		const char *phase = db_col_text(st, 5);
		p->primary |= !strcmp(phase, "Primary");
		p->secondary |= !strcmp(phase, "Secondary");
		p->post16 |= !strcmp(phase, "Post-16");
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err events_demo_audience_insert(struct db *db, const struct db_value *values, size_t n)
{
	return db_insert_many(db, SQL_AUDIENCE, values, n, EVENTS_DEMO_AUDIENCE_COLUMNS);
}

enum err events_demo_answers_insert(struct db *db, const struct db_value *values, size_t n)
{
	return db_insert_many(db, SQL_ANSWERS, values, n, EVENTS_DEMO_ANSWER_COLUMNS);
}

enum err events_demo_marks_insert(struct db *db, const struct db_value *values, size_t n)
{
	return db_insert_many(db, SQL_MARKS, values, n, EVENTS_DEMO_MARK_COLUMNS);
}

enum err events_demo_requirements_insert(struct db *db, const struct db_value *values, size_t n)
{
	return db_insert_many(db, SQL_REQUIREMENTS, values, n, EVENTS_DEMO_REQUIREMENT_COLUMNS);
}
