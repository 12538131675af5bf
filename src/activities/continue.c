/*
 * continue.c - /activities/{id}/continue: the lead hub's leadership
 * continues an activity into the next academic year. A new activity,
 * planned, linked to this one (continues_id), for the NCP of the next
 * year's catalogue with the same number when it is loaded, else the same
 * NCP; the same lead hub, partners, leads, MHLM link, phases and format;
 * with its schools and participants who have not withdrawn unless the
 * checkbox is cleared. Audited (activity_continued).
 */
#include <string.h>

#include "activities/activities.h"
#include "activities/continue_queries.h"
#include "activities/pages.h"
#include "auth/audit.h"
#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "form_page.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/html.h"

enum { C_CARRY, C_COUNT };
static const struct form_field continue_fields[C_COUNT] = {
	[C_CARRY] = {"carry", FORM_CHOICES, "Schools and participants", .small = true,
		     .hint = "Those who withdrew are left out. You can add and remove schools and people afterwards."},
};

struct cont {
	struct form_page fp;
	int64_t id;
	struct activity a;
	struct activity_next next;
	struct form_field fields[C_COUNT];
	struct govuk_option carry[1];
};

static enum err cont_load(struct db *db, struct form_page *fp)
{
	struct cont *c = fp->ctx;
	enum err e = activity_read(db, fp->rq->arena, c->id, fp->rq->session, &c->a);
	return e ? e : activity_next_read(db, fp->rq->arena, &c->a, &c->next);
}

static void cont_prepare(struct form_page *fp)
{
	struct cont *c = fp->ctx;
	struct req *rq = fp->rq;
	struct activity_access acc = activity_access_of(rq->session, &c->a);
	if (!acc.manage || !c->a.lead_hub_id) {
		fp->outcome = acc.see ? FORM_PAGE_REFUSED : FORM_PAGE_MISSING;
		return;
	}
	char year[8];
	acyear_code(c->next.year, year);
	fp->title = arena_printf(rq->arena, "Continue it into %s", year);
	fp->caption = c->a.title;
	fp->back_href = activities_href(rq, c->id, NULL);
	fp->action = activities_href(rq, c->id, "/continue");
	if (!strcmp(c->a.status, "cancelled")) {
		fp->outcome = FORM_PAGE_BLOCKED;
		fp->blocked = "A cancelled activity cannot be continued. Create a new activity instead.";
	} else if (c->a.continued_by) {
		fp->outcome = FORM_PAGE_BLOCKED;
		fp->blocked = "It has already been continued into the next year: its page links to it.";
	} else if (c->next.year > 2100) {
		fp->outcome = FORM_PAGE_BLOCKED;
		fp->blocked = "It cannot be continued past 2100.";
	}
	/* the checkbox says whom it carries */
	memcpy(c->fields, continue_fields, sizeof(c->fields));
	c->carry[0] = (struct govuk_option){
		"yes", arena_printf(rq->arena, "Carry over its %lld %s and %lld %s who have not withdrawn",
				    (long long)c->next.n_schools, c->next.n_schools == 1 ? "school" : "schools",
				    (long long)c->next.n_participants, c->next.n_participants == 1 ? "participant" : "participants")};
	c->fields[C_CARRY].options = c->carry;
	c->fields[C_CARRY].noptions = 1;
	fp->form = (struct form){c->fields, C_COUNT};
}

static void cont_prefill(struct form_page *fp)
{
	form_set(&fp->d, C_CARRY, "yes");
}

static void cont_intro(struct html *w, struct form_page *fp)
{
	struct cont *c = fp->ctx;
	struct req *rq = fp->rq;
	const struct activity *a = &c->a;
	H_RAW(w, "<p class=\"govuk-body\">This makes a new activity for the next academic year, planned, linked to this one. "
		 "You can change its details afterwards.</p>\n");
	govuk_summary_begin(w);
	if (!c->next.project_id)
		govuk_summary_row(w, "NCP", "None: a local activity");
	else
		govuk_summary_row(w, "NCP", arena_printf(rq->arena, "%s: %s", c->next.project_code, c->next.project_title));
	govuk_summary_row(w, "Academic year", activities_years(rq, c->next.year, c->next.year));
	govuk_summary_row(w, "Lead hub", a->lead_hub_name);
	govuk_summary_row_begin(w, a->nleads == 1 ? "Lead" : "Leads");
	for (size_t i = 0; i < a->nleads; i++) {
		if (i)
			H_RAW(w, ", ");
		html_text(w, a->leads[i].name);
	}
	if (!a->nleads)
		H_RAW(w, "Not chosen yet");
	govuk_summary_row_end(w);
	govuk_summary_row(w, "MHLM link", a->mhlm_link_name ? a->mhlm_link_name : "Not chosen yet");
	govuk_summary_row(w, "Format", activities_term_name(activities_formats, ACTIVITIES_NFORMATS, a->format));
	govuk_summary_end(w);
	if (a->project_id && !c->next.next_ncp) {
		char year[8];
		acyear_code(c->next.year, year);
		H_RAW(w, "<div class=\"govuk-inset-text\">");
		html_textf(w, "The %s catalogue has no NCP of the same number and kind (or is not loaded yet), so it keeps "
			      "this year's NCP, %s.", year, a->project_code);
		H_RAW(w, "</div>\n");
	}
}

static enum err cont_write(struct db *db, struct form_page *fp)
{
	struct cont *c = fp->ctx;
	struct req *rq = fp->rq;
	bool carry = form_chosen(&fp->d, C_CARRY, "yes");
	int64_t id = 0;
	enum err e = activity_continue(db, rq->arena, &c->a, &c->next, carry, rq->session->person_id, clock_now(), &id);
	if (e)
		return e;
	char year[8];
	acyear_code(c->next.year, year);
	const char *detail = carry ? arena_printf(rq->arena, "continues activity:%lld into %s (%s); %lld schools and %lld "
							 "participants carried over", (long long)c->id, year,
						  c->next.project_code ? c->next.project_code : "local",
						  (long long)c->next.n_schools, (long long)c->next.n_participants)
				   : arena_printf(rq->arena, "continues activity:%lld into %s (%s); no schools or "
							 "participants carried over", (long long)c->id, year,
						  c->next.project_code ? c->next.project_code : "local");
	if ((e = audit(db, rq, rq->session->person_id, "activity_continued",
		       arena_printf(rq->arena, "activity:%lld", (long long)id), detail)))
		return e;
	fp->done_href = activities_href(rq, id, NULL);
	return session_flash(rq, arena_printf(rq->arena, "The activity has been continued into %s", year));
}

static enum err cont_refuse(struct resp *rs, struct form_page *fp)
{
	struct cont *c = fp->ctx;
	if (fp->outcome == FORM_PAGE_MISSING)
		return activities_not_found(rs);
	return activities_refused(rs, "You cannot continue this activity",
				  "Only the leadership of its lead hub can continue it into the next year.", &c->a, fp->rq);
}

static const struct form_page continue_page = {
	.name = "activity_continue", .button = "Continue it", .form = FORM(continue_fields), .load = cont_load,
	.prepare = cont_prepare, .prefill = cont_prefill, .intro = cont_intro, .write = cont_write, .refuse = cont_refuse,
};

static struct form_page *page_of(struct req *rq, struct cont *c)
{
	*c = (struct cont){.fp = continue_page, .id = activities_param(rq)};
	c->fp.rq = rq;
	c->fp.ctx = c;
	return &c->fp;
}

enum err activities_continue(struct req *rq, struct resp *rs)
{
	struct cont c;
	return activities_param(rq) ? form_page_get(rs, page_of(rq, &c)) : activities_not_found(rs);
}

enum err activities_continue_post(struct req *rq, struct resp *rs)
{
	struct cont c;
	return activities_param(rq) ? form_page_post(rs, page_of(rq, &c)) : activities_not_found(rs);
}
