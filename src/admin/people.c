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
#include "admin/admin.h"
#include "admin/grant.h"
#include "auth/perm.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/url.h"
#include "core/util.h"
#include "db/db.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"
#include "mail/mail.h"

#define MAX_HUBS 8
#define PEOPLE_PER_PAGE 50

/* Everyone, or those with a role in one of up to 8 hubs ($2..$9) when $1 =
 * 1: the filter of the list, its count, and its pages ($10 per page, from
 * $11), paged by person so that a person's roles are never cut. */
#define PEOPLE_WHERE "($1 = 0 OR p.id IN (SELECT person_id FROM role_grants WHERE hub_id IN ($2, $3, $4, $5, $6, $7, $8, $9)))"
#define PEOPLE_PAGE "SELECT p.id FROM people p WHERE " PEOPLE_WHERE " ORDER BY p.name, p.id LIMIT $10 OFFSET $11"
static const char SQL_COUNT[] = "SELECT count(*) FROM people p WHERE " PEOPLE_WHERE;
static const char SQL_PAGE[] =
	"SELECT p.id, p.name, p.email, p.active, CASE WHEN p.password_hash IS NULL THEN 0 ELSE 1 END "
	"FROM people p WHERE p.id IN (" PEOPLE_PAGE ") ORDER BY p.name, p.id";
/* the roles of that page's people (same snapshot, same page) */
static const char SQL_PAGE_ROLES[] =
	"SELECT g.person_id, g.role, COALESCE(h.code, ''), COALESCE(pr.code, ''), COALESCE(g.school_urn, '') "
	"FROM role_grants g LEFT JOIN hubs h ON h.id = g.hub_id LEFT JOIN projects pr ON pr.id = g.project_id "
	"WHERE g.person_id IN (" PEOPLE_PAGE ") ORDER BY g.person_id, g.role, g.id";

/* One row of the list, read before anything is written. */
struct person_row {
	int64_t id;
	const char *name, *email;
	bool active, set_up;
	const char **roles; /* "Maths Hub Lead (SW4)" */
	size_t nroles;
};

/* Roles a hub's leadership may give, in their own hub; a national
 * administrator may give any, in any hub, project or school. */
static const enum role hub_grantable[] = {ROLE_LLME, ROLE_PARTICIPANT, ROLE_AMHL, ROLE_HUB_MANAGER};

struct people_view {
	struct req *rq;
	enum scope scope; /* whom they may see */
	int64_t hubs[MAX_HUBS];
	size_t nhubs;
	/* the form, for those who may add people */
	bool may_add;
	int64_t add_hubs[MAX_HUBS];
	struct grant_offer offer;
	const char *name, *email;
	struct govuk_error errs[4];
	size_t nerrs;
	bool may_manage;   /* may open a person's roles page */
	/* the page of the list, read in one read transaction (people_read) */
	long page, pages;
	struct person_row *rows;
	size_t nrows;
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
	for (size_t i = 0; i < v->nrows; i++) {
		const struct person_row *r = &v->rows[i];
		govuk_table_row_begin(w);
		if (v->may_manage)
			govuk_table_cell_link(w, r->name, url_path(rq->arena, "/admin/people/", arena_printf(rq->arena, "%lld", (long long)r->id)));
		else
			govuk_table_cell(w, r->name);
		govuk_table_cell(w, r->email);
		govuk_table_cell_begin(w);
		for (size_t k = 0; k < r->nroles; k++) {
			html_text(w, r->roles[k]);
			H_RAW(w, "<br>");
		}
		govuk_table_cell_end(w);
		govuk_table_cell_begin(w);
		govuk_tag(w, !r->active ? "Inactive" : r->set_up ? "Set up" : "Invited", !r->active ? "grey" : r->set_up ? "green" : "blue");
		govuk_table_cell_end(w);
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
	govuk_pagination(w, v->page, v->pages, page_href, NULL);
}

/* The page, from what people_read read: no database here. */
static void render(struct resp *rs, struct people_view *v)
{
	struct req *rq = v->rq;
	struct html w = resp_html(rs);
	static const struct crumb crumbs[] = {{"Home", "/"}, {"Your account", "/account"}};
	layout_begin(&w, &(struct page){.title = "People", .crumbs = crumbs, .ncrumbs = 2, .has_errors = v->nerrs > 0});
	govuk_error_summary(&w, v->errs, v->nerrs);
	session_flash_banner(&w, rq);
	H_RAW(&w, "<h1 class=\"govuk-heading-l\">People</h1>\n<p class=\"govuk-body\">");
	if (v->scope == SCOPE_NATIONAL)
		H_RAW(&w, "Everyone with a role in the programme.");
	else
		H_RAW(&w, "People with a role in your hub.");
	H_RAW(&w, "</p>\n");
	list_table(&w, v);

	if (v->may_add) {
		H_RAW(&w, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n<h2 class=\"govuk-heading-m\" id=\"add\">Add a person</h2>\n"
			  "<p class=\"govuk-body\">They will be emailed an invitation to sign up with this email address.</p>\n<form method=\"post\" action=\"/admin/people\" novalidate>\n");
		govuk_csrf(&w, rq->session->csrf);
		govuk_input(&w, &(struct govuk_input){.id = "name", .label = "Full name", .type = "text", .value = v->nerrs ? v->name : NULL,
			.error = govuk_error_for(v->errs, v->nerrs, "name"), .autocomplete = "off", .spellcheck_off = true});
		govuk_input(&w, &(struct govuk_input){.id = "email", .label = "Email address", .type = "email", .value = v->nerrs ? v->email : NULL,
			.error = govuk_error_for(v->errs, v->nerrs, "email"), .autocomplete = "off", .spellcheck_off = true,
			.hint = "The address the programme holds for them, usually their school or college address"});
		grant_fields(&w, rq, &v->offer, v->errs, v->nerrs, v->nerrs > 0);
		H_RAW(&w, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Add person</button>\n</form>\n</div></div>\n");
	}
	layout_end(&w);
}

/* Binds the list's filter ($1..$9) and, with paged, its page ($10, $11). */
static struct db_stmt *list_stmt(struct db *db, const char *sql, const struct people_view *v, bool paged)
{
	struct db_stmt *st = db_prepare(db, sql);
	if (!st || db_bind_int(st, 1, v->scope != SCOPE_NATIONAL))
		return NULL;
	for (int i = 0; i < MAX_HUBS; i++)
		if ((size_t)i < v->nhubs ? db_bind_int(st, 2 + i, v->hubs[i]) : db_bind_null(st, 2 + i))
			return NULL;
	if (paged && (db_bind_int(st, 10, PEOPLE_PER_PAGE) || db_bind_int(st, 11, (v->page - 1) * PEOPLE_PER_PAGE)))
		return NULL;
	return st;
}

/* The page's people (v->rows), in the caller's read transaction. */
static enum err people_rows_read(struct db *db, struct people_view *v)
{
	struct arena *a = v->rq->arena;
	struct db_stmt *st = list_stmt(db, SQL_PAGE, v, true);
	if (!st)
		return ERR_DB;
	v->rows = arena_alloc(a, PEOPLE_PER_PAGE * sizeof(*v->rows));
	v->nrows = 0;
	int rc;
	while ((rc = db_step(st)) == 1 && v->nrows < PEOPLE_PER_PAGE)
		v->rows[v->nrows++] = (struct person_row){
			.id = db_col_int(st, 0), .name = arena_strdup(a, db_col_text(st, 1)), .email = arena_strdup(a, db_col_text(st, 2)),
			.active = db_col_int(st, 3) == 1, .set_up = db_col_int(st, 4) == 1};
	return rc < 0 ? (enum err)rc : ERR_OK;
}

/* Each row's roles, in the caller's read transaction. */
static enum err people_roles_read(struct db *db, struct people_view *v)
{
	struct arena *a = v->rq->arena;
	struct db_stmt *st = list_stmt(db, SQL_PAGE_ROLES, v, true);
	if (!st)
		return ERR_DB;
	size_t cap[PEOPLE_PER_PAGE] = {0};
	int rc;
	while ((rc = db_step(st)) == 1) {
		size_t i = 0;
		while (i < v->nrows && v->rows[i].id != db_col_int(st, 0))
			i++;
		enum role role;
		if (i == v->nrows || !role_from_key(db_col_text(st, 1), &role))
			continue;
		struct person_row *r = &v->rows[i];
		if (r->nroles == cap[i])
			r->roles = r->roles ? arena_grow(a, r->roles, r->nroles, cap[i] *= 2, sizeof(*r->roles))
					    : arena_alloc(a, (cap[i] = 4) * sizeof(*r->roles));
		const char *scope = grant_scope_text(v->rq, db_col_text(st, 2), db_col_text(st, 3), db_col_text(st, 4));
		r->roles[r->nroles++] = scope ? arena_printf(a, "%s (%s)", role_name(role), scope) : role_name(role);
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

/* Everything the list shows, in one read transaction (a snapshot): the
 * number of pages, the page's people, their roles; the form's choices. */
static enum err people_read(struct db *db, void *ctx)
{
	struct people_view *v = ctx;
	enum err e = v->may_add ? grant_offer_load(db, v->rq, &v->offer) : ERR_OK;
	struct db_stmt *st = e ? NULL : list_stmt(db, SQL_COUNT, v, false);
	if (e || !st)
		return e ? e : ERR_DB;
	int rc = db_step(st);
	if (rc != 1)
		return rc < 0 ? (enum err)rc : ERR_DB;
	int64_t total = db_col_int(st, 0);
	if ((rc = db_step(st)) < 0)
		return (enum err)rc;
	v->pages = total ? (long)((total + PEOPLE_PER_PAGE - 1) / PEOPLE_PER_PAGE) : 1;
	if (v->page > v->pages)
		v->page = v->pages;
	return (e = people_rows_read(db, v)) ? e : people_roles_read(db, v);
}

/* Reads the list, then renders it: a failed read is the error page, never
 * half a page. */
static enum err list_and_render(struct resp *rs, struct people_view *v)
{
	enum err e = db_transact(v->rq->db, DB_READ, people_read, v);
	if (e)
		return e;
	render(rs, v);
	return ERR_OK;
}

static void view_init(struct req *rq, struct people_view *v, enum capability cap)
{
	memset(v, 0, sizeof(*v));
	v->rq = rq;
	v->scope = perm_scope(rq->session->grants, rq->session->ngrants, cap);
	v->nhubs = perm_hubs(rq->session->grants, rq->session->ngrants, cap, v->hubs, MAX_HUBS);
	v->may_manage = perm_scope(rq->session->grants, rq->session->ngrants, CAP_ROLES_MANAGE) != SCOPE_NONE;
	/* what they may give: any role anywhere, or hub roles in their own hubs */
	enum scope add = perm_scope(rq->session->grants, rq->session->ngrants, CAP_PEOPLE_ADD);
	v->may_add = add != SCOPE_NONE;
	if (add == SCOPE_NATIONAL) {
		for (int r = 0; r < ROLE_COUNT; r++)
			v->offer.roles[r] = true;
	} else {
		for (size_t i = 0; i < ARRAY_LEN(hub_grantable); i++)
			v->offer.roles[hub_grantable[i]] = true;
		v->offer.hub_ids = v->add_hubs;
		v->offer.nhub_ids = perm_hubs(rq->session->grants, rq->session->ngrants, CAP_PEOPLE_ADD, v->add_hubs, MAX_HUBS);
	}
	v->offer.refused = "You can only give roles in your own hub: LLME, participant, AMHL or hub manager";
}

enum err admin_people(struct req *rq, struct resp *rs)
{
	struct people_view v;
	view_init(rq, &v, CAP_PEOPLE_READ);
	const char *page = req_query(rq, "page");
	char *end = NULL;
	long n = page ? strtol(page, &end, 10) : 1;
	v.page = page && (*end || n < 1) ? 1 : n; /* past the end: the last page */
	return list_and_render(rs, &v);
}

static enum err add_person(struct db *db, void *ctx)
{
	struct people_view *v = ctx;
	struct req *rq = v->rq;
	v->nerrs = 0;
	enum err e = grant_offer_load(db, rq, &v->offer);
	if (e)
		return e;
	if (!v->name[0] || strlen(v->name) > 200)
		v->errs[v->nerrs++] = (struct govuk_error){"name", "Enter their full name"};
	if (!email_plausible(v->email))
		v->errs[v->nerrs++] = (struct govuk_error){"email", "Enter an email address in the correct format, like name@school.org.uk"};
	struct role_choice c;
	grant_read(rq, &v->offer, &c, v->errs, &v->nerrs);
	if (v->nerrs)
		return ERR_OK;
	struct person existing;
	e = person_by_email(db, rq->arena, v->email, &existing);
	if (e == ERR_OK) {
		v->errs[v->nerrs++] = (struct govuk_error){"email", "Someone with this email address has already been added"};
		return ERR_OK;
	}
	if (e != ERR_NOT_FOUND)
		return e;
	int64_t id;
	if ((e = person_insert(db, v->email, v->name, &id)) ||
	    (e = audit(db, rq, rq->session->person_id, "person_created", arena_printf(rq->arena, "person:%lld", (long long)id), v->email)) ||
	    (e = grant_insert(db, rq, id, &c, "added with their first role")))
		return e;
	const char *link = arena_printf(rq->arena, "%s/sign-up", rq->cfg->base_url);
	e = mail_queue(db, v->email, "You have been added to Maths Hubs",
		       arena_printf(rq->arena, "Hello %s,\n\n%s has added you to Maths Hubs as %s.\n\nTo use the service, sign up with this email address at %s\n",
				    v->name, rq->session->name, role_name(c.g.role), link),
		       NULL);
	return e ? e : session_flash(rq, arena_printf(rq->arena, "%s has been added and emailed an invitation to sign up.", v->name));
}

enum err admin_people_add(struct req *rq, struct resp *rs)
{
	struct people_view v;
	view_init(rq, &v, CAP_PEOPLE_ADD);
	if (v.scope == SCOPE_NONE)
		return resp_error_page(rs, 403, "You do not have permission to add people",
				       "Ask your hub's leadership team or the national team.", "/admin/people", "Back to people");
	const char *name = req_form(rq, "name");
	v.name = name ? name : "";
	v.email = email_normalise(rq->arena, req_form(rq, "email"));
	enum err e = db_transact(rq->db, DB_WRITE, add_person, &v);
	if (e)
		return e;
	if (!v.nerrs) { /* post/redirect/get: the list shows the confirmation once */
		resp_redirect(rs, 303, "/admin/people");
		return ERR_OK;
	}
	rs->status = 400;
	/* the list again, with the form and its errors, in a fresh read */
	v.scope = perm_scope(rq->session->grants, rq->session->ngrants, CAP_PEOPLE_READ);
	v.nhubs = perm_hubs(rq->session->grants, rq->session->ngrants, CAP_PEOPLE_READ, v.hubs, MAX_HUBS);
	v.page = 1;
	return list_and_render(rs, &v);
}
