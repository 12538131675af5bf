/*
 * support_level.c - /activities/{id}/support/level: the lead hub's
 * leadership changes a Targeted Support activity's level from a date, with
 * a reason (a school in intensive support moves to standard or enhanced
 * provision later). Each change is a row of its history (support_levels);
 * the level in force is the latest (a trigger keeps targeted_support.level).
 * The date is after the latest change and not in the future. Audited.
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

static const struct govuk_option level_options[] = {
	{"standard", "Standard"}, {"enhanced", "Enhanced"}, {"intensive", "Intensive"},
};

enum { L_LEVEL, L_FROM, L_REASON, L_COUNT };
static const struct form_field level_fields[L_COUNT] = {
	[L_LEVEL] = {"level", FORM_CHOICE, "New level", .required = true, .options = level_options, .noptions = 3,
		     .missing = "Select the new level of support"},
	[L_FROM] = {"from", FORM_DATE, "Date it changes", .required = true, .hint = "For example, 14 4 2026",
		    .missing = "Enter the date it changes"},
	[L_REASON] = {"reason", FORM_TEXTAREA, "Why does it change?", .required = true, .max_chars = 1000,
		      .hint = "For example, its leaders have made the change intensive support was for",
		      .missing = "Enter why the level changes"},
};

struct level {
	struct form_page fp;
	int64_t id;
	struct activity a;
	struct support s;
};

enum { LEVEL_NOT_TARGETED = FORM_PAGE_REFUSED + 1 };

static enum err level_load(struct db *db, struct form_page *fp)
{
	struct level *l = fp->ctx;
	enum err e = activity_read(db, fp->rq->arena, l->id, fp->rq->session, &l->a);
	if (e)
		return e;
	return support_read(db, fp->rq->arena, l->id, clock_now(), false, &l->s);
}

static void level_prepare(struct form_page *fp)
{
	struct level *l = fp->ctx;
	struct activity_access acc = activity_access_of(fp->rq->session, &l->a);
	if (!acc.manage) {
		fp->outcome = acc.see ? FORM_PAGE_REFUSED : FORM_PAGE_MISSING;
		return;
	}
	if (strcmp(l->a.kind, "Targeted Support")) {
		fp->outcome = LEVEL_NOT_TARGETED;
		return;
	}
	fp->caption = l->a.title;
	fp->back_href = activities_href(fp->rq, l->id, "/support");
	fp->action = activities_href(fp->rq, l->id, "/support/level");
	if (!l->s.set_up)
		fp->outcome = FORM_PAGE_DONE; /* nothing to change yet: the support page sets it up */
	else if (!strcmp(l->a.status, "cancelled")) {
		fp->outcome = FORM_PAGE_BLOCKED;
		fp->blocked = "This activity has been cancelled, so its level cannot be changed.";
	}
}

static void level_intro(struct html *w, struct form_page *fp)
{
	struct level *l = fp->ctx;
	char day[24];
	const struct support_level *now = l->s.nlevels ? &l->s.levels[l->s.nlevels - 1] : NULL;
	H_RAW(w, "<p class=\"govuk-body\">It is at the ");
	html_text(w, l->s.level); /* the key: the level's name in lower case */
	H_RAW(w, " level");
	if (now && clock_format_day(now->from_on, day)) {
		H_RAW(w, " from ");
		html_text(w, day);
	}
	H_RAW(w, ". The change is kept in its history.</p>\n");
}

static enum err level_write(struct db *db, struct form_page *fp)
{
	struct level *l = fp->ctx;
	struct req *rq = fp->rq;
	const struct form_value *v = fp->d.values;
	const char *level = v[L_LEVEL].text, *from = v[L_FROM].text;
	const struct support_level *last = l->s.nlevels ? &l->s.levels[l->s.nlevels - 1] : NULL;
	char today[11], day[24];
	support_today(today);
	if (!strcmp(level, l->s.level))
		form_fail(&fp->d, L_LEVEL,
			  arena_printf(rq->arena, "It is already at the %s level: select another",
				       activities_term_name(activities_levels, ACTIVITIES_NLEVELS, level)));
	if (strcmp(from, today) > 0)
		form_fail(&fp->d, L_FROM, "Date it changes must be today or in the past");
	else if (last && strcmp(from, last->from_on) <= 0)
		form_fail(&fp->d, L_FROM,
			  arena_printf(rq->arena, "Date it changes must be after %s, when its level was last set",
				       clock_format_day(last->from_on, day) ? day : last->from_on));
	if (fp->d.nerrors)
		return ERR_OK;
	enum err e = support_level_add(db, l->id, from, level, v[L_REASON].text, rq->session->person_id, clock_now());
	if (e || (e = audit(db, rq, rq->session->person_id, "support_level_changed",
			    arena_printf(rq->arena, "activity:%lld", (long long)l->id),
			    arena_printf(rq->arena, "%s to %s from %s: %s", l->s.level, level, from, v[L_REASON].text))))
		return e;
	return session_flash(rq, arena_printf(rq->arena, "Level changed to %s",
					      activities_term_name(activities_levels, ACTIVITIES_NLEVELS, level)));
}

static enum err level_refuse(struct resp *rs, struct form_page *fp)
{
	struct level *l = fp->ctx;
	if (fp->outcome == FORM_PAGE_MISSING)
		return activities_not_found(rs);
	if (fp->outcome == LEVEL_NOT_TARGETED)
		return support_not_targeted(rs, fp->rq, &l->a);
	return activities_refused(rs, "You cannot change its level",
				  "Only the leadership of its lead hub changes the level of Targeted Support.", &l->a, fp->rq);
}

static const struct form_page level_page = {
	.name = "support_level", .title = "Change the level of support", .button = "Change the level",
	.form = FORM(level_fields), .load = level_load, .prepare = level_prepare, .intro = level_intro,
	.write = level_write, .refuse = level_refuse,
};

static struct form_page *page_of(struct req *rq, struct level *l)
{
	*l = (struct level){.fp = level_page, .id = activities_param(rq)};
	l->fp.rq = rq;
	l->fp.ctx = l;
	return &l->fp;
}

enum err activities_support_level(struct req *rq, struct resp *rs)
{
	struct level l;
	return activities_param(rq) ? form_page_get(rs, page_of(rq, &l)) : activities_not_found(rs);
}

enum err activities_support_level_post(struct req *rq, struct resp *rs)
{
	struct level l;
	return activities_param(rq) ? form_page_post(rs, page_of(rq, &l)) : activities_not_found(rs);
}
