/*
 * roles.c - /admin/people/{id}: one person's roles, for national
 * administrators to grant and revoke, each with the reason recorded in the
 * audit log. The role and its hub, project or school are asked for, checked
 * and given by grant.c, as on the add-person form. For someone who has lost
 * both their phone and their recovery codes, a national administrator can
 * also reset how they sign in: a new set-up link is emailed to them.
 */
#include <stdlib.h>
#include <string.h>

#include "accounts/accounts.h"
#include "accounts/queries.h"
#include "admin/admin.h"
#include "admin/grant.h"
#include "auth/perm.h"
#include "auth/session.h"
#include "auth/token.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/url.h"
#include "db/db.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"
#include "mail/mail.h"

static const char SQL_GRANTS[] =
	"SELECT g.id, g.role, COALESCE(h.code, ''), COALESCE(p.code, ''), COALESCE(g.school_urn, ''), g.granted_at, g.reason "
	"FROM role_grants g LEFT JOIN hubs h ON h.id = g.hub_id LEFT JOIN projects p ON p.id = g.project_id "
	"WHERE g.person_id = $1 ORDER BY g.granted_at, g.id";
static const char SQL_REVOKE[] = "DELETE FROM role_grants WHERE id = $1 AND person_id = $2 RETURNING role";
static const char SQL_RESET_SIGN_IN[] =
	"UPDATE people SET password_hash = NULL, totp_secret = NULL, totp_last_step = 0, email_codes = 0, phone = NULL, "
	"phone_pending = NULL, email_code_hash = NULL, email_code_expires = 0, failed_attempts = 0, locked_until = 0 WHERE id = $1";
static const char SQL_RESET_CODES[] = "DELETE FROM recovery_codes WHERE person_id = $1";
static const char SQL_RESET_SESSIONS[] = "DELETE FROM sessions WHERE person_id = $1";
static const char SQL_RESET_LINKS[] = "UPDATE one_time_links SET used_at = $1 WHERE person_id = $2 AND used_at IS NULL";

/* One of the person's roles, read before anything is written. */
struct grant_row {
	const char *id; /* the form's value */
	enum role role;
	const char *scope; /* "SW4", "NCP24-09", "School 100000", or NULL: every hub */
	int64_t granted_at;
	const char *reason;
};

struct roles_view {
	struct req *rq;
	int64_t id;
	struct person person;
	struct grant_offer offer; /* every role, in every hub */
	struct govuk_error errs[4];
	size_t nerrs;
	enum err (*write)(struct db *db, struct roles_view *v); /* a form's write (person_form) */
	const char *refused; /* the form sent back with errors ("grant", "reset"), which shows
			      * back what it sent; NULL if none */
	const char *done;   /* the confirmation the page shows once after the redirect */
	struct grant_row *grants; /* read by show (grants_read) */
	size_t ngrants;
};

static int64_t person_param(const struct req *rq)
{
	char *end;
	long long id = strtoll(req_param(rq, "id"), &end, 10);
	return *end || id <= 0 ? 0 : (int64_t)id;
}

/* id as text, in the request's arena. */
static const char *id_text(const struct req *rq, int64_t id)
{
	return arena_printf(rq->arena, "%lld", (long long)id);
}

/* Whether the page answers the form named form, sent back with errors. */
static bool refused(const struct roles_view *v, const char *form)
{
	return v->refused && !strcmp(v->refused, form);
}

/* A reason for the audit log: given, and at most 500 bytes. */
static bool reason_ok(const char *reason)
{
	return reason && reason[0] && strlen(reason) <= 500;
}

static void view_init(struct req *rq, struct roles_view *v)
{
	*v = (struct roles_view){.rq = rq, .id = person_param(rq)};
	for (int r = 0; r < ROLE_COUNT; r++)
		v->offer.roles[r] = true;
}

/* How the person signs in, and (for those who may) the reset form. */
static void sign_in_section(struct html *w, const struct roles_view *v)
{
	struct req *rq = v->rq;
	const struct person *p = &v->person;
	int ways = factor_count(p);
	H_RAW(w, "<h2 class=\"govuk-heading-m\">Signing in</h2>\n<p class=\"govuk-body\">");
	html_text(w, !p->password_hash ? "Has not created a password yet."
		     : ways ? arena_printf(rq->arena, "Has signed up, with %d way%s of getting sign-in codes.", ways, ways == 1 ? "" : "s")
			    : "Has created a password but has not set up a way of getting sign-in codes yet.");
	H_RAW(w, "</p>\n");
	if (perm_scope(rq->session->grants, rq->session->ngrants, CAP_SIGN_IN_RESET) == SCOPE_NONE ||
	    v->id == rq->session->person_id || (!p->password_hash && !ways && !refused(v, "reset")))
		return; /* nothing to reset for someone not signed up: sign-up works */
	H_RAW(w, "<details class=\"govuk-details\"");
	if (refused(v, "reset"))
		H_RAW(w, " open");
	H_RAW(w, "><summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">They have lost their phone and their recovery codes</span></summary>\n"
		 "<div class=\"govuk-details__text\"><p class=\"govuk-body\">Resetting their sign-in removes their password, their ways of getting codes and their recovery codes, "
		 "and signs them out everywhere. We email them a link, for 24 hours, to create a new password and set up a way of getting codes again.</p>\n"
		 "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>"
		 "Check it is really them first, for example by phoning their school.</strong></div>\n<form method=\"post\" novalidate");
	H_ATTR(w, "action", url_path(rq->arena, "/admin/people/", id_text(rq, v->id), "/reset-sign-in"));
	H_RAW(w, ">\n");
	govuk_csrf(w, rq->session->csrf);
	govuk_input(w, &(struct govuk_input){.id = "reset-reason", .label = "Reason", .type = "text",
		.error = govuk_error_for(v->errs, v->nerrs, "reset-reason"), .value = refused(v, "reset") ? req_form(rq, "reset-reason") : NULL,
		.hint = "Recorded in the audit log, for example: lost phone, identity checked by phone with the school office"});
	H_RAW(w, "<button type=\"submit\" class=\"govuk-button govuk-button--warning\" data-module=\"govuk-button\">Reset their sign-in</button>\n</form>\n</div></details>\n");
}

/* The person's roles, in the caller's transaction. */
static enum err grants_read(struct db *db, struct roles_view *v)
{
	struct arena *a = v->rq->arena;
	struct db_stmt *st = db_prepare(db, SQL_GRANTS);
	if (!st || db_bind_int(st, 1, v->id))
		return ERR_DB;
	size_t cap = 8;
	v->grants = arena_alloc(a, cap * sizeof(*v->grants));
	v->ngrants = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		enum role r;
		if (!role_from_key(db_col_text(st, 1), &r))
			continue;
		if (v->ngrants == cap)
			v->grants = arena_grow(a, v->grants, v->ngrants, cap *= 2, sizeof(*v->grants));
		const char *scope = grant_scope_text(v->rq, db_col_text(st, 2), db_col_text(st, 3), db_col_text(st, 4));
		v->grants[v->ngrants++] = (struct grant_row){
			.id = arena_strdup(a, db_col_text(st, 0)), .role = r,
			.scope = scope ? arena_strdup(a, scope) : NULL, /* a column's text lives until the next step */
			.granted_at = db_col_int(st, 5), .reason = arena_strdup(a, db_col_text(st, 6))};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

/* One role's row, with its revoke form. */
static void grant_row(struct html *w, const struct roles_view *v, const struct grant_row *g, const char *action)
{
	struct req *rq = v->rq;
	char t[32];
	clock_format_iso(g->granted_at, 0, t);
	t[10] = '\0';
	govuk_table_row_begin(w);
	govuk_table_cell(w, role_name(g->role));
	govuk_table_cell(w, g->scope ? g->scope : "Every hub");
	govuk_table_cell(w, t);
	govuk_table_cell(w, g->reason);
	govuk_table_cell_begin(w);
	H_RAW(w, "<form method=\"post\" novalidate");
	H_ATTR(w, "action", action);
	H_RAW(w, ">");
	govuk_csrf(w, rq->session->csrf);
	H_RAW(w, "<input type=\"hidden\" name=\"grant\"");
	H_ATTR(w, "value", g->id);
	H_RAW(w, "><label class=\"govuk-label govuk-visually-hidden\"");
	H_ATTR(w, "for", arena_printf(rq->arena, "reason-%s", g->id));
	H_RAW(w, ">Reason for revoking</label><input class=\"govuk-input govuk-!-margin-bottom-2\" type=\"text\" name=\"reason\" placeholder=\"Reason\"");
	H_ATTR(w, "id", arena_printf(rq->arena, "reason-%s", g->id));
	H_RAW(w, "><button type=\"submit\" class=\"govuk-button govuk-button--warning govuk-!-margin-bottom-0\" data-module=\"govuk-button\">Revoke<span class=\"govuk-visually-hidden\"> ");
	html_text(w, role_name(g->role));
	H_RAW(w, "</span></button></form>");
	govuk_table_cell_end(w);
	govuk_table_row_end(w);
}

/* The page, from what show read: no database here. */
static void render(struct resp *rs, struct roles_view *v)
{
	struct req *rq = v->rq;
	struct html w = resp_html(rs);
	struct crumb crumbs[] = {{"Home", "/"}, {"Your account", "/account"}, {"People", "/admin/people"}};
	layout_begin(&w, &(struct page){.title = v->person.name, .crumbs = crumbs, .ncrumbs = 3, .has_errors = v->nerrs > 0});
	govuk_error_summary(&w, v->errs, v->nerrs);
	session_flash_banner(&w, rq);
	H_RAW(&w, "<span class=\"govuk-caption-l\">");
	html_text(&w, v->person.email);
	H_RAW(&w, "</span>\n<h1 class=\"govuk-heading-l\">");
	html_text(&w, v->person.name);
	H_RAW(&w, "</h1>\n<h2 class=\"govuk-heading-m\">Roles</h2>\n");
	static const char *const heads[] = {"Role", "For", "Given (UTC)", "Reason", "Revoke"};
	govuk_table_begin(&w, "Roles", true, heads, 5);
	const char *action = url_path(rq->arena, "/admin/people/", id_text(rq, v->id), "/revoke");
	for (size_t i = 0; i < v->ngrants; i++)
		grant_row(&w, v, &v->grants[i], action);
	govuk_table_end(&w);
	if (!v->ngrants)
		H_RAW(&w, "<p class=\"govuk-body\">No roles: this person cannot see anything beyond the public pages.</p>\n");

	H_RAW(&w, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	sign_in_section(&w, v);
	H_RAW(&w, "<h2 class=\"govuk-heading-m\">Give a role</h2>\n<form method=\"post\" novalidate");
	H_ATTR(&w, "action", url_path(rq->arena, "/admin/people/", id_text(rq, v->id)));
	H_RAW(&w, ">\n");
	govuk_csrf(&w, rq->session->csrf);
	grant_fields(&w, rq, &v->offer, v->errs, v->nerrs, refused(v, "grant"));
	govuk_input(&w, &(struct govuk_input){.id = "reason", .label = "Reason", .type = "text", .error = govuk_error_for(v->errs, v->nerrs, "reason"),
		.value = refused(v, "grant") ? req_form(rq, "reason") : NULL,
		.hint = "Recorded in the audit log, for example: appointed AMHL Secondary from September"});
	H_RAW(&w, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Give role</button>\n</form>\n</div></div>\n");
	layout_end(&w);
}

static enum err person_not_found(struct resp *rs)
{
	return resp_error_page(rs, 404, "Person not found", "There is nobody with that number.", "/admin/people", "Back to people");
}

static enum err show(struct resp *rs, struct roles_view *v)
{
	struct req *rq = v->rq;
	enum err e = db_begin(rq->db, DB_READ);
	if (e)
		return e;
	e = person_by_id(rq->db, rq->arena, v->id, &v->person);
	if (!e)
		e = grant_offer_load(rq->db, rq, &v->offer);
	if (!e)
		e = grants_read(rq->db, v);
	db_rollback(rq->db);
	if (e == ERR_NOT_FOUND)
		return person_not_found(rs);
	if (!e) /* everything read: a failed read is the error page, never half a page */
		render(rs, v);
	return e;
}

enum err admin_person(struct req *rq, struct resp *rs)
{
	struct roles_view v;
	view_init(rq, &v);
	if (!v.id)
		return ERR_NOT_FOUND;
	return show(rs, &v);
}

static enum err grant(struct db *db, struct roles_view *v)
{
	struct req *rq = v->rq;
	enum err e = grant_offer_load(db, rq, &v->offer);
	if (e)
		return e;
	struct role_choice c;
	grant_read(rq, &v->offer, &c, v->errs, &v->nerrs);
	const char *reason = req_form(rq, "reason");
	if (!reason_ok(reason))
		v->errs[v->nerrs++] = (struct govuk_error){"reason", "Enter the reason for giving this role"};
	if (v->nerrs)
		return ERR_OK;
	e = grant_insert(db, rq, v->id, &c, reason);
	if (e == ERR_CONFLICT) { /* the same role, hub, project or school: refused by role_grants_once */
		v->errs[v->nerrs++] = (struct govuk_error){"role", "They already have this role"};
		return ERR_OK;
	}
	if (e)
		return e;
	v->done = arena_printf(rq->arena, "%s given to %s", role_name(c.g.role), v->person.name);
	return ERR_OK;
}

/* The write transaction of a form of the person's page: the person, then
 * the form's own write (v->write), then its confirmation for the page the
 * form redirects to. */
static enum err person_write(struct db *db, void *ctx)
{
	struct roles_view *v = ctx;
	v->nerrs = 0; /* a transaction run again starts afresh */
	v->done = NULL;
	enum err e = person_by_id(db, v->rq->arena, v->id, &v->person);
	if (!e)
		e = v->write(db, v);
	return e || v->nerrs || !v->done ? e : session_flash(v->rq, v->done);
}

/* A form of the person's page (form: its name, for showing back what it
 * sent): its write transaction, then 303 to the person's page, which shows
 * the confirmation once (post/redirect/get); or the page again, 400 with
 * the errors. */
static enum err person_form(struct req *rq, struct resp *rs, enum err (*write)(struct db *, struct roles_view *),
			    const char *form)
{
	struct roles_view v;
	view_init(rq, &v);
	if (!v.id)
		return ERR_NOT_FOUND;
	v.write = write;
	enum err e = db_transact(rq->db, DB_WRITE, person_write, &v);
	if (e)
		return e == ERR_NOT_FOUND ? person_not_found(rs) : e;
	if (!v.nerrs) {
		resp_redirect(rs, 303, url_path(rq->arena, "/admin/people/", id_text(rq, v.id)));
		return ERR_OK;
	}
	rs->status = 400;
	v.refused = form;
	return show(rs, &v);
}

enum err admin_person_grant(struct req *rq, struct resp *rs)
{
	return person_form(rq, rs, grant, "grant");
}

static enum err revoke(struct db *db, struct roles_view *v)
{
	struct req *rq = v->rq;
	const char *g = req_form(rq, "grant"), *reason = req_form(rq, "reason");
	char *end = NULL;
	long long gid = g ? strtoll(g, &end, 10) : 0;
	if (!g || *end || gid <= 0)
		return ERR_INVALID;
	if (!reason_ok(reason)) {
		v->errs[v->nerrs++] = (struct govuk_error){"role", "Enter the reason for revoking the role, next to its Revoke button"};
		return ERR_OK;
	}
	if (gid && v->id == rq->session->person_id) {
		/* never leave the service without an administrator by accident: not on yourself */
		v->errs[v->nerrs++] = (struct govuk_error){"role", "You cannot revoke your own roles: ask another national administrator"};
		return ERR_OK;
	}
	struct db_stmt *st = db_prepare(db, SQL_REVOKE);
	if (!st || db_bind_int(st, 1, gid) || db_bind_int(st, 2, v->id))
		return ERR_DB;
	int rc = db_step(st);
	if (rc < 0)
		return (enum err)rc;
	if (rc == 0)
		return ERR_INVALID;
	const char *role = arena_strdup(rq->arena, db_col_text(st, 0));
	db_step(st);
	v->done = arena_printf(rq->arena, "Role revoked from %s", v->person.name);
	return audit(db, rq, rq->session->person_id, "role_revoked", arena_printf(rq->arena, "person:%lld", (long long)v->id),
		     arena_printf(rq->arena, "%s: %s", role, reason));
}

enum err admin_person_revoke(struct req *rq, struct resp *rs)
{
	return person_form(rq, rs, revoke, "revoke");
}

static enum err reset_sign_in(struct db *db, struct roles_view *v)
{
	struct req *rq = v->rq;
	enum err e;
	if (v->id == rq->session->person_id)
		return ERR_INVALID; /* the form is not offered on one's own page */
	const char *reason = req_form(rq, "reset-reason");
	if (!reason_ok(reason)) {
		v->errs[v->nerrs++] = (struct govuk_error){"reset-reason", "Enter the reason for resetting their sign-in"};
		return ERR_OK;
	}
	char token[TOKEN_LEN + 1];
	int64_t now = clock_now();
	if ((e = db_run(db, SQL_RESET_SIGN_IN, DB_I(v->id))) || (e = db_run(db, SQL_RESET_CODES, DB_I(v->id))) ||
	    (e = db_run(db, SQL_RESET_SESSIONS, DB_I(v->id))) || (e = db_run(db, SQL_RESET_LINKS, DB_I(now), DB_I(v->id))) ||
	    (e = link_create(db, v->id, "setup", SETUP_LINK_SECONDS, token)) ||
	    (e = audit(db, rq, rq->session->person_id, "sign_in_reset", arena_printf(rq->arena, "person:%lld", (long long)v->id), reason)))
		return e;
	v->done = arena_printf(rq->arena, "%s's sign-in has been reset. We have emailed them a link to set it up again.", v->person.name);
	return mail_queue(db, v->person.email, "Set up your Maths Hubs sign-in again",
			  arena_printf(rq->arena, "Hello %s,\n\nThe national team has reset how you sign in to Maths Hubs, as you asked. "
					   "Open this link to create a new password and set up a way of getting sign-in codes:\n\n%s/set-up/%s\n\n"
					   "The link works once, for 24 hours. Your old password, codes and recovery codes no longer work.\n\n"
					   "If you did not ask for this, tell your hub's leadership team at once.\n",
				       v->person.name, rq->cfg->base_url, token),
			  NULL);
}

enum err admin_person_reset_sign_in(struct req *rq, struct resp *rs)
{
	return person_form(rq, rs, reset_sign_in, "reset");
}
