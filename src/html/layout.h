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

enum nav { NAV_NONE, NAV_HUBS, NAV_PROJECTS, NAV_API, NAV_ACCOUNT };

struct crumb {
	const char *text, *href;
};

struct page {
	const char *title;          /* "<title> - Maths Hubs" */
	enum nav nav;               /* the current navigation item */
	const struct crumb *crumbs; /* breadcrumbs (above main), may be NULL */
	size_t ncrumbs;
	bool has_errors;            /* prefixes the title with "Error: " */
};

/* Everything up to and including the opening of the content column. */
void layout_begin(struct html *w, const struct page *p);

/* Closes the content column, main, adds the footer and scripts. */
void layout_end(struct html *w);

/* A whole error page: heading, message, and a link back when back_href is
 * not NULL. Used for 400/404/405/413/500/503. */
void page_error(struct html *w, const char *heading, const char *message,
		const char *back_href, const char *back_text);

#endif
