/*
 * copy.c - see copy.h.
 *
 * The tables come from the source's own catalogue in foreign-key order: a
 * table after every table it references (creation order alone is not
 * enough: a column added later may reference a table created after it),
 * then in creation order. Only real tables: a virtual table (the school
 * search's FTS5 index) and its shadow tables are SQLite's own, rebuilt by
 * triggers when its content table is copied. Their names are checked to be plain identifiers before they
 * appear in SQL; values always go as parameters.
 */
#include "db/copy.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdbool.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/util.h"
#include "db/db.h"

#define COPY_MAX_TABLES 256

/* depth: 0 for a table that references none; otherwise one more than the
 * deepest table it references (a reference to itself aside; bounded, so
 * a cycle cannot loop) */
static const char SQL_TABLES_SQLITE[] =
	"WITH RECURSIVE tabs (name, created) AS ("
	"  SELECT name, rowid FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
	"  AND name <> 'schema_migrations' "
	"  AND name IN (SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table')), "
	"refs (child, parent) AS (SELECT t.name, f.\"table\" FROM tabs t, pragma_foreign_key_list(t.name) f "
	"  WHERE f.\"table\" <> t.name), "
	"depth (name, d) AS (SELECT name, 0 FROM tabs UNION "
	"  SELECT r.child, depth.d + 1 FROM refs r JOIN depth ON depth.name = r.parent WHERE depth.d < 64) "
	"SELECT tabs.name FROM tabs JOIN depth ON depth.name = tabs.name "
	"GROUP BY tabs.name, tabs.created ORDER BY max(depth.d), tabs.created";

struct table_sum {
	int64_t rows;
	uint64_t sum;
};

static bool plain_identifier(const char *s)
{
	if (!*s || strlen(s) > 63)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return false;
	return true;
}

/* Row count and the sum (mod 2^64) of a 64-bit hash of each row: the same
 * rows give the same sum in any order, on either backend. */
static enum err table_sum(struct db *db, const char *select_all, struct table_sum *out)
{
	out->rows = 0;
	out->sum = 0;
	struct db_stmt *st = db_prepare(db, select_all);
	if (!st)
		return ERR_DB;
	int rc;
	while ((rc = db_step(st)) == 1) {
		crypto_generichash_state h;
		crypto_generichash_init(&h, NULL, 0, 8);
		int ncol = db_col_count(st);
		for (int c = 0; c < ncol; c++) {
			if (db_col_is_null(st, c)) {
				crypto_generichash_update(&h, (const unsigned char *)"\0", 1);
				continue;
			}
			const char *v = db_col_text(st, c);
			crypto_generichash_update(&h, (const unsigned char *)"\1", 1);
			crypto_generichash_update(&h, (const unsigned char *)v, strlen(v) + 1);
		}
		unsigned char d[8];
		crypto_generichash_final(&h, d, sizeof(d));
		uint64_t x = 0;
		for (int k = 0; k < 8; k++)
			x = (x << 8) | d[k];
		out->sum += x;
		out->rows++;
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

struct copy_plan {
	struct arena *a;
	const char *names[COPY_MAX_TABLES];
	const char *select_all[COPY_MAX_TABLES]; /* SELECT * FROM "t" */
	size_t n;
};

static enum err list_tables(struct db *from, struct copy_plan *p, char *msg, size_t msglen)
{
	struct db_stmt *st = db_prepare(from, SQL_TABLES_SQLITE);
	if (!st)
		return ERR_DB;
	int rc;
	while ((rc = db_step(st)) == 1) {
		const char *name = db_col_text(st, 0);
		if (!plain_identifier(name) || p->n == COPY_MAX_TABLES) {
			snprintf(msg, msglen, "cannot copy table \"%s\": not a plain name, or too many tables", name);
			return ERR_INVALID;
		}
		p->names[p->n] = arena_strdup(p->a, name);
		p->select_all[p->n] = arena_printf(p->a, "SELECT * FROM \"%s\"", name);
		p->n++;
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

/* Copies the rows of table i (inside the target's open transaction). */
static enum err copy_table(struct db *from, struct db *to, struct copy_plan *p, size_t i,
			   int64_t *copied)
{
	struct db_stmt *src = db_prepare(from, p->select_all[i]);
	if (!src)
		return ERR_DB;
	int rc = db_step(src);
	if (rc <= 0)
		return (enum err)rc; /* 0: an empty table, nothing to do */
	int ncol = db_col_count(src);
	for (int c = 0; c < ncol; c++)
		if (!plain_identifier(db_col_name(src, c)))
			return ERR_INVALID;
	struct buf sql = {0};
	buf_printf(&sql, "INSERT INTO \"%s\" (", p->names[i]);
	for (int c = 0; c < ncol; c++)
		buf_printf(&sql, "%s\"%s\"", c ? ", " : "", db_col_name(src, c));
	buf_puts(&sql, ") VALUES (");
	for (int c = 0; c < ncol; c++)
		buf_printf(&sql, "%s$%d", c ? ", " : "", c + 1);
	buf_puts(&sql, ")");
	const char *insert = arena_strdup(p->a, sql.data);
	buf_free(&sql);
	enum err e = ERR_OK;
	for (; rc == 1 && !e; rc = db_step(src)) {
		struct db_stmt *dst = db_prepare(to, insert);
		if (!dst)
			return ERR_DB;
		for (int c = 0; c < ncol && !e; c++)
			e = db_col_is_null(src, c) ? db_bind_null(dst, c + 1)
						   : db_bind_text(dst, c + 1, db_col_text(src, c));
		if (!e)
			e = db_step_done(dst);
		(*copied)++;
	}
	return e ? e : rc < 0 ? (enum err)rc : ERR_OK;
}

/* Moves the identity sequence of an "id" column past the copied ids. */
static enum err fix_sequence(struct db *to, struct copy_plan *p, size_t i)
{
	const char *sql = arena_printf(
		p->a,
		"SELECT setval(pg_get_serial_sequence('\"%s\"', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) "
		"FROM \"%s\" WHERE pg_get_serial_sequence('\"%s\"', 'id') IS NOT NULL",
		p->names[i], p->names[i], p->names[i]);
	struct db_stmt *st = db_prepare(to, sql);
	if (!st)
		return ERR_DB;
	int rc;
	while ((rc = db_step(st)) == 1)
		;
	return rc < 0 ? (enum err)rc : ERR_OK;
}

static bool has_id_column(struct db *from, struct copy_plan *p, size_t i)
{
	struct db_stmt *st = db_prepare(from, p->select_all[i]);
	if (!st)
		return false;
	bool found = false;
	if (db_step(st) >= 0)
		for (int c = 0; c < db_col_count(st); c++)
			found |= !strcmp(db_col_name(st, c), "id");
	while (db_step(st) == 1)
		;
	return found;
}

static enum err fill_target(struct db *from, struct db *to, struct copy_plan *p, char *msg,
			    size_t msglen)
{
	struct buf sql = {0};
	buf_puts(&sql, "TRUNCATE ");
	for (size_t i = 0; i < p->n; i++)
		buf_printf(&sql, "%s\"%s\"", i ? ", " : "", p->names[i]);
	buf_puts(&sql, " RESTART IDENTITY CASCADE;");
	/* rows arrive as they were: the tables' own triggers (the event
	 * tallies, migration 0015) would count them a second time */
	for (size_t i = 0; i < p->n; i++)
		buf_printf(&sql, "ALTER TABLE \"%s\" DISABLE TRIGGER USER;", p->names[i]);
	enum err e = db_begin(to, DB_WRITE);
	if (!e && p->n)
		e = db_exec(to, sql.data); /* the reference rows the migration loaded */
	buf_free(&sql);
	for (size_t i = 0; i < p->n && !e; i++) {
		int64_t copied = 0;
		if ((e = copy_table(from, to, p, i, &copied)))
			snprintf(msg, msglen, "copying table %s failed", p->names[i]);
		else if (has_id_column(from, p, i) && (e = fix_sequence(to, p, i)))
			snprintf(msg, msglen, "setting the id sequence of %s failed", p->names[i]);
	}
	struct buf on = {0};
	for (size_t i = 0; i < p->n; i++)
		buf_printf(&on, "ALTER TABLE \"%s\" ENABLE TRIGGER USER;", p->names[i]);
	if (!e && p->n && (e = db_exec(to, on.data)))
		snprintf(msg, msglen, "the tables' triggers could not be enabled again");
	buf_free(&on);
	if (!e && (e = db_commit(to)))
		snprintf(msg, msglen, "the copy could not be committed");
	if (e)
		db_rollback(to);
	return e;
}

static enum err verify(struct db *from, struct db *to, struct copy_plan *p, FILE *report,
		       char *msg, size_t msglen)
{
	size_t bad = 0;
	fprintf(report, "%-24s %10s %10s  %-16s %-16s %s\n", "table", "rows from", "rows to",
		"checksum from", "checksum to", "");
	for (size_t i = 0; i < p->n; i++) {
		struct table_sum a, b;
		enum err e = table_sum(from, p->select_all[i], &a);
		if (!e)
			e = table_sum(to, p->select_all[i], &b);
		if (e) {
			snprintf(msg, msglen, "cannot read table %s to verify it", p->names[i]);
			return e;
		}
		bool same = a.rows == b.rows && a.sum == b.sum;
		bad += !same;
		fprintf(report, "%-24s %10" PRId64 " %10" PRId64 "  %016" PRIx64 " %016" PRIx64 " %s\n",
			p->names[i], a.rows, b.rows, a.sum, b.sum, same ? "ok" : "DIFFERENT");
	}
	if (bad) {
		snprintf(msg, msglen, "%zu table%s differ after the copy", bad, bad == 1 ? "" : "s");
		return ERR_CONFLICT;
	}
	return ERR_OK;
}

enum err db_copy(struct db *from, struct db *to, const struct migration *list, size_t n,
		 struct arena *a, FILE *report, char *msg, size_t msglen)
{
	msg[0] = '\0';
	if (strcmp(db_dialect(from), "sqlite") || strcmp(db_dialect(to), "postgresql")) {
		snprintf(msg, msglen, "copy-db copies from SQLite to PostgreSQL");
		return ERR_INVALID;
	}
	int newest = n ? list[n - 1].version : 0, vfrom = 0, vto = 0, applied = 0;
	enum err e = migrate_current(from, &vfrom);
	if (e) {
		snprintf(msg, msglen, "cannot read the source's schema version");
		return e;
	}
	if (vfrom != newest) {
		snprintf(msg, msglen,
			 "the source is at schema version %d, this binary's is %d: run "
			 "`mathshubs migrate --db PATH` on it first (with a backup)", vfrom, newest);
		return ERR_INVALID;
	}
	if ((e = migrate_current(to, &vto))) {
		snprintf(msg, msglen, "cannot read the target's schema version");
		return e;
	}
	if (vto != 0) {
		snprintf(msg, msglen,
			 "the target database is not empty (schema version %d): copy-db fills a new, "
			 "empty database (CREATE DATABASE ...)", vto);
		return ERR_CONFLICT;
	}
	if ((e = migrate_run(to, list, n, &applied, msg, msglen)))
		return e;
	struct copy_plan p = {.a = a};
	if (!(e = db_begin(from, DB_READ))) {
		e = list_tables(from, &p, msg, msglen);
		if (!e)
			e = fill_target(from, to, &p, msg, msglen);
		if (!e)
			e = verify(from, to, &p, report, msg, msglen);
		db_rollback(from);
	}
	if (e && !msg[0])
		snprintf(msg, msglen, "%s", err_str(e));
	return e;
}
