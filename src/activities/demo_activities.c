/*
 * demo_activities.c - activities' part of the demo data (demo/demo.h):
 * five years of hub activities with their schools, participants, sessions
 * and registers, Targeted Support with its levels and cycle, and schools'
 * teaching for mastery journeys from before the system.
 *
 * The catalogue first: only 2024/25's is loaded, so each other year gets
 * its academic year and a copy of 2024/25's NCPs as NCPyy-nn (a
 * programme's "Cohort N" moved on by the years), with their phases,
 * through the catalogue's own import (catalogue_project_put, as
 * `mathshubs import-catalogue` writes them), and their teaching for
 * mastery settings. A year whose catalogue is already loaded keeps its own.
 * Then demo_groups.c makes the activities from the schools' journeys;
 * this file gives them sessions on working days from October to June (a
 * full day 09:30 to 15:30, or an online twilight 16:00 to 17:30, Europe/
 * London), registers for those before 1 September of the year made in
 * (each participant comes as reliably as they do), and writes it all in
 * bulk, table by table in the order of their keys (db_insert_many: COPY
 * on PostgreSQL), reading back the ids of the rows later tables need,
 * with what the tables do row by row set aside meanwhile and put back
 * after (actdemo_load_begin, actdemo_load_end: indexes built and keys
 * checked once for all the rows). The sessions and registers are made
 * first, so each activity's row is written with its tallies, and each
 * hub that sees it with its own, as 0017's triggers would keep them.
 * The LLME who signs in leads some of their hub's activities this year,
 * and the participant who signs in takes part in one with their school.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activities/activities.h"
#include "activities/demo_plan.h"
#include "activities/demo_queries.h"
#include "catalogue/ncp_file.h"
#include "catalogue/queries.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/strmap.h"
#include "core/util.h"
#include "core/workdays.h"
#include "db/db.h"
#include "demo/demo.h"

/* The catalogue year every other is copied from. */
#define SOURCE_YEAR 2024

/* ---- the catalogue of each year ---- */

/* title with "(Cohort N)" moved on by the years from the source's. */
static const char *title_in(struct arena *a, const char *title, int y)
{
	const char *c = strstr(title, "(Cohort ");
	if (!c)
		return title;
	int n = atoi(c + 8) + (y - SOURCE_YEAR);
	return arena_printf(a, "%.*s(Cohort %d%s", (int)(c - title), title, n < 1 ? 1 : n, strchr(c, ')'));
}

static enum err catalogue_copy(struct db *db, struct plan *pl, size_t *copied)
{
	struct demo *d = pl->d;
	char code[8];
	acyear_code(SOURCE_YEAR, code);
	enum err e = actdemo_ncps(db, d->a, code, &pl->src, &pl->nsrc);
	if (e)
		return e;
	pl->ncp_id = arena_alloc(d->a, (DEMO_YEARS * pl->nsrc + 1) * sizeof(*pl->ncp_id));
	pl->ncp_title = arena_alloc(d->a, (DEMO_YEARS * pl->nsrc + 1) * sizeof(*pl->ncp_title));
	struct demo_rows tfm = {.cols = ACTDEMO_TFM_COLUMNS};
	for (int y = d->first_year; y <= d->year && !e; y++) {
		size_t base = (size_t)(y - d->first_year) * pl->nsrc;
		acyear_code(y, code);
		struct actdemo_ncp *have;
		size_t nhave;
		if (!(e = catalogue_year_ensure(db, y)))
			e = actdemo_ncps(db, d->a, code, &have, &nhave);
		char prefix[8];
		ncp_code_prefix(y, prefix);
		for (size_t j = 0; j < pl->nsrc && !e; j++) {
			const struct actdemo_ncp *s = &pl->src[j];
			const char *want = arena_printf(d->a, "%s%s", prefix, strchr(s->code, '-') + 1);
			pl->ncp_id[base + j] = 0;
			pl->ncp_title[base + j] = title_in(d->a, s->title, y);
			for (size_t i = 0; i < nhave; i++)
				if (!strcmp(have[i].code, want)) {
					pl->ncp_id[base + j] = have[i].id;
					pl->ncp_title[base + j] = have[i].title;
				}
			if (pl->ncp_id[base + j] || nhave)
				continue; /* the year's own catalogue, loaded: only its NCPs */
			struct ncp_row row = {.code = want, .title = pl->ncp_title[base + j], .kind = s->kind,
					      .nphases = s->nphases, .develops_llmes = s->develops_llmes};
			memcpy(row.phases, s->phases, sizeof(row.phases));
			enum ncp_outcome out;
			const char *was;
			e = catalogue_project_put(db, d->a, &row, code, &out, &was);
			(*copied)++;
		}
		if (e || nhave)
			continue;
		if ((e = actdemo_ncps(db, d->a, code, &have, &nhave)))
			break;
		for (size_t j = 0; j < pl->nsrc; j++) {
			const char *want = arena_printf(d->a, "%s%s", prefix, strchr(pl->src[j].code, '-') + 1);
			for (size_t i = 0; i < nhave; i++)
				if (!strcmp(have[i].code, want))
					pl->ncp_id[base + j] = have[i].id;
			if (!pl->src[j].has_tfm || !pl->ncp_id[base + j])
				continue;
			struct db_value *r = demo_row_add(&tfm);
			r[0] = DB_I(pl->ncp_id[base + j]);
			r[1] = DB_S(pl->src[j].tfm_path);
			r[2] = DB_S(pl->src[j].tfm_stage);
			r[3] = DB_S(pl->src[j].tfm_engagement);
			r[4] = DB_I(d->as_of);
		}
	}
	if (!e)
		e = actdemo_insert(db, ACTDEMO_TFM, &tfm);
	demo_rows_free(&tfm);
	return e;
}

/* ---- what the part reads once ---- */

struct keyed {
	int64_t key;
	const char *text;
	size_t k;
};

static int by_key(const void *x, const void *y)
{
	const struct keyed *a = x, *b = y;
	if (a->text || b->text) {
		int c = strcmp(a->text ? a->text : "", b->text ? b->text : "");
		if (c)
			return c;
	}
	return a->key < b->key ? -1 : a->key > b->key ? 1 : a->k < b->k ? -1 : a->k > b->k;
}

/* The index of the person with id, through order (sorted by id); DEMO_NONE. */
static size_t person_of(const struct keyed *order, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (order[mid].key < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && order[lo].key == id ? order[lo].k : DEMO_NONE;
}

static enum err read_inputs(struct db *db, struct plan *pl, struct actdemo_designation **leads, size_t *nleads,
			    struct workdays_holidays *hol)
{
	struct demo *d = pl->d;
	struct arena *a = d->a;
	int64_t *hub_ids, *regions;
	size_t nh, nacc, nconv, npc;
	const char **days, **urns, **postcodes;
	struct actdemo_accreditation *acc;
	struct actdemo_conversion *conv;
	enum err e = actdemo_hub_regions(db, a, &hub_ids, &regions, &nh);
	if (!e)
		e = actdemo_holidays(db, a, &days, &hol->n);
	if (!e)
		e = actdemo_accreditations(db, a, &acc, &nacc);
	if (!e)
		e = actdemo_cohort_leads(db, a, leads, nleads);
	if (!e)
		e = actdemo_conversions(db, a, &conv, &nconv);
	if (!e)
		e = actdemo_postcodes(db, a, &urns, &postcodes, &npc);
	if (e)
		return e;
	hol->days = days;
	hol->first_year = hol->n ? atoi(days[0]) : 0;
	hol->last_year = hol->n ? atoi(days[hol->n - 1]) : 0;
	pl->region = arena_alloc(a, (d->nhubs + 1) * sizeof(*pl->region));
	for (size_t h = 0; h < d->nhubs; h++)
		for (size_t i = 0; i < nh; i++)
			if (hub_ids[i] == d->hubs[h].id)
				pl->region[h] = regions[i];
	struct strmap school_at = {0};
	size_t *index = arena_alloc(a, (d->nschools + 1) * sizeof(*index));
	for (size_t k = 0; k < d->nschools; k++) {
		index[k] = k;
		strmap_put(&school_at, d->schools[k].urn, &index[k]);
	}
	size_t n = d->nschools + 1;
	const char **postcode = arena_alloc(a, n * sizeof(*postcode));
	pl->pred_urn = arena_alloc(a, n * sizeof(*pl->pred_urn));
	pl->pred_closed = arena_alloc(a, n * sizeof(*pl->pred_closed));
	for (size_t k = 0; k < d->nschools; k++) {
		postcode[k] = "";
		pl->pred_urn[k] = pl->pred_closed[k] = NULL;
	}
	for (size_t i = 0; i < npc; i++) {
		size_t *k = strmap_get(&school_at, urns[i]);
		if (k)
			postcode[*k] = postcodes[i];
	}
	struct keyed *by_postcode = arena_alloc(a, n * sizeof(*by_postcode));
	for (size_t k = 0; k < d->nschools; k++)
		by_postcode[k] = (struct keyed){0, postcode[k], k};
	qsort(by_postcode, d->nschools, sizeof(*by_postcode), by_key);
	pl->rank = arena_alloc(a, n * sizeof(*pl->rank));
	for (size_t i = 0; i < d->nschools; i++)
		pl->rank[by_postcode[i].k] = (uint32_t)i;
	for (size_t i = 0; i < nconv; i++) { /* the latest conversion of each open school */
		size_t *k = strmap_get(&school_at, conv[i].successor);
		if (k && (!pl->pred_closed[*k] || strcmp(conv[i].closed_on, pl->pred_closed[*k]) > 0)) {
			pl->pred_urn[*k] = conv[i].urn;
			pl->pred_closed[*k] = conv[i].closed_on;
		}
	}
	strmap_free(&school_at);
	/* each school's teachers, and the people's accreditations */
	pl->teachers = arena_alloc(a, n * sizeof(*pl->teachers));
	memset(pl->teachers, 0, n * sizeof(*pl->teachers));
	size_t most = 1;
	for (size_t k = 0; k < d->npeople; k++) {
		const struct demo_person *p = &d->people[k];
		if ((p->role == ROLE_PARTICIPANT || p->role == ROLE_HEADTEACHER) && p->school != DEMO_NONE)
			pl->teachers[p->school].n++;
	}
	for (size_t k = 0; k < d->nschools; k++) {
		pl->teachers[k].p = arena_alloc(a, (pl->teachers[k].n + 1) * sizeof(size_t));
		most = pl->teachers[k].n > most ? pl->teachers[k].n : most;
		pl->teachers[k].n = 0;
	}
	for (size_t k = 0; k < d->npeople; k++) {
		const struct demo_person *p = &d->people[k];
		if ((p->role == ROLE_PARTICIPANT || p->role == ROLE_HEADTEACHER) && p->school != DEMO_NONE)
			pl->teachers[p->school].p[pl->teachers[p->school].n++] = k;
	}
	pl->tscratch = arena_alloc(a, (most + 1) * sizeof(size_t));
	pl->scratch = arena_alloc(a, n * sizeof(size_t));
	struct keyed *order = arena_alloc(a, (d->npeople + 1) * sizeof(*order));
	for (size_t k = 0; k < d->npeople; k++)
		order[k] = (struct keyed){d->people[k].id, NULL, k};
	qsort(order, d->npeople, sizeof(*order), by_key);
	pl->pd_since = arena_alloc(a, (d->npeople + 1) * sizeof(*pl->pd_since));
	pl->sd = arena_alloc(a, d->npeople + 1);
	pl->load = arena_alloc(a, (d->npeople + 1) * sizeof(*pl->load));
	memset(pl->pd_since, 0, (d->npeople + 1) * sizeof(*pl->pd_since));
	memset(pl->sd, 0, d->npeople + 1);
	for (size_t i = 0; i < nacc; i++) {
		size_t k = person_of(order, d->npeople, acc[i].person_id);
		if (k == DEMO_NONE)
			continue;
		if (acc[i].sd)
			pl->sd[k] = acc[i].accredited ? 2 : 1;
		else if (acc[i].accredited)
			pl->pd_since[k] = acc[i].since;
	}
	for (size_t g = 0; g < d->ngrants && !pl->national_admin; g++)
		if (d->grants[g].role == ROLE_NATIONAL_ADMIN)
			pl->national_admin = d->people[d->grants[g].person].id;
	pl->sign_in_llme = pl->sign_in_teacher = DEMO_NONE;
	for (size_t i = 0; i < d->nsign_ins; i++) {
		if (d->sign_ins[i].role == ROLE_LLME)
			pl->sign_in_llme = d->sign_ins[i].person;
		if (d->sign_ins[i].role == ROLE_PARTICIPANT)
			pl->sign_in_teacher = d->sign_ins[i].person;
	}
	return ERR_OK;
}

/* ---- sessions and registers ---- */

/* The working days of a year from October to June, with the Unix times of 09:30 and 16:00 on each. */
struct days {
	const char **day;
	int64_t *morning, *twilight;
	size_t n;
};

static void working_days(struct plan *pl, const struct workdays_holidays *hol, int y, struct days *out)
{
	struct demo *d = pl->d;
	out->day = arena_alloc(d->a, 300 * sizeof(*out->day));
	out->morning = arena_alloc(d->a, 300 * sizeof(*out->morning));
	out->twilight = arena_alloc(d->a, 300 * sizeof(*out->twilight));
	out->n = 0;
	int64_t t = demo_time(y, 10, 1) + 3 * 3600; /* noon UTC */
	for (int64_t end = demo_time(y + 1, 6, 30); t <= end && out->n < 300; t += 86400) {
		char day[11];
		london_from_unix(t, day, NULL);
		if (!workdays_is_working(day, hol))
			continue;
		out->day[out->n] = arena_strdup(d->a, day);
		london_to_unix(day, 9, 30, 0, &out->morning[out->n]);
		london_to_unix(day, 16, 0, 0, &out->twilight[out->n]);
		out->n++;
	}
}

static const char *const purposes[] = {
	"Launch: the research behind the approach, and the first classroom task",
	"Planning together: a sequence of lessons to try before the next session",
	"Looking at pupils' work: what the tasks showed",
	"Lesson study: a shared lesson observed and discussed",
	"Review: what changed in each school, and next steps",
};
static const char *const support_purposes[] = {
	"Visit: exploring the school's priorities with its leaders",
	"Planning the support with the subject leader",
	"Working with teachers in classrooms",
	"Coaching the subject leader",
	"Reviewing the impact with the headteacher",
};
static const char *const stage_notes[] = {
	"Met the headteacher and subject leader; looked at outcomes, books and lessons.",
	"Agreed three priorities, the days and who will take part; shared with the governors.",
	"Support in classrooms and with leaders, as planned; teachers trying the approaches.",
	"Reviewed progress against the priorities; the school's next steps agreed.",
};

struct session {
	size_t act;
	const char *day;
	int64_t starts, ends, taken_at, taker;
	const char *source; /* 'phone', 'upload'; NULL: no register */
};

/* An activity's tallies, as 0017's triggers keep them: its schools and
 * participants who have not left, its sessions not cancelled and those
 * with a register, its marks of each kind (in the order of marks[]). */
struct tally {
	int64_t schools, participants, sessions, held, marks[4];
};
static const char *const marks[] = {"present", "late", "absent", "apologies"};

struct writer {
	struct demo_rows acts, phases, hubs, leads, schools, parts, sessions, marks, support, levels, cycle;
	struct session *ss;
	size_t nss, ss_cap;
	struct tally *tally; /* by activity */
};

static void sessions_of(struct plan *pl, struct writer *w, size_t ai, const struct days *years)
{
	struct demo *d = pl->d;
	const struct pact *a = &pl->acts[ai];
	if (!strcmp(a->status, "planned") || !strcmp(a->status, "cancelled"))
		return;
	bool ts = a->level != NULL;
	int64_t taker = a->nleads ? a->leads[0] : a->created_by;
	for (int y = a->first_year; y <= a->last_year && y <= d->year; y++) {
		const struct days *wd = &years[y - d->first_year];
		int n = a->planned;
		int half_left = a->agreed;
		for (int s = 0; s < n && wd->n; s++) {
			size_t lo = wd->n * (size_t)s / (size_t)n, hi = wd->n * (size_t)(s + 1) / (size_t)n;
			size_t k = lo + (size_t)demo_rng_below(&pl->rng, hi > lo ? hi - lo : 1);
			bool online = !ts && (!strcmp(a->format, "online") || (!strcmp(a->format, "blended") && s % 2));
			int half = ts ? (half_left >= 2 && (s == n - 1 || demo_rng_percent(&pl->rng, 70)) ? 2 : 1) : online ? 0 : 2;
			if (ts && half_left <= 0)
				break;
			half_left -= half;
			int64_t starts = online ? wd->twilight[k] : wd->morning[k];
			int64_t ends = online ? starts + 90 * 60 : starts + (half == 1 ? 150 : 360) * 60;
			struct db_value *r = demo_row_add(&w->sessions);
			r[0] = DB_I(ai); /* the activity's id, filled when known */
			r[1] = DB_I(starts);
			r[2] = DB_I(ends);
			r[3] = DB_S(online ? "online" : "face_to_face");
			const struct demo_hub *hub = &d->hubs[a->hub];
			r[4] = online ? DB_NULL
			       : DB_S(ts ? d->schools[a->school].name
				      : hub->lead_school != DEMO_NONE ? d->schools[hub->lead_school].name : hub->name);
			r[5] = online ? DB_S(arena_printf(d->a, "https://meet.example.org/j/%s-%d-%zu", hub->code, y, ai)) : DB_NULL;
			r[6] = DB_S(ts ? support_purposes[s * 5 / n] : purposes[s * 5 / n]);
			r[7] = DB_I(half);
			bool past = starts < d->as_of, cancelled = past && demo_rng_percent(&pl->rng, 1);
			struct session se = {ai, wd->day[k], starts, ends, 0, taker, NULL};
			r[8] = cancelled ? DB_I(starts - 3 * 86400) : DB_NULL;
			r[9] = cancelled ? DB_I(a->created_by) : DB_NULL;
			r[10] = cancelled ? DB_S("The venue was not available: the session moved to a later date.") : DB_NULL;
			w->tally[ai].sessions += !cancelled;
			if (past && !cancelled) {
				w->tally[ai].held++;
				se.source = demo_rng_percent(&pl->rng, 75) ? "phone" : "upload";
				se.taken_at = !strcmp(se.source, "phone") ? ends - 600 : ends + 86400 * demo_rng_range(&pl->rng, 1, 3);
			}
			r[11] = se.source ? DB_I(se.taken_at) : DB_NULL;
			r[12] = se.source ? DB_I(taker) : DB_NULL;
			r[13] = DB_S(se.source);
			r[14] = DB_I(a->created_by);
			r[15] = DB_I(a->created_at);
			r[16] = DB_I(a->created_at);
			if (w->nss == w->ss_cap)
				w->ss = xrealloc(w->ss, (w->ss_cap = w->ss_cap ? w->ss_cap * 2 : 65536) * sizeof(*w->ss));
			w->ss[w->nss++] = se;
		}
	}
}

/* The registers of the sessions held, by each participant's reliability:
 * the session's and the participant's indexes, for their ids when known. */
static void registers(struct plan *pl, struct writer *w, size_t *apologies)
{
	struct demo *d = pl->d;
	for (size_t i = 0; i < w->nss; i++) {
		const struct session *se = &w->ss[i];
		if (!se->source)
			continue;
		const struct pact *a = &pl->acts[se->act];
		for (size_t p = a->part0; p < a->part0 + a->nparts; p++) {
			const struct ppart *pp = &pl->parts[p];
			if (strcmp(pp->joined_on, se->day) > 0 || (pp->left_on && strcmp(pp->left_on, se->day) <= 0))
				continue;
			unsigned u = (unsigned)demo_rng_below(&pl->rng, 1000), r = pp->reliability;
			size_t m = u + 50 < r ? 0 : u < r ? 1 : u < r + (1000 - r) * 2 / 3 ? 3 : 2;
			bool ahead = m == 3 && demo_rng_percent(&pl->rng, 50);
			w->tally[se->act].marks[m]++;
			struct db_value *row = demo_row_add(&w->marks);
			row[0] = DB_I(i);
			row[1] = DB_I(p);
			row[2] = DB_S(marks[m]);
			row[3] = DB_S(ahead ? "participant" : se->source);
			row[4] = DB_I(ahead ? d->people[pp->person].id : se->taker);
			row[5] = DB_I(ahead ? se->starts - 86400 * demo_rng_range(&pl->rng, 1, 5) : se->taken_at);
			*apologies += ahead;
		}
	}
}

/* ---- the rows ---- */

static void activity_row(struct plan *pl, struct writer *w, size_t ai)
{
	struct demo *d = pl->d;
	const struct pact *a = &pl->acts[ai];
	struct db_value *r = demo_row_add(&w->acts);
	int64_t project = a->ncp == DEMO_NONE ? 0 : pl->ncp_id[(size_t)(a->first_year - d->first_year) * pl->nsrc + a->ncp];
	r[0] = project ? DB_I(project) : DB_NULL;
	r[1] = DB_S(a->kind);
	r[2] = DB_S(a->cohort);
	r[3] = DB_S(a->cohort_label);
	r[4] = DB_I(d->hubs[a->hub].id);
	r[5] = a->region_id ? DB_I(a->region_id) : DB_NULL;
	r[6] = DB_I(a->first_year);
	r[7] = DB_I(a->last_year);
	r[8] = a->continues != DEMO_NONE ? DB_I(pl->acts[a->continues].id) : DB_NULL;
	r[9] = DB_S(a->title);
	r[10] = a->link ? DB_I(a->link) : DB_NULL;
	r[11] = DB_S(a->format);
	r[12] = DB_I(a->planned * (a->last_year - a->first_year + 1));
	r[13] = a->capacity ? DB_I(a->capacity) : DB_NULL;
	r[14] = DB_S(a->level ? "schools" : !strcmp(a->kind, "Programme") ? "participants" : "schools");
	r[15] = DB_S(a->status);
	r[16] = DB_S(a->cancel_reason);
	r[17] = a->cancel_reason ? DB_I(a->cancelled_at) : DB_NULL;
	r[18] = a->cancel_reason ? DB_I(a->created_by) : DB_NULL;
	r[19] = DB_I(a->created_by);
	r[20] = DB_I(a->created_at);
	r[21] = DB_I(a->cancel_reason ? a->cancelled_at : a->created_at);
	const struct tally *t = &w->tally[ai];
	r[22] = DB_I(t->schools);
	r[23] = DB_I(t->participants);
	r[24] = DB_I(t->sessions);
	r[25] = DB_I(t->held);
	for (size_t m = 0; m < 4; m++)
		r[26 + m] = DB_I(t->marks[m]);
}

/* Activities' rows of the years from the one of acts[from], up to to: ids read back. */
static enum err write_activities(struct db *db, struct plan *pl, struct writer *w)
{
	int64_t *ids = xmalloc((pl->nacts + 1) * sizeof(*ids));
	enum err e = ERR_OK;
	/* a year at a time: an activity continues one of an earlier year, whose id is then known */
	for (size_t from = 0, to; from < pl->nacts && !e; from = to) {
		for (to = from; to < pl->nacts && pl->acts[to].first_year == pl->acts[from].first_year; to++)
			activity_row(pl, w, to);
		if (!(e = actdemo_insert(db, ACTDEMO_ACTIVITIES, &w->acts)) && !(e = actdemo_activity_ids(db, ids, to)))
			for (size_t i = from; i < to; i++)
				pl->acts[i].id = ids[i];
		demo_rows_free(&w->acts);
	}
	free(ids);
	return e;
}

static void support_rows(struct plan *pl, struct writer *w, const struct pact *a)
{
	struct demo *d = pl->d;
	int y = a->first_year;
	const char *final = a->later_level ? a->later_level : a->level;
	struct db_value *r = demo_row_add(&w->support);
	r[0] = DB_I(a->id);
	r[1] = DB_S(actdemo_urn_in(pl, a->school, y));
	r[2] = DB_S(final);
	r[3] = DB_I(a->agreed);
	r[4] = DB_S(a->focus);
	r = demo_row_add(&w->levels);
	r[0] = DB_I(a->id);
	r[1] = DB_S(demo_date(d->a, y, a->later_level ? 7 : 9, a->later_level ? 15 : 1));
	r[2] = DB_S(a->level);
	r[3] = DB_S(a->later_level ? "Intensive support continued from last year" : "Agreed with the school at the start");
	r[4] = DB_I(a->created_by);
	r[5] = DB_I(a->created_at);
	if (a->later_level) {
		r = demo_row_add(&w->levels);
		r[0] = DB_I(a->id);
		r[1] = DB_S(demo_date(d->a, y, 9, 1));
		r[2] = DB_S(a->later_level);
		r[3] = DB_S(arena_printf(d->a, "The summer review found enough progress to move from intensive to %s support",
					 a->later_level));
		r[4] = DB_I(a->created_by);
		r[5] = DB_I(demo_time(y, 9, 1));
	}
	static const struct {
		const char *stage;
		int m1, d1, m2, d2;
	} cycle[] = {{"explore", 9, 15, 10, 31}, {"plan", 11, 1, 11, 30}, {"deliver", 12, 1, 5, 31}, {"evaluate", 6, 1, 7, 15}};
	for (size_t s = 0; s < ARRAY_LEN(cycle); s++) {
		bool done = demo_year_time(y, cycle[s].m2, cycle[s].d2) < d->as_of;
		r = demo_row_add(&w->cycle);
		r[0] = DB_I(a->id);
		r[1] = DB_S(cycle[s].stage);
		r[2] = DB_S(demo_date(d->a, cycle[s].m1 >= 9 ? y : y + 1, cycle[s].m1, cycle[s].d1));
		r[3] = DB_S(demo_date(d->a, cycle[s].m2 >= 9 ? y : y + 1, cycle[s].m2, cycle[s].d2));
		r[4] = DB_S(done ? stage_notes[s] : "");
		r[5] = DB_I(a->nleads ? a->leads[0] : a->created_by);
		r[6] = DB_I(done ? demo_year_time(y, cycle[s].m2, cycle[s].d2) : a->created_at);
	}
}

static void people_rows(struct plan *pl, struct writer *w, const struct pact *a)
{
	struct demo *d = pl->d;
	static const char *const names[] = {"Primary", "Secondary", "Post-16"};
	for (unsigned b = 0; b < 3; b++)
		if (a->phases & (1u << b)) {
			struct db_value *r = demo_row_add(&w->phases);
			r[0] = DB_I(a->id);
			r[1] = DB_S(names[b]);
		}
	/* the hubs that see it: its lead hub, its partners, then its schools' and
	 * participants' hubs, each with its schools and participants (as the
	 * triggers would have it) */
	struct {
		size_t hub;
		const char *role;
		int64_t schools, participants;
	} seen[64];
	size_t nseen = 0;
	seen[nseen++] = (__typeof__(seen[0])){a->hub, "lead", 0, 0};
	for (size_t i = 0; i < a->npartners; i++)
		seen[nseen++] = (__typeof__(seen[0])){a->partners[i], "partner", 0, 0};
	for (size_t i = a->school0; i < a->school0 + a->nschools + a->nparts; i++) {
		bool school = i < a->school0 + a->nschools;
		const struct ppart *p = school ? NULL : &pl->parts[a->part0 + (i - a->school0 - a->nschools)];
		size_t h = school ? pl->schools[i].hub : p->hub, k = 0;
		while (k < nseen && seen[k].hub != h)
			k++;
		if (k == nseen && nseen < ARRAY_LEN(seen))
			seen[nseen++] = (__typeof__(seen[0])){h, "participants", 0, 0};
		if (k < nseen) {
			seen[k].schools += school;
			seen[k].participants += !school && !p->left_on;
		}
	}
	for (size_t i = 0; i < nseen; i++) {
		struct db_value *r = demo_row_add(&w->hubs);
		r[0] = DB_I(a->id);
		r[1] = DB_I(d->hubs[seen[i].hub].id);
		r[2] = DB_S(seen[i].role);
		r[3] = DB_I(seen[i].schools);
		r[4] = DB_I(seen[i].participants);
	}
	for (size_t i = 0; i < a->nleads; i++) {
		struct db_value *r = demo_row_add(&w->leads);
		r[0] = DB_I(a->id);
		r[1] = DB_I(a->leads[i]);
		r[2] = DB_S(a->cohort_leads ? "cohort_lead" : "lead");
	}
	for (size_t i = a->school0; i < a->school0 + a->nschools; i++) {
		const struct pschool *s = &pl->schools[i];
		struct db_value *r = demo_row_add(&w->schools);
		r[0] = DB_I(a->id);
		r[1] = DB_S(s->urn);
		r[2] = DB_I(d->hubs[s->hub].id);
		r[3] = DB_S(s->joined_on);
		r[4] = DB_I(a->created_by);
		r[5] = DB_I(s->at);
	}
	for (size_t i = a->part0; i < a->part0 + a->nparts; i++) {
		const struct ppart *p = &pl->parts[i];
		struct db_value *r = demo_row_add(&w->parts);
		r[0] = DB_I(a->id);
		r[1] = DB_I(d->people[p->person].id);
		r[2] = DB_S(p->urn);
		r[3] = DB_I(d->hubs[p->hub].id);
		r[4] = DB_S(p->role);
		r[5] = DB_S(p->joined_on);
		r[6] = DB_S(p->left_on);
		r[7] = DB_I(a->created_by);
		r[8] = DB_I(p->at);
	}
}

static void writer_free(struct writer *w)
{
	struct demo_rows *all[] = {&w->acts, &w->phases, &w->hubs, &w->leads, &w->schools, &w->parts,
				   &w->sessions, &w->marks, &w->support, &w->levels, &w->cycle};
	for (size_t i = 0; i < ARRAY_LEN(all); i++)
		demo_rows_free(all[i]);
	free(w->ss);
	free(w->tally);
}

static enum err write_all(struct db *db, struct plan *pl, struct writer *w, const struct workdays_holidays *hol,
			  size_t *apologies)
{
	struct demo *d = pl->d;
	/* the sessions and registers first, by index, for the activities' tallies */
	w->tally = xmalloc((pl->nacts + 1) * sizeof(*w->tally));
	memset(w->tally, 0, (pl->nacts + 1) * sizeof(*w->tally));
	struct days years[DEMO_YEARS];
	for (int y = d->first_year; y <= d->year; y++)
		working_days(pl, hol, y, &years[y - d->first_year]);
	for (size_t i = 0; i < pl->nacts; i++)
		sessions_of(pl, w, i, years);
	registers(pl, w, apologies);
	for (size_t i = 0; i < pl->nacts; i++) {
		const struct pact *a = &pl->acts[i];
		w->tally[i].schools = (int64_t)a->nschools;
		for (size_t p = a->part0; p < a->part0 + a->nparts; p++)
			w->tally[i].participants += !pl->parts[p].left_on;
	}
	struct actdemo_load load;
	enum err e = actdemo_load_begin(db, d->a, &load);
	if (!e)
		e = write_activities(db, pl, w);
	for (size_t i = 0; i < pl->nacts && !e; i++) {
		people_rows(pl, w, &pl->acts[i]);
		if (pl->acts[i].level)
			support_rows(pl, w, &pl->acts[i]);
	}
	if (!e && !(e = actdemo_insert(db, ACTDEMO_PHASES, &w->phases)) &&
	    !(e = actdemo_insert(db, ACTDEMO_HUBS, &w->hubs)) && !(e = actdemo_insert(db, ACTDEMO_LEADS, &w->leads)) &&
	    !(e = actdemo_insert(db, ACTDEMO_SCHOOLS, &w->schools)))
		e = actdemo_insert(db, ACTDEMO_PARTICIPANTS, &w->parts);
	int64_t *ids = NULL;
	if (!e) {
		ids = xmalloc((pl->nparts + 1) * sizeof(*ids));
		if (!(e = actdemo_participant_ids(db, ids, pl->nparts)))
			for (size_t i = 0; i < pl->nparts; i++)
				pl->parts[i].id = ids[i];
	}
	for (size_t i = 0; i < w->sessions.n; i++) {
		struct db_value *r = &w->sessions.v[i * w->sessions.cols];
		r[0] = DB_I(pl->acts[r[0].i].id);
	}
	if (!e && !(e = actdemo_insert(db, ACTDEMO_SESSIONS, &w->sessions))) {
		free(ids);
		ids = xmalloc((w->nss + 1) * sizeof(*ids));
		if (!(e = actdemo_session_ids(db, ids, w->nss)))
			for (size_t i = 0; i < w->marks.n; i++) {
				struct db_value *r = &w->marks.v[i * w->marks.cols];
				r[0] = DB_I(ids[r[0].i]);
				r[1] = DB_I(pl->parts[r[1].i].id);
			}
	}
	free(ids);
	if (!e)
		e = actdemo_insert(db, ACTDEMO_MARKS, &w->marks);
	if (!e)
		e = actdemo_load_end(db, &load);
	if (!e && !(e = actdemo_insert(db, ACTDEMO_SUPPORT, &w->support)) &&
	    !(e = actdemo_insert(db, ACTDEMO_LEVELS, &w->levels)) && !(e = actdemo_insert(db, ACTDEMO_CYCLE, &w->cycle)))
		e = actdemo_insert(db, ACTDEMO_JOURNEY, &pl->journey);
	return e;
}

/* ---- the part ---- */

static void summary(struct plan *pl, struct writer *w, size_t copied, size_t apologies)
{
	struct demo *d = pl->d;
	size_t kinds[ACTIVITIES_NKINDS] = {0}, now = 0, ts = 0, lead_llme = 0;
	int64_t llme = pl->sign_in_llme != DEMO_NONE ? d->people[pl->sign_in_llme].id : -1;
	for (size_t i = 0; i < pl->nacts; i++) {
		const struct pact *a = &pl->acts[i];
		for (size_t k = 0; k < ACTIVITIES_NKINDS; k++)
			kinds[k] += !strcmp(a->kind, activities_kinds[k].key);
		now += a->first_year <= d->year && d->year <= a->last_year;
		ts += a->level != NULL;
		for (size_t l = 0; l < a->nleads; l++)
			lead_llme += a->leads[l] == llme && a->last_year >= d->year;
	}
	demo_count(d, "NCPs copied", (int64_t)copied, "2024/25's catalogue into the other four years, as NCPyy-nn");
	demo_count(d, "activities", (int64_t)pl->nacts,
		   "%s Work Groups, %s Programmes, %s Communities, %s Targeted Support (%s this year)",
		   demo_thousands(d->a, (int64_t)kinds[0]), demo_thousands(d->a, (int64_t)kinds[1]),
		   demo_thousands(d->a, (int64_t)kinds[2]), demo_thousands(d->a, (int64_t)kinds[3]),
		   demo_thousands(d->a, (int64_t)now));
	demo_count(d, "activity schools", (int64_t)pl->nschools, "schools taking part in an activity, each year");
	demo_count(d, "activity participants", (int64_t)pl->nparts, "teachers from those schools");
	demo_count(d, "sessions", (int64_t)w->nss, "on working days; the years gone with their registers");
	demo_count(d, "session marks", (int64_t)w->marks.n, "present, late, absent, apologies (%s given ahead)",
		   demo_thousands(d->a, (int64_t)apologies));
	demo_count(d, "targeted support", (int64_t)ts, "one school each, with its levels and cycle");
	demo_count(d, "journey entries", (int64_t)pl->journey.n,
		   "from before %d/%02d; %zu %% of primaries, %zu %% of secondaries engaged by %d/%02d",
		   d->first_year, (d->first_year + 1) % 100, pl->primaries ? pl->primaries_engaged * 100 / pl->primaries : 0,
		   pl->secondaries ? pl->secondaries_engaged * 100 / pl->secondaries : 0, d->year - 1, d->year % 100);
	demo_count(d, "activities of the LLME", (int64_t)lead_llme, "who signs in: the ones they lead this year");
}

static enum err activities_make(struct db *db, struct demo *d, void *prepared)
{
	(void)prepared;
	struct plan pl = {.d = d, .journey = {.cols = ACTDEMO_JOURNEY_COLUMNS}};
	demo_rng_seed(&pl.rng, d->seed, "activities");
	struct writer w = {
		.acts = {.cols = ACTDEMO_ACTIVITY_COLUMNS}, .phases = {.cols = ACTDEMO_PHASE_COLUMNS},
		.hubs = {.cols = ACTDEMO_HUB_COLUMNS}, .leads = {.cols = ACTDEMO_LEAD_COLUMNS},
		.schools = {.cols = ACTDEMO_SCHOOL_COLUMNS}, .parts = {.cols = ACTDEMO_PARTICIPANT_COLUMNS},
		.sessions = {.cols = ACTDEMO_SESSION_COLUMNS}, .marks = {.cols = ACTDEMO_MARK_COLUMNS},
		.support = {.cols = ACTDEMO_SUPPORT_COLUMNS}, .levels = {.cols = ACTDEMO_LEVEL_COLUMNS},
		.cycle = {.cols = ACTDEMO_CYCLE_COLUMNS},
	};
	struct actdemo_designation *leads;
	size_t nleads, copied = 0, apologies = 0;
	struct workdays_holidays hol = {0};
	enum err e = catalogue_copy(db, &pl, &copied);
	if (!e)
		e = read_inputs(db, &pl, &leads, &nleads, &hol);
	if (!e && !pl.national_admin) {
		snprintf(d->msg, sizeof(d->msg), "activities: no national administrator to record the journeys");
		e = ERR_SYSTEM;
	}
	if (!e) {
		actdemo_make_activities(&pl, leads, nleads);
		e = write_all(db, &pl, &w, &hol, &apologies);
	}
	if (!e)
		summary(&pl, &w, copied, apologies);
	writer_free(&w);
	demo_rows_free(&pl.journey);
	free(pl.acts);
	free(pl.schools);
	free(pl.parts);
	return e;
}

const struct demo_part activities_demo_parts[1] = {
	{"activities", 60, NULL, activities_make},
};
