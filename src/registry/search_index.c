/* search_index.c - the school search index kept in step with schools
 * (school_search_sync, registry.h): at migration 0010, by the GIAS import,
 * and by `mathshubs reindex-schools`. */
#include <stdio.h>

#include "cli.h"
#include "core/arena.h"
#include "core/config.h"
#include "db/db.h"
#include "registry/search_pages.h"
#include "registry/registry.h"
#include "registry/search_text.h"

/* Bumped when search_text.c makes different words for the same school, so
 * that the next sync makes them again (a migration with a load calling
 * school_search_sync does it at upgrade). */
#define SEARCH_WORDS_VERSION "1"

static const char SQL_STALE[] =
	"SELECT s.urn, s.name, s.town, s.postcode, s.digest || ':" SEARCH_WORDS_VERSION "' "
	"FROM schools s LEFT JOIN school_search x ON x.urn = s.urn "
	"WHERE x.urn IS NULL OR x.digest <> s.digest || ':" SEARCH_WORDS_VERSION "'";
static const char SQL_UPSERT[] =
	"INSERT INTO school_search (urn, digest, name_key, postcode_key, terms) VALUES ($1, $2, $3, $4, $5) "
	"ON CONFLICT (urn) DO UPDATE SET digest = excluded.digest, name_key = excluded.name_key, "
	"postcode_key = excluded.postcode_key, terms = excluded.terms";

struct stale {
	const char *urn, *name, *town, *postcode, *digest;
};

enum err school_search_sync(struct db *db, int64_t *changed)
{
	if (changed)
		*changed = 0;
	struct arena *a = arena_new();
	struct db_stmt *st = db_prepare(db, SQL_STALE);
	enum err e = st ? ERR_OK : ERR_DB;
	size_t n = 0, cap = 256;
	struct stale *rows = arena_alloc(a, cap * sizeof(*rows));
	int rc = 0;
	/* read them all first: the writes below change the table being read */
	while (!e && (rc = db_step(st)) == 1) {
		if (n == cap)
			rows = arena_grow(a, rows, n, cap *= 2, sizeof(*rows));
		rows[n++] = (struct stale){arena_strdup(a, db_col_text(st, 0)), arena_strdup(a, db_col_text(st, 1)),
					   arena_strdup(a, db_col_text(st, 2)), arena_strdup(a, db_col_text(st, 3)),
					   arena_strdup(a, db_col_text(st, 4))};
	}
	if (!e && rc < 0)
		e = (enum err)rc;
	for (size_t i = 0; i < n && !e; i++) {
		const struct stale *r = &rows[i];
		e = db_run(db, SQL_UPSERT, DB_S(r->urn), DB_S(r->digest), DB_S(search_fold(a, r->name)),
			   DB_S(search_postcode_key(a, r->postcode)),
			   DB_S(search_terms(a, r->name, r->town, r->postcode, r->urn)));
	}
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
	struct config cfg;
	struct db *db;
	const char *pos[1];
	size_t npos;
	int rc = cli_open("reindex-schools", argc, argv, NULL, 0, pos, 0, &npos, &cfg, &db);
	if (rc)
		return rc;
	struct reindex r = {0};
	enum err e = db_transact(db, DB_WRITE, reindex_write, &r);
	db_close(db);
	if (e) {
		fprintf(stderr, "mathshubs: reindex-schools: %s\n", err_str(e));
		return 1;
	}
	printf("school search: %lld school%s indexed again\n", (long long)r.changed, r.changed == 1 ? "" : "s");
	return 0;
}
