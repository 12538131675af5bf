/* queries.c - see queries.h. All SQL of the team capability lives here. */
#include "team/queries.h"

#include <string.h>

#include "auth/session.h"
#include "core/arena.h"
#include "db/db.h"
#include "db/rows.h"
#include "http/request.h"
#include "registry/registry.h"

/* Who is an active LLME of hub $1 in academic year $2: someone (not
 * deactivated) who holds a designation in that hub that year. This is the
 * one definition of "active": the count, the list's marks and the words on
 * the team page (views.c) follow it. When activities exist, the people who
 * lead one of the hub's activities that year join it here (a UNION). */
#define TEAM_ACTIVE_SQL                                                                                   \
	"SELECT d.person_id FROM llme_designations d JOIN people ap ON ap.id = d.person_id "              \
	"WHERE ap.active = 1 AND d.hub_id = $1 AND d.academic_year = $2"
/* The hub's LLMEs the team page lists: those with its LLME role, and
 * anyone active in it this year (not deactivated). */
#define TEAM_LLMES_SQL                                                                                    \
	"SELECT lp.id FROM people lp WHERE lp.active = 1 AND (lp.id IN "                                   \
	"(SELECT person_id FROM role_grants WHERE hub_id = $1 AND role = 'llme') OR lp.id IN (" TEAM_ACTIVE_SQL "))"
/* Designations in the programme's order (team_designations). */
#define DESIGNATION_ORDER                                                                                 \
	"CASE d.designation WHEN 'pms' THEN 1 WHEN 'sms' THEN 2 WHEN 'fems' THEN 3 WHEN 'wgl' THEN 4 "    \
	"WHEN 'cohort_lead' THEN 5 WHEN 'community_lead' THEN 6 ELSE 7 END"

static const char SQL_HUB[] = "SELECT id, code, name FROM hubs WHERE code = $1";

static const char SQL_LEADERS[] =
	"SELECT g.person_id, g.id, g.role, p.name, p.email, g.phase FROM role_grants g JOIN people p ON p.id = g.person_id "
	"WHERE g.hub_id = $1 AND g.role IN ('mhl', 'amhl', 'hub_manager') AND p.active = 1 "
	"ORDER BY CASE g.role WHEN 'mhl' THEN 1 WHEN 'amhl' THEN 2 ELSE 3 END, p.name, g.id";
static const char SQL_ACTIVE_COUNT[] = "SELECT count(*) FROM people p WHERE p.id IN (" TEAM_ACTIVE_SQL ")";
static const char SQL_LLMES[] =
	"SELECT p.id, p.name, p.job_title, COALESCE(s.name, ''), COALESCE(p.school_urn, ''), "
	"CASE WHEN p.id IN (" TEAM_ACTIVE_SQL ") THEN 1 ELSE 0 END, COALESCE(s.status, ''), "
	"CASE WHEN p.id IN (SELECT person_id FROM role_grants WHERE hub_id = $1) THEN 1 ELSE 0 END "
	"FROM people p LEFT JOIN schools s ON s.urn = p.school_urn WHERE p.id IN (" TEAM_LLMES_SQL ") ORDER BY p.name, p.id";
static const char SQL_LLME_DESIGNATIONS[] =
	"SELECT d.person_id, d.designation FROM llme_designations d WHERE d.hub_id = $1 AND d.academic_year = $2 "
	"ORDER BY d.person_id, " DESIGNATION_ORDER;
static const char SQL_LLME_ACCREDITATIONS[] =
	"SELECT a.person_id, a.accreditation, a.state, a.since FROM llme_accreditations a "
	"WHERE a.person_id IN (" TEAM_LLMES_SQL ") ORDER BY a.person_id, a.accreditation";
static const char SQL_LEADS[] =
	"SELECT p.id, p.name FROM hub_community_leads c JOIN people p ON p.id = c.person_id "
	"WHERE c.hub_id = $1 AND c.academic_year = $2 AND p.active = 1 ORDER BY p.name, p.id";

static const char SQL_PERSON[] = "SELECT name, active FROM people WHERE id = $1";
static const char SQL_PERSON_ROLES[] =
	"SELECT g.id, g.hub_id, g.role, h.code, h.name, g.phase FROM role_grants g JOIN hubs h ON h.id = g.hub_id "
	"WHERE g.person_id = $1 ORDER BY h.code, g.id";
static const char SQL_PERSON_DESIGNATIONS[] =
	"SELECT d.id, d.hub_id, d.academic_year, d.designation, h.code, h.name FROM llme_designations d "
	"JOIN hubs h ON h.id = d.hub_id WHERE d.person_id = $1 ORDER BY d.academic_year DESC, " DESIGNATION_ORDER ", h.code";
static const char SQL_PERSON_ACCREDITATIONS[] =
	"SELECT accreditation, state, since FROM llme_accreditations WHERE person_id = $1 ORDER BY accreditation";

static const char SQL_DESIGNATION_INSERT[] =
	"INSERT INTO llme_designations (person_id, academic_year, designation, hub_id, granted_by, granted_at) "
	"VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id";
static const char SQL_DESIGNATION_DELETE[] = "DELETE FROM llme_designations WHERE id = $1 AND person_id = $2";
static const char SQL_ACCREDITATION_SET[] =
	"INSERT INTO llme_accreditations (person_id, accreditation, state, since, changed_by, changed_at) "
	"VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (person_id, accreditation) DO UPDATE SET "
	"state = excluded.state, since = excluded.since, changed_by = excluded.changed_by, changed_at = excluded.changed_at";
static const char SQL_DESIGNATIONS_MANY[] =
	"INSERT INTO llme_designations (person_id, academic_year, designation, hub_id, granted_by, granted_at) "
	"VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_ACCREDITATIONS_MANY[] =
	"INSERT INTO llme_accreditations (person_id, accreditation, state, since, changed_by, changed_at) "
	"VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_ACCREDITATION_DELETE[] = "DELETE FROM llme_accreditations WHERE person_id = $1 AND accreditation = $2";
static const char SQL_PHASE[] = "UPDATE role_grants SET phase = $1 WHERE id = $2 AND person_id = $3 AND role = 'amhl'";

/* The people who may lead hub $1's LLME Community in year $2: active
 * leaders and LLMEs of the hub, and whoever leads it that year already. */
static const char SQL_CANDIDATES[] =
	"SELECT p.id, p.name, COALESCE((SELECT MIN(CASE g.role WHEN 'mhl' THEN 1 WHEN 'amhl' THEN 2 WHEN 'hub_manager' THEN 3 ELSE 4 END) "
	"FROM role_grants g WHERE g.person_id = p.id AND g.hub_id = $1 AND g.role IN ('mhl', 'amhl', 'hub_manager', 'llme')), 5) AS role_rank, "
	"CASE WHEN p.id IN (SELECT person_id FROM hub_community_leads WHERE hub_id = $1 AND academic_year = $2) THEN 1 ELSE 0 END, p.active "
	"FROM people p WHERE (p.active = 1 AND p.id IN (SELECT person_id FROM role_grants WHERE hub_id = $1 "
	"AND role IN ('mhl', 'amhl', 'hub_manager', 'llme'))) "
	"OR p.id IN (SELECT person_id FROM hub_community_leads WHERE hub_id = $1 AND academic_year = $2) "
	"ORDER BY role_rank, p.name, p.id";
static const char SQL_LEAD_ADD[] =
	"INSERT INTO hub_community_leads (hub_id, academic_year, person_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
static const char SQL_LEAD_REMOVE[] =
	"DELETE FROM hub_community_leads WHERE hub_id = $1 AND academic_year = $2 AND person_id = $3";

/* A statement of a hub ($1) and a year ($2). */
static struct db_stmt *hub_year(struct db *db, const char *sql, int64_t hub_id, int year)
{
	struct db_stmt *st = db_prepare(db, sql);
	return !st || db_bind_int(st, 1, hub_id) || db_bind_int(st, 2, year) ? NULL : st;
}

enum err team_hub_by_code(struct db *db, struct arena *a, const char *code, struct team_hub *h)
{
	struct db_stmt *st = db_prepare(db, SQL_HUB);
	int rc = !st || db_bind_text(st, 1, code) ? ERR_DB : db_step(st);
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_NOT_FOUND;
	*h = (struct team_hub){db_col_int(st, 0), arena_strdup(a, db_col_text(st, 1)), arena_strdup(a, db_col_text(st, 2))};
	rc = db_step(st);
	return rc < 0 ? (enum err)rc : ERR_OK;
}

static bool state_known(const char *state)
{
	return !strcmp(state, "working_towards") || !strcmp(state, "accredited");
}

/* ---- a hub's team page ---- */

static enum err leaders_read(struct db *db, struct team_page *t)
{
	struct arena *a = t->rq->arena;
	struct db_stmt *st = db_prepare(db, SQL_LEADERS);
	if (!st || db_bind_int(st, 1, t->hub.id))
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		enum role r;
		if (!role_from_key(db_col_text(st, 2), &r))
			continue;
		t->leaders = arena_room(a, t->leaders, t->nleaders, &cap, sizeof(*t->leaders));
		t->leaders[t->nleaders++] = (struct team_leader){
			.person_id = db_col_int(st, 0), .grant_id = db_col_int(st, 1), .role = r,
			.name = arena_strdup(a, db_col_text(st, 3)), .email = arena_strdup(a, db_col_text(st, 4)),
			.phase = db_col_is_null(st, 5) ? NULL : arena_strdup(a, db_col_text(st, 5))};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

static enum err active_read(struct db *db, struct team_page *t)
{
	struct db_stmt *st = hub_year(db, SQL_ACTIVE_COUNT, t->hub.id, t->year);
	int rc = st ? db_step(st) : ERR_DB;
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_DB;
	t->active = db_col_int(st, 0);
	rc = db_step(st);
	return rc < 0 ? (enum err)rc : ERR_OK;
}

static struct team_llme *llme_of(struct team_page *t, int64_t id)
{
	for (size_t i = 0; i < t->nllmes; i++)
		if (t->llmes[i].id == id)
			return &t->llmes[i];
	return NULL;
}

static enum err llmes_read(struct db *db, struct team_page *t)
{
	struct arena *a = t->rq->arena;
	struct db_stmt *st = hub_year(db, SQL_LLMES, t->hub.id, t->year);
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		t->llmes = arena_room(a, t->llmes, t->nllmes, &cap, sizeof(*t->llmes));
		const char *school = db_col_text(st, 3)[0]   ? arena_strdup(a, db_col_text(st, 3))
				     : db_col_text(st, 4)[0] ? arena_printf(a, "URN %s", db_col_text(st, 4))
							     : "";
		t->llmes[t->nllmes++] = (struct team_llme){
			.id = db_col_int(st, 0), .name = arena_strdup(a, db_col_text(st, 1)),
			.job_title = arena_strdup(a, db_col_text(st, 2)), .school = school, .active = db_col_int(st, 5) == 1,
			.school_urn = !strcmp(db_col_text(st, 6), "closed") ? arena_strdup(a, db_col_text(st, 4)) : NULL,
			.member = db_col_int(st, 7) == 1};
	}
	if (rc < 0)
		return (enum err)rc;
	for (size_t i = 0; i < t->nllmes; i++) { /* a closed school: what replaced it (registry.h) */
		struct team_llme *l = &t->llmes[i];
		enum err e;
		if (l->school_urn && (e = school_ref_read(db, a, l->school_urn, (l->closed = arena_alloc(a, sizeof(*l->closed))))))
			return e;
	}
	if (!(st = hub_year(db, SQL_LLME_DESIGNATIONS, t->hub.id, t->year)))
		return ERR_DB;
	while ((rc = db_step(st)) == 1) {
		struct team_llme *l = llme_of(t, db_col_int(st, 0));
		if (!l)
			continue; /* deactivated */
		l->designations = arena_grow(a, l->designations, l->ndesignations, l->ndesignations + 1, sizeof(*l->designations));
		l->designations[l->ndesignations++] = arena_strdup(a, db_col_text(st, 1));
	}
	if (rc < 0 || !(st = hub_year(db, SQL_LLME_ACCREDITATIONS, t->hub.id, t->year)))
		return rc < 0 ? (enum err)rc : ERR_DB;
	while ((rc = db_step(st)) == 1) {
		struct team_llme *l = llme_of(t, db_col_int(st, 0));
		if (!l || l->nacc == TEAM_NACCREDITATIONS || !state_known(db_col_text(st, 2)))
			continue;
		l->acc[l->nacc++] = (struct team_accreditation){arena_strdup(a, db_col_text(st, 1)), arena_strdup(a, db_col_text(st, 2)),
								arena_strdup(a, db_col_text(st, 3))};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

static enum err leads_read(struct db *db, struct team_page *t)
{
	struct arena *a = t->rq->arena;
	struct db_stmt *st = hub_year(db, SQL_LEADS, t->hub.id, t->year);
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		t->leads = arena_room(a, t->leads, t->nleads, &cap, sizeof(*t->leads));
		t->leads[t->nleads++] = (struct team_person_ref){db_col_int(st, 0), arena_strdup(a, db_col_text(st, 1))};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err team_page_read(struct db *db, void *ctx)
{
	struct team_page *t = ctx;
	const struct session *s = t->rq->session;
	t->refused = false;
	t->leaders = NULL;
	t->llmes = NULL;
	t->leads = NULL;
	t->nleaders = t->nllmes = t->nleads = 0;
	enum err e = team_hub_by_code(db, t->rq->arena, t->code, &t->hub);
	if (e)
		return e;
	struct perm_target hub = {.hub_ids = &t->hub.id, .nhubs = 1};
	if (!perm_allows(s->grants, s->ngrants, s->person_id, CAP_TEAM_READ, &hub)) {
		t->refused = true;
		return ERR_OK;
	}
	if ((e = leaders_read(db, t)) || (e = active_read(db, t)) || (e = llmes_read(db, t)))
		return e;
	return leads_read(db, t);
}

/* ---- a person's LLME records ---- */

static enum err person_roles_load(struct db *db, struct arena *a, struct team_person *p)
{
	struct db_stmt *st = db_prepare(db, SQL_PERSON_ROLES);
	if (!st || db_bind_int(st, 1, p->id))
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		enum role r;
		if (!role_from_key(db_col_text(st, 2), &r))
			continue;
		p->roles = arena_room(a, p->roles, p->nroles, &cap, sizeof(*p->roles));
		p->roles[p->nroles++] = (struct team_hub_role){
			.grant_id = db_col_int(st, 0), .hub_id = db_col_int(st, 1), .role = r,
			.hub_code = arena_strdup(a, db_col_text(st, 3)), .hub_name = arena_strdup(a, db_col_text(st, 4)),
			.phase = db_col_is_null(st, 5) ? NULL : arena_strdup(a, db_col_text(st, 5))};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

static void designation_of(struct db_stmt *st, struct arena *a, struct team_designation *d)
{
	*d = (struct team_designation){.id = db_col_int(st, 0), .hub_id = db_col_int(st, 1), .year = (int)db_col_int(st, 2),
				       .key = arena_strdup(a, db_col_text(st, 3)), .hub_code = arena_strdup(a, db_col_text(st, 4)),
				       .hub_name = arena_strdup(a, db_col_text(st, 5))};
}

static enum err person_designations_load(struct db *db, struct arena *a, struct team_person *p)
{
	struct db_stmt *st = db_prepare(db, SQL_PERSON_DESIGNATIONS);
	if (!st || db_bind_int(st, 1, p->id))
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		p->designations = arena_room(a, p->designations, p->ndesignations, &cap, sizeof(*p->designations));
		designation_of(st, a, &p->designations[p->ndesignations++]);
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

static enum err person_accreditations_load(struct db *db, struct arena *a, struct team_person *p)
{
	struct db_stmt *st = db_prepare(db, SQL_PERSON_ACCREDITATIONS);
	if (!st || db_bind_int(st, 1, p->id))
		return ERR_DB;
	int rc;
	while ((rc = db_step(st)) == 1)
		if (p->nacc < TEAM_NACCREDITATIONS && state_known(db_col_text(st, 1)))
			p->acc[p->nacc++] = (struct team_accreditation){arena_strdup(a, db_col_text(st, 0)),
									arena_strdup(a, db_col_text(st, 1)),
									arena_strdup(a, db_col_text(st, 2))};
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err team_person_load(struct db *db, struct arena *a, int64_t id, struct team_person *p)
{
	*p = (struct team_person){.id = id};
	struct db_stmt *st = db_prepare(db, SQL_PERSON);
	int rc = !st || db_bind_int(st, 1, id) ? ERR_DB : db_step(st);
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_NOT_FOUND;
	p->name = arena_strdup(a, db_col_text(st, 0));
	p->active = db_col_int(st, 1) == 1;
	enum err e;
	if ((rc = db_step(st)) < 0)
		return (enum err)rc;
	if ((e = person_roles_load(db, a, p)) || (e = person_designations_load(db, a, p)))
		return e;
	return person_accreditations_load(db, a, p);
}

enum err designation_insert(struct db *db, int64_t person_id, int year, const char *key, int64_t hub_id, int64_t by,
			    int64_t now)
{
	struct db_stmt *st = db_prepare(db, SQL_DESIGNATION_INSERT);
	if (!st || db_bind_int(st, 1, person_id) || db_bind_int(st, 2, year) || db_bind_text(st, 3, key) ||
	    db_bind_int(st, 4, hub_id) || db_bind_int(st, 5, by) || db_bind_int(st, 6, now))
		return ERR_DB;
	int rc = db_step(st);
	if (rc < 0)
		return (enum err)rc;
	if (rc == 0)
		return ERR_CONFLICT; /* held already (its UNIQUE) */
	rc = db_step(st);
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err designation_delete(struct db *db, int64_t id, int64_t person_id)
{
	return db_run(db, SQL_DESIGNATION_DELETE, DB_I(id), DB_I(person_id));
}

enum err accreditation_set(struct db *db, int64_t person_id, const char *key, const char *state, const char *since,
			   int64_t by, int64_t now)
{
	return db_run(db, SQL_ACCREDITATION_SET, DB_I(person_id), DB_S(key), DB_S(state), DB_S(since), DB_I(by), DB_I(now));
}

enum err accreditation_delete(struct db *db, int64_t person_id, const char *key)
{
	return db_run(db, SQL_ACCREDITATION_DELETE, DB_I(person_id), DB_S(key));
}

enum err amhl_phase_set(struct db *db, int64_t grant_id, int64_t person_id, const char *phase)
{
	return db_run(db, SQL_PHASE, DB_S(phase), DB_I(grant_id), DB_I(person_id));
}

/* ---- the LLME Community leads of a hub ---- */

enum err community_load(struct db *db, struct community *c)
{
	struct arena *a = c->rq->arena;
	const struct session *s = c->rq->session;
	c->refused = false;
	c->candidates = NULL;
	c->ncandidates = 0;
	enum err e = team_hub_by_code(db, a, c->code, &c->hub);
	if (e)
		return e;
	struct perm_target hub = {.hub_ids = &c->hub.id, .nhubs = 1};
	if (!perm_allows(s->grants, s->ngrants, s->person_id, CAP_DESIGNATIONS_MANAGE, &hub)) {
		c->refused = true;
		return ERR_OK;
	}
	struct db_stmt *st = hub_year(db, SQL_CANDIDATES, c->hub.id, c->year);
	if (!st)
		return ERR_DB;
	static const enum role by_rank[] = {ROLE_MHL, ROLE_AMHL, ROLE_HUB_MANAGER, ROLE_LLME};
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		int64_t rank = db_col_int(st, 2);
		c->candidates = arena_room(a, c->candidates, c->ncandidates, &cap, sizeof(*c->candidates));
		c->candidates[c->ncandidates++] = (struct team_candidate){
			.id = db_col_int(st, 0), .name = arena_strdup(a, db_col_text(st, 1)),
			.role = rank >= 1 && rank <= 4 ? by_rank[rank - 1] : ROLE_COUNT, .lead = db_col_int(st, 3) == 1,
			.active = db_col_int(st, 4) == 1};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err community_read(struct db *db, void *ctx)
{
	return community_load(db, ctx);
}

enum err community_lead_add(struct db *db, int64_t hub_id, int year, int64_t person_id)
{
	return db_run(db, SQL_LEAD_ADD, DB_I(hub_id), DB_I(year), DB_I(person_id));
}

enum err community_lead_remove(struct db *db, int64_t hub_id, int year, int64_t person_id)
{
	return db_run(db, SQL_LEAD_REMOVE, DB_I(hub_id), DB_I(year), DB_I(person_id));
}

enum err designations_insert_many(struct db *db, const struct db_value *values, size_t n)
{
	return db_insert_many(db, SQL_DESIGNATIONS_MANY, values, n, DESIGNATIONS_MANY_COLUMNS);
}

enum err accreditations_insert_many(struct db *db, const struct db_value *values, size_t n)
{
	return db_insert_many(db, SQL_ACCREDITATIONS_MANY, values, n, ACCREDITATIONS_MANY_COLUMNS);
}
