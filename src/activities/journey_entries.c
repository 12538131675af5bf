/*
 * journey_entries.c - /schools/{urn}/journey: a school's teaching for
 * mastery history from before this service (journey_entries), each record
 * a year, a path, a stage and where it comes from ("MHPod export, July
 * 2022", required): the list, adding one (a form_page), and
 * /schools/{urn}/journey/{id}/remove. A record fills a year and path no
 * activity gives a stage to; where an activity does, the journey shows it
 * as "also recorded". Who: CAP_JOURNEY_RECORD over the school's hub (its
 * leadership; the national team). Audited.
 */
#include <stdlib.h>
#include <string.h>

#include "activities/journey.h"
#include "activities/journey_queries.h"
#include "activities/pages.h"
#include "auth/audit.h"
#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/url.h"
#include "db/db.h"
#include "form_page.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/html.h"
#include "http/request.h"
#include "registry/search_views.h"

/* The first year offered: the hubs' teaching for mastery began in 2014/15. */
#define FIRST_YEAR 2014
#define MAX_YEARS 40

enum { F_YEAR, F_PATH, F_STAGE, F_SOURCE, F_COUNT };

static const struct govuk_option path_options[] = {
	{"primary", "Primary"},
	{"secondary", "Secondary"},
};
static const struct govuk_option stage_options[] = {
	{"readiness", "Mastery Readiness (primary)"},
	{"development", "Development (primary or secondary)"},
	{"embedding", "Embedding (primary)"},
	{"sustaining", "Sustaining (primary)"},
	{"embedding_year_support", "Embedding Year Support (secondary)"},
	{"embedding_and_sustaining", "Embedding and Sustaining (secondary)"},
};

static const struct form_field entry_fields[F_COUNT] = {
	[F_YEAR] = {"year", FORM_CHOICE, "Academic year", .required = true, .select = true,
		    .missing = "Select the academic year"},
	[F_PATH] = {"path", FORM_CHOICE, "Path", .required = true, .options = path_options, .noptions = 2,
		    .small = true, .missing = "Select primary or secondary"},
	[F_STAGE] = {"stage", FORM_CHOICE, "Stage", .required = true, .options = stage_options, .noptions = 6,
		     .small = true, .missing = "Select the stage"},
	[F_SOURCE] = {"source", FORM_TEXT, "Where this comes from", .required = true, .max_chars = 300,
		      .hint = "For example, MHPod export, July 2022", .missing = "Enter where this comes from"},
};

struct entries {
	struct form_page fp;
	const char *urn;
	struct journey_data d;
	struct form_field fields[F_COUNT];
	struct govuk_option years[MAX_YEARS];
};

static enum err entries_load(struct db *db, struct form_page *fp)
{
	struct entries *x = fp->ctx;
	return journey_data_read(db, fp->rq->arena, x->urn, false, &x->d);
}

static void entries_prepare(struct form_page *fp)
{
	struct entries *x = fp->ctx;
	struct req *rq = fp->rq;
	if (!journey_covers(rq->session, CAP_JOURNEY_RECORD, x->urn, x->d.hub_id)) {
		fp->outcome = FORM_PAGE_REFUSED;
		return;
	}
	fp->caption = x->d.name;
	fp->back_href = url_path(rq->arena, "/schools/", x->urn, "");
	fp->action = url_path(rq->arena, "/schools/", x->urn, "/journey");
	fp->done_href = fp->action;
}

static const char *entry_words(struct arena *a, const struct journey_entry *e)
{
	char code[8];
	acyear_code(e->year, code);
	return arena_printf(a, "%s, %s: %s (%s)", code, tfm_path_label(e->path), tfm_stage_label(e->stage), e->source);
}

static void entries_intro(struct html *w, struct form_page *fp)
{
	struct entries *x = fp->ctx;
	struct req *rq = fp->rq;
	struct arena *a = rq->arena;
	H_RAW(w, "<p class=\"govuk-body\">A school&#39;s stages from before this service, with where each comes from. "
		 "A record counts in its journey for a year and path that no activity here gives a stage to; where one "
		 "does, the journey shows the record as &ldquo;also recorded&rdquo;.</p>\n");
	size_t own = 0, theirs = 0;
	for (size_t i = 0; i < x->d.nentries; i++)
		if (strcmp(x->d.entries[i].e.urn, x->urn))
			theirs++;
		else
			own++;
	H_RAW(w, "<h2 class=\"govuk-heading-m\">Its records</h2>\n");
	if (!own)
		H_RAW(w, "<p class=\"govuk-body\">None yet.</p>\n");
	else {
		static const char *const heads[] = {"Year", "Path", "Stage", "Source", "Recorded by", "Remove"};
		govuk_table_begin(w, "Its records", true, heads, 6);
		for (size_t i = 0; i < x->d.nentries; i++) {
			const struct journey_entry_row *r = &x->d.entries[i];
			if (strcmp(r->e.urn, x->urn))
				continue;
			char code[8];
			acyear_code(r->e.year, code);
			govuk_table_row_begin(w);
			govuk_table_cell(w, code);
			govuk_table_cell(w, tfm_path_label(r->e.path));
			govuk_table_cell(w, tfm_stage_label(r->e.stage));
			govuk_table_cell(w, r->e.source);
			govuk_table_cell(w, r->entered_by[0] ? r->entered_by : "Not known");
			govuk_table_cell_begin(w);
			H_RAW(w, "<form method=\"post\" novalidate");
			H_ATTR(w, "action", url_path(a, "/schools/", x->urn, "/journey/",
						     arena_printf(a, "%lld", (long long)r->id), "/remove"));
			H_RAW(w, ">");
			govuk_csrf(w, rq->session->csrf);
			H_RAW(w, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary govuk-!-margin-bottom-0\" "
				 "data-module=\"govuk-button\">Remove<span class=\"govuk-visually-hidden\"> ");
			html_text(w, entry_words(a, &r->e));
			H_RAW(w, "</span></button></form>");
			govuk_table_cell_end(w);
			govuk_table_row_end(w);
		}
		govuk_table_end(w);
	}
	if (theirs) {
		H_RAW(w, "<h2 class=\"govuk-heading-m\">Its predecessors&#39; records</h2>\n<p class=\"govuk-body\">They count in "
			 "its journey too; change them on the predecessor&#39;s own page.</p>\n<ul class=\"govuk-list\">");
		for (size_t i = 0; i < x->d.nentries; i++) {
			const struct journey_entry_row *r = &x->d.entries[i];
			if (!strcmp(r->e.urn, x->urn))
				continue;
			H_RAW(w, "<li>");
			html_text(w, entry_words(a, &r->e));
			H_RAW(w, " &ndash; <a class=\"govuk-link\"");
			H_ATTR(w, "href", url_path(a, "/schools/", r->e.urn, "/journey"));
			H_RAW(w, ">");
			html_text(w, arena_printf(a, "URN %s", r->e.urn));
			H_RAW(w, "</a></li>");
		}
		H_RAW(w, "</ul>\n");
	}
	H_RAW(w, "<h2 class=\"govuk-heading-m\">Add a record</h2>\n");
}

static enum err entries_write(struct db *db, struct form_page *fp)
{
	struct entries *x = fp->ctx;
	struct req *rq = fp->rq;
	struct arena *a = rq->arena;
	const struct form_value *v = fp->d.values;
	int year = atoi(v[F_YEAR].text);
	enum tfm_path path;
	enum tfm_stage stage;
	if (!tfm_path_from_key(v[F_PATH].text, &path) || !tfm_stage_from_key(v[F_STAGE].text, &stage))
		return ERR_INVALID; /* the choices are checked by form_read */
	if (!tfm_stage_rank(path, stage)) {
		form_fail(&fp->d, F_STAGE,
			  path == TFM_PRIMARY
				  ? "Select a primary stage: Mastery Readiness, Development, Embedding or Sustaining"
				  : "Select a secondary stage: Development, Embedding Year Support, or Embedding and Sustaining");
		return ERR_OK;
	}
	bool exists;
	enum err e = journey_entry_exists(db, x->urn, year, v[F_PATH].text, &exists);
	if (e)
		return e;
	if (exists) {
		char code[8];
		acyear_code(year, code);
		form_fail(&fp->d, F_YEAR,
			  arena_printf(a, "A %s stage is already recorded for %s: remove it first", v[F_PATH].text, code));
		return ERR_OK;
	}
	int64_t id;
	struct journey_entry en = {x->urn, year, path, stage, v[F_SOURCE].text};
	if ((e = journey_entry_add(db, x->urn, year, v[F_PATH].text, v[F_STAGE].text, v[F_SOURCE].text,
				   rq->session->person_id, clock_now(), &id)) ||
	    (e = audit(db, rq, rq->session->person_id, "journey_entry_added", arena_printf(a, "school:%s", x->urn),
		       entry_words(a, &en))))
		return e;
	return session_flash(rq, "The record has been added");
}

static enum err entries_refuse(struct resp *rs, struct form_page *fp)
{
	struct entries *x = fp->ctx;
	struct req *rq = fp->rq;
	if (fp->outcome == FORM_PAGE_MISSING)
		return resp_error_page(rs, 404, "School not found",
				       arena_printf(rq->arena, "There is no school with the URN %s.", x->urn), "/schools",
				       "Find a school");
	return resp_error_page(rs, 403, "You cannot record this school's history",
			       "A school's history from before this service is recorded by its hub's leadership and the "
			       "national team.",
			       url_path(rq->arena, "/schools/", x->urn, ""), "Back to the school");
}

static const struct form_page entries_page = {
	.name = "journey_entries", .title = "Teaching for mastery history from before this service",
	.button = "Add the record", .load = entries_load, .prepare = entries_prepare, .intro = entries_intro,
	.write = entries_write, .refuse = entries_refuse,
};

static struct form_page *page_of(struct req *rq, struct entries *x)
{
	*x = (struct entries){.fp = entries_page, .urn = req_param(rq, "urn")};
	memcpy(x->fields, entry_fields, sizeof(entry_fields));
	size_t n = 0;
	for (int y = journey_this_year(); y >= FIRST_YEAR && n < MAX_YEARS; y--, n++) {
		char code[8];
		acyear_code(y, code);
		x->years[n] = (struct govuk_option){arena_printf(rq->arena, "%d", y), arena_strdup(rq->arena, code)};
	}
	x->fields[F_YEAR].options = x->years;
	x->fields[F_YEAR].noptions = n;
	x->fp.form = (struct form){x->fields, F_COUNT};
	x->fp.rq = rq;
	x->fp.ctx = x;
	return &x->fp;
}

enum err journey_entries_page(struct req *rq, struct resp *rs)
{
	struct entries x;
	return form_page_get(rs, page_of(rq, &x));
}

enum err journey_entries_post(struct req *rq, struct resp *rs)
{
	struct entries x;
	return form_page_post(rs, page_of(rq, &x));
}

/* ---- removing one ---- */

struct removal {
	struct req *rq;
	const char *urn;
	int64_t id;
	int outcome; /* 0 removed; 404; 403 */
};

static enum err journey_entry_remove_write(struct db *db, void *ctx)
{
	struct removal *r = ctx;
	struct req *rq = r->rq;
	struct arena *a = rq->arena;
	r->outcome = 404;
	struct journey_data d;
	enum err e = journey_school_read(db, a, r->urn, &d);
	if (e == ERR_NOT_FOUND)
		return ERR_OK;
	if (e)
		return e;
	if (!journey_covers(rq->session, CAP_JOURNEY_RECORD, r->urn, d.hub_id)) {
		r->outcome = 403;
		return ERR_OK;
	}
	struct journey_entry_row row;
	if (!r->id || (e = journey_entry_one(db, a, r->urn, r->id, &row)) == ERR_NOT_FOUND)
		return ERR_OK;
	if (e || (e = journey_entry_remove(db, r->id)) ||
	    (e = audit(db, rq, rq->session->person_id, "journey_entry_removed", arena_printf(a, "school:%s", r->urn),
		       entry_words(a, &row.e))))
		return e;
	r->outcome = 0;
	return session_flash(rq, "The record has been removed");
}

enum err journey_entry_remove_post(struct req *rq, struct resp *rs)
{
	const char *id = req_param(rq, "id");
	char *end;
	long long v = id ? strtoll(id, &end, 10) : 0;
	struct removal r = {.rq = rq, .urn = req_param(rq, "urn"), .id = id && !*end && v > 0 ? (int64_t)v : 0};
	enum err e = db_transact(rq->db, DB_WRITE, journey_entry_remove_write, &r);
	if (e)
		return e;
	if (r.outcome == 404)
		return resp_error_page(rs, 404, "Record not found", "There is no such record of this school's history.",
				       url_path(rq->arena, "/schools/", r.urn, ""), "Back to the school");
	if (r.outcome == 403)
		return resp_error_page(rs, 403, "You cannot record this school's history",
				       "A school's history from before this service is recorded by its hub's leadership "
				       "and the national team.",
				       url_path(rq->arena, "/schools/", r.urn, ""), "Back to the school");
	resp_redirect(rs, 303, url_path(rq->arena, "/schools/", r.urn, "/journey"));
	return ERR_OK;
}
