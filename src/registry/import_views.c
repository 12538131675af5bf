/*
 * import_views.c - the pages of /admin/schools/import, from what the
 * handlers read (import_pages.h): no database here.
 */
#include <stdio.h>
#include <string.h>

#include "auth/session.h"
#include "core/arena.h"
#include "core/url.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "registry/import_pages.h"

static const struct crumb crumbs[] = {{"Home", "/"}, {"Your account", "/account"}};

/* 1096 -> "1,096", in a. */
static const char *num(struct arena *a, size_t n)
{
	return arena_thousands(a, (long long)n);
}

void import_form_render(struct resp *rs, const struct import_view *v)
{
	struct req *rq = v->rq;
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = "Import schools from GIAS", .crumbs = crumbs, .ncrumbs = 2,
				      .errors = v->errors, .nerrors = v->nerrors, .banner = session_banner(rq)});
	H_RAW(&w, "<p class=\"govuk-body\">The schools of Maths Hubs come from the Department for Education's "
		  "Get Information about Schools (GIAS). From its Downloads page, download:</p>\n"
		  "<ul class=\"govuk-list govuk-list--bullet\">\n"
		  "<li>all establishment data (edubasealldata, a CSV file of every establishment, about 60 MB), or "
		  "the results of a search on GIAS</li>\n"
		  "<li>the links between establishments (links_edubasealldata), which say which school another "
		  "replaced</li>\n</ul>\n"
		  "<p class=\"govuk-body\">Upload them as GIAS gives them: nothing needs changing. Before anything "
		  "is imported you will see what importing them would do.</p>\n"
		  "<div class=\"govuk-inset-text\">Schools the files do not mention stay as they are. Children's "
		  "centres are not imported: they are not schools.</div>\n"
		  "<form method=\"post\" action=\"/admin/schools/import\" enctype=\"multipart/form-data\" novalidate>\n");
	govuk_csrf(&w, rq->session->csrf);
	govuk_file_upload(&w, &(struct govuk_file_upload){
		.id = "establishments", .label = "GIAS establishments file", .accept = ".csv,text/csv",
		.hint = "edubasealldata.csv, or a search's results from the GIAS website, as a CSV file",
		.error = govuk_error_for(v->errors, v->nerrors, "establishments")});
	govuk_file_upload(&w, &(struct govuk_file_upload){
		.id = "links", .label = "GIAS links file (optional)", .accept = ".csv,text/csv", .hint = "links_edubasealldata.csv",
		.error = govuk_error_for(v->errors, v->nerrors, "links")});
	govuk_button(&w, &(struct govuk_button){.text = "Upload and check", .prevent_double_click = true});
	H_RAW(&w, "</form>\n<p class=\"govuk-body\">On the server, the same files can be imported with "
		  "<code>mathshubs import-gias FILE --links LINKS_FILE</code>.</p>\n");
	page_end(&w);
}

static void files_summary(struct html *w, const struct import_view *v)
{
	struct arena *a = v->rq->arena;
	H_RAW(w, "<h2 class=\"govuk-heading-m\">Files</h2>\n");
	govuk_summary_begin(w);
	for (size_t i = 0; i < v->nfiles; i++) {
		const struct import_file_view *f = &v->files[i];
		govuk_summary_row(w, f->name, arena_printf(a, "GIAS %s file, %s, %s row%s", f->kind, f->encoding,
							    num(a, (size_t)f->rows), f->rows == 1 ? "" : "s"));
	}
	govuk_summary_end(w);
	/* a file in two encodings: which lines are in which */
	for (size_t i = 0; i < v->nfiles; i++)
		if (v->files[i].encoding_note[0]) {
			H_RAW(w, "<div class=\"govuk-inset-text\">");
			html_text(w, arena_printf(a, "%s: %s.", v->files[i].name, v->files[i].encoding_note));
			H_RAW(w, "</div>\n");
		}
}

/* The local authorities new to the registry: each has no hub until one is
 * set (after the import, on its page of Hub areas). */
static void new_las(struct html *w, const struct import_view *v, const struct import_outcome *o, bool done)
{
	struct arena *a = v->rq->arena;
	if (!o->counts.las_created)
		return;
	H_RAW(w, "<h2 class=\"govuk-heading-m\" id=\"new-local-authorities\">New local authorities</h2>\n");
	if (done)
		H_RAW(w, "<p class=\"govuk-body\">The register did not know these local authorities. Set the hub of "
			 "each:</p>\n");
	else
		H_RAW(w, "<p class=\"govuk-body\">The register does not know these local authorities yet. Importing adds "
			 "them:</p>\n");
	H_RAW(w, "<ul class=\"govuk-list govuk-list--bullet\">\n");
	for (size_t i = 0; i < o->nlas; i++) {
		const struct gias_new_la *la = &o->las[i];
		const char *name = arena_printf(a, "%s%s%s", la->code, la->name[0] ? " " : "", la->name);
		H_RAW(w, "<li>");
		if (done) {
			H_RAW(w, "<a class=\"govuk-link\"");
			H_ATTR(w, "href", url_path(a, "/admin/hub-areas/", la->code));
			H_RAW(w, ">");
			html_text(w, name);
			H_RAW(w, "</a>");
		} else {
			html_text(w, name);
		}
		H_RAW(w, ": it has no hub until one is set</li>\n");
	}
	if (o->counts.las_created > o->nlas) {
		H_RAW(w, "<li>");
		html_text(w, arena_printf(a, "and %s more", num(a, o->counts.las_created - o->nlas)));
		H_RAW(w, "</li>\n");
	}
	H_RAW(w, "</ul>\n");
}

/* The counts of a check (what importing would do) or of an import. */
static void counts_summary(struct html *w, const struct import_view *v, const struct gias_counts *c, bool done)
{
	struct arena *a = v->rq->arena;
	govuk_summary_begin(w);
	govuk_summary_row(w, "New schools", num(a, c->created));
	govuk_summary_row(w, "Schools updated", num(a, c->updated));
	govuk_summary_row(w, done ? "Schools closed (open before, closed in the file)"
				  : "Schools to close (open now, closed in the file)", num(a, c->closed));
	govuk_summary_row(w, "Schools unchanged", num(a, c->unchanged));
	if (c->older)
		govuk_summary_row(w, "Schools older in the file than in the register: kept as they are", num(a, c->older));
	if (c->skipped)
		govuk_summary_row(w, "Children's centres (not imported: not schools)", num(a, c->skipped));
	if (c->rejected)
		govuk_summary_row(w, "Rows that cannot be imported", num(a, c->rejected));
	const char *links = gias_links_text(a, c);
	if (links)
		govuk_summary_row(w, "Links", links);
	if (c->trusts_created)
		govuk_summary_row(w, "New trusts", num(a, c->trusts_created));
	if (c->las_created)
		govuk_summary_row(w, "New local authorities", num(a, c->las_created));
	govuk_summary_end(w);
}

/* The link to every rejected row of the upload, as a CSV file. */
static void rejected_download(struct html *w, const struct import_view *v, size_t total)
{
	struct arena *a = v->rq->arena;
	H_RAW(w, "<p class=\"govuk-body\"><a class=\"govuk-link\" download");
	H_ATTR(w, "href", url_path(a, "/admin/schools/import/", req_param(v->rq, "token"), "/rejected.csv"));
	H_RAW(w, ">");
	html_text(w, total == 1 ? "Download the rejected row (CSV)"
				: arena_printf(a, "Download all %s rejected rows (CSV)", num(a, total)));
	H_RAW(w, "</a></p>\n");
}

static void rejected_table(struct html *w, const struct import_view *v, size_t total)
{
	struct arena *a = v->rq->arena;
	H_RAW(w, "<h2 class=\"govuk-heading-m\" id=\"rejected\">Rows that cannot be imported</h2>\n");
	rejected_download(w, v, total);
	if (total > v->nrejected)
		H_RAW(w, "<p class=\"govuk-body\">The first rows are listed here:</p>\n");
	/* the file only when there are two */
	static const char *const heads[] = {"File", "Line", "URN", "Name", "Why it cannot be imported"};
	bool files = v->nfiles > 1;
	govuk_table_begin(w, "Rows that cannot be imported", true, heads + !files, 5 - !files);
	H_RAW(w, "<tbody class=\"govuk-table__body\">\n");
	for (size_t i = 0; i < v->nrejected; i++) {
		const struct import_rejected_view *r = &v->rejected[i];
		H_RAW(w, "<tr class=\"govuk-table__row\"");
		H_ATTR(w, "id", arena_printf(a, "rejected-%zu", i + 1));
		H_RAW(w, ">");
		if (files)
			govuk_table_cell(w, r->file);
		govuk_table_cell(w, num(a, (size_t)r->line));
		govuk_table_cell(w, r->urn);
		govuk_table_cell(w, r->name);
		govuk_table_cell(w, r->reason);
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
	if (total > v->nrejected) {
		H_RAW(w, "<p class=\"govuk-body\">");
		html_text(w, arena_printf(a, "and %s more.", num(a, total - v->nrejected)));
		H_RAW(w, "</p>\n");
	}
}

void import_check_render(struct resp *rs, const struct import_view *v)
{
	struct req *rq = v->rq;
	struct arena *a = rq->arena;
	const struct gias_counts *c = &v->checked.counts;
	size_t total = c->rejected + c->links_rejected;
	struct govuk_error *errors = arena_alloc(a, (v->nrejected + 1) * sizeof(*errors));
	for (size_t i = 0; i < v->nrejected; i++) {
		const struct import_rejected_view *r = &v->rejected[i];
		errors[i] = (struct govuk_error){arena_printf(a, "rejected-%zu", i + 1),
						 arena_printf(a, "Line %s of %s: %s", num(a, (size_t)r->line), r->file, r->reason)};
	}
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = "Check before importing", .caption = "Import schools from GIAS",
				      .back_href = "/admin/schools/import", .errors = errors, .nerrors = v->nrejected,
				      .banner = session_banner(rq),
				      .notice = v->stale ? "Nothing has been imported: the register has changed since you checked "
							   "this file. Below is what importing it would do now."
							 : NULL});
	if (total) {
		H_RAW(&w, "<p class=\"govuk-body\">");
		html_text(&w, arena_printf(a, "%s row%s of the file%s cannot be imported. Importing imports every other "
					      "row; or correct the file and upload it again.",
					   num(a, total), total == 1 ? "" : "s", v->nfiles == 1 ? "" : "s"));
		H_RAW(&w, "</p>\n");
	}
	files_summary(&w, v);
	H_RAW(&w, "<h2 class=\"govuk-heading-m\">What importing will do</h2>\n");
	counts_summary(&w, v, c, false);
	new_las(&w, v, &v->checked, false);
	if (v->nrejected)
		rejected_table(&w, v, total);
	bool changes = !gias_counts_nothing_changed(c);
	bool valid = c->created + c->updated + c->closed + c->unchanged + c->older + c->links_created +
		     c->links_updated + c->links_unchanged;
	if (!changes) {
		if (valid && c->older)
			H_RAW(&w, "<div class=\"govuk-inset-text\">Importing would change nothing: the registry already "
				  "has every school as the file has it, or as GIAS changed it since.</div>\n");
		else if (valid)
			H_RAW(&w, "<div class=\"govuk-inset-text\">Importing would change nothing: the registry already "
				  "has every school as the file has it.</div>\n");
		else
			H_RAW(&w, "<div class=\"govuk-inset-text\">No row of the file can be imported.</div>\n");
		govuk_button(&w, &(struct govuk_button){.text = "Upload another file", .href = "/admin/schools/import",
							.variant = "secondary"});
	} else {
		govuk_warning_text(&w, "Importing changes the schools everyone sees on Maths Hubs.");
		H_RAW(&w, "<form method=\"post\" novalidate");
		H_ATTR(&w, "action", url_path(a, "/admin/schools/import/", req_param(rq, "token")));
		H_RAW(&w, ">\n");
		govuk_csrf(&w, rq->session->csrf);
		H_RAW(&w, "<div class=\"govuk-button-group\">\n");
		govuk_button(&w, &(struct govuk_button){.text = total ? "Import the other rows" : "Import schools",
							.prevent_double_click = true});
		H_RAW(&w, "<a class=\"govuk-link\" href=\"/admin/schools/import\">Cancel</a>\n</div>\n</form>\n");
	}
	page_end(&w);
}

void import_result_render(struct resp *rs, const struct import_view *v)
{
	struct req *rq = v->rq;
	struct html w = resp_html(rs);
	bool nothing = gias_counts_nothing_changed(&v->result.counts);
	page_begin(&w, &(struct page){.title = nothing ? "Nothing changed" : "Schools imported", .crumbs = crumbs,
				      .ncrumbs = 2, .caption = "Import schools from GIAS", .banner = session_banner(rq)});
	files_summary(&w, v);
	H_RAW(&w, "<h2 class=\"govuk-heading-m\">What importing did</h2>\n");
	counts_summary(&w, v, &v->result.counts, true);
	size_t rejected = v->result.counts.rejected + v->result.counts.links_rejected;
	if (rejected)
		rejected_download(&w, v, rejected);
	new_las(&w, v, &v->result, true);
	H_RAW(&w, "<p class=\"govuk-body\">The import is in the <a class=\"govuk-link\" href=\"/admin/audit\">audit "
		  "log</a>.</p>\n<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/admin/schools/import\">Import "
		  "another file</a></p>\n");
	page_end(&w);
}
