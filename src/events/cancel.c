/*
 * cancel.c - /events/{id}/cancel: an organiser cancels an event, with a
 * reason; everyone who confirmed or is waiting is emailed. Audited.
 */
#include <string.h>

#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "events/notify.h"
#include "events/pages.h"
#include "events/queries.h"
#include "events/rules.h"
#include "form_page.h"
#include "html/form.h"
#include "http/request.h"

enum { C_REASON, C_COUNT };
static const struct form_field cancel_fields[C_COUNT] = {
	[C_REASON] = {"reason", FORM_TEXTAREA, "Why is it cancelled?", .required = true, .max_chars = 1000,
		      .hint = "Everyone who confirmed or is waiting gets an email with this"},
};

struct cancel {
	struct form_page fp;
	int64_t id;
	struct event e;
};

static enum err cancel_load(struct db *db, struct form_page *fp)
{
	struct cancel *c = fp->ctx;
	return event_read(db, fp->rq->arena, c->id, fp->rq->session->person_id, &c->e);
}

static void cancel_prepare(struct form_page *fp)
{
	struct cancel *c = fp->ctx;
	if (!event_organiser(fp->rq->session, &c->e)) {
		fp->outcome = event_visible(fp->rq->session, &c->e) ? FORM_PAGE_REFUSED : FORM_PAGE_MISSING;
		return;
	}
	if (c->e.cancelled_at)
		fp->outcome = FORM_PAGE_DONE;
	fp->caption = c->e.title;
	fp->back_href = events_href(fp->rq, c->id, NULL);
	fp->action = events_href(fp->rq, c->id, "/cancel");
}

static enum err cancel_write(struct db *db, struct form_page *fp)
{
	struct cancel *c = fp->ctx;
	struct req *rq = fp->rq;
	const char *reason = fp->d.values[C_REASON].text;
	struct event_answer *answers;
	size_t n;
	enum err e = event_answers(db, rq->arena, c->id, &answers, &n);
	if (e || (e = event_cancel(db, c->id, rq->session->person_id, reason, clock_now())) ||
	    (e = audit(db, rq, rq->session->person_id, "event_cancelled", arena_printf(rq->arena, "event:%lld", (long long)c->id),
		       reason)))
		return e;
	c->e.sequence++; /* as event_cancel raised it */
	c->e.cancelled_at = clock_now();
	for (size_t i = 0; i < n; i++)
		if (strcmp(answers[i].answer, "apologies") &&
		    (e = events_notify(db, rq->cfg, rq->arena, &c->e, answers[i].person_id, EVENTS_TOLD_CANCELLED, reason,
				       !strcmp(answers[i].answer, "confirmed"), 0)))
			return e;
	return session_flash(rq, "The event has been cancelled");
}

static enum err cancel_refuse(struct resp *rs, struct form_page *fp)
{
	if (fp->outcome == FORM_PAGE_MISSING)
		return events_not_found(rs);
	return resp_error_page(rs, 403, "You cannot cancel this event", "Only the event's organisers can cancel it.", NULL, NULL);
}

static const struct form_page cancel_page = {
	.name = "event_cancel", .title = "Cancel the event", .button = "Cancel the event", .button_variant = "warning",
	.form = FORM(cancel_fields), .load = cancel_load, .prepare = cancel_prepare, .write = cancel_write,
	.refuse = cancel_refuse,
};

static struct form_page *page_of(struct req *rq, struct cancel *c)
{
	*c = (struct cancel){.fp = cancel_page, .id = events_param(rq)};
	c->fp.rq = rq;
	c->fp.ctx = c;
	return &c->fp;
}

enum err events_cancel(struct req *rq, struct resp *rs)
{
	struct cancel c;
	return events_param(rq) ? form_page_get(rs, page_of(rq, &c)) : events_not_found(rs);
}

enum err events_cancel_post(struct req *rq, struct resp *rs)
{
	struct cancel c;
	return events_param(rq) ? form_page_post(rs, page_of(rq, &c)) : events_not_found(rs);
}
