/* school_queries.c - see school_queries.h: the search, a school, a trust.
 * (A hub's schools: hub_queries.c.) */
#include "registry/school_queries.h"

#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/rows.h"
#include "module.h"
#include "registry/registry.h"
#include "registry/rows.h"

/* School s (with its local authority l) is outside England: a Welsh local
 * authority (660 to 689) or an overseas or offshore one (700 to 708), or
 * GIAS's region or the authority's says Wales ("Wales (pseudo)"). */
#define OUTSIDE_ENGLAND(s, l)                                                                        \
	"CASE WHEN (length(" s ".la_code) = 3 AND (" s ".la_code BETWEEN '660' AND '689' OR "        \
	s ".la_code BETWEEN '700' AND '708')) OR " s ".region LIKE 'Wales%' OR " l ".region = 'Wales' " \
	"THEN 1 ELSE 0 END"

/* What struct school_row holds (rows.c reads it), from schools s, with
 * local_authorities l, trusts t and hubs h joined. The hub is the
 * school_hubs view's (the school's own exception o, else its local
 * authority's a), written as joins by key: the view in a correlated
 * subquery cost PostgreSQL a hash join of every hub area per school. */
#define ROW_COLUMNS                                                                                  \
	"s.urn, s.name, s.phase, s.type, s.status, s.town, s.postcode, COALESCE(s.la_code, ''), "   \
	"COALESCE(l.name, ''), COALESCE(t.name, ''), s.open_date, s.close_date, h.code, h.name, " \
	"CASE WHEN o.urn IS NOT NULL THEN 0 ELSE COALESCE(a.demo, 0) END, " OUTSIDE_ENGLAND("s", "l") ", s.type_group "
#define ROW_JOINS                                                                                  \
	"LEFT JOIN local_authorities l ON l.code = s.la_code LEFT JOIN trusts t ON t.id = s.trust_id " \
	"LEFT JOIN school_hub_overrides o ON o.urn = s.urn LEFT JOIN hub_areas a ON a.la_code = s.la_code " \
	"LEFT JOIN hubs h ON h.id = COALESCE(o.hub_id, a.hub_id) "

/* Open schools first (and those proposed to close, which are still open),
 * then those proposed to open, then closed ones. */
#define STATUS_ORDER(s) \
	"CASE " s ".status WHEN 'closed' THEN 2 WHEN 'proposed_to_open' THEN 1 ELSE 0 END"

static const char SQL_SEARCH_COUNT[] = "SELECT count(*) FROM school_search_fts($1)";
/* The page of URNs first (the order needs only the index, the status and
 * the name's words; total counts every match, before the LIMIT), then what
 * the page shows of each. */
static const char SQL_SEARCH[] =
	"SELECT " ROW_COLUMNS ", p.total FROM ("
	"SELECT x.urn AS urn, "
	"CASE WHEN x.urn = $2 OR x.postcode_key = $3 THEN 0 ELSE 1 END AS k1, "
	STATUS_ORDER("s") " AS k2, "
	"CASE WHEN substr(x.name_key, 1, length(CAST($4 AS TEXT))) = $4 THEN 0 ELSE 1 END AS k3, "
	"x.name_key AS k4, count(*) OVER () AS total "
	"FROM school_search x JOIN schools s ON s.urn = x.urn "
	"WHERE x.id IN (SELECT rowid FROM school_search_fts($1)) "
	"ORDER BY k1, k2, k3, k4, x.urn LIMIT $5 OFFSET $6) p "
	"JOIN schools s ON s.urn = p.urn " ROW_JOINS
	"ORDER BY p.k1, p.k2, p.k3, p.k4, p.urn";

static const char SQL_SCHOOL[] =
	"SELECT s.urn, s.name, COALESCE(s.la_code, ''), COALESCE(l.name, ''), s.type, s.type_group, s.phase, "
	"s.status, s.open_date, s.open_reason, s.close_date, s.close_reason, COALESCE(s.low_age, -1), "
	"COALESCE(s.high_age, -1), COALESCE(s.pupils, -1), COALESCE(s.trust_id, 0), COALESCE(t.name, ''), "
	"COALESCE(t.code, ''), s.street, s.locality, s.address3, s.town, s.county, s.postcode, s.website, "
	"s.telephone, s.region, s.gias_changed_on, COALESCE(v.hub_id, 0), h.code, h.name, v.demo, v.overridden, "
	OUTSIDE_ENGLAND("s", "l") " "
	"FROM school_hubs v JOIN schools s ON s.urn = v.urn "
	"LEFT JOIN local_authorities l ON l.code = s.la_code LEFT JOIN trusts t ON t.id = s.trust_id "
	"LEFT JOIN hubs h ON h.id = v.hub_id WHERE v.urn = $1";

/* The chain of successors ($2 = 'Successor') or predecessors ($2 =
 * 'Predecessor') of school $1, through every link either way round: GIAS
 * writes "B is A's successor" on A's row and "A is B's predecessor" on B's,
 * and a file may hold one without the other. UNION drops a repeated
 * (school, depth); the depth bound ends a cycle. Each school once, at its
 * nearest. */
static const char SQL_CHAIN[] =
	"WITH RECURSIVE chain (urn, depth) AS ("
	"SELECT CAST($1 AS TEXT), 0 UNION "
	"SELECT CASE WHEN k.urn = c.urn THEN k.link_urn ELSE k.urn END, c.depth + 1 "
	"FROM chain c JOIN school_links k "
	"ON (k.urn = c.urn AND substr(k.link_type, 1, length(CAST($2 AS TEXT))) = $2) "
	"OR (k.link_urn = c.urn AND substr(k.link_type, 1, length(CAST($3 AS TEXT))) = $3) "
	"WHERE c.depth < 30) "
	"SELECT c.urn, min(c.depth), COALESCE(s.name, (SELECT max(k.link_name) FROM school_links k "
	"WHERE k.link_urn = c.urn), ''), COALESCE(s.status, ''), s.close_date, "
	"CASE WHEN s.urn IS NULL THEN 0 ELSE 1 END "
	"FROM chain c LEFT JOIN schools s ON s.urn = c.urn WHERE c.urn <> $1 "
	"GROUP BY c.urn, s.name, s.status, s.close_date, s.urn ORDER BY min(c.depth), c.urn";

/* The school's other links (a sixth form centre, "Result of Amalgamation"). */
static const char SQL_OTHER_LINKS[] =
	"SELECT k.link_urn, COALESCE(s.name, k.link_name), COALESCE(s.status, ''), s.close_date, "
	"k.link_type, k.linked_on, CASE WHEN s.urn IS NULL THEN 0 ELSE 1 END "
	"FROM school_links k LEFT JOIN schools s ON s.urn = k.link_urn "
	"WHERE k.urn = $1 AND substr(k.link_type, 1, 9) <> 'Successor' "
	"AND substr(k.link_type, 1, 11) <> 'Predecessor' ORDER BY k.linked_on, k.link_urn";

/* One school as a list shows it. */
static const char SQL_ROW[] = "SELECT " ROW_COLUMNS "FROM schools s " ROW_JOINS "WHERE s.urn = $1";
static const char SQL_EXISTS[] = "SELECT name, status FROM schools WHERE urn = $1";
static const char SQL_TRUST[] = "SELECT name, COALESCE(code, '') FROM trusts WHERE id = $1";
static const char SQL_TRUST_SCHOOLS[] =
	"SELECT " ROW_COLUMNS "FROM schools s " ROW_JOINS "WHERE s.trust_id = $1 "
	"ORDER BY " STATUS_ORDER("s") ", s.name, s.urn";

const char *school_status_label(const char *status)
{
	if (!strcmp(status, "open"))
		return "Open";
	if (!strcmp(status, "closed"))
		return "Closed";
	if (!strcmp(status, "open_proposed_to_close"))
		return "Open, but proposed to close";
	if (!strcmp(status, "proposed_to_open"))
		return "Proposed to open";
	return status;
}

static enum err search_count(struct db *db, struct school_search *s)
{
	struct db_stmt *st = db_prepare(db, SQL_SEARCH_COUNT);
	if (!st || db_bind_text(st, 1, s->q.match))
		return ERR_DB;
	int rc = db_step(st);
	if (rc == 1)
		s->total = db_col_int(st, 0);
	while (rc == 1)
		rc = db_step(st);
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err school_search_read(struct db *db, void *ctx)
{
	struct school_search *s = ctx;
	s->total = 0;
	s->rows = NULL;
	s->n = 0;
	struct db_stmt *st = db_prepare(db, SQL_SEARCH);
	if (!st || db_bind_text(st, 1, s->q.match) || db_bind_text(st, 2, s->q.urn ? s->q.urn : "") ||
	    db_bind_text(st, 3, s->q.compact) || db_bind_text(st, 4, s->q.folded) ||
	    db_bind_int(st, 5, s->page_size) || db_bind_int(st, 6, (s->page - 1) * s->page_size))
		return ERR_DB;
	enum err e = rows_read_counted(st, s->a, &s->rows, &s->n, &s->total);
	if (e || s->n || s->page == 1)
		return e;
	return search_count(db, s); /* a page past the last: how many there are */
}

static enum err read_links(struct db_stmt *st, struct arena *a, bool chain, struct school_link **out, size_t *n)
{
	size_t cap = 8, k = 0;
	struct school_link *v = arena_alloc(a, cap * sizeof(*v));
	int rc;
	while ((rc = db_step(st)) == 1) {
		if (k == cap)
			v = arena_grow(a, v, k, cap *= 2, sizeof(*v));
		struct school_link *l = &v[k++];
		l->urn = arena_strdup(a, db_col_text(st, 0));
		if (chain) {
			l->depth = (int)db_col_int(st, 1);
			l->name = arena_strdup(a, db_col_text(st, 2));
			l->status = arena_strdup(a, db_col_text(st, 3));
			l->close_date = db_col_is_null(st, 4) ? NULL : arena_strdup(a, db_col_text(st, 4));
			l->known = db_col_int(st, 5) != 0;
		} else {
			l->depth = 1;
			l->name = arena_strdup(a, db_col_text(st, 1));
			l->status = arena_strdup(a, db_col_text(st, 2));
			l->close_date = db_col_is_null(st, 3) ? NULL : arena_strdup(a, db_col_text(st, 3));
			l->link_type = arena_strdup(a, db_col_text(st, 4));
			l->linked_on = db_col_is_null(st, 5) ? NULL : arena_strdup(a, db_col_text(st, 5));
			l->known = db_col_int(st, 6) != 0;
		}
	}
	*out = v;
	*n = k;
	return rc < 0 ? (enum err)rc : ERR_OK;
}

static enum err chain(struct db *db, struct arena *a, const char *urn, bool successors, struct school_link **out,
		      size_t *n)
{
	struct db_stmt *st = db_prepare(db, SQL_CHAIN);
	if (!st || db_bind_text(st, 1, urn) || db_bind_text(st, 2, successors ? "Successor" : "Predecessor") ||
	    db_bind_text(st, 3, successors ? "Predecessor" : "Successor"))
		return ERR_DB;
	return read_links(st, a, true, out, n);
}

enum err school_lineage(struct db *db, struct arena *a, const char *urn, bool want_successors,
			struct school_lineage *out)
{
	*out = (struct school_lineage){0};
	enum err e = chain(db, a, urn, false, &out->predecessors, &out->npredecessors);
	if (!e && want_successors)
		e = chain(db, a, urn, true, &out->successors, &out->nsuccessors);
	return e;
}

static void read_school(struct db_stmt *st, struct arena *a, struct school *s)
{
	int c = 0;
	const char **text[] = {&s->urn, &s->name, &s->la_code, &s->la_name, &s->type, &s->type_group, &s->phase,
			       &s->status};
	for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++, c++)
		*text[i] = arena_strdup(a, db_col_text(st, c));
	s->open_date = db_col_text_or_null(a, st, c++);
	s->open_reason = arena_strdup(a, db_col_text(st, c++));
	s->close_date = db_col_text_or_null(a, st, c++);
	s->close_reason = arena_strdup(a, db_col_text(st, c++));
	s->low_age = db_col_int(st, c++);
	s->high_age = db_col_int(st, c++);
	s->pupils = db_col_int(st, c++);
	s->trust_id = db_col_int(st, c++);
	const char **more[] = {&s->trust_name, &s->trust_code, &s->street, &s->locality, &s->address3, &s->town,
			       &s->county, &s->postcode, &s->website, &s->telephone, &s->region};
	for (size_t i = 0; i < sizeof(more) / sizeof(more[0]); i++, c++)
		*more[i] = arena_strdup(a, db_col_text(st, c));
	s->gias_changed_on = db_col_text_or_null(a, st, c++);
	s->hub_id = db_col_int(st, c++);
	s->hub_code = db_col_text_or_null(a, st, c++);
	s->hub_name = db_col_text_or_null(a, st, c++);
	s->hub_demo = db_col_int(st, c++) != 0;
	s->hub_overridden = db_col_int(st, c++) != 0;
	s->outside_england = db_col_int(st, c++) != 0;
}

enum err school_lookup_read(struct db *db, void *ctx)
{
	struct school_lookup *l = ctx;
	struct school *s = &l->school;
	*s = (struct school){0};
	struct db_stmt *st = db_prepare(db, SQL_SCHOOL);
	if (!st || db_bind_text(st, 1, l->urn))
		return ERR_DB;
	int rc = db_step(st);
	if (rc == 1)
		read_school(st, l->a, s);
	enum err e = rc < 0 ? (enum err)rc : rc == 0 ? ERR_NOT_FOUND : ERR_OK;
	while (rc == 1)
		rc = db_step(st);
	if (!e && rc < 0)
		e = (enum err)rc;
	struct school_lineage line;
	if (!e && !(e = school_lineage(db, l->a, l->urn, true, &line))) {
		s->predecessors = line.predecessors, s->npredecessors = line.npredecessors;
		s->successors = line.successors, s->nsuccessors = line.nsuccessors;
	}
	if (!e) {
		st = db_prepare(db, SQL_OTHER_LINKS);
		if (!st || db_bind_text(st, 1, l->urn))
			return ERR_DB;
		e = read_links(st, l->a, false, &s->others, &s->nothers);
	}
	/* the capabilities' parts of the page (module.h), for a page, not the API */
	l->nparts = 0;
	if (!e && l->rq) {
		size_t n;
		const struct school_part *parts = module_school_parts(&n);
		l->parts = arena_alloc(l->a, (n + 1) * sizeof(*l->parts));
		for (size_t i = 0; !e && i < n; i++, l->nparts++)
			e = parts[i].read(db, l->rq, s->urn, s->hub_id, &l->parts[i]);
	}
	return e;
}

/* The latest open school of a successors' chain (the first by URN of
 * several as far), in the register, or NULL. */
static const struct school_link *open_today(const struct school_link *v, size_t n)
{
	const struct school_link *best = NULL;
	for (size_t i = 0; i < n; i++)
		if (v[i].known && strcmp(v[i].status, "closed") && (!best || v[i].depth > best->depth))
			best = &v[i];
	return best;
}

/* What replaced closed school urn: the first school that replaced it
 * directly (by URN), and the school open in its place today (open_today);
 * each NULL when GIAS records none. Find your Maths Hub and a person's
 * closed school (school_ref_read) say these. */
static enum err replaced_by(struct db *db, struct arena *a, const char *urn, const struct school_link **direct,
			    const struct school_link **today)
{
	struct school_link *links;
	size_t n;
	*direct = *today = NULL;
	enum err e = chain(db, a, urn, true, &links, &n);
	if (e)
		return e;
	for (size_t i = 0; i < n && !*direct; i++)
		if (links[i].depth == 1)
			*direct = &links[i];
	*today = open_today(links, n);
	return ERR_OK;
}

enum err hub_finder_read(struct db *db, void *ctx)
{
	struct hub_finder *f = ctx;
	struct school_search *s = f->s;
	f->one = false;
	f->direct = NULL;
	f->successor = NULL;
	f->successor_depth = 0;
	enum err e = school_search_read(db, s);
	if (e)
		return e;
	f->one = s->total == 1 || (s->q.picked && s->n && !strcmp(s->rows[0].urn, s->q.urn));
	if (!f->one || !s->n || strcmp(s->rows[0].status, "closed"))
		return ERR_OK;
	const struct school_link *now;
	if ((e = replaced_by(db, s->a, s->rows[0].urn, &f->direct, &now)))
		return e;
	if (!now)
		return ERR_OK;
	struct db_stmt *st = db_prepare(db, SQL_ROW);
	if (!st || db_bind_text(st, 1, now->urn))
		return ERR_DB;
	size_t n;
	if ((e = rows_read(st, s->a, &f->successor, &n)))
		return e;
	if (!n)
		f->successor = NULL;
	else
		f->successor_depth = now->depth;
	return ERR_OK;
}

enum err trust_lookup_read(struct db *db, void *ctx)
{
	struct trust_lookup *t = ctx;
	t->rows = NULL;
	t->n = 0;
	struct db_stmt *st = db_prepare(db, SQL_TRUST);
	if (!st || db_bind_int(st, 1, t->id))
		return ERR_DB;
	int rc = db_step(st);
	if (rc == 1) {
		t->name = arena_strdup(t->a, db_col_text(st, 0));
		t->code = arena_strdup(t->a, db_col_text(st, 1));
	}
	enum err e = rc < 0 ? (enum err)rc : rc == 0 ? ERR_NOT_FOUND : ERR_OK;
	while (rc == 1)
		rc = db_step(st);
	if (e)
		return e;
	st = db_prepare(db, SQL_TRUST_SCHOOLS);
	if (!st || db_bind_int(st, 1, t->id))
		return ERR_DB;
	return rows_read(st, t->a, &t->rows, &t->n);
}

enum err school_named(struct db *db, struct arena *a, const char *urn, const char **name, bool *closed)
{
	struct db_stmt *st = db_prepare(db, SQL_EXISTS);
	if (!st || db_bind_text(st, 1, urn))
		return ERR_DB;
	int rc = db_step(st);
	enum err e = rc < 0 ? (enum err)rc : rc == 0 ? ERR_NOT_FOUND : ERR_OK;
	if (rc == 1) {
		if (name)
			*name = arena_strdup(a, db_col_text(st, 0));
		if (closed)
			*closed = !strcmp(db_col_text(st, 1), "closed");
	}
	while (rc == 1)
		rc = db_step(st);
	return e;
}

enum err school_ref_read(struct db *db, struct arena *a, const char *urn, struct school_ref *r)
{
	*r = (struct school_ref){.urn = arena_strdup(a, urn), .name = ""};
	enum err e = school_named(db, a, urn, &r->name, &r->closed);
	if (e || !r->closed)
		return e;
	return replaced_by(db, a, urn, &r->successor, &r->today);
}

enum err school_exists(struct db *db, const char *urn)
{
	return school_named(db, NULL, urn, NULL, NULL);
}

enum err school_find_one(struct db *db, struct arena *a, const char *typed, const char **urn, int64_t *matches)
{
	*urn = NULL;
	*matches = 0;
	struct school_search s = {.a = a, .page = 1, .page_size = 2};
	if (!search_query_parse(a, typed, &s.q) || !s.q.nwords)
		return ERR_OK;
	enum err e = school_search_read(db, &s);
	if (e)
		return e;
	*matches = s.total;
	if (s.total == 1)
		*urn = s.rows[0].urn;
	return ERR_OK;
}
