/*
 * command.c - `mathshubs demo-data --scale small|national [--seed N] [--schools
 * FILE]`: every module's part of the demo data (demo.h) in one write
 * transaction on a new, empty database, a line a part on a terminal as it
 * goes (nothing in a pipe), then a summary of what was made and the
 * sign-in details of one person of each role.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "auth/sealed.h"
#include "db/db.h"
#include "demo/command.h"
#include "demo/queries.h"
#include "demo/run.h"

struct bar {
	int64_t part_start_us;
};

/* A line a part, on a terminal only. */
static void show(void *ctx, const char *part, bool done)
{
	struct bar *b = ctx;
	int64_t now = clock_monotonic_us();
	if (!done) {
		b->part_start_us = now;
		fprintf(stderr, "  %-14s ...", part);
	} else {
		fprintf(stderr, "\r  %-14s %6.1f s\n", part, (double)(now - b->part_start_us) / 1e6);
	}
	fflush(stderr);
}

static void summary(const struct demo *d, const struct config *cfg, double secs)
{
	char y1[8], y2[8];
	acyear_code(d->first_year, y1);
	acyear_code(d->year, y2);
	printf("Demo data, %s scale, seed %" PRIu64 ": the academic years %s to %s, made in %.1f s.\n",
	       d->scale == DEMO_NATIONAL ? "national" : "small", d->seed, y1, y2, secs);
	for (size_t i = 0; i < d->ncounts; i++)
		printf("  %-26s %8s  %s\n", d->counts[i].what, demo_thousands(d->a, d->counts[i].n), d->counts[i].note);
	printf("\nEvery page and API answer of a server on this database says it holds demo data\n"
	       "(a server that was already serving it says so once restarted).\n\n"
	       "Sign in at %s/sign-in as one person of each role: their email address and\n"
	       "password, then the code their authenticator app shows for the key (or what\n"
	       "`oathtool --totp -b KEY` gives). The passwords and keys are new every run.\n\n",
	       cfg->base_url);
	for (size_t i = 0; i < d->nsign_ins; i++) {
		const struct demo_sign_in *s = &d->sign_ins[i];
		const struct demo_person *p = &d->people[s->person];
		printf("  %s: %s <%s>\n    password %s  key %s\n", role_name(s->role), p->name, p->email, s->password,
		       s->secret);
	}
}

static bool parse_seed(const char *s, uint64_t *out)
{
	if (!s[0] || strspn(s, "0123456789") != strlen(s) || strlen(s) > 19)
		return false;
	errno = 0;
	unsigned long long v = strtoull(s, NULL, 10);
	if (errno || v > INT64_MAX)
		return false;
	*out = v;
	return true;
}

int demo_data_command(int argc, char **argv)
{
	struct cli_opt opts[] = {
		{.name = "--scale", .value = true},
		{.name = "--seed", .value = true},
		{.name = "--schools", .value = true},
	};
	const char *pos[1];
	size_t npos;
	struct config cfg;
	struct db *db = NULL;
	int rc = cli_open("demo-data", argc, argv, opts, 3, pos, 0, &npos, &cfg, &db);
	if (rc)
		return rc;
	struct demo d = {.seed = 1, .schools_file = opts[2].given ? opts[2].arg : DEMO_SCHOOLS_FILE};
	rc = 2;
	if (!opts[0].given || (strcmp(opts[0].arg, "small") && strcmp(opts[0].arg, "national"))) {
		fprintf(stderr, "mathshubs: demo-data needs --scale small (what a newcomer can look around in) or "
				"--scale national (the whole programme's size): demo-data --scale small|national "
				"[--seed N] [--schools FILE]\n");
		goto out;
	}
	d.scale = strcmp(opts[0].arg, "national") ? DEMO_SMALL : DEMO_NATIONAL;
	if (opts[1].given && !parse_seed(opts[1].arg, &d.seed)) {
		fprintf(stderr, "mathshubs: demo-data: --seed must be a whole number from 0 to %lld\n",
			(long long)INT64_MAX);
		goto out;
	}
	rc = 1;
	if (access(d.schools_file, R_OK)) {
		fprintf(stderr,
			"mathshubs: demo-data: cannot read the register of schools %s: %s\n"
			"Give it with --schools FILE: the register-trainee-teachers schools.csv (urn, name, town, "
			"postcode, lead_school, open_date, close_date), found at %s from a checkout next to ../shared.\n",
			d.schools_file, strerror(errno), DEMO_SCHOOLS_FILE);
		goto out;
	}
	char err[256];
	if (cfg.secret_key_file[0] && sealed_load_key(cfg.secret_key_file, err, sizeof(err))) {
		fprintf(stderr, "mathshubs: demo-data: %s\n", err);
		rc = 2;
		goto out;
	}
	char today[11];
	clock_today(today);
	acyear_of_date(today, &d.year);
	d.first_year = d.year - DEMO_YEARS + 1;
	d.as_of = demo_time(d.year, 9, 1);
	struct bar bar = {0};
	if (isatty(STDERR_FILENO)) {
		d.progress = show;
		d.progress_ctx = &bar;
	}
	int64_t start = clock_monotonic_us();
	d.prep = arena_new();
	enum err e = demo_prepare(&d);
	if (!e)
		e = demo_keys_checked_once(db, true);
	if (!e)
		e = demo_bulk(db, true);
	if (!e)
		e = db_transact(db, DB_WRITE, demo_run, &d);
	if (!e)
		e = demo_bulk(db, false);
	if (!e)
		e = demo_keys_checked_once(db, false);
	if (e) {
		if (d.progress)
			fputc('\n', stderr);
		fprintf(stderr, "mathshubs: demo-data: %s\nNothing was made.\n", d.msg[0] ? d.msg : err_str(e));
		goto out;
	}
	summary(&d, &cfg, (double)(clock_monotonic_us() - start) / 1e6);
	rc = fflush(stdout) ? 1 : 0;
out:
	demo_free(&d);
	db_close(db);
	return rc;
}
