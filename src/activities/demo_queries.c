/* demo_queries.c - see demo_queries.h. */
#include "activities/demo_queries.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/rows.h"
#include "demo/demo.h"

static const char SQL_NCPS[] =
	"SELECT p.id, p.code, p.title, p.kind, p.develops_llmes, ph.phase, t.project_id, t.path, t.stage, t.engagement "
	"FROM projects p JOIN academic_years y ON y.id = p.academic_year_id "
	"LEFT JOIN project_phases ph ON ph.project_id = p.id LEFT JOIN project_tfm t ON t.project_id = p.id "
	"WHERE y.code = $1 ORDER BY p.id, ph.phase";
static const char SQL_TFM[] =
	"INSERT INTO project_tfm (project_id, path, stage, engagement, changed_at) VALUES ($1, $2, $3, $4, $5)";
static const char SQL_HUB_REGIONS[] = "SELECT id, region_id FROM hubs ORDER BY id";
static const char SQL_HOLIDAYS[] =
	"SELECT day FROM bank_holidays WHERE division = 'england-and-wales' ORDER BY day";
static const char SQL_ACCREDITATIONS[] =
	"SELECT person_id, accreditation, state, since FROM llme_accreditations ORDER BY person_id, accreditation";
static const char SQL_COHORT_LEADS[] =
	"SELECT person_id, academic_year, hub_id FROM llme_designations WHERE designation = 'cohort_lead' "
	"ORDER BY academic_year, hub_id, person_id";
static const char SQL_CONVERSIONS[] =
	"SELECT l.link_urn, l.urn, s.close_date FROM school_links l JOIN schools s ON s.urn = l.urn "
	"WHERE l.link_type = 'Successor' AND s.close_date IS NOT NULL ORDER BY l.link_urn, s.close_date, l.urn";
static const char SQL_POSTCODES[] = "SELECT urn, postcode FROM schools WHERE status = 'open' ORDER BY urn";

static const char SQL_ACTIVITIES[] =
	"INSERT INTO activities (project_id, kind, cohort, cohort_label, lead_hub_id, region_id, first_year, last_year, "
	"continues_id, title, mhlm_link_id, format, planned_sessions, capacity, capacity_of, status, cancel_reason, "
	"cancelled_at, cancelled_by, created_by, created_at, updated_at, n_schools, n_participants, n_sessions, "
	"n_sessions_held, n_present, n_late, n_absent, n_apologies) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, "
	"$23, $24, $25, $26, $27, $28, $29, $30)";
static const char SQL_PHASES[] = "INSERT INTO activity_phases (activity_id, phase) VALUES ($1, $2)";
static const char SQL_HUBS[] =
	"INSERT INTO activity_hubs (activity_id, hub_id, role, n_schools, n_participants) VALUES ($1, $2, $3, $4, $5)";
static const char SQL_LEADS[] = "INSERT INTO activity_leads (activity_id, person_id, role) VALUES ($1, $2, $3)";
static const char SQL_SCHOOLS[] =
	"INSERT INTO activity_schools (activity_id, urn, hub_id, joined_on, added_by, added_at) "
	"VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_PARTICIPANTS[] =
	"INSERT INTO activity_participants (activity_id, person_id, school_urn, hub_id, role, joined_on, left_on, "
	"added_by, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
static const char SQL_SESSIONS[] =
	"INSERT INTO activity_sessions (activity_id, starts_at, ends_at, format, venue, online_url, purpose, half_days, "
	"cancelled_at, cancelled_by, cancel_reason, register_taken_at, register_taken_by, register_source, created_by, "
	"created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)";
static const char SQL_MARKS[] =
	"INSERT INTO register_marks (session_id, participant_id, mark, source, recorded_by, recorded_at) "
	"VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_SUPPORT[] =
	"INSERT INTO targeted_support (activity_id, urn, level, agreed_half_days, focus) VALUES ($1, $2, $3, $4, $5)";
static const char SQL_LEVELS[] =
	"INSERT INTO support_levels (activity_id, from_on, level, reason, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_CYCLE[] =
	"INSERT INTO support_cycle (activity_id, stage, starts_on, ends_on, notes, updated_by, updated_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7)";
static const char SQL_JOURNEY[] =
	"INSERT INTO journey_entries (urn, academic_year, path, stage, source, entered_by, entered_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7)";
static const char SQL_ACTIVITY_IDS[] = "SELECT id FROM activities ORDER BY id";
static const char SQL_PARTICIPANT_IDS[] = "SELECT id FROM activity_participants ORDER BY id";
static const char SQL_SESSION_IDS[] = "SELECT id FROM activity_sessions ORDER BY id";

/* On SQLite, many rows a statement, as many as DB_MAX_PARAMS allows (up
 * to 1,500): row by row the 1.3 million marks took twice the CPU (10-11 s
 * against 5.5 s, with the tally triggers then), and 400 rows a statement
 * 6 % more than this. PostgreSQL takes them all through COPY
 * (db_insert_many). The many-row forms are built once per process, from
 * each single-row statement's head (the statement cache keys them by
 * their address). */
#define BATCH_ROWS 1500
static const char *const single[ACTDEMO_NTABLES] = {
	[ACTDEMO_TFM] = SQL_TFM, [ACTDEMO_ACTIVITIES] = SQL_ACTIVITIES, [ACTDEMO_PHASES] = SQL_PHASES,
	[ACTDEMO_HUBS] = SQL_HUBS, [ACTDEMO_LEADS] = SQL_LEADS, [ACTDEMO_SCHOOLS] = SQL_SCHOOLS,
	[ACTDEMO_PARTICIPANTS] = SQL_PARTICIPANTS, [ACTDEMO_SESSIONS] = SQL_SESSIONS, [ACTDEMO_MARKS] = SQL_MARKS,
	[ACTDEMO_SUPPORT] = SQL_SUPPORT, [ACTDEMO_LEVELS] = SQL_LEVELS, [ACTDEMO_CYCLE] = SQL_CYCLE,
	[ACTDEMO_JOURNEY] = SQL_JOURNEY};
static const size_t columns[ACTDEMO_NTABLES] = {
	[ACTDEMO_TFM] = ACTDEMO_TFM_COLUMNS, [ACTDEMO_ACTIVITIES] = ACTDEMO_ACTIVITY_COLUMNS,
	[ACTDEMO_PHASES] = ACTDEMO_PHASE_COLUMNS, [ACTDEMO_HUBS] = ACTDEMO_HUB_COLUMNS,
	[ACTDEMO_LEADS] = ACTDEMO_LEAD_COLUMNS, [ACTDEMO_SCHOOLS] = ACTDEMO_SCHOOL_COLUMNS,
	[ACTDEMO_PARTICIPANTS] = ACTDEMO_PARTICIPANT_COLUMNS, [ACTDEMO_SESSIONS] = ACTDEMO_SESSION_COLUMNS,
	[ACTDEMO_MARKS] = ACTDEMO_MARK_COLUMNS, [ACTDEMO_SUPPORT] = ACTDEMO_SUPPORT_COLUMNS,
	[ACTDEMO_LEVELS] = ACTDEMO_LEVEL_COLUMNS, [ACTDEMO_CYCLE] = ACTDEMO_CYCLE_COLUMNS,
	[ACTDEMO_JOURNEY] = ACTDEMO_JOURNEY_COLUMNS};
static const char *batch[ACTDEMO_NTABLES];
static size_t batch_rows[ACTDEMO_NTABLES]; /* BATCH_ROWS, or fewer where their parameters would be too many */
static pthread_once_t batch_once = PTHREAD_ONCE_INIT;

static void build_batches(void)
{
	for (size_t t = 0; t < ACTDEMO_NTABLES; t++) {
		const char *values = strstr(single[t], " VALUES (");
		char head[512];
		snprintf(head, sizeof(head), "%.*s", (int)(values - single[t]) + 8, single[t]);
		batch_rows[t] = DB_MAX_PARAMS / columns[t] < BATCH_ROWS ? DB_MAX_PARAMS / columns[t] : BATCH_ROWS;
		batch[t] = db_sql_rows(head, columns[t], batch_rows[t], "");
	}
}

enum err actdemo_insert(struct db *db, enum actdemo_table t, const struct demo_rows *rows)
{
	if ((size_t)t >= ACTDEMO_NTABLES || rows->cols != columns[t])
		return ERR_SYSTEM;
	const struct db_value *values = rows->v;
	size_t n = rows->n;
	if (strcmp(db_dialect(db), "sqlite"))
		return db_insert_many(db, single[t], values, n, columns[t]);
	pthread_once(&batch_once, build_batches);
	enum err e = ERR_OK;
	size_t r = 0;
	for (; r + batch_rows[t] <= n && !e; r += batch_rows[t])
		e = db_run_values(db, batch[t], values + r * columns[t], batch_rows[t] * columns[t]);
	return e ? e : db_insert_many(db, single[t], values + r * columns[t], n - r, columns[t]);
}

static const char *dup_or_null(struct arena *a, struct db_stmt *st, int col)
{
	return db_col_is_null(st, col) ? NULL : arena_strdup(a, db_col_text(st, col));
}

static int by_code(const void *x, const void *y)
{
	return strcmp(((const struct actdemo_ncp *)x)->code, ((const struct actdemo_ncp *)y)->code);
}

enum err actdemo_ncps(struct db *db, struct arena *a, const char *year, struct actdemo_ncp **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = db_query(db, SQL_NCPS, DB_S(year));
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		int64_t id = db_col_int(st, 0);
		if (!*n || (*out)[*n - 1].id != id) {
			*out = arena_room(a, *out, *n, &cap, sizeof(**out));
			struct actdemo_ncp *p = &(*out)[(*n)++];
			*p = (struct actdemo_ncp){.id = id, .code = arena_strdup(a, db_col_text(st, 1)),
						  .title = arena_strdup(a, db_col_text(st, 2)),
						  .kind = arena_strdup(a, db_col_text(st, 3)),
						  .develops_llmes = db_col_int(st, 4) != 0, .has_tfm = !db_col_is_null(st, 6),
						  .tfm_path = dup_or_null(a, st, 7), .tfm_stage = dup_or_null(a, st, 8),
						  .tfm_engagement = dup_or_null(a, st, 9)};
		}
		struct actdemo_ncp *p = &(*out)[*n - 1];
		if (!db_col_is_null(st, 5) && p->nphases < 3)
			p->phases[p->nphases++] = arena_strdup(a, db_col_text(st, 5));
	}
	if (rc < 0)
		return (enum err)rc;
	/* phases in the programme's order, codes in byte order: alike on both engines */
	static const char *const order[] = {"Primary", "Secondary", "Post-16"};
	for (size_t i = 0; i < *n; i++) {
		struct actdemo_ncp *p = &(*out)[i];
		const char *had[3];
		size_t k = 0;
		for (size_t o = 0; o < 3; o++)
			for (size_t j = 0; j < p->nphases; j++)
				if (!strcmp(p->phases[j], order[o]))
					had[k++] = order[o];
		memcpy(p->phases, had, k * sizeof(*had));
		p->nphases = k;
	}
	if (*n)
		qsort(*out, *n, sizeof(**out), by_code);
	return ERR_OK;
}

enum err actdemo_hub_regions(struct db *db, struct arena *a, int64_t **hubs, int64_t **regions, size_t *n)
{
	*hubs = *regions = NULL;
	*n = 0;
	struct db_stmt *st = db_prepare(db, SQL_HUB_REGIONS);
	if (!st)
		return ERR_DB;
	size_t cap = 0, cap2 = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		*hubs = arena_room(a, *hubs, *n, &cap, sizeof(**hubs));
		*regions = arena_room(a, *regions, *n, &cap2, sizeof(**regions));
		(*hubs)[*n] = db_col_int(st, 0);
		(*regions)[(*n)++] = db_col_int(st, 1);
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err actdemo_holidays(struct db *db, struct arena *a, const char ***days, size_t *n)
{
	*days = NULL;
	*n = 0;
	struct db_stmt *st = db_prepare(db, SQL_HOLIDAYS);
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		*days = arena_room(a, *days, *n, &cap, sizeof(**days));
		(*days)[(*n)++] = arena_strdup(a, db_col_text(st, 0));
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err actdemo_accreditations(struct db *db, struct arena *a, struct actdemo_accreditation **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = db_prepare(db, SQL_ACCREDITATIONS);
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		*out = arena_room(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct actdemo_accreditation){
			.person_id = db_col_int(st, 0), .sd = !strcmp(db_col_text(st, 1), "sd_lead"),
			.accredited = !strcmp(db_col_text(st, 2), "accredited"), .since = arena_strdup(a, db_col_text(st, 3))};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err actdemo_cohort_leads(struct db *db, struct arena *a, struct actdemo_designation **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = db_prepare(db, SQL_COHORT_LEADS);
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		*out = arena_room(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct actdemo_designation){.person_id = db_col_int(st, 0),
							      .year = (int)db_col_int(st, 1), .hub_id = db_col_int(st, 2)};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err actdemo_conversions(struct db *db, struct arena *a, struct actdemo_conversion **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = db_prepare(db, SQL_CONVERSIONS);
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		*out = arena_room(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct actdemo_conversion){arena_strdup(a, db_col_text(st, 0)),
							     arena_strdup(a, db_col_text(st, 1)),
							     arena_strdup(a, db_col_text(st, 2))};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err actdemo_postcodes(struct db *db, struct arena *a, const char ***urns, const char ***postcodes, size_t *n)
{
	*urns = *postcodes = NULL;
	*n = 0;
	struct db_stmt *st = db_prepare(db, SQL_POSTCODES);
	if (!st)
		return ERR_DB;
	size_t cap = 0, cap2 = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		*urns = arena_room(a, *urns, *n, &cap, sizeof(**urns));
		*postcodes = arena_room(a, *postcodes, *n, &cap2, sizeof(**postcodes));
		(*urns)[*n] = arena_strdup(a, db_col_text(st, 0));
		(*postcodes)[(*n)++] = arena_strdup(a, db_col_text(st, 1));
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

/* The part's rows go in with the work its tables do row by row set aside
 * (in its transaction: no one else sees them without it), each put back
 * as it was before the commit: on both engines, the triggers that keep the
 * tallies and that give the lead hub its row of activity_hubs (0017: the
 * part writes those rows, and the tallies, itself), and the secondary
 * indexes of the four large tables; on PostgreSQL also their foreign keys
 * and those of activities and its phases, hubs and leads (the checks,
 * three to five a row, were most of its time), and the Targeted Support
 * rule's trigger. (SQLite's keys are
 * checked once for the whole demo: demo_keys_checked_once.) The
 * statements that set them aside and put them back are read from the
 * schema itself, so they are the migrations' own. In actdemo_load_end:
 * the indexes built once from the rows, the keys checked once for all of
 * them (ADD CONSTRAINT), the rule checked once, the triggers back. Row by
 * row on PostgreSQL each tally update made a new version of its
 * activity's row that the next walked past (ten minutes at the national
 * scale); counted after in SQL, the three updates of every activity took
 * seconds more. */
#define LOADED_TABLES "'activity_schools', 'activity_participants', 'activity_sessions', 'register_marks'"
static const char SQL_SET_ASIDE_SQLITE[] =
	"SELECT 'DROP ' || upper(type) || ' ' || name, sql, CASE type WHEN 'index' THEN 0 ELSE 3 END "
	"FROM sqlite_master WHERE sql IS NOT NULL AND ((type = 'index' AND tbl_name IN (" LOADED_TABLES ")) "
	"OR (type = 'trigger' AND (name = 'activities_lead_hub_insert' OR "
	"(tbl_name IN (" LOADED_TABLES ") AND name GLOB '*_tally_insert')))) ORDER BY 3, 1";
static const char SQL_SET_ASIDE_PG[] =
	"SELECT format('DROP INDEX %s', indexrelid::regclass), pg_get_indexdef(indexrelid), 0 FROM pg_index "
	"WHERE indrelid::regclass::text IN (" LOADED_TABLES ") AND NOT indisprimary AND NOT indisunique "
	"UNION ALL SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname), "
	"format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid)), 2 "
	"FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text IN "
	"('activities', 'activity_phases', 'activity_hubs', 'activity_leads', " LOADED_TABLES ") "
	"UNION ALL SELECT format('ALTER TABLE %s DISABLE TRIGGER %I', tgrelid::regclass, tgname), "
	"format('ALTER TABLE %s ENABLE TRIGGER %I', tgrelid::regclass, tgname), 3 FROM pg_trigger "
	"WHERE NOT tgisinternal AND tgenabled <> 'D' AND (tgname = 'activities_lead_hub' OR "
	"(tgrelid::regclass::text IN (" LOADED_TABLES ") AND "
	"(tgname LIKE '%\\_tally' OR tgname = 'activity_schools_support_one'))) ORDER BY 3, 1";
/* The rule activity_schools_support_one keeps, for the rows written without it. */
static const char SQL_SUPPORT_ONE[] =
	"SELECT count(*) FROM (SELECT s.activity_id FROM activity_schools s JOIN activities a ON a.id = s.activity_id "
	"WHERE a.kind = 'Targeted Support' GROUP BY s.activity_id HAVING count(*) > 1) x";

enum err actdemo_load_begin(struct db *db, struct arena *a, struct actdemo_load *l)
{
	*l = (struct actdemo_load){0};
	struct db_stmt *st = db_prepare(db, strcmp(db_dialect(db), "sqlite") ? SQL_SET_ASIDE_PG : SQL_SET_ASIDE_SQLITE);
	if (!st)
		return ERR_DB;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		l->aside = arena_room(a, l->aside, l->n, &cap, sizeof(*l->aside));
		l->aside[l->n++] = (struct actdemo_aside){arena_strdup(a, db_col_text(st, 0)),
							  arena_strdup(a, db_col_text(st, 1)), (int)db_col_int(st, 2)};
	}
	if (rc < 0)
		return (enum err)rc;
	enum err e = ERR_OK;
	for (size_t i = 0; i < l->n && !e; i++)
		e = db_exec(db, l->aside[i].set_aside);
	return e;
}

/* The statements of l of stage, as they were. */
static enum err put_back(struct db *db, const struct actdemo_load *l, int stage)
{
	enum err e = ERR_OK;
	for (size_t i = 0; i < l->n && !e; i++)
		if (l->aside[i].stage == stage)
			e = db_exec(db, l->aside[i].put_back);
	return e;
}

enum err actdemo_load_end(struct db *db, const struct actdemo_load *l)
{
	enum err e = put_back(db, l, 0);
	if (!e)
		e = put_back(db, l, 2);
	struct db_stmt *st = e ? NULL : db_prepare(db, SQL_SUPPORT_ONE);
	if (!e && !st)
		e = ERR_DB;
	if (!e) {
		int rc = db_step(st);
		e = rc < 0 ? (enum err)rc : rc == 1 && db_col_int(st, 0) ? ERR_CONFLICT : ERR_OK;
		if (rc == 1)
			db_step(st);
	}
	return e ? e : put_back(db, l, 3);
}

enum err actdemo_activity_ids(struct db *db, int64_t *out, size_t n)
{
	return db_ids(db, SQL_ACTIVITY_IDS, out, n);
}

enum err actdemo_participant_ids(struct db *db, int64_t *out, size_t n)
{
	return db_ids(db, SQL_PARTICIPANT_IDS, out, n);
}

enum err actdemo_session_ids(struct db *db, int64_t *out, size_t n)
{
	return db_ids(db, SQL_SESSION_IDS, out, n);
}
