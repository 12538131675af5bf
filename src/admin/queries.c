/* queries.c - see queries.h. All SQL of the admin capability lives here. */
#include "admin/queries.h"

#include <string.h>

#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "http/request.h"
#include "module.h"
#include "registry/registry.h"

/* Whom the list shows: everyone when $1 = 1 (a national scope), else those
 * with a role in one of up to 8 hubs ($2..$9, the hub scopes). A later kind
 * of scope (project, school, own) is one more OR here, with its parameters.
 * The filter of the list, its count, and its pages ($10 per page, from
 * $11), paged by person so that a person's roles are never cut. */
#define PEOPLE_WHERE                                                                                      \
	"($1 = 1 OR p.id IN (SELECT person_id FROM role_grants WHERE hub_id IN ($2, $3, $4, $5, $6, $7, $8, $9)))"
#define PEOPLE_PAGE "SELECT p.id FROM people p WHERE " PEOPLE_WHERE " ORDER BY p.name, p.id LIMIT $10 OFFSET $11"
static const char SQL_COUNT[] = "SELECT count(*) FROM people p WHERE " PEOPLE_WHERE;
static const char SQL_HOLDS[] = "SELECT count(*) FROM people p WHERE " PEOPLE_WHERE " AND p.id = $10";
static const char SQL_PAGE[] =
	"SELECT p.id, p.name, p.email, p.active, CASE WHEN p.password_hash IS NULL THEN 0 ELSE 1 END "
	"FROM people p WHERE p.id IN (" PEOPLE_PAGE ") ORDER BY p.name, p.id";
/* the roles of that page's people (same snapshot, same page) */
static const char SQL_PAGE_ROLES[] =
	"SELECT g.person_id, g.role, COALESCE(h.code, ''), COALESCE(pr.code, ''), COALESCE(g.school_urn, '') "
	"FROM role_grants g LEFT JOIN hubs h ON h.id = g.hub_id LEFT JOIN projects pr ON pr.id = g.project_id "
	"WHERE g.person_id IN (" PEOPLE_PAGE ") ORDER BY g.person_id, g.role, g.id";

static const char SQL_GRANTS[] =
	"SELECT g.id, g.role, COALESCE(h.code, ''), COALESCE(p.code, ''), COALESCE(g.school_urn, ''), g.granted_at, g.reason, "
	"COALESCE(g.hub_id, 0), COALESCE(g.project_id, 0), COALESCE(h.name, ''), g.phase "
	"FROM role_grants g LEFT JOIN hubs h ON h.id = g.hub_id LEFT JOIN projects p ON p.id = g.project_id "
	"WHERE g.person_id = $1 ORDER BY g.granted_at, g.id";
static const char SQL_DETAILS[] =
	"SELECT p.school_urn, COALESCE(s.name, ''), p.job_title, COALESCE(p.deactivated_at, 0), COALESCE(b.name, '') "
	"FROM people p LEFT JOIN schools s ON s.urn = p.school_urn LEFT JOIN people b ON b.id = p.deactivated_by WHERE p.id = $1";
static const char SQL_SET_DETAILS[] = "UPDATE people SET school_urn = $1, job_title = $2 WHERE id = $3";
/* an address held by no one else (checked by the caller; the unique
 * constraint too), then what was sent to the old address stops working */
static const char SQL_SET_EMAIL[] =
	"UPDATE people SET email = $1, email_code_hash = NULL, email_code_expires = 0 WHERE id = $2 "
	"AND NOT EXISTS (SELECT 1 FROM people o WHERE o.email = $1 AND o.id <> $2) RETURNING id";
static const char SQL_DEACTIVATE[] =
	"UPDATE people SET active = 0, deactivated_at = $1, deactivated_by = $2, email_code_hash = NULL, email_code_expires = 0 "
	"WHERE id = $3";
static const char SQL_REACTIVATE[] = "UPDATE people SET active = 1, deactivated_at = NULL, deactivated_by = NULL WHERE id = $1";
static const char SQL_REVOKE[] = "DELETE FROM role_grants WHERE id = $1 AND person_id = $2 RETURNING role";
static const char SQL_RESET_SIGN_IN[] =
	"UPDATE people SET password_hash = NULL, totp_secret = NULL, totp_last_step = 0, email_codes = 0, phone = NULL, "
	"phone_pending = NULL, email_code_hash = NULL, email_code_expires = 0, failed_attempts = 0, locked_until = 0 WHERE id = $1";
static const char SQL_RESET_CODES[] = "DELETE FROM recovery_codes WHERE person_id = $1";
static const char SQL_RESET_SESSIONS[] = "DELETE FROM sessions WHERE person_id = $1";
static const char SQL_RESET_LINKS[] = "UPDATE one_time_links SET used_at = $1 WHERE person_id = $2 AND used_at IS NULL";

static const char SQL_HUBS[] = "SELECT id, code, name FROM hubs ORDER BY code";
static const char SQL_PROJECTS[] =
	"SELECT p.id, p.code, p.title FROM projects p JOIN academic_years y ON y.id = p.academic_year_id "
	"ORDER BY y.starts_on DESC, p.code";
static const char SQL_GRANT[] =
	"INSERT INTO role_grants (person_id, role, hub_id, project_id, school_urn, granted_by, granted_at, reason) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id";

static const char SQL_HOLDS_GRANT[] =
	"SELECT count(*) FROM role_grants WHERE person_id = $1 AND role = $2 AND COALESCE(hub_id, 0) = $3 "
	"AND COALESCE(project_id, 0) = $4 AND COALESCE(school_urn, '') = $5";
static const char SQL_SCHOOL_JOB[] = "UPDATE people SET school_urn = $1, job_title = $2 WHERE id = $3";

static const char SQL_PEOPLE_MANY[] =
	"INSERT INTO people (email, name, active, created_at, school_urn, job_title, deactivated_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7)";
static const char SQL_PEOPLE_EACH[] = "SELECT id, email FROM people ORDER BY id";
static const char SQL_GRANTS_MANY[] =
	"INSERT INTO role_grants (person_id, role, hub_id, project_id, school_urn, granted_at, reason) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7)";
static const char SQL_GRANTS_EACH[] = "SELECT id, person_id, role FROM role_grants ORDER BY id";

static const char SQL_UPLOAD_PURGE[] = "DELETE FROM people_uploads WHERE expires_at <= $1";
static const char SQL_UPLOAD_INSERT[] =
	"INSERT INTO people_uploads (token_hash, session_hash, person_id, file_name, rows_json, created_at, expires_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7)";
static const char SQL_UPLOAD_LOAD[] =
	"SELECT file_name, rows_json, created_at, expires_at, COALESCE(used_at, 0) FROM people_uploads "
	"WHERE token_hash = $1 AND session_hash = $2 AND person_id = $3 AND expires_at > $4";
static const char SQL_UPLOAD_USE[] = "UPDATE people_uploads SET used_at = $1, rows_json = '' WHERE token_hash = $2";

static const char SQL_AUDIT[] =
	"SELECT a.at, COALESCE(p.email, ''), a.action, a.subject, a.ip, a.request_id, a.detail "
	"FROM audit_log a LEFT JOIN people p ON p.id = a.actor_id "
	"WHERE ($1 = '' OR p.email = $1) AND ($2 = '' OR a.action = $2) AND a.at >= $3 AND a.at < $4 "
	"ORDER BY a.at DESC, a.id DESC LIMIT $5";
static const char SQL_OUTBOX[] =
	"SELECT id, created_at, to_addr, subject, attempts, next_attempt_at, COALESCE(last_error, '') "
	"FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT 500";

/* ---- people ---- */

/* Binds the list's filter ($1..$9) and, with paged, its page ($10, $11). */
static struct db_stmt *list_stmt(struct db *db, const char *sql, const struct people_list *l, bool paged)
{
	/* other kinds of scope (project, school, own) list nobody more here yet */
	struct db_stmt *st = db_prepare(db, sql);
	if (!st || db_bind_int(st, 1, l->everyone))
		return NULL;
	for (int i = 0; i < PEOPLE_MAX_HUBS; i++)
		if ((size_t)i < l->nhubs ? db_bind_int(st, 2 + i, l->hubs[i]) : db_bind_null(st, 2 + i))
			return NULL;
	if (paged && (db_bind_int(st, 10, PEOPLE_PER_PAGE) || db_bind_int(st, 11, (l->page - 1) * PEOPLE_PER_PAGE)))
		return NULL;
	return st;
}

enum err people_list_holds(struct db *db, const struct people_list *l, int64_t person_id, bool *in)
{
	*in = false;
	struct db_stmt *st = list_stmt(db, SQL_HOLDS, l, false);
	int rc = !st || db_bind_int(st, 10, person_id) ? ERR_DB : db_step(st);
	if (rc == 1) {
		*in = db_col_int(st, 0) > 0;
		rc = db_step(st);
	}
	return rc < 0 ? (enum err)rc : rc == 0 ? ERR_OK : ERR_DB;
}

/* The page's people (l->rows), in the caller's read transaction. */
static enum err people_rows_read(struct db *db, struct people_list *l)
{
	struct arena *a = l->rq->arena;
	struct db_stmt *st = list_stmt(db, SQL_PAGE, l, true);
	if (!st)
		return ERR_DB;
	l->rows = arena_alloc(a, PEOPLE_PER_PAGE * sizeof(*l->rows));
	l->nrows = 0;
	int rc;
	while ((rc = db_step(st)) == 1 && l->nrows < PEOPLE_PER_PAGE)
		l->rows[l->nrows++] = (struct person_row){
			.id = db_col_int(st, 0), .name = arena_strdup(a, db_col_text(st, 1)), .email = arena_strdup(a, db_col_text(st, 2)),
			.active = db_col_int(st, 3) == 1, .set_up = db_col_int(st, 4) == 1};
	return rc < 0 ? (enum err)rc : ERR_OK;
}

/* Each row's roles, in the caller's read transaction. */
static enum err people_roles_read(struct db *db, struct people_list *l)
{
	struct arena *a = l->rq->arena;
	struct db_stmt *st = list_stmt(db, SQL_PAGE_ROLES, l, true);
	if (!st)
		return ERR_DB;
	size_t cap[PEOPLE_PER_PAGE] = {0};
	int rc;
	while ((rc = db_step(st)) == 1) {
		size_t i = 0;
		while (i < l->nrows && l->rows[i].id != db_col_int(st, 0))
			i++;
		enum role role;
		if (i == l->nrows || !role_from_key(db_col_text(st, 1), &role))
			continue;
		struct person_row *r = &l->rows[i];
		if (r->nroles == cap[i])
			r->roles = r->roles ? arena_grow(a, r->roles, r->nroles, cap[i] *= 2, sizeof(*r->roles))
					    : arena_alloc(a, (cap[i] = 4) * sizeof(*r->roles));
		const char *scope = grant_scope_text(l->rq, db_col_text(st, 2), db_col_text(st, 3), db_col_text(st, 4));
		r->roles[r->nroles++] = scope ? arena_printf(a, "%s (%s)", role_name(role), scope) : role_name(role);
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err people_read(struct db *db, void *ctx)
{
	struct people_list *l = ctx;
	l->nrows = 0;
	l->pages = 1;
	enum err e = ERR_OK;
	if (l->offer && (e = grant_offer_load(db, l->rq, l->offer)))
		return e;
	struct db_stmt *st = list_stmt(db, SQL_COUNT, l, false);
	if (!st)
		return ERR_DB;
	int rc = db_step(st);
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_DB;
	int64_t total = db_col_int(st, 0);
	if ((rc = db_step(st)) < 0)
		return (enum err)rc;
	l->pages = total ? (long)((total + PEOPLE_PER_PAGE - 1) / PEOPLE_PER_PAGE) : 1;
	if (l->page > l->pages)
		l->page = l->pages;
	return (e = people_rows_read(db, l)) ? e : people_roles_read(db, l);
}

/* ---- a person: their details and roles ---- */

/* The person's roles, in the caller's transaction. */
static enum err grants_read(struct db *db, struct person_subject *p)
{
	struct arena *a = p->rq->arena;
	struct db_stmt *st = db_prepare(db, SQL_GRANTS);
	if (!st || db_bind_int(st, 1, p->id))
		return ERR_DB;
	size_t cap = 8;
	p->grants = arena_alloc(a, cap * sizeof(*p->grants));
	p->ngrants = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		enum role r;
		if (!role_from_key(db_col_text(st, 1), &r))
			continue;
		if (p->ngrants == cap)
			p->grants = arena_grow(a, p->grants, p->ngrants, cap *= 2, sizeof(*p->grants));
		const char *scope = grant_scope_text(p->rq, db_col_text(st, 2), db_col_text(st, 3), db_col_text(st, 4));
		p->grants[p->ngrants++] = (struct grant_row){
			.id = db_col_int(st, 0), .role = r,
			.hub_id = db_col_int(st, 7), .project_id = db_col_int(st, 8),
			.urn = db_col_text(st, 4)[0] ? arena_strdup(a, db_col_text(st, 4)) : NULL,
			.hub_code = arena_strdup(a, db_col_text(st, 2)), .hub_name = arena_strdup(a, db_col_text(st, 9)),
			.scope = scope ? arena_strdup(a, scope) : NULL, /* a column's text lives until the next step */
			.phase = db_col_is_null(st, 10) ? NULL : arena_strdup(a, db_col_text(st, 10)),
			.granted_at = db_col_int(st, 5), .reason = arena_strdup(a, db_col_text(st, 6))};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

static enum err details_read(struct db *db, struct person_subject *p)
{
	struct arena *a = p->rq->arena;
	struct db_stmt *st = db_prepare(db, SQL_DETAILS);
	if (!st || db_bind_int(st, 1, p->id))
		return ERR_DB;
	int rc = db_step(st);
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_NOT_FOUND;
	p->details = (struct person_details){
		.school_urn = db_col_is_null(st, 0) ? NULL : arena_strdup(a, db_col_text(st, 0)),
		.school_name = arena_strdup(a, db_col_text(st, 1)), .job_title = arena_strdup(a, db_col_text(st, 2)),
		.deactivated_at = db_col_int(st, 3), .deactivated_by = arena_strdup(a, db_col_text(st, 4))};
	rc = db_step(st);
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err person_subject_load(struct db *db, struct person_subject *s)
{
	s->ngrants = 0;
	enum err e = person_by_id(db, s->rq->arena, s->id, &s->person);
	if (!e)
		e = details_read(db, s);
	return e ? e : grants_read(db, s);
}

enum err person_subject_read(struct db *db, void *ctx)
{
	return person_subject_load(db, ctx);
}

enum err person_page_read(struct db *db, void *ctx)
{
	struct person_page *p = ctx;
	p->nparts = 0;
	enum err e = person_subject_load(db, &p->s);
	struct person_details *d = &p->s.details;
	if (!e && d->school_urn) {
		d->school = arena_alloc(p->s.rq->arena, sizeof(*d->school));
		if ((e = school_ref_read(db, p->s.rq->arena, d->school_urn, d->school)) == ERR_NOT_FOUND)
			e = ERR_OK; /* a URN the register does not hold: shown as it is */
	}
	if (!e && p->with_offer)
		e = grant_offer_load(db, p->s.rq, &p->offer);
	size_t n;
	const struct person_part *parts = module_person_parts(&n);
	p->parts = arena_alloc(p->s.rq->arena, (n + 1) * sizeof(*p->parts));
	for (size_t i = 0; !e && i < n; i++, p->nparts++)
		e = parts[i].read(db, p->s.rq, p->s.id, &p->parts[i]);
	return e;
}


enum err person_details_set(struct db *db, int64_t id, const char *urn, const char *job_title)
{
	return db_run(db, SQL_SET_DETAILS, DB_S(urn), DB_S(job_title), DB_I(id));
}

enum err person_email_set(struct db *db, int64_t id, const char *email, int64_t now)
{
	struct db_stmt *st = db_prepare(db, SQL_SET_EMAIL);
	if (!st || db_bind_text(st, 1, email) || db_bind_int(st, 2, id))
		return ERR_DB;
	int rc = db_step(st);
	if (rc < 0)
		return (enum err)rc;
	if (rc == 0)
		return ERR_CONFLICT; /* someone else holds it */
	if ((rc = db_step(st)) < 0)
		return (enum err)rc;
	return db_run(db, SQL_RESET_LINKS, DB_I(now), DB_I(id));
}

enum err person_deactivate(struct db *db, int64_t id, int64_t by, int64_t now)
{
	enum err e;
	if ((e = db_run(db, SQL_DEACTIVATE, DB_I(now), DB_I(by), DB_I(id))) || (e = db_run(db, SQL_RESET_SESSIONS, DB_I(id))))
		return e;
	return db_run(db, SQL_RESET_LINKS, DB_I(now), DB_I(id));
}

enum err person_reactivate(struct db *db, int64_t id)
{
	return db_run(db, SQL_REACTIVATE, DB_I(id));
}

static enum err load(struct db *db, const struct req *rq, const char *sql, struct grant_opt **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return ERR_DB;
	size_t cap = 64;
	*out = arena_alloc(rq->arena, cap * sizeof(**out));
	*n = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		if (*n == cap) {
			*out = arena_grow(rq->arena, *out, *n, cap * 2, sizeof(**out));
			cap *= 2;
		}
		(*out)[(*n)++] = (struct grant_opt){db_col_int(st, 0), arena_strdup(rq->arena, db_col_text(st, 1)),
						    arena_strdup(rq->arena, db_col_text(st, 2))};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err grant_offer_load(struct db *db, const struct req *rq, struct grant_offer *o)
{
	enum err e = load(db, rq, SQL_HUBS, &o->hubs, &o->nhubs);
	return e ? e : load(db, rq, SQL_PROJECTS, &o->projects, &o->nprojects);
}

enum err grant_insert(struct db *db, const struct req *rq, int64_t person_id, const struct role_choice *c,
		      const char *reason)
{
	struct db_stmt *st = db_prepare(db, SQL_GRANT);
	if (!st || db_bind_int(st, 1, person_id) || db_bind_text(st, 2, role_key(c->g.role)) ||
	    (c->g.hub_id ? db_bind_int(st, 3, c->g.hub_id) : db_bind_null(st, 3)) ||
	    (c->g.project_id ? db_bind_int(st, 4, c->g.project_id) : db_bind_null(st, 4)) ||
	    (c->g.school_urn ? db_bind_text(st, 5, c->g.school_urn) : db_bind_null(st, 5)) ||
	    db_bind_int(st, 6, rq->session->person_id) || db_bind_int(st, 7, clock_now()) || db_bind_text(st, 8, reason))
		return ERR_DB;
	int rc = db_step(st);
	if (rc < 0)
		return (enum err)rc;
	if (rc == 0)
		return ERR_CONFLICT; /* they have it already (role_grants_once) */
	if ((rc = db_step(st)) < 0)
		return (enum err)rc;
	return audit(db, rq, rq->session->person_id, "role_granted", arena_printf(rq->arena, "person:%lld", (long long)person_id),
		     arena_printf(rq->arena, "%s%s%s: %s", role_key(c->g.role), c->scope[0] ? " " : "", c->scope, reason));
}

enum err grant_revoke(struct db *db, struct arena *a, int64_t grant_id, int64_t person_id, const char **role)
{
	struct db_stmt *st = db_prepare(db, SQL_REVOKE);
	if (!st || db_bind_int(st, 1, grant_id) || db_bind_int(st, 2, person_id))
		return ERR_DB;
	int rc = db_step(st);
	if (rc < 0)
		return (enum err)rc;
	if (rc == 0)
		return ERR_NOT_FOUND;
	*role = arena_strdup(a, db_col_text(st, 0));
	db_step(st);
	return ERR_OK;
}

enum err person_sign_in_reset(struct db *db, int64_t person_id, int64_t now)
{
	enum err e;
	if ((e = db_run(db, SQL_RESET_SIGN_IN, DB_I(person_id))) || (e = db_run(db, SQL_RESET_CODES, DB_I(person_id))) ||
	    (e = db_run(db, SQL_RESET_SESSIONS, DB_I(person_id))))
		return e;
	return db_run(db, SQL_RESET_LINKS, DB_I(now), DB_I(person_id));
}

/* The number the statement st (bound) gives, into *n. */
static enum err one_count(struct db_stmt *st, int64_t *n)
{
	int rc = db_step(st);
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_DB;
	*n = db_col_int(st, 0);
	return (rc = db_step(st)) < 0 ? (enum err)rc : ERR_OK;
}

enum err person_holds_grant(struct db *db, int64_t person_id, const struct grant *g, bool *has)
{
	*has = false;
	struct db_stmt *st = db_prepare(db, SQL_HOLDS_GRANT);
	int64_t n = 0;
	if (!st || db_bind_int(st, 1, person_id) || db_bind_text(st, 2, role_key(g->role)) || db_bind_int(st, 3, g->hub_id) ||
	    db_bind_int(st, 4, g->project_id) || db_bind_text(st, 5, g->school_urn ? g->school_urn : ""))
		return ERR_DB;
	enum err e = one_count(st, &n);
	*has = n > 0;
	return e;
}

enum err person_set_school_job(struct db *db, int64_t person_id, const char *urn, const char *job_title)
{
	return db_run(db, SQL_SCHOOL_JOB, urn && urn[0] ? DB_S(urn) : DB_NULL, DB_S(job_title ? job_title : ""), DB_I(person_id));
}

/* ---- uploads of people ---- */

enum err upload_purge(struct db *db, int64_t now)
{
	return db_run(db, SQL_UPLOAD_PURGE, DB_I(now));
}

enum err upload_insert(struct db *db, const char *token_hash, const char *session_hash, int64_t person_id,
		       const char *file_name, const char *rows_json, int64_t now, int64_t expires_at)
{
	return db_run(db, SQL_UPLOAD_INSERT, DB_S(token_hash), DB_S(session_hash), DB_I(person_id), DB_S(file_name),
		      DB_S(rows_json), DB_I(now), DB_I(expires_at));
}

enum err upload_load(struct db *db, struct arena *a, const char *token_hash, const char *session_hash, int64_t person_id,
		     int64_t now, struct upload_stored *u)
{
	struct db_stmt *st = db_prepare(db, SQL_UPLOAD_LOAD);
	if (!st || db_bind_text(st, 1, token_hash) || db_bind_text(st, 2, session_hash) || db_bind_int(st, 3, person_id) ||
	    db_bind_int(st, 4, now))
		return ERR_DB;
	int rc = db_step(st);
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_NOT_FOUND;
	*u = (struct upload_stored){.file_name = arena_strdup(a, db_col_text(st, 0)), .rows_json = arena_strdup(a, db_col_text(st, 1)),
				    .created_at = db_col_int(st, 2), .expires_at = db_col_int(st, 3), .used_at = db_col_int(st, 4)};
	return (rc = db_step(st)) < 0 ? (enum err)rc : ERR_OK;
}

enum err upload_use(struct db *db, const char *token_hash, int64_t now)
{
	return db_run(db, SQL_UPLOAD_USE, DB_I(now), DB_S(token_hash));
}

/* ---- the audit log ---- */

enum err audit_read(struct db *db, void *ctx)
{
	struct audit_entries *e = ctx;
	e->n = 0;
	struct db_stmt *st = db_prepare(db, SQL_AUDIT);
	if (!st || db_bind_text(st, 1, e->email) || db_bind_text(st, 2, e->action) || db_bind_int(st, 3, e->from_t) ||
	    db_bind_int(st, 4, e->to_t) || db_bind_int(st, 5, e->limit))
		return ERR_DB;
	size_t cap = 64;
	e->rows = arena_alloc(e->a, cap * sizeof(*e->rows));
	int rc;
	while ((rc = db_step(st)) == 1) {
		if (e->n == cap)
			e->rows = arena_grow(e->a, e->rows, e->n, cap *= 2, sizeof(*e->rows));
		const char *c[7];
		for (int k = 1; k < 7; k++)
			c[k] = arena_strdup(e->a, db_col_text(st, k));
		e->rows[e->n++] = (struct audit_row){db_col_int(st, 0), c[1], c[2], c[3], c[4], c[5], c[6]};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

/* ---- undelivered mail ---- */

enum err outbox_read(struct db *db, void *ctx)
{
	struct outbox_view *v = ctx;
	v->n = 0;
	struct db_stmt *st = db_prepare(db, SQL_OUTBOX);
	if (!st)
		return ERR_DB;
	size_t cap = 16;
	v->rows = arena_alloc(v->a, cap * sizeof(*v->rows));
	int rc;
	while ((rc = db_step(st)) == 1) {
		if (v->n == cap)
			v->rows = arena_grow(v->a, v->rows, v->n, cap *= 2, sizeof(*v->rows));
		v->rows[v->n++] = (struct outbox_row){
			.created_at = db_col_int(st, 1), .next_attempt_at = db_col_int(st, 5),
			.to = arena_strdup(v->a, db_col_text(st, 2)), .subject = arena_strdup(v->a, db_col_text(st, 3)),
			.attempts = arena_strdup(v->a, db_col_text(st, 4)), .last_error = arena_strdup(v->a, db_col_text(st, 6))};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err people_insert_many(struct db *db, const struct db_value *values, size_t n)
{
	return db_insert_many(db, SQL_PEOPLE_MANY, values, n, PEOPLE_MANY_COLUMNS);
}

enum err people_each(struct db *db, void (*fn)(void *ctx, int64_t id, const char *email), void *ctx)
{
	struct db_stmt *st = db_prepare(db, SQL_PEOPLE_EACH);
	if (!st)
		return ERR_DB;
	int rc;
	while ((rc = db_step(st)) == 1)
		fn(ctx, db_col_int(st, 0), db_col_text(st, 1));
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err grants_insert_many(struct db *db, const struct db_value *values, size_t n)
{
	return db_insert_many(db, SQL_GRANTS_MANY, values, n, GRANTS_MANY_COLUMNS);
}

enum err grants_each(struct db *db, void (*fn)(void *ctx, int64_t id, int64_t person_id, const char *role), void *ctx)
{
	struct db_stmt *st = db_prepare(db, SQL_GRANTS_EACH);
	if (!st)
		return ERR_DB;
	int rc;
	while ((rc = db_step(st)) == 1)
		fn(ctx, db_col_int(st, 0), db_col_int(st, 1), db_col_text(st, 2));
	return rc < 0 ? (enum err)rc : ERR_OK;
}
