/*
 * requirements.c - dietary and access requirements. A person confirmed
 * for an event gives theirs at /events/{id}/your-requirements (until the
 * event ends); its organisers, and only they, read them at
 * /events/{id}/requirements and as a CSV for caterers. Each read that
 * shows any is audited, naming the event: the read and its audit line are
 * one write transaction, so nothing is shown unrecorded. They are deleted
 * 30 days after the event ends (cleanup.c).
 */
#include <stdlib.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/csv.h"
#include "core/workdays.h"
#include "db/db.h"
#include "events/pages.h"
#include "events/queries.h"
#include "events/requirements.h"
#include "events/rules.h"
#include "form_page.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"

/* The first second after the event's last day ends (0: unknown). */
static int64_t ends_at(const struct event *e)
{
	int64_t t = 0;
	if (!e->ndays)
		return 0;
	const struct event_day *d = &e->days[e->ndays - 1];
	if (!london_to_unix(d->day, atoi(d->ends), atoi(d->ends + 3), 0, &t))
		return 0;
	return t;
}

static void who_sees(struct html *w)
{
	H_RAW(w, "<div class=\"govuk-inset-text\">");
	html_text(w, EVENTS_REQUIREMENTS_WHO_SEES);
	H_RAW(w, "</div>\n");
}

/* ---- a person's own ---- */

enum { R_DIETARY, R_ACCESS, R_COUNT };
static const struct form_field own_fields[R_COUNT] = {
	[R_DIETARY] = {"dietary", FORM_TEXTAREA, "Dietary requirements (optional)", .max_chars = 500,
		       .hint = "For example, vegetarian, halal, or an allergy to nuts"},
	[R_ACCESS] = {"access", FORM_TEXTAREA, "Access requirements (optional)", .max_chars = 500,
		      .hint = "For example, step-free access, a hearing loop, or a quiet room to take breaks"},
};

struct own {
	struct form_page fp;
	int64_t id;
	struct event e;
	const char *dietary, *access;
};

static enum err own_load(struct db *db, struct form_page *fp)
{
	struct own *o = fp->ctx;
	enum err e = event_read(db, fp->rq->arena, o->id, fp->rq->session->person_id, &o->e);
	if (!e)
		e = event_requirement_own(db, fp->rq->arena, o->id, fp->rq->session->person_id, &o->dietary, &o->access);
	return e;
}

static void own_prepare(struct form_page *fp)
{
	struct own *o = fp->ctx;
	const struct event *e = &o->e;
	if (!e->eligible && !e->answer) {
		fp->outcome = FORM_PAGE_MISSING;
		return;
	}
	fp->caption = e->title;
	fp->back_href = events_href(fp->rq, o->id, NULL);
	fp->action = events_href(fp->rq, o->id, "/your-requirements");
	if (e->cancelled_at) {
		fp->outcome = FORM_PAGE_BLOCKED;
		fp->blocked = "This event has been cancelled.";
	} else if (!e->answer || strcmp(e->answer, "confirmed")) {
		fp->outcome = FORM_PAGE_BLOCKED;
		fp->blocked = "You can give your requirements once you have confirmed your place.";
	} else if (clock_now() >= ends_at(e)) {
		fp->outcome = FORM_PAGE_BLOCKED;
		fp->blocked = "The event has ended.";
	}
}

static void own_prefill(struct form_page *fp)
{
	struct own *o = fp->ctx;
	form_set(&fp->d, R_DIETARY, o->dietary);
	form_set(&fp->d, R_ACCESS, o->access);
}

static void own_intro(struct html *w, struct form_page *fp)
{
	(void)fp;
	H_RAW(w, "<p class=\"govuk-body\">Tell the organisers what you need so that you can take part fully. "
		 "Leave both empty if you have none.</p>\n");
	who_sees(w);
}

static enum err own_write(struct db *db, struct form_page *fp)
{
	struct own *o = fp->ctx;
	struct req *rq = fp->rq;
	const char *dietary = fp->d.values[R_DIETARY].text ? fp->d.values[R_DIETARY].text : "",
		   *access = fp->d.values[R_ACCESS].text ? fp->d.values[R_ACCESS].text : "";
	char keep[11];
	if (!events_day_add(o->e.last_day, EVENTS_REQUIREMENTS_KEEP_DAYS, keep))
		return ERR_DB;
	bool none = !dietary[0] && !access[0];
	/* the audit line says what kind was given, never what */
	const char *detail = none ? "removed"
			     : dietary[0] && access[0] ? "dietary and access"
			     : dietary[0]		 ? "dietary"
							 : "access";
	enum err e;
	if ((e = event_requirement_set(db, o->id, rq->session->person_id, dietary, access, clock_now(), keep)) ||
	    (e = audit(db, rq, rq->session->person_id, "event_requirements_given",
		       arena_printf(rq->arena, "event:%lld", (long long)o->id), detail)))
		return e;
	return session_flash(rq, none ? "You have removed your requirements" : "Your requirements have been saved");
}

static enum err own_refuse(struct resp *rs, struct form_page *fp)
{
	(void)fp;
	return events_not_found(rs);
}

static const struct form_page own_page = {
	.name = "event_requirements", .title = "Your dietary and access requirements", .button = "Save requirements",
	.form = FORM(own_fields), .load = own_load, .prepare = own_prepare, .prefill = own_prefill, .intro = own_intro,
	.write = own_write, .refuse = own_refuse,
};

static struct form_page *own_of(struct req *rq, struct own *o)
{
	*o = (struct own){.fp = own_page, .id = events_param(rq)};
	o->fp.rq = rq;
	o->fp.ctx = o;
	return &o->fp;
}

enum err events_own_requirements(struct req *rq, struct resp *rs)
{
	struct own o;
	return events_param(rq) ? form_page_get(rs, own_of(rq, &o)) : events_not_found(rs);
}

enum err events_own_requirements_post(struct req *rq, struct resp *rs)
{
	struct own o;
	return events_param(rq) ? form_page_post(rs, own_of(rq, &o)) : events_not_found(rs);
}

/* ---- the organisers' list and CSV ---- */

struct seen {
	struct req *rq;
	int64_t id;
	bool csv;
	struct event e;
	bool organiser;
	struct event_requirement *reqs;
	size_t n;
};

/* Reads them and, when any are shown, audits the read: one transaction. */
static enum err event_requirements_seen(struct db *db, void *ctx)
{
	struct seen *v = ctx;
	struct req *rq = v->rq;
	v->reqs = NULL;
	v->n = 0;
	enum err e = event_read(db, rq->arena, v->id, rq->session->person_id, &v->e);
	if (e)
		return e;
	v->organiser = event_organiser(rq->session, &v->e);
	if (!v->organiser)
		return ERR_OK;
	if ((e = event_requirements(db, rq->arena, v->id, &v->reqs, &v->n)) || !v->n)
		return e;
	return audit(db, rq, rq->session->person_id, "event_requirements_viewed",
		     arena_printf(rq->arena, "event:%lld", (long long)v->id),
		     arena_printf(rq->arena, "%s, %zu people's: %s", v->csv ? "CSV for caterers" : "page", v->n, v->e.title));
}

static enum err seen_read(struct req *rq, struct resp *rs, struct seen *v)
{
	*v = (struct seen){.rq = rq, .id = events_param(rq), .csv = v->csv};
	if (!v->id)
		return events_not_found(rs);
	enum err e = db_transact(rq->db, DB_WRITE, event_requirements_seen, v);
	if (e == ERR_NOT_FOUND || (!e && !event_visible(rq->session, &v->e)))
		return events_not_found(rs);
	if (e)
		return e;
	if (!v->organiser)
		return resp_error_page(rs, 403, "You cannot see these requirements",
				       "Only the event's organisers see people's dietary and access requirements.", NULL, NULL);
	return ERR_OK;
}

enum err events_requirements(struct req *rq, struct resp *rs)
{
	struct seen v = {.csv = false};
	enum err e = seen_read(rq, rs, &v);
	if (e || !v.organiser)
		return e;
	const struct event *ev = &v.e;
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = "Dietary and access requirements", .caption = ev->title, .nav = "/events",
				      .back_href = events_href(rq, ev->id, NULL), .banner = session_banner(rq)});
	who_sees(&w);
	H_RAW(&w, "<p class=\"govuk-body\">");
	html_textf(&w, "%lld %s confirmed; %zu %s given requirements.", (long long)ev->nconfirmed,
		   ev->nconfirmed == 1 ? "person" : "people", v.n, v.n == 1 ? "has" : "have");
	if (v.n)
		H_RAW(&w, " The audit log records each time you open this page or download the list.");
	H_RAW(&w, "</p>\n");
	if (v.n) {
		static const char *const heads[] = {"Name", "Dietary requirements", "Access requirements"};
		govuk_table_begin(&w, "Requirements of the people confirmed", true, heads, 3);
		for (size_t i = 0; i < v.n; i++) {
			govuk_table_row_begin(&w);
			govuk_table_cell(&w, v.reqs[i].name);
			govuk_table_cell(&w, v.reqs[i].dietary[0] ? v.reqs[i].dietary : "None given");
			govuk_table_cell(&w, v.reqs[i].access[0] ? v.reqs[i].access : "None given");
			govuk_table_row_end(&w);
		}
		govuk_table_end(&w);
		govuk_button(&w, &(struct govuk_button){.text = "Download for caterers (CSV)",
						       .href = events_href(rq, ev->id, "/requirements.csv"),
						       .variant = "secondary"});
	}
	page_end(&w);
	return ERR_OK;
}

enum err events_requirements_csv(struct req *rq, struct resp *rs)
{
	struct seen v = {.csv = true};
	enum err e = seen_read(rq, rs, &v);
	if (e || !v.organiser)
		return e;
	const char *disposition =
		arena_printf(rq->arena, "attachment; filename=\"event-%lld-requirements.csv\"", (long long)v.id);
	struct csv_writer w = resp_csv(rs, disposition);
	static const char *const head[] = {"name", "dietary_requirements", "access_requirements"};
	csv_row(&w, head, 3);
	for (size_t i = 0; i < v.n; i++) {
		const char *row[3] = {v.reqs[i].name, v.reqs[i].dietary, v.reqs[i].access};
		csv_row(&w, row, 3);
	}
	return ERR_OK;
}

void events_requirements_link(struct html *w, struct req *rq, const struct event *e)
{
	if (e->ndays && clock_now() >= ends_at(e))
		return;
	H_RAW(w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
	H_ATTR(w, "href", events_href(rq, e->id, "/your-requirements"));
	H_RAW(w, ">Give or change your dietary and access requirements</a>. ");
	html_text(w, EVENTS_REQUIREMENTS_WHO_SEES);
	H_RAW(w, "</p>\n");
}
