/*
 * holidays_cli.c - `mathshubs import-bank-holidays FILE`: GOV.UK's
 * bank-holidays.json (its "england-and-wales" events) adds the bank
 * holidays of later years. Idempotent: days already held are kept as they
 * are, so a second run adds nothing. The file is checked whole first (JSON,
 * the division, each event's real date and title); then one transaction
 * adds the new days, works out again the lock of every face-to-face event
 * not yet begun (an event beyond the years known counted none), and audits
 * the import.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/audit.h"
#include "cli.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/workdays.h"
#include "db/db.h"
#include "events/pages.h"
#include "events/queries.h"

struct holidays_import {
	struct arena *a;
	const char *file;
	const char **days, **titles;
	size_t n;
	int added, relocked;
};

static enum err holidays_import_write(struct db *db, void *ctx)
{
	struct holidays_import *im = ctx;
	im->added = im->relocked = 0;
	char today[11];
	london_from_unix(clock_now(), today, NULL);
	enum err e = events_holidays_add(db, im->days, im->titles, im->n, &im->added);
	if (e || (e = events_relock(db, im->a, today, &im->relocked)))
		return e;
	return audit(db, NULL, 0, "bank_holidays_imported", arena_printf(im->a, "file:%s", im->file),
		     arena_printf(im->a, "%zu in the file (%s to %s), %d new; %d event deadline%s moved", im->n, im->days[0],
				  im->days[im->n - 1], im->added, im->relocked, im->relocked == 1 ? "" : "s"));
}

/* The file's england-and-wales events, checked; false with a message printed. */
static bool read_holidays(struct holidays_import *im, const char *path)
{
	json_error_t jerr;
	json_t *root = json_load_file(path, 0, &jerr);
	if (!root) {
		fprintf(stderr, "mathshubs: import-bank-holidays: %s line %d: %s\n", path, jerr.line, jerr.text);
		return false;
	}
	bool ok = true;
	json_t *events = json_object_get(json_object_get(root, "england-and-wales"), "events"), *ev;
	if (!json_is_array(events) || !json_array_size(events)) {
		fprintf(stderr, "mathshubs: import-bank-holidays: %s has no \"england-and-wales\" events: "
				"is it GOV.UK's bank-holidays.json?\n", path);
		ok = false;
	}
	size_t i, n = ok ? json_array_size(events) : 0;
	im->days = arena_alloc(im->a, (n + 1) * sizeof(*im->days));
	im->titles = arena_alloc(im->a, (n + 1) * sizeof(*im->titles));
	json_array_foreach(events, i, ev) {
		if (!ok)
			break;
		const char *day = json_string_value(json_object_get(ev, "date"));
		const char *title = json_string_value(json_object_get(ev, "title"));
		int64_t t;
		if (!day || !title || !title[0] || !clock_parse_date(day, &t)) {
			fprintf(stderr, "mathshubs: import-bank-holidays: %s: event %zu has no real date (YYYY-MM-DD) or no title\n",
				path, i + 1);
			ok = false;
			break;
		}
		im->days[im->n] = arena_strdup(im->a, day);
		im->titles[im->n++] = arena_strdup(im->a, title);
	}
	json_decref(root);
	return ok;
}

int events_import_holidays_command(int argc, char **argv)
{
	const char *pos[1];
	size_t npos;
	struct config cfg;
	struct db *db = NULL;
	int rc = cli_open("import-bank-holidays", argc, argv, NULL, 0, pos, 1, &npos, &cfg, &db);
	if (rc)
		return rc;
	struct holidays_import im = {.a = arena_new()};
	if (npos != 1) {
		fprintf(stderr, "mathshubs: import-bank-holidays needs the file: mathshubs import-bank-holidays FILE "
				"(GOV.UK's bank-holidays.json)\n");
		rc = 2;
		goto out;
	}
	const char *slash = strrchr(pos[0], '/');
	im.file = slash ? slash + 1 : pos[0];
	rc = 1;
	if (!london_init() || !read_holidays(&im, pos[0]))
		goto out;
	enum err e = db_transact(db, DB_WRITE, holidays_import_write, &im);
	if (e) {
		fprintf(stderr, "mathshubs: import-bank-holidays: %s; nothing was written\n", err_str(e));
		goto out;
	}
	printf("Imported %s: %zu England and Wales bank holidays (%s to %s), %d new. %d event deadline%s moved.\n", pos[0],
	       im.n, im.days[0], im.days[im.n - 1], im.added, im.relocked, im.relocked == 1 ? "" : "s");
	rc = 0;
out:
	arena_free(im.a);
	db_close(db);
	return rc;
}
