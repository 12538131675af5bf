/* person_view.c - see person.h: the parts of a person's page that show
 * their details and their account, from what was read (no database). */
#include "admin/person.h"

#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "html/govuk.h"
#include "http/request.h"
#include "module.h"
#include "registry/registry.h"

/* A time as the day it fell on (UTC), "2 December 2026". */
static const char *day_of(struct arena *a, int64_t t)
{
	char iso[32], day[24];
	clock_format_iso(t, 0, iso);
	iso[10] = '\0';
	clock_format_day(iso, day);
	return arena_strdup(a, day);
}

void person_details_section(struct html *w, struct req *rq, const struct person_subject *p, const struct person_access *may)
{
	const struct person_details *d = &p->details;
	govuk_summary_begin(w);
	govuk_summary_row_begin(w, "Email address");
	html_text(w, p->person.email);
	if (may->account)
		govuk_summary_action(w, person_href(rq, p->id, "/email"), "Change", "email address");
	govuk_summary_row_end(w);
	govuk_summary_row_begin(w, "School");
	if (!d->school_urn)
		html_text(w, "Not given");
	else if (d->school_name[0])
		html_textf(w, "%s (URN %s)", d->school_name, d->school_urn);
	else
		html_textf(w, "URN %s", d->school_urn);
	if (d->school) /* closed: what replaced it, and that it should be changed */
		school_ref_closed(w, rq->arena, d->school, may->edit ? person_href(rq, p->id, "/details") : NULL);
	if (may->edit)
		govuk_summary_action(w, person_href(rq, p->id, "/details"), "Change", "school");
	govuk_summary_row_end(w);
	govuk_summary_row_begin(w, "Job title");
	html_text(w, d->job_title[0] ? d->job_title : "Not given");
	if (may->edit)
		govuk_summary_action(w, person_href(rq, p->id, "/details"), "Change", "job title");
	govuk_summary_row_end(w);
	govuk_summary_row_begin(w, "Account");
	if (p->person.active) {
		govuk_tag(w, "Active", "green");
	} else {
		govuk_tag(w, "Deactivated", "grey");
		H_RAW(w, " ");
		if (d->deactivated_at)
			html_textf(w, "on %s%s%s: they cannot sign in", day_of(rq->arena, d->deactivated_at),
				   d->deactivated_by[0] ? " by " : "", d->deactivated_by);
		else
			html_text(w, "They cannot sign in");
	}
	govuk_summary_row_end(w);
	govuk_summary_end(w);
}

void person_account_section(struct html *w, struct req *rq, const struct person_subject *p, const struct person_access *may)
{
	if (!may->account || may->self)
		return;
	if (p->person.active) {
		H_RAW(w, "<h2 class=\"govuk-heading-m\">If they leave the programme</h2>\n"
			 "<p class=\"govuk-body\">Deactivate them: they are signed out and cannot sign in. Their roles, designations "
			 "and history are kept, and you can reactivate them later.</p>\n");
		govuk_button(w, &(struct govuk_button){.text = arena_printf(rq->arena, "Deactivate %s", p->person.name),
						       .href = person_href(rq, p->id, "/deactivate"), .variant = "warning"});
		return;
	}
	H_RAW(w, "<h2 class=\"govuk-heading-m\">Reactivate</h2>\n"
		 "<p class=\"govuk-body\">They will be able to sign in again with their password and their ways of getting codes, "
		 "and keep the roles they had.</p>\n");
	govuk_button(w, &(struct govuk_button){.text = arena_printf(rq->arena, "Reactivate %s", p->person.name),
					       .href = person_href(rq, p->id, "/reactivate"), .variant = "secondary"});
}

void person_parts_render(struct html *w, struct req *rq, int64_t id, void *const *data, size_t n)
{
	size_t nparts;
	const struct person_part *parts = module_person_parts(&nparts);
	for (size_t i = 0; i < n && i < nparts; i++)
		parts[i].render(w, rq, id, data[i]);
}
