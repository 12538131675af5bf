/* sheet.c - see sheet.h. */
#include "http/sheet.h"

#include <stdlib.h>
#include <string.h>

#include "core/acyear.h"
#include "core/arena.h"
#include "core/csv.h"
#include "core/xlsx.h"
#include "http/request.h"

void sheet_add(struct arena *a, struct sheet *s, const char *const *row)
{
	if (s->nrows == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		const char **c = arena_alloc(a, cap * s->ncols * sizeof(*c));
		if (s->nrows)
			memcpy(c, s->cells, s->nrows * s->ncols * sizeof(*c));
		s->cells = c;
		s->cap = cap;
	}
	for (size_t k = 0; k < s->ncols; k++)
		s->cells[s->nrows * s->ncols + k] = row[k] ? row[k] : "";
	s->nrows++;
}

static enum sheet_col col_of(const struct sheet *s, size_t k)
{
	return s->cols ? s->cols[k] : SHEET_TEXT;
}

/* A cell's text as a number ("+1.20", "-0.75"), or false (words, or none). */
static bool real_of(const char *text, double *v)
{
	char *end;
	if (!*text)
		return false;
	*v = strtod(text, &end);
	return !*end;
}

enum err resp_sheet(struct req *rq, struct resp *rs, bool xlsx, const char *filename, const char *name,
		    const struct sheet *s)
{
	const char *disposition = arena_printf(rq->arena, "attachment; filename=\"%s.%s\"", filename, xlsx ? "xlsx" : "csv");
	if (!xlsx) {
		struct csv_writer c = resp_csv(rs, disposition);
		csv_row(&c, s->heads, s->ncols);
		for (size_t i = 0; i < s->nrows; i++) {
			const char *const *row = &s->cells[i * s->ncols];
			double v;
			for (size_t k = 0; k < s->ncols; k++)
				if (col_of(s, k) == SHEET_REAL && real_of(row[k], &v))
					csv_cell_number(&c, v, 2); /* its minus sign is a number's, not a formula's */
				else
					csv_cell(&c, row[k]);
			csv_row_end(&c);
		}
		return ERR_OK;
	}
	struct xlsx_writer x = resp_xlsx(rs, disposition, name);
	xlsx_header(&x, s->heads, s->ncols);
	for (size_t i = 0; i < s->nrows; i++) {
		const char *const *row = &s->cells[i * s->ncols];
		for (size_t k = 0; k < s->ncols; k++) {
			double v;
			enum sheet_col col = col_of(s, k);
			if (col == SHEET_INT && *row[k])
				xlsx_cell_int(&x, strtoll(row[k], NULL, 10));
			else if (col == SHEET_REAL && real_of(row[k], &v))
				xlsx_cell_real(&x, v);
			else if (col == SHEET_DATE)
				xlsx_cell_date(&x, row[k]);
			else
				xlsx_cell(&x, *row[k] ? row[k] : NULL);
		}
		xlsx_row_end(&x);
	}
	return xlsx_finish(&x);
}

const char *sheet_year(struct arena *a, int year)
{
	char code[8];
	acyear_code(year, code);
	code[4] = '-';
	return arena_strdup(a, code);
}
