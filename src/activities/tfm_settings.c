/*
 * tfm_settings.c - the national team's per-NCP teaching for mastery
 * setting (project_tfm): which path and stage taking part in an NCP gives
 * a school, and whether it counts as "engaged with teaching for mastery
 * support" (H:79). /admin/teaching-for-mastery lists every NCP's by year;
 * /projects/{code}/teaching-for-mastery changes one (a form_page, audited
 * as tfm_setting_changed). Journeys are computed on read, so a change
 * shows in every school's journey at once. A newly imported catalogue
 * takes the setting of the same-numbered NCP of the year before
 * (catalogue/import_cli.c).
 */
#include <string.h>

#include "activities/journey.h"
#include "activities/journey_queries.h"
#include "activities/pages.h"
#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/url.h"
#include "db/db.h"
#include "form_page.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"

/* The path choice: the NCP's own path, the school's ("own": path NULL
 * with Development, the special schools' cross-phase communities), or no
 * stage at all ("none"). */
static const char *path_text(const struct tfm_setting *t)
{
	if (t->path != TFM_PATH_NONE)
		return tfm_path_label(t->path);
	return t->stage != TFM_STAGE_NONE ? "The school's own" : "No stage";
}

static const char *setting_text(struct arena *a, const struct tfm_setting *t)
{
	if (t->stage == TFM_STAGE_NONE)
		return arena_printf(a, "no stage, %s", tfm_engagement_label(t->engagement));
	return arena_printf(a, "%s path, %s, %s", path_text(t), tfm_stage_label(t->stage),
			    tfm_engagement_label(t->engagement));
}

/* ---- the list ---- */

struct list {
	struct req *rq;
	struct tfm_ncp *ncps;
	size_t n;
};

static enum err tfm_settings_read(struct db *db, void *ctx)
{
	struct list *l = ctx;
	return tfm_ncps_all(db, l->rq->arena, &l->ncps, &l->n);
}

enum err tfm_settings_page(struct req *rq, struct resp *rs)
{
	struct list l = {.rq = rq};
	enum err e = db_transact(rq->db, DB_READ, tfm_settings_read, &l);
	if (e)
		return e;
	struct arena *a = rq->arena;
	struct html w = resp_html(rs);
	static const struct crumb crumbs[] = {{"Home", "/"}};
	page_begin(&w, &(struct page){.title = "Teaching for mastery stages of NCPs", .crumbs = crumbs, .ncrumbs = 1,
				      .full_width = true, .banner = session_banner(rq)});
	H_RAW(&w, "<p class=\"govuk-body\">Which teaching for mastery stage taking part in each NCP gives a school, on "
		  "which path, and whether it counts as engaged with teaching for mastery support. Schools&#39; "
		  "journeys follow a change at once.</p>\n");
	if (!l.n)
		H_RAW(&w, "<p class=\"govuk-body\">No catalogue is loaded.</p>\n");
	static const char *const heads[] = {"NCP", "Title", "Phases", "Path", "Stage", "Engagement", "Last changed"};
	for (size_t i = 0; i < l.n;) {
		const char *year = l.ncps[i].year;
		H_RAW(&w, "<h2 class=\"govuk-heading-m\">");
		html_text(&w, year);
		H_RAW(&w, "</h2>\n");
		govuk_table_begin(&w, arena_printf(a, "NCPs of %s", year), true, heads, 7);
		for (; i < l.n && !strcmp(l.ncps[i].year, year); i++) {
			const struct tfm_ncp *t = &l.ncps[i];
			govuk_table_row_begin(&w);
			govuk_table_rowhead_link(&w, t->code, url_path(a, "/projects/", t->code, "/teaching-for-mastery"));
			govuk_table_cell(&w, t->title);
			govuk_table_cell(&w, t->phases);
			govuk_table_cell(&w, t->tfm.stage != TFM_STAGE_NONE ? path_text(&t->tfm) : "");
			govuk_table_cell(&w, t->tfm.stage != TFM_STAGE_NONE ? tfm_stage_label(t->tfm.stage) : "No stage");
			govuk_table_cell(&w, tfm_engagement_label(t->tfm.engagement));
			govuk_table_cell(&w, !t->set ? "Never set" : t->changed_by ? t->changed_by : "As first loaded");
			govuk_table_row_end(&w);
		}
		govuk_table_end(&w);
	}
	page_end(&w);
	return ERR_OK;
}

/* ---- one NCP ---- */

enum { F_PATH, F_STAGE, F_ENGAGEMENT, F_COUNT };
static const struct govuk_option path_options[] = {
	{"primary", "Primary"},
	{"secondary", "Secondary"},
	{"own", "The school's own phase (a cross-phase community: Development only)"},
	{"none", "No stage: it does not move a school along the journey"},
};
static const struct govuk_option stage_options[] = {
	{"readiness", "Mastery Readiness (primary)"},
	{"development", "Development (primary, secondary or the school's own)"},
	{"embedding", "Embedding (primary)"},
	{"sustaining", "Sustaining (primary)"},
	{"embedding_year_support", "Embedding Year Support (secondary)"},
	{"embedding_and_sustaining", "Embedding and Sustaining (secondary)"},
};
static const struct govuk_option engagement_options[] = {
	{"engaged", "Engaged: taking part is teaching for mastery support"},
	{"contributes", "Contributes: it counts towards the goal, without a stage (Mastering Number)"},
	{"none", "Not counted"},
};
static const struct form_field setting_fields[F_COUNT] = {
	[F_PATH] = {"path", FORM_CHOICE, "Path", .required = true, .options = path_options, .noptions = 4,
		    .missing = "Select the path"},
	[F_STAGE] = {"stage", FORM_CHOICE, "Stage", .options = stage_options, .noptions = 6,
		     .hint = "Not needed for an NCP with no stage"},
	[F_ENGAGEMENT] = {"engagement", FORM_CHOICE, "Does taking part count as engaged with teaching for mastery?",
			  .required = true, .options = engagement_options, .noptions = 3,
			  .missing = "Select whether it counts"},
};

struct setting {
	struct form_page fp;
	const char *code;
	struct tfm_ncp ncp;
};

static enum err setting_load(struct db *db, struct form_page *fp)
{
	struct setting *s = fp->ctx;
	return tfm_ncp_by_code(db, fp->rq->arena, s->code, &s->ncp);
}

static void setting_prepare(struct form_page *fp)
{
	struct setting *s = fp->ctx;
	struct arena *a = fp->rq->arena;
	fp->title = arena_printf(a, "Teaching for mastery stage of %s", s->ncp.code);
	fp->caption = s->ncp.title;
	fp->back_href = "/admin/teaching-for-mastery";
	fp->action = url_path(a, "/projects/", s->code, "/teaching-for-mastery");
}

static void setting_prefill(struct form_page *fp)
{
	struct setting *s = fp->ctx;
	const struct tfm_setting *t = &s->ncp.tfm;
	form_set(&fp->d, F_PATH, t->path != TFM_PATH_NONE ? tfm_path_key(t->path) : t->stage ? "own" : "none");
	if (t->stage)
		form_set(&fp->d, F_STAGE, tfm_stage_key(t->stage));
	form_set(&fp->d, F_ENGAGEMENT, tfm_engagement_key(t->engagement));
}

static void setting_intro(struct html *w, struct form_page *fp)
{
	struct setting *s = fp->ctx;
	struct arena *a = fp->rq->arena;
	H_RAW(w, "<p class=\"govuk-body\">");
	html_text(w, arena_printf(a, "%s, %s (%s). Now: %s.", s->ncp.kind, s->ncp.year,
				  s->ncp.phases[0] ? s->ncp.phases : "no phases", setting_text(a, &s->ncp.tfm)));
	H_RAW(w, "</p>\n");
}

static enum err setting_write(struct db *db, struct form_page *fp)
{
	struct setting *s = fp->ctx;
	struct req *rq = fp->rq;
	const struct form_value *v = fp->d.values;
	const char *path = v[F_PATH].text, *stage = v[F_STAGE].text;
	struct tfm_setting t = {0};
	tfm_engagement_from_key(v[F_ENGAGEMENT].text, &t.engagement);
	if (stage)
		tfm_stage_from_key(stage, &t.stage);
	if (!strcmp(path, "none")) {
		t.stage = TFM_STAGE_NONE; /* a stage still ticked (radios cannot be unticked) is not wanted */
	} else if (!strcmp(path, "own")) {
		if (t.stage != TFM_DEVELOPMENT)
			form_fail(&fp->d, F_STAGE, "On the school's own phase the stage is Development");
	} else {
		tfm_path_from_key(path, &t.path);
		if (!stage)
			form_fail(&fp->d, F_STAGE, "Select the stage it gives");
		else if (!tfm_stage_rank(t.path, t.stage))
			form_fail(&fp->d, F_STAGE,
				  t.path == TFM_PRIMARY
					  ? "Select a primary stage: Mastery Readiness, Development, Embedding or Sustaining"
					  : "Select a secondary stage: Development, Embedding Year Support, or Embedding and "
					    "Sustaining");
	}
	if (fp->d.nerrors)
		return ERR_OK;
	struct arena *a = rq->arena;
	enum err e = tfm_setting_put(db, s->ncp.project_id, tfm_path_key(t.path), tfm_stage_key(t.stage),
				     tfm_engagement_key(t.engagement), rq->session->person_id, clock_now());
	if (e || (e = audit(db, rq, rq->session->person_id, "tfm_setting_changed", arena_printf(a, "project:%s", s->code),
			    arena_printf(a, "%s (was %s)", setting_text(a, &t), setting_text(a, &s->ncp.tfm)))))
		return e;
	return session_flash(rq, arena_printf(a, "The teaching for mastery stage of %s has been changed", s->code));
}

static enum err setting_refuse(struct resp *rs, struct form_page *fp)
{
	(void)fp;
	return resp_error_page(rs, 404, "NCP not found", "There is no NCP with that code.", "/admin/teaching-for-mastery",
			       "Teaching for mastery stages of NCPs");
}

static const struct form_page setting_page = {
	.name = "tfm_setting", .button = "Save", .form = FORM(setting_fields), .load = setting_load,
	.prepare = setting_prepare, .prefill = setting_prefill, .intro = setting_intro, .write = setting_write,
	.refuse = setting_refuse,
};

static struct form_page *page_of(struct req *rq, struct setting *s)
{
	*s = (struct setting){.fp = setting_page, .code = req_param(rq, "code")};
	s->fp.rq = rq;
	s->fp.ctx = s;
	return &s->fp;
}

enum err tfm_setting_page(struct req *rq, struct resp *rs)
{
	struct setting s;
	return form_page_get(rs, page_of(rq, &s));
}

enum err tfm_setting_post(struct req *rq, struct resp *rs)
{
	struct setting s;
	return form_page_post(rs, page_of(rq, &s));
}
