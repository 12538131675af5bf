/*
 * people.c - /admin/people: the people a national administrator or a hub's
 * leadership team may see (scoped in SQL: a hub lead lists their own hub's
 * people only), and the form that adds a person with their first role. The
 * person is emailed an invitation to sign up.
 */
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
#define LIST_LIMIT 500

/* Everyone, or those with a role in one of up to 8 hubs ($2..$9) when $1 = 1. */
static const char SQL_LIST[] =
	"SELECT p.id, p.name, p.email, p.active, p.password_hash IS NOT NULL, g.role, COALESCE(h.code, ''), "
	"COALESCE(pr.code, ''), COALESCE(g.school_urn, '') "
	"FROM people p LEFT JOIN role_grants g ON g.person_id = p.id LEFT JOIN hubs h ON h.id = g.hub_id "
	"LEFT JOIN projects pr ON pr.id = g.project_id "
	"WHERE $1 = 0 OR p.id IN (SELECT person_id FROM role_grants WHERE hub_id IN ($2, $3, $4, $5, $6, $7, $8, $9)) "
	"ORDER BY p.name, p.id, g.role LIMIT 500";

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
};

static void render(struct resp *rs, struct people_view *v, struct db_stmt *list)
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
	static const char *const heads[] = {"Name", "Email address", "Roles", "Account"};
	govuk_table_begin(&w, "People", true, heads, 4);
	/* rows are (person, role): one table row per person, their roles listed */
	int rc = db_step(list);
	while (rc == 1) {
		int64_t id = db_col_int(list, 0);
		bool active = db_col_int(list, 3) == 1, set_up = db_col_int(list, 4) == 1;
		govuk_table_row_begin(&w);
		if (v->may_manage)
			govuk_table_cell_link(&w, db_col_text(list, 1),
					      url_path(rq->arena, "/admin/people/", arena_printf(rq->arena, "%lld", (long long)id)));
		else
			govuk_table_cell(&w, db_col_text(list, 1));
		govuk_table_cell(&w, db_col_text(list, 2));
		govuk_table_cell_begin(&w);
		for (; rc == 1 && db_col_int(list, 0) == id; rc = db_step(list)) {
			enum role r;
			if (db_col_is_null(list, 5) || !role_from_key(db_col_text(list, 5), &r))
				continue;
			html_text(&w, role_name(r));
			const char *scope = grant_scope_text(rq, db_col_text(list, 6), db_col_text(list, 7), db_col_text(list, 8));
			if (scope) {
				H_RAW(&w, " (");
				html_text(&w, scope);
				H_RAW(&w, ")");
			}
			H_RAW(&w, "<br>");
		}
		govuk_table_cell_end(&w);
		govuk_table_cell_begin(&w);
		govuk_tag(&w, !active ? "Inactive" : set_up ? "Set up" : "Invited", !active ? "grey" : set_up ? "green" : "blue");
		govuk_table_cell_end(&w);
		govuk_table_row_end(&w);
	}
	govuk_table_end(&w);

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

static enum err list_and_render(struct db *db, struct resp *rs, struct people_view *v)
{
	enum err e = v->may_add ? grant_offer_load(db, v->rq, &v->offer) : ERR_OK;
	if (e)
		return e;
	struct db_stmt *st = db_prepare(db, SQL_LIST);
	if (!st || db_bind_int(st, 1, v->scope != SCOPE_NATIONAL))
		return ERR_DB;
	for (int i = 0; i < MAX_HUBS; i++)
		if ((size_t)i < v->nhubs ? db_bind_int(st, 2 + i, v->hubs[i]) : db_bind_null(st, 2 + i))
			return ERR_DB;
	render(rs, v, st);
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

enum err page_people(struct req *rq, struct resp *rs)
{
	struct people_view v;
	view_init(rq, &v, CAP_PEOPLE_READ);
	enum err e = db_begin(rq->db, DB_READ);
	if (e)
		return e;
	e = list_and_render(rq->db, rs, &v);
	db_rollback(rq->db);
	return e;
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

enum err page_people_add(struct req *rq, struct resp *rs)
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
	if ((e = db_begin(rq->db, DB_READ)))
		return e;
	e = list_and_render(rq->db, rs, &v);
	db_rollback(rq->db);
	return e;
}
