/*
 * api.c - events as JSON (described in src/events/openapi.json):
 * /api/v1/events, the signed-in person's events (upcoming, or past), a
 * page at a time; ?scope=all, every event they can see (national staff:
 * all; organisers: those of their hubs and NCPs, and their own); and
 * /api/v1/events/{id}. Errors are problem documents. The meeting URL of an
 * online event is never given: people join by their own link (join_url,
 * theirs while they are confirmed; join.h).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/perm.h"
#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/clock.h"
#include "core/workdays.h"
#include "db/db.h"
#include "events/pages.h"
#include "events/join.h"
#include "events/queries.h"
#include "events/rules.h"
#include "http/problem.h"
#include "http/request.h"

#define API_PAGE_SIZE 50
#define API_PAGE_MAX 100

/* t as ISO 8601 in Europe/London with its offset: "2026-02-17T00:00:00+00:00". */
static void iso_london(int64_t t, char out[64])
{
	char off[7];
	london_offset(t, off);
	int secs = (atoi(off + 1) * 60 + atoi(off + 4)) * 60 * (off[0] == '-' ? -1 : 1);
	time_t local = (time_t)(t + secs);
	struct tm tm;
	gmtime_r(&local, &tm);
	snprintf(out, 64, "%04d-%02d-%02dT%02d:%02d:%02d%s", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec, off);
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static const char *status_of(const struct event *e, int64_t now)
{
	switch (event_window_at(e, now)) {
	case EVENT_OPEN:
		return "open";
	case EVENT_LOCKED:
		return "locked";
	case EVENT_STARTED:
		return "started";
	default:
		return "cancelled";
	}
}

static json_t *event_json(struct req *rq, const struct event *e, int64_t now, const char *join)
{
	json_t *days = json_array(), *ncps = json_array();
	for (size_t i = 0; i < e->ndays; i++)
		json_array_append_new(days, json_pack("{s:s, s:s, s:s}", "date", e->days[i].day, "start", e->days[i].starts,
						      "end", e->days[i].ends));
	for (size_t i = 0; i < e->nprojects; i++)
		json_array_append_new(ncps, json_string(e->projects[i]));
	char closes[64];
	iso_london(event_closes_at(e), closes);
	bool f2f = !strcmp(e->format, "face_to_face");
	json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:o, s:s, s:o, s:o, s:s, s:b, s:o, s:o, s:s}", "id", (json_int_t)e->id,
			      "title", e->title, "kind", e->kind, "format", e->format, "days", days, "confirm_by", closes,
			      "capacity", e->capacity ? json_integer(e->capacity) : json_null(), "answer",
			      str_or_null(e->answer), "status", status_of(e, now), "counts_funded_days", e->funded,
			      "venue", str_or_null(f2f ? e->venue : NULL), "address", str_or_null(f2f ? e->address : NULL),
			      "url", events_href(rq, e->id, NULL));
	if (j) {
		json_object_set_new(j, "ncps", ncps);
		json_object_set_new(j, "join_url", join ? json_string(arena_printf(rq->arena, "%s%s", rq->cfg->base_url, join))
							: json_null());
	} else
		json_decref(ncps);
	return j;
}

static enum err bad_request(struct req *rq, struct resp *rs, const char *parameter, const char *message)
{
	json_t *j = problem_new(400, "Invalid request", message, rq->path);
	json_object_set_new(j, "errors", json_pack("[{s:s, s:s}]", "parameter", parameter, "message", message));
	resp_json(rs, 400, j, "application/problem+json");
	return ERR_OK;
}

static bool number_param(const char *v, int64_t lo, int64_t hi, int64_t *out)
{
	char *end;
	long long n = strtoll(v, &end, 10);
	if (!v[0] || *end || n < lo || n > hi)
		return false;
	*out = n;
	return true;
}

struct api_list {
	struct req *rq;
	bool all, past, national;
	int64_t hubs[8], projects[8];
	size_t nhubs, nprojects;
	int64_t page, page_size, now;
	struct events_page p;
	const char **joins; /* p.events[i]'s joining link, or NULL */
};

static enum err events_api_read(struct db *db, void *ctx)
{
	struct api_list *l = ctx;
	struct req *rq = l->rq;
	char today[11];
	int year = 0;
	london_from_unix(l->now, today, NULL);
	acyear_of_date(today, &year);
	int64_t offset = (l->page - 1) * l->page_size, me = rq->session->person_id;
	enum err e = l->all ? events_api_all(db, rq->arena, me, year, l->national, l->hubs, l->nhubs, l->projects,
					     l->nprojects, offset, l->page_size, &l->p)
			    : events_api_mine(db, rq->arena, me, l->past, today, year, offset, l->page_size, &l->p);
	if (e)
		return e;
	/* the NCPs and days of each event on the page */
	if ((e = events_days_of(db, rq->arena, l->p.events, l->p.n)))
		return e;
	l->joins = arena_alloc(rq->arena, (l->p.n + 1) * sizeof(*l->joins));
	for (size_t i = 0; i < l->p.n; i++)
		if ((e = events_join_link_shown(db, rq->arena, &l->p.events[i], rq->session->person_id, &l->joins[i])))
			return e;
	return ERR_OK;
}

enum err events_api_list(struct req *rq, struct resp *rs)
{
	const char *scope = req_query(rq, "scope"), *when = req_query(rq, "when"), *page = req_query(rq, "page"),
		   *size = req_query(rq, "page_size");
	struct api_list l = {.rq = rq, .page = 1, .page_size = API_PAGE_SIZE, .now = clock_now()};
	if (scope && strcmp(scope, "mine") && strcmp(scope, "all"))
		return bad_request(rq, rs, "scope", "scope must be mine or all");
	l.all = scope && !strcmp(scope, "all");
	if (when && strcmp(when, "upcoming") && strcmp(when, "past"))
		return bad_request(rq, rs, "when", "when must be upcoming or past");
	if (when && l.all)
		return bad_request(rq, rs, "when", "when is for your own events (scope=mine); scope=all lists every event, latest first");
	l.past = when && !strcmp(when, "past");
	if (page && !number_param(page, 1, 100000, &l.page))
		return bad_request(rq, rs, "page", "page must be a whole number from 1 to 100000");
	if (size && !number_param(size, 1, API_PAGE_MAX, &l.page_size))
		return bad_request(rq, rs, "page_size", "page_size must be a whole number from 1 to 100");
	const struct session *s = rq->session;
	if (l.all) {
		struct perm_scope sc[16];
		size_t n = perm_scopes(s->grants, s->ngrants, s->person_id, CAP_EVENTS_MANAGE, sc, 16);
		l.national = events_sees_all(s);
		for (size_t i = 0; i < n && i < 16; i++) {
			if (sc[i].kind == SCOPE_HUB && l.nhubs < 8)
				l.hubs[l.nhubs++] = sc[i].id;
			else if (sc[i].kind == SCOPE_PROJECT && l.nprojects < 8)
				l.projects[l.nprojects++] = sc[i].id;
		}
		if (!l.national && !n) {
			problem_send(rs, 403, "Not allowed",
				     "scope=all is for the national team and events' organisers. Leave it out for your own events.",
				     rq->path);
			return ERR_OK;
		}
	}
	enum err e = db_transact(rq->db, DB_READ, events_api_read, &l);
	if (e)
		return e;
	json_t *arr = json_array();
	for (size_t i = 0; i < l.p.n; i++)
		json_array_append_new(arr, event_json(rq, &l.p.events[i], l.now, l.joins[i]));
	json_t *j = json_pack("{s:s, s:I, s:I, s:I, s:o}", "scope", l.all ? "all" : "mine", "total", (json_int_t)l.p.total,
			      "page", (json_int_t)l.page, "page_size", (json_int_t)l.page_size, "events", arr);
	if (j && !l.all)
		json_object_set_new(j, "when", json_string(l.past ? "past" : "upcoming"));
	resp_json(rs, 200, j, NULL);
	return ERR_OK;
}

struct api_one {
	struct req *rq;
	int64_t id;
	struct event e;
	const char *join;
};

static enum err events_api_one_read(struct db *db, void *ctx)
{
	struct api_one *o = ctx;
	enum err e = event_read(db, o->rq->arena, o->id, o->rq->session->person_id, &o->e);
	return e ? e : events_join_link_shown(db, o->rq->arena, &o->e, o->rq->session->person_id, &o->join);
}

enum err events_api_one(struct req *rq, struct resp *rs)
{
	struct api_one o = {.rq = rq, .id = events_param(rq)};
	enum err e = o.id ? db_transact(rq->db, DB_READ, events_api_one_read, &o) : ERR_NOT_FOUND;
	if (!e && !event_visible(rq->session, &o.e))
		e = ERR_NOT_FOUND;
	if (e == ERR_NOT_FOUND) {
		problem_send(rs, 404, "Event not found",
			     "There is no such event, or it is not one you are invited to or organise.", rq->path);
		return ERR_OK;
	}
	if (e)
		return e;
	resp_json(rs, 200, event_json(rq, &o.e, clock_now(), o.join), NULL);
	return ERR_OK;
}
