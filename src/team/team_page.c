/*
 * team_page.c - /hubs/{code}/team: a hub's team this academic year, for
 * its own people (leadership and LLMEs) and the national team; and the LLME
 * part of a person's page (module.h), read and rendered for admin's page.
 */
#include "auth/perm.h"
#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/url.h"
#include "db/db.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"
#include "team/pages.h"
#include "team/scope.h"
#include "team/views.h"

enum err team_page(struct req *rq, struct resp *rs)
{
	const char *code = req_param(rq, "code");
	struct team_page t = {.rq = rq, .code = code, .year = team_year_now()};
	enum err e = db_transact(rq->db, DB_READ, team_page_read, &t);
	if (e == ERR_NOT_FOUND)
		return resp_error_page(rs, 404, "Maths Hub not found", arena_printf(rq->arena, "There is no Maths Hub with the code %s.", code),
				       "/hubs", "See all Maths Hubs");
	if (e)
		return e;
	const char *hub_href = url_path_join(rq->arena, "/hubs/", t.hub.code);
	if (t.refused)
		return resp_error_page(rs, 403, "You do not have permission to see this page",
				       "A hub's team is seen by its leadership team, its LLMEs and the national team.", hub_href,
				       "Back to the hub");
	char year[8];
	acyear_code(t.year, year);
	struct html w = resp_html(rs);
	const char *hub = arena_printf(rq->arena, "%s Maths Hub", t.hub.name);
	struct crumb crumbs[] = {{"Home", "/"}, {"Maths Hubs", "/hubs"}, {hub, hub_href}};
	page_begin(&w, &(struct page){.title = arena_printf(rq->arena, "Team of %s", hub), .heading = "Hub team", .caption = hub,
				      .nav = "/hubs", .crumbs = crumbs, .ncrumbs = 3, .full_width = true,
				      .banner = session_banner(rq)});
	H_RAW(&w, "<p class=\"govuk-body-l\">");
	html_textf(&w, "Who leads %s and its LLMEs in %s.", hub, year);
	H_RAW(&w, "</p>\n");
	team_page_view(&w, rq, &t, team_may(rq, CAP_DESIGNATIONS_MANAGE, t.hub.id), team_may(rq, CAP_PEOPLE_READ, t.hub.id));
	page_end(&w);
	return ERR_OK;
}

/* ---- the person part of a person's page ---- */

enum err team_person_part_read(struct db *db, struct req *rq, int64_t person_id, void **out)
{
	struct team_person *p = arena_alloc(rq->arena, sizeof(*p));
	*out = p;
	return team_person_load(db, rq->arena, person_id, p);
}

void team_person_part_render(struct html *w, struct req *rq, int64_t person_id, const void *data)
{
	(void)person_id;
	team_person_view(w, rq, data);
}
