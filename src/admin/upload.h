/*
 * upload.h - adding people from a file (/admin/people/upload), shared by
 * its three files: upload.c (the handlers and their transactions),
 * upload_check.c (every row checked against the database, and the rows
 * kept as JSON between the check and the confirmation) and upload_views.c
 * (the pages, from what was read).
 */
#ifndef MH_ADMIN_UPLOAD_H
#define MH_ADMIN_UPLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "admin/add.h"
#include "admin/queries.h"
#include "admin/upload_file.h"
#include "auth/token.h"
#include "core/err.h"

struct db;
struct req;
struct resp;

#define UPLOAD_SECONDS 3600 /* how long a checked file waits for its confirmation */

/* A row checked: the person as they would be added, and what that would do. */
struct row_check {
	const struct upload_row *row;
	bool ok;                /* no problem */
	struct person_new p;    /* as added (when ok) */
	enum add_outcome outcome;
	size_t same_as;         /* the line of an earlier row with the same email address (0: none) */
	bool repeat;            /* ... and the same role: added once */
	bool new_person;        /* the person is new, added by this file (on this row or an earlier one) */
	const char *school;     /* the name of the school of its URN, or NULL */
	bool school_closed;     /* ... which has closed: said, not refused (they may have moved since) */
};

/* A problem of a row: its line, its column (UC_COUNT: the row as a whole). */
struct upload_problem {
	size_t line;
	enum upload_col col;
	const char *msg;
};

struct upload_view {
	struct req *rq;
	struct add_scope scope;  /* who may add whom, with which roles; the offer's hubs loaded */
	const char *file_name;
	struct upload_file file; /* its rows (and a problem of the whole file) */
	struct row_check *checks; /* one per row, after upload_check */
	struct upload_problem *problems;
	size_t nproblems;
	/* what adding them would do: new people; rows giving a role to someone
	 * already on Maths Hubs; rows for a role they have; repeated rows */
	size_t n_new, n_given, n_has, n_repeat;
	/* the upload kept between the check and the confirmation */
	char token[TOKEN_LEN + 1];
	struct upload_stored stored;
	bool gone, used;
};

/* Checks every row of v->file against the database, in the caller's
 * transaction (loading the offer's hubs first): v->checks, v->problems
 * and the counts, afresh each time. Writes nothing. */
enum err upload_check(struct db *db, struct upload_view *v);

/* The rows of v->file as JSON text (to keep), and back (into v->file, in
 * the request's arena). upload_rows_from_json returns false for text that
 * is not such rows. */
const char *upload_rows_json(const struct upload_view *v);
bool upload_rows_from_json(struct upload_view *v, const char *json);

/* The pages (upload_views.c), each from what was read. */
void upload_start_render(struct resp *rs, struct upload_view *v, const char *file_error);
void upload_review_render(struct resp *rs, struct upload_view *v);

/* A problem as the error summary says it: "Line 4, Email: Enter ...". */
const char *upload_problem_text(const struct req *rq, const struct upload_problem *p);

#endif
