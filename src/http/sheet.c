/* sheet.c - see sheet.h. */
#include "http/sheet.h"

#include <stdlib.h>
#include <string.h>

#include "core/acyear.h"
#include "core/arena.h"
#include "core/csv.h"
#include "core/xlsx.h"
#include "http/request.h"

static enum sheet_col col_of(const struct sheet *s, size_t k)
{
	return s->cols ? s->cols[k] : SHEET_TEXT;
}

/* Row i's cell k's kind (a sheet made without sheet_add: its column's). */
static enum sheet_col kind_of(const struct sheet *s, size_t i, size_t k)
{
	return s->kinds ? s->kinds[i * s->ncols + k] : col_of(s, k);
}

void sheet_add_as(struct arena *a, struct sheet *s, const char *const *row, const enum sheet_col *kinds)
{
	if (s->nrows == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		const char **c = arena_alloc(a, cap * s->ncols * sizeof(*c));
		enum sheet_col *k = arena_alloc(a, cap * s->ncols * sizeof(*k));
		if (s->nrows) {
			memcpy(c, s->cells, s->nrows * s->ncols * sizeof(*c));
			memcpy(k, s->kinds, s->nrows * s->ncols * sizeof(*k));
		}
		s->cells = c;
		s->kinds = k;
		s->cap = cap;
	}
	for (size_t k = 0; k < s->ncols; k++) {
		s->cells[s->nrows * s->ncols + k] = row[k] ? row[k] : "";
		s->kinds[s->nrows * s->ncols + k] = kinds ? kinds[k] : col_of(s, k);
	}
	s->nrows++;
}

void sheet_add(struct arena *a, struct sheet *s, const char *const *row)
{
	sheet_add_as(a, s, row, NULL);
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

/* A cell's "45%" as 0.45, or false (words, or none). */
static bool percent_of(const char *text, double *v)
{
	char *end;
	if (*text < '0' || *text > '9')
		return false;
	*v = strtod(text, &end) / 100;
	return end[0] == '%' && !end[1];
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
				if (kind_of(s, i, k) == SHEET_REAL && real_of(row[k], &v))
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
			enum sheet_col col = kind_of(s, i, k);
			if (col == SHEET_INT && *row[k])
				xlsx_cell_int(&x, strtoll(row[k], NULL, 10));
			else if (col == SHEET_REAL && real_of(row[k], &v))
				xlsx_cell_real(&x, v);
			else if (col == SHEET_PERCENT && percent_of(row[k], &v))
				xlsx_cell_percent(&x, v);
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
