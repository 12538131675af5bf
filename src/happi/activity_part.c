/*
 * activity_part.c - the HAPPI form on its activity's page (module.h's
 * activity_part): this year's form's status, with a link, for those who
 * read it; and the handbook's expectation, warned about and never
 * enforced, that a Work Group states outcomes for pupils.
 */
#include <string.h>

#include "activities/pages.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "happi/content.h"
#include "happi/form_queries.h"
#include "happi/outcome_queries.h"
#include "happi/pages.h"
#include "happi/view.h"
#include "html/govuk.h"
#include "html/html.h"
#include "http/request.h"
#include "module.h"

struct part {
	int year;
	struct happi_form f;
	bool work_group, warn; /* a Work Group whose writers and link are told what is missing */
	size_t national_pupils; /* its NCP's outcomes for pupils */
	bool tailored_pupils;   /* its form says what one means for its schools */
};

static enum err part_read(struct db *db, struct req *rq, const struct activity *a, const struct activity_access *acc,
			  void **out)
{
	*out = NULL;
	struct happi_access can = happi_access_of(rq->session, a, acc);
	if (!can.read)
		return ERR_OK;
	struct part *p = arena_alloc(rq->arena, sizeof(*p));
	if (!acyear_of_date(activities_today(rq->arena), &p->year))
		p->year = a->first_year;
	p->year = p->year < a->first_year ? a->first_year : p->year > a->last_year ? a->last_year : p->year;
	enum err e = happi_form_read(db, rq->arena, a->id, p->year, &p->f);
	if (e)
		return e;
	p->work_group = !strcmp(a->kind, "Work Group");
	p->warn = p->work_group && (can.write || can.review) && strcmp(a->status, "cancelled");
	if (p->warn && a->project_code) {
		struct happi_ncp_outcomes o;
		if ((e = happi_ncp_outcomes_read(db, rq->arena, a->project_code, &o)) && e != ERR_NOT_FOUND)
			return e;
		p->national_pupils = e ? 0 : o.count[HAPPI_PUPILS];
	}
	if (p->warn) { /* tailored from the NCP's, or (a local one) its own */
		struct happi_content c;
		if (p->f.exists && happi_content_parse(rq->arena, p->f.content, &c))
			for (size_t i = 0; i < c.noutcomes; i++)
				p->tailored_pupils |= c.outcomes[i].kind == HAPPI_PUPILS && c.outcomes[i].local;
	}
	*out = p;
	return ERR_OK;
}

static void part_render(struct html *w, struct req *rq, const struct activity *a, const void *data)
{
	const struct part *p = data;
	if (!p)
		return;
	struct arena *ar = rq->arena;
	if (p->warn && a->project_code && !p->national_pupils)
		govuk_warning_text(w, arena_printf(ar, "%s has no expected outcomes for pupils yet: the handbook expects every "
						       "Work Group to state them. The national team sets them.",
						   a->project_code));
	else if (p->warn && !p->tailored_pupils)
		govuk_warning_text(w, "This Work Group has no outcomes for pupils in its HAPPI form yet: the handbook expects "
				      "every Work Group to state them.");
	char year[8];
	acyear_code(p->year, year);
	H_RAW(w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
	H_ATTR(w, "href", activities_href(rq, a->id, arena_printf(ar, "/happi?year=%d", p->year)));
	H_RAW(w, ">");
	html_text(w, arena_printf(ar, "HAPPI form, %s", year));
	H_RAW(w, "</a>: ");
	html_text(w, p->f.exists ? happi_status_name(p->f.status) : "not started");
	H_RAW(w, "</p>\n");
}

const struct activity_part happi_activity_parts[1] = {{part_read, part_render}};
