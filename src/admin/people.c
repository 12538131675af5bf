/*
 * people.c - /admin/people: the people a national administrator or a hub's
 * leadership team may see (scoped in SQL: a hub lead lists their own hub's
 * people only), and the form that adds a person with their first role. The
 * person is emailed an invitation to sign up.
 */
#include <stdlib.h>
#include <string.h>

#include "accounts/accounts.h"
#include "accounts/queries.h"
#include "admin/add.h"
#include "admin/admin.h"
#include "admin/grant.h"
#include "admin/person.h"
#include "admin/queries.h"
#include "auth/perm.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/url.h"
#include "core/util.h"
#include "db/db.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"
#include "mail/mail.h"

/* An address the sign-up form will take too. */
static const char *email_usable(const char *value, const void *ctx)
{
	(void)ctx;
	return email_plausible(value) ? NULL : "Enter an email address in the correct format, like name@school.org.uk";
}

/* The add-person form: who, and their first role with its hub, project or school. */
enum { F_NAME, F_EMAIL, F_SCHOOL, F_JOB, F_ROLE, F_COUNT = F_ROLE + GRANT_NFIELDS };
static const struct form_field add_fields[F_COUNT] = {
	[F_NAME] = {"name", FORM_TEXT, "Full name", .required = true, .max_chars = 200, .missing = "Enter their full name",
		    .autocomplete = "off", .spellcheck_off = true},
	[F_EMAIL] = {"email", FORM_EMAIL, "Email address", .required = true, .max_chars = 254, .check = email_usable,
		     .hint = "The address the programme holds for them, usually their school or college address",
		     .missing = "Enter their email address", .autocomplete = "off",
		     .invalid = "Enter an email address in the correct format, like name@school.org.uk"},
	[F_SCHOOL] = PERSON_SCHOOL_FIELD,
	[F_JOB] = PERSON_JOB_FIELD,
	GRANT_FIELDS(F_ROLE),
};

struct people_view {
	struct req *rq;
	struct add_scope scope; /* whom they may see, the page of it (people_read), and what they may add */
	/* the form, for those who may add people */
	struct form add_form;
	struct form_data add; /* empty (list_and_render), or as sent (add_person) */
	bool sent;            /* the form comes back with its errors: list_and_render keeps it */
};

static void page_href(struct html *w, long page, const void *ctx)
{
	(void)ctx;
	html_textf(w, "/admin/people?page=%ld", page);
}

static void list_table(struct html *w, const struct people_view *v)
{
	struct req *rq = v->rq;
	static const char *const heads[] = {"Name", "Email address", "Roles", "Account"};
	govuk_table_begin(w, "People", true, heads, 4);
	for (size_t i = 0; i < v->scope.list.nrows; i++) {
		const struct person_row *r = &v->scope.list.rows[i];
		govuk_table_row_begin(w);
		/* everyone listed is someone they may open (the list's scope is the page's) */
		govuk_table_cell_link(w, r->name, url_path(rq->arena, "/admin/people/", arena_printf(rq->arena, "%lld", (long long)r->id)));
		govuk_table_cell(w, r->email);
		govuk_table_cell_begin(w);
		for (size_t k = 0; k < r->nroles; k++) {
			html_text(w, r->roles[k]);
			H_RAW(w, "<br>");
		}
		govuk_table_cell_end(w);
		govuk_table_cell_begin(w);
		govuk_tag(w, !r->active ? "Deactivated" : r->set_up ? "Set up" : "Invited", !r->active ? "grey" : r->set_up ? "green" : "blue");
		govuk_table_cell_end(w);
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
	govuk_pagination(w, v->scope.list.page, v->scope.list.pages, page_href, NULL);
}

/* The page, from what people_read read: no database here. */
static void render(struct resp *rs, struct people_view *v)
{
	struct req *rq = v->rq;
	struct html w = resp_html(rs);
	static const struct crumb crumbs[] = {{"Home", "/"}, {"Your account", "/account"}};
	page_begin(&w, &(struct page){.title = "People", .crumbs = crumbs, .ncrumbs = 2, .full_width = true,
				      .errors = v->add.errors, .nerrors = v->add.nerrors, .banner = session_banner(rq)});
	if (v->scope.list.everyone)
		H_RAW(&w, "<p class=\"govuk-body\">Everyone with a role in the programme.</p>\n");
	else
		H_RAW(&w, "<p class=\"govuk-body\">People with a role in your hub.</p>\n");
	list_table(&w, v);
	if (v->scope.may_add) {
		H_RAW(&w, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n<h2 class=\"govuk-heading-m\" id=\"add\">Add a person</h2>\n"
			  "<p class=\"govuk-body\">They will be emailed an invitation to sign up with this email address. To add many people at once, "
			  "<a class=\"govuk-link\" href=\"/admin/people/upload\">add people from a spreadsheet</a>.</p>\n<form method=\"post\" action=\"/admin/people\" novalidate>\n");
		govuk_csrf(&w, rq->session->csrf);
		form_fields(&w, &v->add);
		H_RAW(&w, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Add person</button>\n</form>\n</div></div>\n");
	}
	page_end(&w);
}

/* The add-person form, completed from the offer (in the caller's
 * transaction: the hubs and projects). */
static enum err add_form_load(struct db *db, struct people_view *v)
{
	enum err e = grant_offer_load(db, v->rq, &v->scope.offer);
	if (!e)
		v->add_form = grant_form(v->rq, &v->scope.offer, add_fields, F_COUNT, F_ROLE);
	return e;
}

/* Reads the list (and, for a form not sent back, the form's hubs and
 * projects) in one read transaction, then renders it with the form empty
 * or as sent: a failed read is the error page, never half a page. */
static enum err list_and_render(struct resp *rs, struct people_view *v)
{
	struct req *rq = v->rq;
	v->scope.list.offer = v->scope.may_add && !v->sent ? &v->scope.offer : NULL;
	enum err e = db_transact(rq->db, DB_READ, people_read, &v->scope.list);
	if (e)
		return e;
	if (v->scope.list.offer) {
		v->add_form = grant_form(rq, &v->scope.offer, add_fields, F_COUNT, F_ROLE);
		form_empty(&v->add_form, rq->arena, &v->add);
		grant_form_prefill(&v->add, F_ROLE);
	}
	render(rs, v);
	return ERR_OK;
}

static void view_init(struct req *rq, struct people_view *v)
{
	memset(v, 0, sizeof(*v));
	v->rq = rq;
	add_scope_init(rq, &v->scope);
}

enum err admin_people(struct req *rq, struct resp *rs)
{
	struct people_view v;
	view_init(rq, &v);
	const char *page = req_query(rq, "page");
	char *end = NULL;
	long n = page ? strtol(page, &end, 10) : 1;
	v.scope.list.page = page && (*end || n < 1) ? 1 : n; /* past the end: the last page */
	return list_and_render(rs, &v);
}

/* The write of the add-person form: the form read and checked against the
 * offer (its hubs and projects read here), then the person, their first
 * role, the audit lines, the invitation and the confirmation. Sets v->add
 * afresh each time it runs (form_read starts it empty). */
static enum err add_person(struct db *db, void *ctx)
{
	struct people_view *v = ctx;
	struct req *rq = v->rq;
	enum err e = add_form_load(db, v);
	if (e)
		return e;
	if (!form_read(&v->add_form, rq->form, rq->nform, rq->arena, NULL, &v->add))
		return ERR_OK;
	struct person_new p = {.name = v->add.values[F_NAME].text, .email = email_normalise(rq->arena, v->add.values[F_EMAIL].text),
			       .job_title = v->add.values[F_JOB].text};
	if ((e = person_school_read(db, rq, &v->add, F_SCHOOL, &p.school_urn)) || v->add.nerrors)
		return e;
	if ((e = grant_choice_read(db, &v->add, F_ROLE, &v->scope.offer, &p.role)) || v->add.nerrors)
		return e;
	enum add_outcome done;
	if ((e = person_add(db, rq, &v->scope, &p, false, "added with their first role", &done)))
		return e;
	if (done != ADD_NEW) { /* say so only of someone they may see: else, whether the address is held stays unsaid */
		form_fail(&v->add, F_EMAIL, done == ADD_HELD ? "Someone with this email address has already been added"
							     : "You cannot add this email address. If this person already works with another hub, "
							       "ask the national team to give them a role in your hub");
		return ERR_OK;
	}
	return session_flash(rq, arena_printf(rq->arena, "%s has been added and emailed an invitation to sign up.", p.name));
}

enum err admin_people_add(struct req *rq, struct resp *rs)
{
	struct people_view v;
	view_init(rq, &v);
	if (!v.scope.may_add)
		return resp_error_page(rs, 403, "You do not have permission to add people",
				       "Ask your hub's leadership team or the national team.", "/admin/people", "Back to people");
	enum err e = db_transact(rq->db, DB_WRITE, add_person, &v);
	if (e)
		return e;
	if (!v.add.nerrors) { /* post/redirect/get: the list shows the confirmation once */
		resp_redirect(rs, 303, "/admin/people");
		return ERR_OK;
	}
	rs->status = 400;
	/* the list again, with the form as sent and its errors, in a fresh read */
	v.sent = true;
	grant_form_prefill(&v.add, F_ROLE);
	v.scope.list.page = 1;
	return list_and_render(rs, &v);
}
