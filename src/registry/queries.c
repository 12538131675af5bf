/* queries.c - see queries.h. All SQL of the registry lives here. */
#include "registry/queries.h"

#include "db/db.h"

static const char SQL_SCHOOL_DIGESTS[] = "SELECT urn, digest, status FROM schools";
static const char SQL_SCHOOL_UPSERT[] =
	"INSERT INTO schools (urn, name, la_code, establishment_number, type, type_group, phase, status, "
	"open_date, open_reason, close_date, close_reason, low_age, high_age, trust_id, street, locality, "
	"address3, town, county, postcode, website, telephone, region, ukprn, pupils, gias_changed_on, digest, "
	"imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, "
	"$19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29) "
	"ON CONFLICT (urn) DO UPDATE SET name = excluded.name, la_code = excluded.la_code, "
	"establishment_number = excluded.establishment_number, type = excluded.type, "
	"type_group = excluded.type_group, phase = excluded.phase, status = excluded.status, "
	"open_date = excluded.open_date, open_reason = excluded.open_reason, close_date = excluded.close_date, "
	"close_reason = excluded.close_reason, low_age = excluded.low_age, high_age = excluded.high_age, "
	"trust_id = excluded.trust_id, street = excluded.street, locality = excluded.locality, "
	"address3 = excluded.address3, town = excluded.town, county = excluded.county, "
	"postcode = excluded.postcode, website = excluded.website, telephone = excluded.telephone, "
	"region = excluded.region, ukprn = excluded.ukprn, pupils = excluded.pupils, "
	"gias_changed_on = excluded.gias_changed_on, digest = excluded.digest, imported_at = excluded.imported_at";
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
static const char SQL_LINK_UPSERT[] =
	"INSERT INTO school_links (urn, link_urn, link_type, link_name, linked_on) VALUES ($1, $2, $3, $4, $5) "
	"ON CONFLICT (urn, link_urn, link_type) DO UPDATE SET link_name = excluded.link_name, "
	"linked_on = excluded.linked_on";

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
							    const char *status), void *ctx)
{
	struct db_stmt *st = db_prepare(db, SQL_SCHOOL_DIGESTS);
	if (!st)
		return ERR_DB;
	int rc;
	enum err e = ERR_OK;
	while (!e && (rc = db_step(st)) == 1)
		e = fn(ctx, db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2));
	return e ? e : rc < 0 ? ERR_DB : ERR_OK;
}

enum err school_upsert(struct db *db, const struct gias_school *s, int64_t trust_id, int64_t now)
{
	return db_run(db, SQL_SCHOOL_UPSERT, DB_S(s->urn), DB_S(s->name), text_or_null(s->la_code), DB_S(s->number),
		      DB_S(s->type), DB_S(s->type_group), DB_S(s->phase), DB_S(s->status), DB_S(s->open_date),
		      DB_S(s->open_reason), DB_S(s->close_date), DB_S(s->close_reason), int_or_null(s->low_age),
		      int_or_null(s->high_age), trust_id ? DB_I(trust_id) : DB_NULL, DB_S(s->street),
		      DB_S(s->locality), DB_S(s->address3), DB_S(s->town), DB_S(s->county), DB_S(s->postcode),
		      DB_S(s->website), DB_S(s->telephone), DB_S(s->region), DB_S(s->ukprn), int_or_null(s->pupils),
		      DB_S(s->changed_on), DB_S(s->digest), DB_I(now));
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

enum err link_upsert(struct db *db, const char *urn, const char *link_urn, const char *type, const char *name,
		     const char *date)
{
	return db_run(db, SQL_LINK_UPSERT, DB_S(urn), DB_S(link_urn), DB_S(type), DB_S(name), DB_S(date));
}
