/*
 * support_cycle.c - /activities/{id}/support/cycle/{stage}: a stage of a
 * Targeted Support activity's cycle (explore, plan, deliver, evaluate):
 * the dates it starts and ends (its status on the support page follows
 * from them) and its notes. Those who run the activity write it. Audited.
 */
#include <string.h>

#include "activities/activities.h"
#include "activities/pages.h"
#include "activities/support.h"
#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "form_page.h"
#include "html/form.h"
#include "html/html.h"

/* What each stage is for, in the handbook's words of the EEF implementation cycle. */
static const char *const stage_intro[ACTIVITIES_NSTAGES] = {
	"Explore the school's needs with its leaders, and agree the development focus in maths.",
	"Plan the approach with the school's leaders: what will change, who does what, and how you will know.",
	"Deliver the plan: the sessions, the work in classrooms, and the support for its leaders along the way.",
	"Evaluate the change with the school's leaders, and agree how they will sustain it.",
};

enum { C_STARTS, C_ENDS, C_NOTES, C_COUNT };
static const struct form_field cycle_fields[C_COUNT] = {
	[C_STARTS] = {"starts", FORM_DATE, "Date it starts (optional)", .hint = "For example, 15 9 2026"},
	[C_ENDS] = {"ends", FORM_DATE, "Date it ends (optional)", .hint = "Leave it empty until the stage is done"},
	[C_NOTES] = {"notes", FORM_TEXTAREA, "Notes (optional)", .max_chars = 5000,
		     .hint = "What was found, agreed or done. Its school's headteacher and the hubs that see this activity "
			     "can read them"},
};

struct cycle {
	struct form_page fp;
	int64_t id;
	int stage; /* activities_cycle's index; -1: none such */
	struct activity a;
	struct support s;
};

enum { CYCLE_NOT_TARGETED = FORM_PAGE_REFUSED + 1 };

static enum err cycle_load(struct db *db, struct form_page *fp)
{
	struct cycle *c = fp->ctx;
	if (c->stage < 0)
		return ERR_NOT_FOUND;
	enum err e = activity_read(db, fp->rq->arena, c->id, fp->rq->session, &c->a);
	if (e)
		return e;
	return support_read(db, fp->rq->arena, c->id, clock_now(), false, &c->s);
}

static void cycle_prepare(struct form_page *fp)
{
	struct cycle *c = fp->ctx;
	struct req *rq = fp->rq;
	struct activity_access acc = activity_access_of(rq->session, &c->a);
	if (!acc.run) {
		fp->outcome = acc.see ? FORM_PAGE_REFUSED : FORM_PAGE_MISSING;
		return;
	}
	if (strcmp(c->a.kind, "Targeted Support")) {
		fp->outcome = CYCLE_NOT_TARGETED;
		return;
	}
	const char *name = activities_cycle[c->stage].name;
	fp->title = name;
	fp->caption = arena_printf(rq->arena, "%s \u00b7 Targeted Support", c->a.title);
	fp->back_href = activities_href(rq, c->id, "/support");
	fp->action = activities_href(rq, c->id, arena_printf(rq->arena, "/support/cycle/%s", activities_cycle[c->stage].key));
	fp->button = arena_printf(rq->arena, "Save %s", activities_cycle[c->stage].key);
	if (!c->s.set_up)
		fp->outcome = FORM_PAGE_DONE; /* the support page sets it up first */
	else if (!strcmp(c->a.status, "cancelled")) {
		fp->outcome = FORM_PAGE_BLOCKED;
		fp->blocked = "This activity has been cancelled, so its cycle cannot be changed.";
	}
}

static void cycle_intro(struct html *w, struct form_page *fp)
{
	struct cycle *c = fp->ctx;
	H_RAW(w, "<p class=\"govuk-body\">");
	html_text(w, stage_intro[c->stage]);
	H_RAW(w, " Its status follows from its dates: in progress once it starts, completed once it ends.</p>\n");
}

static void cycle_prefill(struct form_page *fp)
{
	struct cycle *c = fp->ctx;
	const struct support_stage *st = &c->s.stages[c->stage];
	form_set(&fp->d, C_STARTS, st->starts_on);
	form_set(&fp->d, C_ENDS, st->ends_on);
	form_set(&fp->d, C_NOTES, st->notes);
}

static enum err cycle_write(struct db *db, struct form_page *fp)
{
	struct cycle *c = fp->ctx;
	struct req *rq = fp->rq;
	const struct form_value *v = fp->d.values;
	const char *starts = v[C_STARTS].text, *ends = v[C_ENDS].text;
	if (ends && !starts)
		form_fail(&fp->d, C_STARTS, "Enter the date it starts, as it has an end");
	else if (ends && strcmp(ends, starts) < 0)
		form_fail(&fp->d, C_ENDS, "Date it ends must be the same as or after the date it starts");
	if (fp->d.nerrors)
		return ERR_OK;
	const char *key = activities_cycle[c->stage].key;
	enum err e = support_stage_save(db, c->id, key, starts, ends, v[C_NOTES].text, rq->session->person_id, clock_now());
	if (e || (e = audit(db, rq, rq->session->person_id, "support_cycle_changed",
			    arena_printf(rq->arena, "activity:%lld", (long long)c->id),
			    arena_printf(rq->arena, "%s: %s to %s", key, starts ? starts : "no start", ends ? ends : "no end"))))
		return e;
	return session_flash(rq, arena_printf(rq->arena, "%s saved", activities_cycle[c->stage].name));
}

static enum err cycle_refuse(struct resp *rs, struct form_page *fp)
{
	struct cycle *c = fp->ctx;
	if (fp->outcome == FORM_PAGE_MISSING)
		return activities_not_found(rs);
	if (fp->outcome == CYCLE_NOT_TARGETED)
		return support_not_targeted(rs, fp->rq, &c->a);
	return activities_refused(rs, "You cannot change its cycle",
				  "Only its leads, its MHLM link and its hubs' leadership write its Targeted Support cycle.",
				  &c->a, fp->rq);
}

static const struct form_page cycle_page = {
	.name = "support_cycle", .form = FORM(cycle_fields), .load = cycle_load, .prepare = cycle_prepare,
	.prefill = cycle_prefill, .intro = cycle_intro, .write = cycle_write, .refuse = cycle_refuse,
};

static struct form_page *page_of(struct req *rq, struct cycle *c)
{
	*c = (struct cycle){.fp = cycle_page, .id = activities_param(rq), .stage = support_stage_index(req_param(rq, "stage"))};
	c->fp.rq = rq;
	c->fp.ctx = c;
	return &c->fp;
}

enum err activities_support_cycle(struct req *rq, struct resp *rs)
{
	struct cycle c;
	return activities_param(rq) ? form_page_get(rs, page_of(rq, &c)) : activities_not_found(rs);
}

enum err activities_support_cycle_post(struct req *rq, struct resp *rs)
{
	struct cycle c;
	return activities_param(rq) ? form_page_post(rs, page_of(rq, &c)) : activities_not_found(rs);
}
