/*
 * demo_people.c - admin's part of the demo data (demo/demo.h): the people
 * and their roles over the five years.
 *
 * The national team (administrators, analysts, Project Leads and National
 * Links: each project has its Project Coordination Team, its Hub Lead Link
 * a Maths Hub Lead). Each hub: its leadership team (a Maths Hub Lead, two
 * or three Assistant Maths Hub Leads for Primary, Secondary and Post-16,
 * a hub manager), some of whom took over from someone who left (and is
 * deactivated) during the five years; its LLMEs, growing to the year's
 * number (50 a hub nationally), a few leaving each year (half of them
 * deactivated, the others still with their role but no designation) and
 * others joining; teachers at the open schools with their job titles, a
 * headteacher at some, some leaving (deactivated). Nobody here can sign in:
 * accounts' part gives one person of each role a password and an app.
 * Everyone and every role are written in bulk (db_insert_many: COPY on
 * PostgreSQL), then their ids read back into struct demo.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/admin.h"
#include "admin/queries.h"
#include "core/arena.h"
#include "core/util.h"
#include "db/db.h"
#include "demo/demo.h"

struct numbers {
	int llmes;      /* active LLMEs a hub in the year made */
	int teachers;
	int admins, analysts, project_leads, national_links;
};

static const struct numbers scales[] = {
	[DEMO_SMALL] = {10, 3000, 2, 2, 3, 3},
	[DEMO_NATIONAL] = {50, 60000, 6, 6, 12, 10},
};

/* A job title and how often it is given (out of its list's total). */
struct job {
	const char *title;
	unsigned weight;
};

static const struct job primary_jobs[] = {
	{"Class teacher", 40}, {"Maths lead", 15}, {"Year 6 teacher", 10}, {"Early career teacher", 10},
	{"Key stage 1 lead", 8}, {"Assistant headteacher", 10}, {"Deputy headteacher", 7},
};
static const struct job secondary_jobs[] = {
	{"Teacher of mathematics", 45}, {"Head of mathematics", 10}, {"Second in mathematics", 10},
	{"Early career teacher", 10}, {"Key stage 3 mathematics lead", 10}, {"Assistant headteacher", 10},
	{"Deputy headteacher", 5},
};
static const struct job post16_jobs[] = {
	{"Lecturer in mathematics", 50}, {"Head of mathematics", 15}, {"GCSE resit coordinator", 20},
	{"Curriculum manager", 15},
};
static const struct job other_jobs[] = {
	{"Teacher", 60}, {"Mathematics coordinator", 25}, {"Assistant headteacher", 15},
};
static const struct job llme_primary_jobs[] = {
	{"Maths lead", 45}, {"Assistant headteacher", 20}, {"Deputy headteacher", 15}, {"Class teacher", 10},
	{"Year 6 teacher", 10},
};
static const struct job llme_secondary_jobs[] = {
	{"Head of mathematics", 35}, {"Second in mathematics", 20}, {"Teacher of mathematics", 20},
	{"Assistant headteacher", 15}, {"Lead practitioner for mathematics", 10},
};
static const struct job llme_post16_jobs[] = {
	{"Head of mathematics", 40}, {"Lecturer in mathematics", 40}, {"Curriculum manager", 20},
};

static const char *pick_job(struct demo_rng *r, const struct job *jobs, size_t n)
{
	unsigned total = 0;
	for (size_t i = 0; i < n; i++)
		total += jobs[i].weight;
	unsigned x = (unsigned)demo_rng_below(r, total);
	for (size_t i = 0; i < n; i++) {
		if (x < jobs[i].weight)
			return jobs[i].title;
		x -= jobs[i].weight;
	}
	return jobs[0].title;
}

#define PICK(r, list) pick_job((r), (list), ARRAY_LEN(list))

static const char *teacher_job(struct demo_rng *r, const char *phase, bool llme)
{
	if (!phase)
		return PICK(r, other_jobs);
	if (!strcmp(phase, "Primary"))
		return llme ? PICK(r, llme_primary_jobs) : PICK(r, primary_jobs);
	if (!strcmp(phase, "Secondary"))
		return llme ? PICK(r, llme_secondary_jobs) : PICK(r, secondary_jobs);
	return llme ? PICK(r, llme_post16_jobs) : PICK(r, post16_jobs);
}

struct make {
	struct demo *d;
	struct demo_rng rng;
	const struct numbers *num;
	size_t *headteacher_at; /* by school: its headteacher, or DEMO_NONE */
};

/* A new person: a made-up name, an address at domain, joined in year
 * joined (before the years made: first_year - 1), left in left (0: not). */
static size_t person(struct make *m, enum role role, const char *domain, int joined, int left)
{
	struct demo *d = m->d;
	const char *first, *last;
	demo_name(&m->rng, &first, &last);
	struct demo_person *p = demo_person_add(d);
	p->name = arena_printf(d->a, "%s %s", first, last);
	p->email = demo_email(d, first, last, domain);
	p->role = role;
	p->joined = joined;
	p->left = left;
	/* joined in the summer before the year they start in; before the years made, a few years before */
	int start = joined;
	p->created_at = demo_year_time(start - 1, (int)demo_rng_range(&m->rng, 5, 8), (int)demo_rng_range(&m->rng, 1, 28));
	if (p->created_at > d->as_of)
		p->created_at = d->as_of;
	return d->npeople - 1;
}

/* The year someone who was there before the years made joined. */
static int before(struct make *m)
{
	return m->d->first_year - 1;
}

/* A school of the hub in the phase, a primary, secondary or post-16 one
 * (not a nursery or middle school) where it can; any of the hub's when
 * none is, or DEMO_NONE. */
static size_t school_in(struct make *m, const struct demo_hub *h, const char *phase)
{
	const struct demo *d = m->d;
	if (!h->nschools)
		return DEMO_NONE;
	const char *gias = !phase ? NULL : !strcmp(phase, "Post-16") ? "16 plus" : phase;
	for (int tries = 0; gias && tries < 60; tries++) {
		size_t s = h->schools[demo_rng_below(&m->rng, h->nschools)];
		if (!strcmp(d->schools[s].gias_phase, gias) || (tries >= 30 && d->schools[s].phase && !strcmp(d->schools[s].phase, phase)))
			return s;
	}
	return h->schools[demo_rng_below(&m->rng, h->nschools)];
}

static const char *hub_domain(struct make *m, const struct demo_hub *h)
{
	return arena_printf(m->d->a, "%s.hub.example.org", demo_email_word(m->d->a, h->name));
}

static const char *school_domain(struct make *m, size_t school)
{
	return arena_printf(m->d->a, "%s.school.example.org", m->d->schools[school].urn);
}

/* A leadership role of hub h: its holder now and, now and then, someone
 * who held it until they left during the years made (deactivated). */
static void leader(struct make *m, size_t hub, enum role role, const char *phase, const char *job, unsigned replaced_pct)
{
	struct demo *d = m->d;
	const struct demo_hub *h = &d->hubs[hub];
	size_t school = role == ROLE_AMHL ? school_in(m, h, phase) : h->lead_school;
	int took_over = before(m);
	if (demo_rng_percent(&m->rng, replaced_pct)) {
		took_over = (int)demo_rng_range(&m->rng, d->first_year + 1, d->year);
		size_t k = person(m, role, hub_domain(m, h), before(m) - (int)demo_rng_below(&m->rng, 4), took_over);
		struct demo_person *p = &d->people[k];
		p->deactivated = true;
		p->hub = hub;
		p->school = school;
		p->phase = phase;
		p->job_title = job;
		demo_grant_add(d, k, role)->hub = hub;
	}
	size_t k = person(m, role, hub_domain(m, h), took_over == before(m) ? before(m) - (int)demo_rng_below(&m->rng, 5)
									    : took_over, 0);
	struct demo_person *p = &d->people[k];
	p->hub = hub;
	p->school = school;
	p->phase = phase;
	p->job_title = job;
	demo_grant_add(d, k, role)->hub = hub;
}

/* A new LLME of hub, joined in year joined. */
static size_t llme(struct make *m, size_t hub, int joined)
{
	struct demo *d = m->d;
	const struct demo_hub *h = &d->hubs[hub];
	/* mostly primary and secondary teachers, a few from colleges and sixth forms */
	unsigned x = (unsigned)demo_rng_below(&m->rng, 100);
	size_t school = school_in(m, h, x < 55 ? "Primary" : x < 93 ? "Secondary" : "Post-16");
	size_t k = person(m, ROLE_LLME, school == DEMO_NONE ? hub_domain(m, h) : school_domain(m, school), joined, 0);
	struct demo_person *p = &d->people[k];
	p->hub = hub;
	p->school = school;
	p->phase = school == DEMO_NONE ? NULL : d->schools[school].phase;
	if (!p->phase)
		p->phase = x < 55 ? "Primary" : "Secondary";
	p->job_title = teacher_job(&m->rng, p->phase, true);
	demo_grant_add(d, k, ROLE_LLME)->hub = hub;
	return k;
}

/* The hub's LLMEs year by year: the first year's number there before, then
 * each year a few leave (8 in 100) and others join up to that year's
 * number, which grows to the scale's in the year made. */
static void llmes(struct make *m, size_t hub)
{
	struct demo *d = m->d;
	size_t from = d->npeople;
	for (int y = d->first_year; y <= d->year; y++) {
		int target = m->num->llmes * (100 - 4 * (d->year - y)) / 100, active = 0;
		if (y == d->first_year) {
			for (int i = 0; i < target; i++)
				llme(m, hub, before(m) - (int)demo_rng_below(&m->rng, 5));
			continue;
		}
		for (size_t k = from; k < d->npeople; k++) {
			struct demo_person *p = &d->people[k];
			if (p->role != ROLE_LLME || !demo_person_in(p, y - 1))
				continue;
			if (demo_rng_percent(&m->rng, 8)) {
				p->left = y;
				p->deactivated = demo_rng_percent(&m->rng, 50);
			} else {
				active++;
			}
		}
		for (; active < target; active++)
			llme(m, hub, y);
	}
}

/* Teachers at the open schools, with a headteacher at some. */
static void teachers(struct make *m)
{
	struct demo *d = m->d;
	if (!d->nschools)
		return;
	for (int i = 0; i < m->num->teachers; i++) {
		size_t school = (size_t)demo_rng_below(&m->rng, d->nschools);
		int joined = demo_rng_percent(&m->rng, 55) ? before(m) - (int)demo_rng_below(&m->rng, 6)
							   : (int)demo_rng_range(&m->rng, d->first_year, d->year);
		int left = 0;
		for (int y = joined < d->first_year ? d->first_year : joined + 1; y <= d->year && !left; y++)
			if (demo_rng_percent(&m->rng, 3))
				left = y;
		bool head = m->headteacher_at[school] == DEMO_NONE && demo_rng_percent(&m->rng, 8);
		size_t k = person(m, head ? ROLE_HEADTEACHER : ROLE_PARTICIPANT, school_domain(m, school), joined, left);
		struct demo_person *p = &d->people[k];
		p->school = school;
		p->hub = d->schools[school].hub;
		p->phase = d->schools[school].phase;
		p->deactivated = left && demo_rng_percent(&m->rng, 80);
		p->job_title = head ? (demo_rng_percent(&m->rng, 10) ? "Executive headteacher" : "Headteacher")
				    : teacher_job(&m->rng, p->phase, false);
		struct demo_grant *g = demo_grant_add(d, k, p->role);
		if (head) {
			g->school = school;
			m->headteacher_at[school] = k;
		} else {
			g->hub = p->hub;
		}
	}
}

/* The national team, and each project's coordination team. */
static void national(struct make *m)
{
	struct demo *d = m->d;
	static const char *const domain = "national.example.org";
	static const struct {
		enum role role;
		const char *job;
	} kinds[] = {
		{ROLE_NATIONAL_ADMIN, "Maths Hubs programme manager"},
		{ROLE_NATIONAL_ANALYST, "Data and evaluation analyst"},
		{ROLE_PROJECT_LEAD, "Project Lead"},
		{ROLE_NATIONAL_LINK, "National Link"},
	};
	const int counts[] = {m->num->admins, m->num->analysts, m->num->project_leads, m->num->national_links};
	size_t first[ARRAY_LEN(kinds)];
	for (size_t k = 0; k < ARRAY_LEN(kinds); k++) {
		first[k] = d->npeople;
		for (int i = 0; i < counts[k]; i++) {
			int joined = demo_rng_percent(&m->rng, 70) ? before(m) - (int)demo_rng_below(&m->rng, 6)
								   : (int)demo_rng_range(&m->rng, d->first_year, d->year);
			size_t p = person(m, kinds[k].role, domain, joined, 0);
			d->people[p].job_title = kinds[k].job;
			if (kinds[k].role == ROLE_NATIONAL_ADMIN || kinds[k].role == ROLE_NATIONAL_ANALYST)
				demo_grant_add(d, p, kinds[k].role);
		}
	}
	for (size_t j = 0; j < d->nprojects; j++) {
		demo_grant_add(d, first[2] + j % (size_t)counts[2], ROLE_PROJECT_LEAD)->project_id = d->projects[j].id;
		demo_grant_add(d, first[3] + j % (size_t)counts[3], ROLE_NATIONAL_LINK)->project_id = d->projects[j].id;
	}
}

/* Each project's Hub Lead Link: the Maths Hub Lead of a hub, in turn. */
static void hub_lead_links(struct make *m, const size_t *mhl)
{
	struct demo *d = m->d;
	for (size_t j = 0; j < d->nprojects && d->nhubs; j++)
		demo_grant_add(d, mhl[j % d->nhubs], ROLE_HUB_LEAD_LINK)->project_id = d->projects[j].id;
}

/* ---- writing ---- */

static struct db_value nullable_text(const char *s)
{
	return s ? DB_S(s) : DB_NULL;
}

static enum err write_people(struct db *db, struct demo *d)
{
	struct db_value *v = xmalloc((d->npeople + 1) * PEOPLE_MANY_COLUMNS * sizeof(*v));
	for (size_t i = 0; i < d->npeople; i++) {
		const struct demo_person *p = &d->people[i];
		struct db_value *row = v + i * PEOPLE_MANY_COLUMNS;
		row[0] = DB_S(p->email);
		row[1] = DB_S(p->name);
		row[2] = DB_I(p->deactivated ? 0 : 1);
		row[3] = DB_I(p->created_at);
		row[4] = nullable_text(p->school == DEMO_NONE ? NULL : d->schools[p->school].urn);
		row[5] = DB_S(p->job_title ? p->job_title : "");
		row[6] = p->deactivated ? DB_I(demo_time(p->left, 8, 31)) : DB_NULL;
	}
	enum err e = people_insert_many(db, v, d->npeople);
	free(v);
	return e;
}

static enum err write_grants(struct db *db, struct demo *d)
{
	struct db_value *v = xmalloc((d->ngrants + 1) * GRANTS_MANY_COLUMNS * sizeof(*v));
	int64_t projects_from = demo_time(2024, 7, 1); /* the catalogue's projects are 2024/25's */
	for (size_t i = 0; i < d->ngrants; i++) {
		const struct demo_grant *g = &d->grants[i];
		const struct demo_person *p = &d->people[g->person];
		int64_t at = p->created_at;
		if (g->project_id && at < projects_from)
			at = projects_from < d->as_of ? projects_from : d->as_of;
		struct db_value *row = v + i * GRANTS_MANY_COLUMNS;
		row[0] = DB_I(p->id);
		row[1] = DB_S(role_key(g->role));
		row[2] = g->hub == DEMO_NONE ? DB_NULL : DB_I(d->hubs[g->hub].id);
		row[3] = g->project_id ? DB_I(g->project_id) : DB_NULL;
		row[4] = g->school == DEMO_NONE ? DB_NULL : DB_S(d->schools[g->school].urn);
		row[5] = DB_I(at);
		row[6] = DB_S("demo data");
	}
	enum err e = grants_insert_many(db, v, d->ngrants);
	free(v);
	return e;
}

/* Ids read back in the order written (the tables were empty), each row
 * checked against what was written. */
struct read_back {
	struct demo *d;
	size_t next;
	bool mismatch;
};

static void person_id(void *ctx, int64_t id, const char *email)
{
	struct read_back *r = ctx;
	if (r->next >= r->d->npeople || strcmp(r->d->people[r->next].email, email)) {
		r->mismatch = true;
		return;
	}
	r->d->people[r->next++].id = id;
}

static void grant_id(void *ctx, int64_t id, int64_t person, const char *role)
{
	struct read_back *r = ctx;
	struct demo_grant *g = r->next < r->d->ngrants ? &r->d->grants[r->next] : NULL;
	if (!g || r->d->people[g->person].id != person || strcmp(role_key(g->role), role)) {
		r->mismatch = true;
		return;
	}
	g->id = id;
	r->next++;
}

static enum err people_make(struct db *db, struct demo *d, void *prepared)
{
	(void)prepared;
	struct make m = {.d = d, .num = &scales[d->scale]};
	demo_rng_seed(&m.rng, d->seed, "people");
	m.headteacher_at = arena_alloc(d->a, (d->nschools + 1) * sizeof(size_t));
	for (size_t s = 0; s < d->nschools; s++)
		m.headteacher_at[s] = DEMO_NONE;
	national(&m);
	size_t *mhl = arena_alloc(d->a, (d->nhubs + 1) * sizeof(*mhl));
	for (size_t h = 0; h < d->nhubs; h++) {
		leader(&m, h, ROLE_MHL, NULL, "Maths Hub Lead", 20);
		mhl[h] = d->npeople - 1;
		int amhls = demo_rng_percent(&m.rng, 50) ? 3 : 2;
		static const char *const phases[] = {"Primary", "Secondary", "Post-16"};
		for (int a = 0; a < amhls; a++)
			leader(&m, h, ROLE_AMHL, phases[a], arena_printf(d->a, "Assistant Maths Hub Lead (%s)", phases[a]), 15);
		leader(&m, h, ROLE_HUB_MANAGER, NULL, "Maths Hub manager", 15);
		llmes(&m, h);
	}
	hub_lead_links(&m, mhl);
	teachers(&m);
	enum err e = write_people(db, d);
	struct read_back r = {.d = d};
	if (!e)
		e = people_each(db, person_id, &r);
	if (!e && (r.mismatch || r.next != d->npeople)) {
		snprintf(d->msg, sizeof(d->msg), "people: the people written were read back otherwise");
		return ERR_SYSTEM;
	}
	if (!e)
		e = write_grants(db, d);
	r = (struct read_back){.d = d};
	if (!e)
		e = grants_each(db, grant_id, &r);
	if (!e && (r.mismatch || r.next != d->ngrants)) {
		snprintf(d->msg, sizeof(d->msg), "people: the roles written were read back otherwise");
		return ERR_SYSTEM;
	}
	if (e)
		return e;
	/* the summary */
	int64_t national_staff = 0, leaders = 0, former_leaders = 0, llmes_now = 0, llmes_left = 0, teachers_n = 0,
		heads = 0, deactivated = 0;
	for (size_t i = 0; i < d->npeople; i++) {
		const struct demo_person *p = &d->people[i];
		deactivated += p->deactivated;
		switch (p->role) {
		case ROLE_MHL:
		case ROLE_AMHL:
		case ROLE_HUB_MANAGER:
			p->left ? former_leaders++ : leaders++;
			break;
		case ROLE_LLME:
			demo_person_in(p, d->year) ? llmes_now++ : llmes_left++;
			break;
		case ROLE_PARTICIPANT:
		case ROLE_HEADTEACHER:
			teachers_n++;
			heads += p->role == ROLE_HEADTEACHER;
			break;
		default:
			national_staff++;
		}
	}
	demo_count(d, "national team", national_staff, "administrators, analysts, Project Leads, National Links");
	demo_count(d, "hub leadership", leaders, "Maths Hub Leads, AMHLs with their phase, hub managers (%s left)",
		   demo_thousands(d->a, former_leaders));
	demo_count(d, "LLMEs this year", llmes_now, "%d a hub (%s more left in the five years)", m.num->llmes,
		   demo_thousands(d->a, llmes_left));
	demo_count(d, "teachers", teachers_n, "at the open schools, with job titles (%s headteachers)",
		   demo_thousands(d->a, heads));
	demo_count(d, "people", (int64_t)d->npeople, "in all, %s deactivated (they left)", demo_thousands(d->a, deactivated));
	demo_count(d, "roles", (int64_t)d->ngrants, "given to them");
	return ERR_OK;
}

const struct demo_part admin_demo_parts[1] = {
	{"people", 20, NULL, people_make},
};
