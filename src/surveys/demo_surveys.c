/*
 * demo_surveys.c - surveys' part of the demo data (demo/demo.h), after the
 * activities' and HAPPI's: for each of the five years the default autumn
 * and summer participant surveys and the LLME survey (content.h: sections
 * of scale, choice, number and free-text questions, and one internal
 * quality assurance section), the years gone closed, this year's autumn
 * and LLME surveys open and its summer survey a draft (it is 1 September).
 *
 * Invites as send.c makes them (a random token, kept as its token_hash and
 * sealed with the deployment's key when there is one, bound to the
 * invite's template, activity and person), for every participant of every
 * activity not cancelled, in each of its years: the autumn survey to
 * those there in the autumn, the summer survey to those who had not left
 * by the summer, the LLME survey to the activity's leads. The years gone:
 * most completed the autumn survey, fewer the summer one (more often those
 * who did the autumn one, so pairs exist), some saved part-way, some never
 * started; the scale answers move up a little from autumn to summer on
 * average (each person's own, point by point). This year: the autumn links
 * went out in the last week of August, before the first sessions; a few
 * have been answered (never the participant who signs in: theirs waits).
 *
 * Answers are built as the answer pages build them (answers.h: the record
 * as JSON, and survey_values derived from it by survey_values_of), and
 * written in bulk a template at a time (db_insert_many: COPY on
 * PostgreSQL), the invites first and their ids read back for the values;
 * on PostgreSQL the two tables' foreign keys are set aside meanwhile.
 * The tokens are the only thing not drawn from the part's stream: like
 * the sign-in secrets, they are new every run, so a published seed opens
 * nobody's survey.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/sealed.h"
#include "auth/token.h"
#include "core/arena.h"
#include "core/util.h"
#include "db/db.h"
#include "demo/demo.h"
#include "surveys/answers.h"
#include "surveys/content.h"
#include "surveys/demo_queries.h"
#include "surveys/invites.h"
#include "surveys/results.h"
#include "surveys/surveys.h"

/* ---- the surveys ---- */

static const char *role_opts[] = {"Class teacher", "Maths subject leader", "Senior leader", "Teaching assistant",
				  "Early career teacher"};
static const char *priority_opts[] = {"Fluency and number sense", "Reasoning and explanation", "Problem solving",
				      "Representations and structure", "Supporting pupils who find maths hard",
				      "Assessment for learning"};
static const char *useful_opts[] = {"The sessions with the group", "Trying tasks in my own classroom",
				    "Looking at pupils' work together", "Lesson study", "Reading and research",
				    "Support from the lead between sessions"};
static const char *recommend_opts[] = {"Yes, definitely", "Yes, probably", "Not sure", "No"};
static const char *lead_role_opts[] = {"Sole lead", "Co-lead with another LLME", "Cohort Lead"};
static const char *next_opts[] = {"Yes", "Maybe", "No"};

/* The scale questions both participant surveys ask, by the same keys: the
 * pairs' change is theirs. */
#define NSCALE 5
static struct survey_question practice[NSCALE] = {
	{"confidence", SQ_AGREE5, "I feel confident teaching the maths my pupils learn this year", NULL, true, NULL, 0, 0, 0},
	{"subject-knowledge", SQ_AGREE5, "My subject knowledge is secure for the maths I teach", NULL, true, NULL, 0, 0, 0},
	{"representations", SQ_AGREE5, "I use representations and structure to expose the mathematics", NULL, true,
	 NULL, 0, 0, 0},
	{"collaboration", SQ_AGREE5, "I plan and reflect on maths lessons with colleagues", NULL, true, NULL, 0, 0, 0},
	{"reasoning", SQ_AGREE5, "My pupils explain and justify their mathematical thinking", NULL, true, NULL, 0, 0, 0},
};
static struct survey_question about[] = {
	{"role", SQ_SINGLE, "What is your role in school?", NULL, true, role_opts, ARRAY_LEN(role_opts), 0, 0},
	{"years-teaching", SQ_NUMBER, "How many years have you been teaching?", "Count this year as one", true, NULL, 0, 0, 60},
};
static struct survey_question hopes[] = {
	{"priorities", SQ_MULTIPLE, "What do you most want to develop by taking part?", "Select all that apply", true,
	 priority_opts, ARRAY_LEN(priority_opts), 0, 0},
	{"hopes", SQ_TEXT, "Is there anything else you hope to get from taking part?", NULL, false, NULL, 0, 0, 0},
};
static struct survey_question autumn_qa[] = {
	{"joining-information", SQ_AGREE5, "The information I had before joining was clear", NULL, true, NULL, 0, 0, 0},
	{"well-organised", SQ_AGREE5, "The sessions so far were well organised: dates, times and materials shared in good time",
	 NULL, true, NULL, 0, 0, 0},
};
static struct survey_question impact[] = {
	{"sessions-attended", SQ_NUMBER, "How many of the activity's sessions did you attend?", NULL, true, NULL, 0, 0, 30},
	{"most-useful", SQ_MULTIPLE, "Which parts were most useful to you?", "Select all that apply", true, useful_opts,
	 ARRAY_LEN(useful_opts), 0, 0},
	{"recommend", SQ_SINGLE, "Would you recommend this activity to a colleague?", NULL, true, recommend_opts,
	 ARRAY_LEN(recommend_opts), 0, 0},
	{"changes", SQ_TEXT, "What has changed in your teaching because of this activity?", NULL, false, NULL, 0, 0, 0},
};
static struct survey_question summer_qa[] = {
	{"well-led", SQ_AGREE5, "The sessions were well led", NULL, true, NULL, 0, 0, 0},
	{"run-as-described", SQ_AGREE5, "The activity ran as it was described when I joined", NULL, true, NULL, 0, 0, 0},
};
static struct survey_question llme_activity[] = {
	{"lead-role", SQ_SINGLE, "How did you lead this activity?", NULL, true, lead_role_opts,
	 ARRAY_LEN(lead_role_opts), 0, 0},
	{"engagement", SQ_AGREE5, "The participating schools engaged well", NULL, true, NULL, 0, 0, 0},
	{"practice-changed", SQ_AGREE5, "I saw participants' classroom practice change", NULL, true, NULL, 0, 0, 0},
	{"days", SQ_NUMBER, "About how many days did leading it take this year?", "Include planning and visits", true,
	 NULL, 0, 0, 200},
};
static struct survey_question llme_support[] = {
	{"hub-support", SQ_AGREE5, "The hub supported me well as a lead", NULL, true, NULL, 0, 0, 0},
	{"lead-development", SQ_AGREE5, "The professional development for leads was useful", NULL, true, NULL, 0, 0, 0},
	{"next-year", SQ_SINGLE, "Would you like to lead an activity next year?", NULL, true, next_opts,
	 ARRAY_LEN(next_opts), 0, 0},
	{"differently", SQ_TEXT, "What would you do differently next time?", NULL, false, NULL, 0, 0, 0},
};
static struct survey_question llme_qa[] = {
	{"workload", SQ_AGREE5, "Leading the activity was manageable alongside my other work", NULL, true, NULL, 0, 0, 0},
};

#define SECTION(k, title, internal, qs) {k, title, internal, qs, ARRAY_LEN(qs)}
static struct survey_section autumn_sections[] = {
	SECTION("about-you", "About you", false, about),
	SECTION("your-practice", "Your maths teaching now", false, practice),
	SECTION("your-hopes", "What you hope for", false, hopes),
	SECTION("quality-assurance", "Quality assurance", true, autumn_qa),
};
static struct survey_section summer_sections[] = {
	SECTION("about-you", "About you", false, about),
	SECTION("your-practice", "Your maths teaching now", false, practice),
	SECTION("the-activity", "The activity", false, impact),
	SECTION("quality-assurance", "Quality assurance", true, summer_qa),
};
static struct survey_section llme_sections[] = {
	SECTION("your-activity", "The activity you led", false, llme_activity),
	SECTION("support", "Support for you as a lead", false, llme_support),
	SECTION("quality-assurance", "Quality assurance", true, llme_qa),
};
static const struct survey_content contents[SURVEY_KINDS] = {
	[SURVEY_AUTUMN] = {autumn_sections, ARRAY_LEN(autumn_sections)},
	[SURVEY_SUMMER] = {summer_sections, ARRAY_LEN(summer_sections)},
	[SURVEY_LLME] = {llme_sections, ARRAY_LEN(llme_sections)},
};

/* What people write in the free-text questions (a few do). */
static const char *const hopes_said[] = {
	"Ideas for supporting the pupils who fall behind in my class.",
	"Time to talk about maths teaching with teachers from other schools.",
	"To understand the research behind the approach, not only the resources.",
	"Confidence leading maths across the school as a new subject leader.",
	"Better questions to check understanding during the lesson.",
	"Help with the new calculation policy we are bringing in.",
};
static const char *const changes_said[] = {
	"I use far more concrete resources and bar models, and pupils explain more.",
	"We plan in year-group teams now and look at pupils' work together.",
	"Smaller steps in each lesson; fewer pupils get lost.",
	"My questioning is better: I ask why, not only what.",
	"Daily fluency sessions across Key Stage 2.",
	"Less than I hoped: staffing changes made it hard to try things.",
};
static const char *const differently_said[] = {
	"Visit each school earlier to agree what they will try between sessions.",
	"Fewer tasks in each session and more time to discuss them.",
	"Involve the headteachers from the start.",
	"Share the gap tasks in writing after every session.",
	"Plan the lesson study earlier in the year.",
};

/* ---- answers ---- */

/* Room for one person's answers to any of the surveys. */
#define MAX_ANSWERS 16
#define MAX_VALUES 4
struct filling {
	struct survey_answer list[MAX_ANSWERS];
	const char *vals[MAX_ANSWERS][MAX_VALUES];
	const char *saved[8];
	struct survey_answers x;
};

static char numbers[64][4]; /* "0" .. "63" */

static const char *num(int n)
{
	return numbers[n < 0 ? 0 : n > 63 ? 63 : n];
}

static int clamp5(int v)
{
	return v < 1 ? 1 : v > 5 ? 5 : v;
}

/* A person's scale points: around their own level, some points either side. */
static void scale_base(struct demo_rng *r, uint8_t out[NSCALE])
{
	int level = 2 + (int)demo_rng_below(r, 3);
	for (int k = 0; k < NSCALE; k++) {
		unsigned x = (unsigned)demo_rng_below(r, 100);
		out[k] = (uint8_t)clamp5(level + (x < 20 ? -1 : x < 75 ? 0 : 1));
	}
}

/* The same points a year on: mostly the same or one up, now and then down. */
static void scale_later(struct demo_rng *r, const uint8_t before[NSCALE], uint8_t out[NSCALE])
{
	for (int k = 0; k < NSCALE; k++) {
		unsigned x = (unsigned)demo_rng_below(r, 100);
		out[k] = (uint8_t)clamp5(before[k] + (x < 10 ? -1 : x < 60 ? 0 : x < 95 ? 1 : 2));
	}
}

static void answer(struct filling *f, const char *key, const char *v)
{
	struct survey_answer *a = &f->list[f->x.n];
	a->key = key;
	a->values = f->vals[f->x.n];
	a->n = 0;
	if (v)
		a->values[a->n++] = v;
	f->x.n++;
}

/* Some of n options (1 to 3 of them), in order. */
static void some_of(struct demo_rng *r, struct filling *f, const char *key, size_t n)
{
	answer(f, key, NULL);
	struct survey_answer *a = &f->list[f->x.n - 1];
	size_t want = 1 + (size_t)demo_rng_below(r, 3);
	for (size_t i = 0; i < n && a->n < MAX_VALUES; i++)
		if (demo_rng_below(r, n - i) < want - a->n && a->n < want)
			a->values[a->n++] = num((int)i + 1);
}

/* A question of section s answered as this person does (points: their scale points). */
static void answer_question(struct demo_rng *r, struct filling *f, const struct survey_question *q,
			    const uint8_t points[NSCALE])
{
	for (int k = 0; k < NSCALE; k++)
		if (!strcmp(q->key, practice[k].key)) {
			answer(f, q->key, num(points[k]));
			return;
		}
	switch (q->type) {
	case SQ_AGREE5:
		answer(f, q->key, num(clamp5(3 + (int)demo_rng_below(r, 3) - (demo_rng_percent(r, 10) ? 2 : 0))));
		break;
	case SQ_SINGLE:
		/* the first options are the likelier ones */
		answer(f, q->key, num(1 + (int)demo_rng_below(r, 1 + demo_rng_below(r, q->noptions))));
		break;
	case SQ_MULTIPLE:
		some_of(r, f, q->key, q->noptions);
		break;
	case SQ_NUMBER:
		answer(f, q->key,
		       num(!strcmp(q->key, "years-teaching") ? 1 + (int)demo_rng_below(r, 1 + demo_rng_below(r, 30))
			   : !strcmp(q->key, "days")         ? (int)demo_rng_range(r, 4, 15)
							     : (int)demo_rng_range(r, 3, 6)));
		break;
	case SQ_TEXT:
		if (demo_rng_percent(r, 25)) {
			const char *const *said = !strcmp(q->key, "hopes")     ? hopes_said
						  : !strcmp(q->key, "changes") ? changes_said
									       : differently_said;
			size_t n = !strcmp(q->key, "hopes")     ? ARRAY_LEN(hopes_said)
				   : !strcmp(q->key, "changes") ? ARRAY_LEN(changes_said)
								: ARRAY_LEN(differently_said);
			answer(f, q->key, said[demo_rng_below(r, n)]);
		}
		break;
	default:
		break;
	}
}

/* The answers of the first sections sections of c (all of them: completed). */
static void fill(struct demo_rng *r, struct filling *f, const struct survey_content *c, size_t sections,
		 const uint8_t points[NSCALE])
{
	f->x = (struct survey_answers){.list = f->list, .saved = f->saved};
	for (size_t s = 0; s < sections && s < c->nsections; s++) {
		for (size_t j = 0; j < c->sections[s].nquestions; j++)
			answer_question(r, f, &c->sections[s].questions[j], points);
		f->saved[f->x.nsaved++] = c->sections[s].key;
	}
}

/* ---- the part ---- */

struct surveys_plan {
	struct demo *d;
	struct demo_rng rng;
	struct survdemo_activity *acts;
	size_t nacts;
	int64_t *leads;
	struct survdemo_participant *parts;
	int64_t admin, sign_in_teacher;
	/* each participant's scale points in the autumn, and whether they completed it (this year's pass) */
	uint8_t (*points)[NSCALE];
	bool *autumn_done;
	/* the counts */
	int64_t templates, invites, completed, started, values, pairs, largest;
	int64_t *closed; /* the closed templates' ids, their sums written once their values are */
	size_t nclosed, closed_cap;
};

/* How an invite stands: not started, part-way, completed. */
enum stage { NOT_STARTED, PART_WAY, COMPLETED };

struct batch {
	struct arena *a, *scratch;
	struct demo_rows invites, values;
	size_t scratch_uses;
	int64_t template_id;
	enum survey_kind kind;
	int64_t completed;
};

/* An invite of batch b: its row, its answers' values (by its place in the
 * batch: the ids come later) and the plan's counts. */
static enum err invite(struct surveys_plan *pl, struct batch *b, int64_t activity_id, int64_t person_id,
		       int64_t invited_by, int64_t invited_at, enum stage stage, const uint8_t points[NSCALE])
{
	struct demo *d = pl->d;
	const struct survey_content *c = &contents[b->kind];
	char token[TOKEN_LEN + 1], hash[TOKEN_HASH_LEN + 1];
	token_new(token);
	token_hash(token, hash);
	const char *sealed = seal(b->a, token, surveys_token_binding(b->scratch, b->template_id, activity_id, person_id));
	if (!sealed) {
		snprintf(d->msg, sizeof(d->msg), "surveys: a link's token could not be sealed");
		return ERR_SYSTEM;
	}
	int64_t started = 0, completed = 0;
	const char *json = "{}";
	size_t at = b->invites.n;
	if (stage != NOT_STARTED) {
		struct filling f;
		size_t sections = stage == COMPLETED ? c->nsections : 1 + (size_t)demo_rng_below(&pl->rng, c->nsections - 1);
		fill(&pl->rng, &f, c, sections, points);
		json = survey_answers_json(b->a, &f.x);
		struct survey_value *v;
		size_t nv = survey_values_of(b->scratch, c, &f.x, &v);
		for (size_t i = 0; i < nv; i++) {
			struct db_value *r = demo_row_add(&b->values);
			r[0] = DB_I(at);
			r[1] = DB_S(v[i].key);
			r[2] = v[i].has_num ? DB_I(v[i].num) : DB_NULL;
			r[3] = v[i].has_num ? DB_NULL : DB_S(v[i].text);
		}
		pl->values += (int64_t)nv;
		started = invited_at + demo_rng_range(&pl->rng, 600, 12 * 86400);
		if (started >= d->as_of)
			started = d->as_of - demo_rng_range(&pl->rng, 3600, 6 * 3600);
		if (started < invited_at)
			started = invited_at + 60;
		if (stage == COMPLETED)
			completed = started + demo_rng_range(&pl->rng, 4 * 60, 35 * 60);
		if (completed >= d->as_of)
			completed = d->as_of - 60;
		pl->started += stage == PART_WAY;
		pl->completed += stage == COMPLETED;
		b->completed += stage == COMPLETED;
	}
	struct db_value *r = demo_row_add(&b->invites);
	r[0] = DB_I(b->template_id);
	r[1] = DB_I(activity_id);
	r[2] = DB_I(person_id);
	r[3] = DB_S(arena_strdup(b->a, hash));
	r[4] = DB_S(sealed);
	r[5] = invited_by ? DB_I(invited_by) : DB_NULL;
	r[6] = DB_I(invited_at);
	r[7] = started ? DB_I(started) : DB_NULL;
	r[8] = completed ? DB_I(completed) : DB_NULL;
	r[9] = DB_S(json);
	pl->invites++;
	if (++b->scratch_uses % 1024 == 0) { /* the bindings and values of these are written into the rows */
		arena_free(b->scratch);
		b->scratch = arena_new();
	}
	return ERR_OK;
}

static void batch_start(struct batch *b, int64_t template_id, enum survey_kind kind)
{
	*b = (struct batch){.a = arena_new(), .scratch = arena_new(), .template_id = template_id, .kind = kind,
			    .invites = {.cols = SURVDEMO_INVITE_COLUMNS}, .values = {.cols = SURVDEMO_VALUE_COLUMNS}};
}

/* Writes the batch's invites, then their values with the invites' ids. */
static enum err batch_write(struct db *db, struct surveys_plan *pl, struct batch *b)
{
	enum err e = survdemo_invites_insert(db, &b->invites);
	int64_t *ids = NULL;
	if (!e) {
		ids = xmalloc((b->invites.n + 1) * sizeof(*ids));
		e = survdemo_invite_ids(db, b->template_id, ids, b->invites.n);
	}
	for (size_t i = 0; !e && i < b->values.n; i++) {
		struct db_value *r = &b->values.v[i * b->values.cols];
		r[0] = DB_I(ids[r[0].i]);
	}
	if (!e)
		e = survdemo_values_insert(db, &b->values);
	free(ids);
	if (b->completed > pl->largest && b->kind != SURVEY_LLME && b->template_id)
		pl->largest = b->completed;
	demo_rows_free(&b->invites);
	demo_rows_free(&b->values);
	arena_free(b->a);
	arena_free(b->scratch);
	return e;
}

/* The three templates of year y: their ids by kind. */
static enum err templates_of(struct db *db, struct surveys_plan *pl, int y, int64_t ids[SURVEY_KINDS])
{
	struct demo *d = pl->d;
	bool now = y == d->year;
	enum err e = ERR_OK;
	for (int k = 0; k < SURVEY_KINDS && !e; k++) {
		const char *status = !now ? "closed" : k == SURVEY_SUMMER ? "draft" : "open";
		const char *title = arena_printf(d->a, "%s %d/%02d", survey_kind_name((enum survey_kind)k), y, (y + 1) % 100);
		int64_t made = demo_year_time(y - 1, 7, 6 + k);           /* July before the year */
		int64_t changed = now ? demo_year_time(y - 1, 8, 20 + k) /* opened in August */
				      : demo_year_time(y, 8, 28);         /* closed at the end of the year */
		if (now && k == SURVEY_SUMMER)
			changed = made;
		e = survdemo_template_add(db, y, survey_kind_key((enum survey_kind)k), title, status,
					  survey_content_json(d->a, &contents[k]), pl->admin, made, changed, &ids[k]);
		pl->templates++;
		if (!e && !now) {
			pl->closed = arena_room(d->a, pl->closed, pl->nclosed, &pl->closed_cap, sizeof(*pl->closed));
			pl->closed[pl->nclosed++] = ids[k];
		}
	}
	return e;
}

/* A past year's stage: pct_done completed, pct_part part-way, the rest not started. */
static enum stage stage_of(struct demo_rng *r, unsigned pct_done, unsigned pct_part)
{
	unsigned x = (unsigned)demo_rng_below(r, 100);
	return x < pct_done ? COMPLETED : x < pct_done + pct_part ? PART_WAY : NOT_STARTED;
}

static enum err year_of_surveys(struct db *db, struct surveys_plan *pl, int y)
{
	struct demo *d = pl->d;
	bool now = y == d->year;
	int64_t ids[SURVEY_KINDS];
	enum err e = templates_of(db, pl, y, ids);
	struct batch b;
	/* autumn: everyone there in the autumn (this year: links sent in the last week of August) */
	batch_start(&b, ids[SURVEY_AUTUMN], SURVEY_AUTUMN);
	for (size_t i = 0; i < pl->nacts && !e; i++) {
		const struct survdemo_activity *a = &pl->acts[i];
		if (y < a->first_year || y > a->last_year)
			continue;
		int64_t by = a->nleads ? pl->leads[a->lead0] : 0;
		int64_t sent = now ? demo_time(y, 8, (int)demo_rng_range(&pl->rng, 24, 30)) + demo_rng_range(&pl->rng, 0, 6) * 3600
				   : demo_year_time(y, 10, (int)demo_rng_range(&pl->rng, 1, 24)) +
					     demo_rng_range(&pl->rng, 0, 7) * 3600;
		for (size_t p = a->part0; p < a->part0 + a->nparts && !e; p++) {
			const struct survdemo_participant *x = &pl->parts[p];
			pl->autumn_done[p] = false;
			if (x->joined > y || (x->left && x->left < y))
				continue;
			scale_base(&pl->rng, pl->points[p]);
			enum stage st = now ? stage_of(&pl->rng, 8, 12) : stage_of(&pl->rng, 90, 4);
			if (x->person_id == pl->sign_in_teacher && now)
				st = NOT_STARTED; /* theirs waits for them */
			pl->autumn_done[p] = st == COMPLETED;
			e = invite(pl, &b, a->id, x->person_id, by, sent, st, pl->points[p]);
		}
	}
	enum err e2 = batch_write(db, pl, &b);
	e = e ? e : e2;
	if (now || e)
		return e; /* this year's summer survey is a draft, and the LLME survey comes at its end */
	/* summer: those who had not left; more of those who did the autumn one */
	batch_start(&b, ids[SURVEY_SUMMER], SURVEY_SUMMER);
	for (size_t i = 0; i < pl->nacts && !e; i++) {
		const struct survdemo_activity *a = &pl->acts[i];
		if (y < a->first_year || y > a->last_year)
			continue;
		int64_t by = a->nleads ? pl->leads[a->lead0] : 0;
		int64_t sent = demo_year_time(y, 6, (int)demo_rng_range(&pl->rng, 2, 24)) + demo_rng_range(&pl->rng, 0, 7) * 3600;
		for (size_t p = a->part0; p < a->part0 + a->nparts && !e; p++) {
			const struct survdemo_participant *x = &pl->parts[p];
			if (x->joined > y || (x->left && x->left <= y))
				continue;
			uint8_t later[NSCALE];
			if (!pl->autumn_done[p])
				scale_base(&pl->rng, pl->points[p]);
			scale_later(&pl->rng, pl->points[p], later);
			enum stage st = pl->autumn_done[p] ? stage_of(&pl->rng, 70, 6) : stage_of(&pl->rng, 30, 5);
			pl->pairs += st == COMPLETED && pl->autumn_done[p];
			e = invite(pl, &b, a->id, x->person_id, by, sent, st, later);
		}
	}
	e2 = batch_write(db, pl, &b);
	e = e ? e : e2;
	/* the LLME survey: the activity's leads, in July */
	batch_start(&b, ids[SURVEY_LLME], SURVEY_LLME);
	uint8_t none[NSCALE] = {3, 3, 3, 3, 3};
	for (size_t i = 0; i < pl->nacts && !e; i++) {
		const struct survdemo_activity *a = &pl->acts[i];
		if (y < a->first_year || y > a->last_year)
			continue;
		int64_t sent = demo_year_time(y, 7, (int)demo_rng_range(&pl->rng, 1, 10)) + demo_rng_range(&pl->rng, 0, 7) * 3600;
		for (size_t l = a->lead0; l < a->lead0 + a->nleads && !e; l++)
			e = invite(pl, &b, a->id, pl->leads[l], pl->admin, sent, stage_of(&pl->rng, 80, 5), none);
	}
	e2 = batch_write(db, pl, &b);
	return e ? e : e2;
}

static enum err surveys_make(struct db *db, struct demo *d, void *prepared)
{
	(void)prepared;
	struct surveys_plan pl = {.d = d};
	demo_rng_seed(&pl.rng, d->seed, "surveys");
	for (int i = 0; i < 64; i++)
		snprintf(numbers[i], sizeof(numbers[i]), "%d", i);
	for (size_t g = 0; g < d->ngrants && !pl.admin; g++)
		if (d->grants[g].role == ROLE_NATIONAL_ADMIN)
			pl.admin = d->people[d->grants[g].person].id;
	for (size_t i = 0; i < d->nsign_ins; i++)
		if (d->sign_ins[i].role == ROLE_PARTICIPANT)
			pl.sign_in_teacher = d->people[d->sign_ins[i].person].id;
	size_t nleads, nparts;
	enum err e = survdemo_activities(db, d->a, &pl.acts, &pl.nacts, &pl.leads, &nleads, &pl.parts, &nparts);
	if (e)
		return e;
	pl.points = xmalloc((nparts + 1) * sizeof(*pl.points));
	pl.autumn_done = xmalloc((nparts + 1) * sizeof(*pl.autumn_done));
	struct demo_aside load;
	e = survdemo_load_begin(db, d->a, &load);
	for (int y = d->first_year; y <= d->year && !e; y++)
		e = year_of_surveys(db, &pl, y);
	if (!e)
		e = demo_aside_end(db, &load);
	/* the closed years' results counted as their close would have (indexes back): each
	 * activity's sums, then the whole programme's results and paired change, once for all */
	for (size_t i = 0; i < pl.nclosed && !e; i++)
		e = survey_sums_write(db, pl.closed[i]);
	if (!e)
		e = survey_counts_all(db, d->a);
	free(pl.points);
	free(pl.autumn_done);
	if (e)
		return e;
	demo_count(d, "survey templates", pl.templates,
		   "the default autumn, summer and LLME surveys of each year; this year's summer one a draft");
	demo_count(d, "survey invites", pl.invites, "%s completed, %s part-way; at most %s completed in one survey",
		   demo_thousands(d->a, pl.completed), demo_thousands(d->a, pl.started), demo_thousands(d->a, pl.largest));
	demo_count(d, "survey answers", pl.values, "one row a value; %s people answered both autumn and summer",
		   demo_thousands(d->a, pl.pairs));
	return ERR_OK;
}

const struct demo_part surveys_demo_parts[1] = {
	{"surveys", 80, NULL, surveys_make},
};
