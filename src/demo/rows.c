/* rows.c - see demo.h: the rows a part gathers for an insert of many. */
#include <stdlib.h>

#include "core/util.h"
#include "db/db.h"
#include "demo/demo.h"

struct db_value *demo_row_add(struct demo_rows *r)
{
	if (r->n == r->cap)
		r->v = xrealloc(r->v, (r->cap = r->cap ? r->cap * 2 : 4096) * r->cols * sizeof(*r->v));
	return r->v + r->n++ * r->cols;
}

void demo_rows_free(struct demo_rows *r)
{
	free(r->v);
	*r = (struct demo_rows){.cols = r->cols};
}
