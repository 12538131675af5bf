/*
 * demo_events.c - events' part of the demo data (demo/demo.h): five years
 * of the programme's events, with who answered, who came and, for events
 * still to come, what people asked for.
 *
 * Each year, for each NCP: an autumn and a summer national workshop (face
 * to face, one day, counted towards the funded days; a Mastery Specialist
 * programme's autumn one is a two-day residential instead) and a spring
 * online session, organised by its Project Lead. They are for the NCP's
 * LLME community: the LLMEs who lead its Work Groups, drawn once for each
 * LLME (one or two NCPs of their phase), named as the events' people, as
 * an organiser would until activities record who leads what. Each hub
 * holds an autumn conference, a spring network meeting and a summer
 * celebration for everyone in the hub, organised by its Maths Hub Lead of
 * the year. Most LLMEs confirm their NCP's events, a few send apologies
 * (some with a reason); a few teachers of a hub come to its events. Places
 * are limited: those who answer after the last place wait. An event now
 * and then was cancelled.
 *
 * Years before the one made in have their registers: most who confirmed
 * came (some late), some did not; apologies marked; minutes from the
 * meeting's report for online sessions. The year made in has answers
 * given by 1 September and some dietary and access requirements; no
 * registers. The events go through event_save, as the create page's do;
 * their people, answers, registers and requirements in bulk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/util.h"
#include "core/workdays.h"
#include "db/db.h"
#include "demo/demo.h"
#include "events/demo_queries.h"
#include "events/events.h"
#include "events/queries.h"

/* Someone who answered an event. */
struct answer {
	size_t person;     /* index into demo.people */
	int64_t at;
	char what;         /* 'c' confirmed, 'a' apologies */
};

/* What a hub's and an NCP's events are for. */
enum audience { FOR_NCP, FOR_HUB };

struct plan {
	struct demo *d;
	struct demo_rng rng;
	struct workdays_holidays hol;
	struct events_demo_project *projects;
	size_t nprojects;
	int16_t *leads;           /* by person: the two NCPs they lead (indexes into projects), -1 none */
	int64_t national_admin;   /* organises what has no one else */
	struct demo_rows audience, answers, marks, reqs;
	struct answer *got;       /* one event's answers, until settled */
	size_t ngot, got_cap;
	size_t nevents, ncancelled, nwaiting, nreqs;
};

static const char *const apology_reasons[] = {
	"", "", "", "Staff training day at school", "Year 6 residential trip", "Mocks week: I cannot be released",
	"Ofsted visit expected that week", "Covering a colleague's classes", "Family commitment",
};
static const char *const diets[] = {"Vegetarian", "Vegan", "Gluten free", "Halal", "No nuts (allergy)",
				    "Dairy free", "Kosher"};
static const char *const access_needs[] = {"Step-free access, please", "A seat near the front (hearing)",
					   "A hearing loop", "Parking close to the entrance",
					   "Breaks to take medication"};

/* Venues of the national workshops: made up, in the cities they are held in. */
static const struct {
	const char *name, *address;
} venues[] = {
	{"Midlands Conference Centre", "12 Canal Street\nBirmingham\nB1 2JP"},
	{"Northern Learning Hall", "40 Whitworth Street\nManchester\nM1 3NR"},
	{"Yorkshire Teaching Centre", "8 Park Row\nLeeds\nLS1 5HD"},
	{"Capital Education Centre", "25 Gower Place\nLondon\nWC1E 6BT"},
	{"Severn Conference Rooms", "3 Temple Way\nBristol\nBS1 6HG"},
};

static const char *day_after(struct arena *a, const char *day, int n)
{
	int64_t t = 0;
	clock_parse_date(day, &t);
	char out[11], hhmm[6];
	london_from_unix(t + (int64_t)n * 86400 + 12 * 3600, out, hhmm);
	return arena_strdup(a, out);
}

/* A Tuesday, Wednesday or Thursday that is a working day, from a day of
 * month m (9 .. 8) of academic year y. */
static const char *midweek(struct plan *pl, int y, int m)
{
	const char *day = demo_date(pl->d->a, m >= 9 ? y : y + 1, m, (int)demo_rng_range(&pl->rng, 1, 22));
	for (int wd = workdays_weekday(day); wd < 1 || wd > 3 || !workdays_is_working(day, &pl->hol);
	     wd = workdays_weekday(day))
		day = day_after(pl->d->a, day, 1);
	return day;
}

static int64_t at_time(const char *day, const char *hhmm)
{
	int64_t t = 0;
	london_to_unix(day, atoi(hhmm), atoi(hhmm + 3), 0, &t);
	return t;
}

static bool phase_of(const struct events_demo_project *p, const char *phase)
{
	if (!phase)
		return true;
	return (!strcmp(phase, "Primary") && p->primary) || (!strcmp(phase, "Secondary") && p->secondary) ||
	       (!strcmp(phase, "Post-16") && p->post16);
}

/* Each LLME's NCPs: one of their phase, a second for some. */
static void choose_leads(struct plan *pl)
{
	struct demo *d = pl->d;
	pl->leads = arena_alloc(d->a, (d->npeople + 1) * 2 * sizeof(*pl->leads));
	for (size_t k = 0; k < d->npeople; k++) {
		int16_t *l = pl->leads + 2 * k;
		l[0] = l[1] = -1;
		const struct demo_person *p = &d->people[k];
		if (p->role != ROLE_LLME || !pl->nprojects)
			continue;
		for (int i = 0, tries = 0; i < (demo_rng_percent(&pl->rng, 40) ? 2 : 1) && tries < 50; tries++) {
			int16_t j = (int16_t)demo_rng_below(&pl->rng, pl->nprojects);
			if (phase_of(&pl->projects[j], p->phase) && (i == 0 || l[0] != j))
				l[i++] = j;
		}
	}
}

static bool leads(const struct plan *pl, size_t k, size_t j)
{
	return pl->leads[2 * k] == (int16_t)j || pl->leads[2 * k + 1] == (int16_t)j;
}

static int by_time(const void *a, const void *b)
{
	const struct answer *x = a, *y = b;
	return x->at < y->at ? -1 : x->at > y->at ? 1 : x->person < y->person ? -1 : x->person > y->person;
}

/* The event's register for a year gone: who came to each day. */
static void take_register(struct plan *pl, const struct event *ev, const struct answer *a)
{
	bool online = !strcmp(ev->format, "online");
	for (size_t i = 0; i < ev->ndays; i++) {
		const struct event_day *day = &ev->days[i];
		int minutes = (atoi(day->ends) - atoi(day->starts)) * 60 + atoi(day->ends + 3) - atoi(day->starts + 3);
		const char *status = "apologies", *source = "register";
		int64_t mins = -1;
		if (a->what == 'c') {
			unsigned r = (unsigned)demo_rng_below(&pl->rng, 100);
			status = r < 84 ? "present" : r < 90 ? "late" : "absent";
			if (online && r < 90) {
				source = "report";
				mins = r < 84 ? minutes - demo_rng_range(&pl->rng, 0, 8) : demo_rng_range(&pl->rng, 10, minutes - 10);
			}
		}
		struct db_value *row = demo_row_add(&pl->marks);
		row[0] = DB_I(ev->id);
		row[1] = DB_I(pl->d->people[a->person].id);
		row[2] = DB_S(day->day);
		row[3] = DB_S(status);
		row[4] = mins >= 0 ? DB_I(mins) : DB_NULL;
		row[5] = DB_S(source);
		row[6] = DB_I(ev->created_by);
		row[7] = DB_I(at_time(day->day, day->ends) + 3600);
	}
}

/* The answers of n people (indexes into demo.people) to an event, given
 * between from and until: each confirms pct_confirm times in 100, sends
 * apologies pct_apologies times; kept until settle. */
static void draw(struct plan *pl, const size_t *who, size_t n, unsigned pct_confirm, unsigned pct_apologies,
		 int64_t from, int64_t until)
{
	if (pl->ngot + n > pl->got_cap)
		pl->got = xrealloc(pl->got, (pl->got_cap = (pl->ngot + n) * 2) * sizeof(*pl->got));
	for (size_t i = 0; i < n; i++) {
		unsigned r = (unsigned)demo_rng_below(&pl->rng, 100);
		if (r < pct_confirm + pct_apologies)
			pl->got[pl->ngot++] = (struct answer){who[i], demo_rng_range(&pl->rng, from, until),
							      r < pct_confirm ? 'c' : 'a'};
	}
}

/* The answers drawn for ev, in the order given: confirmations past its
 * places wait; a register for a year gone, requirements for this one. */
static void settle(struct plan *pl, const struct event *ev, bool past)
{
	struct demo *d = pl->d;
	qsort(pl->got, pl->ngot, sizeof(*pl->got), by_time);
	int64_t confirmed = 0;
	for (size_t i = 0; i < pl->ngot; i++) {
		struct answer *a = &pl->got[i];
		const char *what = a->what == 'a' ? "apologies" : "confirmed";
		if (a->what == 'c' && ev->capacity && confirmed == ev->capacity) {
			what = "waiting";
			a->what = 'w';
			pl->nwaiting++;
		}
		confirmed += a->what == 'c';
		const char *reason = NULL;
		if (a->what == 'a') {
			reason = apology_reasons[demo_rng_below(&pl->rng, ARRAY_LEN(apology_reasons))];
			reason = reason[0] ? reason : NULL;
		}
		struct db_value *row = demo_row_add(&pl->answers);
		row[0] = DB_I(ev->id);
		row[1] = DB_I(d->people[a->person].id);
		row[2] = DB_S(what);
		row[3] = DB_S(reason);
		row[4] = DB_I(a->at);
		if (past && !ev->cancelled_at && a->what != 'w')
			take_register(pl, ev, a);
		if (!past && a->what == 'c' && demo_rng_percent(&pl->rng, 8)) {
			bool diet = demo_rng_percent(&pl->rng, 75), access = !diet || demo_rng_percent(&pl->rng, 15);
			row = demo_row_add(&pl->reqs);
			row[0] = DB_I(ev->id);
			row[1] = DB_I(d->people[a->person].id);
			row[2] = DB_S(diet ? diets[demo_rng_below(&pl->rng, ARRAY_LEN(diets))] : "");
			row[3] = DB_S(access ? access_needs[demo_rng_below(&pl->rng, ARRAY_LEN(access_needs))] : "");
			row[4] = DB_I(a->at);
			row[5] = DB_S(day_after(d->a, ev->last_day, 30));
			pl->nreqs++;
		}
	}
	pl->ngot = 0;
}

/* ev written (its lock counted), and cancelled now and then when past. */
static enum err save(struct db *db, struct plan *pl, struct event *ev, int64_t created_at, bool past)
{
	ev->holidays_known = true;
	ev->first_day = ev->days[0].day;
	ev->last_day = ev->days[ev->ndays - 1].day;
	ev->starts_at = at_time(ev->first_day, ev->days[0].starts);
	if (!strcmp(ev->format, "face_to_face")) {
		char deadline[11];
		workdays_lock(ev->first_day, &pl->hol, &ev->confirm_by, deadline, &ev->holidays_known);
	}
	enum err e = event_save(db, ev, created_at);
	if (e)
		return e;
	pl->nevents++;
	if (past && demo_rng_percent(&pl->rng, 2)) {
		ev->cancelled_at = created_at + 30 * 86400;
		pl->ncancelled++;
		return event_cancel(db, ev->id, ev->created_by,
				    "The venue is not available on that day. We are sorry: a new date will follow.",
				    ev->cancelled_at);
	}
	return ERR_OK;
}

/* When people answer ev: from when it was made until its lock (or its
 * start), and no later than the day the data is made. */
static int64_t answers_until(const struct plan *pl, const struct event *ev)
{
	int64_t until = (ev->confirm_by ? ev->confirm_by : ev->starts_at) - 3600;
	return until < pl->d->as_of ? until : pl->d->as_of;
}

static enum err ncp_events(struct db *db, struct plan *pl, size_t j, int y, const int64_t *lead_by, size_t *who)
{
	struct demo *d = pl->d;
	const struct events_demo_project *p = &pl->projects[j];
	bool past = y < d->year;
	int64_t created = demo_year_time(y - 1, 7, (int)demo_rng_range(&pl->rng, 1, 20));
	size_t n = 0;
	for (size_t k = 0; k < d->npeople; k++)
		if (leads(pl, k, j) && demo_person_in(&d->people[k], y))
			who[n++] = k;
	static const struct {
		int month;
		const char *season, *kind, *format;
	} plan[] = {
		{10, "Autumn", "national_workshop", "face_to_face"},
		{2, "Spring", "online_session", "online"},
		{6, "Summer", "national_workshop", "face_to_face"},
	};
	for (size_t s = 0; s < ARRAY_LEN(plan); s++) {
		bool residential = s == 0 && p->develops_llmes && !strcmp(p->kind, "Programme");
		bool online = !strcmp(plan[s].format, "online");
		size_t v = demo_rng_below(&pl->rng, ARRAY_LEN(venues));
		int64_t project_ids[1] = {p->id};
		struct event ev = {
			.kind = residential ? "residential" : plan[s].kind, .format = plan[s].format,
			.funded = !online && !residential, .project_id = p->id, .created_by = lead_by[j] ? lead_by[j] : pl->national_admin,
			.project_ids = project_ids, .nprojects = 1,
			.capacity = online ? 0 : (int64_t)(n + n / 10 + 5) / 5 * 5, /* a room a little larger than most need */
		};
		ev.title = arena_printf(d->a, "%s: %s %s", p->title, plan[s].season,
					residential ? "residential" : online ? "online session" : "national workshop");
		ev.description = arena_printf(
			d->a,
			"For the LLMEs who lead %s in their hubs. %s The NCETM's national team shares this year's "
			"materials, and leads compare what works in their Work Groups.",
			p->title, online ? "Join from your own computer by your joining link." :
				   "Lunch is provided; tell us your dietary and access requirements when you confirm.");
		if (online) {
			ev.meeting_url = arena_printf(d->a, "https://meet.example.org/j/%s-%d", p->code, y);
		} else {
			ev.venue = venues[v].name;
			ev.address = venues[v].address;
		}
		const char *first = midweek(pl, y, plan[s].month);
		ev.days[ev.ndays++] = online ? (struct event_day){first, "16:00", "17:15"}
				   : residential ? (struct event_day){first, "11:00", "17:30"}
						 : (struct event_day){first, "10:00", "15:30"};
		if (residential)
			ev.days[ev.ndays++] = (struct event_day){day_after(d->a, first, 1), "09:00", "15:00"};
		struct event_audience aud[1] = {{"community", p->code, NULL}};
		ev.audience = aud;
		ev.naudience = 1;
		enum err e = save(db, pl, &ev, created, past);
		if (e)
			return e;
		for (size_t i = 0; i < n; i++) {
			struct db_value *row = demo_row_add(&pl->audience);
			row[0] = DB_I(ev.id);
			row[1] = DB_S("person");
			row[2] = DB_S(arena_printf(d->a, "%lld", (long long)d->people[who[i]].id));
		}
		draw(pl, who, n, online ? 70 : 82, online ? 12 : 10, created, answers_until(pl, &ev));
		settle(pl, &ev, past);
	}
	return ERR_OK;
}

static enum err hub_events(struct db *db, struct plan *pl, size_t h, int y, int64_t mhl, size_t *who)
{
	struct demo *d = pl->d;
	const struct demo_hub *hub = &d->hubs[h];
	bool past = y < d->year;
	int64_t created = demo_year_time(y - 1, 8, (int)demo_rng_range(&pl->rng, 1, 20));
	static const struct {
		int month;
		const char *title, *starts, *ends;
		unsigned llmes, teachers; /* who come, in 100 */
		int64_t places[2];        /* small, national */
	} plan[] = {
		{11, "Autumn conference", "09:30", "15:30", 70, 6, {40, 150}},
		{3, "Spring network meeting", "16:00", "17:30", 55, 4, {10, 60}},
		{7, "Summer celebration of Work Groups", "13:30", "16:00", 60, 3, {30, 120}},
	};
	const char *where = hub->lead_school != DEMO_NONE ? d->schools[hub->lead_school].name : hub->name;
	for (size_t s = 0; s < ARRAY_LEN(plan); s++) {
		struct event ev = {
			.kind = "hub_event", .format = "face_to_face", .hub_id = hub->id,
			.created_by = mhl ? mhl : pl->national_admin, .venue = where,
			.address = hub->lead_school != DEMO_NONE ? "The hub's lead school" : "To be confirmed by the hub",
			.capacity = plan[s].places[d->scale == DEMO_NATIONAL],
		};
		ev.title = arena_printf(d->a, "%s: %s", hub->name, plan[s].title);
		ev.description = arena_printf(d->a,
					      "%s's %s, for everyone who teaches or leads mathematics in the hub's "
					      "schools: what the hub's Work Groups found this year, and what comes next.",
					      hub->name, plan[s].title);
		ev.days[ev.ndays++] = (struct event_day){midweek(pl, y, plan[s].month), plan[s].starts, plan[s].ends};
		struct event_audience aud[1] = {{"hub", hub->code, NULL}};
		ev.audience = aud;
		ev.naudience = 1;
		enum err e = save(db, pl, &ev, created, past);
		if (e)
			return e;
		int64_t until = answers_until(pl, &ev);
		size_t n = 0;
		for (size_t k = 0; k < d->npeople; k++) {
			const struct demo_person *p = &d->people[k];
			if (p->hub == h && p->role == ROLE_LLME && demo_person_in(p, y))
				who[n++] = k;
		}
		draw(pl, who, n, plan[s].llmes, 10, created, until);
		n = 0;
		for (size_t k = 0; k < d->npeople; k++) {
			const struct demo_person *p = &d->people[k];
			if (p->hub == h && (p->role == ROLE_PARTICIPANT || p->role == ROLE_HEADTEACHER) &&
			    demo_person_in(p, y))
				who[n++] = k;
		}
		draw(pl, who, n, plan[s].teachers, 1, created, until);
		settle(pl, &ev, past);
	}
	return ERR_OK;
}

/* The person who led hub h in year y (0: none), and each NCP's Project Lead. */
static int64_t hub_lead(const struct demo *d, size_t h, int y)
{
	for (size_t k = 0; k < d->npeople; k++) {
		const struct demo_person *p = &d->people[k];
		if (p->role == ROLE_MHL && p->hub == h && demo_person_in(p, y))
			return p->id;
	}
	return 0;
}

static enum err events_make(struct db *db, struct demo *d, void *prepared)
{
	(void)prepared;
	struct plan pl = {.d = d};
	pl.audience.cols = EVENTS_DEMO_AUDIENCE_COLUMNS;
	pl.answers.cols = EVENTS_DEMO_ANSWER_COLUMNS;
	pl.marks.cols = EVENTS_DEMO_MARK_COLUMNS;
	pl.reqs.cols = EVENTS_DEMO_REQUIREMENT_COLUMNS;
	demo_rng_seed(&pl.rng, d->seed, "events");
	enum err e = events_holidays(db, d->a, &pl.hol);
	if (!e)
		e = events_demo_projects(db, d->a, &pl.projects, &pl.nprojects);
	if (e)
		return e;
	int64_t *lead_by = arena_alloc(d->a, (pl.nprojects + 1) * sizeof(*lead_by));
	memset(lead_by, 0, (pl.nprojects + 1) * sizeof(*lead_by));
	for (size_t g = 0; g < d->ngrants; g++) {
		const struct demo_grant *gr = &d->grants[g];
		if (gr->role == ROLE_NATIONAL_ADMIN && !pl.national_admin)
			pl.national_admin = d->people[gr->person].id;
		for (size_t j = 0; gr->role == ROLE_PROJECT_LEAD && j < pl.nprojects; j++)
			if (pl.projects[j].id == gr->project_id)
				lead_by[j] = d->people[gr->person].id;
	}
	if (!pl.national_admin) {
		snprintf(d->msg, sizeof(d->msg), "events: no national administrator to organise the events");
		return ERR_SYSTEM;
	}
	choose_leads(&pl);
	size_t *who = xmalloc((d->npeople + 1) * sizeof(*who));
	for (int y = d->first_year; y <= d->year && !e; y++) {
		for (size_t j = 0; j < pl.nprojects && !e; j++)
			e = ncp_events(db, &pl, j, y, lead_by, who);
		for (size_t h = 0; h < d->nhubs && !e; h++)
			e = hub_events(db, &pl, h, y, hub_lead(d, h, y), who);
	}
	free(who);
	if (!e)
		e = events_demo_audience_insert(db, pl.audience.v, pl.audience.n);
	if (!e)
		e = events_demo_answers_insert(db, pl.answers.v, pl.answers.n);
	if (!e)
		e = events_demo_marks_insert(db, pl.marks.v, pl.marks.n);
	if (!e)
		e = events_demo_requirements_insert(db, pl.reqs.v, pl.reqs.n);
	if (!e) {
		demo_count(d, "events", (int64_t)pl.nevents,
			   "NCPs' national workshops, residentials and online sessions, hubs' events (%s cancelled)",
			   demo_thousands(d->a, (int64_t)pl.ncancelled));
		demo_count(d, "answers", (int64_t)pl.answers.n, "Confirm and Apologies (%s on a waiting list)",
			   demo_thousands(d->a, (int64_t)pl.nwaiting));
		demo_count(d, "register marks", (int64_t)pl.marks.n, "for each day of the years gone");
		demo_count(d, "requirements", (int64_t)pl.nreqs, "dietary and access, for this year's events");
	}
	demo_rows_free(&pl.audience);
	demo_rows_free(&pl.answers);
	demo_rows_free(&pl.marks);
	demo_rows_free(&pl.reqs);
	free(pl.got);
	return e;
}

const struct demo_part events_demo_parts[1] = {
	{"events", 50, NULL, events_make},
};
