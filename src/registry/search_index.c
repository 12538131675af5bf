/* search_index.c - the school search index kept in step with schools
 * (school_search_sync, registry.h): at migration 0010, by the GIAS import,
 * and by `mathshubs reindex-schools`. */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/util.h"
#include "db/db.h"
#include "registry/search_pages.h"
#include "registry/registry.h"
#include "registry/search_text.h"

/* Bumped when search_text.c makes different words for the same school, so
 * that the next sync makes them again (a migration with a load calling
 * school_search_sync does it at upgrade). */
#define SEARCH_WORDS_VERSION "1"

/* The schools whose words are missing or out of date, and whether missing. */
static const char SQL_STALE[] =
	"SELECT s.urn, s.name, s.town, s.postcode, s.digest || ':" SEARCH_WORDS_VERSION "', "
	"CASE WHEN x.urn IS NULL THEN 1 ELSE 0 END "
	"FROM schools s LEFT JOIN school_search x ON x.urn = s.urn "
	"WHERE x.urn IS NULL OR x.digest <> s.digest || ':" SEARCH_WORDS_VERSION "'";
#define SEARCH_UPSERT "INSERT INTO school_search (urn, digest, name_key, postcode_key, terms) VALUES "
#define SEARCH_ON_CONFLICT                                                                             \
	" ON CONFLICT (urn) DO UPDATE SET digest = excluded.digest, name_key = excluded.name_key, "    \
	"postcode_key = excluded.postcode_key, terms = excluded.terms"
static const char SQL_UPSERT[] = SEARCH_UPSERT "($1, $2, $3, $4, $5)" SEARCH_ON_CONFLICT;
/* New schools' words, on PostgreSQL by COPY (db_insert_many) */
static const char SQL_INSERT[] = SEARCH_UPSERT "($1, $2, $3, $4, $5)";
static const char SQL_COUNT[] = "SELECT count(*) FROM school_search";
#define COLUMNS 5
/* Schools whose words one statement writes. One statement a school was
 * 50,000 round trips to PostgreSQL in a national import, and on SQLite as
 * many flushes of the FTS5 index (it writes what it holds at the end of
 * every statement): two thirds of the import's time on either. */
#define BATCH 1000

/* After the words of this many schools are written, the statistics the
 * query planner keeps of them are made again: PostgreSQL's of a register
 * just imported are of an empty one until autovacuum's next round, and it
 * planned the search as a hash join over every school's words (the
 * postcode district "SW1" 7 times slower). The words' own (their
 * tsvector's) are what it needs; 0.3 s for 50,000 schools. */
#define ANALYZE_AFTER 1000
static const char SQL_ANALYZE[] = "ANALYZE school_search";

/* Words for many new schools at once (a first national import) on
 * PostgreSQL: the GIN index of the words is dropped, the words copied in,
 * then the index built again as migration 0010 made it (its name too). Kept
 * up row by row, the index was 0.7 s of 50,000 schools' words; building the
 * whole index takes 0.65-0.7 s whatever maintenance_work_mem (4 MB to
 * 512 MB; a fifth of it is to_tsvector). The build costs as much for the
 * schools already there as for the new, so by those figures it pays from
 * about two thirds of the table new: it is done when the new schools are at
 * least three quarters of the table afterwards, and at least BULK_MIN of
 * them. DROP INDEX takes school_search's exclusive lock: searches wait from
 * here to the import's COMMIT, so the import runs this last. Pages that
 * read only schools do not wait (the import holds no lock on schools that
 * a reader's conflicts with), so no reader can hold a lock the import waits
 * for while waiting for one of the import's: no deadlock. The foreign key
 * stays (its checks, 0.35-0.4 s, are not worth an exclusive lock on
 * schools and that deadlock). A failed import rolls back with the index as
 * it was. */
#define BULK_MIN 1000
static const char SQL_BULK_BEGIN[] = "SET LOCAL maintenance_work_mem = '256MB'; "
				     "DROP INDEX school_search_terms";
static const char SQL_BULK_INDEX[] =
	"CREATE INDEX school_search_terms ON school_search USING gin (to_tsvector('simple', terms))";

static const char *sql_upsert_batch;
static pthread_once_t batch_once = PTHREAD_ONCE_INIT;

static void build_batch(void)
{
	sql_upsert_batch = db_sql_rows(SEARCH_UPSERT, COLUMNS, BATCH, SEARCH_ON_CONFLICT);
}

struct stale {
	const char *urn, *name, *town, *postcode, *digest;
	bool new; /* no words yet */
};

/* Writes the n rows v (COLUMNS values each): BATCH of them as one
 * statement, sent without waiting for it (the next batch is made
 * meanwhile), fewer one at a time. */
static enum err write_rows(struct db *db, const struct db_value *v, size_t n, bool copy)
{
	if (copy)
		return n ? db_insert_many(db, SQL_INSERT, v, n, COLUMNS) : ERR_OK;
	if (n == BATCH) {
		pthread_once(&batch_once, build_batch);
		return db_send_values(db, sql_upsert_batch, v, n * COLUMNS);
	}
	enum err e = ERR_OK;
	for (size_t i = 0; i < n && !e; i++)
		e = db_run_values(db, SQL_UPSERT, v + i * COLUMNS, COLUMNS);
	return e;
}

/* Which of the stale schools write_words writes, and how. */
enum words { ALL, CHANGED, NEW_BY_COPY };

/* Writes the words of the schools rows (n of them) that which says, a
 * batch at a time. */
static enum err write_words(struct db *db, const struct stale *rows, size_t n, enum words which)
{
	bool copy = which == NEW_BY_COPY;
	struct db_value *v = xmalloc(BATCH * COLUMNS * sizeof(*v));
	struct arena *a = arena_new(); /* a batch's words */
	size_t k = 0;
	enum err e = ERR_OK;
	for (size_t i = 0; i < n && !e; i++) {
		const struct stale *r = &rows[i];
		if (which != ALL && r->new != copy)
			continue;
		struct db_value *row = v + k++ * COLUMNS;
		row[0] = DB_S(r->urn);
		row[1] = DB_S(r->digest);
		row[2] = DB_S(search_fold(a, r->name));
		row[3] = DB_S(search_postcode_key(a, r->postcode));
		row[4] = DB_S(search_terms(a, r->name, r->town, r->postcode, r->urn));
		if (k == BATCH) {
			e = write_rows(db, v, k, copy);
			k = 0;
			arena_free(a);
			a = arena_new();
		}
	}
	if (!e)
		e = write_rows(db, v, k, copy);
	if (!e)
		e = db_wait(db); /* the last batch's error, if it failed */
	arena_free(a);
	free(v);
	return e;
}

/* Whether the nnew new schools' words are written with the index built
 * afterwards (SQL_BULK_BEGIN): PostgreSQL, and they are most of the table. */
static enum err bulk_due(struct db *db, size_t nnew, bool *bulk)
{
	*bulk = false;
	if (nnew < BULK_MIN || strcmp(db_dialect(db), "postgresql"))
		return ERR_OK;
	struct db_stmt *st = db_prepare(db, SQL_COUNT);
	int rc = st ? db_step(st) : ERR_DB;
	if (rc < 0)
		return (enum err)rc;
	int64_t have = rc == 1 ? db_col_int(st, 0) : 0;
	db_step(st); /* done */
	*bulk = 4 * (int64_t)nnew >= 3 * (have + (int64_t)nnew);
	return ERR_OK;
}

enum err school_search_sync(struct db *db, int64_t *changed)
{
	if (changed)
		*changed = 0;
	struct arena *a = arena_new();
	struct db_stmt *st = db_prepare(db, SQL_STALE);
	enum err e = st ? ERR_OK : ERR_DB;
	size_t n = 0, nnew = 0, cap = 256;
	struct stale *rows = arena_alloc(a, cap * sizeof(*rows));
	int rc = 0;
	/* read them all first: the writes below change the table being read */
	while (!e && (rc = db_step(st)) == 1) {
		if (n == cap)
			rows = arena_grow(a, rows, n, cap *= 2, sizeof(*rows));
		rows[n++] = (struct stale){arena_strdup(a, db_col_text(st, 0)), arena_strdup(a, db_col_text(st, 1)),
					   arena_strdup(a, db_col_text(st, 2)), arena_strdup(a, db_col_text(st, 3)),
					   arena_strdup(a, db_col_text(st, 4)), db_col_int(st, 5) != 0};
		nnew += rows[n - 1].new;
	}
	if (!e && rc < 0)
		e = (enum err)rc;
	bool bulk = false;
	if (!e)
		e = bulk_due(db, nnew, &bulk);
	if (!e && bulk) { /* the changed first (as ever), then the new */
		if (!(e = db_exec(db, SQL_BULK_BEGIN)) && !(e = write_words(db, rows, n, CHANGED)) &&
		    !(e = write_words(db, rows, n, NEW_BY_COPY)))
			e = db_exec(db, SQL_BULK_INDEX);
	} else if (!e) {
		e = write_words(db, rows, n, ALL);
	}
	if (!e && n >= ANALYZE_AFTER)
		e = db_exec(db, SQL_ANALYZE);
	if (!e && changed)
		*changed = (int64_t)n;
	arena_free(a);
	return e;
}

enum err registry_search_load(struct db *db)
{
	return school_search_sync(db, NULL);
}

struct reindex {
	int64_t changed;
};

static enum err reindex_write(struct db *db, void *ctx)
{
	struct reindex *r = ctx;
	return school_search_sync(db, &r->changed);
}

int registry_reindex_run(int argc, char **argv)
{
	struct reindex r = {0};
	int rc = cli_write("reindex-schools", argc, argv, reindex_write, &r);
	if (rc)
		return rc;
	printf("school search: %lld school%s indexed again\n", (long long)r.changed, r.changed == 1 ? "" : "s");
	return 0;
}
