/*
 * test_refdata.c - the reference data loaded by the migrations, read back
 * through the catalogue's queries (catalogue/queries.h) and plain SQL, and
 * compared with the shipped files read independently here: data/hubs.csv
 * and data/ncps-2024-25.csv with a small RFC 4180 reader of this test's own,
 * data/bank-holidays.json with jansson. Facts hard-coded below were checked
 * by reading those files (40 hubs in 9 regions; 34 projects for 2024/25).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "catalogue/queries.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "routes.h"
#include "unit_util.h"

/* ---- an independent CSV reader (RFC 4180: quotes, "" escapes) ---- */

#define MAX_ROWS 64
#define MAX_COLS 8

struct table {
	char *cells[MAX_ROWS][MAX_COLS];
	size_t ncols[MAX_ROWS];
	size_t nrows; /* including the header */
};

static void table_read(const char *rel, struct table *t)
{
	char path[1024];
	unit_source_path(rel, path, sizeof(path));
	size_t len = 0;
	char *data = unit_read_file(path, &len);
	if (!data) {
		fail_msg("cannot read %s", path);
		return;
	}
	memset(t, 0, sizeof(*t));
	char field[1024];
	size_t fl = 0, col = 0;
	bool quoted = false, any = false;
	for (size_t i = 0; i <= len; i++) {
		char c = i < len ? data[i] : '\n';
		if (quoted) {
			if (c == '"' && i + 1 < len && data[i + 1] == '"')
				field[fl++] = '"', i++;
			else if (c == '"')
				quoted = false;
			else
				field[fl++] = c;
		} else if (c == '"') {
			quoted = true;
			any = true;
		} else if (c == ',' || c == '\n') {
			if (c == '\n' && col == 0 && fl == 0 && !any)
				continue; /* blank line or final newline */
			assert_true(t->nrows < MAX_ROWS && col < MAX_COLS && fl < sizeof(field));
			field[fl] = '\0';
			t->cells[t->nrows][col++] = strdup(field);
			fl = 0;
			any = false;
			if (c == '\n') {
				t->ncols[t->nrows++] = col;
				col = 0;
			}
		} else if (c != '\r') {
			field[fl++] = c;
			any = true;
		}
		assert_true(fl < sizeof(field));
	}
	free(data);
}

static void table_free(struct table *t)
{
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols[r]; c++)
			free(t->cells[r][c]);
}

static size_t table_col(const struct table *t, const char *name)
{
	for (size_t c = 0; c < t->ncols[0]; c++)
		if (!strcmp(t->cells[0][c], name))
			return c;
	fail_msg("no column %s", name);
	return 0;
}

/* ---- fixture: one migrated database for the whole group ---- */

static struct {
	char dir[256];
	struct db *db;
	struct table hubs, ncps;
} fx;

static int group_setup(void **state)
{
	(void)state;
	if (unit_tmpdir_make(fx.dir))
		return -1;
	char path[512], msg[512] = "";
	snprintf(path, sizeof(path), "%s/refdata.db", fx.dir);
	if (db_open(DB_SQLITE, path, &fx.db, msg, sizeof(msg))) {
		fprintf(stderr, "db_open: %s\n", msg);
		return -1;
	}
	int applied;
	if (routes_migrate(fx.db, &applied, msg, sizeof(msg))) {
		fprintf(stderr, "migrate_run: %s\n", msg);
		return -1;
	}
	table_read("data/hubs.csv", &fx.hubs);
	table_read("data/ncps-2024-25.csv", &fx.ncps);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	table_free(&fx.hubs);
	table_free(&fx.ncps);
	db_close(fx.db);
	unit_tmpdir_remove(fx.dir);
	return 0;
}

static int setup(void **state)
{
	*state = arena_new();
	return 0;
}

static int teardown(void **state)
{
	arena_free(*state);
	return 0;
}

static int64_t query_int(const char *sql)
{
	struct db_stmt *st = db_prepare(fx.db, sql);
	assert_non_null(st);
	assert_int_equal(db_step(st), 1);
	int64_t v = db_col_int(st, 0);
	assert_int_equal(db_step(st), 0);
	return v;
}

/* ---- hubs ---- */

static void test_our_reader_sees_the_files(void **state)
{
	(void)state;
	/* header + 40 hubs; header + 34 projects */
	assert_int_equal(fx.hubs.nrows, 41);
	assert_int_equal(fx.ncps.nrows, 35);
	for (size_t r = 0; r < fx.hubs.nrows; r++)
		assert_int_equal(fx.hubs.ncols[r], 3);
	for (size_t r = 0; r < fx.ncps.nrows; r++)
		assert_int_equal(fx.ncps.ncols[r], 5);
}

static void test_hub_and_region_counts(void **state)
{
	struct arena *a = *state;
	struct hub *hubs;
	size_t n;
	assert_int_equal(catalogue_hubs(fx.db, a, &hubs, &n), ERR_OK);
	assert_int_equal(n, 40);
	assert_int_equal(n, fx.hubs.nrows - 1);
	static const char SQL_REGIONS[] = "SELECT count(*) FROM regions";
	assert_int_equal(query_int(SQL_REGIONS), 9);
	/* the distinct regions of the file */
	size_t region = table_col(&fx.hubs, "region"), distinct = 0;
	for (size_t r = 1; r < fx.hubs.nrows; r++) {
		bool seen = false;
		for (size_t q = 1; q < r; q++)
			seen |= !strcmp(fx.hubs.cells[q][region], fx.hubs.cells[r][region]);
		distinct += !seen;
	}
	assert_int_equal(distinct, 9);
}

static void test_hubs_match_file(void **state)
{
	struct arena *a = *state;
	size_t code = table_col(&fx.hubs, "code"), name = table_col(&fx.hubs, "name"),
	       region = table_col(&fx.hubs, "region");
	for (size_t r = 1; r < fx.hubs.nrows; r++) {
		struct hub h;
		memset(&h, 0, sizeof(h));
		enum err e = catalogue_hub(fx.db, a, fx.hubs.cells[r][code], &h);
		if (e)
			fail_msg("hub %s: %d", fx.hubs.cells[r][code], e);
		assert_string_equal(h.code, fx.hubs.cells[r][code]);
		assert_string_equal(h.name, fx.hubs.cells[r][name]);
		assert_string_equal(h.region, fx.hubs.cells[r][region]);
	}
}

static void test_known_hubs(void **state)
{
	struct arena *a = *state;
	struct hub h;
	assert_int_equal(catalogue_hub(fx.db, a, "SW4", &h), ERR_OK);
	assert_string_equal(h.name, "GLOW");
	assert_string_equal(h.region, "South West");
	/* a quoted field with a comma in the file */
	assert_int_equal(catalogue_hub(fx.db, a, "SE1", &h), ERR_OK);
	assert_string_equal(h.name, "Bucks, Berks and Oxon");
	assert_string_equal(h.region, "South East");
	assert_int_equal(catalogue_hub(fx.db, a, "YH3", &h), ERR_OK);
	assert_string_equal(h.name, "Yorkshire and The Humber");
	assert_string_equal(h.region, "Yorkshire and the Humber");
}

static void test_unknown_hub_not_found(void **state)
{
	struct arena *a = *state;
	struct hub h;
	assert_int_equal(catalogue_hub(fx.db, a, "ZZ9", &h), ERR_NOT_FOUND);
	assert_int_equal(catalogue_hub(fx.db, a, "", &h), ERR_NOT_FOUND);
	assert_int_equal(catalogue_hub(fx.db, a, "SW4' OR '1'='1", &h), ERR_NOT_FOUND);
}

static void test_hubs_ordered_by_region_then_code(void **state)
{
	struct arena *a = *state;
	struct hub *hubs;
	size_t n;
	assert_int_equal(catalogue_hubs(fx.db, a, &hubs, &n), ERR_OK);
	assert_true(n > 1);
	for (size_t i = 1; i < n; i++) {
		int rc = strcmp(hubs[i - 1].region, hubs[i].region);
		if (rc > 0 || (rc == 0 && strcmp(hubs[i - 1].code, hubs[i].code) >= 0))
			fail_msg("%s (%s) before %s (%s)", hubs[i - 1].code, hubs[i - 1].region,
				 hubs[i].code, hubs[i].region);
	}
	assert_string_equal(hubs[0].region, "East Midlands");
	assert_string_equal(hubs[0].code, "EM1");
	assert_string_equal(hubs[n - 1].code, "YH4");
}

/* ---- projects ---- */

static const struct project *find_project(const struct project *ps, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(ps[i].code, code))
			return &ps[i];
	return NULL;
}

static void test_projects_all_2024_25(void **state)
{
	struct arena *a = *state;
	struct project_filter f;
	memset(&f, 0, sizeof(f));
	struct project *ps;
	size_t n;
	assert_int_equal(catalogue_projects(fx.db, a, &f, &ps, &n), ERR_OK);
	assert_int_equal(n, 34);
	assert_int_equal(n, fx.ncps.nrows - 1);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(ps[i].year, "2024/25");
	const char **years;
	size_t ny;
	assert_int_equal(catalogue_years(fx.db, a, &years, &ny), ERR_OK);
	assert_int_equal(ny, 1);
	assert_string_equal(years[0], "2024/25");
	static const char SQL_BOUNDS[] =
		"SELECT starts_on || ' ' || ends_on FROM academic_years WHERE code = '2024/25'";
	struct db_stmt *st = db_prepare(fx.db, SQL_BOUNDS);
	assert_non_null(st);
	assert_int_equal(db_step(st), 1);
	assert_string_equal(db_col_text(st, 0), "2024-09-01 2025-08-31");
	assert_int_equal(db_step(st), 0);
}

static void test_projects_match_file(void **state)
{
	struct arena *a = *state;
	struct project_filter f;
	memset(&f, 0, sizeof(f));
	struct project *ps;
	size_t n;
	assert_int_equal(catalogue_projects(fx.db, a, &f, &ps, &n), ERR_OK);
	size_t code = table_col(&fx.ncps, "code"), title = table_col(&fx.ncps, "title"),
	       kind = table_col(&fx.ncps, "kind"), phases = table_col(&fx.ncps, "phases"),
	       llme = table_col(&fx.ncps, "develops_llmes");
	static const char *const order[] = {"Primary", "Secondary", "Post-16"};
	for (size_t r = 1; r < fx.ncps.nrows; r++) {
		const struct project *p = find_project(ps, n, fx.ncps.cells[r][code]);
		if (!p) {
			fail_msg("project %s missing", fx.ncps.cells[r][code]);
			return;
		}
		assert_string_equal(p->title, fx.ncps.cells[r][title]);
		assert_string_equal(p->kind, fx.ncps.cells[r][kind]);
		assert_int_equal(p->develops_llmes, !strcmp(fx.ncps.cells[r][llme], "yes"));
		/* phases: those named in the file, in the order Primary, Secondary, Post-16 */
		const char *want[3];
		size_t nw = 0;
		for (size_t k = 0; k < 3; k++) {
			/* the file separates phases with ';' */
			char list[128];
			snprintf(list, sizeof(list), ";%s;", fx.ncps.cells[r][phases]);
			char needle[32];
			snprintf(needle, sizeof(needle), ";%s;", order[k]);
			if (strstr(list, needle))
				want[nw++] = order[k];
		}
		assert_int_equal(p->nphases, nw);
		for (size_t k = 0; k < nw; k++)
			assert_string_equal(p->phases[k], want[k]);
		/* and the single lookup agrees */
		struct project one;
		assert_int_equal(catalogue_project(fx.db, a, p->code, &one), ERR_OK);
		assert_string_equal(one.title, p->title);
		assert_int_equal(one.nphases, p->nphases);
	}
}

static void test_projects_ordered_by_code(void **state)
{
	struct arena *a = *state;
	struct project_filter f;
	memset(&f, 0, sizeof(f));
	struct project *ps;
	size_t n;
	assert_int_equal(catalogue_projects(fx.db, a, &f, &ps, &n), ERR_OK);
	for (size_t i = 1; i < n; i++)
		assert_true(strcmp(ps[i - 1].code, ps[i].code) < 0);
	assert_string_equal(ps[0].code, "NCP24-01");
	assert_string_equal(ps[n - 1].code, "NCP24-33");
}

static void test_known_projects(void **state)
{
	struct arena *a = *state;
	struct project p;
	assert_int_equal(catalogue_project(fx.db, a, "NCP24-04", &p), ERR_OK);
	assert_string_equal(p.title, "NCETM Professional Development Lead Programmes");
	assert_string_equal(p.kind, "Programme");
	assert_true(p.develops_llmes);
	assert_int_equal(p.nphases, 3);
	assert_string_equal(p.phases[0], "Primary");
	assert_string_equal(p.phases[1], "Secondary");
	assert_string_equal(p.phases[2], "Post-16");

	assert_int_equal(catalogue_project(fx.db, a, "NCP24-20", &p), ERR_OK);
	assert_non_null(strstr(p.title, "\xE2\x80\x93")); /* en dash U+2013 */
	assert_true(!strncmp(p.title, "Cross Phase \xE2\x80\x93 Supporting Low Attainers", 40));
	assert_false(p.develops_llmes);
	assert_int_equal(p.nphases, 2);
	assert_string_equal(p.phases[0], "Secondary");
	assert_string_equal(p.phases[1], "Post-16");

	assert_int_equal(catalogue_project(fx.db, a, "NCP24-07a", &p), ERR_OK);
	assert_string_equal(p.kind, "Work Group");
	assert_int_equal(catalogue_project(fx.db, a, "NCP24-33", &p), ERR_OK);
	assert_string_equal(p.kind, "Targeted Support");
}

static void test_unknown_project_not_found(void **state)
{
	struct arena *a = *state;
	struct project p;
	assert_int_equal(catalogue_project(fx.db, a, "NCP24-17", &p), ERR_NOT_FOUND); /* no 17 */
	assert_int_equal(catalogue_project(fx.db, a, "NCP24-99", &p), ERR_NOT_FOUND);
}

/* Counts the projects of the file that pass the filter (OR within a list,
 * AND between lists), for comparison with the query. */
static size_t file_count(const struct project_filter *f)
{
	size_t kind = table_col(&fx.ncps, "kind"), phases = table_col(&fx.ncps, "phases");
	size_t n = 0;
	for (size_t r = 1; r < fx.ncps.nrows; r++) {
		bool year_ok = f->nyears == 0, kind_ok = f->nkinds == 0, phase_ok = f->nphases == 0;
		for (size_t i = 0; i < f->nyears; i++)
			year_ok |= !strcmp(f->years[i], "2024/25");
		for (size_t i = 0; i < f->nkinds; i++)
			kind_ok |= !strcmp(f->kinds[i], fx.ncps.cells[r][kind]);
		for (size_t i = 0; i < f->nphases; i++) {
			char list[128], needle[32];
			snprintf(list, sizeof(list), ";%s;", fx.ncps.cells[r][phases]);
			snprintf(needle, sizeof(needle), ";%s;", f->phases[i]);
			phase_ok |= strstr(list, needle) != NULL;
		}
		n += year_ok && kind_ok && phase_ok;
	}
	return n;
}

static size_t query_count(struct arena *a, const struct project_filter *f)
{
	struct project *ps;
	size_t n;
	assert_int_equal(catalogue_projects(fx.db, a, f, &ps, &n), ERR_OK);
	/* each result really passes the filter */
	for (size_t i = 0; i < n; i++) {
		bool kind_ok = f->nkinds == 0, phase_ok = f->nphases == 0;
		for (size_t k = 0; k < f->nkinds; k++)
			kind_ok |= !strcmp(f->kinds[k], ps[i].kind);
		for (size_t k = 0; k < f->nphases; k++)
			for (size_t j = 0; j < ps[i].nphases; j++)
				phase_ok |= !strcmp(f->phases[k], ps[i].phases[j]);
		assert_true(kind_ok && phase_ok);
		/* a phase filter does not cut the project's other phases */
		struct project whole;
		assert_int_equal(catalogue_project(fx.db, a, ps[i].code, &whole), ERR_OK);
		assert_int_equal(ps[i].nphases, whole.nphases);
	}
	return n;
}

static void test_filter_by_phase(void **state)
{
	struct arena *a = *state;
	struct project_filter f = {.phases = {"Post-16"}, .nphases = 1};
	assert_int_equal(query_count(a, &f), 7);
	assert_int_equal(file_count(&f), 7);
	f.phases[0] = "Primary";
	assert_int_equal(query_count(a, &f), 18);
	f.phases[0] = "Secondary";
	assert_int_equal(query_count(a, &f), 18);
	struct project_filter g = {.phases = {"Primary", "Post-16"}, .nphases = 2};
	assert_int_equal(query_count(a, &g), 23);
	assert_int_equal(file_count(&g), 23);
	struct project_filter all = {.phases = {"Primary", "Secondary", "Post-16"}, .nphases = 3};
	assert_int_equal(query_count(a, &all), 34);
}

static void test_filter_by_kind(void **state)
{
	struct arena *a = *state;
	struct project_filter f = {.kinds = {"Community"}, .nkinds = 1};
	assert_int_equal(query_count(a, &f), 5);
	assert_int_equal(file_count(&f), 5);
	f.kinds[0] = "Programme";
	assert_int_equal(query_count(a, &f), 14);
	f.kinds[0] = "Work Group";
	assert_int_equal(query_count(a, &f), 14);
	f.kinds[0] = "Targeted Support";
	assert_int_equal(query_count(a, &f), 1);
	struct project_filter g = {.kinds = {"Community", "Targeted Support"}, .nkinds = 2};
	assert_int_equal(query_count(a, &g), 6);
	assert_int_equal(file_count(&g), 6);
}

static void test_filter_combined(void **state)
{
	struct arena *a = *state;
	struct project_filter f = {
		.kinds = {"Work Group"}, .nkinds = 1, .phases = {"Secondary"}, .nphases = 1};
	assert_int_equal(query_count(a, &f), 6);
	assert_int_equal(file_count(&f), 6);
	struct project_filter g = {.years = {"2024/25"}, .nyears = 1, .kinds = {"Programme"},
				   .nkinds = 1, .phases = {"Post-16"}, .nphases = 1};
	assert_int_equal(query_count(a, &g), 4);
	assert_int_equal(file_count(&g), 4);
	/* all kinds and phases crossed: against the file each time */
	static const char *const kinds[] = {"Work Group", "Programme", "Community", "Targeted Support"};
	static const char *const phases[] = {"Primary", "Secondary", "Post-16"};
	for (size_t k = 0; k < 4; k++)
		for (size_t p = 0; p < 3; p++) {
			struct project_filter h = {.kinds = {kinds[k]}, .nkinds = 1,
						   .phases = {phases[p]}, .nphases = 1};
			assert_int_equal(query_count(a, &h), file_count(&h));
		}
}

static void test_filter_by_year(void **state)
{
	struct arena *a = *state;
	struct project_filter f = {.years = {"2024/25"}, .nyears = 1};
	assert_int_equal(query_count(a, &f), 34);
	f.years[0] = "2023/24";
	assert_int_equal(query_count(a, &f), 0);
	struct project_filter g = {.years = {"2023/24", "2024/25"}, .nyears = 2};
	assert_int_equal(query_count(a, &g), 34);
	struct project_filter h = {.kinds = {"No Such Kind"}, .nkinds = 1};
	assert_int_equal(query_count(a, &h), 0);
}

/* ---- bank holidays ---- */

static void test_bank_holidays_per_year(void **state)
{
	(void)state;
	static const char SQL_YEAR_COUNT[] =
		"SELECT count(*) FROM bank_holidays WHERE division = 'england-and-wales' "
		"AND day >= $1 AND day <= $2";
	for (int y = 2024; y <= 2027; y++) {
		char first[16], last[16];
		snprintf(first, sizeof(first), "%d-01-01", y);
		snprintf(last, sizeof(last), "%d-12-31", y);
		struct db_stmt *st = db_prepare(fx.db, SQL_YEAR_COUNT);
		assert_non_null(st);
		assert_int_equal(db_bind_text(st, 1, first), ERR_OK);
		assert_int_equal(db_bind_text(st, 2, last), ERR_OK);
		assert_int_equal(db_step(st), 1);
		if (db_col_int(st, 0) != 8)
			fail_msg("%d: %lld bank holidays, expected 8", y, (long long)db_col_int(st, 0));
		assert_int_equal(db_step(st), 0);
	}
}

static void test_bank_holiday_substitute_day(void **state)
{
	(void)state;
	static const char SQL_DAY[] =
		"SELECT title FROM bank_holidays WHERE division = 'england-and-wales' AND day = $1";
	struct db_stmt *st = db_prepare(fx.db, SQL_DAY);
	assert_non_null(st);
	/* 26 December 2026 is a Saturday: Boxing Day moves to Monday 28th */
	assert_int_equal(db_bind_text(st, 1, "2026-12-28"), ERR_OK);
	assert_int_equal(db_step(st), 1);
	assert_string_equal(db_col_text(st, 0), "Boxing Day");
	assert_int_equal(db_step(st), 0);
	st = db_prepare(fx.db, SQL_DAY);
	assert_int_equal(db_bind_text(st, 1, "2026-12-26"), ERR_OK);
	assert_int_equal(db_step(st), 0);
	st = db_prepare(fx.db, SQL_DAY);
	assert_int_equal(db_bind_text(st, 1, "2025-12-25"), ERR_OK);
	assert_int_equal(db_step(st), 1);
	assert_string_equal(db_col_text(st, 0), "Christmas Day");
	assert_int_equal(db_step(st), 0);
}

static void test_bank_holidays_match_json(void **state)
{
	(void)state;
	char path[1024];
	unit_source_path("data/bank-holidays.json", path, sizeof(path));
	json_error_t jerr;
	json_t *root = json_load_file(path, 0, &jerr);
	if (!root)
		fail_msg("%s: %s", path, jerr.text);
	json_t *events = json_object_get(json_object_get(root, "england-and-wales"), "events");
	assert_true(json_is_array(events));
	static const char SQL_TOTAL[] =
		"SELECT count(*) FROM bank_holidays WHERE division = 'england-and-wales'";
	assert_int_equal(query_int(SQL_TOTAL), (int64_t)json_array_size(events));
	static const char SQL_ONE[] =
		"SELECT title FROM bank_holidays WHERE division = 'england-and-wales' AND day = $1";
	size_t i;
	json_t *ev;
	json_array_foreach(events, i, ev) {
		const char *day = json_string_value(json_object_get(ev, "date"));
		const char *title = json_string_value(json_object_get(ev, "title"));
		assert_non_null(day);
		assert_non_null(title);
		struct db_stmt *st = db_prepare(fx.db, SQL_ONE);
		assert_int_equal(db_bind_text(st, 1, day), ERR_OK);
		if (db_step(st) != 1)
			fail_msg("%s missing", day);
		assert_string_equal(db_col_text(st, 0), title);
		assert_int_equal(db_step(st), 0);
	}
	json_decref(root);
}

int main(void)
{
	log_set_quiet(1);
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_our_reader_sees_the_files),
		T(test_hub_and_region_counts),
		T(test_hubs_match_file),
		T(test_known_hubs),
		T(test_unknown_hub_not_found),
		T(test_hubs_ordered_by_region_then_code),
		T(test_projects_all_2024_25),
		T(test_projects_match_file),
		T(test_projects_ordered_by_code),
		T(test_known_projects),
		T(test_unknown_project_not_found),
		T(test_filter_by_phase),
		T(test_filter_by_kind),
		T(test_filter_combined),
		T(test_filter_by_year),
		T(test_bank_holidays_per_year),
		T(test_bank_holiday_substitute_day),
		T(test_bank_holidays_match_json),
	};
#undef T
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
