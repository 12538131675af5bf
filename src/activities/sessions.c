/*
 * sessions.c - /activities/{id}/sessions/new, /sessions/{id}/edit and
 * /sessions/{id}/cancel: those who run an activity schedule its sessions
 * (the day, start and end in Europe/London, face to face at a venue or
 * online at a meeting's https:// address, the purpose, and for Targeted
 * Support the half-days it uses of the agreed days), change them, and
 * cancel one with a reason (not one whose register has been taken: it was
 * held). Each a declared form_page; audited.
 */
#include <stdlib.h>
#include <string.h>

#include "activities/activities.h"
#include "activities/pages.h"
#include "activities/sessions.h"
#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/workdays.h"
#include "db/db.h"
#include "form_page.h"
#include "html/form.h"

enum { F_DAY, F_START, F_END, F_FORMAT, F_VENUE, F_ADDRESS, F_URL, F_PURPOSE, F_HALF_DAYS, F_COUNT };

static const struct govuk_option format_options[] = {{"face_to_face", "Face to face"}, {"online", "Online"}};

static const struct form_field session_fields[F_COUNT] = {
	[F_DAY] = {"day", FORM_DATE, "Date", .required = true, .missing = "Enter the date of the session", .hint = "For example, 6 10 2026", .min = 2000, .max = 2100},
	[F_START] = {"start", FORM_TEXT, "Starts at", .required = true, .check = form_check_time, .max_chars = 5,
		     .input_class = "govuk-input--width-5", .hint = "UK time, 24-hour clock, for example 09:30"},
	[F_END] = {"end", FORM_TEXT, "Ends at", .required = true, .check = form_check_time, .max_chars = 5,
		   .input_class = "govuk-input--width-5", .hint = "For example, 15:30"},
	[F_FORMAT] = {"format", FORM_CHOICE, "Face to face or online?", .required = true,
		      .missing = "Select face to face or online", .invalid = "Select face to face or online", .options = format_options,
		      .noptions = 2},
	[F_VENUE] = {"venue", FORM_TEXT, "Venue", .required = true, .missing = "Enter the venue", .max_chars = 200, .revealed_by = "format",
		     .revealed_for = "face_to_face", .hint = "For example, the school or the hub's centre"},
	[F_ADDRESS] = {"address", FORM_TEXTAREA, "Address (optional)", .max_chars = 500, .revealed_by = "format",
		       .revealed_for = "face_to_face"},
	[F_URL] = {"online_url", FORM_TEXT, "Meeting address", .required = true,
		   .missing = "Enter the meeting's address, starting https://", .max_chars = 1000,
		   .check = form_check_https, .revealed_by = "format", .revealed_for = "online", .spellcheck_off = true,
		   .hint = "Participants see it on the session's page"},
	[F_PURPOSE] = {"purpose", FORM_TEXTAREA, "Purpose (optional)", .max_chars = 2000,
		       .hint = "What the session is for, and anything to prepare or bring"},
	[F_HALF_DAYS] = {"half_days", FORM_NUMBER, "Half-days it uses", .required = true, .min = 0, .max = 4,
			 .input_class = "govuk-input--width-2", .inputmode = "numeric",
			 .hint = "Of the Targeted Support's agreed days: a full day is 2"},
};

enum { SESSION_REFUSED = FORM_PAGE_REFUSED };

struct edit {
	struct form_page fp;
	int64_t activity_id;       /* new: the activity's */
	struct session_view v;     /* editing: the session; new: v.a is the activity */
	struct form_field fields[F_COUNT];
};

static bool targeted(const struct edit *ed)
{
	return ed->v.a.kind && !strcmp(ed->v.a.kind, "Targeted Support");
}

static enum err new_load(struct db *db, struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	return activity_read(db, fp->rq->arena, ed->activity_id, fp->rq->session, &ed->v.a);
}

static enum err edit_load(struct db *db, struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	return session_view_load(db, &ed->v);
}

/* Who may: those who run the activity; others who see it get 403, the rest 404. */
static bool may_run(struct form_page *fp, struct edit *ed)
{
	ed->v.acc = activity_access_of(fp->rq->session, &ed->v.a);
	if (ed->v.acc.run)
		return true;
	fp->outcome = ed->v.acc.see ? SESSION_REFUSED : FORM_PAGE_MISSING;
	return false;
}

static void fields_for(struct form_page *fp, struct edit *ed)
{
	memcpy(ed->fields, session_fields, sizeof(session_fields));
	ed->fields[F_HALF_DAYS].off = !targeted(ed);
	fp->form = (struct form){ed->fields, F_COUNT};
}

static void new_prepare(struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	if (!may_run(fp, ed))
		return;
	fields_for(fp, ed);
	fp->caption = ed->v.a.title;
	fp->back_href = activities_href(fp->rq, ed->activity_id, NULL);
	fp->action = activities_href(fp->rq, ed->activity_id, "/sessions/new");
	if (!strcmp(ed->v.a.status, "cancelled")) {
		fp->outcome = FORM_PAGE_BLOCKED;
		fp->blocked = "The activity has been cancelled, so it has no more sessions.";
	}
}

static void edit_prepare(struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	if (!may_run(fp, ed))
		return;
	fields_for(fp, ed);
	fp->caption = ed->v.a.title;
	fp->back_href = sessions_href(fp->rq, ed->v.id, NULL);
	fp->action = sessions_href(fp->rq, ed->v.id, "/edit");
	if (ed->v.s.cancelled_at) {
		fp->outcome = FORM_PAGE_BLOCKED;
		fp->blocked = "The session has been cancelled.";
	} else if (!strcmp(ed->v.a.status, "cancelled")) {
		fp->outcome = FORM_PAGE_BLOCKED;
		fp->blocked = "The activity has been cancelled, so its sessions cannot be changed.";
	}
}

static void new_prefill(struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	if (strcmp(ed->v.a.format, "blended"))
		form_set(&fp->d, F_FORMAT, ed->v.a.format);
	form_set(&fp->d, F_HALF_DAYS, "2");
}

static void edit_prefill(struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	const struct activity_session *s = &ed->v.s;
	form_set(&fp->d, F_DAY, ed->v.day);
	form_set(&fp->d, F_START, ed->v.starts);
	form_set(&fp->d, F_END, ed->v.ends);
	form_set(&fp->d, F_FORMAT, s->format);
	form_set(&fp->d, F_VENUE, s->venue);
	form_set(&fp->d, F_ADDRESS, s->address);
	form_set(&fp->d, F_URL, s->online_url);
	form_set(&fp->d, F_PURPOSE, s->purpose);
	form_set(&fp->d, F_HALF_DAYS, arena_printf(fp->rq->arena, "%d", s->half_days));
}

/* The form's values as a session's fields; false (a field failed) when the times do not make one. */
static bool fields_of(struct form_page *fp, struct edit *ed, struct session_fields *f)
{
	struct form_data *d = &fp->d;
	const char *day = d->values[F_DAY].text;
	int start = form_time_minutes(d->values[F_START].text), end = form_time_minutes(d->values[F_END].text);
	*f = (struct session_fields){.format = d->values[F_FORMAT].text, .purpose = d->values[F_PURPOSE].text,
				     .half_days = targeted(ed) ? (int)d->values[F_HALF_DAYS].number
						  : ed->v.id ? ed->v.s.half_days : 2};
	if (!strcmp(f->format, "online")) {
		f->online_url = d->values[F_URL].text;
	} else {
		f->venue = d->values[F_VENUE].text;
		f->address = d->values[F_ADDRESS].text && d->values[F_ADDRESS].text[0] ? d->values[F_ADDRESS].text : NULL;
	}
	if (end <= start) {
		form_fail(d, F_END, "The session must end after it starts");
		return false;
	}
	if (!london_to_unix(day, start / 60, start % 60, 0, &f->starts_at) ||
	    !london_to_unix(day, end / 60, end % 60, 0, &f->ends_at)) {
		form_fail(d, F_DAY, "Date must be a real date");
		return false;
	}
	/* a time the clocks skip (the last Sunday of March, 01:00 to 01:59) is no time at all */
	bool ok = form_london_time(d, F_START, day, start);
	return form_london_time(d, F_END, day, end) && ok;
}

static const char *when_words(struct req *rq, const struct session_fields *f)
{
	return session_when(rq->arena, &(struct activity_session){.starts_at = f->starts_at, .ends_at = f->ends_at});
}

static enum err new_write(struct db *db, struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	struct req *rq = fp->rq;
	struct session_fields f;
	if (!fields_of(fp, ed, &f))
		return ERR_OK;
	int64_t id, me = rq->session->person_id;
	enum err e = activity_session_create(db, ed->activity_id, &f, me, clock_now(), &id);
	if (e || (e = audit(db, rq, me, "session_created", arena_printf(rq->arena, "session:%lld", (long long)id),
			    arena_printf(rq->arena, "activity:%lld: %s", (long long)ed->activity_id, when_words(rq, &f)))))
		return e;
	fp->done_href = sessions_href(rq, id, NULL);
	return session_flash(rq, "Session scheduled");
}

/* Whether two of a session's texts say the same (NULL and "" both none). */
static bool same_text(const char *x, const char *y)
{
	return !strcmp(x ? x : "", y ? y : "");
}

/* Whether f is what session s holds already (a form sent again, or saved unchanged). */
static bool unchanged(const struct session_fields *f, const struct activity_session *s)
{
	return f->starts_at == s->starts_at && f->ends_at == s->ends_at && same_text(f->format, s->format) &&
	       same_text(f->venue, s->venue) && same_text(f->address, s->address) &&
	       same_text(f->online_url, s->online_url) && same_text(f->purpose, s->purpose) && f->half_days == s->half_days;
}

static enum err edit_write(struct db *db, struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	struct req *rq = fp->rq;
	struct session_fields f;
	if (!fields_of(fp, ed, &f))
		return ERR_OK;
	if (unchanged(&f, &ed->v.s))
		return session_flash_note(rq, "Nothing was changed");
	int64_t me = rq->session->person_id;
	enum err e = activity_session_update(db, ed->v.id, &f, clock_now());
	if (e || (e = audit(db, rq, me, "session_changed", arena_printf(rq->arena, "session:%lld", (long long)ed->v.id),
			    arena_printf(rq->arena, "activity:%lld: %s", (long long)ed->v.a.id, when_words(rq, &f)))))
		return e;
	return session_flash(rq, "Session changed");
}

static enum err new_refuse(struct resp *rs, struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	if (fp->outcome == FORM_PAGE_MISSING)
		return activities_not_found(rs);
	return activities_refused(rs, "You cannot schedule its sessions",
				  "Its leads, its MHLM link and its hubs' leadership schedule its sessions.", &ed->v.a, fp->rq);
}

static enum err edit_refuse(struct resp *rs, struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	if (fp->outcome == FORM_PAGE_MISSING)
		return sessions_not_found(rs);
	return sessions_refused(rs, &ed->v, "You cannot change this session",
				"Its activity's leads, its MHLM link and its hubs' leadership change its sessions.");
}

static const struct form_page new_page = {
	.name = "session_new", .title = "Schedule a session", .button = "Schedule the session", .load = new_load,
	.prepare = new_prepare, .prefill = new_prefill, .write = new_write, .refuse = new_refuse,
};
static const struct form_page edit_page = {
	.name = "session_edit", .title = "Change the session", .button = "Save changes", .load = edit_load,
	.prepare = edit_prepare, .prefill = edit_prefill, .write = edit_write, .refuse = edit_refuse,
};

static struct form_page *page_of(struct req *rq, struct edit *ed, const struct form_page *kind)
{
	*ed = (struct edit){.fp = *kind};
	ed->fp.rq = rq;
	ed->fp.ctx = ed;
	ed->v.rq = rq;
	if (kind == &new_page)
		ed->activity_id = activities_param(rq);
	else
		ed->v.id = activities_param(rq);
	fields_for(&ed->fp, ed);
	return &ed->fp;
}

enum err activities_session_new(struct req *rq, struct resp *rs)
{
	struct edit ed;
	return activities_param(rq) ? form_page_get(rs, page_of(rq, &ed, &new_page)) : activities_not_found(rs);
}

enum err activities_session_new_post(struct req *rq, struct resp *rs)
{
	struct edit ed;
	return activities_param(rq) ? form_page_post(rs, page_of(rq, &ed, &new_page)) : activities_not_found(rs);
}

enum err activities_session_edit(struct req *rq, struct resp *rs)
{
	struct edit ed;
	return activities_param(rq) ? form_page_get(rs, page_of(rq, &ed, &edit_page)) : sessions_not_found(rs);
}

enum err activities_session_edit_post(struct req *rq, struct resp *rs)
{
	struct edit ed;
	return activities_param(rq) ? form_page_post(rs, page_of(rq, &ed, &edit_page)) : sessions_not_found(rs);
}

/* ---- cancelling ---- */

enum { C_REASON, C_COUNT };
static const struct form_field cancel_fields[C_COUNT] = {
	[C_REASON] = {"reason", FORM_TEXTAREA, "Why is it cancelled?", .required = true, .max_chars = 1000,
		      .hint = "Its participants read this on the session's page"},
};

static void cancel_prepare(struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	if (!may_run(fp, ed))
		return;
	fp->caption = arena_printf(fp->rq->arena, "%s: %s", ed->v.a.title, session_when(fp->rq->arena, &ed->v.s));
	fp->back_href = sessions_href(fp->rq, ed->v.id, NULL);
	fp->action = sessions_href(fp->rq, ed->v.id, "/cancel");
	if (ed->v.s.cancelled_at) {
		fp->outcome = FORM_PAGE_DONE;
	} else if (ed->v.s.register_taken_at) {
		fp->outcome = FORM_PAGE_BLOCKED;
		fp->blocked = "Its register has been taken, so the session was held and cannot be cancelled.";
	}
}

static enum err cancel_write(struct db *db, struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	struct req *rq = fp->rq;
	const char *reason = fp->d.values[C_REASON].text;
	int64_t me = rq->session->person_id;
	enum err e = activity_session_cancel(db, ed->v.id, reason, me, clock_now());
	if (e || (e = audit(db, rq, me, "session_cancelled", arena_printf(rq->arena, "session:%lld", (long long)ed->v.id),
			    reason)))
		return e;
	return session_flash(rq, "The session has been cancelled");
}

static enum err cancel_refuse(struct resp *rs, struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	if (fp->outcome == FORM_PAGE_MISSING)
		return sessions_not_found(rs);
	return sessions_refused(rs, &ed->v, "You cannot cancel this session",
				"Its activity's leads, its MHLM link and its hubs' leadership cancel its sessions.");
}

static const struct form_page cancel_page = {
	.name = "session_cancel", .title = "Cancel the session", .button = "Cancel the session",
	.button_variant = "warning", .form = FORM(cancel_fields), .load = edit_load, .prepare = cancel_prepare,
	.write = cancel_write, .refuse = cancel_refuse,
};

static struct form_page *cancel_of(struct req *rq, struct edit *ed)
{
	*ed = (struct edit){.fp = cancel_page};
	ed->fp.rq = rq;
	ed->fp.ctx = ed;
	ed->v.rq = rq;
	ed->v.id = activities_param(rq);
	return &ed->fp;
}

enum err activities_session_cancel(struct req *rq, struct resp *rs)
{
	struct edit ed;
	return activities_param(rq) ? form_page_get(rs, cancel_of(rq, &ed)) : sessions_not_found(rs);
}

enum err activities_session_cancel_post(struct req *rq, struct resp *rs)
{
	struct edit ed;
	return activities_param(rq) ? form_page_post(rs, cancel_of(rq, &ed)) : sessions_not_found(rs);
}
