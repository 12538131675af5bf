/*
 * list.c - a year's survey templates (/surveys?year=): each kind's default
 * for every NCP and the NCPs' own, for those who keep them; and a new one
 * (/surveys/new), empty or started from the same survey of an earlier
 * year.
 */
#include <stdlib.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/perm.h"
#include "auth/session.h"
#include "core/acyear.h"
#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "surveys/pages.h"
#include "surveys/results.h"

/* The academic year now: 2026 for 2026/27. */
static int year_now(void)
{
	char today[11];
	int y = 2024;
	clock_today(today);
	acyear_of_date(today, &y);
	return y;
}

/* ?year=2026: that year; none: this one; else 0. */
static int year_of(const char *text)
{
	if (!text || !*text)
		return year_now();
	char *end;
	long y = strtol(text, &end, 10);
	return !*end && y >= 2000 && y <= 2100 ? (int)y : 0;
}

/* ---- the list ---- */

struct list {
	struct req *rq;
	int year;
	struct survey_template *t;
	size_t n;
	bool reads; /* may read results and completion */
};

static enum err list_read(struct db *db, void *ctx)
{
	struct list *l = ctx;
	return survey_templates_of_year(db, l->rq->arena, l->year, &l->t, &l->n);
}

static void kind_table(struct html *w, struct list *l, enum survey_kind k)
{
	struct arena *a = l->rq->arena;
	static const char *const heads[] = {"For", "Title", "Status", "Questions", "Completion"};
	size_t shown = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct survey_template *t = &l->t[i];
		if (t->kind != k || !surveys_may_read(l->rq, t))
			continue;
		if (!shown++)
			govuk_table_begin(w, survey_kind_name(k), false, heads, l->reads ? 5 : 4);
		struct survey_content c;
		survey_content_parse(a, t->content, &c);
		govuk_table_row_begin(w);
		govuk_table_cell(w, t->project_code ? arena_printf(a, "%s %s", t->project_code, t->project_title)
						    : "Every NCP (the default)");
		govuk_table_cell_link(w, t->title, surveys_href(a, t->id, NULL));
		govuk_table_cell_begin(w);
		govuk_tag(w, survey_status_name(t->status), survey_status_colour(t->status));
		govuk_table_cell_end(w);
		govuk_table_cell_number(w, (long long)survey_question_count(&c));
		if (l->reads) {
			/* once sent, its completion to follow (completion.h) */
			govuk_table_cell_begin(w);
			if (t->status == SURVEY_DRAFT)
				H_RAW(w, "Not open yet");
			else {
				H_RAW(w, "<a class=\"govuk-link\"");
				H_ATTR(w, "href", surveys_href(a, t->id, "completion"));
				H_RAW(w, ">Completion<span class=\"govuk-visually-hidden\"> of the ");
				html_text(w, t->title);
				H_RAW(w, "</span></a>");
			}
			govuk_table_cell_end(w);
		}
		govuk_table_row_end(w);
	}
	if (shown) {
		govuk_table_end(w);
		return;
	}
	H_RAW(w, "<h2 class=\"govuk-heading-m\">");
	html_text(w, survey_kind_name(k));
	H_RAW(w, "</h2>\n<p class=\"govuk-body\">None yet.</p>\n");
}

enum err surveys_list(struct req *rq, struct resp *rs)
{
	struct list l = {.rq = rq, .year = year_of(req_query(rq, "year")),
			 .reads = survey_reader_of(rq->session).reach != REACH_NONE};
	if (!l.year)
		return resp_error_page(rs, 400, "Year not recognised", "The year must be written like 2026 (for 2026/27).",
				       "/surveys", "This year's surveys");
	enum err e = db_transact_named(rq->db, DB_READ, "surveys_list_read", list_read, &l);
	if (e)
		return e;
	struct arena *a = rq->arena;
	char year[8], before[8], after[8];
	acyear_code(l.year, year);
	acyear_code(l.year - 1, before);
	acyear_code(l.year + 1, after);
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = arena_printf(a, "Survey templates %s", year), .heading = "Survey templates",
				      .caption = year, .banner = session_banner(rq)});
	H_RAW(&w, "<p class=\"govuk-body\">Each year has three surveys: participants answer the autumn survey (the "
		 "baseline) and the summer survey, and LLMEs the LLME survey at the end of the year. The default of each "
		 "is used by every NCP that has none of its own.</p>\n");
	govuk_button(&w, &(struct govuk_button){.text = "Create a survey template",
						.href = arena_printf(a, "/surveys/new?year=%d", l.year)});
	const struct session *s = rq->session;
	if (s && perm_scope(s->grants, s->ngrants, CAP_SURVEY_TERMS) != SCOPE_NONE)
		H_RAW(&w, "<p class=\"govuk-body\">Reminders are sent only on school days: see and load the "
			  "<a class=\"govuk-link\" href=\"/surveys/terms\">school term dates</a>.</p>\n");
	H_RAW(&w, "<nav class=\"govuk-body\" aria-label=\"Other years\"><a class=\"govuk-link\"");
	H_ATTR(&w, "href", arena_printf(a, "/surveys?year=%d", l.year - 1));
	H_RAW(&w, ">");
	html_text(&w, arena_printf(a, "%s surveys", before));
	H_RAW(&w, "</a> | <a class=\"govuk-link\"");
	H_ATTR(&w, "href", arena_printf(a, "/surveys?year=%d", l.year + 1));
	H_RAW(&w, ">");
	html_text(&w, arena_printf(a, "%s surveys", after));
	H_RAW(&w, "</a></nav>\n");
	if (survey_reader_of(rq->session).reach != REACH_NONE) {
		H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
		H_ATTR(&w, "href", arena_printf(a, "/surveys/paired?year=%d", l.year));
		H_RAW(&w, ">");
		html_text(&w, arena_printf(a, "Survey results and paired change, %s", year));
		H_RAW(&w, "</a></p>\n");
	}
	for (int k = 0; k < SURVEY_KINDS; k++)
		kind_table(&w, &l, (enum survey_kind)k);
	page_end(&w);
	return ERR_OK;
}

/* ---- a new one ---- */

enum { F_KIND, F_NCP, F_YEAR, F_TITLE, F_COPY, F_COUNT };
static const struct govuk_option kind_options[SURVEY_KINDS] = {
	{"autumn", "Autumn participant survey (the baseline)"},
	{"summer", "Summer participant survey"},
	{"llme", "LLME survey (at the end of the year)"},
};
static const struct govuk_option copy_options[] = {
	{"yes", "Start from the same survey of an earlier year: its sections and questions"},
};
static const struct form_field new_fields[F_COUNT] = {
	[F_KIND] = {"kind", FORM_CHOICE, "Which survey", .required = true, .options = kind_options,
		    .noptions = SURVEY_KINDS, .missing = "Select which survey"},
	[F_NCP] = {"ncp", FORM_TEXT, "NCP code (optional)", .max_chars = 20, .input_class = "govuk-input--width-10",
		   .spellcheck_off = true, .autocomplete = "off",
		   .hint = "For one NCP's own survey, for example NCP24-06. Leave empty for the default survey of every "
			   "NCP of the year."},
	[F_YEAR] = {"year", FORM_NUMBER, "Academic year it starts", .required = true, .min = 2000, .max = 2100,
		    .input_class = "govuk-input--width-4", .inputmode = "numeric",
		    .hint = "For example 2026 for 2026/27", .missing = "Enter the year",
		    .invalid = "Enter the year as 4 numbers, for example 2026"},
	[F_TITLE] = {"title", FORM_TEXT, "Title", .required = true, .max_chars = 200,
		     .hint = "As people will see it, for example: Mastering Number at KS2: autumn survey",
		     .missing = "Enter a title"},
	[F_COPY] = {"copy", FORM_CHOICES, "Questions", .options = copy_options, .noptions = 1,
		    .hint = "Of the same NCP (the same number in an earlier year) or of the default; otherwise it starts "
			    "empty"},
};

struct create {
	struct form_page fp;
	int year;
	bool national; /* may create the defaults */
};

static enum err new_load(struct db *db, struct form_page *fp)
{
	(void)db;
	(void)fp;
	return ERR_OK;
}

static void new_prepare(struct form_page *fp)
{
	struct create *c = fp->ctx;
	const struct session *s = fp->rq->session;
	c->national = perm_scope(s->grants, s->ngrants, CAP_SURVEYS_MANAGE) == SCOPE_NATIONAL;
	fp->title = "Create a survey template";
	fp->back_href = arena_printf(fp->rq->arena, "/surveys?year=%d", c->year);
	fp->action = "/surveys/new";
	fp->button = "Create survey";
	if (!c->national) {
		/* a Project Lead writes their NCP's own: the defaults are the national team's */
		struct form_field *f = arena_alloc(fp->rq->arena, sizeof(new_fields));
		memcpy(f, new_fields, sizeof(new_fields));
		f[F_NCP].label = "NCP code";
		f[F_NCP].required = true;
		f[F_NCP].missing = "Enter the code of the NCP you lead";
		f[F_NCP].hint = "The NCP you lead, for example NCP24-06";
		fp->form = (struct form){f, F_COUNT};
	}
}

static void new_prefill(struct form_page *fp)
{
	struct create *c = fp->ctx;
	form_set(&fp->d, F_YEAR, arena_printf(fp->rq->arena, "%d", c->year));
}

static enum err new_write(struct db *db, struct form_page *fp)
{
	struct create *c = fp->ctx;
	struct req *rq = fp->rq;
	struct arena *a = rq->arena;
	const struct form_value *v = fp->d.values;
	enum survey_kind kind = SURVEY_AUTUMN;
	survey_kind_from_key(v[F_KIND].text, &kind);
	int year = (int)v[F_YEAR].number;
	char ycode[8];
	acyear_code(year, ycode);
	struct survey_ncp ncp = {0};
	const char *code = v[F_NCP].text && *v[F_NCP].text ? v[F_NCP].text : NULL;
	enum err e;
	if (code) {
		char *upper = arena_strdup(a, code);
		for (char *p = upper; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
		if ((e = survey_ncp_read(db, a, upper, &ncp)) == ERR_NOT_FOUND) {
			form_fail(&fp->d, F_NCP, "Enter the code of an NCP, for example NCP24-06");
			return ERR_OK;
		}
		if (e)
			return e;
		if (ncp.year != year) {
			char ny[8];
			acyear_code(ncp.year, ny);
			form_fail(&fp->d, F_NCP, arena_printf(a, "%s is an NCP of %s: enter an NCP of %s", ncp.code, ny, ycode));
			return ERR_OK;
		}
	}
	struct survey_template t = {.project_id = ncp.id, .project_code = ncp.code, .year = year, .kind = kind};
	if (!surveys_may_change(rq, &t)) {
		form_fail(&fp->d, F_NCP,
			  c->national ? "You cannot create this survey" : "You can only create surveys for the NCP you lead");
		return ERR_OK;
	}
	int64_t id;
	if ((e = survey_template_find(db, ncp.id, year, kind, &id)) != ERR_NOT_FOUND) {
		if (e)
			return e;
		form_fail(&fp->d, F_KIND, arena_printf(a, "There is already a %s %s for %s", survey_kind_name(kind), ycode,
						       ncp.code ? ncp.code : "every NCP"));
		return ERR_OK;
	}
	const char *content = "{\"sections\":[]}", *from = NULL;
	if (form_chosen(&fp->d, F_COPY, "yes")) {
		struct survey_template earlier;
		if ((e = survey_template_earlier(db, a, ncp.code, year, kind, &earlier)) == ERR_NOT_FOUND) {
			form_fail(&fp->d, F_COPY, arena_printf(a, "There is no %s of an earlier year for %s to start from",
							       survey_kind_name(kind), ncp.code ? ncp.code : "every NCP"));
			return ERR_OK;
		}
		if (e)
			return e;
		content = earlier.content;
		from = surveys_caption(a, &earlier);
	}
	int64_t me = rq->session->person_id;
	if ((e = survey_template_add(db, ncp.id, year, kind, v[F_TITLE].text, content, me, clock_now(), &id)) ||
	    (e = audit(db, rq, me, "survey_template_created", arena_printf(a, "survey:%lld", (long long)id),
		       arena_printf(a, "%s %s for %s: %s%s%s", survey_kind_key(kind), ycode,
				    ncp.code ? ncp.code : "every NCP", v[F_TITLE].text, from ? ", from " : "",
				    from ? from : ""))))
		return e;
	fp->done_href = surveys_href(a, id, NULL);
	return session_flash(rq, from ? arena_printf(a, "Survey created from the %s: check its questions for this year", from)
				      : "Survey created");
}

static const struct form_page new_page = {
	.name = "surveys_new", .form = FORM(new_fields), .load = new_load, .prepare = new_prepare,
	.prefill = new_prefill, .write = new_write,
};

static struct form_page *new_of(struct req *rq, struct create *c)
{
	*c = (struct create){.fp = new_page};
	c->fp.rq = rq;
	c->fp.ctx = c;
	c->year = year_of(req_query(rq, "year"));
	if (!c->year)
		c->year = year_now();
	return &c->fp;
}

enum err surveys_new(struct req *rq, struct resp *rs)
{
	struct create c;
	return form_page_get(rs, new_of(rq, &c));
}

enum err surveys_new_post(struct req *rq, struct resp *rs)
{
	struct create c;
	return form_page_post(rs, new_of(rq, &c));
}
