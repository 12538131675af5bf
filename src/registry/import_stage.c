/* import_stage.c - see import_stage.h. */
#include "registry/import_stage.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/util.h"
#include "db/db.h"
#include "registry/queries.h"

#define PIECE_BYTES (1u << 20)

static const char *kind_name(enum gias_kind k)
{
	return k == GIAS_LINKS ? "links" : "establishments";
}

/* ---- writing ---- */

void stage_init(struct stage *st, struct db *db, int64_t id)
{
	stage_free(st);
	*st = (struct stage){.db = db, .id = id};
	st->ws = csv_writer_plain(&st->schools);
	st->wl = csv_writer_plain(&st->links);
}

static enum err put(struct stage *st, struct buf *b, enum gias_kind kind)
{
	enum err e = school_import_chunk_insert(st->db, st->id, st->seq++, kind_name(kind), b->data);
	b->len = 0;
	b->data[0] = '\0';
	return e;
}

enum err stage_school(void *ctx, const struct gias_school *s)
{
	struct stage *st = ctx;
	if (!st->schools_begun) {
		gias_write_schools_header(&st->ws);
		st->schools_begun = true;
	}
	gias_write_school(&st->ws, s);
	return st->schools.len >= PIECE_BYTES ? put(st, &st->schools, GIAS_ESTABLISHMENTS) : ERR_OK;
}

enum err stage_link(void *ctx, const struct gias_link *l)
{
	struct stage *st = ctx;
	if (!st->links_begun) {
		gias_write_links_header(&st->wl);
		st->links_begun = true;
	}
	gias_write_link(&st->wl, l);
	return st->links.len >= PIECE_BYTES ? put(st, &st->links, GIAS_LINKS) : ERR_OK;
}

enum err stage_flush(struct stage *st)
{
	enum err e = ERR_OK;
	if (st->schools.len)
		e = put(st, &st->schools, GIAS_ESTABLISHMENTS);
	if (!e && st->links.len)
		e = put(st, &st->links, GIAS_LINKS);
	return e;
}

void stage_free(struct stage *st)
{
	buf_free(&st->schools);
	buf_free(&st->links);
	st->schools = st->links = (struct buf){0};
}

/* ---- reading back ---- */

static int staged_rewind(void *ctx)
{
	struct staged *s = ctx;
	free(s->data);
	s->data = NULL;
	s->len = s->off = 0;
	s->seq = -1;
	s->end = false;
	return 0;
}

static ssize_t staged_read(void *ctx, char *buf, size_t n)
{
	struct staged *s = ctx;
	while (s->off == s->len && !s->end) {
		free(s->data);
		s->data = NULL;
		s->len = s->off = 0;
		enum err e = school_import_chunk_next(s->db, s->id, s->kind, s->seq, &s->data, &s->len, &s->seq);
		if (e == ERR_NOT_FOUND)
			s->end = true;
		else if (e)
			return -1;
	}
	size_t k = s->len - s->off < n ? s->len - s->off : n;
	if (k)
		memcpy(buf, s->data + s->off, k);
	s->off += k;
	return (ssize_t)k;
}

void staged_file(struct staged *src, struct db *db, int64_t id, enum gias_kind kind, const char *name,
		 struct gias_file *out)
{
	*src = (struct staged){.db = db, .id = id, .seq = -1, .kind = kind_name(kind)};
	*out = (struct gias_file){.name = name, .kind = kind, .enc = ENC_UTF8, .rewind = staged_rewind,
				  .read = staged_read, .ctx = src};
}

void staged_free(struct staged *src)
{
	free(src->data);
	src->data = NULL;
}

/* ---- a file in memory ---- */

static int memory_rewind(void *ctx)
{
	((struct memory_file *)ctx)->off = 0;
	return 0;
}

static ssize_t memory_read(void *ctx, char *buf, size_t n)
{
	struct memory_file *m = ctx;
	size_t k = m->len - m->off < n ? m->len - m->off : n;
	if (k)
		memcpy(buf, m->data + m->off, k);
	m->off += k;
	return (ssize_t)k;
}

void memory_file(struct memory_file *m, const char *data, size_t len, const char *name, enum gias_kind kind,
		 enum text_encoding enc, struct gias_file *out)
{
	*m = (struct memory_file){.data = data, .len = len};
	*out = (struct gias_file){.name = name, .kind = kind, .enc = enc, .rewind = memory_rewind,
				  .read = memory_read, .ctx = m};
}

/* ---- outcomes as JSON ---- */

void import_outcome_of(struct import_outcome *o, const struct gias_run *run)
{
	memset(o, 0, sizeof(*o));
	o->counts = run->counts;
	o->nlas = run->nnew_las;
	memcpy(o->las, run->new_las, run->nnew_las * sizeof(o->las[0]));
	memcpy(o->fingerprint, run->fingerprint, sizeof(o->fingerprint));
}

/* field, key, and whether every outcome kept has it (older came later) */
#define COUNTS(X)                                                                                  \
	X(rows, "rows", true) X(created, "new", true) X(updated, "updated", true)                 \
	X(closed, "closed", true) X(unchanged, "unchanged", true) X(older, "older", false)         \
	X(rejected, "rejected", true) X(skipped, "skipped", true)                                  \
	X(link_rows, "link_rows", true) X(links_created, "links_new", true)                        \
	X(links_updated, "links_updated", true) X(links_unchanged, "links_unchanged", true)        \
	X(links_rejected, "links_rejected", true) X(trusts_created, "trusts_new", true)            \
	X(las_created, "local_authorities_new", true)

char *import_outcome_json(struct arena *a, const struct import_outcome *o)
{
	json_t *j = json_object();
	const struct gias_counts *c = &o->counts;
#define PUT(field, key, always) json_object_set_new(j, key, json_integer((json_int_t)c->field));
	COUNTS(PUT)
#undef PUT
	json_t *las = json_array();
	for (size_t i = 0; i < o->nlas; i++)
		json_array_append_new(las, json_pack("{s:s, s:s}", "code", o->las[i].code, "name", o->las[i].name));
	json_object_set_new(j, "new_local_authorities", las);
	json_object_set_new(j, "register", json_string(o->fingerprint));
	char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	if (!s)
		fatal("out of memory");
	char *out = arena_strdup(a, s);
	free(s);
	return out;
}

bool import_outcome_from_json(const char *json, struct import_outcome *o)
{
	memset(o, 0, sizeof(*o));
	json_t *j = json_loads(json, 0, NULL);
	if (!json_is_object(j)) {
		json_decref(j);
		return false;
	}
	bool ok = true;
	struct gias_counts *c = &o->counts;
#define GET(field, key, always)                                                                    \
	{                                                                                          \
		json_t *v = json_object_get(j, key);                                               \
		if (json_is_integer(v) && json_integer_value(v) >= 0)                             \
			c->field = (size_t)json_integer_value(v);                                  \
		else if (v || always)                                                              \
			ok = false;                                                                \
	}
	COUNTS(GET)
#undef GET
	json_t *las = json_object_get(j, "new_local_authorities"), *la;
	size_t i;
	json_array_foreach(las, i, la) {
		const char *code, *name;
		if (json_unpack(la, "{s:s, s:s}", "code", &code, "name", &name)) {
			ok = false;
			break;
		}
		if (o->nlas < GIAS_FIRST_NEW_LAS) {
			struct gias_new_la *n = &o->las[o->nlas++];
			snprintf(n->code, sizeof(n->code), "%s", code);
			snprintf(n->name, sizeof(n->name), "%s", name);
		}
	}
	const char *fp = json_string_value(json_object_get(j, "register"));
	snprintf(o->fingerprint, sizeof(o->fingerprint), "%s", fp ? fp : "");
	json_decref(j);
	return ok;
}
