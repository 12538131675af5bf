/*
 * import_cli.c - `mathshubs import-catalogue FILE YEAR`: a later year's NCP
 * catalogue from a CSV file in the layout of data/ncps-2024-25.csv (UTF-8,
 * with or without a byte-order mark, or Windows-1252), for the academic
 * year starting in YEAR (2026, or 2026/27). Every row is checked first, by
 * the rules the shipped catalogue is loaded by (ncp_file.h), and every
 * problem reported with its line; only a file without one is written, in
 * one transaction: the academic year (1 September to 31 August) if it is
 * new, each project added or, where its title, kind, phases or
 * develops_llmes differ, changed, and the import audited. A project added
 * takes its teaching for mastery setting (project_tfm) from the NCP of
 * its number in the latest earlier year (inherit_setting).
 *
 * The file is the year's whole catalogue: a project of the year that is
 * not in it is deleted when nothing refers to it (a code mistyped in an
 * earlier file), and kept, and reported with what refers to it, when
 * anything does (an event, a project lead's role, ... : every foreign key
 * to projects in the schema, catalogue_project_refs). A second run of the
 * same file changes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activities/journey.h"
#include "auth/audit.h"
#include "catalogue/catalogue.h"
#include "catalogue/ncp_file.h"
#include "catalogue/queries.h"
#include "cli.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/encoding.h"
#include "db/db.h"

#define CMD "import-catalogue"
#define FILE_MAX (4 * 1024 * 1024)

struct catalogue_import {
	struct arena *a;
	const char *path, *file; /* as given, for messages; its name, for the audit log */
	int year;
	char code[8]; /* "2026/27" */
	struct ncp_file ncps;
	/* what catalogue_import_write did (or found: conflicts, then nothing is written) */
	int added, changed, unchanged;
	const char *changes, *removed, *kept, *conflicts; /* "" when none */
	size_t nremoved, nkept;
};

static const char *join(struct arena *a, const char *list, const char *item)
{
	return arena_printf(a, "%s%s%s", list, list[0] ? "; " : "", item);
}

/* The projects of the year that are not in the file: deleted, or kept
 * when anything refers to them. */
static enum err missing(struct db *db, struct catalogue_import *im)
{
	struct project_id *ps;
	size_t n;
	enum err e = catalogue_year_projects(db, im->a, im->code, &ps, &n);
	for (size_t i = 0; !e && i < n; i++) {
		bool in_file = false;
		for (size_t k = 0; k < im->ncps.nrows && !in_file; k++)
			in_file = !strcmp(im->ncps.rows[k].code, ps[i].code);
		if (in_file)
			continue;
		const char *refs;
		if ((e = catalogue_project_refs(db, im->a, ps[i].id, &refs)))
			break;
		if (refs) {
			im->kept = join(im->a, im->kept, arena_printf(im->a, "%s (%s)", ps[i].code, refs));
			im->nkept++;
		} else if (!(e = catalogue_project_delete(db, ps[i].id))) {
			im->removed = join(im->a, im->removed, ps[i].code);
			im->nremoved++;
		}
	}
	return e;
}

/* A new NCP's teaching for mastery setting (project_tfm): that of the
 * same-numbered NCP of the latest earlier year (NCP25-10 gives NCP26-10
 * its stage, as the national team last set it); with none so numbered,
 * the seeded one (journey_default_setting). Set by the national team at
 * /projects/{code}/teaching-for-mastery after. */
static enum err inherit_setting(struct db *db, struct catalogue_import *im, const char *code)
{
	bool found;
	const char *path, *stage, *engagement;
	enum err e = catalogue_tfm_inherit(db, im->a, code, im->year, &found, &path, &stage, &engagement);
	if (e)
		return e;
	if (!found) {
		struct tfm_setting t = journey_default_setting(code);
		path = tfm_path_key(t.path), stage = tfm_stage_key(t.stage), engagement = tfm_engagement_key(t.engagement);
	}
	if (!stage && (!engagement || !strcmp(engagement, "none")))
		return ERR_OK; /* no stage, not counted: no row, as the seed has none */
	return catalogue_tfm_set(db, code, path, stage, engagement, clock_now());
}

static enum err catalogue_import_write(struct db *db, void *ctx)
{
	struct catalogue_import *im = ctx;
	im->added = im->changed = im->unchanged = 0;
	im->changes = im->removed = im->kept = im->conflicts = "";
	im->nremoved = im->nkept = 0;
	enum err e = catalogue_year_ensure(db, im->year);
	for (size_t i = 0; !e && i < im->ncps.nrows; i++) {
		const struct ncp_row *r = &im->ncps.rows[i];
		enum ncp_outcome done;
		const char *was;
		e = catalogue_project_put(db, im->a, r, im->code, &done, &was);
		if (e == ERR_CONFLICT) {
			im->conflicts = arena_printf(im->a, "%s%s line %zu: code %s is a project of another academic year\n",
						     im->conflicts, im->path, r->line, r->code);
			e = ERR_OK;
			continue;
		}
		if (!e && done == NCP_ADDED)
			e = inherit_setting(db, im, r->code);
		im->added += !e && done == NCP_ADDED;
		im->unchanged += !e && done == NCP_UNCHANGED;
		if (!e && done == NCP_CHANGED) {
			im->changed++;
			im->changes = join(im->a, im->changes, arena_printf(im->a, "%s was %s", r->code, was));
		}
	}
	if (!e && im->conflicts[0])
		return ERR_CONFLICT; /* rolled back: nothing written */
	if (e || (e = missing(db, im)) || (e = catalogue_year_sktm(db, im->year)))
		return e;
	const char *detail = arena_printf(im->a, "%s: %zu projects in the file: %d added, %d changed, %d unchanged", im->code,
					  im->ncps.nrows, im->added, im->changed, im->unchanged);
	if (im->changes[0])
		detail = arena_printf(im->a, "%s. Changed: %s", detail, im->changes);
	if (im->removed[0])
		detail = arena_printf(im->a, "%s. Not in the file, deleted: %s", detail, im->removed);
	if (im->kept[0])
		detail = arena_printf(im->a, "%s. Not in the file, kept as they are referred to: %s", detail, im->kept);
	return audit(db, NULL, 0, "catalogue_imported", arena_printf(im->a, "file:%s", im->file), detail);
}

/* The file's bytes, or NULL with a message printed. */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "mathshubs: " CMD ": cannot open %s\n", path);
		return NULL;
	}
	char *data = malloc(FILE_MAX + 1);
	*len = data ? fread(data, 1, FILE_MAX + 1, f) : 0;
	bool bad = !data || ferror(f) || *len > FILE_MAX;
	fclose(f);
	if (bad) {
		fprintf(stderr, "mathshubs: " CMD ": cannot read %s (at most 4 MB)\n", path);
		free(data);
		return NULL;
	}
	return data;
}

/* "2026" or "2026/27", from 2000 to 2098; false if neither. */
static bool read_year(const char *s, int *year)
{
	char *end;
	long y = strtol(s, &end, 10);
	if (!*end && end != s)
		*year = (int)y;
	else if (!acyear_parse(s, year))
		return false;
	return *year >= 2000 && *year <= 2098;
}

int catalogue_import_command(int argc, char **argv)
{
	const char *pos[2];
	size_t npos;
	struct config cfg;
	struct db *db = NULL;
	int rc = cli_open(CMD, argc, argv, NULL, 0, pos, 2, &npos, &cfg, &db);
	if (rc)
		return rc;
	struct catalogue_import im = {.a = arena_new()};
	char *data = NULL;
	if (npos == 2 && !read_year(pos[1], &im.year)) {
		fprintf(stderr, "mathshubs: " CMD ": \"%s\" is not an academic year: give the year it starts in, as 2026 for "
				"2026/27 (from 2000 to 2098)\n", pos[1]);
		rc = 2;
		goto out;
	}
	if (npos != 2) {
		fprintf(stderr, "mathshubs: " CMD " needs the file and the academic year it is for: mathshubs " CMD
				" FILE YEAR (YEAR 2026 or 2026/27 for 2026/27; the file: code,title,kind,phases,develops_llmes)\n");
		rc = 2;
		goto out;
	}
	acyear_code(im.year, im.code);
	const char *slash = strrchr(pos[0], '/');
	im.file = slash ? slash + 1 : pos[0];
	im.path = pos[0];
	rc = 1;
	size_t len = 0;
	if (!(data = read_file(pos[0], &len)))
		goto out;
	enum charset cs;
	size_t tlen;
	const char *text = charset_to_utf8(im.a, data, len, &tlen, &cs);
	if (!text) {
		fprintf(stderr, "mathshubs: " CMD ": %s is not a CSV file we can read: save it as CSV (UTF-8 or Windows-1252)\n",
			pos[0]);
		goto out;
	}
	ncp_file_read(im.a, text, tlen, im.year, &im.ncps);
	if (im.ncps.nproblems) {
		for (size_t i = 0; i < im.ncps.nproblems; i++)
			if (im.ncps.problems[i].line)
				fprintf(stderr, "%s line %zu: %s\n", pos[0], im.ncps.problems[i].line, im.ncps.problems[i].msg);
			else
				fprintf(stderr, "%s: %s\n", pos[0], im.ncps.problems[i].msg);
		fprintf(stderr, "mathshubs: " CMD ": %zu problem%s in %s; nothing was written\n", im.ncps.nproblems,
			im.ncps.nproblems == 1 ? "" : "s", pos[0]);
		goto out;
	}
	enum err e = db_transact(db, DB_WRITE, catalogue_import_write, &im);
	if (e == ERR_CONFLICT) {
		fputs(im.conflicts, stderr);
		fprintf(stderr, "mathshubs: " CMD ": codes of another year in %s; nothing was written\n", pos[0]);
		goto out;
	}
	if (e) {
		fprintf(stderr, "mathshubs: " CMD ": %s; nothing was written\n", err_str(e));
		goto out;
	}
	printf("Imported %s: %s, %zu projects: %d added, %d changed, %d unchanged.\n", pos[0], im.code, im.ncps.nrows,
	       im.added, im.changed, im.unchanged);
	if (im.changes[0])
		printf("Changed (what they were): %s.\n", im.changes);
	if (im.nremoved)
		printf("Not in the file, deleted (nothing referred to %s): %s.\n", im.nremoved == 1 ? "it" : "them", im.removed);
	if (im.nkept)
		printf("Not in the file, kept as they are referred to: %s.\n", im.kept);
	rc = 0;
out:
	free(data);
	arena_free(im.a);
	db_close(db);
	return rc;
}
