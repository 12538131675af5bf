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
#include "auth/perm.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "db/db.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"
#include "mail/mail.h"

#define MAX_HUBS 8
#define LIST_LIMIT 500

/* Everyone, or those with a role in one of up to 8 hubs ($2..$9) when $1 = 1. */
static const char SQL_LIST[] =
	"SELECT p.id, p.name, p.email, p.active, p.password_hash IS NOT NULL, g.role, COALESCE(h.code, '') "
	"FROM people p LEFT JOIN role_grants g ON g.person_id = p.id LEFT JOIN hubs h ON h.id = g.hub_id "
	"WHERE $1 = 0 OR p.id IN (SELECT person_id FROM role_grants WHERE hub_id IN ($2, $3, $4, $5, $6, $7, $8, $9)) "
	"ORDER BY p.name, p.id, g.role LIMIT 500";
static const char SQL_HUBS[] = "SELECT id, code, name FROM hubs ORDER BY code";
static const char SQL_GRANT[] =
	"INSERT INTO role_grants (person_id, role, hub_id, granted_by, granted_at, reason) VALUES ($1, $2, $3, $4, $5, $6)";

/* Roles a hub's leadership may give; a national administrator may give any. */
static const enum role hub_grantable[] = {ROLE_LLME, ROLE_PARTICIPANT, ROLE_AMHL, ROLE_HUB_MANAGER};

struct hub_opt {
	int64_t id;
	const char *code, *name;
};

struct people_view {
	struct req *rq;
	enum scope scope;
	int64_t hubs[MAX_HUBS];
	size_t nhubs;
	struct hub_opt *all_hubs;
	size_t nall;
	/* the form */
	const char *name, *email, *role, *hub;
	struct govuk_error errs[4];
	size_t nerrs;
	const char *added; /* the name of the person just added */
	bool may_manage;   /* may open a person's roles page */
};

static bool may_grant(const struct people_view *v, enum role r, int64_t hub_id)
{
	if (v->scope == SCOPE_NATIONAL)
		return true;
	bool role_ok = false, hub_ok = false;
	for (size_t i = 0; i < sizeof(hub_grantable) / sizeof(hub_grantable[0]); i++)
		role_ok |= hub_grantable[i] == r;
	for (size_t i = 0; i < v->nhubs; i++)
		hub_ok |= v->hubs[i] == hub_id;
	return role_ok && hub_ok;
}

static enum err load_hubs(struct db *db, struct people_view *v)
{
	struct db_stmt *st = db_prepare(db, SQL_HUBS);
	if (!st)
		return ERR_DB;
	v->nall = 0; /* a retried transaction loads them again */
	v->all_hubs = arena_alloc(v->rq->arena, 64 * sizeof(*v->all_hubs));
	int rc;
	while ((rc = db_step(st)) == 1 && v->nall < 64)
		v->all_hubs[v->nall++] = (struct hub_opt){db_col_int(st, 0), arena_strdup(v->rq->arena, db_col_text(st, 1)),
							 arena_strdup(v->rq->arena, db_col_text(st, 2))};
	return rc < 0 ? (enum err)rc : ERR_OK;
}

static void render(struct resp *rs, struct people_view *v, struct db_stmt *list)
{
	struct req *rq = v->rq;
	struct html w = resp_html(rs);
	static const struct crumb crumbs[] = {{"Home", "/"}, {"Your account", "/account"}};
	layout_begin(&w, &(struct page){.title = "People", .crumbs = crumbs, .ncrumbs = 2, .has_errors = v->nerrs > 0});
	govuk_error_summary(&w, v->errs, v->nerrs);
	if (v->added) {
		H_RAW(&w, "<div class=\"govuk-notification-banner govuk-notification-banner--success\" role=\"alert\" aria-labelledby=\"added-title\" data-module=\"govuk-notification-banner\">"
			  "<div class=\"govuk-notification-banner__header\"><h2 class=\"govuk-notification-banner__title\" id=\"added-title\">Success</h2></div>"
			  "<div class=\"govuk-notification-banner__content\"><p class=\"govuk-notification-banner__heading\">");
		html_textf(&w, "%s has been added and emailed an invitation to sign up.", v->added);
		H_RAW(&w, "</p></div></div>\n");
	}
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
					      arena_printf(rq->arena, "/admin/people/%lld", (long long)id));
		else
			govuk_table_cell(&w, db_col_text(list, 1));
		govuk_table_cell(&w, db_col_text(list, 2));
		govuk_table_cell_begin(&w);
		for (; rc == 1 && db_col_int(list, 0) == id; rc = db_step(list)) {
			enum role r;
			if (db_col_is_null(list, 5) || !role_from_key(db_col_text(list, 5), &r))
				continue;
			html_text(&w, role_name(r));
			if (db_col_text(list, 6)[0]) {
				H_RAW(&w, " (");
				html_text(&w, db_col_text(list, 6));
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

	H_RAW(&w, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n<h2 class=\"govuk-heading-m\" id=\"add\">Add a person</h2>\n"
		  "<p class=\"govuk-body\">They will be emailed an invitation to sign up with this email address.</p>\n<form method=\"post\" action=\"/admin/people\" novalidate>\n");
	govuk_csrf(&w, rq->session->csrf);
	const char *err_of[4] = {0};
	for (size_t i = 0; i < v->nerrs; i++)
		err_of[!strcmp(v->errs[i].field, "name") ? 0 : !strcmp(v->errs[i].field, "email") ? 1 : !strcmp(v->errs[i].field, "role") ? 2 : 3] = v->errs[i].message;
	govuk_input(&w, &(struct govuk_input){.id = "name", .label = "Full name", .type = "text", .value = v->nerrs ? v->name : NULL, .error = err_of[0], .autocomplete = "off", .spellcheck_off = true});
	govuk_input(&w, &(struct govuk_input){.id = "email", .label = "Email address", .type = "email", .value = v->nerrs ? v->email : NULL, .error = err_of[1], .autocomplete = "off", .spellcheck_off = true,
		.hint = "The address the programme holds for them, usually their school or college address"});
	struct govuk_choice choices[ROLE_COUNT];
	size_t nc = 0;
	for (int r = 0; r < ROLE_COUNT; r++) {
		bool offer = v->scope == SCOPE_NATIONAL;
		for (size_t i = 0; i < sizeof(hub_grantable) / sizeof(hub_grantable[0]); i++)
			offer |= hub_grantable[i] == (enum role)r;
		if (offer)
			choices[nc++] = (struct govuk_choice){role_key((enum role)r), role_name((enum role)r),
							      v->nerrs && v->role && !strcmp(v->role, role_key((enum role)r))};
	}
	govuk_choices(&w, false, "role", "Role", choices, nc, err_of[2], true);
	if (err_of[3])
		H_RAW(&w, "<div class=\"govuk-form-group govuk-form-group--error\">");
	else
		H_RAW(&w, "<div class=\"govuk-form-group\">");
	H_RAW(&w, "<label class=\"govuk-label govuk-label--s\" for=\"hub\">Hub</label><div class=\"govuk-hint\" id=\"hub-hint\">For hub roles: MHL, AMHL, hub manager, LLME</div>");
	if (err_of[3]) {
		H_RAW(&w, "<p class=\"govuk-error-message\" id=\"hub-error\"><span class=\"govuk-visually-hidden\">Error:</span> ");
		html_text(&w, err_of[3]);
		H_RAW(&w, "</p>");
	}
	H_RAW(&w, "<select class=\"govuk-select\" id=\"hub\" name=\"hub\" aria-describedby=\"hub-hint\"><option value=\"\">Not a hub role</option>");
	for (size_t i = 0; i < v->nall; i++) {
		bool offer = v->scope == SCOPE_NATIONAL;
		for (size_t k = 0; k < v->nhubs; k++)
			offer |= v->hubs[k] == v->all_hubs[i].id;
		if (!offer)
			continue;
		H_RAW(&w, "<option");
		H_ATTR(&w, "value", v->all_hubs[i].code);
		if (v->nerrs && v->hub && !strcmp(v->hub, v->all_hubs[i].code))
			H_RAW(&w, " selected");
		H_RAW(&w, ">");
		html_text(&w, v->all_hubs[i].name);
		H_RAW(&w, " (");
		html_text(&w, v->all_hubs[i].code);
		H_RAW(&w, ")</option>");
	}
	H_RAW(&w, "</select></div>\n<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Add person</button>\n</form>\n</div></div>\n");
	layout_end(&w);
}

static enum err list_and_render(struct db *db, struct resp *rs, struct people_view *v)
{
	enum err e = load_hubs(db, v);
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

struct add {
	struct people_view *v;
	struct resp *rs;
	int64_t hub_id;
	enum role role;
};

static enum err add_person(struct db *db, void *ctx)
{
	struct add *a = ctx;
	struct people_view *v = a->v;
	struct req *rq = v->rq;
	v->nerrs = 0;
	if ((enum err)load_hubs(db, v))
		return ERR_DB;
	if (!v->name[0] || strlen(v->name) > 200)
		v->errs[v->nerrs++] = (struct govuk_error){"name", "Enter their full name"};
	if (!email_plausible(v->email))
		v->errs[v->nerrs++] = (struct govuk_error){"email", "Enter an email address in the correct format, like name@school.org.uk"};
	bool role_ok = v->role && role_from_key(v->role, &a->role);
	if (!role_ok)
		v->errs[v->nerrs++] = (struct govuk_error){"role", "Select a role"};
	a->hub_id = 0;
	for (size_t i = 0; v->hub && v->hub[0] && i < v->nall; i++)
		if (!strcmp(v->hub, v->all_hubs[i].code))
			a->hub_id = v->all_hubs[i].id;
	bool hub_role = role_ok && (a->role == ROLE_MHL || a->role == ROLE_AMHL || a->role == ROLE_HUB_MANAGER || a->role == ROLE_LLME);
	if (hub_role && !a->hub_id)
		v->errs[v->nerrs++] = (struct govuk_error){"hub", "Select the hub for this role"};
	else if (role_ok && !may_grant(v, a->role, a->hub_id))
		v->errs[v->nerrs++] = (struct govuk_error){"role", "You can only give roles in your own hub: LLME, participant, AMHL or hub manager"};
	if (v->nerrs)
		return ERR_OK;
	struct person existing;
	enum err e = person_by_email(db, rq->arena, v->email, &existing);
	if (e == ERR_OK) {
		v->errs[v->nerrs++] = (struct govuk_error){"email", "Someone with this email address has already been added"};
		return ERR_OK;
	}
	if (e != ERR_NOT_FOUND)
		return e;
	int64_t id;
	if ((e = person_insert(db, v->email, v->name, &id)))
		return e;
	const char *subject = arena_printf(rq->arena, "person:%lld", (long long)id);
	struct db_stmt *st = db_prepare(db, SQL_GRANT);
	if (!st || db_bind_int(st, 1, id) || db_bind_text(st, 2, role_key(a->role)) ||
	    (a->hub_id ? db_bind_int(st, 3, a->hub_id) : db_bind_null(st, 3)) ||
	    db_bind_int(st, 4, rq->session->person_id) || db_bind_int(st, 5, clock_now()) ||
	    db_bind_text(st, 6, "added with their first role"))
		return ERR_DB;
	if ((e = db_step_done(st)) ||
	    (e = audit(db, rq, rq->session->person_id, "person_created", subject, v->email)) ||
	    (e = audit(db, rq, rq->session->person_id, "role_granted", subject, role_key(a->role))))
		return e;
	const char *link = arena_printf(rq->arena, "%s/sign-up", rq->cfg->base_url);
	e = mail_queue(db, v->email, "You have been added to Maths Hubs",
		       arena_printf(rq->arena, "Hello %s,\n\n%s has added you to Maths Hubs as %s.\n\nTo use the service, sign up with this email address at %s\n",
				    v->name, rq->session->name, role_name(a->role), link),
		       NULL);
	if (!e)
		v->added = v->name;
	return e;
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
	v.role = req_form(rq, "role");
	v.hub = req_form(rq, "hub");
	struct add a = {.v = &v, .rs = rs};
	enum err e = db_transact(rq->db, DB_WRITE, add_person, &a);
	if (e)
		return e;
	if (v.nerrs)
		rs->status = 400;
	/* show the list (with the new person) in a fresh read */
	v.scope = perm_scope(rq->session->grants, rq->session->ngrants, CAP_PEOPLE_READ);
	v.nall = 0;
	if ((e = db_begin(rq->db, DB_READ)))
		return e;
	e = list_and_render(rq->db, rs, &v);
	db_rollback(rq->db);
	return e;
}
