/*
 * answer.c - a survey answered with a personal link, without signing in
 * (/s/{token}: RF_SECRET_PATH, CAP_PUBLIC): the start page, one page per
 * section (survey_section_form; an internal section is answered like the
 * others, it is only never reported), "Save and come back later", check
 * your answers, submit, thank you. Each page's POST validates (400 and
 * nothing written), then saves that page's answers into the invite and
 * derives survey_values again, in one write transaction. The forms carry
 * the CSRF token of the visitor's session (an anonymous one when they are
 * not signed in: session_ensure, as the sign-in page does), so the guard
 * checks them as any form; the link itself is the authority, so nothing
 * here shows or needs who they are. A completed survey, or one closed,
 * says so and accepts nothing more.
 *
 * The link alone never writes: a POST whose form token fails (the
 * anonymous session ended while the page was open, two hours idle; a form
 * on another site) reaches the handler only as RF_REFUSED_RESHOWN
 * (rq->form_refused): it reads, writes nothing but a fresh anonymous
 * session when there is none, and shows the page again with what was sent
 * and a form token that works (403), so the teacher who started at break
 * and presses "Save and continue" after school loses nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/session.h"
#include "auth/token.h"
#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "surveys/answers.h"
#include "surveys/invite_queries.h"
#include "surveys/invites.h"

struct answer {
	struct req *rq;
	const char *token;
	char hash[TOKEN_HASH_LEN + 1];
	struct survey_invite inv;
	struct survey_content c;
	struct survey_answers x;
	long page;           /* the section of the path (0-based); -1: none */
	bool later;          /* "Save and come back later" */
	struct form_data d;  /* the page's form as sent */
	bool invalid;        /* the page's POST had errors: 400, nothing written */
	bool missing;        /* submit: a required question not answered */
	bool done_already;   /* completed or closed when the POST arrived */
	bool returning;      /* ?return=check: a Change from check your answers, which it goes back to */
	const char *notice;  /* the form token was refused: what to do (an important banner) */
	bool no_page;        /* the link is recognised, the page number is not one of its survey's */
};

static const char *href(const struct answer *v, const char *under)
{
	return arena_printf(v->rq->arena, "/s/%s%s%s", v->token, under ? "/" : "", under ? under : "");
}

static const char *page_href(const struct answer *v, size_t s)
{
	return s >= v->c.nsections ? href(v, "check") : arena_printf(v->rq->arena, "/s/%s/pages/%zu", v->token, s + 1);
}

static void answer_of(struct req *rq, struct answer *v)
{
	*v = (struct answer){.rq = rq, .token = req_param(rq, "token"), .page = -1};
	token_hash(v->token ? v->token : "", v->hash);
	const char *back = req_query(rq, "return");
	v->returning = back && !strcmp(back, "check"); /* the only place it returns to: never a URL from the request */
	const char *n = req_param(rq, "n");
	if (n) {
		char *end;
		long k = strtol(n, &end, 10);
		v->page = *n >= '1' && *n <= '9' && !*end && k <= SURVEY_SECTIONS_MAX ? k - 1 : -2; /* -2: no such page */
	}
}

/* The invite, its template's content and its answers. */
static enum err load(struct db *db, struct answer *v)
{
	struct arena *a = v->rq->arena;
	enum err e = survey_invite_by_hash(db, a, v->hash, &v->inv);
	if (e)
		return e;
	if (!survey_content_parse(a, v->inv.content, &v->c) || !survey_answers_parse(a, v->inv.answers, &v->x))
		return ERR_DB; /* only this code writes them */
	if (v->page == -2 || v->page >= (long)v->c.nsections) {
		v->no_page = true; /* the link is good: the page is not */
		return ERR_NOT_FOUND;
	}
	return ERR_OK;
}

static enum err survey_answer_read(struct db *db, void *ctx)
{
	return load(db, ctx);
}

static bool finished(const struct answer *v)
{
	return v->inv.completed_at || v->inv.status != SURVEY_OPEN;
}

/* 404: the link is not recognised, or (no_page) the survey has no such
 * page, which links to its start. */
static enum err not_found(struct resp *rs, const struct answer *v)
{
	if (v->no_page)
		return resp_error_page(rs, 404, "This page of the survey does not exist",
				       arena_printf(v->rq->arena, "The %s has %zu %s.", v->inv.title, v->c.nsections,
						    v->c.nsections == 1 ? "page" : "pages"),
				       href(v, NULL), "Go to the start of the survey");
	return resp_error_page(rs, 404, "This survey link is not recognised",
			       "Check that you copied the whole link from your email. If it still does not work, ask "
			       "the person who leads your activity to send it again.",
			       NULL, NULL);
}

static void finished_page(struct resp *rs, const struct answer *v);

/* Reads the invite for a GET; *shown when the response is written: 404 for
 * a link not recognised, or what a completed or closed survey's link shows. */
static enum err read_for_get(struct req *rq, struct resp *rs, struct answer *v, bool form, bool *shown)
{
	*shown = false;
	enum err e;
	if (form && !rq->session && (e = session_ensure(rq, rs)))
		return e;
	e = db_transact(rq->db, DB_READ, survey_answer_read, v);
	if (e == ERR_NOT_FOUND) {
		*shown = true;
		return not_found(rs, v);
	}
	if (!e && finished(v)) {
		*shown = true;
		finished_page(rs, v);
	}
	return e;
}

static void begin(struct html *w, const struct answer *v, const char *title, const char *heading,
		  const char *back, bool xl)
{
	page_begin(w, &(struct page){.title = title, .heading = heading, .caption = v->inv.activity_title,
				     .back_href = back, .errors = v->d.errors, .nerrors = v->invalid ? v->d.nerrors : 0,
				     .heading_xl = xl});
}

/* What a completed or closed survey's link shows. */
static void finished_page(struct resp *rs, const struct answer *v)
{
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = v->inv.title, .heading = ""});
	if (v->inv.completed_at) {
		govuk_panel(&w, "Survey completed", "Thank you for your answers");
		H_RAW(&w, "<p class=\"govuk-body\">");
		html_text(&w, arena_printf(v->rq->arena, "Your answers to the %s for %s have been sent. They can no longer "
							 "be changed.", v->inv.title, v->inv.activity_title));
		H_RAW(&w, "</p>\n<p class=\"govuk-body\">Your answers are reported without your name: nobody can tell which "
			  "answers are yours.</p>\n");
	} else {
		H_RAW(&w, "<h1 class=\"govuk-heading-l\">This survey is closed</h1>\n<p class=\"govuk-body\">");
		html_text(&w, arena_printf(v->rq->arena, "The %s for %s has closed, so it can no longer be answered.",
					   v->inv.title, v->inv.activity_title));
		H_RAW(&w, "</p>\n");
	}
	page_end(&w);
}

static enum err finished_post(struct resp *rs, const struct answer *v)
{
	rs->status = 409;
	finished_page(rs, v);
	return ERR_OK;
}

/* Who reads an internal section's answers, said to those who give them. */
#define INTERNAL_WORDS                                                                                                 \
	"the national team reads its answers to check the quality of the programme (quality assurance). They are not "  \
	"part of the survey's reported results."

/* ---- the start page ---- */

enum err surveys_answer_start(struct req *rq, struct resp *rs)
{
	struct answer v;
	bool shown;
	answer_of(rq, &v);
	enum err e = read_for_get(rq, rs, &v, false, &shown);
	if (e || shown)
		return e;
	struct arena *a = rq->arena;
	struct html w = resp_html(rs);
	begin(&w, &v, v.inv.title, NULL, NULL, true);
	size_t n = v.c.nsections;
	H_RAW(&w, "<p class=\"govuk-body-l\">");
	html_text(&w, arena_printf(a, "This survey is about %s. It has %zu %s.", v.inv.activity_title, n,
				   n == 1 ? "page" : "pages"));
	H_RAW(&w, "</p>\n<p class=\"govuk-body\">Your answers are reported without your name. Those who lead your "
		  "activity see who has not finished yet, never which answers are yours.</p>\n");
	for (size_t i = 0; i < n; i++)
		if (v.c.sections[i].internal) {
			H_RAW(&w, "<p class=\"govuk-body\">");
			html_text(&w, arena_printf(a, "Page %zu, %s, is different: %s", i + 1, v.c.sections[i].title,
						   INTERNAL_WORDS));
			H_RAW(&w, "</p>\n");
		}
	H_RAW(&w, "<div class=\"govuk-inset-text\">You can save your answers and finish later, on any device, with the "
		  "link from your email.</div>\n");
	size_t next = survey_resume_page(&v.c, &v.x);
	bool started = v.inv.started_at != 0;
	if (started) {
		H_RAW(&w, "<p class=\"govuk-body\">You have answered part of it already.</p>\n");
	}
	govuk_button(&w, &(struct govuk_button){.text = started ? "Continue" : "Start now", .href = page_href(&v, next),
						.variant = started ? NULL : "start"});
	page_end(&w);
	return ERR_OK;
}

/* ---- a page ---- */

static struct form *form_of(struct answer *v, bool all_optional)
{
	struct arena *a = v->rq->arena;
	struct form *f = arena_alloc(a, sizeof(*f));
	*f = survey_section_form(a, &v->c, (size_t)v->page);
	if (all_optional) {
		struct form_field *copy = arena_alloc(a, (f->n + 1) * sizeof(*copy));
		for (size_t i = 0; i < f->n; i++) {
			copy[i] = f->fields[i];
			copy[i].required = false;
		}
		f->fields = copy;
	}
	return f;
}

static void page_render(struct resp *rs, struct answer *v)
{
	struct req *rq = v->rq;
	struct arena *a = rq->arena;
	size_t s = (size_t)v->page;
	const struct survey_section *sec = &v->c.sections[s];
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = arena_printf(a, "%s: %s", sec->title, v->inv.title), .heading = sec->title,
				      .caption = arena_printf(a, "%s · page %zu of %zu", v->inv.title, s + 1,
							      v->c.nsections),
				      .back_href = v->returning ? href(v, "check") : s ? page_href(v, s - 1) : href(v, NULL),
				      .errors = v->d.errors,
				      .nerrors = v->invalid ? v->d.nerrors : 0, .notice = v->notice});
	if (sec->internal) {
		H_RAW(&w, "<div class=\"govuk-inset-text\">");
		html_text(&w, "This page is different: " INTERNAL_WORDS);
		H_RAW(&w, "</div>\n");
	}
	H_RAW(&w, "<form method=\"post\" novalidate");
	H_ATTR(&w, "action", v->returning ? arena_printf(a, "%s?return=check", page_href(v, s)) : page_href(v, s));
	H_RAW(&w, ">\n");
	govuk_csrf(&w, rq->session ? rq->session->csrf : "");
	form_fields(&w, &v->d);
	H_RAW(&w, "<div class=\"govuk-button-group\">");
	govuk_button(&w, &(struct govuk_button){.text = "Save and continue", .name = "action", .value = "continue",
						.prevent_double_click = true});
	govuk_button(&w, &(struct govuk_button){.text = "Save and come back later", .name = "action", .value = "later",
						.variant = "secondary", .prevent_double_click = true});
	H_RAW(&w, "</div>\n</form>\n");
	page_end(&w);
}

enum err surveys_answer_page(struct req *rq, struct resp *rs)
{
	struct answer v;
	bool shown;
	answer_of(rq, &v);
	enum err e = read_for_get(rq, rs, &v, true, &shown);
	if (e || shown)
		return e;
	form_empty(form_of(&v, false), rq->arena, &v.d);
	survey_answers_show(&v.d, &v.c, (size_t)v.page, &v.x);
	page_render(rs, &v);
	return ERR_OK;
}

/* One write transaction: the invite read, the page's form (which its
 * template decides) checked, and only when it is valid, saved. */
static enum err survey_page_write(struct db *db, void *ctx)
{
	struct answer *v = ctx;
	struct req *rq = v->rq;
	struct arena *a = rq->arena;
	v->done_already = v->invalid = false;
	enum err e = load(db, v);
	if (e)
		return e;
	if (finished(v)) {
		v->done_already = true;
		return ERR_OK;
	}
	if (!form_read(form_of(v, v->later), rq->form, rq->nform, a, NULL, &v->d)) {
		v->invalid = true;
		return ERR_OK;
	}
	survey_answers_take(a, &v->x, &v->c, (size_t)v->page, &v->d, !v->later);
	struct survey_value *values;
	size_t n = survey_values_of(a, &v->c, &v->x, &values);
	e = survey_answers_save(db, v->inv.id, survey_answers_json(a, &v->x), values, n, clock_now());
	if (e == ERR_CONFLICT) { /* completed on another device meanwhile */
		v->done_already = true;
		return ERR_OK;
	}
	return e;
}

/* A POST whose form token was refused (rq->form_refused): the invite read,
 * nothing of it written; a session made when there is none (the one the
 * page was shown with has ended), so that the page shown again carries a
 * form token that works (status 403). *shown when the response is written
 * instead (404, 409). */
static enum err refused_read(struct req *rq, struct resp *rs, struct answer *v, bool *shown)
{
	*shown = true;
	enum err e = db_transact(rq->db, DB_READ, survey_answer_read, v);
	if (e == ERR_NOT_FOUND)
		return not_found(rs, v); /* an unknown link: no session made for it */
	if (e)
		return e;
	if (finished(v))
		return finished_post(rs, v);
	if (!rq->session && (e = session_ensure(rq, rs)))
		return e;
	*shown = false;
	rs->status = 403;
	return ERR_OK;
}

/* The page again, with what was sent (unchecked: shown, never saved). */
static enum err page_refused(struct req *rq, struct resp *rs, struct answer *v)
{
	bool shown;
	enum err e = refused_read(rq, rs, v, &shown);
	if (e || shown)
		return e;
	form_read(form_of(v, true), rq->form, rq->nform, rq->arena, NULL, &v->d);
	for (size_t i = 0; i < v->d.form->n; i++)
		v->d.values[i].error = NULL; /* checked when it is sent again */
	v->d.nerrors = 0;
	v->notice = "Your answers have not been saved yet: check them and press Save and continue again.";
	page_render(rs, v);
	return ERR_OK;
}

enum err surveys_answer_page_post(struct req *rq, struct resp *rs)
{
	struct answer v;
	answer_of(rq, &v);
	if (rq->form_refused)
		return page_refused(rq, rs, &v);
	const char *action = req_form(rq, "action");
	v.later = action && !strcmp(action, "later");
	enum err e = db_transact(rq->db, DB_WRITE, survey_page_write, &v);
	if (e == ERR_NOT_FOUND)
		return not_found(rs, &v);
	if (e)
		return e;
	if (v.done_already)
		return finished_post(rs, &v);
	if (v.invalid) {
		rs->status = 400;
		page_render(rs, &v);
		return ERR_OK;
	}
	resp_redirect(rs, 303, v.later       ? href(&v, "saved")
			       : v.returning ? href(&v, "check")
					     : page_href(&v, (size_t)v.page + 1));
	return ERR_OK;
}

/* ---- saved for later ---- */

enum err surveys_answer_saved(struct req *rq, struct resp *rs)
{
	struct answer v;
	bool shown;
	answer_of(rq, &v);
	enum err e = read_for_get(rq, rs, &v, false, &shown);
	if (e || shown)
		return e;
	struct html w = resp_html(rs);
	begin(&w, &v, "Your answers are saved", NULL, NULL, false);
	H_RAW(&w, "<p class=\"govuk-body\">");
	html_text(&w, arena_printf(rq->arena, "You have not finished the %s yet.", v.inv.title));
	H_RAW(&w, "</p>\n<p class=\"govuk-body\">To finish it, open the link in your email again, on this or any other "
		  "device. It takes you back to where you stopped. The link works until the survey closes.</p>\n");
	H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
	H_ATTR(&w, "href", href(&v, NULL));
	H_RAW(&w, ">Carry on now</a></p>\n");
	page_end(&w);
	return ERR_OK;
}

/* ---- check your answers, submit ---- */

static void check_render(struct resp *rs, struct answer *v)
{
	struct req *rq = v->rq;
	struct arena *a = rq->arena;
	struct html w = resp_html(rs);
	struct govuk_error *errors = NULL;
	size_t nerrors = 0;
	if (v->missing) {
		errors = arena_alloc(a, (v->c.nsections + 1) * sizeof(*errors));
		for (size_t s = 0; s < v->c.nsections; s++)
			for (size_t j = 0; j < v->c.sections[s].nquestions; j++) {
				const struct survey_question *q = &v->c.sections[s].questions[j];
				if (q->required && !survey_answered(&v->x, q)) {
					errors[nerrors++] = (struct govuk_error){
						arena_printf(a, "section-%s", v->c.sections[s].key),
						arena_printf(a, "Answer every question on page %zu (%s) that is not optional",
							     s + 1, v->c.sections[s].title)};
					break;
				}
			}
	}
	page_begin(&w, &(struct page){.title = arena_printf(a, "Check your answers: %s", v->inv.title),
				      .heading = "Check your answers before submitting", .caption = v->inv.title,
				      .back_href = page_href(v, v->c.nsections ? v->c.nsections - 1 : 0), .errors = errors,
				      .nerrors = nerrors, .notice = v->notice});
	for (size_t s = 0; s < v->c.nsections; s++) {
		const struct survey_section *sec = &v->c.sections[s];
		H_RAW(&w, "<h2 class=\"govuk-heading-m\"");
		H_ATTR(&w, "id", arena_printf(a, "section-%s", sec->key));
		H_RAW(&w, ">");
		html_text(&w, sec->title);
		H_RAW(&w, "</h2>\n");
		govuk_summary_begin(&w);
		for (size_t j = 0; j < sec->nquestions; j++) {
			const struct survey_question *q = &sec->questions[j];
			const char *words = survey_answer_words(a, q, &v->x);
			govuk_summary_row_begin(&w, q->text);
			if (words)
				html_text(&w, words);
			else if (q->required)
				H_RAW(&w, "<strong>Not answered yet</strong>");
			else
				H_RAW(&w, "Not answered");
			/* the question itself, and back here once saved */
			govuk_summary_action(&w, arena_printf(a, "%s?return=check#%s", page_href(v, s), q->key), "Change",
					     q->text);
			govuk_summary_row_end(&w);
		}
		govuk_summary_end(&w);
	}
	H_RAW(&w, "<h2 class=\"govuk-heading-m\">Now send your answers</h2>\n<p class=\"govuk-body\">Once you submit them "
		  "they can no longer be changed.</p>\n<form method=\"post\" novalidate");
	H_ATTR(&w, "action", href(v, "check"));
	H_RAW(&w, ">\n");
	govuk_csrf(&w, rq->session ? rq->session->csrf : "");
	govuk_button(&w, &(struct govuk_button){.text = "Submit your answers", .prevent_double_click = true});
	H_RAW(&w, "</form>\n");
	page_end(&w);
}

enum err surveys_answer_check(struct req *rq, struct resp *rs)
{
	struct answer v;
	bool shown;
	answer_of(rq, &v);
	enum err e = read_for_get(rq, rs, &v, true, &shown);
	if (e || shown)
		return e;
	check_render(rs, &v);
	return ERR_OK;
}

static enum err survey_submit_write(struct db *db, void *ctx)
{
	struct answer *v = ctx;
	v->done_already = v->missing = false;
	enum err e = load(db, v);
	if (e)
		return e;
	if (finished(v)) {
		v->done_already = true;
		return ERR_OK;
	}
	size_t s, q;
	if ((v->missing = survey_first_missing(&v->c, &v->x, &s, &q)))
		return ERR_OK;
	if ((e = survey_invite_complete(db, v->inv.id, clock_now())) == ERR_CONFLICT) {
		v->done_already = true;
		return ERR_OK;
	}
	/* nobody is signed in: the link is the one who answered */
	return e ? e
		 : audit(db, v->rq, 0, "survey_completed", arena_printf(v->rq->arena, "survey_invite:%lld", (long long)v->inv.id),
			 v->inv.title);
}

enum err surveys_answer_submit(struct req *rq, struct resp *rs)
{
	struct answer v;
	answer_of(rq, &v);
	if (rq->form_refused) { /* the check page again: nothing was sent */
		bool shown;
		enum err e = refused_read(rq, rs, &v, &shown);
		if (e || shown)
			return e;
		v.notice = "Your answers have not been sent yet: check them and press Submit your answers again.";
		check_render(rs, &v);
		return ERR_OK;
	}
	enum err e = db_transact(rq->db, DB_WRITE, survey_submit_write, &v);
	if (e == ERR_NOT_FOUND)
		return not_found(rs, &v);
	if (e)
		return e;
	if (v.done_already)
		return finished_post(rs, &v);
	if (v.missing) {
		rs->status = 400;
		check_render(rs, &v);
		return ERR_OK;
	}
	resp_redirect(rs, 303, href(&v, "done"));
	return ERR_OK;
}

enum err surveys_answer_done(struct req *rq, struct resp *rs)
{
	return surveys_answer_start(rq, rs);
}
