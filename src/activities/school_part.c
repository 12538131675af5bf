/*
 * school_part.c - the teaching for mastery journey on a school's page
 * (/schools/{urn}, the registry's; module.h's struct school_part): a
 * timeline of the school's years, with its predecessors' (academised
 * mid-journey), each year's stage per path and the activities or records
 * behind it, and an inset "Next step" naming the current catalogue's NCP
 * with the school's hub's recruiting activities of it. Only for readers
 * whose CAP_ACTIVITIES_READ covers the school (the national team, its
 * hub's leadership and LLMEs, its headteacher): an intensive-support
 * history is sensitive, and the page is public. A closed school says where
 * its history continues.
 */
#include <string.h>

#include "activities/activities.h"
#include "activities/journey.h"
#include "activities/journey_queries.h"
#include "activities/pages.h"
#include "auth/perm.h"
#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/url.h"
#include "core/workdays.h"
#include "db/db.h"
#include "html/govuk.h"
#include "html/html.h"

int journey_this_year(void)
{
	char today[11];
	int year = 0;
	london_from_unix(clock_now(), today, NULL);
	acyear_of_date(today, &year);
	return year;
}

bool journey_covers(const struct session *s, enum capability cap, const char *urn, int64_t hub_id)
{
	if (!s || !s->person_id || strcmp(s->stage, "signed_in"))
		return false;
	int64_t h[1] = {hub_id};
	return perm_allows(s->grants, s->ngrants, s->person_id, cap,
			   &(struct perm_target){.school_urn = urn, .hub_ids = h, .nhubs = hub_id ? 1 : 0});
}

struct part {
	struct journey_data d;
	struct journey *j;
	int year, catalogue_year;
	struct journey_offer *offers;
	size_t noffers;
	bool hub_list; /* the reader may read the hub's list of activities */
	bool record;   /* the reader may record history from before the system */
};

enum err journey_school_part_read(struct db *db, struct req *rq, const char *urn, int64_t hub_id, void **out)
{
	*out = NULL;
	const struct session *s = rq->session;
	if (!journey_covers(s, CAP_ACTIVITIES_READ, urn, hub_id))
		return ERR_OK; /* a visitor, or a reader it does not concern: nothing read, nothing shown */
	struct arena *a = rq->arena;
	struct part *p = arena_alloc(a, sizeof(*p));
	*p = (struct part){.year = journey_this_year()};
	enum err e = journey_data_read(db, a, urn, false, &p->d);
	if (e)
		return e;
	struct journey_ncp *cat;
	size_t ncat;
	if ((e = journey_catalogue(db, a, p->year, &p->catalogue_year, &cat, &ncat)))
		return e;
	struct journey_input in;
	journey_input_of(a, &p->d, p->year, cat, ncat, &in);
	p->j = journey_compute(a, &in);
	const char *codes[4];
	size_t ncodes = 0;
	for (size_t i = 0; i < p->j->nnext; i++) {
		if (p->j->next[i].ncp_code && ncodes < 4)
			codes[ncodes++] = p->j->next[i].ncp_code;
		if (p->j->next[i].alt_ncp_code && ncodes < 4)
			codes[ncodes++] = p->j->next[i].alt_ncp_code;
	}
	if ((e = journey_recruiting(db, a, p->d.hub_id, codes, ncodes, p->year, &p->offers, &p->noffers)))
		return e;
	int64_t h[1] = {p->d.hub_id};
	p->hub_list = p->d.hub_id && perm_allows(s->grants, s->ngrants, s->person_id, CAP_ACTIVITIES_READ,
						 &(struct perm_target){.hub_ids = h, .nhubs = 1});
	p->record = p->d.hub_id && journey_covers(s, CAP_JOURNEY_RECORD, NULL, p->d.hub_id);
	*out = p;
	return ERR_OK;
}

/* The name of lineage URN urn (a predecessor's, from the lineage read). */
static const char *urn_name(const struct part *p, const char *urn)
{
	for (size_t i = 0; i < p->d.line.npredecessors; i++)
		if (!strcmp(p->d.line.predecessors[i].urn, urn) && p->d.line.predecessors[i].name[0])
			return p->d.line.predecessors[i].name;
	return NULL;
}

static void as_predecessor(struct html *w, struct req *rq, const struct part *p, const char *urn)
{
	const char *name = urn_name(p, urn);
	H_RAW(w, " <span class=\"mh-secondary\">(as ");
	html_text(w, name ? name : "a predecessor");
	html_text(w, arena_printf(rq->arena, ", URN %s", urn));
	H_RAW(w, ")</span>");
}

static void activity_line(struct html *w, struct req *rq, const struct part *p, const struct journey_evidence *e)
{
	const struct journey_activity *r = e->activity;
	H_RAW(w, "<a class=\"govuk-link\"");
	H_ATTR(w, "href", activities_href(rq, r->activity_id, NULL));
	H_RAW(w, ">");
	html_text(w, r->title);
	H_RAW(w, "</a>");
	if (r->ncp_code) {
		H_RAW(w, " (");
		html_text(w, r->ncp_code);
		H_RAW(w, ")");
	}
	H_RAW(w, ", ");
	html_text(w, r->hub_name ? r->hub_name : "a national cohort");
	if (e->predecessor)
		as_predecessor(w, rq, p, e->urn);
	if (e->joining) {
		H_RAW(w, " ");
		govuk_tag(w, "Joining this year", "blue");
	}
}

static void entry_line(struct html *w, struct req *rq, const struct part *p, const struct journey_evidence *e)
{
	html_text(w, e->also_recorded ? "Also recorded: " : "Recorded: ");
	html_text(w, tfm_stage_label(e->stage));
	H_RAW(w, " (");
	html_text(w, e->entry->source);
	H_RAW(w, ")");
	if (e->predecessor)
		as_predecessor(w, rq, p, e->urn);
}

static void year_item(struct html *w, struct req *rq, const struct part *p, const struct journey_year *y)
{
	char code[8];
	acyear_code(y->year, code);
	H_RAW(w, "<li class=\"mh-timeline__year\"><h3 class=\"govuk-heading-s mh-timeline__heading\">");
	html_text(w, code);
	H_RAW(w, "</h3>\n");
	for (int path = TFM_PRIMARY; path <= TFM_SECONDARY; path++) {
		const struct journey_step *st = &y->path[path];
		if (!st->nev)
			continue;
		H_RAW(w, "<p class=\"govuk-body govuk-!-margin-bottom-1\"><strong>");
		html_text(w, arena_printf(rq->arena, "%s: %s", tfm_path_label((enum tfm_path)path),
					  tfm_stage_label(st->stage)));
		H_RAW(w, "</strong></p>\n<ul class=\"govuk-list govuk-!-margin-bottom-2\">");
		for (size_t i = 0; i < st->nev; i++) {
			H_RAW(w, "<li>");
			if (st->ev[i].activity)
				activity_line(w, rq, p, &st->ev[i]);
			else
				entry_line(w, rq, p, &st->ev[i]);
			H_RAW(w, "</li>");
		}
		H_RAW(w, "</ul>\n");
	}
	if (y->nother) {
		H_RAW(w, "<p class=\"govuk-body govuk-!-margin-bottom-1\"><strong>Also took part in</strong></p>\n"
			 "<ul class=\"govuk-list govuk-!-margin-bottom-2\">");
		for (size_t i = 0; i < y->nother; i++) {
			H_RAW(w, "<li>");
			activity_line(w, rq, p, &y->other[i]);
			H_RAW(w, "</li>");
		}
		H_RAW(w, "</ul>\n");
	}
	H_RAW(w, "</li>\n");
}

static void offers_of(struct html *w, struct req *rq, const struct part *p, const char *code)
{
	size_t n = 0;
	for (size_t i = 0; i < p->noffers; i++)
		n += !strcmp(p->offers[i].ncp_code, code);
	if (!n) {
		H_RAW(w, "<p class=\"govuk-body\">");
		html_text(w, arena_printf(rq->arena, "%s has no %s activity recruiting now.",
					  p->d.hub_name ? p->d.hub_name : "Its hub", code));
		if (p->hub_list) {
			H_RAW(w, " <a class=\"govuk-link\"");
			H_ATTR(w, "href", url_path(rq->arena, "/hubs/", p->d.hub_code, "/activities"));
			H_RAW(w, ">See the hub&#39;s activities</a>");
		}
		H_RAW(w, "</p>\n");
		return;
	}
	H_RAW(w, "<p class=\"govuk-body govuk-!-margin-bottom-1\">");
	html_text(w, arena_printf(rq->arena, "Recruiting now at %s:", p->d.hub_name));
	H_RAW(w, "</p>\n<ul class=\"govuk-list\">");
	for (size_t i = 0; i < p->noffers; i++) {
		const struct journey_offer *o = &p->offers[i];
		if (strcmp(o->ncp_code, code))
			continue;
		H_RAW(w, "<li>");
		if (p->hub_list) {
			H_RAW(w, "<a class=\"govuk-link\"");
			H_ATTR(w, "href", activities_href(rq, o->id, NULL));
			H_RAW(w, ">");
			html_text(w, o->title);
			H_RAW(w, "</a>");
		} else {
			html_text(w, o->title);
		}
		html_text(w, arena_printf(rq->arena, " (%s)", activities_years(rq, o->first_year, o->last_year)));
		H_RAW(w, "</li>");
	}
	H_RAW(w, "</ul>\n");
}

static void next_step(struct html *w, struct req *rq, const struct part *p)
{
	const struct journey *j = p->j;
	if (!j->nnext)
		return;
	H_RAW(w, "<div class=\"govuk-inset-text\">\n<h3 class=\"govuk-heading-s\">Next step</h3>\n");
	for (size_t i = 0; i < j->nnext; i++) {
		const struct journey_next *n = &j->next[i];
		H_RAW(w, "<p class=\"govuk-body\"><strong>");
		if (n->path != TFM_PATH_NONE)
			html_text(w, arena_printf(rq->arena, "%s: ", tfm_path_label(n->path)));
		html_text(w, tfm_stage_label(n->stage));
		if (n->ncp_code)
			html_text(w, arena_printf(rq->arena, " (%s)", n->ncp_code));
		if (n->alt_stage != TFM_STAGE_NONE) {
			html_text(w, arena_printf(rq->arena, ", or %s", tfm_stage_label(n->alt_stage)));
			if (n->alt_ncp_code)
				html_text(w, arena_printf(rq->arena, " (%s)", n->alt_ncp_code));
		}
		H_RAW(w, "</strong><br>");
		html_text(w, n->text);
		H_RAW(w, "</p>\n");
		if (n->ncp_code)
			offers_of(w, rq, p, n->ncp_code);
		if (n->alt_ncp_code)
			offers_of(w, rq, p, n->alt_ncp_code);
		if (!n->ncp_code)
			H_RAW(w, "<p class=\"govuk-body\">No NCP of the catalogue loaded offers this stage yet.</p>\n");
	}
	if (p->catalogue_year && p->catalogue_year != p->year) {
		char code[8];
		acyear_code(p->catalogue_year, code);
		H_RAW(w, "<p class=\"govuk-body-s mh-secondary\">");
		html_text(w, arena_printf(rq->arena, "NCPs of the %s catalogue, the latest loaded.", code));
		H_RAW(w, "</p>\n");
	}
	H_RAW(w, "</div>\n");
}

void journey_school_part_render(struct html *w, struct req *rq, const char *urn, const void *data)
{
	const struct part *p = data;
	if (!p)
		return;
	struct arena *a = rq->arena;
	const struct journey *j = p->j;
	H_RAW(w, "<h2 class=\"govuk-heading-m\" id=\"journey\">Teaching for mastery journey</h2>\n");
	if (j->closed) {
		H_RAW(w, "<p class=\"govuk-body\">This school has closed. ");
		if (j->successor_urn) {
			H_RAW(w, "Its history continues at its successor, <a class=\"govuk-link\"");
			H_ATTR(w, "href", url_path(a, "/schools/", j->successor_urn, ""));
			H_RAW(w, ">");
			const char *name = NULL;
			for (size_t i = 0; i < p->d.line.nsuccessors && !name; i++)
				if (!strcmp(p->d.line.successors[i].urn, j->successor_urn) && p->d.line.successors[i].name[0])
					name = p->d.line.successors[i].name;
			html_text(w, name ? arena_printf(a, "%s (URN %s)", name, j->successor_urn)
					  : arena_printf(a, "URN %s", j->successor_urn));
			H_RAW(w, "</a>.");
		} else {
			H_RAW(w, "GIAS records no successor for it.");
		}
		H_RAW(w, "</p>\n");
	}
	if (!j->nyears) {
		H_RAW(w, "<p class=\"govuk-body\">No teaching for mastery Work Group or record for this school");
		if (p->d.nlinks)
			H_RAW(w, " or its predecessors");
		H_RAW(w, " yet.</p>\n");
	} else {
		H_RAW(w, "<ol class=\"govuk-list mh-timeline\" aria-label=\"Teaching for mastery journey by academic year\">\n");
		for (size_t i = 0; i < j->nyears; i++)
			year_item(w, rq, p, &j->years[i]);
		H_RAW(w, "</ol>\n");
	}
	next_step(w, rq, p);
	H_RAW(w, "<ul class=\"govuk-list\"><li><a class=\"govuk-link\"");
	H_ATTR(w, "href", url_path(a, "/schools/", urn, "/activities"));
	H_RAW(w, ">Every activity it and its predecessors and successors took part in</a></li>");
	if (p->record) {
		H_RAW(w, "<li><a class=\"govuk-link\"");
		H_ATTR(w, "href", url_path(a, "/schools/", urn, "/journey"));
		H_RAW(w, ">Record its history from before this service</a></li>");
	}
	H_RAW(w, "</ul>\n");
}
