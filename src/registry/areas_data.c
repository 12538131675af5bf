/*
 * areas_data.c - migration 9's load (areas.h): the local authorities of
 * data/local-authorities.csv (GIAS code, name, region as data/hubs.csv
 * spells it) and the demo assignment of each current English one to a hub
 * of its region. No official mapping is published, so the assignment is
 * only a demonstration (hub_areas.demo = 1, said wherever it shows) until a
 * national administrator loads or sets the real one. It follows the hubs'
 * own names as far as they go: data/demo-hub-areas.csv (la_code,hub_code,
 * made from the names: "Kent and Medway" has Kent and Medway); every other
 * current English authority, by code, goes to the region's hubs in turn
 * (those the file gives no authority, by code; all of the region's when it
 * gives each one some). Run again on a database that has an assignment
 * already, it moves only those still a demo (never an official one). A bad
 * row of either file fails the migration (and so its transaction) with a
 * message naming the file and the line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/csv.h"
#include "core/embedded.h"
#include "core/log.h"
#include "core/util.h"
#include "db/db.h"
#include "registry/areas.h"

#define LA_FILE "data/local-authorities.csv"
#define DEMO_FILE "data/demo-hub-areas.csv"
#define MAX_REGIONS 16
#define MAX_HUBS 64
#define MAX_DEMO_ROWS 1000

/* Keeps a region (and a name) set already, e.g. by an import of schools. */
static const char SQL_LA[] =
	"INSERT INTO local_authorities (code, name, region) VALUES ($1, $2, $3) ON CONFLICT (code) DO UPDATE "
	"SET region = CASE WHEN local_authorities.region = '' THEN excluded.region ELSE local_authorities.region END";
static const char SQL_REGIONS[] = "SELECT name FROM regions ORDER BY name";
static const char SQL_HUBS[] =
	"SELECT h.id, h.code, r.name FROM hubs h JOIN regions r ON r.id = h.region_id ORDER BY r.name, h.code";
/* A new assignment, or a demo one moved; never over an official one. */
static const char SQL_DEMO[] =
	"INSERT INTO hub_areas (la_code, hub_id, demo, changed_at) VALUES ($1, $2, 1, $3) ON CONFLICT (la_code) DO UPDATE "
	"SET hub_id = excluded.hub_id, changed_at = excluded.changed_at "
	"WHERE hub_areas.demo = 1 AND hub_areas.hub_id <> excluded.hub_id";

struct current_la {
	char code[8];
	int region; /* index into load.regions */
	int hub;    /* index into load.hubs; -1 until assigned */
};

struct hub {
	int64_t id;
	char code[16];
	int region;
	bool named; /* the demo file gives it an authority */
};

struct load {
	struct db *db;
	char regions[MAX_REGIONS][64]; /* the hubs' regions */
	size_t nregions;
	struct hub hubs[MAX_HUBS]; /* by region, then code */
	size_t nhubs;
	struct current_la *las; /* current English authorities, in file (code) order */
	size_t nlas, cap;
};

static int region_index(const struct load *l, const char *name)
{
	for (size_t i = 0; i < l->nregions; i++)
		if (!strcmp(l->regions[i], name))
			return (int)i;
	return -1;
}

static bool digits(const char *s, size_t min, size_t max)
{
	size_t n = strlen(s);
	return n >= min && n <= max && strspn(s, "0123456789") == n;
}

static enum err load_la(void *ctx, const char *const *f, size_t line)
{
	struct load *l = ctx;
	/* code, name, region, current */
	const char *code = f[0], *name = f[1], *region = f[2];
	bool current = !strcmp(f[3], "yes");
	int r = region_index(l, region);
	if (!digits(code, 1, 3) || !name[0] || (!current && strcmp(f[3], "no")) ||
	    (region[0] && r < 0 && strcmp(region, "Wales"))) {
		log_msg("error", LA_FILE " line %zu: bad code, name, region or current", line);
		return ERR_INVALID;
	}
	struct db_stmt *st = db_prepare(l->db, SQL_LA);
	if (!st || db_bind_text(st, 1, code) || db_bind_text(st, 2, name) || db_bind_text(st, 3, region) ||
	    db_step_done(st))
		return ERR_DB;
	if (current && r >= 0) {
		if (l->nlas == l->cap)
			l->las = xrealloc(l->las, (l->cap = l->cap ? l->cap * 2 : 256) * sizeof(*l->las));
		snprintf(l->las[l->nlas].code, sizeof(l->las[l->nlas].code), "%s", code);
		l->las[l->nlas].region = r;
		l->las[l->nlas++].hub = -1;
	}
	return ERR_OK;
}

static enum err read_regions(struct load *l)
{
	struct db_stmt *st = db_prepare(l->db, SQL_REGIONS);
	if (!st)
		return ERR_DB;
	int rc;
	while ((rc = db_step(st)) == 1)
		if (l->nregions < MAX_REGIONS)
			snprintf(l->regions[l->nregions++], sizeof(l->regions[0]), "%s", db_col_text(st, 0));
	return rc < 0 ? (enum err)rc : ERR_OK;
}

static enum err read_hubs(struct load *l)
{
	struct db_stmt *st = db_prepare(l->db, SQL_HUBS);
	if (!st)
		return ERR_DB;
	int rc;
	while ((rc = db_step(st)) == 1) {
		int r = region_index(l, db_col_text(st, 2));
		if (r < 0 || l->nhubs == MAX_HUBS)
			continue;
		struct hub *h = &l->hubs[l->nhubs++];
		*h = (struct hub){.id = db_col_int(st, 0), .region = r};
		snprintf(h->code, sizeof(h->code), "%s", db_col_text(st, 1));
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

static struct current_la *find_la(struct load *l, const char *code)
{
	for (size_t i = 0; i < l->nlas; i++)
		if (!strcmp(l->las[i].code, code))
			return &l->las[i];
	return NULL;
}

static int find_hub(const struct load *l, const char *code)
{
	for (size_t i = 0; i < l->nhubs; i++)
		if (!strcmp(l->hubs[i].code, code))
			return (int)i;
	return -1;
}

/* What is wrong with a row of data/demo-hub-areas.csv, or NULL (then *c
 * is its authority and *h its hub). */
static const char *demo_problem(struct load *l, const struct csv_record *r, struct current_la **c, int *h)
{
	if (r->n != 2)
		return "a row is la_code,hub_code";
	if (!(*c = find_la(l, r->fields[0])))
		return "not a current English local authority of " LA_FILE;
	if ((*h = find_hub(l, r->fields[1])) < 0)
		return "no hub has that code";
	if (l->hubs[*h].region != (*c)->region)
		return "the hub is not of the local authority's region";
	if ((*c)->hub >= 0)
		return "the local authority is on an earlier line too";
	return NULL;
}

/* The rows of data/demo-hub-areas.csv (la_code,hub_code after its comment
 * lines, which start with #): each a current English authority not given
 * before, to a hub of its own region. */
static enum err read_demo(struct load *l)
{
	const struct embedded_file *f = embedded_find(DEMO_FILE);
	if (!f)
		fatal(DEMO_FILE " is not in the binary");
	struct arena *a = arena_new();
	struct csv_record *recs;
	size_t n = 0;
	char msg[128];
	enum err e = csv_records(a, (const char *)f->data, f->len, MAX_DEMO_ROWS, &recs, &n, msg, sizeof(msg));
	if (e)
		log_msg("error", DEMO_FILE ": %s", msg);
	bool header = false;
	for (size_t i = 0; !e && i < n; i++) {
		const struct csv_record *r = &recs[i];
		if (r->fields[0][0] == '#')
			continue;
		struct current_la *c = NULL;
		int h = -1;
		const char *why;
		if (header)
			why = demo_problem(l, r, &c, &h);
		else if (r->n == 2 && !strcmp(r->fields[0], "la_code") && !strcmp(r->fields[1], "hub_code"))
			why = NULL;
		else
			why = "the first row must be the header la_code,hub_code";
		if (why) {
			log_msg("error", DEMO_FILE " line %zu: %s", r->line, why);
			e = ERR_INVALID;
		} else if (!header) {
			header = true;
		} else {
			c->hub = h;
			l->hubs[h].named = true;
		}
	}
	if (!e && !header) {
		log_msg("error", DEMO_FILE ": no header la_code,hub_code");
		e = ERR_INVALID;
	}
	arena_free(a);
	return e;
}

/* Every other authority to a hub of its region in turn: the region's
 * hubs that the file names nowhere, or all of them if it names each. */
static void assign_rest(struct load *l)
{
	for (size_t r = 0; r < l->nregions; r++) {
		int hubs[MAX_HUBS];
		size_t n = 0, unnamed = 0;
		for (size_t i = 0; i < l->nhubs; i++)
			unnamed += l->hubs[i].region == (int)r && !l->hubs[i].named;
		for (size_t i = 0; i < l->nhubs; i++)
			if (l->hubs[i].region == (int)r && (!unnamed || !l->hubs[i].named))
				hubs[n++] = (int)i;
		if (!n)
			continue; /* a region with no hub: nothing to assign to */
		size_t next = 0;
		for (size_t i = 0; i < l->nlas; i++)
			if (l->las[i].region == (int)r && l->las[i].hub < 0)
				l->las[i].hub = hubs[next++ % n];
	}
}

static enum err write_demo(struct load *l)
{
	int64_t now = clock_now();
	for (size_t i = 0; i < l->nlas; i++) {
		if (l->las[i].hub < 0)
			continue;
		enum err e = db_run(l->db, SQL_DEMO, DB_S(l->las[i].code), DB_I(l->hubs[l->las[i].hub].id), DB_I(now));
		if (e)
			return e;
	}
	return ERR_OK;
}

enum err areas_load(struct db *db)
{
	static const char *const cols[] = {"code", "name", "region", "current"};
	const struct embedded_file *f = embedded_find(LA_FILE);
	if (!f)
		fatal(LA_FILE " is not in the binary");
	struct load l = {.db = db};
	enum err e = read_regions(&l);
	if (!e)
		e = read_hubs(&l);
	char msg[256];
	if (!e && (e = csv_read((const char *)f->data, f->len, cols, 4, load_la, &l, msg, sizeof(msg))))
		log_msg("error", LA_FILE ": %s", msg);
	if (!e)
		e = read_demo(&l);
	if (!e) {
		assign_rest(&l);
		e = write_demo(&l);
	}
	free(l.las);
	return e;
}
