/*
 * demo_happi.c - HAPPI's part of the demo data (demo/demo.h), after the
 * activities': every NCP's expected outcomes, as the handbook's rules ask
 * of its kind (happi_outcome_required: a few texts per kind of NCP,
 * demo_texts.c); each year's due dates; and for each activity linked to an
 * NCP a HAPPI form for each of its years, with every version that led to
 * where it is.
 *
 * Where a form is follows the calendar on as_of (1 September of the year
 * made in): the years gone mostly reviewed, some never started or stuck
 * (planning never agreed, the final form never submitted or reviewed), the
 * year just ended with reviews still coming in; this year's only begun
 * (planned in July and August: drafts, planning submitted, returned with
 * comments, agreed; many not started, which the lists show overdue once
 * the planning's due date has passed). Each form's history is the steps
 * the rules allow (happi_step): saves by its leads, the planning submitted
 * by one of them, returned with a comment or agreed by its MHLM link
 * (never the person who submitted it), progress entries through the year,
 * the impact, the final form submitted, returned or reviewed. Its content
 * is made as the pages make it (content.h: the NCP's outcomes tailored,
 * methods, agreers, progress, impact), so each version is what the pages
 * read. A few forms have quality assurance notes by their link.
 *
 * The LLME who signs in finds this year's forms at several statuses (one
 * returned to them); the MHLM links who sign in find one waiting for them.
 * Written in bulk (db_insert_many: COPY on PostgreSQL), a year at a time
 * from an arena of its own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/util.h"
#include "core/workdays.h"
#include "db/db.h"
#include "demo/demo.h"
#include "happi/content.h"
#include "happi/demo_queries.h"
#include "happi/demo_texts.h"
#include "happi/happi.h"
#include "happi/pages.h"

/* An NCP's outcomes as made (ids once written). */
struct ncp_made {
	const struct happidemo_ncp *ncp;
	enum hdt_class cls;
	struct happi_outcome *o;
	size_t n;
};

struct hd {
	struct demo *d;
	struct demo_rng rng;
	int64_t admin;
	struct happidemo_ncp *ncps;
	struct ncp_made *made; /* by NCP, as ncps */
	size_t nncps;
	int64_t *leads;
	struct happidemo_session *sessions;
	int64_t llme;          /* the LLME who signs in (0: none) */
	int64_t links[3];      /* the MHLM links who sign in: each's first form this year waits for them */
	bool waited[3];
	size_t llme_forms;     /* this year's forms of the LLME who signs in, so far */
	struct demo_rows forms, versions, qa, judgements;
	/* the summary */
	size_t nforms, nversions, nqa, now[HAPPI_STATUSES + 1];
};

/* ---- the outcomes and due dates ---- */

static enum err make_outcomes(struct db *db, struct hd *h, size_t *count)
{
	struct demo *d = h->d;
	struct demo_rows rows = {.cols = HAPPIDEMO_OUTCOME_COLUMNS};
	*count = 0;
	for (size_t i = 0; i < h->nncps; i++) {
		const struct happidemo_ncp *p = &h->ncps[i];
		struct ncp_made *m = &h->made[i];
		m->ncp = p;
		m->cls = hdt_class_of(p->kind, p->sktm, p->develops_llmes);
		if (p->year < d->first_year || p->year > d->year)
			continue;
		struct happi_ncp rule = {p->kind, p->sktm, p->develops_llmes};
		m->o = arena_alloc(d->a, 3 * HAPPI_OUTCOME_KINDS * sizeof(*m->o));
		int64_t at = demo_year_time(p->year - 1, 7, (int)demo_rng_range(&h->rng, 1, 20));
		for (int k = 0; k < HAPPI_OUTCOME_KINDS; k++) {
			const char *const *pool = hdt_outcomes[m->cls][k];
			size_t have = hdt_count(pool), want = 0;
			if (happi_outcome_required(&rule, (enum happi_outcome_kind)k))
				want = demo_rng_percent(&h->rng, k == HAPPI_PRACTICE ? 50 : 25) ? 2 : 1;
			else if (have && demo_rng_percent(&h->rng, 30))
				want = 1; /* one the rules do not ask for: an NCP may say more */
			if (want > have)
				want = have;
			/* want different texts of the pool, from a random place in it */
			size_t from = have ? (size_t)demo_rng_below(&h->rng, have) : 0;
			for (size_t j = 0; j < want; j++) {
				const char *text = pool[(from + j) % have];
				m->o[m->n++] = (struct happi_outcome){.kind = (enum happi_outcome_kind)k,
								      .position = (int64_t)j + 1, .text = text};
				struct db_value *r = demo_row_add(&rows);
				r[0] = DB_I(p->id);
				r[1] = DB_S(happi_outcome_key((enum happi_outcome_kind)k));
				r[2] = DB_I(j + 1);
				r[3] = DB_S(text);
				r[4] = DB_I(h->admin);
				r[5] = DB_I(at);
				r[6] = DB_I(h->admin);
				r[7] = DB_I(at);
			}
		}
	}
	enum err e = happidemo_insert(db, HAPPIDEMO_OUTCOMES, &rows);
	int64_t *ids = e ? NULL : xmalloc((rows.n + 1) * sizeof(*ids));
	if (!e && !(e = happidemo_outcome_ids(db, ids, rows.n))) {
		size_t k = 0;
		for (size_t i = 0; i < h->nncps; i++)
			for (size_t j = 0; j < h->made[i].n; j++)
				h->made[i].o[j].id = ids[k++];
	}
	*count = rows.n;
	free(ids);
	demo_rows_free(&rows);
	return e;
}

/* The Friday on or before day d of month m of year y. */
static const char *friday(struct arena *a, int y, int m, int d)
{
	int64_t days = demo_time(y, m, d) / 86400;
	int weekday = (int)((days + 4) % 7); /* 1 January 1970 was a Thursday; 0: Sunday */
	return demo_date(a, y, m, d - (weekday + 2) % 7);
}

/* Planning due on the Friday before October's half term, the final form on a Friday in July. */
static void due_days(struct arena *a, int y, const char **planning, const char **final)
{
	*planning = friday(a, y, 10, 23);
	*final = friday(a, y + 1, 7, 10);
}

static enum err make_due(struct db *db, struct hd *h)
{
	struct demo *d = h->d;
	struct demo_rows rows = {.cols = HAPPIDEMO_DUE_COLUMNS};
	for (int y = d->first_year; y <= d->year; y++) {
		struct db_value *r = demo_row_add(&rows);
		const char *planning, *final;
		due_days(d->a, y, &planning, &final);
		r[0] = DB_I(y);
		r[1] = DB_S(planning);
		r[2] = DB_S(final);
		r[3] = DB_I(h->admin);
		r[4] = DB_I(demo_year_time(y - 1, 6, 15));
	}
	enum err e = happidemo_insert(db, HAPPIDEMO_DUE, &rows);
	demo_rows_free(&rows);
	return e;
}

/* ---- a form and its versions ---- */

/* One text of a NULL-ended list. */
static const char *pick(struct demo_rng *r, const char *const *list)
{
	return list[demo_rng_below(r, hdt_count(list))];
}

/* A form being made: its content now, and what its row will say. */
struct fm {
	struct hd *h;
	struct arena *a;
	const struct happidemo_activity *act;
	int year;
	struct happi_content c;
	const char *json; /* the content's JSON, NULL once it has changed */
	int64_t version, day; /* day: the last step's day, 09:00 UTC */
	enum happi_status status;
	int64_t submitted_by, planning_submitted_at, planning_agreed_at, final_submitted_at, reviewed_at;
	int64_t updated_by, updated_at;
	int64_t writers[2];
	size_t nwriters;
	size_t local0; /* where its tailored outcomes' texts begin */
};

/* The next step's day, lo to hi days after the last, and a time on it (09:00 to 20:59 UTC). */
static int64_t step_day(struct fm *f, int lo, int hi)
{
	struct demo_rng *r = &f->h->rng;
	f->day += 86400 * demo_rng_range(r, lo, hi);
	return f->day + 3600 * demo_rng_range(r, 0, 11) + 60 * demo_rng_range(r, 0, 59);
}

static int64_t writer(struct fm *f)
{
	return f->writers[demo_rng_below(&f->h->rng, f->nwriters)];
}

/* A version: what was done, the status after it, by whom, when. */
static void version(struct fm *f, enum happi_action action, enum happi_status to, const char *comment, int64_t by,
		    int64_t at)
{
	if (!f->json)
		f->json = happi_content_json(f->a, &f->c);
	struct db_value *r = demo_row_add(&f->h->versions);
	r[0] = DB_I(f->act->id);
	r[1] = DB_I(f->year);
	r[2] = DB_I(++f->version);
	r[3] = DB_S(happi_action_key(action));
	r[4] = DB_S(happi_status_key(to));
	r[5] = DB_S(comment);
	r[6] = DB_S(f->json);
	r[7] = DB_I(by);
	r[8] = DB_I(at);
	f->status = to;
	f->updated_by = by;
	f->updated_at = at;
	switch (action) {
	case HAPPI_SUBMIT_PLANNING:
		f->submitted_by = by;
		f->planning_submitted_at = at;
		break;
	case HAPPI_AGREE:
		f->planning_agreed_at = at;
		break;
	case HAPPI_SUBMIT_FINAL:
		f->submitted_by = by;
		f->final_submitted_at = at;
		break;
	case HAPPI_REVIEW:
		f->reviewed_at = at;
		break;
	default:
		break;
	}
}

/* The schedule of intended activity: its sessions of the year, one a line. */
static const char *schedule_of(struct fm *f)
{
	const struct happidemo_activity *act = f->act;
	int64_t from = demo_time(f->year, 8, 1), to = demo_time(f->year + 1, 8, 1);
	const char *out = "";
	for (size_t i = act->session0; i < act->session0 + act->nsessions; i++) {
		const struct happidemo_session *s = &f->h->sessions[i];
		if (s->starts < from || s->starts >= to)
			continue;
		char day[11], end_day[11], start[6], end[6], when[32];
		london_from_unix(s->starts, day, start);
		london_from_unix(s->ends, end_day, end);
		workdays_format_day(day, when);
		/* as people shorten it: the day, the time, what it is ("Launch: the research ..." "Launch") */
		const char *what = s->purpose ? s->purpose : "";
		const char *colon = strchr(what, ':');
		int len = colon ? (int)(colon - what) : (int)strlen(what);
		out = arena_printf(f->a, "%s%s%s, %s to %s%s%.*s", out, *out ? "\n" : "", when, start, end,
				   len ? ": " : "", len, what);
	}
	if (*out)
		return out;
	return arena_printf(f->a, "%d sessions from October to June, their dates to be agreed with the schools "
				  "in September. The first launches the approach; the last reviews what changed.",
			    (int)demo_rng_range(&f->h->rng, 3, 6));
}

/* Who an outcome is tailored for: the schools, or the participants. */
static const char *who_of(struct fm *f, enum happi_outcome_kind k)
{
	const struct happidemo_activity *a = f->act;
	if (!strcmp(a->kind, "Targeted Support"))
		return k == HAPPI_PRACTICE ? "the school's teachers" : "the school";
	bool people = k == HAPPI_PRACTICE || !strcmp(a->kind, "Programme");
	if (people && k == HAPPI_PRACTICE && a->participants)
		return a->participants == 1 ? "the participant"
					    : arena_printf(f->a, "the %lld participants", (long long)a->participants);
	if (a->schools)
		return a->schools == 1 ? "the school taking part"
				       : arena_printf(f->a, "the %lld schools taking part", (long long)a->schools);
	return people ? "the participants" : "the schools taking part";
}

/* The planning: the schedule and the first half of the outcomes (a draft), or all of it. */
static void plan(struct fm *f, bool whole)
{
	struct demo_rng *r = &f->h->rng;
	if (!f->c.schedule)
		f->c.schedule = schedule_of(f);
	size_t upto = whole ? f->c.noutcomes : (f->c.noutcomes + 1) / 2;
	for (size_t i = 0; i < upto; i++) {
		struct happi_outcome_entry *e = &f->c.outcomes[i];
		if (!e->local) /* outcomes of one kind take the texts after the form's first, in turn */
			e->local = hdt_fill(f->a, hdt_local(e->kind, f->local0 + i), who_of(f, e->kind));
	}
	if (whole && !f->c.nmethods) {
		static const unsigned pct[] = {70, 45, 30, 50};
		for (size_t k = 0; k < 4; k++)
			if (demo_rng_percent(r, pct[k]))
				f->c.methods[f->c.nmethods++] = happi_methods[k].value;
		if (!f->c.nmethods)
			f->c.methods[f->c.nmethods++] = happi_methods[0].value;
		if (demo_rng_percent(r, 8)) {
			f->c.methods[f->c.nmethods++] = happi_methods[4].value;
			f->c.methods_other = hdt_methods_other[demo_rng_below(r, hdt_nmethods_other)];
		}
		/* mostly both; some the link only, a few the Project Lead only */
		unsigned who = (unsigned)demo_rng_below(r, 10);
		if (who != 7 && who != 8)
			f->c.agreed[f->c.nagreed++] = happi_agreers[0].value;
		if (who != 9)
			f->c.agreed[f->c.nagreed++] = happi_agreers[1].value;
	}
	f->json = NULL;
}

/* A progress entry on day t of term (0 autumn, 1 spring, 2 summer), kept in order. */
static void progress(struct fm *f, int64_t t, size_t term)
{
	struct happi_progress_entry *e = arena_alloc(f->a, (f->c.nprogress + 1) * sizeof(*e));
	if (f->c.nprogress)
		memcpy(e, f->c.progress, f->c.nprogress * sizeof(*e));
	char day[11];
	london_from_unix(t, day, NULL);
	e[f->c.nprogress++] = (struct happi_progress_entry){arena_strdup(f->a, day),
							     pick(&f->h->rng, hdt_progress[term])};
	f->c.progress = e;
	f->json = NULL;
}

/* The impact: evidence, a judgement, analysis and next steps for every outcome. */
static void impact(struct fm *f)
{
	struct demo_rng *r = &f->h->rng;
	for (size_t i = 0; i < f->c.noutcomes; i++) {
		struct happi_outcome_entry *e = &f->c.outcomes[i];
		unsigned u = (unsigned)demo_rng_below(r, 100);
		bool early = u < (e->kind == HAPPI_PUPILS ? 18u : 6u);
		e->judgement = early ? "too_early" : u < 30 ? "partly_met" : u < 34 ? "not_met" : u < 86 ? "met" : "exceeded";
		e->evidence = hdt_evidence(e->kind, (size_t)demo_rng_below(r, 3));
		int band = u < 30 ? 1 : u < 34 ? 2 : 0;
		e->analysis = early ? hdt_too_early : pick(r, hdt_analysis[band]);
		e->next_steps = hdt_next_steps[demo_rng_below(r, hdt_nnext_steps)];
	}
	f->json = NULL;
}

/* The progress during the year, once the planning is agreed: most forms have an update or two (the
 * autumn's, the spring's), saved together; the summer's comes with the impact. */
static void progress_saves(struct fm *f)
{
	struct demo_rng *r = &f->h->rng;
	if (!demo_rng_percent(r, 60))
		return;
	const int slots[2][3] = {{12, 1, 16}, {3, 2, 24}};
	int64_t at = 0;
	for (size_t s = 0; s < 2; s++) {
		int64_t day = demo_year_time(f->year, slots[s][0], (int)demo_rng_range(r, slots[s][1], slots[s][2]));
		if (day <= f->day || (s == 0 && demo_rng_percent(r, 40)))
			continue;
		f->day = day;
		at = step_day(f, 0, 0);
		progress(f, at, s);
	}
	if (at)
		version(f, HAPPI_SAVE, HAPPI_PLANNING_AGREED, NULL, writer(f), at);
}

/* Steps to status want, or to the end of the year when want is the last one's. Current year: from July, before as_of. */
static void run_form(struct fm *f, enum happi_status want, int64_t link)
{
	struct hd *h = f->h;
	struct demo_rng *r = &h->rng;
	bool now = f->year == h->d->year;
	/* this year's were planned in July and August, before as_of; a year gone's from September */
	f->day = now ? demo_time(f->year, 7, (int)demo_rng_range(r, 1, 20))
		     : demo_year_time(f->year, 9, (int)demo_rng_range(r, 1, 20));
	int64_t at = f->day + 3600 * demo_rng_range(r, 0, 11);
	/* the planning in one go, or a draft first */
	bool whole = want != HAPPI_DRAFT && demo_rng_percent(r, 70);
	plan(f, whole);
	version(f, HAPPI_SAVE, HAPPI_DRAFT, NULL, writer(f), at);
	if (want == HAPPI_DRAFT) {
		if (demo_rng_percent(r, 40)) {
			plan(f, true);
			version(f, HAPPI_SAVE, HAPPI_DRAFT, NULL, writer(f), step_day(f, 2, 8));
		}
		return;
	}
	if (!whole) {
		plan(f, true);
		version(f, HAPPI_SAVE, HAPPI_DRAFT, NULL, writer(f), step_day(f, 2, 8));
	}
	int64_t submitter = writer(f);
	version(f, HAPPI_SUBMIT_PLANNING, HAPPI_PLANNING_SUBMITTED, NULL, submitter, step_day(f, 1, 6));
	if (want == HAPPI_PLANNING_SUBMITTED)
		return;
	if (want == HAPPI_PLANNING_RETURNED || demo_rng_percent(r, 10)) {
		version(f, HAPPI_RETURN, HAPPI_PLANNING_RETURNED,
			hdt_planning_returns[demo_rng_below(r, hdt_nplanning_returns)], link, step_day(f, 2, 6));
		if (want == HAPPI_PLANNING_RETURNED)
			return;
		struct happi_outcome_entry *e = &f->c.outcomes[f->c.noutcomes > 1 ? 1 : 0];
		e->local = arena_printf(f->a, "%s%s", e->local, hdt_planning_revision);
		f->json = NULL;
		version(f, HAPPI_SAVE, HAPPI_PLANNING_RETURNED, NULL, writer(f), step_day(f, 2, 5));
		submitter = writer(f);
		version(f, HAPPI_SUBMIT_PLANNING, HAPPI_PLANNING_SUBMITTED, NULL, submitter, step_day(f, 1, 4));
	}
	version(f, HAPPI_AGREE, HAPPI_PLANNING_AGREED, NULL, link, step_day(f, 2, 8));
	if (now)
		return;
	progress_saves(f);
	if (want == HAPPI_PLANNING_AGREED)
		return;
	int64_t day = demo_year_time(f->year, 6, (int)demo_rng_range(r, 8, 26));
	f->day = day > f->day ? day : f->day + 86400;
	at = step_day(f, 0, 0);
	if (demo_rng_percent(r, 40))
		progress(f, at, 2);
	impact(f);
	version(f, HAPPI_SAVE, HAPPI_PLANNING_AGREED, NULL, writer(f), at);
	submitter = writer(f);
	version(f, HAPPI_SUBMIT_FINAL, HAPPI_FINAL_SUBMITTED, NULL, submitter, step_day(f, 1, 8));
	if (want == HAPPI_FINAL_SUBMITTED)
		return;
	if (want == HAPPI_FINAL_RETURNED || demo_rng_percent(r, 8)) {
		version(f, HAPPI_RETURN, HAPPI_FINAL_RETURNED, hdt_final_returns[demo_rng_below(r, hdt_nfinal_returns)],
			link, step_day(f, 3, 7));
		if (want == HAPPI_FINAL_RETURNED)
			return;
		struct happi_outcome_entry *e = &f->c.outcomes[0];
		e->analysis = arena_printf(f->a, "%s%s", e->analysis, hdt_final_revision);
		f->json = NULL;
		version(f, HAPPI_SAVE, HAPPI_FINAL_RETURNED, NULL, writer(f), step_day(f, 2, 5));
		version(f, HAPPI_SUBMIT_FINAL, HAPPI_FINAL_SUBMITTED, NULL, writer(f), step_day(f, 1, 4));
	}
	version(f, HAPPI_REVIEW, HAPPI_REVIEWED, NULL, link, step_day(f, 3, 20));
}

/* Where a form of year y ends up (HAPPI_STATUSES: never started), by how long ago its year was. */
static enum happi_status status_for(struct hd *h, int y)
{
	static const struct {
		enum happi_status s;
		unsigned pct[3]; /* this year, last year, the years before */
	} mix[] = {
		{HAPPI_STATUSES, {36, 5, 4}},        {HAPPI_DRAFT, {28, 3, 2}},
		{HAPPI_PLANNING_SUBMITTED, {14, 1, 1}}, {HAPPI_PLANNING_RETURNED, {7, 2, 1}},
		{HAPPI_PLANNING_AGREED, {15, 8, 4}}, {HAPPI_FINAL_SUBMITTED, {0, 14, 2}},
		{HAPPI_FINAL_RETURNED, {0, 5, 2}},   {HAPPI_REVIEWED, {0, 62, 84}},
	};
	int when = y == h->d->year ? 0 : y == h->d->year - 1 ? 1 : 2;
	unsigned u = (unsigned)demo_rng_below(&h->rng, 100), sum = 0;
	for (size_t i = 0; i < ARRAY_LEN(mix); i++)
		if (u < (sum += mix[i].pct[when]))
			return mix[i].s;
	return HAPPI_REVIEWED;
}

/* A few forms have quality assurance notes by their link, once the planning is agreed. */
static void qa_notes(struct fm *f, int64_t link)
{
	struct hd *h = f->h;
	struct demo_rng *r = &h->rng;
	if (!f->planning_agreed_at || !demo_rng_percent(r, 5))
		return;
	int64_t t = f->planning_agreed_at;
	for (int n = (int)demo_rng_range(r, 1, 3); n > 0; n--) {
		t += 86400 * demo_rng_range(r, 10, 60);
		if (t >= h->d->as_of)
			break;
		unsigned k = (unsigned)demo_rng_below(r, 3);
		struct db_value *row = demo_row_add(&h->qa);
		row[0] = DB_I(f->act->id);
		row[1] = DB_I(f->year);
		row[2] = DB_S(k == 0 ? "visit" : k == 1 ? "mechanism" : "note");
		size_t m = (size_t)demo_rng_below(r, 4);
		row[3] = k == 1 ? DB_S(hdt_qa_mechanism[m][0]) : DB_NULL;
		char day[11];
		london_from_unix(t, day, NULL);
		row[4] = k == 0 ? DB_S(arena_strdup(f->a, day)) : DB_NULL;
		row[5] = DB_S(k == 0 ? hdt_qa_visits[demo_rng_below(r, hdt_nqa_visits)]
			      : k == 1 ? hdt_qa_mechanism[m][1]
				       : hdt_qa_notes[demo_rng_below(r, hdt_nqa_notes)]);
		row[6] = DB_I(link);
		row[7] = DB_I(t + 3600 * 6);
		h->nqa++;
	}
}

static const struct ncp_made *ncp_of(const struct hd *h, int64_t project_id)
{
	size_t lo = 0, hi = h->nncps;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (h->ncps[mid].id < project_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < h->nncps && h->ncps[lo].id == project_id ? &h->made[lo] : NULL;
}

/* The form of activity act in year y, if it has one. */
static void make_form(struct hd *h, struct arena *a, const struct happidemo_activity *act, int y)
{
	const struct ncp_made *m = ncp_of(h, act->project_id);
	struct fm f = {.h = h, .a = a, .act = act, .year = y};
	bool llme = false;
	for (size_t i = act->lead0; i < act->lead0 + act->nleads; i++) {
		if (h->leads[i] == act->link || f.nwriters == 2)
			continue; /* nobody agrees what they submitted: the link does not write it */
		f.writers[f.nwriters++] = h->leads[i];
		llme |= h->leads[i] == h->llme;
	}
	enum happi_status want = status_for(h, y);
	if (!m || !m->n || !f.nwriters)
		return;
	if (y == h->d->year && llme) {
		/* the LLME who signs in: a form returned to them first, then the others */
		static const enum happi_status theirs[] = {HAPPI_PLANNING_RETURNED, HAPPI_DRAFT, HAPPI_PLANNING_SUBMITTED,
							   HAPPI_PLANNING_AGREED};
		want = theirs[h->llme_forms++ % ARRAY_LEN(theirs)];
	} else if (y == h->d->year) {
		for (size_t i = 0; i < ARRAY_LEN(h->links); i++)
			if (h->links[i] && act->link == h->links[i] && !h->waited[i]) {
				h->waited[i] = true;
				want = HAPPI_PLANNING_SUBMITTED;
			}
	}
	if (want == HAPPI_STATUSES)
		return;
	if (!act->link && want > HAPPI_DRAFT)
		want = HAPPI_DRAFT; /* nobody to submit it to */
	happi_content_outcomes(a, &f.c, m->o, m->n);
	f.local0 = (size_t)demo_rng_below(&h->rng, 4);
	run_form(&f, want, act->link);
	qa_notes(&f, act->link);
	struct db_value *r = demo_row_add(&h->forms);
	r[0] = DB_I(act->id);
	r[1] = DB_I(y);
	r[2] = DB_S(happi_status_key(f.status));
	r[3] = DB_I(f.version);
	r[4] = DB_S(f.json ? f.json : happi_content_json(a, &f.c));
	r[5] = f.submitted_by ? DB_I(f.submitted_by) : DB_NULL;
	r[6] = f.planning_submitted_at ? DB_I(f.planning_submitted_at) : DB_NULL;
	r[7] = f.planning_agreed_at ? DB_I(f.planning_agreed_at) : DB_NULL;
	r[8] = f.final_submitted_at ? DB_I(f.final_submitted_at) : DB_NULL;
	r[9] = f.reviewed_at ? DB_I(f.reviewed_at) : DB_NULL;
	r[10] = DB_I(f.updated_by);
	r[11] = DB_I(f.updated_at);
	/* its judgements as rows, as a save makes them (judgement_queries.c) */
	for (size_t i = 0; i < f.c.noutcomes; i++)
		if (f.c.outcomes[i].judgement) {
			struct db_value *j = demo_row_add(&h->judgements);
			j[0] = DB_I(act->id);
			j[1] = DB_I(y);
			j[2] = DB_I((int64_t)i + 1);
			j[3] = DB_S(happi_outcome_key(f.c.outcomes[i].kind));
			j[4] = DB_S(f.c.outcomes[i].judgement);
		}
	h->nforms++;
	h->nversions += (size_t)f.version;
	if (y == h->d->year)
		h->now[f.status]++;
}

/* Every form of every year, a year at a time. */
static enum err make_forms(struct db *db, struct hd *h, const struct happidemo_activity *acts, size_t nacts)
{
	struct demo *d = h->d;
	enum err e = ERR_OK;
	for (int y = d->first_year; y <= d->year && !e; y++) {
		struct arena *a = arena_new();
		for (size_t i = 0; i < nacts; i++)
			if (acts[i].first_year <= y && y <= acts[i].last_year)
				make_form(h, a, &acts[i], y);
		if (!(e = happidemo_insert(db, HAPPIDEMO_FORMS, &h->forms)) &&
		    !(e = happidemo_insert(db, HAPPIDEMO_VERSIONS, &h->versions)) &&
		    !(e = happidemo_insert(db, HAPPIDEMO_QA, &h->qa)))
			e = happidemo_insert(db, HAPPIDEMO_JUDGEMENTS, &h->judgements);
		demo_rows_free(&h->judgements);
		demo_rows_free(&h->forms);
		demo_rows_free(&h->versions);
		demo_rows_free(&h->qa);
		arena_free(a);
	}
	return e;
}

/* ---- the part ---- */

static void sign_ins(struct hd *h)
{
	struct demo *d = h->d;
	size_t k = 0;
	for (size_t i = 0; i < d->nsign_ins; i++) {
		int64_t id = d->people[d->sign_ins[i].person].id;
		if (d->sign_ins[i].role == ROLE_LLME)
			h->llme = id;
		if ((d->sign_ins[i].role == ROLE_MHL || d->sign_ins[i].role == ROLE_AMHL) && k < ARRAY_LEN(h->links))
			h->links[k++] = id;
	}
	for (size_t g = 0; g < d->ngrants && !h->admin; g++)
		if (d->grants[g].role == ROLE_NATIONAL_ADMIN)
			h->admin = d->people[d->grants[g].person].id;
}

static enum err happi_make(struct db *db, struct demo *d, void *prepared)
{
	(void)prepared;
	struct hd h = {.d = d, .forms = {.cols = HAPPIDEMO_FORM_COLUMNS}, .versions = {.cols = HAPPIDEMO_VERSION_COLUMNS},
		       .qa = {.cols = HAPPIDEMO_QA_COLUMNS}, .judgements = {.cols = HAPPIDEMO_JUDGEMENT_COLUMNS}};
	demo_rng_seed(&h.rng, d->seed, "happi");
	sign_ins(&h);
	if (!h.admin) {
		snprintf(d->msg, sizeof(d->msg), "happi: no national administrator to write the outcomes");
		return ERR_SYSTEM;
	}
	struct happidemo_activity *acts;
	size_t nacts, nleads, nsessions, noutcomes;
	enum err e = happidemo_ncps(db, d->a, &h.ncps, &h.nncps);
	if (!e) {
		h.made = arena_alloc(d->a, (h.nncps + 1) * sizeof(*h.made));
		e = make_outcomes(db, &h, &noutcomes);
	}
	if (!e)
		e = make_due(db, &h);
	if (!e)
		e = happidemo_activities(db, d->a, &acts, &nacts, &h.leads, &nleads, &h.sessions, &nsessions);
	struct demo_aside load = {0};
	if (!e)
		e = happidemo_load_begin(db, d->a, &load);
	if (!e)
		e = make_forms(db, &h, acts, nacts);
	if (!e)
		e = demo_aside_end(db, &load);
	if (e)
		return e;
	demo_count(d, "NCP outcomes", (int64_t)noutcomes, "expected outcomes of every NCP, as the handbook asks of its kind");
	demo_count(d, "HAPPI forms", (int64_t)h.nforms,
		   "%s this year: %s drafts, %s planning submitted, %s returned, %s agreed",
		   demo_thousands(d->a, (int64_t)(h.now[HAPPI_DRAFT] + h.now[HAPPI_PLANNING_SUBMITTED] +
						  h.now[HAPPI_PLANNING_RETURNED] + h.now[HAPPI_PLANNING_AGREED])),
		   demo_thousands(d->a, (int64_t)h.now[HAPPI_DRAFT]),
		   demo_thousands(d->a, (int64_t)h.now[HAPPI_PLANNING_SUBMITTED]),
		   demo_thousands(d->a, (int64_t)h.now[HAPPI_PLANNING_RETURNED]),
		   demo_thousands(d->a, (int64_t)h.now[HAPPI_PLANNING_AGREED]));
	demo_count(d, "HAPPI versions", (int64_t)h.nversions, "every save, submission, return, agreement and review");
	demo_count(d, "HAPPI QA notes", (int64_t)h.nqa, "visits, the four mechanisms and notes, by the forms' links");
	return ERR_OK;
}

const struct demo_part happi_demo_parts[1] = {
	{"happi", 70, NULL, happi_make},
};
