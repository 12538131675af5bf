/* join.c - see join.h. */
#include "events/join.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/sealed.h"
#include "auth/session.h"
#include "auth/token.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/workdays.h"
#include "db/db.h"
#include "events/pages.h"
#include "events/queries.h"
#include "events/views.h"
#include "html/html.h"
#include "http/request.h"

/* The token of a link made at created_at (what keyed_token is given
 * names the link, so no two links share a token). */
static void join_token(int64_t event_id, int64_t person_id, int64_t created_at, char out[TOKEN_LEN + 1])
{
	char in[96];
	snprintf(in, sizeof(in), "event-join:%lld:%lld:%lld", (long long)event_id, (long long)person_id,
		 (long long)created_at);
	keyed_token(in, out);
}

static const char *link_of(struct arena *a, const char *base_url, const char *token)
{
	return arena_printf(a, "%s/join/%s", base_url ? base_url : "", token);
}

/* Makes their link if they have none; the token in out. *made false for a face-to-face event. */
static enum err ensure(struct db *db, int64_t event_id, int64_t person_id, int64_t now, char out[TOKEN_LEN + 1],
		       bool *made)
{
	bool found;
	int64_t created_at;
	char stored[65], hash[TOKEN_HASH_LEN + 1];
	enum err e = event_join_token_of(db, event_id, person_id, &found, &created_at, stored);
	if (e)
		return e;
	if (!found) {
		join_token(event_id, person_id, now, out);
		token_hash(out, hash);
		if ((e = event_join_token_insert(db, hash, event_id, person_id, now)) ||
		    (e = event_join_token_of(db, event_id, person_id, &found, &created_at, stored)))
			return e;
		*made = found;
		return ERR_OK;
	}
	*made = true;
	join_token(event_id, person_id, created_at, out);
	token_hash(out, hash);
	/* made under another key (or none): the link is made again under this one */
	return strcmp(hash, stored) ? event_join_token_rehash(db, event_id, person_id, hash) : ERR_OK;
}

enum err events_join_link(struct db *db, struct arena *a, const char *base_url, int64_t event_id, int64_t person_id,
			  int64_t now, const char **link)
{
	char token[TOKEN_LEN + 1];
	bool made = false;
	enum err e = ensure(db, event_id, person_id, now, token, &made);
	if (e)
		return e;
	if (!made)
		return ERR_NOT_FOUND;
	*link = link_of(a, base_url, token);
	return ERR_OK;
}

enum err events_join_ensure(struct db *db, int64_t event_id, int64_t person_id, int64_t now)
{
	char token[TOKEN_LEN + 1];
	bool made;
	return ensure(db, event_id, person_id, now, token, &made);
}

enum err events_join_link_shown(struct db *db, struct arena *a, const struct event *e, int64_t person_id,
				const char **link)
{
	*link = NULL;
	if (strcmp(e->format, "online") || e->cancelled_at || !e->answer || strcmp(e->answer, "confirmed"))
		return ERR_OK;
	return events_join_link_read(db, a, e->id, person_id, link);
}

enum err events_join_link_read(struct db *db, struct arena *a, int64_t event_id, int64_t person_id, const char **link)
{
	bool found;
	int64_t created_at;
	char stored[65], token[TOKEN_LEN + 1], hash[TOKEN_HASH_LEN + 1];
	*link = NULL;
	enum err e = event_join_token_of(db, event_id, person_id, &found, &created_at, stored);
	if (e || !found)
		return e;
	join_token(event_id, person_id, created_at, token);
	token_hash(token, hash);
	if (token_equal(hash, stored)) /* else made under another key: shown once a write makes it again */
		*link = link_of(a, NULL, token);
	return ERR_OK;
}

enum err events_join_links_ensure(struct db *db, int64_t event_id, int64_t now)
{
	struct arena *a = arena_new();
	int64_t *ids;
	size_t n;
	enum err e = event_confirmed_people(db, a, event_id, &ids, &n);
	for (size_t i = 0; !e && i < n; i++) {
		char token[TOKEN_LEN + 1];
		bool made;
		e = ensure(db, event_id, ids[i], now, token, &made);
	}
	arena_free(a);
	return e;
}

const char *events_join_day(const struct event *e, int64_t now)
{
	for (size_t i = 0; i < e->ndays; i++) {
		const struct event_day *d = &e->days[i];
		int64_t from, to;
		if (!london_to_unix(d->day, atoi(d->starts), atoi(d->starts + 3), 0, &from) ||
		    !london_to_unix(d->day, atoi(d->ends), atoi(d->ends + 3), 0, &to))
			continue;
		if (now >= from - EVENTS_JOIN_MARGIN_SECONDS && now < to + EVENTS_JOIN_MARGIN_SECONDS)
			return d->day;
	}
	return NULL;
}

void events_join_section(struct html *w, const struct req *rq, const char *link)
{
	const char *url = arena_printf(rq->arena, "%s%s", rq->cfg->base_url, link);
	H_RAW(w, "<h2 class=\"govuk-heading-m\" id=\"join\">Your joining link</h2>\n<p class=\"govuk-body\">");
	html_text(w, "Join the session with this link. " EVENTS_JOIN_ADVICE);
	H_RAW(w, "</p>\n<p class=\"govuk-body mh-join-link\"><a class=\"govuk-link\"");
	H_ATTR(w, "href", link);
	H_RAW(w, ">");
	html_text(w, url);
	H_RAW(w, "</a></p>\n");
}

/* ---- GET /join/{token} ---- */

enum join_outcome { JOIN_GO, JOIN_UNKNOWN, JOIN_NOT_YOURS, JOIN_CANCELLED, JOIN_NOT_CONFIRMED, JOIN_NOT_NOW, JOIN_NO_MEETING };

struct join_use {
	struct req *rq;
	const char *token;
	enum join_outcome outcome;
	struct event e;
};

static enum err join_use(struct db *db, void *ctx)
{
	struct join_use *j = ctx;
	struct req *rq = j->rq;
	struct arena *a = rq->arena;
	int64_t now = clock_now(), event_id, person_id;
	char hash[TOKEN_HASH_LEN + 1];
	j->outcome = JOIN_UNKNOWN;
	if (strlen(j->token) != TOKEN_LEN)
		return ERR_OK;
	token_hash(j->token, hash);
	enum err e = event_join_by_hash(db, hash, &event_id, &person_id);
	if (e == ERR_NOT_FOUND)
		return ERR_OK;
	if (e || (e = event_read(db, a, event_id, person_id, &j->e)))
		return e;
	const char *subject = arena_printf(a, "event:%lld", (long long)event_id);
	int64_t me = rq->session ? rq->session->person_id : 0;
	if (me && me != person_id) {
		j->outcome = JOIN_NOT_YOURS;
		return audit(db, rq, me, "event_join_refused", subject,
			     arena_printf(a, "the joining link of person:%lld used in the signed-in session of person:%lld",
					  (long long)person_id, (long long)me));
	}
	const char *day = events_join_day(&j->e, now);
	if (j->e.cancelled_at)
		j->outcome = JOIN_CANCELLED;
	else if (!j->e.answer || strcmp(j->e.answer, "confirmed"))
		j->outcome = JOIN_NOT_CONFIRMED;
	else if (!day)
		j->outcome = JOIN_NOT_NOW;
	else if (!j->e.meeting_url || !j->e.meeting_url[0])
		j->outcome = JOIN_NO_MEETING;
	else
		j->outcome = JOIN_GO;
	if (j->outcome != JOIN_GO)
		return ERR_OK;
	bool changed;
	if ((e = event_join_used(db, hash, now)) || (e = event_mark_link(db, event_id, person_id, day, now, &changed)))
		return e;
	return changed ? audit(db, rq, person_id, "event_joined", subject,
			       arena_printf(a, "person:%lld joined by their link on %s", (long long)person_id, day))
		       : ERR_OK;
}

/* "Monday 2 March 2026, 10:00 to 16:00; ..." as a sentence's end. */
static const char *days_words(struct arena *a, const struct event *e)
{
	return events_when(a, e);
}

enum err events_join(struct req *rq, struct resp *rs)
{
	const char *token = req_param(rq, "token");
	struct join_use j = {.rq = rq, .token = token ? token : ""};
	enum err e = db_transact(rq->db, DB_WRITE, join_use, &j);
	if (e)
		return e;
	const char *page = events_href(rq, j.e.id, NULL);
	resp_header_set(rs, "Referrer-Policy", "no-referrer");
	switch (j.outcome) {
	case JOIN_GO:
		resp_redirect(rs, 303, j.e.meeting_url);
		return ERR_OK;
	case JOIN_UNKNOWN:
		return resp_error_page(rs, 404, "This joining link does not work",
				       "Check that you used the whole link from your email. Your own link is also on the "
				       "event's page when you sign in.", "/events", "Your events");
	case JOIN_NOT_YOURS:
		return resp_error_page(rs, 403, "This joining link is someone else's",
				       "Each person has their own joining link, and you are signed in as someone else. Use "
				       "your own link: it is on the event's page and in the email confirming your place. "
				       "We have recorded that this link was used here.", "/events", "Your events");
	case JOIN_CANCELLED:
		return resp_error_page(rs, 410, "This event has been cancelled",
				       arena_printf(rq->arena, "%s has been cancelled, so its joining links no longer work.",
						    j.e.title), "/events", "Your events");
	case JOIN_NOT_CONFIRMED:
		return resp_error_page(rs, 403, "Your place is not confirmed",
				       arena_printf(rq->arena, "This link works only while your place at %s is confirmed. "
							       "Check your answer on the event's page.", j.e.title), page,
				       "The event's page");
	case JOIN_NOT_NOW:
		return resp_error_page(rs, 403, "This link is not open now",
				       arena_printf(rq->arena, "Your link to %s works from an hour before it starts until an "
							       "hour after it ends: %s.", j.e.title, days_words(rq->arena, &j.e)),
				       page, "The event's page");
	case JOIN_NO_MEETING:
		return resp_error_page(rs, 409, "The meeting is not ready",
				       "The organisers have not given the meeting's address yet. Try again shortly, or "
				       "contact them.", page, "The event's page");
	}
	return ERR_OK;
}
