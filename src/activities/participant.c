/*
 * participant.c - /participants/{id}: a person's place in an activity (the
 * activity, their school and hub, their role, when they joined and left)
 * and their register marks with their attendance and commitment; seen by
 * the person themself and by whoever may see the activity's people (a hub
 * that only has people in it: its own). /participants/{id}/edit (their
 * role, and their school among the activity's) and /withdraw (on a day):
 * for those who run the activity (a partner hub's leadership: its own
 * hub's people). Audited.
 */
#include <stdlib.h>
#include <string.h>

#include "activities/activities.h"
#include "activities/activity_queries.h"
#include "activities/pages.h"
#include "activities/people_queries.h"
#include "activities/people_rules.h"
#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/percent.h"
#include "core/workdays.h"
#include "db/db.h"
#include "form_page.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"

static int64_t participant_param(const struct req *rq)
{
	char *end;
	const char *s = req_param(rq, "id");
	long long id = s ? strtoll(s, &end, 10) : 0;
	return !s || *end || id <= 0 ? 0 : (int64_t)id;
}

static enum err participant_not_found(struct resp *rs)
{
	return resp_error_page(rs, 404, "Participant not found",
			       "There is no such participant, or they are not one you may see.", "/activities", "Activities");
}

/* Whether the person signed in may see participant p of activity a (acc:
 * theirs): their own place, or the activity's people (a hub's own only). */
static bool may_see(const struct req *rq, const struct activity_participant_row *p, const struct activity_access *acc)
{
	return p->person_id == rq->session->person_id || activity_people_cover(acc, p->hub_id);
}

/* ---- their place ---- */

struct place {
	struct req *rq;
	int64_t pid;
	struct activity_participant_row p;
	struct activity a;
	struct activity_access acc;
	struct activity_run_scope run;
	struct activity_mark_row *marks;
	size_t nmarks;
	bool missing;
};

static enum err place_read(struct db *db, void *ctx)
{
	struct place *v = ctx;
	struct req *rq = v->rq;
	enum err e = activity_participant_one(db, rq->arena, v->pid, &v->p);
	if (!e)
		e = activity_read(db, rq->arena, v->p.activity_id, rq->session, &v->a);
	if (e == ERR_NOT_FOUND) {
		v->missing = true;
		return ERR_OK;
	}
	if (e)
		return e;
	v->acc = activity_access_of(rq->session, &v->a);
	if (!may_see(rq, &v->p, &v->acc)) {
		v->missing = true;
		return ERR_OK;
	}
	v->run = activity_run_scope_of(rq->session, &v->a, &v->acc);
	return activity_participant_marks(db, rq->arena, v->pid, &v->marks, &v->nmarks);
}

static const char *rate(struct arena *ar, int64_t part, int64_t whole)
{
	return arena_printf(ar, "%s (%lld of %lld sessions)", percent_text(ar, part, whole, "0%"), (long long)part,
			    (long long)whole);
}

/* Their marks: the sessions package's registers write them. */
static void marks(struct html *w, const struct place *v)
{
	struct arena *ar = v->rq->arena;
	H_RAW(w, "<h2 class=\"govuk-heading-m\">Attendance</h2>\n");
	if (!v->nmarks) {
		H_RAW(w, "<p class=\"govuk-body\">");
		html_text(w, v->p.person_id == v->rq->session->person_id ? "No register has been taken for you yet."
									    : "No register has been taken for them yet.");
		H_RAW(w, "</p>\n");
		return;
	}
	int64_t came = 0, committed = 0;
	for (size_t i = 0; i < v->nmarks; i++) {
		bool here = !strcmp(v->marks[i].mark, "present") || !strcmp(v->marks[i].mark, "late");
		came += here;
		committed += here || !strcmp(v->marks[i].mark, "apologies");
	}
	govuk_summary_begin(w);
	govuk_summary_row(w, "Attendance", rate(ar, came, (int64_t)v->nmarks));
	govuk_summary_row(w, "Commitment (attended or gave apologies)", rate(ar, committed, (int64_t)v->nmarks));
	govuk_summary_end(w);
	govuk_table_begin(w, "Their marks", true, NULL, 0);
	govuk_table_head_begin(w);
	govuk_table_head(w, "Session", false);
	govuk_table_head(w, "Mark", false);
	govuk_table_head_end(w);
	for (size_t i = 0; i < v->nmarks; i++) {
		char day[11], hhmm[6], words[32];
		london_from_unix(v->marks[i].starts_at, day, hhmm);
		workdays_format_day(day, words);
		govuk_table_row_begin(w);
		govuk_table_cell(w, arena_printf(ar, "%s, %s", words, hhmm));
		govuk_table_cell(w, activities_term_name(activities_marks, ACTIVITIES_NMARKS, v->marks[i].mark));
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
}

static void render_place(struct resp *rs, const struct place *v)
{
	struct req *rq = v->rq;
	struct arena *ar = rq->arena;
	const struct activity_participant_row *p = &v->p;
	bool own = p->person_id == rq->session->person_id;
	bool change = v->acc.run && activity_run_covers(&v->run, p->hub_id) && !p->left_on && strcmp(v->a.status, "cancelled");
	struct html w = resp_html(rs);
	struct crumb crumbs[3] = {{"Activities", "/activities"}, {v->a.title, activities_href(rq, v->a.id, NULL)}};
	size_t ncrumbs = 2;
	if (v->acc.people)
		crumbs[ncrumbs++] = (struct crumb){"Participants", activities_href(rq, v->a.id, "/participants")};
	page_begin(&w, &(struct page){.title = own ? "Your place" : p->name, .caption = v->a.title, .nav = "/activities",
				      .crumbs = crumbs, .ncrumbs = ncrumbs, .banner = session_banner(rq)});
	if (p->left_on)
		H_RAW(&w, "<div class=\"govuk-inset-text\">");
	if (p->left_on) {
		html_text(&w, arena_printf(ar, "%s on %s.", own ? "You withdrew" : "They withdrew", activities_day(ar, p->left_on)));
		H_RAW(&w, "</div>\n");
	}
	govuk_summary_begin(&w);
	govuk_summary_row_begin(&w, "Activity");
	H_RAW(&w, "<a class=\"govuk-link\"");
	H_ATTR(&w, "href", activities_href(rq, v->a.id, NULL));
	H_RAW(&w, ">");
	html_text(&w, v->a.title);
	H_RAW(&w, "</a>");
	govuk_summary_row_end(&w);
	if (!own)
		govuk_summary_row(&w, "Email address", p->email);
	govuk_summary_row_begin(&w, "School");
	html_text(&w, p->school_name ? arena_printf(ar, "%s (URN %s)", p->school_name, p->school_urn) : "None");
	if (change)
		govuk_summary_action(&w, activities_participant_href(rq, p->id, "/edit"), "Change", "school");
	govuk_summary_row_end(&w);
	govuk_summary_row(&w, "Hub", p->hub_name ? p->hub_name : "None");
	govuk_summary_row_begin(&w, "Role in the activity");
	html_text(&w, activities_term_name(activities_roles, ACTIVITIES_NROLES, p->role));
	if (change)
		govuk_summary_action(&w, activities_participant_href(rq, p->id, "/edit"), "Change", "role");
	govuk_summary_row_end(&w);
	govuk_summary_row(&w, "Joined", activities_day(ar, p->joined_on));
	if (p->left_on)
		govuk_summary_row(&w, "Withdrew", activities_day(ar, p->left_on));
	if (!own)
		govuk_summary_row(&w, "Signed up", p->signed_up ? "Yes" : "Not yet: they have been emailed an invitation");
	govuk_summary_end(&w);
	marks(&w, v);
	if (change) {
		H_RAW(&w, "<div class=\"govuk-button-group\">\n");
		govuk_button(&w, &(struct govuk_button){.text = "Change their place",
						       .href = activities_participant_href(rq, p->id, "/edit"), .variant = "secondary"});
		govuk_button(&w, &(struct govuk_button){.text = "Withdraw them",
						       .href = activities_participant_href(rq, p->id, "/withdraw"), .variant = "warning"});
		H_RAW(&w, "</div>\n");
	}
	page_end(&w);
}

enum err activities_participant(struct req *rq, struct resp *rs)
{
	struct place v = {.rq = rq, .pid = participant_param(rq)};
	if (!v.pid)
		return participant_not_found(rs);
	enum err e = db_transact_named(rq->db, DB_READ, "activity_participant_read", place_read, &v);
	if (e)
		return e;
	if (v.missing)
		return participant_not_found(rs);
	render_place(rs, &v);
	return ERR_OK;
}

/* ---- what changing and withdrawing share ---- */

struct change {
	struct form_page fp;
	int64_t pid;
	struct activity_participant_row p;
	struct activity a;
	struct activity_run_scope run;
	struct activity_school_row *schools; /* taking part, theirs to choose */
	size_t nschools;
};

enum { CHANGE_REFUSED = FORM_PAGE_REFUSED };

static enum err change_load(struct db *db, struct form_page *fp)
{
	struct change *c = fp->ctx;
	struct req *rq = fp->rq;
	enum err e = activity_participant_one(db, rq->arena, c->pid, &c->p);
	if (e || (e = activity_read(db, rq->arena, c->p.activity_id, rq->session, &c->a)))
		return e;
	struct activity_access acc = activity_access_of(rq->session, &c->a);
	c->run = activity_run_scope_of(rq->session, &c->a, &acc);
	struct activity_school_row *all;
	size_t n;
	if ((e = activity_schools_taking_part(db, rq->arena, c->a.id, &all, &n)))
		return e;
	c->schools = arena_alloc(rq->arena, (n + 1) * sizeof(*c->schools));
	c->nschools = 0;
	for (size_t i = 0; i < n; i++)
		if (activity_run_covers(&c->run, all[i].hub_id) || (c->p.school_urn && !strcmp(all[i].urn, c->p.school_urn)))
			c->schools[c->nschools++] = all[i];
	return ERR_OK;
}

/* Who may: MISSING for one they may not see, CHANGE_REFUSED for one they
 * may not change; the words of the page. */
static bool change_allowed(struct form_page *fp, const char *title, const char *then)
{
	struct change *c = fp->ctx;
	struct req *rq = fp->rq;
	struct activity_access acc = activity_access_of(rq->session, &c->a);
	if ((!acc.see && !acc.own) || !may_see(rq, &c->p, &acc)) {
		fp->outcome = FORM_PAGE_MISSING;
		return false;
	}
	if (!activity_run_covers(&c->run, c->p.hub_id)) {
		fp->outcome = CHANGE_REFUSED;
		return false;
	}
	fp->title = title;
	fp->caption = arena_printf(rq->arena, "%s · %s", c->p.name, c->a.title);
	fp->back_href = activities_participant_href(rq, c->pid, NULL);
	fp->action = activities_participant_href(rq, c->pid, then);
	if (c->p.left_on) {
		fp->outcome = FORM_PAGE_BLOCKED;
		fp->blocked = arena_printf(rq->arena, "They withdrew on %s, so their place cannot change.",
					   activities_day(rq->arena, c->p.left_on));
	} else if (!strcmp(c->a.status, "cancelled")) {
		fp->outcome = FORM_PAGE_BLOCKED;
		fp->blocked = "This activity has been cancelled, so its participants cannot change.";
	}
	return fp->outcome == FORM_PAGE_OK;
}

static enum err change_refuse(struct resp *rs, struct form_page *fp)
{
	struct change *c = fp->ctx;
	if (fp->outcome == FORM_PAGE_MISSING)
		return participant_not_found(rs);
	return activities_refused(rs, "You cannot change this participant",
				  "Only those who run the activity change its participants; a partner hub's leadership, its own hub's.",
				  &c->a, fp->rq);
}

static struct form_page *change_of(struct req *rq, struct change *c, const struct form_page *page)
{
	*c = (struct change){.fp = *page, .pid = participant_param(rq)};
	c->fp.rq = rq;
	c->fp.ctx = c;
	return &c->fp;
}

/* ---- their role and school ---- */

enum { E_ROLE, E_SCHOOL, E_COUNT };
static const struct form_field edit_fields[E_COUNT] = {
	[E_ROLE] = {"role", FORM_CHOICE, "Their role in the activity", .required = true,
		    .missing = "Select their role in the activity"},
	[E_SCHOOL] = {"school", FORM_CHOICE, "School", .required = true, .select = true, .missing = "Select their school",
		      .hint = "One of the schools taking part"},
};

static void edit_prepare(struct form_page *fp)
{
	struct change *c = fp->ctx;
	struct arena *ar = fp->rq->arena;
	if (!change_allowed(fp, "Change their place", "/edit"))
		return;
	struct form_field *f = arena_alloc(ar, sizeof(edit_fields));
	memcpy(f, edit_fields, sizeof(edit_fields));
	struct govuk_option *roles = arena_alloc(ar, ACTIVITIES_NROLES * sizeof(*roles));
	for (size_t i = 0; i < ACTIVITIES_NROLES; i++)
		roles[i] = (struct govuk_option){activities_roles[i].key, activities_roles[i].name};
	f[E_ROLE].options = roles;
	f[E_ROLE].noptions = ACTIVITIES_NROLES;
	struct govuk_option *schools = arena_alloc(ar, (c->nschools + 1) * sizeof(*schools));
	for (size_t i = 0; i < c->nschools; i++)
		schools[i] = (struct govuk_option){c->schools[i].urn,
						   arena_printf(ar, "%s (URN %s)", c->schools[i].name, c->schools[i].urn)};
	f[E_SCHOOL].options = schools;
	f[E_SCHOOL].noptions = c->nschools;
	f[E_SCHOOL].off = !c->nschools; /* none taking part: their school stays as it is */
	fp->form = (struct form){f, E_COUNT};
}

static void edit_prefill(struct form_page *fp)
{
	struct change *c = fp->ctx;
	form_set(&fp->d, E_ROLE, c->p.role);
	form_set(&fp->d, E_SCHOOL, c->p.school_urn);
}

static enum err edit_write(struct db *db, struct form_page *fp)
{
	struct change *c = fp->ctx;
	struct req *rq = fp->rq;
	struct arena *ar = rq->arena;
	const char *role = fp->d.values[E_ROLE].text;
	const char *urn = c->nschools ? fp->d.values[E_SCHOOL].text : c->p.school_urn;
	const struct activity_school_row *s = NULL;
	for (size_t i = 0; urn && i < c->nschools; i++)
		if (!strcmp(c->schools[i].urn, urn))
			s = &c->schools[i];
	int64_t hub = s && s->hub_id ? s->hub_id : s ? c->a.lead_hub_id : c->p.hub_id;
	if (s && !activity_run_covers(&c->run, hub)) {
		form_fail(&fp->d, E_SCHOOL, "You can choose only your own hub's schools");
		return ERR_OK;
	}
	bool same = !strcmp(role, c->p.role) && (urn == c->p.school_urn || (urn && c->p.school_urn && !strcmp(urn, c->p.school_urn)));
	if (same)
		return session_flash_note(rq, "Nothing was changed");
	enum err e = activity_participant_set(db, c->pid, role, urn, hub);
	if (e || (e = audit(db, rq, rq->session->person_id, "activity_participant_changed",
			    arena_printf(ar, "activity:%lld", (long long)c->a.id),
			    arena_printf(ar, "participant %lld: %s for %s", (long long)c->pid, role, urn ? urn : "no school"))))
		return e;
	return session_flash(rq, "Their place has been changed");
}

static const struct form_page edit_page = {
	.name = "activity_participant_edit", .title = "Change their place", .button = "Save changes",
	.form = FORM(edit_fields), .load = change_load, .prepare = edit_prepare, .prefill = edit_prefill,
	.write = edit_write, .refuse = change_refuse,
};

enum err activities_participant_edit(struct req *rq, struct resp *rs)
{
	struct change c;
	struct form_page *fp = change_of(rq, &c, &edit_page);
	return c.pid ? form_page_get(rs, fp) : participant_not_found(rs);
}

enum err activities_participant_edit_post(struct req *rq, struct resp *rs)
{
	struct change c;
	struct form_page *fp = change_of(rq, &c, &edit_page);
	return c.pid ? form_page_post(rs, fp) : participant_not_found(rs);
}

/* ---- withdrawing them ---- */

enum { WD_DATE, WD_COUNT };
static const struct form_field withdraw_fields[WD_COUNT] = {
	[WD_DATE] = {"date", FORM_DATE, "Date they withdrew", .required = true, .hint = "For example, 27 3 2027"},
};

static void withdraw_prepare(struct form_page *fp)
{
	if (!change_allowed(fp, "Withdraw them", "/withdraw"))
		return;
	fp->title = arena_printf(fp->rq->arena, "Withdraw %s", ((struct change *)fp->ctx)->p.name);
}

static void withdraw_prefill(struct form_page *fp)
{
	form_set(&fp->d, WD_DATE, activities_today(fp->d.arena));
}

static void withdraw_intro(struct html *w, struct form_page *fp)
{
	struct change *c = fp->ctx;
	H_RAW(w, "<p class=\"govuk-body\">");
	html_text(w, arena_printf(fp->rq->arena, "They joined on %s. They stay in the list of participants, as withdrawn, "
						 "with their marks.", activities_day(fp->rq->arena, c->p.joined_on)));
	H_RAW(w, "</p>\n");
}

static enum err withdraw_write(struct db *db, struct form_page *fp)
{
	struct change *c = fp->ctx;
	struct req *rq = fp->rq;
	struct arena *ar = rq->arena;
	const char *on = fp->d.values[WD_DATE].text;
	if (strcmp(on, c->p.joined_on) < 0) {
		form_fail(&fp->d, WD_DATE, arena_printf(ar, "Date they withdrew must be on or after the day they joined, %s",
							activities_day(ar, c->p.joined_on)));
		return ERR_OK;
	}
	enum err e = activity_participant_withdraw(db, c->pid, on);
	if (e || (e = audit(db, rq, rq->session->person_id, "activity_participant_withdrawn",
			    arena_printf(ar, "activity:%lld", (long long)c->a.id),
			    arena_printf(ar, "participant %lld (person:%lld) on %s", (long long)c->pid, (long long)c->p.person_id, on))))
		return e;
	return session_flash(rq, arena_printf(ar, "%s has been withdrawn", c->p.name));
}

static const struct form_page withdraw_page = {
	.name = "activity_participant_withdraw", .title = "Withdraw them", .button = "Withdraw them",
	.button_variant = "warning", .form = FORM(withdraw_fields), .load = change_load, .prepare = withdraw_prepare,
	.prefill = withdraw_prefill, .intro = withdraw_intro, .write = withdraw_write, .refuse = change_refuse,
};

enum err activities_participant_withdraw(struct req *rq, struct resp *rs)
{
	struct change c;
	struct form_page *fp = change_of(rq, &c, &withdraw_page);
	return c.pid ? form_page_get(rs, fp) : participant_not_found(rs);
}

enum err activities_participant_withdraw_post(struct req *rq, struct resp *rs)
{
	struct change c;
	struct form_page *fp = change_of(rq, &c, &withdraw_page);
	return c.pid ? form_page_post(rs, fp) : participant_not_found(rs);
}
