/*
 * gias_import.c - see gias_import.h. What the registry holds (schools'
 * digests, local authorities, trusts, links) is read once into hash tables
 * at the start of a run, so that each row costs one lookup and, only when
 * it changes something, one statement.
 */
#include "registry/gias_import.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/audit.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/csv.h"
#include "core/strmap.h"
#include "core/utf8.h"
#include "core/util.h"
#include "registry/registry.h"
#include "registry/queries.h"

#define READ_PIECE (1u << 20)
#define PROGRESS_ROWS 2000

struct known_school {
	char digest[33];
	char changed_on[11]; /* GIAS's LastChangedDate, YYYY-MM-DD; "" when not known */
	bool closed;
};

struct known_la {
	bool has_name, has_region;
};

struct known_trust {
	int64_t id;       /* < 0 while new and not yet written */
	const char *code; /* NULL: none yet */
	const char *name;
};

/* A local authority to write before the next schools are. */
struct due_la {
	const char *code, *name, *region;
};

/* How a run has counted a link so far: each link once, however many rows
 * name it (the links file and a download's "Linked establishments" often
 * both do). */
enum link_counted { LINK_NOT_YET, LINK_NEW, LINK_UPDATED, LINK_UNCHANGED };

struct known_link {
	const char *name, *date;
	unsigned batch; /* the links batch it waits in (state.link_batches + 1), or 0 */
	enum link_counted counted;
};

/* Rows waiting to be written, many to a statement (queries.h): new rows
 * inserted in bulk, changed ones upserted. Their strings are copies in the
 * batch's arena. */
struct school_batch {
	struct arena *a;
	const struct gias_school *rows[SCHOOLS_NEW_BATCH];
	const struct known_trust *trust[SCHOOLS_NEW_BATCH]; /* NULL: none */
	size_t n, max;
	bool fresh; /* new rows (inserted), else changed ones (upserted) */
};

struct link_batch {
	struct arena *a;
	const struct gias_link *rows[LINKS_NEW_BATCH];
	size_t n, max;
	bool fresh;
};

struct state {
	struct gias_run *run;
	struct db *db;
	bool dry; /* the run writes nothing: a dry run, or a stale one */
	struct arena *a;
	uint64_t fp[2];   /* the registry's fingerprint, summed row by row as it is read */
	struct strmap schools, las, trust_by_code, trust_by_name, links;
	int64_t now;
	const struct gias_file *file;
	struct gias_reader *reader;
	struct csv_writer report;
	size_t bytes; /* read of the current file */
	struct school_batch new_schools, changed_schools;
	/* new trusts and local authorities, written just before the schools
	 * (not one at a time as they come: each would wait for the rows the
	 * server is writing) */
	struct known_trust **due_trusts;
	size_t ndue_trusts, due_trusts_cap;
	struct due_la *due_las;
	size_t ndue_las, due_las_cap;
	struct link_batch new_links, changed_links;
	unsigned link_batches; /* times the links batches have been written */
};

/* ---- writing in batches ---- */

/* The new trusts and local authorities queued, written. */
static enum err flush_due(struct state *st)
{
	enum err e = ERR_OK;
	for (size_t i = 0; i < st->ndue_las && !e; i++)
		e = la_upsert(st->db, st->due_las[i].code, st->due_las[i].name, st->due_las[i].region);
	for (size_t i = 0; i < st->ndue_trusts && !e; i++) {
		struct known_trust *k = st->due_trusts[i];
		e = trust_insert(st->db, k->code, k->name, &k->id);
	}
	st->ndue_las = st->ndue_trusts = 0;
	return e;
}

static enum err flush_schools(struct state *st, struct school_batch *b)
{
	enum err e = b->n ? flush_due(st) : ERR_OK;
	if (!e && b->n) {
		int64_t ids[SCHOOLS_NEW_BATCH];
		for (size_t i = 0; i < b->n; i++)
			ids[i] = b->trust[i] ? b->trust[i]->id : 0;
		e = b->fresh ? schools_insert(st->db, b->rows, ids, b->n, st->now)
			     : schools_upsert(st->db, b->rows, ids, b->n, st->now);
	}
	b->n = 0;
	arena_free(b->a);
	b->a = NULL;
	return e;
}

static enum err flush_link_batch(struct state *st, struct link_batch *b)
{
	enum err e = !b->n ? ERR_OK : b->fresh ? links_insert(st->db, b->rows, b->n) : links_upsert(st->db, b->rows, b->n);
	b->n = 0;
	arena_free(b->a);
	b->a = NULL;
	return e;
}

/* Both links batches, the new links first (a link may wait in the new
 * batch and then change). */
static enum err flush_links(struct state *st)
{
	enum err e = flush_link_batch(st, &st->new_links);
	if (!e)
		e = flush_link_batch(st, &st->changed_links);
	st->link_batches++;
	return e;
}

static enum err flush_all(struct state *st)
{
	enum err e;
	if ((e = flush_schools(st, &st->new_schools)) || (e = flush_schools(st, &st->changed_schools)))
		return e;
	return flush_links(st);
}

static const char *copy(struct arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

/* Queues s to be written (a copy: s lives only during its callback). */
static enum err write_school(struct state *st, const struct gias_school *s, const struct known_trust *trust,
			     bool fresh)
{
	struct school_batch *b = fresh ? &st->new_schools : &st->changed_schools;
	if (!b->a)
		b->a = arena_new();
	struct gias_school *c = arena_alloc(b->a, sizeof(*c));
	*c = *s;
	c->nlinks = 0;
	const char **text[] = {
		&c->urn, &c->name, &c->la_code, &c->la_name, &c->number, &c->type, &c->type_group, &c->phase,
		&c->status, &c->open_date, &c->open_reason, &c->close_date, &c->close_reason, &c->trust_code,
		&c->trust_name, &c->street, &c->locality, &c->address3, &c->town, &c->county, &c->postcode,
		&c->website, &c->telephone, &c->region, &c->ukprn, &c->changed_on,
	};
	for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		*text[i] = copy(b->a, *text[i]);
	b->rows[b->n] = c;
	b->trust[b->n++] = trust;
	return b->n == b->max ? flush_schools(st, b) : ERR_OK;
}

/* Queues a link with the name and date to write: a new one, or one held. */
static enum err write_link(struct state *st, struct known_link *k, const struct gias_link *l, const char *name,
			   const char *date, bool fresh)
{
	struct link_batch *b = fresh ? &st->new_links : &st->changed_links;
	enum err e;
	if (k->batch == st->link_batches + 1 && (e = flush_links(st))) /* its key waits already: written first */
		return e;
	if (!b->a)
		b->a = arena_new();
	struct gias_link *c = arena_alloc(b->a, sizeof(*c));
	*c = (struct gias_link){.line = l->line, .urn = copy(b->a, l->urn), .link_urn = copy(b->a, l->link_urn),
				.name = copy(b->a, name), .type = copy(b->a, l->type), .date = copy(b->a, date)};
	b->rows[b->n++] = c;
	k->batch = st->link_batches + 1;
	return b->n == b->max ? flush_links(st) : ERR_OK;
}

/* ---- what the registry holds ---- */

/* Adds a row of the registry (n fields, NULL as none) to the fingerprint:
 * a keyed 128-bit hash of it, summed as two 64-bit halves, so that the
 * order rows are read in does not matter. The row's fields, each with its
 * NUL (NULL as a byte no text has), are hashed by SipHash under two keys
 * (a few hundred instructions: the registry's every row is hashed), or by
 * BLAKE2b when they are too long for the buffer. */
static void fingerprint_row(struct state *st, const char *const *fields, size_t n)
{
	static const unsigned char keys[2][16] = {"mathshubs-gias1", "mathshubs-gias2"}; /* 15 + NUL */
	unsigned char row[1024], out[16];
	size_t len = 0;
	for (size_t i = 0; i < n && len <= sizeof(row); i++) {
		const char *f = fields[i] ? fields[i] : "\x01";
		size_t k = strlen(f) + 1;
		if (len + k <= sizeof(row))
			memcpy(row + len, f, k);
		len += k;
	}
	if (len <= sizeof(row)) {
		crypto_shorthash(out, row, len, keys[0]);
		crypto_shorthash(out + 8, row, len, keys[1]);
	} else {
		crypto_generichash_state h;
		crypto_generichash_init(&h, keys[0], sizeof(keys[0]), sizeof(out));
		for (size_t i = 0; i < n; i++) {
			const char *f = fields[i] ? fields[i] : "\x01";
			crypto_generichash_update(&h, (const unsigned char *)f, strlen(f) + 1);
		}
		crypto_generichash_final(&h, out, sizeof(out));
	}
	uint64_t v[2];
	memcpy(v, out, sizeof(v));
	st->fp[0] += v[0];
	st->fp[1] += v[1];
}

static enum err load_school(void *ctx, const char *urn, const char *digest, const char *status, const char *changed_on)
{
	struct state *st = ctx;
	fingerprint_row(st, (const char *const[]){"school", urn, digest, status, changed_on}, 5);
	struct known_school *k = arena_alloc(st->a, sizeof(*k));
	snprintf(k->digest, sizeof(k->digest), "%s", digest);
	size_t n = changed_on ? strnlen(changed_on, sizeof(k->changed_on) - 1) : 0;
	memcpy(k->changed_on, changed_on ? changed_on : "", n);
	k->changed_on[n] = '\0';
	k->closed = !strcmp(status, "closed");
	strmap_put(&st->schools, arena_strdup(st->a, urn), k);
	return ERR_OK;
}

static enum err load_la(void *ctx, const char *code, const char *name, const char *region)
{
	struct state *st = ctx;
	fingerprint_row(st, (const char *const[]){"la", code, name, region}, 4);
	struct known_la *k = arena_alloc(st->a, sizeof(*k));
	k->has_name = name[0], k->has_region = region[0];
	strmap_put(&st->las, arena_strdup(st->a, code), k);
	return ERR_OK;
}

static struct known_trust *know_trust(struct state *st, int64_t id, const char *code, const char *name)
{
	struct known_trust *k = arena_alloc(st->a, sizeof(*k));
	k->id = id;
	k->code = code ? arena_strdup(st->a, code) : NULL;
	k->name = arena_strdup(st->a, name);
	if (code)
		strmap_put(&st->trust_by_code, k->code, k);
	if (!strmap_get(&st->trust_by_name, name)) /* the oldest trust of a name */
		strmap_put(&st->trust_by_name, k->name, k);
	return k;
}

static enum err load_trust(void *ctx, int64_t id, const char *code, const char *name)
{
	char n[24];
	snprintf(n, sizeof(n), "%lld", (long long)id);
	fingerprint_row(ctx, (const char *const[]){"trust", n, code, name}, 4);
	know_trust(ctx, id, code, name);
	return ERR_OK;
}

static const char *link_key(struct state *st, const char *urn, const char *link_urn, const char *type)
{
	return arena_printf(st->a, "%s|%s|%s", urn, link_urn, type);
}

static enum err load_link(void *ctx, const char *urn, const char *link_urn, const char *type, const char *name,
			  const char *date)
{
	struct state *st = ctx;
	fingerprint_row(st, (const char *const[]){"link", urn, link_urn, type, name, date}, 6);
	struct known_link *k = arena_alloc(st->a, sizeof(*k));
	k->name = arena_strdup(st->a, name);
	k->date = date ? arena_strdup(st->a, date) : NULL;
	strmap_put(&st->links, link_key(st, urn, link_urn, type), k);
	return ERR_OK;
}

/* ---- rows ---- */

static enum err fail(struct state *st, enum err e, const char *what)
{
	if (!st->run->msg[0])
		snprintf(st->run->msg, sizeof(st->run->msg), "%s: %s", what, err_str(e));
	return e;
}

/* The local authority of s, added or completed when the file knows more. */
static enum err local_authority(struct state *st, const struct gias_school *s)
{
	if (!s->la_code[0])
		return ERR_OK;
	struct known_la *k = strmap_get(&st->las, s->la_code);
	bool fills = k && ((!k->has_name && s->la_name[0]) || (!k->has_region && s->region[0]));
	if (k && !fills)
		return ERR_OK;
	if (!k) {
		k = arena_alloc(st->a, sizeof(*k));
		strmap_put(&st->las, arena_strdup(st->a, s->la_code), k);
		struct gias_run *run = st->run;
		if (run->nnew_las < GIAS_FIRST_NEW_LAS) {
			struct gias_new_la *n = &run->new_las[run->nnew_las++];
			snprintf(n->code, sizeof(n->code), "%s", s->la_code);
			snprintf(n->name, sizeof(n->name), "%.*s", (int)utf8_cut(s->la_name, sizeof(n->name) - 1),
				 s->la_name);
		}
		run->counts.las_created++;
	}
	k->has_name |= s->la_name[0] != '\0';
	k->has_region |= s->region[0] != '\0';
	if (st->dry)
		return ERR_OK;
	if (st->ndue_las == st->due_las_cap) {
		st->due_las_cap = st->due_las_cap ? st->due_las_cap * 2 : 64;
		st->due_las = xrealloc(st->due_las, st->due_las_cap * sizeof(*st->due_las));
	}
	st->due_las[st->ndue_las++] = (struct due_la){arena_strdup(st->a, s->la_code), arena_strdup(st->a, s->la_name),
						       arena_strdup(st->a, s->region)};
	return ERR_OK;
}

/* s's trust (NULL: none): found by code, else by name when the file has
 * no code or the trust of that name has none yet (it gets the code); new
 * when neither, written with the next schools (its id < 0 until then);
 * renamed when the file spells it otherwise. */
static enum err trust(struct state *st, const struct gias_school *s, const struct known_trust **out)
{
	*out = NULL;
	const char *code = s->trust_code[0] ? s->trust_code : NULL;
	const char *name = s->trust_name[0] ? s->trust_name : code;
	if (!name)
		return ERR_OK;
	enum err e = ERR_OK;
	bool write = !st->dry;
	struct known_trust *k = code ? strmap_get(&st->trust_by_code, code) : NULL;
	if (!k) {
		k = strmap_get(&st->trust_by_name, name);
		if (k && code && k->code)
			k = NULL; /* another trust of the same name */
		if (k && code) {
			k->code = arena_strdup(st->a, code);
			strmap_put(&st->trust_by_code, k->code, k);
			if (write && k->id > 0 && (e = trust_update(st->db, k->id, code, k->name)))
				return e;
		}
	}
	if (k) {
		if (strcmp(k->name, name) && code) { /* renamed (by code: a name-only file never renames) */
			k->name = arena_strdup(st->a, name);
			if (write && k->id > 0 && (e = trust_update(st->db, k->id, NULL, name)))
				return e;
		}
		*out = k;
		return ERR_OK;
	}
	st->run->counts.trusts_created++;
	k = know_trust(st, -(int64_t)st->run->counts.trusts_created, code, name);
	if (write) {
		if (st->ndue_trusts == st->due_trusts_cap) {
			st->due_trusts_cap = st->due_trusts_cap ? st->due_trusts_cap * 2 : 64;
			st->due_trusts = xrealloc(st->due_trusts, st->due_trusts_cap * sizeof(*st->due_trusts));
		}
		st->due_trusts[st->ndue_trusts++] = k;
	}
	*out = k;
	return ERR_OK;
}

static void progress(struct state *st, bool done)
{
	if (st->run->progress)
		st->run->progress(st->run->progress_ctx, st->run, st->bytes, done);
}

/* A link, from the links file or a download's "Linked establishments". A
 * link without a name or date (a download's) keeps those already held.
 * Counted once a run: new when the registry did not have it, updated when
 * a row of the run changes it, else unchanged. */
static enum err link_row(struct state *st, const struct gias_link *l)
{
	struct gias_counts *c = &st->run->counts;
	const char *key = link_key(st, l->urn, l->link_urn, l->type);
	struct known_link *k = strmap_get(&st->links, key);
	const char *name = l->name[0] || !k ? l->name : k->name;
	const char *date = l->date || !k ? l->date : k->date;
	if (k && !strcmp(k->name, name) && (k->date && date ? !strcmp(k->date, date) : k->date == date)) {
		if (k->counted == LINK_NOT_YET) {
			c->links_unchanged++;
			k->counted = LINK_UNCHANGED;
		}
	} else {
		bool fresh = !k;
		if (!k) {
			c->links_created++;
			k = arena_alloc(st->a, sizeof(*k));
			k->counted = LINK_NEW;
			strmap_put(&st->links, key, k);
		} else if (k->counted == LINK_NOT_YET || k->counted == LINK_UNCHANGED) {
			c->links_unchanged -= k->counted == LINK_UNCHANGED; /* an earlier row of it left it as it was */
			c->links_updated++;
			k->counted = LINK_UPDATED;
		}
		k->name = arena_strdup(st->a, name);
		k->date = date ? arena_strdup(st->a, date) : NULL;
		enum err e;
		if (!st->dry && (e = write_link(st, k, l, k->name, k->date, fresh)))
			return fail(st, e, "a link");
	}
	return st->run->each_link ? st->run->each_link(st->run->each_ctx, l) : ERR_OK;
}

static enum err on_link(void *ctx, const struct gias_link *l)
{
	struct state *st = ctx;
	if (++st->run->counts.link_rows % PROGRESS_ROWS == 0)
		progress(st, false);
	return link_row(st, l);
}

static enum err on_school(void *ctx, const struct gias_school *s)
{
	struct state *st = ctx;
	struct gias_counts *c = &st->run->counts;
	if (++c->rows % PROGRESS_ROWS == 0)
		progress(st, false);
	struct known_school *k = strmap_get(&st->schools, s->urn);
	enum err e;
	if (k && !strcmp(k->digest, s->digest)) {
		c->unchanged++;
	} else if (k && k->changed_on[0] && s->changed_on && strcmp(s->changed_on, k->changed_on) < 0) {
		c->older++; /* GIAS changed it since: the registry's is newer (dates are YYYY-MM-DD) */
	} else {
		if (!k)
			c->created++;
		else if (!k->closed && !strcmp(s->status, "closed"))
			c->closed++;
		else
			c->updated++;
		const struct known_trust *trust_of;
		if ((e = local_authority(st, s)) || (e = trust(st, s, &trust_of)))
			return fail(st, e, "a local authority or trust");
		if (!st->dry && (e = write_school(st, s, trust_of, !k)))
			return fail(st, e, "a school");
		if (!k) {
			k = arena_alloc(st->a, sizeof(*k));
			strmap_put(&st->schools, arena_strdup(st->a, s->urn), k);
		}
		memcpy(k->digest, s->digest, sizeof(k->digest));
		snprintf(k->changed_on, sizeof(k->changed_on), "%s", s->changed_on ? s->changed_on : "");
		k->closed = !strcmp(s->status, "closed");
	}
	for (size_t i = 0; i < s->nlinks; i++) {
		c->link_rows++;
		if ((e = link_row(st, &s->links[i])))
			return e;
	}
	return st->run->each_school ? st->run->each_school(st->run->each_ctx, s) : ERR_OK;
}

static enum err on_reject(void *ctx, size_t line, const char *urn, const char *name, const char *reason)
{
	struct state *st = ctx;
	struct gias_run *run = st->run;
	bool links = gias_reader_kind(st->reader) == GIAS_LINKS;
	if (links) {
		run->counts.link_rows++;
		run->counts.links_rejected++;
	} else {
		run->counts.rows++;
		run->counts.rejected++;
	}
	if (!run->skip_invalid)
		return ERR_INVALID; /* the reader says which line and why */
	const struct gias_rejected r = {st->file->name, line, urn, name, reason};
	gias_rejected_row(&st->report, &r);
	return run->each_rejected ? run->each_rejected(run->each_ctx, &r) : ERR_OK;
}

void gias_rejected_header(struct csv_writer *w)
{
	csv_row(w, (const char *const[]){"File", "Line", "URN", "Name", "Reason"}, 5);
}

void gias_rejected_row(struct csv_writer *w, const struct gias_rejected *r)
{
	char line[24];
	snprintf(line, sizeof(line), "%zu", r->line);
	csv_row(w, (const char *const[]){r->file, line, r->urn, r->name, r->reason}, 5);
}

static const struct gias_handlers handlers = {
	.school = on_school,
	.link = on_link,
	.reject = on_reject,
};

/* Reads one file of the run through the reader. */
static enum err read_file(struct state *st, const struct gias_file *f, size_t index)
{
	struct gias_run *run = st->run;
	st->file = f;
	st->bytes = 0;
	if (f->rewind && f->rewind(f->ctx)) {
		snprintf(run->msg, sizeof(run->msg), "%s: cannot read the file", f->name);
		return ERR_SYSTEM;
	}
	st->reader = gias_reader_new(f->kind, f->enc, &handlers, st);
	char *piece = xmalloc(READ_PIECE);
	enum err e = ERR_OK;
	for (;;) {
		ssize_t got = f->read(f->ctx, piece, READ_PIECE);
		if (got < 0) {
			snprintf(run->msg, sizeof(run->msg), "%s: cannot read the file", f->name);
			e = ERR_SYSTEM;
			break;
		}
		st->bytes += (size_t)got;
		e = got ? gias_reader_feed(st->reader, piece, (size_t)got) : gias_reader_end(st->reader);
		if (e || !got)
			break;
	}
	free(piece);
	if (!e && (e = flush_all(st)))
		fail(st, e, "writing the last rows");
	if (e && !run->msg[0])
		snprintf(run->msg, sizeof(run->msg), "%s: %s", f->name, gias_reader_message(st->reader));
	run->file_rows[index] = gias_reader_rows(st->reader);
	gias_reader_encoding(st->reader, f->enc, run->encoding[index], sizeof(run->encoding[index]),
			     run->encoding_note[index], sizeof(run->encoding_note[index]));
	run->counts.skipped += gias_reader_skipped(st->reader);
	run->counts.rows += gias_reader_skipped(st->reader);
	gias_reader_free(st->reader);
	st->reader = NULL;
	if (!e)
		progress(st, true);
	return e;
}

/* "1096 rows: 3 new, 10 updated, 2 closed, 1081 unchanged, 0 rejected ..." for the audit log. */
static char *describe(struct arena *a, const struct gias_run *run)
{
	const struct gias_counts *c = &run->counts;
	char *d = arena_printf(a, "%s%s%s: %zu rows: %zu new, %zu updated, %zu closed, %zu unchanged, "
				  "%zu rejected, %zu skipped (children's centres)",
			       run->files[0].name, run->nfiles > 1 ? " and " : "", run->nfiles > 1 ? run->files[1].name : "",
			       c->rows, c->created, c->updated, c->closed, c->unchanged, c->rejected, c->skipped);
	if (c->older)
		d = arena_printf(a, "%s, %zu older than the register's: kept as it is", d, c->older);
	const char *links = gias_links_text(a, c);
	return links ? arena_printf(a, "%s; %s", d, links) : d;
}

enum err gias_import_run(struct db *db, void *ctx)
{
	struct gias_run *run = ctx;
	/* a transaction run again starts afresh */
	memset(&run->counts, 0, sizeof(run->counts));
	run->msg[0] = '\0';
	run->file_rows[0] = run->file_rows[1] = 0;
	run->failed_file = -1;
	run->counts.rejected = run->rejected_before;
	run->counts.skipped = run->skipped_before;
	run->counts.rows = run->rejected_before + run->skipped_before;
	run->counts.links_rejected = run->links_rejected_before;
	run->counts.link_rows = run->links_rejected_before;
	run->nnew_las = 0;
	run->stale = false;
	run->fingerprint[0] = '\0';
	memset(run->encoding, 0, sizeof(run->encoding));
	memset(run->encoding_note, 0, sizeof(run->encoding_note));
	buf_free(&run->rejected_csv);
	/* on the heap: the batches are large for a worker thread's stack */
	struct state *st = xmalloc(sizeof(*st));
	memset(st, 0, sizeof(*st));
	st->run = run, st->db = db, st->dry = run->dry_run, st->a = arena_new(), st->now = clock_now();
	st->new_schools.max = SCHOOLS_NEW_BATCH, st->new_schools.fresh = true;
	st->changed_schools.max = SCHOOL_BATCH;
	st->new_links.max = LINKS_NEW_BATCH, st->new_links.fresh = true;
	st->changed_links.max = LINK_BATCH;
	st->report = csv_writer_on(&run->rejected_csv, false);
	gias_rejected_header(&st->report);
	enum err e;
	if ((e = schools_each_digest(db, load_school, st)) || (e = las_each(db, load_la, st)) ||
	    (e = trusts_each(db, load_trust, st)) || (e = links_each(db, load_link, st))) {
		fail(st, e, "reading the registry");
		goto out;
	}
	snprintf(run->fingerprint, sizeof(run->fingerprint), "%016llx%016llx", (unsigned long long)st->fp[0],
		 (unsigned long long)st->fp[1]);
	if (run->register_was && strcmp(run->register_was, run->fingerprint))
		run->stale = st->dry = true; /* what importing would do now, for the person to check again */
	/* a first import on SQLite: the schools' indexes built once, after
	 * the rows (queries.h) */
	bool bulk = false;
	if (!st->dry && !st->schools.n && (e = schools_indexes_drop(db, &bulk))) {
		fail(st, e, "preparing the register");
		goto out;
	}
	for (size_t i = 0; i < run->nfiles && !e; i++)
		if ((e = read_file(st, &run->files[i], i)))
			run->failed_file = (int)i;
	if (!e && bulk)
		e = schools_indexes_build(db);
	if (!e && !st->dry)
		e = audit(db, run->rq, run->actor_id, "schools_imported", "gias", describe(st->a, run));
	/* the search's words for the schools new or changed, in the same
	 * transaction and last: a national import's takes the words' table's
	 * lock until COMMIT (search_index.c) */
	if (!e && !st->dry)
		e = school_search_sync(db, NULL);
out:
	arena_free(st->new_schools.a);
	arena_free(st->changed_schools.a);
	arena_free(st->new_links.a);
	arena_free(st->changed_links.a);
	strmap_free(&st->schools);
	strmap_free(&st->las);
	strmap_free(&st->trust_by_code);
	strmap_free(&st->trust_by_name);
	strmap_free(&st->links);
	arena_free(st->a);
	free(st->due_trusts);
	free(st->due_las);
	free(st);
	return e;
}

void gias_run_free(struct gias_run *run)
{
	buf_free(&run->rejected_csv);
}

bool gias_counts_nothing_changed(const struct gias_counts *c)
{
	return !c->created && !c->updated && !c->closed && !c->links_created && !c->links_updated &&
	       !c->trusts_created && !c->las_created;
}

const char *gias_links_text(struct arena *a, const struct gias_counts *c)
{
	size_t links = c->links_created + c->links_updated + c->links_unchanged;
	if (!links && !c->links_rejected)
		return NULL;
	const char *what = !links ? "No links between schools"
				  : arena_printf(a, "%s link%s between schools", arena_thousands(a, (long long)links),
						 links == 1 ? "" : "s");
	const char *did = "";
	if (links && !c->links_created && !c->links_updated) {
		did = "no change";
	} else {
		const size_t n[] = {c->links_created, c->links_updated, c->links_unchanged};
		static const char *const label[] = {"new", "updated", "unchanged"};
		for (size_t i = 0; i < 3; i++)
			if (n[i])
				did = arena_printf(a, "%s%s%s %s", did, did[0] ? ", " : "", arena_thousands(a, (long long)n[i]), label[i]);
	}
	const char *rejected = !c->links_rejected ? ""
				: arena_printf(a, "%s%s row%s rejected", did[0] ? "; " : "",
					       arena_thousands(a, (long long)c->links_rejected), c->links_rejected == 1 ? "" : "s");
	return arena_printf(a, "%s: %s%s", what, did, rejected);
}
