/* form_page.c - see form_page.h. */
#include "form_page.h"

#include "auth/session.h"
#include "core/arena.h"
#include "db/db.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"

static void render(struct resp *rs, struct form_page *p)
{
	struct req *rq = p->rq;
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = p->title, .caption = p->caption, .back_href = p->back_href,
				      .errors = p->d.errors, .nerrors = p->d.nerrors, .banner = session_banner(rq)});
	if (p->outcome == FORM_PAGE_BLOCKED) {
		H_RAW(&w, "<p class=\"govuk-body\">");
		html_text(&w, p->blocked);
		H_RAW(&w, "</p>\n<p class=\"govuk-body\"><a class=\"govuk-link\"");
		H_ATTR(&w, "href", p->back_href);
		H_RAW(&w, ">Go back</a></p>\n");
		page_end(&w);
		return;
	}
	if (p->intro)
		p->intro(&w, p);
	H_RAW(&w, "<form method=\"post\" novalidate");
	H_ATTR(&w, "action", p->action);
	H_RAW(&w, ">\n");
	govuk_csrf(&w, rq->session->csrf);
	form_fields(&w, &p->d);
	H_RAW(&w, "<div class=\"govuk-button-group\">");
	govuk_button(&w, &(struct govuk_button){.text = p->button, .variant = p->button_variant, .prevent_double_click = true});
	H_RAW(&w, "<a class=\"govuk-link\"");
	H_ATTR(&w, "href", p->back_href);
	H_RAW(&w, ">Cancel</a></div>\n</form>\n");
	page_end(&w);
}

/* load then prepare, in the caller's transaction. */
static enum err decide(struct db *db, struct form_page *p)
{
	enum err e = p->load(db, p);
	if (e == ERR_NOT_FOUND) {
		p->outcome = FORM_PAGE_MISSING;
		return ERR_OK;
	}
	if (e)
		return e;
	p->outcome = FORM_PAGE_OK;
	p->prepare(p);
	return ERR_OK;
}

static enum err page_read(struct db *db, void *ctx)
{
	return decide(db, ctx);
}

static enum err page_write(struct db *db, void *ctx)
{
	struct form_page *p = ctx;
	struct req *rq = p->rq;
	enum err e = decide(db, p);
	if (e || p->outcome != FORM_PAGE_OK)
		return e;
	if (!form_read(&p->form, rq->form, rq->nform, rq->arena, NULL, &p->d))
		return ERR_OK;
	return p->write(db, p);
}

/* "NAME_read", "NAME_write": the transaction's name in the logs. */
static const char *txn_name(const struct form_page *p, const char *kind)
{
	return arena_printf(p->rq->arena, "%s_%s", p->name ? p->name : "form_page", kind);
}

/* The answer when the form is not shown or taken. */
static enum err not_ok(struct resp *rs, struct form_page *p)
{
	if (p->outcome == FORM_PAGE_DONE) {
		resp_redirect(rs, 303, p->done_href ? p->done_href : p->back_href);
		return ERR_OK;
	}
	return p->refuse(rs, p);
}

enum err form_page_get(struct resp *rs, struct form_page *p)
{
	p->posted = false;
	enum err e = db_transact_named(p->rq->db, DB_READ, txn_name(p, "read"), page_read, p);
	if (e)
		return e;
	if (p->outcome != FORM_PAGE_OK && p->outcome != FORM_PAGE_BLOCKED)
		return not_ok(rs, p);
	form_empty(&p->form, p->rq->arena, &p->d);
	if (p->outcome == FORM_PAGE_OK && p->prefill)
		p->prefill(p);
	render(rs, p);
	return ERR_OK;
}

enum err form_page_post(struct resp *rs, struct form_page *p)
{
	p->posted = true;
	enum err e = db_transact_named(p->rq->db, DB_WRITE, txn_name(p, "write"), page_write, p);
	if (e)
		return e;
	if (p->outcome != FORM_PAGE_OK && p->outcome != FORM_PAGE_BLOCKED)
		return not_ok(rs, p);
	if (p->outcome == FORM_PAGE_BLOCKED || p->d.nerrors) {
		if (p->outcome == FORM_PAGE_BLOCKED)
			form_empty(&p->form, p->rq->arena, &p->d);
		rs->status = 400;
		render(rs, p);
		return ERR_OK;
	}
	resp_redirect(rs, 303, p->done_href ? p->done_href : p->back_href);
	return ERR_OK;
}
