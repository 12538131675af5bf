/*
 * email.c - /admin/people/{id}/email: a person's email address, changed by
 * the national team or their hub's leadership (when every role of theirs is
 * in that hub: person.h). Addresses are unique whatever their case (kept
 * in lower case). The change is audited, both the old and the new address
 * are told, and what was sent to the old address (a set-up or sign-up link,
 * a sign-in code) stops working.
 */
#include <string.h>

#include "accounts/queries.h"
#include "admin/admin.h"
#include "admin/person.h"
#include "admin/queries.h"
#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "db/db.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"
#include "mail/mail.h"

static const char *email_usable(const char *value, const void *ctx)
{
	(void)ctx;
	return email_plausible(value) ? NULL : "Enter an email address in the correct format, like name@school.org.uk";
}

static const struct form_field email_fields[] = {
	{"email", FORM_EMAIL, "New email address", .required = true, .max_chars = 254, .check = email_usable,
	 .autocomplete = "off", .missing = "Enter their new email address",
	 .hint = "They will sign in with it. We will email the old and the new address to say it has changed.",
	 .invalid = "Enter an email address in the correct format, like name@school.org.uk"},
};
static const struct form email_form = FORM(email_fields);

struct email_edit {
	struct req *rq;
	struct person_subject s;
	struct person_access may;
	struct form_data d;
	const char *old; /* the address before the change */
};

static void render(struct resp *rs, struct email_edit *v)
{
	struct req *rq = v->rq;
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = "Change their email address", .caption = v->s.person.name,
				      .back_href = person_href(rq, v->s.id, NULL), .errors = v->d.errors,
				      .nerrors = v->d.nerrors, .banner = session_banner(rq)});
	H_RAW(&w, "<p class=\"govuk-body\">Their email address is ");
	html_text(&w, v->s.person.email);
	H_RAW(&w, ".</p>\n<form method=\"post\" novalidate");
	H_ATTR(&w, "action", person_href(rq, v->s.id, "/email"));
	H_RAW(&w, ">\n");
	govuk_csrf(&w, rq->session->csrf);
	form_fields(&w, &v->d);
	H_RAW(&w, "<div class=\"govuk-button-group\">");
	govuk_button(&w, &(struct govuk_button){.text = "Change email address", .prevent_double_click = true});
	H_RAW(&w, "<a class=\"govuk-link\"");
	H_ATTR(&w, "href", person_href(rq, v->s.id, NULL));
	H_RAW(&w, ">Cancel</a></div>\n</form>\n");
	page_end(&w);
}

enum err admin_person_email(struct req *rq, struct resp *rs)
{
	struct email_edit v = {.rq = rq, .s = {.rq = rq, .id = person_param(rq)}};
	if (!v.s.id)
		return ERR_NOT_FOUND;
	enum err e = db_transact(rq->db, DB_READ, person_subject_read, &v.s);
	if (e)
		return e == ERR_NOT_FOUND ? person_not_found(rs) : e;
	v.may = person_access_of(rq->session, v.s.id, v.s.grants, v.s.ngrants);
	if (!v.may.account)
		return person_refused(rs, v.may.read ? PERSON_NOT_ALL_YOURS : PERSON_NOT_YOURS);
	form_empty(&email_form, rq->arena, &v.d);
	render(rs, &v);
	return ERR_OK;
}

/* Whether the person asking may see the person holding email: then the
 * form may say the address is taken; else it stays unsaid whether anyone
 * holds it (another hub's people are not theirs to know). */
static enum err holder_visible(struct db *db, struct email_edit *v, int64_t holder, bool *visible)
{
	struct person_subject h = {.rq = v->rq, .id = holder};
	enum err e = person_subject_load(db, &h);
	*visible = !e && person_access_of(v->rq->session, h.id, h.grants, h.ngrants).read;
	return e;
}

/* The emails: to the old address (in case it was not them who asked) and
 * to the new one (what to sign in with now). */
static enum err tell(struct db *db, struct email_edit *v, const char *new)
{
	struct req *rq = v->rq;
	const char *name = v->s.person.name, *by = rq->session->name;
	enum err e = mail_queue(db, v->old, "Your Maths Hubs email address has changed",
				arena_printf(rq->arena, "Hello %s,\n\n%s has changed the email address you use for Maths Hubs "
							"from %s to %s. Sign in with the new address from now on; your password stays the same.\n\n"
							"If you did not expect this, tell your hub's leadership team or the national team at once.\n",
					     name, by, v->old, new),
				NULL);
	if (e)
		return e;
	return mail_queue(db, new, "Your Maths Hubs email address has changed",
			  arena_printf(rq->arena, "Hello %s,\n\n%s has changed the email address you use for Maths Hubs to this one "
						  "(it was %s). Sign in at %s/sign-in with this address from now on; your password stays the same.\n",
				       name, by, v->old, rq->cfg->base_url),
			  NULL);
}

/* The form's write: the person and who may change them, the form, the new
 * address checked (not theirs already, not anyone else's), then the change,
 * its audit line and the two emails. */
static enum err email_write(struct db *db, void *ctx)
{
	struct email_edit *v = ctx;
	struct req *rq = v->rq;
	v->may = (struct person_access){0};
	enum err e = person_subject_load(db, &v->s);
	if (e)
		return e;
	v->may = person_access_of(rq->session, v->s.id, v->s.grants, v->s.ngrants);
	if (!v->may.account || !form_read(&email_form, rq->form, rq->nform, rq->arena, NULL, &v->d))
		return ERR_OK;
	const char *email = email_normalise(rq->arena, v->d.values[0].text);
	v->old = v->s.person.email;
	if (!strcmp(email, v->old)) {
		form_fail(&v->d, 0, "This is already their email address");
		return ERR_OK;
	}
	struct person holder;
	e = person_by_email(db, rq->arena, email, &holder);
	if (e == ERR_OK) {
		bool visible;
		if ((e = holder_visible(db, v, holder.id, &visible)))
			return e;
		form_fail(&v->d, 0, visible ? "Someone else has this email address"
					    : "You cannot use this email address. If it belongs to someone who works with another hub, ask the national team");
		return ERR_OK;
	}
	if (e != ERR_NOT_FOUND)
		return e;
	if ((e = person_email_set(db, v->s.id, email, clock_now())) ||
	    (e = audit(db, rq, rq->session->person_id, "email_changed", arena_printf(rq->arena, "person:%lld", (long long)v->s.id),
		       arena_printf(rq->arena, "%s to %s", v->old, email))) ||
	    (e = tell(db, v, email)))
		return e;
	return session_flash(rq, arena_printf(rq->arena, "%s's email address is now %s. We have emailed the old and the new address.",
					      v->s.person.name, email));
}

enum err admin_person_email_post(struct req *rq, struct resp *rs)
{
	struct email_edit v = {.rq = rq, .s = {.rq = rq, .id = person_param(rq)}};
	if (!v.s.id)
		return ERR_NOT_FOUND;
	enum err e = db_transact(rq->db, DB_WRITE, email_write, &v);
	if (e)
		return e == ERR_NOT_FOUND ? person_not_found(rs) : e;
	if (!v.may.account)
		return person_refused(rs, v.may.read ? PERSON_NOT_ALL_YOURS : PERSON_NOT_YOURS);
	if (v.d.nerrors) {
		rs->status = 400;
		render(rs, &v);
		return ERR_OK;
	}
	resp_redirect(rs, 303, person_href(rq, v.s.id, NULL));
	return ERR_OK;
}
