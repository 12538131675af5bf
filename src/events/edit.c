/*
 * edit.c - /events/new and /events/{id}/edit: an event's title,
 * description, kind, organisers, NCPs, format (venue and address, or the
 * meeting's address), days with times (Europe/London), places, whom it is
 * for and whether it counts towards the funded days. One declared form
 * (a form_page) for both; its options (NCPs, hubs, the organisers' scopes)
 * come from the database and the person's roles. Saving works out the
 * lock (core/workdays.h) and warns when the bank holidays of its year are
 * not known yet.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/perm.h"
#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/url.h"
#include "core/workdays.h"
#include "db/db.h"
#include "events/events.h"
#include "events/notify.h"
#include "events/pages.h"
#include "events/queries.h"
#include "events/rules.h"
#include "form_page.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"
#include "team/team.h"

#define NDAYS EVENTS_MAX_DAYS

enum {
	F_TITLE, F_DESCRIPTION, F_KIND, F_ORGANISER, F_NCPS, F_FORMAT, F_VENUE, F_ADDRESS, F_URL,
	F_DAY1, F_START1, F_END1, F_DAY2, F_START2, F_END2, F_DAY3, F_START3, F_END3, F_DAY4, F_START4, F_END4,
	F_DAY5, F_START5, F_END5,
	F_CAPACITY, F_FUNDED, F_ROLES, F_DESIGNATIONS, F_HUBS, F_PHASES, F_PEOPLE, F_COUNT
};

static const struct govuk_option kind_options[] = {
	{"national_workshop", "National workshop"}, {"residential", "Residential"},
	{"online_session", "Online session"}, {"hub_event", "Hub event"},
};
static const struct govuk_option format_options[] = {{"face_to_face", "Face to face"}, {"online", "Online"}};
static const struct govuk_option funded_options[] = {{"yes", "It counts towards LLMEs' three funded national-workshop days"}};
static const struct govuk_option role_options[] = {
	{"llme", "LLMEs"}, {"mhl", "Maths Hub Leads"}, {"amhl", "Assistant Maths Hub Leads"}, {"hub_manager", "Hub managers"},
	{"participant", "Participants"}, {"headteacher", "Headteachers"}, {"project_lead", "Project Leads"},
	{"national_link", "National Links"}, {"hub_lead_link", "Hub Lead Links"},
};
static const struct govuk_option phase_options[] = {{"Primary", "Primary"}, {"Secondary", "Secondary"}, {"Post-16", "Post-16"}};

#define DAY_FIELDS(n, req)                                                                                \
	[F_DAY##n] = {"day" #n, FORM_DATE, "Day " #n, .required = req, .hint = n == 1 ? "For example, 2 3 2026" : n == 2 ? "Leave the days it does not have empty" : NULL}, \
	[F_START##n] = {"start" #n, FORM_TEXT, "Starts at", .required = req, .check = form_check_time, .max_chars = 5,  \
			.input_class = "govuk-input--width-5", .hint = "24-hour clock, for example 10:00"},        \
	[F_END##n] = {"end" #n, FORM_TEXT, "Ends at", .required = req, .check = form_check_time, .max_chars = 5,         \
		      .input_class = "govuk-input--width-5"}

static const struct form_field event_fields[F_COUNT] = {
	[F_TITLE] = {"title", FORM_TEXT, "Title", .required = true, .max_chars = 200},
	[F_DESCRIPTION] = {"description", FORM_TEXTAREA, "Description", .max_chars = 5000,
			   .hint = "What it is, whom it is for and what to bring or prepare"},
	[F_KIND] = {"kind", FORM_CHOICE, "Kind of event", .required = true, .options = kind_options, .noptions = 4},
	[F_ORGANISER] = {"organiser", FORM_CHOICE, "Organised by", .required = true, .select = true},
	[F_NCPS] = {"ncps", FORM_CHOICES, "NCPs it belongs to", .small = true, .hint = "Select all that apply"},
	[F_FORMAT] = {"format", FORM_CHOICE, "Face to face or online?", .required = true, .options = format_options, .noptions = 2},
	[F_VENUE] = {"venue", FORM_TEXT, "Venue", .required = true, .max_chars = 200, .revealed_by = "format", .revealed_for = "face_to_face"},
	[F_ADDRESS] = {"address", FORM_TEXTAREA, "Address", .required = true, .max_chars = 500, .revealed_by = "format",
		       .revealed_for = "face_to_face"},
	[F_URL] = {"meeting_url", FORM_TEXT, "Meeting address", .required = true, .max_chars = 1000, .check = form_check_https,
		   .hint = "Kept from participants: each gets a joining link of their own", .revealed_by = "format",
		   .revealed_for = "online", .spellcheck_off = true},
	DAY_FIELDS(1, true), DAY_FIELDS(2, false), DAY_FIELDS(3, false), DAY_FIELDS(4, false), DAY_FIELDS(5, false),
	[F_CAPACITY] = {"capacity", FORM_NUMBER, "Places (optional)", .min = 1, .max = 100000, .input_class = "govuk-input--width-5",
			.hint = "Leave empty for no limit. When it is full, people join a waiting list"},
	[F_FUNDED] = {"funded", FORM_CHOICES, "Funded days", .options = funded_options, .noptions = 1, .small = true},
	[F_ROLES] = {"roles", FORM_CHOICES, "Who is it for: roles", .options = role_options, .noptions = 9, .small = true,
		     .hint = "It is for anyone who matches any of your choices below"},
	[F_DESIGNATIONS] = {"designations", FORM_CHOICES, "LLME designations (this academic year)", .small = true},
	[F_HUBS] = {"hubs", FORM_CHOICES, "Everyone with a role in these hubs", .small = true},
	[F_PHASES] = {"phases", FORM_CHOICES, "Phases", .options = phase_options, .noptions = 3, .small = true,
		      .hint = "People whose school is of that phase, and Assistant Maths Hub Leads for it"},
	[F_PEOPLE] = {"people", FORM_TEXTAREA, "Named people (optional)", .max_chars = 20000,
		      .hint = "Email addresses, one on each line"},
};

struct edit {
	struct form_page fp;
	int64_t id;                   /* 0: a new event */
	struct event e;               /* what is held (editing) */
	struct events_option *projects, *hubs;
	size_t nprojects, nhubs;
	struct govuk_option *scopes;  /* "national", "hub:3", "project:7" */
	size_t nscopes;
	struct workdays_holidays holidays;
};

static const char *id_text(struct arena *a, int64_t id)
{
	return arena_printf(a, "%lld", (long long)id);
}

static enum err edit_load(struct db *db, struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	struct req *rq = fp->rq;
	enum err e;
	if (ed->id && (e = event_read(db, rq->arena, ed->id, rq->session->person_id, &ed->e)))
		return e;
	if ((e = events_holidays(db, rq->arena, &ed->holidays)) || (e = events_hubs(db, rq->arena, &ed->hubs, &ed->nhubs)))
		return e;
	/* the NCPs of this academic year and the next */
	int year = 0;
	char today[11], code[8];
	london_from_unix(clock_now(), today, NULL);
	acyear_of_date(today, &year);
	struct events_option *list[3];
	size_t n[3] = {0};
	for (int k = 0; k < 3; k++) {
		acyear_code(year - 1 + k, code);
		if ((e = events_projects_of_year(db, rq->arena, code, &list[k], &n[k])))
			return e;
	}
	ed->projects = arena_alloc(rq->arena, (n[0] + n[1] + n[2] + 1) * sizeof(*ed->projects));
	for (int k = 2; k >= 0; k--)
		for (size_t i = 0; i < n[k]; i++)
			ed->projects[ed->nprojects++] = list[k][i];
	return ERR_OK;
}

enum { EDIT_REFUSED = FORM_PAGE_REFUSED };

/* The scopes the person organises in, as options. */
static void scopes_of(struct edit *ed)
{
	struct req *rq = ed->fp.rq;
	const struct session *s = rq->session;
	struct perm_scope sc[32];
	size_t n = perm_scopes(s->grants, s->ngrants, s->person_id, CAP_EVENTS_MANAGE, sc, 32);
	if (n > 32)
		n = 32;
	ed->scopes = arena_alloc(rq->arena, (n + 1) * sizeof(*ed->scopes));
	for (size_t i = 0; i < n; i++) {
		const char *value = NULL, *label = NULL;
		if (sc[i].kind == SCOPE_NATIONAL) {
			value = "national";
			label = "The national team";
		} else if (sc[i].kind == SCOPE_HUB) {
			value = arena_printf(rq->arena, "hub:%lld", (long long)sc[i].id);
			for (size_t h = 0; h < ed->nhubs; h++)
				if (ed->hubs[h].id == sc[i].id)
					label = ed->hubs[h].name;
		} else if (sc[i].kind == SCOPE_PROJECT) {
			value = arena_printf(rq->arena, "project:%lld", (long long)sc[i].id);
			for (size_t p = 0; p < ed->nprojects; p++)
				if (ed->projects[p].id == sc[i].id)
					label = arena_printf(rq->arena, "%s's Project Coordination Team", ed->projects[p].code);
		}
		if (!value)
			continue;
		bool dup = false;
		for (size_t k = 0; k < ed->nscopes; k++)
			dup |= !strcmp(ed->scopes[k].value, value);
		if (!dup)
			ed->scopes[ed->nscopes++] = (struct govuk_option){value, label ? label : value};
	}
}

static void edit_prepare(struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	struct req *rq = fp->rq;
	if (ed->id && !event_organiser(rq->session, &ed->e)) {
		fp->outcome = event_visible(rq->session, &ed->e) ? EDIT_REFUSED : FORM_PAGE_MISSING;
		return;
	}
	if (ed->id && ed->e.cancelled_at) {
		fp->outcome = FORM_PAGE_BLOCKED;
		fp->blocked = "This event has been cancelled, so it cannot be changed.";
	}
	scopes_of(ed);
	struct form_field *f = arena_alloc(rq->arena, sizeof(event_fields));
	memcpy(f, event_fields, sizeof(event_fields));
	struct govuk_option *ncps = arena_alloc(rq->arena, (ed->nprojects + 1) * sizeof(*ncps));
	for (size_t i = 0; i < ed->nprojects; i++)
		ncps[i] = (struct govuk_option){id_text(rq->arena, ed->projects[i].id),
						arena_printf(rq->arena, "%s: %s", ed->projects[i].code, ed->projects[i].name)};
	struct govuk_option *hubs = arena_alloc(rq->arena, (ed->nhubs + 1) * sizeof(*hubs));
	for (size_t i = 0; i < ed->nhubs; i++)
		hubs[i] = (struct govuk_option){ed->hubs[i].code, ed->hubs[i].name};
	struct govuk_option *des = arena_alloc(rq->arena, TEAM_NDESIGNATIONS * sizeof(*des));
	for (size_t i = 0; i < TEAM_NDESIGNATIONS; i++)
		des[i] = (struct govuk_option){team_designations[i].key, team_designations[i].name};
	f[F_NCPS].options = ncps;
	f[F_NCPS].noptions = ed->nprojects;
	f[F_NCPS].off = ed->nprojects == 0;
	f[F_HUBS].options = hubs;
	f[F_HUBS].noptions = ed->nhubs;
	f[F_DESIGNATIONS].options = des;
	f[F_DESIGNATIONS].noptions = TEAM_NDESIGNATIONS;
	f[F_ORGANISER].options = ed->scopes;
	f[F_ORGANISER].noptions = ed->nscopes;
	/* who organises an event is settled when it is made */
	f[F_ORGANISER].off = ed->id != 0;
	fp->form = (struct form){f, F_COUNT};
	if (ed->id) {
		fp->title = "Change the event";
		fp->caption = ed->e.title;
		fp->back_href = events_href(rq, ed->id, NULL);
		fp->action = events_href(rq, ed->id, "/edit");
		fp->button = "Save changes";
	} else {
		fp->title = "Create an event";
		fp->back_href = "/events";
		fp->action = "/events/new";
		fp->button = "Create event";
	}
}

static void set_date(struct form_data *d, size_t i, const char *day)
{
	/* a FORM_DATE is shown back from its parts */
	d->values[i].text = day;
	d->values[i].parts[0] = arena_printf(d->arena, "%d", atoi(day + 8));
	d->values[i].parts[1] = arena_printf(d->arena, "%d", atoi(day + 5));
	d->values[i].parts[2] = arena_printf(d->arena, "%.4s", day);
}

static void edit_prefill(struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	struct form_data *d = &fp->d;
	if (ed->nscopes == 1)
		form_set(d, F_ORGANISER, ed->scopes[0].value);
	if (!ed->id) {
		form_set(d, F_KIND, "national_workshop");
		form_set(d, F_FORMAT, "face_to_face");
		return;
	}
	const struct event *e = &ed->e;
	form_set(d, F_TITLE, e->title);
	form_set(d, F_DESCRIPTION, e->description);
	form_set(d, F_KIND, e->kind);
	form_set(d, F_FORMAT, e->format);
	form_set(d, F_VENUE, e->venue);
	form_set(d, F_ADDRESS, e->address);
	form_set(d, F_URL, e->meeting_url);
	for (size_t i = 0; i < e->ndays && i < NDAYS; i++) {
		set_date(d, F_DAY1 + 3 * i, e->days[i].day);
		form_set(d, F_START1 + 3 * i, e->days[i].starts);
		form_set(d, F_END1 + 3 * i, e->days[i].ends);
	}
	if (e->capacity)
		form_set(d, F_CAPACITY, arena_printf(d->arena, "%lld", (long long)e->capacity));
	if (e->funded)
		form_set(d, F_FUNDED, "yes");
	for (size_t i = 0; i < e->nprojects; i++)
		form_set(d, F_NCPS, arena_printf(d->arena, "%lld", (long long)e->project_ids[i]));
	struct {
		const char *s;
	} people = {""};
	for (size_t i = 0; i < e->naudience; i++) {
		const struct event_audience *au = &e->audience[i];
		size_t field = !strcmp(au->kind, "role") ? F_ROLES : !strcmp(au->kind, "designation") ? F_DESIGNATIONS
							   : !strcmp(au->kind, "hub") ? F_HUBS : !strcmp(au->kind, "phase") ? F_PHASES : F_COUNT;
		if (field < F_COUNT) {
			form_set(d, field, au->value);
		} else if (!strcmp(au->kind, "person") && au->label) {
			/* "Name (email)": the email */
			const char *open = strrchr(au->label, '(');
			if (open)
				people.s = arena_printf(d->arena, "%s%.*s\n", people.s, (int)(strlen(open + 1) - 1), open + 1);
		}
	}
	if (people.s[0])
		form_set(d, F_PEOPLE, people.s);
}

/* Adds an audience row. */
static void audience_add(struct arena *a, struct event *e, size_t *cap, const char *kind, const char *value)
{
	if (e->naudience == *cap)
		e->audience = arena_grow(a, e->audience, e->naudience, *cap = *cap ? *cap * 2 : 16, sizeof(*e->audience));
	e->audience[e->naudience++] = (struct event_audience){kind, value, NULL};
}

/* The days from the form, checked: each complete, ends after it starts,
 * times the clocks show, in order, none in the past (but those already
 * held); false on an error. */
static bool days_read(struct edit *ed, struct event *e)
{
	struct form_data *d = &ed->fp.d;
	char today[11];
	london_from_unix(clock_now(), today, NULL);
	e->ndays = 0;
	for (size_t i = 0; i < NDAYS; i++) {
		size_t fd = F_DAY1 + 3 * i, fs = fd + 1, fe = fd + 2;
		const char *day = d->values[fd].text, *s = d->values[fs].text, *en = d->values[fe].text;
		bool any = day || s || en || d->values[fd].parts[0] || d->values[fd].parts[1] || d->values[fd].parts[2];
		if (d->values[fd].error || d->values[fs].error || d->values[fe].error)
			continue;
		if (!any)
			continue;
		if (!day) {
			form_fail(d, fd, arena_printf(d->arena, "Enter the date of day %zu", i + 1));
			continue;
		}
		if (!s) {
			form_fail(d, fs, arena_printf(d->arena, "Enter the time day %zu starts", i + 1));
			continue;
		}
		if (!en) {
			form_fail(d, fe, arena_printf(d->arena, "Enter the time day %zu ends", i + 1));
			continue;
		}
		if (strcmp(en, s) <= 0) {
			form_fail(d, fe, arena_printf(d->arena, "Day %zu must end after it starts", i + 1));
			continue;
		}
		/* a time the clocks skip (the last Sunday of March, 01:00 to 01:59) is no time at all */
		bool starts = form_london_time(d, fs, day, form_time_minutes(s));
		if (!form_london_time(d, fe, day, form_time_minutes(en)) || !starts)
			continue;
		bool held = false;
		for (size_t k = 0; k < ed->e.ndays; k++)
			held |= ed->id && !strcmp(ed->e.days[k].day, day);
		if (strcmp(day, today) < 0 && !held) {
			form_fail(d, fd, arena_printf(d->arena, "Day %zu must be today or in the future", i + 1));
			continue;
		}
		if (e->ndays && strcmp(day, e->days[e->ndays - 1].day) <= 0) {
			form_fail(d, fd, arena_printf(d->arena, "Day %zu must be after day %zu", i + 1, e->ndays));
			continue;
		}
		e->days[e->ndays++] = (struct event_day){day, s, en};
	}
	if (!e->ndays && !d->values[F_DAY1].error && !d->values[F_START1].error && !d->values[F_END1].error)
		form_fail(d, F_DAY1, "Enter the date of day 1");
	return d->nerrors == 0;
}

static enum err edit_write(struct db *db, struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	struct req *rq = fp->rq;
	struct form_data *d = &fp->d;
	struct arena *a = rq->arena;
	struct event e = {.id = ed->id, .created_by = ed->id ? ed->e.created_by : rq->session->person_id};
	e.title = d->values[F_TITLE].text;
	e.description = d->values[F_DESCRIPTION].text ? d->values[F_DESCRIPTION].text : "";
	e.kind = d->values[F_KIND].text;
	e.format = d->values[F_FORMAT].text;
	bool f2f = !strcmp(e.format, "face_to_face");
	e.venue = f2f ? d->values[F_VENUE].text : NULL;
	e.address = f2f ? d->values[F_ADDRESS].text : NULL;
	e.meeting_url = f2f ? NULL : d->values[F_URL].text;
	e.capacity = d->values[F_CAPACITY].text ? d->values[F_CAPACITY].number : 0;
	e.funded = form_chosen(d, F_FUNDED, "yes");
	/* the organisers: chosen when it is made, among the person's scopes */
	if (ed->id) {
		e.hub_id = ed->e.hub_id;
		e.project_id = ed->e.project_id;
	} else {
		const char *org = d->values[F_ORGANISER].text;
		bool known = false;
		for (size_t i = 0; i < ed->nscopes; i++)
			known |= !strcmp(ed->scopes[i].value, org);
		if (!known)
			form_fail(d, F_ORGANISER, "Choose who organises the event");
		else if (!strncmp(org, "hub:", 4))
			e.hub_id = atoll(org + 4);
		else if (!strncmp(org, "project:", 8))
			e.project_id = atoll(org + 8);
	}
	days_read(ed, &e);
	/* NCPs: an NCP's team's event is always its NCP's */
	const struct form_value *ncps = &d->values[F_NCPS];
	e.project_ids = arena_alloc(a, (ncps->nchosen + 1) * sizeof(*e.project_ids));
	for (size_t i = 0; i < ncps->nchosen; i++)
		e.project_ids[e.nprojects++] = atoll(ncps->chosen[i]);
	if (e.project_id) {
		bool has = false;
		for (size_t i = 0; i < e.nprojects; i++)
			has |= e.project_ids[i] == e.project_id;
		if (!has)
			e.project_ids[e.nprojects++] = e.project_id;
	}
	/* whom it is for */
	size_t cap = 0;
	static const size_t kinds[] = {F_ROLES, F_DESIGNATIONS, F_HUBS, F_PHASES};
	static const char *const names[] = {"role", "designation", "hub", "phase"};
	for (size_t k = 0; k < 4; k++)
		for (size_t i = 0; i < d->values[kinds[k]].nchosen; i++)
			audience_add(a, &e, &cap, names[k], d->values[kinds[k]].chosen[i]);
	const char *people = d->values[F_PEOPLE].text;
	while (people && *people) {
		size_t len = strcspn(people, "\n");
		char *line = arena_strndup(a, people, len);
		people += len + (people[len] == '\n');
		while (*line == ' ' || *line == '\t' || *line == '\r')
			line++;
		size_t l = strlen(line);
		while (l && (line[l - 1] == ' ' || line[l - 1] == '\t' || line[l - 1] == '\r'))
			line[--l] = '\0';
		if (!l)
			continue;
		for (char *c = line; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		int64_t pid;
		const char *pname;
		enum err err = events_person_by_email(db, a, line, &pid, &pname);
		if (err == ERR_NOT_FOUND) {
			form_fail(d, F_PEOPLE, arena_printf(a, "There is no active account with the email address %s", line));
			break;
		}
		if (err)
			return err;
		audience_add(a, &e, &cap, "person", id_text(a, pid));
	}
	if (!e.naudience && !d->nerrors)
		form_fail(d, F_ROLES, "Choose whom the event is for: roles, designations, hubs, phases or named people");
	if (d->nerrors)
		return ERR_OK;
	e.first_day = e.days[0].day;
	e.last_day = e.days[e.ndays - 1].day;
	e.holidays_known = true;
	if (f2f) {
		char dl[11];
		if (!workdays_lock(e.first_day, &ed->holidays, &e.confirm_by, dl, &e.holidays_known))
			return ERR_INVALID;
	}
	int64_t now = clock_now();
	enum err err = event_save(db, &e, now);
	if (err || (err = audit(db, rq, rq->session->person_id, ed->id ? "event_changed" : "event_created",
				arena_printf(a, "event:%lld", (long long)e.id), e.title)) ||
	    (ed->id && (err = events_changed(db, rq->cfg, rq, a, e.id, now))))
		return err;
	fp->done_href = events_href(rq, e.id, NULL);
	const char *msg = ed->id ? "The event has been changed" : "The event has been created";
	if (!e.holidays_known)
		msg = arena_printf(a, "%s. The bank holidays of %.4s are not known yet, so its deadline counts none: "
				   "ask the national team to import them", msg, e.first_day);
	return session_flash(rq, msg);
}

static enum err edit_refuse(struct resp *rs, struct form_page *fp)
{
	if (fp->outcome == FORM_PAGE_MISSING)
		return events_not_found(rs);
	return resp_error_page(rs, 403, "You cannot change this event",
			       "Only the event's organisers can change it.", NULL, NULL);
}

static const struct form_page edit_page = {
	.name = "event_edit", .load = edit_load, .prepare = edit_prepare, .prefill = edit_prefill,
	.write = edit_write, .refuse = edit_refuse,
};

static struct form_page *page_of(struct req *rq, struct edit *ed, int64_t id)
{
	*ed = (struct edit){.fp = edit_page, .id = id};
	ed->fp.rq = rq;
	ed->fp.ctx = ed;
	return &ed->fp;
}

enum err events_new(struct req *rq, struct resp *rs)
{
	struct edit ed;
	return form_page_get(rs, page_of(rq, &ed, 0));
}

enum err events_new_post(struct req *rq, struct resp *rs)
{
	struct edit ed;
	return form_page_post(rs, page_of(rq, &ed, 0));
}

enum err events_edit(struct req *rq, struct resp *rs)
{
	struct edit ed;
	int64_t id = events_param(rq);
	return id ? form_page_get(rs, page_of(rq, &ed, id)) : events_not_found(rs);
}

enum err events_edit_post(struct req *rq, struct resp *rs)
{
	struct edit ed;
	int64_t id = events_param(rq);
	return id ? form_page_post(rs, page_of(rq, &ed, id)) : events_not_found(rs);
}
