/*
 * attendance_add.c - /events/{id}/attendance/add: an organiser records
 * that someone came though nothing shows it (they joined on a colleague's
 * device, or signed nobody's sheet), with a note saying how; audited.
 * A declared form_page whose day options are the event's days.
 */
#include <string.h>

#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/workdays.h"
#include "db/db.h"
#include "events/pages.h"
#include "events/queries.h"
#include "events/register.h"
#include "events/rules.h"
#include "form_page.h"
#include "html/form.h"
#include "html/govuk.h"
#include "http/request.h"

enum { A_EMAIL, A_DAY, A_STATUS, A_NOTE, A_COUNT };
static const struct govuk_option status_options[] = {{"present", "Present"}, {"late", "Late"}};
static const struct form_field add_fields[A_COUNT] = {
	[A_EMAIL] = {"email", FORM_EMAIL, "Their email address", .required = true, .autocomplete = "off",
		     .spellcheck_off = true, .hint = "The address they have an account with"},
	[A_DAY] = {"day", FORM_CHOICE, "Which day?", .required = true},
	[A_STATUS] = {"status", FORM_CHOICE, "Did they arrive on time?", .required = true, .options = status_options,
		      .noptions = 2},
	[A_NOTE] = {"note", FORM_TEXTAREA, "Note", .required = true, .max_chars = 500,
		    .hint = "How they took part, for example: joined on Sam Patel's laptop in the same classroom"},
};

struct add_attendance {
	struct form_page fp;
	int64_t id;
	struct event e;
	struct form_field fields[A_COUNT];
};

static enum err add_load(struct db *db, struct form_page *fp)
{
	struct add_attendance *s = fp->ctx;
	return event_read(db, fp->rq->arena, s->id, fp->rq->session->person_id, &s->e); /* for event_visible */
}

static void add_prepare(struct form_page *fp)
{
	struct add_attendance *s = fp->ctx;
	struct arena *a = fp->rq->arena;
	if (!event_organiser(fp->rq->session, &s->e)) {
		fp->outcome = event_visible(fp->rq->session, &s->e) ? FORM_PAGE_REFUSED : FORM_PAGE_MISSING;
		return;
	}
	struct govuk_option *days = arena_alloc(a, (s->e.ndays + 1) * sizeof(*days));
	for (size_t i = 0; i < s->e.ndays; i++)
		days[i] = (struct govuk_option){s->e.days[i].day, day_words(a, s->e.days[i].day)};
	memcpy(s->fields, add_fields, sizeof(add_fields));
	s->fields[A_DAY].options = days;
	s->fields[A_DAY].noptions = s->e.ndays;
	fp->form = (struct form){s->fields, A_COUNT};
	fp->caption = s->e.title;
	fp->back_href = events_href(fp->rq, s->id, "/register");
	fp->action = events_href(fp->rq, s->id, "/attendance/add");
}

static void add_prefill(struct form_page *fp)
{
	struct add_attendance *s = fp->ctx;
	const char *day = req_query(fp->rq, "day");
	for (size_t i = 0; day && i < s->e.ndays; i++)
		if (!strcmp(s->e.days[i].day, day))
			form_set(&fp->d, A_DAY, day);
	if (s->e.ndays == 1)
		form_set(&fp->d, A_DAY, s->e.days[0].day);
	form_set(&fp->d, A_STATUS, "present");
}

static void add_intro(struct html *w, struct form_page *fp)
{
	(void)fp;
	H_RAW(w, "<p class=\"govuk-body\">For someone who took part but whose attendance is not recorded: they "
		 "joined on someone else's device, or came without signing in. What you write is kept with their "
		 "attendance and in the audit log.</p>\n");
}

static enum err add_write(struct db *db, struct form_page *fp)
{
	struct add_attendance *s = fp->ctx;
	struct req *rq = fp->rq;
	struct arena *a = rq->arena;
	const char *email = fp->d.values[A_EMAIL].text, *day = fp->d.values[A_DAY].text,
		   *status = fp->d.values[A_STATUS].text, *note = fp->d.values[A_NOTE].text;
	int64_t pid, me = rq->session->person_id;
	const char *name;
	enum err e = events_person_by_email(db, a, email, &pid, &name);
	if (e == ERR_NOT_FOUND) {
		form_fail(&fp->d, A_EMAIL, "There is no active account with this email address");
		return ERR_OK;
	}
	if (e || (e = event_mark_set(db, s->id, pid, day, status, -1, "register", note, me, clock_now())) ||
	    (e = audit(db, rq, me, "event_attendance_added", arena_printf(a, "event:%lld", (long long)s->id),
		       arena_printf(a, "person:%lld %s %s: %s", (long long)pid, day, status, note))))
		return e;
	fp->done_href = arena_printf(a, "%s?day=%s", events_href(rq, s->id, "/register"), day);
	return session_flash(rq, arena_printf(a, "%s is marked %s for %s", name, status, day_words(a, day)));
}

static enum err add_refuse(struct resp *rs, struct form_page *fp)
{
	if (fp->outcome == FORM_PAGE_MISSING)
		return events_not_found(rs);
	return resp_error_page(rs, 403, "Only the event's organisers can record attendance",
			       "Registers and attendance are for the organisers of the event.", NULL, NULL);
}

static const struct form_page add_page = {
	.name = "event_attendance_add", .title = "Add someone's attendance", .button = "Save attendance",
	.load = add_load, .prepare = add_prepare, .prefill = add_prefill, .intro = add_intro, .write = add_write,
	.refuse = add_refuse,
};

static struct form_page *page_of(struct req *rq, struct add_attendance *s)
{
	*s = (struct add_attendance){.fp = add_page, .id = events_param(rq)};
	s->fp.rq = rq;
	s->fp.ctx = s;
	s->fp.form = (struct form){add_fields, A_COUNT};
	return &s->fp;
}

enum err events_attendance_add(struct req *rq, struct resp *rs)
{
	struct add_attendance s;
	return events_param(rq) ? form_page_get(rs, page_of(rq, &s)) : events_not_found(rs);
}

enum err events_attendance_add_post(struct req *rq, struct resp *rs)
{
	struct add_attendance s;
	return events_param(rq) ? form_page_post(rs, page_of(rq, &s)) : events_not_found(rs);
}
