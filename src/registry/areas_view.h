/*
 * areas_view.h - what the hub areas' pages share (areas_pages.c,
 * school_hub.c): the rule of who may change a hub area, as code and as the
 * words on the page, the notice that an assignment is a demo one, a hub
 * as it reads, and the hubs as a select's options.
 */
#ifndef MH_REGISTRY_AREAS_VIEW_H
#define MH_REGISTRY_AREAS_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "registry/areas_queries.h"

struct govuk_option;
struct html;
struct req;

/* Whether the person signed in may change something now in hub_id's area
 * (0: in no hub's area): CAP_HUB_AREAS_MANAGE over that hub (a national
 * administrator, or that hub's leadership). */
bool areas_may_change(const struct req *rq, int64_t hub_id);

/* The rule, as the pages say it. */
void areas_rule(struct html *w);

/* A change form's end: for someone who may change only what is in their
 * own hub's area (not the national team), the warning that handing it to
 * another hub cannot be undone by them; then Save (button) and Cancel (a
 * link to cancel_href). */
void areas_form_end(struct html *w, const struct req *rq, const char *button, const char *cancel_href);

/* "GLOW (SW4)", or none_text when code is "". */
const char *areas_hub_text(const struct req *rq, const char *name, const char *code, const char *none_text);

/* The demo tag, after a hub's name. */
void areas_demo_tag(struct html *w);

/* Every hub as a select's options ("South West: GLOW (SW4)"), in the
 * request's arena. */
struct govuk_option *areas_hub_options(const struct req *rq, const struct area_hub *hubs, size_t n);

/* The hub of code among hubs, or NULL. */
const struct area_hub *areas_hub_by_code(const struct area_hub *hubs, size_t n, const char *code);

/* "14 March 2025" for a Unix time, in the request's arena. */
const char *areas_date(const struct req *rq, int64_t t);

#endif
