/*
 * pages_account.c - the account page (/account) and the pages that change
 * how a person signs in: their password (/account/password, which asks for
 * the current one), their ways of getting sign-in codes
 * (/account/second-factor) and their recovery codes
 * (/account/recovery-codes). Changing a factor or the recovery codes needs
 * a recent proof of who they are (RF_REAUTH): /account/confirm asks for the
 * password again. Every change is audited and the owner is emailed.
 */
#include <string.h>

#include "accounts/accounts.h"
#include "accounts/attempt.h"
#include "accounts/views.h"
#include "accounts/queries.h"
#include "auth/audit.h"
#include "auth/password.h"
#include "auth/perm.h"
#include "auth/recovery.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/url.h"
#include "core/util.h"
#include "core/config.h"
#include "db/db.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"

static const char *subject_of(struct req *rq, int64_t id)
{
	return arena_printf(rq->arena, "person:%lld", (long long)id);
}

/* What the account pages show of the signed-in person, read in one
 * transaction (own_read): their record, and as asked, how many recovery
 * codes are unused, their roles with their hubs, projects and schools, and
 * their sessions and recent security events. */
struct own {
	struct req *rq;
	bool with_codes, with_activity; /* what to read besides the record (activity: the roles too) */
	struct person p;
	int64_t unused;
	struct account_role roles[32];
	size_t nroles;
	struct account_session sessions[20];
	size_t nsessions;
	struct account_event events[10];
	size_t nevents;
};

static enum err own_activity(struct db *db, struct own *o)
{
	const struct session *s = o->rq->session;
	struct arena *a = o->rq->arena;
	enum err e = roles_of(db, a, s->person_id, o->roles, ARRAY_LEN(o->roles), &o->nroles);
	if (!e)
		e = sessions_of(db, a, s->person_id, s->token_hash, clock_now() - SESSION_IDLE_SECONDS, o->sessions,
				ARRAY_LEN(o->sessions), &o->nsessions);
	return e ? e
		 : audit_events_of(db, a, arena_printf(a, "person:%lld", (long long)s->person_id), o->events,
				   ARRAY_LEN(o->events), &o->nevents);
}

/* The body of the account pages' one read transaction (ctx: struct own);
 * the database's error as it came (ERR_BUSY stays ERR_BUSY: a 503). */
static enum err own_read(struct db *db, void *ctx)
{
	struct own *o = ctx;
	o->unused = 0;
	o->nroles = o->nsessions = o->nevents = 0;
	enum err e = person_by_id(db, o->rq->arena, o->rq->session->person_id, &o->p);
	if (!e && o->with_codes)
		e = recovery_codes_unused(db, o->p.id, &o->unused);
	return e || !o->with_activity ? e : own_activity(db, o);
}

/* The person's ways of getting codes, one a line. */
static void factor_list(struct req *rq, struct html *w, const struct person *p)
{
	H_RAW(w, "<ul class=\"govuk-list\">");
	if (p->totp_secret)
		H_RAW(w, "<li>Authenticator app</li>");
	if (p->phone) {
		H_RAW(w, "<li>");
		html_text(w, phone_way(rq, p));
		H_RAW(w, "</li>");
	}
	if (p->email_codes) {
		H_RAW(w, "<li>Email to ");
		html_text(w, p->email);
		H_RAW(w, "</li>");
	}
	H_RAW(w, "</ul>");
}

/* ---- confirm it is you: the password again ---- */

/* Where /account/confirm may send people back to: a page of the account. */
static const char *safe_next(const char *next)
{
	if (!next || strncmp(next, "/account/", 9) || strlen(next) > 64 || strstr(next, "//"))
		return "/account";
	for (const char *c = next; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || *c == '/' || *c == '-'))
			return "/account";
	return next;
}

enum { CONFIRM_PASSWORD };
static const struct form_field confirm_fields[] = {
	[CONFIRM_PASSWORD] = {"password", FORM_PASSWORD, "Password", .required = true, .missing = "Enter your password",
			      .autocomplete = "current-password", .spellcheck_off = true},
};
static const struct form confirm_form = FORM(confirm_fields);

static void confirm_page(struct req *rq, struct resp *rs, const char *next, const struct form_data *d)
{
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = "Enter your password to continue", .errors = d->errors, .nerrors = d->nerrors,
				      .banner = session_banner(rq)});
	H_RAW(&w, "<p class=\"govuk-body\">You are about to change how you sign in. To keep your account safe, we check it is you first.</p>\n"
		  "<form method=\"post\" action=\"/account/confirm\" novalidate>\n");
	govuk_csrf(&w, rq->session->csrf);
	H_RAW(&w, "<input type=\"hidden\" name=\"next\"");
	H_ATTR(&w, "value", next);
	H_RAW(&w, "><input type=\"hidden\" name=\"username\" autocomplete=\"username\"");
	H_ATTR(&w, "value", rq->session->email);
	H_RAW(&w, ">\n");
	form_fields(&w, d);
	govuk_button(&w, &(struct govuk_button){.text = "Continue"});
	H_RAW(&w, "</form>\n<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/account\">Cancel</a></p>\n");
	page_end(&w);
}

enum err accounts_confirm(struct req *rq, struct resp *rs)
{
	struct form_data d;
	form_empty(&confirm_form, rq->arena, &d);
	confirm_page(rq, rs, safe_next(req_query(rq, "next")), &d);
	return ERR_OK;
}

static enum err reauthenticated(struct db *db, struct attempt *a, const struct person *p)
{
	enum err e = session_reauthenticated(a->rq);
	return e ? e : audit(db, a->rq, p->id, "reauthenticated", subject_of(a->rq, p->id), "");
}

enum err accounts_confirm_post(struct req *rq, struct resp *rs)
{
	const char *next = safe_next(req_form(rq, "next"));
	struct form_data d;
	if (!form_read(&confirm_form, rq->form, rq->nform, rq->arena, NULL, &d)) {
		rs->status = 400;
		confirm_page(rq, rs, next, &d);
		return ERR_OK;
	}
	struct attempt a = {.rq = rq, .rs = rs, .email = rq->session->email, .secret = d.values[CONFIRM_PASSWORD].text,
			    .accepted = reauthenticated, .wrong = "The password is not right"};
	enum err e = password_step(&a);
	if (e)
		return e;
	if (a.error) {
		attempt_refused(rs, &a);
		form_fail(&d, CONFIRM_PASSWORD, a.error);
		confirm_page(rq, rs, next, &d);
		return ERR_OK;
	}
	resp_redirect(rs, 303, next);
	return ERR_OK;
}

/* ---- change password ---- */

enum { PASSWORD_CURRENT, PASSWORD_NEW };
static const struct form_field password_fields[] = {
	[PASSWORD_CURRENT] = {"current", FORM_PASSWORD, "Current password", .required = true,
			      .missing = "Enter your current password", .autocomplete = "current-password", .spellcheck_off = true},
	[PASSWORD_NEW] = {"password", FORM_PASSWORD, "New password", .hint = NEW_PASSWORD_HINT, .required = true,
			  .missing = "Enter a new password", .check = new_password_check, .autocomplete = "new-password",
			  .spellcheck_off = true},
};
static const struct form password_form = FORM(password_fields);

static void password_page(struct req *rq, struct resp *rs, const struct form_data *d)
{
	struct html w = resp_html(rs);
	static const struct crumb crumbs[] = {{"Home", "/"}, {"Your account", "/account"}};
	page_begin(&w, &(struct page){.title = "Change your password", .nav = "/account", .crumbs = crumbs, .ncrumbs = 2,
				      .errors = d->errors, .nerrors = d->nerrors, .banner = session_banner(rq)});
	H_RAW(&w, "<p class=\"govuk-body\">When you change it, you stay signed in here and are signed out everywhere else.</p>\n"
		  "<form method=\"post\" action=\"/account/password\" novalidate>\n");
	govuk_csrf(&w, rq->session->csrf);
	H_RAW(&w, "<input type=\"hidden\" name=\"username\" autocomplete=\"username\"");
	H_ATTR(&w, "value", rq->session->email);
	H_RAW(&w, ">\n");
	form_fields(&w, d);
	govuk_button(&w, &(struct govuk_button){.text = "Change password"});
	H_RAW(&w, "</form>\n<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/account\">Cancel</a></p>\n");
	page_end(&w);
}

enum err accounts_password(struct req *rq, struct resp *rs)
{
	struct form_data d;
	form_empty(&password_form, rq->arena, &d);
	password_page(rq, rs, &d);
	return ERR_OK;
}

static enum err password_changed(struct db *db, struct attempt *a, const struct person *p)
{
	enum err e;
	/* the session of this request, not the one a retried transaction
	 * made and rolled back */
	const char *kept = a->rq->session->replaces[0] ? a->rq->session->replaces : a->rq->session->token_hash;
	if ((e = person_set_password(db, p->id, a->new_hash)) ||
	    (e = sessions_end_others(db, p->id, kept)) ||
	    (e = audit(db, a->rq, p->id, "password_changed", subject_of(a->rq, p->id), "other sessions ended")) ||
	    (e = security_notice(db, a->rq, p, "Your Maths Hubs password was changed")))
		return e;
	if ((e = session_begin(a->rq, a->rs, p->id, "signed_in"))) /* a new token for this device */
		return e;
	return session_flash(a->rq, "Your password has been changed. You are still signed in here, and signed out on every other device. We have emailed you to say so.");
}

enum err accounts_password_post(struct req *rq, struct resp *rs)
{
	struct form_data d;
	if (!form_read(&password_form, rq->form, rq->nform, rq->arena,
		       &(struct password_owner){rq->session->email, rq->session->name}, &d)) {
		rs->status = 400;
		password_page(rq, rs, &d);
		return ERR_OK;
	}
	struct attempt a = {.rq = rq, .rs = rs, .email = rq->session->email, .secret = d.values[PASSWORD_CURRENT].text,
			    .new_password = d.values[PASSWORD_NEW].text, .accepted = password_changed,
			    .wrong = "Your current password is not right"};
	enum err e = password_step(&a);
	if (e)
		return e;
	if (a.error) {
		attempt_refused(rs, &a);
		form_fail(&d, PASSWORD_CURRENT, a.error);
		password_page(rq, rs, &d);
		return ERR_OK;
	}
	resp_redirect(rs, 303, "/account"); /* which says so once (post/redirect/get) */
	return ERR_OK;
}

/* ---- ways of getting sign-in codes ---- */

/* /account/second-factor, read in one transaction (own_read), with a
 * refusal about the list of ways (NULL: none). */
static enum err second_factor_page(struct req *rq, struct resp *rs, const char *ways_error)
{
	struct own o = {.rq = rq};
	enum err e = db_transact(rq->db, DB_READ, own_read, &o);
	if (!e)
		second_factor_view(rq, rs, &o.p, NULL, ways_error);
	return e;
}

enum err accounts_second_factor(struct req *rq, struct resp *rs)
{
	return second_factor_page(rq, rs, NULL);
}

struct removal {
	struct req *rq;
	const char *which, *error, *what;
};

static enum err remove_factor(struct db *db, void *ctx)
{
	struct removal *r = ctx;
	r->error = r->what = NULL; /* a transaction run again starts afresh */
	struct person p;
	enum err e = person_by_id(db, r->rq->arena, r->rq->session->person_id, &p);
	if (e)
		return e;
	bool app = !strcmp(r->which, "app"), phone = !strcmp(r->which, "phone");
	if (app ? !p.totp_secret : phone ? !p.phone : !p.email_codes)
		return ERR_OK; /* already gone (a second click) */
	if (factor_count(&p) <= 1) {
		r->error = "You need at least one way to get codes: add another before you remove this one";
		return ERR_OK;
	}
	r->what = app ? "the authenticator app" : phone ? arena_printf(r->rq->arena, "codes to %s", phone_masked(r->rq->arena, p.phone))
						   : "codes by email";
	if ((e = app ? person_remove_app(db, p.id) : phone ? person_remove_phone(db, p.id) : person_remove_email_codes(db, p.id)) ||
	    (e = audit(db, r->rq, p.id, "second_factor_removed", subject_of(r->rq, p.id), r->what)))
		return e;
	if ((e = security_notice(db, r->rq, &p, arena_printf(r->rq->arena, "A way to sign in was removed from your Maths Hubs account: %s", r->what))))
		return e;
	return session_flash(r->rq, arena_printf(r->rq->arena, "You have removed a way to sign in: %s.", r->what));
}

enum err accounts_second_factor_post(struct req *rq, struct resp *rs)
{
	const char *which = req_form(rq, "remove");
	if (!which || (strcmp(which, "app") && strcmp(which, "phone") && strcmp(which, "email")))
		return ERR_INVALID;
	struct removal r = {.rq = rq, .which = which};
	enum err e = db_transact(rq->db, DB_WRITE, remove_factor, &r);
	if (e)
		return e;
	if (r.error) {
		rs->status = 400;
		return second_factor_page(rq, rs, r.error);
	}
	resp_redirect(rs, 303, "/account/second-factor");
	return ERR_OK;
}

/* ---- recovery codes ---- */

enum err accounts_recovery_codes(struct req *rq, struct resp *rs)
{
	bool shown;
	enum err e = recovery_codes_taken(rq, rs, &shown);
	if (e || shown)
		return e; /* new codes, after the form that made them: shown this once */
	struct own o = {.rq = rq, .with_codes = true};
	e = db_transact(rq->db, DB_READ, own_read, &o);
	if (e)
		return e;
	int64_t unused = o.unused;
	struct html w = resp_html(rs);
	static const struct crumb crumbs[] = {{"Home", "/"}, {"Your account", "/account"}};
	page_begin(&w, &(struct page){.title = "Recovery codes", .nav = "/account", .crumbs = crumbs, .ncrumbs = 2,
				      .banner = session_banner(rq)});
	H_RAW(&w, "<p class=\"govuk-body\">A recovery code signs you in once when you cannot get a code any other way.</p>\n<p class=\"govuk-body\">");
	html_text(&w, arena_printf(rq->arena, "You have %lld unused recovery code%s.", (long long)unused, unused == 1 ? "" : "s"));
	H_RAW(&w, "</p>\n");
	govuk_warning_text(&w, "New codes replace all your old ones: the old ones stop working.");
	H_RAW(&w, "<form method=\"post\" action=\"/account/recovery-codes\" novalidate>\n");
	govuk_csrf(&w, rq->session->csrf);
	govuk_button(&w, &(struct govuk_button){.text = "Get new recovery codes"});
	H_RAW(&w, "</form>\n<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/account\">Back to your account</a></p>\n");
	page_end(&w);
	return ERR_OK;
}

static enum err renew_codes(struct db *db, void *ctx)
{
	struct req *rq = ctx;
	struct person p;
	char codes[RECOVERY_COUNT][RECOVERY_LEN + 1];
	enum err e = person_by_id(db, rq->arena, rq->session->person_id, &p);
	if (e || (e = recovery_codes_replace(db, p.id, codes)) ||
	    (e = audit(db, rq, p.id, "recovery_codes_renewed", subject_of(rq, p.id), "")) ||
	    (e = security_notice(db, rq, &p, "New recovery codes were made for your Maths Hubs account")))
		return e;
	return recovery_codes_flash(rq, "You have new recovery codes", (const char (*)[RECOVERY_LEN + 1])codes);
}

enum err accounts_recovery_codes_post(struct req *rq, struct resp *rs)
{
	enum err e = db_transact(rq->db, DB_WRITE, renew_codes, rq);
	if (e)
		return e;
	resp_redirect(rs, 303, "/account/recovery-codes"); /* which shows them, once */
	return ERR_OK;
}

/* The label of an audit action; a row written by a version whose action
 * has since gone is still never shown as its key. */
static const char *event_text(const char *action)
{
	const char *label = audit_label(action);
	return label ? label : "Other security event";
}

static void when_text(int64_t t, char out[32])
{
	clock_format_iso(t, 0, out);
	out[16] = '\0';
	out[10] = ' ';
}

/* A list's link: text to href, then hidden (for screen readers, which
 * may list the links of a page without the text around them). */
static void role_link(struct html *w, const char *href, const char *text, const char *hidden)
{
	H_RAW(w, "<li><a class=\"govuk-link\"");
	H_ATTR(w, "href", href);
	H_RAW(w, ">");
	html_text(w, text);
	H_RAW(w, "<span class=\"govuk-visually-hidden\"> (");
	html_text(w, hidden);
	H_RAW(w, ")</span></a></li>");
}

/* The account page's roles: each with its hub, project or school, and a
 * hub role with links to the hub's page, its team (for those who may see
 * it) and its schools. */
static void account_roles(struct req *rq, struct html *w, const struct own *o)
{
	if (!o->nroles)
		return;
	struct arena *a = rq->arena;
	const struct session *s = rq->session;
	H_RAW(w, "<h2 class=\"govuk-heading-m\">Your roles</h2>\n");
	for (size_t i = 0; i < o->nroles; i++) {
		const struct account_role *r = &o->roles[i];
		enum role role;
		if (!role_from_key(r->role, &role))
			continue;
		const char *name = role_name(role);
		H_RAW(w, "<h3 class=\"govuk-heading-s govuk-!-margin-bottom-1\">");
		html_text(w, r->phase[0] ? arena_printf(a, "%s (%s)", name, r->phase) : name);
		H_RAW(w, "</h3>\n");
		if (r->hub_code[0]) {
			const char *hub = arena_printf(a, "%s Maths Hub", r->hub_name);
			H_RAW(w, "<p class=\"govuk-body govuk-!-margin-bottom-1\">In <a class=\"govuk-link\"");
			H_ATTR(w, "href", url_path(a, "/hubs/", r->hub_code));
			H_RAW(w, ">");
			html_text(w, hub);
			H_RAW(w, "</a> (");
			html_text(w, r->hub_code);
			H_RAW(w, ")</p>\n<ul class=\"govuk-list\">");
			if (perm_allows(s->grants, s->ngrants, s->person_id, CAP_TEAM_READ,
					&(struct perm_target){.hub_ids = &r->hub_id, .nhubs = 1}))
				role_link(w, url_path(a, "/hubs/", r->hub_code, "/team"), "Its team", hub);
			role_link(w, url_path(a, "/hubs/", r->hub_code, "/schools"), "Schools in its area", hub);
			H_RAW(w, "</ul>\n");
		} else if (r->project_code[0]) {
			H_RAW(w, "<p class=\"govuk-body\">For <a class=\"govuk-link\"");
			H_ATTR(w, "href", url_path(a, "/projects/", r->project_code));
			H_RAW(w, ">");
			html_text(w, arena_printf(a, "%s: %s", r->project_code, r->project_title));
			H_RAW(w, "</a></p>\n");
		} else if (r->school_urn[0] && r->school_name[0]) {
			H_RAW(w, "<p class=\"govuk-body\">At <a class=\"govuk-link\"");
			H_ATTR(w, "href", url_path(a, "/schools/", r->school_urn));
			H_RAW(w, ">");
			html_text(w, arena_printf(a, "%s (URN %s)", r->school_name, r->school_urn));
			H_RAW(w, "</a></p>\n");
		} else if (r->school_urn[0]) {
			H_RAW(w, "<p class=\"govuk-body\">At the school with URN ");
			html_text(w, r->school_urn);
			H_RAW(w, "</p>\n");
		} else if (role == ROLE_NATIONAL_ADMIN || role == ROLE_NATIONAL_ANALYST) {
			H_RAW(w, "<p class=\"govuk-body\">Across the programme: every hub</p>\n");
		}
	}
}

/* The account page's sessions and recent security events. */
static void account_activity(struct req *rq, struct html *w, const struct own *o)
{
	static const char *const sh[] = {"Device", "Signed in (UTC)", "Last active (UTC)"};
	H_RAW(w, "<h2 class=\"govuk-heading-m\">Where you are signed in</h2>\n");
	govuk_table_begin(w, "Where you are signed in", true, sh, 3);
	for (size_t i = 0; i < o->nsessions; i++) {
		const struct account_session *x = &o->sessions[i];
		char a[32], b[32];
		when_text(x->created_at, a);
		when_text(x->last_seen_at, b);
		govuk_table_row_begin(w);
		govuk_table_cell_begin(w);
		html_text(w, x->device[0] ? x->device : "Unknown device");
		if (x->this_device) {
			H_RAW(w, " ");
			govuk_tag(w, "This device", "green");
		}
		govuk_table_cell_end(w);
		govuk_table_cell(w, a);
		govuk_table_cell(w, b);
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
	static const char *const eh[] = {"When (UTC)", "What", "From address"};
	H_RAW(w, "<h2 class=\"govuk-heading-m\">Recent security events</h2>\n");
	govuk_table_begin(w, "Recent security events", true, eh, 3);
	for (size_t i = 0; i < o->nevents; i++) {
		const struct account_event *x = &o->events[i];
		char t[32];
		when_text(x->at, t);
		govuk_table_row_begin(w);
		govuk_table_cell(w, t);
		bool detailed = !strncmp(x->action, "second_factor_", 14) && strcmp(x->action, "second_factor_failed") && x->detail[0];
		govuk_table_cell(w, detailed ? arena_printf(rq->arena, "%s: %s", event_text(x->action), x->detail) : event_text(x->action));
		govuk_table_cell(w, x->ip);
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
}

enum err accounts_account(struct req *rq, struct resp *rs)
{
	const struct session *s = rq->session;
	struct own o = {.rq = rq, .with_codes = true, .with_activity = true};
	enum err e = db_transact(rq->db, DB_READ, own_read, &o);
	if (e)
		return e;
	const struct person p = o.p;
	struct html w = resp_html(rs);
	static const struct crumb crumbs[] = {{"Home", "/"}};
	page_begin(&w, &(struct page){.title = "Your account", .nav = "/account", .crumbs = crumbs, .ncrumbs = 1,
				      .banner = session_banner(rq)});
	govuk_summary_begin(&w);
	govuk_summary_row(&w, "Name", s->name);
	govuk_summary_row(&w, "Email address", s->email);
	govuk_summary_row_begin(&w, "Password");
	H_RAW(&w, "<span aria-hidden=\"true\">\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022</span><span class=\"govuk-visually-hidden\">Hidden</span>");
	govuk_summary_action(&w, "/account/password", "Change", "password");
	govuk_summary_row_end(&w);
	govuk_summary_row_begin(&w, "Sign-in codes");
	factor_list(rq, &w, &p);
	govuk_summary_action(&w, "/account/second-factor", "Change", "how you get sign-in codes");
	govuk_summary_row_end(&w);
	govuk_summary_row_begin(&w, "Recovery codes");
	html_text(&w, arena_printf(rq->arena, "%lld of %d unused", (long long)o.unused, RECOVERY_COUNT));
	govuk_summary_action(&w, "/account/recovery-codes", "Get new codes", "");
	govuk_summary_row_end(&w);
	govuk_summary_end(&w);
	account_roles(rq, &w, &o);
	size_t nnav;
	const struct nav_item *nav = layout_nav(&nnav); /* each capability's "Manage" entries */
	bool any = false;
	for (size_t i = 0; i < nnav; i++) {
		if (nav[i].place != NAV_MANAGE ||
		    perm_scope(s->grants, s->ngrants, (enum capability)nav[i].capability) == SCOPE_NONE)
			continue;
		if (!any)
			H_RAW(&w, "<h2 class=\"govuk-heading-m\">Manage</h2>\n<ul class=\"govuk-list\">");
		any = true;
		H_RAW(&w, "<li><a class=\"govuk-link\"");
		H_ATTR(&w, "href", nav[i].href);
		H_RAW(&w, ">");
		html_text(&w, nav[i].text);
		H_RAW(&w, "</a></li>");
	}
	if (any)
		H_RAW(&w, "</ul>\n");
	account_activity(rq, &w, &o);
	H_RAW(&w, "<h2 class=\"govuk-heading-m\">Your calendar</h2>\n<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/calendar\">"
		  "Your calendar feed</a>: the events you have confirmed, in Outlook, Google Calendar or Apple Calendar.</p>\n");
	H_RAW(&w, "<form method=\"post\" action=\"/sign-out\" novalidate>\n");
	govuk_csrf(&w, s->csrf);
	H_RAW(&w, "<div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">Sign out</button>"
		  "<button type=\"submit\" name=\"everywhere\" value=\"yes\" class=\"govuk-button govuk-button--warning\" data-module=\"govuk-button\">Sign out of every device</button></div>\n</form>\n");
	page_end(&w);
	return ERR_OK;
}
