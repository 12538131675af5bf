/* rows.c - see rows.h. */
#include "registry/rows.h"

#include "core/arena.h"
#include "db/db.h"

static const char *opt(struct db_stmt *st, struct arena *a, int col)
{
	return db_col_is_null(st, col) ? NULL : arena_strdup(a, db_col_text(st, col));
}

static enum err read_all(struct db_stmt *st, struct arena *a, struct school_row **out, size_t *n, int64_t *total)
{
	size_t cap = 32, k = 0;
	struct school_row *v = arena_alloc(a, cap * sizeof(*v));
	int rc;
	while ((rc = db_step(st)) == 1) {
		if (k == cap)
			v = arena_grow(a, v, k, cap *= 2, sizeof(*v));
		struct school_row *r = &v[k++];
		const char **text[] = {&r->urn, &r->name, &r->phase, &r->type, &r->status, &r->town, &r->postcode,
				       &r->la_code, &r->la_name, &r->trust_name};
		int c = 0;
		for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++, c++)
			*text[i] = arena_strdup(a, db_col_text(st, c));
		r->open_date = opt(st, a, c++);
		r->close_date = opt(st, a, c++);
		r->hub_code = opt(st, a, c++);
		r->hub_name = opt(st, a, c++);
		r->hub_demo = db_col_int(st, c++) != 0;
		r->outside_england = db_col_int(st, c++) != 0;
		r->type_group = arena_strdup(a, db_col_text(st, c++));
		if (total)
			*total = db_col_int(st, c);
	}
	*out = v;
	*n = k;
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err rows_read(struct db_stmt *st, struct arena *a, struct school_row **out, size_t *n)
{
	return read_all(st, a, out, n, NULL);
}

enum err rows_read_counted(struct db_stmt *st, struct arena *a, struct school_row **out, size_t *n,
			   int64_t *total)
{
	*total = 0;
	return read_all(st, a, out, n, total);
}
