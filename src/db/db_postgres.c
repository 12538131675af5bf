/*
 * db_postgres.c - the PostgreSQL backend (db_impl.h) on libpq.
 *
 * One connection per worker thread. Statements are prepared once per
 * connection (PQprepare, named "mh<n>", n never reused on a connection),
 * cached by the address of their SQL text (stmt_cache.h, no limit); a
 * statement prepared but then refused is deallocated at once. Parameters go as text with the server inferring their types, so
 * the same "$n" SQL serves both backends. Results are read whole
 * (PQexecPrepared) and stepped through row by row.
 *
 * When the server goes away the connection is marked down: calls fail with
 * ERR_UNAVAILABLE, and the next transaction outside of one reconnects
 * (PQreset) and prepares its statements again.
 */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/util.h"
#include "db/db_impl.h"
#include "db/stmt_cache.h"

#define MAX_PARAMS DB_MAX_PARAMS

struct pg_stmt {
	struct db_stmt base;
	char name[24];
	int nparams;
	char **values; /* nparams of them; NULL = SQL NULL */
	PGresult *res;
	int row, nrows;
	bool executed;
};

struct pg_db {
	struct db base;
	PGconn *c;
	struct stmt_cache cache; /* struct pg_stmt * by the address of its SQL */
	unsigned long named;     /* statement names used so far on this connection */
	bool failed_before; /* the last error was logged as "unavailable" */
	bool pending;       /* a statement db_send sent is still to be waited for */
};

static const struct db_ops postgres_ops;

static struct pg_db *PG(struct db *db)
{
	return (struct pg_db *)db;
}

static struct pg_stmt *ST(struct db_stmt *st)
{
	return (struct pg_stmt *)st;
}

/* libpq's messages end in newlines (and sometimes spaces): a log line must not. */
static void copy_trimmed(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src);
	size_t n = strlen(dst);
	while (n && (dst[n - 1] == '\n' || dst[n - 1] == ' '))
		dst[--n] = '\0';
}

static void on_notice(void *arg, const char *message)
{
	(void)arg;
	char m[512];
	copy_trimmed(m, sizeof(m), message);
	log_msg("info", "postgresql: %s", m);
}

static void clear_params(struct pg_stmt *s)
{
	for (int i = 0; i < s->nparams; i++) {
		free(s->values[i]);
		s->values[i] = NULL;
	}
	PQclear(s->res);
	s->res = NULL;
	s->executed = false;
	s->row = s->nrows = 0;
}

static void free_stmt(void *v)
{
	struct pg_stmt *s = v;
	clear_params(s);
	free(s->values);
	free(s);
}

/* Forgets every prepared statement (they died with the old session). */
static void clear_cache(struct pg_db *db)
{
	stmt_cache_clear(&db->cache, free_stmt);
}

static bool is_down(struct pg_db *db)
{
	return PQstatus(db->c) != CONNECTION_OK;
}

/* Makes sure the connection is up; reconnects only outside a transaction. */
static enum err ensure(struct pg_db *db)
{
	if (!is_down(db))
		return ERR_OK;
	PQreset(db->c);
	if (is_down(db)) {
		if (!db->failed_before) {
			char m[400];
			copy_trimmed(m, sizeof(m), PQerrorMessage(db->c));
			log_msg("error", "postgresql: unavailable: %s", m);
		}
		db->failed_before = true;
		return ERR_UNAVAILABLE;
	}
	log_msg("info", "postgresql: reconnected");
	db->failed_before = false;
	clear_cache(db);
	return ERR_OK;
}

/* The error code for a failed result (and logs it once). */
static enum err result_error(struct pg_db *db, const PGresult *res, const char *what)
{
	if (is_down(db)) {
		if (!db->failed_before)
			log_msg("error", "postgresql: connection lost during %s", what);
		db->failed_before = true;
		return ERR_UNAVAILABLE;
	}
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	if (state && (!strcmp(state, "40001") || !strcmp(state, "40P01")))
		return ERR_BUSY; /* serialization failure, deadlock: retry the transaction */
	char m[400];
	copy_trimmed(m, sizeof(m), res ? PQresultErrorMessage(res) : PQerrorMessage(db->c));
	log_msg("error", "postgresql: %s: %s%s%s", what, m, state ? " SQLSTATE " : "", state ? state : "");
	return ERR_DB;
}

/* Waits for the statement db_send left running; returns its error. */
static enum err settle(struct pg_db *db)
{
	if (!db->pending)
		return ERR_OK;
	db->pending = false;
	enum err e = ERR_OK;
	PGresult *r;
	while ((r = PQgetResult(db->c))) {
		ExecStatusType st = PQresultStatus(r);
		if (!e && st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
			e = result_error(db, r, "execute");
		PQclear(r);
	}
	return e;
}

static void pg_close(struct db *d)
{
	struct pg_db *db = PG(d);
	clear_cache(db);
	stmt_cache_free(&db->cache);
	PQfinish(db->c);
	free(db);
}

enum err db_postgres_open(const char *conninfo, struct db **out, char *msg, size_t msglen)
{
	struct pg_db *db = xmalloc(sizeof(*db));
	memset(db, 0, sizeof(*db));
	db->base.ops = &postgres_ops;
	/* defaults first: settings in the caller's string win (expand_dbname) */
	const char *const keys[] = {"connect_timeout", "application_name", "options", "dbname", NULL};
	/* jit off: compiling a plan costs more than the service's statements run (a national
	 * survey's completion: 330 ms of JIT for 110 ms of work; docs/PERFORMANCE.md) */
	const char *const vals[] = {"5", "mathshubs", "-c client_min_messages=warning -c jit=off", conninfo, NULL};
	db->c = PQconnectdbParams(keys, vals, 1);
	if (!db->c) {
		snprintf(msg, msglen, "cannot connect to PostgreSQL: out of memory");
		free(db);
		return ERR_UNAVAILABLE;
	}
	if (PQstatus(db->c) != CONNECTION_OK) {
		char m[400];
		copy_trimmed(m, sizeof(m), PQerrorMessage(db->c));
		snprintf(msg, msglen, "cannot connect to PostgreSQL: %s", m);
		PQfinish(db->c);
		free(db);
		return ERR_UNAVAILABLE;
	}
	PQsetNoticeProcessor(db->c, on_notice, NULL);
	*out = &db->base;
	return ERR_OK;
}

static enum err run(struct pg_db *db, const char *sql)
{
	PGresult *r = PQexec(db->c, sql);
	ExecStatusType st = PQresultStatus(r);
	enum err e = ERR_OK;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
		e = result_error(db, r, "exec");
	PQclear(r);
	return e;
}

static enum err pg_exec(struct db *d, const char *sql)
{
	struct pg_db *db = PG(d);
	enum err e = settle(db);
	if (e)
		return e;
	if (PQtransactionStatus(db->c) == PQTRANS_IDLE && (e = ensure(db)))
		return e;
	return run(db, sql);
}

static enum err pg_begin(struct db *d, enum db_txn kind)
{
	struct pg_db *db = PG(d);
	enum err e = settle(db);
	if (!e)
		e = ensure(db);
	if (e)
		return e;
	const char *sql = kind == DB_WRITE ? "BEGIN ISOLATION LEVEL SERIALIZABLE"
					   : "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";
	e = run(db, sql);
	/* A connection lost while idle (the server restarted) still says
	 * CONNECTION_OK until it is used: BEGIN finds it out. Nothing has
	 * happened yet, so connect again once and begin, rather than answer
	 * 503 once per idle thread after the database is back. */
	if (e == ERR_UNAVAILABLE && !(e = ensure(db)))
		e = run(db, sql);
	return e;
}

static enum err pg_commit(struct db *d)
{
	enum err e = settle(PG(d));
	return e ? e : run(PG(d), "COMMIT");
}

static void pg_rollback(struct db *d)
{
	struct pg_db *db = PG(d);
	(void)settle(db); /* what failed has been logged; the transaction ends */
	if (!is_down(db) && PQtransactionStatus(db->c) != PQTRANS_IDLE)
		(void)run(db, "ROLLBACK");
}

/* Frees a name that PQprepare took for a statement that is then refused,
 * so the server holds nothing unused (the name itself is never reused). */
static void deallocate(struct pg_db *db, const char *name)
{
	char sql[48];
	snprintf(sql, sizeof(sql), "DEALLOCATE \"%s\"", name);
	PGresult *r = PQexec(db->c, sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) /* e.g. in a failed transaction */
		result_error(db, r, "deallocate");
	PQclear(r);
}

/* Prepares sql on the server as s->name and learns its parameter count. */
static enum err prepare_new(struct pg_db *db, struct pg_stmt *s, const char *sql)
{
	PGresult *r = PQprepare(db->c, s->name, sql, 0, NULL);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) { /* nothing was created */
		enum err e = result_error(db, r, "prepare");
		log_msg("error", "postgresql: in statement: %.200s", sql);
		PQclear(r);
		return e;
	}
	PQclear(r);
	r = PQdescribePrepared(db->c, s->name);
	enum err e = ERR_OK;
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		e = result_error(db, r, "describe");
	} else if (PQnparams(r) > MAX_PARAMS) {
		log_msg("error", "postgresql: %d parameters, more than %d, in statement: %.200s",
			PQnparams(r), MAX_PARAMS, sql);
		e = ERR_DB;
	} else {
		s->nparams = PQnparams(r);
		s->values = xmalloc(((size_t)s->nparams + 1) * sizeof(*s->values));
		memset(s->values, 0, ((size_t)s->nparams + 1) * sizeof(*s->values));
	}
	PQclear(r);
	if (e && !is_down(db))
		deallocate(db, s->name);
	return e;
}

static struct db_stmt *pg_prepare(struct db *d, const char *sql)
{
	struct pg_db *db = PG(d);
	if (settle(db))
		return NULL;
	if (PQtransactionStatus(db->c) == PQTRANS_IDLE && ensure(db))
		return NULL;
	struct pg_stmt *s = stmt_cache_get(&db->cache, sql);
	if (s) {
		clear_params(s);
		return &s->base;
	}
	s = xmalloc(sizeof(*s));
	memset(s, 0, sizeof(*s));
	snprintf(s->name, sizeof(s->name), "mh%lu", db->named++);
	if (prepare_new(db, s, sql)) {
		free(s);
		return NULL;
	}
	s->base.db = d;
	stmt_cache_put(&db->cache, sql, s);
	return &s->base;
}

static enum err set_param(struct pg_stmt *s, int idx, char *v)
{
	if (idx < 1 || idx > s->nparams) {
		free(v);
		log_msg("error", "postgresql: parameter $%d out of range (statement has %d)", idx, s->nparams);
		return ERR_DB;
	}
	free(s->values[idx - 1]);
	s->values[idx - 1] = v;
	return ERR_OK;
}

static enum err pg_bind_text(struct db_stmt *st, int idx, const char *v)
{
	return set_param(ST(st), idx, v ? xstrdup(v) : NULL);
}

static enum err pg_bind_int(struct db_stmt *st, int idx, int64_t v)
{
	char buf[24];
	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	return set_param(ST(st), idx, xstrdup(buf));
}

static enum err pg_bind_null(struct db_stmt *st, int idx)
{
	return set_param(ST(st), idx, NULL);
}

static int pg_step(struct db_stmt *st)
{
	struct pg_stmt *s = ST(st);
	struct pg_db *db = PG(st->db);
	if (!s->executed) {
		s->executed = true;
		s->res = PQexecPrepared(db->c, s->name, s->nparams, (const char *const *)s->values,
					NULL, NULL, 0);
		ExecStatusType rs = PQresultStatus(s->res);
		if (rs != PGRES_TUPLES_OK && rs != PGRES_COMMAND_OK) {
			enum err e = result_error(db, s->res, "execute");
			PQclear(s->res);
			s->res = NULL;
			return e;
		}
		s->nrows = PQntuples(s->res);
		s->row = -1;
	}
	if (!s->res || s->row + 1 >= s->nrows) {
		s->row = s->nrows;
		return 0;
	}
	s->row++;
	return 1;
}

static enum err pg_send(struct db_stmt *st)
{
	struct pg_stmt *s = ST(st);
	struct pg_db *db = PG(st->db);
	enum err e = settle(db);
	if (e)
		return e;
	if (!PQsendQueryPrepared(db->c, s->name, s->nparams, (const char *const *)s->values, NULL, NULL, 0))
		return result_error(db, NULL, "send");
	db->pending = true;
	return ERR_OK;
}

/* "INSERT INTO t (a, b) VALUES (...)" -> "COPY t (a, b) FROM STDIN", or NULL
 * when the statement is not of that plain form. */
static char *copy_of(const char *insert_sql)
{
	static const char head[] = "INSERT INTO ";
	if (strncmp(insert_sql, head, sizeof(head) - 1))
		return NULL;
	const char *target = insert_sql + sizeof(head) - 1, *close = strchr(target, ')');
	if (!strchr(target, '(') || !close || strncmp(close, ") VALUES (", 10))
		return NULL;
	size_t n = (size_t)(close - target) + 1;
	char *copy = xmalloc(n + 32);
	snprintf(copy, n + 32, "COPY %.*s FROM STDIN", (int)n, target);
	return copy;
}

/* One value in COPY's text format: \N for NULL, the characters COPY
 * reads as special escaped. */
static void copy_value(struct buf *b, const struct db_value *v)
{
	if (v->kind == DB_VALUE_INT) {
		buf_printf(b, "%lld", (long long)v->i);
		return;
	}
	if (v->kind != DB_VALUE_TEXT || !v->s) {
		buf_puts(b, "\\N");
		return;
	}
	const char *s = v->s;
	for (size_t k; *s; s += k) {
		k = strcspn(s, "\\\t\n\r");
		buf_append(b, s, k);
		if (!s[k])
			break;
		buf_putc(b, '\\');
		buf_putc(b, s[k] == '\t' ? 't' : s[k] == '\n' ? 'n' : s[k] == '\r' ? 'r' : '\\');
		k++;
	}
}

static enum err pg_insert_many(struct db *d, const char *insert_sql, const struct db_value *values, size_t nrows,
			       size_t ncols)
{
	struct pg_db *db = PG(d);
	enum err e = settle(db);
	if (e)
		return e;
	char *copy = copy_of(insert_sql);
	if (!copy) {
		log_msg("error", "postgresql: not a plain INSERT for db_insert_many: %.200s", insert_sql);
		return ERR_DB;
	}
	PGresult *r = PQexec(db->c, copy);
	free(copy);
	if (PQresultStatus(r) != PGRES_COPY_IN) {
		e = result_error(db, r, "copy");
		PQclear(r);
		return e;
	}
	PQclear(r);
	struct buf b = {0};
	for (size_t row = 0; row < nrows; row++) {
		for (size_t c = 0; c < ncols; c++) {
			if (c)
				buf_putc(&b, '\t');
			copy_value(&b, &values[row * ncols + c]);
		}
		buf_putc(&b, '\n');
	}
	int sent = b.len ? PQputCopyData(db->c, b.data, (int)b.len) : 1;
	buf_free(&b);
	if (sent != 1 || PQputCopyEnd(db->c, NULL) != 1)
		return result_error(db, NULL, "copy");
	db->pending = true; /* the server inserts them while the caller goes on: settle() collects the result */
	return ERR_OK;
}

static enum err pg_wait(struct db *d)
{
	return settle(PG(d));
}

static bool valid_cell(struct pg_stmt *s, int col)
{
	return s->res && s->row >= 0 && s->row < s->nrows && col >= 0 && col < PQnfields(s->res);
}

static const char *pg_col_text(struct db_stmt *st, int col)
{
	struct pg_stmt *s = ST(st);
	return valid_cell(s, col) ? PQgetvalue(s->res, s->row, col) : "";
}

static bool pg_col_is_null(struct db_stmt *st, int col)
{
	struct pg_stmt *s = ST(st);
	return !valid_cell(s, col) || PQgetisnull(s->res, s->row, col);
}

static int pg_col_count(struct db_stmt *st)
{
	struct pg_stmt *s = ST(st);
	return s->res ? PQnfields(s->res) : 0;
}

static const char *pg_col_name(struct db_stmt *st, int col)
{
	struct pg_stmt *s = ST(st);
	const char *n = s->res ? PQfname(s->res, col) : NULL;
	return n ? n : "";
}

static bool pg_is_down(struct db *d)
{
	return is_down(PG(d));
}

static const struct db_ops postgres_ops = {
	.dialect = "postgresql",
	.close = pg_close,
	.exec = pg_exec,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.prepare = pg_prepare,
	.bind_text = pg_bind_text,
	.bind_int = pg_bind_int,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.send = pg_send,
	.insert_many = pg_insert_many,
	.wait = pg_wait,
	.col_text = pg_col_text,
	.col_is_null = pg_col_is_null,
	.col_count = pg_col_count,
	.col_name = pg_col_name,
	.is_down = pg_is_down,
};
