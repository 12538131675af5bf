/*
 * areas_data.c - migration 9's load (areas.h): the local authorities of
 * data/local-authorities.csv (GIAS code, name, region as data/hubs.csv
 * spells it) and the demo assignment of each current English one to a hub
 * of its region. No official mapping is published, so the assignment is
 * only a demonstration (hub_areas.demo = 1, said wherever it shows) until a
 * national administrator loads or sets the real one: deterministic and
 * balanced, round-robin by local authority code over the region's hubs in
 * code order. A bad row fails the migration (and so its transaction) with
 * a message naming the line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/csv.h"
#include "core/embedded.h"
#include "core/log.h"
#include "core/util.h"
#include "db/db.h"
#include "registry/areas.h"

#define FILE_NAME "data/local-authorities.csv"
#define MAX_REGIONS 16
#define MAX_HUBS 64

/* Keeps a region (and a name) set already, e.g. by an import of schools. */
static const char SQL_LA[] =
	"INSERT INTO local_authorities (code, name, region) VALUES ($1, $2, $3) ON CONFLICT (code) DO UPDATE "
	"SET region = CASE WHEN local_authorities.region = '' THEN excluded.region ELSE local_authorities.region END";
static const char SQL_REGIONS[] = "SELECT name FROM regions ORDER BY name";
static const char SQL_HUBS[] =
	"SELECT h.id, r.name FROM hubs h JOIN regions r ON r.id = h.region_id ORDER BY r.name, h.code";
/* Never over an assignment that is there already. */
static const char SQL_DEMO[] =
	"INSERT INTO hub_areas (la_code, hub_id, demo, changed_at) VALUES ($1, $2, 1, $3) ON CONFLICT (la_code) DO NOTHING";

struct current_la {
	char code[8];
	int region; /* index into load.regions */
};

struct load {
	struct db *db;
	char regions[MAX_REGIONS][64]; /* the hubs' regions */
	size_t nregions;
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
		log_msg("error", FILE_NAME " line %zu: bad code, name, region or current", line);
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
		l->las[l->nlas++].region = r;
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

/* Each current English authority to a hub of its region, in turn. */
static enum err assign(struct load *l)
{
	int64_t hubs[MAX_REGIONS][MAX_HUBS];
	size_t nhubs[MAX_REGIONS] = {0}, next[MAX_REGIONS] = {0};
	struct db_stmt *st = db_prepare(l->db, SQL_HUBS);
	if (!st)
		return ERR_DB;
	int rc;
	while ((rc = db_step(st)) == 1) {
		int r = region_index(l, db_col_text(st, 1));
		if (r >= 0 && nhubs[r] < MAX_HUBS)
			hubs[r][nhubs[r]++] = db_col_int(st, 0);
	}
	if (rc < 0)
		return (enum err)rc;
	int64_t now = clock_now();
	for (size_t i = 0; i < l->nlas; i++) {
		int r = l->las[i].region;
		if (!nhubs[r])
			continue; /* a region with no hub: nothing to assign to */
		enum err e = db_run(l->db, SQL_DEMO, DB_S(l->las[i].code), DB_I(hubs[r][next[r]++ % nhubs[r]]), DB_I(now));
		if (e)
			return e;
	}
	return ERR_OK;
}

enum err areas_load(struct db *db)
{
	static const char *const cols[] = {"code", "name", "region", "current"};
	const struct embedded_file *f = embedded_find(FILE_NAME);
	if (!f)
		fatal(FILE_NAME " is not in the binary");
	struct load l = {.db = db};
	enum err e = read_regions(&l);
	char msg[256];
	if (!e && (e = csv_read((const char *)f->data, f->len, cols, 4, load_la, &l, msg, sizeof(msg))))
		log_msg("error", FILE_NAME ": %s", msg);
	if (!e)
		e = assign(&l);
	free(l.las);
	return e;
}
