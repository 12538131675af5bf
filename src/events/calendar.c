/*
 * calendar.c - a person's calendar feed: /calendar/{token}.ics lists the
 * events they have confirmed (from a month ago; an online one with their
 * own joining link, join.h, when it is made), for their calendar app to
 * subscribe to, with no sign-in (the token is the secret: 256 bits, stored
 * hashed, auth/token.h). /calendar says what it is and makes the address,
 * or a new one that replaces it (the old address stops working at once);
 * the address is shown once, on the page after it is made (the session's
 * sealed secret, as recovery codes are). Audited.
 */
#include <string.h>

#include "auth/audit.h"
#include "auth/session.h"
#include "auth/token.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/text.h"
#include "core/workdays.h"
#include "db/db.h"
#include "events/ics.h"
#include "events/join.h"
#include "events/pages.h"
#include "events/queries.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"

/* ---- the feed ---- */

struct feed {
	struct arena *a;
	const char *hash, *since;
	int64_t person_id;
	const char *email, *name;
	struct event *events;
	const char **joins; /* events[i]'s joining link ("/join/..."), or NULL */
	size_t n;
};

static enum err calendar_feed_read(struct db *db, void *ctx)
{
	struct feed *f = ctx;
	enum err e = calendar_feed_person(db, f->hash, &f->person_id);
	if (e || !f->person_id)
		return e;
	if ((e = events_person(db, f->a, f->person_id, &f->email, &f->name)))
		return e;
	if ((e = events_confirmed_of(db, f->a, f->person_id, f->since, &f->events, &f->n)))
		return e;
	f->joins = arena_alloc(f->a, (f->n + 1) * sizeof(*f->joins));
	for (size_t i = 0; !e && i < f->n; i++) {
		f->joins[i] = NULL;
		if (!strcmp(f->events[i].format, "online"))
			e = events_join_link_read(db, f->a, f->events[i].id, f->person_id, &f->joins[i]);
	}
	return e;
}

enum err events_calendar_feed(struct req *rq, struct resp *rs)
{
	const char *file = req_param(rq, "file");
	size_t len = file ? strlen(file) : 0;
	if (len != TOKEN_LEN + 4 || strcmp(file + TOKEN_LEN, ".ics"))
		return resp_error_page(rs, 404, "Page not found", "This calendar address is not known: it may have been replaced by a new one.",
				       NULL, NULL);
	char token[TOKEN_LEN + 1], hash[TOKEN_HASH_LEN + 1], since[11];
	memcpy(token, file, TOKEN_LEN);
	token[TOKEN_LEN] = '\0';
	token_hash(token, hash);
	london_from_unix(clock_now() - 31 * 86400, since, NULL);
	struct feed f = {.a = rq->arena, .hash = hash, .since = since};
	enum err e = db_transact(rq->db, DB_READ, calendar_feed_read, &f);
	if (e)
		return e;
	if (!f.person_id)
		return resp_error_page(rs, 404, "Page not found", "This calendar address is not known: it may have been replaced by a new one.",
				       NULL, NULL);
	struct ics_person p = {f.email, f.name};
	for (size_t i = 0; i < f.n; i++) /* the whole address, as emails give it */
		if (f.joins[i])
			f.joins[i] = arena_printf(rq->arena, "%s%s", rq->cfg->base_url, f.joins[i]);
	struct text_writer w = resp_text(rs, "text/calendar; charset=utf-8");
	text_puts(&w, events_ics_feed(rq->arena, rq->cfg, f.events, f.joins, f.n, &p));
	resp_header(rs, "Cache-Control", "private, no-store");
	return ERR_OK;
}

/* ---- the page ---- */

struct calendar_page {
	struct req *rq;
	int64_t created_at;
};

static enum err calendar_page_read(struct db *db, void *ctx)
{
	struct calendar_page *c = ctx;
	return calendar_feed_of(db, c->rq->session->person_id, &c->created_at);
}

enum err events_calendar(struct req *rq, struct resp *rs)
{
	struct calendar_page c = {.rq = rq};
	const char *token = NULL;
	enum err e = db_transact(rq->db, DB_READ, calendar_page_read, &c);
	if (!e && rq->session->flash)
		e = session_take_secret(rq, &token);
	if (e)
		return e;
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = "Your calendar feed", .nav = "/events",
				      .crumbs = (const struct crumb[]){{"Your events", "/events"}}, .ncrumbs = 1,
				      .banner = session_banner(rq)});
	H_RAW(&w, "<p class=\"govuk-body\">Add the events you have confirmed to your calendar (Outlook, Google Calendar, "
		  "Apple Calendar) by subscribing to a private address. Your calendar checks it for changes, so events you "
		  "confirm later appear and cancelled ones go.</p>\n");
	if (token) {
		const char *url = arena_printf(rq->arena, "%s/calendar/%s.ics", rq->cfg->base_url, token);
		H_RAW(&w, "<h2 class=\"govuk-heading-m\">Your calendar address</h2>\n");
		H_RAW(&w, "<div class=\"govuk-form-group\"><label class=\"govuk-label govuk-label--s\" for=\"calendar-url\">"
			  "Copy this address into your calendar app's \xe2\x80\x9c" "subscribe\xe2\x80\x9d or \xe2\x80\x9c"
			  "add from URL\xe2\x80\x9d option</label>"
			  "<input class=\"govuk-input\" id=\"calendar-url\" type=\"text\" readonly spellcheck=\"false\"");
		H_ATTR(&w, "value", url);
		H_RAW(&w, "></div>\n");
		govuk_warning_text(&w, "This is the only time we show the address. Keep it private: anyone who has it can see "
				       "your confirmed events. If you lose it, get a new one.");
	} else if (c.created_at) {
		char day[11], words[32];
		london_from_unix(c.created_at, day, NULL);
		workdays_format_day(day, words);
		H_RAW(&w, "<p class=\"govuk-body\">");
		html_textf(&w, "You made your calendar address on %s. We do not show it again. If you have lost it, or think "
			       "someone else has it, get a new one: the old address stops working at once.", words);
		H_RAW(&w, "</p>\n");
	} else {
		H_RAW(&w, "<p class=\"govuk-body\">You do not have a calendar address yet.</p>\n");
	}
	H_RAW(&w, "<form method=\"post\" action=\"/calendar\" novalidate>");
	govuk_csrf(&w, rq->session->csrf);
	govuk_button(&w, &(struct govuk_button){.text = c.created_at ? "Get a new address" : "Get your calendar address",
					      .variant = c.created_at ? "secondary" : NULL, .prevent_double_click = true});
	H_RAW(&w, "</form>\n");
	page_end(&w);
	return ERR_OK;
}

struct reset {
	struct req *rq;
	const char *token;
	bool replaced;
};

static enum err calendar_reset_write(struct db *db, void *ctx)
{
	struct reset *r = ctx;
	struct req *rq = r->rq;
	int64_t me = rq->session->person_id, had;
	char hash[TOKEN_HASH_LEN + 1];
	token_hash(r->token, hash);
	enum err e = calendar_feed_of(db, me, &had);
	if (e || (e = calendar_feed_reset(db, me, hash, clock_now())) ||
	    (e = audit(db, rq, me, "calendar_feed_reset", arena_printf(rq->arena, "person:%lld", (long long)me),
		       had ? "replaced" : "made")))
		return e;
	return session_flash_secret(rq, had ? "You have a new calendar address: the old one no longer works"
					    : "You have a calendar address", r->token);
}

enum err events_calendar_post(struct req *rq, struct resp *rs)
{
	char token[TOKEN_LEN + 1];
	token_new(token);
	struct reset r = {.rq = rq, .token = token};
	enum err e = db_transact(rq->db, DB_WRITE, calendar_reset_write, &r);
	if (e)
		return e;
	resp_redirect(rs, 303, "/calendar");
	return ERR_OK;
}
