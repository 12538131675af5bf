/*
 * db_value_bad.c - must NOT compile: DB_I takes integers only (db.h).
 * CMake's lint/db-value-* tests compile it with -DBAD_POINTER or
 * -DBAD_DOUBLE and expect the compiler's refusal in its output.
 */
#include "db/db.h"

enum err bad(struct db *db, const char *s, double d);
enum err bad(struct db *db, const char *s, double d)
{
	(void)s;
	(void)d;
#if defined(BAD_POINTER)
	return db_run(db, "SELECT $1", DB_I(s));
#elif defined(BAD_DOUBLE)
	return db_run(db, "SELECT $1", DB_I(d));
#else
	return db_run(db, "SELECT $1", DB_I(42)); /* the control: this compiles */
#endif
}
