/*
 * views.h - the team capability's rendering, from what its queries read:
 * no database handle here.
 */
#ifndef MH_TEAM_VIEWS_H
#define MH_TEAM_VIEWS_H

#include <stdbool.h>
#include <stdint.h>

#include "team/queries.h"

struct html;
struct req;

/* The hub's team page. may_manage: the reader manages the hub's
 * designations (links to change them); may_people: the reader may open
 * the people's pages (names are links). */
void team_page_view(struct html *w, struct req *rq, const struct team_page *t, bool may_manage, bool may_people);

/* The LLME part of a person's page: designations by year, accreditations,
 * an AMHL's phase, the elements of expertise; with the controls the
 * session may use. */
void team_person_view(struct html *w, struct req *rq, const struct team_person *p);

/* "Accredited on 30 June 2025", "Working towards it since 1 September
 * 2026" (with a small first letter unless capital), in rq's arena. */
const char *team_accreditation_text(struct req *rq, const struct team_accreditation *a, bool capital);

#endif
