/* upload_views.c - the pages of adding people from a file (upload.h),
 * rendered from what was read and checked: no database here. */
#include <string.h>

#include "admin/upload.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/url.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"

const char *upload_problem_text(const struct req *rq, const struct upload_problem *p)
{
	if (p->col == UC_COUNT)
		return arena_printf(rq->arena, "Line %zu: %s", p->line, p->msg);
	return arena_printf(rq->arena, "Line %zu, %s: %s", p->line, upload_col_names[p->col], p->msg);
}

/* The problems as the error summary's entries, each linking to field
 * (NULL: to its row, "#line-N"). */
static struct govuk_error *summary(const struct upload_view *v, const char *field)
{
	struct req *rq = v->rq;
	struct govuk_error *e = arena_alloc(rq->arena, (v->nproblems + 1) * sizeof(*e));
	for (size_t i = 0; i < v->nproblems; i++)
		e[i] = (struct govuk_error){field ? field : arena_printf(rq->arena, "line-%zu", v->problems[i].line),
					    upload_problem_text(rq, &v->problems[i])};
	return e;
}

/* "LLME, Participant, Assistant Maths Hub Lead or Hub manager": the roles
 * the file may give (project roles are given on a person's page). */
static const char *roles_offered(const struct upload_view *v)
{
	struct req *rq = v->rq;
	const char *s = "";
	size_t n = 0, total = 0;
	for (int r = 0; r < ROLE_COUNT; r++)
		total += v->scope.offer.roles[r] && grant_kind_of(&v->scope.offer, (enum role)r) != GRANT_PROJECT;
	for (int r = 0; r < ROLE_COUNT; r++) {
		if (!v->scope.offer.roles[r] || grant_kind_of(&v->scope.offer, (enum role)r) == GRANT_PROJECT)
			continue;
		n++;
		s = arena_printf(rq->arena, "%s%s%s", s, n == 1 ? "" : n == total ? " or " : ", ", role_name((enum role)r));
	}
	return s;
}

/* The hub a hub's leadership gives roles in, when there is one only. */
static const struct grant_opt *own_hub(const struct upload_view *v)
{
	const struct grant_offer *o = &v->scope.offer;
	for (size_t i = 0; o->hub_ids && o->nhub_ids == 1 && i < o->nhubs; i++)
		if (o->hubs[i].id == o->hub_ids[0])
			return &o->hubs[i];
	return NULL;
}

static void columns_table(struct html *w, const struct upload_view *v)
{
	struct req *rq = v->rq;
	const struct grant_opt *own = own_hub(v);
	static const char *const heads[] = {"Column", "What to enter"};
	govuk_table_begin(w, "The columns of the file", true, heads, 2);
	const char *what[UC_COUNT] = {
		[UC_NAME] = "Their full name. Required.",
		[UC_EMAIL] = "The address the programme holds for them, usually their school or college address. Required.",
		[UC_URN] = "Their school's unique reference number (URN) in Get Information about Schools, like 100000. Required for a headteacher; "
			   "otherwise leave it empty if you do not know it.",
		[UC_JOB] = "For example Head of maths. Optional.",
		[UC_ROLE] = arena_printf(rq->arena, "One of the roles you can give: %s. LLME, MHL and AMHL will do. Required.", roles_offered(v)),
		[UC_HUB] = own ? arena_printf(rq->arena, "The code of the hub the role is in. Leave it empty for your hub, %s (%s).", own->name, own->code)
			       : "The code of the hub the role is in, like SW4, for a Maths Hub Lead, Assistant Maths Hub Lead, hub manager or LLME. "
				 "Leave it empty for other roles.",
	};
	for (int c = 0; c < UC_COUNT; c++) {
		govuk_table_row_begin(w);
		govuk_table_cell(w, upload_col_names[c]);
		govuk_table_cell(w, what[c]);
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
}

void upload_start_render(struct resp *rs, struct upload_view *v, const char *file_error)
{
	struct req *rq = v->rq;
	struct govuk_error one = {"file", file_error};
	const struct govuk_error *errors = file_error ? &one : v->nproblems ? summary(v, "file") : NULL;
	size_t nerrors = file_error ? 1 : v->nproblems;
	if (!file_error && v->nproblems)
		file_error = arena_printf(rq->arena, "%s has %zu problem%s: fix %s and upload the file again", v->file_name, v->nproblems,
					  v->nproblems == 1 ? "" : "s", v->nproblems == 1 ? "it" : "them");
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = "Add people from a spreadsheet", .back_href = "/admin/people", .errors = errors,
				      .nerrors = nerrors});
	H_RAW(&w, "<p class=\"govuk-body\">Add up to 1,000 people at once from a CSV file. Each new person is emailed an invitation to sign up, "
		  "as when you add one person. Nothing is added until you have checked the list and chosen to add them.</p>\n"
		  "<h2 class=\"govuk-heading-m\">1. Fill in the template</h2>\n"
		  "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/admin/people/upload/template.csv\" download>Download the template (CSV)</a> "
		  "and fill in one row for each person. Keep its first row: it names the columns.</p>\n");
	columns_table(&w, v);
	H_RAW(&w, "<p class=\"govuk-body\">Someone already on Maths Hubs is given the role in the file if they do not have it yet; their name, "
		  "school and job title stay as they are. A person on several rows is added once, with each of their roles.</p>\n"
		  "<h2 class=\"govuk-heading-m\">2. Upload the file</h2>\n"
		  "<form method=\"post\" action=\"/admin/people/upload\" enctype=\"multipart/form-data\" novalidate>\n");
	govuk_csrf(&w, rq->session->csrf);
	govuk_file_upload(&w, &(struct govuk_file_upload){
		.id = "file", .label = "Upload a file", .accept = ".csv,text/csv", .error = file_error,
		.hint = "A CSV file. In Excel, choose Save As, then CSV UTF-8 (comma delimited). In Google Sheets, choose File, Download, then "
			"Comma-separated values."});
	H_RAW(&w, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Upload and check</button>\n</form>\n");
	page_end(&w);
}

/* What adding a row will do, as the table says it. */
static const char *outcome_text(const struct req *rq, const struct row_check *c)
{
	if (c->repeat)
		return arena_printf(rq->arena, "Same person and role as line %zu: added once", c->same_as);
	switch (c->outcome) {
	case ADD_NEW:
		return "New: invited to sign up";
	case ADD_ROLE_GIVEN:
		return c->same_as ? arena_printf(rq->arena, "Same person as line %zu: also given this role", c->same_as)
				  : "Already on Maths Hubs: given this role";
	case ADD_HAS_ROLE:
		return "Already has this role: nothing to do";
	default:
		return "";
	}
}

static void counts_list(struct html *w, const struct upload_view *v)
{
	H_RAW(w, "<ul class=\"govuk-list govuk-list--bullet\">");
	if (v->n_new) {
		H_RAW(w, "<li>");
		html_textf(w, "%zu new %s will be added and emailed an invitation to sign up", v->n_new, v->n_new == 1 ? "person" : "people");
		H_RAW(w, "</li>");
	}
	if (v->n_given) {
		H_RAW(w, "<li>");
		html_textf(w, v->n_given == 1 ? "%zu row is for someone already on Maths Hubs, who will be given that role: their name, school and job title stay as they are"
					      : "%zu rows are for people already on Maths Hubs, who will be given those roles: their names, schools and job titles stay as they are",
			   v->n_given);
		H_RAW(w, "</li>");
	}
	if (v->n_has) {
		H_RAW(w, "<li>");
		html_textf(w, "%zu %s for someone who has that role already: nothing will change for them", v->n_has,
			   v->n_has == 1 ? "row is" : "rows are");
		H_RAW(w, "</li>");
	}
	if (v->n_repeat) {
		H_RAW(w, "<li>");
		html_textf(w, "%zu %s an earlier row for the same person and role: each is added once", v->n_repeat,
			   v->n_repeat == 1 ? "row repeats" : "rows repeat");
		H_RAW(w, "</li>");
	}
	H_RAW(w, "</ul>\n");
}

/* One column for the person (their name, then in grey their address and,
 * if given, school and job title), so the table fits a phone. */
static void person_cell(struct html *w, const struct req *rq, const struct row_check *c)
{
	const struct upload_row *r = c->row;
	govuk_table_cell_begin(w);
	html_text(w, r->v[UC_NAME]);
	H_RAW(w, "<br><span class=\"mh-secondary\">");
	html_text(w, c->ok ? c->p.email : r->v[UC_EMAIL]);
	const char *job = r->v[UC_JOB], *urn = r->v[UC_URN];
	const char *school = !urn[0] ? NULL
			     : c->school ? arena_printf(rq->arena, "%s (URN %s)", c->school, urn)
					 : arena_printf(rq->arena, "school URN %s", urn);
	if (job[0] || school) {
		H_RAW(w, "<br>");
		html_text(w, job[0] && school ? arena_printf(rq->arena, "%s, %s", job, school) : school ? school : job);
	}
	H_RAW(w, "</span>");
	if (c->school_closed)
		H_RAW(w, " <strong class=\"govuk-tag govuk-tag--grey\">School closed</strong>");
	govuk_table_cell_end(w);
}

/* A role as short as the table can have it: "LLME" of "Local leader of
 * mathematics education (LLME)", the name of the others. */
static const char *role_short(const struct req *rq, enum role r)
{
	const char *name = role_name(r), *open = strchr(name, '(');
	return open ? arena_strndup(rq->arena, open + 1, strcspn(open + 1, ")")) : name;
}

static void rows_table(struct html *w, const struct upload_view *v)
{
	struct req *rq = v->rq;
	govuk_table_begin(w, arena_printf(rq->arena, "People in %s", v->file_name), false, NULL, 0);
	govuk_table_head_begin(w);
	govuk_table_head(w, "Line", true);
	govuk_table_head(w, "Person", false);
	govuk_table_head(w, "Role", false);
	govuk_table_head(w, "What will happen", false);
	govuk_table_head_end(w);
	for (size_t i = 0; i < v->file.nrows; i++) {
		const struct row_check *c = &v->checks[i];
		const struct upload_row *r = c->row;
		H_RAW(w, "<tr class=\"govuk-table__row\"");
		H_ATTR(w, "id", arena_printf(rq->arena, "line-%zu", r->line));
		H_RAW(w, "><td class=\"govuk-table__cell govuk-table__cell--numeric\">");
		html_textf(w, "%zu", r->line);
		H_RAW(w, "</td>");
		person_cell(w, rq, c);
		const char *role = role_short(rq, c->p.role.g.role);
		govuk_table_cell(w, !c->ok ? r->v[UC_ROLE] : c->p.role.scope[0] ? arena_printf(rq->arena, "%s, %s", role, c->p.role.scope) : role);
		govuk_table_cell_begin(w);
		if (c->ok)
			html_text(w, outcome_text(rq, c));
		else
			govuk_tag(w, "Problem", "red");
		govuk_table_cell_end(w);
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
}

void upload_review_render(struct resp *rs, struct upload_view *v)
{
	struct req *rq = v->rq;
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = "Check the people before you add them", .back_href = "/admin/people/upload",
				      .caption = v->file_name, .full_width = true, .errors = v->nproblems ? summary(v, NULL) : NULL,
				      .nerrors = v->nproblems});
	size_t adds = v->n_new + v->n_given;
	if (v->nproblems) {
		H_RAW(&w, "<p class=\"govuk-body\">Since the file was checked, someone has changed the register, so it cannot be added as it is. "
			  "<a class=\"govuk-link\" href=\"/admin/people/upload\">Fix the file and upload it again</a>.</p>\n");
	} else {
		counts_list(&w, v);
	}
	rows_table(&w, v);
	if (!v->nproblems && adds) {
		H_RAW(&w, "<form method=\"post\" novalidate");
		H_ATTR(&w, "action", url_path(rq->arena, "/admin/people/upload/", req_param(rq, "token")));
		H_RAW(&w, ">\n");
		govuk_csrf(&w, rq->session->csrf);
		H_RAW(&w, "<div class=\"govuk-button-group\">");
		const char *people = arena_printf(rq->arena, "Add %zu %s", v->n_new, v->n_new == 1 ? "person" : "people");
		const char *roles = arena_printf(rq->arena, "give %zu role%s", v->n_given, v->n_given == 1 ? "" : "s");
		const char *text = !v->n_given ? people : !v->n_new ? arena_printf(rq->arena, "G%s", roles + 1)
								     : arena_printf(rq->arena, "%s and %s", people, roles);
		govuk_button(&w, &(struct govuk_button){.text = text, .prevent_double_click = true});
		H_RAW(&w, "<a class=\"govuk-link\" href=\"/admin/people/upload\">Upload a different file</a></div>\n</form>\n");
	} else if (!v->nproblems) {
		H_RAW(&w, "<p class=\"govuk-body\">There is nothing to add: everyone in this file has these roles already. "
			  "<a class=\"govuk-link\" href=\"/admin/people\">Back to people</a></p>\n");
	}
	page_end(&w);
}
