/*
 * refdata.c - see refdata.h. Every row is checked against the catalogue's
 * vocabulary before it is written; a bad row fails the migration (and so
 * the whole transaction) with a message naming the file and line.
 */
#include "catalogue/refdata.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "core/acyear.h"
#include "core/clock.h"
#include "core/csv.h"
#include "core/embedded.h"
#include "core/log.h"
#include "core/util.h"
#include "db/db.h"

const char *const catalogue_phases[3] = {"Primary", "Secondary", "Post-16"};
const char *const catalogue_kinds[4] = {"Work Group", "Programme", "Community", "Targeted Support"};

/* Catalogue files shipped, one per academic year. */
static const struct {
	const char *file;
	int year;
} catalogues[] = {
	{"data/ncps-2024-25.csv", 2024},
};

static const char SQL_REGION[] = "INSERT INTO regions (name) VALUES ($1) ON CONFLICT (name) DO NOTHING";
static const char SQL_HUB[] =
	"INSERT INTO hubs (code, name, region_id) VALUES ($1, $2, (SELECT id FROM regions WHERE name = $3))";
static const char SQL_YEAR[] =
	"INSERT INTO academic_years (code, starts_on, ends_on) VALUES ($1, $2, $3) "
	"ON CONFLICT (code) DO NOTHING";
static const char SQL_PROJECT[] =
	"INSERT INTO projects (code, academic_year_id, title, kind, develops_llmes) "
	"VALUES ($1, (SELECT id FROM academic_years WHERE code = $5), $2, $3, $4) RETURNING id";
static const char SQL_PHASE[] = "INSERT INTO project_phases (project_id, phase) VALUES ($1, $2)";
static const char SQL_HOLIDAY[] =
	"INSERT INTO bank_holidays (day, division, title) VALUES ($1, $2, $3)";

static bool in_list(const char *v, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v, list[i]))
			return true;
	return false;
}

static enum err load_hub(void *ctx, const char *const *f, size_t line)
{
	struct db *db = ctx;
	if (!f[0][0] || !f[1][0] || !f[2][0]) {
		log_msg("error", "data/hubs.csv line %zu: empty field", line);
		return ERR_INVALID;
	}
	struct db_stmt *st = db_prepare(db, SQL_REGION);
	if (!st || db_bind_text(st, 1, f[2]) || db_step_done(st))
		return ERR_DB;
	st = db_prepare(db, SQL_HUB);
	if (!st || db_bind_text(st, 1, f[0]) || db_bind_text(st, 2, f[1]) ||
	    db_bind_text(st, 3, f[2]) || db_step_done(st))
		return ERR_DB;
	return ERR_OK;
}

struct ncp_ctx {
	struct db *db;
	const char *file;
	char year[8];
};

static enum err load_ncp(void *ctx, const char *const *f, size_t line)
{
	struct ncp_ctx *c = ctx;
	/* code, title, kind, phases, develops_llmes */
	bool llme = !strcmp(f[4], "yes");
	if (!f[0][0] || !f[1][0] || !in_list(f[2], catalogue_kinds, 4) ||
	    (!llme && strcmp(f[4], "no"))) {
		log_msg("error", "%s line %zu: bad code, title, kind or develops_llmes", c->file, line);
		return ERR_INVALID;
	}
	struct db_stmt *st = db_prepare(c->db, SQL_PROJECT);
	if (!st || db_bind_text(st, 1, f[0]) || db_bind_text(st, 2, f[1]) ||
	    db_bind_text(st, 3, f[2]) || db_bind_int(st, 4, llme) || db_bind_text(st, 5, c->year) ||
	    db_step(st) != 1)
		return ERR_DB;
	int64_t id = db_col_int(st, 0);
	if (db_step(st) != 0)
		return ERR_DB;
	char phases[128];
	snprintf(phases, sizeof(phases), "%s", f[3]);
	size_t n = 0;
	for (char *save = NULL, *p = strtok_r(phases, ";", &save); p; p = strtok_r(NULL, ";", &save)) {
		if (!in_list(p, catalogue_phases, 3)) {
			log_msg("error", "%s line %zu: unknown phase \"%s\"", c->file, line, p);
			return ERR_INVALID;
		}
		st = db_prepare(c->db, SQL_PHASE);
		if (!st || db_bind_int(st, 1, id) || db_bind_text(st, 2, p) || db_step_done(st))
			return ERR_DB;
		n++;
	}
	if (!n) {
		log_msg("error", "%s line %zu: no phase", c->file, line);
		return ERR_INVALID;
	}
	return ERR_OK;
}

static enum err load_csv(const char *file, const char *const *cols, size_t ncols, csv_row_fn fn, void *ctx)
{
	const struct embedded_file *f = embedded_find(file);
	if (!f)
		fatal("%s is not in the binary", file);
	char msg[256];
	enum err e = csv_read((const char *)f->data, f->len, cols, ncols, fn, ctx, msg, sizeof(msg));
	if (e)
		log_msg("error", "%s: %s", file, msg);
	return e;
}

static enum err load_bank_holidays(struct db *db)
{
	const struct embedded_file *f = embedded_find("data/bank-holidays.json");
	if (!f)
		fatal("data/bank-holidays.json is not in the binary");
	json_error_t jerr;
	json_t *root = json_loadb((const char *)f->data, f->len, 0, &jerr);
	if (!root) {
		log_msg("error", "data/bank-holidays.json line %d: %s", jerr.line, jerr.text);
		return ERR_INVALID;
	}
	enum err e = ERR_OK;
	json_t *events = json_object_get(json_object_get(root, "england-and-wales"), "events");
	size_t i;
	json_t *ev;
	if (!json_is_array(events) || json_array_size(events) == 0) {
		log_msg("error", "data/bank-holidays.json: no england-and-wales events");
		e = ERR_INVALID;
	}
	json_array_foreach(events, i, ev) {
		if (e)
			break;
		const char *day = json_string_value(json_object_get(ev, "date"));
		const char *title = json_string_value(json_object_get(ev, "title"));
		int64_t t;
		if (!day || !title || !clock_parse_date(day, &t)) {
			log_msg("error", "data/bank-holidays.json: event %zu has no valid date or title", i);
			e = ERR_INVALID;
			break;
		}
		struct db_stmt *st = db_prepare(db, SQL_HOLIDAY);
		if (!st || db_bind_text(st, 1, day) || db_bind_text(st, 2, "england-and-wales") ||
		    db_bind_text(st, 3, title) || db_step_done(st))
			e = ERR_DB;
	}
	json_decref(root);
	return e;
}

enum err refdata_load(struct db *db)
{
	static const char *const hub_cols[] = {"code", "name", "region"};
	static const char *const ncp_cols[] = {"code", "title", "kind", "phases", "develops_llmes"};
	enum err e = load_csv("data/hubs.csv", hub_cols, 3, load_hub, db);
	for (size_t i = 0; !e && i < ARRAY_LEN(catalogues); i++) {
		struct ncp_ctx c = {.db = db, .file = catalogues[i].file};
		char first[11], last[11];
		acyear_code(catalogues[i].year, c.year);
		acyear_bounds(catalogues[i].year, first, last);
		struct db_stmt *st = db_prepare(db, SQL_YEAR);
		if (!st || db_bind_text(st, 1, c.year) || db_bind_text(st, 2, first) ||
		    db_bind_text(st, 3, last) || db_step_done(st))
			return ERR_DB;
		e = load_csv(c.file, ncp_cols, 5, load_ncp, &c);
	}
	if (!e)
		e = load_bank_holidays(db);
	return e;
}
