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
/* The page: for those who may change the person's account (person.h). */
static void email_prepare(struct form_page *fp)
{
	person_edit_allowed(fp->ctx, true);
}

static void email_intro(struct html *w, struct form_page *fp)
{
	struct person_edit *pe = fp->ctx;
	H_RAW(w, "<p class=\"govuk-body\">Their email address is ");
	html_text(w, pe->s.person.email);
	H_RAW(w, ".</p>\n");
}

/* Whether the person asking may see the person holding email: then the
 * form may say the address is taken; else it stays unsaid whether anyone
 * holds it (another hub's people are not theirs to know). */
static enum err holder_visible(struct db *db, struct req *rq, int64_t holder, bool *visible)
{
	struct person_subject h = {.rq = rq, .id = holder};
	enum err e = person_subject_load(db, &h);
	*visible = !e && person_access_of(rq->session, h.id, h.grants, h.ngrants).read;
	return e;
}

/* The emails: to the old address (in case it was not them who asked) and
 * to the new one (what to sign in with now). */
static enum err tell(struct db *db, struct req *rq, const char *name, const char *old, const char *new)
{
	const char *by = rq->session->name;
	enum err e = mail_queue(db, old, "Your Maths Hubs email address has changed",
				arena_printf(rq->arena, "Hello %s,\n\n%s has changed the email address you use for Maths Hubs "
							"from %s to %s. Sign in with the new address from now on; your password stays the same.\n\n"
							"If you did not expect this, tell your hub's leadership team or the national team at once.\n",
					     name, by, old, new),
				NULL);
	if (e)
		return e;
	return mail_queue(db, new, "Your Maths Hubs email address has changed",
			  arena_printf(rq->arena, "Hello %s,\n\n%s has changed the email address you use for Maths Hubs to this one "
						  "(it was %s). Sign in at %s/sign-in with this address from now on; your password stays the same.\n",
				       name, by, old, rq->cfg->base_url),
			  NULL);
}

/* The form's write: the new address checked (not theirs already, not
 * anyone else's), then the change, its audit line and the two emails. */
static enum err email_write(struct db *db, struct form_page *fp)
{
	struct person_edit *pe = fp->ctx;
	struct req *rq = fp->rq;
	const char *email = email_normalise(rq->arena, fp->d.values[0].text), *old = pe->s.person.email;
	if (!strcmp(email, old)) {
		form_fail(&fp->d, 0, "This is already their email address");
		return ERR_OK;
	}
	struct person holder;
	enum err e = person_by_email(db, rq->arena, email, &holder);
	if (e == ERR_OK) {
		bool visible;
		if ((e = holder_visible(db, rq, holder.id, &visible)))
			return e;
		form_fail(&fp->d, 0, visible ? "Someone else has this email address"
					     : "You cannot use this email address. If it belongs to someone who works with another hub, ask the national team");
		return ERR_OK;
	}
	if (e != ERR_NOT_FOUND)
		return e;
	if ((e = person_email_set(db, pe->s.id, email, clock_now())) ||
	    (e = audit(db, rq, rq->session->person_id, "email_changed", arena_printf(rq->arena, "person:%lld", (long long)pe->s.id),
		       arena_printf(rq->arena, "%s to %s", old, email))) ||
	    (e = tell(db, rq, pe->s.person.name, old, email)))
		return e;
	return session_flash(rq, arena_printf(rq->arena, "%s's email address is now %s. We have emailed the old and the new address.",
					      pe->s.person.name, email));
}

static const struct form_page email_page = {
	.title = "Change their email address", .button = "Change email address", .form = FORM(email_fields),
	.prepare = email_prepare, .intro = email_intro, .write = email_write,
};

enum err admin_person_email(struct req *rq, struct resp *rs)
{
	struct person_edit pe;
	return form_page_get(rs, person_edit_page(rq, &pe, &email_page, "/email"));
}

enum err admin_person_email_post(struct req *rq, struct resp *rs)
{
	struct person_edit pe;
	return form_page_post(rs, person_edit_page(rq, &pe, &email_page, "/email"));
}
