/*
 * edit.c - one part of an activity's HAPPI form written
 * (/activities/{id}/happi/planning, /progress, /impact): its declared form
 * built from the content (content.h), saved as the next version. A save
 * names the version it began from: if someone saved in between, nothing is
 * written and the page comes back (409) with their saved answers above and
 * the text just typed still in the form, to check and save again.
 *
 * And the form's steps (/happi/submit-planning, /agree, /submit-final,
 * /review: one button each on the form's page; /return with comments),
 * as happi_step (rules.c) allows them: each is a version too. A part
 * submitted with gaps comes back as its page, with what it still needs.
 */
#include <stdlib.h>
#include <string.h>

#include "activities/pages.h"

#include "auth/audit.h"
#include "auth/kept.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/workdays.h"
#include "db/db.h"
#include "happi/pages.h"
#include "happi/view.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"

struct edit {
	struct happi_view v;
	enum happi_part part;
	enum happi_action action; /* a step (HAPPI_SAVE: a part written) */
	const char *comment;      /* a return's */
	const char *refused; /* why not, for a 403 */
	struct form form;
	struct form_data d;
	int64_t base;     /* the version the person began from */
	bool conflict;    /* someone saved since: d keeps what was typed */
	struct happi_content theirs; /* their saved answers */
	int64_t saved;    /* the new version */
	int64_t kept_at;  /* what was typed when signed out, given back (0: none) */
};

static const char *const part_names[HAPPI_PARTS] = {"Planning", "Progress update", "Impact"};

/* Whether the reader may write this part now; if not, e->refused says why. */
static bool may_write(struct edit *e)
{
	struct happi_view *v = &e->v;
	struct happi_actor me = {.writer = v->can.write, .reviewer = v->can.review};
	enum happi_status to;
	const char *why = happi_step(v->f.status, HAPPI_SAVE, &me, false, &to);
	if (!why && !happi_part_open(v->f.status, e->part))
		why = e->part == HAPPI_PLANNING ? "The planning has been agreed: it is kept as it was agreed"
						: "Progress and impact are written once the planning has been agreed";
	e->refused = why;
	return !why;
}

/* What the reader typed into this page (and year) when their session had
 * ended, given back into e->d: its version too, so a save made since is a
 * conflict, not overwritten. */
static enum err kept_back(struct db *db, struct edit *e, const struct form *f)
{
	struct req *rq = e->v.rq;
	struct kept k;
	enum err err = kept_read(db, rq->arena, rq->session->person_id, rq->path, &k);
	if (err)
		return err == ERR_NOT_FOUND ? ERR_OK : err;
	const char *year = NULL, *version = NULL;
	for (size_t i = 0; i < k.n; i++) {
		if (!strcmp(k.fields[i].name, "year"))
			year = k.fields[i].value;
		else if (!strcmp(k.fields[i].name, "version"))
			version = k.fields[i].value;
	}
	if (!version || (year ? atoi(year) != e->v.year : e->v.a.first_year != e->v.a.last_year))
		return ERR_OK; /* another year's page (or not this form's) */
	form_read(f, k.fields, k.n, rq->arena, NULL, &e->d);
	e->base = strtoll(version, NULL, 10);
	e->kept_at = k.kept_at;
	return ERR_OK;
}

static enum err edit_read(struct db *db, void *ctx)
{
	struct edit *e = ctx;
	enum err err = happi_view_load(db, &e->v);
	if (err || !may_write(e))
		return err;
	e->form = happi_part_form(e->v.rq->arena, &e->v.c, e->part);
	form_empty(&e->form, e->v.rq->arena, &e->d);
	happi_part_prefill(&e->v.c, e->part, &e->d);
	if (e->part == HAPPI_PROGRESS)
		form_set(&e->d, 0, activities_today(e->v.rq->arena));
	e->base = e->v.f.version;
	return kept_back(db, e, &e->form);
}

/* A progress update is its date and its text: one without the other would
 * be saved as nothing (happi_part_take adds an entry only with both), so
 * either missing is an error on its field, and the text stays in the form. */
static bool progress_whole(struct form_data *d, enum happi_part part)
{
	if (part != HAPPI_PROGRESS)
		return true;
	const char *day = d->values[0].text, *text = d->values[1].text;
	if (!day || !*day)
		form_fail(d, 0, "Enter the date of this update");
	if (!text || !*text)
		form_fail(d, 1, "Enter what has happened since the last update");
	return !d->nerrors;
}

/* Why the reader may not take step act on the form now (NULL: they may,
 * and *to is its status after). */
static const char *step_refusal(const struct edit *e, enum happi_action act, enum happi_status *to)
{
	const struct happi_view *v = &e->v;
	struct happi_actor me = {.writer = v->can.write, .reviewer = v->can.review,
				 .submitted_it = v->f.submitted_by == v->rq->session->person_id};
	return v->f.exists ? happi_step(v->f.status, act, &me, true, to) : "The form has not been started yet";
}

/* A save's or a step's start, in its write transaction: the form read
 * again as it is now, no conflict yet, and e->refused saying why the
 * reader may not take e->action now (NULL: they may; a step's status
 * after is *to). */
static enum err write_begin(struct db *db, struct edit *e, enum happi_status *to)
{
	e->conflict = false;
	enum err err = happi_view_load(db, &e->v);
	if (err)
		return err;
	if (e->action == HAPPI_SAVE)
		may_write(e);
	else
		e->refused = step_refusal(e, e->action, to);
	return ERR_OK;
}

static enum err edit_write(struct db *db, void *ctx)
{
	struct edit *e = ctx;
	struct happi_view *v = &e->v;
	struct req *rq = v->rq;
	struct arena *a = rq->arena;
	enum happi_status to;
	enum err err = write_begin(db, e, &to);
	if (err || e->refused)
		return err;
	e->form = happi_part_form(a, &v->c, e->part);
	if (!form_read(&e->form, rq->form, rq->nform, a, NULL, &e->d) || !progress_whole(&e->d, e->part))
		return ERR_OK;
	if (e->base != v->f.version) {
		e->conflict = true;
		e->theirs = v->c;
		return ERR_OK;
	}
	struct happi_content c = v->c;
	happi_part_take(a, &c, e->part, &e->d);
	struct happi_save s = {.activity_id = v->id, .year = v->year, .base_version = v->f.version,
			       .from = v->f.status, .to = v->f.status, .action = HAPPI_SAVE,
			       .content = happi_content_json(a, &c), .by = rq->session->person_id, .now = clock_now()};
	err = happi_form_save(db, &s, &e->saved);
	if (!err)
		err = kept_drop(db, s.by, rq->path);
	if (err == ERR_CONFLICT) { /* saved meanwhile (PostgreSQL: another process): theirs as it is now */
		if ((err = happi_view_load(db, v)))
			return err;
		e->conflict = true;
		e->theirs = v->c;
		return ERR_OK;
	}
	if (err || (err = audit(db, rq, s.by, "happi_saved", arena_printf(a, "activity:%lld", (long long)v->id),
				arena_printf(a, "%d: %s, version %lld", v->year, happi_part_key(e->part),
					     (long long)e->saved))))
		return err;
	return session_flash(rq, arena_printf(a, "%s saved", part_names[e->part]));
}

/* Their saved answers to this part, shown above the form after a conflict. */
static void theirs(struct html *w, struct edit *e)
{
	struct arena *a = e->v.rq->arena;
	struct happi_field_text *f;
	size_t n = happi_content_fields(a, &e->theirs, &f);
	const char *section = e->part == HAPPI_PLANNING ? "Planning" : e->part == HAPPI_PROGRESS ? "Progress" : "Impact";
	govuk_details_begin(w, arena_printf(a, "What %s saved (version %lld)", e->v.f.updated_by,
					    (long long)e->v.f.version),
			    true);
	govuk_summary_begin(w);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(f[i].section, section))
			govuk_summary_row(w, f[i].question, *f[i].answer ? f[i].answer : "(nothing)");
	govuk_summary_end(w);
	govuk_details_end(w);
}

static void render(struct resp *rs, struct edit *e)
{
	struct happi_view *v = &e->v;
	struct arena *a = v->rq->arena;
	struct html w = resp_html(rs);
	const struct govuk_error conflict_error = {
		"main-form", arena_printf(a, "%s saved this form on %s, after you opened it. Your text is below: check it "
					      "against theirs, then save again",
					   v->f.updated_by, london_when(a, v->f.updated_at))};
	if (e->conflict)
		happi_page_begin(&w, v, part_names[e->part], &conflict_error, 1);
	else
		happi_page_begin(&w, v, part_names[e->part], e->d.errors, e->d.nerrors);
	if (e->kept_at)
		govuk_notification_banner(&w, "Important",
					  arena_printf(a, "We kept what you typed here when you were signed out (%s). Check "
							  "it, then save.",
						       london_when(a, e->kept_at)),
					  false);
	H_RAW(&w, "<h2 class=\"govuk-heading-l\">");
	html_text(&w, part_names[e->part]);
	H_RAW(&w, "</h2>\n");
	if (e->conflict)
		theirs(&w, e);
	H_RAW(&w, "<form method=\"post\" novalidate id=\"main-form\"");
	H_ATTR(&w, "action", happi_href(v, arena_printf(a, "/%s", happi_part_key(e->part))));
	H_RAW(&w, ">\n");
	govuk_csrf(&w, v->rq->session->csrf);
	H_RAW(&w, "<input type=\"hidden\" name=\"version\"");
	H_ATTR(&w, "value", arena_printf(a, "%lld", (long long)(e->conflict ? v->f.version : e->base)));
	H_RAW(&w, ">\n<input type=\"hidden\" name=\"year\"");
	H_ATTR(&w, "value", arena_printf(a, "%d", v->year));
	H_RAW(&w, ">\n");
	if (e->part == HAPPI_IMPACT) {
		for (size_t i = 0, k = 0; i < v->c.noutcomes; i++) {
			const struct happi_outcome_entry *o = &v->c.outcomes[i];
			H_RAW(&w, "<h3 class=\"govuk-heading-m\">");
			html_text(&w, arena_printf(a, "Outcome %zu: %s", i + 1, happi_outcome_name(o->kind)));
			H_RAW(&w, "</h3>\n<div class=\"govuk-inset-text\">");
			html_text(&w, o->id < 0 ? o->local : o->national);
			H_RAW(&w, "</div>\n");
			for (int j = 0; j < 4; j++)
				form_field(&w, &e->d, k++);
		}
		if (!v->c.noutcomes)
			H_RAW(&w, "<p class=\"govuk-body\">No outcomes were planned: there is nothing to report against.</p>\n");
	} else {
		form_fields(&w, &e->d);
	}
	H_RAW(&w, "<div class=\"govuk-button-group\">\n");
	govuk_button(&w, &(struct govuk_button){.text = "Save", .prevent_double_click = true});
	H_RAW(&w, "<a class=\"govuk-link\"");
	H_ATTR(&w, "href", happi_href(v, NULL));
	H_RAW(&w, ">Cancel</a>\n</div>\n</form>\n");
	page_end(&w);
}

/* ---- the steps ---- */

static const char *const step_done[HAPPI_ACTIONS] = {
	[HAPPI_SUBMIT_PLANNING] = "Planning submitted", [HAPPI_RETURN] = "Returned with your comments",
	[HAPPI_AGREE] = "Planning agreed", [HAPPI_SUBMIT_FINAL] = "Final form submitted", [HAPPI_REVIEW] = "Marked as reviewed",
};

/* The part a submission is of, checked for gaps first. */
static bool submits(enum happi_action a, enum happi_part *p)
{
	*p = a == HAPPI_SUBMIT_PLANNING ? HAPPI_PLANNING : HAPPI_IMPACT;
	return a == HAPPI_SUBMIT_PLANNING || a == HAPPI_SUBMIT_FINAL;
}

static enum err step_write(struct db *db, void *ctx)
{
	struct edit *e = ctx;
	struct happi_view *v = &e->v;
	struct req *rq = v->rq;
	struct arena *a = rq->arena;
	enum happi_status to;
	/* who and when first (a return's comment is checked after: its page again) */
	enum err err = write_begin(db, e, &to);
	if (err || e->refused || (e->action == HAPPI_RETURN && e->d.nerrors))
		return err;
	if (e->base != v->f.version) {
		e->conflict = true;
		return ERR_OK;
	}
	enum happi_part part;
	if (submits(e->action, &part)) {
		struct happi_gap *gaps = arena_alloc(a, (4 + HAPPI_OUTCOME_KINDS + v->c.noutcomes * 4) * sizeof(*gaps));
		size_t n = happi_part_gaps(a, &v->c, part, gaps);
		if (n) { /* the part's page, with what it still needs */
			e->part = part;
			e->form = happi_part_form(a, &v->c, part);
			form_empty(&e->form, a, &e->d);
			happi_part_prefill(&v->c, part, &e->d);
			for (size_t i = 0; i < n; i++)
				form_fail(&e->d, gaps[i].field, gaps[i].message);
			return ERR_OK;
		}
	}
	struct happi_save s = {.activity_id = v->id, .year = v->year, .base_version = v->f.version, .from = v->f.status,
			       .to = to, .action = e->action, .comment = e->comment,
			       .content = happi_content_json(a, &v->c), .by = rq->session->person_id, .now = clock_now()};
	err = happi_form_save(db, &s, &e->saved);
	if (!err)
		err = kept_drop(db, s.by, rq->path);
	if (err == ERR_CONFLICT) {
		e->conflict = true;
		return ERR_OK;
	}
	enum happi_action act = e->action;
	if (err || (err = audit(db, rq, s.by,
				act == HAPPI_SUBMIT_PLANNING ? "happi_submit_planning"
				: act == HAPPI_RETURN	     ? "happi_return"
				: act == HAPPI_AGREE	     ? "happi_agree"
				: act == HAPPI_SUBMIT_FINAL  ? "happi_submit_final"
							     : "happi_review",
				arena_printf(a, "activity:%lld", (long long)v->id),
				arena_printf(a, "%d: %s, version %lld%s%s", v->year, happi_status_key(to), (long long)e->saved,
					     e->comment ? ": " : "", e->comment ? e->comment : ""))))
		return err;
	return session_flash(rq, step_done[e->action]);
}

enum { F_COMMENT, F_RETURN_COUNT };
static const struct form_field return_fields[F_RETURN_COUNT] = {
	[F_COMMENT] = {"comment", FORM_TEXTAREA, "What should change?", .required = true, .max_chars = 5000,
		       .hint = "The LLME reads this with the form, and can answer it in their next version",
		       .missing = "Enter comments saying what should change"},
};
static const struct form return_form = FORM(return_fields);

static void return_render(struct resp *rs, struct edit *e)
{
	struct happi_view *v = &e->v;
	struct html w = resp_html(rs);
	happi_page_begin(&w, v, "Return the HAPPI form", e->d.errors, e->d.nerrors);
	if (e->kept_at)
		govuk_notification_banner(&w, "Important",
					  arena_printf(v->rq->arena, "We kept what you typed here when you were signed out "
								     "(%s). Check it, then return the form.",
						       london_when(v->rq->arena, e->kept_at)),
					  false);
	H_RAW(&w, "<h2 class=\"govuk-heading-l\">Return it with comments</h2>\n<form method=\"post\" novalidate");
	H_ATTR(&w, "action", happi_href(v, "/return"));
	H_RAW(&w, ">\n");
	govuk_csrf(&w, v->rq->session->csrf);
	H_RAW(&w, "<input type=\"hidden\" name=\"version\"");
	H_ATTR(&w, "value", arena_printf(v->rq->arena, "%lld", (long long)e->base));
	H_RAW(&w, ">\n<input type=\"hidden\" name=\"year\"");
	H_ATTR(&w, "value", arena_printf(v->rq->arena, "%d", v->year));
	H_RAW(&w, ">\n");
	form_fields(&w, &e->d);
	H_RAW(&w, "<div class=\"govuk-button-group\">\n");
	govuk_button(&w, &(struct govuk_button){.text = "Return it", .prevent_double_click = true});
	H_RAW(&w, "<a class=\"govuk-link\"");
	H_ATTR(&w, "href", happi_href(v, NULL));
	H_RAW(&w, ">Cancel</a>\n</div>\n</form>\n");
	page_end(&w);
}

static enum err return_read(struct db *db, void *ctx)
{
	struct edit *e = ctx;
	enum err err = happi_view_load(db, &e->v);
	if (err)
		return err;
	enum happi_status to;
	e->refused = step_refusal(e, HAPPI_RETURN, &to);
	e->base = e->v.f.version;
	form_empty(&return_form, e->v.rq->arena, &e->d);
	return e->refused ? ERR_OK : kept_back(db, e, &return_form);
}

static enum err conflict_page(struct resp *rs, struct edit *e)
{
	return resp_error_page(rs, 409, "The form has changed",
			       "Someone saved the form after you opened it, so nothing was done. Read it again, then "
			       "try again.",
			       happi_href(&e->v, NULL), "The HAPPI form");
}

/* ---- the routes: /activities/{id}/happi/{what} ---- */

static bool part_of(struct req *rq, struct edit *e)
{
	*e = (struct edit){.v = {.rq = rq, .id = req_param_id(rq, "id")}, .action = HAPPI_SAVE};
	const char *what = req_param(rq, "what");
	return e->v.id && (happi_part_from_key(what, &e->part) ||
			   (happi_action_from_path(what, &e->action) && e->action != HAPPI_SAVE));
}

/* The version a POST began from (-1: none sent, which no form has). */
static int64_t base_of(const struct req *rq)
{
	const char *base = req_form(rq, "version");
	size_t n = base ? strspn(base, "0123456789") : 0; /* digits only: not "", " 2", "+2", "1e3" */
	return !n || n > 18 || base[n] ? -1 : (int64_t)strtoll(base, NULL, 10);
}

static enum err return_get(struct req *rq, struct resp *rs, struct edit *e)
{
	enum err err = db_transact_named(rq->db, DB_READ, "happi_return_read", return_read, e);
	if (err == ERR_NOT_FOUND)
		return happi_not_found(rs);
	if (err)
		return err;
	if (e->refused)
		return happi_refused(rs, &e->v, e->refused);
	return_render(rs, e);
	return ERR_OK;
}

static enum err step_post(struct req *rq, struct resp *rs, struct edit *e)
{
	e->base = base_of(rq);
	if (e->action == HAPPI_RETURN) /* with errors, step_write checks who and when, then the page again */
		e->comment = form_read(&return_form, rq->form, rq->nform, rq->arena, NULL, &e->d)
				     ? e->d.values[F_COMMENT].text
				     : NULL;
	enum err err = db_transact_named(rq->db, DB_WRITE, "happi_step_write", step_write, e);
	if (err == ERR_NOT_FOUND)
		return happi_not_found(rs);
	if (err)
		return err;
	if (e->refused)
		return happi_refused(rs, &e->v, e->refused);
	if (e->conflict)
		return conflict_page(rs, e);
	if (e->d.nerrors && e->action == HAPPI_RETURN) {
		rs->status = 400;
		return_render(rs, e);
		return ERR_OK;
	}
	if (e->d.nerrors) {
		rs->status = 400;
		e->base = e->v.f.version;
		render(rs, e);
		return ERR_OK;
	}
	resp_redirect(rs, 303, happi_href(&e->v, NULL));
	return ERR_OK;
}

enum err happi_what(struct req *rq, struct resp *rs)
{
	struct edit e;
	if (!part_of(rq, &e))
		return happi_not_found(rs);
	if (e.action == HAPPI_RETURN)
		return return_get(rq, rs, &e);
	if (e.action != HAPPI_SAVE)
		return happi_not_found(rs); /* a step is a button: there is no page to GET */
	enum err err = db_transact_named(rq->db, DB_READ, "happi_edit_read", edit_read, &e);
	if (err == ERR_NOT_FOUND)
		return happi_not_found(rs);
	if (err)
		return err;
	if (e.refused)
		return happi_refused(rs, &e.v, e.refused);
	render(rs, &e);
	return ERR_OK;
}

enum err happi_what_post(struct req *rq, struct resp *rs)
{
	struct edit e;
	if (!part_of(rq, &e))
		return happi_not_found(rs);
	if (e.action != HAPPI_SAVE)
		return step_post(rq, rs, &e);
	e.base = base_of(rq); /* none sent: a conflict, nothing written */
	enum err err = db_transact_named(rq->db, DB_WRITE, "happi_edit_write", edit_write, &e);
	if (err == ERR_NOT_FOUND)
		return happi_not_found(rs);
	if (err)
		return err;
	if (e.refused)
		return happi_refused(rs, &e.v, e.refused);
	if (e.conflict || e.d.nerrors) {
		rs->status = e.conflict ? 409 : 400;
		render(rs, &e);
		return ERR_OK;
	}
	resp_redirect(rs, 303, happi_href(&e.v, NULL));
	return ERR_OK;
}
