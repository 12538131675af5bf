/*
 * participants.c - /activities/{id}/participants: the people taking part
 * in an activity (and those who withdrew), each with their school, their
 * hub and their role in it; a hub that only has people in it (a cohort's)
 * sees its own. /activities/{id}/participants/new: those who run it add
 * someone already in the registry at one of its schools, or someone new,
 * who is added to the registry with their school, the participant role
 * and an invitation to sign up (person_add_participant, src/admin/add.h);
 * an email address already held is that person, never a second one.
 */
#include <stdlib.h>
#include <string.h>

#include "activities/activities.h"
#include "activities/activity_queries.h"
#include "activities/pages.h"
#include "activities/people_queries.h"
#include "activities/people_rules.h"
#include "admin/add.h"
#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/url.h"
#include "core/workdays.h"
#include "db/db.h"
#include "form_page.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"

/* "10 September 2026" for "2026-09-10". */
const char *activities_day(struct arena *a, const char *day)
{
	char out[32];
	if (!day || !workdays_format_day(day, out))
		return day ? day : "";
	const char *sp = strchr(out, ' '); /* without the weekday */
	return arena_strdup(a, sp ? sp + 1 : out);
}

const char *activities_today(struct arena *a)
{
	char day[11];
	london_from_unix(clock_now(), day, NULL);
	return arena_strdup(a, day);
}

const char *activities_participant_href(const struct req *rq, int64_t pid, const char *then)
{
	return url_path(rq->arena, "/participants/", arena_printf(rq->arena, "%lld", (long long)pid), then ? then : "");
}

/* ---- the list ---- */

struct list {
	struct req *rq;
	int64_t id;
	long page;
	struct activity a;
	struct activity_access acc;
	struct activity_participant_row *rows;
	size_t n;
	int64_t total;
	bool missing;
};

static enum err list_read(struct db *db, void *ctx)
{
	struct list *v = ctx;
	struct req *rq = v->rq;
	enum err e = activities_read_page(db, rq, v->id, &v->a, &v->acc, &v->missing);
	if (e || v->missing || !v->acc.people)
		return e;
	if ((e = activity_participants_page(db, rq->arena, v->id, v->acc.people_hub, v->page, &v->rows, &v->n, &v->total)))
		return e;
	if (v->page > 1 && !v->n && v->total) { /* past the end: the last page */
		v->page = (long)((v->total + ACTIVITY_PEOPLE_PAGE - 1) / ACTIVITY_PEOPLE_PAGE);
		e = activity_participants_page(db, rq->arena, v->id, v->acc.people_hub, v->page, &v->rows, &v->n, &v->total);
	}
	return e;
}

static void page_href(struct html *w, long page, const void *ctx)
{
	const struct list *v = ctx;
	html_text(w, activities_href(v->rq, v->id, "/participants"));
	if (page > 1)
		html_text(w, arena_printf(v->rq->arena, "?page=%ld", page));
}

static void table(struct html *w, const struct list *v)
{
	struct req *rq = v->rq;
	struct arena *ar = rq->arena;
	bool hubs = v->a.nhubs > 1 && !v->acc.people_hub;
	govuk_table_begin(w, v->acc.people_hub ? "Your hub's participants" : "Participants", true, NULL, 0);
	govuk_table_head_begin(w);
	govuk_table_head(w, "Name", false);
	govuk_table_head(w, "School", false);
	if (hubs)
		govuk_table_head(w, "Hub", false);
	govuk_table_head(w, "Role", false);
	govuk_table_head(w, "Joined", false);
	govuk_table_head(w, "Status", false);
	govuk_table_head_end(w);
	for (size_t i = 0; i < v->n; i++) {
		const struct activity_participant_row *r = &v->rows[i];
		govuk_table_row_begin(w);
		H_RAW(w, "<th scope=\"row\" class=\"govuk-table__header\"><a class=\"govuk-link\"");
		H_ATTR(w, "href", activities_participant_href(rq, r->id, NULL));
		H_RAW(w, ">");
		html_text(w, r->name);
		H_RAW(w, "</a><br><span class=\"mh-secondary govuk-!-font-weight-regular\">");
		html_text(w, r->email);
		H_RAW(w, "</span></th>\n");
		govuk_table_cell(w, r->school_name ? r->school_name : "None");
		if (hubs)
			govuk_table_cell(w, r->hub_name ? r->hub_name : "None");
		govuk_table_cell(w, activities_term_name(activities_roles, ACTIVITIES_NROLES, r->role));
		govuk_table_cell(w, activities_day(ar, r->joined_on));
		govuk_table_cell_begin(w);
		if (r->left_on) {
			govuk_tag(w, "Withdrawn", "grey");
			H_RAW(w, "<br>");
			html_text(w, arena_printf(ar, "On %s", activities_day(ar, r->left_on)));
		} else {
			govuk_tag(w, "Taking part", "green");
		}
		if (!r->signed_up)
			H_RAW(w, "<br><span class=\"mh-secondary\">Not signed up yet</span>");
		govuk_table_cell_end(w);
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
}

static void render_list(struct resp *rs, const struct list *v)
{
	struct req *rq = v->rq;
	struct html w = resp_html(rs);
	activities_tab_begin(&w, rq, &v->a, &v->acc, &(struct activities_tab){.name = "Participants", .current = "/participants"});
	H_RAW(&w, "<h2 class=\"govuk-heading-l\">Participants</h2>\n");
	if (v->acc.run && strcmp(v->a.status, "cancelled"))
		govuk_button(&w, &(struct govuk_button){.text = "Add a participant",
						       .href = activities_href(rq, v->id, "/participants/new")});
	if (v->acc.people_hub)
		H_RAW(&w, "<p class=\"govuk-body\">You see the participants of your own hub's schools.</p>\n");
	if (!v->total) {
		H_RAW(&w, "<p class=\"govuk-body\">No one takes part yet.</p>\n");
	} else {
		int64_t now = activities_hub_count(&v->a, v->acc.people_hub, true);
		H_RAW(&w, "<p class=\"govuk-body\">");
		html_text(&w, arena_printf(rq->arena, "%lld taking part now%s.", (long long)now,
					   v->total > now ? arena_printf(rq->arena, ", %lld withdrawn", (long long)(v->total - now))
							  : ""));
		H_RAW(&w, "</p>\n");
		table(&w, v);
		govuk_pagination(&w, v->page, (long)((v->total + ACTIVITY_PEOPLE_PAGE - 1) / ACTIVITY_PEOPLE_PAGE), page_href, v);
	}
	page_end(&w);
}

enum err activities_participants(struct req *rq, struct resp *rs)
{
	const char *p = req_query(rq, "page");
	char *end = NULL;
	long page = p ? strtol(p, &end, 10) : 1;
	struct list v = {.rq = rq, .id = activities_param(rq), .page = p && (*end || page < 1 || page > 100000) ? 1 : page};
	if (!v.id)
		return activities_not_found(rs);
	enum err e = db_transact_named(rq->db, DB_READ, "activity_participants_read", list_read, &v);
	if (e)
		return e;
	if (v.missing || !v.acc.people)
		return activities_page_refused(rs, rq, v.missing, &v.a, "You cannot see who takes part",
					       v.acc.own ? "You can see your own place in it, from the activity's page."
							 : "Only those who run it, its hubs' leadership and the national team see its participants.");
	render_list(rs, &v);
	return ERR_OK;
}

/* ---- adding one ---- */

enum { P_WHO, P_PERSON, P_NAME, P_EMAIL, P_SCHOOL, P_ROLE, P_JOINED, P_COUNT };

static const struct govuk_option who_options[] = {
	{"existing", "Someone already in the registry at one of its schools"},
	{"new", "Someone new: add them to the registry"},
};

static const struct form_field participant_fields[P_COUNT] = {
	[P_WHO] = {"who", FORM_CHOICE, "Who is taking part?", .required = true, .options = who_options, .noptions = 2,
		   .missing = "Select whether they are in the registry already"},
	[P_PERSON] = {"person", FORM_CHOICE, "Person", .required = true, .select = true, .revealed_by = "who",
		      .revealed_for = "existing", .missing = "Select the person", .hint = "People whose school takes part"},
	[P_NAME] = {"name", FORM_TEXT, "Full name", .required = true, .max_chars = 200, .revealed_by = "who",
		    .revealed_for = "new", .autocomplete = "off", .spellcheck_off = true},
	[P_EMAIL] = {"email", FORM_EMAIL, "Email address", .required = true, .revealed_by = "who", .revealed_for = "new",
		     .autocomplete = "off", .spellcheck_off = true,
		     .hint = "Their school email address. They are emailed an invitation to sign up with it"},
	[P_SCHOOL] = {"school", FORM_CHOICE, "School", .required = true, .select = true, .revealed_by = "who",
		      .revealed_for = "new", .missing = "Select their school"},
	[P_ROLE] = {"role", FORM_CHOICE, "Their role in the activity", .required = true, .options = NULL,
		    .missing = "Select their role in the activity"},
	[P_JOINED] = {"joined", FORM_DATE, "Date they joined (optional)", .hint = "For example, 10 9 2026. Leave it empty for today"},
};

struct add {
	struct form_page fp;
	int64_t id;
	struct activity a;
	struct activity_access acc;
	struct activity_run_scope run;
	struct activity_school_row *schools; /* taking part, of the hubs they may add for */
	size_t nschools;
	struct activity_candidate *candidates;
	size_t ncandidates;
};

enum { ADD_REFUSED = FORM_PAGE_REFUSED };

/* The roles, as options. */
static struct govuk_option *role_options(struct arena *a)
{
	struct govuk_option *o = arena_alloc(a, ACTIVITIES_NROLES * sizeof(*o));
	for (size_t i = 0; i < ACTIVITIES_NROLES; i++)
		o[i] = (struct govuk_option){activities_roles[i].key, activities_roles[i].name};
	return o;
}

static enum err add_load(struct db *db, struct form_page *fp)
{
	struct add *ad = fp->ctx;
	struct req *rq = fp->rq;
	enum err e = activity_read(db, rq->arena, ad->id, rq->session, &ad->a);
	if (e)
		return e;
	ad->acc = activity_access_of(rq->session, &ad->a);
	ad->run = activity_run_scope_of(rq->session, &ad->a, &ad->acc);
	if (!ad->acc.run)
		return ERR_OK;
	struct activity_school_row *all;
	size_t n;
	if ((e = activity_schools_taking_part(db, rq->arena, ad->id, &all, &n)))
		return e;
	ad->schools = arena_alloc(rq->arena, (n + 1) * sizeof(*ad->schools));
	ad->nschools = 0;
	for (size_t i = 0; i < n; i++)
		if (activity_run_covers(&ad->run, all[i].hub_id))
			ad->schools[ad->nschools++] = all[i];
	return activity_candidates(db, rq->arena, ad->id, ad->run.hubs, ad->run.any ? 0 : (ad->run.nhubs ? ad->run.nhubs : 1),
				   &ad->candidates, &ad->ncandidates);
}

static const char *id_text(struct arena *a, int64_t id)
{
	return arena_printf(a, "%lld", (long long)id);
}

static void add_prepare(struct form_page *fp)
{
	struct add *ad = fp->ctx;
	struct req *rq = fp->rq;
	struct arena *ar = rq->arena;
	if (!ad->acc.see && !ad->acc.own) {
		fp->outcome = FORM_PAGE_MISSING;
		return;
	}
	if (!ad->acc.run) {
		fp->outcome = ADD_REFUSED;
		return;
	}
	fp->title = "Add a participant";
	fp->caption = ad->a.title;
	fp->back_href = activities_href(rq, ad->id, "/participants");
	fp->action = activities_href(rq, ad->id, "/participants/new");
	fp->button = "Add participant";
	if (!strcmp(ad->a.status, "cancelled")) {
		fp->outcome = FORM_PAGE_BLOCKED;
		fp->blocked = "This activity has been cancelled, so no one can join it.";
		return;
	}
	if (!ad->nschools) {
		fp->outcome = FORM_PAGE_BLOCKED;
		fp->blocked = ad->run.any ? "Add the schools taking part first: a participant takes part for one of them."
					  : "None of your hub's schools takes part yet: add them first, from the activity's schools.";
		return;
	}
	struct form_field *f = arena_alloc(ar, sizeof(participant_fields));
	memcpy(f, participant_fields, sizeof(participant_fields));
	struct govuk_option *people = arena_alloc(ar, (ad->ncandidates + 1) * sizeof(*people));
	for (size_t i = 0; i < ad->ncandidates; i++) {
		const struct activity_candidate *c = &ad->candidates[i];
		people[i] = (struct govuk_option){id_text(ar, c->person_id),
						  arena_printf(ar, "%s (%s), %s", c->name, c->email, c->school_name)};
	}
	f[P_PERSON].options = people;
	f[P_PERSON].noptions = ad->ncandidates;
	struct govuk_option *schools = arena_alloc(ar, ad->nschools * sizeof(*schools));
	for (size_t i = 0; i < ad->nschools; i++)
		schools[i] = (struct govuk_option){ad->schools[i].urn,
						   arena_printf(ar, "%s (URN %s)", ad->schools[i].name, ad->schools[i].urn)};
	f[P_SCHOOL].options = schools;
	f[P_SCHOOL].noptions = ad->nschools;
	f[P_ROLE].options = role_options(ar);
	f[P_ROLE].noptions = ACTIVITIES_NROLES;
	if (!ad->ncandidates) { /* no one to choose: only someone new */
		f[P_WHO].off = f[P_PERSON].off = true;
		f[P_NAME].revealed_by = f[P_EMAIL].revealed_by = f[P_SCHOOL].revealed_by = NULL;
	}
	fp->form = (struct form){f, P_COUNT};
}

static void add_prefill(struct form_page *fp)
{
	struct add *ad = fp->ctx;
	if (ad->nschools == 1)
		form_set(&fp->d, P_SCHOOL, ad->schools[0].urn);
}

static void add_intro(struct html *w, struct form_page *fp)
{
	struct add *ad = fp->ctx;
	H_RAW(w, "<p class=\"govuk-body\">");
	if (ad->ncandidates)
		H_RAW(w, "Choose someone already in the registry at one of its schools, or add someone new. ");
	H_RAW(w, "Someone new is added to the registry with their school, so they can sign up later; an email address "
		 "already in the registry is that person.</p>\n");
	if (!ad->run.any)
		H_RAW(w, "<p class=\"govuk-body\">As a partner hub's leadership, you can add your own hub's schools' people.</p>\n");
}

/* The school of the activity's list (taking part, theirs to add for) with urn, or NULL. */
static const struct activity_school_row *school_by_urn(const struct add *ad, const char *urn)
{
	for (size_t i = 0; urn && i < ad->nschools; i++)
		if (!strcmp(ad->schools[i].urn, urn))
			return &ad->schools[i];
	return NULL;
}

static const struct activity_candidate *candidate_by_id(const struct add *ad, const char *id)
{
	for (size_t i = 0; id && i < ad->ncandidates; i++)
		if (!strcmp(id_text(ad->fp.rq->arena, ad->candidates[i].person_id), id))
			return &ad->candidates[i];
	return NULL;
}

/* The hub a participant at school s counts in: the school's (when it
 * joined), else the lead hub. */
static int64_t hub_of(const struct activity *a, const struct activity_school_row *s, const char **code)
{
	if (s && s->hub_id) {
		*code = s->hub_code;
		return s->hub_id;
	}
	*code = a->lead_hub_code;
	return a->lead_hub_id;
}

static enum err add_write(struct db *db, struct form_page *fp)
{
	struct add *ad = fp->ctx;
	struct req *rq = fp->rq;
	struct arena *ar = rq->arena;
	struct form_data *d = &fp->d;
	bool existing = ad->ncandidates && form_chosen(d, P_WHO, "existing");
	const char *role = d->values[P_ROLE].text;
	const char *joined = d->values[P_JOINED].text ? d->values[P_JOINED].text : activities_today(ar);
	const struct activity_school_row *school;
	const char *name, *hub_code;
	int64_t person_id;
	bool created = false;
	enum err e;
	if (existing) {
		const struct activity_candidate *c = candidate_by_id(ad, d->values[P_PERSON].text);
		if (!c || !(school = school_by_urn(ad, c->school_urn))) {
			form_fail(d, P_PERSON, "Select the person from the list");
			return ERR_OK;
		}
		person_id = c->person_id;
		name = c->name;
	} else {
		if (!(school = school_by_urn(ad, d->values[P_SCHOOL].text))) {
			form_fail(d, P_SCHOOL, "Select their school from the list");
			return ERR_OK;
		}
		int64_t hub = hub_of(&ad->a, school, &hub_code);
		struct participant_new p = {.name = d->values[P_NAME].text, .email = d->values[P_EMAIL].text,
					    .school_urn = school->urn, .hub_id = hub, .hub_code = hub_code,
					    .reason = arena_printf(ar, "added to activity %lld", (long long)ad->id)};
		if ((e = person_add_participant(db, rq, &p, &person_id, &created)))
			return e;
		bool taking_part = false;
		if (!created && (e = activity_participant_exists(db, ad->id, person_id, &taking_part)))
			return e;
		if (taking_part) {
			form_fail(d, P_EMAIL, "Someone with this email address already takes part in this activity");
			return ERR_OK;
		}
		name = p.name;
	}
	int64_t hub = hub_of(&ad->a, school, &hub_code), pid;
	if ((e = activity_participant_add(db, ad->id, person_id, school->urn, hub, role, joined, rq->session->person_id,
					  clock_now(), &pid)) ||
	    (e = audit(db, rq, rq->session->person_id, "activity_participant_added",
		       arena_printf(ar, "activity:%lld", (long long)ad->id),
		       arena_printf(ar, "participant %lld: person:%lld as %s for %s%s", (long long)pid, (long long)person_id,
				    role, school->urn, created ? " (new to the registry)" : ""))))
		return e;
	fp->done_href = activities_participant_href(rq, pid, NULL);
	return session_flash(rq, created ? arena_printf(ar, "%s has been added and emailed an invitation to sign up", name)
					 : arena_printf(ar, "%s has been added", name));
}

static enum err add_refuse(struct resp *rs, struct form_page *fp)
{
	struct add *ad = fp->ctx;
	return activities_page_refused(rs, fp->rq, fp->outcome == FORM_PAGE_MISSING, &ad->a,
				       "You cannot add participants to this activity", "Only those who run it add its participants.");
}

static const struct form_page add_page = {
	.name = "activity_participant_new", .title = "Add a participant", .button = "Add participant",
	.form = FORM(participant_fields), .load = add_load, .prepare = add_prepare, .prefill = add_prefill,
	.intro = add_intro, .write = add_write, .refuse = add_refuse,
};

static struct form_page *add_of(struct req *rq, struct add *ad)
{
	*ad = (struct add){.fp = add_page, .id = activities_param(rq)};
	ad->fp.rq = rq;
	ad->fp.ctx = ad;
	return &ad->fp;
}

enum err activities_participant_new(struct req *rq, struct resp *rs)
{
	struct add ad;
	struct form_page *fp = add_of(rq, &ad);
	return ad.id ? form_page_get(rs, fp) : activities_not_found(rs);
}

enum err activities_participant_new_post(struct req *rq, struct resp *rs)
{
	struct add ad;
	struct form_page *fp = add_of(rq, &ad);
	return ad.id ? form_page_post(rs, fp) : activities_not_found(rs);
}
