/* queries.c - see queries.h. All SQL of the demo capability lives here. */
#include "demo/queries.h"

#include "db/db.h"

static const char SQL_CONTENTS[] =
	"SELECT (SELECT count(*) FROM people), (SELECT count(*) FROM schools), (SELECT count(*) FROM demo_data)";
static const char SQL_MARK[] =
	"INSERT INTO demo_data (id, scale, seed, academic_year, made_at) VALUES (1, $1, $2, $3, $4)";
static const char SQL_MARKED[] = "SELECT count(*) FROM demo_data";

enum err demo_contents(struct db *db, int64_t *people, int64_t *schools, bool *demo)
{
	struct db_stmt *st = db_prepare(db, SQL_CONTENTS);
	int rc = st ? db_step(st) : ERR_DB;
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_DB;
	*people = db_col_int(st, 0);
	*schools = db_col_int(st, 1);
	*demo = db_col_int(st, 2) > 0;
	rc = db_step(st);
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err demo_mark(struct db *db, const char *scale, int64_t seed, int year, int64_t made_at)
{
	return db_run(db, SQL_MARK, DB_S(scale), DB_I(seed), DB_I(year), DB_I(made_at));
}

enum err demo_marked(struct db *db, bool *demo)
{
	struct db_stmt *st = db_prepare(db, SQL_MARKED);
	int rc = st ? db_step(st) : ERR_DB;
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_DB;
	*demo = db_col_int(st, 0) > 0;
	rc = db_step(st);
	return rc < 0 ? (enum err)rc : ERR_OK;
}
