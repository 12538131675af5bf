/*
 * results_access.c - who reads which survey results, and the reading
 * itself (results.h): the reader's reach from their grants, the group
 * from the query (?ncp=, ?hub=, ?activity=) checked against it, and one
 * named read transaction for the results of a template, its completion
 * roll-up (completion.h) and the paired change of a year. Refusals: 400
 * for a filter not understood (a page shows its filter form again with an
 * error summary, a download answers an error page), 403 for a group beyond
 * the reader, 404 for a template that is not there, or has never been
 * open and the reader does not keep it (a draft: nothing to show).
 */
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth/perm.h"
#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "http/request.h"
#include "surveys/completion.h"
#include "surveys/pages.h"
#include "surveys/results.h"

struct survey_reader survey_reader_of(const struct session *s)
{
	struct survey_reader best = {.reach = REACH_NONE};
	if (!s || !s->person_id)
		return best;
	for (size_t i = 0; i < s->ngrants; i++) {
		struct perm_scope sc;
		if (!perm_scopes(&s->grants[i], 1, s->person_id, CAP_SURVEYS_RESULTS, &sc, 1))
			continue;
		struct survey_reader r = {.reach = REACH_NONE};
		if (s->grants[i].role == ROLE_LLME)
			r = (struct survey_reader){.reach = REACH_LEADS, .id = s->person_id, .free_text = true};
		else if (sc.kind == SCOPE_NATIONAL)
			r = (struct survey_reader){.reach = REACH_NATIONAL, .free_text = true};
		else if (sc.kind == SCOPE_PROJECT)
			r = (struct survey_reader){.reach = REACH_PROJECT, .ids = {sc.id}, .nids = 1};
		else if (sc.kind == SCOPE_HUB)
			r = (struct survey_reader){.reach = REACH_HUB, .ids = {sc.id}, .nids = 1, .free_text = true};
		if (r.reach > best.reach)
			best = r;
		else if (r.reach == best.reach && r.nids && !survey_reader_has(&best, r.ids[0]) &&
			 best.nids < SURVEY_READER_IDS)
			best.ids[best.nids++] = r.ids[0]; /* another NCP (each year's is its own) or hub */
	}
	return best;
}

bool survey_reader_has(const struct survey_reader *rd, int64_t id)
{
	for (size_t i = 0; id && i < rd->nids; i++)
		if (rd->ids[i] == id)
			return true;
	return false;
}

bool survey_reader_covers(const struct survey_reader *rd, int64_t project_id, int64_t lead_hub_id, bool leads)
{
	switch (rd->reach) {
	case REACH_NATIONAL:
		return true;
	case REACH_PROJECT:
		return survey_reader_has(rd, project_id);
	case REACH_HUB:
		return survey_reader_has(rd, lead_hub_id);
	case REACH_LEADS:
		return leads;
	default:
		return false;
	}
}

/* rd's hubs or NCPs as "3,7". */
static const char *reader_ids(struct arena *a, const struct survey_reader *rd)
{
	const char *s = "";
	for (size_t i = 0; i < rd->nids; i++)
		s = arena_printf(a, "%s%s%lld", s, i ? "," : "", (long long)rd->ids[i]);
	return s;
}

/* ---- the group ---- */

/* A refusal found while reading: answered after the transaction. */
struct refusal {
	int status; /* 0: none */
	const char *title, *why;
};

static void refuse(struct refusal *f, int status, const char *title, const char *why)
{
	if (!f->status)
		*f = (struct refusal){status, title, why};
}

static char *upper(struct arena *a, const char *s)
{
	char *u = arena_strdup(a, s);
	for (char *p = u; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return u;
}

/* A filter not understood: a 400, and (for the page's error summary) its
 * field and why in g; the filter is then left out of the group. */
static void bad_filter(struct survey_group *g, struct refusal *f, const char *field, const char *title, const char *why)
{
	refuse(f, 400, title, why);
	if (g->nbad < sizeof(g->bad) / sizeof(g->bad[0]))
		g->bad[g->nbad++] = (struct survey_bad_filter){field, why};
}

/* The filters as asked; one not understood is a 400 (bad_filter). */
static void group_asked(struct req *rq, struct survey_group *g, struct refusal *f)
{
	struct arena *a = rq->arena;
	const char *ncp = req_query(rq, "ncp"), *hub = req_query(rq, "hub"), *act = req_query(rq, "activity");
	*g = (struct survey_group){0};
	if (ncp && *ncp)
		g->ncp_code = ncp; /* as the catalogue has it ("NCP26-07a"), found whatever its case */
	if (hub && *hub)
		g->hub_code = upper(a, hub);
	if (act && *act) {
		char *end;
		errno = 0;
		long long id = strtoll(act, &end, 10);
		g->activity_asked = act;
		if (*end || id <= 0 || act[0] == '+')
			bad_filter(g, f, "activity", "Activity not recognised",
				   "Enter the activity as a number, like 120");
		else if (errno == ERANGE) /* more digits than any activity's number: said as asked, not as clipped */
			bad_filter(g, f, "activity", "Activity not recognised",
				   arena_printf(a, "There is no activity number %s.", act));
		else
			g->activity_id = id;
	}
}

/* Resolves the group's codes (hubs and ncps already read) and narrows it
 * to the reader: their hub, their NCP, the activities they lead. */
static enum err group_resolve(struct db *db, struct arena *a, struct survey_group *g, const struct survey_reader *rd,
			      int year, struct refusal *f)
{
	char ycode[8];
	acyear_code(year, ycode);
	if (g->ncp_code) {
		size_t i;
		for (i = 0; i < g->nncps && strcasecmp(g->ncps[i].code, g->ncp_code); i++)
			;
		if (i == g->nncps) {
			/* an NCP of another year: an activity running over two years answers this year's survey */
			struct survey_choice c;
			enum err e = survey_ncp_find(db, a, g->ncp_code, &c);
			if (e && e != ERR_NOT_FOUND)
				return e;
			if (!e) {
				struct survey_choice *more = arena_alloc(a, (g->nncps + 1) * sizeof(*more));
				memcpy(more, g->ncps, g->nncps * sizeof(*more));
				more[g->nncps++] = c;
				g->ncps = more;
			}
		}
		if (i < g->nncps) {
			g->project_id = g->ncps[i].id;
			g->ncp_code = g->ncps[i].code;
			g->ncp_title = g->ncps[i].name;
		} else {
			/* a Project Lead's NCP is fixed (no list to choose from) */
			bad_filter(g, f, "ncp", "NCP not recognised",
				   arena_printf(a, "There is no NCP %s in %s. %s", g->ncp_code, ycode,
						rd->reach == REACH_PROJECT ? "Clear the filters to see your own NCP's results."
									   : "Choose one from the list."));
			g->ncp_code = NULL;
		}
	}
	if (g->hub_code) {
		size_t i;
		for (i = 0; i < g->nhubs && strcmp(g->hubs[i].code, g->hub_code); i++)
			;
		if (i == g->nhubs) {
			/* a hub's leadership's hub is fixed (no list to choose from) */
			bad_filter(g, f, "hub", "Hub not recognised",
				   arena_printf(a, "There is no hub with the code %s. %s", g->hub_code,
						rd->reach == REACH_HUB ? "Clear the filters to see your own hub's results."
								       : "Choose one from the list."));
			g->hub_code = NULL;
		} else {
			g->hub_id = g->hubs[i].id;
			g->hub_name = g->hubs[i].name;
		}
	}
	struct survey_activity act = {0};
	if (g->activity_id) {
		enum err e = survey_activity_find(db, a, g->activity_id, rd->reach == REACH_LEADS ? rd->id : 0, &act);
		if (e && e != ERR_NOT_FOUND)
			return e;
		if (e) {
			bad_filter(g, f, "activity", "Activity not recognised",
				   arena_printf(a, "There is no activity number %lld.", (long long)g->activity_id));
			g->activity_id = 0;
		} else
			g->activity_title = act.title;
	}
	switch (rd->reach) {
	case REACH_PROJECT:
		if ((g->project_id && !survey_reader_has(rd, g->project_id)) ||
		    (g->activity_id && !survey_reader_has(rd, act.project_id))) {
			refuse(f, 403, "You cannot see these results", "An NCP's Project Lead sees their own NCPs' results.");
			return ERR_OK;
		}
		if (g->project_id)
			break;
		if (rd->nids > 1) {
			g->project_ids = reader_ids(a, rd);
			break;
		}
		g->project_id = rd->ids[0];
		for (size_t i = 0; i < g->nncps; i++)
			if (g->ncps[i].id == rd->ids[0]) {
				g->ncp_code = g->ncps[i].code;
				g->ncp_title = g->ncps[i].name;
			}
		break;
	case REACH_HUB:
		if ((g->hub_id && !survey_reader_has(rd, g->hub_id)) ||
		    (g->activity_id && !survey_reader_has(rd, act.lead_hub_id))) {
			refuse(f, 403, "You cannot see these results",
			       "A hub's leadership sees the results of the activities their hub leads.");
			return ERR_OK;
		}
		if (g->hub_id)
			break;
		if (rd->nids > 1) {
			g->hub_ids = reader_ids(a, rd);
			break;
		}
		g->hub_id = rd->ids[0];
		for (size_t i = 0; i < g->nhubs; i++)
			if (g->hubs[i].id == rd->ids[0]) {
				g->hub_code = g->hubs[i].code;
				g->hub_name = g->hubs[i].name;
			}
		break;
	case REACH_LEADS:
		if (g->activity_id && !act.led_by) {
			refuse(f, 403, "You cannot see these results", "An LLME sees the results of the activities they lead.");
			return ERR_OK;
		}
		g->lead_person = rd->id;
		break;
	case REACH_NATIONAL:
		break;
	default:
		refuse(f, 403, "You cannot see survey results", "Survey results are for the people who run activities.");
	}
	return ERR_OK;
}

static struct survey_filter filter_of(struct arena *a, const struct survey_group *g, int64_t template_id,
				      const char *keys)
{
	const char *projects = g->project_id ? arena_printf(a, "%lld", (long long)g->project_id)
					     : g->project_ids ? g->project_ids : "";
	const char *hubs = g->hub_id ? arena_printf(a, "%lld", (long long)g->hub_id) : g->hub_ids ? g->hub_ids : "";
	return (struct survey_filter){.template_id = template_id, .projects = projects, .hubs = hubs,
				      .activity_id = g->activity_id, .lead_person = g->lead_person, .keys = keys};
}

static enum err answer_refusal(struct resp *rs, const struct refusal *f, const char *back, const char *back_text)
{
	return resp_error_page(rs, f->status, f->title, f->why, back, back_text);
}

/* A refusal after the read. A page's filters not understood (page, and
 * g->nbad): the status only, the page shows its form with them. A group
 * beyond the reader: back to what they can see, under (the template's
 * results or completion, or the year's paired change: "" for the reader
 * refused the template itself, who goes to the year's). */
static enum err answer_after(struct req *rq, struct resp *rs, const struct refusal *f, const struct survey_group *g,
			     const struct survey_reader *rd, bool page, const char *under, int year, bool *done)
{
	struct arena *a = rq->arena;
	if (page && f->status == 400 && g->nbad) {
		rs->status = 400;
		*done = false;
		return ERR_OK;
	}
	const char *back = under && *under ? under : arena_printf(a, "/surveys/paired?year=%d", year);
	const char *text = rd->reach == REACH_LEADS	? "The results of the activities you lead"
			   : rd->reach == REACH_HUB	? "Your hub's results"
			   : rd->reach == REACH_PROJECT ? "Your NCP's results"
							: "The results of every activity";
	if (!under || !*under)
		text = "The year's survey results you can see";
	if (rd->reach == REACH_NONE)
		back = text = NULL;
	return answer_refusal(rs, f, back, text);
}

/* Whether the reader may see anything of template t: a survey never open
 * (a draft) has nothing to show, and is there only for those who keep it. */
static bool template_shown(const struct req *rq, const struct survey_template *t)
{
	return t->status != SURVEY_DRAFT || surveys_may_read(rq, t);
}

enum survey_wider survey_wider_of(const struct survey_reader *rd, const struct survey_group *g)
{
	switch (rd->reach) {
	case REACH_LEADS:
		return WIDER_HUB;
	case REACH_HUB:
		return g->activity_id || g->project_id || (rd->nids > 1 && g->hub_id) ? WIDER_SEEN : WIDER_NATIONAL;
	case REACH_PROJECT:
		return g->activity_id || g->hub_id || (rd->nids > 1 && g->project_id) ? WIDER_SEEN : WIDER_NATIONAL;
	default:
		return WIDER_SEEN;
	}
}

/* ---- a template's results ---- */

struct results_read {
	struct survey_results *r;
	struct refusal f;
	size_t texts_limit; /* of each question (0: all) */
	bool template_refused; /* f: the template itself is beyond the reader */
};

/* The keys of the reported (or, internal, the internal) sections'
 * questions, "a,b,c", and the results' rows for them. */
static const char *question_keys(struct arena *a, struct survey_results *r, bool internal)
{
	size_t n = survey_question_count(&r->c), k = 0;
	r->q = arena_alloc(a, (n + 1) * sizeof(*r->q));
	for (size_t i = 0; i < r->c.nsections; i++) {
		const struct survey_section *s = &r->c.sections[i];
		for (size_t j = 0; s->internal == internal && j < s->nquestions; j++)
			r->q[k++] = (struct survey_qresult){.q = &s->questions[j], .section = s->title};
	}
	r->nq = k;
	return survey_keys_of(a, &r->c, internal, false);
}

bool survey_has_internal(const struct survey_content *c)
{
	for (size_t i = 0; i < c->nsections; i++)
		if (c->sections[i].internal && c->sections[i].nquestions)
			return true;
	return false;
}

static int text_order(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static struct survey_qresult *qresult_of(struct survey_results *r, const char *key)
{
	for (size_t i = 0; key && i < r->nq; i++)
		if (!strcmp(r->q[i].q->key, key))
			return &r->q[i];
	return NULL;
}

static int unit_order(const void *x, const void *y)
{
	return strcmp((*(struct survey_unit_of *const *)x)->key, (*(struct survey_unit_of *const *)y)->key);
}

/* Sets each unit's shown by the blocks of its key's units (survey_units_blocks).
 * The group's units not shown as "activity:key,..." for the SQL to leave
 * out ("": none). */
static const char *units_shown(struct arena *a, struct survey_unit_of **u, size_t n)
{
	if (n)
		qsort(u, n, sizeof(*u), unit_order);
	const char *left = "";
	for (size_t s = 0, e; s < n; s = e) {
		for (e = s; e < n && !strcmp(u[e]->key, u[s]->key); e++)
			;
		survey_units_blocks(a, u + s, e - s);
		for (size_t i = s; i < e; i++)
			if (u[i]->in_group && !u[i]->shown)
				left = arena_printf(a, "%s%s%lld:%s", left, *left ? "," : "", (long long)u[i]->activity,
						    u[i]->key);
	}
	return left;
}

static enum err results_read(struct db *db, void *ctx)
{
	struct results_read *x = ctx;
	struct survey_results *r = x->r;
	struct arena *a = r->rq->arena;
	enum err e = survey_template_read(db, a, r->id, &r->t);
	if (e)
		return e;
	if (!survey_content_parse(a, r->t.content, &r->c))
		return ERR_DB;
	if (!template_shown(r->rq, &r->t))
		return ERR_NOT_FOUND;
	if (r->reader.reach == REACH_PROJECT && r->t.project_id && !survey_reader_has(&r->reader, r->t.project_id)) {
		refuse(&x->f, 403, "You cannot see these results", "An NCP's Project Lead sees their own NCP's results.");
		x->template_refused = true;
		return ERR_OK;
	}
	if ((e = survey_hubs_all(db, a, &r->g.hubs, &r->g.nhubs)) ||
	    (e = survey_ncps_of_year(db, a, r->t.year, &r->g.ncps, &r->g.nncps)) ||
	    (e = group_resolve(db, a, &r->g, &r->reader, r->t.year, &x->f)) || x->f.status)
		return e;
	const char *keys = question_keys(a, r, r->internal);
	struct survey_filter f = filter_of(a, &r->g, r->id, keys);
	struct survey_unit_row *ur;
	struct survey_count *ct;
	struct survey_text *tx = NULL;
	size_t nur, nct, ntx = 0;
	if ((e = survey_results_completion(db, a, &f, &r->invited, &r->completed)))
		return e;
	/* answers only once the survey has closed: a result that moves as each
	 * person finishes tells, beside the list of who has not, what each said */
	r->released = r->t.status == SURVEY_CLOSED;
	if (!r->released)
		return ERR_OK;
	/* the whole programme's (the national team's, unfiltered) as counted at close; a group's from
	 * each activity's sums, in blocks (units_shown); the downloads' free texts, all, from the answers */
	bool whole = !r->internal && survey_filter_whole(&f); /* the totals hold reported keys only */
	if ((e = whole ? survey_totals_units(db, a, r->id, &ur, &nur) : survey_results_units(db, a, &f, &ur, &nur)))
		return e;
	f.left_out = "";
	if (!whole) {
		struct survey_unit_of **u = arena_alloc(a, (nur + 1) * sizeof(*u));
		for (size_t i = 0; i < nur; i++)
			u[i] = &ur[i].u;
		f.left_out = units_shown(a, u, nur);
	}
	for (size_t i = 0; i < nur; i++) {
		struct survey_qresult *q = qresult_of(r, ur[i].u.key);
		if (q && ur[i].u.shown) {
			q->answered += ur[i].u.n;
			q->sum += ur[i].sum;
		} else if (q && ur[i].u.in_group)
			q->left_out += ur[i].u.n;
	}
	/* the free texts of the text questions only: their keys, the values of no other read */
	struct survey_filter ft = f;
	ft.keys = survey_keys_of(a, &r->c, r->internal, true);
	bool kept = whole && x->texts_limit && x->texts_limit <= SURVEY_TEXTS_SHOWN;
	if ((e = whole ? survey_totals_counts(db, a, r->id, &ct, &nct) : survey_results_counts(db, a, &f, &ct, &nct)))
		return e;
	if (r->reader.free_text && *ft.keys &&
	    (e = kept ? survey_totals_texts(db, a, r->id, x->texts_limit, &tx, &ntx)
		      : survey_results_texts(db, a, &ft, x->texts_limit, &tx, &ntx)))
		return e;
	/* the rows come by key: each question's counts are one run of them */
	for (size_t i = 0; i < nct; i++) {
		struct survey_qresult *q = qresult_of(r, ct[i].key);
		if (!q || q->q->type == SQ_NUMBER || q->q->type == SQ_TEXT)
			continue;
		if (!q->counts)
			q->counts = arena_alloc(a, (nct - i) * sizeof(*q->counts));
		q->counts[q->ncounts++] = (struct survey_option_count){ct[i].num, ct[i].n};
	}
	for (size_t i = 0; i < ntx; i++) {
		struct survey_qresult *q = qresult_of(r, tx[i].key);
		if (!q || q->q->type != SQ_TEXT)
			continue;
		if (!q->texts)
			q->texts = arena_alloc(a, (ntx - i) * sizeof(*q->texts));
		q->texts[q->ntexts++] = tx[i].text;
		q->texts_all = tx[i].all;
	}
	/* in the order of their words, the same on both engines: never the order they came in */
	for (size_t i = 0; i < r->nq; i++)
		if (r->q[i].ntexts > 1)
			qsort(r->q[i].texts, r->q[i].ntexts, sizeof(*r->q[i].texts), text_order);
	return ERR_OK;
}

static enum err results_load(struct req *rq, struct resp *rs, struct survey_results *r, const char *name,
			     size_t texts_limit, bool page, bool internal, bool *done)
{
	*r = (struct survey_results){.rq = rq, .id = req_param_id(rq, "id"), .reader = survey_reader_of(rq->session),
				     .internal = internal};
	*done = true;
	struct results_read x = {.r = r, .texts_limit = texts_limit};
	/* the internal sections' answers: the national team's only, whatever the group */
	if (internal && r->reader.reach != REACH_NATIONAL)
		return resp_error_page(rs, 403, "You cannot see these answers",
				       "The answers to a survey's internal (quality assurance) sections are read by the "
				       "national team only.",
				       NULL, NULL);
	group_asked(rq, &r->g, &x.f);
	if (x.f.status && !page)
		return answer_refusal(rs, &x.f, NULL, NULL);
	enum err e = r->id ? db_transact_named(rq->db, DB_READ, name, results_read, &x) : ERR_NOT_FOUND;
	if (e == ERR_NOT_FOUND)
		return resp_error_page(rs, 404, "Survey not found", "There is no survey with that number.", NULL, NULL);
	if (e)
		return e;
	if (x.f.status)
		return answer_after(rq, rs, &x.f, &r->g, &r->reader, page,
				    x.template_refused ? ""
						       : surveys_href(rq->arena, r->id, internal ? "quality-assurance" : "results"),
				    r->t.year, done);
	*done = false;
	return ERR_OK;
}

enum err survey_results_load(struct req *rq, struct resp *rs, struct survey_results *r, const char *name,
			     size_t texts_limit, bool *done)
{
	return results_load(rq, rs, r, name, texts_limit, false, false, done);
}

enum err survey_results_page_load(struct req *rq, struct resp *rs, struct survey_results *r, const char *name,
				  size_t texts_limit, bool *done)
{
	return results_load(rq, rs, r, name, texts_limit, true, false, done);
}

enum err survey_internal_load(struct req *rq, struct resp *rs, struct survey_results *r, const char *name,
			      size_t texts_limit, bool *done)
{
	return results_load(rq, rs, r, name, texts_limit, false, true, done);
}

/* ---- the paired change of a year ---- */

struct paired_read {
	struct survey_paired *p;
	struct refusal f;
};

static enum err paired_read(struct db *db, void *ctx)
{
	struct paired_read *x = ctx;
	struct survey_paired *p = x->p;
	struct arena *a = p->rq->arena;
	struct survey_template *all;
	size_t n;
	enum err e;
	if ((e = survey_templates_of_year(db, a, p->year, &all, &n)) || (e = survey_hubs_all(db, a, &p->g.hubs, &p->g.nhubs)) ||
	    (e = survey_ncps_of_year(db, a, p->year, &p->g.ncps, &p->g.nncps)) ||
	    (e = group_resolve(db, a, &p->g, &p->reader, p->year, &x->f)) || x->f.status)
		return e;
	/* the year's surveys whose results the reader may open (a draft: only those who keep it) */
	p->templates = arena_alloc(a, (n + 1) * sizeof(*p->templates));
	for (size_t i = 0; i < n; i++)
		if ((p->reader.reach != REACH_PROJECT || !all[i].project_id ||
		     survey_reader_has(&p->reader, all[i].project_id)) &&
		    template_shown(p->rq, &all[i]))
			p->templates[p->ntemplates++] = all[i];
	struct survey_filter f = filter_of(a, &p->g, 0, "");
	/* the whole programme's, as counted at the last close of one of the year's surveys (counted.c) */
	if (p->reader.reach == REACH_NATIONAL && survey_filter_whole(&f)) {
		bool counted;
		if ((e = survey_paired_counted(db, a, p, all, n, &counted)) || counted)
			return e;
	}
	return survey_paired_work(db, a, p, all, n, &f);
}

/* The academic year now: 2026 for 2026/27. */
static int year_now(void)
{
	char today[11];
	int y = 2024;
	clock_today(today);
	acyear_of_date(today, &y);
	return y;
}

static enum err paired_load(struct req *rq, struct resp *rs, struct survey_paired *p, const char *name, bool page,
			    bool *done)
{
	*p = (struct survey_paired){.rq = rq, .reader = survey_reader_of(rq->session)};
	*done = true;
	struct paired_read x = {.p = p};
	const char *y = req_query(rq, "year");
	if (y && *y) {
		char *end;
		long v = strtol(y, &end, 10);
		if (*end || v < 2000 || v > 2100)
			refuse(&x.f, 400, "Year not recognised", "The year must be written like 2026 (for 2026/27).");
		p->year = (int)v;
	} else
		p->year = year_now();
	if (x.f.status) /* the year: not a filter of the form (its links carry it) */
		return answer_refusal(rs, &x.f, "/surveys/paired", "This year's survey results");
	group_asked(rq, &p->g, &x.f);
	if (x.f.status && !page)
		return answer_refusal(rs, &x.f, NULL, NULL);
	enum err e = db_transact_named(rq->db, DB_READ, name, paired_read, &x);
	if (e)
		return e;
	if (x.f.status)
		return answer_after(rq, rs, &x.f, &p->g, &p->reader, page, "", p->year, done);
	*done = false;
	return ERR_OK;
}

enum err survey_paired_load(struct req *rq, struct resp *rs, struct survey_paired *p, const char *name, bool *done)
{
	return paired_load(rq, rs, p, name, false, done);
}

enum err survey_paired_page_load(struct req *rq, struct resp *rs, struct survey_paired *p, const char *name, bool *done)
{
	return paired_load(rq, rs, p, name, true, done);
}

/* ---- the completion roll-up (completion.h) ---- */

struct rollup_read {
	struct survey_rollup *r;
	struct refusal f;
};

static enum err rollup_read(struct db *db, void *ctx)
{
	struct rollup_read *x = ctx;
	struct survey_rollup *r = x->r;
	struct arena *a = r->rq->arena;
	enum err e = survey_template_read(db, a, r->id, &r->t);
	if (e)
		return e;
	if (r->reader.reach == REACH_PROJECT && r->t.project_id && !survey_reader_has(&r->reader, r->t.project_id)) {
		refuse(&x->f, 403, "You cannot see this completion", "An NCP's Project Lead sees their own NCP's surveys.");
		return ERR_OK;
	}
	if ((e = survey_hubs_all(db, a, &r->g.hubs, &r->g.nhubs)) ||
	    (e = survey_ncps_of_year(db, a, r->t.year, &r->g.ncps, &r->g.nncps)) ||
	    (e = group_resolve(db, a, &r->g, &r->reader, r->t.year, &x->f)) || x->f.status)
		return e;
	/* an LLME's hub or NCP narrows the activities they lead (group_resolve set
	 * lead_person), as on the results page: never a hub's or an NCP's whole roll-up */
	struct survey_filter f = filter_of(a, &r->g, r->id, "");
	r->by_ncp = !r->g.project_id && !r->g.activity_id && !r->g.lead_person;
	r->by_hub = !r->g.hub_id && !r->g.activity_id && !r->g.lead_person;
	r->by_activity = r->g.hub_id || r->g.project_id || r->g.activity_id || r->g.lead_person;
	if ((e = survey_results_completion(db, a, &f, &r->invited, &r->completed)) ||
	    (r->by_ncp && (e = survey_rollup_rows(db, a, &f, ROLLUP_NCP, &r->ncps, &r->nncps))) ||
	    (r->by_hub && (e = survey_rollup_rows(db, a, &f, ROLLUP_HUB, &r->hubs, &r->nhubs))) ||
	    (r->by_activity && (e = survey_rollup_rows(db, a, &f, ROLLUP_ACTIVITY, &r->activities, &r->nactivities))))
		return e;
	return ERR_OK;
}

static enum err completion_load(struct req *rq, struct resp *rs, struct survey_rollup *r, const char *name, bool page,
				bool *done)
{
	*r = (struct survey_rollup){.rq = rq, .id = req_param_id(rq, "id"), .reader = survey_reader_of(rq->session)};
	*done = true;
	struct rollup_read x = {.r = r};
	group_asked(rq, &r->g, &x.f);
	if (x.f.status && !page)
		return answer_refusal(rs, &x.f, NULL, NULL);
	enum err e = r->id ? db_transact_named(rq->db, DB_READ, name, rollup_read, &x) : ERR_NOT_FOUND;
	if (!e && !template_shown(rq, &r->t)) /* a draft: nothing to show but to those who keep it */
		e = ERR_NOT_FOUND;
	if (e == ERR_NOT_FOUND)
		return resp_error_page(rs, 404, "Survey not found", "There is no survey with that number.", NULL, NULL);
	if (e)
		return e;
	if (x.f.status) {
		if (page && x.f.status == 400 && r->g.nbad)
			return answer_after(rq, rs, &x.f, &r->g, &r->reader, true, NULL, r->t.year, done);
		/* the template beyond the reader (a Project Lead's other NCP): the year's results */
		bool mine = r->reader.reach != REACH_PROJECT || !r->t.project_id ||
			    survey_reader_has(&r->reader, r->t.project_id);
		return answer_refusal(rs, &x.f,
				      mine ? surveys_href(rq->arena, r->id, "completion")
					   : arena_printf(rq->arena, "/surveys/paired?year=%d", r->t.year),
				      mine ? "The completion you can see" : "The year's survey results you can see");
	}
	*done = false;
	return ERR_OK;
}

enum err survey_completion_load(struct req *rq, struct resp *rs, struct survey_rollup *r, const char *name, bool *done)
{
	return completion_load(rq, rs, r, name, false, done);
}

enum err survey_completion_page_load(struct req *rq, struct resp *rs, struct survey_rollup *r, const char *name,
				     bool *done)
{
	return completion_load(rq, rs, r, name, true, done);
}

/* ---- shared words ---- */

const char *survey_group_words(struct arena *a, const struct survey_group *g)
{
	const char *s = "";
	if (g->activity_id)
		s = arena_printf(a, "Activity %lld%s%s", (long long)g->activity_id, g->activity_title ? ": " : "",
				 g->activity_title ? g->activity_title : "");
	if (g->hub_code)
		s = arena_printf(a, "%s%sActivities led by %s%s%s%s", s, *s ? "; " : "", g->hub_name ? g->hub_name : "",
				 g->hub_name ? " (" : "", g->hub_code, g->hub_name ? ")" : "");
	if (g->ncp_code)
		s = arena_printf(a, "%s%s%s%s%s", s, *s ? "; " : "", g->ncp_code, g->ncp_title ? " " : "",
				 g->ncp_title ? g->ncp_title : "");
	else if (g->project_id)
		s = arena_printf(a, "%s%sYour NCP's activities", s, *s ? "; " : "");
	else if (g->project_ids)
		s = arena_printf(a, "%s%sYour NCPs' activities", s, *s ? "; " : "");
	if (g->hub_ids && !g->hub_code)
		s = arena_printf(a, "%s%sThe activities your hubs lead", s, *s ? "; " : "");
	if (g->lead_person && !g->activity_id)
		s = arena_printf(a, "%s%sThe activities you lead", s, *s ? "; " : "");
	return *s ? s : "Every activity";
}

const char *survey_group_query(struct arena *a, const struct survey_group *g, bool first)
{
	const char *s = "";
	char sep = first ? '?' : '&';
	if (g->ncp_code && g->project_id) {
		s = arena_printf(a, "%s%cncp=%s", s, sep, g->ncp_code);
		sep = '&';
	}
	if (g->hub_code) {
		s = arena_printf(a, "%s%chub=%s", s, sep, g->hub_code);
		sep = '&';
	}
	if (g->activity_id)
		s = arena_printf(a, "%s%cactivity=%lld", s, sep, (long long)g->activity_id);
	return s;
}

bool survey_qresult_shown(const struct survey_results *r, const struct survey_qresult *x)
{
	return r->released && !survey_suppressed(r->completed) && !survey_suppressed(x->answered);
}

const char *survey_option_words(const struct survey_question *q, int64_t num)
{
	if (q->type == SQ_AGREE5)
		return num >= 1 && num <= 5 ? survey_agree5[num - 1].text : "";
	return num >= 1 && (size_t)num <= q->noptions ? q->options[num - 1] : "";
}

const char *survey_mean_text(struct arena *a, int64_t sum, int64_t n)
{
	return survey_decimal(a, n > 0 ? (double)sum / (double)n : 0, false);
}

const char *survey_decimal(struct arena *a, double v, bool sign)
{
	/* two places, half away from zero, never "-0.00" */
	double r = (double)(long long)(v * 100 + (v < 0 ? -0.5 : 0.5)) / 100;
	if (r == 0)
		r = 0;
	return arena_printf(a, sign && r > 0 ? "+%.2f" : "%.2f", r);
}
