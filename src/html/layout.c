/* layout.c - see layout.h. The markup follows govuk-frontend's template.njk
 * and the generic header and service navigation components. */
#include "html/layout.h"

#include <string.h>

#include "core/assets.h"
#include "html/govuk.h"

/* The service navigation, from the modules (layout_set_nav). */
static const struct nav_item *nav_items;
static size_t nnav_items;

/* The notice on every page (layout_set_notice): its text, or NULL. */
static const char *notice, *notice_tag;

void layout_set_notice(const char *tag, const char *text)
{
	notice_tag = tag;
	notice = text;
}

void layout_set_nav(const struct nav_item *items, size_t n)
{
	nav_items = items;
	nnav_items = n;
}

const struct nav_item *layout_nav(size_t *n)
{
	*n = nnav_items;
	return nav_items;
}

void layout_begin(struct html *w, const struct page *p)
{
	H_RAW(w, "<!DOCTYPE html>\n<html lang=\"en\" class=\"govuk-template\">\n<head>\n"
		 "<meta charset=\"utf-8\">\n<title>");
	if (p->has_errors)
		H_RAW(w, "Error: ");
	html_text(w, p->title);
	H_RAW(w, " - Maths Hubs</title>\n"
		 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1, viewport-fit=cover\">\n"
		 "<meta name=\"theme-color\" content=\"#1d70b8\">\n<link rel=\"icon\" type=\"image/svg+xml\"");
	H_ATTR(w, "href", assets_url("favicon.svg"));
	H_RAW(w, ">\n<link rel=\"stylesheet\"");
	H_ATTR(w, "href", assets_url("accessible-autocomplete.css"));
	H_RAW(w, ">\n<link rel=\"stylesheet\"");
	H_ATTR(w, "href", assets_url("app.css"));
	H_RAW(w, ">\n</head>\n<body class=\"govuk-template__body\">\n<script");
	H_ATTR(w, "src", assets_url("js-enabled.js"));
	H_RAW(w, "></script>\n"
		 "<a href=\"#main-content\" class=\"govuk-skip-link\" data-module=\"govuk-skip-link\">Skip to main content</a>\n"
		 "<header class=\"govuk-template__header\">\n"
		 "<div class=\"govuk-generic-header\"><div class=\"govuk-generic-header__container govuk-width-container\">"
		 "<div class=\"govuk-generic-header__logo\"><a href=\"/\" class=\"govuk-generic-header__homepage-link\">"
		 "<span class=\"mh-logo\">Maths Hubs</span></a></div></div></div>\n"
		 "<section aria-label=\"Service information\" class=\"govuk-service-navigation\" data-module=\"govuk-service-navigation\">\n"
		 "<div class=\"govuk-width-container\"><div class=\"govuk-service-navigation__container\">\n"
		 "<nav aria-label=\"Menu\" class=\"govuk-service-navigation__wrapper\">\n"
		 "<button type=\"button\" class=\"govuk-service-navigation__toggle govuk-js-service-navigation-toggle\" aria-controls=\"navigation\" hidden>Menu</button>\n"
		 "<ul class=\"govuk-service-navigation__list\" id=\"navigation\">\n");
	for (size_t i = 0; i < nnav_items; i++) {
		if (nav_items[i].place != NAV_SERVICE)
			continue;
		bool cur = p->nav && !strcmp(nav_items[i].href, p->nav);
		if (cur)
			H_RAW(w, "<li class=\"govuk-service-navigation__item govuk-service-navigation__item--active\">"
				 "<a class=\"govuk-service-navigation__link\" aria-current=\"true\"");
		else
			H_RAW(w, "<li class=\"govuk-service-navigation__item\"><a class=\"govuk-service-navigation__link\"");
		H_ATTR(w, "href", nav_items[i].href);
		H_RAW(w, ">");
		if (cur)
			H_RAW(w, "<strong class=\"govuk-service-navigation__active-fallback\">");
		html_text(w, nav_items[i].text);
		if (cur)
			H_RAW(w, "</strong>");
		H_RAW(w, "</a></li>\n");
	}
	H_RAW(w, "</ul>\n</nav>\n</div></div>\n</section>\n</header>\n"
		 "<div class=\"govuk-width-container\">\n"
		 "<div class=\"govuk-phase-banner\"><p class=\"govuk-phase-banner__content\">"
		 "<strong class=\"govuk-tag govuk-phase-banner__content__tag\">Beta</strong>"
		 "<span class=\"govuk-phase-banner__text\">This is a new service. It will change as hubs, LLMEs and the national team use it.</span>"
		 "</p></div>\n");
	if (notice) {
		H_RAW(w, "<div class=\"govuk-phase-banner mh-notice\" id=\"service-notice\"><p class=\"govuk-phase-banner__content\">"
			 "<strong class=\"govuk-tag govuk-tag--orange govuk-phase-banner__content__tag\">");
		html_text(w, notice_tag);
		/* the space: a screen reader reads the tag and the text as two words */
		H_RAW(w, "</strong> <span class=\"govuk-phase-banner__text\">");
		html_text(w, notice);
		H_RAW(w, "</span></p></div>\n");
	}
	if (p->back_href) { /* before main, as govuk-frontend's beforeContent */
		H_RAW(w, "<a class=\"govuk-back-link\"");
		H_ATTR(w, "href", p->back_href);
		H_RAW(w, ">Back</a>\n");
	} else if (p->ncrumbs) {
		govuk_breadcrumbs(w, p->crumbs, p->ncrumbs);
	}
	H_RAW(w, "<main class=\"govuk-main-wrapper\" id=\"main-content\">\n");
}

void layout_end(struct html *w)
{
	H_RAW(w, "</main>\n</div>\n"
		 "<footer class=\"govuk-footer\">\n<div class=\"govuk-width-container\">\n"
		 "<div class=\"govuk-footer__meta\"><div class=\"govuk-footer__meta-item govuk-footer__meta-item--grow\">\n"
		 "<h2 class=\"govuk-visually-hidden\">Support links</h2>\n"
		 "<ul class=\"govuk-footer__inline-list\">");
	for (size_t i = 0; i < nnav_items; i++) {
		if (nav_items[i].place != NAV_FOOTER)
			continue;
		H_RAW(w, "<li class=\"govuk-footer__inline-list-item\"><a class=\"govuk-footer__link\"");
		H_ATTR(w, "href", nav_items[i].href);
		H_RAW(w, ">");
		html_text(w, nav_items[i].text);
		H_RAW(w, "</a></li>");
	}
	H_RAW(w, "</ul>\n"
		 "<p class=\"govuk-body-s\">The Maths Hubs Programme is coordinated nationally by the NCETM and funded by the Department for Education.</p>\n"
		 "</div></div>\n</div>\n</footer>\n<script");
	H_ATTR(w, "src", assets_url("govuk-frontend.js"));
	H_RAW(w, "></script>\n<script");
	H_ATTR(w, "src", assets_url("accessible-autocomplete.js"));
	H_RAW(w, "></script>\n<script");
	H_ATTR(w, "src", assets_url("app.js"));
	H_RAW(w, "></script>\n</body>\n</html>\n");
}

void page_begin(struct html *w, const struct page *p)
{
	struct page lp = *p;
	lp.has_errors = p->has_errors || p->nerrors > 0;
	layout_begin(w, &lp);
	if (p->full_width)
		H_RAW(w, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-full\">\n");
	else
		H_RAW(w, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	govuk_error_summary(w, p->errors, p->nerrors);
	if (p->banner && p->banner[0] == PAGE_BANNER_NOTE[0])
		govuk_notification_banner(w, "Important", p->banner + 1, false);
	else if (p->banner)
		govuk_notification_banner(w, "Success", p->banner, true);
	if (p->notice)
		govuk_notification_banner(w, "Important", p->notice, false);
	const char *heading = p->heading ? p->heading : p->title;
	if (!heading[0])
		return;
	if (p->caption) {
		H_RAW(w, "<span class=\"govuk-caption-l\">");
		html_text(w, p->caption);
		H_RAW(w, "</span>");
	}
	if (p->heading_xl)
		H_RAW(w, "<h1 class=\"govuk-heading-xl\">");
	else
		H_RAW(w, "<h1 class=\"govuk-heading-l\">");
	html_text(w, heading);
	H_RAW(w, "</h1>\n");
}

void page_end(struct html *w)
{
	H_RAW(w, "</div></div>\n");
	layout_end(w);
}

void page_error(struct html *w, const char *heading, const char *message,
		const char *back_href, const char *back_text)
{
	page_begin(w, &(struct page){.title = heading});
	H_RAW(w, "<p class=\"govuk-body\">");
	html_text(w, message);
	H_RAW(w, "</p>\n<p class=\"govuk-body\"><a class=\"govuk-link\"");
	H_ATTR(w, "href", back_href ? back_href : "/");
	H_RAW(w, ">");
	html_text(w, back_href ? back_text : "Go to the Maths Hubs start page");
	H_RAW(w, "</a></p>\n");
	page_end(w);
}
