/*
 * schools.c - /activities/{id}/schools: the schools taking part in an
 * activity (and those that withdrew: their rows stay), each with its hub
 * when it joined, the day it joined and how many of its people take part;
 * those who run it add a school with the school search (FORM_SCHOOL).
 * A partner hub's leadership adds only its own hub's schools; Targeted
 * Support is for one school. /activities/{id}/schools/{urn}/withdraw: a
 * school withdraws on a day, with a reason, and its participants with it.
 * Audited.
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
#include "core/clock.h"
#include "core/url.h"
#include "db/db.h"
#include "form_page.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "registry/registry.h"

enum { S_SCHOOL, S_JOINED, S_COUNT };
static const struct form_field school_fields[S_COUNT] = {
	[S_SCHOOL] = {"school", FORM_SCHOOL, "School", .required = true, .hint = FORM_SCHOOL_HINT,
		      .missing = "Enter the school's name, postcode or URN"},
	[S_JOINED] = {"joined", FORM_DATE, "Date it joined (optional)", .hint = "For example, 10 9 2026. Leave it empty for today"},
};
static const struct form school_form = FORM(school_fields);

struct schools {
	struct req *rq;
	int64_t id;
	long page;
	struct activity a;
	struct activity_access acc;
	struct activity_run_scope run;
	struct activity_school_row *rows;
	size_t n;
	int64_t total;
	const char *blocked; /* why no school can be added now (NULL: one can, if they run it) */
	struct form_data d;  /* the add form: empty, or as sent with its errors */
	bool missing;        /* no such activity, or not one they may know of */
};

/* The activity and what the reader may do with it; then, for those who
 * may see its schools, the page of them (their own hub's only, for a hub
 * that only has schools or people in it). */
static enum err schools_load(struct db *db, struct schools *v)
{
	struct req *rq = v->rq;
	v->blocked = NULL;
	enum err e = activities_read_page(db, rq, v->id, &v->a, &v->acc, &v->missing);
	if (e || v->missing || !v->acc.people)
		return e;
	v->run = activity_run_scope_of(rq->session, &v->a, &v->acc);
	if ((e = activity_schools_page(db, rq->arena, v->id, v->acc.people_hub, v->page, &v->rows, &v->n, &v->total)))
		return e;
	if (v->page > 1 && !v->n && v->total) { /* past the end: the last page */
		v->page = (long)((v->total + ACTIVITY_PEOPLE_PAGE - 1) / ACTIVITY_PEOPLE_PAGE);
		if ((e = activity_schools_page(db, rq->arena, v->id, v->acc.people_hub, v->page, &v->rows, &v->n, &v->total)))
			return e;
	}
	if (!strcmp(v->a.status, "cancelled"))
		v->blocked = "This activity has been cancelled, so no school can join it.";
	else if (!strcmp(v->a.kind, "Targeted Support") && v->total)
		v->blocked = "Targeted Support is for one school, and this activity has its school.";
	return ERR_OK;
}

static enum err schools_read(struct db *db, void *ctx)
{
	return schools_load(db, ctx);
}

static void page_href(struct html *w, long page, const void *ctx)
{
	const struct schools *v = ctx;
	html_text(w, activities_href(v->rq, v->id, "/schools"));
	if (page > 1)
		html_text(w, arena_printf(v->rq->arena, "?page=%ld", page));
}

static void add_form(struct html *w, struct schools *v)
{
	struct req *rq = v->rq;
	H_RAW(w, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	H_RAW(w, "<h2 class=\"govuk-heading-m\">Add a school</h2>\n");
	if (!v->run.any)
		H_RAW(w, "<p class=\"govuk-body\">As a partner hub's leadership, you can add your own hub's schools.</p>\n");
	H_RAW(w, "<form method=\"post\" novalidate");
	H_ATTR(w, "action", activities_href(rq, v->id, "/schools"));
	H_RAW(w, ">\n");
	govuk_csrf(w, rq->session->csrf);
	form_fields(w, &v->d);
	govuk_button(w, &(struct govuk_button){.text = "Add school", .prevent_double_click = true});
	H_RAW(w, "</form>\n</div></div>\n");
}

static void school_table(struct html *w, struct schools *v)
{
	struct req *rq = v->rq;
	struct arena *ar = rq->arena;
	bool may_withdraw = v->acc.run && strcmp(v->a.status, "cancelled");
	govuk_table_begin(w, v->acc.people_hub ? "Your hub's schools in it" : "Schools in it", false, NULL, 0);
	govuk_table_head_begin(w);
	govuk_table_head(w, "School", false);
	govuk_table_head(w, "Hub", false);
	govuk_table_head(w, "Joined", false);
	govuk_table_head(w, "Participants", true);
	govuk_table_head(w, "Status", false);
	if (may_withdraw)
		govuk_table_head(w, "Action", false);
	govuk_table_head_end(w);
	for (size_t i = 0; i < v->n; i++) {
		const struct activity_school_row *r = &v->rows[i];
		govuk_table_row_begin(w);
		H_RAW(w, "<th scope=\"row\" class=\"govuk-table__header\"><a class=\"govuk-link\"");
		H_ATTR(w, "href", url_path(ar, "/schools/", r->urn, ""));
		H_RAW(w, ">");
		html_text(w, r->name);
		H_RAW(w, "</a><br><span class=\"mh-secondary govuk-!-font-weight-regular\">URN ");
		html_text(w, r->urn);
		if (r->town) {
			H_RAW(w, ", ");
			html_text(w, r->town);
		}
		H_RAW(w, "</span></th>\n");
		govuk_table_cell(w, r->hub_name ? r->hub_name : "None");
		govuk_table_cell(w, activities_day(ar, r->joined_on));
		govuk_table_cell_number(w, r->n_participants);
		govuk_table_cell_begin(w);
		if (r->left_on) {
			govuk_tag(w, "Withdrawn", "grey");
			H_RAW(w, "<br>");
			html_text(w, arena_printf(ar, "On %s: %s", activities_day(ar, r->left_on), r->left_reason ? r->left_reason : ""));
		} else {
			govuk_tag(w, "Taking part", "green");
		}
		govuk_table_cell_end(w);
		if (may_withdraw) {
			govuk_table_cell_begin(w);
			if (!r->left_on && activity_run_covers(&v->run, r->hub_id)) {
				H_RAW(w, "<a class=\"govuk-link\"");
				H_ATTR(w, "href", activities_href(rq, v->id, url_path(ar, "/schools/", r->urn, "/withdraw")));
				H_RAW(w, ">Withdraw<span class=\"govuk-visually-hidden\"> ");
				html_text(w, r->name);
				H_RAW(w, "</span></a>");
			}
			govuk_table_cell_end(w);
		}
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
}

static void render(struct resp *rs, struct schools *v)
{
	struct req *rq = v->rq;
	struct html w = resp_html(rs);
	activities_tab_begin(&w, rq, &v->a, &v->acc,
			     &(struct activities_tab){.name = "Schools", .current = "/schools", .errors = v->d.errors,
						      .nerrors = v->d.nerrors});
	H_RAW(&w, "<h2 class=\"govuk-heading-l\">Schools</h2>\n");
	if (v->acc.run && v->blocked) {
		H_RAW(&w, "<div class=\"govuk-inset-text\">");
		html_text(&w, v->blocked);
		H_RAW(&w, "</div>\n");
	} else if (v->acc.run)
		add_form(&w, v);
	if (!v->total) {
		H_RAW(&w, "<p class=\"govuk-body\">");
		html_text(&w, v->acc.people_hub ? "None of your hub's schools takes part yet." : "No school takes part yet.");
		H_RAW(&w, "</p>\n");
	} else {
		H_RAW(&w, "<p class=\"govuk-body\">");
		html_text(&w, arena_printf(rq->arena, "%lld %s, %lld taking part now.", (long long)v->total,
					   v->total == 1 ? "school" : "schools",
					   (long long)activities_hub_count(&v->a, v->acc.people_hub, false)));
		H_RAW(&w, "</p>\n");
		school_table(&w, v);
		govuk_pagination(&w, v->page, (long)((v->total + ACTIVITY_PEOPLE_PAGE - 1) / ACTIVITY_PEOPLE_PAGE), page_href, v);
	}
	page_end(&w);
}

/* The page's own refusals: 404 for an activity they may not know of, 403
 * for one whose schools they may not see (their own place, if they have
 * one, is theirs to see). */
static enum err refuse(struct resp *rs, struct schools *v)
{
	return activities_page_refused(rs, v->rq, v->missing, &v->a, "You cannot see who takes part",
				       v->acc.own ? "You can see your own place in it, from the activity's page."
						  : "Only those who run it, its hubs' leadership and the national team see its schools.");
}

static long page_param(const struct req *rq)
{
	const char *p = req_query(rq, "page");
	char *end = NULL;
	long n = p ? strtol(p, &end, 10) : 1;
	return p && (*end || n < 1 || n > 100000) ? 1 : n;
}

enum err activities_schools(struct req *rq, struct resp *rs)
{
	struct schools v = {.rq = rq, .id = activities_param(rq), .page = page_param(rq)};
	if (!v.id)
		return activities_not_found(rs);
	enum err e = db_transact_named(rq->db, DB_READ, "activity_schools_read", schools_read, &v);
	if (e)
		return e;
	if (v.missing || !v.acc.people)
		return refuse(rs, &v);
	form_empty(&school_form, rq->arena, &v.d);
	render(rs, &v);
	return ERR_OK;
}

/* The URN the school field names (in the caller's transaction), or NULL
 * with the field failed: the picker's choice or a URN typed must be a
 * school in the register; words typed without the picker must name one. */
static enum err school_of(struct db *db, struct schools *v, const char **urn, const char **name)
{
	struct req *rq = v->rq;
	const struct form_value *f = &v->d.values[S_SCHOOL];
	*urn = NULL;
	if (!f->number) {
		int64_t n;
		enum err e = school_find_one(db, rq->arena, f->text, urn, &n);
		if (e)
			return e;
		if (!*urn) {
			form_fail(&v->d, S_SCHOOL,
				  n ? arena_printf(rq->arena, "%lld schools match \u201c%s\u201d: type more of the school's name, "
								"or its postcode or URN", (long long)n, f->text)
				    : arena_printf(rq->arena, "No school matches \u201c%s\u201d: check the spelling, or enter the "
								"school's postcode or URN", f->text));
			return ERR_OK;
		}
	} else {
		*urn = arena_printf(rq->arena, "%06lld", (long long)f->number);
	}
	bool closed = false;
	enum err e = school_named(db, rq->arena, *urn, name, &closed);
	if (e == ERR_NOT_FOUND) {
		form_fail(&v->d, S_SCHOOL, "There is no school with this URN. Check it in Get Information about Schools");
		*urn = NULL;
		return ERR_OK;
	}
	if (!e && closed) {
		form_fail(&v->d, S_SCHOOL, arena_printf(rq->arena, "%s has closed: add the school open in its place", *name));
		*urn = NULL;
	}
	return e;
}

/* The add form's write: everything decided again on what the database
 * holds now. Sets v->d afresh each time it runs. */
static enum err add_write(struct db *db, void *ctx)
{
	struct schools *v = ctx;
	struct req *rq = v->rq;
	struct arena *ar = rq->arena;
	v->page = 1;
	form_empty(&school_form, ar, &v->d);
	enum err e = schools_load(db, v);
	if (e || v->missing || !v->acc.run)
		return e;
	if (!form_read(&school_form, rq->form, rq->nform, ar, NULL, &v->d))
		return ERR_OK;
	if (v->blocked) {
		form_fail(&v->d, S_SCHOOL, v->blocked);
		return ERR_OK;
	}
	const char *urn, *name;
	if ((e = school_of(db, v, &urn, &name)) || !urn)
		return e;
	struct activity_school_row held;
	if ((e = activity_school_one(db, ar, v->id, urn, &held)) != ERR_NOT_FOUND) {
		if (!e)
			form_fail(&v->d, S_SCHOOL,
				  held.left_on ? arena_printf(ar, "%s withdrew from this activity on %s: it cannot join again",
							      name, activities_day(ar, held.left_on))
					       : arena_printf(ar, "%s already takes part in this activity", name));
		return e;
	}
	bool any;
	if (!strcmp(v->a.kind, "Targeted Support") && ((e = activity_has_school(db, v->id, &any)) || any)) {
		if (!e)
			form_fail(&v->d, S_SCHOOL, "Targeted Support is for one school, and this activity has its school");
		return e;
	}
	int64_t hub_id;
	if ((e = activity_school_hub_now(db, urn, &hub_id)))
		return e;
	if (!activity_run_covers(&v->run, hub_id)) {
		form_fail(&v->d, S_SCHOOL,
			  arena_printf(ar, "You can add only your own hub's schools: %s is not in your hub's area", name));
		return ERR_OK;
	}
	const char *joined = v->d.values[S_JOINED].text ? v->d.values[S_JOINED].text : activities_today(ar);
	e = activity_school_add(db, v->id, urn, hub_id, joined, rq->session->person_id, clock_now());
	if (e == ERR_CONFLICT) {
		form_fail(&v->d, S_SCHOOL, arena_printf(ar, "%s already takes part in this activity", name));
		return ERR_OK;
	}
	if (e || (e = audit(db, rq, rq->session->person_id, "activity_school_added",
			    arena_printf(ar, "activity:%lld", (long long)v->id), arena_printf(ar, "%s %s", urn, name))))
		return e;
	return session_flash(rq, arena_printf(ar, "%s has been added", name));
}

enum err activities_schools_post(struct req *rq, struct resp *rs)
{
	struct schools v = {.rq = rq, .id = activities_param(rq), .page = 1};
	if (!v.id)
		return activities_not_found(rs);
	enum err e = db_transact_named(rq->db, DB_WRITE, "activity_school_add_write", add_write, &v);
	if (e)
		return e;
	if (v.missing)
		return activities_not_found(rs);
	if (!v.acc.run)
		return v.acc.people ? activities_refused(rs, "You cannot add schools to this activity",
							 "Only those who run it add its schools.", &v.a, rq)
				    : refuse(rs, &v);
	if (v.d.nerrors) {
		rs->status = 400;
		render(rs, &v);
		return ERR_OK;
	}
	resp_redirect(rs, 303, activities_href(rq, v.id, "/schools"));
	return ERR_OK;
}

/* ---- a school withdraws ---- */

enum { W_DATE, W_REASON, W_COUNT };
static const struct form_field withdraw_fields[W_COUNT] = {
	[W_DATE] = {"date", FORM_DATE, "Date it withdrew", .required = true, .hint = "For example, 27 3 2027"},
	[W_REASON] = {"reason", FORM_TEXTAREA, "Why did it withdraw?", .required = true, .max_chars = 500,
		      .hint = "Those who run the activity and its hubs read this in its list of schools"},
};

struct withdraw {
	struct form_page fp;
	int64_t id;
	const char *urn;
	struct activity a;
	struct activity_school_row s;
};

enum { WITHDRAW_REFUSED = FORM_PAGE_REFUSED };

static enum err withdraw_load(struct db *db, struct form_page *fp)
{
	struct withdraw *wd = fp->ctx;
	enum err e = activity_read(db, fp->rq->arena, wd->id, fp->rq->session, &wd->a);
	return e ? e : activity_school_one(db, fp->rq->arena, wd->id, wd->urn, &wd->s);
}

static void withdraw_prepare(struct form_page *fp)
{
	struct withdraw *wd = fp->ctx;
	struct req *rq = fp->rq;
	struct activity_access acc = activity_access_of(rq->session, &wd->a);
	if (!acc.see && !acc.own) {
		fp->outcome = FORM_PAGE_MISSING;
		return;
	}
	if (!activity_people_cover(&acc, wd->s.hub_id)) { /* a school they may not know takes part */
		fp->outcome = FORM_PAGE_MISSING;
		return;
	}
	struct activity_run_scope run = activity_run_scope_of(rq->session, &wd->a, &acc);
	if (!activity_run_covers(&run, wd->s.hub_id)) {
		fp->outcome = WITHDRAW_REFUSED;
		return;
	}
	fp->title = arena_printf(rq->arena, "Withdraw %s", wd->s.name);
	fp->caption = wd->a.title;
	fp->back_href = activities_href(rq, wd->id, "/schools");
	fp->action = activities_href(rq, wd->id, url_path(rq->arena, "/schools/", wd->urn, "/withdraw"));
	if (wd->s.left_on) {
		fp->outcome = FORM_PAGE_DONE;
	} else if (!strcmp(wd->a.status, "cancelled")) {
		fp->outcome = FORM_PAGE_BLOCKED;
		fp->blocked = "This activity has been cancelled, so its schools cannot change.";
	}
}

static void withdraw_prefill(struct form_page *fp)
{
	form_set(&fp->d, W_DATE, activities_today(fp->d.arena));
}

static void withdraw_intro(struct html *w, struct form_page *fp)
{
	struct withdraw *wd = fp->ctx;
	struct arena *ar = fp->rq->arena;
	H_RAW(w, "<p class=\"govuk-body\">");
	html_text(w, wd->s.n_participants
			     ? arena_printf(ar, "Its %lld %s still taking part will be withdrawn on the same day.",
					    (long long)wd->s.n_participants, wd->s.n_participants == 1 ? "participant" : "participants")
			     : "None of its people take part now.");
	H_RAW(w, " ");
	html_text(w, arena_printf(ar, "It joined on %s. It stays in the list of schools, as withdrawn, with its registers.",
				  activities_day(ar, wd->s.joined_on)));
	H_RAW(w, "</p>\n");
}

static enum err withdraw_write(struct db *db, struct form_page *fp)
{
	struct withdraw *wd = fp->ctx;
	struct req *rq = fp->rq;
	struct arena *ar = rq->arena;
	const char *on = fp->d.values[W_DATE].text, *reason = fp->d.values[W_REASON].text;
	if (strcmp(on, wd->s.joined_on) < 0) {
		form_fail(&fp->d, W_DATE, arena_printf(ar, "Date it withdrew must be on or after the day it joined, %s",
						       activities_day(ar, wd->s.joined_on)));
		return ERR_OK;
	}
	int64_t people;
	enum err e = activity_school_withdraw(db, wd->id, wd->urn, on, reason, &people);
	if (e || (e = audit(db, rq, rq->session->person_id, "activity_school_withdrawn",
			    arena_printf(ar, "activity:%lld", (long long)wd->id),
			    arena_printf(ar, "%s on %s (%lld participants): %s", wd->urn, on, (long long)people, reason))))
		return e;
	return session_flash(rq, arena_printf(ar, "%s has been withdrawn", wd->s.name));
}

static enum err withdraw_refuse(struct resp *rs, struct form_page *fp)
{
	struct withdraw *wd = fp->ctx;
	if (fp->outcome == FORM_PAGE_MISSING)
		return resp_error_page(rs, 404, "School not found", "This school does not take part in this activity, "
				       "or the activity is not one you may see.", "/activities", "Activities");
	return activities_refused(rs, "You cannot withdraw this school",
				  "Only those who run the activity withdraw its schools; a partner hub's leadership, its own hub's.",
				  &wd->a, fp->rq);
}

static const struct form_page withdraw_page = {
	.name = "activity_school_withdraw", .button = "Withdraw the school", .button_variant = "warning",
	.form = FORM(withdraw_fields), .load = withdraw_load, .prepare = withdraw_prepare, .prefill = withdraw_prefill,
	.intro = withdraw_intro, .write = withdraw_write, .refuse = withdraw_refuse,
};

static struct form_page *withdraw_of(struct req *rq, struct withdraw *wd)
{
	*wd = (struct withdraw){.fp = withdraw_page, .id = activities_param(rq), .urn = req_param(rq, "urn")};
	wd->fp.rq = rq;
	wd->fp.ctx = wd;
	wd->fp.title = "Withdraw a school";
	return &wd->fp;
}

static bool urn_ok(const char *urn)
{
	size_t n = urn ? strlen(urn) : 0;
	if (n < 6 || n > 7)
		return false;
	for (size_t i = 0; i < n; i++)
		if (urn[i] < '0' || urn[i] > '9')
			return false;
	return true;
}

enum err activities_school_withdraw(struct req *rq, struct resp *rs)
{
	struct withdraw wd;
	struct form_page *fp = withdraw_of(rq, &wd);
	return wd.id && urn_ok(wd.urn) ? form_page_get(rs, fp) : activities_not_found(rs);
}

enum err activities_school_withdraw_post(struct req *rq, struct resp *rs)
{
	struct withdraw wd;
	struct form_page *fp = withdraw_of(rq, &wd);
	return wd.id && urn_ok(wd.urn) ? form_page_post(rs, fp) : activities_not_found(rs);
}
