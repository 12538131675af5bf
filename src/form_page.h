/*
 * form_page.h - a page of one declared form about one thing (a person
 * today; an event, an activity later), the way every edit page works:
 *
 *   GET   one read transaction: load, prepare; then the form (prefilled)
 *         with no database handle, or why not;
 *   POST  one write transaction: load, prepare, the form read, write;
 *         then 303 to done_href (the write leaves its one-time message
 *         with session_flash), or 400 with the form's errors and what was
 *         typed.
 *
 * What differs from page to page is data (title, button, the form) and
 * callbacks (what to load, who may, what to write). load and prepare run
 * again inside the write transaction, so a POST decides on what the
 * database holds when it writes, never on what a GET saw.
 */
#ifndef MH_FORM_PAGE_H
#define MH_FORM_PAGE_H

#include <stdbool.h>

#include "core/err.h"
#include "html/form.h"

struct db;
struct html;
struct req;
struct resp;

/* What prepare decided. A page's own refusals are numbered from
 * FORM_PAGE_REFUSED up; the page's refuse() answers them. */
enum form_page_outcome {
	FORM_PAGE_OK,      /* show (GET) or take (POST) the form */
	FORM_PAGE_BLOCKED, /* nothing to offer: the page says why (blocked), with no form; a POST gets 400 */
	FORM_PAGE_DONE,    /* nothing to ask (e.g. already so): a GET goes straight to done_href */
	FORM_PAGE_MISSING, /* load found nothing (ERR_NOT_FOUND): refuse() answers */
	FORM_PAGE_REFUSED, /* the first of the page's own refusals */
};

struct form_page {
	struct req *rq;
	const char *name; /* its transactions are NAME_read and NAME_write in the logs
			   * (e.g. "person_subject"); NULL: "form_page" */
	void *ctx;   /* the page's own */
	bool posted; /* set by the scaffold: this is the POST */
	/* Set by prepare (the scaffold sets outcome to FORM_PAGE_OK first): */
	int outcome;
	const char *title;          /* the h1 */
	const char *caption;        /* above it (e.g. the person's name), or NULL */
	const char *back_href;      /* the back link and the Cancel link */
	const char *done_href;      /* where a success (or FORM_PAGE_DONE) goes; NULL: back_href */
	const char *action;         /* where the form posts: the page's own path */
	const char *button;         /* the submit button's text */
	const char *button_variant; /* NULL, or "warning", "secondary" */
	const char *blocked;        /* FORM_PAGE_BLOCKED: why */
	struct form form;
	struct form_data d;
	/* Reads what the page is about, in the transaction (GET's or POST's);
	 * ERR_NOT_FOUND: FORM_PAGE_MISSING. */
	enum err (*load)(struct db *db, struct form_page *p);
	/* From what load read (no database): who may, the form, the words. */
	void (*prepare)(struct form_page *p);
	/* GET: the form's values from what is held now (after form_empty); or NULL. */
	void (*prefill)(struct form_page *p);
	/* What comes before the fields, or NULL. */
	void (*intro)(struct html *w, struct form_page *p);
	/* POST, the form read without errors: the change, its audit line and
	 * the one-time message; or a field failed with form_fail. */
	enum err (*write)(struct db *db, struct form_page *p);
	/* The answer for FORM_PAGE_MISSING and the page's own refusals. */
	enum err (*refuse)(struct resp *rs, struct form_page *p);
};

enum err form_page_get(struct resp *rs, struct form_page *p);
enum err form_page_post(struct resp *rs, struct form_page *p);

#endif
