/*
 * terms.c - school term dates as files have them (terms.h).
 */
#include "surveys/terms.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/csv.h"
#include "core/csv_upload.h"

enum { TC_LA, TC_NAME, TC_FIRST, TC_LAST, TC_COUNT };

/* The headings each column is known by, as csv_heading_key makes them. */
static const char *const aliases[TC_COUNT][9] = {
	[TC_LA] = {"localauthoritycode", "lacode", "la", "localauthority", "lanumber", "lacodenumber", "authoritycode",
		   "localauthoritynumber", "authority"},
	[TC_NAME] = {"termname", "term", "name", "termtitle"},
	[TC_FIRST] = {"firstday", "startdate", "start", "firstdate", "from", "termstarts", "starts", "begins", "firstdayofterm"},
	[TC_LAST] = {"lastday", "enddate", "end", "lastdate", "to", "termends", "ends", "lastdayofterm"},
};

struct reading {
	struct arena *a;
	bool with_la;
};

static int heading_of(void *ctx, const char *heading)
{
	struct reading *r = ctx;
	const char *h = csv_heading_key(r->a, heading);
	for (int c = r->with_la ? 0 : 1; c < TC_COUNT; c++)
		for (size_t k = 0; k < 9 && aliases[c][k]; k++)
			if (!strcmp(h, aliases[c][k]))
				return c;
	return -1;
}

static bool header_ok(void *ctx, const int *col)
{
	struct reading *r = ctx;
	return (!r->with_la || col[TC_LA] >= 0) && col[TC_NAME] >= 0 && col[TC_FIRST] >= 0 && col[TC_LAST] >= 0;
}

/* s without the spaces around it. */
static const char *trim(struct arena *a, const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return s[n] ? arena_strndup(a, s, n) : s;
}

/* The digits at *p (at least 1, at most max) as a number; -1 if none. */
static int digits(const char **p, int max)
{
	int v = 0, n = 0;
	while (n < max && **p >= '0' && **p <= '9') {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n ? v : -1;
}

const char *terms_day(struct arena *a, const char *s)
{
	int64_t t;
	if (strlen(s) == 10 && s[4] == '-' && s[7] == '-')
		return clock_parse_date(s, &t) ? arena_strdup(a, s) : NULL;
	const char *p = s;
	int d = digits(&p, 2);
	if (d < 0 || *p++ != '/')
		return NULL;
	int m = digits(&p, 2);
	if (m < 0 || *p++ != '/')
		return NULL;
	const char *ys = p;
	int y = digits(&p, 4);
	if (*p || p - ys != 4)
		return NULL;
	const char *iso = arena_printf(a, "%04d-%02d-%02d", y, m, d);
	return clock_parse_date(iso, &t) ? iso : NULL;
}

static bool is_day(const char *s)
{
	int64_t t;
	return s && strlen(s) == 10 && clock_parse_date(s, &t);
}

/* Characters, not bytes, of UTF-8 text. */
static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* "Autumn first half (line 4)" */
static const char *term_named(struct arena *a, const struct term_row *r)
{
	return arena_printf(a, "%s (line %zu)", r->name[0] ? r->name : "the term", r->line);
}

size_t terms_validate(struct arena *a, const struct term_row *rows, size_t n, struct term_problem *out)
{
	size_t np = 0;
	const struct term_row *prev = NULL; /* the last row with real days in order */
	for (size_t i = 0; i < n; i++) {
		const struct term_row *r = &rows[i];
		bool first_ok = is_day(r->first), last_ok = is_day(r->last);
		const char *msg = NULL;
		if (!r->name[0])
			msg = "Enter the term's name";
		else if (chars(r->name) > TERMS_NAME_MAX)
			msg = "The term's name must be 100 characters or fewer";
		if (msg)
			out[np++] = (struct term_problem){r->line, arena_printf(a, "Line %zu: %s", r->line, msg)};
		msg = NULL;
		if (!first_ok && !last_ok)
			msg = "First day and last day must be real dates, like 2026-09-03 or 03/09/2026";
		else if (!first_ok)
			msg = "First day must be a real date, like 2026-09-03 or 03/09/2026";
		else if (!last_ok)
			msg = "Last day must be a real date, like 2026-09-03 or 03/09/2026";
		else if (strcmp(r->first, r->last) > 0)
			msg = "Last day must be the same as or after the first day";
		else if (prev && strcmp(r->first, prev->first) < 0)
			msg = arena_printf(a, "Terms must be in date order: this one starts before %s", term_named(a, prev));
		else if (prev && strcmp(r->first, prev->last) <= 0)
			msg = arena_printf(a, "%s must start after %s ends: terms must not overlap",
					   r->name[0] ? r->name : "The term", term_named(a, prev));
		if (msg)
			out[np++] = (struct term_problem){r->line, arena_printf(a, "Line %zu: %s", r->line, msg)};
		else
			prev = r;
	}
	return np;
}

void terms_as_calendar(struct arena *a, const struct term_row *rows, size_t n, struct survey_terms *t)
{
	const char **first = arena_alloc(a, (n + 1) * sizeof(*first)), **last = arena_alloc(a, (n + 1) * sizeof(*last));
	for (size_t i = 0; i < n; i++) {
		first[i] = rows[i].first;
		last[i] = rows[i].last;
	}
	*t = (struct survey_terms){.first = first, .last = last, .n = n};
}

void terms_file_problem(struct arena *a, struct terms_file *f, size_t line, const char *msg)
{
	struct term_problem *p = arena_alloc(a, (f->nproblems + 1) * sizeof(*p));
	if (f->nproblems)
		memcpy(p, f->problems, f->nproblems * sizeof(*p));
	p[f->nproblems++] = (struct term_problem){line, msg};
	f->problems = p;
}

static int by_line(const void *x, const void *y)
{
	const struct term_problem *a = x, *b = y;
	return (a->line > b->line) - (a->line < b->line);
}

static int by_first(const void *x, const void *y)
{
	const struct term_row *a = x, *b = y;
	int c = strcmp(a->first, b->first);
	return c ? c : (a->line > b->line) - (a->line < b->line);
}

/* The rows (with real days) grouped by authority, each group sorted
 * (uploads) or as written (the default, which must be in order). */
static void group(struct arena *a, struct terms_file *f, const bool *usable, bool sort)
{
	f->groups = arena_alloc(a, (f->nrows + 1) * sizeof(*f->groups));
	size_t *count = arena_alloc(a, (f->nrows + 1) * sizeof(*count));
	size_t *of = arena_alloc(a, (f->nrows + 1) * sizeof(*of));
	for (size_t i = 0; i < f->nrows; i++) {
		if (!usable[i])
			continue;
		size_t g = 0;
		while (g < f->ngroups && strcmp(f->groups[g].la_code, f->rows[i].la_code))
			g++;
		if (g == f->ngroups) {
			f->groups[f->ngroups++] = (struct terms_group){.la_code = f->rows[i].la_code};
			count[g] = 0;
		}
		count[g]++;
		of[i] = g;
	}
	for (size_t g = 0; g < f->ngroups; g++)
		f->groups[g].rows = arena_alloc(a, (count[g] + 1) * sizeof(struct term_row));
	for (size_t i = 0; i < f->nrows; i++)
		if (usable[i]) {
			struct terms_group *gr = &f->groups[of[i]];
			gr->rows[gr->n++] = f->rows[i];
		}
	for (size_t g = 0; g < f->ngroups; g++) {
		struct terms_group *gr = &f->groups[g];
		if (sort)
			qsort(gr->rows, gr->n, sizeof(*gr->rows), by_first);
		struct term_problem *out = arena_alloc(a, (2 * gr->n + 1) * sizeof(*out));
		size_t np = terms_validate(a, gr->rows, gr->n, out);
		for (size_t k = 0; k < np; k++)
			terms_file_problem(a, f, out[k].line, out[k].msg);
		gr->first = gr->rows[0].first;
		for (size_t k = 0; k < gr->n; k++)
			if (strcmp(gr->rows[k].last, gr->last ? gr->last : "") > 0)
				gr->last = gr->rows[k].last;
	}
}

void terms_file_read(struct arena *a, const char *data, size_t len, bool with_la, struct terms_file *f)
{
	*f = (struct terms_file){0};
	struct csv_record *recs;
	size_t n, line;
	enum csv_upload read = csv_upload_read(a, data, len, TERMS_MAX_ROWS + 10, &recs, &n, &line);
	if ((f->problem = csv_upload_problem(a, read, line, "The selected file must have at most 5,000 terms: split it into smaller files")))
		return;
	struct reading rd = {a, with_la};
	int col[TC_COUNT];
	size_t head = csv_find_header(recs, n, 5, TC_COUNT, heading_of, header_ok, &rd, col);
	if (head == n) {
		f->problem = with_la ? "The first row of the selected file must name the columns: local authority code, term name, first day and last day"
				     : "The file must name the columns: term name, first day and last day";
		return;
	}
	f->rows = arena_alloc(a, (n - head) * sizeof(*f->rows));
	bool *usable = arena_alloc(a, (n - head) * sizeof(*usable));
	for (size_t i = head + 1; i < n; i++) {
		const struct csv_record *r = &recs[i];
		const char *v[TC_COUNT];
		bool any = false;
		for (int c = 0; c < TC_COUNT; c++) {
			v[c] = col[c] >= 0 && (size_t)col[c] < r->n ? trim(a, r->fields[col[c]]) : "";
			any = any || v[c][0];
		}
		if (!any)
			continue; /* a row of empty cells: a spreadsheet's blank line */
		struct term_row *row = &f->rows[f->nrows];
		*row = (struct term_row){.line = r->line, .la_code = with_la ? v[TC_LA] : "", .name = v[TC_NAME]};
		const char *first = v[TC_FIRST][0] ? terms_day(a, v[TC_FIRST]) : NULL;
		const char *last = v[TC_LAST][0] ? terms_day(a, v[TC_LAST]) : NULL;
		row->first = first ? first : v[TC_FIRST];
		row->last = last ? last : v[TC_LAST];
		usable[f->nrows] = true;
		if (with_la && !row->la_code[0]) {
			terms_file_problem(a, f, r->line, arena_printf(a, "Line %zu: Enter the local authority code, like 919", r->line));
			usable[f->nrows] = false;
		}
		if (!first || !last) {
			const char *which = !first && !last ? "First day and last day" : !first ? "First day" : "Last day";
			const char *shown = !first && !last ? arena_printf(a, "%s and %s", v[TC_FIRST][0] ? v[TC_FIRST] : "empty",
									  v[TC_LAST][0] ? v[TC_LAST] : "empty")
					    : !first ? (v[TC_FIRST][0] ? v[TC_FIRST] : "empty")
						     : (v[TC_LAST][0] ? v[TC_LAST] : "empty");
			terms_file_problem(a, f, r->line,
					   arena_printf(a, "Line %zu: %s must be %s, like 2026-09-03 or 03/09/2026 (%s %s)",
							r->line, which, !first && !last ? "real dates" : "a real date",
							!first && !last ? "they are" : "it is", shown));
			usable[f->nrows] = false;
			if (!row->name[0])
				terms_file_problem(a, f, r->line, arena_printf(a, "Line %zu: Enter the term's name", r->line));
		}
		f->nrows++;
	}
	if (!f->nrows) {
		f->problem = "The selected file has no terms in it: add a row for each term below the row naming the columns";
		return;
	}
	group(a, f, usable, with_la);
	if (f->nproblems > 1)
		qsort(f->problems, f->nproblems, sizeof(*f->problems), by_line);
}

const char *terms_file_csv(struct arena *a, const struct terms_file *f)
{
	struct buf b = {0};
	struct csv_writer w = csv_writer_plain(&b);
	static const char *const head[] = {"Local authority code", "Term name", "First day", "Last day"};
	csv_row(&w, head, 4);
	for (size_t g = 0; g < f->ngroups; g++)
		for (size_t i = 0; i < f->groups[g].n; i++) {
			const struct term_row *r = &f->groups[g].rows[i];
			const char *cells[] = {r->la_code, r->name, r->first, r->last};
			csv_row(&w, cells, 4);
		}
	const char *s = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return s;
}
