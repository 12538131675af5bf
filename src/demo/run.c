/* run.c - see demo.h and run.h: the run of every part in one write
 * transaction, and what the parts share (people, roles, addresses, dates,
 * the summary's lines). */
#include "demo/run.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "auth/audit.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "db/db.h"
#include "demo/queries.h"

const char demo_notice[] =
	"This service holds demo data: the people, roles and designations are made up, and so are schools' hubs, "
	"types and trusts.";

void demo_count(struct demo *d, const char *what, int64_t n, const char *fmt, ...)
{
	if (d->ncounts == DEMO_MAX_COUNTS)
		return;
	struct demo_count *c = &d->counts[d->ncounts++];
	snprintf(c->what, sizeof(c->what), "%s", what);
	c->n = n;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->note, sizeof(c->note), fmt, ap);
	va_end(ap);
}

const char *demo_thousands(struct arena *a, int64_t n)
{
	return arena_thousands(a, (long long)n);
}

struct demo_person *demo_person_add(struct demo *d)
{
	if (d->npeople == d->people_cap)
		d->people = d->people ? arena_grow(d->a, d->people, d->npeople, d->people_cap *= 2, sizeof(*d->people))
				      : arena_alloc(d->a, (d->people_cap = 1024) * sizeof(*d->people));
	struct demo_person *p = &d->people[d->npeople++];
	*p = (struct demo_person){.school = DEMO_NONE, .hub = DEMO_NONE};
	return p;
}

struct demo_grant *demo_grant_add(struct demo *d, size_t person, enum role role)
{
	if (d->ngrants == d->grants_cap)
		d->grants = d->grants ? arena_grow(d->a, d->grants, d->ngrants, d->grants_cap *= 2, sizeof(*d->grants))
				      : arena_alloc(d->a, (d->grants_cap = 1024) * sizeof(*d->grants));
	struct demo_grant *g = &d->grants[d->ngrants++];
	*g = (struct demo_grant){.person = person, .role = role, .hub = DEMO_NONE, .school = DEMO_NONE};
	return g;
}

const char *demo_email(struct demo *d, const char *first, const char *last, const char *domain)
{
	const char *local = arena_printf(d->a, "%s.%s", demo_email_word(d->a, first), demo_email_word(d->a, last));
	char *email = arena_printf(d->a, "%s@%s", local, domain);
	for (int n = 2; strmap_get(&d->emails, email); n++)
		email = arena_printf(d->a, "%s%d@%s", local, n, domain);
	strmap_put(&d->emails, email, email);
	return email;
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* y, m (1.. or past 12) and d made a real date: months past 12 run into
 * the next years, a day past the month's end is its last. */
static void normalise(int *y, int *m, int *d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	*y += (*m - 1) / 12;
	*m = (*m - 1) % 12 + 1;
	int max = mdays[*m - 1] + (*m == 2 && leap(*y));
	if (*d > max)
		*d = max;
	if (*d < 1)
		*d = 1;
}

const char *demo_date(struct arena *a, int y, int m, int d)
{
	normalise(&y, &m, &d);
	return arena_printf(a, "%04d-%02d-%02d", y, m, d);
}

int64_t demo_time(int y, int m, int d)
{
	normalise(&y, &m, &d);
	char s[40];
	snprintf(s, sizeof(s), "%04d-%02d-%02d", y, m, d);
	int64_t t = 0;
	clock_parse_date(s, &t);
	return t + 9 * 3600;
}

int64_t demo_year_time(int year, int m, int d)
{
	/* months 9..12 are in the year's first calendar year, 1..8 in the next */
	return demo_time(m >= 9 ? year : year + 1, m, d);
}

bool demo_person_in(const struct demo_person *p, int y)
{
	return p->joined <= y && (!p->left || y < p->left);
}

/* Everything a run made forgotten: a transaction run again starts afresh. */
static void reset(struct demo *d)
{
	arena_free(d->a);
	d->a = arena_new();
	d->hubs = NULL;
	d->projects = NULL;
	d->schools = NULL;
	d->people = NULL;
	d->grants = NULL;
	d->nhubs = d->nprojects = d->nschools = d->npeople = d->people_cap = d->ngrants = d->grants_cap = 0;
	strmap_free(&d->emails);
	d->ncounts = 0;
	d->msg[0] = '\0';
}

enum err demo_run(struct db *db, void *ctx)
{
	struct demo *d = ctx;
	reset(d);
	int64_t people, schools;
	bool demo;
	enum err e = demo_contents(db, &people, &schools, &demo);
	if (e)
		return e;
	if (people || schools || demo) {
		snprintf(d->msg, sizeof(d->msg),
			 "this database holds %lld %s and %lld %s%s: demo data goes into a new, empty database of its "
			 "own (give another --db PATH or --postgres URL), so that it is never mixed with real records",
			 (long long)people, people == 1 ? "person" : "people", (long long)schools,
			 schools == 1 ? "school" : "schools", demo ? ", and demo data already" : "");
		return ERR_CONFLICT;
	}
	size_t n;
	const struct demo_part *parts = module_demo_parts(&n);
	for (size_t i = 0; i < n; i++) {
		if (d->progress)
			d->progress(d->progress_ctx, parts[i].name, false);
		if ((e = parts[i].make(db, d, d->prepared[i]))) {
			if (!d->msg[0])
				snprintf(d->msg, sizeof(d->msg), "%s: %s", parts[i].name, err_str(e));
			return e;
		}
		if (d->progress)
			d->progress(d->progress_ctx, parts[i].name, true);
	}
	/* on SQLite the keys were not checked row by row (demo_keys_checked_once): all at once now */
	if (d->progress)
		d->progress(d->progress_ctx, "foreign keys", false);
	char table[64], parent[64];
	if ((e = demo_keys_broken(db, table, sizeof(table), parent, sizeof(parent))))
		return e;
	if (table[0]) {
		snprintf(d->msg, sizeof(d->msg), "a row of %s refers to a row of %s that is not there", table, parent);
		return ERR_CONFLICT;
	}
	if (d->progress)
		d->progress(d->progress_ctx, "foreign keys", true);
	const char *scale = d->scale == DEMO_NATIONAL ? "national" : "small";
	char y1[8], y2[8];
	acyear_code(d->first_year, y1);
	acyear_code(d->year, y2);
	if ((e = demo_mark(db, scale, (int64_t)d->seed, d->year, clock_now())))
		return e;
	return audit(db, NULL, 0, "demo_data_made", "",
		     arena_printf(d->a, "%s scale, seed %llu, the academic years %s to %s", scale,
				  (unsigned long long)d->seed, y1, y2));
}

enum err demo_prepare(struct demo *d)
{
	size_t n;
	const struct demo_part *parts = module_demo_parts(&n);
	if (n > sizeof(d->prepared) / sizeof(d->prepared[0])) {
		snprintf(d->msg, sizeof(d->msg), "more demo parts than the run keeps");
		return ERR_SYSTEM;
	}
	for (size_t i = 0; i < n; i++) {
		if (!parts[i].prepare)
			continue;
		enum err e = parts[i].prepare(d, &d->prepared[i]);
		if (e) {
			if (!d->msg[0])
				snprintf(d->msg, sizeof(d->msg), "%s: %s", parts[i].name, err_str(e));
			return e;
		}
	}
	return ERR_OK;
}

void demo_free(struct demo *d)
{
	arena_free(d->a);
	arena_free(d->prep);
	strmap_free(&d->emails);
	d->a = d->prep = NULL;
}

static enum err held_read(struct db *db, void *ctx)
{
	return demo_marked(db, ctx);
}

enum err demo_data_held(const struct config *cfg, bool *held)
{
	*held = false;
	struct db *db;
	char msg[512];
	if (db_open_config(cfg, &db, msg, sizeof(msg)))
		return ERR_UNAVAILABLE;
	enum err e = db_transact(db, DB_READ, held_read, held);
	db_close(db);
	return e;
}
