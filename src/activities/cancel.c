/*
 * cancel.c - /activities/{id}/cancel: the lead hub's leadership cancels an
 * activity, with a reason; it stays, with its schools, people and
 * registers, as history (a cancelled activity counts in no school's
 * journey). Audited.
 */
#include <string.h>

#include "activities/activities.h"
#include "activities/activity_queries.h"
#include "activities/pages.h"
#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "form_page.h"
#include "html/form.h"

enum { C_REASON, C_COUNT };
static const struct form_field cancel_fields[C_COUNT] = {
	[C_REASON] = {"reason", FORM_TEXTAREA, "Why is it cancelled?", .required = true, .max_chars = 1000,
		      .hint = "Its leads and the hubs that see it read this on its page"},
};

struct cancel {
	struct form_page fp;
	int64_t id;
	struct activity a;
};

static enum err cancel_load(struct db *db, struct form_page *fp)
{
	struct cancel *c = fp->ctx;
	return activity_read(db, fp->rq->arena, c->id, fp->rq->session, &c->a);
}

static void cancel_prepare(struct form_page *fp)
{
	struct cancel *c = fp->ctx;
	struct activity_access acc = activity_access_of(fp->rq->session, &c->a);
	if (!acc.manage || !c->a.lead_hub_id) {
		fp->outcome = acc.see ? FORM_PAGE_REFUSED : FORM_PAGE_MISSING;
		return;
	}
	if (!strcmp(c->a.status, "cancelled"))
		fp->outcome = FORM_PAGE_DONE;
	fp->caption = c->a.title;
	fp->back_href = activities_href(fp->rq, c->id, NULL);
	fp->action = activities_href(fp->rq, c->id, "/cancel");
}

static enum err cancel_write(struct db *db, struct form_page *fp)
{
	struct cancel *c = fp->ctx;
	struct req *rq = fp->rq;
	const char *reason = fp->d.values[C_REASON].text;
	enum err e = activity_cancel(db, c->id, reason, rq->session->person_id, clock_now());
	if (e || (e = audit(db, rq, rq->session->person_id, "activity_cancelled",
			    arena_printf(rq->arena, "activity:%lld", (long long)c->id), reason)))
		return e;
	return session_flash(rq, "The activity has been cancelled");
}

static enum err cancel_refuse(struct resp *rs, struct form_page *fp)
{
	struct cancel *c = fp->ctx;
	if (fp->outcome == FORM_PAGE_MISSING)
		return activities_not_found(rs);
	return activities_refused(rs, "You cannot cancel this activity",
				  "Only the leadership of its lead hub can cancel it.", &c->a, fp->rq);
}

static const struct form_page cancel_page = {
	.name = "activity_cancel", .title = "Cancel the activity", .button = "Cancel the activity",
	.button_variant = "warning", .form = FORM(cancel_fields), .load = cancel_load, .prepare = cancel_prepare,
	.write = cancel_write, .refuse = cancel_refuse,
};

static struct form_page *page_of(struct req *rq, struct cancel *c)
{
	*c = (struct cancel){.fp = cancel_page, .id = activities_param(rq)};
	c->fp.rq = rq;
	c->fp.ctx = c;
	return &c->fp;
}

enum err activities_cancel(struct req *rq, struct resp *rs)
{
	struct cancel c;
	return activities_param(rq) ? form_page_get(rs, page_of(rq, &c)) : activities_not_found(rs);
}

enum err activities_cancel_post(struct req *rq, struct resp *rs)
{
	struct cancel c;
	return activities_param(rq) ? form_page_post(rs, page_of(rq, &c)) : activities_not_found(rs);
}
