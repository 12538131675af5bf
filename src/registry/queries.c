/* queries.c - see queries.h. All SQL of the registry lives here. */
#include "registry/queries.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/util.h"
#include "db/db.h"

static const char SQL_SCHOOL_DIGESTS[] = "SELECT urn, digest, status, gias_changed_on FROM schools";
#define SCHOOL_INSERT                                                                                      \
	"INSERT INTO schools (urn, name, la_code, establishment_number, type, type_group, phase, status, "     \
	"open_date, open_reason, close_date, close_reason, low_age, high_age, trust_id, street, locality, "    \
	"address3, town, county, postcode, website, telephone, region, ukprn, pupils, gias_changed_on, "       \
	"digest, imported_at) VALUES "
#define SCHOOL_ON_CONFLICT                                                                                 \
	" ON CONFLICT (urn) DO UPDATE SET name = excluded.name, la_code = excluded.la_code, "                \
	"establishment_number = excluded.establishment_number, type = excluded.type, "                       \
	"type_group = excluded.type_group, phase = excluded.phase, status = excluded.status, "               \
	"open_date = excluded.open_date, open_reason = excluded.open_reason, "                               \
	"close_date = excluded.close_date, close_reason = excluded.close_reason, low_age = excluded.low_age, " \
	"high_age = excluded.high_age, trust_id = excluded.trust_id, street = excluded.street, "              \
	"locality = excluded.locality, address3 = excluded.address3, town = excluded.town, "                 \
	"county = excluded.county, postcode = excluded.postcode, website = excluded.website, "               \
	"telephone = excluded.telephone, region = excluded.region, ukprn = excluded.ukprn, "                 \
	"pupils = excluded.pupils, gias_changed_on = excluded.gias_changed_on, digest = excluded.digest, "   \
	"imported_at = excluded.imported_at"
#define SCHOOL_COLUMNS 29
_Static_assert(SCHOOL_BATCH * SCHOOL_COLUMNS <= DB_MAX_PARAMS, "a batch of schools has too many parameters");
static const char SQL_SCHOOL_INSERT[] =
	SCHOOL_INSERT "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, "
	"$20, $21, $22, $23, $24, $25, $26, $27, $28, $29)";
static const char SQL_SCHOOL_UPSERT[] =
	SCHOOL_INSERT "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, "
	"$20, $21, $22, $23, $24, $25, $26, $27, $28, $29)" SCHOOL_ON_CONFLICT;
static const char SQL_LAS[] = "SELECT code, name, region FROM local_authorities";
static const char SQL_LA_UPSERT[] =
	"INSERT INTO local_authorities (code, name, region) VALUES ($1, $2, $3) "
	"ON CONFLICT (code) DO UPDATE SET "
	"name = CASE WHEN local_authorities.name = '' THEN excluded.name ELSE local_authorities.name END, "
	"region = CASE WHEN local_authorities.region = '' THEN excluded.region ELSE local_authorities.region END";
static const char SQL_TRUSTS[] = "SELECT id, code, name FROM trusts ORDER BY id";
static const char SQL_TRUST_INSERT[] = "INSERT INTO trusts (code, name) VALUES ($1, $2) RETURNING id";
static const char SQL_TRUST_UPDATE[] = "UPDATE trusts SET code = COALESCE($2, code), name = $3 WHERE id = $1";
static const char SQL_LINKS[] = "SELECT urn, link_urn, link_type, link_name, linked_on FROM school_links";
#define LINK_INSERT "INSERT INTO school_links (urn, link_urn, link_type, link_name, linked_on) VALUES "
#define LINK_ON_CONFLICT                                                                                   \
	" ON CONFLICT (urn, link_urn, link_type) DO UPDATE SET link_name = excluded.link_name, "               \
	"linked_on = excluded.linked_on"
#define LINK_COLUMNS 5
_Static_assert(LINK_BATCH * LINK_COLUMNS <= DB_MAX_PARAMS, "a batch of links has too many parameters");
static const char SQL_LINK_UPSERT[] = LINK_INSERT "($1, $2, $3, $4, $5)" LINK_ON_CONFLICT;
static const char SQL_LINK_INSERT[] = LINK_INSERT "($1, $2, $3, $4, $5)";

/* The many-row forms, "VALUES ($1..$29), ($30..$58), ...": built once per
 * process (the statement cache keys them by their address). */
static const char *sql_school_batch, *sql_link_batch;
static pthread_once_t batch_once = PTHREAD_ONCE_INIT;

static void build_batches(void)
{
	sql_school_batch = db_sql_rows(SCHOOL_INSERT, SCHOOL_COLUMNS, SCHOOL_BATCH, SCHOOL_ON_CONFLICT);
	sql_link_batch = db_sql_rows(LINK_INSERT, LINK_COLUMNS, LINK_BATCH, LINK_ON_CONFLICT);
}

static const char SQL_IMPORT_INSERT[] =
	"INSERT INTO school_imports (token_hash, session_hash, person_id, files, checked, rejected, created_at, "
	"expires_at) VALUES ($1, $2, $3, '[]', '{}', '[]', $4, $5) RETURNING id";
static const char SQL_IMPORT_CHECKED[] =
	"UPDATE school_imports SET files = $2, checked = $3, rejected = $4 WHERE id = $1";
static const char SQL_IMPORT_RECHECKED[] = "UPDATE school_imports SET checked = $2 WHERE id = $1";
static const char SQL_CHUNK_INSERT[] =
	"INSERT INTO school_import_chunks (import_id, seq, kind, data) VALUES ($1, $2, $3, $4)";
static const char SQL_CHUNK_NEXT[] =
	"SELECT seq, data FROM school_import_chunks WHERE import_id = $1 AND kind = $2 AND seq > $3 "
	"ORDER BY seq LIMIT 1";
static const char SQL_IMPORT_LOAD[] =
	"SELECT id, files, checked, rejected, imported_at, result FROM school_imports "
	"WHERE token_hash = $1 AND session_hash = $2 AND person_id = $3 AND expires_at > $4";
static const char SQL_IMPORT_DONE[] =
	"UPDATE school_imports SET imported_at = $2, result = $3, expires_at = $4 WHERE id = $1";
static const char SQL_IMPORT_CHUNKS_DROP[] = "DELETE FROM school_import_chunks WHERE import_id = $1";
static const char SQL_IMPORTS_PURGE[] = "DELETE FROM school_imports WHERE expires_at <= $1";

/* "" as SQL NULL. */
static struct db_value text_or_null(const char *s)
{
	return s && *s ? DB_S(s) : DB_NULL;
}

static struct db_value int_or_null(int64_t v)
{
	return v >= 0 ? DB_I(v) : DB_NULL;
}

enum err schools_each_digest(struct db *db, enum err (*fn)(void *ctx, const char *urn, const char *digest,
							    const char *status, const char *changed_on), void *ctx)
{
	struct db_stmt *st = db_prepare(db, SQL_SCHOOL_DIGESTS);
	if (!st)
		return ERR_DB;
	int rc;
	enum err e = ERR_OK;
	while (!e && (rc = db_step(st)) == 1)
		e = fn(ctx, db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2),
		       db_col_is_null(st, 3) ? NULL : db_col_text(st, 3));
	return e ? e : rc < 0 ? ERR_DB : ERR_OK;
}

/* s's values, from v[0] on. */
static void school_values(struct db_value *v, const struct gias_school *s, int64_t trust_id, int64_t now)
{
	const struct db_value row[SCHOOL_COLUMNS] = {
		DB_S(s->urn), DB_S(s->name), text_or_null(s->la_code), DB_S(s->number), DB_S(s->type),
		DB_S(s->type_group), DB_S(s->phase), DB_S(s->status), DB_S(s->open_date), DB_S(s->open_reason),
		DB_S(s->close_date), DB_S(s->close_reason), int_or_null(s->low_age), int_or_null(s->high_age),
		trust_id ? DB_I(trust_id) : DB_NULL, DB_S(s->street), DB_S(s->locality), DB_S(s->address3),
		DB_S(s->town), DB_S(s->county), DB_S(s->postcode), DB_S(s->website), DB_S(s->telephone),
		DB_S(s->region), DB_S(s->ukprn), int_or_null(s->pupils), DB_S(s->changed_on), DB_S(s->digest),
		DB_I(now),
	};
	memcpy(v, row, sizeof(row));
}

enum err schools_upsert(struct db *db, const struct gias_school *const *s, const int64_t *trust_ids, size_t n,
			int64_t now)
{
	enum err e = ERR_OK;
	if (n == SCHOOL_BATCH) {
		pthread_once(&batch_once, build_batches);
		struct db_value *vals = xmalloc(n * SCHOOL_COLUMNS * sizeof(*vals));
		for (size_t i = 0; i < n; i++)
			school_values(vals + i * SCHOOL_COLUMNS, s[i], trust_ids[i], now);
		e = db_send_values(db, sql_school_batch, vals, n * SCHOOL_COLUMNS); /* overlaps the next batch's reading */
		free(vals);
		return e;
	}
	struct db_value one[SCHOOL_COLUMNS];
	for (size_t i = 0; i < n && !e; i++) {
		school_values(one, s[i], trust_ids[i], now);
		e = db_run_values(db, SQL_SCHOOL_UPSERT, one, SCHOOL_COLUMNS);
	}
	return e;
}

enum err schools_insert(struct db *db, const struct gias_school *const *s, const int64_t *trust_ids, size_t n,
			int64_t now)
{
	struct db_value *vals = xmalloc((n + 1) * SCHOOL_COLUMNS * sizeof(*vals));
	for (size_t i = 0; i < n; i++)
		school_values(vals + i * SCHOOL_COLUMNS, s[i], trust_ids[i], now);
	enum err e = db_insert_many(db, SQL_SCHOOL_INSERT, vals, n, SCHOOL_COLUMNS);
	free(vals);
	return e;
}

static const char SQL_SCHOOLS_INDEXES_DROP[] =
	"DROP INDEX schools_la_facets; DROP INDEX schools_trust; DROP INDEX schools_postcode";
static const char SQL_SCHOOLS_INDEXES_BUILD[] =
	"CREATE INDEX schools_la_facets ON schools (la_code, phase, type_group, type, status, name, urn); "
	"CREATE INDEX schools_trust ON schools (trust_id); "
	"CREATE INDEX schools_postcode ON schools (postcode)";

enum err schools_indexes_drop(struct db *db, bool *dropped)
{
	*dropped = !strcmp(db_dialect(db), "sqlite");
	return *dropped ? db_exec(db, SQL_SCHOOLS_INDEXES_DROP) : ERR_OK;
}

enum err schools_indexes_build(struct db *db)
{
	return db_exec(db, SQL_SCHOOLS_INDEXES_BUILD);
}

enum err las_each(struct db *db, enum err (*fn)(void *ctx, const char *code, const char *name, const char *region),
		  void *ctx)
{
	struct db_stmt *st = db_prepare(db, SQL_LAS);
	if (!st)
		return ERR_DB;
	int rc;
	enum err e = ERR_OK;
	while (!e && (rc = db_step(st)) == 1)
		e = fn(ctx, db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2));
	return e ? e : rc < 0 ? ERR_DB : ERR_OK;
}

enum err la_upsert(struct db *db, const char *code, const char *name, const char *region)
{
	return db_run(db, SQL_LA_UPSERT, DB_S(code), DB_S(name), DB_S(region));
}

enum err trusts_each(struct db *db, enum err (*fn)(void *ctx, int64_t id, const char *code, const char *name),
		     void *ctx)
{
	struct db_stmt *st = db_prepare(db, SQL_TRUSTS);
	if (!st)
		return ERR_DB;
	int rc;
	enum err e = ERR_OK;
	while (!e && (rc = db_step(st)) == 1)
		e = fn(ctx, db_col_int(st, 0), db_col_is_null(st, 1) ? NULL : db_col_text(st, 1), db_col_text(st, 2));
	return e ? e : rc < 0 ? ERR_DB : ERR_OK;
}

enum err trust_insert(struct db *db, const char *code, const char *name, int64_t *id)
{
	struct db_stmt *st = db_prepare(db, SQL_TRUST_INSERT);
	if (!st || db_bind_text(st, 1, code) || db_bind_text(st, 2, name))
		return ERR_DB;
	int rc = db_step(st);
	if (rc != 1)
		return rc < 0 ? rc : ERR_DB;
	*id = db_col_int(st, 0);
	return db_step(st) < 0 ? ERR_DB : ERR_OK;
}

enum err trust_update(struct db *db, int64_t id, const char *code, const char *name)
{
	return db_run(db, SQL_TRUST_UPDATE, DB_I(id), DB_S(code), DB_S(name));
}

enum err links_each(struct db *db, enum err (*fn)(void *ctx, const char *urn, const char *link_urn, const char *type,
						   const char *name, const char *date), void *ctx)
{
	struct db_stmt *st = db_prepare(db, SQL_LINKS);
	if (!st)
		return ERR_DB;
	int rc;
	enum err e = ERR_OK;
	while (!e && (rc = db_step(st)) == 1)
		e = fn(ctx, db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2), db_col_text(st, 3),
		       db_col_is_null(st, 4) ? NULL : db_col_text(st, 4));
	return e ? e : rc < 0 ? ERR_DB : ERR_OK;
}

/* l's values, from r[0] on. */
static void link_values(struct db_value *r, const struct gias_link *l)
{
	r[0] = DB_S(l->urn), r[1] = DB_S(l->link_urn), r[2] = DB_S(l->type), r[3] = DB_S(l->name), r[4] = DB_S(l->date);
}

enum err links_insert(struct db *db, const struct gias_link *const *l, size_t n)
{
	struct db_value *v = xmalloc((n + 1) * LINK_COLUMNS * sizeof(*v));
	for (size_t i = 0; i < n; i++)
		link_values(v + i * LINK_COLUMNS, l[i]);
	enum err e = db_insert_many(db, SQL_LINK_INSERT, v, n, LINK_COLUMNS);
	free(v);
	return e;
}

enum err links_upsert(struct db *db, const struct gias_link *const *l, size_t n)
{
	enum err e = ERR_OK;
	if (n == LINK_BATCH) {
		pthread_once(&batch_once, build_batches);
		struct db_value *v = xmalloc(n * LINK_COLUMNS * sizeof(*v));
		for (size_t i = 0; i < n; i++)
			link_values(v + i * LINK_COLUMNS, l[i]);
		e = db_send_values(db, sql_link_batch, v, n * LINK_COLUMNS);
		free(v);
		return e;
	}
	for (size_t i = 0; i < n && !e; i++)
		e = db_run(db, SQL_LINK_UPSERT, DB_S(l[i]->urn), DB_S(l[i]->link_urn), DB_S(l[i]->type),
			   DB_S(l[i]->name), DB_S(l[i]->date));
	return e;
}

/* ---- files uploaded on /admin/schools/import ---- */

enum err school_import_insert(struct db *db, const char *token_hash, const char *session_hash, int64_t person_id,
			      int64_t now, int64_t expires_at, int64_t *id)
{
	struct db_stmt *st = db_prepare(db, SQL_IMPORT_INSERT);
	if (!st || db_bind_text(st, 1, token_hash) || db_bind_text(st, 2, session_hash) ||
	    db_bind_int(st, 3, person_id) || db_bind_int(st, 4, now) || db_bind_int(st, 5, expires_at))
		return ERR_DB;
	int rc = db_step(st);
	if (rc != 1)
		return rc < 0 ? rc : ERR_DB;
	*id = db_col_int(st, 0);
	return db_step(st) < 0 ? ERR_DB : ERR_OK;
}

enum err school_import_checked(struct db *db, int64_t id, const char *files, const char *checked, const char *rejected)
{
	return db_run(db, SQL_IMPORT_CHECKED, DB_I(id), DB_S(files), DB_S(checked), DB_S(rejected));
}

enum err school_import_rechecked(struct db *db, int64_t id, const char *checked)
{
	return db_run(db, SQL_IMPORT_RECHECKED, DB_I(id), DB_S(checked));
}

enum err school_import_chunk_insert(struct db *db, int64_t id, int64_t seq, const char *kind, const char *data)
{
	return db_run(db, SQL_CHUNK_INSERT, DB_I(id), DB_I(seq), DB_S(kind), DB_S(data));
}

enum err school_import_chunk_next(struct db *db, int64_t id, const char *kind, int64_t seq, char **data, size_t *len,
				  int64_t *next)
{
	struct db_stmt *st = db_prepare(db, SQL_CHUNK_NEXT);
	if (!st || db_bind_int(st, 1, id) || db_bind_text(st, 2, kind) || db_bind_int(st, 3, seq))
		return ERR_DB;
	int rc = db_step(st);
	if (rc != 1)
		return rc < 0 ? ERR_DB : ERR_NOT_FOUND;
	*next = db_col_int(st, 0);
	*data = xstrdup(db_col_text(st, 1));
	*len = strlen(*data);
	return db_step(st) < 0 ? ERR_DB : ERR_OK;
}

enum err school_import_load(struct db *db, struct arena *a, const char *token_hash, const char *session_hash,
			    int64_t person_id, int64_t now, struct school_import *out)
{
	struct db_stmt *st = db_prepare(db, SQL_IMPORT_LOAD);
	if (!st || db_bind_text(st, 1, token_hash) || db_bind_text(st, 2, session_hash) ||
	    db_bind_int(st, 3, person_id) || db_bind_int(st, 4, now))
		return ERR_DB;
	int rc = db_step(st);
	if (rc != 1)
		return rc < 0 ? ERR_DB : ERR_NOT_FOUND;
	*out = (struct school_import){
		.id = db_col_int(st, 0),
		.files = arena_strdup(a, db_col_text(st, 1)),
		.checked = arena_strdup(a, db_col_text(st, 2)),
		.rejected = arena_strdup(a, db_col_text(st, 3)),
		.imported_at = db_col_is_null(st, 4) ? 0 : db_col_int(st, 4),
		.result = arena_strdup(a, db_col_text(st, 5)),
	};
	return db_step(st) < 0 ? ERR_DB : ERR_OK;
}

enum err school_import_done(struct db *db, int64_t id, int64_t now, const char *result, int64_t expires_at)
{
	enum err e = db_run(db, SQL_IMPORT_CHUNKS_DROP, DB_I(id));
	return e ? e : db_run(db, SQL_IMPORT_DONE, DB_I(id), DB_I(now), DB_S(result), DB_I(expires_at));
}

enum err school_imports_purge(struct db *db, int64_t now)
{
	return db_run(db, SQL_IMPORTS_PURGE, DB_I(now));
}
