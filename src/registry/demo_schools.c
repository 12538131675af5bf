/*
 * demo_schools.c - the registry's part of the demo data (demo/demo.h):
 * schools, trusts and links, through the GIAS import itself.
 *
 * The register (the register-trainee-teachers schools.csv: 49,514 real
 * URNs with names, towns, postcodes and open and close dates, but no local
 * authority, phase or type) is read before the transaction: names put
 * right, each school's local authority found from its postcode, its phase
 * and type from its name (demo_rules.h); schools outside England are left
 * out. A closed school whose name and postcode an open one has is a real
 * conversion: it is kept with a link to its successor (and the successor
 * is an academy); other closed schools are left out. In the transaction:
 * the scale's schools (national: every English one; small: those whose
 * URN ends in 0, with their predecessors); academy conversions over the
 * five years (a maintained school closes, an academy of the same name
 * opens under a new URN, 150001 on); academies grouped into made-up
 * trusts by local authority; then all of it written as a GIAS file and a
 * links file in memory and imported by gias_import_run, the import that
 * `mathshubs import-gias` runs (digests, trusts, links, the search index,
 * the audit line). The open schools and their hubs (each local
 * authority's hub, from the demo hub areas) go into struct demo.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/encoding.h"
#include "core/csv.h"
#include "core/strmap.h"
#include "core/util.h"
#include "db/db.h"
#include "demo/demo.h"
#include "registry/areas_queries.h"
#include "registry/demo_rules.h"
#include "registry/gias.h"
#include "registry/gias_import.h"
#include "registry/registry.h"

/* The first URN given to a school made up by a conversion: GIAS's next
 * URNs after the register's (its highest school URN is 149xxx). */
#define FIRST_NEW_URN 150001
/* Conversions a year, in a thousand maintained schools. */
#define CONVERSIONS_PER_MILLE 30

/* A school of the register, read and checked. */
struct src {
	const char *urn, *name, *town, *postcode, *la;
	const char *open_date, *close_date; /* YYYY-MM-DD or NULL */
	bool lead, open;
	struct demo_kind kind;
	long successor;                     /* its successor (index), or -1 */
};

struct reg {
	struct src *rows;
	size_t n, cap;
	size_t outside; /* rows outside England (or with no postcode) */
};

static enum err read_row(void *ctx, const char *const *f, size_t line)
{
	void **c = ctx;
	struct reg *r = c[0];
	struct arena *a = c[1];
	(void)line;
	const char *la = demo_postcode_la(f[3]);
	char open[11], close[11];
	if (!gias_urn_valid(f[0]) || !f[1][0] || !la || !gias_date(f[5], open) || !gias_date(f[6], close)) {
		r->outside++;
		return ERR_OK;
	}
	if (r->n == r->cap)
		r->rows = r->rows ? arena_grow(a, r->rows, r->n, r->cap *= 2, sizeof(*r->rows))
				  : arena_alloc(a, (r->cap = 65536) * sizeof(*r->rows));
	struct src *s = &r->rows[r->n++];
	*s = (struct src){.urn = arena_strdup(a, f[0]), .name = demo_repair_name(a, f[1]),
			  .town = demo_repair_name(a, f[2]), .postcode = arena_strdup(a, f[3]), .la = la,
			  .open_date = open[0] ? arena_strdup(a, open) : NULL,
			  .close_date = close[0] ? arena_strdup(a, close) : NULL, .lead = !strcmp(f[4], "true"),
			  .open = !close[0], .successor = -1};
	demo_kind_of(s->name, &s->kind);
	return ERR_OK;
}

/* Earlier closing first (a chain of closures ends with the open school). */
static int by_close(const void *x, const void *y)
{
	const struct src *a = *(const struct src *const *)x, *b = *(const struct src *const *)y;
	if (a->open != b->open)
		return a->open ? 1 : -1;
	int c = strcmp(a->close_date ? a->close_date : "", b->close_date ? b->close_date : "");
	return c ? c : strcmp(a->urn, b->urn);
}

/* Links each closed school to the school that replaced it: the one with
 * its name (any case) and postcode that closed next, or the open one. */
static void find_successors(struct reg *r, struct arena *a)
{
	struct strmap groups = {0};
	size_t *next = arena_alloc(a, (r->n + 1) * sizeof(*next)); /* a chain of rows with one key */
	for (size_t i = 0; i < r->n; i++) {
		char *key = arena_printf(a, "%s|%s", r->rows[i].name, r->rows[i].postcode);
		for (char *c = key; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		size_t *head = strmap_get(&groups, key);
		next[i] = head ? *head : (size_t)-1;
		if (!head)
			head = arena_alloc(a, sizeof(*head));
		*head = i;
		strmap_put(&groups, key, head);
	}
	/* each group once: from the row that heads it (its last row) */
	struct src **members = arena_alloc(a, (r->n + 1) * sizeof(*members));
	bool *seen = arena_alloc(a, r->n + 1);
	for (size_t start = r->n; start-- > 0;) {
		if (seen[start])
			continue;
		size_t m = 0, opens = 0;
		for (size_t i = start; i != (size_t)-1; i = next[i]) {
			seen[i] = true;
			members[m++] = &r->rows[i];
			opens += r->rows[i].open;
		}
		if (m < 2 || opens != 1)
			continue;
		qsort(members, m, sizeof(*members), by_close);
		for (size_t k = 0; k + 1 < m; k++)
			members[k]->successor = members[k + 1] - r->rows;
	}
	strmap_free(&groups);
}

static enum err schools_prepare(struct demo *d, void **prepared)
{
	FILE *f = fopen(d->schools_file, "rb");
	struct arena *a = d->prep;
	if (!f) {
		snprintf(d->msg, sizeof(d->msg), "cannot read the register of schools %s", d->schools_file);
		return ERR_SYSTEM;
	}
	size_t cap = 1 << 22, len = 0;
	char *data = xmalloc(cap);
	size_t got;
	while ((got = fread(data + len, 1, cap - len, f)) > 0)
		if ((len += got) == cap)
			data = xrealloc(data, cap *= 2);
	bool bad = ferror(f);
	fclose(f);
	struct reg *r = arena_alloc(a, sizeof(*r));
	static const char *const cols[] = {"urn", "name", "town", "postcode", "lead_school", "open_date", "close_date"};
	char msg[256] = "cannot be read";
	void *ctx[] = {r, a};
	/* UTF-8 (with or without a byte-order mark), or Windows-1252 as a spreadsheet saves it */
	size_t ulen = 0;
	enum charset found;
	char *text = bad ? NULL : charset_to_utf8(a, data, len, &ulen, &found);
	free(data);
	if (!bad && !text)
		snprintf(msg, sizeof(msg), "not a CSV file of text (UTF-8 or Windows-1252)");
	enum err e = !text ? ERR_INVALID : csv_read(text, ulen, cols, ARRAY_LEN(cols), read_row, ctx, msg, sizeof(msg));
	if (e) {
		snprintf(d->msg, sizeof(d->msg), "the register of schools %s: %s", d->schools_file, msg);
		return e;
	}
	if (!r->n) {
		snprintf(d->msg, sizeof(d->msg), "the register of schools %s has no school in England", d->schools_file);
		return ERR_INVALID;
	}
	find_successors(r, a);
	*prepared = r;
	return ERR_OK;
}

/* ---- in the transaction ---- */

/* A row of the files to import. */
struct row {
	struct gias_school g;
	const struct src *from; /* its row of the register (an academy made up by a conversion: its predecessor's) */
	struct demo_kind kind;
	const struct area_row *la;
	long successor;         /* the row that replaced it, or -1 */
	bool lead;
};

struct build {
	struct demo *d;
	struct demo_rng rng;
	struct row *rows;
	size_t n, cap;
	struct strmap las, urns;
	int64_t next_urn;
	size_t conversions, real_closed, trusts;
};

static struct row *add_row(struct build *b)
{
	if (b->n == b->cap)
		b->rows = b->rows ? arena_grow(b->d->a, b->rows, b->n, b->cap *= 2, sizeof(*b->rows))
				  : arena_alloc(b->d->a, (b->cap = 65536) * sizeof(*b->rows));
	struct row *r = &b->rows[b->n++];
	memset(r, 0, sizeof(*r));
	r->successor = -1;
	return r;
}

/* Whether the scale keeps src: national every school; small one in ten
 * (URNs ending in 0), with the schools they replaced. */
static bool kept(const struct demo *d, const struct reg *r, const struct src *s)
{
	while (s->successor >= 0)
		s = &r->rows[s->successor];
	return d->scale == DEMO_NATIONAL || s->urn[strlen(s->urn) - 1] == '0';
}

static int pupils(struct demo_rng *rng, const char *phase)
{
	if (!strcmp(phase, "Primary"))
		return (int)demo_rng_range(rng, 60, 650);
	if (!strcmp(phase, "Secondary") || !strcmp(phase, "All-through") || !strcmp(phase, "Middle deemed secondary"))
		return (int)demo_rng_range(rng, 450, 1900);
	if (!strcmp(phase, "Nursery"))
		return (int)demo_rng_range(rng, 40, 160);
	if (!strcmp(phase, "16 plus"))
		return (int)demo_rng_range(rng, 400, 2500);
	return (int)demo_rng_range(rng, 30, 300);
}

/* A row's GIAS fields from its kind, local authority and register row. */
static void fill(struct build *b, struct row *r, const char *urn, const char *name, const struct src *s)
{
	struct gias_school *g = &r->g;
	g->urn = urn;
	g->name = name;
	g->la_code = r->la->code;
	g->la_name = r->la->name;
	g->region = r->la->region;
	g->type = r->kind.type;
	g->type_group = r->kind.type_group;
	g->phase = r->kind.phase;
	g->low_age = r->kind.low_age;
	g->high_age = r->kind.high_age;
	g->pupils = pupils(&b->rng, r->kind.phase);
	g->town = s->town;
	g->postcode = s->postcode;
	g->status = "open";
	g->open_reason = g->close_reason = "";
	g->street = g->locality = g->address3 = g->county = g->website = g->telephone = g->ukprn = "";
	g->number = g->trust_code = g->trust_name = "";
}

/* The register's rows that the scale keeps, as rows. */
static void take_register(struct build *b, const struct reg *reg)
{
	long *index = arena_alloc(b->d->a, (reg->n + 1) * sizeof(*index));
	for (size_t i = 0; i < reg->n; i++) {
		const struct src *s = &reg->rows[i];
		const struct area_row *la = strmap_get(&b->las, s->la);
		index[i] = -1;
		if (!la || !la->hub_id || (!s->open && s->successor < 0) || !kept(b->d, reg, s))
			continue;
		struct row *r = add_row(b);
		index[i] = (long)(b->n - 1);
		r->from = s;
		r->kind = s->kind;
		r->la = la;
		r->lead = s->lead;
		fill(b, r, s->urn, s->name, s);
		r->g.open_date = s->open_date;
		if (!s->open) {
			r->g.status = "closed";
			r->g.close_date = s->close_date;
			r->g.close_reason = "Academy converter";
			b->real_closed++;
		}
		strmap_put(&b->urns, s->urn, r);
	}
	/* a real conversion: the school that replaced a closed one is an academy */
	for (size_t i = 0; i < reg->n; i++) {
		if (index[i] < 0 || reg->rows[i].successor < 0 || index[reg->rows[i].successor] < 0)
			continue;
		struct row *r = &b->rows[index[i]];
		r->successor = index[reg->rows[i].successor];
		struct row *succ = &b->rows[r->successor];
		if (!succ->kind.independent && !succ->kind.academy) {
			demo_kind_converter(&succ->kind);
			succ->g.type = succ->kind.type;
			succ->g.type_group = succ->kind.type_group;
			succ->g.open_reason = "Academy converter";
		}
	}
}

/* Maintained schools become academies over the years made: the school
 * closes on the last day of a month, its academy opens the next day. */
static void convert(struct build *b)
{
	static const int months[] = {9, 11, 1, 4, 6}; /* conversions start on the 1st of these */
	struct demo *d = b->d;
	size_t n = b->n;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(b->rows[i].g.status, "open") || !b->rows[i].kind.may_convert)
			continue;
		for (int y = d->first_year; y <= d->year; y++) {
			if (demo_rng_below(&b->rng, 1000) >= CONVERSIONS_PER_MILLE)
				continue;
			int m = y == d->year ? 9 : months[demo_rng_below(&b->rng, ARRAY_LEN(months))];
			char *urn;
			do
				urn = arena_printf(d->a, "%lld", (long long)b->next_urn++);
			while (strmap_get(&b->urns, urn));
			struct row *old = &b->rows[i], *r = add_row(b);
			old = &b->rows[i]; /* the rows may have moved */
			r->from = old->from;
			r->kind = old->kind;
			demo_kind_converter(&r->kind);
			r->la = old->la;
			r->lead = old->lead;
			fill(b, r, urn, old->g.name, old->from);
			int cal = m >= 9 ? y : y + 1; /* the calendar year of the conversion */
			r->g.open_date = demo_date(d->a, cal, m, 1);
			r->g.open_reason = "Academy converter";
			old->g.status = "closed";
			old->g.close_date = m == 1 ? demo_date(d->a, cal - 1, 12, 31) : demo_date(d->a, cal, m - 1, 31);
			old->g.close_reason = "Academy converter";
			old->successor = (long)(b->n - 1);
			strmap_put(&b->urns, urn, r);
			b->conversions++;
			break;
		}
	}
}

static int by_la_urn(const void *x, const void *y)
{
	const struct row *a = *(const struct row *const *)x, *b = *(const struct row *const *)y;
	int c = strcmp(a->la->code, b->la->code);
	return c ? c : strcmp(a->g.urn, b->g.urn);
}

/* Open academies, by local authority, in made-up trusts: a quarter on
 * their own, the others in trusts of 2 to 15. */
static void trusts(struct build *b)
{
	static const char *const words[] = {
		"Horizon", "Beacon", "Compass", "Endeavour", "Keystone", "Lighthouse", "Meridian", "Pathway",
		"Pinnacle", "Summit", "Willow", "Evergreen", "Ridgeway", "Riverside", "Kingfisher", "Heron",
		"Oakwood", "Cedar", "Aspen", "Rowan", "Harbour", "Northstar", "Bright Futures", "Learning Together",
	};
	static const char *const suffixes[] = {"Learning Trust", "Academy Trust", "Education Trust",
					       "Multi-Academy Trust", "Schools Partnership", "Academies Trust"};
	struct demo *d = b->d;
	struct row **acad = arena_alloc(d->a, (b->n + 1) * sizeof(*acad));
	size_t n = 0;
	for (size_t i = 0; i < b->n; i++)
		if (!strcmp(b->rows[i].g.status, "open") && b->rows[i].kind.academy &&
		    !strcmp(b->rows[i].kind.type_group, "Academies"))
			acad[n++] = &b->rows[i];
	qsort(acad, n, sizeof(*acad), by_la_urn);
	for (size_t i = 0; i < n;) {
		size_t size = demo_rng_percent(&b->rng, 25) ? 1 : (size_t)demo_rng_range(&b->rng, 2, 15);
		const char *name, *code = arena_printf(d->a, "%zu", 20001 + b->trusts);
		if (size == 1)
			name = arena_printf(d->a, "%s Trust", acad[i]->g.name);
		else
			name = arena_printf(d->a, "%s %s %s", acad[i]->la->name,
					    words[demo_rng_below(&b->rng, ARRAY_LEN(words))],
					    suffixes[demo_rng_below(&b->rng, ARRAY_LEN(suffixes))]);
		b->trusts++;
		for (size_t k = 0; k < size && i < n && !strcmp(acad[i]->la->code, acad[i - k]->la->code); k++, i++) {
			acad[i]->g.trust_code = code;
			acad[i]->g.trust_name = name;
		}
	}
}

/* Where a kind's establishment numbers start, as GIAS numbers them:
 * 1xxx nursery (and units), 2xxx primary, 4xxx secondary, 6xxx
 * independent, 7xxx special. */
static int number_base(const struct demo_kind *k)
{
	const char *phase = demo_programme_phase(k->phase);
	if (k->independent)
		return 6000;
	if (!strcmp(k->type_group, "Special schools"))
		return 7000;
	if (!strcmp(k->phase, "Nursery"))
		return 1000;
	if (!phase)
		return 1100;
	return !strcmp(phase, "Primary") ? 2000 : 4000;
}

/* Establishment numbers, each kind counted in its local authority. */
static void numbers(struct build *b)
{
	struct strmap next = {0};
	for (size_t i = 0; i < b->n; i++) {
		struct row *r = &b->rows[i];
		int base = number_base(&r->kind);
		char *key = arena_printf(b->d->a, "%s/%d", r->la->code, base);
		int *n = strmap_get(&next, key);
		if (!n) {
			n = arena_alloc(b->d->a, sizeof(*n));
			*n = base;
			strmap_put(&next, key, n);
		}
		r->g.number = arena_printf(b->d->a, "%d", ++*n);
	}
	strmap_free(&next);
}

/* ---- the files, in memory, and the import ---- */

struct mem_file {
	const char *data;
	size_t len, pos;
};

static int mem_rewind(void *ctx)
{
	((struct mem_file *)ctx)->pos = 0;
	return 0;
}

static ssize_t mem_read(void *ctx, char *buf, size_t n)
{
	struct mem_file *f = ctx;
	size_t k = f->len - f->pos < n ? f->len - f->pos : n;
	memcpy(buf, f->data + f->pos, k);
	f->pos += k;
	return (ssize_t)k;
}

static enum err import(struct db *db, struct build *b, struct gias_counts *counts)
{
	struct buf schools = {0}, links = {0};
	struct csv_writer ws = csv_writer_plain(&schools), wl = csv_writer_plain(&links);
	gias_write_schools_header(&ws);
	gias_write_links_header(&wl);
	for (size_t i = 0; i < b->n; i++) {
		const struct row *r = &b->rows[i];
		gias_write_school(&ws, &r->g);
		if (r->successor < 0)
			continue;
		const struct row *s = &b->rows[r->successor];
		const char *on = s->g.open_date;
		gias_write_link(&wl, &(struct gias_link){.urn = r->g.urn, .link_urn = s->g.urn, .name = s->g.name,
							.type = "Successor", .date = on});
		gias_write_link(&wl, &(struct gias_link){.urn = s->g.urn, .link_urn = r->g.urn, .name = r->g.name,
							.type = "Predecessor", .date = on});
	}
	struct mem_file fs = {schools.data, schools.len, 0}, fl = {links.data ? links.data : "", links.len, 0};
	struct gias_run run = {.nfiles = 2};
	run.files[0] = (struct gias_file){"demo schools", GIAS_ESTABLISHMENTS, ENC_UTF8, mem_rewind, mem_read, &fs};
	run.files[1] = (struct gias_file){"demo links", GIAS_LINKS, ENC_UTF8, mem_rewind, mem_read, &fl};
	enum err e = gias_import_run(db, &run);
	if (e && run.msg[0])
		snprintf(b->d->msg, sizeof(b->d->msg), "schools: %.400s", run.msg);
	*counts = run.counts;
	gias_run_free(&run);
	buf_free(&schools);
	buf_free(&links);
	return e;
}

/* The open schools into struct demo, each in its local authority's hub. */
static void share(struct build *b)
{
	struct demo *d = b->d;
	d->schools = arena_alloc(d->a, (b->n + 1) * sizeof(*d->schools));
	size_t *counts = arena_alloc(d->a, (d->nhubs + 1) * sizeof(*counts));
	size_t *hub_of = arena_alloc(d->a, (b->n + 1) * sizeof(*hub_of));
	for (size_t i = 0; i < b->n; i++) {
		const struct row *r = &b->rows[i];
		hub_of[i] = DEMO_NONE;
		if (strcmp(r->g.status, "open"))
			continue;
		for (size_t h = 0; h < d->nhubs; h++)
			if (d->hubs[h].id == r->la->hub_id)
				hub_of[i] = h;
		if (hub_of[i] == DEMO_NONE)
			continue;
		d->schools[d->nschools++] = (struct demo_school){r->g.urn, r->g.name, demo_programme_phase(r->g.phase),
								  r->g.phase, hub_of[i]};
		counts[hub_of[i]]++;
	}
	for (size_t h = 0; h < d->nhubs; h++)
		d->hubs[h].schools = arena_alloc(d->a, (counts[h] + 1) * sizeof(size_t));
	for (size_t s = 0; s < d->nschools; s++) {
		struct demo_hub *h = &d->hubs[d->schools[s].hub];
		h->schools[h->nschools++] = s;
	}
	/* each hub's lead school: a secondary school, one the register marks as a lead school where it can */
	for (size_t h = 0; h < d->nhubs; h++) {
		struct demo_hub *hub = &d->hubs[h];
		size_t best = DEMO_NONE, rank = 0;
		for (size_t k = 0; k < hub->nschools; k++) {
			const struct demo_school *s = &d->schools[hub->schools[k]];
			const struct row *r = strmap_get(&b->urns, s->urn);
			size_t score = (s->phase && !strcmp(s->phase, "Secondary") ? 2 : 0) + (r && r->lead ? 1 : 0);
			if (best == DEMO_NONE || score > rank || (score == rank && demo_rng_percent(&b->rng, 10))) {
				best = hub->schools[k];
				rank = score;
			}
		}
		hub->lead_school = best;
	}
}

static enum err schools_make(struct db *db, struct demo *d, void *prepared)
{
	const struct reg *reg = prepared;
	struct build b = {.d = d, .next_urn = FIRST_NEW_URN};
	demo_rng_seed(&b.rng, d->seed, "schools");
	struct area_row *las;
	size_t nlas;
	enum err e = area_all(db, d->a, &las, &nlas);
	if (e)
		return e;
	for (size_t i = 0; i < nlas; i++)
		strmap_put(&b.las, las[i].code, &las[i]);
	take_register(&b, reg);
	convert(&b);
	trusts(&b);
	numbers(&b);
	struct gias_counts c;
	if (!(e = import(db, &b, &c))) {
		share(&b);
		size_t closed = 0;
		for (size_t i = 0; i < b.n; i++)
			closed += !strcmp(b.rows[i].g.status, "closed");
		demo_count(d, "schools", (int64_t)d->nschools, "open, each in a hub's area (real names, URNs, postcodes)");
		demo_count(d, "closed schools", (int64_t)closed,
			   "replaced by academies: %s real conversions, %s made up in the five years",
			   demo_thousands(d->a, (int64_t)b.real_closed), demo_thousands(d->a, (int64_t)b.conversions));
		demo_count(d, "trusts", (int64_t)c.trusts_created, "made up, for the open academies");
		demo_count(d, "school links", (int64_t)c.links_created, "predecessors and successors");
	}
	strmap_free(&b.las);
	strmap_free(&b.urns);
	return e;
}

const struct demo_part registry_demo_parts[1] = {
	{"schools", 10, schools_prepare, schools_make},
};
