/*
 * roles.c - /admin/people/{id}: one person's page, for the national team
 * and for the leadership of a hub the person has a role in (person.h says
 * who may do what): their details (each changed on its own page: details.c,
 * email.c, deactivate.c), their roles, and what other capabilities show of
 * them (module.h's person parts: their designations). National
 * administrators grant and revoke roles here, each with the reason recorded
 * in the audit log; the role and its hub, project or school are asked for,
 * checked and given by grant.c, as on the add-person form. For someone who
 * has lost both their phone and their recovery codes, a national
 * administrator can also reset how they sign in: a new set-up link is
 * emailed to them.
 */
#include <stdlib.h>
#include <string.h>

#include "accounts/accounts.h"
#include "accounts/queries.h"
#include "admin/admin.h"
#include "admin/grant.h"
#include "admin/person.h"
#include "admin/queries.h"
#include "auth/perm.h"
#include "auth/session.h"
#include "auth/token.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/url.h"
#include "db/db.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"
#include "mail/mail.h"
#include "module.h"

/* The give-a-role form: the role with its hub, project or school, and why. */
enum { G_ROLE, G_REASON = G_ROLE + GRANT_NFIELDS, G_COUNT };
static const struct form_field give_fields[G_COUNT] = {
	GRANT_FIELDS(G_ROLE),
	[G_REASON] = {"reason", FORM_TEXT, "Reason", .required = true, .max_chars = 500,
		      .hint = "Recorded in the audit log, for example: appointed AMHL Secondary from September",
		      .missing = "Enter the reason for giving this role"},
};

/* A role's revoke form, in its row of the table (rendered by grant_row). */
enum { V_GRANT, V_REASON, V_COUNT };
static const struct form_field revoke_fields[V_COUNT] = {
	[V_GRANT] = {"grant", FORM_NUMBER, "Role", .required = true, .min = 1, .max = INT64_MAX},
	[V_REASON] = {"reason", FORM_TEXT, "Reason for revoking", .required = true, .max_chars = 500,
		      .missing = "Enter the reason for revoking the role, next to its Revoke button"},
};
static const struct form revoke_form = FORM(revoke_fields);

/* Resetting someone's sign-in. */
static const struct form_field reset_fields[] = {
	{"reset-reason", FORM_TEXT, "Reason", .required = true, .max_chars = 500,
	 .hint = "Recorded in the audit log, for example: lost phone, identity checked by phone with the school office",
	 .missing = "Enter the reason for resetting their sign-in"},
};
static const struct form reset_form = FORM(reset_fields);

struct roles_view {
	struct req *rq;
	struct person_page p;     /* the person, their roles, the offer (every role, in every hub), the parts */
	struct person_access may; /* what the person signed in may do with them */
	struct form give_form;    /* give_fields completed from the offer */
	/* the forms: empty, or as sent (one of them, *sent, came back with errors) */
	struct form_data give, revoke, reset;
	const struct form_data *sent;
	enum err (*write)(struct db *db, struct roles_view *v); /* a form's write (person_form) */
	const char *done;   /* the confirmation the page shows once after the redirect */
};

/* id as text, in the request's arena. */
static const char *id_text(const struct req *rq, int64_t id)
{
	return arena_printf(rq->arena, "%lld", (long long)id);
}

static void view_init(struct req *rq, struct roles_view *v)
{
	*v = (struct roles_view){.rq = rq, .p = {.s = {.rq = rq, .id = person_param(rq)}}};
	for (int r = 0; r < ROLE_COUNT; r++)
		v->p.offer.roles[r] = true;
	/* the give-a-role form's hubs and projects, for those who give roles */
	v->p.with_offer = perm_scope(rq->session->grants, rq->session->ngrants, CAP_ROLES_MANAGE) == SCOPE_NATIONAL;
}

/* How the person signs in, and (for those who may) the reset form. */
static void sign_in_section(struct html *w, const struct roles_view *v)
{
	struct req *rq = v->rq;
	const struct person *p = &v->p.s.person;
	bool sent = v->sent == &v->reset;
	int ways = factor_count(p);
	H_RAW(w, "<h2 class=\"govuk-heading-m\">Signing in</h2>\n<p class=\"govuk-body\">");
	html_text(w, !p->password_hash ? "Has not created a password yet."
		     : ways ? arena_printf(rq->arena, "Has signed up, with %d way%s of getting sign-in codes.", ways, ways == 1 ? "" : "s")
			    : "Has created a password but has not set up a way of getting sign-in codes yet.");
	H_RAW(w, "</p>\n");
	if (perm_scope(rq->session->grants, rq->session->ngrants, CAP_SIGN_IN_RESET) == SCOPE_NONE ||
	    v->may.self || !p->active || (!p->password_hash && !ways && !sent))
		return; /* nothing to reset for someone not signed up: sign-up works */
	H_RAW(w, "<details class=\"govuk-details\"");
	if (sent)
		H_RAW(w, " open");
	H_RAW(w, "><summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">They have lost their phone and their recovery codes</span></summary>\n"
		 "<div class=\"govuk-details__text\"><p class=\"govuk-body\">Resetting their sign-in removes their password, their ways of getting codes and their recovery codes, "
		 "and signs them out everywhere. We email them a link, for 24 hours, to create a new password and set up a way of getting codes again.</p>\n"
		 "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>"
		 "Check it is really them first, for example by phoning their school.</strong></div>\n<form method=\"post\" novalidate");
	H_ATTR(w, "action", person_href(rq, v->p.s.id, "/reset-sign-in"));
	H_RAW(w, ">\n");
	govuk_csrf(w, rq->session->csrf);
	form_fields(w, &v->reset);
	H_RAW(w, "<button type=\"submit\" class=\"govuk-button govuk-button--warning\" data-module=\"govuk-button\">Reset their sign-in</button>\n</form>\n</div></details>\n");
}

/* One role's row, with its revoke form (and its error, when that form came
 * back with one). */
static void grant_row(struct html *w, const struct roles_view *v, const struct grant_row *g, const char *action)
{
	if (!v->may.roles) { /* no revoke column */
		char day[32];
		clock_format_iso(g->granted_at, 0, day);
		day[10] = '\0';
		govuk_table_row_begin(w);
		govuk_table_cell(w, role_name(g->role));
		govuk_table_cell(w, g->scope ? g->scope : "Every hub");
		govuk_table_cell(w, day);
		govuk_table_cell(w, g->reason);
		govuk_table_row_end(w);
		return;
	}
	struct req *rq = v->rq;
	const char *input = arena_printf(rq->arena, "reason-%lld", (long long)g->id);
	const char *error = v->sent == &v->revoke && v->revoke.values[V_GRANT].number == g->id ? v->revoke.errors[0].message : NULL;
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
	H_ATTR(w, "value", id_text(rq, g->id));
	H_RAW(w, "><label class=\"govuk-label govuk-visually-hidden\"");
	H_ATTR(w, "for", input);
	H_RAW(w, ">Reason for revoking</label>");
	if (error) {
		H_RAW(w, "<p class=\"govuk-error-message\"");
		H_ATTR(w, "id", arena_printf(rq->arena, "%s-error", input));
		H_RAW(w, "><span class=\"govuk-visually-hidden\">Error:</span> ");
		html_text(w, error);
		H_RAW(w, "</p><input class=\"govuk-input govuk-input--error govuk-!-margin-bottom-2\"");
		H_ATTR(w, "aria-describedby", arena_printf(rq->arena, "%s-error", input));
	} else {
		H_RAW(w, "<input class=\"govuk-input govuk-!-margin-bottom-2\"");
	}
	H_RAW(w, " type=\"text\" name=\"reason\" placeholder=\"Reason\"");
	H_ATTR(w, "id", input);
	H_RAW(w, "><button type=\"submit\" class=\"govuk-button govuk-button--warning govuk-!-margin-bottom-0\" data-module=\"govuk-button\">Revoke<span class=\"govuk-visually-hidden\"> ");
	html_text(w, role_name(g->role));
	H_RAW(w, "</span></button></form>");
	govuk_table_cell_end(w);
	govuk_table_row_end(w);
}

/* The page, from what person_page_read read: no database here. */
static void render(struct resp *rs, struct roles_view *v)
{
	struct req *rq = v->rq;
	struct html w = resp_html(rs);
	static const struct crumb crumbs[] = {{"Home", "/"}, {"Your account", "/account"}, {"People", "/admin/people"}};
	page_begin(&w, &(struct page){.title = v->p.s.person.name, .caption = v->p.s.person.email, .crumbs = crumbs, .ncrumbs = 3,
				      .full_width = true, .errors = v->sent ? v->sent->errors : NULL,
				      .nerrors = v->sent ? v->sent->nerrors : 0, .banner = session_banner(rq)});
	person_details_section(&w, rq, &v->p.s, &v->may);
	H_RAW(&w, "<h2 class=\"govuk-heading-m\">Roles</h2>\n");
	static const char *const heads[] = {"Role", "For", "Given (UTC)", "Reason", "Revoke"};
	govuk_table_begin(&w, "Roles", true, heads, v->may.roles ? 5 : 4);
	const char *action = person_href(rq, v->p.s.id, "/revoke");
	for (size_t i = 0; i < v->p.s.ngrants; i++)
		grant_row(&w, v, &v->p.s.grants[i], action);
	govuk_table_end(&w);
	if (!v->p.s.ngrants)
		H_RAW(&w, "<p class=\"govuk-body\">No roles: this person cannot see anything beyond the public pages.</p>\n");
	if (!v->may.roles)
		H_RAW(&w, "<p class=\"govuk-body\">The national team gives and removes roles in the programme.</p>\n");

	H_RAW(&w, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	person_parts_render(&w, rq, v->p.s.id, v->p.parts, v->p.nparts);
	sign_in_section(&w, v);
	if (v->may.roles) {
		H_RAW(&w, "<h2 class=\"govuk-heading-m\">Give a role</h2>\n<form method=\"post\" novalidate");
		H_ATTR(&w, "action", person_href(rq, v->p.s.id, NULL));
		H_RAW(&w, ">\n");
		govuk_csrf(&w, rq->session->csrf);
		form_fields(&w, &v->give);
		H_RAW(&w, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Give role</button>\n</form>\n");
	}
	person_account_section(&w, rq, &v->p.s, &v->may);
	H_RAW(&w, "</div></div>\n");
	page_end(&w);
}

/* Reads the page, then renders it with each form empty but the one sent
 * back with its errors (v->sent): a failed read is the error page, never
 * half a page; someone outside the reader's scope is refused. */
static enum err show(struct resp *rs, struct roles_view *v)
{
	struct req *rq = v->rq;
	enum err e = db_transact(rq->db, DB_READ, person_page_read, &v->p);
	if (e == ERR_NOT_FOUND)
		return person_not_found(rs);
	if (e)
		return e;
	v->may = person_access_of(rq->session, v->p.s.id, v->p.s.grants, v->p.s.ngrants);
	if (!v->may.read)
		return person_refused(rs, PERSON_NOT_YOURS);
	if (v->may.roles && v->sent != &v->give) {
		v->give_form = grant_form(rq, &v->p.offer, give_fields, G_COUNT, G_ROLE);
		form_empty(&v->give_form, rq->arena, &v->give);
	}
	if (v->may.roles)
		grant_form_prefill(&v->give, G_ROLE);
	if (v->sent != &v->reset)
		form_empty(&reset_form, rq->arena, &v->reset);
	render(rs, v);
	return ERR_OK;
}

enum err admin_person(struct req *rq, struct resp *rs)
{
	struct roles_view v;
	view_init(rq, &v);
	if (!v.p.s.id)
		return ERR_NOT_FOUND;
	return show(rs, &v);
}

static enum err grant(struct db *db, struct roles_view *v)
{
	struct req *rq = v->rq;
	enum err e = grant_offer_load(db, rq, &v->p.offer);
	if (e)
		return e;
	v->give_form = grant_form(rq, &v->p.offer, give_fields, G_COUNT, G_ROLE);
	if (!form_read(&v->give_form, rq->form, rq->nform, rq->arena, NULL, &v->give)) {
		v->sent = &v->give;
		return ERR_OK;
	}
	struct role_choice c;
	if ((e = grant_choice_read(db, &v->give, G_ROLE, &v->p.offer, &c)) || v->give.nerrors) {
		v->sent = &v->give;
		return e;
	}
	e = grant_insert(db, rq, v->p.s.id, &c, v->give.values[G_REASON].text);
	if (e == ERR_CONFLICT) { /* the same role, hub, project or school: refused by role_grants_once */
		form_fail(&v->give, G_ROLE, "They already have this role");
		v->sent = &v->give;
		return ERR_OK;
	}
	if (e)
		return e;
	v->done = arena_printf(rq->arena, "%s given to %s", role_name(c.g.role), v->p.s.person.name);
	return ERR_OK;
}

/* The write transaction of a form of the person's page: the person, then
 * the form's own write (v->write), then its confirmation for the page the
 * form redirects to. A transaction run again starts afresh: no form sent
 * back, no confirmation. */
static enum err person_write(struct db *db, void *ctx)
{
	struct roles_view *v = ctx;
	v->sent = NULL;
	v->done = NULL;
	enum err e = person_by_id(db, v->rq->arena, v->p.s.id, &v->p.s.person);
	if (!e)
		e = v->write(db, v);
	return e || v->sent || !v->done ? e : session_flash(v->rq, v->done);
}

/* A form of the person's page: its write transaction, then 303 to the
 * person's page, which shows the confirmation once (post/redirect/get); or
 * the page again, 400 with the errors. */
static enum err person_form(struct req *rq, struct resp *rs, enum err (*write)(struct db *, struct roles_view *))
{
	struct roles_view v;
	view_init(rq, &v);
	if (!v.p.s.id)
		return ERR_NOT_FOUND;
	v.write = write;
	enum err e = db_transact(rq->db, DB_WRITE, person_write, &v);
	if (e)
		return e == ERR_NOT_FOUND ? person_not_found(rs) : e;
	if (!v.sent) {
		resp_redirect(rs, 303, person_href(rq, v.p.s.id, NULL));
		return ERR_OK;
	}
	rs->status = 400;
	return show(rs, &v);
}

enum err admin_person_grant(struct req *rq, struct resp *rs)
{
	return person_form(rq, rs, grant);
}

static enum err revoke(struct db *db, struct roles_view *v)
{
	struct req *rq = v->rq;
	bool ok = form_read(&revoke_form, rq->form, rq->nform, rq->arena, NULL, &v->revoke);
	int64_t gid = v->revoke.values[V_GRANT].number;
	if (v->revoke.values[V_GRANT].error)
		return ERR_INVALID; /* not a form of the page */
	if (ok && v->p.s.id == rq->session->person_id) /* never leave the service without an administrator by accident */
		form_fail(&v->revoke, V_GRANT, "You cannot revoke your own roles: ask another national administrator");
	if (v->revoke.nerrors) { /* the summary links to that row's reason */
		v->revoke.errors[0].field = arena_printf(rq->arena, "reason-%lld", (long long)gid);
		v->sent = &v->revoke;
		return ERR_OK;
	}
	const char *role;
	enum err e = grant_revoke(db, rq->arena, gid, v->p.s.id, &role);
	if (e == ERR_NOT_FOUND) { /* a second click, or another tab: the page as it is now says so */
		v->done = "That role had already been removed";
		return ERR_OK;
	}
	if (e)
		return e;
	v->done = arena_printf(rq->arena, "Role revoked from %s", v->p.s.person.name);
	return audit(db, rq, rq->session->person_id, "role_revoked", arena_printf(rq->arena, "person:%lld", (long long)v->p.s.id),
		     arena_printf(rq->arena, "%s: %s", role, v->revoke.values[V_REASON].text));
}

enum err admin_person_revoke(struct req *rq, struct resp *rs)
{
	return person_form(rq, rs, revoke);
}

static enum err reset_sign_in(struct db *db, struct roles_view *v)
{
	struct req *rq = v->rq;
	enum err e;
	if (v->p.s.id == rq->session->person_id)
		return ERR_INVALID; /* the form is not offered on one's own page */
	if (!form_read(&reset_form, rq->form, rq->nform, rq->arena, NULL, &v->reset)) {
		v->sent = &v->reset;
		return ERR_OK;
	}
	const char *reason = v->reset.values[0].text;
	char token[TOKEN_LEN + 1];
	int64_t now = clock_now();
	if ((e = person_sign_in_reset(db, v->p.s.id, now)) ||
	    (e = link_create(db, v->p.s.id, "setup", SETUP_LINK_SECONDS, token)) ||
	    (e = audit(db, rq, rq->session->person_id, "sign_in_reset", arena_printf(rq->arena, "person:%lld", (long long)v->p.s.id), reason)))
		return e;
	v->done = arena_printf(rq->arena, "%s's sign-in has been reset. We have emailed them a link to set it up again.", v->p.s.person.name);
	return mail_queue(db, v->p.s.person.email, "Set up your Maths Hubs sign-in again",
			  arena_printf(rq->arena, "Hello %s,\n\nThe national team has reset how you sign in to Maths Hubs, as you asked. "
					   "Open this link to create a new password and set up a way of getting sign-in codes:\n\n%s/set-up/%s\n\n"
					   "The link works once, for 24 hours. Your old password, codes and recovery codes no longer work.\n\n"
					   "If you did not ask for this, tell your hub's leadership team at once.\n",
				       v->p.s.person.name, rq->cfg->base_url, token),
			  NULL);
}

enum err admin_person_reset_sign_in(struct req *rq, struct resp *rs)
{
	return person_form(rq, rs, reset_sign_in);
}
