/*
 * refdata.c - see refdata.h. A catalogue's rows are all checked first
 * (ncp_file.h, as `mathshubs import-catalogue` checks its file); a bad row
 * fails the migration (and so the whole transaction) with a message naming
 * the file and line.
 */
#include "catalogue/refdata.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "catalogue/ncp_file.h"
#include "catalogue/queries.h"
#include "core/acyear.h"
#include "core/arena.h"
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
static const char SQL_HOLIDAY[] =
	"INSERT INTO bank_holidays (day, division, title) VALUES ($1, $2, $3)";

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

/* A shipped catalogue, read and checked by ncp_file_read as an import's
 * file is, then written as catalogue_project_put writes one. */
static enum err load_catalogue(struct db *db, const char *file, int year)
{
	const struct embedded_file *f = embedded_find(file);
	if (!f)
		fatal("%s is not in the binary", file);
	struct arena *a = arena_new();
	struct ncp_file ncps;
	ncp_file_read(a, (const char *)f->data, f->len, year, &ncps);
	enum err e = ncps.nproblems || !ncps.nrows ? ERR_INVALID : catalogue_year_ensure(db, year);
	for (size_t i = 0; i < ncps.nproblems; i++)
		log_msg("error", "%s line %zu: %s", file, ncps.problems[i].line, ncps.problems[i].msg);
	char code[8];
	acyear_code(year, code);
	for (size_t i = 0; !e && i < ncps.nrows; i++) {
		enum ncp_outcome done;
		const char *was;
		e = catalogue_project_put(db, a, &ncps.rows[i], code, &done, &was);
	}
	arena_free(a);
	return e;
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
	enum err e = load_csv("data/hubs.csv", hub_cols, 3, load_hub, db);
	for (size_t i = 0; !e && i < ARRAY_LEN(catalogues); i++)
		e = load_catalogue(db, catalogues[i].file, catalogues[i].year);
	if (!e)
		e = load_bank_holidays(db);
	return e;
}
