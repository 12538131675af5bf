/*
 * person.h - what a person's page (roles.c) and its edit pages (details.c,
 * email.c, deactivate.c) share: who may do what with the person, and the
 * pieces every one of those pages uses (the id in the path, the way back,
 * the refusals).
 *
 * Who may open and change a person follows their roles: a hub's leadership
 * reads and edits the people with a role in their hub (the people list's
 * scope), a national administrator everyone. Changing the email address or
 * deactivating someone controls their account, so a hub's leadership may
 * do it only when every one of the person's roles is in a hub of theirs:
 * never for someone who is also a national administrator, a project's
 * lead, a headteacher or another hub's; and of the hub's own leadership
 * only its Maths Hub Lead may, for its AMHLs and hub manager. Roles are given and revoked by the
 * national team only.
 */
#ifndef MH_ADMIN_PERSON_H
#define MH_ADMIN_PERSON_H

#include <stdbool.h>
#include <stdint.h>

#include "admin/queries.h"
#include "core/err.h"
#include "form_page.h"

struct req;
struct resp;
struct session;

/* What the person signed in may do with the person a page is about. */
struct person_access {
	bool read;    /* open their page: CAP_PEOPLE_READ over one of their hubs */
	bool edit;    /* change their school and job title: CAP_PEOPLE_EDIT over one of their hubs */
	bool account; /* change their email address, deactivate and reactivate them: CAP_PEOPLE_EDIT
		       * over every one of their roles (and not themselves, for deactivation); for a
		       * hub's leadership (MHL, AMHL, hub manager) only the national team, or the
		       * hub's MHL for its AMHLs and hub manager */
	bool roles;   /* give and revoke their roles: CAP_ROLES_MANAGE */
	bool self;    /* it is their own page */
	bool leadership; /* account refused because they are in a hub's leadership (not the asker's to control) */
};

/* What s (the session of the person asking) may do with the person whose
 * roles are grants[0..n) and id is id. Pure. */
struct person_access person_access_of(const struct session *s, int64_t id, const struct grant_row *grants, size_t n);

/* The person's id in the path ({id}), or 0 when it is not a positive number. */
int64_t person_param(const struct req *rq);

/* "/admin/people/12", and that with a further segment ("/email"; NULL: none), in rq's arena. */
const char *person_href(const struct req *rq, int64_t id, const char *then);

/* The 404 page for a person who does not exist. */
enum err person_not_found(struct resp *rs);

/* The 403 page for a person outside the scope of the one asking, with
 * message saying why and what to do. */
enum err person_refused(struct resp *rs, const char *message);

struct html;

/* The person's details (email address, school, job title, whether their
 * account is active), each with its "Change" link for those who may. */
void person_details_section(struct html *w, struct req *rq, const struct person_subject *p, const struct person_access *may);

/* Deactivating them (a link to the confirm page), or reactivating them (a
 * button), for those who may; nothing on their own page. */
void person_account_section(struct html *w, struct req *rq, const struct person_subject *p, const struct person_access *may);

/* Every module's part of the page (module.h), from what each read. */
void person_parts_render(struct html *w, struct req *rq, int64_t id, void *const *data, size_t n);

/* ---- an edit page about the person in the path (form_page.h) ---- */

/* Why a person_edit page is refused (its prepare sets fp.outcome). */
enum person_refusal {
	PERSON_REFUSED_NOT_YOURS = FORM_PAGE_REFUSED, /* no role in a hub of the one asking */
	PERSON_REFUSED_NOT_ALL_YOURS,                 /* a role outside it too: their account is the national team's */
	PERSON_REFUSED_LEADERSHIP,                    /* in a hub's leadership: their account is the national team's */
	PERSON_REFUSED_SELF,                          /* one's own page (deactivation) */
};

struct person_edit {
	struct form_page fp;
	struct person_subject s;   /* read in each transaction */
	struct person_access may;  /* from s, for the one asking */
	const char *then;          /* the page's path after /admin/people/{id}: "/details" */
};

/* pe's form page: page (the title, button, form and the callbacks prepare,
 * prefill, intro and write: their fp->ctx is pe) about the person in the
 * path, at .../then; the person read, their caption, the way back and
 * the refusals are the same for every such page. */
struct form_page *person_edit_page(struct req *rq, struct person_edit *pe, const struct form_page *page, const char *then);

/* For a prepare: refuses (fp.outcome) unless the one asking may change the
 * person's school and job title (account false) or their account (account
 * true: email address, deactivation). Returns whether they may. */
bool person_edit_allowed(struct person_edit *pe, bool account);

/* The form fields of a person's school and job title (the add-person form
 * and their details page), and reading the school's: its URN (NULL: none
 * given) in rq's arena, or the field failed when no school has it (a URN
 * or the picker's choice) or the words typed do not name one school. */
#define PERSON_SCHOOL_FIELD                                                                                \
	{"school", FORM_SCHOOL, "School (optional)", .autocomplete = "off",                                \
	 .hint = FORM_SCHOOL_HINT ". Leave it empty if they do not work in a school."}
#define PERSON_JOB_FIELD                                                                                   \
	{"job-title", FORM_TEXT, "Job title (optional)", .max_chars = 200,                                \
	 .hint = "For example, Head of maths or Year 4 teacher"}
enum err person_school_read(struct db *db, const struct req *rq, struct form_data *d, size_t field, const char **urn);

/* The messages of person_refused. */
#define PERSON_LEADERSHIP                                                                                      \
	"They are part of a hub's leadership team, so only the national team (or, for an Assistant Maths Hub " \
	"Lead or hub manager, their Maths Hub Lead) can change their email address or deactivate them."
#define PERSON_NOT_YOURS "They have no role in your hub. Ask the national team if you need to see them."
#define PERSON_NOT_ALL_YOURS                                                                                     \
	"They also have a role outside your hub, so only the national team can change their email address or " \
	"deactivate them."

#endif
