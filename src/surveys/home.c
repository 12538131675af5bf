/*
 * home.c - the surveys' part of a signed-in person's home page (module.h,
 * struct home_part): their open surveys not yet completed, each with its
 * link (/s/TOKEN, read back from its sealed copy: auth/sealed.h). Read in
 * the home page's one read transaction.
 */
#include "auth/sealed.h"
#include "auth/session.h"
#include "core/arena.h"
#include "html/html.h"
#include "http/request.h"
#include "module.h"
#include "surveys/invite_queries.h"
#include "surveys/invites.h"

struct home {
	struct survey_mine *list;
	const char **links; /* NULL: one that cannot be opened here (another key): not shown */
	size_t n;
};

static enum err home_read(struct db *db, struct req *rq, void **out)
{
	struct home *h = arena_alloc(rq->arena, sizeof(*h));
	*out = h;
	enum err e = survey_invites_of_person(db, rq->arena, rq->session->person_id, &h->list, &h->n);
	if (e || !h->n)
		return e;
	h->links = arena_alloc(rq->arena, h->n * sizeof(*h->links));
	for (size_t i = 0; i < h->n; i++) {
		const char *token;
		const struct survey_mine *m = &h->list[i];
		h->links[i] = unseal(rq->arena, m->token_sealed,
				     surveys_token_binding(rq->arena, m->template_id, m->activity_id, rq->session->person_id),
				     &token)
				      ? NULL
				      : surveys_link(rq->arena, NULL, token);
	}
	return ERR_OK;
}

static void home_render(struct html *w, struct req *rq, const void *data)
{
	(void)rq;
	const struct home *h = data;
	size_t k = 0;
	for (size_t i = 0; i < h->n; i++)
		k += h->links[i] != NULL;
	if (!k)
		return;
	H_RAW(w, "<div class=\"govuk-inset-text\" id=\"surveys-to-answer\"><h2 class=\"govuk-heading-m\">");
	html_text(w, k == 1 ? "A survey to answer" : "Surveys to answer");
	H_RAW(w, "</h2>\n<ul class=\"govuk-list govuk-list--spaced\">");
	for (size_t i = 0; i < h->n; i++) {
		if (!h->links[i])
			continue;
		H_RAW(w, "<li><a class=\"govuk-link\"");
		H_ATTR(w, "href", h->links[i]);
		H_RAW(w, ">");
		html_text(w, h->list[i].title);
		H_RAW(w, "</a><br><span class=\"govuk-body-s\">");
		html_text(w, h->list[i].activity_title);
		html_text(w, h->list[i].started ? ". Started: finish it when you can." : ".");
		H_RAW(w, "</span></li>");
	}
	H_RAW(w, "</ul></div>\n");
}

const struct home_part surveys_home_parts[1] = {{home_read, home_render}};
