/*
 * terms_upload.c - /surveys/terms/upload: local authorities' term dates
 * from a CSV file (terms_pages.c says the whole journey). Nothing is
 * written until the person confirms; then every authority in the file has
 * its terms replaced over the span the file gives it, or none has.
 */
#include <string.h>

#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "surveys/pages.h"
#include "surveys/terms.h"
#include "surveys/terms_queries.h"

#define UPLOAD_HREF "/surveys/terms/upload"

struct upload {
	struct req *rq;
	const char *file_name;
	struct terms_file f;
	const char **la_names;  /* per group */
	int64_t *replaced;      /* per group: its terms now in the span */
	bool problems_added;
};

/* "2 September 2024" */
static const char *day_text(struct arena *a, const char *day)
{
	char out[24];
	return clock_format_day(day, out) ? arena_strdup(a, out) : day;
}

/* Every authority of the file looked up (an unknown code a problem on each
 * of its rows), and how many of its terms the file replaces. */
static enum err upload_check(struct db *db, struct upload *u)
{
	struct arena *a = u->rq->arena;
	struct terms_file *f = &u->f;
	u->la_names = arena_alloc(a, (f->ngroups + 1) * sizeof(*u->la_names));
	u->replaced = arena_alloc(a, (f->ngroups + 1) * sizeof(*u->replaced));
	bool unknown = false;
	for (size_t g = 0; g < f->ngroups; g++) {
		const struct terms_group *gr = &f->groups[g];
		enum err e = survey_la_name(db, a, gr->la_code, &u->la_names[g]);
		if (e == ERR_NOT_FOUND) {
			unknown = true;
			for (size_t i = 0; i < gr->n; i++)
				terms_file_problem(a, f, gr->rows[i].line,
						   arena_printf(a, "Line %zu: %s is not a local authority code: use the authority's 3-number "
								"code in Get Information about Schools, like 919",
								gr->rows[i].line, gr->la_code));
			continue;
		}
		if (e || (e = survey_terms_in_span(db, gr->la_code, gr->first, gr->last, &u->replaced[g])))
			return e;
	}
	if (unknown) {
		/* in line order, as the rest */
		for (size_t i = 1; i < f->nproblems; i++)
			for (size_t j = i; j > 0 && f->problems[j - 1].line > f->problems[j].line; j--) {
				struct term_problem t = f->problems[j];
				f->problems[j] = f->problems[j - 1];
				f->problems[j - 1] = t;
			}
	}
	return ERR_OK;
}

static enum err surveys_terms_check_read(struct db *db, void *ctx)
{
	return upload_check(db, ctx);
}

/* ---- the pages ---- */

static void columns_table(struct html *w)
{
	static const char *const heads[] = {"Column", "What to enter"};
	static const char *const rows[][2] = {
		{"Local authority code", "The authority's 3-number code in Get Information about Schools, like 919 for "
					 "Hertfordshire. A file may have several authorities."},
		{"Term name", "For example Autumn first half. Split each term at its half term: the half term is the gap "
			      "between the two halves."},
		{"First day", "The first day of the term, like 2026-09-03 or 03/09/2026."},
		{"Last day", "The last day of the term, in the same way."},
	};
	govuk_table_begin(w, "The columns of the file", true, heads, 2);
	for (size_t i = 0; i < 4; i++) {
		govuk_table_row_begin(w);
		govuk_table_cell(w, rows[i][0]);
		govuk_table_cell(w, rows[i][1]);
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
}

static void start_render(struct resp *rs, struct upload *u, const char *file_error)
{
	struct req *rq = u->rq;
	struct arena *a = rq->arena;
	size_t np = u->f.nproblems;
	struct govuk_error *errors = arena_alloc(a, (np + 1) * sizeof(*errors));
	size_t nerrors = 0;
	if (file_error)
		errors[nerrors++] = (struct govuk_error){"file", file_error};
	else
		for (size_t i = 0; i < np; i++)
			errors[nerrors++] = (struct govuk_error){"file", u->f.problems[i].msg};
	if (!file_error && np)
		file_error = arena_printf(a, "%s has %zu problem%s: fix %s and upload the file again", u->file_name, np,
					  np == 1 ? "" : "s", np == 1 ? "it" : "them");
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = "Upload term dates", .back_href = "/surveys/terms",
				      .errors = nerrors ? errors : NULL, .nerrors = nerrors});
	H_RAW(&w, "<p class=\"govuk-body\">Load local authorities' own term dates from a CSV file, one row for each term. "
		  "Survey reminders to their schools then follow those dates instead of the default national calendar. "
		  "Nothing is loaded until you have checked what the file holds.</p>\n");
	columns_table(&w);
	H_RAW(&w, "<p class=\"govuk-body\">The first row names the columns (\"LA code\" or \"Local authority code\", "
		  "\"Term\", \"Start date\" and \"End date\" will do). For each authority, the terms you load replace those "
		  "already loaded between the first day and the last day the file gives it.</p>\n"
		  "<form method=\"post\" action=\"" UPLOAD_HREF "\" enctype=\"multipart/form-data\" novalidate>\n");
	govuk_csrf(&w, rq->session->csrf);
	govuk_file_upload(&w, &(struct govuk_file_upload){
		.id = "file", .label = "Upload a file", .accept = ".csv,text/csv", .error = file_error,
		.hint = "A CSV file. In Excel, choose Save As, then CSV UTF-8 (comma delimited)."});
	H_RAW(&w, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Upload and check</button>\n</form>\n");
	page_end(&w);
}

static void review_render(struct resp *rs, struct upload *u)
{
	struct req *rq = u->rq;
	struct arena *a = rq->arena;
	const struct terms_file *f = &u->f;
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = "Check the term dates before you load them", .back_href = UPLOAD_HREF,
				      .caption = u->file_name, .full_width = true});
	H_RAW(&w, "<p class=\"govuk-body\">");
	html_text(&w, arena_printf(a, "The file has %zu term%s for %zu local authorit%s. For each, the terms already loaded "
				      "between its first and last day are replaced.",
				   f->nrows, f->nrows == 1 ? "" : "s", f->ngroups, f->ngroups == 1 ? "y" : "ies"));
	H_RAW(&w, "</p>\n");
	govuk_table_begin(&w, "What will be loaded", false, NULL, 0);
	govuk_table_head_begin(&w);
	govuk_table_head(&w, "Local authority", false);
	govuk_table_head(&w, "Dates", false);
	govuk_table_head(&w, "Terms", true);
	govuk_table_head_end(&w);
	for (size_t g = 0; g < f->ngroups; g++) {
		const struct terms_group *gr = &f->groups[g];
		govuk_table_row_begin(&w);
		govuk_table_cell_begin(&w);
		html_text(&w, arena_printf(a, "%s (%s)", u->la_names[g], gr->la_code));
		H_RAW(&w, "<br><span class=\"mh-secondary\">");
		int64_t r = u->replaced[g];
		html_text(&w, !r ? "No terms loaded before in these dates"
				 : arena_printf(a, "Replaces %lld term%s loaded before", (long long)r, r == 1 ? "" : "s"));
		H_RAW(&w, "</span>");
		govuk_table_cell_end(&w);
		govuk_table_cell(&w, arena_printf(a, "%s to %s", day_text(a, gr->first), day_text(a, gr->last)));
		govuk_table_cell_number(&w, (long long)gr->n);
		govuk_table_row_end(&w);
	}
	govuk_table_end(&w);
	for (size_t g = 0; g < f->ngroups; g++) {
		const struct terms_group *gr = &f->groups[g];
		govuk_details_begin(&w, arena_printf(a, "%s's terms", u->la_names[g]), false);
		govuk_table_begin(&w, arena_printf(a, "%s (%s)", u->la_names[g], gr->la_code), true, NULL, 0);
		govuk_table_head_begin(&w);
		govuk_table_head(&w, "Line", true);
		govuk_table_head(&w, "Term", false);
		govuk_table_head(&w, "Dates", false);
		govuk_table_head_end(&w);
		for (size_t i = 0; i < gr->n; i++) {
			govuk_table_row_begin(&w);
			govuk_table_cell_number(&w, (long long)gr->rows[i].line);
			govuk_table_cell(&w, gr->rows[i].name);
			govuk_table_cell(&w, arena_printf(a, "%s to %s", day_text(a, gr->rows[i].first), day_text(a, gr->rows[i].last)));
			govuk_table_row_end(&w);
		}
		govuk_table_end(&w);
		govuk_details_end(&w);
	}
	H_RAW(&w, "<form method=\"post\" action=\"" UPLOAD_HREF "/confirm\" novalidate>\n");
	govuk_csrf(&w, rq->session->csrf);
	H_RAW(&w, "<input type=\"hidden\" name=\"file_name\"");
	H_ATTR(&w, "value", u->file_name);
	H_RAW(&w, "><input type=\"hidden\" name=\"terms\"");
	H_ATTR(&w, "value", terms_file_csv(a, f));
	H_RAW(&w, ">\n<div class=\"govuk-button-group\">"
		  "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\" data-prevent-double-click=\"true\">"
		  "Load these term dates</button>\n"
		  "<a class=\"govuk-link\" href=\"" UPLOAD_HREF "\">Upload a different file</a></div>\n</form>\n");
	page_end(&w);
}

/* ---- the handlers ---- */

enum err surveys_terms_upload(struct req *rq, struct resp *rs)
{
	struct upload u = {.rq = rq};
	start_render(rs, &u, NULL);
	return ERR_OK;
}

enum err surveys_terms_upload_post(struct req *rq, struct resp *rs)
{
	struct upload u = {.rq = rq};
	const struct req_file *file = req_file(rq, "file");
	const char *problem = NULL;
	if (!file || (!file->filename[0] && !file->len))
		problem = "Select a CSV file of term dates";
	if (!problem) {
		u.file_name = req_file_name(rq->arena, file, 200);
		terms_file_read(rq->arena, file->data, file->len, true, &u.f);
		problem = u.f.problem;
	}
	enum err e;
	if (!problem && (e = db_transact_named(rq->db, DB_READ, "surveys_terms_check_read", surveys_terms_check_read, &u)))
		return e;
	if (problem || u.f.nproblems) {
		rs->status = 400;
		start_render(rs, &u, problem);
		return ERR_OK;
	}
	review_render(rs, &u);
	return ERR_OK;
}

/* Checked again (the register may have changed); then each authority's
 * terms replaced, each audited; or nothing. */
static enum err surveys_terms_load_write(struct db *db, void *ctx)
{
	struct upload *u = ctx;
	struct req *rq = u->rq;
	struct arena *a = rq->arena;
	enum err e = upload_check(db, u);
	if (e || u->f.nproblems)
		return e;
	int64_t now = clock_now(), by = rq->session->person_id;
	for (size_t g = 0; g < u->f.ngroups; g++) {
		const struct terms_group *gr = &u->f.groups[g];
		if ((e = survey_terms_replace(db, gr, by, now)))
			return e;
		if ((e = audit(db, rq, by, "school_terms_loaded", arena_printf(a, "la:%s", gr->la_code),
			       arena_printf(a, "%zu terms from %s to %s (replacing %lld) from the file %s", gr->n, gr->first, gr->last,
					    (long long)u->replaced[g], u->file_name))))
			return e;
	}
	size_t n = u->f.ngroups;
	return session_flash(rq, n == 1 ? arena_printf(a, "Term dates loaded for %s", u->la_names[0])
					: arena_printf(a, "Term dates loaded for %zu local authorities", n));
}

enum err surveys_terms_confirm_post(struct req *rq, struct resp *rs)
{
	struct upload u = {.rq = rq};
	const char *terms = req_form(rq, "terms"), *name = req_form(rq, "file_name");
	u.file_name = name && name[0] && strlen(name) <= 200 ? name : "the file";
	if (!terms || !terms[0]) {
		rs->status = 400;
		start_render(rs, &u, "Select a CSV file of term dates");
		return ERR_OK;
	}
	terms_file_read(rq->arena, terms, strlen(terms), true, &u.f);
	if (u.f.problem || u.f.nproblems) {
		rs->status = 400;
		start_render(rs, &u, u.f.problem);
		return ERR_OK;
	}
	enum err e = db_transact_named(rq->db, DB_WRITE, "surveys_terms_load_write", surveys_terms_load_write, &u);
	if (e)
		return e;
	if (u.f.nproblems) {
		rs->status = 400;
		start_render(rs, &u, NULL);
		return ERR_OK;
	}
	resp_redirect(rs, 303, "/surveys/terms");
	return ERR_OK;
}
