/*
 * support_setup.c - setting up a Targeted Support activity (POST
 * /activities/{id}/support; the form shows on the support page until it is
 * set up): its one school (the school search), its level, the days agreed
 * (whole or half days) and its development focus. The school joins the
 * activity with its hub as it joins, in the same transaction. Then
 * /activities/{id}/support/details changes the days and the focus. Those
 * who run the activity do both (its leads, its MHLM link, the hubs'
 * leadership). Audited.
 */
#include <stdio.h>
#include <stdlib.h>
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
#include "html/govuk.h"
#include "html/html.h"
#include "registry/registry.h"

static const struct govuk_option level_options[] = {
	{"standard", "Standard"},
	{"enhanced", "Enhanced: more LLME time, for the outcomes of the work the school takes part in"},
	{"intensive", "Intensive: for its leaders to make sustained change, moving to standard or enhanced support later"},
};

#define DAYS_FIELD                                                                                                     \
	{"days", FORM_TEXT, "Agreed days", .required = true, .max_chars = 20, .input_class = "govuk-input--width-4",   \
	 .inputmode = "decimal", .spellcheck_off = true, .missing = "Enter the agreed number of days",                 \
	 .hint = "Whole or half days, like 8 or 7.5"}
#define FOCUS_FIELD                                                                                                    \
	{"focus", FORM_TEXTAREA, "Development focus (optional)", .max_chars = 2000,                                    \
	 .hint = "What the school's leaders will develop in maths. It is often agreed while exploring: you can add it later"}

enum { S_SCHOOL, S_LEVEL, S_BEGAN, S_DAYS, S_FOCUS, S_COUNT };
static const struct form_field setup_fields[S_COUNT] = {
	[S_SCHOOL] = {"school", FORM_SCHOOL, "School", .required = true, .autocomplete = "off", .hint = FORM_SCHOOL_HINT,
		      .missing = "Enter the school's name, postcode or URN"},
	[S_LEVEL] = {"level", FORM_CHOICE, "Level of support", .required = true, .options = level_options,
		     .noptions = 3, .missing = "Select the level of support"},
	[S_BEGAN] = {"began", FORM_DATE, "Date it begins at this level", .required = true,
		     .hint = "The school joins the activity on this date. For example, 15 9 2026",
		     .missing = "Enter the date it begins at this level"},
	[S_DAYS] = DAYS_FIELD,
	[S_FOCUS] = FOCUS_FIELD,
};
static const struct form setup_form = FORM(setup_fields);

enum { D_DAYS, D_FOCUS, D_COUNT };
static const struct form_field details_fields[D_COUNT] = {[D_DAYS] = DAYS_FIELD, [D_FOCUS] = FOCUS_FIELD};

/* the form's own check: days as people type them */
static const char *days_check(const char *value, const void *ctx)
{
	(void)ctx;
	int64_t n;
	return support_half_days_parse(value, &n);
}

struct setup {
	struct form_page fp;
	int64_t id;
	bool details; /* /support/details: the days and focus of one set up */
	struct activity a;
	struct support s;
};

enum { SETUP_NOT_TARGETED = FORM_PAGE_REFUSED + 1 };

static enum err setup_load(struct db *db, struct form_page *fp)
{
	struct setup *st = fp->ctx;
	enum err e = activity_read(db, fp->rq->arena, st->id, fp->rq->session, &st->a);
	if (e)
		return e;
	return support_read(db, fp->rq->arena, st->id, clock_now(), false, &st->s);
}

static void setup_prepare(struct form_page *fp)
{
	struct setup *st = fp->ctx;
	struct req *rq = fp->rq;
	struct activity_access acc = activity_access_of(rq->session, &st->a);
	if (!acc.run) {
		fp->outcome = acc.see ? FORM_PAGE_REFUSED : FORM_PAGE_MISSING;
		return;
	}
	if (strcmp(st->a.kind, "Targeted Support")) {
		fp->outcome = SETUP_NOT_TARGETED;
		return;
	}
	const char *page = activities_href(rq, st->id, "/support");
	fp->caption = st->a.title;
	fp->back_href = page;
	if (st->details) {
		fp->title = "Agreed days and development focus";
		fp->action = activities_href(rq, st->id, "/support/details");
		fp->button = "Save changes";
		fp->form = (struct form)FORM(details_fields);
		if (!st->s.set_up)
			fp->outcome = FORM_PAGE_DONE; /* nothing to change yet: the page sets it up */
	} else {
		fp->title = "Targeted Support";
		fp->action = page;
		fp->button = "Set up Targeted Support";
		fp->form = setup_form;
		if (st->s.set_up) {
			fp->outcome = FORM_PAGE_BLOCKED;
			fp->blocked = arena_printf(rq->arena, "Targeted Support is for one school, and this activity's school is "
							      "already %s (URN %s). To support another school, create another "
							      "Targeted Support activity.",
						   st->s.school_name ? st->s.school_name : "chosen", st->s.urn);
		}
	}
	if (!strcmp(st->a.status, "cancelled")) {
		fp->outcome = FORM_PAGE_BLOCKED;
		fp->blocked = "This activity has been cancelled, so its support cannot be changed.";
	}
	/* the days are checked as the form is read */
	struct form_field *f = arena_alloc(rq->arena, fp->form.n * sizeof(*f));
	memcpy(f, fp->form.fields, fp->form.n * sizeof(*f));
	f[st->details ? D_DAYS : S_DAYS].check = days_check;
	fp->form.fields = f;
}

static void setup_intro(struct html *w, struct form_page *fp)
{
	struct setup *st = fp->ctx;
	if (st->details)
		return;
	H_RAW(w, "<p class=\"govuk-body\">Targeted Support is a bespoke offer to one school over an agreed number of days: "
		 "its leaders and the LLME explore, plan, deliver and evaluate a development focus in maths.</p>\n");
	if (st->s.urn && !st->s.set_up) {
		H_RAW(w, "<div class=\"govuk-inset-text\">");
		html_text(w, st->s.school_name ? st->s.school_name : st->s.urn);
		H_RAW(w, " already takes part in this activity, so it is the school supported.</div>\n");
	}
}

static void setup_prefill(struct form_page *fp)
{
	struct setup *st = fp->ctx;
	char days[24];
	if (!st->details) {
		char today[11];
		support_today(today);
		if (st->s.urn)
			form_set(&fp->d, S_SCHOOL, st->s.urn);
		form_set(&fp->d, S_BEGAN, today);
		return;
	}
	/* "7.5" rather than "7½": what the field's hint asks for */
	snprintf(days, sizeof(days), "%lld%s", (long long)(st->s.agreed_half_days / 2), st->s.agreed_half_days % 2 ? ".5" : "");
	form_set(&fp->d, D_DAYS, days);
	form_set(&fp->d, D_FOCUS, st->s.focus);
}

/* The school the field names (NULL, with the field failed, when none). */
static enum err school_of(struct db *db, struct form_page *fp, const char **urn)
{
	const struct form_value *v = &fp->d.values[S_SCHOOL];
	struct arena *ar = fp->rq->arena;
	*urn = NULL;
	if (!v->number) { /* words typed without the picker: the one school they name */
		int64_t n;
		enum err e = school_find_one(db, ar, v->text, urn, &n);
		if (e || *urn)
			return e;
		form_fail(&fp->d, S_SCHOOL,
			  n ? arena_printf(ar, "%lld schools match \u201c%s\u201d: type more of the school's name, or its "
					       "postcode or URN", (long long)n, v->text)
			    : arena_printf(ar, "No school matches \u201c%s\u201d: check the spelling, or enter the school's "
					       "postcode or URN", v->text));
		return ERR_OK;
	}
	*urn = arena_printf(ar, "%06lld", (long long)v->number);
	enum err e = school_exists(db, *urn);
	if (e == ERR_NOT_FOUND) {
		form_fail(&fp->d, S_SCHOOL, "There is no school with this URN. Check it in Get Information about Schools");
		*urn = NULL;
		return ERR_OK;
	}
	return e;
}

static enum err setup_write(struct db *db, struct form_page *fp)
{
	struct setup *st = fp->ctx;
	struct req *rq = fp->rq;
	const struct form_value *v = fp->d.values;
	int64_t half_days = 0, now = clock_now();
	char days[24];
	support_half_days_parse(v[st->details ? D_DAYS : S_DAYS].text, &half_days);
	const char *target = arena_printf(rq->arena, "activity:%lld", (long long)st->id);
	enum err e;
	if (st->details) {
		const char *focus = v[D_FOCUS].text;
		if ((e = support_update(db, st->id, half_days, focus)) ||
		    (e = audit(db, rq, rq->session->person_id, "support_changed", target,
			       arena_printf(rq->arena, "%s days agreed", support_days_text(half_days, days)))))
			return e;
		return session_flash(rq, "Agreed days and development focus saved");
	}
	const char *urn;
	if ((e = school_of(db, fp, &urn)) || !urn)
		return e;
	if (st->s.urn && strcmp(urn, st->s.urn)) {
		form_fail(&fp->d, S_SCHOOL, arena_printf(rq->arena, "Targeted Support is for one school, and %s already takes "
									  "part in this activity",
							 st->s.school_name ? st->s.school_name : st->s.urn));
		return ERR_OK;
	}
	struct support_setup s = {.urn = urn, .level = v[S_LEVEL].text, .focus = v[S_FOCUS].text,
				  .began = v[S_BEGAN].text, .agreed_half_days = half_days};
	if ((e = support_create(db, st->id, &s, rq->session->person_id, now)) ||
	    (e = audit(db, rq, rq->session->person_id, "support_set_up", target,
		       arena_printf(rq->arena, "URN %s, %s, %s days agreed", urn, s.level, support_days_text(half_days, days)))))
		return e;
	return session_flash(rq, "Targeted Support set up");
}

static enum err setup_refuse(struct resp *rs, struct form_page *fp)
{
	struct setup *st = fp->ctx;
	if (fp->outcome == FORM_PAGE_MISSING)
		return activities_not_found(rs);
	if (fp->outcome == SETUP_NOT_TARGETED)
		return support_not_targeted(rs, fp->rq, &st->a);
	return activities_refused(rs, "You cannot change this support",
				  "Only its leads, its MHLM link and its hubs' leadership change its Targeted Support.", &st->a,
				  fp->rq);
}

static struct form_page *page_of(struct req *rq, struct setup *st, bool details)
{
	*st = (struct setup){.fp = {.name = details ? "support_details" : "support_set_up", .load = setup_load,
				    .prepare = setup_prepare, .prefill = setup_prefill, .intro = setup_intro,
				    .write = setup_write, .refuse = setup_refuse},
			     .id = activities_param(rq), .details = details};
	st->fp.rq = rq;
	st->fp.ctx = st;
	st->fp.form = details ? (struct form)FORM(details_fields) : setup_form;
	return &st->fp;
}

void support_setup_form(struct html *w, struct req *rq, const struct activity *a, const struct support *s)
{
	struct setup st;
	page_of(rq, &st, false);
	st.a = *a;
	st.s = *s;
	form_empty(&setup_form, rq->arena, &st.fp.d);
	setup_prefill(&st.fp);
	setup_intro(w, &st.fp);
	H_RAW(w, "<form method=\"post\" novalidate");
	H_ATTR(w, "action", activities_href(rq, a->id, "/support"));
	H_RAW(w, ">\n");
	govuk_csrf(w, rq->session->csrf);
	form_fields(w, &st.fp.d);
	H_RAW(w, "<div class=\"govuk-button-group\">");
	govuk_button(w, &(struct govuk_button){.text = "Set up Targeted Support", .prevent_double_click = true});
	H_RAW(w, "<a class=\"govuk-link\"");
	H_ATTR(w, "href", activities_href(rq, a->id, NULL));
	H_RAW(w, ">Cancel</a></div>\n</form>\n");
}

enum err activities_support_post(struct req *rq, struct resp *rs)
{
	struct setup st;
	return activities_param(rq) ? form_page_post(rs, page_of(rq, &st, false)) : activities_not_found(rs);
}

enum err activities_support_details(struct req *rq, struct resp *rs)
{
	struct setup st;
	return activities_param(rq) ? form_page_get(rs, page_of(rq, &st, true)) : activities_not_found(rs);
}

enum err activities_support_details_post(struct req *rq, struct resp *rs)
{
	struct setup st;
	return activities_param(rq) ? form_page_post(rs, page_of(rq, &st, true)) : activities_not_found(rs);
}
