/* queries.c - see queries.h. All SQL of the demo capability lives here. */
#include "demo/queries.h"

#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"

static const char SQL_CONTENTS[] =
	"SELECT (SELECT count(*) FROM people), (SELECT count(*) FROM schools), (SELECT count(*) FROM demo_data)";
static const char SQL_MARK[] =
	"INSERT INTO demo_data (id, scale, seed, academic_year, made_at) VALUES (1, $1, $2, $3, $4)";
static const char SQL_MARKED[] = "SELECT count(*) FROM demo_data";
/* The first row (if any) whose foreign key finds no parent. */
static const char SQL_KEYS_BROKEN[] = "SELECT \"table\", parent FROM pragma_foreign_key_check LIMIT 1";

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

enum err demo_keys_checked_once(struct db *db, bool once)
{
	if (strcmp(db_dialect(db), "sqlite"))
		return ERR_OK;
	return db_exec(db, once ? "PRAGMA foreign_keys = OFF" : "PRAGMA foreign_keys = ON");
}

enum err demo_bulk(struct db *db, bool on)
{
	if (strcmp(db_dialect(db), "sqlite"))
		return ERR_OK;
	return db_exec(db, on ? "PRAGMA cache_size = -524288" : "PRAGMA cache_size = -2000");
}

enum err demo_keys_broken(struct db *db, char *table, size_t table_len, char *parent, size_t parent_len)
{
	*table = *parent = '\0';
	if (strcmp(db_dialect(db), "sqlite"))
		return ERR_OK;
	struct db_stmt *st = db_prepare(db, SQL_KEYS_BROKEN);
	if (!st)
		return ERR_DB;
	int rc = db_step(st);
	if (rc == 1) {
		snprintf(table, table_len, "%s", db_col_text(st, 0));
		snprintf(parent, parent_len, "%s", db_col_text(st, 1));
		rc = db_step(st);
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err demo_aside_begin(struct db *db, struct arena *a, const char *sql, struct demo_aside *l)
{
	*l = (struct demo_aside){0};
	if (!sql)
		return ERR_OK;
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return ERR_DB;
	size_t cap = 0, cap2 = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		l->set_aside = arena_room(a, l->set_aside, l->n, &cap, sizeof(*l->set_aside));
		l->put_back = arena_room(a, l->put_back, l->n, &cap2, sizeof(*l->put_back));
		l->set_aside[l->n] = arena_strdup(a, db_col_text(st, 0));
		l->put_back[l->n++] = arena_strdup(a, db_col_text(st, 1));
	}
	if (rc < 0)
		return (enum err)rc;
	enum err e = ERR_OK;
	for (size_t i = 0; i < l->n && !e; i++)
		e = db_exec(db, l->set_aside[i]);
	return e;
}

enum err demo_aside_end(struct db *db, const struct demo_aside *l)
{
	enum err e = ERR_OK;
	for (size_t i = 0; i < l->n && !e; i++)
		e = db_exec(db, l->put_back[i]);
	return e;
}
