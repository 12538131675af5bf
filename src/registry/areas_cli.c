/*
 * areas_cli.c - `mathshubs import-hub-areas FILE`: the real list of which
 * hub's area each local authority is in, as CSV "la_code,hub_code" with that
 * header (UTF-8, with or without a byte-order mark, or Windows-1252). Every
 * row is checked first (a local authority or hub code that does not exist,
 * a local authority twice, a row without both codes), and every problem is
 * reported with its line; then, only if there is none, one transaction
 * sets them all (no longer demo assignments), audits each change and the
 * import, and says what changed. Authorities not in the file keep their hub.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth/audit.h"
#include "cli.h"
#include "core/arena.h"
#include "core/encoding.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/csv.h"
#include "db/db.h"
#include "registry/areas.h"
#include "registry/areas_queries.h"

#define FILE_MAX (16 * 1024 * 1024)
#define ROWS_MAX 10000

struct import_row {
	size_t line;
	const char *la, *hub;
};

struct problem {
	size_t line; /* 0: of the whole file */
	size_t seq;  /* the order found */
	const char *msg;
};

struct import {
	struct arena *a;
	const char *file; /* its name, for the audit log */
	struct import_row *rows;
	size_t nrows;
	/* the problems found, by parse then import_write (those of the rows' shape first: nparse) */
	struct problem *errors;
	size_t nerrors, errors_cap, nparse;
	/* what import_write did */
	int changed, unchanged;
	int64_t demo_left;
};

static void problem(struct import *im, size_t line, const char *msg)
{
	if (im->nerrors == im->errors_cap)
		im->errors = im->errors ? arena_grow(im->a, im->errors, im->nerrors, im->errors_cap *= 2, sizeof(*im->errors))
					: arena_alloc(im->a, (im->errors_cap = 16) * sizeof(*im->errors));
	im->errors[im->nerrors] = (struct problem){line, im->nerrors, msg};
	im->nerrors++;
}

/* By line, and in the order found within a line. */
static int by_line(const void *x, const void *y)
{
	const struct problem *a = x, *b = y;
	return a->line != b->line ? (a->line > b->line) - (a->line < b->line) : (a->seq > b->seq) - (a->seq < b->seq);
}

/* The file's bytes, or NULL with a message printed. */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "mathshubs: import-hub-areas: cannot open %s\n", path);
		return NULL;
	}
	char *data = malloc(FILE_MAX + 1);
	*len = data ? fread(data, 1, FILE_MAX + 1, f) : 0;
	bool bad = !data || ferror(f) || *len > FILE_MAX;
	fclose(f);
	if (bad) {
		fprintf(stderr, "mathshubs: import-hub-areas: cannot read %s (at most 16 MB)\n", path);
		free(data);
		return NULL;
	}
	return data;
}

static bool header_is(const char *cell, const char *want)
{
	return !strcasecmp(cell, want);
}

/* The rows of the file (text, UTF-8): "la_code,hub_code" first, then one
 * row each. Problems of shape are reported as problem()s. */
static void parse(struct import *im, const char *text, size_t len)
{
	struct csv_record *recs;
	size_t n;
	char msg[128];
	enum err e = csv_records(im->a, text, len, ROWS_MAX + 1, &recs, &n, msg, sizeof(msg));
	if (e) {
		problem(im, 0, e == ERR_TOO_LARGE ? "the file has more than 10,000 rows" : msg);
		return;
	}
	if (!n || recs[0].n < 2 || !header_is(recs[0].fields[0], "la_code") || !header_is(recs[0].fields[1], "hub_code")) {
		problem(im, n ? recs[0].line : 1, "the first row must be the header la_code,hub_code");
		return;
	}
	im->rows = arena_alloc(im->a, n * sizeof(*im->rows));
	for (size_t i = 1; i < n; i++) {
		const struct csv_record *r = &recs[i];
		bool extra = false;
		for (size_t k = 2; k < r->n; k++)
			extra |= r->fields[k][0] != '\0';
		const char *la = r->n > 0 ? r->fields[0] : "", *hub = r->n > 1 ? r->fields[1] : "";
		if (extra)
			problem(im, r->line, "more than two values: a row is la_code,hub_code");
		else if (!la[0] || !hub[0])
			problem(im, r->line, "a row needs both a local authority code and a hub code");
		else {
			char *h = arena_strdup(im->a, hub);
			for (char *c = h; *c; c++)
				*c = (char)toupper((unsigned char)*c);
			im->rows[im->nrows++] = (struct import_row){r->line, la, h};
		}
	}
	if (!im->nrows && !im->nerrors)
		problem(im, recs[0].line, "the file has a header but no rows");
}

static const struct area_row *find_la(const struct area_row *las, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(las[i].code, code))
			return &las[i];
	return NULL;
}

/* Checks every row against the database, then (with no problem) writes. */
static enum err import_write(struct db *db, void *ctx)
{
	struct import *im = ctx;
	im->nerrors = im->nparse; /* those of a run rolled back go */
	im->changed = im->unchanged = 0;
	struct area_row *las;
	struct area_hub *hubs;
	size_t nlas, nhubs;
	enum err e;
	if ((e = area_all(db, im->a, &las, &nlas)) || (e = area_hubs(db, im->a, &hubs, &nhubs)))
		return e;
	for (size_t i = 0; i < im->nrows; i++) {
		const struct import_row *r = &im->rows[i];
		if (!find_la(las, nlas, r->la))
			problem(im, r->line, arena_printf(im->a, "no local authority has the code \"%s\"", r->la));
		bool hub = false;
		for (size_t k = 0; k < nhubs && !hub; k++)
			hub = !strcmp(hubs[k].code, r->hub);
		if (!hub)
			problem(im, r->line, arena_printf(im->a, "no hub has the code \"%s\"", r->hub));
		for (size_t k = 0; k < i; k++)
			if (!strcmp(im->rows[k].la, r->la)) {
				problem(im, r->line, arena_printf(im->a, "local authority %s is on line %zu too", r->la, im->rows[k].line));
				break;
			}
	}
	if (im->nerrors)
		return ERR_OK; /* nothing written */
	int64_t now = clock_now();
	for (size_t i = 0; i < im->nrows; i++) {
		const struct import_row *r = &im->rows[i];
		const struct area_row *la = find_la(las, nlas, r->la);
		int64_t hub_id = 0;
		for (size_t k = 0; k < nhubs; k++)
			if (!strcmp(hubs[k].code, r->hub))
				hub_id = hubs[k].id;
		if (la->hub_id == hub_id && !la->demo) {
			im->unchanged++;
			continue;
		}
		const char *detail = arena_printf(im->a, "%s -> %s%s: from the file %s", la->hub_code[0] ? la->hub_code : "no hub", r->hub,
						  la->demo ? " (was a demo assignment)" : "", im->file);
		if ((e = area_set(db, la->code, hub_id, 0, now)) ||
		    (e = audit(db, NULL, 0, "hub_area_changed", arena_printf(im->a, "la:%s", la->code), detail)))
			return e;
		im->changed++;
	}
	im->demo_left = 0;
	for (size_t i = 0; i < nlas; i++) {
		bool in_file = false;
		for (size_t k = 0; k < im->nrows && !in_file; k++)
			in_file = !strcmp(im->rows[k].la, las[i].code);
		im->demo_left += las[i].demo && !in_file;
	}
	return audit(db, NULL, 0, "hub_areas_imported", arena_printf(im->a, "file:%s", im->file),
		     arena_printf(im->a, "%zu rows: %d changed, %d unchanged; %lld local authorities still have a demo assignment",
				  im->nrows, im->changed, im->unchanged, (long long)im->demo_left));
}

int areas_import_command(int argc, char **argv)
{
	const char *pos[1];
	size_t npos;
	struct config cfg;
	struct db *db = NULL;
	int rc = cli_open("import-hub-areas", argc, argv, NULL, 0, pos, 1, &npos, &cfg, &db);
	if (rc)
		return rc;
	struct import im = {.a = arena_new()};
	size_t len = 0;
	char *data = NULL;
	if (npos != 1) {
		fprintf(stderr, "mathshubs: import-hub-areas needs the file: mathshubs import-hub-areas FILE (CSV: la_code,hub_code)\n");
		rc = 2;
		goto out;
	}
	const char *slash = strrchr(pos[0], '/');
	im.file = slash ? slash + 1 : pos[0];
	rc = 1;
	if (!(data = read_file(pos[0], &len)))
		goto out;
	enum charset cs;
	size_t tlen;
	const char *text = charset_to_utf8(im.a, data, len, &tlen, &cs);
	if (!text) {
		fprintf(stderr, "mathshubs: import-hub-areas: %s is not a CSV file we can read: save it as CSV (UTF-8 or Windows-1252)\n", pos[0]);
		goto out;
	}
	parse(&im, text, tlen);
	im.nparse = im.nerrors;
	enum err e = db_transact(db, DB_WRITE, import_write, &im); /* checks the rows read, and writes only without a problem */
	if (e) {
		fprintf(stderr, "mathshubs: import-hub-areas: %s; nothing was written\n", err_str(e));
		goto out;
	}
	if (im.nerrors) {
		qsort(im.errors, im.nerrors, sizeof(*im.errors), by_line);
		for (size_t i = 0; i < im.nerrors; i++)
			if (im.errors[i].line)
				fprintf(stderr, "%s line %zu: %s\n", pos[0], im.errors[i].line, im.errors[i].msg);
			else
				fprintf(stderr, "%s: %s\n", pos[0], im.errors[i].msg);
		fprintf(stderr, "mathshubs: import-hub-areas: %zu problem%s in %s; nothing was written\n", im.nerrors,
			im.nerrors == 1 ? "" : "s", pos[0]);
		goto out;
	}
	printf("Imported %s: %zu local authorit%s, %d changed, %d unchanged.\n", pos[0], im.nrows, im.nrows == 1 ? "y" : "ies",
	       im.changed, im.unchanged);
	if (im.demo_left)
		printf("%lld local authorit%s not in the file still %s a demo assignment.\n", (long long)im.demo_left,
		       im.demo_left == 1 ? "y" : "ies", im.demo_left == 1 ? "has" : "have");
	rc = 0;
out:
	free(data);
	arena_free(im.a);
	db_close(db);
	return rc;
}
