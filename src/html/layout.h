/*
 * layout.h - the GOV.UK page template: skip link, the service's own header
 * ("Maths Hubs", no crown), service navigation, phase banner, breadcrumbs,
 * main, footer. And the generic error page built on it.
 */
#ifndef MH_LAYOUT_H
#define MH_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "html/html.h"

/* An entry of the service navigation. Capabilities declare theirs in their
 * module (src/module.h); layout_set_nav installs them all at start. */
enum nav_place {
	NAV_SERVICE, /* the service navigation, on every page */
	NAV_FOOTER,  /* a link in the footer */
	NAV_MANAGE,  /* "Manage" on the account page, for those with its capability */
};

struct nav_item {
	const char *text, *href;
	int order;            /* entries are shown by increasing order */
	enum nav_place place;
	unsigned capability;  /* NAV_MANAGE: who sees it (auth/perm.h enum capability) */
};

/* Installs the navigation (process lifetime: items must outlive every
 * request). Called once, before serving. */
void layout_set_nav(const struct nav_item *items, size_t n);

/* Every navigation entry, by order (for pages that list those of one
 * place, such as the account page's "Manage"). */
const struct nav_item *layout_nav(size_t *n);

/* A notice every page shows under the phase banner, for as long as the
 * process runs: its tag ("Demo data") and text ("This service holds demo
 * data ..."), both outliving every request (text NULL: none). Set once,
 * before serving. */
void layout_set_notice(const char *tag, const char *text);

struct crumb {
	const char *text, *href;
};

struct govuk_error;

/* The first byte of a one-time message that is a note, not a success
 * (session_flash_note). A control character: no text typed can hold it. */
#define PAGE_BANNER_NOTE "\x1f"

struct page {
	const char *title;          /* "<title> - Maths Hubs" */
	const char *nav;            /* the href of the current navigation entry, or NULL */
	const struct crumb *crumbs; /* breadcrumbs (above main), may be NULL */
	size_t ncrumbs;
	bool has_errors;            /* prefixes the title with "Error: " */
	const char *back_href;      /* a back link (instead of breadcrumbs), or NULL */
	/* What page_begin adds (layout_begin ignores them): */
	const char *caption;        /* above the heading, e.g. the hub's name, or NULL */
	const char *heading;        /* the h1 (NULL: the title; "": none, the page writes its own) */
	const struct govuk_error *errors; /* the error summary (sets has_errors) */
	size_t nerrors;
	const char *banner;         /* a one-time confirmation ("Role given"), shown as a success banner;
				     * one starting PAGE_BANNER_NOTE ("Nothing was changed") as the
				     * blue "Important" banner: not a success */
	const char *notice;         /* what the person must know before going on, as an important banner */
	bool full_width;            /* the content column: full width, not two thirds */
	bool heading_xl;            /* the largest heading (a start page, a record's own page) */
};

/* Everything up to and including the opening of the content column. */
void layout_begin(struct html *w, const struct page *p);

/* Closes the content column, main, adds the footer and scripts. */
void layout_end(struct html *w);

/* The page scaffold: layout_begin, then the back link, the grid column,
 * the error summary, the notification banner, the caption and the h1, in
 * the GOV.UK order. Every page opens with it and closes with page_end. */
void page_begin(struct html *w, const struct page *p);

/* Closes page_begin's column and the layout. */
void page_end(struct html *w);

/* A whole error page: heading, message, and a link back when back_href is
 * not NULL. Used for 400/404/405/413/500/503. */
void page_error(struct html *w, const char *heading, const char *message,
		const char *back_href, const char *back_text);

#endif
