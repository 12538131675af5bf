/*
 * ncp_file.h - a year's NCP catalogue as a CSV file, read and checked: the
 * layout of data/ncps-2024-25.csv (code,title,kind,phases,develops_llmes,
 * by name, in any order; other columns ignored). Both the shipped
 * catalogue (refdata.c, migration 2) and `mathshubs import-catalogue`
 * (import_cli.c) read their files through it, so one set of rules holds:
 *   code            NCPyy- then letters, digits or hyphens (yy: the last
 *                   two digits of the year's first calendar year), once in
 *                   the file;
 *   title           not empty, at most NCP_TITLE_MAX characters;
 *   kind            one of catalogue_kinds;
 *   phases          one or more of catalogue_phases, separated by ";", each
 *                   once;
 *   develops_llmes  yes or no.
 * Every problem of every row is found, each with its line. Pure: no I/O.
 */
#ifndef MH_CATALOGUE_NCP_FILE_H
#define MH_CATALOGUE_NCP_FILE_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

#define NCP_TITLE_MAX 200
#define NCP_CODE_MAX 32
#define NCP_ROWS_MAX 1000

/* Whether s could be an NCP's code (or a part of one): 1 to NCP_CODE_MAX
 * letters, digits and hyphens ("NCP24-06", "SKTM-P"). */
bool ncp_code_like(const char *s);

/* One row, checked. kind and phases point into the vocabularies. */
struct ncp_row {
	size_t line;
	const char *code, *title, *kind;
	const char *phases[3]; /* in the order Primary, Secondary, Post-16 */
	size_t nphases;
	bool develops_llmes;
};

/* A problem: its line (0: of the whole file) and what is wrong. */
struct ncp_problem {
	size_t line;
	const char *msg;
};

struct ncp_file {
	struct ncp_row *rows; /* the rows without a problem */
	size_t nrows;
	struct ncp_problem *problems; /* by line */
	size_t nproblems;
};

/* Reads the len bytes of UTF-8 text at text (a byte-order mark already
 * dropped) as the catalogue of the academic year starting in year (2026:
 * 2026/27), into out (allocated in a). The file is good when
 * out->nproblems is 0 and out->nrows is not. */
void ncp_file_read(struct arena *a, const char *text, size_t len, int year, struct ncp_file *out);

/* "NCP26-" for 2026 (out needs 8 bytes). */
void ncp_code_prefix(int year, char out[8]);

#endif
