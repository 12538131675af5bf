/*
 * edit.c - /activities/new and /activities/{id}/edit: an activity's NCP
 * (or none: a local activity), its kind, title, cohort, academic years,
 * phases, format, planned sessions, capacity, status, LLME leads and the
 * MHLM link who supports them. One declared form (a form_page) for both;
 * its choices (the NCPs of the year's catalogue, the lead hub's LLMEs and
 * leadership) come from the database. A new activity is made for one hub
 * (?hub=CODE); someone who organises for several hubs picks it first.
 * The NCP, the lead hub and the cohort are settled when it is made.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activities/activities.h"
#include "activities/activity_queries.h"
#include "activities/pages.h"
#include "auth/audit.h"
#include "auth/perm.h"
#include "auth/session.h"
#include "core/acyear.h"
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

enum {
	F_NCP, F_KIND, F_TITLE, F_COHORT, F_COHORT_LABEL, F_YEAR, F_YEARS, F_PHASES, F_FORMAT, F_SESSIONS, F_CAPACITY,
	F_CAPACITY_OF, F_STATUS, F_LEADS, F_LINK, F_COUNT
};

static const struct govuk_option kind_options[] = {
	{"Work Group", "Work Group"}, {"Programme", "Programme"}, {"Community", "Community"},
};
static const struct govuk_option cohort_options[] = {
	{"none", "No: the hub's own"}, {"regional", "Yes: a regional cohort, with participants from several hubs"},
};
static const struct govuk_option phase_options[] = {{"Primary", "Primary"}, {"Secondary", "Secondary"}, {"Post-16", "Post-16"}};
static const struct govuk_option format_options[] = {
	{"face_to_face", "Face to face"}, {"online", "Online"}, {"blended", "Blended: some sessions of each"},
};
static const struct govuk_option capacity_of_options[] = {{"schools", "Schools"}, {"participants", "Participants"}};
static const struct govuk_option status_options[] = {
	{"planned", "Planned"}, {"recruiting", "Recruiting"}, {"running", "Running"}, {"completed", "Completed"},
};

static const struct form_field activity_fields[F_COUNT] = {
	[F_NCP] = {"ncp", FORM_CHOICE, "NCP", .required = true, .select = true, .missing = "Select the NCP it runs, or none"},
	[F_KIND] = {"kind", FORM_CHOICE, "Kind of activity (for a local activity)", .select = true,
		    .options = kind_options, .noptions = 3, .hint = "An NCP's activity is of the NCP's kind"},
	[F_TITLE] = {"title", FORM_TEXT, "Title (optional for an NCP)", .max_chars = 200,
		     .hint = "Leave empty to use the NCP's title. A local activity needs one"},
	[F_COHORT] = {"cohort", FORM_CHOICE, "Is it a regional cohort?", .options = cohort_options, .noptions = 2,
		      .small = true, .hint = "Programmes and Communities only, such as a Mastery Specialist cohort"},
	[F_COHORT_LABEL] = {"cohort_label", FORM_TEXT, "Cohort", .max_chars = 60, .hint = "For example, Cohort 10",
			    .revealed_by = "cohort", .revealed_for = "regional", .input_class = "govuk-input--width-20"},
	[F_YEAR] = {"year", FORM_CHOICE, "Academic year it starts", .required = true, .select = true},
	[F_YEARS] = {"years", FORM_NUMBER, "How many academic years does it run?", .required = true, .min = 1,
		     .max = ACTIVITIES_MAX_YEARS, .input_class = "govuk-input--width-2", .inputmode = "numeric",
		     .hint = "Communities and programmes often run for more than one year"},
	[F_PHASES] = {"phases", FORM_CHOICES, "Phases", .options = phase_options, .noptions = 3, .small = true,
		      .hint = "Leave them all unticked to use the NCP's phases"},
	[F_FORMAT] = {"format", FORM_CHOICE, "Format", .required = true, .options = format_options, .noptions = 3},
	[F_SESSIONS] = {"sessions", FORM_NUMBER, "Planned number of sessions (optional)", .min = 1, .max = 60,
			.input_class = "govuk-input--width-3", .inputmode = "numeric"},
	[F_CAPACITY] = {"capacity", FORM_NUMBER, "Capacity (optional)", .min = 1, .max = 10000,
			.input_class = "govuk-input--width-4", .inputmode = "numeric", .hint = "Leave empty for no limit"},
	[F_CAPACITY_OF] = {"capacity_of", FORM_CHOICE, "Capacity counts", .options = capacity_of_options, .noptions = 2,
			   .small = true},
	[F_STATUS] = {"status", FORM_CHOICE, "Status", .required = true, .options = status_options, .noptions = 4},
	[F_LEADS] = {"leads", FORM_CHOICES, "LLME leads", .small = true,
		     .hint = "The hub's LLMEs. Everyone leading hub activity completes the PD Lead Programme"},
	[F_LINK] = {"link", FORM_CHOICE, "MHLM link", .select = true,
		    .hint = "The member of the hub's leadership who supports its leads and reviews their HAPPI form"},
};

struct edit {
	struct form_page fp;
	int64_t id;                 /* 0: a new activity */
	const char *hub_code;       /* a new one's lead hub (?hub=) */
	struct activity a;          /* what is held (editing) */
	struct activity_option hub; /* the lead hub */
	struct activity_option *ncps, *llmes, *leaders;
	size_t nncps, nllmes, nleaders;
	int year, loaded;           /* this academic year; the catalogue year the NCPs are from */
};

enum { EDIT_REFUSED = FORM_PAGE_REFUSED };

static int this_year(void)
{
	char today[11];
	int year = 0;
	london_from_unix(clock_now(), today, NULL);
	acyear_of_date(today, &year);
	return year;
}

static enum err edit_load(struct db *db, struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	struct req *rq = fp->rq;
	enum err e;
	if (ed->id) {
		if ((e = activity_read(db, rq->arena, ed->id, rq->session, &ed->a)))
			return e;
		if (!ed->a.lead_hub_id)
			return ERR_OK; /* a national cohort: leads come from its own page */
		ed->hub = (struct activity_option){.id = ed->a.lead_hub_id, .code = ed->a.lead_hub_code,
						   .name = ed->a.lead_hub_name};
	} else if (!ed->hub_code || (e = activity_hub_by_code(db, rq->arena, ed->hub_code, &ed->hub))) {
		return ERR_NOT_FOUND;
	}
	if (!ed->id && (e = activity_ncps(db, rq->arena, ed->year + 1, &ed->loaded, &ed->ncps, &ed->nncps)))
		return e;
	if ((e = activity_hub_llmes(db, rq->arena, ed->hub.id, &ed->llmes, &ed->nllmes)) ||
	    (e = activity_hub_leaders(db, rq->arena, ed->hub.id, &ed->leaders, &ed->nleaders)))
		return e;
	/* a lead who is no longer one of the hub's LLMEs stays a choice, so saving keeps them */
	for (size_t i = 0; i < ed->a.nleads; i++) {
		bool known = false;
		for (size_t k = 0; k < ed->nllmes; k++)
			known |= ed->llmes[k].id == ed->a.leads[i].person_id;
		if (!known) {
			ed->llmes = arena_grow(rq->arena, ed->llmes, ed->nllmes, ed->nllmes + 1, sizeof(*ed->llmes));
			ed->llmes[ed->nllmes++] = (struct activity_option){.id = ed->a.leads[i].person_id,
									    .name = ed->a.leads[i].name};
		}
	}
	return ERR_OK;
}

static const char *id_text(struct arena *a, int64_t id)
{
	return arena_printf(a, "%lld", (long long)id);
}

static void edit_prepare(struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	struct req *rq = fp->rq;
	struct arena *ar = rq->arena;
	if (ed->id) {
		struct activity_access acc = activity_access_of(rq->session, &ed->a);
		if (!acc.manage) {
			fp->outcome = acc.see ? EDIT_REFUSED : FORM_PAGE_MISSING;
			return;
		}
		if (!ed->a.lead_hub_id) {
			fp->outcome = FORM_PAGE_BLOCKED;
			fp->blocked = "A national cohort's details are kept by the national team's own tools.";
		} else if (!strcmp(ed->a.status, "cancelled")) {
			fp->outcome = FORM_PAGE_BLOCKED;
			fp->blocked = "This activity has been cancelled, so it cannot be changed.";
		}
	} else {
		int64_t hubs[1] = {ed->hub.id};
		const struct session *s = rq->session;
		if (!perm_allows(s->grants, s->ngrants, s->person_id, CAP_ACTIVITIES_MANAGE,
				 &(struct perm_target){.hub_ids = hubs, .nhubs = 1})) {
			fp->outcome = EDIT_REFUSED;
			return;
		}
	}
	struct form_field *f = arena_alloc(ar, sizeof(activity_fields));
	memcpy(f, activity_fields, sizeof(activity_fields));

	struct govuk_option *ncps = arena_alloc(ar, (ed->nncps + 1) * sizeof(*ncps));
	size_t nn = 0;
	for (size_t i = 0; i < ed->nncps; i++)
		ncps[nn++] = (struct govuk_option){id_text(ar, ed->ncps[i].id),
						   arena_printf(ar, "%s: %s", ed->ncps[i].code, ed->ncps[i].name)};
	ncps[nn++] = (struct govuk_option){"local", "None: a local activity outside the catalogue"};
	f[F_NCP].options = ncps;
	f[F_NCP].noptions = nn;
	if (ed->loaded && ed->loaded < ed->year)
		f[F_NCP].hint = arena_printf(ar, "From the %s catalogue: a later year's is not loaded yet",
					     activities_years(rq, ed->loaded, ed->loaded));

	struct govuk_option *years = arena_alloc(ar, 3 * sizeof(*years));
	size_t ny = 0;
	int first = ed->id && ed->a.first_year < ed->year ? ed->a.first_year : ed->year;
	for (int y = first; y <= ed->year + 1 && ny < 3; y++)
		years[ny++] = (struct govuk_option){id_text(ar, y), activities_years(rq, y, y)};
	f[F_YEAR].options = years;
	f[F_YEAR].noptions = ny;

	struct govuk_option *leads = arena_alloc(ar, (ed->nllmes + 1) * sizeof(*leads));
	for (size_t i = 0; i < ed->nllmes; i++)
		leads[i] = (struct govuk_option){id_text(ar, ed->llmes[i].id),
						 ed->llmes[i].note ? arena_printf(ar, "%s (%s)", ed->llmes[i].name, ed->llmes[i].note)
								   : ed->llmes[i].name};
	f[F_LEADS].options = leads;
	f[F_LEADS].noptions = ed->nllmes;
	if (!ed->nllmes)
		f[F_LEADS].off = true;

	struct govuk_option *links = arena_alloc(ar, (ed->nleaders + 1) * sizeof(*links));
	for (size_t i = 0; i < ed->nleaders; i++)
		links[i] = (struct govuk_option){id_text(ar, ed->leaders[i].id), ed->leaders[i].name};
	f[F_LINK].options = links;
	f[F_LINK].noptions = ed->nleaders;

	if (ed->id) { /* settled when it was made */
		f[F_NCP].off = f[F_KIND].off = f[F_COHORT].off = true;
		f[F_COHORT_LABEL].revealed_by = NULL;
		f[F_COHORT_LABEL].off = !strcmp(ed->a.cohort, "none");
		fp->title = "Change the activity";
		fp->caption = ed->a.title;
		fp->back_href = activities_href(rq, ed->id, NULL);
		fp->action = activities_href(rq, ed->id, "/edit");
		fp->button = "Save changes";
	} else {
		f[F_STATUS].noptions = 2; /* planned or recruiting */
		fp->title = "Create an activity";
		fp->caption = ed->hub.name;
		fp->back_href = url_path(ar, "/hubs/", ed->hub.code, "/activities");
		fp->action = arena_printf(ar, "/activities/new?hub=%s", ed->hub.code);
		fp->button = "Create activity";
	}
	fp->form = (struct form){f, F_COUNT};
}

static void edit_prefill(struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	struct form_data *d = &fp->d;
	struct arena *ar = d->arena;
	if (!ed->id) {
		form_set(d, F_COHORT, "none");
		form_set(d, F_YEAR, id_text(ar, ed->year));
		form_set(d, F_YEARS, "1");
		form_set(d, F_FORMAT, "face_to_face");
		form_set(d, F_CAPACITY_OF, "schools");
		form_set(d, F_STATUS, "planned");
		return;
	}
	const struct activity *a = &ed->a;
	form_set(d, F_TITLE, a->title);
	form_set(d, F_COHORT_LABEL, a->cohort_label);
	form_set(d, F_YEAR, id_text(ar, a->first_year));
	form_set(d, F_YEARS, id_text(ar, a->last_year - a->first_year + 1));
	for (size_t i = 0; i < a->nphases; i++)
		form_set(d, F_PHASES, a->phases[i]);
	form_set(d, F_FORMAT, a->format);
	if (a->planned_sessions)
		form_set(d, F_SESSIONS, id_text(ar, a->planned_sessions));
	if (a->capacity)
		form_set(d, F_CAPACITY, id_text(ar, a->capacity));
	form_set(d, F_CAPACITY_OF, a->capacity_of);
	form_set(d, F_STATUS, a->status);
	for (size_t i = 0; i < a->nleads; i++)
		form_set(d, F_LEADS, id_text(ar, a->leads[i].person_id));
	if (a->mhlm_link_id)
		form_set(d, F_LINK, id_text(ar, a->mhlm_link_id));
}

static void edit_intro(struct html *w, struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	if (!ed->id && !ed->nllmes)
		H_RAW(w, "<div class=\"govuk-inset-text\">The hub has no LLMEs yet, so no leads can be chosen. Give "
			 "people the LLME role first; you can choose leads later.</div>\n");
}

/* The NCP chosen, or NULL for a local activity. */
static const struct activity_option *ncp_of(const struct edit *ed, const char *value)
{
	for (size_t i = 0; value && i < ed->nncps; i++)
		if (!strcmp(value, id_text(ed->fp.rq->arena, ed->ncps[i].id)))
			return &ed->ncps[i];
	return NULL;
}

/* What the form says, checked against the NCP; false when a field failed. */
static bool fields_of(struct edit *ed, struct activity_fields *out)
{
	struct form_data *d = &ed->fp.d;
	struct arena *ar = d->arena;
	const struct form_value *v = d->values;
	*out = (struct activity_fields){0};
	if (ed->id) {
		out->kind = ed->a.kind;
		out->cohort = ed->a.cohort;
	} else {
		const struct activity_option *ncp = ncp_of(ed, v[F_NCP].text);
		out->project_id = ncp ? ncp->id : 0;
		out->lead_hub_id = ed->hub.id;
		if (ncp) {
			out->kind = ncp->kind;
		} else if (!v[F_KIND].text || !v[F_KIND].text[0]) {
			form_fail(d, F_KIND, "Select the kind of local activity");
		} else {
			out->kind = v[F_KIND].text;
		}
		out->cohort = v[F_COHORT].text ? v[F_COHORT].text : "none";
		if (out->kind && strcmp(out->cohort, "none") && strcmp(out->kind, "Programme") && strcmp(out->kind, "Community"))
			form_fail(d, F_COHORT, "Only a Programme or a Community can be a regional cohort");
		if (!ncp && (!v[F_TITLE].text || !v[F_TITLE].text[0]))
			form_fail(d, F_TITLE, "Enter the title of the local activity");
		out->title = v[F_TITLE].text && v[F_TITLE].text[0] ? v[F_TITLE].text : ncp ? ncp->name : NULL;
		/* phases: those ticked, else the NCP's */
		if (!v[F_PHASES].nchosen && ncp && ncp->phases[0]) {
			const char **ph = arena_alloc(ar, 3 * sizeof(*ph));
			size_t n = 0;
			for (const char *s = ncp->phases; *s && n < 3;) {
				size_t len = strcspn(s, ";");
				ph[n++] = arena_strndup(ar, s, len);
				s += len + (s[len] == ';');
			}
			out->phases = ph;
			out->nphases = n;
		}
	}
	if (ed->id)
		out->title = v[F_TITLE].text && v[F_TITLE].text[0] ? v[F_TITLE].text : ed->a.title;
	if (!out->phases) {
		out->phases = v[F_PHASES].chosen;
		out->nphases = v[F_PHASES].nchosen;
	}
	if (!out->nphases)
		form_fail(d, F_PHASES, "Select the phases it is for");
	out->cohort_label = v[F_COHORT_LABEL].text && v[F_COHORT_LABEL].text[0] ? v[F_COHORT_LABEL].text : NULL;
	if (!ed->id && strcmp(out->cohort, "regional"))
		out->cohort_label = NULL;
	if (ed->id && !strcmp(out->cohort, "none"))
		out->cohort_label = NULL;
	out->first_year = atoi(v[F_YEAR].text ? v[F_YEAR].text : "0");
	out->last_year = out->first_year + (int)v[F_YEARS].number - 1;
	out->format = v[F_FORMAT].text;
	out->planned_sessions = v[F_SESSIONS].text ? v[F_SESSIONS].number : 0;
	out->capacity = v[F_CAPACITY].text ? v[F_CAPACITY].number : 0;
	out->capacity_of = v[F_CAPACITY_OF].text ? v[F_CAPACITY_OF].text
			   : out->kind && !strcmp(out->kind, "Programme") ? "participants" : "schools";
	out->status = v[F_STATUS].text;
	int64_t *leads = arena_alloc(ar, (v[F_LEADS].nchosen + 1) * sizeof(*leads));
	for (size_t i = 0; i < v[F_LEADS].nchosen; i++)
		leads[i] = strtoll(v[F_LEADS].chosen[i], NULL, 10);
	out->leads = leads;
	out->nleads = v[F_LEADS].nchosen;
	out->mhlm_link_id = v[F_LINK].text && v[F_LINK].text[0] ? strtoll(v[F_LINK].text, NULL, 10) : 0;
	return d->nerrors == 0;
}

static enum err edit_write(struct db *db, struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	struct req *rq = fp->rq;
	struct activity_fields f;
	if (!fields_of(ed, &f))
		return ERR_OK;
	int64_t now = clock_now(), id = ed->id;
	enum err e = id ? activity_update(db, id, &f, now) : activity_create(db, &f, rq->session->person_id, now, &id);
	const char *target = arena_printf(rq->arena, "activity:%lld", (long long)id);
	if (e || (e = audit(db, rq, rq->session->person_id, ed->id ? "activity_changed" : "activity_created", target,
			    f.title)))
		return e;
	fp->done_href = activities_href(rq, id, NULL);
	return session_flash(rq, ed->id ? "Activity changed" : "Activity created");
}

static enum err edit_refuse(struct resp *rs, struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	if (fp->outcome == FORM_PAGE_MISSING)
		return ed->id ? activities_not_found(rs)
			      : resp_error_page(rs, 404, "Hub not found", "There is no hub with that code.", "/activities",
						"Activities");
	if (ed->id)
		return activities_refused(rs, "You cannot change this activity",
					  "Only the leadership of its lead hub can change its details.", &ed->a, fp->rq);
	return resp_error_page(rs, 403, "You cannot create activities for this hub",
			       "Only the hub's leadership creates its activities.", "/activities", "Activities");
}

static const struct form_page edit_page = {
	.name = "activity_edit", .form = FORM(activity_fields), .load = edit_load, .prepare = edit_prepare,
	.prefill = edit_prefill, .intro = edit_intro, .write = edit_write, .refuse = edit_refuse,
};

static struct form_page *page_of(struct req *rq, struct edit *ed, int64_t id)
{
	*ed = (struct edit){.fp = edit_page, .id = id, .hub_code = req_query(rq, "hub"), .year = this_year()};
	ed->fp.rq = rq;
	ed->fp.ctx = ed;
	return &ed->fp;
}

/* ---- choosing the hub first ---- */

/* Whether the person organises the activities of one hub only (*hub_id),
 * not several (or every hub: the national team). */
static bool only_hub(struct req *rq, int64_t *hub_id)
{
	const struct session *s = rq->session;
	struct perm_scope sc[8];
	size_t n = perm_scopes(s->grants, s->ngrants, s->person_id, CAP_ACTIVITIES_MANAGE, sc, 8);
	if (n != 1 || sc[0].kind != SCOPE_HUB)
		return false;
	*hub_id = sc[0].id;
	return true;
}

struct chooser {
	struct req *rq;
	struct activity_option *hubs;
	size_t nhubs;
	int64_t only;
};

static enum err chooser_read(struct db *db, void *ctx)
{
	struct chooser *c = ctx;
	return activity_hubs_all(db, c->rq->arena, &c->hubs, &c->nhubs);
}

static enum err choose_hub(struct req *rq, struct resp *rs)
{
	struct chooser c = {.rq = rq};
	bool one = only_hub(rq, &c.only);
	enum err e = db_transact_named(rq->db, DB_READ, "activity_hub_choice_read", chooser_read, &c);
	if (e)
		return e;
	const struct session *s = rq->session;
	struct govuk_option *opts = arena_alloc(rq->arena, (c.nhubs + 1) * sizeof(*opts));
	size_t n = 0;
	for (size_t i = 0; i < c.nhubs; i++) {
		int64_t h[1] = {c.hubs[i].id};
		if (one && c.hubs[i].id == c.only) {
			resp_redirect(rs, 303, arena_printf(rq->arena, "/activities/new?hub=%s", c.hubs[i].code));
			return ERR_OK;
		}
		if (perm_allows(s->grants, s->ngrants, s->person_id, CAP_ACTIVITIES_MANAGE,
				&(struct perm_target){.hub_ids = h, .nhubs = 1}))
			opts[n++] = (struct govuk_option){c.hubs[i].code, c.hubs[i].name};
	}
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = "Which hub's activity is it?", .back_href = "/activities"});
	H_RAW(&w, "<form method=\"get\" action=\"/activities/new\" novalidate>\n");
	govuk_select(&w, &(struct govuk_select){.id = "hub", .label = "Lead hub", .options = opts, .n = n,
						.hint = "The hub that runs it. Partner hubs are added on its page"});
	H_RAW(&w, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Continue</button>\n</form>\n");
	page_end(&w);
	return ERR_OK;
}

enum err activities_new(struct req *rq, struct resp *rs)
{
	if (!req_query(rq, "hub"))
		return choose_hub(rq, rs);
	struct edit ed;
	return form_page_get(rs, page_of(rq, &ed, 0));
}

enum err activities_new_post(struct req *rq, struct resp *rs)
{
	struct edit ed;
	return form_page_post(rs, page_of(rq, &ed, 0));
}

enum err activities_edit(struct req *rq, struct resp *rs)
{
	struct edit ed;
	int64_t id = activities_param(rq);
	return id ? form_page_get(rs, page_of(rq, &ed, id)) : activities_not_found(rs);
}

enum err activities_edit_post(struct req *rq, struct resp *rs)
{
	struct edit ed;
	int64_t id = activities_param(rq);
	return id ? form_page_post(rs, page_of(rq, &ed, id)) : activities_not_found(rs);
}
