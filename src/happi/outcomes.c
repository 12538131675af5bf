/*
 * outcomes.c - an NCP's expected outcomes, defined by the national team
 * (or the NCP's Project Lead) under the handbook's three kinds: the list
 * (/projects/{code}/outcomes: anyone signed in reads it; what the rules
 * still need is shown to those who keep it), an outcome added, changed or
 * removed (form_pages), and last year's copied over in one step.
 */
#include <string.h>

#include "auth/audit.h"
#include "auth/perm.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/url.h"
#include "db/db.h"
#include "form_page.h"
#include "happi/outcome_queries.h"
#include "happi/pages.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"

/* Whether the reader keeps project_id's outcomes. */
static bool keeps(const struct req *rq, int64_t project_id)
{
	const struct session *s = rq->session;
	return s && perm_allows(s->grants, s->ngrants, s->person_id, CAP_OUTCOMES_MANAGE,
				&(struct perm_target){.project_id = project_id});
}

static const char *list_href(struct arena *a, const char *code)
{
	return url_path(a, "/projects/", code, "/outcomes");
}

static enum err not_found(struct resp *rs)
{
	return resp_error_page(rs, 404, "NCP not found", "There is no NCP with that code.", "/projects",
			       "See all national projects");
}

/* ---- the list ---- */

struct list {
	struct req *rq;
	const char *code;
	struct happi_ncp_outcomes o;
};

static enum err outcomes_read(struct db *db, void *ctx)
{
	struct list *l = ctx;
	return happi_ncp_outcomes_read(db, l->rq->arena, l->code, &l->o);
}

static const char *const lens_words[] = {
	[1] = "Read through the first lens: outcomes in mathematics for pupils, schools and departments.",
	[2] = "Read through the second lens: outcomes for professional learning and practice.",
};

static void kind_section(struct html *w, const struct list *l, enum happi_outcome_kind k, bool keeper)
{
	struct arena *a = l->rq->arena;
	const struct happi_ncp_outcomes *o = &l->o;
	H_RAW(w, "<h2 class=\"govuk-heading-m\">");
	html_text(w, happi_outcome_name(k));
	H_RAW(w, "</h2>\n<p class=\"govuk-body govuk-hint\">");
	html_text(w, lens_words[happi_outcome_lens(k)]);
	H_RAW(w, "</p>\n");
	if (!o->count[k]) {
		const char *gap = happi_gap_message(&o->ncp, k);
		if (gap && keeper)
			govuk_warning_text(w, arena_printf(a, "%s. There are none yet.", gap));
		else
			H_RAW(w, "<p class=\"govuk-body\">None.</p>\n");
		return;
	}
	H_RAW(w, "<ol class=\"govuk-list govuk-list--number govuk-list--spaced\">\n");
	size_t nth = 0;
	for (size_t i = 0; i < o->n; i++) {
		const struct happi_outcome *x = &o->outcomes[i];
		if (x->kind != k)
			continue;
		nth++;
		H_RAW(w, "<li>");
		html_text(w, x->text);
		if (keeper) {
			const char *one = arena_printf(a, "%s/%lld", list_href(a, l->code), (long long)x->id);
			const char *which = arena_printf(a, " outcome %zu %s", nth, happi_outcome_name(k));
			H_RAW(w, "<br><span class=\"govuk-body-s\"><a class=\"govuk-link\"");
			H_ATTR(w, "href", one);
			H_RAW(w, ">Change<span class=\"govuk-visually-hidden\">");
			html_text(w, which);
			H_RAW(w, "</span></a> | <a class=\"govuk-link\"");
			H_ATTR(w, "href", arena_printf(a, "%s/remove", one));
			H_RAW(w, ">Remove<span class=\"govuk-visually-hidden\">");
			html_text(w, which);
			H_RAW(w, "</span></a></span>");
		}
		H_RAW(w, "</li>\n");
	}
	H_RAW(w, "</ol>\n");
}

enum err happi_outcomes_page(struct req *rq, struct resp *rs)
{
	struct list l = {.rq = rq, .code = req_param(rq, "code")};
	enum err e = db_transact_named(rq->db, DB_READ, "happi_outcomes_read", outcomes_read, &l);
	if (e == ERR_NOT_FOUND)
		return not_found(rs);
	if (e)
		return e;
	struct arena *a = rq->arena;
	bool keeper = keeps(rq, l.o.project_id);
	struct html w = resp_html(rs);
	const struct crumb crumbs[] = {{"Home", "/"}, {"National projects", "/projects"},
				       {l.o.code, url_path(a, "/projects/", l.o.code, NULL)}};
	page_begin(&w, &(struct page){.title = arena_printf(a, "Expected outcomes of %s", l.o.code), .crumbs = crumbs,
				      .ncrumbs = 3, .caption = l.o.title, .banner = session_banner(rq)});
	H_RAW(&w, "<p class=\"govuk-body\">");
	html_text(&w, arena_printf(a, "What every %s of %s (%s) is expected to achieve. Each LLME tailors them to their "
				      "activity in its HAPPI form, and reports its impact against them.",
				   l.o.ncp.kind ? l.o.ncp.kind : "activity", l.o.code, l.o.year));
	H_RAW(&w, "</p>\n");
	if (keeper) {
		govuk_button(&w, &(struct govuk_button){.text = "Add an outcome",
							.href = arena_printf(a, "%s/new", list_href(a, l.code))});
		if (!l.o.n && l.o.earlier_id) {
			govuk_button_form(&w, rq->session->csrf, arena_printf(a, "%s/copy", list_href(a, l.code)), "from",
					  l.o.earlier_code,
					  arena_printf(a, "Copy the %lld outcomes of %s", (long long)l.o.earlier_n,
						       l.o.earlier_code));
		}
	}
	for (int k = 0; k < HAPPI_OUTCOME_KINDS; k++)
		kind_section(&w, &l, (enum happi_outcome_kind)k, keeper);
	page_end(&w);
	return ERR_OK;
}

/* ---- an outcome added or changed ---- */

enum { F_KIND, F_TEXT, F_COUNT };
static const struct govuk_option kind_options[] = {
	{"pupils", "For pupils"},
	{"schools", "For schools or departments"},
	{"practice", "For professional practice"},
};
static const struct form_field outcome_fields[F_COUNT] = {
	[F_KIND] = {"kind", FORM_CHOICE, "Who is it an outcome for?", .required = true, .options = kind_options,
		    .noptions = 3, .missing = "Select who it is an outcome for"},
	[F_TEXT] = {"text", FORM_TEXTAREA, "Outcome", .required = true, .max_chars = 1000,
		    .hint = "As participants and LLMEs will read it, for example: Pupils can explain their reasoning "
			    "using precise mathematical vocabulary",
		    .missing = "Enter the outcome"},
};

enum { OUTCOME_REFUSED = FORM_PAGE_REFUSED };

struct edit {
	struct form_page fp;
	const char *code;
	int64_t id; /* 0: a new one */
	struct happi_ncp_outcomes o;
	const struct happi_outcome *x;
};

static enum err edit_load(struct db *db, struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	enum err e = happi_ncp_outcomes_read(db, fp->rq->arena, ed->code, &ed->o);
	if (e)
		return e;
	ed->x = NULL;
	for (size_t i = 0; ed->id && i < ed->o.n; i++)
		if (ed->o.outcomes[i].id == ed->id)
			ed->x = &ed->o.outcomes[i];
	return ed->id && !ed->x ? ERR_NOT_FOUND : ERR_OK;
}

static void edit_prepare(struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	struct arena *a = fp->rq->arena;
	if (!keeps(fp->rq, ed->o.project_id)) {
		fp->outcome = OUTCOME_REFUSED;
		return;
	}
	fp->title = ed->id ? "Change an outcome" : "Add an outcome";
	fp->caption = arena_printf(a, "%s %s", ed->o.code, ed->o.title);
	fp->back_href = list_href(a, ed->o.code);
	fp->action = ed->id ? arena_printf(a, "%s/%lld", fp->back_href, (long long)ed->id)
			    : arena_printf(a, "%s/new", fp->back_href);
	fp->button = ed->id ? "Save" : "Add outcome";
}

static void edit_prefill(struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	if (!ed->x)
		return;
	form_set(&fp->d, F_KIND, happi_outcome_key(ed->x->kind));
	form_set(&fp->d, F_TEXT, ed->x->text);
}

static void edit_intro(struct html *w, struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	H_RAW(w, "<p class=\"govuk-body\">");
	html_text(w, arena_printf(fp->rq->arena, "The handbook asks every Work Group and Specialist Knowledge for "
						 "Teaching Mathematics programme for outcomes for pupils; every Work Group, "
						 "community and LLME programme for outcomes for schools or departments; and "
						 "every project for outcomes for professional practice. %s is a %s.",
				  ed->o.code, ed->o.ncp.kind ? ed->o.ncp.kind : "project"));
	H_RAW(w, "</p>\n");
}

static enum err edit_write(struct db *db, struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	struct req *rq = fp->rq;
	struct arena *a = rq->arena;
	enum happi_outcome_kind kind = HAPPI_PRACTICE;
	happi_outcome_from_key(fp->d.values[F_KIND].text, &kind);
	const char *text = fp->d.values[F_TEXT].text;
	int64_t me = rq->session->person_id, now = clock_now(), id = ed->id;
	enum err e = ed->id ? happi_outcome_change(db, ed->o.project_id, ed->id, kind, text, me, now)
			    : happi_outcome_add(db, ed->o.project_id, kind, text, me, now, &id);
	if (e == ERR_INVALID) {
		form_fail(&fp->d, F_KIND, "There can be at most 99 outcomes of each kind");
		return ERR_OK;
	}
	if (e || (e = audit(db, rq, me, ed->id ? "outcome_changed" : "outcome_added",
			    arena_printf(a, "project:%s", ed->o.code),
			    arena_printf(a, "outcome %lld, %s: %s", (long long)id, happi_outcome_key(kind), text))))
		return e;
	return session_flash(rq, ed->id ? "Outcome changed" : "Outcome added");
}

static enum err edit_refuse(struct resp *rs, struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	if (fp->outcome == FORM_PAGE_MISSING)
		return ed->o.project_id ? resp_error_page(rs, 404, "Outcome not found",
							  "That outcome is not one of this NCP's: it may have been removed.",
							  list_href(fp->rq->arena, ed->o.code), "Expected outcomes")
					: not_found(rs);
	return resp_error_page(rs, 403, "You cannot change these outcomes",
			       "The national team and the NCP's Project Lead keep its expected outcomes.",
			       list_href(fp->rq->arena, ed->o.code), "Expected outcomes");
}

static const struct form_page edit_page = {
	.name = "happi_outcome", .form = FORM(outcome_fields), .load = edit_load, .prepare = edit_prepare,
	.prefill = edit_prefill, .intro = edit_intro, .write = edit_write, .refuse = edit_refuse,
};

static struct form_page *edit_of(struct req *rq, struct edit *ed, bool existing)
{
	*ed = (struct edit){.fp = edit_page, .code = req_param(rq, "code")};
	ed->fp.rq = rq;
	ed->fp.ctx = ed;
	if (existing) {
		ed->id = req_param_id(rq, "id");
		if (!ed->id)
			ed->id = -1; /* no outcome has it: 404 */
	}
	return &ed->fp;
}

enum err happi_outcome_new(struct req *rq, struct resp *rs)
{
	struct edit ed;
	return form_page_get(rs, edit_of(rq, &ed, false));
}

enum err happi_outcome_new_post(struct req *rq, struct resp *rs)
{
	struct edit ed;
	return form_page_post(rs, edit_of(rq, &ed, false));
}

enum err happi_outcome_edit(struct req *rq, struct resp *rs)
{
	struct edit ed;
	return form_page_get(rs, edit_of(rq, &ed, true));
}

enum err happi_outcome_edit_post(struct req *rq, struct resp *rs)
{
	struct edit ed;
	return form_page_post(rs, edit_of(rq, &ed, true));
}

/* ---- an outcome removed ---- */

static void remove_prepare(struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	edit_prepare(fp);
	if (fp->outcome != FORM_PAGE_OK)
		return;
	fp->title = "Remove this outcome?";
	fp->button = "Remove outcome";
	fp->button_variant = "warning";
	fp->action = arena_printf(fp->rq->arena, "%s/%lld/remove", fp->back_href, (long long)ed->id);
}

static void remove_intro(struct html *w, struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	H_RAW(w, "<div class=\"govuk-inset-text\">");
	html_text(w, ed->x->text);
	H_RAW(w, "</div>\n<p class=\"govuk-body\">HAPPI forms already written keep the outcome as it was in their "
		 "saved versions.</p>\n");
}

static enum err remove_write(struct db *db, struct form_page *fp)
{
	struct edit *ed = fp->ctx;
	struct req *rq = fp->rq;
	struct arena *a = rq->arena;
	enum err e = happi_outcome_remove(db, ed->o.project_id, ed->id);
	if (e || (e = audit(db, rq, rq->session->person_id, "outcome_removed", arena_printf(a, "project:%s", ed->o.code),
			    arena_printf(a, "outcome %lld, %s: %s", (long long)ed->id, happi_outcome_key(ed->x->kind),
					 ed->x->text))))
		return e;
	return session_flash(rq, "Outcome removed");
}

static const struct form_page remove_page = {
	.name = "happi_outcome_remove", .load = edit_load, .prepare = remove_prepare, .intro = remove_intro,
	.write = remove_write, .refuse = edit_refuse,
};

static struct form_page *remove_of(struct req *rq, struct edit *ed)
{
	edit_of(rq, ed, true);
	ed->fp = remove_page;
	ed->fp.rq = rq;
	ed->fp.ctx = ed;
	return &ed->fp;
}

enum err happi_outcome_remove_page(struct req *rq, struct resp *rs)
{
	struct edit ed;
	return form_page_get(rs, remove_of(rq, &ed));
}

enum err happi_outcome_remove_post(struct req *rq, struct resp *rs)
{
	struct edit ed;
	return form_page_post(rs, remove_of(rq, &ed));
}

/* ---- last year's copied ---- */

struct copy {
	struct req *rq;
	const char *code, *from;
	struct happi_ncp_outcomes o;
	bool refused;
	int64_t n;
};

static enum err copy_write(struct db *db, void *ctx)
{
	struct copy *c = ctx;
	struct req *rq = c->rq;
	struct arena *a = rq->arena;
	enum err e = happi_ncp_outcomes_read(db, a, c->code, &c->o);
	if (e)
		return e;
	if ((c->refused = !keeps(rq, c->o.project_id)))
		return ERR_OK;
	/* what the page offered is what is copied: the same earlier NCP, and none here yet */
	if (c->o.n || !c->o.earlier_id || !c->from || strcmp(c->from, c->o.earlier_code))
		return session_flash_note(rq, "Nothing was copied: this NCP's outcomes have changed since the page was "
					      "shown");
	if ((e = happi_outcomes_copy(db, c->o.project_id, c->o.earlier_id, rq->session->person_id, clock_now(), &c->n)) ||
	    (e = audit(db, rq, rq->session->person_id, "outcomes_copied", arena_printf(a, "project:%s", c->o.code),
		       arena_printf(a, "%lld outcomes from %s", (long long)c->n, c->o.earlier_code))))
		return e;
	return session_flash(rq, arena_printf(a, "%lld outcomes copied from %s: check them for this year", (long long)c->n,
					      c->o.earlier_code));
}

enum err happi_outcomes_copy_post(struct req *rq, struct resp *rs)
{
	struct copy c = {.rq = rq, .code = req_param(rq, "code"), .from = req_form(rq, "from")};
	enum err e = db_transact_named(rq->db, DB_WRITE, "happi_outcomes_copy", copy_write, &c);
	if (e == ERR_NOT_FOUND)
		return not_found(rs);
	if (e)
		return e;
	if (c.refused)
		return resp_error_page(rs, 403, "You cannot change these outcomes",
				       "The national team and the NCP's Project Lead keep its expected outcomes.",
				       list_href(rq->arena, c.o.code), "Expected outcomes");
	resp_redirect(rs, 303, list_href(rq->arena, c.o.code));
	return ERR_OK;
}
