/* ncp_file.c - see ncp_file.h. */
#include "catalogue/ncp_file.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/refdata.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/csv.h"
#include "core/utf8.h"
#include "core/util.h"

static const char *const columns[] = {"code", "title", "kind", "phases", "develops_llmes"};
enum { COL_CODE, COL_TITLE, COL_KIND, COL_PHASES, COL_LLMES, NCOLS };

void ncp_code_prefix(int year, char out[8])
{
	snprintf(out, 8, "NCP%02d-", ((year % 100) + 100) % 100);
}

struct reading {
	struct arena *a;
	struct ncp_file *file;
	size_t cap;
	char year[8]; /* "2026/27" */
	const char **codes; /* every row's code so far, good or not, and its line */
	size_t *lines, ncodes;
};

static void problem(struct reading *r, size_t line, const char *msg)
{
	struct ncp_file *f = r->file;
	if (f->nproblems == r->cap)
		f->problems = f->problems ? arena_grow(r->a, f->problems, f->nproblems, r->cap *= 2, sizeof(*f->problems))
					  : arena_alloc(r->a, (r->cap = 16) * sizeof(*f->problems));
	f->problems[f->nproblems++] = (struct ncp_problem){line, msg};
}

static const char *in_list(const char *v, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v, list[i]))
			return list[i];
	return NULL;
}

bool ncp_code_like(const char *s)
{
	size_t n = strlen(s);
	if (!n || n > NCP_CODE_MAX)
		return false;
	for (const char *c = s; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '-')
			return false;
	return true;
}

static bool code_ok(const char *code, const char *prefix)
{
	size_t n = strlen(prefix);
	return !strncmp(code, prefix, n) && ncp_code_like(code + n) && strlen(code) <= NCP_CODE_MAX;
}

/* The phases "Primary;Post-16" into row (in the vocabulary's order);
 * false with a problem reported. */
static bool read_phases(struct reading *r, size_t line, const char *text, struct ncp_row *row)
{
	bool seen[3] = {false, false, false}, ok = true;
	char *copy = arena_strdup(r->a, text);
	for (char *save = NULL, *p = strtok_r(copy, ";", &save); p; p = strtok_r(NULL, ";", &save)) {
		while (*p == ' ')
			p++;
		for (size_t n = strlen(p); n && p[n - 1] == ' ';)
			p[--n] = '\0';
		size_t k = 0;
		while (k < 3 && strcmp(p, catalogue_phases[k]))
			k++;
		if (k == 3) {
			problem(r, line, arena_printf(r->a, "phase \"%s\" is not one of Primary, Secondary or Post-16", p));
			ok = false;
		} else if (seen[k]) {
			problem(r, line, arena_printf(r->a, "phase %s is given twice", p));
			ok = false;
		}
		if (k < 3)
			seen[k] = true;
	}
	row->nphases = 0;
	for (size_t k = 0; k < 3; k++)
		if (seen[k])
			row->phases[row->nphases++] = catalogue_phases[k];
	if (ok && !row->nphases) {
		problem(r, line, "no phase: give one or more of Primary, Secondary and Post-16, separated by \";\"");
		ok = false;
	}
	return ok;
}

/* One data row; adds it to the file's rows when it has no problem. */
static void read_row(struct reading *r, const struct csv_record *rec, const size_t *col, const char *prefix)
{
	size_t line = rec->line, before = r->file->nproblems;
	const char *v[NCOLS];
	for (size_t i = 0; i < NCOLS; i++)
		v[i] = col[i] < rec->n ? rec->fields[col[i]] : "";
	struct ncp_row row = {.line = line, .code = v[COL_CODE], .title = v[COL_TITLE]};
	if (!v[COL_CODE][0])
		problem(r, line, "no code");
	else if (!code_ok(v[COL_CODE], prefix))
		problem(r, line, arena_printf(r->a, "code \"%s\" is not one of %s: it must be %s followed by letters or digits, as %s01",
					      v[COL_CODE], r->year, prefix, prefix));
	else
		for (size_t i = 0; i < r->ncodes; i++)
			if (!strcmp(r->codes[i], v[COL_CODE])) {
				problem(r, line, arena_printf(r->a, "code %s is on line %zu too", v[COL_CODE], r->lines[i]));
				break;
			}
	r->codes[r->ncodes] = v[COL_CODE];
	r->lines[r->ncodes++] = line;
	size_t chars = utf8_chars(v[COL_TITLE], strlen(v[COL_TITLE]));
	if (!v[COL_TITLE][0])
		problem(r, line, "no title");
	else if (chars > NCP_TITLE_MAX)
		problem(r, line, arena_printf(r->a, "the title has %zu characters: at most %d", chars, NCP_TITLE_MAX));
	if (!(row.kind = in_list(v[COL_KIND], catalogue_kinds, 4)))
		problem(r, line, arena_printf(r->a, "kind \"%s\" is not one of Work Group, Programme, Community or Targeted Support",
					      v[COL_KIND]));
	read_phases(r, line, v[COL_PHASES], &row);
	row.develops_llmes = !strcmp(v[COL_LLMES], "yes");
	if (!row.develops_llmes && strcmp(v[COL_LLMES], "no"))
		problem(r, line, arena_printf(r->a, "develops_llmes \"%s\" must be yes or no", v[COL_LLMES]));
	if (r->file->nproblems == before)
		r->file->rows[r->file->nrows++] = row;
}

void ncp_file_read(struct arena *a, const char *text, size_t len, int year, struct ncp_file *out)
{
	memset(out, 0, sizeof(*out));
	struct reading r = {.a = a, .file = out};
	char prefix[8], msg[160];
	ncp_code_prefix(year, prefix);
	acyear_code(year, r.year);
	struct csv_record *recs;
	size_t n;
	enum err e = csv_records(a, text, len, NCP_ROWS_MAX + 1, &recs, &n, msg, sizeof(msg));
	if (e) {
		problem(&r, 0, e == ERR_TOO_LARGE ? arena_printf(a, "more than %d projects: is it a catalogue?", NCP_ROWS_MAX)
						  : arena_strdup(a, msg));
		return;
	}
	size_t col[NCOLS];
	for (size_t i = 0; n && i < NCOLS; i++) {
		col[i] = recs[0].n;
		for (size_t k = 0; k < recs[0].n && col[i] == recs[0].n; k++)
			if (!strcmp(recs[0].fields[k], columns[i]))
				col[i] = k;
		if (col[i] == recs[0].n)
			problem(&r, recs[0].line, arena_printf(a, "no column called \"%s\"", columns[i]));
	}
	if (!n || out->nproblems) {
		if (!n)
			problem(&r, 0, "the file is empty");
		else
			problem(&r, recs[0].line, "the first row must be the header code,title,kind,phases,develops_llmes");
		return;
	}
	out->rows = arena_alloc(a, n * sizeof(*out->rows));
	r.codes = arena_alloc(a, n * sizeof(*r.codes));
	r.lines = arena_alloc(a, n * sizeof(*r.lines));
	for (size_t i = 1; i < n; i++)
		read_row(&r, &recs[i], col, prefix);
	if (n == 1)
		problem(&r, recs[0].line, "the file has a header but no projects");
}
